// The shared-database deployment (issue #4 item 4): one PostgreSQL database, two
// chargedesk-server processes holding different stations, and a CLI. A command queued by the CLI
// reaches the process that holds the station's connection, woken by PostgreSQL NOTIFY (the
// servers' safety-net poll is 30 s, so an answer within seconds proves the notification path),
// and its result comes back to the CLI that asked. When a station moves to the other process,
// its next command follows it.

#include "support/ocpptestclient.h"
#include "support/serverprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cd::test;
using nlohmann::json;

namespace {

constexpr int kCommandAnswerMs = 15000;  // far below the servers' 30 s safety-net poll

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    QElapsedTimer clock;
    clock.start();
    p.start(program, args);
    // Waits with the event loop running: the test's stations must answer the server meanwhile.
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError()), clock.elapsed()};
}

// A station connected to one server process: booted, answering Reset with Accepted.
std::unique_ptr<OcppTestClient> connectStation(const ServerProcess &server, const QString &id)
{
    auto station = std::make_unique<OcppTestClient>();
    station->answerCalls(QStringLiteral("Reset"), json{{"status", "Accepted"}});
    QSignalSpy opened(station.get(), &OcppTestClient::opened);
    station->open(QUrl(server.stationUrl().toString() + id));
    if (!opened.wait(30000))
        return nullptr;
    QSignalSpy answered(station.get(), &OcppTestClient::result);
    station->sendCall(QStringLiteral("boot-1"), QStringLiteral("BootNotification"),
                      json{{"chargePointVendor", "ChargeDesk-Test"}, {"chargePointModel", "Shared-DB"}});
    if (!answered.wait(30000))
        return nullptr;
    return station;
}

}  // namespace

class TestSharedDeployment : public QObject {
    Q_OBJECT

private:
    QString m_pgUrl;
    QString m_database;

    QStringList dbArgs() const
    {
        QUrl url(m_pgUrl);
        url.setPath(u'/' + m_database);
        return {QStringLiteral("--db-url"), url.toString()};
    }

    // chargedesk-cli command <station> Reset …, as an operator types it; the parsed --json answer.
    QJsonObject resetFromCli(const QString &station, qint64 *elapsedMs)
    {
        const Run r = run(QStringLiteral(CLI_PATH),
                          dbArgs() + QStringList{QStringLiteral("--operator"), QStringLiteral("shared-test"),
                                                 QStringLiteral("--json"), QStringLiteral("command"), station,
                                                 QStringLiteral("Reset"), QStringLiteral("--param"),
                                                 QStringLiteral("type=Soft"), QStringLiteral("--reason"),
                                                 QStringLiteral("shared deployment test"), QStringLiteral("--timeout"),
                                                 QStringLiteral("60")});
        *elapsedMs = r.elapsedMs;
        if (r.exitCode != 0)
            qWarning().noquote() << "cli exit" << r.exitCode << r.out << r.err;
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        m_pgUrl = qEnvironmentVariable("CHARGEDESK_TEST_PG_URL");
        QVERIFY2(!m_pgUrl.isEmpty(), "CHARGEDESK_TEST_PG_URL names the scratch PostgreSQL server");
        m_database = QStringLiteral("cd_shared_%1").arg(QRandomGenerator::global()->generate(), 0, 16);
        const Run created = run(QStringLiteral("psql"), {m_pgUrl, QStringLiteral("-c"), QStringLiteral("CREATE DATABASE ") + m_database});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    }

    void cleanupTestCase()
    {
        if (!m_database.isEmpty())
            run(QStringLiteral("psql"), {m_pgUrl, QStringLiteral("-c"),
                                         QStringLiteral("DROP DATABASE IF EXISTS ") + m_database + QStringLiteral(" WITH (FORCE)")});
    }

    void commandsReachTheProcessHoldingTheStation()
    {
        ServerProcess nodeA(QStringLiteral(SERVER_PATH));
        ServerProcess nodeB(QStringLiteral(SERVER_PATH));
        QString error;
        QVERIFY2(nodeA.start(dbArgs() + QStringList{QStringLiteral("--node-name"), QStringLiteral("node-a")}, &error),
                 qPrintable(error));
        QVERIFY2(nodeB.start(dbArgs() + QStringList{QStringLiteral("--node-name"), QStringLiteral("node-b")}, &error),
                 qPrintable(error));

        auto stationA = connectStation(nodeA, QStringLiteral("SHARED-A"));
        auto stationB = connectStation(nodeB, QStringLiteral("SHARED-B"));
        QVERIFY2(stationA && stationB, "both stations connect and boot");

        for (const auto &[station, node, client] : {std::tuple{QStringLiteral("SHARED-A"), QStringLiteral("node-a"), stationA.get()},
                                                    std::tuple{QStringLiteral("SHARED-B"), QStringLiteral("node-b"), stationB.get()}}) {
            QSignalSpy resets(client, &OcppTestClient::callAnswered);
            qint64 elapsed = 0;
            const QJsonObject answer = resetFromCli(station, &elapsed);
            QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
            QCOMPARE(answer.value(QStringLiteral("ownerNode")).toString(), node);
            QCOMPARE(answer[QStringLiteral("result")][QStringLiteral("status")].toString(), QStringLiteral("Accepted"));
            QCOMPARE(resets.count(), 1);  // the station got it exactly once, from its own node
            QCOMPARE(resets.first().at(1).value<json>().value("type", ""), "Soft");
            QVERIFY2(elapsed < kCommandAnswerMs, qPrintable(QStringLiteral("%1 ms: NOTIFY did not wake %2").arg(elapsed).arg(node)));
        }

        // SHARED-B moves to node-a (its link to node-b goes; a new one to node-a).
        stationB.reset();
        auto movedB = connectStation(nodeA, QStringLiteral("SHARED-B"));
        QVERIFY(movedB);
        QSignalSpy resets(movedB.get(), &OcppTestClient::callAnswered);
        qint64 elapsed = 0;
        const QJsonObject answer = resetFromCli(QStringLiteral("SHARED-B"), &elapsed);
        QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(answer.value(QStringLiteral("ownerNode")).toString(), QStringLiteral("node-a"));
        QCOMPARE(resets.count(), 1);

        // Every command is on record with who asked, why, and the node that ran it.
        const Run list = run(QStringLiteral(CLI_PATH), dbArgs() + QStringList{QStringLiteral("--json"), QStringLiteral("command"),
                                                                              QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(rows.size(), 3);
        QStringList owners;
        for (const QJsonValue &row : rows) {
            QCOMPARE(row[QStringLiteral("requestedBy")].toString(), QStringLiteral("shared-test"));
            QCOMPARE(row[QStringLiteral("reason")].toString(), QStringLiteral("shared deployment test"));
            owners << row[QStringLiteral("ownerNode")].toString();
        }
        owners.sort();
        QCOMPARE(owners, (QStringList{QStringLiteral("node-a"), QStringLiteral("node-a"), QStringLiteral("node-b")}));

        QVERIFY2(nodeA.stop(&error), qPrintable(error));
        QVERIFY2(nodeB.stop(&error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSharedDeployment)
#include "tst_shared_deployment.moc"
