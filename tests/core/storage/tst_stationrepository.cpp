// Station and audit repositories on the backend chosen by CHARGEDESK_TEST_BACKEND.

#include "core/storage/auditlogrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/siterepository.h"
#include "core/storage/stationrepository.h"
#include "support/testdatabase.h"

#include <QTest>

using namespace cd;
using namespace cd::storage;

class TestStationRepository : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }

    void addFindRoundTrip()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        ManualClock clock(1'763'900'000'123);
        StationRepository repo(fixture.db(), clock);
        Station s;
        s.chargePointId = QStringLiteral("KYIV-0001");
        s.name = QStringLiteral("Київ, Хрещатик 22");
        s.vendor = QStringLiteral("ABB");
        s.model = QStringLiteral("Terra 54");
        s.firmware = QStringLiteral("1.8.3");
        s.latitude = 50.4474;
        s.longitude = 30.5225;
        s.address = QStringLiteral("上海市 浦东新区");
        auto id = repo.add(s);
        QVERIFY2(id.ok(), qPrintable(id.error().message));
        QVERIFY(*id > 0);

        auto found = repo.find(QStringLiteral("KYIV-0001"));
        QVERIFY(found.ok() && found->has_value());
        const Station &f = **found;
        QCOMPARE(f.id, *id);
        QCOMPARE(f.name, s.name);
        QCOMPARE(f.vendor, s.vendor);
        QCOMPARE(f.model, s.model);
        QCOMPARE(f.firmware, s.firmware);
        QCOMPARE(f.address, s.address);
        QCOMPARE(*f.latitude, 50.4474);
        QCOMPARE(*f.longitude, 30.5225);
        QCOMPARE(f.createdMs, 1'763'900'000'123LL);
        QVERIFY(!f.hidden);
        QVERIFY(!f.lastBootMs.has_value());

        auto missing = repo.find(QStringLiteral("NOPE"));
        QVERIFY(missing.ok() && !missing->has_value());
    }

    void duplicateIsRefused()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationRepository repo(fixture.db());
        Station s;
        s.chargePointId = QStringLiteral("CP-1");
        QVERIFY(repo.add(s).ok());
        auto again = repo.add(s);
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("CP-1")));
    }

    void chargePointIdValidation_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QStringLiteral("CP-001") << true;
        QTest::newRow("48 chars") << QString(48, u'A') << true;
        QTest::newRow("49 chars") << QString(49, u'A') << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space") << QStringLiteral("CP 1") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("sql quote") << QStringLiteral("x'; DROP TABLE stations;--") << false;
        QTest::newRow("non-ascii") << QStringLiteral("站点1") << false;
        QTest::newRow("percent") << QStringLiteral("a%20b") << false;
    }
    void chargePointIdValidation()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(StationRepository::isValidChargePointId(id), valid);
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        Station s;
        s.chargePointId = id;
        QCOMPARE(StationRepository(fixture.db()).add(s).ok(), valid);
    }

    void coordinatesAreRangeChecked()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        Station s;
        s.chargePointId = QStringLiteral("CP-GEO");
        s.latitude = 91.0;
        QVERIFY(!StationRepository(fixture.db()).add(s).ok());
        s.latitude = 45.0;
        s.longitude = -181.0;
        QVERIFY(!StationRepository(fixture.db()).add(s).ok());
    }

    // The map's data: a location set, refused off the globe or half given, cleared; the site's
    // name read with the station (and none for a station without a site).
    void locationAndSite()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationRepository repo(fixture.db());
        for (const QString &id : {QStringLiteral("MAP-1"), QStringLiteral("MAP-2")}) {
            Station s;
            s.chargePointId = id;
            QVERIFY(repo.add(s).ok());
        }
        auto was = repo.setLocation(QStringLiteral("MAP-1"), 50.4501, 30.5234);
        QVERIFY(was.ok());
        QVERIFY(!was->latitude);  // where it stood before: nowhere
        QVERIFY(!repo.setLocation(QStringLiteral("MAP-1"), 90.5, 0.0).ok());
        QVERIFY(!repo.setLocation(QStringLiteral("MAP-1"), 10.0, std::nullopt).ok());
        QVERIFY(!repo.setLocation(QStringLiteral("NOPE"), 10.0, 10.0).ok());
        auto site = SiteRepository(fixture.db()).addSite(QStringLiteral("Podil"), QString(), std::nullopt);
        QVERIFY(site.ok());
        QVERIFY(SiteRepository(fixture.db()).setStationSite(QStringLiteral("MAP-1"), *site).ok());

        auto all = repo.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        const Station &one = all->at(0);
        QCOMPARE(one.chargePointId, QStringLiteral("MAP-1"));
        QCOMPARE(*one.latitude, 50.4501);
        QCOMPARE(*one.longitude, 30.5234);
        QCOMPARE(*one.siteId, *site);
        QCOMPARE(one.siteName, QStringLiteral("Podil"));
        QVERIFY(!all->at(1).siteId && all->at(1).siteName.isEmpty());

        was = repo.setLocation(QStringLiteral("MAP-1"), std::nullopt, std::nullopt);
        QVERIFY(was.ok());
        QCOMPARE(*was->latitude, 50.4501);
        auto found = repo.find(QStringLiteral("MAP-1"));
        QVERIFY(found.ok() && found->has_value());
        QVERIFY(!(*found)->latitude && !(*found)->longitude);
        QCOMPARE((*found)->siteName, QStringLiteral("Podil"));
    }

    void listFiltersAndKeepsHiddenStations()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationRepository repo(fixture.db());
        const QStringList ids = {QStringLiteral("B-2"), QStringLiteral("A-1"), QStringLiteral("C-3")};
        for (const QString &id : ids) {
            Station s;
            s.chargePointId = id;
            s.vendor = id == u"C-3" ? QStringLiteral("Kempower") : QStringLiteral("ABB");
            QVERIFY(repo.add(s).ok());
        }
        auto c3 = repo.find(QStringLiteral("C-3"));
        QVERIFY(repo.setHidden((*c3)->id, true).ok());

        auto all = repo.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).chargePointId, QStringLiteral("A-1"));  // sorted
        QVERIFY(all->at(2).hidden);

        StationFilter publicMap;
        publicMap.includeHidden = false;
        QCOMPARE(repo.list(publicMap)->size(), 2);

        StationFilter search;
        search.search = QStringLiteral("kemp");
        auto found = repo.list(search);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().chargePointId, QStringLiteral("C-3"));

        StationFilter page;
        page.limit = 1;
        page.offset = 1;
        QCOMPARE(repo.list(page)->first().chargePointId, QStringLiteral("B-2"));

        QVERIFY(!repo.setHidden(999999, true).ok());
    }

    void auditLogIsNewestFirstAndFiltered()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        ManualClock clock(1000);
        AuditLogRepository audit(fixture.db(), clock);
        for (int i = 0; i < 5; ++i) {
            AuditEntry e;
            e.operatorName = QStringLiteral("Оксана");
            e.action = QStringLiteral("station.add");
            e.entityType = QStringLiteral("station");
            e.entityId = QStringLiteral("CP-%1").arg(i);
            e.reason = QStringLiteral("onboarding");
            QVERIFY(audit.append(e).ok());
            clock.advanceMs(1);
        }
        auto latest = audit.latest(3);
        QVERIFY(latest.ok());
        QCOMPARE(latest->size(), 3);
        QCOMPARE(latest->first().entityId, QStringLiteral("CP-4"));
        QCOMPARE(latest->first().atMs, 1004);
        QCOMPARE(latest->first().operatorName, QStringLiteral("Оксана"));
        auto one = audit.latest(10, QStringLiteral("station"), QStringLiteral("CP-2"));
        QCOMPARE(one->size(), 1);
    }

    void rolledBackChangeLeavesNoAuditRecord()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        {
            Transaction tx(fixture.db().connection());
            QVERIFY(tx.begin().ok());
            Station s;
            s.chargePointId = QStringLiteral("CP-RB");
            QVERIFY(StationRepository(fixture.db()).add(s).ok());
            AuditEntry e;
            e.operatorName = QStringLiteral("test");
            e.action = QStringLiteral("station.add");
            e.entityType = QStringLiteral("station");
            e.entityId = QStringLiteral("CP-RB");
            QVERIFY(AuditLogRepository(fixture.db()).append(e).ok());
            // no commit: the guard rolls back
        }
        QVERIFY(!StationRepository(fixture.db()).find(QStringLiteral("CP-RB"))->has_value());
        QCOMPARE(AuditLogRepository(fixture.db()).latest(10)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStationRepository)
#include "tst_stationrepository.moc"
