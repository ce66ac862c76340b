#include "core/refunds/refundservice.h"

#include "core/access/accessguard.h"

#include "core/accounts/accountaudit.h"
#include "core/accounts/accountrepository.h"
#include "core/accounts/couponrepository.h"
#include "core/payments/moneytext.h"
#include "core/payments/paymentgateway.h"
#include "core/refunds/refundplan.h"
#include "core/refunds/refundrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

Q_LOGGING_CATEGORY(lcRefunds, "chargedesk.refunds")

namespace cd::refunds {

namespace {

constexpr qint64 kMaxAmountMinor = 100'000'000'000LL;
constexpr int kMaxReason = 1024;  // seed 001: varchar(1024)

std::string s(const QString &text)
{
    return text.toStdString();
}

// The member's money, for the audit log's before and after.
json memberMoney(const storage::Database &db, qint64 memberId)
{
    auto q = storage::Sql::run(db.connection(),
                               u"SELECT balance_minor, refundable_minor, pending_refund_minor FROM members WHERE id = ?"_s,
                               {memberId});
    if (!q || !q->next())
        return json::object();
    return {{"memberId", memberId},
            {"balanceMinor", q->value(0).toLongLong()},
            {"refundableMinor", q->value(1).toLongLong()},
            {"pendingRefundMinor", q->value(2).toLongLong()}};
}

json applicationJson(const RefundApplication &a)
{
    return {{"id", a.id},
            {"memberId", a.memberId},
            {"amountMinor", a.amountMinor},
            {"commissionMinor", a.commissionMinor},
            {"refundedMinor", a.refundedMinor},
            {"currency", s(a.currency)},
            {"status", s(statusName(a.status))},
            {"progress", s(progressName(a.progress))},
            {"revokeCoupons", a.revokeCoupons}};
}

QString dump(json j)
{
    return QString::fromStdString(j.dump());
}

// Ours, unique, and the gateway call's idempotency key: "RF<application>-<top-up>-<random>".
QString newRefundNo(qint64 applicationId, qint64 topUpId)
{
    return u"RF%1-%2-%3"_s.arg(applicationId).arg(topUpId).arg(qulonglong(QRandomGenerator::global()->generate()), 8, 16, QChar(u'0'));
}

}  // namespace

QString stateOf(const RefundApplication &a)
{
    return statusName(a.status) + u'/' + progressName(a.progress);
}

RefundService::RefundService(const storage::Database &db, payments::PaymentGateway *gateway, const Clock &clock,
                             QObject *parent)
    : QObject(parent), m_db(db), m_gateway(gateway), m_clock(clock)
{
}

RefundService::~RefundService() = default;

QStringList RefundService::validate(const RefundRequest &r)
{
    QStringList problems;
    if (r.memberId <= 0)
        problems << tr("Say whose refund it is: a member's id.");
    if (r.amountMinor <= 0)
        problems << tr("A refund must be more than zero.");
    else if (r.amountMinor > kMaxAmountMinor)
        problems << tr("The amount is too large for a refund.");
    static const QRegularExpression currencyPattern(u"^[A-Z]{3}$"_s);
    if (!currencyPattern.match(r.currency).hasMatch())
        problems << tr("The currency must be a three-letter ISO 4217 code, e.g. UAH.");
    if (r.reason.trimmed().isEmpty())
        problems << tr("Say why the member wants the money back.");
    else if (r.reason.trimmed().size() > kMaxReason)
        problems << tr("The reason is too long (%1 characters at most).").arg(kMaxReason);
    return problems;
}

Expected<RefundApplication> RefundService::load(const RefundRepository &repo, qint64 applicationId) const
{
    auto found = repo.application(applicationId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no refund application %1.").arg(applicationId)};
    return **found;
}

Status RefundService::refuseUnlessPending(const RefundApplication &a) const
{
    switch (a.status) {
    case RefundStatus::Pending:
        return {};
    case RefundStatus::Approved:
        return Error{ExitCode::Usage, tr("Refund application %1 is already approved (%2); it cannot be decided again.")
                                          .arg(a.id)
                                          .arg(RefundText::progressTitle(a.progress))};
    case RefundStatus::Rejected:
        return Error{ExitCode::Usage,
                     tr("Refund application %1 was rejected and its money went back to the member; it cannot be decided "
                        "again. The member may apply anew.")
                         .arg(a.id)};
    }
    return {};
}

Status RefundService::audit(RefundRepository &repo, const RefundApplication &a, const QString &actor,
                            const QString &decision, const QString &fromState, const QString &reason)
{
    RefundAuditEntry e;
    e.applicationId = a.id;
    e.atMs = m_clock.nowMs();
    e.operatorName = actor;
    e.decision = decision;
    e.fromState = fromState;
    e.toState = stateOf(a);
    e.reason = reason;
    if (auto id = repo.appendAudit(e); !id)
        return id.error();
    return {};
}

Expected<RefundApplication> RefundService::apply(const RefundRequest &request, const access::Actor &who)
{
    const QString actor = who.name();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::RefundsApply); !allowed)
        return allowed.error();
    if (const QStringList problems = validate(request); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    auto member = accounts::AccountRepository(m_db).member(request.memberId);
    if (!member)
        return member.error();
    if (!member->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(request.memberId)};
    const accounts::Member &m = **member;
    if (request.amountMinor > m.refundableMinor) {
        return Error{ExitCode::Usage, tr("Member %1 can get back at most %2 (the refundable balance); %3 was asked for.")
                                          .arg(m.id)
                                          .arg(payments::moneyText(m.refundableMinor, request.currency),
                                               payments::moneyText(request.amountMinor, request.currency))};
    }
    RefundRepository repo(m_db);
    // Money goes back the way it came: an application in a currency none of the member's top-ups
    // was paid in could not be refunded through any of them.
    auto topUps = repo.refundableTopUps(m.id);
    if (!topUps)
        return topUps.error();
    QStringList currencies;
    for (const RefundableTopUp &t : std::as_const(*topUps)) {
        if (!currencies.contains(t.topUp.currency))
            currencies << t.topUp.currency;
    }
    if (!currencies.isEmpty() && !currencies.contains(request.currency)) {
        return Error{ExitCode::Usage, tr("Member %1 topped up in %2, not in %3: apply for the refund in %2.")
                                          .arg(m.id)
                                          .arg(currencies.join(u", "_s), request.currency)};
    }
    const json before = memberMoney(m_db, m.id);
    RefundApplication a;
    a.memberId = m.id;
    a.amountMinor = request.amountMinor;
    a.currency = request.currency;
    a.reason = request.reason.trimmed();
    a.revokeCoupons = request.revokeCoupons;
    a.appliedMs = m_clock.nowMs();
    a.memberName = m.name;
    auto id = repo.insertApplication(a);
    if (!id)
        return id.error();
    a.id = *id;
    auto moved = repo.moveMemberMoney(m.id, -a.amountMinor, -a.amountMinor, a.amountMinor, a.amountMinor);
    if (!moved)
        return moved.error();
    if (!*moved)
        return Error{ExitCode::Usage, tr("Member %1's refundable balance changed meanwhile; look at it again.").arg(m.id)};
    if (Status st = audit(repo, a, actor, u"apply"_s, {}, a.reason); !st)
        return st.error();
    json after = memberMoney(m_db, m.id);
    after["application"] = applicationJson(a);
    if (Status st = accounts::appendAccountAudit(m_db, m_clock, actor, u"refund.apply"_s, u"refund"_s, a.id, a.reason,
                                                 dump(before), dump(after));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    emit applicationChanged(a.id);
    return a;
}

Expected<ApprovalResult> RefundService::approve(qint64 applicationId, qint64 commissionMinor, const access::Actor &who,
                                                const QString &reason)
{
    const QString actor = who.name();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::RefundsApprove); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say why: the reason is kept in the refund's audit history.")};
    if (commissionMinor < 0)
        return Error{ExitCode::Usage, tr("The commission cannot be negative.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    RefundRepository repo(m_db);
    auto peek = load(repo, applicationId);
    if (!peek)
        return peek.error();
    // The member first (the lock), then the application as it is now.
    if (Status st = repo.lockMember(peek->memberId); !st)
        return st.error();
    auto found = load(repo, applicationId);
    if (!found)
        return found.error();
    const RefundApplication before = *found;
    if (Status st = refuseUnlessPending(before); !st)
        return st.error();
    if (commissionMinor >= before.amountMinor) {
        return Error{ExitCode::Usage, tr("The commission (%1) must be less than the amount applied for (%2); to pay "
                                         "nothing back, reject the application.")
                                          .arg(payments::moneyText(commissionMinor, before.currency),
                                               payments::moneyText(before.amountMinor, before.currency))};
    }
    const json moneyBefore = memberMoney(m_db, before.memberId);
    const qint64 payout = before.amountMinor - commissionMinor;
    auto topUps = repo.refundableTopUps(before.memberId);
    if (!topUps)
        return topUps.error();
    const RefundPlan plan = planRefund(*topUps, payout, m_gateway ? m_gateway->name() : QString(), before.currency);

    RefundApplication a = before;
    a.status = RefundStatus::Approved;
    a.progress = RefundProgress::PlatformAudit;
    a.commissionMinor = commissionMinor;
    a.decidedMs = m_clock.nowMs();
    a.decidedBy = actor;
    auto updated = repo.updateApplication(a, before.status, before.progress);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error{ExitCode::Usage, tr("Refund application %1 changed meanwhile; look at it again.").arg(a.id)};
    // The commission is kept; what no top-up can take back goes back to the member now.
    auto moved = repo.moveMemberMoney(a.memberId, plan.uncoveredMinor, plan.uncoveredMinor,
                                      -(commissionMinor + plan.uncoveredMinor), 0, a.amountMinor);
    if (!moved)
        return moved.error();
    if (!*moved)
        return Error{ExitCode::Failure, tr("Member %1's pending refund is less than the application's amount.").arg(a.memberId)};
    if (Status st = audit(repo, a, actor, u"approve"_s, stateOf(before), reason.trimmed()); !st)
        return st.error();
    if (plan.uncoveredMinor > 0) {
        if (Status st = audit(repo, a, actor, u"returned"_s, stateOf(a),
                              tr("%1 could not be refunded through any top-up and went back to the refundable balance.")
                                  .arg(payments::moneyText(plan.uncoveredMinor, a.currency)));
            !st)
            return st.error();
    }
    ApprovalResult result;
    result.returnedMinor = plan.uncoveredMinor;
    const qint64 now = m_clock.nowMs();
    json records = json::array();
    for (const PlannedRefund &part : plan.parts) {
        RefundGatewayRecord r;
        r.applicationId = a.id;
        r.topUpId = part.topUp.id;
        r.originalTotalMinor = part.topUp.amountMinor;
        r.amountMinor = part.amountMinor;
        r.ourRefundNo = newRefundNo(a.id, part.topUp.id);
        r.createdMs = now;
        r.updatedMs = now;
        r.gateway = part.topUp.gateway;
        r.gatewayReceipt = part.topUp.receipt;
        auto id = repo.insertRecord(r);
        if (!id)
            return id.error();
        r.id = *id;
        result.records.append(r);
        records.push_back({{"id", r.id},
                           {"topUpId", part.topUp.id},
                           {"gateway", s(r.gateway)},
                           {"amountMinor", r.amountMinor},
                           {"ourRefundNo", s(r.ourRefundNo)}});
    }
    if (plan.parts.isEmpty()) {
        if (Status st = settle(repo, a.id, actor); !st)
            return st.error();
    }
    auto after = load(repo, a.id);
    if (!after)
        return after.error();
    result.application = *after;
    json moneyAfter = memberMoney(m_db, a.memberId);
    moneyAfter["application"] = applicationJson(result.application);
    moneyAfter["records"] = records;
    moneyAfter["returnedMinor"] = plan.uncoveredMinor;
    if (Status st = accounts::appendAccountAudit(m_db, m_clock, actor, u"refund.approve"_s, u"refund"_s, a.id, reason.trimmed(),
                                                 dump(moneyBefore), dump(moneyAfter));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    // Committed: now, and only now, the gateway hears of it.
    for (const RefundGatewayRecord &r : std::as_const(result.records)) {
        if (!r.atDesk())
            send(r);
    }
    emit applicationChanged(a.id);
    return result;
}

Expected<RefundApplication> RefundService::reject(qint64 applicationId, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::RefundsApprove); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say why: the reason is kept in the refund's audit history.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    RefundRepository repo(m_db);
    auto found = load(repo, applicationId);
    if (!found)
        return found.error();
    const RefundApplication before = *found;
    if (Status st = refuseUnlessPending(before); !st)
        return st.error();
    const json moneyBefore = memberMoney(m_db, before.memberId);
    RefundApplication a = before;
    a.status = RefundStatus::Rejected;
    a.progress = RefundProgress::PlatformAudit;  // the platform audit decided; status says how
    a.decidedMs = m_clock.nowMs();
    a.decidedBy = actor;
    auto updated = repo.updateApplication(a, before.status, before.progress);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error{ExitCode::Usage, tr("Refund application %1 changed meanwhile; look at it again.").arg(a.id)};
    auto moved = repo.moveMemberMoney(a.memberId, a.amountMinor, a.amountMinor, -a.amountMinor, 0, a.amountMinor);
    if (!moved)
        return moved.error();
    if (!*moved)
        return Error{ExitCode::Failure, tr("Member %1's pending refund is less than the application's amount.").arg(a.memberId)};
    if (Status st = audit(repo, a, actor, u"reject"_s, stateOf(before), reason.trimmed()); !st)
        return st.error();
    json moneyAfter = memberMoney(m_db, a.memberId);
    moneyAfter["application"] = applicationJson(a);
    if (Status st = accounts::appendAccountAudit(m_db, m_clock, actor, u"refund.reject"_s, u"refund"_s, a.id, reason.trimmed(),
                                                 dump(moneyBefore), dump(moneyAfter));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    emit applicationChanged(a.id);
    return a;
}

Expected<RefundApplication> RefundService::confirmDesk(qint64 recordId, bool paid, const QString &receipt,
                                                       const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::RefundsConfirm); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say why: the reason is kept in the refund's audit history.")};
    if (receipt.trimmed().size() > 200)
        return Error{ExitCode::Usage, tr("The receipt number is too long (200 characters at most).")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    RefundRepository repo(m_db);
    auto found = repo.record(recordId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no refund record %1.").arg(recordId)};
    const RefundGatewayRecord r = **found;
    if (!r.atDesk())
        return Error{ExitCode::Usage, tr("Refund record %1 goes through the payment gateway %2; its answer settles it, not "
                                         "the desk.")
                                          .arg(recordId)
                                          .arg(r.gateway)};
    if (r.status != RecordStatus::InProgress)
        return Error{ExitCode::Usage, tr("Refund record %1 is already settled (%2).")
                                          .arg(recordId)
                                          .arg(RefundText::recordStatusTitle(r.status))};
    const QString refundNo = paid ? (receipt.trimmed().isEmpty() ? u"desk-refund-%1"_s.arg(r.id) : receipt.trimmed()) : QString();
    if (Status st = finishRecord(repo, r, paid ? RecordStatus::Success : RecordStatus::Failed, refundNo, actor,
                                 paid ? u"desk_paid"_s : u"desk_not_paid"_s, reason.trimmed());
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    emit applicationChanged(r.applicationId);
    auto after = load(repo, r.applicationId);
    if (!after)
        return after.error();
    return *after;
}

Expected<int> RefundService::resend(qint64 applicationId)
{
    RefundRepository repo(m_db);
    auto a = load(repo, applicationId);
    if (!a)
        return a.error();
    auto records = repo.recordsOf(applicationId);
    if (!records)
        return records.error();
    int sent = 0;
    for (const RefundGatewayRecord &r : std::as_const(*records)) {
        if (r.status != RecordStatus::InProgress || r.atDesk() || m_inFlight.contains(r.id))
            continue;
        if (!m_gateway || r.gateway != m_gateway->name())
            return Error{ExitCode::Failure, tr("Refund record %1 needs the payment gateway %2, which this console does not use "
                                               "now.")
                                                .arg(r.id)
                                                .arg(r.gateway)};
        send(r);
        ++sent;
    }
    return sent;
}

Expected<int> RefundService::resumePending()
{
    if (!m_gateway)
        return 0;
    RefundRepository repo(m_db);
    int sent = 0;
    RefundFilter filter;
    filter.status = RefundStatus::Approved;
    filter.limit = 1000;
    for (;;) {
        auto page = repo.applications(filter);
        if (!page)
            return page.error();
        for (const RefundApplication &a : std::as_const(*page)) {
            if (a.progress != RefundProgress::PlatformAudit)
                continue;
            auto records = repo.recordsOf(a.id);
            if (!records)
                return records.error();
            for (const RefundGatewayRecord &r : std::as_const(*records)) {
                if (r.status != RecordStatus::InProgress || r.atDesk() || r.gateway != m_gateway->name()
                    || m_inFlight.contains(r.id))
                    continue;
                send(r);
                ++sent;
            }
        }
        if (page->size() < filter.limit)
            break;
        filter.beforeId = page->last().id;
    }
    return sent;
}

void RefundService::send(const RefundGatewayRecord &record)
{
    if (!m_gateway)
        return;
    m_inFlight.insert(record.id);
    QPointer<RefundService> self(this);
    const qint64 recordId = record.id;
    qCDebug(lcRefunds) << "refund record" << record.id << "to" << record.gateway << "for" << record.amountMinor;
    m_gateway->refund(record.gatewayReceipt, record.amountMinor, record.ourRefundNo,
                      [self, recordId](const payments::GatewayResult &result) {
                          if (self)
                              self->answered(recordId, result);
                      });
}

void RefundService::answered(qint64 recordId, const payments::GatewayResult &result)
{
    m_inFlight.remove(recordId);
    qint64 applicationId = 0;
    const Status status = [&]() -> Status {
        storage::Transaction transaction(m_db.connection());
        if (Status st = transaction.begin(); !st)
            return st;
        RefundRepository repo(m_db);
        auto found = repo.record(recordId);
        if (!found)
            return found.error();
        if (!found->has_value() || (*found)->status != RecordStatus::InProgress)
            return {};  // settled already (another attempt, another console): nothing to do twice
        const RefundGatewayRecord r = **found;
        applicationId = r.applicationId;
        auto a = load(repo, r.applicationId);
        if (!a)
            return a.error();
        const QString actor = a->decidedBy.isEmpty() ? u"gateway"_s : a->decidedBy;
        if (result.outcome == payments::Outcome::Unknown) {
            // Still in progress: resend() sends it again with the same key.
            if (Status st = repo.noteRecordError(r.id, result.errorCode, result.error, m_clock.nowMs()); !st)
                return st;
            if (Status st = audit(repo, *a, actor, u"gateway_no_answer"_s, stateOf(*a),
                                  tr("Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.")
                                      .arg(r.ourRefundNo, result.error));
                !st)
                return st;
            return transaction.commit();
        }
        if (result.done() && result.pending) {
            // Accepted, not finished: the gateway's webhook reports the end (report()).
            if (Status st = notePending(repo, *a, r, result.refundRef, actor); !st)
                return st;
            return transaction.commit();
        }
        const QString why = result.done() ? tr("Record %1: refunded %2 (gateway refund %3).")
                                                .arg(r.ourRefundNo, payments::moneyText(r.amountMinor, a->currency),
                                                     result.refundRef)
                                          : tr("Record %1: the gateway refused: %2")
                                                .arg(r.ourRefundNo, result.error.isEmpty() ? result.errorCode : result.error);
        if (Status st = finishRecord(repo, r, result.done() ? RecordStatus::Success : RecordStatus::Failed, result.refundRef,
                                     actor,
                                     result.done() ? u"gateway_success"_s : u"gateway_failed"_s, why,
                                     result.done() ? QString() : result.errorCode, result.done() ? QString() : result.error);
            !st)
            return st;
        return transaction.commit();
    }();
    if (!status)
        qCWarning(lcRefunds) << "cannot record the answer to refund record" << recordId << status.error().message;
    emit recordAnswered(applicationId, recordId, status && result.done() && !result.pending,
                        status ? result.error : status.error().message);
    if (applicationId > 0)
        emit applicationChanged(applicationId);
}

Status RefundService::finishRecord(RefundRepository &repo, const RefundGatewayRecord &r, RecordStatus to,
                                   const QString &refundNo, const QString &actor, const QString &decision, const QString &why,
                                   const QString &errorCode, const QString &error)
{
    auto a = load(repo, r.applicationId);
    if (!a)
        return a.error();
    const bool success = to == RecordStatus::Success;
    const json moneyBefore = memberMoney(m_db, a->memberId);
    auto finished = repo.finishRecord(r.id, to, refundNo, errorCode, error, m_clock.nowMs());
    if (!finished)
        return finished.error();
    if (!*finished)
        return Error{ExitCode::Usage, tr("Refund record %1 changed meanwhile; look at it again.").arg(r.id)};
    // Success: the money has left us. Failure: it goes back to the member.
    const qint64 back = success ? 0 : r.amountMinor;
    auto moved = repo.moveMemberMoney(a->memberId, back, back, -r.amountMinor, 0, r.amountMinor);
    if (!moved)
        return moved.error();
    if (!*moved)
        return Error{ExitCode::Failure, tr("Member %1's pending refund is less than the record's amount.").arg(a->memberId)};
    if (Status st = audit(repo, *a, actor, decision, stateOf(*a), why); !st)
        return st;
    if (success && a->revokeCoupons && r.topUpId) {
        if (Status st = revokeCoupons(repo, *a, *r.topUpId, actor); !st)
            return st;
    }
    if (Status st = settle(repo, a->id, actor); !st)
        return st;
    json moneyAfter = memberMoney(m_db, a->memberId);
    moneyAfter["record"] = {{"id", r.id},
                            {"applicationId", r.applicationId},
                            {"topUpId", r.topUpId ? json(*r.topUpId) : json(nullptr)},
                            {"amountMinor", r.amountMinor},
                            {"ourRefundNo", s(r.ourRefundNo)},
                            {"gatewayRefundNo", s(refundNo)},
                            {"status", s(recordStatusName(to))}};
    return accounts::appendAccountAudit(m_db, m_clock, actor, u"refund.record"_s, u"refund"_s, a->id, why, dump(moneyBefore),
                                        dump(moneyAfter));
}

QString reportOutcomeName(ReportOutcome outcome)
{
    switch (outcome) {
    case ReportOutcome::Applied:
        return u"applied"_s;
    case ReportOutcome::Pending:
        return u"pending"_s;
    case ReportOutcome::Stale:
        return u"stale"_s;
    case ReportOutcome::Unknown:
        return u"unknown"_s;
    }
    return {};
}

Expected<ReportOutcome> RefundService::report(const payments::RefundReport &report)
{
    ReportOutcome outcome = ReportOutcome::Stale;
    qint64 applicationId = 0;
    const Status status = [&]() -> Status {
        storage::Transaction transaction(m_db.connection());
        if (Status st = transaction.begin(); !st)
            return st;
        RefundRepository repo(m_db);
        auto found = repo.recordByRefundNo(report.ourRefundNo, report.refundRef);
        if (!found)
            return found.error();
        if (!found->has_value() || (*found)->atDesk()) {
            outcome = ReportOutcome::Unknown;  // a refund made elsewhere (the gateway's dashboard)
            return {};
        }
        const RefundGatewayRecord r = **found;
        applicationId = r.applicationId;
        auto a = load(repo, r.applicationId);
        if (!a)
            return a.error();
        const QString actor = u"gateway"_s;
        const QString reason = report.failureReason.isEmpty() ? report.refundRef
                                                              : u"%1, %2"_s.arg(report.refundRef, report.failureReason);
        using State = payments::RefundReport::State;
        if (r.status == RecordStatus::InProgress) {
            switch (report.state) {
            case State::Pending:
                if (r.gatewayRefundNo == report.refundRef)
                    return {};
                if (Status st = notePending(repo, *a, r, report.refundRef, actor); !st)
                    return st;
                outcome = ReportOutcome::Pending;
                return transaction.commit();
            case State::Succeeded:
                if (Status st = finishRecord(repo, r, RecordStatus::Success, report.refundRef, actor, u"gateway_success"_s,
                                             tr("Record %1: refunded %2 (gateway refund %3).")
                                                 .arg(r.ourRefundNo, payments::moneyText(r.amountMinor, a->currency),
                                                      report.refundRef));
                    !st)
                    return st;
                break;
            case State::Failed:
            case State::Canceled: {
                // A refund canceled before it was paid is "revoked" (seed 001's 撤销); one the bank
                // could not pay, "failed". Either way the money goes back to the member.
                const bool canceled = report.state == State::Canceled;
                const QString why = canceled ? tr("Record %1: the gateway canceled refund %2; the money went back to the "
                                                  "member.")
                                                   .arg(r.ourRefundNo, reason)
                                             : tr("Record %1: the gateway could not refund (%2); the money went back to "
                                                  "the member.")
                                                   .arg(r.ourRefundNo, reason);
                if (Status st = finishRecord(repo, r, canceled ? RecordStatus::Revoked : RecordStatus::Failed,
                                             report.refundRef, actor, canceled ? u"gateway_revoked"_s : u"gateway_failed"_s,
                                             why, canceled ? u"refund_canceled"_s : u"refund_failed"_s, report.failureReason);
                    !st)
                    return st;
                break;
            }
            }
            outcome = ReportOutcome::Applied;
            return transaction.commit();
        }
        if (r.status == RecordStatus::Success && (report.state == State::Failed || report.state == State::Canceled)) {
            if (Status st = revokeSucceeded(repo, *a, r, reason); !st)
                return st;
            outcome = ReportOutcome::Applied;
            return transaction.commit();
        }
        return {};  // already settled so (another delivery of the same event, or our own answer came first)
    }();
    if (!status)
        return status.error();
    if (outcome == ReportOutcome::Applied || outcome == ReportOutcome::Pending)
        emit applicationChanged(applicationId);
    return outcome;
}

Status RefundService::notePending(RefundRepository &repo, const RefundApplication &a, const RefundGatewayRecord &r,
                                  const QString &refundRef, const QString &actor)
{
    if (Status st = repo.noteGatewayRefundNo(r.id, refundRef, m_clock.nowMs()); !st)
        return st;
    return audit(repo, a, actor, u"gateway_pending"_s, stateOf(a),
                 tr("Record %1: the gateway accepted refund %2 and is still processing it.").arg(r.ourRefundNo, refundRef));
}

Status RefundService::revokeSucceeded(RefundRepository &repo, const RefundApplication &a, const RefundGatewayRecord &r,
                                      const QString &reason)
{
    const QString actor = u"gateway"_s;
    const json moneyBefore = memberMoney(m_db, a.memberId);
    auto revoked = repo.revokeRecord(r.id, u"refund_reversed"_s, reason, m_clock.nowMs());
    if (!revoked)
        return revoked.error();
    if (!*revoked)
        return Error{ExitCode::Usage, tr("Refund record %1 changed meanwhile; look at it again.").arg(r.id)};
    // The money came back to us: it is the member's again (balance and refundable).
    auto moved = repo.moveMemberMoney(a.memberId, r.amountMinor, r.amountMinor, 0);
    if (!moved)
        return moved.error();
    if (!*moved)
        return Error{ExitCode::Failure, tr("There is no member %1.").arg(a.memberId)};
    const QString why = tr("Record %1: the gateway reversed refund %2; %3 went back to the member's balance. Coupons "
                           "revoked with the refund stay revoked.")
                            .arg(r.ourRefundNo, reason, payments::moneyText(r.amountMinor, a.currency));
    RefundApplication after = a;
    if (a.progress != RefundProgress::PlatformAudit) {
        // Already final: what was paid back shrinks.
        after.refundedMinor = std::max<qint64>(0, a.refundedMinor - r.amountMinor);
        after.progress = after.refundedMinor > 0 ? RefundProgress::PartiallyRefunded : RefundProgress::Failed;
        auto updated = repo.updateApplication(after, a.status, a.progress);
        if (!updated)
            return updated.error();
        if (!*updated)
            return Error{ExitCode::Usage, tr("Refund application %1 changed meanwhile; look at it again.").arg(a.id)};
    }
    if (Status st = audit(repo, after, actor, u"gateway_revoked"_s, stateOf(a), why); !st)
        return st;
    json moneyAfter = memberMoney(m_db, a.memberId);
    moneyAfter["record"] = {{"id", r.id},
                            {"applicationId", r.applicationId},
                            {"amountMinor", r.amountMinor},
                            {"ourRefundNo", s(r.ourRefundNo)},
                            {"gatewayRefundNo", s(r.gatewayRefundNo)},
                            {"status", s(recordStatusName(RecordStatus::Revoked))}};
    moneyAfter["application"] = applicationJson(after);
    return accounts::appendAccountAudit(m_db, m_clock, actor, u"refund.record"_s, u"refund"_s, a.id, why, dump(moneyBefore),
                                        dump(moneyAfter));
}

Status RefundService::revokeCoupons(RefundRepository &repo, const RefundApplication &a, qint64 topUpId, const QString &actor)
{
    auto coupons = repo.couponsOfTopUps({topUpId});
    if (!coupons)
        return coupons.error();
    accounts::CouponRepository couponRepo(m_db);
    const QString why = tr("The top-up that earned it was refunded (refund application %1).").arg(a.id);
    for (const RefundCoupon &c : std::as_const(*coupons)) {
        if (c.status == u"issued") {
            auto revoked = couponRepo.revoke(c.id, m_clock.nowMs(), actor, why);
            if (!revoked)
                return revoked.error();
            if (!*revoked)
                continue;  // used or revoked meanwhile
            if (Status st = audit(repo, a, actor, u"coupon_revoked"_s, stateOf(a), c.code); !st)
                return st;
            if (Status st = accounts::appendAccountAudit(m_db, m_clock, actor, u"coupon.revoke"_s, u"coupon"_s, c.id, why,
                                                         dump(json{{"status", "issued"}}), dump(json{{"status", "revoked"}}));
                !st)
                return st;
        } else if (c.status == u"used") {
            // Already spent: reported for the operator, nothing is taken back automatically.
            if (Status st = audit(repo, a, actor, u"coupon_used"_s, stateOf(a), c.code); !st)
                return st;
        }
    }
    return {};
}

Status RefundService::settle(RefundRepository &repo, qint64 applicationId, const QString &actor)
{
    auto a = load(repo, applicationId);
    if (!a)
        return a.error();
    if (a->status != RefundStatus::Approved || a->progress != RefundProgress::PlatformAudit)
        return {};
    auto records = repo.recordsOf(applicationId);
    if (!records)
        return records.error();
    qint64 refunded = 0;
    for (const RefundGatewayRecord &r : std::as_const(*records)) {
        if (r.status == RecordStatus::InProgress)
            return {};  // not yet
        if (r.status == RecordStatus::Success)
            refunded += r.amountMinor;
    }
    const qint64 payout = a->amountMinor - a->commissionMinor;
    RefundApplication after = *a;
    after.refundedMinor = refunded;
    after.progress = refunded >= payout ? RefundProgress::Refunded
                     : refunded > 0     ? RefundProgress::PartiallyRefunded
                                        : RefundProgress::Failed;
    auto updated = repo.updateApplication(after, a->status, a->progress);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error{ExitCode::Usage, tr("Refund application %1 changed meanwhile; look at it again.").arg(a->id)};
    return audit(repo, after, actor, u"finish"_s, stateOf(*a),
                 tr("Refunded %1 of %2.").arg(payments::moneyText(refunded, a->currency), payments::moneyText(payout, a->currency)));
}

Expected<QList<RefundApplication>> RefundService::list(const RefundFilter &filter) const
{
    return RefundRepository(m_db).applications(filter);
}

Expected<RefundDetail> RefundService::show(qint64 applicationId) const
{
    RefundRepository repo(m_db);
    auto a = load(repo, applicationId);
    if (!a)
        return a.error();
    RefundDetail d;
    d.application = *a;
    auto history = repo.auditOf(applicationId);
    if (!history)
        return history.error();
    d.audit = *history;
    auto records = repo.recordsOf(applicationId);
    if (!records)
        return records.error();
    d.records = *records;
    QList<qint64> topUps;
    for (const RefundGatewayRecord &r : std::as_const(d.records)) {
        if (r.topUpId && !topUps.contains(*r.topUpId))
            topUps.append(*r.topUpId);
    }
    auto coupons = repo.couponsOfTopUps(topUps);
    if (!coupons)
        return coupons.error();
    d.coupons = *coupons;
    auto member = accounts::AccountRepository(m_db).member(a->memberId);
    if (!member)
        return member.error();
    if (member->has_value()) {
        d.balanceMinor = (*member)->balanceMinor;
        d.refundableMinor = (*member)->refundableMinor;
        d.pendingRefundMinor = (*member)->pendingRefundMinor;
    }
    return d;
}

}  // namespace cd::refunds
