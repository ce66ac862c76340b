#include "core/accounts/couponservice.h"

#include "core/access/accessguard.h"
#include "core/accounts/accountaudit.h"
#include "core/accounts/couponrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::accounts {

namespace {

constexpr qint64 kMaxAmountMinor = 100'000'000'000LL;

json optionalJson(const std::optional<qint64> &v)
{
    return v ? json(*v) : json(nullptr);
}

QString ruleJson(const CouponRule &r)
{
    const json j = {{"name", r.name.toStdString()},
                    {"trigger", AccountText::triggerName(r.trigger).toStdString()},
                    {"minTopUpMinor", r.minTopUpMinor},
                    {"amountMinor", r.amountMinor},
                    {"minSpendMinor", r.minSpendMinor},
                    {"departmentId", optionalJson(r.departmentId)},
                    {"subOperatorId", optionalJson(r.subOperatorId)},
                    {"stationId", optionalJson(r.stationId)},
                    {"validDays", r.validDays ? json(*r.validDays) : json(nullptr)},
                    {"validFromMs", optionalJson(r.validFromMs)},
                    {"validToMs", optionalJson(r.validToMs)},
                    {"active", r.active}};
    return QString::fromStdString(j.dump());
}

QString couponJson(const Coupon &c)
{
    const json j = {{"code", c.code.toStdString()},
                    {"amountMinor", c.amountMinor},
                    {"memberId", optionalJson(c.memberId)},
                    {"status", c.status.toStdString()}};
    return QString::fromStdString(j.dump());
}

}  // namespace

CouponService::CouponService(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

QStringList CouponService::validate(const CouponRule &r)
{
    QStringList problems;
    if (r.name.trimmed().isEmpty())
        problems << tr("Enter the rule's name (the coupon's name shown to the member).");
    if (r.name.trimmed().size() > 200)
        problems << tr("The name is too long (200 characters at most).");
    if (r.amountMinor <= 0 || r.amountMinor > kMaxAmountMinor)
        problems << tr("The coupon's amount must be more than zero.");
    if (r.minSpendMinor < 0 || r.minSpendMinor > kMaxAmountMinor)
        problems << tr("The minimum spend cannot be negative.");
    if (r.trigger == CouponTrigger::TopUp && (r.minTopUpMinor <= 0 || r.minTopUpMinor > kMaxAmountMinor))
        problems << tr("Say which top-up earns the coupon: an amount more than zero.");
    if (r.validDays && (*r.validDays < 1 || *r.validDays > 3650))
        problems << tr("The number of valid days must be between 1 and 3650.");
    if (r.trigger == CouponTrigger::Spend && (r.minTotalSpendMinor <= 0 || r.minTotalSpendMinor > kMaxAmountMinor))
        problems << tr("Say which spend earns the coupon: an amount more than zero.");
    // A spend rule's date range is the period whose spend counts; its coupon may still run valid_days.
    if (r.trigger != CouponTrigger::Spend && r.validDays && (r.validFromMs || r.validToMs))
        problems << tr("Give either a number of valid days or a date range, not both.");
    if (!r.validDays && !r.validToMs)
        problems << tr("Say how long the coupons are valid: a number of days or a date range.");
    if (r.validFromMs && r.validToMs && *r.validToMs <= *r.validFromMs)
        problems << tr("The end of the date range must be after its start.");
    return problems;
}

Expected<QList<CouponRule>> CouponService::rules() const
{
    return CouponRepository(m_db).rules();
}

Expected<CouponRule> CouponService::createRule(const CouponRule &input, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::CouponsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (const QStringList problems = validate(input); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    CouponRule rule = input;
    rule.name = rule.name.trimmed();
    if (rule.trigger != CouponTrigger::TopUp)
        rule.minTopUpMinor = 0;
    if (rule.trigger != CouponTrigger::Spend)
        rule.minTotalSpendMinor = 0;
    rule.createdBy = actor;
    rule.createdMs = m_clock.nowMs();
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    auto id = CouponRepository(m_db).insertRule(rule);
    if (!id)
        return id.error();
    rule.id = *id;
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"coupon_rule.create"_s, u"coupon_rule"_s, rule.id, reason, {}, ruleJson(rule));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return rule;
}

Expected<CouponRule> CouponService::setRuleActive(qint64 ruleId, bool active, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::CouponsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    CouponRepository repo(m_db);
    auto found = repo.rule(ruleId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no coupon rule %1.").arg(ruleId)};
    const CouponRule before = **found;
    CouponRule after = before;
    after.active = active;
    if (Status st = repo.setRuleActive(ruleId, active); !st)
        return st.error();
    if (Status st = appendAccountAudit(m_db, m_clock, actor, active ? u"coupon_rule.activate"_s : u"coupon_rule.deactivate"_s,
                          u"coupon_rule"_s, ruleId, reason, ruleJson(before), ruleJson(after));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return after;
}

Expected<QList<Coupon>> CouponService::coupons(const CouponFilter &filter) const
{
    return CouponRepository(m_db).coupons(filter);
}

Expected<Coupon> CouponService::revoke(qint64 couponId, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::CouponsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say why the coupon is revoked.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    CouponRepository repo(m_db);
    auto found = repo.coupon(couponId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no coupon %1.").arg(couponId)};
    const Coupon before = **found;
    if (before.status == u"used")
        return Error{ExitCode::Usage, tr("Coupon %1 is already used; it cannot be revoked.").arg(before.code)};
    if (before.status != u"issued")
        return Error{ExitCode::Usage, tr("Coupon %1 is already revoked.").arg(before.code)};
    const qint64 now = m_clock.nowMs();
    auto revoked = repo.revoke(couponId, now, actor, reason.trimmed());
    if (!revoked)
        return revoked.error();
    if (!*revoked)
        return Error{ExitCode::Failure, tr("Coupon %1 changed meanwhile; look again.").arg(before.code)};
    Coupon after = before;
    after.status = u"revoked"_s;
    after.revokedMs = now;
    after.revokedBy = actor;
    after.revokeReason = reason.trimmed();
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"coupon.revoke"_s, u"coupon"_s, couponId, reason, couponJson(before),
                          couponJson(after));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return after;
}

}  // namespace cd::accounts
