#pragma once
// What an amount of energy costs, for the operator's Finish and Energy actions. A seam: issue #6
// (tariffs and bills) replaces FlatTariffPricing with the real bill calculation.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
struct Session;
}

namespace cd::sessions {

struct PriceQuote {
    qint64 amountMinor = 0;
    QString currency;
    qint64 tariffId = 0;
    qint64 pricePerKwhMinor = 0;  // energy price + service fee, per kWh
};

// amount = round-half-up(energyWh × pricePerKwhMinor / 1000), integer maths. Negative energy or
// price count as zero.
qint64 amountForEnergy(qint64 energyWh, qint64 pricePerKwhMinor);

class SessionPricing {
public:
    virtual ~SessionPricing() = default;
    // The amount for `energyWh` of the session; nullopt when there is no tariff to price it with
    // (nothing is invented then).
    virtual Expected<std::optional<PriceQuote>> quote(const storage::Session &session, qint64 energyWh) const = 0;
};

// The current global tariff (tariffs.scope_type 'global', valid now, the newest version): energy
// price + service fee per kWh, flat.
class FlatTariffPricing final : public SessionPricing {
public:
    explicit FlatTariffPricing(const storage::Database &db, const Clock &clock = Clock::system());
    Expected<std::optional<PriceQuote>> quote(const storage::Session &session, qint64 energyWh) const override;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::sessions
