#include "core/anomalies/correctionengine.h"

#include "core/billing/tariffrepository.h"
#include "core/payments/holdservice.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <algorithm>

namespace cd::anomalies {

CorrectionEngine::CorrectionEngine(const storage::Database &db, payments::HoldService *holds, const Clock &clock)
    : m_db(db), m_holds(holds), m_clock(clock)
{
}

Expected<CorrectionEngine::Context> CorrectionEngine::load(qint64 billId) const
{
    billing::BillRepository bills(m_db);
    auto found = bills.find(billId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Failure, tr("No bill with the id %1.").arg(billId)};
    Context c;
    c.bill = **found;
    auto current = bills.current(c.bill.sessionId);
    if (!current)
        return current.error();
    c.current = *current;

    auto session = storage::SessionRepository(m_db).find(c.bill.sessionId);
    if (!session)
        return session.error();
    if (!session->has_value())
        return Error{ExitCode::Failure, tr("Bill %1 belongs to session %2, which is not there.").arg(billId).arg(c.bill.sessionId)};
    c.session = **session;

    // The hold money calls go to: the newest one still open, else the newest captured one
    // (refunds), else the newest (as the session actions choose it).
    payments::HoldRepository holds(m_db);
    auto all = holds.holdsOfSession(c.session.id);
    if (!all)
        return all.error();
    for (auto it = all->crbegin(); it != all->crend() && !c.hold; ++it) {
        if (!payments::isFinal(it->status))
            c.hold = *it;
    }
    for (auto it = all->crbegin(); it != all->crend() && !c.hold; ++it) {
        if (it->status == payments::HoldStatus::Success)
            c.hold = *it;
    }
    if (!c.hold && !all->isEmpty())
        c.hold = all->constLast();
    if (c.hold) {
        auto calls = holds.callsOfHold(c.hold->id);
        if (!calls)
            return calls.error();
        for (const payments::PaymentCall &call : *calls)
            c.callRunning = c.callRunning || call.state == payments::PaymentCall::State::Pending;
    }

    auto codes = storage::Sql::run(m_db.connection(),
                                   QStringLiteral("SELECT DISTINCT code FROM bill_anomalies WHERE session_id = ? "
                                                  "AND resolved_ms IS NULL ORDER BY code"),
                                   {c.session.id});
    if (!codes)
        return codes.error();
    while (codes->next())
        c.openCodes << codes->value(0).toInt();
    return c;
}

BillLines CorrectionEngine::linesOf(const billing::BillResult &r) const
{
    BillLines l;
    l.currency = r.currency;
    if (r.input.tariff.id > 0)
        l.tariffId = r.input.tariff.id;
    l.tariffName = r.input.tariff.name;
    l.tariffVersion = r.input.tariff.version;
    l.energySource = r.energySource;
    l.energyWh = r.energyWh;
    l.energyLines = r.energyLines;
    l.energyFeeMinor = r.energyFeeMinor;
    l.serviceFeeMinor = r.serviceFeeMinor;
    l.idleMinutes = r.idleMinutes;
    l.idleFeeMinor = r.idleFeeMinor;
    l.couponId = r.couponId;
    if (r.couponId && r.input.coupon && r.input.coupon->couponId == *r.couponId)
        l.couponCode = r.input.coupon->code;
    l.couponDeductionMinor = r.couponDeductionMinor;
    l.totalMinor = r.totalMinor;
    l.chargingStartedMs = r.input.chargingStartMs;
    l.chargingEndedMs = r.input.chargingEndMs;
    l.serviceEndedMs = r.input.serviceEndMs;
    return l;
}

Expected<BillLines> CorrectionEngine::linesOf(const billing::Bill &bill) const
{
    BillLines l;
    if (bill.detail)
        l = linesOf(*bill.detail);
    // The stored columns are the bill; the detail adds the lines and the tariff's name.
    l.billId = bill.id;
    l.version = bill.version;
    l.currency = bill.currency;
    l.tariffId = bill.tariffId;
    l.energyWh = bill.energyWh;
    l.energyFeeMinor = bill.energyFeeMinor;
    l.serviceFeeMinor = bill.serviceFeeMinor;
    l.idleFeeMinor = bill.idleFeeMinor;
    l.couponId = bill.couponId;
    l.couponDeductionMinor = bill.couponDeductionMinor;
    l.totalMinor = bill.totalMinor;
    l.chargingStartedMs = bill.chargingStartedMs;
    l.chargingEndedMs = bill.chargingEndedMs;
    l.serviceEndedMs = bill.serviceEndedMs;
    l.settlement = bill.settlementState;
    l.correctionMethod = bill.correctionMethod;
    l.createdBy = bill.createdBy;
    l.createdMs = bill.createdMs;
    if (bill.tariffId && l.tariffName.isEmpty()) {
        auto tariff = billing::TariffRepository(m_db, m_clock).find(*bill.tariffId);
        if (!tariff)
            return tariff.error();
        if (tariff->has_value()) {
            l.tariffName = (*tariff)->name;
            l.tariffVersion = (*tariff)->version;
        }
    }
    if (bill.couponId && l.couponCode.isEmpty()) {
        auto code = storage::Sql::run(m_db.connection(), QStringLiteral("SELECT code FROM coupons WHERE id = ?"),
                                      {*bill.couponId});
        if (!code)
            return code.error();
        if (code->next())
            l.couponCode = code->value(0).toString();
    }
    return l;
}

Expected<QList<BillLines>> CorrectionEngine::versions(qint64 billId) const
{
    auto found = billing::BillRepository(m_db).find(billId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Failure, tr("No bill with the id %1.").arg(billId)};
    auto all = billing::BillRepository(m_db).versions((*found)->sessionId);
    if (!all)
        return all.error();
    QList<BillLines> out;
    for (const billing::Bill &b : *all) {
        auto lines = linesOf(b);
        if (!lines)
            return lines.error();
        out << *lines;
    }
    return out;
}

Expected<CorrectionPreview> CorrectionEngine::plan(const CorrectionRequest &request) const
{
    auto context = load(request.billId);
    if (!context)
        return context.error();
    return makePreview(*context, request);
}

Expected<CorrectionPreview> CorrectionEngine::makePreview(const Context &c, const CorrectionRequest &request) const
{
    CorrectionPreview p;
    p.request = request;
    p.sessionId = c.session.id;
    p.sessionNumber = c.session.sessionNumber;
    p.chargePointId = c.session.chargePointId;
    p.currency = c.bill.currency;
    auto before = linesOf(c.bill);
    if (!before)
        return before.error();
    p.before = *before;

    if (c.current && c.current->id != c.bill.id) {
        p.refusals << tr("Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current "
                         "version.")
                          .arg(c.bill.id)
                          .arg(c.bill.version)
                          .arg(c.current->version)
                          .arg(c.current->id)
                          .arg(c.current->createdBy);
        return p;
    }

    auto computed = compute(c, request, p);
    if (!computed)
        return computed.error();
    if (!computed->has_value())
        return p;  // the method refused (refusals say why)
    p.result = **computed;
    p.after = linesOf(p.result);
    p.after.version = c.bill.version + 1;
    p.after.correctionMethod = correctionMethodName(request.method);
    if (p.after.couponId && p.after.couponCode.isEmpty()) {
        for (const CouponChange &change : std::as_const(p.coupons)) {
            if (change.couponId == *p.after.couponId)
                p.after.couponCode = change.code;
        }
    }
    p.anomalyCodesResolved = c.openCodes;
    if (Status s = planSpendCoupons(c, p); !s)
        return s.error();

    if (request.method == CorrectionMethod::Revert && request.params.toBillId) {
        auto codes = storage::Sql::run(m_db.connection(),
                                       QStringLiteral("SELECT DISTINCT code FROM bill_anomalies WHERE bill_id = ? ORDER BY code"),
                                       {*request.params.toBillId});
        if (!codes)
            return codes.error();
        while (codes->next())
            p.anomalyCodesReopened << codes->value(0).toInt();
    }

    if (Status s = planMoney(c, p); !s)
        return s.error();

    if (!p.changesNumbers()) {
        if (p.anomalyCodesResolved.isEmpty() && p.before.settlement == billing::SettlementState::Settled)
            p.refusals << tr("Nothing would change: the bill has these numbers already and no open anomaly.");
        else
            p.notes << tr("The numbers stay the same: the correction confirms the bill, resolves its anomalies and "
                          "settles it.");
    }
    return p;
}

}  // namespace cd::anomalies
