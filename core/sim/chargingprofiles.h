#pragma once
// Smart Charging on the station side: the installed charging profiles (SetChargingProfile,
// ClearChargingProfile) and the limit they impose now (the power the simulated EV may draw,
// and the answer to GetCompositeSchedule).

#include "core/sim/chargingmodel.h"

#include <QtGlobal>

#include <optional>
#include <vector>

namespace cd::sim {

enum class ProfilePurpose {
    ChargePointMax,
    TxDefault,
    Tx,
};

enum class ProfileKind {
    Absolute,
    Recurring,
    Relative,
};

enum class RateUnit {
    Amperes,
    Watts,
};

struct SchedulePeriod {
    int startPeriodS = 0;
    double limit = 0.0;
    std::optional<int> numberPhases;
};

struct ChargingProfile {
    int id = 0;
    int connectorId = 0;
    int stackLevel = 0;
    ProfilePurpose purpose = ProfilePurpose::TxDefault;
    ProfileKind kind = ProfileKind::Absolute;
    bool weekly = false;  // Recurring: weekly, else daily
    std::optional<int> transactionId;
    std::optional<qint64> validFromMs;
    std::optional<qint64> validToMs;
    RateUnit unit = RateUnit::Watts;
    std::optional<qint64> startScheduleMs;
    std::optional<int> durationS;
    std::vector<SchedulePeriod> periods;
};

class ChargingProfiles {
public:
    enum class InstallResult {
        Accepted,
        Rejected,
    };

    // Replaces a profile with the same id, or with the same connector, purpose and stack level.
    // A TxProfile needs a transaction on the connector (matching transactionId when given);
    // a ChargePointMaxProfile belongs to connector 0.
    InstallResult install(ChargingProfile profile, int connectorCount, std::optional<int> activeTransactionId);
    // Removes the profiles matching every given criterion; true when any was removed.
    bool clear(std::optional<int> id, std::optional<int> connectorId, std::optional<ProfilePurpose> purpose,
               std::optional<int> stackLevel);
    // TxProfiles end with their transaction.
    void transactionEnded(int connectorId);

    // The limit in W on the connector now (nullopt: unlimited by profiles).
    std::optional<double> limitW(int connectorId, std::optional<int> transactionId, qint64 nowMs,
                                 std::optional<qint64> transactionStartMs, const SupplyParameters &supply) const;

    qsizetype size() const { return qsizetype(m_profiles.size()); }
    const std::vector<ChargingProfile> &profiles() const { return m_profiles; }

private:
    std::optional<double> activeLimitW(ProfilePurpose purpose, int connectorId, std::optional<int> transactionId,
                                       qint64 nowMs, std::optional<qint64> transactionStartMs,
                                       const SupplyParameters &supply) const;

    std::vector<ChargingProfile> m_profiles;
};

}  // namespace cd::sim
