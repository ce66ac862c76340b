#pragma once
// Settlement (issue #6 item 7; DOMAIN "Anomaly bills", gdss_case#8, igo_case#97).
// Mode per sub-operator (sub_operators.settlement_mode; session → station → site → sub-operator;
// without a sub-operator the global default, QSettings key billing/settlementMode):
//   settle_first          a bill with anomalies is charged provisionally, adjusted after correction;
//   hold_until_corrected  a bill with anomalies moves no money until it is corrected (partners see
//                         energy without money).
// State of a bill (bills.settlement_state): unsettled (not decided yet), settled (money moved, clean
// bill), provisional (money moved, anomalies pending), held (anomalies, no money moved).
//
// Card money follows the same rule (captureGateForSession): a held bill's card hold is neither
// captured nor released at the session's end. Order of events: the observers hear of a closed session
// payments first, then billing (SessionObserverFanout), so when payments::SessionPayments comes to
// settle the hold the bill may not exist yet. SessionPayments therefore ASKS this policy before it
// captures or releases, and:
//   - settle_first (or no automatic billing, or a session closed before it began): captures at once,
//     as before; the bill follows (provisional when anomalous) and a correction refunds the difference;
//   - hold_until_corrected without a bill yet: waits; SessionBilling issues the bill right after and
//     its billIssued brings SessionPayments back (ServerRuntime connects them; its sweep is the
//     safety net);
//   - a held bill: the hold stays authorised; SessionPayments records why once (session event
//     "payment_held", audit "session.capture_held"). The correction of the bill captures the
//     corrected total and releases the rest (anomalies::CorrectionEngine, hold status "hold" case,
//     journaled through HoldService after its commit); SessionPayments' sweep then sees the final
//     hold and finishes the session;
//   - a corrected bill (version > 1): the correction owns the card money; SessionPayments never
//     captures it on its own (no race with the correction's journaled call).
// A hold that expires at the bank while it waits is not renewed: the gateway reports it released /
// canceled, and the correction then says the card pays nothing and the total is to be collected
// another way.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::billing {

enum class SettlementMode { SettleFirst, HoldUntilCorrected };
enum class SettlementState { Unsettled, Settled, Provisional, Held };

class SettlementText {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::SettlementText)
public:
    // Stable names: "settle_first", "hold_until_corrected"; "unsettled", "settled", "provisional", "held".
    static QString modeName(SettlementMode mode);
    static std::optional<SettlementMode> modeFromName(const QString &name);
    static QString stateName(SettlementState state);
    static std::optional<SettlementState> stateFromName(const QString &name);
    // In the current language.
    static QString modeTitle(SettlementMode mode);
    static QString stateTitle(SettlementState state);
};

// The QSettings key of the global default mode, and reading it (SettleFirst when unset or unknown).
inline constexpr char kSettlementModeKey[] = "billing/settlementMode";
SettlementMode defaultSettlementMode();

// What a bill with (or without) anomalies becomes under `mode`.
SettlementState settlementStateFor(SettlementMode mode, bool hasAnomalies);

// The mode of the session's sub-operator (session → station → site → sub-operator), `fallback`
// when there is none.
Expected<SettlementMode> settlementModeForSession(const storage::Database &db, qint64 sessionId,
                                                  SettlementMode fallback);

// May a session's card hold be captured (or released) now? See above.
enum class CaptureDecision {
    Capture,             // no reason to wait
    WaitForBill,         // hold_until_corrected and the bill is not issued yet
    HeldUntilCorrected,  // the bill is held: the hold stays authorised until the bill is corrected
    CorrectionSettles,   // the bill was corrected: the correction moves the card money
};

struct CaptureGate {
    CaptureDecision decision = CaptureDecision::Capture;
    qint64 billId = 0;        // the session's current bill (0: none)
    QList<int> anomalyCodes;  // its open anomaly codes (HeldUntilCorrected)
    SettlementMode mode = SettlementMode::SettleFirst;
};

// `fallback`: the mode for sessions without a sub-operator (defaultSettlementMode()).
Expected<CaptureGate> captureGateForSession(const storage::Database &db, qint64 sessionId, SettlementMode fallback);

}  // namespace cd::billing
