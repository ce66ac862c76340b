#include "core/accounts/couponissuer.h"

#include "core/accounts/accountrepository.h"
#include "core/accounts/couponrepository.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace cd::accounts {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// "CP-7K3QX9TZ": letters and digits an operator can read out on the phone (no 0/O, 1/I).
QString randomCode()
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString code = u"CP-"_s;
    for (int i = 0; i < 8; ++i)
        code += QChar::fromLatin1(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
    return code;
}

}  // namespace

CouponIssuer::CouponIssuer(const storage::Database &db) : m_db(db) {}

bool CouponIssuer::appliesTo(const CouponRule &rule, const QList<qint64> &memberDepartments, qint64 nowMs)
{
    if (!rule.active)
        return false;
    if (rule.departmentId && !memberDepartments.contains(*rule.departmentId))
        return false;
    if (!rule.validDays && rule.validToMs && *rule.validToMs <= nowMs)
        return false;  // the rule's coupons would be expired on issue
    return true;
}

Coupon CouponIssuer::couponFrom(const CouponRule &rule, const Member &member, qint64 nowMs)
{
    Coupon c;
    c.name = rule.name;
    c.amountMinor = rule.amountMinor;
    c.minSpendMinor = rule.minSpendMinor;
    c.departmentId = rule.departmentId;
    c.subOperatorId = rule.subOperatorId;
    c.stationId = rule.stationId;
    if (rule.validDays) {
        c.validDays = rule.validDays;
        c.validFromMs = nowMs;
        c.validToMs = nowMs + qint64(*rule.validDays) * kDayMs;
    } else {
        c.validFromMs = rule.validFromMs;
        c.validToMs = rule.validToMs;
    }
    c.memberId = member.id;
    c.issuedReason = AccountText::triggerName(rule.trigger);
    c.ruleId = rule.id;
    c.status = u"issued"_s;
    c.createdMs = nowMs;
    c.memberName = member.name;
    return c;
}

Expected<std::optional<CouponRule>> CouponIssuer::ruleForTopUp(const Member &member, qint64 amountMinor,
                                                              qint64 nowMs) const
{
    auto rules = CouponRepository(m_db).activeRules(CouponTrigger::TopUp);  // highest threshold first
    if (!rules)
        return rules.error();
    auto departments = AccountRepository(m_db).departmentChain(member.departmentId);
    if (!departments)
        return departments.error();
    for (const CouponRule &rule : *rules) {
        if (amountMinor >= rule.minTopUpMinor && appliesTo(rule, *departments, nowMs))
            return std::optional<CouponRule>(rule);
    }
    return std::optional<CouponRule>();
}

Expected<QList<CouponRule>> CouponIssuer::rulesForNewMember(const Member &member, qint64 nowMs) const
{
    auto rules = CouponRepository(m_db).activeRules(CouponTrigger::NewMember);
    if (!rules)
        return rules.error();
    auto departments = AccountRepository(m_db).departmentChain(member.departmentId);
    if (!departments)
        return departments.error();
    QList<CouponRule> out;
    for (const CouponRule &rule : *rules) {
        if (appliesTo(rule, *departments, nowMs))
            out.append(rule);
    }
    return out;
}

Expected<QList<Coupon>> CouponIssuer::issueForTopUp(const Member &member, const TopUp &topUp, qint64 nowMs)
{
    auto rule = ruleForTopUp(member, topUp.amountMinor, nowMs);
    if (!rule)
        return rule.error();
    if (!rule->has_value())
        return QList<Coupon>();
    Coupon coupon = couponFrom(**rule, member, nowMs);
    coupon.sourceTopUpId = topUp.id;
    auto issued = issue(std::move(coupon));
    if (!issued)
        return issued.error();
    return QList<Coupon>{*issued};
}

Expected<QList<Coupon>> CouponIssuer::issueForNewMember(const Member &member, qint64 nowMs)
{
    auto rules = rulesForNewMember(member, nowMs);
    if (!rules)
        return rules.error();
    QList<Coupon> out;
    for (const CouponRule &rule : *rules) {
        auto issued = issue(couponFrom(rule, member, nowMs));
        if (!issued)
            return issued.error();
        out.append(*issued);
    }
    return out;
}

Expected<Coupon> CouponIssuer::issue(Coupon coupon)
{
    CouponRepository repo(m_db);
    for (int attempt = 0; attempt < 8; ++attempt) {
        coupon.code = randomCode();
        auto exists = repo.codeExists(coupon.code);
        if (!exists)
            return exists.error();
        if (*exists)
            continue;
        auto id = repo.insertCoupon(coupon);
        if (!id)
            return id.error();
        coupon.id = *id;
        return coupon;
    }
    return Error{ExitCode::Failure, tr("No free coupon code was found; try again.")};
}

}  // namespace cd::accounts
