#pragma once
// The operator's actions on a session (DOMAIN "Sessions (operations)", seed 000) as plain values:
// what is asked (ActionRequest), what will happen (ActionPlan: the dry run every confirmation
// shows, with what happens to money), and what was done (ActionResult). Plain values in and out,
// so a worker thread or a CLI can carry them.

#include "core/sessions/statuspriority.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::sessions {

enum class ActionKind {
    Finish,        // as if the station's Stop arrived; the hold finalized by the energy counter
    CancelHold,    // give the money back; canceled unless failed / failed_hold
    Finalize,      // capture part of the hold (default: the last reported total), release the rest
    SetEnergy,     // set the energy counter, optionally recompute the total
    ChangeStatus,  // SOFT (priorities) or OVERRIDE
    Start,         // RemoteStartTransaction (1.6) / RequestStartTransaction (2.0.1)
    Stop,          // RemoteStopTransaction (1.6) / RequestStopTransaction (2.0.1)
    Reset,         // Reset of the session's station
};

QString actionKindName(ActionKind kind);  // "finish", "cancel-hold", "finalize", "set-energy", "set-status", "start", "stop", "reset"
std::optional<ActionKind> actionKindFromName(const QString &name);
// The session event an action leaves: "operator_finish", "operator_cancel_hold", "operator_finalize",
// "operator_energy", "operator_status", "operator_start", "operator_stop", "operator_reset".
QString sessionEventKind(ActionKind kind);

struct ActionRequest {
    ActionKind kind = ActionKind::Finish;
    qint64 sessionId = 0;
    std::optional<qint64> amountMinor;  // Finalize: the amount to capture (default: the session's amount)
    std::optional<qint64> energyWh;     // SetEnergy: the new counter
    bool recompute = false;             // SetEnergy: price the new energy (SessionPricing)
    QString status;                     // ChangeStatus: the status wanted
    ChangeMode mode = ChangeMode::Soft; // ChangeStatus
    bool hardReset = false;             // Reset: Hard (1.6) / Immediate (2.0.1) instead of Soft / OnIdle
};

// What will happen. `refusals` empty: the action can run.
struct ActionPlan {
    ActionKind kind = ActionKind::Finish;
    qint64 sessionId = 0;
    QString sessionNumber;
    QString chargePointId;
    QString currency;  // of the session or its hold; empty when neither has one

    QString statusBefore;
    QString statusAfter;
    std::optional<ChangeMode> mode;  // Change status: SOFT or OVERRIDE
    qint64 energyBeforeWh = 0;
    qint64 energyAfterWh = 0;
    qint64 amountBeforeMinor = 0;
    qint64 amountAfterMinor = 0;
    bool priced = false;        // amountAfter comes from a tariff
    bool noTariff = false;      // a price was wanted and no tariff exists: the amount stays

    std::optional<qint64> holdId;  // the hold the money calls go to
    QString holdStatusBefore = QStringLiteral("none");
    QString holdStatusAfter = QStringLiteral("none");  // once the gateway has done it
    qint64 heldMinor = 0;
    qint64 captureMinor = 0;
    qint64 releaseMinor = 0;
    qint64 refundMinor = 0;
    qint64 uncoveredMinor = 0;  // amount above the hold that the capture cannot take

    // Start / Stop / Reset: the command that will be queued.
    QString commandAction;
    QJsonObject commandPayload;

    QStringList notes;     // more that the operator should know (translated)
    QStringList refusals;  // why it cannot run (translated)

    bool ok() const { return refusals.isEmpty(); }
    bool movesMoney() const { return captureMinor > 0 || releaseMinor > 0 || refundMinor > 0; }
};

struct ActionResult {
    ActionPlan plan;       // as applied
    qint64 auditId = 0;    // the audit record of the session change (0 for commands: the queue audits them)
    // The money call journaled after the session change: its outcome comes with
    // payments::HoldService::callFinished(callId, …). 0: no money call.
    qint64 holdId = 0;
    qint64 moneyCallId = 0;
    QString moneyError;    // the session change was made but the money call could not be journaled
    qint64 commandId = 0;  // Start / Stop / Reset: the queued command
};

class SessionActionText {
    Q_DECLARE_TR_FUNCTIONS(cd::sessions::SessionActionText)
public:
    // The action's name for people ("Finish", "Cancel hold", …).
    static QString title(ActionKind kind);
    // The plan in plain lines for the confirmation: status, energy, amount, money, command, notes.
    static QStringList describe(const ActionPlan &plan);
};

QJsonObject planToJson(const ActionPlan &plan);
QJsonObject actionResultToJson(const ActionResult &result);

}  // namespace cd::sessions
