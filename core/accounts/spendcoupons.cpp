#include "core/accounts/spendcoupons.h"

#include "core/accounts/accountaudit.h"
#include "core/accounts/accountrepository.h"
#include "core/accounts/couponissuer.h"
#include "core/accounts/couponrepository.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::accounts {

namespace {

QString couponJson(const Coupon &c, qint64 spendMinor)
{
    const json j = {{"code", c.code.toStdString()},
                    {"amountMinor", c.amountMinor},
                    {"memberId", c.memberId ? json(*c.memberId) : json(nullptr)},
                    {"ruleId", c.ruleId ? json(*c.ruleId) : json(nullptr)},
                    {"earnedByBillId", c.earnedByBillId ? json(*c.earnedByBillId) : json(nullptr)},
                    {"spendMinor", spendMinor},
                    {"status", c.status.toStdString()}};
    return QString::fromStdString(j.dump());
}

// What the spend rules need to know about a bill: its session, its member and their departments.
struct BillSubject {
    CouponRepository::BillOwner owner;
    Member member;
    QList<qint64> memberDepartments;   // who may earn (CouponIssuer::appliesTo)
    QList<qint64> sessionDepartments;  // whose spend counts (SpendCoupons::counts)
};

// nullopt: no such bill, or nobody to earn a coupon (the session has no member).
Expected<std::optional<BillSubject>> subjectOf(const storage::Database &db, qint64 billId)
{
    auto owner = CouponRepository(db).billOwner(billId);
    if (!owner)
        return owner.error();
    if (!owner->has_value())
        return std::optional<BillSubject>();
    AccountRepository accounts(db);
    auto member = accounts.member((*owner)->memberId);
    if (!member)
        return member.error();
    if (!member->has_value())
        return std::optional<BillSubject>();
    auto memberDepartments = accounts.departmentChain((*member)->departmentId);
    if (!memberDepartments)
        return memberDepartments.error();
    auto sessionDepartments = accounts.departmentChain((*owner)->departmentId);
    if (!sessionDepartments)
        return sessionDepartments.error();
    return std::optional<BillSubject>(BillSubject{**owner, **member, *memberDepartments, *sessionDepartments});
}

// A member's earned coupons of one rule: the live one (at most one: migration 0013) and whether one
// was revoked before.
struct EarnedState {
    std::optional<Coupon> live;
    bool revokedBefore = false;
};

Expected<EarnedState> earnedState(const CouponRepository &repo, qint64 ruleId, qint64 memberId)
{
    auto earned = repo.earnedCoupons(ruleId, memberId);
    if (!earned)
        return earned.error();
    EarnedState state;
    for (const Coupon &c : *earned) {
        if (c.revokedMs)
            state.revokedBefore = true;
        else
            state.live = c;
    }
    return state;
}

}  // namespace

SpendCoupons::SpendCoupons(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

bool SpendCoupons::inWindow(const CouponRule &rule, qint64 chargingStartMs)
{
    if (rule.validFromMs && chargingStartMs < *rule.validFromMs)
        return false;
    if (rule.validToMs && chargingStartMs >= *rule.validToMs)
        return false;
    return true;
}

bool SpendCoupons::counts(const CouponRule &rule, const CouponRepository::BillOwner &owner,
                          const QList<qint64> &sessionDepartments)
{
    if (!inWindow(rule, owner.chargingStartMs))
        return false;
    if (rule.stationId && *rule.stationId != owner.stationId)
        return false;
    if (rule.subOperatorId && rule.subOperatorId != owner.subOperatorId)
        return false;
    if (rule.departmentId && !sessionDepartments.contains(*rule.departmentId))
        return false;
    return true;
}

bool SpendCoupons::earns(const CouponRule &rule, qint64 beforeMinor, qint64 afterMinor, bool revokedBefore)
{
    if (afterMinor < rule.minTotalSpendMinor)
        return false;
    // Revoked because the spend had dropped below the threshold: coming back up to it earns anew.
    // Revoked by an operator while the spend stayed above it: the next bill does not undo that.
    return !revokedBefore || beforeMinor < rule.minTotalSpendMinor;
}

Expected<std::optional<Coupon>> SpendCoupons::issueEarned(const CouponRule &rule, const Member &member, qint64 billId,
                                                          qint64 spendMinor, const QString &actor, const QString &reason)
{
    Coupon coupon = CouponIssuer::couponFrom(rule, member, m_clock.nowMs());
    coupon.earnedByBillId = billId;
    auto issued = CouponIssuer(m_db).issueEarned(std::move(coupon));
    if (!issued)
        return issued.error();
    if (!issued->has_value())
        return issued;  // another writer issued it meanwhile: audited there
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"coupon.earn"_s, u"coupon"_s, (*issued)->id, reason, {},
                                       couponJson(**issued, spendMinor));
        !st)
        return st.error();
    return issued;
}

Expected<QList<Coupon>> SpendCoupons::afterBillIssued(qint64 billId, const QString &actor)
{
    CouponRepository repo(m_db);
    auto rules = repo.activeRules(CouponTrigger::Spend);
    if (!rules)
        return rules.error();
    if (rules->isEmpty())
        return QList<Coupon>();
    auto subject = subjectOf(m_db, billId);
    if (!subject)
        return subject.error();
    if (!subject->has_value())
        return QList<Coupon>();
    const BillSubject &b = **subject;
    const qint64 now = m_clock.nowMs();
    QList<Coupon> out;
    for (const CouponRule &rule : *rules) {
        if (rule.minTotalSpendMinor <= 0 || !counts(rule, b.owner, b.sessionDepartments)
            || !CouponIssuer::appliesTo(rule, b.memberDepartments, now))
            continue;
        auto state = earnedState(repo, rule.id, b.member.id);
        if (!state)
            return state.error();
        if (state->live)
            continue;  // one live coupon per member and rule
        auto spend = repo.memberSpend(b.member.id, rule);
        if (!spend)
            return spend.error();
        // This bill is in the spend: without it, the spend was the "before".
        if (!earns(rule, *spend - b.owner.totalMinor, *spend, state->revokedBefore))
            continue;
        auto issued = issueEarned(rule, b.member, billId, *spend, actor,
                                  tr("Spend reached the threshold with bill %1").arg(billId));
        if (!issued)
            return issued.error();
        if (issued->has_value())
            out.append(**issued);
    }
    return out;
}

Expected<QList<SpendCouponChange>> SpendCoupons::changesForTotal(qint64 billId, qint64 oldTotalMinor,
                                                                 qint64 newTotalMinor) const
{
    QList<SpendCouponChange> out;
    if (oldTotalMinor == newTotalMinor)
        return out;
    CouponRepository repo(m_db);
    auto rules = repo.activeRules(CouponTrigger::Spend);
    if (!rules)
        return rules.error();
    if (rules->isEmpty())
        return out;
    auto subject = subjectOf(m_db, billId);
    if (!subject)
        return subject.error();
    if (!subject->has_value())
        return out;
    const BillSubject &b = **subject;
    const qint64 now = m_clock.nowMs();
    for (const CouponRule &rule : *rules) {
        if (rule.minTotalSpendMinor <= 0 || !counts(rule, b.owner, b.sessionDepartments))
            continue;  // the bill is not in this rule's spend
        auto before = repo.memberSpend(b.member.id, rule);
        if (!before)
            return before.error();
        auto state = earnedState(repo, rule.id, b.member.id);
        if (!state)
            return state.error();
        SpendCouponChange change;
        change.rule = rule;
        change.spendBeforeMinor = *before;
        change.spendAfterMinor = *before - oldTotalMinor + newTotalMinor;
        if (state->live) {
            if (change.spendAfterMinor >= rule.minTotalSpendMinor)
                continue;
            change.kind = state->live->status == u"issued" ? SpendCouponChange::Kind::Revoked
                                                            : SpendCouponChange::Kind::EarnedButUsed;
            change.coupon = state->live;
            out.append(change);
        } else if (earns(rule, change.spendBeforeMinor, change.spendAfterMinor, state->revokedBefore)
                   && CouponIssuer::appliesTo(rule, b.memberDepartments, now)) {
            change.kind = SpendCouponChange::Kind::Earned;
            out.append(change);
        }
    }
    return out;
}

Expected<QList<Coupon>> SpendCoupons::applyChanges(const QList<SpendCouponChange> &changes, qint64 newBillId,
                                                   const QString &actor, const QString &reason)
{
    QList<Coupon> issued;
    CouponRepository repo(m_db);
    for (const SpendCouponChange &change : changes) {
        switch (change.kind) {
        case SpendCouponChange::Kind::EarnedButUsed:
            break;  // reported in the preview; the operator decides
        case SpendCouponChange::Kind::Revoked: {
            const Coupon &c = *change.coupon;
            auto revoked = repo.revoke(c.id, m_clock.nowMs(), actor, reason);
            if (!revoked)
                return revoked.error();
            if (!*revoked)
                return Error{ExitCode::Failure,
                             tr("Coupon %1 was used or revoked meanwhile: preview the correction again.").arg(c.code)};
            Coupon after = c;
            after.status = u"revoked"_s;
            if (Status st = appendAccountAudit(m_db, m_clock, actor, u"coupon.revoke"_s, u"coupon"_s, c.id, reason,
                                               couponJson(c, change.spendBeforeMinor),
                                               couponJson(after, change.spendAfterMinor));
                !st)
                return st.error();
            break;
        }
        case SpendCouponChange::Kind::Earned: {
            auto owner = repo.billOwner(newBillId);
            if (!owner)
                return owner.error();
            if (!owner->has_value())
                break;
            auto member = AccountRepository(m_db).member((*owner)->memberId);
            if (!member)
                return member.error();
            if (!member->has_value())
                break;
            auto c = issueEarned(change.rule, **member, newBillId, change.spendAfterMinor, actor, reason);
            if (!c)
                return c.error();
            if (c->has_value())
                issued.append(**c);
            break;
        }
        }
    }
    return issued;
}

}  // namespace cd::accounts
