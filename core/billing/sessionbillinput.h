#pragma once
// The BillInput of a stored session: its tariff (resolved at charging start), its energy register
// readings (meter_samples), meter start / stop, times, and the best coupon it may use. Shared by
// BillingService (issuing), TariffSessionPricing (the hold capture) and corrections (recompute).
//
// Times: charging start = sessions.charging_started_ms, else started_ms, else created_ms; charging
// end = charging_ended_ms, else ended_ms, else last_meter_at_ms, else charging start; service end
// (when the connector was freed: the stop, unplug) = ended_ms, else charging end; never before
// charging end. For an open session (a running total) `nowMs` stands in for the missing ends.

#include "core/billing/billinput.h"
#include "core/billing/couponrules.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace cd::storage {
class Database;
struct Session;
}

namespace cd::billing {

struct SessionBillInputOptions {
    std::optional<qint64> energyWhOverride;  // bill this energy instead of the register's
    bool withCoupon = true;                  // pick the best applicable coupon (read only)
    std::optional<qint64> nowMs;             // stands in for the ends of an open session
    // When no tariff applies: true, a zero-price input (BillInput::noTariff: energy and times as
    // usual, no prices, no coupon) so the session still gets a bill and its anomaly check (issuing,
    // corrections of a bill without inputs); false, nullopt (pricing a hold capture: nothing is
    // invented, the operator finalizes).
    bool zeroPriceWithoutTariff = true;
};

class SessionBillInput {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::SessionBillInput)
public:
    explicit SessionBillInput(const storage::Database &db);

    // When no tariff applies to the session: a zero-price input (BillInput::noTariff), or nullopt
    // with options.zeroPriceWithoutTariff false.
    Expected<std::optional<BillInput>> load(const storage::Session &session,
                                            const SessionBillInputOptions &options = {}) const;
    // The session's energy register readings (total, Wh), by station time.
    Expected<QList<EnergyReading>> readings(qint64 sessionId) const;
    // The coupons the session's member / department hold with status issued.
    Expected<QList<Coupon>> candidateCoupons(const storage::Session &session) const;
    // The context coupons are checked in (departments with parents, sub-operator, station, time).
    Expected<CouponContext> couponContext(const storage::Session &session, qint64 atMs) const;

    // The times a bill of the session uses (see above).
    static qint64 chargingStartMs(const storage::Session &session);
    static qint64 chargingEndMs(const storage::Session &session, std::optional<qint64> nowMs = std::nullopt);
    static qint64 serviceEndMs(const storage::Session &session, std::optional<qint64> nowMs = std::nullopt);

private:
    const storage::Database &m_db;
};

}  // namespace cd::billing
