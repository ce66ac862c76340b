// The console's side of operators and roles: the login dialog (a wrong password shows the
// service's sentence, the right one opens a login session), the first-start administrator dialog
// (checks as you type, creates and logs in, or continues without accounts), the login keeper (an
// account disabled elsewhere ends the console's login; logging out ends the session), the main
// window by role (screens a role lacks are not built, not listed and cannot be opened; who is
// logged in; Log out), and the Audit log screen (filters, paging, what an entry changed, refused
// without the permission). Real SQLCipher database; Argon2id at its real cost.

#include "uitestsupport.h"

#include "support/testdatabase.h"

#include "core/access/accessservice.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/queryrunner.h"
#include "ui/access/changepassworddialog.h"
#include "ui/access/firstadministratordialog.h"
#include "ui/access/logindialog.h"
#include "ui/access/loginkeeper.h"
#include "ui/audit/auditchangesmodel.h"
#include "ui/audit/auditpage.h"
#include "ui/audit/audittablemodel.h"
#include "ui/operators/operatordialog.h"
#include "ui/operators/operatorspage.h"
#include "ui/operators/operatorstab.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/navigationmodel.h"
#include "ui/widgets/emptystatepage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QFont>
#include <QTest>

using namespace cd;
using namespace cd::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAdminPassword = "admin-password-1";
const QByteArray kSupportPassword = "support-password-2";

qint64 openSessions(storage::Database &db)
{
    auto sessions = access::AccessService(db).openSessions(access::Actor::system(QStringLiteral("test")));
    return sessions ? sessions->size() : -1;
}

}  // namespace

class TestLogin : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<i18n::TranslationManager> m_translations;
    std::unique_ptr<TestDatabase> m_fixture;
    access::Actor m_admin;
    qint64 m_samId = 0;

    storage::Database &db() const { return m_fixture->db(); }

    // A database with the administrator "admin" and a support operator "sam".
    void withOperators()
    {
        m_fixture = std::make_unique<TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        access::AccessService service(db());
        auto created = service.createFirstAdministrator({u"admin"_s, u"Anna Admin"_s, kAdminPassword, {}, 2});
        QVERIFY2(created, qPrintable(created.error().message));
        auto admin = service.authenticate(u"admin"_s, kAdminPassword);
        QVERIFY2(admin, qPrintable(admin.error().message));
        m_admin = *admin;
        auto sam = service.createOperator(m_admin, {u"sam"_s, u"Sam Support"_s, kSupportPassword, u"support"_s, 1});
        QVERIFY2(sam, qPrintable(sam.error().message));
        m_samId = sam->id;
    }

    access::LoginSession login(const QString &who, const QByteArray &password)
    {
        auto session = access::AccessService(db()).login(who, password, u"test"_s);
        if (!session)
            qWarning("%s", qPrintable(session.error().message));
        return session ? *session : access::LoginSession{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_translations = startConsoleTest();
        QVERIFY(m_translations);
    }
    void cleanupTestCase() { clearConsoleSettings(); }

    void loginDialog()
    {
        withOperators();
        storage::QueryRunner runner(m_fixture->shared());
        ui::LoginDialog dialog(runner, u"console@test"_s);
        dialog.show();
        auto *name = dialog.findChild<QLineEdit *>(u"loginName"_s);
        auto *password = dialog.findChild<QLineEdit *>(u"loginPassword"_s);
        auto *error = dialog.findChild<QLabel *>(u"loginError"_s);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>(u"loginButtons"_s)->button(QDialogButtonBox::Ok);
        QVERIFY(name && password && error && ok);
        QVERIFY(!ok->isEnabled());  // nothing typed yet

        QTest::keyClicks(name, u"sam"_s);
        QTest::keyClicks(password, u"not-the-password"_s);
        QVERIFY(ok->isEnabled());
        ok->click();
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
        QVERIFY2(error->text().contains(u"password"_s), qPrintable(error->text()));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(openSessions(db()), 0);

        password->clear();
        QTest::keyClicks(password, QString::fromUtf8(kSupportPassword));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        ok->click();
        QVERIFY(!ok->isEnabled());  // busy while the hash is checked
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 10000);
        QVERIFY(dialog.session());
        QCOMPARE(dialog.session()->actor.login(), u"sam"_s);
        QCOMPARE(dialog.session()->actor.role(), u"support"_s);
        QVERIFY(password->text().isEmpty());
        QCOMPARE(openSessions(db()), 1);
    }

    void firstAdministratorDialog()
    {
        m_fixture = std::make_unique<TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        storage::QueryRunner runner(m_fixture->shared());

        // Continue without accounts: nothing is created.
        {
            ui::FirstAdministratorDialog dialog(runner, u"console@test"_s);
            dialog.show();
            dialog.findChild<QCheckBox *>(u"dontAskAgain"_s)->setChecked(true);
            dialog.findChild<QPushButton *>(u"continueWithoutAccounts"_s)->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(!dialog.session());
            QVERIFY(dialog.dontAskAgain());
            QCOMPARE(access::AccessService(db()).hasOperators().value(), false);
        }

        ui::FirstAdministratorDialog dialog(runner, u"console@test"_s);
        dialog.show();
        auto *login = dialog.findChild<QLineEdit *>(u"administratorLogin"_s);
        auto *name = dialog.findChild<QLineEdit *>(u"administratorName"_s);
        auto *password = dialog.findChild<QLineEdit *>(u"administratorPassword"_s);
        auto *repeat = dialog.findChild<QLineEdit *>(u"administratorRepeat"_s);
        auto *problem = dialog.findChild<QLabel *>(u"firstAdministratorProblem"_s);
        auto *hint = dialog.findChild<QLabel *>(u"administratorPasswordHint"_s);
        auto *create = dialog.findChild<QPushButton *>(u"createAdministrator"_s);
        QVERIFY(login && name && password && repeat && problem && hint && create);
        QVERIFY(!create->isEnabled());
        QVERIFY(problem->text().contains(u"login"_s));
        QTest::keyClicks(login, u"anna admin!"_s);  // the validator keeps what a login may hold
        QCOMPARE(login->text(), u"annaadmin"_s);
        QTest::keyClicks(name, u"Anna Admin"_s);
        QVERIFY(problem->text().isEmpty());  // the login is there
        QTest::keyClicks(password, u"short"_s);
        QVERIFY2(hint->text().contains(u"at least 8"_s), qPrintable(hint->text()));
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(password, u"-enough"_s);
        QTest::keyClicks(repeat, u"short-enougH"_s);
        QCOMPARE(hint->text(), u"The two passwords are not the same."_s);
        QVERIFY(!create->isEnabled());
        QTest::keyClick(repeat, Qt::Key_Backspace);
        QTest::keyClicks(repeat, u"h"_s);
        QVERIFY(hint->text().startsWith(u"At least 8"_s));
        QVERIFY(create->isEnabled());

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        create->click();
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15000);
        QVERIFY(dialog.session());
        QCOMPARE(dialog.session()->actor.role(), u"administrator"_s);
        QCOMPARE(dialog.session()->actor.displayName(), u"Anna Admin"_s);
        QCOMPARE(access::AccessService(db()).hasOperators().value(), true);
        QCOMPARE(openSessions(db()), 1);
    }

    void keeperEndsWhenTheAccountIsDisabled()
    {
        withOperators();
        const access::LoginSession session = login(u"sam"_s, kSupportPassword);
        QVERIFY(!session.token.isEmpty());
        QCOMPARE(openSessions(db()), 1);
        {
            ui::LoginKeeper keeper(m_fixture->shared(), session);
            QSignalSpy ended(&keeper, &ui::LoginKeeper::ended);
            QSignalSpy changed(&keeper, &ui::LoginKeeper::actorChanged);

            // The administrator gives Sam another role: the next resume says so.
            access::AccessService service(db());
            QVERIFY(service.setRole(m_admin, u"sam"_s, u"accountant"_s).ok());
            keeper.resumeNow();
            QTRY_COMPARE(changed.size(), 1);
            QCOMPARE(keeper.actor().role(), u"accountant"_s);
            QVERIFY(ended.isEmpty());

            QVERIFY(service.setDisabled(m_admin, u"sam"_s, true, u"left"_s).ok());
            keeper.resumeNow();
            QTRY_COMPARE(ended.size(), 1);
            // Disabling ended the login session at once; the keeper hears it at its next resume.
            QVERIFY2(ended.at(0).at(0).toString().contains(u"ended"_s), qPrintable(ended.at(0).at(0).toString()));
        }
        QCOMPARE(openSessions(db()), 0);

        // Logging out (or closing) ends the login session.
        const access::LoginSession admin = login(u"admin"_s, kAdminPassword);
        QCOMPARE(openSessions(db()), 1);
        {
            ui::LoginKeeper keeper(m_fixture->shared(), admin);
        }
        QCOMPARE(openSessions(db()), 0);
    }

    void windowFollowsTheRole()
    {
        withOperators();
        const access::LoginSession session = login(u"sam"_s, kSupportPassword);
        ui::ConsoleServices services;
        services.database = m_fixture->shared();
        services.actor = session.actor;
        ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Support has the Dashboard, Map, Stations, Operations, Alerts (migration 0019), not money or administration.
        auto *navigation = window.findChild<QListView *>(u"navigation"_s);
        for (const ui::Screen screen : {ui::Screen::Refunds, ui::Screen::Accounts, ui::Screen::Audit, ui::Screen::Operators}) {
            QVERIFY2(!window.allows(screen), qPrintable(ui::Screens::key(screen)));
            QVERIFY(navigation->isRowHidden(ui::Screens::indexOf(screen)));
            QVERIFY(!window.findChild<QAction *>(ui::Screens::key(screen) + u"Action"_s)->isVisible());
            window.showScreen(screen);
            QVERIFY(window.currentScreen() != screen);
        }
        QVERIFY(!window.findChild<ui::AuditPage *>());  // never built, never read
        QVERIFY(window.allows(ui::Screen::Operations));
        QVERIFY(!navigation->isRowHidden(ui::Screens::indexOf(ui::Screen::Operations)));
        window.showScreen(ui::Screen::Operations);
        QCOMPARE(window.currentScreen(), ui::Screen::Operations);

        auto *who = window.findChild<QLabel *>(u"loggedInOperator"_s);
        QVERIFY(who);
        QCOMPARE(who->text(), u"Sam Support · Support"_s);

        QVERIFY(window.findChild<QAction *>(u"changePasswordAction"_s));
        auto *logOut = window.findChild<QAction *>(u"logOutAction"_s);
        QVERIFY(logOut);
        QVERIFY(!window.loggedOut());
        logOut->trigger();
        QVERIFY(window.loggedOut());
        QVERIFY(!window.isVisible());

        // Without operator accounts there is nobody to log out and every screen is there.
        ui::ConsoleServices bare = services;
        bare.actor = u"console:test"_s;
        ui::MainWindow open(sampleConsoleContext(), m_translations.get(), bare);
        QVERIFY(!open.findChild<QAction *>(u"logOutAction"_s));
        QVERIFY(!open.findChild<QLabel *>(u"loggedInOperator"_s));
        for (const ui::Screen screen : ui::Screens::all())
            QVERIFY(open.allows(screen));
        QVERIFY(open.findChild<ui::AuditPage *>());
    }

    // A console that went on without accounts makes the first administrator on the Operators
    // screen: it then closes as a log out (main() shows the login dialog) and says why.
    void firstAdministratorFromTheOperatorsScreen()
    {
        m_fixture = std::make_unique<TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        ui::ConsoleServices services;
        services.database = m_fixture->shared();
        services.actor = u"console:test"_s;
        ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
        window.show();
        window.showScreen(ui::Screen::Operators);
        auto *page = window.findChild<ui::OperatorsPage *>();
        QVERIFY(page);
        QTRY_VERIFY(page->operatorsTab()->findChild<QPushButton *>(u"addOperatorButton"_s)->isEnabled());
        ui::OperatorDialog *dialog = page->operatorsTab()->openAddOperator();
        QVERIFY(dialog && dialog->isFirstAdministrator());
        dialog->findChild<QLineEdit *>(u"operatorLogin"_s)->setText(u"anna"_s);
        dialog->findChild<QLineEdit *>(u"operatorPassword"_s)->setText(QString::fromUtf8(kAdminPassword));
        dialog->findChild<QLineEdit *>(u"operatorRepeat"_s)->setText(QString::fromUtf8(kAdminPassword));
        QVERIFY(dialog->submit());
        QTRY_VERIFY_WITH_TIMEOUT(window.loggedOut(), 15000);
        QVERIFY(!window.isVisible());
        QCOMPARE(window.logOutReason(), u"The administrator account exists now: log in with it."_s);
        QVERIFY(access::AccessService(db()).authenticate(u"anna"_s, kAdminPassword));
    }

    void settingsReadOnlyWithoutThePermission()
    {
        withOperators();
        access::AccessService service(db());
        QVERIFY(service.createRole(m_admin, u"viewer"_s, {u"screen.settings"_s, u"screen.dashboard"_s}));
        QVERIFY(service.setRole(m_admin, u"sam"_s, u"viewer"_s).ok());
        ui::ConsoleServices services;
        services.database = m_fixture->shared();
        services.actor = *service.authenticate(u"sam"_s, kSupportPassword);
        ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
        window.show();
        window.showScreen(ui::Screen::Settings);
        QCOMPARE(window.currentScreen(), ui::Screen::Settings);
        auto *note = window.findChild<QLabel *>(u"settingsReadOnlyNote"_s);
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(u"change settings"_s), qPrintable(note->text()));
        for (const QString &section : {u"paymentsSection"_s, u"alertsSection"_s, u"mapSection"_s})
            QVERIFY2(!window.findChild<QWidget *>(section)->isEnabled(), qPrintable(section));
        QVERIFY(window.findChild<QComboBox *>(u"languageCombo"_s)->isEnabled());

        // The administrator may change them.
        services.actor = m_admin;
        ui::MainWindow admin(sampleConsoleContext(), m_translations.get(), services);
        admin.show();
        admin.showScreen(ui::Screen::Settings);
        QVERIFY(!admin.findChild<QLabel *>(u"settingsReadOnlyNote"_s)->isVisible());
        QVERIFY(admin.findChild<QWidget *>(u"paymentsSection"_s)->isEnabled());
    }

    void auditLogScreen()
    {
        withOperators();
        access::AccessService service(db());
        QVERIFY(service.setRole(m_admin, u"sam"_s, u"site_manager"_s, u"moved to the sites"_s).ok());
        QVERIFY(service.createRole(m_admin, u"night_shift"_s, {u"screen.dashboard"_s}).ok());
        for (int i = 0; i < ui::AuditPage::kPageSize; ++i)  // more than a page of changes
            QVERIFY(service.setMaxConcurrentLogins(m_admin, u"sam"_s, 1 + i % 3).ok());

        ui::ConsoleServices services;
        services.database = m_fixture->shared();
        services.actor = m_admin;
        ui::AuditPage page(services);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // A page, and the next as soon as the view has room for it (more changes than a page).
        QTRY_VERIFY(page.model()->rowCount() >= ui::AuditPage::kPageSize);
        // Newest first.
        QCOMPARE(page.model()->entry(0)->action, u"operator.set_max_logins"_s);
        QCOMPARE(page.model()->index(0, ui::AuditTableModel::Action).data().toString(), u"Logins at once changed"_s);
        QCOMPARE(page.model()->index(0, ui::AuditTableModel::Action).data(Qt::ToolTipRole).toString(),
                 u"operator.set_max_logins"_s);
        QCOMPARE(page.model()->index(0, ui::AuditTableModel::Operator).data().toString(), u"admin"_s);
        // The subject by its login now; its number (what the log records) in the tooltip.
        QCOMPARE(page.model()->index(0, ui::AuditTableModel::Subject).data().toString(), u"Operator sam"_s);
        QCOMPARE(page.model()->index(0, ui::AuditTableModel::Subject).data(Qt::ToolTipRole).toString(),
                 u"Number %1"_s.arg(m_samId));

        // Scrolling to the end loads the older entries.
        auto *table = page.findChild<QTableView *>(u"auditTable"_s);
        table->scrollToBottom();
        QTRY_VERIFY(!page.model()->hasMore());
        const int all = page.model()->rowCount();
        QVERIFY(all > ui::AuditPage::kPageSize);
        QCOMPARE(all, int(storage::AuditLogRepository(db()).latest(10000)->size()));

        // The subject filter lists the kinds in the log.
        auto *subject = page.findChild<QComboBox *>(u"auditSubjectType"_s);
        QTRY_VERIFY(subject->findData(u"role"_s) > 0);
        subject->setCurrentIndex(subject->findData(u"role"_s));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->entry(0)->action, u"role.add"_s);
        subject->setCurrentIndex(0);
        QTRY_VERIFY(page.model()->rowCount() >= ui::AuditPage::kPageSize);
        auto *who = page.findChild<QLineEdit *>(u"auditOperator"_s);
        who->setText(u"nobody"_s);
        Q_EMIT who->editingFinished();
        QTRY_COMPARE(page.model()->rowCount(), 0);
        who->clear();
        Q_EMIT who->editingFinished();
        QTRY_VERIFY(page.model()->rowCount() >= ui::AuditPage::kPageSize);

        // What the role change changed.
        auto *setRole = page.findChild<QLineEdit *>(u"auditSubjectId"_s);
        subject->setCurrentIndex(subject->findData(u"operator"_s));
        setRole->setText(QString::number(m_samId));
        Q_EMIT setRole->editingFinished();
        QTRY_VERIFY(page.model()->rowCount() > 0);
        int row = -1;
        for (int i = 0; i < page.model()->rowCount() && row < 0; ++i) {
            if (page.model()->entry(i)->action == u"operator.set_role")
                row = i;
        }
        if (row < 0) {  // older than the first page: load until it is there
            table->scrollToBottom();
            QTRY_VERIFY(!page.model()->hasMore());
            for (int i = 0; i < page.model()->rowCount() && row < 0; ++i) {
                if (page.model()->entry(i)->action == u"operator.set_role")
                    row = i;
            }
        }
        QVERIFY(row >= 0);
        table->setCurrentIndex(page.model()->index(row, 0));
        ui::AuditChangesModel *changes = page.changesModel();
        QVERIFY(changes->rowCount() >= 1);
        QCOMPARE(changes->index(0, ui::AuditChangesModel::Before).data().toString(), u"support"_s);
        QCOMPARE(changes->index(0, ui::AuditChangesModel::After).data().toString(), u"site_manager"_s);
        QVERIFY(changes->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!changes->index(1, 0).data(Qt::FontRole).isValid());  // the rest of the row: context
        QVERIFY(page.findChild<QLabel *>(u"auditEntryReason"_s)->text().contains(u"moved to the sites"_s));

        // Sam, a site manager now, may not read it: the screen says why and shows nothing.
        ui::ConsoleServices asSam = services;
        asSam.actor = *service.authenticate(u"sam"_s, kSupportPassword);
        ui::AuditPage refused(asSam);
        refused.show();
        auto *status = refused.findChild<QLabel *>(u"auditStatus"_s);
        QTRY_VERIFY(status->text().contains(u"does not allow"_s));
        QCOMPARE(refused.model()->rowCount(), 0);
    }

    void changeOwnPassword()
    {
        withOperators();
        const access::Actor sam = *access::AccessService(db()).authenticate(u"sam"_s, kSupportPassword);
        ui::ChangePasswordDialog dialog(m_fixture->shared(), sam);
        dialog.show();
        auto *current = dialog.findChild<QLineEdit *>(u"currentPassword"_s);
        auto *password = dialog.findChild<QLineEdit *>(u"newPassword"_s);
        auto *repeat = dialog.findChild<QLineEdit *>(u"newRepeat"_s);
        auto *problem = dialog.findChild<QLabel *>(u"changePasswordProblem"_s);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>(u"changePasswordButtons"_s)->button(QDialogButtonBox::Ok);
        QVERIFY(current && password && repeat && problem && ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(current, u"not-my-password"_s);
        QTest::keyClicks(password, u"a-new-password-3"_s);
        QTest::keyClicks(repeat, u"a-new-password-3"_s);
        QVERIFY(ok->isEnabled());
        ok->click();
        QTRY_VERIFY_WITH_TIMEOUT(problem->text().contains(u"password"_s) && ok->isEnabled(), 10000);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(access::AccessService(db()).authenticate(u"sam"_s, kSupportPassword));

        current->clear();
        QTest::keyClicks(current, QString::fromUtf8(kSupportPassword));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        ok->click();
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 10000);
        QVERIFY(!access::AccessService(db()).authenticate(u"sam"_s, kSupportPassword));
        QVERIFY(access::AccessService(db()).authenticate(u"sam"_s, "a-new-password-3"));
    }

    void changesOfOneEntry()
    {
        ui::AuditChangesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStates(u"{\"status\":\"Active\",\"energyWh\":12000,\"bill\":{\"amountMinor\":5400,\"currency\":\"UAH\"}}"_s,
                        u"{\"status\":\"Finished\",\"energyWh\":12000,\"bill\":{\"amountMinor\":4900,\"currency\":\"UAH\"}}"_s);
        QCOMPARE(model.rowCount(), 4);
        // Changed first, in the order recorded; nested fields flattened.
        QCOMPARE(model.index(0, 0).data().toString(), u"bill.amountMinor"_s);
        QCOMPARE(model.index(0, 1).data().toString(), u"5400"_s);
        QCOMPARE(model.index(0, 2).data().toString(), u"4900"_s);
        QCOMPARE(model.index(1, 0).data().toString(), u"status"_s);
        QVERIFY(!model.index(2, 0).data(Qt::FontRole).isValid());  // unchanged: not bold
        // Only an "after" (a creation).
        model.setStates({}, u"{\"login\":\"olena\"}"_s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 1).data().toString(), QString());
        QCOMPARE(model.index(0, 2).data().toString(), u"olena"_s);
        // Not JSON: shown whole.
        model.setStates(u"plain text"_s, u"{\"a\":1}"_s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 1).data().toString(), u"plain text"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestLogin)
#include "tst_login.moc"
