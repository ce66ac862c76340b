// Tariffs in the database (core/billing/tariffrepository): a new chain, versions (supersedes, the
// previous version's end), one chain per scope, validation, audit, time zone and periods stored;
// which tariff a session uses (department with parents > station > site > global, the version
// valid at charging start). Runs on SQLCipher and PostgreSQL.

#include "support/testdatabase.h"

#include "core/billing/tariffrepository.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QTest>

using namespace cd;
using namespace cd::billing;
using cd::test::TestDatabase;

Q_DECLARE_METATYPE(cd::billing::TariffTarget)

namespace {

constexpr qint64 kT0 = 1'764'547'200'000;  // 2025-12-01 00:00 UTC
constexpr qint64 kHour = 3'600'000;

qint64 insert(const storage::Database &db, const QString &sql, const QVariantList &values)
{
    auto q = storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
    return q ? db.dialect().insertedId(*q) : 0;
}

Tariff tariff(TariffScope scope = TariffScope::Global, qint64 scopeId = 0, qint64 price = 100)
{
    Tariff t;
    t.name = QStringLiteral("T %1").arg(price);
    t.scope = scope;
    t.scopeId = scopeId;
    t.currency = QStringLiteral("UAH");
    t.energyPriceMinorPerKwh = price;
    t.validFromMs = kT0;
    return t;
}

Tariff made(TariffScope scope, qint64 scopeId, qint64 id, qint64 from = kT0, std::optional<qint64> to = std::nullopt)
{
    Tariff t = tariff(scope, scopeId, id);
    t.id = id;
    t.validFromMs = from;
    t.validToMs = to;
    return t;
}

}  // namespace

class TestTariffRepository : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qInfo() << "backend:" << TestDatabase::backendName(); }

    void resolve_data()
    {
        QTest::addColumn<QList<Tariff>>("candidates");
        QTest::addColumn<TariffTarget>("target");
        QTest::addColumn<qint64>("chosen");

        const TariffTarget target{{5, 4, 3}, 20, 30};  // department 5 (parent 4, grandparent 3), station 20, site 30
        const Tariff global = made(TariffScope::Global, 0, 1);
        const Tariff site = made(TariffScope::Site, 30, 2);
        const Tariff station = made(TariffScope::Station, 20, 3);
        const Tariff dept = made(TariffScope::Department, 5, 4);
        const Tariff parent = made(TariffScope::Department, 4, 5);
        const Tariff grand = made(TariffScope::Department, 3, 6);
        QTest::newRow("nothing") << QList<Tariff>{} << target << qint64(0);
        QTest::newRow("global") << QList<Tariff>{global} << target << qint64(1);
        QTest::newRow("site over global") << QList<Tariff>{global, site} << target << qint64(2);
        QTest::newRow("station over site") << QList<Tariff>{global, site, station} << target << qint64(3);
        QTest::newRow("department over station") << QList<Tariff>{global, site, station, dept} << target << qint64(4);
        QTest::newRow("parent department over station") << QList<Tariff>{global, station, parent, grand} << target << qint64(5);
        QTest::newRow("own department over parent") << QList<Tariff>{parent, dept, grand} << target << qint64(4);
        QTest::newRow("grandparent") << QList<Tariff>{global, grand} << target << qint64(6);
        QTest::newRow("other station, other site") << QList<Tariff>{global, made(TariffScope::Station, 21, 7),
                                                                   made(TariffScope::Site, 31, 8)}
                                                    << target << qint64(1);
        QTest::newRow("other department") << QList<Tariff>{global, made(TariffScope::Department, 9, 9)} << target << qint64(1);
        QTest::newRow("no department on the session") << QList<Tariff>{global, dept} << TariffTarget{{}, 20, 30} << qint64(1);
        QTest::newRow("not valid yet") << QList<Tariff>{global, made(TariffScope::Station, 20, 10, kT0 + 2 * kHour)} << target
                                       << qint64(1);
        QTest::newRow("ended") << QList<Tariff>{global, made(TariffScope::Station, 20, 11, kT0 - kHour, kT0 + kHour / 2)}
                               << target << qint64(1);
        QTest::newRow("newest version of a scope") << QList<Tariff>{made(TariffScope::Global, 0, 12, kT0 - kHour),
                                                                    made(TariffScope::Global, 0, 13, kT0)}
                                                   << target << qint64(13);
    }

    void resolve()
    {
        QFETCH(QList<Tariff>, candidates);
        QFETCH(TariffTarget, target);
        QFETCH(qint64, chosen);
        const auto t = resolveTariff(candidates, target, kT0 + kHour);
        QCOMPARE(t ? t->id : 0, chosen);
    }

    void saveAndVersions()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        ManualClock clock(kT0);
        TariffRepository repo(fixture.db(), clock);

        Tariff t = tariff();
        t.timeZone = QStringLiteral("Europe/Kyiv");
        t.periods = {{PeriodKind::Valley, 23 * 60, 7 * 60, 30}, {PeriodKind::Peak, 18 * 60, 23 * 60, 150}};
        t.serviceFeeMinorPerKwh = 40;
        t.idleFeeMinorPerMinute = 80;
        t.idleFreeMinutes = 15;
        auto v1 = repo.save(t, QStringLiteral("alice"), QStringLiteral("first"));
        QVERIFY2(v1, qPrintable(v1.error().message));
        QVERIFY(v1->id > 0);
        QCOMPARE(v1->version, 1);
        QVERIFY(!v1->supersedesId);
        auto found = repo.find(v1->id);
        QVERIFY(found && found->has_value());
        QCOMPARE(**found, *v1);
        QCOMPARE((**found).timeZone, QStringLiteral("Europe/Kyiv"));
        QCOMPARE((**found).periods.size(), 2);

        // A second chain for the same scope is refused.
        auto again = repo.save(tariff(), QStringLiteral("alice"), {});
        QVERIFY(!again);
        QCOMPARE(again.error().code, ExitCode::Usage);

        // Invalid: refused with the problems.
        Tariff bad = *v1;
        bad.periods.append({PeriodKind::Flat, 6 * 60, 8 * 60, 1});
        auto refused = repo.save(bad, QStringLiteral("alice"), {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"overlap"), qPrintable(refused.error().message));

        // A new version from kT0 + 10 h.
        Tariff next = *v1;
        next.energyPriceMinorPerKwh = 120;
        next.validFromMs = kT0 + 10 * kHour;
        clock.setNowMs(kT0 + kHour);
        auto v2 = repo.save(next, QStringLiteral("bob"), QStringLiteral("price up"));
        QVERIFY2(v2, qPrintable(v2.error().message));
        QCOMPARE(v2->version, 2);
        QCOMPARE(v2->supersedesId, std::optional<qint64>(v1->id));
        auto closed = repo.find(v1->id);
        QCOMPARE((**closed).validToMs, std::optional<qint64>(kT0 + 10 * kHour));
        // Editing the old version again is refused; a version must start after the one it replaces.
        QVERIFY(!repo.save(*v1, QStringLiteral("bob"), {}));
        Tariff early = *v2;
        early.validFromMs = v2->validFromMs;
        QVERIFY(!repo.save(early, QStringLiteral("bob"), {}));

        auto chain = repo.history(v2->id);
        QVERIFY(chain);
        QCOMPARE(chain->size(), 2);
        QCOMPARE(chain->at(0).id, v1->id);
        QCOMPARE(chain->at(1).id, v2->id);
        QCOMPARE(repo.history(v1->id)->size(), 2);
        auto current = repo.list();
        QVERIFY(current);
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->constFirst().id, v2->id);
        QCOMPARE(repo.list(true)->size(), 2);
        QCOMPARE(repo.validAt(kT0 + kHour)->constFirst().id, v1->id);
        QCOMPARE(repo.validAt(kT0 + 11 * kHour)->constFirst().id, v2->id);

        // Audited.
        auto audit = storage::AuditLogRepository(fixture.db(), clock).latest(10, QStringLiteral("tariff"));
        QVERIFY(audit);
        QCOMPARE(audit->size(), 2);
        QCOMPARE(audit->at(0).action, QStringLiteral("tariff.version"));
        QCOMPARE(audit->at(0).operatorName, QStringLiteral("bob"));
        QCOMPARE(audit->at(0).reason, QStringLiteral("price up"));
        QCOMPARE(audit->at(1).action, QStringLiteral("tariff.create"));

        // Retire: the chain ends; a new chain for the scope may follow.
        QVERIFY(!repo.retire(v1->id, kT0 + 20 * kHour, QStringLiteral("bob"), {}));
        QVERIFY(repo.retire(v2->id, kT0 + 20 * kHour, QStringLiteral("bob"), QStringLiteral("closing")));
        QCOMPARE((**repo.find(v2->id)).validToMs, std::optional<qint64>(kT0 + 20 * kHour));
        clock.setNowMs(kT0 + 21 * kHour);
        Tariff fresh = tariff();
        fresh.validFromMs = 0;  // from now
        auto v3 = repo.save(fresh, QStringLiteral("bob"), {});
        QVERIFY2(v3, qPrintable(v3.error().message));
        QCOMPARE(v3->validFromMs, kT0 + 21 * kHour);
    }

    void sessionTarget()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0);
        const qint64 site = insert(db, QStringLiteral("INSERT INTO sites (name, created_ms) VALUES ('Depot', ?)"), {kT0});
        const qint64 station = insert(db, QStringLiteral("INSERT INTO stations (charge_point_id, site_id, created_ms) VALUES ('CP1', ?, ?)"),
                                      {site, kT0});
        const qint64 grand = insert(db, QStringLiteral("INSERT INTO departments (name, created_ms) VALUES ('Group', ?)"), {kT0});
        const qint64 parent = insert(db, QStringLiteral("INSERT INTO departments (name, parent_id, created_ms) VALUES ('Fleet', ?, ?)"),
                                     {grand, kT0});
        const qint64 dept = insert(db, QStringLiteral("INSERT INTO departments (name, parent_id, created_ms) VALUES ('Vans', ?, ?)"),
                                   {parent, kT0});
        const qint64 member = insert(db, QStringLiteral("INSERT INTO members (name, department_id, created_ms) VALUES ('Ivan', ?, ?)"),
                                     {dept, kT0});
        storage::Session s;
        s.stationId = station;
        s.memberId = member;
        auto created = storage::SessionRepository(db).create(s, kT0);
        QVERIFY(created);
        TariffRepository repo(db, clock);
        auto target = repo.targetForSession(created->id);
        QVERIFY2(target, qPrintable(target.error().message));
        QCOMPARE(target->departmentIds, (QList<qint64>{dept, parent, grand}));
        QCOMPARE(target->stationId, std::optional<qint64>(station));
        QCOMPARE(target->siteId, std::optional<qint64>(site));

        QVERIFY(repo.save(tariff(TariffScope::Global, 0, 100), QStringLiteral("a"), {}));
        QVERIFY(repo.save(tariff(TariffScope::Site, site, 90), QStringLiteral("a"), {}));
        auto r = repo.resolve(*target, kT0 + kHour);
        QVERIFY(r && r->has_value());
        QCOMPARE((**r).energyPriceMinorPerKwh, qint64(90));
        QVERIFY(repo.save(tariff(TariffScope::Department, parent, 70), QStringLiteral("a"), {}));
        r = repo.resolve(*target, kT0 + kHour);
        QCOMPARE((**r).energyPriceMinorPerKwh, qint64(70));
    }
};

QTEST_GUILESS_MAIN(TestTariffRepository)
#include "tst_tariff_repository.moc"
