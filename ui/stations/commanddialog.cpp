#include "ui/stations/commanddialog.h"

#include "core/commands/commandcall.h"
#include "core/commands/commandqueue.h"
#include "core/commands/commandtemplates.h"
#include "core/commands/transferprogress.h"
#include "core/ocpp/payloadvalidator.h"
#include "core/storage/stationeventrepository.h"
#include "core/storage/stationrepository.h"
#include "ui/stations/commandform.h"
#include "core/storage/commandrepository.h"
#include "core/storage/database.h"
#include "core/storage/queryrunner.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr int kProgressPollMs = 2000;

// The latest progress notification of a transfer: its status and when it came.
struct ProgressReport {
    QString status;
    qint64 atMs = 0;
    QString error;
};

QString prettyJson(const QString &text)
{
    const nlohmann::json parsed = nlohmann::json::parse(text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? text : QString::fromStdString(parsed.dump(2));
}

}  // namespace

CommandDialog::CommandDialog(QString chargePointId, const QString &protocol, storage::QueryRunner &runner,
                             access::Actor actor, QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_runner(runner), m_actor(std::move(actor))
{
    setObjectName(u"commandDialog"_s);
    //: %1 is the station's id
    setWindowTitle(tr("Command to %1").arg(m_chargePointId));
    setMinimumWidth(520);

    m_action = new QComboBox(this);
    m_action->setObjectName(u"commandAction"_s);
    m_version = ocpp::protocolVersionFromSubprotocol(protocol).value_or(ocpp::ProtocolVersion::Ocpp16);
    for (const commands::CommandTemplate &t : commands::commandTemplates(m_version))
        m_action->addItem(t.action, QString::fromStdString(t.payload.dump(2)));

    m_form = new CommandForm(this);

    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(u"commandPayload"_s);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setTabChangesFocus(true);
    m_payload->setMinimumHeight(120);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"commandTabs"_s);
    m_tabs->setDocumentMode(true);
    //: the tab with one field per part of the command
    m_tabs->addTab(m_form, tr("Form"));
    //: the tab with the command's payload as JSON text
    m_tabs->addTab(m_payload, tr("JSON"));

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
    m_progressText = new WrappingLabel(this);
    m_progressText->setObjectName(u"commandProgressText"_s);
    m_progressText->hide();
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"commandProgress"_s);
    m_progress->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = m_buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(u"commandSend"_s);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &CommandDialog::send);

    auto *form = new QFormLayout;
    form->addRow(tr("Action:"), m_action);
    form->addRow(m_tabs);
    form->addRow(tr("Reason:"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(m_result);
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_action, &QComboBox::currentIndexChanged, this, &CommandDialog::loadTemplate);
    connect(m_reason, &QLineEdit::textChanged, this, &CommandDialog::updateSendable);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &CommandDialog::updateSendable);
    connect(m_tabs, &QTabWidget::currentChanged, this, &CommandDialog::syncTabs);
    loadTemplate(m_action->currentIndex());
}

CommandDialog::~CommandDialog() = default;

void CommandDialog::prepare(const QString &action, const QString &payloadJson)
{
    const int index = m_action->findText(action);
    if (index >= 0)
        m_action->setCurrentIndex(index);
    m_payload->setPlainText(payloadJson);
    const nlohmann::json payload = nlohmann::json::parse(payloadJson.toStdString(), nullptr, false);
    if (payload.is_object())
        m_form->setPayload(payload);
}

void CommandDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

void CommandDialog::loadTemplate(int index)
{
    if (index < 0)
        return;
    const QString text = m_action->itemData(index).toString();
    m_payload->setPlainText(text);
    m_form->setCommand(m_version, m_action->itemText(index), nlohmann::json::parse(text.toStdString(), nullptr, false));
    m_problem->hide();
}

void CommandDialog::syncTabs(int shownTab)
{
    // What the other tab held becomes this one's content.
    QString problem;
    if (m_tabs->widget(shownTab) == m_payload) {
        const Expected<nlohmann::json> payload = m_form->payload();
        if (payload)
            m_payload->setPlainText(QString::fromStdString(payload->dump(2)));
        else
            problem = payload.error().message;
    } else {
        const nlohmann::json payload = nlohmann::json::parse(m_payload->toPlainText().toStdString(), nullptr, false);
        if (payload.is_object())
            m_form->setPayload(payload);
        else
            problem = tr("The payload must be a JSON object, e.g. {\"type\": \"Soft\"}.");
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

Expected<nlohmann::json> CommandDialog::currentPayload() const
{
    Expected<nlohmann::json> payload = nlohmann::json();
    if (m_tabs->currentWidget() == m_form) {
        payload = m_form->payload();
    } else {
        payload = nlohmann::json::parse(m_payload->toPlainText().toStdString(), nullptr, false);
        if (!payload->is_object())
            return Error{ExitCode::Usage, tr("The payload must be a JSON object, e.g. {\"type\": \"Soft\"}.")};
    }
    if (!payload)
        return payload;
    // The station would refuse what its schema does not allow: said here, before it is queued.
    if (const auto refused = ocpp::PayloadValidator().validate(m_version, m_action->currentText(), ocpp::PayloadKind::Request, *payload))
        return Error{ExitCode::Usage, tr("The station would refuse this payload: %1").arg(refused->description)};
    return payload;
}

void CommandDialog::updateSendable()
{
    m_send->setEnabled(!m_commandId && !m_reason->text().trimmed().isEmpty() && m_action->currentIndex() >= 0);
}

void CommandDialog::send()
{
    if (m_commandId)
        return;
    const Expected<nlohmann::json> payload = currentPayload();
    QString problem;
    if (!payload)
        problem = payload.error().message;
    else if (m_reason->text().trimmed().isEmpty())
        problem = tr("Give a reason: it is kept in the audit log with the command.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return;

    commands::CommandRequest request;
    request.chargePointId = m_chargePointId;
    request.action = m_action->currentText();
    request.payload = *payload;
    request.requestedBy = m_actor;
    request.reason = m_reason->text().trimmed();
    m_send->setEnabled(false);
    m_action->setEnabled(false);
    m_payload->setReadOnly(true);
    m_form->setReadOnly(true);
    m_reason->setReadOnly(true);
    m_sentMs = QDateTime::currentMSecsSinceEpoch();
    m_status->setText(tr("Queuing the command…"));
    m_call = new commands::CommandCall(m_runner, this);
    connect(m_call, &commands::CommandCall::queued, this, [this](qint64 id) {
        m_commandId = id;
        m_status->setText(tr("Sent to the station; waiting for its answer…"));
    });
    connect(m_call, &commands::CommandCall::finished, this, &CommandDialog::showResult);
    m_call->submit(request);
}

void CommandDialog::showResult(const QString &state, const QString &result)
{
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
    const nlohmann::json answer = nlohmann::json::parse(result.toStdString(), nullptr, false);
    // 2.0.1 answers with a status; 1.6 GetDiagnostics with the file name it will upload, 1.6
    // UpdateFirmware with nothing (it cannot refuse).
    const QString action = m_action->currentText();
    const bool accepted = state == u"succeeded" && answer.is_object()
        && (answer.value("status", std::string()) == "Accepted" || answer.contains("fileName")
            || (action == u"UpdateFirmware" && !answer.contains("status")));
    if (accepted && !commands::progressEventKind(action).isEmpty())
        watchProgress();
}

void CommandDialog::watchProgress()
{
    m_progressText->setText(tr("Accepted. Waiting for the station's first progress report…"));
    m_progressText->show();
    m_progress->setRange(0, 0);  // busy until the first report
    m_progress->show();
    m_progressPoll = new QTimer(this);
    m_progressPoll->setInterval(kProgressPollMs);
    connect(m_progressPoll, &QTimer::timeout, this, &CommandDialog::checkProgress);
    m_progressPoll->start();
    checkProgress();
}

void CommandDialog::checkProgress()
{
    const QString kind = commands::progressEventKind(m_action->currentText());
    const QString station = m_chargePointId;
    const qint64 fromMs = m_sentMs - 1000;
    m_runner.run<ProgressReport>(
        this,
        [kind, station, fromMs](const std::shared_ptr<storage::Database> &db) {
            auto found = storage::StationRepository(*db).find(station);
            if (!found)
                return ProgressReport{{}, 0, found.error().message};
            if (!found->has_value())
                return ProgressReport{};
            storage::StationEventFilter filter;
            filter.stationId = (*found)->id;
            filter.kind = kind;
            filter.fromMs = fromMs;
            auto events = storage::StationEventRepository(*db).list(filter);
            if (!events)
                return ProgressReport{{}, 0, events.error().message};
            if (events->isEmpty())
                return ProgressReport{};
            const storage::StationEvent &last = events->constLast();
            const nlohmann::json detail = nlohmann::json::parse(last.detail.toStdString(), nullptr, false);
            const std::string status = detail.is_object() ? detail.value("status", std::string()) : std::string();
            return ProgressReport{QString::fromStdString(status), last.atMs, {}};
        },
        [this](ProgressReport report) {
            if (!report.error.isEmpty()) {
                m_progressText->setText(report.error);
                return;
            }
            if (report.status.isEmpty())
                return;  // nothing reported yet
            const commands::TransferProgress p = commands::transferProgress(m_action->currentText(), report.status);
            m_progress->setRange(0, std::max(1, p.steps));
            m_progress->setValue(p.step);
            const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(report.atMs).time(), QLocale::LongFormat);
            if (p.failed)
                //: %1 the station's status value such as DownloadFailed, %2 the time it reported it
                m_progressText->setText(tr("Failed: the station reported %1 at %2.").arg(report.status, at));
            else if (p.finished)
                m_progressText->setText(tr("Done: the station reported %1 at %2.").arg(report.status, at));
            else
                m_progressText->setText(tr("In progress: the station reported %1 at %2.").arg(report.status, at));
            if (p.finished)
                m_progressPoll->stop();
            emit progressShown(report.status);
        });
}

}  // namespace cd::ui
