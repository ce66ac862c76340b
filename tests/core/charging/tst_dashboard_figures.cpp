// The dashboard's numbers (storage::DashboardRepository) on stations and sessions made by the
// real charging service over OCPP 1.6 and 2.0.1: online, offline, faulted and charging stations
// — the same groups charging::stationCondition gives the station list —, today's sessions,
// energy and amounts per currency (the day window is respected), and anomaly bills waiting.

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"
#include "core/charging/stationcondition.h"
#include "core/storage/dashboardrepository.h"

using namespace cd;
using namespace cd::test;

namespace {

constexpr qint64 kHour = 3600 * 1000;

Answer status(LoopbackLink &link, int connector, const char *state, const char *error = "NoError")
{
    return callFrom(link, QStringLiteral("StatusNotification"),
                    {{"connectorId", connector}, {"status", state}, {"errorCode", error}});
}

Answer start(LoopbackLink &link, int connector, const char *tag, qint64 meterStart, qint64 atMs)
{
    return callFrom(link, QStringLiteral("StartTransaction"),
                    {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
}

Answer meter(LoopbackLink &link, qint64 tx, qint64 registerWh, qint64 atMs)
{
    json sampled = json::array({{{"value", std::to_string(registerWh)}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}}});
    return callFrom(link, QStringLiteral("MeterValues"),
                    {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", json::array({{{"timestamp", iso(atMs)}, {"sampledValue", sampled}}})}});
}

}  // namespace

class TestDashboardFigures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void emptyNetwork();
    void figuresOfALiveNetwork();
};

void TestDashboardFigures::emptyNetwork()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    auto f = storage::DashboardRepository(h.db()).figures(kT0 - kHour, kT0 + kHour);
    QVERIFY2(f, qPrintable(f ? QString() : f.error().message));
    QCOMPARE(f->stations, 0);
    QCOMPARE(f->online, 0);
    QCOMPARE(f->offline, 0);
    QCOMPARE(f->sessionsToday, 0);
    QCOMPARE(f->energyTodayWh, 0);
    QVERIFY(f->revenueToday.isEmpty());
    QCOMPARE(f->anomalyBillsWaiting, 0);
}

void TestDashboardFigures::figuresOfALiveNetwork()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    for (const char *id : {"CP-IDLE", "CP-CHG", "CP-FLT", "CP-OFF", "CP-NEVER", "CP-201"})
        QVERIFY(h.addStation(QString::fromLatin1(id)) > 0);
    h.addTag(QStringLiteral("CARD-1"), QStringLiteral("Accepted"), std::nullopt, 5);

    // Yesterday (before the day window): a session on CP-OFF, 7 kWh, then the station goes away.
    auto &off = h.connect(QStringLiteral("CP-OFF"));
    CD_ANSWER_OK(h.boot(off));
    const Answer old = start(off, 1, "CARD-1", 1000, h.clock.nowMs());
    QVERIFY(old.ok);
    CD_ANSWER_OK(meter(off, old.payload["transactionId"].get<qint64>(), 8000, h.clock.nowMs() + 60000));
    CD_ANSWER_OK(status(off, 1, "Charging"));
    h.disconnect(off);  // its connector still says Charging: offline wins

    const qint64 dayStart = h.clock.nowMs() + kHour;
    h.clock.advanceMs(2 * kHour);
    const qint64 dayEnd = dayStart + 24 * kHour;

    auto &idle = h.connect(QStringLiteral("CP-IDLE"));
    CD_ANSWER_OK(h.boot(idle));
    CD_ANSWER_OK(status(idle, 1, "Available"));

    // Today: CP-CHG charges 2.5 kWh so far on a running session.
    auto &chg = h.connect(QStringLiteral("CP-CHG"));
    CD_ANSWER_OK(h.boot(chg));
    const Answer running = start(chg, 1, "CARD-1", 10000, h.clock.nowMs());
    QVERIFY(running.ok);
    CD_ANSWER_OK(status(chg, 1, "Charging"));
    CD_ANSWER_OK(meter(chg, running.payload["transactionId"].get<qint64>(), 12500, h.clock.nowMs() + 60000));

    // CP-FLT: one connector charging, the other faulted: faulted wins, it is not counted as charging.
    auto &flt = h.connect(QStringLiteral("CP-FLT"));
    CD_ANSWER_OK(h.boot(flt));
    const Answer other = start(flt, 1, "CARD-1", 0, h.clock.nowMs());
    QVERIFY(other.ok);
    CD_ANSWER_OK(status(flt, 1, "Charging"));
    CD_ANSWER_OK(status(flt, 2, "Faulted", "GroundFailure"));

    // CP-201 (OCPP 2.0.1): its EVSE is Occupied by an open transaction, which is charging.
    auto &v201 = h.connect(QStringLiteral("CP-201"), 0, ocpp::ProtocolVersion::Ocpp201);
    CD_ANSWER_OK(callFrom(v201, QStringLiteral("BootNotification"),
                          {{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Acme"}, {"model", "DC50"}}}}));
    CD_ANSWER_OK(callFrom(v201, QStringLiteral("TransactionEvent"),
                          {{"eventType", "Started"},
                           {"timestamp", iso(h.clock.nowMs())},
                           {"triggerReason", "Authorized"},
                           {"seqNo", 0},
                           {"transactionInfo", {{"transactionId", "TX-201"}}},
                           {"idToken", {{"idToken", "CARD-1"}, {"type", "ISO14443"}}},
                           {"evse", {{"id", 1}, {"connectorId", 1}}}}));
    CD_ANSWER_OK(callFrom(v201, QStringLiteral("StatusNotification"),
                          {{"timestamp", iso(h.clock.nowMs())}, {"connectorStatus", "Occupied"}, {"evseId", 1}, {"connectorId", 1}}));
    h.idle();

    // Amounts come from billing (issue #6); set them here as billing will.
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE sessions SET amount_minor = 1250, currency = 'UAH' WHERE station_id = ?"),
                              {h.scalar(QStringLiteral("SELECT id FROM stations WHERE charge_point_id = 'CP-CHG'"))}));
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE sessions SET amount_minor = 700, currency = 'EUR' WHERE station_id = ?"),
                              {h.scalar(QStringLiteral("SELECT id FROM stations WHERE charge_point_id = 'CP-FLT'"))}));
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE sessions SET amount_minor = 9999, currency = 'UAH' WHERE station_id = ?"),
                              {h.scalar(QStringLiteral("SELECT id FROM stations WHERE charge_point_id = 'CP-OFF'"))}));

    // Two bills wait with anomalies (one with two codes); a third was corrected.
    const qint64 oldSession = h.scalar(QStringLiteral("SELECT MIN(id) FROM sessions")).toLongLong();
    QVERIFY(oldSession > 0);
    QList<qint64> bills;
    for (int version = 1; version <= 3; ++version) {
        bills << h.insertId(QStringLiteral("INSERT INTO bills (session_id, version, currency, energy_wh, total_minor, created_by, created_ms) "
                                           "VALUES (?, ?, 'UAH', 7000, 100, 'test', ?)"),
                            {oldSession, version, h.clock.nowMs()});
        QVERIFY(bills.last() > 0);
    }
    auto anomaly = [&](qint64 bill, int code, std::optional<qint64> resolvedMs) {
        return h.insertId(QStringLiteral("INSERT INTO bill_anomalies (bill_id, session_id, code, detected_ms, resolved_ms) VALUES (?, ?, ?, ?, ?)"),
                          {bill, oldSession, code, h.clock.nowMs(), resolvedMs ? QVariant(*resolvedMs) : QVariant()});
    };
    QVERIFY(anomaly(bills[0], 3, std::nullopt) > 0);
    QVERIFY(anomaly(bills[0], 8, std::nullopt) > 0);
    QVERIFY(anomaly(bills[1], 1, std::nullopt) > 0);
    QVERIFY(anomaly(bills[2], 4, h.clock.nowMs()) > 0);

    auto f = storage::DashboardRepository(h.db()).figures(dayStart, dayEnd);
    QVERIFY2(f, qPrintable(f ? QString() : f.error().message));
    QCOMPARE(f->stations, 6);
    QCOMPARE(f->online, 4);   // IDLE, CHG, FLT, 201
    QCOMPARE(f->offline, 2);  // OFF, NEVER
    QCOMPARE(f->faulted, 1);  // FLT
    QCOMPARE(f->charging, 2); // CHG, 201
    QCOMPARE(f->sessionsToday, 3);        // CHG, FLT, 201; not yesterday's
    QCOMPARE(f->energyTodayWh, 2500);     // the running session's progress
    QCOMPARE(f->revenueToday.size(), 2);  // by currency code
    QCOMPARE(f->revenueToday.at(0).currency, QStringLiteral("EUR"));
    QCOMPARE(f->revenueToday.at(0).amountMinor, 700);
    QCOMPARE(f->revenueToday.at(1).currency, QStringLiteral("UAH"));
    QCOMPARE(f->revenueToday.at(1).amountMinor, 1250);
    QCOMPARE(f->anomalyBillsWaiting, 2);

    // The station list groups stations the same way.
    auto stations = charging::ChargingQueries(h.fixture.shared(), h.clock).stations();
    QVERIFY(stations);
    QMap<charging::StationCondition, int> conditions;
    QMap<QString, charging::StationCondition> byId;
    for (const charging::StationOverview &s : std::as_const(*stations)) {
        conditions[charging::stationCondition(s)] += 1;
        byId.insert(s.station.chargePointId, charging::stationCondition(s));
    }
    QCOMPARE(conditions.value(charging::StationCondition::Offline), f->offline);
    QCOMPARE(conditions.value(charging::StationCondition::Faulted), f->faulted);
    QCOMPARE(conditions.value(charging::StationCondition::Charging), f->charging);
    QCOMPARE(f->online, f->stations - conditions.value(charging::StationCondition::Offline));
    QCOMPARE(byId.value(QStringLiteral("CP-201")), charging::StationCondition::Charging);
    QCOMPARE(byId.value(QStringLiteral("CP-FLT")), charging::StationCondition::Faulted);
    QCOMPARE(byId.value(QStringLiteral("CP-OFF")), charging::StationCondition::Offline);
    QCOMPARE(byId.value(QStringLiteral("CP-IDLE")), charging::StationCondition::Online);

    // The 2.0.1 station's EVSE freed: no longer charging.
    CD_ANSWER_OK(callFrom(v201, QStringLiteral("StatusNotification"),
                          {{"timestamp", iso(h.clock.nowMs() + 1000)}, {"connectorStatus", "Available"}, {"evseId", 1}, {"connectorId", 1}}));
    h.idle();
    f = storage::DashboardRepository(h.db()).figures(dayStart, dayEnd);
    QVERIFY(f);
    QCOMPARE(f->charging, 1);
}

QTEST_GUILESS_MAIN(TestDashboardFigures)
#include "tst_dashboard_figures.moc"
