// chargedesk-sim as a process: --help lists the misbehaviours, bad arguments exit 2, a server
// nobody can reach exits non-zero, and a clean run against the in-test central system exits 0
// and writes --stats-json.

#include "fakecentralsystem.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTest>

using namespace cd::simtest;

class TestSimCli : public QObject {
    Q_OBJECT

private:
    QString executable() const { return qEnvironmentVariable("CHARGEDESK_SIM_EXECUTABLE"); }

    // Runs the simulator while the event loop keeps serving the fake central system.
    int run(const QStringList &arguments, QString *out = nullptr, QString *err = nullptr, int timeoutMs = 20000)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        process.setProcessEnvironment(env);
        process.start(executable(), QStringList(arguments) << QStringLiteral("--lang") << QStringLiteral("en"));
        if (!process.waitForStarted(5000))
            return -100;
        const bool finished = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs);
        if (!finished) {
            process.kill();
            process.waitForFinished(2000);
            return -101;
        }
        if (out)
            *out = QString::fromUtf8(process.readAllStandardOutput());
        if (err)
            *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -102;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!executable().isEmpty(), "CHARGEDESK_SIM_EXECUTABLE is not set");
    }

    void helpListsTheMisbehaviours()
    {
        QString out;
        QCOMPARE(run({QStringLiteral("--help")}, &out), 0);
        for (const char *name : {"meter-zero-then-jump", "offline-mid-session", "replay-after-reconnect",
                                 "ignore-remote-stop", "charge-without-authorization", "duplicate-stop", "--stats-json"})
            QVERIFY2(out.contains(QString::fromLatin1(name)), name);
    }

    void badArgumentsExitWithUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no url") << QStringList{QStringLiteral("--stations"), QStringLiteral("2")};
        QTest::newRow("http url") << QStringList{QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/ocpp")};
        QTest::newRow("unknown misbehaviour") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                             QStringLiteral("--misbehave"), QStringLiteral("explode")};
        QTest::newRow("bad share") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                  QStringLiteral("--misbehave"), QStringLiteral("duplicate-stop:2")};
        QTest::newRow("zero stations") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                      QStringLiteral("--stations"), QStringLiteral("0")};
        QTest::newRow("2.1 not spoken") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                       QStringLiteral("--protocol"), QStringLiteral("ocpp2.1")};
        QTest::newRow("missing password file") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                              QStringLiteral("--password-file"), QStringLiteral("/nonexistent/pw")};
        QTest::newRow("CA file for ws://") << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ocpp"),
                                                          QStringLiteral("--ca-file"), QStringLiteral("/etc/hostname")};
        QTest::newRow("missing CA file") << QStringList{QStringLiteral("--url"), QStringLiteral("wss://127.0.0.1:1/ocpp"),
                                                        QStringLiteral("--ca-file"), QStringLiteral("/nonexistent/ca.pem")};
        QTest::newRow("certificate without key") << QStringList{QStringLiteral("--url"), QStringLiteral("wss://127.0.0.1:1/ocpp"),
                                                                QStringLiteral("--client-cert"), QStringLiteral("/nonexistent/c.pem")};
    }

    void badArgumentsExitWithUsage()
    {
        QFETCH(QStringList, arguments);
        QString err;
        QCOMPARE(run(arguments, nullptr, &err), 2);
        QVERIFY(!err.trimmed().isEmpty());
    }

    void unreachableServerExitsNonZero()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("ws://127.0.0.1:%1/ocpp").arg(probe.serverPort());
        probe.close();
        QString err;
        const int code = run({QStringLiteral("--url"), url, QStringLiteral("--stations"), QStringLiteral("2"),
                              QStringLiteral("--connect-timeout"), QStringLiteral("2")},
                             nullptr, &err);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains(QStringLiteral("No station could connect")), qPrintable(err));
    }

    void cleanRunWritesStats()
    {
        FakeCentralSystem server;
        QVERIFY(server.listen());
        QTemporaryDir dir;
        const QString statsPath = dir.filePath(QStringLiteral("stats.json"));
        const QString passwordPath = dir.filePath(QStringLiteral("pw"));
        {
            QFile pw(passwordPath);
            QVERIFY(pw.open(QIODevice::WriteOnly));
            pw.write("from-a-file\n");
        }
        QString out;
        QString err;
        const int code = run({QStringLiteral("--url"), server.url().toString(), QStringLiteral("--stations"), QStringLiteral("3"),
                              QStringLiteral("--prefix"), QStringLiteral("CLI"), QStringLiteral("--time-scale"), QStringLiteral("600"),
                              QStringLiteral("--session-interval"), QStringLiteral("60"), QStringLiteral("--duration"), QStringLiteral("3"),
                              QStringLiteral("--status-interval"), QStringLiteral("1"), QStringLiteral("--password-file"), passwordPath,
                              QStringLiteral("--misbehave"), QStringLiteral("duplicate-stop:CLI-0002"),
                              QStringLiteral("--stats-json"), statsPath},
                             &out, &err);
        QVERIFY2(code == 0, qPrintable(out + err));
        QVERIFY2(out.contains(QStringLiteral("connected")), qPrintable(out));
        QCOMPARE(server.authorizationHeader(QStringLiteral("CLI-0001")), QByteArray("Basic ") + QByteArray("CLI-0001:from-a-file").toBase64());
        QFile file(statsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject stats = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(stats.value(QStringLiteral("stations")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("everConnected")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("neverConnected")).toInt(), 0);
        QVERIFY(stats.value(QStringLiteral("callResults")).toInt() > 0);
        QVERIFY(stats.value(QStringLiteral("latency")).toObject().value(QStringLiteral("count")).toInt() > 0);
        QCOMPARE(stats.value(QStringLiteral("protocol")).toString(), QStringLiteral("ocpp1.6"));
        QVERIFY(server.issues().isEmpty());
        // A clean finish closes every transaction it opened.
        QCOMPARE(server.calls(QStringLiteral("StopTransaction"), QStringLiteral("CLI-0001")).size(),
                 server.calls(QStringLiteral("StartTransaction"), QStringLiteral("CLI-0001")).size());
    }
};

QTEST_GUILESS_MAIN(TestSimCli)
#include "tst_sim_cli.moc"
