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

Expected<Coupon> SpendCoupons::issueEarned(const CouponRule &rule, const Member &member, qint64 billId,
                                           const QString &actor, const QString &reason)
{
    Coupon coupon = CouponIssuer::couponFrom(rule, member, m_clock.nowMs());
    coupon.earnedByBillId = billId;
    auto issued = CouponIssuer(m_db).issue(std::move(coupon));
    if (!issued)
        return issued.error();
    auto spend = CouponRepository(m_db).memberSpend(member.id, rule.validFromMs, rule.validToMs);
    if (!spend)
        return spend.error();
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"coupon.earn"_s, u"coupon"_s, issued->id, reason, {},
                                       couponJson(*issued, *spend));
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
    auto owner = repo.billOwner(billId);
    if (!owner)
        return owner.error();
    if (!owner->has_value())
        return QList<Coupon>();  // no member: nobody to earn it
    AccountRepository accounts(m_db);
    auto member = accounts.member((*owner)->memberId);
    if (!member)
        return member.error();
    if (!member->has_value())
        return QList<Coupon>();
    auto departments = accounts.departmentChain((*member)->departmentId);
    if (!departments)
        return departments.error();
    const qint64 now = m_clock.nowMs();
    QList<Coupon> out;
    for (const CouponRule &rule : *rules) {
        if (rule.minTotalSpendMinor <= 0 || !inWindow(rule, (*owner)->chargingStartMs)
            || !CouponIssuer::appliesTo(rule, *departments, now))
            continue;
        auto existing = repo.couponOfRule(rule.id, (*member)->id);
        if (!existing)
            return existing.error();
        if (existing->has_value())
            continue;  // one coupon per member and rule
        auto spend = repo.memberSpend((*member)->id, rule.validFromMs, rule.validToMs);
        if (!spend)
            return spend.error();
        if (*spend < rule.minTotalSpendMinor)
            continue;
        auto issued = issueEarned(rule, **member, billId, actor, tr("Spend reached the threshold with bill %1").arg(billId));
        if (!issued)
            return issued.error();
        out.append(*issued);
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
    auto owner = repo.billOwner(billId);
    if (!owner)
        return owner.error();
    if (!owner->has_value())
        return out;
    AccountRepository accounts(m_db);
    auto member = accounts.member((*owner)->memberId);
    if (!member)
        return member.error();
    if (!member->has_value())
        return out;
    auto departments = accounts.departmentChain((*member)->departmentId);
    if (!departments)
        return departments.error();
    const qint64 now = m_clock.nowMs();
    for (const CouponRule &rule : *rules) {
        if (rule.minTotalSpendMinor <= 0 || !inWindow(rule, (*owner)->chargingStartMs))
            continue;
        auto before = repo.memberSpend((*member)->id, rule.validFromMs, rule.validToMs);
        if (!before)
            return before.error();
        const qint64 after = *before - oldTotalMinor + newTotalMinor;
        auto existing = repo.couponOfRule(rule.id, (*member)->id);
        if (!existing)
            return existing.error();
        SpendCouponChange change;
        change.rule = rule;
        change.spendBeforeMinor = *before;
        change.spendAfterMinor = after;
        if (existing->has_value()) {
            const Coupon &c = **existing;
            if (after >= rule.minTotalSpendMinor || c.status == u"revoked")
                continue;
            change.kind = c.status == u"issued" ? SpendCouponChange::Kind::Revoked : SpendCouponChange::Kind::EarnedButUsed;
            change.coupon = c;
            out.append(change);
        } else if (after >= rule.minTotalSpendMinor && CouponIssuer::appliesTo(rule, *departments, now)) {
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
            auto c = issueEarned(change.rule, **member, newBillId, actor, reason);
            if (!c)
                return c.error();
            issued.append(*c);
            break;
        }
        }
    }
    return issued;
}

}  // namespace cd::accounts
