#include "ui/accounts/tariffstab.h"

#include "core/billing/tariffrepository.h"
#include "core/storage/queryrunner.h"
#include "ui/accounts/tariffeditor.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using billing::Tariff;
using billing::TariffText;

namespace {

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

}  // namespace

TariffsTab::TariffsTab(const AccountsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_listTitle = new QLabel(this);
    m_listTitle->setFont(style::subheadingFont(font()));
    m_history = new QCheckBox(this);
    m_history->setObjectName(u"tariffHistory"_s);
    m_model = new TextTableModel(this);
    m_list = makeReadOnlyTable(u"tariffList"_s, this);
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_new = new QPushButton(this);
    m_new->setObjectName(u"newTariffButton"_s);
    m_save = new QPushButton(this);
    m_save->setObjectName(u"saveTariffButton"_s);
    showOnlyIfAllowed(m_context.actor, access::Permission::TariffsEdit, {m_new, m_save});
    m_status = new QLabel(this);
    m_status->setObjectName(u"tariffStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_editor = new TariffEditor(this);
    m_editor->setObjectName(u"tariffEditor"_s);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_listTitle, 1);
    titleRow->addWidget(m_history);
    leftLayout->addLayout(titleRow);
    leftLayout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_status);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"tariffEditorScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_editor);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(u"tariffSplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(scroll);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(split);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid() && current.row() < m_rows.size())
            m_editor->setTariff(m_rows.at(current.row()));
        updateButtons();
    });
    connect(m_history, &QCheckBox::toggled, this, &TariffsTab::refresh);
    connect(m_new, &QPushButton::clicked, this, &TariffsTab::newTariff);
    connect(m_save, &QPushButton::clicked, this, &TariffsTab::save);
    connect(m_editor, &TariffEditor::changed, this, &TariffsTab::updateButtons);
    retranslateUi();
    updateButtons();
    refresh();
}

TariffsTab::~TariffsTab() = default;

QString TariffsTab::statusText() const
{
    return m_status->text();
}

void TariffsTab::refresh()
{
    m_context.runner->run<Expected<billing::PlaceChoices>>(
        this, [](const std::shared_ptr<storage::Database> &db) { return billing::PlaceChoices::load(*db); },
        [this](Expected<billing::PlaceChoices> choices) {
            if (!choices) {
                m_status->setText(choices.error().message);
                return;
            }
            m_choices = std::move(*choices);
            m_editor->setScopeChoices(m_choices);
            showRows();
        });
    const bool history = m_history->isChecked();
    m_context.runner->run<Expected<QList<Tariff>>>(
        this,
        [history](const std::shared_ptr<storage::Database> &db) { return billing::TariffRepository(*db).list(history); },
        [this](Expected<QList<Tariff>> rows) {
            if (!rows) {
                m_status->setText(rows.error().message);
                return;
            }
            const int row = m_list->currentIndex().row();
            const qint64 selected = m_selectAfterLoad != 0                    ? m_selectAfterLoad
                                    : row >= 0 && row < m_rows.size() ? m_rows.at(row).id
                                                                              : 0;
            m_selectAfterLoad = 0;
            m_rows = std::move(*rows);
            showRows();
            if (selected != 0)
                selectTariff(selected);
            updateButtons();
            emit loaded(int(m_rows.size()));
        });
}

void TariffsTab::showRows()
{
    QList<QStringList> rows;
    for (const Tariff &t : m_rows) {
        const QString target = m_choices.nameOf(t.scope, t.scopeId);
        const QString scope = t.scope == billing::TariffScope::Global
                                  ? TariffText::scopeTitle(t.scope)
                                  : TariffText::scopeTitle(t.scope) + u' ' + (target.isEmpty() ? QString::number(t.scopeId) : target);
        const QString price = t.isTimeOfUse() ? tr("%n period(s)", nullptr, int(t.periods.size()))
                                              : amountText(t.energyPriceMinorPerKwh, t.currency);
        rows.append({t.name, scope, QString::number(t.version), localTime(t.validFromMs),
                     t.validToMs ? localTime(*t.validToMs) : QString(), price});
    }
    m_model->setRows(rows);
}

bool TariffsTab::selectTariff(qint64 tariffId)
{
    const int row = rowOfId(m_rows, tariffId);
    if (!selectSourceRow(m_list, m_model, row))
        return false;
    m_editor->setTariff(m_rows.at(row));
    return true;
}

void TariffsTab::newTariff()
{
    m_list->clearSelection();
    m_list->setCurrentIndex({});
    Tariff fresh;
    fresh.currency = m_context.currency;
    fresh.name = tr("New tariff");
    m_editor->setTariff(fresh);
    updateButtons();
}

void TariffsTab::save()
{
    if (!m_editor->problems().isEmpty()) {
        m_status->setText(tr("The tariff has problems: see under the editor."));
        emit actionFinished(false, m_status->text());
        return;
    }
    const auto tariff = m_editor->tariff();
    if (!tariff)
        return;
    m_status->clear();
    m_save->setEnabled(false);
    m_context.runner->run<Expected<Tariff>>(
        this,
        [t = *tariff, who = m_context.actor](const std::shared_ptr<storage::Database> &db) {
            return billing::TariffRepository(*db).save(t, who, QString());
        },
        [this](Expected<Tariff> saved) {
            const QString text = saved ? tr("Saved %1, version %2.").arg(saved->name).arg(saved->version) : saved.error().message;
            m_status->setText(text);
            if (saved)
                m_selectAfterLoad = saved->id;
            refresh();
            updateButtons();
            emit actionFinished(saved.ok(), text);
        });
}

void TariffsTab::updateButtons()
{
    m_save->setEnabled(m_editor->problems().isEmpty());
    m_save->setText(m_editor->editedId() == 0 ? tr("&Save tariff") : tr("&Save as new version"));
}

void TariffsTab::retranslateUi()
{
    m_listTitle->setText(tr("Tariffs"));
    m_history->setText(tr("Every version"));
    m_new->setText(tr("&New tariff"));
    m_model->setHeaders({tr("Name"), tr("Applies to"), tr("Version"), tr("Valid from"), tr("Valid until"), tr("Energy price")});
    showRows();
    m_editor->retranslateUi();
    updateButtons();
}

}  // namespace cd::ui
