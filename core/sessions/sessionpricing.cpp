#include "core/sessions/sessionpricing.h"

#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <limits>

namespace cd::sessions {

qint64 amountForEnergy(qint64 energyWh, qint64 pricePerKwhMinor)
{
    if (energyWh <= 0 || pricePerKwhMinor <= 0)
        return 0;
    // energyWh × price fits comfortably for real sessions; guard the product anyway.
    if (energyWh > std::numeric_limits<qint64>::max() / pricePerKwhMinor)
        return std::numeric_limits<qint64>::max() / 1000;
    const qint64 product = energyWh * pricePerKwhMinor;
    return product / 1000 + (product % 1000 >= 500 ? 1 : 0);
}

FlatTariffPricing::FlatTariffPricing(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<std::optional<PriceQuote>> FlatTariffPricing::quote(const storage::Session &, qint64 energyWh) const
{
    const qint64 now = m_clock.nowMs();
    auto q = storage::Sql::run(m_db.connection(),
                               QStringLiteral("SELECT id, currency, energy_price_minor_per_kwh, service_fee_minor_per_kwh "
                                              "FROM tariffs WHERE scope_type = 'global' AND valid_from_ms <= ? "
                                              "AND (valid_to_ms IS NULL OR valid_to_ms > ?) "
                                              "ORDER BY version DESC, valid_from_ms DESC, id DESC LIMIT 1"),
                               {now, now});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<PriceQuote>();
    PriceQuote quote;
    quote.tariffId = q->value(0).toLongLong();
    quote.currency = q->value(1).toString();
    quote.pricePerKwhMinor = q->value(2).toLongLong() + q->value(3).toLongLong();
    quote.amountMinor = amountForEnergy(energyWh, quote.pricePerKwhMinor);
    return std::optional<PriceQuote>(quote);
}

}  // namespace cd::sessions
