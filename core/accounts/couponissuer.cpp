#include "core/accounts/couponissuer.h"

#include "core/accounts/accountrepository.h"
#include "core/accounts/couponrepository.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace cd::accounts {

namespace {

Q_LOGGING_CATEGORY(lcCoupons, "chargedesk.accounts.coupons")

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

Expected<QString> CouponIssuer::freeCode() const
{
    CouponRepository repo(m_db);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString code = randomCode();
        auto exists = repo.codeExists(code);
        if (!exists)
            return exists.error();
        if (!*exists)
            return code;
    }
    return Error{ExitCode::Failure, tr("No free coupon code was found; try again.")};
}

Expected<Coupon> CouponIssuer::issue(Coupon coupon)
{
    auto code = freeCode();
    if (!code)
        return code.error();
    coupon.code = *code;
    auto id = CouponRepository(m_db).insertCoupon(coupon);
    if (!id)
        return id.error();
    coupon.id = *id;
    return coupon;
}

Expected<std::optional<Coupon>> CouponIssuer::issueEarned(Coupon coupon)
{
    auto code = freeCode();
    if (!code)
        return code.error();
    coupon.code = *code;
    CouponRepository repo(m_db);
    auto id = repo.insertCouponInSavepoint(coupon);
    if (id) {
        coupon.id = *id;
        return std::optional<Coupon>(coupon);
    }
    // Refused: by the unique index when a live earned coupon of the rule is there now (it became
    // visible when the other transaction committed); any other failure is a real error.
    auto earned = repo.earnedCoupons(coupon.ruleId.value_or(0), coupon.memberId.value_or(0));
    if (!earned)
        return earned.error();
    for (const Coupon &c : *earned) {
        if (!c.revokedMs) {
            qCInfo(lcCoupons) << "coupon of rule" << c.ruleId.value_or(0) << "for member" << c.memberId.value_or(0)
                              << "was earned meanwhile by another writer:" << c.code;
            return std::optional<Coupon>();
        }
    }
    return id.error();
}

}  // namespace cd::accounts
