// chargedesk-cli sub-operator add|list, site add|list|set-sub-operator, station set-site: an
// operator sets up where stations stand and who runs them, then a meter reading and the energy
// report find the site by its name; every change is in the audit log; refusals (duplicate names,
// unknown site or station, a bad settlement mode) with their exit codes. SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"

#include <QJsonArray>
#include <QPointF>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

class TestCliSites : public QObject {
    Q_OBJECT

private:
    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};

    test::CliRun cli(const QStringList &args) const { return m_bench.run(args); }

    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(m_bench.db().connection(), sql, values);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(u"Olena"_s);
        const QString error = m_bench.setUp(u"cd_clisites"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void setUpSitesAndStations()
    {
        QCOMPARE(cli({u"station"_s, u"add"_s, u"CP-1"_s}).exitCode, 0);
        QCOMPARE(cli({u"station"_s, u"add"_s, u"CP-2"_s}).exitCode, 0);

        test::CliRun r = cli({u"sub-operator"_s, u"add"_s, u"Північ"_s, u"--settlement-mode"_s, u"hold_until_corrected"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"Північ"_s), qPrintable(r.out));
        r = cli({u"site"_s, u"add"_s, u"Kyiv Mall"_s, u"--sub-operator"_s, u"Північ"_s, u"--address"_s, u"Khreshchatyk 1"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(cli({u"site"_s, u"add"_s, u"Lviv Depot"_s}).exitCode, 0);
        QCOMPARE(cli({u"station"_s, u"set-site"_s, u"CP-1"_s, u"Kyiv Mall"_s}).exitCode, 0);
        QCOMPARE(cli({u"station"_s, u"set-site"_s, u"CP-2"_s, u"Lviv Depot"_s}).exitCode, 0);

        r = cli({u"site"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray sites = r.json().array();
        QCOMPARE(sites.size(), 2);
        QCOMPARE(sites.at(0).toObject().value(u"name"_s).toString(), u"Kyiv Mall"_s);
        QCOMPARE(sites.at(0).toObject().value(u"subOperator"_s).toString(), u"Північ"_s);
        QCOMPARE(sites.at(0).toObject().value(u"address"_s).toString(), u"Khreshchatyk 1"_s);
        QCOMPARE(sites.at(0).toObject().value(u"stations"_s).toInt(), 1);
        QVERIFY(!sites.at(1).toObject().contains(u"subOperator"_s));

        // The second site joins the sub-operator (by its id), then leaves it.
        const qint64 north = count(u"SELECT id FROM sub_operators WHERE name = 'Північ'"_s);
        QCOMPARE(cli({u"site"_s, u"set-sub-operator"_s, u"Lviv Depot"_s, QString::number(north)}).exitCode, 0);
        r = cli({u"sub-operator"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.json().array().at(0).toObject().value(u"sites"_s).toInt(), 2);
        QCOMPARE(r.json().array().at(0).toObject().value(u"settlementMode"_s).toString(), u"hold_until_corrected"_s);
        QCOMPARE(cli({u"site"_s, u"set-sub-operator"_s, u"Lviv Depot"_s}).exitCode, 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM sites WHERE sub_operator_id IS NULL"_s), 1);

        // Every change is audited, by whom and with before and after.
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action IN ('sub_operator.add', 'site.add', "
                       "'site.set_sub_operator', 'station.set_site') AND operator_name = 'Olena'"_s),
                 7);
        auto q = storage::Sql::run(m_bench.db().connection(),
                                   u"SELECT before_state, after_state FROM audit_log WHERE action = 'station.set_site' "
                                   "AND entity_id = 'CP-1'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"{\"siteId\":null}"_s);
        QVERIFY(q->value(1).toString().contains(u"\"siteId\":"_s));
    }

    // Where a station stands on the map: set, refused when off the globe or half given, cleared;
    // audited with where it stood before.
    void placeStationsOnTheMap()
    {
        test::CliRun r = cli({u"station"_s, u"set-location"_s, u"CP-1"_s, u"--lat"_s, u"50.4501"_s, u"--lon"_s, u"30.5234"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"50.450100, 30.523400"_s), qPrintable(r.out));
        auto located = [this](const QString &id) {
            auto q = storage::Sql::run(m_bench.db().connection(),
                                       u"SELECT latitude, longitude FROM stations WHERE charge_point_id = ?"_s, {id});
            return q && q->next() && !q->isNull(0) ? std::optional<QPointF>(QPointF(q->value(0).toDouble(), q->value(1).toDouble()))
                                                   : std::optional<QPointF>();
        };
        QCOMPARE(located(u"CP-1"_s), std::optional<QPointF>(QPointF(50.4501, 30.5234)));
        QCOMPARE(cli({u"station"_s, u"set-location"_s, u"CP-1"_s, u"--lat"_s, u"50.5"_s, u"--lon"_s, u"30.6"_s}).exitCode, 0);

        for (const QStringList &wrong : {QStringList{u"--lat"_s, u"91"_s, u"--lon"_s, u"0"_s},
                                         QStringList{u"--lat"_s, u"10"_s, u"--lon"_s, u"-180.5"_s},
                                         QStringList{u"--lat"_s, u"50"_s}, QStringList{u"--lat"_s, u"north"_s, u"--lon"_s, u"1"_s}}) {
            r = cli(QStringList{u"station"_s, u"set-location"_s, u"CP-1"_s} + wrong);
            QCOMPARE(r.exitCode, 2);
            QVERIFY(!r.err.isEmpty());
        }
        r = cli({u"station"_s, u"set-location"_s, u"CP-404"_s, u"--lat"_s, u"1"_s, u"--lon"_s, u"1"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"CP-404"_s), qPrintable(r.err));
        QCOMPARE(located(u"CP-1"_s), std::optional<QPointF>(QPointF(50.5, 30.6)));  // refusals wrote nothing

        QCOMPARE(cli({u"station"_s, u"set-location"_s, u"CP-1"_s}).exitCode, 0);  // off the map
        QVERIFY(!located(u"CP-1"_s));

        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'station.set_location' AND entity_id = 'CP-1'"_s), 3);
        auto q = storage::Sql::run(m_bench.db().connection(),
                                   u"SELECT before_state, after_state FROM audit_log WHERE action = 'station.set_location' "
                                   "ORDER BY id DESC"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"{\"latitude\":50.5,\"longitude\":30.6}"_s);
        QVERIFY2(q->value(1).toString().contains(u"\"latitude\":null"_s), qPrintable(q->value(1).toString()));
    }

    // What the sites are for: a meter reading by the site's name, and the energy report per site.
    void readingAndReportFindTheSite()
    {
        // A session at each site in November: 1,000 kWh at Kyiv Mall, 5 kWh at Lviv Depot.
        test::AnomalyFixture f(m_bench.db());
        const qint64 nov10 = 1'794'304'800'000;  // 2026-11-10 10:00 UTC
        QVERIFY(f.session(count(u"SELECT id FROM stations WHERE charge_point_id = 'CP-1'"_s), nov10, 1'000'000, 300'000));
        QVERIFY(f.session(count(u"SELECT id FROM stations WHERE charge_point_id = 'CP-2'"_s), nov10, 5'000, 1'500));
        test::CliRun r = cli({u"reconcile"_s, u"meter-reading"_s, u"set"_s, u"--site"_s, u"Kyiv Mall"_s, u"--from"_s,
                              u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--energy-kwh"_s, u"1200"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({u"report"_s, u"energy"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray rows = r.json().object().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"site"_s).toString(), u"Kyiv Mall"_s);
        QCOMPARE(rows.at(0).toObject().value(u"platform_energy_wh"_s).toInteger(), 1'000'000);
        QCOMPARE(rows.at(0).toObject().value(u"meter_energy_wh"_s).toInteger(), 1'200'000);
        QCOMPARE(rows.at(0).toObject().value(u"ratio_permille"_s).toInteger(), 833);
        QCOMPARE(rows.at(0).toObject().value(u"flag"_s).toString(), u"below_threshold"_s);
        QCOMPARE(rows.at(1).toObject().value(u"site"_s).toString(), u"Lviv Depot"_s);
        QCOMPARE(rows.at(1).toObject().value(u"flag"_s).toString(), u"no_reading"_s);
    }

    void refusals()
    {
        test::CliRun r = cli({u"site"_s, u"add"_s, u"Kyiv Mall"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"exists already"_s), qPrintable(r.err));
        r = cli({u"sub-operator"_s, u"add"_s, u"Південь"_s, u"--settlement-mode"_s, u"later"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"settle_first"_s), qPrintable(r.err));
        r = cli({u"station"_s, u"set-site"_s, u"CP-404"_s, u"Kyiv Mall"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"CP-404"_s), qPrintable(r.err));
        r = cli({u"station"_s, u"set-site"_s, u"CP-1"_s, u"Odesa"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Odesa"_s), qPrintable(r.err));
        r = cli({u"site"_s, u"add"_s, u"Kharkiv"_s, u"--sub-operator"_s, u"Nobody"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Nobody"_s), qPrintable(r.err));
        QCOMPARE(count(u"SELECT COUNT(*) FROM sites WHERE name = 'Kharkiv'"_s), 0);  // nothing half-written
        QCOMPARE(cli({u"site"_s, u"add"_s, u"#5"_s}).exitCode, 2);
        QCOMPARE(cli({u"site"_s, u"add"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSites)
#include "tst_cli_sites.moc"
