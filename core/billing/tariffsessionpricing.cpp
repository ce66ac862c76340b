#include "core/billing/tariffsessionpricing.h"

#include "core/billing/billcalculator.h"
#include "core/billing/sessionbillinput.h"
#include "core/storage/sessionrepository.h"

#include <QDateTime>
#include <QTimeZone>

namespace cd::billing {

TariffSessionPricing::TariffSessionPricing(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<std::optional<sessions::PriceQuote>> TariffSessionPricing::quote(const storage::Session &session, qint64 energyWh) const
{
    SessionBillInputOptions options;
    options.zeroPriceWithoutTariff = false;  // no tariff: no price (the hold waits for the operator)
    if (energyWh != session.energyWh)
        options.energyWhOverride = std::max<qint64>(0, energyWh);
    if (session.stopSource.isEmpty())
        options.nowMs = m_clock.nowMs();
    auto input = SessionBillInput(m_db).load(session, options);
    if (!input)
        return input.error();
    if (!input->has_value())
        return std::optional<sessions::PriceQuote>();
    const BillResult result = calculateBill(**input);
    sessions::PriceQuote quote;
    quote.amountMinor = result.totalMinor;
    quote.currency = result.currency;
    quote.tariffId = result.input.tariff.id;
    const Tariff &t = result.input.tariff;
    QTimeZone zone(t.timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QTime local = QDateTime::fromMSecsSinceEpoch(result.input.chargingStartMs, zone).time();
    quote.pricePerKwhMinor = t.energyPriceAt(local.hour() * 60 + local.minute()) + t.serviceFeeMinorPerKwh;
    return std::optional<sessions::PriceQuote>(quote);
}

}  // namespace cd::billing
