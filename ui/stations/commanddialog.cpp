#include "ui/stations/commanddialog.h"

#include "core/commands/commandnotifications.h"
#include "core/commands/commandqueue.h"
#include "core/commands/commandtemplates.h"
#include "core/storage/commandrepository.h"
#include "core/storage/database.h"
#include "core/storage/queryrunner.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

using storage::CommandRecord;

struct Outcome {
    QString state;   // "queued", "sent", "succeeded", ... or empty with an error
    QString result;  // the station's answer, or why it failed
    QString error;
};

QString prettyJson(const QString &text)
{
    const nlohmann::json parsed = nlohmann::json::parse(text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? text : QString::fromStdString(parsed.dump(2));
}

}  // namespace

CommandDialog::CommandDialog(QString chargePointId, const QString &protocol, storage::QueryRunner &runner,
                             QString operatorName, QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_runner(runner), m_operatorName(std::move(operatorName))
{
    setObjectName(u"commandDialog"_s);
    //: %1 is the station's id
    setWindowTitle(tr("Command to %1").arg(m_chargePointId));
    setMinimumWidth(520);

    m_action = new QComboBox(this);
    m_action->setObjectName(u"commandAction"_s);
    const auto version = ocpp::protocolVersionFromSubprotocol(protocol).value_or(ocpp::ProtocolVersion::Ocpp16);
    for (const commands::CommandTemplate &t : commands::commandTemplates(version))
        m_action->addItem(t.action, QString::fromStdString(t.payload.dump(2)));

    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(u"commandPayload"_s);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setTabChangesFocus(true);
    m_payload->setMinimumHeight(120);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"commandReason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("Why: kept in the audit log with the command"));

    m_problem = new WrappingLabel(this);
    m_problem->setObjectName(u"commandProblem"_s);
    QPalette errorPalette = m_problem->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problem->setPalette(errorPalette);
    m_problem->hide();

    m_status = new WrappingLabel(this);
    m_status->setObjectName(u"commandStatus"_s);
    m_result = new QPlainTextEdit(this);
    m_result->setObjectName(u"commandResult"_s);
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setMaximumHeight(140);
    m_result->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = m_buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(u"commandSend"_s);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &CommandDialog::send);

    auto *form = new QFormLayout;
    form->addRow(tr("Action:"), m_action);
    form->addRow(tr("Payload (JSON):"), m_payload);
    form->addRow(tr("Reason:"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    connect(m_action, &QComboBox::currentIndexChanged, this, &CommandDialog::loadTemplate);
    connect(m_reason, &QLineEdit::textChanged, this, &CommandDialog::updateSendable);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &CommandDialog::updateSendable);
    loadTemplate(m_action->currentIndex());
}

CommandDialog::~CommandDialog() = default;

void CommandDialog::prepare(const QString &action, const QString &payloadJson)
{
    const int index = m_action->findText(action);
    if (index >= 0)
        m_action->setCurrentIndex(index);
    m_payload->setPlainText(payloadJson);
}

void CommandDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

void CommandDialog::loadTemplate(int index)
{
    if (index >= 0)
        m_payload->setPlainText(m_action->itemData(index).toString());
}

void CommandDialog::updateSendable()
{
    m_send->setEnabled(!m_commandId && !m_reason->text().trimmed().isEmpty() && m_action->currentIndex() >= 0);
}

void CommandDialog::send()
{
    if (m_commandId)
        return;
    const nlohmann::json payload = nlohmann::json::parse(m_payload->toPlainText().toStdString(), nullptr, false);
    QString problem;
    if (!payload.is_object())
        problem = tr("The payload must be a JSON object, e.g. {\"type\": \"Soft\"}.");
    else if (m_reason->text().trimmed().isEmpty())
        problem = tr("Give a reason: it is kept in the audit log with the command.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return;

    commands::CommandRequest request;
    request.chargePointId = m_chargePointId;
    request.action = m_action->currentText();
    request.payload = payload;
    request.requestedBy = m_operatorName;
    request.reason = m_reason->text().trimmed();
    m_send->setEnabled(false);
    m_action->setEnabled(false);
    m_payload->setReadOnly(true);
    m_reason->setReadOnly(true);
    m_status->setText(tr("Queuing the command…"));
    m_runner.run<Expected<qint64>>(
        this, [request](const std::shared_ptr<storage::Database> &db) { return commands::CommandQueue(*db).submit(request); },
        [this](Expected<qint64> id) {
            if (!id) {
                showResult(QString(), id.error().message);
                return;
            }
            m_commandId = *id;
            m_status->setText(tr("Sent to the station; waiting for its answer…"));
            // Woken when any command finishes (this process's bus, NOTIFY on PostgreSQL, a
            // short poll on SQLCipher); then the row says whether it was ours.
            m_wakeups = new commands::CommandNotifications(*m_runner.database(), std::chrono::milliseconds(1000), this);
            connect(m_wakeups, &commands::CommandNotifications::commandFinished, this, [this](qint64 finishedId) {
                if (finishedId == 0 || (m_commandId && finishedId == *m_commandId))
                    checkResult();
            });
            checkResult();
        });
}

void CommandDialog::checkResult()
{
    if (!m_commandId || m_done)
        return;
    const qint64 id = *m_commandId;
    m_runner.run<Outcome>(
        this,
        [id](const std::shared_ptr<storage::Database> &db) {
            auto record = commands::CommandQueue(*db).get(id);
            if (!record)
                return Outcome{{}, {}, record.error().message};
            return Outcome{CommandRecord::stateName(record->state), record->result, {}};
        },
        [this](Outcome outcome) {
            if (m_done)
                return;
            if (!outcome.error.isEmpty()) {
                showResult(QString(), outcome.error);
                return;
            }
            if (outcome.state == u"queued" || outcome.state == u"sent")
                return;  // not yet
            showResult(outcome.state, outcome.result);
        });
}

void CommandDialog::showResult(const QString &state, const QString &result)
{
    m_done = true;
    if (m_wakeups)
        m_wakeups->deleteLater();
    m_wakeups = nullptr;
    if (state == u"succeeded")
        m_status->setText(tr("The station answered:"));
    else if (state == u"expired")
        m_status->setText(tr("Not sent: the station is offline."));
    else if (state.isEmpty())
        m_status->setText(tr("The command could not be queued:"));
    else
        m_status->setText(tr("The command failed:"));
    m_result->setPlainText(prettyJson(result));
    m_result->show();
    emit finished(state);
}

}  // namespace cd::ui
