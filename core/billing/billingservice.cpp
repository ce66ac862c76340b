#include "core/billing/billingservice.h"

#include "core/accounts/spendcoupons.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billrepository.h"
#include "core/billing/sessionbillinput.h"
#include "core/charging/chargingtypes.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cd::billing {

Q_LOGGING_CATEGORY(lcBilling, "chargedesk.billing")

using nlohmann::json;
using storage::Session;
using storage::Sql;

namespace {

bool closedStatus(const QString &status)
{
    using charging::SessionStatus;
    for (SessionStatus s : {SessionStatus::Finished, SessionStatus::Canceled, SessionStatus::Failed, SessionStatus::FailedHold,
                            SessionStatus::PendingFinalPayment}) {
        if (status == charging::sessionStatusName(s))
            return true;
    }
    return false;
}

QString payerName(BalancePayer::Kind kind)
{
    switch (kind) {
    case BalancePayer::Kind::Member: return QStringLiteral("member");
    case BalancePayer::Kind::Department: return QStringLiteral("department");
    case BalancePayer::Kind::None: break;
    }
    return QStringLiteral("none");
}

// What issue() returns for a session that has its bill already: that bill, nothing created.
IssuedBill alreadyBilled(const Bill &bill)
{
    IssuedBill out;
    out.billId = bill.id;
    out.state = bill.settlementState;
    return out;
}

}  // namespace

BillingService::BillingService(const storage::Database &db, const Clock &clock)
    : m_db(db), m_clock(clock), m_defaultMode(defaultSettlementMode())
{
}

Expected<qint64> BillingService::issueBill(qint64 sessionId, const IssueOptions &options)
{
    auto issued = issue(sessionId, options);
    if (!issued)
        return issued.error();
    return issued->billId;
}

Expected<BalancePayer> BillingService::payerForSession(const Session &s) const
{
    BalancePayer payer;
    if (s.holdStatus != u"none")
        return payer;  // a card hold pays
    if (s.departmentId) {
        qint64 id = *s.departmentId;
        // Up to the parent while the department bills to its parent (zpd_case#18).
        for (int guard = 0; guard < 64; ++guard) {
            auto q = Sql::run(m_db.connection(), QStringLiteral("SELECT parent_id, bill_to_parent FROM departments WHERE id = ?"),
                              {id});
            if (!q)
                return q.error();
            if (!q->next())
                break;
            if (q->isNull(0) || q->value(1).toInt() == 0)
                break;
            id = q->value(0).toLongLong();
        }
        payer.kind = BalancePayer::Kind::Department;
        payer.id = id;
        return payer;
    }
    if (s.memberId) {
        payer.kind = BalancePayer::Kind::Member;
        payer.id = *s.memberId;
    }
    return payer;
}

Status BillingService::debitBalance(const BalancePayer &payer, qint64 deltaMinor, qint64 sessionId, qint64 billId,
                                    const QString &actor, const QString &reason)
{
    if (payer.kind == BalancePayer::Kind::None || deltaMinor == 0)
        return {};
    const bool member = payer.kind == BalancePayer::Kind::Member;
    // Departments have no refundable amount; a member's is read for the audit record.
    auto before = Sql::run(m_db.connection(),
                           member ? QStringLiteral("SELECT balance_minor, refundable_minor FROM members WHERE id = ?")
                                  : QStringLiteral("SELECT balance_minor, 0 FROM departments WHERE id = ?"),
                           {payer.id});
    if (!before)
        return before.error();
    if (!before->next())
        return Error{ExitCode::Failure, tr("The account that pays session %1 no longer exists.").arg(sessionId)};
    const qint64 balanceBefore = before->value(0).toLongLong();
    const qint64 refundableBefore = before->value(1).toLongLong();
    before->finish();
    // One statement: the balance moves and a member's refundable amount never stays above it
    // (cappedRefundableMinor; SQL reads the old row on the right-hand side in both SQLite and
    // PostgreSQL). A credit never raises the refundable amount: what comes back from a bill is not a
    // top-up.
    auto q = member ? Sql::run(m_db.connection(),
                               QStringLiteral("UPDATE members SET balance_minor = balance_minor - ?, refundable_minor = "
                                              "CASE WHEN balance_minor - ? <= 0 THEN 0 "
                                              "WHEN refundable_minor > balance_minor - ? THEN balance_minor - ? "
                                              "ELSE refundable_minor END WHERE id = ?"),
                               {deltaMinor, deltaMinor, deltaMinor, deltaMinor, payer.id})
                    : Sql::run(m_db.connection(), QStringLiteral("UPDATE departments SET balance_minor = balance_minor - ? WHERE id = ?"),
                               {deltaMinor, payer.id});
    if (!q)
        return q.error();
    const qint64 balanceAfter = balanceBefore - deltaMinor;
    const qint64 refundableAfter = cappedRefundableMinor(refundableBefore, balanceAfter);
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.action = deltaMinor > 0 ? QStringLiteral("bill.debit") : QStringLiteral("bill.credit");
    audit.entityType = QStringLiteral("bill");
    audit.entityId = QString::number(billId);
    audit.reason = reason;
    const std::string who = payerName(payer.kind).toStdString();
    json beforeState{{"payer", who}, {"payerId", payer.id}, {"sessionId", sessionId}, {"balanceMinor", balanceBefore}};
    json afterState{{"payer", who}, {"payerId", payer.id}, {"sessionId", sessionId}, {"balanceMinor", balanceAfter},
                    {"deltaMinor", -deltaMinor}};
    if (member) {
        beforeState["refundableMinor"] = refundableBefore;
        afterState["refundableMinor"] = refundableAfter;
    }
    audit.beforeState = QString::fromStdString(beforeState.dump());
    audit.afterState = QString::fromStdString(afterState.dump());
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    return {};
}

qint64 BillingService::cappedRefundableMinor(qint64 refundableMinor, qint64 balanceAfterMinor)
{
    return std::min(refundableMinor, std::max<qint64>(0, balanceAfterMinor));
}

Expected<IssuedBill> BillingService::issue(qint64 sessionId, const IssueOptions &options)
{
    auto found = storage::SessionRepository(m_db).find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no session %1.").arg(sessionId)};
    const Session &s = **found;
    if (!options.abandoned && s.stopSource.isEmpty() && !closedStatus(s.status)) {
        return Error{ExitCode::Usage, tr("Session %1 has not ended (status %2): it gets its bill when it ends.")
                                          .arg(s.sessionNumber, s.status)};
    }
    BillRepository bills(m_db);
    if (auto existing = bills.current(sessionId); !existing) {
        return existing.error();
    } else if (existing->has_value()) {
        return alreadyBilled(**existing);
    }
    const qint64 now = m_clock.nowMs();
    auto input = SessionBillInput(m_db).load(s, SessionBillInputOptions{std::nullopt, true, options.abandoned ? std::optional<qint64>(now) : std::nullopt});
    if (!input)
        return input.error();
    if (!input->has_value())  // not with zeroPriceWithoutTariff: a session without a tariff bills at 0
        return Error{ExitCode::Failure, tr("Session %1 cannot be billed: no tariff applies.").arg(s.sessionNumber)};
    const BillResult result = calculateBill(**input);
    const SettlementMode mode = [&] {
        auto m = settlementModeForSession(m_db, sessionId, m_defaultMode);
        return m ? *m : m_defaultMode;
    }();
    auto payer = payerForSession(s);
    if (!payer)
        return payer.error();
    auto written = writeBill(s, result, mode, *payer, now, options);
    if (written)
        return written;
    // Two servers on one PostgreSQL database may bill the session at once: both find no bill, the
    // second INSERT waits for the first transaction and then breaks UNIQUE (session_id, version).
    // Its transaction is rolled back by then; the winner's bill is the session's bill.
    if (auto winner = bills.current(sessionId); winner && winner->has_value()) {
        qCInfo(lcBilling) << "session" << sessionId << "was billed meanwhile by another writer: bill" << (**winner).id;
        return alreadyBilled(**winner);
    }
    return written.error();
}

Expected<IssuedBill> BillingService::writeBill(const Session &s, const BillResult &result, SettlementMode mode,
                                               const BalancePayer &payer, qint64 now, const IssueOptions &options)
{
    const qint64 sessionId = s.id;
    IssuedBill out;
    BillRepository bills(m_db);
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    // Another process may have billed it meanwhile (UNIQUE (session_id, version) backs this up).
    if (auto again = bills.current(sessionId); !again) {
        return again.error();
    } else if (again->has_value()) {
        return alreadyBilled(**again);
    }
    Bill bill = Bill::fromResult(sessionId, result);
    bill.version = 1;
    bill.createdBy = options.actor;
    bill.createdMs = now;
    bill.reason = options.abandoned ? tr("Session abandoned") : QString();
    bill.settlementState = SettlementState::Unsettled;
    auto billId = bills.insert(bill);
    if (!billId)
        return billId.error();
    out.billId = *billId;
    out.created = true;
    if (result.couponId) {
        auto used = Sql::run(m_db.connection(),
                             QStringLiteral("UPDATE coupons SET status = 'used', used_session_id = ? WHERE id = ? AND status = 'issued'"),
                             {sessionId, *result.couponId});
        if (!used)
            return used.error();
        if (used->numRowsAffected() < 1)
            return Error{ExitCode::Failure, tr("The coupon chosen for session %1 was used meanwhile: try again.").arg(s.sessionNumber)};
    }
    if (m_tagger) {
        auto codes = m_tagger->tag(sessionId, *billId);
        if (!codes)
            return codes.error();
        out.anomalyCodes = *codes;
    }
    out.state = settlementStateFor(mode, !out.anomalyCodes.isEmpty());
    if (Status st = bills.setSettlementState(*billId, out.state); !st)
        return st.error();
    out.payer = payer;
    if (out.state != SettlementState::Held && payer.kind != BalancePayer::Kind::None && result.totalMinor > 0) {
        if (Status st = debitBalance(payer, result.totalMinor, sessionId, *billId, options.actor,
                                     tr("Bill of session %1").arg(s.sessionNumber));
            !st)
            return st.error();
        out.debitedMinor = result.totalMinor;
    }
    if (s.holdStatus == u"none") {
        // A billing column: the session's amount is its bill's (card-hold sessions: SessionPayments prices them).
        auto q = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE sessions SET amount_minor = ?, tariff_id = ?, currency = ? WHERE id = ?"),
                          {result.totalMinor, storage::bindable(bill.tariffId), result.currency, sessionId});
        if (!q)
            return q.error();
    }
    // Coupons earned by spend (trigger 'spend'): the bill may make the member reach a threshold.
    if (auto earned = accounts::SpendCoupons(m_db, m_clock).afterBillIssued(*billId, options.actor); !earned)
        return earned.error();
    storage::SessionEvent e;
    e.sessionId = sessionId;
    e.atMs = now;
    e.kind = QStringLiteral("bill_issued");
    json codes = json::array();
    for (int c : out.anomalyCodes)
        codes.push_back(c);
    e.detail = QString::fromStdString(json{{"billId", *billId},
                                           {"totalMinor", result.totalMinor},
                                           {"currency", result.currency.toStdString()},
                                           {"energyWh", result.energyWh},
                                           {"settlement", SettlementText::stateName(out.state).toStdString()},
                                           {"anomalies", codes}}
                                          .dump());
    if (auto added = storage::SessionRepository(m_db).addEvent(e); !added)
        return added.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    qCInfo(lcBilling) << "session" << sessionId << "bill" << *billId << result.totalMinor << result.currency
                      << SettlementText::stateName(out.state);
    return out;
}

}  // namespace cd::billing
