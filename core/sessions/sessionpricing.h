#pragma once
// What an amount of energy costs, for the operator's Finish and Energy actions and the hold capture.
// The implementation is billing::TariffSessionPricing (core/billing: the bill calculator over the
// session's tariff).

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace cd::storage {
struct Session;
}

namespace cd::sessions {

struct PriceQuote {
    qint64 amountMinor = 0;
    QString currency;
    qint64 tariffId = 0;
    qint64 pricePerKwhMinor = 0;  // energy price + service fee, per kWh
};

// amount = round-half-up(energyWh × pricePerKwhMinor / 1000), integer maths; negative energy or
// price count as zero (billing::feeForEnergy, the bill calculator's rounding).
qint64 amountForEnergy(qint64 energyWh, qint64 pricePerKwhMinor);

class SessionPricing {
public:
    virtual ~SessionPricing() = default;
    // The amount for `energyWh` of the session; nullopt when there is no tariff to price it with
    // (nothing is invented then).
    virtual Expected<std::optional<PriceQuote>> quote(const storage::Session &session, qint64 energyWh) const = 0;
};

}  // namespace cd::sessions
