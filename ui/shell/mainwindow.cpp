#include "ui/shell/mainwindow.h"

#include "core/runtime/stationservercontrol.h"
#include "ui/access/changepassworddialog.h"
#include "ui/accounts/accountspage.h"
#include "ui/alerts/alertspage.h"
#include "ui/alerts/alerttray.h"
#include "ui/anomalies/anomalybillspage.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/audit/auditpage.h"
#include "ui/map/mappage.h"
#include "ui/operations/operationspage.h"
#include "ui/operators/operatorspage.h"
#include "ui/refunds/refundspage.h"
#include "ui/reports/reportspage.h"
#include "ui/settings/mapsection.h"
#include "ui/settings/settingspage.h"
#include "ui/settings/stationserverstatus.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationfilterproxy.h"
#include "ui/shell/appearance.h"
#include "ui/shell/navigationmodel.h"
#include "ui/widgets/emptystatepage.h"
#include "ui/widgets/style.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace cd::ui {
namespace {

constexpr int navigationIconExtent = 20;
constexpr int navigationSpacing = 2;
constexpr int minimumNavigationWidth = 184;

// "anomaly-bills" -> "anomalyBillsPage"
QString pageObjectName(Screen screen)
{
    const QString key = Screens::key(screen);
    QString name;
    bool upper = false;
    for (const QChar c : key) {
        if (c == u'-') {
            upper = true;
            continue;
        }
        name.append(upper ? c.toUpper() : c);
        upper = false;
    }
    return name + u"Page"_s;
}

}  // namespace

MainWindow::MainWindow(ConsoleContext context, i18n::TranslationManager *translations, ConsoleServices services,
                       QWidget *parent)
    : QMainWindow(parent),
      m_context(std::move(context)),
      m_translations(translations),
      m_services(std::move(services)),
      m_stationServer(m_services.stationServer),
      m_navigationModel(new NavigationModel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(applicationIcon());
    setMinimumSize(900, 580);
    resize(1280, 800);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createSidebar());

    auto *content = new QWidget(central);
    content->setObjectName(u"content"_s);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(40, 32, 40, 24);
    m_pages = new QStackedWidget(content);
    m_pages->setObjectName(u"screens"_s);
    contentLayout->addWidget(m_pages);
    layout->addWidget(content, 1);
    setCentralWidget(central);

    createPages();
    createMenus();
    if (m_services.database) {
        m_alertTray = new AlertTray(m_services, this);
        connect(m_alertTray, &AlertTray::openRequested, this, [this] {
            showNormal();
            raise();
            activateWindow();
            showScreen(Screen::Alerts);
        });
    }

    m_databaseStatus = new QLabel(this);
    m_databaseStatus->setObjectName(u"databaseStatus"_s);
    m_databaseStatus->setTextFormat(Qt::PlainText);
    m_databaseStatus->setContentsMargins(8, 0, 8, 0);
    statusBar()->addWidget(m_databaseStatus, 1);
    statusBar()->setSizeGripEnabled(false);
    if (m_stationServer) {
        m_stationServerStatus = new QLabel(this);
        m_stationServerStatus->setObjectName(u"stationServerStatusBar"_s);
        m_stationServerStatus->setTextFormat(Qt::PlainText);
        m_stationServerStatus->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(m_stationServerStatus);
        const runtime::EmbeddedServer &server = m_stationServer->server();
        connect(&server, &runtime::EmbeddedServer::stateChanged, this, &MainWindow::updateStationServerStatus);
        connect(&server, &runtime::EmbeddedServer::statsChanged, this, &MainWindow::updateStationServerStatus);
    }

    if (m_services.actor.isOperator()) {
        m_operatorStatus = new QLabel(this);
        m_operatorStatus->setObjectName(u"loggedInOperator"_s);
        m_operatorStatus->setTextFormat(Qt::PlainText);
        m_operatorStatus->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(m_operatorStatus);
    }

    connect(m_navigation->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showScreen(NavigationModel::screenAt(current));
            });

    retranslateUi();
    applyScreenPermissions();
    for (const Screen screen : Screens::all()) {
        if (allows(screen)) {
            showScreen(screen);
            break;
        }
    }
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createSidebar()
{
    auto *sidebar = new QFrame(this);
    sidebar->setObjectName(u"sidebar"_s);
    auto *layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(12, 18, 12, 12);
    layout->setSpacing(0);

    auto *brand = new QHBoxLayout;
    brand->setContentsMargins(8, 0, 8, 0);
    brand->setSpacing(10);
    auto *logo = new QLabel(sidebar);
    logo->setObjectName(u"brandLogo"_s);
    logo->setPixmap(applicationIcon().pixmap(QSize(28, 28), devicePixelRatioF()));
    m_brandName = new QLabel(u"ChargeDesk"_s, sidebar);  // the product's name is not translated
    m_brandName->setObjectName(u"brandName"_s);
    m_brandName->setFont(style::subheadingFont(font()));
    brand->addWidget(logo);
    brand->addWidget(m_brandName, 1);
    layout->addLayout(brand);
    layout->addSpacing(18);

    m_navigation = new QListView(sidebar);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setModel(m_navigationModel);
    m_navigation->setIconSize(QSize(navigationIconExtent, navigationIconExtent));
    m_navigation->setSpacing(navigationSpacing);
    m_navigation->setUniformItemSizes(true);
    m_navigation->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setMouseTracking(true);  // hover highlight
    layout->addWidget(m_navigation, 1);

    m_versionLabel = new QLabel(sidebar);
    m_versionLabel->setObjectName(u"versionLabel"_s);
    m_versionLabel->setTextFormat(Qt::PlainText);
    m_versionLabel->setContentsMargins(8, 0, 8, 0);
    style::makeMuted(m_versionLabel);
    layout->addWidget(m_versionLabel);
    return sidebar;
}

void MainWindow::createPages()
{
    for (const Screen screen : Screens::all()) {
        QWidget *page = nullptr;
        EmptyStatePage *placeholder = nullptr;
        if (!allows(screen)) {
            // Not built at all: what the role may not see is never read.
            placeholder = new EmptyStatePage(m_pages);
            placeholder->setIcon(Screens::icon(screen));
            page = placeholder;
        } else if (screen == Screen::Settings) {
            m_settingsPage = new SettingsPage(m_context, m_translations, m_stationServer, m_pages);
            m_settingsPage->setEditable(m_services.actor.allows(access::Permission::SettingsEdit));
            page = m_settingsPage;
        } else if (screen == Screen::Dashboard && m_services.database) {
            m_dashboardPage = new DashboardPage(m_services, m_pages);
            connect(m_dashboardPage, &DashboardPage::figureOpened, this, &MainWindow::openDashboardFigure);
            page = m_dashboardPage;
        } else if (screen == Screen::Map && m_services.database) {
            m_mapPage = new MapPage(m_services, m_pages);
            page = m_mapPage;
        } else if (screen == Screen::Stations && m_services.database) {
            m_stationsPage = new StationsPage(m_services, m_pages);
            page = m_stationsPage;
        } else if (screen == Screen::Operations && m_services.database) {
            m_operationsPage = new OperationsPage(m_services, m_pages);
            page = m_operationsPage;
        } else if (screen == Screen::Alerts && m_services.database) {
            m_alertsPage = new AlertsPage(m_services, m_pages);
            page = m_alertsPage;
        } else if (screen == Screen::Accounts && m_services.database) {
            page = new AccountsPage(m_services, m_pages);
        } else if (screen == Screen::Refunds && m_services.database) {
            page = new RefundsPage(m_services, m_pages);
        } else if (screen == Screen::Reports && m_services.database) {
            page = new ReportsPage(m_services, m_pages);
        } else if (screen == Screen::Audit && m_services.database) {
            page = new AuditPage(m_services, m_pages);
        } else if (screen == Screen::Operators && m_services.database) {
            auto *operators = new OperatorsPage(m_services, m_pages);
            // The database needs logins now: back to the login dialog, as the administrator.
            connect(operators, &OperatorsPage::firstAdministratorCreated, this,
                    [this] { endLogin(tr("The administrator account exists now: log in with it.")); });
            page = operators;
        } else if (screen == Screen::AnomalyBills && m_services.database) {
            m_anomalyBillsPage = new AnomalyBillsPage(m_services, m_pages);
            connect(m_anomalyBillsPage, &AnomalyBillsPage::correctRequested, this, &MainWindow::openCorrectionWizard);
            page = m_anomalyBillsPage;
        } else {
            placeholder = new EmptyStatePage(m_pages);
            placeholder->setIcon(Screens::icon(screen));
            page = placeholder;
        }
        page->setObjectName(pageObjectName(screen));
        if (m_settingsPage && m_mapPage && screen == Screen::Settings)
            connect(m_settingsPage->mapSection(), &MapSection::mapSettingsApplied, m_mapPage, &MapPage::applyTileSettings);
        m_placeholders.append(placeholder);
        m_pages->addWidget(page);
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"fileMenu"_s);
    if (m_services.actor.isOperator()) {
        m_logOutAction = m_fileMenu->addAction(QString());
        m_logOutAction->setObjectName(u"logOutAction"_s);
        connect(m_logOutAction, &QAction::triggered, this, &MainWindow::logOut);
        if (m_services.database) {
            m_changePasswordAction = m_fileMenu->addAction(QString());
            m_changePasswordAction->setObjectName(u"changePasswordAction"_s);
            connect(m_changePasswordAction, &QAction::triggered, this, &MainWindow::changePassword);
        }
        m_fileMenu->addSeparator();
    }
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->setObjectName(u"goMenu"_s);
    auto *group = new QActionGroup(this);
    group->setExclusive(true);
    for (const Screen screen : Screens::all()) {
        QAction *action = m_goMenu->addAction(Screens::icon(screen), QString());
        action->setObjectName(Screens::key(screen) + u"Action"_s);
        action->setShortcut(NavigationModel::shortcutFor(screen));
        action->setShortcutContext(Qt::WindowShortcut);
        action->setCheckable(true);
        action->setIconVisibleInMenu(false);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, screen] { showScreen(screen); });
        m_screenActions.append(action);
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"helpMenu"_s);
    m_aboutAction = m_helpMenu->addAction(QString());
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

Screen MainWindow::currentScreen() const
{
    return Screens::all().at(qMax(0, m_pages->currentIndex()));
}

void MainWindow::openDashboardFigure(DashboardPage::Figure figure)
{
    using Figure = DashboardPage::Figure;
    using Show = StationFilterProxy::Show;
    auto stations = [this](Show show) {
        if (m_stationsPage)
            m_stationsPage->showStations(show);
        showScreen(Screen::Stations);
    };
    switch (figure) {
    case Figure::Online:
        stations(Show::Online);
        return;
    case Figure::Offline:
        stations(Show::Offline);
        return;
    case Figure::Faulted:
        stations(Show::Faulted);
        return;
    case Figure::Charging:
        stations(Show::Charging);
        return;
    case Figure::SessionsToday:
    case Figure::EnergyToday:
    case Figure::RevenueToday:
        if (m_operationsPage)
            m_operationsPage->setCurrentTab(OperationsPage::Today);
        showScreen(Screen::Operations);
        return;
    case Figure::AnomalyBills:
        if (m_anomalyBillsPage)
            m_anomalyBillsPage->showOpenBills();  // what the figure counts
        showScreen(Screen::AnomalyBills);
        return;
    case Figure::OpenAlerts:
        if (m_alertsPage)
            m_alertsPage->setShow(AlertsPage::Show::Active);
        showScreen(Screen::Alerts);
        return;
    }
}

CorrectionWizard *MainWindow::openCorrectionWizard(const QList<qint64> &billIds)
{
    if (billIds.isEmpty() || !m_services.database)
        return nullptr;
    auto *wizard = new CorrectionWizard(billIds, m_services.database, m_services.actor, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (m_anomalyBillsPage)
        connect(wizard, &CorrectionWizard::finishedApplying, m_anomalyBillsPage, &AnomalyBillsPage::refresh);
    wizard->open();
    return wizard;
}

bool MainWindow::allows(Screen screen) const
{
    return m_services.actor.allows(Screens::permission(screen));
}

void MainWindow::applyScreenPermissions()
{
    for (const Screen screen : Screens::all()) {
        const int index = Screens::indexOf(screen);
        m_navigation->setRowHidden(index, !allows(screen));
        m_screenActions.at(index)->setVisible(allows(screen));
    }
}

void MainWindow::logOut()
{
    m_loggedOut = true;
    close();
}

void MainWindow::changePassword()
{
    auto *dialog = new ChangePasswordDialog(m_services.database, m_services.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this] { statusBar()->showMessage(tr("Your password was changed."), 10000); });
    dialog->open();
}

void MainWindow::endLogin(const QString &reason)
{
    m_logOutReason = reason;
    logOut();
}

void MainWindow::noteRoleChanged(const access::Actor &actor)
{
    //: %1 is the new role's name
    statusBar()->showMessage(tr("Your role is now %1. Log out and in again to see its screens.")
                                 .arg(actor.roleDisplayName()));
}

void MainWindow::showScreen(Screen screen)
{
    const int index = Screens::indexOf(screen);
    if (index < 0 || index >= m_pages->count() || !allows(screen))
        return;
    const bool changed = m_pages->currentIndex() != index;
    m_pages->setCurrentIndex(index);
    m_screenActions.at(index)->setChecked(true);
    const QModelIndex navIndex = m_navigationModel->indexOf(screen);
    if (m_navigation->currentIndex() != navIndex)
        m_navigation->setCurrentIndex(navIndex);
    if (changed)
        Q_EMIT currentScreenChanged(screen);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(u"ChargeDesk"_s);

    m_navigationModel->retranslate();
    updateNavigationWidth();

    for (qsizetype i = 0; i < m_placeholders.size(); ++i) {
        EmptyStatePage *page = m_placeholders.at(i);
        if (!page)
            continue;
        const Screen screen = Screens::all().at(i);
        page->setTitle(Screens::title(screen));
        page->setDescription(Screens::description(screen));
        if (allows(screen))
            page->setNotice(Screens::unavailableHeadline(), Screens::unavailableDetail());
        else
            page->setNotice(Screens::forbiddenHeadline(), Screens::forbiddenDetail());
    }

    m_fileMenu->setTitle(tr("&File"));
    if (m_logOutAction)
        m_logOutAction->setText(tr("&Log out"));
    if (m_changePasswordAction)
        m_changePasswordAction->setText(tr("&Change my password…"));
    if (m_operatorStatus) {
        const access::Actor &actor = m_services.actor;
        //: Status bar: %1 is the operator's name, %2 their role ("Accountant")
        m_operatorStatus->setText(tr("%1 · %2").arg(actor.displayName(), actor.roleDisplayName()));
        //: Tooltip of the status bar's operator: %1 is the login
        m_operatorStatus->setToolTip(tr("Logged in as %1").arg(actor.login()));
    }
    m_quitAction->setText(tr("&Quit"));
    m_goMenu->setTitle(tr("&Go"));
    for (qsizetype i = 0; i < m_screenActions.size(); ++i)
        m_screenActions.at(i)->setText(Screens::title(Screens::all().at(i)));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About ChargeDesk"));

    m_versionLabel->setText(tr("Version %1").arg(QStringLiteral(CHARGEDESK_VERSION)));
    //: Status bar: %1 is the database engine ("SQLCipher 3.4.1"), %2 its file or server
    m_databaseStatus->setText(tr("Database: %1 · %2").arg(m_context.engine, m_context.location));
    m_databaseStatus->setToolTip(m_context.location);
    updateStationServerStatus();
}

void MainWindow::updateStationServerStatus()
{
    if (!m_stationServerStatus)
        return;
    m_stationServerStatus->setText(StationServerStatus::statusBarText(*m_stationServer));
    m_stationServerStatus->setToolTip(StationServerStatus::detailText(*m_stationServer));
}

void MainWindow::updateNavigationWidth()
{
    // Wide enough for the longest name in the current language, never narrower than a
    // calm minimum, so switching language never clips an item.
    const int content = m_navigation->sizeHintForColumn(0);
    const int frame = 2 * m_navigation->frameWidth();
    const int width = qMax(minimumNavigationWidth, content + 2 * navigationSpacing + frame);
    m_navigation->setFixedWidth(width);
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIconPixmap(applicationIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    box->setWindowTitle(tr("About ChargeDesk"));
    box->setTextFormat(Qt::RichText);
    box->setText(u"<h3>ChargeDesk %1</h3>"_s.arg(QStringLiteral(CHARGEDESK_VERSION)));
    box->setInformativeText(
        tr("Operator console and OCPP server for EV-charging networks: stations, charging sessions, "
           "anomaly bills, refunds and reconciliation reports."));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

}  // namespace cd::ui
