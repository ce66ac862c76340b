#include "core/billing/sessionbillinput.h"

#include "core/billing/billcalculator.h"
#include "core/billing/tariffrepository.h"
#include "core/charging/metervalue.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <algorithm>

namespace cd::billing {

using storage::Session;
using storage::Sql;
using storage::optionalInt64;

namespace {

Coupon couponFromRow(const QSqlQuery &q)
{
    Coupon c;
    c.id = q.value(0).toLongLong();
    c.code = q.value(1).toString();
    c.name = q.value(2).toString();
    c.amountMinor = q.value(3).toLongLong();
    c.minSpendMinor = q.value(4).toLongLong();
    c.departmentId = optionalInt64(q, 5);
    c.subOperatorId = optionalInt64(q, 6);
    c.stationId = optionalInt64(q, 7);
    c.validFromMs = optionalInt64(q, 8);
    c.validToMs = optionalInt64(q, 9);
    if (!q.isNull(10))
        c.validDays = q.value(10).toInt();
    c.memberId = optionalInt64(q, 11);
    c.issuedReason = q.value(12).toString();
    c.sourceTopupId = optionalInt64(q, 13);
    c.status = q.value(14).toString();
    c.usedSessionId = optionalInt64(q, 15);
    c.createdMs = q.value(16).toLongLong();
    return c;
}

}  // namespace

SessionBillInput::SessionBillInput(const storage::Database &db) : m_db(db) {}

qint64 SessionBillInput::chargingStartMs(const Session &s)
{
    if (s.chargingStartedMs)
        return *s.chargingStartedMs;
    if (s.startedMs)
        return *s.startedMs;
    return s.createdMs;
}

qint64 SessionBillInput::chargingEndMs(const Session &s, std::optional<qint64> nowMs)
{
    const qint64 start = chargingStartMs(s);
    qint64 end = start;
    if (s.chargingEndedMs)
        end = *s.chargingEndedMs;
    else if (s.endedMs)
        end = *s.endedMs;
    else if (nowMs)
        end = *nowMs;
    else if (s.lastMeterAtMs)
        end = *s.lastMeterAtMs;
    return std::max(start, end);
}

qint64 SessionBillInput::serviceEndMs(const Session &s, std::optional<qint64> nowMs)
{
    const qint64 chargingEnd = chargingEndMs(s, nowMs);
    qint64 end = chargingEnd;
    if (s.endedMs)
        end = *s.endedMs;
    else if (nowMs)
        end = *nowMs;
    return std::max(chargingEnd, end);
}

Expected<QList<EnergyReading>> SessionBillInput::readings(qint64 sessionId) const
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT station_at_ms, value_milli FROM meter_samples WHERE session_id = ? AND measurand = ? "
                                     "AND phase = '' AND unit = 'Wh' ORDER BY station_at_ms, id"),
                      {sessionId, QStringLiteral("Energy.Active.Import.Register")});
    if (!q)
        return q.error();
    QList<EnergyReading> out;
    while (q->next()) {
        const EnergyReading r{q->value(0).toLongLong(), charging::milliToWholeUnits(q->value(1).toLongLong())};
        // One reading per instant (several contexts of one sample carry the same register).
        if (!out.isEmpty() && out.constLast().atMs == r.atMs) {
            out.last().registerWh = std::max(out.constLast().registerWh, r.registerWh);
            continue;
        }
        out.append(r);
    }
    return out;
}

Expected<CouponContext> SessionBillInput::couponContext(const Session &s, qint64 atMs) const
{
    CouponContext ctx;
    ctx.memberId = s.memberId;
    ctx.stationId = s.stationId;
    ctx.atMs = atMs;
    auto target = TariffRepository(m_db).targetFor(s.stationId, s.departmentId, s.memberId);
    if (!target)
        return target.error();
    ctx.departmentIds = target->departmentIds;
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT si.sub_operator_id FROM stations st JOIN sites si ON si.id = st.site_id "
                                     "WHERE st.id = ?"),
                      {s.stationId});
    if (!q)
        return q.error();
    if (q->next())
        ctx.subOperatorId = optionalInt64(*q, 0);
    return ctx;
}

Expected<QList<Coupon>> SessionBillInput::candidateCoupons(const Session &s) const
{
    auto target = TariffRepository(m_db).targetFor(s.stationId, s.departmentId, s.memberId);
    if (!target)
        return target.error();
    QStringList who;
    QVariantList values;
    if (s.memberId) {
        who << QStringLiteral("member_id = ?");
        values << *s.memberId;
    }
    if (!target->departmentIds.isEmpty()) {
        QStringList marks;
        for (qint64 d : target->departmentIds) {
            marks << QStringLiteral("?");
            values << d;
        }
        who << QStringLiteral("(member_id IS NULL AND department_id IN (%1))").arg(marks.join(u','));
    }
    if (who.isEmpty())
        return QList<Coupon>();
    return storage::fetchAll<Coupon>(
        m_db.connection(),
        QStringLiteral("SELECT id, code, name, amount_minor, min_spend_minor, department_id, sub_operator_id, station_id, "
                       "valid_from_ms, valid_to_ms, valid_days, member_id, issued_reason, source_topup_id, status, "
                       "used_session_id, created_ms FROM coupons WHERE status = 'issued' AND (%1) ORDER BY id")
            .arg(who.join(QStringLiteral(" OR "))),
        values, &couponFromRow);
}

Expected<std::optional<BillInput>> SessionBillInput::load(const Session &s, const SessionBillInputOptions &options) const
{
    const qint64 start = chargingStartMs(s);
    auto target = TariffRepository(m_db).targetFor(s.stationId, s.departmentId, s.memberId);
    if (!target)
        return target.error();
    auto tariff = TariffRepository(m_db).resolve(*target, start);
    if (!tariff)
        return tariff.error();
    if (!tariff->has_value() && !options.zeroPriceWithoutTariff)
        return std::optional<BillInput>();
    BillInput in;
    if (tariff->has_value()) {
        in.tariff = **tariff;
    } else {
        in.noTariff = true;
        in.tariff.currency = s.currency;  // a card hold's currency, when the session has one
    }
    in.meterStartWh = s.meterStartWh;
    in.meterStopWh = s.meterStopWh;
    in.energyWhOverride = options.energyWhOverride;
    in.recordedEnergyWh = s.energyWh;
    in.chargingStartMs = start;
    in.chargingEndMs = chargingEndMs(s, options.nowMs);
    in.serviceEndMs = serviceEndMs(s, options.nowMs);
    if (!in.energyWhOverride) {
        auto rs = readings(s.id);
        if (!rs)
            return rs.error();
        in.readings = *rs;
        // An open session: the newest register stands in for the meter stop.
        if (!in.meterStopWh && s.stopSource.isEmpty() && s.lastMeterWh && in.readings.isEmpty())
            in.meterStopWh = s.lastMeterWh;
    }
    if (options.withCoupon && !in.noTariff) {
        auto coupons = candidateCoupons(s);
        if (!coupons)
            return coupons.error();
        if (!coupons->isEmpty()) {
            auto ctx = couponContext(s, start);
            if (!ctx)
                return ctx.error();
            ctx->amountBeforeCouponMinor = calculateBill(in).amountBeforeCouponMinor;
            if (const auto best = CouponRules::best(*coupons, *ctx))
                in.coupon = best->toBillCoupon();
        }
    }
    return std::optional<BillInput>(in);
}

}  // namespace cd::billing
