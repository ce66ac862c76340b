#include "ui/shell/screen.h"

using namespace Qt::StringLiterals;

namespace cd::ui {

const QList<Screen> &Screens::all()
{
    static const QList<Screen> screens = {
        Screen::Dashboard,    Screen::Map,     Screen::Stations, Screen::Operations, Screen::Alerts,
        Screen::AnomalyBills, Screen::Accounts, Screen::Refunds, Screen::Reports, Screen::Settings,
        Screen::Audit,        Screen::Operators,
    };
    return screens;
}

QString Screens::key(Screen screen)
{
    switch (screen) {
    case Screen::Dashboard:
        return u"dashboard"_s;
    case Screen::Map:
        return u"map"_s;
    case Screen::Stations:
        return u"stations"_s;
    case Screen::Operations:
        return u"operations"_s;
    case Screen::Alerts:
        return u"alerts"_s;
    case Screen::AnomalyBills:
        return u"anomaly-bills"_s;
    case Screen::Accounts:
        return u"accounts"_s;
    case Screen::Refunds:
        return u"refunds"_s;
    case Screen::Reports:
        return u"reports"_s;
    case Screen::Settings:
        return u"settings"_s;
    case Screen::Audit:
        return u"audit"_s;
    case Screen::Operators:
        return u"operators"_s;
    }
    return {};
}

QString Screens::title(Screen screen)
{
    switch (screen) {
    case Screen::Dashboard:
        return tr("Dashboard");
    case Screen::Map:
        return tr("Map");
    case Screen::Stations:
        return tr("Stations");
    case Screen::Operations:
        return tr("Operations", "charging sessions and the operator's actions on them");
    case Screen::Alerts:
        return tr("Alerts");
    case Screen::AnomalyBills:
        return tr("Anomaly bills");
    case Screen::Accounts:
        //: the screen of members, departments, coupons and tariffs
        return tr("Accounts");
    case Screen::Refunds:
        return tr("Refunds");
    case Screen::Reports:
        return tr("Reports");
    case Screen::Settings:
        return tr("Settings");
    case Screen::Audit:
        //: the screen that browses the append-only audit log
        return tr("Audit log");
    case Screen::Operators:
        //: the screen of operator accounts, roles and login sessions
        return tr("Operators");
    }
    return {};
}

QString Screens::description(Screen screen)
{
    switch (screen) {
    case Screen::Dashboard:
        return tr("The state of the network at a glance: stations online, offline and faulted, "
                  "sessions in progress, and the alerts that need your attention.");
    case Screen::Map:
        return tr("Every station on a map, coloured by its status, so that offline and faulted "
                  "stations stand out by location. Click a station for its history.");
    case Screen::Stations:
        return tr("All stations and connectors with vendor, model and firmware, their current state, "
                  "and their history of faults and offline periods.");
    case Screen::Operations:
        return tr("Find a charging session fast: the last 100, by number, by phone or card, or among "
                  "old sessions that were never closed. Read its log and fix it: finish, cancel the "
                  "hold, finalize or set the energy.");
    case Screen::Alerts:
        return tr("Stations offline or faulted, failed starts, charging without an authorised session, stops "
                  "not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.");
    case Screen::AnomalyBills:
        return tr("Bills flagged with anomaly codes, such as a lost bill or energy that differs from "
                  "the platform's meter readings. Filter them in bulk and correct them with a preview "
                  "of every effect on money.");
    case Screen::Accounts:
        return tr("Members and departments with their balances, cards, top-ups and coupons; the coupon "
                  "rules; and the tariffs, with a preview of what a session would cost.");
    case Screen::Refunds:
        return tr("Members' refund applications: audit them, issue the refund at the payment gateway "
                  "from here, and follow every decision in the audit history.");
    case Screen::Reports:
        return tr("Energy and money reconciliation per site and per partner, statistics, and exports "
                  "that show what changed after a bill was corrected.");
    case Screen::Settings:
        return tr("The interface language, this console's station server, payments, alerts, the map's tiles and the "
                  "database it works with.");
    case Screen::Audit:
        return tr("Every change to money, session status, tariffs, stations, accounts, roles and operators: who made "
                  "it, when, why, and the values before and after. Nothing in it can be changed or deleted.");
    case Screen::Operators:
        return tr("Who may use this console: operator accounts, their roles and what each role may see and do, "
                  "and the logins open now.");
    }
    return {};
}

QIcon Screens::icon(Screen screen)
{
    QString file;
    switch (screen) {
    case Screen::Dashboard:
        file = u"dashboard"_s;
        break;
    case Screen::Map:
        file = u"map"_s;
        break;
    case Screen::Stations:
        file = u"stations"_s;
        break;
    case Screen::Operations:
        file = u"operations"_s;
        break;
    case Screen::Alerts:
        file = u"alerts"_s;
        break;
    case Screen::AnomalyBills:
        file = u"anomalies"_s;
        break;
    case Screen::Accounts:
        file = u"accounts"_s;
        break;
    case Screen::Refunds:
        file = u"refunds"_s;
        break;
    case Screen::Reports:
        file = u"reports"_s;
        break;
    case Screen::Settings:
        file = u"settings"_s;
        break;
    case Screen::Audit:
        file = u"audit"_s;
        break;
    case Screen::Operators:
        file = u"operators"_s;
        break;
    }
    return QIcon(u":/icons/nav/"_s + file + u".svg"_s);
}

access::Permission Screens::permission(Screen screen)
{
    using access::Permission;
    switch (screen) {
    case Screen::Dashboard:
        return Permission::ScreenDashboard;
    case Screen::Map:
        return Permission::ScreenMap;
    case Screen::Stations:
        return Permission::ScreenStations;
    case Screen::Operations:
        return Permission::ScreenOperations;
    case Screen::Alerts:
        return Permission::ScreenAlerts;
    case Screen::AnomalyBills:
        return Permission::ScreenAnomalies;
    case Screen::Accounts:
        return Permission::ScreenAccounts;
    case Screen::Refunds:
        return Permission::ScreenRefunds;
    case Screen::Reports:
        return Permission::ScreenReports;
    case Screen::Settings:
        return Permission::ScreenSettings;
    case Screen::Audit:
        return Permission::ScreenAudit;
    case Screen::Operators:
        return Permission::ScreenOperators;
    }
    return Permission::ScreenDashboard;
}

QString Screens::unavailableHeadline()
{
    return tr("Not available in this version yet");
}

QString Screens::unavailableDetail()
{
    return tr("A later version of ChargeDesk will fill in this screen. Until then, it shows no data.");
}

QString Screens::forbiddenHeadline()
{
    return tr("Your role does not include this screen");
}

QString Screens::forbiddenDetail()
{
    return tr("An administrator can add it to your role on the Operators screen. Log out and in again to see it.");
}

}  // namespace cd::ui
