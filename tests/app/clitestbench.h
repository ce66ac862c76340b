#pragma once
// The bench the tst_cli_* tests run chargedesk-cli on, as an operator or a script would.
//
// setUp() makes everything a run needs in a temporary directory of its own: a key file made with
// `chargedesk-cli key generate`, and a fresh database on the backend named by
// CHARGEDESK_TEST_BACKEND: an encrypted SQLCipher file there (the default), or, with "postgres", a
// throw-away database created with psql on the server of CHARGEDESK_TEST_PG_URL (named after the
// test's prefix and a random suffix). The test gets that database opened as a storage::Database
// (db(), shared()) to seed data and check what the CLI wrote; tearDown() closes it and drops the
// PostgreSQL one.
//
// run() starts chargedesk-cli with the test's arguments, then dbArgs() for that database, then
// `--operator NAME` when setOperator() gave one, then those of setExtraArgs() (such as --lang en). Its
// XDG_CONFIG_HOME and XDG_DATA_HOME are empty directories of the bench, so no user settings (and no
// payment settings: the manual gateway) apply; setEnvironment() adds variables such as TZ. A run
// that does not finish within a minute is killed and reports exit code -1.
//
// Set-up errors come back as text for QVERIFY2:
//     const QString error = m_bench.setUp(QStringLiteral("cd_clifoo"));
//     QVERIFY2(error.isEmpty(), qPrintable(error));

#include "core/storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <utility>

namespace cd::test {

// What one chargedesk-cli run did: its exit code (-1 when it crashed or was killed) and output.
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

class CliTestBench {
public:
    explicit CliTestBench(QString program) : m_program(std::move(program)) {}
    ~CliTestBench() { tearDown(); }
    CliTestBench(const CliTestBench &) = delete;
    CliTestBench &operator=(const CliTestBench &) = delete;

    static bool postgres() { return qEnvironmentVariable("CHARGEDESK_TEST_BACKEND") == u"postgres"; }

    // Who the runs act as (--operator); empty, the default, passes no --operator.
    void setOperator(const QString &name) { m_operator = name; }
    // Arguments every run gets after the database and operator ones.
    void setExtraArgs(const QStringList &args) { m_extraArgs = args; }
    // An environment variable for every run, on top of the test's own environment.
    void setEnvironment(const QString &name, const QString &value) { m_environment.insert(name, value); }

    // The key file and the database; pgPrefix names the PostgreSQL database ("<pgPrefix>_<hex>").
    // Empty when all is ready, otherwise what went wrong.
    QString setUp(const QString &pgPrefix)
    {
        if (!m_dir.isValid())
            return QStringLiteral("No temporary directory: ") + m_dir.errorString();
        m_keyFile = m_dir.filePath(QStringLiteral("db.key"));
        m_dbPath = m_dir.filePath(QStringLiteral("data/chargedesk.db"));
        QProcess gen;
        gen.start(m_program, {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), m_keyFile});
        if (!gen.waitForFinished(kTimeoutMs))
            return QStringLiteral("chargedesk-cli key generate did not finish: ") + gen.errorString();
        if (gen.exitStatus() != QProcess::NormalExit || gen.exitCode() != 0)
            return QStringLiteral("chargedesk-cli key generate failed (exit code %1): %2")
                .arg(gen.exitCode())
                .arg(QString::fromUtf8(gen.readAllStandardError()));
        storage::DatabaseConfig config;
        if (postgres()) {
            m_pgDatabase = pgPrefix + u'_' + QString::number(QRandomGenerator::global()->generate(), 16);
            if (const QString error = psql(QStringLiteral("CREATE DATABASE ") + m_pgDatabase); !error.isEmpty())
                return error;
            config.postgresUrl = pgUrl();
        } else {
            config.sqlitePath = m_dbPath;
            config.keySource = storage::KeySource::File;
            config.keyFile = m_keyFile;
        }
        auto db = storage::Database::open(config);
        if (!db.ok())
            return db.error().message;
        m_db = *db;
        return {};
    }

    // Closes the database and drops the PostgreSQL one (with the connections still on it).
    void tearDown()
    {
        m_db.reset();
        if (!m_pgDatabase.isEmpty()) {
            psql(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase + QStringLiteral(" WITH (FORCE)"));
            m_pgDatabase.clear();
        }
    }

    CliRun run(const QStringList &args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("share")));
        env.insert(m_environment);
        p.setProcessEnvironment(env);
        QStringList all = args + dbArgs();
        if (!m_operator.isEmpty())
            all << QStringLiteral("--operator") << m_operator;
        p.start(m_program, all + m_extraArgs);
        if (!p.waitForFinished(kTimeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    // --db-url, or --db and --db-key-file: the bench's database for the CLI.
    QStringList dbArgs() const
    {
        if (postgres())
            return {QStringLiteral("--db-url"), pgUrl().toString()};
        return {QStringLiteral("--db"), m_dbPath, QStringLiteral("--db-key-file"), m_keyFile};
    }

    storage::Database &db() const { return *m_db; }
    const std::shared_ptr<storage::Database> &shared() const { return m_db; }
    // A path in the bench's temporary directory, for files a run writes or reads.
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    static constexpr int kTimeoutMs = 60000;

    QUrl pgUrl() const
    {
        QUrl url(qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"));
        url.setPath(u'/' + m_pgDatabase);
        return url;
    }

    // One statement on the server of CHARGEDESK_TEST_PG_URL; empty when it worked.
    static QString psql(const QString &sql)
    {
        QProcess p;
        p.start(QStringLiteral("psql"), {qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"), QStringLiteral("-c"), sql});
        if (!p.waitForFinished(kTimeoutMs))
            return sql + QStringLiteral(": psql did not finish: ") + p.errorString();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return sql + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardError());
        return {};
    }

    QString m_program;
    QTemporaryDir m_dir;
    QString m_keyFile;
    QString m_dbPath;
    QString m_pgDatabase;
    QString m_operator;
    QStringList m_extraArgs;
    QProcessEnvironment m_environment;
    std::shared_ptr<storage::Database> m_db;
};

}  // namespace cd::test
