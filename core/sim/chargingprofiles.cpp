#include "core/sim/chargingprofiles.h"

#include <algorithm>

namespace cd::sim {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// The limit of `profile` at `nowMs` in W, or nullopt when no period is active.
std::optional<double> limitAt(const ChargingProfile &profile, qint64 nowMs, std::optional<qint64> txStartMs,
                              const SupplyParameters &supply)
{
    if ((profile.validFromMs && nowMs < *profile.validFromMs) || (profile.validToMs && nowMs >= *profile.validToMs))
        return std::nullopt;
    std::optional<qint64> start;
    switch (profile.kind) {
    case ProfileKind::Absolute:
        start = profile.startScheduleMs ? profile.startScheduleMs : txStartMs;
        break;
    case ProfileKind::Relative:
        start = txStartMs;
        break;
    case ProfileKind::Recurring:
        if (profile.startScheduleMs) {
            const qint64 period = profile.weekly ? 7 * kDayMs : kDayMs;
            const qint64 since = nowMs - *profile.startScheduleMs;
            start = *profile.startScheduleMs + (since >= 0 ? since / period * period : -((-since + period - 1) / period) * period);
        }
        break;
    }
    if (!start || nowMs < *start)
        return std::nullopt;
    const qint64 offsetS = (nowMs - *start) / 1000;
    if (profile.durationS && offsetS >= *profile.durationS)
        return std::nullopt;
    const SchedulePeriod *active = nullptr;
    for (const SchedulePeriod &p : profile.periods) {
        if (p.startPeriodS <= offsetS && (!active || p.startPeriodS >= active->startPeriodS))
            active = &p;
    }
    if (!active)
        return std::nullopt;
    if (profile.unit == RateUnit::Watts)
        return active->limit;
    const int phases = std::clamp(active->numberPhases.value_or(supply.phases), 1, 3);
    return active->limit * supply.voltageV * double(phases);
}

}  // namespace

ChargingProfiles::InstallResult ChargingProfiles::install(ChargingProfile profile, int connectorCount,
                                                          std::optional<int> activeTransactionId)
{
    if (profile.connectorId < 0 || profile.connectorId > connectorCount || profile.periods.empty())
        return InstallResult::Rejected;
    switch (profile.purpose) {
    case ProfilePurpose::ChargePointMax:
        if (profile.connectorId != 0)
            return InstallResult::Rejected;
        break;
    case ProfilePurpose::Tx:
        if (profile.connectorId == 0 || !activeTransactionId
            || (profile.transactionId && *profile.transactionId != *activeTransactionId))
            return InstallResult::Rejected;
        profile.transactionId = activeTransactionId;
        break;
    case ProfilePurpose::TxDefault:
        break;
    }
    std::erase_if(m_profiles, [&profile](const ChargingProfile &p) {
        return p.id == profile.id
            || (p.connectorId == profile.connectorId && p.purpose == profile.purpose && p.stackLevel == profile.stackLevel);
    });
    m_profiles.push_back(std::move(profile));
    return InstallResult::Accepted;
}

bool ChargingProfiles::clear(std::optional<int> id, std::optional<int> connectorId,
                             std::optional<ProfilePurpose> purpose, std::optional<int> stackLevel)
{
    const auto removed = std::erase_if(m_profiles, [&](const ChargingProfile &p) {
        if (id)
            return p.id == *id;
        return (!connectorId || p.connectorId == *connectorId) && (!purpose || p.purpose == *purpose)
            && (!stackLevel || p.stackLevel == *stackLevel);
    });
    return removed > 0;
}

void ChargingProfiles::transactionEnded(int connectorId)
{
    std::erase_if(m_profiles, [connectorId](const ChargingProfile &p) {
        return p.purpose == ProfilePurpose::Tx && p.connectorId == connectorId;
    });
}

std::optional<double> ChargingProfiles::activeLimitW(ProfilePurpose purpose, int connectorId,
                                                     std::optional<int> transactionId, qint64 nowMs,
                                                     std::optional<qint64> transactionStartMs,
                                                     const SupplyParameters &supply) const
{
    // A connector's own profiles take precedence over connector 0's; within them the highest
    // stack level with an active period wins.
    for (const int connector : {connectorId, 0}) {
        const ChargingProfile *best = nullptr;
        std::optional<double> bestLimit;
        for (const ChargingProfile &p : m_profiles) {
            if (p.purpose != purpose || p.connectorId != connector)
                continue;
            if (purpose == ProfilePurpose::Tx && p.transactionId && p.transactionId != transactionId)
                continue;
            const std::optional<double> limit = limitAt(p, nowMs, transactionStartMs, supply);
            if (limit && (!best || p.stackLevel > best->stackLevel)) {
                best = &p;
                bestLimit = limit;
            }
        }
        if (bestLimit)
            return bestLimit;
        if (purpose == ProfilePurpose::ChargePointMax)
            break;
    }
    return std::nullopt;
}

std::optional<double> ChargingProfiles::limitW(int connectorId, std::optional<int> transactionId, qint64 nowMs,
                                               std::optional<qint64> transactionStartMs,
                                               const SupplyParameters &supply) const
{
    std::optional<double> limit;
    if (transactionId)
        limit = activeLimitW(ProfilePurpose::Tx, connectorId, transactionId, nowMs, transactionStartMs, supply);
    if (!limit)
        limit = activeLimitW(ProfilePurpose::TxDefault, connectorId, transactionId, nowMs, transactionStartMs, supply);
    const std::optional<double> max =
        activeLimitW(ProfilePurpose::ChargePointMax, 0, std::nullopt, nowMs, transactionStartMs, supply);
    if (max)
        limit = limit ? std::min(*limit, *max) : *max;
    return limit;
}

}  // namespace cd::sim
