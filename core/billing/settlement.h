#pragma once
// Settlement (issue #6 item 7; DOMAIN "Anomaly bills", gdss_case#8, igo_case#97).
// Mode per sub-operator (sub_operators.settlement_mode; session → station → site → sub-operator;
// without a sub-operator the global default, QSettings key billing/settlementMode):
//   settle_first          a bill with anomalies is charged provisionally, adjusted after correction;
//   hold_until_corrected  a bill with anomalies moves no money until it is corrected (partners see
//                         energy without money).
// State of a bill (bills.settlement_state): unsettled (not decided yet), settled (money moved, clean
// bill), provisional (money moved, anomalies pending), held (anomalies, no money moved).

#include "core/common/expected.h"

#include <QCoreApplication>
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

}  // namespace cd::billing
