#pragma once
// The console's main window: a navigation side bar and one page per screen.

#include "ui/dashboard/dashboardpage.h"
#include "ui/shell/consolecontext.h"
#include "ui/shell/consoleservices.h"
#include "ui/shell/screen.h"

#include <QList>
#include <QMainWindow>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QStackedWidget;

namespace cd::i18n {
class TranslationManager;
}
namespace cd::runtime {
class StationServerControl;
}

namespace cd::ui {

class AlertsPage;
class AnomalyBillsPage;
class CorrectionWizard;
class AlertTray;
class EmptyStatePage;
class NavigationModel;
class OperationsPage;
class SettingsPage;
class MapPage;
class StationsPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `translations` switches the language from the Settings screen; `services` are the core
    // services the screens work with (empty: screens show their empty states). What they point
    // to is not owned and must outlive the window.
    MainWindow(ConsoleContext context, i18n::TranslationManager *translations, ConsoleServices services = {},
               QWidget *parent = nullptr);
    ~MainWindow() override;

    Screen currentScreen() const;
    NavigationModel *navigationModel() const { return m_navigationModel; }
    // The Anomaly bills screen (nullptr without a database): its correctRequested() opens the wizard.
    AnomalyBillsPage *anomalyBillsPage() const { return m_anomalyBillsPage; }
    MapPage *mapPage() const { return m_mapPage; }
    // Opens the bill correction wizard for `billIds` (what the Anomaly bills screen's Correct… asks):
    // window-modal, deleted when closed; the screen's list is refreshed after it applied.
    CorrectionWizard *openCorrectionWizard(const QList<qint64> &billIds);
    // Whether the operator's role includes the screen (always, without operator accounts).
    bool allows(Screen screen) const;
    // Whether the window closed because the operator logged out (the console then asks for a login).
    bool loggedOut() const { return m_loggedOut; }
    // Why, when it was not the operator's choice (endLogin()).
    QString logOutReason() const { return m_logOutReason; }

public Q_SLOTS:
    void showScreen(cd::ui::Screen screen);
    // The login session ended elsewhere (an administrator, an expiry): says why and closes as a log out.
    void endLogin(const QString &reason);
    // The operator's role changed while logged in: says so (the services already apply it).
    void noteRoleChanged(const cd::access::Actor &actor);

Q_SIGNALS:
    void currentScreenChanged(cd::ui::Screen screen);
    // The window was closed: Quit, the window's close button, SIGTERM or Log out (loggedOut()).
    void closed();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    QWidget *createSidebar();
    void createMenus();
    void retranslateUi();
    void updateNavigationWidth();
    void showAbout();
    void updateStationServerStatus();
    void openDashboardFigure(DashboardPage::Figure figure);
    void logOut();
    void changePassword();
    void applyScreenPermissions();

    ConsoleContext m_context;
    i18n::TranslationManager *m_translations;
    ConsoleServices m_services;
    runtime::StationServerControl *m_stationServer;

    NavigationModel *m_navigationModel;
    QListView *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QList<EmptyStatePage *> m_placeholders;  // indexed like Screens::all(), null for real pages
    DashboardPage *m_dashboardPage = nullptr;
    SettingsPage *m_settingsPage = nullptr;
    StationsPage *m_stationsPage = nullptr;
    MapPage *m_mapPage = nullptr;
    OperationsPage *m_operationsPage = nullptr;
    AlertsPage *m_alertsPage = nullptr;
    AnomalyBillsPage *m_anomalyBillsPage = nullptr;
    AlertTray *m_alertTray = nullptr;  // new alerts as tray notifications
    QLabel *m_brandName = nullptr;
    QLabel *m_versionLabel = nullptr;
    QLabel *m_databaseStatus = nullptr;
    QLabel *m_stationServerStatus = nullptr;
    QLabel *m_operatorStatus = nullptr;  // who is logged in, with their role
    bool m_loggedOut = false;
    QString m_logOutReason;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_logOutAction = nullptr;  // only with operator accounts
    QAction *m_changePasswordAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_screenActions;  // indexed like Screens::all()
};

}  // namespace cd::ui
