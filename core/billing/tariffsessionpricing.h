#pragma once
// The session pricing the payment hold capture and the operator's Finish / Energy actions use
// (sessions::SessionPricing): the bill calculator over the session's tariff, readings, times and
// best coupon — so the captured amount is what the bill says. Replaces sessions::FlatTariffPricing.
// quote(session, energyWh): energyWh equal to the session's energy → the register readings as
// they are; another energy (the operator set it) → that energy spread evenly. pricePerKwhMinor is
// the energy price at charging start + the service fee.

#include "core/common/clock.h"
#include "core/sessions/sessionpricing.h"

namespace cd::storage {
class Database;
}

namespace cd::billing {

class TariffSessionPricing final : public sessions::SessionPricing {
public:
    explicit TariffSessionPricing(const storage::Database &db, const Clock &clock = Clock::system());
    Expected<std::optional<sessions::PriceQuote>> quote(const storage::Session &session, qint64 energyWh) const override;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::billing
