#include "app/cli/commandscreens.h"

using namespace Qt::StringLiterals;

namespace cd::cli {

namespace {

using access::Permission;

struct Entry {
    QStringList words;
    QList<Permission> screens;
};

// One row per command group, plus the commands of a group that live on another screen.
const QList<Entry> &table()
{
    static const QList<Entry> entries = {
        {{u"key"_s}, {}},
        {{u"db"_s}, {}},
        {{u"station"_s}, {Permission::ScreenStations}},
        {{u"station"_s, u"set-location"_s}, {Permission::ScreenStations, Permission::ScreenMap}},
        {{u"command"_s}, {Permission::ScreenStations}},
        {{u"tx"_s}, {Permission::ScreenOperations}},
        // Id tags: who started a session (Operations) and members' cards (Accounts).
        {{u"tag"_s}, {Permission::ScreenOperations, Permission::ScreenAccounts}},
        {{u"alerts"_s}, {Permission::ScreenAlerts}},
        {{u"bill"_s}, {Permission::ScreenAnomalies}},
        // A session's bill: the session card on Operations, and the anomaly bills screen.
        {{u"bill"_s, u"show"_s}, {Permission::ScreenOperations, Permission::ScreenAnomalies}},
        {{u"bill"_s, u"issue"_s}, {Permission::ScreenOperations, Permission::ScreenAnomalies}},
        {{u"account"_s}, {Permission::ScreenAccounts}},
        {{u"coupon"_s}, {Permission::ScreenAccounts}},
        {{u"tariff"_s}, {Permission::ScreenAccounts}},
        {{u"refund"_s}, {Permission::ScreenRefunds}},
        {{u"report"_s}, {Permission::ScreenReports}},
        {{u"reconcile"_s}, {Permission::ScreenReports}},
        // Sites and sub-operators: where stations are, and what reports are filtered by.
        {{u"site"_s}, {Permission::ScreenStations, Permission::ScreenReports}},
        {{u"sub-operator"_s}, {Permission::ScreenStations, Permission::ScreenReports}},
        {{u"audit"_s}, {Permission::ScreenAudit}},
        {{u"operator"_s}, {Permission::ScreenOperators}},
        // Everyone changes their own password (another operator's needs operators.manage in core).
        {{u"operator"_s, u"passwd"_s}, {}},
        {{u"role"_s}, {Permission::ScreenOperators}},
        {{u"login-sessions"_s}, {Permission::ScreenOperators}},
    };
    return entries;
}

}  // namespace

std::optional<QList<Permission>> CommandScreens::of(const QStringList &words)
{
    const Entry *best = nullptr;
    for (const Entry &e : table()) {
        if (words.mid(0, e.words.size()) == e.words && (!best || e.words.size() > best->words.size()))
            best = &e;
    }
    if (!best)
        return std::nullopt;
    return best->screens;
}

}  // namespace cd::cli
