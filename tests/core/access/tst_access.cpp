// Operators, roles and login sessions (core/access): the built-in roles of migration 0019, the
// first administrator, login with the right and a wrong password, a disabled account, the
// concurrent-login limit, idle sessions that expire, custom roles granted and revoked (effective at
// the next action), the refusal sentence, bare names once operators exist, and the money, status,
// tariff and station services refusing an actor without the permission before they write. Every
// change is in the audit log with before and after. Runs on SQLCipher and PostgreSQL.

#include "support/testdatabase.h"

#include "core/access/accessguard.h"
#include "core/access/accessservice.h"
#include "core/access/auditbrowser.h"
#include "core/access/auditedchange.h"
#include "core/accounts/accountservice.h"
#include "core/anomalies/correctionengine.h"
#include "core/billing/tariffrepository.h"
#include "core/commands/commandqueue.h"
#include "core/refunds/refundservice.h"
#include "core/sessions/sessionactions.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QTest>

using namespace cd;
using namespace cd::access;
using namespace Qt::StringLiterals;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kT0 = 1'796'000'000'000;
constexpr qint64 kMinute = 60'000;

const QByteArray kAdminPassword = "correct horse battery";
const QByteArray kOlenaPassword = "olena-s3cret";

}  // namespace

class TestAccess : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_fixture;
    ManualClock m_clock{kT0};
    std::unique_ptr<AccessService> m_access;
    Actor m_admin;

    storage::Database &db() const { return m_fixture->db(); }

    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    // A fresh database with the administrator "admin" and an accountant "olena" (one login at once).
    void freshWithOperators()
    {
        m_fixture = std::make_unique<TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        m_clock.setNowMs(kT0);
        AccessOptions options;
        options.idleTimeoutMs = 30 * kMinute;
        options.strength = auth::PasswordHash::Strength::Interactive;  // the tests' speed
        m_access = std::make_unique<AccessService>(db(), options, m_clock);
        auto admin = m_access->createFirstAdministrator({u"admin"_s, u"Anna Admin"_s, kAdminPassword, {}, 1});
        QVERIFY2(admin, qPrintable(admin.error().message));
        auto actor = m_access->authenticate(u"admin"_s, kAdminPassword);
        QVERIFY2(actor, qPrintable(actor.error().message));
        m_admin = *actor;
        auto olena = m_access->createOperator(m_admin, {u"olena"_s, u"Olena K"_s, kOlenaPassword, u"accountant"_s, 1},
                                              u"new accountant"_s);
        QVERIFY2(olena, qPrintable(olena.error().message));
    }

    Actor loginAs(const QString &login, const QByteArray &password)
    {
        auto actor = m_access->authenticate(login, password);
        return actor ? *actor : Actor();
    }

private Q_SLOTS:
    void initTestCase() { qInfo() << "backend:" << TestDatabase::backendName(); }

    void builtinRolesAreSeeded()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        AccessService access(fixture.db());
        auto roles = access.roles(Actor(u"nobody-yet"_s));  // a bare name reads while there are no operators
        QVERIFY(roles);
        QStringList names;
        for (const RoleRow &r : *roles) {
            names << r.name;
            QVERIFY(r.builtin);
        }
        QCOMPARE(names, (QStringList{u"support"_s, u"site_manager"_s, u"accountant"_s, u"administrator"_s}));
        auto admin = RoleRepository(fixture.db()).role(u"administrator"_s);
        QVERIFY(admin);
        QCOMPARE(admin->permissions.size(), PermissionCatalog::all().size());
        auto accountant = RoleRepository(fixture.db()).role(u"accountant"_s);
        QVERIFY(accountant->permissions.contains(u"refunds.approve"_s));
        QVERIFY(accountant->permissions.contains(u"bills.correct"_s));
        QVERIFY(!accountant->permissions.contains(u"stations.command"_s));
        auto support = RoleRepository(fixture.db()).role(u"support"_s);
        QVERIFY(support->permissions.contains(u"sessions.finish"_s));
        QVERIFY(!support->permissions.contains(u"bills.correct"_s));
        // Every stored key is in the catalog.
        for (const RoleRow &r : *roles) {
            for (const QString &key : r.permissions)
                QVERIFY2(PermissionCatalog::fromKey(key), qPrintable(key));
        }
        QVERIFY(!access.hasOperators().value());
    }

    void firstAdministratorAndLogin()
    {
        freshWithOperators();
        QVERIFY(m_access->hasOperators().value());
        QVERIFY(m_admin.isOperator());
        QCOMPARE(m_admin.role(), u"administrator"_s);
        QCOMPARE(m_admin.displayName(), u"Anna Admin"_s);
        QVERIFY(m_admin.allows(Permission::OperatorsManage));
        // Only once.
        auto second = m_access->createFirstAdministrator({u"eve"_s, {}, "eve-password", {}, 1});
        QVERIFY(!second);
        QCOMPARE(second.error().code, ExitCode::Forbidden);

        auto session = m_access->login(u"olena"_s, kOlenaPassword, u"console@desk-1"_s);
        QVERIFY2(session, qPrintable(session.error().message));
        QCOMPARE(session->token.size(), 64);
        QCOMPARE(session->actor.role(), u"accountant"_s);
        QCOMPARE(session->actor.roleDisplayName(), u"Accountant"_s);
        QVERIFY(session->actor.allows(Permission::RefundsApprove));
        QVERIFY(!session->actor.allows(Permission::StationsCommand));
        // The token itself is nowhere in the database.
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE token_hash = ?"_s, {session->token}), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE ended_ms IS NULL"_s), 1);
        auto resumed = m_access->resume(session->token);
        QVERIFY2(resumed, qPrintable(resumed.error().message));
        QCOMPARE(resumed->sessionId(), std::optional<qint64>(session->sessionId));
        QVERIFY(m_access->logout(session->token));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE end_reason = 'logout'"_s), 1);
        QVERIFY(!m_access->resume(session->token));

        // Passwords are Argon2id hashes, never in the audit log.
        QVERIFY(auth::PasswordHash::looksLikeHash(m_access->operators(m_admin)->first().passwordHash));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE after_state LIKE '%argon2%'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.add'"_s), 2);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.add' AND operator_name = 'admin' "
                       "AND operator_id IS NOT NULL"_s),
                 2);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action IN ('operator.login', 'operator.logout')"_s), 2);
    }

    void wrongPasswordAndUnknownLogin()
    {
        freshWithOperators();
        auto wrong = m_access->login(u"olena"_s, "not her password");
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ExitCode::Forbidden);
        auto unknown = m_access->login(u"nobody"_s, "whatever-it-is");
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().message, wrong.error().message);  // no hint which one was wrong
        QVERIFY(!m_access->authenticate(u"olena"_s, QByteArray()));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions"_s), 0);
    }

    // Five wrong passwords in a row lock the login for 15 minutes: then even the right password is
    // refused, with a sentence that says for how long; the lock is audited, ends by itself, and an
    // administrator can lift it. A right password in between starts the count again.
    void wrongPasswordsLockTheLogin()
    {
        freshWithOperators();
        // (no translator here: the numerus source text is "minute(s)")
        const QString lockedText = u"Too many wrong passwords: the login olena is locked for 15 more minute"_s;
        for (int i = 0; i < 4; ++i)
            QCOMPARE(m_access->authenticate(u"olena"_s, "guess").error().message, u"Wrong login or password."_s);
        QVERIFY(m_access->authenticate(u"olena"_s, kOlenaPassword));  // the fifth try is right: the count starts again
        for (int i = 0; i < 4; ++i)
            QVERIFY(!m_access->authenticate(u"olena"_s, "guess"));
        QCOMPARE(count(u"SELECT failed_logins FROM operators WHERE login = 'olena'"_s), 4);
        QCOMPARE(count(u"SELECT COUNT(*) FROM operators WHERE locked_until_ms IS NOT NULL"_s), 0);

        auto fifth = m_access->login(u"olena"_s, "guess", u"desk-1"_s);
        QVERIFY(!fifth);
        QCOMPARE(fifth.error().code, ExitCode::Forbidden);
        QVERIFY2(fifth.error().message.startsWith(lockedText), qPrintable(fifth.error().message));
        QCOMPARE(count(u"SELECT locked_until_ms FROM operators WHERE login = 'olena'"_s), kT0 + 15 * kMinute);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.lock' AND operator_id IS NULL "
                       "AND after_state LIKE '%\"wrongPasswords\":5%'"_s),
                 1);
        // Locked: the right password too, at console and CLI alike.
        m_clock.setNowMs(kT0 + 5 * kMinute);
        auto right = m_access->login(u"olena"_s, kOlenaPassword, u"desk-1"_s);
        QVERIFY(!right);
        QVERIFY2(right.error().message.contains(u"locked for 10 more minute"_s), qPrintable(right.error().message));
        QVERIFY(!m_access->authenticate(u"olena"_s, kOlenaPassword));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions"_s), 0);
        // Guessing on while locked does not make it longer.
        QVERIFY(!m_access->authenticate(u"olena"_s, "guess"));
        QCOMPARE(count(u"SELECT locked_until_ms FROM operators WHERE login = 'olena'"_s), kT0 + 15 * kMinute);

        // It ends by itself.
        m_clock.setNowMs(kT0 + 15 * kMinute);
        QVERIFY(m_access->login(u"olena"_s, kOlenaPassword, u"desk-1"_s));
        QCOMPARE(count(u"SELECT failed_logins FROM operators WHERE login = 'olena'"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM operators WHERE locked_until_ms IS NOT NULL"_s), 0);

        // Locked again; only someone who manages operators may lift it, and it is audited.
        for (int i = 0; i < 5; ++i)
            QVERIFY(!m_access->authenticate(u"olena"_s, "guess"));
        QVERIFY(m_access->createOperator(m_admin, {u"sasha"_s, {}, "sasha-password", u"support"_s, 1}));
        const Actor support = loginAs(u"sasha"_s, "sasha-password");
        QCOMPARE(m_access->unlock(support, u"olena"_s).error().code, ExitCode::Forbidden);
        QVERIFY(!m_access->authenticate(u"olena"_s, kOlenaPassword));
        QVERIFY(m_access->unlock(m_admin, u"olena"_s, u"she called the desk"_s));
        QVERIFY(m_access->authenticate(u"olena"_s, kOlenaPassword));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.unlock' AND operator_name = 'admin' "
                       "AND reason = 'she called the desk'"_s),
                 1);
        QVERIFY(m_access->unlock(m_admin, u"olena"_s));  // nothing to lift: no entry
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.unlock'"_s), 1);

        // A password reset unlocks too.
        for (int i = 0; i < 5; ++i)
            QVERIFY(!m_access->authenticate(u"olena"_s, "guess"));
        QVERIFY(m_access->resetPassword(m_admin, u"olena"_s, "olena-new-password", u"forgot it"_s));
        QVERIFY(m_access->authenticate(u"olena"_s, "olena-new-password"));
    }

    void disabledAccount()
    {
        freshWithOperators();
        auto session = m_access->login(u"olena"_s, kOlenaPassword);
        QVERIFY(session);
        QVERIFY(m_access->setDisabled(m_admin, u"olena"_s, true, u"left the company"_s));
        // Her open session ended; she cannot log in, resume or act.
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE end_reason = 'disabled'"_s), 1);
        auto again = m_access->login(u"olena"_s, kOlenaPassword);
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(u"disabled"_s), qPrintable(again.error().message));
        QVERIFY(!m_access->resume(session->token));
        Status acting = m_access->check(session->actor, Permission::RefundsApprove);
        QVERIFY(!acting);
        QCOMPARE(acting.error().code, ExitCode::Forbidden);
        // Audited with before and after.
        auto q = storage::Sql::run(db().connection(),
                                   u"SELECT before_state, after_state, reason FROM audit_log WHERE action = 'operator.disable'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"{\"disabled\":false}"_s);
        QVERIFY(q->value(1).toString().contains(u"\"disabled\":true"_s));
        QCOMPARE(q->value(2).toString(), u"left the company"_s);

        QVERIFY(m_access->setDisabled(m_admin, u"olena"_s, false));
        QVERIFY(m_access->login(u"olena"_s, kOlenaPassword));
        // Nobody locks the last administrator out.
        Status self = m_access->setDisabled(m_admin, u"admin"_s, true);
        QVERIFY(!self);
        Status demote = m_access->setRole(m_admin, u"admin"_s, u"support"_s);
        QVERIFY(!demote);
        QVERIFY2(demote.error().message.contains(u"last enabled administrator"_s), qPrintable(demote.error().message));
    }

    void concurrentLoginLimit()
    {
        freshWithOperators();
        auto first = m_access->login(u"olena"_s, kOlenaPassword, u"desk-1"_s);
        QVERIFY(first);
        auto second = m_access->login(u"olena"_s, kOlenaPassword, u"desk-2"_s);
        QVERIFY(!second);
        QCOMPARE(second.error().code, ExitCode::Forbidden);
        QVERIFY2(second.error().message.contains(u"already logged in"_s), qPrintable(second.error().message));
        QVERIFY(m_access->logout(first->token));
        QVERIFY(m_access->login(u"olena"_s, kOlenaPassword, u"desk-2"_s));

        QVERIFY(m_access->setMaxConcurrentLogins(m_admin, u"olena"_s, 2, u"two desks"_s));
        QVERIFY(m_access->login(u"olena"_s, kOlenaPassword, u"desk-3"_s));
        QVERIFY(!m_access->login(u"olena"_s, kOlenaPassword, u"desk-4"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE ended_ms IS NULL"_s), 2);

        // An administrator ends one of them: it stops acting at once and frees a place.
        auto open = m_access->openSessions(m_admin);
        QVERIFY(open);
        QCOMPARE(open->size(), 2);
        QVERIFY(m_access->endSession(m_admin, open->first().id, u"forgotten at the desk"_s));
        QVERIFY(m_access->login(u"olena"_s, kOlenaPassword, u"desk-4"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'login_session.end'"_s), 1);
        QVERIFY(!m_access->setMaxConcurrentLogins(m_admin, u"olena"_s, 0));
    }

    void idleSessionsExpire()
    {
        freshWithOperators();
        auto crashed = m_access->login(u"olena"_s, kOlenaPassword, u"desk-1"_s);
        QVERIFY(crashed);
        // Still fresh: refused.
        m_clock.advanceMs(29 * kMinute);
        QVERIFY(!m_access->login(u"olena"_s, kOlenaPassword));
        // Resumed: fresh again.
        QVERIFY(m_access->resume(crashed->token));
        m_clock.advanceMs(29 * kMinute);
        QVERIFY(!m_access->login(u"olena"_s, kOlenaPassword));
        // The console died: after the idle time the session no longer counts.
        m_clock.advanceMs(2 * kMinute);
        auto next = m_access->login(u"olena"_s, kOlenaPassword, u"desk-2"_s);
        QVERIFY2(next, qPrintable(next.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operator_sessions WHERE end_reason = 'expired'"_s), 1);
        auto late = m_access->resume(crashed->token);
        QVERIFY(!late);
        // A session idle too long is refused on resume too.
        m_clock.advanceMs(31 * kMinute);
        auto stale = m_access->resume(next->token);
        QVERIFY(!stale);
        QVERIFY2(stale.error().message.contains(u"expired"_s), qPrintable(stale.error().message));
    }

    void customRoleGrantAndRevoke()
    {
        freshWithOperators();
        auto role = m_access->createRole(m_admin, u"night_shift"_s, {u"screen.operations"_s, u"sessions.finish"_s},
                                         u"night support"_s);
        QVERIFY2(role, qPrintable(role.error().message));
        QCOMPARE(role->permissions, (QStringList{u"screen.operations"_s, u"sessions.finish"_s}));
        QVERIFY(m_access->createOperator(m_admin, {u"taras"_s, {}, "taras-password", u"night_shift"_s, 1}));
        const Actor taras = loginAs(u"taras"_s, "taras-password");
        QVERIFY(taras.isOperator());
        QVERIFY(m_access->check(taras, Permission::SessionsFinish));

        Status refused = m_access->check(taras, Permission::BillsCorrect);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ExitCode::Forbidden);
        QCOMPARE(refused.error().message, u"Your role (night_shift) does not allow: correct bills. Ask an administrator."_s);

        // Granted: allowed at the next action (the guard reads the role now, not the snapshot).
        QVERIFY(m_access->grant(m_admin, u"night_shift"_s, {u"bills.correct"_s}, u"month end"_s));
        QVERIFY(m_access->check(taras, Permission::BillsCorrect));
        QVERIFY(!taras.allows(Permission::BillsCorrect));  // the snapshot is older
        QVERIFY(m_access->revoke(m_admin, u"night_shift"_s, {u"bills.correct"_s}, u"month closed"_s));
        QVERIFY(!m_access->check(taras, Permission::BillsCorrect));

        auto q = storage::Sql::run(db().connection(),
                                   u"SELECT before_state, after_state FROM audit_log WHERE action = 'role.grant'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"{\"permissions\":[\"screen.operations\",\"sessions.finish\"]}"_s);
        QVERIFY(q->value(1).toString().contains(u"bills.correct"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action IN ('role.add', 'role.grant', 'role.revoke')"_s), 3);

        // Refusals: unknown keys, the administrator's role, built-in or used roles, a name taken.
        QCOMPARE(m_access->grant(m_admin, u"night_shift"_s, {u"bills.delete"_s}).error().code, ExitCode::Usage);
        QVERIFY(!m_access->revoke(m_admin, u"administrator"_s, {u"audit.view"_s}));
        QVERIFY(!m_access->deleteRole(m_admin, u"support"_s));
        QVERIFY(!m_access->deleteRole(m_admin, u"night_shift"_s));
        QVERIFY(!m_access->createRole(m_admin, u"Accountant"_s, {}));
        QVERIFY(m_access->setRole(m_admin, u"taras"_s, u"support"_s));
        QVERIFY(m_access->deleteRole(m_admin, u"night_shift"_s, u"no night shift any more"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM role_permissions rp WHERE NOT EXISTS "
                       "(SELECT 1 FROM roles r WHERE r.id = rp.role_id)"_s),
                 0);

        // Managing needs operators.manage: the accountant may not.
        const Actor olena = loginAs(u"olena"_s, kOlenaPassword);
        Status notAdmin = m_access->grant(olena, u"accountant"_s, {u"stations.command"_s});
        QVERIFY(!notAdmin);
        QCOMPARE(notAdmin.error().message,
                 u"Your role (Accountant) does not allow: manage operators, roles and login sessions. Ask an administrator."_s);
        QVERIFY(!m_access->createOperator(olena, {u"mallory"_s, {}, "mallory-password", u"administrator"_s, 1}));
        QCOMPARE(count(u"SELECT COUNT(*) FROM operators WHERE login = 'mallory'"_s), 0);
    }

    void changeOwnPassword()
    {
        freshWithOperators();
        const Actor olena = loginAs(u"olena"_s, kOlenaPassword);
        QVERIFY(!m_access->changeOwnPassword(olena, "a wrong one", "brand-new-password"));
        QVERIFY(!m_access->changeOwnPassword(olena, kOlenaPassword, "short"));
        QVERIFY(m_access->changeOwnPassword(olena, kOlenaPassword, "brand-new-password"));
        QVERIFY(!m_access->authenticate(u"olena"_s, kOlenaPassword));
        QVERIFY(m_access->authenticate(u"olena"_s, "brand-new-password"));
        QVERIFY(m_access->resetPassword(m_admin, u"olena"_s, "reset-by-admin", u"forgotten"_s));
        QVERIFY(m_access->authenticate(u"olena"_s, "reset-by-admin"));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.password'"_s), 2);
    }

    void bareNamesOnlyWithoutOperators()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        AccessGuard guard(fixture.db());
        QVERIFY(guard.require(Actor(u"console:olena"_s), Permission::BillsCorrect));
        AccessOptions fast;
        fast.strength = auth::PasswordHash::Strength::Interactive;
        AccessService access(fixture.db(), fast);
        QVERIFY(access.createFirstAdministrator({u"admin"_s, {}, kAdminPassword, {}, 1}));
        Status refused = guard.require(Actor(u"console:olena"_s), Permission::BillsCorrect);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ExitCode::Forbidden);
        QVERIFY2(refused.error().message.startsWith(u"Log in first"_s), qPrintable(refused.error().message));
        QVERIFY(guard.require(Actor::system(u"system:ocpp"_s), Permission::BillsCorrect));
    }

    // Each enforcing service refuses an actor without the permission before it reads or writes
    // anything else: the Forbidden error, not "no such bill / session / application".
    void servicesRefuseWithoutPermissionAndWriteNothing()
    {
        freshWithOperators();
        QVERIFY(m_access->createOperator(m_admin, {u"sasha"_s, {}, "sasha-password", u"support"_s, 1}));
        const Actor support = loginAs(u"sasha"_s, "sasha-password");
        const Actor accountant = loginAs(u"olena"_s, kOlenaPassword);
        const qint64 auditBefore = count(u"SELECT COUNT(*) FROM audit_log"_s);

        const auto forbidden = [](const Error &e) { return e.code == ExitCode::Forbidden && e.message.contains(u"does not allow"_s); };

        billing::Tariff t;
        t.name = u"Night"_s;
        t.currency = u"UAH"_s;
        t.energyPriceMinorPerKwh = 500;
        t.validFromMs = kT0;
        auto saved = billing::TariffRepository(db(), m_clock).save(t, support, u"cheaper nights"_s);
        QVERIFY(!saved);
        QVERIFY2(forbidden(saved.error()), qPrintable(saved.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM tariffs"_s), 0);
        QVERIFY2(forbidden(billing::TariffRepository(db(), m_clock).retire(1, kT0, support, u"x"_s).error()), "retire");

        auto corrected = anomalies::CorrectionEngine(db(), nullptr, m_clock).apply(anomalies::CorrectionPreview{}, support,
                                                                                    u"idle fee"_s);
        QVERIFY(!corrected);
        QVERIFY2(forbidden(corrected.error()), qPrintable(corrected.error().message));

        refunds::RefundService refunds(db(), nullptr, m_clock);
        auto approved = refunds.approve(1, 0, support, u"customer asked"_s);
        QVERIFY(!approved);
        QCOMPARE(approved.error().message,
                 u"Your role (Support) does not allow: approve or reject refunds. Ask an administrator."_s);
        QVERIFY(forbidden(refunds.reject(1, support, u"no"_s).error()));
        QVERIFY(forbidden(refunds.confirmDesk(1, true, {}, support, u"paid"_s).error()));
        QVERIFY(forbidden(refunds.apply(refunds::RefundRequest{}, support).error()));

        sessions::SessionActions actions(db(), nullptr, nullptr, m_clock);
        sessions::ActionRequest finish;
        finish.kind = sessions::ActionKind::Finish;
        finish.sessionId = 1;
        auto finished = actions.apply(finish, accountant, u"station never sent Stop"_s);
        QVERIFY(!finished);
        QCOMPARE(finished.error().message, u"Your role (Accountant) does not allow: finish sessions. Ask an administrator."_s);
        sessions::ActionRequest reset;
        reset.kind = sessions::ActionKind::Reset;
        reset.sessionId = 1;
        QVERIFY(forbidden(actions.apply(reset, accountant, u"stuck"_s).error()));

        commands::CommandRequest command;
        command.chargePointId = u"CP-1"_s;
        command.action = u"Reset"_s;
        command.requestedBy = accountant;
        command.reason = u"stuck"_s;
        QVERIFY(forbidden(commands::CommandQueue(db(), m_clock).submit(command).error()));
        QCOMPARE(count(u"SELECT COUNT(*) FROM commands"_s), 0);

        accounts::TopUpRequest topUp;
        topUp.amountMinor = 10000;
        topUp.currency = u"UAH"_s;
        QVERIFY(forbidden(accounts::AccountService(db(), m_clock).topUpMember(1, topUp, support, u"cash"_s).error()));

        // Nothing was written, not even an audit entry.
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log"_s), auditBefore);

        // Reads of a screen the role lacks are refused too: who the operators are and who is logged in.
        auto operators = m_access->operators(support);
        QVERIFY(!operators);
        QCOMPARE(operators.error().message,
                 u"Your role (Support) does not allow: open the Operators and roles screen. Ask an administrator."_s);
        QVERIFY(forbidden(m_access->roles(accountant).error()));
        QVERIFY(forbidden(m_access->openSessions(support).error()));
        QVERIFY(m_access->operators(m_admin));

        // With the permission the same tariff is saved, by the operator's login.
        auto allowed = billing::TariffRepository(db(), m_clock).save(t, accountant, u"cheaper nights"_s);
        QVERIFY2(allowed, qPrintable(allowed.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM tariffs WHERE created_by = 'olena'"_s), 1);
    }

    void auditBrowserPages()
    {
        freshWithOperators();
        QVERIFY(m_access->createRole(m_admin, u"auditors"_s, {u"audit.view"_s, u"screen.audit"_s}));
        QVERIFY(m_access->grant(m_admin, u"auditors"_s, {u"screen.reports"_s}));
        storage::AuditLogRepository log(db(), m_clock);
        storage::AuditFilter roles;
        roles.actionPrefix = u"role."_s;
        auto page = log.page(roles);
        QVERIFY(page);
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->first().action, u"role.grant"_s);  // newest first
        storage::AuditFilter byAdmin;
        byAdmin.operatorId = m_admin.operatorId();
        byAdmin.limit = 2;
        auto first = log.page(byAdmin);
        QVERIFY(first);
        QCOMPARE(first->size(), 2);
        byAdmin.beforeId = first->last().id;
        auto next = log.page(byAdmin);
        QVERIFY(next);
        QVERIFY(!next->isEmpty());
        QVERIFY(next->first().id < first->last().id);
        storage::AuditFilter operators;
        operators.entityType = u"operator"_s;
        operators.actionPrefix = u"operator_"_s;  // '_' is not a wildcard
        QCOMPARE(log.page(operators)->size(), 0);

        // Through the browser the subjects have their names: the role's name, the operator's login
        // (renamed subjects show their name now; unnamed kinds and gone rows keep the number).
        AuditBrowser browser(db());
        auto named = browser.page(m_admin, roles);
        QVERIFY2(named, qPrintable(named.error().message));
        QCOMPARE(named->first().entityType, u"role"_s);
        QCOMPARE(named->first().subjectName, u"auditors"_s);
        storage::AuditFilter added;
        added.actionPrefix = u"operator.add"_s;
        named = browser.page(m_admin, added);
        QVERIFY(named && named->size() == 2);
        QCOMPARE(named->first().subjectName, u"olena"_s);
        QCOMPARE(named->last().subjectName, u"admin"_s);
        QVERIFY(m_access->deleteRole(m_admin, u"auditors"_s));
        named = browser.page(m_admin, roles);
        QVERIFY(named);
        QCOMPARE(named->first().action, u"role.delete"_s);
        QVERIFY(named->first().subjectName.isEmpty());  // gone: the number only
        QVERIFY(!named->first().entityId.isEmpty());
    }

    // Changes without a service of their own (a site, adding a station) check the permission in
    // core too: refused before anything runs; allowed, the write and its audit entry commit
    // together; a failed write leaves neither.
    void auditedChangeChecksAndAudits()
    {
        freshWithOperators();
        const Actor olena = loginAs(u"olena"_s, kOlenaPassword);  // an accountant: no sites.edit
        QVERIFY(olena.isOperator());
        bool ran = false;
        const auto addSite = [&](const QString &name) {
            return [&, name]() -> Expected<storage::AuditEntry> {
                ran = true;
                auto q = storage::Sql::run(db().connection(), u"INSERT INTO sites (name, created_ms) VALUES (?, ?)"_s,
                                           {name, kT0});
                if (!q)
                    return q.error();
                storage::AuditEntry e;
                e.action = u"site.add"_s;
                e.entityType = u"site"_s;
                e.entityId = name;
                e.afterState = u"{\"name\":\"%1\"}"_s.arg(name);
                return e;
            };
        };
        auto refused = auditedChange(db(), olena, Permission::SitesEdit, u"why"_s, addSite(u"Lviv"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ExitCode::Forbidden);
        QVERIFY(!ran);
        QCOMPARE(count(u"SELECT COUNT(*) FROM sites"_s), 0);

        auto done = auditedChange(db(), m_admin, Permission::SitesEdit, u"new site"_s, addSite(u"Lviv"_s));
        QVERIFY2(done, qPrintable(done.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM sites"_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'site.add' AND operator_name = 'admin' "
                       "AND reason = 'new site' AND operator_id = ?"_s,
                       {*m_admin.operatorId()}),
                 1);

        // A write that fails after it inserted: rolled back, nothing audited.
        const auto inserted = addSite(u"Odesa"_s);
        auto failed = auditedChange(db(), m_admin, Permission::SitesEdit, {}, [&]() -> Expected<storage::AuditEntry> {
            if (auto e = inserted(); !e)
                return e.error();
            return Error{ExitCode::Failure, u"the second half failed"_s};
        });
        QVERIFY(!failed);
        QCOMPARE(count(u"SELECT COUNT(*) FROM sites"_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'site.add'"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
