// The new bill by each correction method, and which coupon it uses.

#include "core/anomalies/correctionengine.h"

#include "core/billing/couponrules.h"
#include "core/billing/sessionbillinput.h"
#include "core/billing/tariffrepository.h"
#include "core/payments/moneytext.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>

namespace cd::anomalies {

namespace {

constexpr qint64 kMaxEnergyWh = 100'000'000;  // 100 MWh: far above any one session

billing::Coupon couponFromRow(const QSqlQuery &q)
{
    billing::Coupon c;
    c.id = q.value(0).toLongLong();
    c.code = q.value(1).toString();
    c.name = q.value(2).toString();
    c.amountMinor = q.value(3).toLongLong();
    c.minSpendMinor = q.value(4).toLongLong();
    c.departmentId = storage::optionalInt64(q, 5);
    c.subOperatorId = storage::optionalInt64(q, 6);
    c.stationId = storage::optionalInt64(q, 7);
    c.validFromMs = storage::optionalInt64(q, 8);
    c.validToMs = storage::optionalInt64(q, 9);
    if (!q.value(10).isNull())
        c.validDays = q.value(10).toInt();
    c.memberId = storage::optionalInt64(q, 11);
    c.issuedReason = q.value(12).toString();
    c.sourceTopupId = storage::optionalInt64(q, 13);
    c.status = q.value(14).toString();
    c.usedSessionId = storage::optionalInt64(q, 15);
    c.createdMs = q.value(16).toLongLong();
    return c;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

}  // namespace

Expected<billing::BillInput> CorrectionEngine::baseInput(const Context &c) const
{
    if (c.bill.detail)
        return c.bill.detail->input;
    // A bill without its inputs (written by something else): the session's as stored now.
    billing::SessionBillInputOptions options;
    options.withCoupon = false;
    auto loaded = billing::SessionBillInput(m_db).load(c.session, options);
    if (!loaded)
        return loaded.error();
    if (!loaded->has_value())
        return Error{ExitCode::Usage, tr("Bill %1 keeps no inputs and no tariff applies to its session: it cannot be "
                                         "computed again.")
                                          .arg(c.bill.id)};
    return **loaded;
}

Expected<std::optional<billing::BillResult>> CorrectionEngine::compute(const Context &c, const CorrectionRequest &request,
                                                                       CorrectionPreview &p) const
{
    using R = std::optional<billing::BillResult>;
    auto base = baseInput(c);
    if (!base) {
        if (base.error().code != ExitCode::Usage)
            return base.error();
        p.refusals << base.error().message;
        return R();
    }
    billing::BillInput input = *base;
    const QString currency = p.currency;

    switch (request.method) {
    case CorrectionMethod::EstimateFromSamples: {
        auto readings = billing::SessionBillInput(m_db).readings(c.session.id);
        if (!readings)
            return readings.error();
        // A register of 0 before a jump is the classic fault (gdss_case#7): those readings are left out.
        QList<billing::EnergyReading> usable;
        int zeros = 0;
        for (const billing::EnergyReading &r : std::as_const(*readings)) {
            if (r.registerWh > 0)
                usable << r;
            else
                ++zeros;
        }
        std::sort(usable.begin(), usable.end(), [](const auto &a, const auto &b) { return a.atMs < b.atMs; });
        if (usable.size() < 2) {
            p.refusals << tr("Session %1 has %n usable energy register reading(s); an estimate needs at least two. "
                             "Use the station's bill or enter the energy.",
                             nullptr, int(usable.size()))
                              .arg(c.session.sessionNumber);
            return R();
        }
        // The first and last usable readings stand in for meter start and stop (a bad start or
        // stop register is what the estimate replaces).
        input.readings = usable;
        input.meterStartWh = usable.constFirst().registerWh;
        input.meterStopWh = usable.constLast().registerWh;
        input.energyWhOverride.reset();
        input.recordedEnergyWh.reset();  // the estimate replaces what the session recorded
        p.notes << tr("Estimated from %n register reading(s) between %1 and %2.", nullptr, int(usable.size()))
                       .arg(timeText(usable.constFirst().atMs), timeText(usable.constLast().atMs));
        if (zeros > 0)
            p.notes << tr("%n reading(s) of 0 Wh were left out (a register that read 0 before it jumped).", nullptr, zeros);
        break;
    }
    case CorrectionMethod::UseStationBill: {
        std::optional<qint64> energy = c.bill.stationEnergyWh;
        if (!energy && c.session.meterStartWh && c.session.meterStopWh && *c.session.meterStopWh >= *c.session.meterStartWh)
            energy = *c.session.meterStopWh - *c.session.meterStartWh;
        if (!energy) {
            p.refusals << tr("The station sent no bill of its own for session %1 (no stop reading): use another method.")
                              .arg(c.session.sessionNumber);
            return R();
        }
        if (*energy < 0 || *energy > kMaxEnergyWh) {
            p.refusals << tr("The station's own energy (%1 Wh) is not plausible: use another method.").arg(*energy);
            return R();
        }
        input.energyWhOverride = *energy;
        if (c.bill.stationEnergyWh)
            p.notes << tr("The station's own bill says %1 Wh.").arg(*energy);
        else
            p.notes << tr("The station's stop reading gives %1 Wh (meter %2 → %3 Wh).")
                           .arg(*energy)
                           .arg(*c.session.meterStartWh)
                           .arg(*c.session.meterStopWh);
        if (c.bill.stationAmountMinor)
            p.notes << tr("The station's own bill asks %1; the tariff is applied to its energy.")
                           .arg(payments::moneyText(*c.bill.stationAmountMinor, currency));
        break;
    }
    case CorrectionMethod::ManualEnergy: {
        if (!request.params.energyWh) {
            p.refusals << tr("Give the energy in Wh.");
            return R();
        }
        const qint64 energy = *request.params.energyWh;
        if (energy < 0 || energy > kMaxEnergyWh) {
            p.refusals << tr("The energy must be between 0 and %1 Wh.").arg(kMaxEnergyWh);
            return R();
        }
        input.energyWhOverride = energy;
        p.notes << tr("%1 Wh entered by hand, spread evenly over the charging time.").arg(energy);
        break;
    }
    case CorrectionMethod::MoveServiceEndToChargingEnd: {
        if (input.serviceEndMs <= input.chargingEndMs) {
            p.refusals << tr("The service already ended when the charging ended (%1): there is no idle time to remove.")
                              .arg(timeText(input.chargingEndMs));
            return R();
        }
        p.notes << tr("Service end %1 → %2 (the charging end).").arg(timeText(input.serviceEndMs), timeText(input.chargingEndMs));
        input.serviceEndMs = input.chargingEndMs;
        break;
    }
    case CorrectionMethod::RecomputeWithTariff: {
        billing::TariffRepository tariffs(m_db, m_clock);
        std::optional<billing::Tariff> tariff;
        if (request.params.tariffId) {
            auto found = tariffs.find(*request.params.tariffId);
            if (!found)
                return found.error();
            if (!found->has_value()) {
                p.refusals << tr("There is no tariff %1.").arg(*request.params.tariffId);
                return R();
            }
            tariff = **found;
            if (!tariff->validAt(input.chargingStartMs))
                p.notes << tr("Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.")
                               .arg(tariff->name)
                               .arg(tariff->version);
        } else {
            auto target = tariffs.targetForSession(c.session.id);
            if (!target)
                return target.error();
            auto resolved = tariffs.resolve(*target, input.chargingStartMs);
            if (!resolved)
                return resolved.error();
            if (!resolved->has_value()) {
                p.refusals << tr("No tariff was in force when session %1 ran (%2): choose one.")
                                  .arg(c.session.sessionNumber, timeText(input.chargingStartMs));
                return R();
            }
            tariff = **resolved;
        }
        if (!currency.isEmpty() && tariff->currency.compare(currency, Qt::CaseInsensitive) != 0) {
            p.refusals << tr("Tariff %1 is in %2 but the bill is in %3.").arg(tariff->name, tariff->currency, currency);
            return R();
        }
        p.notes << tr("Priced with tariff %1, version %2 (valid from %3).")
                       .arg(tariff->name)
                       .arg(tariff->version)
                       .arg(timeText(tariff->validFromMs));
        input.tariff = *tariff;
        break;
    }
    case CorrectionMethod::Revert: {
        if (!request.params.toBillId) {
            p.refusals << tr("Choose the version to go back to.");
            return R();
        }
        auto target = billing::BillRepository(m_db).find(*request.params.toBillId);
        if (!target)
            return target.error();
        if (!target->has_value() || (*target)->sessionId != c.session.id) {
            p.refusals << tr("Bill %1 is not a version of this session's bill.").arg(*request.params.toBillId);
            return R();
        }
        if ((*target)->id == c.bill.id) {
            p.refusals << tr("Bill %1 is the current version already.").arg(c.bill.id);
            return R();
        }
        if (!(*target)->detail) {
            p.refusals << tr("Version %1 keeps no inputs, so its numbers cannot be brought back.").arg((*target)->version);
            return R();
        }
        input = (*target)->detail->input;
        p.notes << tr("Back to the numbers of version %1 (bill %2, by %3).")
                       .arg((*target)->version)
                       .arg((*target)->id)
                       .arg((*target)->createdBy);
        break;
    }
    }

    if (Status s = chooseCoupon(c, input, p); !s)
        return s.error();
    billing::BillResult result = billing::calculateBill(input);
    if (result.currency.isEmpty())
        result.currency = currency;
    return R(result);
}

Status CorrectionEngine::chooseCoupon(const Context &c, billing::BillInput &input, CorrectionPreview &p) const
{
    billing::SessionBillInput sessionInput(m_db);
    billing::BillInput without = input;
    without.coupon.reset();
    const billing::BillResult plain = billing::calculateBill(without);
    auto context = sessionInput.couponContext(c.session, input.chargingStartMs);
    if (!context)
        return context.error();
    billing::CouponContext ctx = *context;
    ctx.amountBeforeCouponMinor = plain.amountBeforeCouponMinor;

    const auto loadCoupon = [this](qint64 id) -> Expected<std::optional<billing::Coupon>> {
        return storage::firstOf(storage::fetchAll<billing::Coupon>(
            m_db.connection(),
            QStringLiteral("SELECT id, code, name, amount_minor, min_spend_minor, department_id, sub_operator_id, station_id, "
                           "valid_from_ms, valid_to_ms, valid_days, member_id, issued_reason, source_topup_id, status, "
                           "used_session_id, created_ms FROM coupons WHERE id = ?"),
            {id}, &couponFromRow));
    };
    // The coupon as if this session had not used it (a coupon used by this bill is free for it).
    const auto freeFor = [&c](billing::Coupon coupon) {
        if (coupon.status == u"used" && coupon.usedSessionId == c.session.id)
            coupon.status = QStringLiteral("issued");
        return coupon;
    };

    const std::optional<qint64> oldId = p.before.couponId;
    // The coupon wanted: the one the method's input names (Revert: the old version's), else the bill's.
    std::optional<qint64> wantedId = input.coupon ? std::optional<qint64>(input.coupon->couponId) : oldId;
    std::optional<billing::Coupon> chosen;
    std::optional<billing::Coupon> oldCoupon;
    QString wantedWhy;
    if (oldId) {
        auto found = loadCoupon(*oldId);
        if (!found)
            return found.error();
        oldCoupon = *found;
    }
    if (wantedId) {
        std::optional<billing::Coupon> wanted = oldId && *wantedId == *oldId ? oldCoupon : std::nullopt;
        if (!wanted) {
            auto found = loadCoupon(*wantedId);
            if (!found)
                return found.error();
            wanted = *found;
        }
        if (wanted) {
            const billing::CouponVerdict verdict = billing::CouponRules::check(freeFor(*wanted), ctx);
            if (verdict == billing::CouponVerdict::Applies)
                chosen = freeFor(*wanted);
            else
                wantedWhy = billing::CouponRules::verdictText(verdict);
        }
    }
    if (!chosen && !oldId) {
        // No coupon so far: the one the member held when the session started and that now applies
        // (as the bill would have used it had its amount been right). A coupon issued after the
        // session started is never applied afterwards (igo_case#92).
        auto candidates = sessionInput.candidateCoupons(c.session);
        if (!candidates)
            return candidates.error();
        QList<billing::Coupon> held;
        for (const billing::Coupon &coupon : std::as_const(*candidates)) {
            if (coupon.createdMs <= input.chargingStartMs) {
                held << coupon;
            } else {
                // CouponRules refuses it (issued after the charging start): tell the operator when
                // it would otherwise apply.
                billing::Coupon asIfHeld = coupon;
                asIfHeld.createdMs = ctx.atMs;
                if (billing::CouponRules::check(asIfHeld, ctx) != billing::CouponVerdict::Applies)
                    continue;
                CouponChange change;
                change.kind = CouponChange::Kind::NotApplied;
                change.couponId = coupon.id;
                change.code = coupon.code;
                change.name = coupon.name;
                change.why = tr("Issued %1, after the session started: it is not applied to this session.")
                                 .arg(timeText(coupon.createdMs));
                p.coupons << change;
            }
        }
        chosen = billing::CouponRules::best(held, ctx);
    }

    input.coupon = chosen ? std::optional<billing::BillCoupon>(chosen->toBillCoupon()) : std::nullopt;
    const qint64 deductionAfter = chosen ? billing::CouponRules::deduction(*chosen, ctx) : 0;

    if (oldId && (!chosen || chosen->id != *oldId)) {
        CouponChange change;
        change.kind = CouponChange::Kind::StopsApplying;
        change.couponId = *oldId;
        change.code = oldCoupon ? oldCoupon->code : p.before.couponCode;
        change.name = oldCoupon ? oldCoupon->name : QString();
        change.deductionBeforeMinor = p.before.couponDeductionMinor;
        if (oldCoupon) {
            const billing::CouponVerdict verdict = billing::CouponRules::check(freeFor(*oldCoupon), ctx);
            change.why = verdict == billing::CouponVerdict::Applies
                ? tr("The version brought back did not use it.")
                : billing::CouponRules::verdictText(verdict);
        }
        change.why += (change.why.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("It goes back to the member as issued.");
        p.coupons << change;
    }
    if (chosen) {
        CouponChange change;
        change.kind = oldId && chosen->id == *oldId ? CouponChange::Kind::Kept : CouponChange::Kind::StartsApplying;
        change.couponId = chosen->id;
        change.code = chosen->code;
        change.name = chosen->name;
        change.deductionBeforeMinor = change.kind == CouponChange::Kind::Kept ? p.before.couponDeductionMinor : 0;
        change.deductionAfterMinor = deductionAfter;
        if (change.kind == CouponChange::Kind::StartsApplying)
            change.why = tr("The corrected amount reaches its minimum spend of %1: this bill uses it.")
                             .arg(payments::moneyText(chosen->minSpendMinor, p.currency));
        p.coupons << change;
    } else if (p.request.method == CorrectionMethod::Revert && wantedId && (!oldId || *wantedId != *oldId)
               && !wantedWhy.isEmpty()) {
        p.notes << tr("Coupon %1 of the version brought back no longer applies: %2").arg(*wantedId).arg(wantedWhy);
    }
    return {};
}

}  // namespace cd::anomalies
