#include "core/accounts/accounttypes.h"

using namespace Qt::StringLiterals;

namespace cd::accounts {

QString AccountText::triggerName(CouponTrigger trigger)
{
    switch (trigger) {
    case CouponTrigger::TopUp:
        return u"topup"_s;
    case CouponTrigger::NewMember:
        return u"new_member"_s;
    case CouponTrigger::Spend:
        return u"spend"_s;
    }
    return {};
}

std::optional<CouponTrigger> AccountText::triggerFromName(const QString &name)
{
    if (name == u"topup")
        return CouponTrigger::TopUp;
    if (name == u"new_member")
        return CouponTrigger::NewMember;
    if (name == u"spend")
        return CouponTrigger::Spend;
    return std::nullopt;
}

QString AccountText::triggerTitle(CouponTrigger trigger)
{
    switch (trigger) {
    case CouponTrigger::TopUp:
        //: a coupon rule's trigger: the coupon is issued for a top-up of at least a set amount
        return tr("Top-up");
    case CouponTrigger::NewMember:
        //: a coupon rule's trigger: the coupon is issued to every new member
        return tr("New member");
    case CouponTrigger::Spend:
        //: a coupon rule's trigger: the coupon is issued once when a member's spend in a period reaches a set amount
        return tr("Spend");
    }
    return {};
}

bool AccountText::isExpired(const Coupon &coupon, qint64 nowMs)
{
    return coupon.status == u"issued" && coupon.validToMs && *coupon.validToMs <= nowMs;
}

QString AccountText::couponStatusTitle(const Coupon &coupon, qint64 nowMs)
{
    if (coupon.status == u"used")
        //: coupon status
        return tr("Used");
    if (coupon.status == u"revoked")
        //: coupon status
        return tr("Revoked");
    if (isExpired(coupon, nowMs))
        //: coupon status
        return tr("Expired");
    //: coupon status: issued to the member and not used yet
    return tr("Issued");
}

}  // namespace cd::accounts
