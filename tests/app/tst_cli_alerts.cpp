// chargedesk-cli alerts list | ack | assign | resolve, run as an operator or a script does: the
// list and its --state filter in JSON, each action into the alert's history and the audit log,
// refusals with their exit codes. SQLCipher and PostgreSQL.

#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertservice.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

bool postgres()
{
    return qEnvironmentVariable("CHARGEDESK_TEST_BACKEND") == u"postgres";
}

}  // namespace

class TestCliAlerts : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_keyFile;
    QString m_dbPath;
    QString m_pgDatabase;
    std::shared_ptr<storage::Database> m_db;

    Run cli(const QStringList &args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("share")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CLI_PATH), args + dbArgs() + QStringList{QStringLiteral("--operator"), QStringLiteral("Olena")});
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QStringList dbArgs() const
    {
        if (postgres())
            return {QStringLiteral("--db-url"), pgUrl().toString()};
        return {QStringLiteral("--db"), m_dbPath, QStringLiteral("--db-key-file"), m_keyFile};
    }

    QUrl pgUrl() const
    {
        QUrl url(qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"));
        url.setPath(u'/' + m_pgDatabase);
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_keyFile = m_dir.filePath(QStringLiteral("db.key"));
        m_dbPath = m_dir.filePath(QStringLiteral("data/chargedesk.db"));
        QProcess gen;
        gen.start(QStringLiteral(CLI_PATH), {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), m_keyFile});
        QVERIFY(gen.waitForFinished(60000));
        QCOMPARE(gen.exitCode(), 0);
        storage::DatabaseConfig config;
        if (postgres()) {
            m_pgDatabase = QStringLiteral("cd_clialerts_%1").arg(QRandomGenerator::global()->generate(), 0, 16);
            QProcess psql;
            psql.start(QStringLiteral("psql"), {qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"), QStringLiteral("-c"),
                                                QStringLiteral("CREATE DATABASE ") + m_pgDatabase});
            QVERIFY(psql.waitForFinished(60000));
            QVERIFY2(psql.exitCode() == 0, psql.readAllStandardError().constData());
            config.postgresUrl = pgUrl();
        } else {
            config.sqlitePath = m_dbPath;
            config.keySource = storage::KeySource::File;
            config.keyFile = m_keyFile;
        }
        auto db = storage::Database::open(config);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_db = *db;
        // Two stations offline for an hour: two alerts.
        const qint64 now = Clock::system().nowMs();
        for (const QString &id : {QStringLiteral("CLI-A1"), QStringLiteral("CLI-A2")}) {
            QVERIFY(storage::Sql::run(m_db->connection(),
                                      QStringLiteral("INSERT INTO stations (charge_point_id, disconnected_ms, created_ms) VALUES (?, ?, ?)"),
                                      {id, now - 3'600'000, now - 86'400'000}));
        }
        alerts::AlertMonitor monitor(m_db, alerts::AlertSettings{}, 300);
        auto pass = monitor.evaluate();
        QVERIFY2(pass.ok(), qPrintable(pass.error().message));
        QCOMPARE(pass->opened.size(), 2);
    }

    void cleanupTestCase()
    {
        m_db.reset();
        if (!m_pgDatabase.isEmpty()) {
            QProcess psql;
            psql.start(QStringLiteral("psql"), {qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"), QStringLiteral("-c"),
                                                QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase});
            psql.waitForFinished(60000);
        }
    }

    void listAckAssignResolve()
    {
        Run list = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QJsonArray rows = list.json().array();
        QCOMPARE(rows.size(), 2);
        const QJsonObject newest = rows.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("kind")).toString(), QStringLiteral("station_offline"));
        QCOMPARE(newest.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QVERIFY(newest.value(QStringLiteral("details")).toObject().contains(QStringLiteral("disconnectedMs")));
        const QString id = QString::number(newest.value(QStringLiteral("id")).toInteger());

        Run ack = cli({QStringLiteral("alerts"), QStringLiteral("ack"), id, QStringLiteral("--note"), QStringLiteral("on it"),
                       QStringLiteral("--json")});
        QVERIFY2(ack.exitCode == 0, qPrintable(ack.err));
        QCOMPARE(ack.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(ack.json().object().value(QStringLiteral("acknowledgedBy")).toString(), QStringLiteral("Olena"));

        Run assign = cli({QStringLiteral("alerts"), QStringLiteral("assign"), id, QStringLiteral("--to"), QStringLiteral("Тарас")});
        QVERIFY2(assign.exitCode == 0, qPrintable(assign.err));
        QVERIFY2(assign.out.contains(QStringLiteral("Тарас")), qPrintable(assign.out));

        // Resolving needs a note.
        Run noNote = cli({QStringLiteral("alerts"), QStringLiteral("resolve"), id});
        QCOMPARE(noNote.exitCode, int(ExitCode::Usage));
        QVERIFY(!noNote.err.isEmpty());
        Run resolved = cli({QStringLiteral("alerts"), QStringLiteral("resolve"), id, QStringLiteral("--note"),
                            QStringLiteral("Router replaced"), QStringLiteral("--json")});
        QVERIFY2(resolved.exitCode == 0, qPrintable(resolved.err));
        QCOMPARE(resolved.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("resolved"));
        QCOMPARE(resolved.json().object().value(QStringLiteral("assignee")).toString(), QStringLiteral("Тарас"));

        // The lists.
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--json")}).json().array();
        QCOMPARE(rows.size(), 1);
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("all"),
                    QStringLiteral("--json")})
                   .json()
                   .array();
        QCOMPARE(rows.size(), 2);
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("resolved"),
                    QStringLiteral("--json")})
                   .json()
                   .array();
        QCOMPARE(rows.size(), 1);
        Run table = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("all")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(QStringLiteral("CLI-A1")) && table.out.contains(QStringLiteral("CLI-A2")));

        // History and audit.
        auto detail = alerts::AlertService(*m_db).detail(id.toLongLong());
        QVERIFY(detail.ok());
        QStringList actions;
        for (const auto &h : detail->history)
            actions << h.action;
        QCOMPARE(actions, QStringList({QStringLiteral("opened"), QStringLiteral("acknowledged"), QStringLiteral("assigned"),
                                       QStringLiteral("resolved")}));
        QCOMPARE(detail->history.last().note, QStringLiteral("Router replaced"));
        QCOMPARE(detail->history.last().actor, QStringLiteral("Olena"));
        auto audit = storage::AuditLogRepository(*m_db).latest(10, QStringLiteral("alert"), id);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 3);
        QCOMPARE(audit->first().action, QStringLiteral("alert.resolved"));
    }

    void refusals()
    {
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("bogus")}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("x1")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("999999")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("assign"), QStringLiteral("1")}).exitCode, int(ExitCode::Usage));
    }
};

QTEST_GUILESS_MAIN(TestCliAlerts)
#include "tst_cli_alerts.moc"
