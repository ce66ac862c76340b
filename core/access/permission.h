#pragma once
// The permission catalog: one permission per screen (Permission::Screen*) and per action that
// changes money, status, tariffs, stations, accounts or who may do what. Each has a stable key
// ("bills.correct"), kept in role_permissions and in the audit log, and a translated title for
// the roles screen and for refusals ("approve or reject refunds").
//
// A new permission goes at the end of the enum, with a row in permission.cpp's table; the
// administrator role has it at once (administrators always have everything), other roles when
// an administrator grants it (or a migration adds it to a built-in role).

#include <QCoreApplication>
#include <QHashFunctions>
#include <QList>
#include <QString>

#include <optional>

namespace cd::access {

enum class Permission {
    // Screens
    ScreenDashboard,
    ScreenMap,
    ScreenStations,
    ScreenOperations,
    ScreenAlerts,
    ScreenAnomalies,
    ScreenAccounts,
    ScreenRefunds,
    ScreenReports,
    ScreenSettings,
    ScreenAudit,
    ScreenOperators,
    // Sessions (core/sessions SessionActions)
    SessionsFinish,
    SessionsCancelHold,
    SessionsFinalize,
    SessionsSetEnergy,
    SessionsSetStatus,
    // Bills and tariffs
    BillsCorrect,        // core/anomalies CorrectionEngine::apply
    TariffsEdit,         // core/billing TariffRepository::save / retire
    // Refunds (core/refunds RefundService)
    RefundsApply,
    RefundsApprove,      // approve or reject
    RefundsConfirm,      // a desk (cash) refund paid or not
    // Accounts (core/accounts)
    AccountsEdit,        // members, departments, cards
    AccountsTopUp,       // money onto a balance
    CouponsEdit,         // coupon rules, revoking coupons
    IdTagsEdit,          // id tags (charging cards) outside accounts
    // Stations
    StationsCommand,     // any OCPP command to a station (reset, unlock, remote start/stop, …)
    StationsEdit,        // add or change a station, its password, its site
    SitesEdit,           // sites and sub-operators
    // Operations data
    AlertsHandle,        // acknowledge, assign, resolve
    ReconciliationImport,  // meter readings, gateway receipts
    ReportsExport,
    SettingsEdit,        // payment gateway, station server, alert delivery
    // Administration
    OperatorsManage,     // operators, roles, permissions, login sessions
    AuditView,
};

inline size_t qHash(Permission permission, size_t seed = 0) noexcept
{
    return ::qHash(static_cast<int>(permission), seed);
}

enum class PermissionKind { Screen, Action };

class PermissionCatalog {
    Q_DECLARE_TR_FUNCTIONS(cd::access::PermissionCatalog)
public:
    static const QList<Permission> &all();
    static QString key(Permission permission);                  // "bills.correct"
    static std::optional<Permission> fromKey(const QString &key);
    static PermissionKind kind(Permission permission);
    // Translated, lower case, to follow "does not allow: " ("approve or reject refunds").
    static QString title(Permission permission);
};

// The built-in roles (seeded by migration 0019; they cannot be deleted or renamed).
class BuiltinRoles {
    Q_DECLARE_TR_FUNCTIONS(cd::access::BuiltinRoles)
public:
    static QString support() { return QStringLiteral("support"); }
    static QString siteManager() { return QStringLiteral("site_manager"); }
    static QString accountant() { return QStringLiteral("accountant"); }
    static QString administrator() { return QStringLiteral("administrator"); }
    static bool isBuiltin(const QString &roleName);
    // "Accountant" for the built-in ones (translated); a custom role's name as it is.
    static QString displayName(const QString &roleName);
};

}  // namespace cd::access
