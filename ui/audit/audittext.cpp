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

QString AuditText::actionTitle(const QString &action)
{
    const QHash<QString, QString> titles = {
        {u"alert.acknowledged"_s, tr("Alert acknowledged")},
        {u"alert.assigned"_s, tr("Alert assigned")},
        {u"alert.resolved"_s, tr("Alert resolved")},
        {u"bill.correct"_s, tr("Bill corrected")},
        {u"bill.credit"_s, tr("Bill credited")},
        {u"bill.debit"_s, tr("Bill debited")},
        {u"command.submit"_s, tr("Command sent to a station")},
        {u"coupon.earn"_s, tr("Coupon earned")},
        {u"coupon.revoke"_s, tr("Coupon revoked")},
        {u"coupon_rule.activate"_s, tr("Coupon rule switched on")},
        {u"coupon_rule.create"_s, tr("Coupon rule created")},
        {u"coupon_rule.deactivate"_s, tr("Coupon rule switched off")},
        {u"department.billing"_s, tr("Department billing changed")},
        {u"department.create"_s, tr("Department created")},
        {u"department.topup"_s, tr("Department topped up")},
        {u"gateway_receipts.import"_s, tr("Gateway receipts imported")},
        {u"idtag.add"_s, tr("Card added")},
        {u"login_session.end"_s, tr("Login ended by an administrator")},
        {u"member.create"_s, tr("Member created")},
        {u"member.threshold"_s, tr("Auto-stop threshold changed")},
        {u"member.topup"_s, tr("Member topped up")},
        {u"member.update"_s, tr("Member changed")},
        {u"meter_reading.replace"_s, tr("Meter reading replaced")},
        {u"meter_reading.set"_s, tr("Meter reading entered")},
        {u"operator.add"_s, tr("Operator added")},
        {u"operator.disable"_s, tr("Operator disabled")},
        {u"operator.enable"_s, tr("Operator enabled")},
        {u"operator.lock"_s, tr("Login locked after wrong passwords")},
        {u"operator.login"_s, tr("Logged in")},
        {u"operator.logout"_s, tr("Logged out")},
        {u"operator.password"_s, tr("Password changed")},
        {u"operator.set_max_logins"_s, tr("Logins at once changed")},
        {u"operator.set_role"_s, tr("Role of an operator changed")},
        {u"operator.unlock"_s, tr("Login unlocked")},
        {u"refund.apply"_s, tr("Refund applied for")},
        {u"refund.approve"_s, tr("Refund approved")},
        {u"refund.record"_s, tr("Refund recorded")},
        {u"refund.reject"_s, tr("Refund rejected")},
        {u"role.add"_s, tr("Role created")},
        {u"role.delete"_s, tr("Role deleted")},
        {u"role.grant"_s, tr("Permissions granted")},
        {u"role.revoke"_s, tr("Permissions revoked")},
        {u"session.cancel_hold"_s, tr("Hold cancelled")},
        {u"session.capture_held"_s, tr("Held money captured")},
        {u"session.finalize"_s, tr("Session finalized")},
        {u"session.finish"_s, tr("Session finished")},
        {u"session.payment_settled"_s, tr("Payment settled")},
        {u"session.priced"_s, tr("Session priced")},
        {u"session.reset"_s, tr("Station reset for a session")},
        {u"session.set_energy"_s, tr("Energy set")},
        {u"session.start"_s, tr("Remote start")},
        {u"session.status"_s, tr("Session status changed")},
        {u"session.stop"_s, tr("Remote stop")},
        {u"site.add"_s, tr("Site added")},
        {u"site.set_sub_operator"_s, tr("Site's sub-operator changed")},
        {u"station.add"_s, tr("Station added")},
        {u"station.set_location"_s, tr("Station placed on the map")},
        {u"station.set_site"_s, tr("Station's site changed")},
        {u"sub_operator.add"_s, tr("Sub-operator added")},
        {u"tariff.create"_s, tr("Tariff created")},
        {u"tariff.retire"_s, tr("Tariff retired")},
        {u"tariff.version"_s, tr("New tariff version")},
    };
    return titles.value(action, action);
}

}  // namespace cd::ui
