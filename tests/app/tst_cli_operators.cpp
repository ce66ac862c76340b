// chargedesk-cli operator | role | login-sessions and --as: the first operator becomes the
// administrator ("first start from the CLI"); from then on every database command needs --as LOGIN
// with the password from CHARGEDESK_PASSWORD; an administrator adds an accountant and a custom role,
// grants and revokes; the accountant is refused what the role does not allow (exit code 7, the
// sentence, nothing written) and the reads of screens the role lacks (a support operator's `refund
// list`, `report …`); a wrong password and a disabled account are refused; login sessions
// are listed and ended; every change is in the audit log by the operator who logged in.
// SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "app/cli/cliapp.h"
#include "app/cli/commandscreens.h"

#include "core/access/accessservice.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QProcess>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

class TestCliOperators : public QObject {
    Q_OBJECT

private:
    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};

    // A run as `login` (empty: without --as) with `password` in CHARGEDESK_PASSWORD.
    test::CliRun cli(const QStringList &args, const QString &login = {}, const QString &password = {})
    {
        m_bench.setEnvironment(u"CHARGEDESK_PASSWORD"_s, password);
        QStringList all = args;
        if (!login.isEmpty())
            all << u"--as"_s << login;
        return m_bench.run(all);
    }
    test::CliRun admin(const QStringList &args) { return cli(args, u"admin"_s, u"admin-password-1"_s); }

    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(m_bench.db().connection(), sql, values);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_bench.setUp(u"cd_clioperators"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void firstAdministrator()
    {
        // No operators yet: the CLI works as before, without --as.
        test::CliRun r = cli({u"role"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().array().size(), 4);
        QCOMPARE(cli({u"station"_s, u"add"_s, u"CP-1"_s}).exitCode, 0);
        // --as needs an operator to exist.
        QCOMPARE(cli({u"station"_s, u"list"_s}, u"admin"_s, u"x"_s).exitCode, 1);
        // The first one cannot be anything but the administrator.
        m_bench.setEnvironment(u"CHARGEDESK_NEW_PASSWORD"_s, u"admin-password-1"_s);
        QCOMPARE(cli({u"operator"_s, u"add"_s, u"admin"_s, u"--role"_s, u"support"_s}).exitCode, 2);
        r = cli({u"operator"_s, u"add"_s, u"admin"_s, u"--name"_s, u"Anna Admin"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"role"_s).toString(), u"administrator"_s);
        QCOMPARE(r.json().object().value(u"displayName"_s).toString(), u"Anna Admin"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM operators"_s), 1);
        QVERIFY(count(u"SELECT COUNT(*) FROM operators WHERE password_hash LIKE '$argon2id$%'"_s) == 1);
    }

    void loginRequiredOnceOperatorsExist()
    {
        test::CliRun r = cli({u"station"_s, u"add"_s, u"CP-2"_s});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"--as"_s), qPrintable(r.err));
        QCOMPARE(cli({u"station"_s, u"list"_s}).exitCode, 7);
        // Database upkeep stays open (the key is the gate).
        QCOMPARE(cli({u"db"_s, u"info"_s}).exitCode, 0);
        // A wrong password, an unknown login.
        r = cli({u"station"_s, u"list"_s}, u"admin"_s, u"not-the-password"_s);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Wrong login or password"_s), qPrintable(r.err));
        QCOMPARE(cli({u"station"_s, u"list"_s}, u"nobody"_s, u"admin-password-1"_s).exitCode, 7);
        QCOMPARE(cli({u"station"_s, u"list"_s, u"--operator"_s, u"x"_s}, u"admin"_s, u"admin-password-1"_s).exitCode, 2);
        // The right one.
        r = admin({u"station"_s, u"add"_s, u"CP-2"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'station.add' AND entity_id = 'CP-2' "
                       "AND operator_name = 'admin' AND operator_id IS NOT NULL"_s),
                 1);
    }

    void administratorManagesOperatorsAndRoles()
    {
        m_bench.setEnvironment(u"CHARGEDESK_NEW_PASSWORD"_s, u"olena-password-1"_s);
        test::CliRun r = admin({u"operator"_s, u"add"_s, u"olena"_s, u"--role"_s, u"accountant"_s, u"--name"_s, u"Olena K"_s,
                                u"--reason"_s, u"new accountant"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(admin({u"operator"_s, u"add"_s, u"olena"_s}).exitCode, 1);  // taken
        QCOMPARE(admin({u"operator"_s, u"add"_s, u"bad login"_s}).exitCode, 2);

        r = admin({u"role"_s, u"add"_s, u"night_shift"_s, u"screen.operations"_s, u"sessions.finish"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"permissions"_s).toArray().size(), 2);
        QCOMPARE(admin({u"role"_s, u"grant"_s, u"night_shift"_s, u"bills.correct,sessions.cancel_hold"_s}).exitCode, 0);
        QCOMPARE(admin({u"role"_s, u"revoke"_s, u"night_shift"_s, u"bills.correct"_s}).exitCode, 0);
        QCOMPARE(admin({u"role"_s, u"grant"_s, u"night_shift"_s, u"bills.delete"_s}).exitCode, 2);
        r = admin({u"role"_s, u"permissions"_s, u"night_shift"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList keys;
        for (const QJsonValue &v : r.json().array())
            keys << v.toObject().value(u"key"_s).toString();
        QCOMPARE(keys, (QStringList{u"screen.operations"_s, u"sessions.finish"_s, u"sessions.cancel_hold"_s}));
        r = admin({u"role"_s, u"permissions"_s, u"--json"_s});
        QVERIFY(r.json().array().size() >= 30);

        r = admin({u"operator"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray operators = r.json().array();
        QCOMPARE(operators.size(), 2);
        QCOMPARE(operators.at(1).toObject().value(u"login"_s).toString(), u"olena"_s);
        QCOMPARE(operators.at(1).toObject().value(u"roleName"_s).toString(), u"Accountant"_s);
    }

    void accountantIsRefusedWhatTheRoleDoesNotAllow()
    {
        const QString olena = u"olena"_s, password = u"olena-password-1"_s;
        // An action on a screen she has (Operations) that her role does not include: the core
        // service refuses it.
        test::CliRun r = cli({u"tag"_s, u"add"_s, u"TAG-9"_s}, olena, password);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Your role (Accountant) does not allow: change id tags. Ask an administrator."_s),
                 qPrintable(r.err));
        QCOMPARE(count(u"SELECT COUNT(*) FROM id_tags WHERE id_tag = 'TAG-9'"_s), 0);
        // On a screen she does not have (Stations): refused before the service is asked.
        r = cli({u"station"_s, u"add"_s, u"CP-9"_s}, olena, password);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Your role (Accountant) does not allow: open the Stations screen. Ask an administrator."_s),
                 qPrintable(r.err));
        QCOMPARE(count(u"SELECT COUNT(*) FROM stations WHERE charge_point_id = 'CP-9'"_s), 0);
        r = cli({u"role"_s, u"grant"_s, u"accountant"_s, u"stations.edit"_s}, olena, password);
        QCOMPARE(r.exitCode, 7);
        // What the role allows: the audit log.
        QCOMPARE(cli({u"audit"_s, u"list"_s, u"--json"_s}, olena, password).exitCode, 0);
        // Her own password.
        m_bench.setEnvironment(u"CHARGEDESK_NEW_PASSWORD"_s, u"olena-password-2"_s);
        r = cli({u"operator"_s, u"passwd"_s}, olena, password);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(cli({u"tx"_s, u"list"_s}, olena, password).exitCode, 7);
        QCOMPARE(cli({u"tx"_s, u"list"_s}, olena, u"olena-password-2"_s).exitCode, 0);
    }

    // Reads too: a command is refused when the role has none of the console screens it belongs to
    // (app/cli/commandscreens.cpp), with the same sentence as an action; the screens the role has
    // read as before.
    void readsNeedTheirScreen()
    {
        m_bench.setEnvironment(u"CHARGEDESK_NEW_PASSWORD"_s, u"taras-password-1"_s);
        test::CliRun r = admin({u"operator"_s, u"add"_s, u"taras"_s, u"--role"_s, u"support"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto support = [&](const QStringList &args) { return cli(args, u"taras"_s, u"taras-password-1"_s); };
        const auto accountant = [&](const QStringList &args) { return cli(args, u"olena"_s, u"olena-password-2"_s); };
        const QStringList period{u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s};

        r = support({u"refund"_s, u"list"_s, u"--lang"_s, u"en"_s});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Your role (Support) does not allow: open the Refunds screen. Ask an administrator."_s),
                 qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        r = support(QStringList{u"report"_s, u"revenue"_s, u"--json"_s} + period);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Reports"_s), qPrintable(r.err));
        for (const QStringList &args : {QStringList{u"report"_s, u"bills"_s} + period, QStringList{u"tariff"_s, u"list"_s},
                                        QStringList{u"account"_s, u"member"_s, u"list"_s}, QStringList{u"audit"_s, u"list"_s},
                                        QStringList{u"operator"_s, u"list"_s}, QStringList{u"role"_s, u"list"_s},
                                        QStringList{u"bill"_s, u"anomalies"_s}})
            QVERIFY2(support(args).exitCode == 7, qPrintable(args.join(u' ')));
        // What a support operator works with.
        for (const QStringList &args : {QStringList{u"station"_s, u"list"_s}, QStringList{u"tx"_s, u"list"_s},
                                        QStringList{u"alerts"_s, u"list"_s}, QStringList{u"tag"_s, u"list"_s},
                                        QStringList{u"command"_s, u"list"_s}}) {
            r = support(args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + u": "_s + r.err));
        }
        // Her own password needs no screen.
        m_bench.setEnvironment(u"CHARGEDESK_NEW_PASSWORD"_s, u"taras-password-2"_s);
        QCOMPARE(support({u"operator"_s, u"passwd"_s}).exitCode, 0);

        // The accountant the other way round: no Stations screen, but refunds and reports.
        r = accountant({u"station"_s, u"list"_s, u"--lang"_s, u"en"_s});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"open the Stations screen"_s), qPrintable(r.err));
        for (const QStringList &args : {QStringList{u"refund"_s, u"list"_s}, QStringList{u"report"_s, u"bills"_s} + period,
                                        QStringList{u"site"_s, u"list"_s}, QStringList{u"bill"_s, u"anomalies"_s}}) {
            r = accountant(args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + u": "_s + r.err));
        }
        // A screen granted is readable at once, revoked refused at once.
        QCOMPARE(admin({u"role"_s, u"grant"_s, u"support"_s, u"screen.refunds"_s}).exitCode, 0);
        r = cli({u"refund"_s, u"list"_s}, u"taras"_s, u"taras-password-2"_s);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(admin({u"role"_s, u"revoke"_s, u"support"_s, u"screen.refunds"_s}).exitCode, 0);
        QCOMPARE(cli({u"refund"_s, u"list"_s}, u"taras"_s, u"taras-password-2"_s).exitCode, 7);
    }

    // Every command is in the screens table, and names screens only.
    void everyCommandBelongsToScreens()
    {
        const QList<cli::Command> commands = cli::CliApp::commands();
        QVERIFY(commands.size() > 80);
        for (const cli::Command &c : commands) {
            const auto screens = cli::CommandScreens::of(c.words);
            QVERIFY2(screens.has_value(), qPrintable(c.words.join(u' ')));
            for (access::Permission p : *screens)
                QVERIFY2(access::PermissionCatalog::kind(p) == access::PermissionKind::Screen, qPrintable(c.words.join(u' ')));
        }
        QVERIFY(!cli::CommandScreens::of({u"no-such-group"_s}).has_value());
    }

    void disableAndLoginSessions()
    {
        QCOMPARE(admin({u"operator"_s, u"disable"_s, u"admin"_s}).exitCode, 1);  // not oneself
        // A console login of hers, then she is disabled: the session ends, the CLI refuses her.
        access::AccessService service(m_bench.db());
        auto session = service.login(u"olena"_s, "olena-password-2", u"console@desk-1"_s);
        QVERIFY2(session, qPrintable(session.error().message));
        test::CliRun r = admin({u"login-sessions"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(r.json().array().at(0).toObject().value(u"client"_s).toString(), u"console@desk-1"_s);
        r = admin({u"login-sessions"_s, u"end"_s, QString::number(session->sessionId), u"--reason"_s, u"left open"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(admin({u"login-sessions"_s, u"list"_s, u"--json"_s}).json().array().size(), 0);

        r = admin({u"operator"_s, u"disable"_s, u"olena"_s, u"--reason"_s, u"left the company"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({u"tx"_s, u"list"_s}, u"olena"_s, u"olena-password-2"_s);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"disabled"_s), qPrintable(r.err));
        QCOMPARE(admin({u"operator"_s, u"enable"_s, u"olena"_s}).exitCode, 0);
        QCOMPARE(cli({u"tx"_s, u"list"_s}, u"olena"_s, u"olena-password-2"_s).exitCode, 0);
        QCOMPARE(admin({u"operator"_s, u"set-role"_s, u"olena"_s, u"night_shift"_s}).exitCode, 0);
        QCOMPARE(admin({u"operator"_s, u"set-max-logins"_s, u"olena"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(admin({u"role"_s, u"delete"_s, u"night_shift"_s}).exitCode, 1);  // olena has it
    }

    // Five wrong passwords lock a login (console and CLI alike); operator list says until when;
    // operator unlock lifts it.
    void wrongPasswordsLockTheLogin()
    {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(cli({u"tx"_s, u"list"_s}, u"taras"_s, u"wrong-guess"_s).exitCode, 7);
        test::CliRun r = cli({u"tx"_s, u"list"_s, u"--lang"_s, u"en"_s}, u"taras"_s, u"wrong-guess"_s);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"Too many wrong passwords: the login taras is locked for 15 more minutes."_s),
                 qPrintable(r.err));
        QCOMPARE(cli({u"tx"_s, u"list"_s}, u"taras"_s, u"taras-password-2"_s).exitCode, 7);  // the right one too
        r = admin({u"operator"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString lockedUntil;
        for (const QJsonValue &v : r.json().array()) {
            if (v.toObject().value(u"login"_s).toString() == u"taras"_s)
                lockedUntil = v.toObject().value(u"lockedUntil"_s).toString();
        }
        QVERIFY2(lockedUntil.endsWith(u'Z'), qPrintable(lockedUntil));
        QVERIFY2(admin({u"operator"_s, u"list"_s}).out.contains(u"locked until "_s + lockedUntil), "table");
        r = admin({u"operator"_s, u"unlock"_s, u"taras"_s, u"--reason"_s, u"called the desk"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(cli({u"tx"_s, u"list"_s}, u"taras"_s, u"taras-password-2"_s).exitCode, 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.lock'"_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.unlock' AND operator_name = 'admin'"_s), 1);
    }

    void everyChangeIsAudited()
    {
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.add'"_s), 3);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action IN ('role.add', 'role.grant', 'role.revoke') "
                       "AND operator_name = 'admin'"_s),
                 5);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action IN ('operator.disable', 'operator.enable', "
                       "'operator.set_role', 'operator.set_max_logins', 'login_session.end') AND operator_name = 'admin'"_s),
                 5);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.password' AND operator_name = 'olena'"_s), 1);
        auto q = storage::Sql::run(m_bench.db().connection(),
                                   u"SELECT reason, before_state FROM audit_log WHERE action = 'operator.disable'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"left the company"_s);
        QCOMPARE(q->value(1).toString(), u"{\"disabled\":false}"_s);
    }

    // The console on a database with operator accounts: no work without a login. Without a screen
    // it logs in from CHARGEDESK_LOGIN / CHARGEDESK_PASSWORD, keeps the login session open while it
    // runs, and logs out when it is closed (SIGTERM, like the Quit menu).
    void consoleNeedsALogin()
    {
        if (QStringLiteral(CONSOLE_PATH).isEmpty())
            QSKIP("This build has no console (chargedesk).");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, m_bench.filePath(u"console-config"_s));
        env.remove(u"CHARGEDESK_LOGIN"_s);
        const QStringList args = m_bench.dbArgs() + QStringList{u"--no-server"_s};
        const auto runConsole = [&](const QProcessEnvironment &e) {
            QProcess p;
            p.setProcessEnvironment(e);
            p.start(QStringLiteral(CONSOLE_PATH), args);
            if (!p.waitForFinished(60000)) {
                p.kill();
                p.waitForFinished();
            }
            return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
        };
        auto [code, err] = runConsole(env);
        QCOMPARE(code, 7);
        QVERIFY2(err.contains(u"CHARGEDESK_LOGIN"_s), qPrintable(err));

        env.insert(u"CHARGEDESK_LOGIN"_s, u"admin"_s);
        env.insert(u"CHARGEDESK_PASSWORD"_s, u"wrong-password"_s);
        std::tie(code, err) = runConsole(env);
        QCOMPARE(code, 7);
        QVERIFY2(err.contains(u"password"_s), qPrintable(err));

        const QString openSessions = u"SELECT COUNT(*) FROM operator_sessions WHERE ended_ms IS NULL AND client LIKE 'console@%'"_s;
        QCOMPARE(count(openSessions), 0);
        env.insert(u"CHARGEDESK_PASSWORD"_s, u"admin-password-1"_s);
        QProcess console;
        console.setProcessEnvironment(env);
        console.start(QStringLiteral(CONSOLE_PATH), args);
        QVERIFY(console.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(count(openSessions), 1, 30000);
        console.terminate();
        QVERIFY(console.waitForFinished(30000));
        QCOMPARE(console.exitCode(), 0);
        QCOMPARE(count(openSessions), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.login' AND operator_name = 'admin'"_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'operator.logout' AND operator_name = 'admin'"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliOperators)
#include "tst_cli_operators.moc"
