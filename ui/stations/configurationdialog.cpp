#include "ui/stations/configurationdialog.h"

#include "core/commands/commandcall.h"
#include "core/commands/stationconfiguration.h"
#include "core/storage/queryrunner.h"
#include "ui/stations/configurationmodel.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/searchabletable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kMaxValueLength = 500;  // ChangeConfiguration.req value: string(500)
}

ConfigurationDialog::ConfigurationDialog(QString chargePointId, storage::QueryRunner &runner, access::Actor actor,
                                         QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_runner(runner), m_actor(std::move(actor))
{
    setObjectName(u"configurationDialog"_s);
    //: %1 is the station's id
    setWindowTitle(tr("Configuration of %1").arg(m_chargePointId));
    resize(900, 620);

    m_model = new ConfigurationModel(this);
    const SearchableTable list = makeSearchableTable(u"configuration"_s, m_model, this);
    m_search = list.search;
    m_summary = list.summary;
    m_proxy = list.proxy;
    m_table = list.table;
    m_search->setPlaceholderText(tr("Search by key or value"));
    m_table->sortByColumn(ConfigurationModel::Key, Qt::AscendingOrder);

    m_keyLabel = new WrappingLabel(this);
    m_keyLabel->setObjectName(u"configurationKey"_s);
    m_value = new QLineEdit(this);
    m_value->setObjectName(u"configurationValue"_s);
    m_value->setMaxLength(kMaxValueLength);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"configurationReason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("Why: kept in the audit log with the command"));
    m_change = new QPushButton(tr("Change"), this);
    m_change->setObjectName(u"configurationChange"_s);
    m_message = new WrappingLabel(this);
    m_message->setObjectName(u"configurationMessage"_s);
    m_message->hide();
    auto *edit = new QFormLayout;
    edit->addRow(tr("Key:"), m_keyLabel);
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_value, 1);
    edit->addRow(tr("New value:"), valueRow);
    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(m_reason, 1);
    reasonRow->addWidget(m_change);
    edit->addRow(tr("Reason:"), reasonRow);

    m_reload = new QPushButton(tr("Read again"), this);
    m_reload->setObjectName(u"configurationReload"_s);
    m_reload->setToolTip(tr("Asks the station for its configuration (GetConfiguration)."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reload, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(list.bar);
    layout->addWidget(m_table, 1);
    layout->addLayout(edit);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const commands::ConfigurationKey *k = m_model->key(m_model->rowOf(selectedKey()));
        m_value->setText(k && k->valueKnown ? k->value : QString());
        updateEditor();
    });
    connect(m_value, &QLineEdit::textChanged, this, &ConfigurationDialog::updateEditor);
    connect(m_reason, &QLineEdit::textChanged, this, &ConfigurationDialog::updateEditor);
    connect(m_change, &QPushButton::clicked, this, &ConfigurationDialog::changeSelected);
    connect(m_reload, &QPushButton::clicked, this, &ConfigurationDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    updateEditor();
    reload();
}

void ConfigurationDialog::reload()
{
    if (m_reading)
        return;
    m_reading = true;
    m_reload->setEnabled(false);
    m_summary->setText(tr("Asking the station…"));
    commands::CommandRequest request;
    request.chargePointId = m_chargePointId;
    request.action = u"GetConfiguration"_s;
    request.requestedBy = m_actor;
    request.reason = tr("Configuration read in the console");
    auto *call = new commands::CommandCall(m_runner, this);
    connect(call, &commands::CommandCall::finished, this, [this, call](const QString &state, const QString &result) {
        call->deleteLater();
        m_reading = false;
        m_reload->setEnabled(true);
        if (state != u"succeeded") {
            m_summary->setText(state == u"expired" ? tr("The station is offline: its configuration cannot be read now.")
                                                   : tr("The station did not give its configuration: %1").arg(result));
            emit loaded(m_model->rowCount());
            return;
        }
        const auto configuration = commands::ConfigurationText::parse(result);
        if (!configuration) {
            m_summary->setText(configuration.error().message);
            emit loaded(m_model->rowCount());
            return;
        }
        const QString selected = selectedKey();
        m_model->setKeys(configuration->keys);
        m_table->resizeColumnsToContents();
        if (!selected.isEmpty())
            selectKey(selected);
        //: %n keys; %1 the time they were read
        m_summary->setText(tr("%n key(s), read at %1", nullptr, m_model->rowCount())
                               .arg(QLocale().toString(QDateTime::currentDateTime().time(), QLocale::ShortFormat)));
        updateEditor();
        emit loaded(m_model->rowCount());
    });
    call->submit(request);
}

bool ConfigurationDialog::selectKey(const QString &key)
{
    return selectSourceRow(m_table, m_model, m_model->rowOf(key));
}

QString ConfigurationDialog::selectedKey() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().siblingAtColumn(ConfigurationModel::Key).data().toString();
}

void ConfigurationDialog::updateEditor()
{
    const commands::ConfigurationKey *k = m_model->key(m_model->rowOf(selectedKey()));
    if (!k)
        m_keyLabel->setText(tr("Select a key in the list."));
    else if (k->readonly)
        m_keyLabel->setText(tr("%1 (read-only: the station does not let it change)").arg(k->key));
    else
        m_keyLabel->setText(k->key);
    const bool editable = k && !k->readonly && !m_changing;
    m_value->setEnabled(editable);
    m_reason->setEnabled(editable);
    m_change->setEnabled(editable && !m_reason->text().trimmed().isEmpty()
                         && !(k->valueKnown && k->value == m_value->text()));
}

void ConfigurationDialog::changeSelected()
{
    const commands::ConfigurationKey *k = m_model->key(m_model->rowOf(selectedKey()));
    if (!k || k->readonly || m_changing || m_reason->text().trimmed().isEmpty())
        return;
    m_changing = true;
    updateEditor();
    showMessage(tr("Sending %1 = %2…").arg(k->key, m_value->text()), false);
    commands::CommandRequest request;
    request.chargePointId = m_chargePointId;
    request.action = u"ChangeConfiguration"_s;
    request.payload = {{"key", k->key.toStdString()}, {"value", m_value->text().toStdString()}};
    request.requestedBy = m_actor;
    request.reason = m_reason->text().trimmed();
    auto *call = new commands::CommandCall(m_runner, this);
    connect(call, &commands::CommandCall::finished, this, [this, call](const QString &state, const QString &result) {
        call->deleteLater();
        m_changing = false;
        bool accepted = false;
        QString message;
        if (state == u"succeeded")
            message = commands::ConfigurationText::changeOutcome(result, &accepted);
        else if (state == u"expired")
            message = tr("Not sent: the station is offline.");
        else
            message = tr("The command failed: %1").arg(result);
        showMessage(message, !accepted);
        if (accepted) {
            m_reason->clear();
            reload();
        }
        updateEditor();
        emit changed(accepted, message);
    });
    call->submit(request);
}

void ConfigurationDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #c62828;"_s : QString());
    m_message->show();
}

}  // namespace cd::ui
