// One complete charging session over wss:// between the real executables: chargedesk-server with
// security profile 3 (TLS, client certificates from a test CA) and chargedesk-sim presenting the
// station's certificate (--ca-file, --client-cert, --client-key). Certificates are made by the
// test with the openssl tool.

#include "core/common/expected.h"
#include "support/testcertificates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

}  // namespace

class TestServerWss : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    cd::test::TestCertificates m_certs;

    QStringList dbArgs() const
    {
        return {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("chargedesk.db")),
                QStringLiteral("--db-key-file"), m_dir.filePath(QStringLiteral("db.key"))};
    }

    Run cli(const QStringList &args) const { return run(QStringLiteral(CLI_PATH), args + dbArgs()); }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_certs.generate(&error), qPrintable(error));
        const Run key =
            run(QStringLiteral(CLI_PATH), {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"),
                                           m_dir.filePath(QStringLiteral("db.key"))});
        QVERIFY2(key.exitCode == 0, qPrintable(key.err));
    }

    void simulatorChargesOverWssWithItsCertificate()
    {
        QString error;
        const cd::test::TestCertificates::Pair station =
            m_certs.client(QStringLiteral("WSS-0001"), cd::test::TestCertificates::Issuer::TrustedCa,
                           cd::test::TestCertificates::Validity::Valid, &error);
        QVERIFY2(!station.certificate.isEmpty(), qPrintable(error));
        for (const QStringList &command :
             {QStringList{QStringLiteral("station"), QStringLiteral("add"), QStringLiteral("WSS-0001")},
              QStringList{QStringLiteral("tag"), QStringLiteral("add"), QStringLiteral("TAG-WSS")}}) {
            const Run added = cli(command);
            QVERIFY2(added.exitCode == 0, qPrintable(added.out + added.err));
        }

        const quint16 port = freePort();
        QVERIFY(port != 0);
        QProcess server;
        QByteArray log;
        connect(&server, &QProcess::readyReadStandardError, this, [&] { log += server.readAllStandardError(); });
        server.start(
            QStringLiteral(SERVER_PATH),
            dbArgs() + QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                                   QStringLiteral("--security-profile"), QStringLiteral("3"),
                                   QStringLiteral("--tls-cert"), m_certs.server().certificate,
                                   QStringLiteral("--tls-key"), m_certs.server().privateKey, QStringLiteral("--tls-ca"),
                                   m_certs.caCertificate(), QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(log.contains("running") || server.state() != QProcess::Running, 20000);
        QVERIFY2(server.state() == QProcess::Running, log.constData());
        QVERIFY2(log.contains(QStringLiteral("wss://127.0.0.1:%1/ocpp").arg(port).toUtf8()), log.constData());

        // The simulator runs in its own process: waiting for it here blocks nothing the server needs.
        const QString stats = m_dir.filePath(QStringLiteral("stats.json"));
        const Run sim = run(QStringLiteral(SIM_PATH), {QStringLiteral("--url"),
                                                       QStringLiteral("wss://127.0.0.1:%1/ocpp").arg(port),
                                                       QStringLiteral("--prefix"),
                                                       QStringLiteral("WSS"),
                                                       QStringLiteral("--ca-file"),
                                                       m_certs.caCertificate(),
                                                       QStringLiteral("--client-cert"),
                                                       station.certificate,
                                                       QStringLiteral("--client-key"),
                                                       station.privateKey,
                                                       QStringLiteral("--id-tags"),
                                                       QStringLiteral("TAG-WSS"),
                                                       QStringLiteral("--connectors"),
                                                       QStringLiteral("1"),
                                                       QStringLiteral("--time-scale"),
                                                       QStringLiteral("600"),
                                                       QStringLiteral("--session-interval"),
                                                       QStringLiteral("60"),
                                                       QStringLiteral("--session-duration"),
                                                       QStringLiteral("60"),
                                                       QStringLiteral("--duration"),
                                                       QStringLiteral("4"),
                                                       QStringLiteral("--connect-timeout"),
                                                       QStringLiteral("10"),
                                                       QStringLiteral("--stats-json"),
                                                       stats,
                                                       QStringLiteral("--lang"),
                                                       QStringLiteral("en")});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.out + sim.err + QString::fromUtf8(log)));
        QFile statsFile(stats);
        QVERIFY(statsFile.open(QIODevice::ReadOnly));
        const QJsonObject simStats = QJsonDocument::fromJson(statsFile.readAll()).object();
        QCOMPARE(simStats.value(QStringLiteral("everConnected")).toInt(), 1);
        QCOMPARE(simStats.value(QStringLiteral("connectFailures")).toInt(), 0);
        QCOMPARE(simStats.value(QStringLiteral("sessionsRefused")).toInt(), 0);
        QVERIFY(simStats.value(QStringLiteral("sessionsFinished")).toInt() >= 1);

        // The server stored them: a finished session with the tag, from the certified station.
        const Run sessions = cli({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(sessions.exitCode == 0, qPrintable(sessions.err));
        const QJsonArray list = QJsonDocument::fromJson(sessions.out.toUtf8()).array();
        const auto finished = std::count_if(list.cbegin(), list.cend(), [](const QJsonValue &v) {
            const QJsonObject s = v.toObject();
            return s.value(QStringLiteral("chargePointId")).toString() == u"WSS-0001" &&
                   s.value(QStringLiteral("idTag")).toString() == u"TAG-WSS" &&
                   !s.value(QStringLiteral("endedMs")).isNull() && s.value(QStringLiteral("energyWh")).toInteger() > 0;
        });
        QVERIFY2(finished >= 1, qPrintable(sessions.out));

        server.terminate();
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 0);
        log += server.readAllStandardError();
        QVERIFY2(log.contains("connected from"), log.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerWss)
#include "tst_server_wss.moc"
