#include "ui/audit/audittext.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace cd::ui {

QString AuditText::subjectTypeTitle(const QString &entityType)
{
    // Built on each call so a language switch applies at once; the list is short.
    const QHash<QString, QString> titles = {
        {u"alert"_s, tr("Alert")},
        {u"bill"_s, tr("Bill")},
        {u"coupon"_s, tr("Coupon")},
        {u"coupon_rule"_s, tr("Coupon rule")},
        {u"department"_s, tr("Department")},
        {u"gateway_receipts"_s, tr("Gateway receipts")},
        {u"id_tag"_s, tr("Card (id tag)")},
        {u"login_session"_s, tr("Login session")},
        {u"member"_s, tr("Member")},
        {u"operator"_s, tr("Operator")},
        {u"payment_hold"_s, tr("Payment hold")},
        {u"refund"_s, tr("Refund")},
        {u"role"_s, tr("Role")},
        {u"session"_s, tr("Charging session")},
        {u"site"_s, tr("Site")},
        {u"site_meter_reading"_s, tr("Site meter reading")},
        {u"station"_s, tr("Station")},
        {u"sub_operator"_s, tr("Sub-operator")},
        {u"tariff"_s, tr("Tariff")},
    };
    return titles.value(entityType, entityType);
}

}  // namespace cd::ui
