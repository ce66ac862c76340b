#pragma once
// The console's main screens, in navigation order, with their translated names.

#include "core/access/permission.h"

#include <QCoreApplication>
#include <QIcon>
#include <QList>
#include <QString>

namespace cd::ui {

enum class Screen {
    Dashboard,
    Map,
    Stations,
    Operations,
    Alerts,
    AnomalyBills,
    Accounts,
    Refunds,
    Reports,
    Settings,
    Audit,      // the audit log
    Operators,  // operators, roles and login sessions
};

class Screens {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::Screens)
public:
    static const QList<Screen> &all();
    static int indexOf(Screen screen) { return static_cast<int>(screen); }

    // Stable, untranslated key: "dashboard", "anomaly-bills"; used for objectNames and files.
    static QString key(Screen screen);
    // The name in the navigation and the page heading.
    static QString title(Screen screen);
    // One or two sentences on what the screen is for, written for the operator.
    static QString description(Screen screen);
    static QIcon icon(Screen screen);
    // What a role needs to see the screen.
    static access::Permission permission(Screen screen);

    // The notice on screens whose feature has not landed yet.
    static QString unavailableHeadline();
    static QString unavailableDetail();
    // The notice on screens the operator's role does not include.
    static QString forbiddenHeadline();
    static QString forbiddenDetail();
};

}  // namespace cd::ui
