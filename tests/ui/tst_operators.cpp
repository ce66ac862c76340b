// Drives the Operators screen offscreen on a real SQLCipher database with operator accounts: the
// first administrator (AccessService::createFirstAdministrator) logged in; Add operator… through
// its dialog (the password checked as it is typed), Change role…, Logins at once…, Disable (which
// ends the operator's open login) and Enable, Reset password… (the new one authenticates); a
// custom role made, two permissions ticked and applied (exactly those stored), deleted, and refused
// while an operator has it; a support operator's page (read-only note, the refusal sentence, nothing
// written); the last administrator, who cannot be disabled; ending a login session; the shell
// showing the page.

#include "support/testdatabase.h"

#include "core/access/accessservice.h"
#include "core/access/rolerepository.h"
#include "core/i18n/translationmanager.h"
#include "ui/operators/changedialog.h"
#include "ui/operators/loginsessionmodel.h"
#include "ui/operators/loginsessionstab.h"
#include "ui/operators/operatordialog.h"
#include "ui/operators/operatorspage.h"
#include "ui/operators/operatorstab.h"
#include "ui/operators/operatortablemodel.h"
#include "ui/operators/permissionlistmodel.h"
#include "ui/operators/rolelistmodel.h"
#include "ui/operators/rolestab.h"
#include "ui/shell/mainwindow.h"
#include "ui/widgets/readonlytable.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::access::AccessOptions;
using cd::access::AccessService;
using cd::access::Actor;
using cd::ui::ChangeDialog;
using cd::ui::OperatorsPage;
using cd::ui::OperatorTableModel;
using Kind = ChangeDialog::Kind;

namespace {

const QByteArray kAdminPassword = "correct horse battery";
const QByteArray kPassword = "s3cret-enough";

AccessOptions fastOptions()
{
    AccessOptions options;
    options.strength = cd::auth::PasswordHash::Strength::Interactive;  // the tests' speed
    return options;
}

// A database with its first administrator "admin".
struct Fixture {
    TestDatabase db;
    std::unique_ptr<AccessService> access;

    bool start()
    {
        if (!db.ok())
            return false;
        access = std::make_unique<AccessService>(db.db(), fastOptions());
        return access->createFirstAdministrator({u"admin"_s, u"Anna Admin"_s, kAdminPassword, {}, 2}).ok();
    }
    // An operator added by the administrator, without the page.
    void add(const QString &login, const QString &role)
    {
        auto admin = access->authenticate(u"admin"_s, kAdminPassword);
        QVERIFY2(admin, qPrintable(admin.error().message));
        auto op = access->createOperator(*admin, {login, {}, kPassword, role, 1});
        QVERIFY2(op, qPrintable(op.error().message));
    }
    cd::ui::ConsoleServices services(const Actor &actor) const
    {
        cd::ui::ConsoleServices s;
        s.database = db.shared();
        s.actor = actor;
        return s;
    }
    std::optional<cd::access::OperatorRow> row(const QString &login) const
    {
        auto all = access->operators(Actor::system(u"test"_s));
        for (const auto &o : *all) {
            if (o.login == login)
                return o;
        }
        return std::nullopt;
    }
};

template <typename Dialog>
Dialog *waitForDialog(QWidget *owner)
{
    Dialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        const auto all = owner->findChildren<Dialog *>();
        for (Dialog *d : all) {
            if (d->isVisible())
                dialog = d;
        }
        return dialog != nullptr;
    });
    return shown ? dialog : nullptr;
}

void type(QWidget *dialog, const QString &objectName, const QString &text)
{
    auto *edit = dialog->findChild<QLineEdit *>(objectName);
    QVERIFY2(edit, qPrintable(objectName));
    edit->clear();
    QTest::keyClicks(edit, text);
}

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

}  // namespace

class TestOperators : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void firstAdministrator();
    void operatorAccounts();
    void roles();
    void refusals();
    void loginSessions();
    void shell();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestOperators::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestOperators::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestOperators::firstAdministrator()
{
    // A database without operator accounts: the console acts under a bare name, and the first
    // account it adds is an administrator, whatever else the role list offers.
    TestDatabase db;
    CD_REQUIRE_DB(db);
    cd::ui::ConsoleServices services;
    services.database = db.shared();
    services.actor = u"console"_s;
    OperatorsPage page(services, nullptr, fastOptions());
    page.show();
    QVERIFY(!page.isReadOnly());
    cd::ui::OperatorsTab *tab = page.operatorsTab();
    auto *add = tab->findChild<QPushButton *>(u"addOperatorButton"_s);
    QTRY_VERIFY(add->isEnabled());
    QCOMPARE(tab->model()->rowCount(), 0);
    QPointer<cd::ui::OperatorDialog> dialog = tab->openAddOperator();
    QVERIFY(dialog && dialog->isFirstAdministrator());
    auto *role = dialog->findChild<QComboBox *>(u"operatorRole"_s);
    QCOMPARE(role->currentData().toString(), u"administrator"_s);
    QVERIFY(!role->isEnabled());
    type(dialog, u"operatorLogin"_s, u"anna"_s);
    type(dialog, u"operatorPassword"_s, QString::fromUtf8(kAdminPassword));
    type(dialog, u"operatorRepeat"_s, QString::fromUtf8(kAdminPassword));
    QSignalSpy first(&page, &OperatorsPage::firstAdministratorCreated);
    QVERIFY(dialog->submit());
    QTRY_VERIFY(!dialog);
    QCOMPARE(first.size(), 1);  // the console asks for a login now (MainWindow::endLogin)
    AccessService access(db.db(), fastOptions());
    auto operators = access.operators(Actor::system(u"test"_s));
    QVERIFY(operators && operators->size() == 1);
    QCOMPARE(operators->first().role, u"administrator"_s);
    // The bare name reads nothing more once an account exists.
    QTRY_VERIFY(tab->statusText().contains(u"Log in first"_s));
    auto anna = access.authenticate(u"anna"_s, kAdminPassword);
    QVERIFY2(anna, qPrintable(anna.error().message));
    QCOMPARE(anna->role(), u"administrator"_s);
}

void TestOperators::operatorAccounts()
{
    Fixture f;
    QVERIFY2(f.start(), qPrintable(f.db.error()));
    auto session = f.access->login(u"admin"_s, kAdminPassword, u"test console"_s);
    QVERIFY2(session, qPrintable(session.error().message));

    OperatorsPage page(f.services(session->actor), nullptr, fastOptions());
    page.resize(1100, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!page.isReadOnly());
    QVERIFY(page.noteText().isEmpty());
    cd::ui::OperatorsTab *tab = page.operatorsTab();
    OperatorTableModel *model = tab->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(cell(model, 0, OperatorTableModel::Login), u"admin"_s);
    QCOMPARE(cell(model, 0, OperatorTableModel::DisplayName), u"Anna Admin"_s);
    QCOMPARE(cell(model, 0, OperatorTableModel::Role), u"Administrator"_s);
    QCOMPARE(cell(model, 0, OperatorTableModel::MaxLogins), u"2"_s);
    QCOMPARE(cell(model, 0, OperatorTableModel::State), u"Enabled"_s);
    QVERIFY(!cell(model, 0, OperatorTableModel::Created).isEmpty());

    // Add operator…: the password is checked as it is typed.
    auto *add = tab->findChild<QPushButton *>(u"addOperatorButton"_s);
    QVERIFY(add && add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QPointer<cd::ui::OperatorDialog> dialog = waitForDialog<cd::ui::OperatorDialog>(tab);
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    type(dialog, u"operatorLogin"_s, u"taras"_s);
    type(dialog, u"operatorDisplayName"_s, u"Taras Melnyk"_s);
    auto *role = dialog->findChild<QComboBox *>(u"operatorRole"_s);
    QVERIFY(role);
    QCOMPARE(role->count(), 4);
    role->setCurrentIndex(role->findData(u"support"_s));
    type(dialog, u"operatorPassword"_s, u"short"_s);
    auto *hint = dialog->findChild<QLabel *>(u"operatorPasswordHint"_s);
    QVERIFY(hint->text().contains(u"Too short"_s));
    type(dialog, u"operatorPassword"_s, QString::fromUtf8(kPassword));
    type(dialog, u"operatorRepeat"_s, u"s3cret-enougX"_s);
    QCOMPARE(hint->text(), u"The two passwords are not the same."_s);
    QVERIFY(!ok->isEnabled());
    type(dialog, u"operatorRepeat"_s, QString::fromUtf8(kPassword));
    QVERIFY(ok->isEnabled());
    dialog->findChild<QSpinBox *>(u"operatorMaxLogins"_s)->setValue(2);
    type(dialog, u"actionReason"_s, u"new support desk"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog);  // closed when it worked
    QTRY_COMPARE(model->rowCount(), 2);
    int taras = model->rowOf(u"taras"_s);
    QVERIFY(taras >= 0);
    QCOMPARE(cell(model, taras, OperatorTableModel::DisplayName), u"Taras Melnyk"_s);
    QCOMPARE(cell(model, taras, OperatorTableModel::Role), u"Support"_s);
    QCOMPARE(cell(model, taras, OperatorTableModel::MaxLogins), u"2"_s);
    QCOMPARE(tab->selectedLogin(), u"taras"_s);  // the new one is selected

    // Change role…
    QPointer<ChangeDialog> change = tab->openChange(Kind::Role);
    QVERIFY(change);
    auto *roles = change->findChild<QComboBox *>(u"changeRole"_s);
    QCOMPARE(roles->currentData().toString(), u"support"_s);
    roles->setCurrentIndex(roles->findData(u"accountant"_s));
    QVERIFY(change->submit());
    QTRY_COMPARE(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::Role), u"Accountant"_s);
    QCOMPARE(f.row(u"taras"_s)->role, u"accountant"_s);

    // Logins at once…
    change = tab->openChange(Kind::MaxLogins);
    QVERIFY(change);
    change->findChild<QSpinBox *>(u"changeMaxLogins"_s)->setValue(3);
    QVERIFY(change->submit());
    QTRY_COMPARE(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::MaxLogins), u"3"_s);

    // Disable: asks first; ends Taras's open login.
    auto tarasSession = f.access->login(u"taras"_s, kPassword, u"desk 2"_s);
    QVERIFY2(tarasSession, qPrintable(tarasSession.error().message));
    cd::ui::LoginSessionModel *logins = page.loginsTab()->model();
    QAbstractItemModelTester loginsTester(logins, QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.setCurrentTab(OperatorsPage::Logins);
    QTRY_COMPARE(logins->rowCount(), 2);
    page.setCurrentTab(OperatorsPage::Operators);
    QVERIFY(tab->selectOperator(u"taras"_s));
    auto *disable = tab->findChild<QPushButton *>(u"disableOperatorButton"_s);
    QCOMPARE(disable->text(), u"&Disable…"_s);
    QTest::mouseClick(disable, Qt::LeftButton);
    change = waitForDialog<ChangeDialog>(tab);
    QVERIFY(change);
    QCOMPARE(change->kind(), Kind::Disable);
    QVERIFY2(change->message().contains(u"Their open logins end now"_s), qPrintable(change->message()));
    QVERIFY(change->submit());
    QTRY_COMPARE(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::State), u"Disabled"_s);
    QTRY_COMPARE(logins->rowCount(), 1);
    QCOMPARE(logins->session(0)->login, u"admin"_s);
    QCOMPARE(disable->text(), u"&Enable…"_s);
    change = tab->openChange(Kind::Enable);
    QCOMPARE(change->kind(), Kind::Enable);
    QVERIFY(change->submit());
    QTRY_COMPARE(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::State), u"Enabled"_s);

    // Reset password…: the new one works, the old one no longer.
    change = tab->openChange(Kind::Password);
    QVERIFY(change);
    QVERIFY(!change->canSubmit());
    type(change, u"changePassword"_s, u"another-s3cret"_s);
    type(change, u"changeRepeat"_s, u"another-s3cret"_s);
    QVERIFY(change->submit());
    QVERIFY(change->isBusy());  // while the hash runs
    QTRY_VERIFY(!change);
    QVERIFY(f.access->authenticate(u"taras"_s, "another-s3cret").ok());
    QVERIFY(!f.access->authenticate(u"taras"_s, kPassword).ok());

    // Five wrong passwords (the old one above was the first) lock Taras's login: the table says
    // until when, and Unlock… lifts it.
    auto *unlock = tab->findChild<QPushButton *>(u"unlockOperatorButton"_s);
    QVERIFY(unlock && !unlock->isVisible());
    for (int i = 0; i < 4; ++i)
        QVERIFY(!f.access->authenticate(u"taras"_s, "guess").ok());
    tab->refresh();
    QTRY_VERIFY(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::State).startsWith(u"Locked until "_s));
    QVERIFY(tab->selectOperator(u"taras"_s));
    QVERIFY(unlock->isVisible());
    change = tab->openChange(Kind::Unlock);
    QVERIFY(change);
    QVERIFY(change->submit());
    QTRY_VERIFY(!change);
    QTRY_COMPARE(cell(model, model->rowOf(u"taras"_s), OperatorTableModel::State), u"Enabled"_s);
    QVERIFY(!unlock->isVisible());
    QVERIFY(f.access->authenticate(u"taras"_s, "another-s3cret").ok());
}

void TestOperators::roles()
{
    Fixture f;
    QVERIFY2(f.start(), qPrintable(f.db.error()));
    auto admin = f.access->authenticate(u"admin"_s, kAdminPassword);
    QVERIFY(admin);
    OperatorsPage page(f.services(*admin), nullptr, fastOptions());
    page.resize(1100, 700);
    page.show();
    page.setCurrentTab(OperatorsPage::Roles);
    cd::ui::RolesTab *tab = page.rolesTab();
    QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester screensTester(tab->screens(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(tab->model()->rowCount(), 4);
    QCOMPARE(tab->model()->index(tab->model()->rowOf(u"accountant"_s)).data().toString(), u"Accountant (built-in)"_s);

    // The administrator: everything ticked, nothing to change.
    QVERIFY(tab->selectRole(u"administrator"_s));
    QVERIFY(tab->screens()->isReadOnly() && tab->actions()->isReadOnly());
    QCOMPARE(tab->screens()->checkedKeys().size() + tab->actions()->checkedKeys().size(),
             int(cd::access::PermissionCatalog::all().size()));
    QVERIFY(!tab->screens()->setData(tab->screens()->index(0), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!tab->findChild<QPushButton *>(u"deleteRoleButton"_s)->isEnabled());

    // New role…, empty (not a copy of the administrator).
    QPointer<ChangeDialog> dialog = tab->openNewRole();
    QVERIFY(dialog);
    QVERIFY(!dialog->canSubmit());
    type(dialog, u"newRoleName"_s, u"night shift"_s);
    dialog->findChild<QCheckBox *>(u"newRoleCopy"_s)->setChecked(false);
    QVERIFY(dialog->submit());
    QTRY_VERIFY(tab->selectedRole() && tab->selectedRole()->name == u"night shift");
    QVERIFY(tab->selectedRole()->permissions.isEmpty());
    QVERIFY(!tab->screens()->isReadOnly());

    // Tick two, Apply… → exactly those two.
    using cd::access::Permission;
    QVERIFY(tab->screens()->setData(tab->screens()->index(tab->screens()->rowOf(Permission::ScreenAlerts)), Qt::Checked,
                                    Qt::CheckStateRole));
    QVERIFY(tab->actions()->setData(tab->actions()->index(tab->actions()->rowOf(Permission::AlertsHandle)), Qt::Checked,
                                    Qt::CheckStateRole));
    QVERIFY(tab->hasChanges());
    QVERIFY(tab->findChild<QPushButton *>(u"applyPermissionsButton"_s)->isEnabled());
    dialog = tab->openApply();
    QVERIFY(dialog);
    QVERIFY2(dialog->message().contains(u"Allow: "_s), qPrintable(dialog->message()));
    QVERIFY(dialog->submit());
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY(!tab->hasChanges());
    auto stored = cd::access::RoleRepository(f.db.db()).role(u"night shift"_s);
    QVERIFY(stored);
    QCOMPARE(stored->permissions, (QStringList{u"alerts.handle"_s, u"screen.alerts"_s}));

    // Untick one, tick another: one grant and one revoke.
    tab->screens()->setData(tab->screens()->index(tab->screens()->rowOf(Permission::ScreenAlerts)), Qt::Unchecked,
                            Qt::CheckStateRole);
    tab->screens()->setData(tab->screens()->index(tab->screens()->rowOf(Permission::ScreenMap)), Qt::Checked,
                            Qt::CheckStateRole);
    dialog = tab->openApply();
    QVERIFY(dialog->message().contains(u"No longer allow: "_s));
    QVERIFY(dialog->submit());
    QTRY_VERIFY(!dialog);
    stored = cd::access::RoleRepository(f.db.db()).role(u"night shift"_s);
    QCOMPARE(stored->permissions, (QStringList{u"alerts.handle"_s, u"screen.map"_s}));

    // Delete role: refused while an operator has it, then deleted.
    f.add(u"nina"_s, u"night shift"_s);
    page.refresh();
    QTRY_COMPARE(tab->selectedRole()->operators, 1);
    dialog = tab->openDeleteRole();
    QVERIFY(dialog);
    QVERIFY(dialog->submit());
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(u"give them another role first"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QVERIFY(f.access->setRole(*admin, u"nina"_s, u"support"_s).ok());
    page.refresh();
    QTRY_COMPARE(tab->selectedRole()->operators, 0);
    dialog = tab->openDeleteRole();
    QVERIFY(dialog->submit());
    QTRY_COMPARE(tab->model()->rowCount(), 4);
    QCOMPARE(tab->model()->rowOf(u"night shift"_s), -1);
}

void TestOperators::refusals()
{
    Fixture f;
    QVERIFY2(f.start(), qPrintable(f.db.error()));
    f.add(u"sam"_s, u"support"_s);
    auto sam = f.access->authenticate(u"sam"_s, kPassword);
    QVERIFY(sam);
    {
        // Without the screen (the console does not build it) the service does not read the lists.
        OperatorsPage page(f.services(*sam), nullptr, fastOptions());
        page.show();
        QTRY_VERIFY(page.operatorsTab()->statusText().contains(u"open the Operators and roles screen"_s));
        QCOMPARE(page.operatorsTab()->model()->rowCount(), 0);
    }
    auto admin = f.access->authenticate(u"admin"_s, kAdminPassword);
    QVERIFY(admin);
    QVERIFY(f.access->grant(*admin, u"support"_s, {u"screen.operators"_s}));
    {
        // With the screen but not "manage operators": the lists, read-only; the service refuses anyway.
        OperatorsPage page(f.services(*sam), nullptr, fastOptions());
        page.show();
        QVERIFY(page.isReadOnly());
        QVERIFY2(page.noteText().contains(u"manage operators"_s), qPrintable(page.noteText()));
        cd::ui::OperatorsTab *tab = page.operatorsTab();
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        QVERIFY(!tab->findChild<QPushButton *>(u"addOperatorButton"_s)->isEnabled());
        QVERIFY(tab->selectOperator(u"admin"_s));
        QVERIFY(!tab->findChild<QPushButton *>(u"disableOperatorButton"_s)->isEnabled());
        QPointer<cd::ui::OperatorDialog> dialog = tab->openAddOperator();
        QVERIFY(dialog);
        type(dialog, u"operatorLogin"_s, u"mallory"_s);
        type(dialog, u"operatorPassword"_s, QString::fromUtf8(kPassword));
        type(dialog, u"operatorRepeat"_s, QString::fromUtf8(kPassword));
        QVERIFY(dialog->submit());
        QTRY_VERIFY(!dialog->errorText().isEmpty());
        QCOMPARE(dialog->errorText(), u"Your role (Support) does not allow: manage operators, roles and login "
                                      "sessions. Ask an administrator."_s);
        QVERIFY(dialog->isVisible());
        QCOMPARE(f.access->operators(Actor::system(u"test"_s))->size(), 2);
        QVERIFY(!f.row(u"mallory"_s));
        dialog->reject();
    }

    // The last administrator cannot be disabled, not even by someone who may manage operators.
    QVERIFY(f.access->createRole(*admin, u"desk lead"_s, {u"screen.operators"_s, u"operators.manage"_s}).ok());
    f.add(u"lead"_s, u"desk lead"_s);
    auto lead = f.access->authenticate(u"lead"_s, kPassword);
    QVERIFY(lead);
    OperatorsPage page(f.services(*lead), nullptr, fastOptions());
    page.show();
    QVERIFY(!page.isReadOnly());
    cd::ui::OperatorsTab *tab = page.operatorsTab();
    QTRY_COMPARE(tab->model()->rowCount(), 3);
    QVERIFY(tab->selectOperator(u"admin"_s));
    QPointer<ChangeDialog> dialog = tab->openChange(Kind::Disable);
    QVERIFY(dialog);
    QVERIFY(dialog->submit());
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QCOMPARE(dialog->errorText(),
             u"admin is the last enabled administrator: make another operator an administrator first."_s);
    QVERIFY(!f.row(u"admin"_s)->disabled);
    dialog->reject();
    QTRY_VERIFY(!dialog);
}

void TestOperators::loginSessions()
{
    Fixture f;
    QVERIFY2(f.start(), qPrintable(f.db.error()));
    auto first = f.access->login(u"admin"_s, kAdminPassword, u"desk 1"_s);
    auto second = f.access->login(u"admin"_s, kAdminPassword, u"desk 2"_s);
    QVERIFY(first && second);

    OperatorsPage page(f.services(first->actor), nullptr, fastOptions());
    page.show();
    page.setCurrentTab(OperatorsPage::Logins);
    cd::ui::LoginSessionsTab *tab = page.loginsTab();
    QTRY_COMPARE(tab->model()->rowCount(), 2);
    QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(cell(tab->model(), 0, cd::ui::LoginSessionModel::Operator), u"Anna Admin (admin)"_s);
    auto *end = tab->findChild<QPushButton *>(u"endSessionButton"_s);
    QVERIFY(!end->isEnabled());  // nothing selected
    QVERIFY(tab->selectSession(second->sessionId));
    QVERIFY(end->isEnabled());
    QCOMPARE(tab->model()->session(cd::ui::rowOfId(tab->model()->sessions(), second->sessionId))->client, u"desk 2"_s);
    QTest::mouseClick(end, Qt::LeftButton);
    QPointer<ChangeDialog> dialog = waitForDialog<ChangeDialog>(tab);
    QVERIFY(dialog);
    QCOMPARE(dialog->kind(), Kind::EndSession);
    QVERIFY(!dialog->message().contains(u"your own login"_s));
    QVERIFY(dialog->submit());
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QCOMPARE(tab->model()->session(0)->id, first->sessionId);
    QVERIFY(!f.access->resume(second->token).ok());
    QVERIFY(!end->isEnabled());

    // Ending one's own login says so first.
    QVERIFY(tab->selectSession(first->sessionId));
    dialog = tab->openEndSession();
    QVERIFY(dialog->message().contains(u"This is your own login on this console."_s));
    dialog->reject();
}

void TestOperators::shell()
{
    // The main window shows the page on the Operators screen when it has a database.
    Fixture f;
    QVERIFY2(f.start(), qPrintable(f.db.error()));
    auto admin = f.access->login(u"admin"_s, kAdminPassword, u"desk 1"_s);
    QVERIFY(admin);
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), f.services(admin->actor));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showScreen(cd::ui::Screen::Operators);
    auto *page = window.findChild<OperatorsPage *>();
    QVERIFY(page);
    QCOMPARE(page->objectName(), u"operatorsPage"_s);
    QVERIFY(page->isVisible());
    QTRY_COMPARE(page->operatorsTab()->model()->rowCount(), 1);
    QTRY_COMPARE(page->loginsTab()->model()->rowCount(), 1);
}

QTEST_MAIN(TestOperators)
#include "tst_operators.moc"
