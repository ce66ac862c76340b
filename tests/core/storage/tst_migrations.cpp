// Migrations on the backend chosen by CHARGEDESK_TEST_BACKEND, from every earlier version.

#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace cd;
using namespace cd::storage;

namespace {

// Tables the first schema must have for what DOMAIN.md names.
const QStringList kDomainTables = {
    QStringLiteral("stations"),         QStringLiteral("connectors"),      QStringLiteral("connector_status_history"),
    QStringLiteral("id_tags"),          QStringLiteral("members"),         QStringLiteral("departments"),
    QStringLiteral("sessions"),         QStringLiteral("session_events"),  QStringLiteral("meter_samples"),
    QStringLiteral("ocpp_messages"),    QStringLiteral("commands"),        QStringLiteral("bills"),
    QStringLiteral("bill_anomalies"),   QStringLiteral("tariffs"),         QStringLiteral("tariff_periods"),
    QStringLiteral("coupons"),          QStringLiteral("topups"),          QStringLiteral("refund_applications"),
    QStringLiteral("refund_audit"),     QStringLiteral("refund_gateway_records"), QStringLiteral("operators"),
    QStringLiteral("roles"),            QStringLiteral("role_permissions"), QStringLiteral("audit_log"),
    QStringLiteral("payment_holds"),    QStringLiteral("payment_hold_events"), QStringLiteral("sites"),
    QStringLiteral("settings"),         QStringLiteral("schema_version"), QStringLiteral("operator_sessions")};

QStringList tables(const Database &db)
{
    QStringList out;
    auto q = Sql::run(db.connection(), db.dialect().listTablesQuery());
    while (q && q->next())
        out.append(q->value(0).toString());
    return out;
}

}  // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }

    void bundledAreNumberedWithoutGaps()
    {
        const auto &all = Migrator::bundled();
        QVERIFY(all.size() >= 2);
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].version, i + 1);
    }

    void emptyDatabaseIsVersionZero()
    {
        test::TestDatabase fixture(false);
        CD_REQUIRE_DB(fixture);
        auto version = Migrator(fixture.db().connection(), fixture.db().dialect()).currentVersion();
        QVERIFY(version.ok());
        QCOMPARE(*version, 0);
    }

    void fromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < Migrator::latestVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }
    void fromEveryEarlierVersion()
    {
        QFETCH(int, from);
        test::TestDatabase fixture(false);
        CD_REQUIRE_DB(fixture);
        Database &db = fixture.db();
        Migrator migrator(db.connection(), db.dialect());
        QVERIFY(migrator.migrateTo(from).ok());
        QCOMPARE(*migrator.currentVersion(), from);

        if (from >= 1) {
            // Data written under the old version must survive the upgrade.
            QVERIFY(Sql::run(db.connection(),
                             QStringLiteral("INSERT INTO stations (charge_point_id, vendor, created_ms) VALUES (?, ?, ?)"),
                             {QStringLiteral("CP-OLD"), QStringLiteral("Vendor"), 1700000000123LL})
                        .ok());
        }

        const Status upgraded = migrator.migrateToLatest();
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.error().message));
        QCOMPARE(*migrator.currentVersion(), Migrator::latestVersion());
        const QStringList present = tables(db);
        for (const QString &table : kDomainTables)
            QVERIFY2(present.contains(table), qPrintable(table));
        if (from >= 1) {
            auto q = Sql::run(db.connection(), QStringLiteral("SELECT vendor, created_ms FROM stations WHERE charge_point_id = ?"),
                              {QStringLiteral("CP-OLD")});
            QVERIFY(q.ok() && q->next());
            QCOMPARE(q->value(0).toString(), QStringLiteral("Vendor"));
            QCOMPARE(q->value(1).toLongLong(), 1700000000123LL);
        }
        // Running again is a no-op.
        QVERIFY(migrator.migrateToLatest().ok());
    }

    void failingMigrationRollsBackCompletely()
    {
        test::TestDatabase fixture(false);
        CD_REQUIRE_DB(fixture);
        Database &db = fixture.db();
        QList<Migration> migrations = Migrator::bundled();
        migrations.append({static_cast<int>(migrations.size()) + 1, QStringLiteral("broken"),
                           QStringLiteral("CREATE TABLE half_done (id BIGINT);\nTHIS IS NOT SQL;\n")});
        Migrator migrator(db.connection(), db.dialect(), migrations);
        const Status status = migrator.migrateToLatest();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ExitCode::MigrationFailed);
        QVERIFY(status.error().message.contains(QStringLiteral("broken")));
        QCOMPARE(*migrator.currentVersion(), Migrator::latestVersion());
        QVERIFY(!tables(db).contains(QStringLiteral("half_done")));
    }

    void newerDatabaseIsRefused()
    {
        test::TestDatabase fixture(true);
        CD_REQUIRE_DB(fixture);
        Database &db = fixture.db();
        QVERIFY(Sql::run(db.connection(), QStringLiteral("INSERT INTO schema_version (version, name, applied_ms) VALUES (999, 'future', 0)")).ok());
        const Status status = Migrator(db.connection(), db.dialect()).migrateToLatest();
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QStringLiteral("999")));
    }

    void moneyAndEnergyColumnsHold64BitIntegers()
    {
        test::TestDatabase fixture(true);
        CD_REQUIRE_DB(fixture);
        Database &db = fixture.db();
        const qint64 big = 9'000'000'000'000'000'000LL;
        QVERIFY(Sql::run(db.connection(), QStringLiteral("INSERT INTO stations (charge_point_id, created_ms) VALUES ('CP', 1)")).ok());
        QVERIFY(Sql::run(db.connection(), QStringLiteral("INSERT INTO sessions (session_number, station_id, energy_wh, amount_minor, created_ms, updated_ms) "
                                                         "SELECT 'S-1', id, ?, ?, ?, ? FROM stations"),
                         {big, -big, big, big})
                    .ok());
        auto q = Sql::run(db.connection(), QStringLiteral("SELECT energy_wh, amount_minor, created_ms FROM sessions"));
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toLongLong(), big);
        QCOMPARE(q->value(1).toLongLong(), -big);
        QCOMPARE(q->value(2).toLongLong(), big);
    }

    void statementSplitter()
    {
        const QStringList parts = Migrator::statements(
            QStringLiteral("-- comment;\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y INT\n);\n"));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts[0], QStringLiteral("CREATE TABLE a (x INT)"));
        QVERIFY(parts[1].startsWith(QStringLiteral("CREATE TABLE b")));
    }

    // A trigger's or a function's body holds statements of its own; they stay in one piece.
    void statementSplitterKeepsBodies()
    {
        const QStringList parts = Migrator::statements(QStringLiteral(
            "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n    DELETE FROM b;\n    INSERT INTO b VALUES (1);\nEND;\n"
            "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n    -- kept\n\n    DELETE FROM b;\nEND;\n$$;\n"
            "CREATE TRIGGER u AFTER DELETE ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
            "DROP TABLE c;\n"));
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts[0], QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n    DELETE FROM b;\n    INSERT INTO b VALUES (1);\nEND"));
        QVERIFY(parts[1].startsWith(QStringLiteral("CREATE FUNCTION f()")));
        QVERIFY(parts[1].contains(QStringLiteral("-- kept\n\n    DELETE FROM b;\nEND;\n$$")));
        QCOMPARE(parts[2], QStringLiteral("CREATE TRIGGER u AFTER DELETE ON a FOR EACH ROW EXECUTE FUNCTION f()"));
        QCOMPARE(parts[3], QStringLiteral("DROP TABLE c"));
    }

    // The bundled pair 0018 (SQLite and PostgreSQL halves) is one migration with both texts.
    void dialectPairsAreOneMigration()
    {
        const Migration &m = Migrator::bundled().at(17);
        QCOMPARE(m.version, 18);
        QCOMPARE(m.name, QStringLiteral("bill_day_totals"));
        QVERIFY(m.sql.contains(QStringLiteral("INSTEAD OF INSERT")));
        QVERIFY(m.postgresSql.contains(QStringLiteral("LANGUAGE plpgsql")));
        QCOMPARE(m.sqlFor(Dialect(Dialect::Kind::PostgreSql)), m.postgresSql);
        QCOMPARE(m.sqlFor(Dialect(Dialect::Kind::SqlCipher)), m.sql);
        QVERIFY(Migrator::bundled().at(16).postgresSql.isEmpty());  // a portable one
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
