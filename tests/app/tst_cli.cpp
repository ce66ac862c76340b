// Runs the real executables the way an operator or a script does.

#include "core/common/expected.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using cd::ExitCode;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

bool postgres()
{
    return qEnvironmentVariable("CHARGEDESK_TEST_BACKEND") == u"postgres";
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_keyFile;
    QString m_db;
    QString m_pgDatabase;

    QString cli() const { return QStringLiteral(CLI_PATH); }

    // The database options for the backend under test.
    QStringList dbArgs() const
    {
        if (postgres()) {
            QUrl url(qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"));
            url.setPath(u'/' + m_pgDatabase);
            return {QStringLiteral("--db-url"), url.toString()};
        }
        return {QStringLiteral("--db"), m_db, QStringLiteral("--db-key-file"), m_keyFile};
    }

private slots:
    void initTestCase()
    {
        m_keyFile = m_dir.filePath(QStringLiteral("db.key"));
        m_db = m_dir.filePath(QStringLiteral("data/chargedesk.db"));
        const Run gen = run(cli(), {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), m_keyFile});
        QCOMPARE(gen.exitCode, 0);
        QCOMPARE(QFile::permissions(m_keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        if (postgres()) {
            m_pgDatabase = QStringLiteral("cd_cli_%1").arg(QRandomGenerator::global()->generate(), 0, 16);
            const Run created = run(QStringLiteral("psql"), {qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"), QStringLiteral("-c"),
                                                              QStringLiteral("CREATE DATABASE ") + m_pgDatabase});
            QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        }
    }

    void cleanupTestCase()
    {
        if (!m_pgDatabase.isEmpty())
            run(QStringLiteral("psql"), {qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"), QStringLiteral("-c"),
                                         QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase + QStringLiteral(" WITH (FORCE)")});
    }

    void helpAndVersionOnEveryExecutable_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("chargedesk-cli") << QStringLiteral(CLI_PATH);
        QTest::newRow("chargedesk-server") << QStringLiteral(SERVER_PATH);
        QTest::newRow("chargedesk-sim") << QStringLiteral(SIM_PATH);
        if (!QStringLiteral(CONSOLE_PATH).isEmpty())
            QTest::newRow("chargedesk") << QStringLiteral(CONSOLE_PATH);
    }
    void helpAndVersionOnEveryExecutable()
    {
        QFETCH(QString, program);
        const Run help = run(program, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--help")), qPrintable(help.out));
        const Run version = run(program, {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(QStringLiteral(CHARGEDESK_VERSION)), qPrintable(version.out));
    }

    void databaseOptionsOnServerAndCli_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("chargedesk-cli") << QStringLiteral(CLI_PATH);
        QTest::newRow("chargedesk-server") << QStringLiteral(SERVER_PATH);
    }
    void databaseOptionsOnServerAndCli()
    {
        QFETCH(QString, program);
        const Run help = run(program, {QStringLiteral("--help")});
        for (const char *option : {"--db ", "--db-url", "--db-key-file", "--db-key-env"})
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
    }

    void createsEncryptedDatabaseAndReportsIt()
    {
        const Run info = run(cli(), QStringList{QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--json")} + dbArgs());
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        const QJsonObject o = info.json().object();
        QCOMPARE(o.value(QStringLiteral("schemaVersion")).toInt(), o.value(QStringLiteral("latestSchemaVersion")).toInt());
        QVERIFY(o.value(QStringLiteral("tables")).toObject().contains(QStringLiteral("sessions")));
        if (postgres()) {
            QVERIFY(o.value(QStringLiteral("engine")).toString().startsWith(QStringLiteral("PostgreSQL")));
            return;
        }
        QVERIFY(o.value(QStringLiteral("engine")).toString().startsWith(QStringLiteral("SQLCipher")));
        QVERIFY(o.value(QStringLiteral("encrypted")).toBool());
        QFile f(m_db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(16) != QByteArray("SQLite format 3\0", 16));
    }

    void stationAddListShowAndAudit()
    {
        const Run add = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("add"), QStringLiteral("LVIV-7"),
                                               QStringLiteral("--name"), QStringLiteral("Львів, Площа Ринок"),
                                               QStringLiteral("--vendor"), QStringLiteral("Autel"),
                                               QStringLiteral("--lat"), QStringLiteral("49.8419"),
                                               QStringLiteral("--lon"), QStringLiteral("24.0316"),
                                               QStringLiteral("--operator"), QStringLiteral("tester"),
                                               QStringLiteral("--reason"), QStringLiteral("new site")} + dbArgs());
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));

        const Run dup = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("add"), QStringLiteral("LVIV-7")} + dbArgs());
        QCOMPARE(dup.exitCode, static_cast<int>(ExitCode::Failure));
        QVERIFY(dup.err.contains(QStringLiteral("LVIV-7")));

        const Run bad = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("add"), QStringLiteral("bad/id")} + dbArgs());
        QCOMPARE(bad.exitCode, static_cast<int>(ExitCode::Usage));

        const Run list = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("list"), QStringLiteral("--json")} + dbArgs());
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QJsonArray stations = list.json().array();
        QCOMPARE(stations.size(), 1);
        QCOMPARE(stations[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Львів, Площа Ринок"));
        QCOMPARE(stations[0].toObject().value(QStringLiteral("latitude")).toDouble(), 49.8419);

        const Run show = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("show"), QStringLiteral("LVIV-7"),
                                                QStringLiteral("--json")} + dbArgs());
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(show.json().object().value(QStringLiteral("vendor")).toString(), QStringLiteral("Autel"));

        const Run text = run(cli(), QStringList{QStringLiteral("station"), QStringLiteral("list")} + dbArgs());
        QVERIFY(text.out.contains(QStringLiteral("LVIV-7")));

        const Run audit = run(cli(), QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json")} + dbArgs());
        QCOMPARE(audit.exitCode, 0);
        const QJsonObject entry = audit.json().array().first().toObject();
        QCOMPARE(entry.value(QStringLiteral("action")).toString(), QStringLiteral("station.add"));
        QCOMPARE(entry.value(QStringLiteral("operator")).toString(), QStringLiteral("tester"));
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(), QStringLiteral("new site"));
    }

    void wrongKeyExitsWithItsCodeAndTouchesNothing()
    {
        run(cli(), QStringList{QStringLiteral("db"), QStringLiteral("info")} + dbArgs());
        const QByteArray before = fileHash(m_db);
        const QString otherKey = m_dir.filePath(QStringLiteral("other.key"));
        QFile::remove(otherKey);
        QCOMPARE(run(cli(), {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), otherKey}).exitCode, 0);
        const Run wrong = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db"), m_db,
                                      QStringLiteral("--db-key-file"), otherKey});
        QCOMPARE(wrong.exitCode, static_cast<int>(ExitCode::WrongKey));
        QVERIFY2(wrong.err.contains(QStringLiteral("wrong key")), qPrintable(wrong.err));
        QCOMPARE(fileHash(m_db), before);

        const Run server = run(QStringLiteral(SERVER_PATH), {QStringLiteral("--migrate-only"), QStringLiteral("--db"), m_db,
                                                             QStringLiteral("--db-key-file"), otherKey});
        QCOMPARE(server.exitCode, static_cast<int>(ExitCode::WrongKey));
    }

    void missingKeySourcesSayHowToProvideOne()
    {
        const QString newDb = m_dir.filePath(QStringLiteral("fresh.db"));
        const Run noFile = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db"), newDb,
                                       QStringLiteral("--db-key-file"), m_dir.filePath(QStringLiteral("nope.key"))});
        QCOMPARE(noFile.exitCode, static_cast<int>(ExitCode::KeyMissing));
        QVERIFY2(noFile.err.contains(QStringLiteral("chargedesk-cli key generate")), qPrintable(noFile.err));
        QVERIFY(!QFile::exists(newDb));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CD_NO_SUCH_KEY"));
        const Run noEnv = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db"), newDb,
                                      QStringLiteral("--db-key-env"), QStringLiteral("CD_NO_SUCH_KEY")}, env);
        QCOMPARE(noEnv.exitCode, static_cast<int>(ExitCode::KeyMissing));
        QVERIFY(noEnv.err.contains(QStringLiteral("CD_NO_SUCH_KEY")));
        QVERIFY(!QFile::exists(newDb));
    }

    void keyFromEnvironmentWorks()
    {
        QFile keyFile(m_keyFile);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CD_TEST_DB_KEY"), QString::fromLatin1(keyFile.readAll().trimmed()));
        const Run info = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--db-key-env"), QStringLiteral("CD_TEST_DB_KEY")}, env);
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
    }

    void usageErrors()
    {
        QCOMPARE(run(cli(), {QStringLiteral("frobnicate")}).exitCode, static_cast<int>(ExitCode::Usage));
        QCOMPARE(run(cli(), {}).exitCode, static_cast<int>(ExitCode::Usage));
        const Run both = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--db-url"), QStringLiteral("postgresql://x@127.0.0.1/db")});
        QCOMPARE(both.exitCode, static_cast<int>(ExitCode::Usage));
        const Run badUrl = run(cli(), {QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--db-url"), QStringLiteral("mysql://x")});
        QCOMPARE(badUrl.exitCode, static_cast<int>(ExitCode::Usage));
    }

    void serverMigratesAndStopsOnSigterm()
    {
        const Run migrate = run(QStringLiteral(SERVER_PATH), QStringList{QStringLiteral("--migrate-only")} + dbArgs());
        QVERIFY2(migrate.exitCode == 0, qPrintable(migrate.err));

        QProcess server;
        QByteArray log;
        connect(&server, &QProcess::readyReadStandardError, this, [&] { log += server.readAllStandardError(); });
        server.start(QStringLiteral(SERVER_PATH), dbArgs());
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(log.contains("running") || server.state() != QProcess::Running, 20000);
        QCOMPARE(server.state(), QProcess::Running);
        server.terminate();  // SIGTERM
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
