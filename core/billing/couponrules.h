#pragma once
// Which coupon a session may use (issue #6 item 2; DOMAIN "Tariffs and accounts"): pure rules.
// A coupon applies when: status "issued"; the member matches (when the coupon names one); its
// department (when set) is the session's department or one of its parents; its sub-operator and
// station (when set) are the session's; the session (charging start) lies in its validity — the
// date range [validFrom, validTo) and/or validDays days from issue (createdMs), never before the
// coupon was issued (createdMs, igo_case#92); and the amount
// before the coupon reaches its min spend. One coupon per session: the largest deduction
// (min(amount, amount before coupon)); ties by earliest expiry (no expiry last), then lowest id.

#include "core/billing/billinput.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::billing {

// A row of table coupons.
struct Coupon {
    qint64 id = 0;
    QString code;
    QString name;
    qint64 amountMinor = 0;
    qint64 minSpendMinor = 0;
    std::optional<qint64> departmentId;
    std::optional<qint64> subOperatorId;
    std::optional<qint64> stationId;
    std::optional<qint64> validFromMs;
    std::optional<qint64> validToMs;  // exclusive
    std::optional<int> validDays;     // from createdMs
    std::optional<qint64> memberId;
    QString issuedReason;
    std::optional<qint64> sourceTopupId;
    QString status = QStringLiteral("issued");  // issued, used, revoked, expired
    std::optional<qint64> usedSessionId;
    qint64 createdMs = 0;

    // When it stops being valid: the earlier of validTo and createdMs + validDays; nullopt: never.
    std::optional<qint64> expiresMs() const;
    BillCoupon toBillCoupon() const;
};

// The session a coupon is checked against.
struct CouponContext {
    std::optional<qint64> memberId;
    QList<qint64> departmentIds;          // the session's department first, then its parents
    std::optional<qint64> subOperatorId;
    qint64 stationId = 0;
    qint64 atMs = 0;                      // the session's charging start
    qint64 amountBeforeCouponMinor = 0;
};

enum class CouponVerdict {
    Applies,
    NotIssued,         // used, revoked, expired by status
    OtherMember,
    OtherDepartment,
    OtherSubOperator,
    OtherStation,
    NotYetValid,
    Expired,
    BelowMinSpend,
};

class CouponRules {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::CouponRules)
public:
    static CouponVerdict check(const Coupon &coupon, const CouponContext &context);
    // min(amount, amount before coupon), 0 when it does not apply.
    static qint64 deduction(const Coupon &coupon, const CouponContext &context);
    // The coupon the session uses, nullopt when none applies.
    static std::optional<Coupon> best(const QList<Coupon> &coupons, const CouponContext &context);
    // Why a coupon does (not) apply, in the current language.
    static QString verdictText(CouponVerdict verdict);
};

}  // namespace cd::billing
