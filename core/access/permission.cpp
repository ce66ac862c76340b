#include "core/access/permission.h"


using namespace Qt::StringLiterals;

namespace cd::access {

namespace {

struct Row {
    Permission permission;
    const char16_t *key;
};

// The stable keys: stored in role_permissions, never renamed.
constexpr Row kRows[] = {
    {Permission::ScreenDashboard, u"screen.dashboard"},
    {Permission::ScreenMap, u"screen.map"},
    {Permission::ScreenStations, u"screen.stations"},
    {Permission::ScreenOperations, u"screen.operations"},
    {Permission::ScreenAlerts, u"screen.alerts"},
    {Permission::ScreenAnomalies, u"screen.anomalies"},
    {Permission::ScreenAccounts, u"screen.accounts"},
    {Permission::ScreenRefunds, u"screen.refunds"},
    {Permission::ScreenReports, u"screen.reports"},
    {Permission::ScreenSettings, u"screen.settings"},
    {Permission::ScreenAudit, u"screen.audit"},
    {Permission::ScreenOperators, u"screen.operators"},
    {Permission::SessionsFinish, u"sessions.finish"},
    {Permission::SessionsCancelHold, u"sessions.cancel_hold"},
    {Permission::SessionsFinalize, u"sessions.finalize"},
    {Permission::SessionsSetEnergy, u"sessions.set_energy"},
    {Permission::SessionsSetStatus, u"sessions.set_status"},
    {Permission::BillsCorrect, u"bills.correct"},
    {Permission::TariffsEdit, u"tariffs.edit"},
    {Permission::RefundsApply, u"refunds.apply"},
    {Permission::RefundsApprove, u"refunds.approve"},
    {Permission::RefundsConfirm, u"refunds.confirm"},
    {Permission::AccountsEdit, u"accounts.edit"},
    {Permission::AccountsTopUp, u"accounts.topup"},
    {Permission::CouponsEdit, u"coupons.edit"},
    {Permission::IdTagsEdit, u"idtags.edit"},
    {Permission::StationsCommand, u"stations.command"},
    {Permission::StationsEdit, u"stations.edit"},
    {Permission::SitesEdit, u"sites.edit"},
    {Permission::AlertsHandle, u"alerts.handle"},
    {Permission::ReconciliationImport, u"reconciliation.import"},
    {Permission::ReportsExport, u"reports.export"},
    {Permission::SettingsEdit, u"settings.edit"},
    {Permission::OperatorsManage, u"operators.manage"},
    {Permission::AuditView, u"audit.view"},
};

}  // namespace

const QList<Permission> &PermissionCatalog::all()
{
    static const QList<Permission> list = [] {
        QList<Permission> out;
        for (const Row &r : kRows)
            out.append(r.permission);
        return out;
    }();
    return list;
}

QString PermissionCatalog::key(Permission permission)
{
    for (const Row &r : kRows) {
        if (r.permission == permission)
            return QString::fromUtf16(r.key);
    }
    return {};
}

std::optional<Permission> PermissionCatalog::fromKey(const QString &key)
{
    for (const Row &r : kRows) {
        if (key == QStringView(r.key))
            return r.permission;
    }
    return std::nullopt;
}

PermissionKind PermissionCatalog::kind(Permission permission)
{
    return key(permission).startsWith(u"screen."_s) ? PermissionKind::Screen : PermissionKind::Action;
}

QString PermissionCatalog::title(Permission permission)
{
    switch (permission) {
    case Permission::ScreenDashboard: return tr("open the Dashboard screen");
    case Permission::ScreenMap: return tr("open the Map screen");
    case Permission::ScreenStations: return tr("open the Stations screen");
    case Permission::ScreenOperations: return tr("open the Operations screen");
    case Permission::ScreenAlerts: return tr("open the Alerts screen");
    case Permission::ScreenAnomalies: return tr("open the Anomaly bills screen");
    case Permission::ScreenAccounts: return tr("open the Accounts screen");
    case Permission::ScreenRefunds: return tr("open the Refunds screen");
    case Permission::ScreenReports: return tr("open the Reports screen");
    case Permission::ScreenSettings: return tr("open the Settings screen");
    case Permission::ScreenAudit: return tr("open the Audit log screen");
    case Permission::ScreenOperators: return tr("open the Operators and roles screen");
    case Permission::SessionsFinish: return tr("finish sessions");
    case Permission::SessionsCancelHold: return tr("cancel payment holds");
    case Permission::SessionsFinalize: return tr("finalize sessions (capture part of a hold)");
    case Permission::SessionsSetEnergy: return tr("set a session's energy");
    case Permission::SessionsSetStatus: return tr("change a session's status");
    case Permission::BillsCorrect: return tr("correct bills");
    case Permission::TariffsEdit: return tr("change tariffs");
    case Permission::RefundsApply: return tr("register refund applications");
    case Permission::RefundsApprove: return tr("approve or reject refunds");
    case Permission::RefundsConfirm: return tr("confirm cash refunds at the desk");
    case Permission::AccountsEdit: return tr("change members, departments and cards");
    case Permission::AccountsTopUp: return tr("top up balances");
    case Permission::CouponsEdit: return tr("change coupon rules and revoke coupons");
    case Permission::IdTagsEdit: return tr("change id tags");
    case Permission::StationsCommand: return tr("send commands to stations");
    case Permission::StationsEdit: return tr("add and change stations");
    case Permission::SitesEdit: return tr("change sites and sub-operators");
    case Permission::AlertsHandle: return tr("acknowledge, assign and resolve alerts");
    case Permission::ReconciliationImport: return tr("enter meter readings and import gateway receipts");
    case Permission::ReportsExport: return tr("export reports");
    case Permission::SettingsEdit: return tr("change settings");
    case Permission::OperatorsManage: return tr("manage operators, roles and login sessions");
    case Permission::AuditView: return tr("read the audit log");
    }
    return key(permission);
}

bool BuiltinRoles::isBuiltin(const QString &roleName)
{
    return roleName == support() || roleName == siteManager() || roleName == accountant() || roleName == administrator();
}

QString BuiltinRoles::displayName(const QString &roleName)
{
    if (roleName == support())
        return tr("Support");
    if (roleName == siteManager())
        return tr("Site manager");
    if (roleName == accountant())
        return tr("Accountant");
    if (roleName == administrator())
        return tr("Administrator");
    return roleName;
}

}  // namespace cd::access
