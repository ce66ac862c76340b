// The alert rules against a real database (SQLCipher file, and PostgreSQL with
// CHARGEDESK_TEST_BACKEND=postgres): every rule opens its alert once, a condition that clears
// resolves its alert, an operator-resolved condition opens again only after it cleared and came
// back, events count occurrences, history is never turned into alerts, and each new alert gets one
// delivery row per enabled channel.

#include "alerttestdata.h"
#include "support/testdatabase.h"

#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertrepository.h"
#include "core/alerts/alertservice.h"

#include <QSignalSpy>
#include <QTest>

using namespace cd;
using namespace cd::alerts;
using namespace cd::test::alerts;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000;
constexpr int kHeartbeat = 60;

AlertSettings rules()
{
    AlertSettings s;
    s.rules.offlineAfterSeconds = 120;
    s.rules.heartbeatStaleFactor = 3;
    s.rules.chargingWithoutSessionSeconds = 60;
    s.rules.meterJumpWh = 20000;
    return s;
}

QList<Alert> all(const storage::Database &db)
{
    AlertFilter f;
    f.show = AlertFilter::Show::All;
    auto rows = AlertRepository(db).list(f);
    return rows ? *rows : QList<Alert>();
}

QList<Alert> ofKind(const storage::Database &db, AlertKind kind)
{
    QList<Alert> out;
    for (const Alert &a : all(db)) {
        if (a.kind == kind)
            out.prepend(a);  // oldest first
    }
    return out;
}

QStringList actions(const storage::Database &db, qint64 alertId)
{
    QStringList out;
    auto h = AlertRepository(db).history(alertId);
    if (h) {
        for (const AlertHistoryEntry &e : *h)
            out << e.action;
    }
    return out;
}

}  // namespace

class TestAlertMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void stationOffline();
    void operatorResolvedConditionWaitsUntilCleared();
    void heartbeatStale();
    void connectorFault();
    void chargingWithoutSession();
    void sessionEvents();
    void failedStarts();
    void meterJumpAndReset();
    void historyIsNotAlerted();
    void deliveriesOncePerChannel();
};

void TestAlertMonitor::stationOffline()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-OFF"), std::nullopt, kT0, kT0 - 86'400'000);
    addStation(fx.db(), QStringLiteral("CP-NEVER"), std::nullopt, std::nullopt, kT0);  // never connected: no alert
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QSignalSpy opened(&monitor, &AlertMonitor::alertsOpened);

    clock.setNowMs(kT0 + 60'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(all(fx.db()).isEmpty());

    clock.setNowMs(kT0 + 121'000);
    auto pass = monitor.evaluate();
    QVERIFY2(pass.ok(), qPrintable(pass.error().message));
    QCOMPARE(pass->opened.size(), 1);
    QCOMPARE(opened.size(), 1);
    clock.advanceMs(5000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> alerts = ofKind(fx.db(), AlertKind::StationOffline);
    QCOMPARE(alerts.size(), 1);
    const Alert first = alerts.first();
    QCOMPARE(first.stationId, std::optional<qint64>(cp));
    QCOMPARE(first.chargePointId, QStringLiteral("CP-OFF"));
    QCOMPARE(first.state, AlertState::Open);
    QCOMPARE(first.occurrences, 1);
    QCOMPARE(first.openedMs, kT0 + 121'000);
    QVERIFY(first.details.contains(QStringLiteral("disconnectedMs")));
    QCOMPARE(AlertService(fx.db()).countUnresolved().value(), 1);

    // Back online: resolved by the system, with its history.
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET connected_since_ms = ?, disconnected_ms = NULL WHERE id = ?"),
                 {clock.nowMs(), cp}));
    clock.advanceMs(1000);
    pass = monitor.evaluate();
    QCOMPARE(pass->cleared, 1);
    alerts = ofKind(fx.db(), AlertKind::StationOffline);
    QCOMPARE(alerts.first().state, AlertState::Resolved);
    QCOMPARE(alerts.first().resolvedBy, QStringLiteral("system"));
    QVERIFY(!alerts.first().active);
    QVERIFY(alerts.first().clearedMs.has_value());
    QCOMPARE(actions(fx.db(), first.id), QStringList({QStringLiteral("opened"), QStringLiteral("cleared")}));
    QCOMPARE(AlertService(fx.db()).countUnresolved().value(), 0);

    // Offline again: a new alert.
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET connected_since_ms = NULL, disconnected_ms = ? WHERE id = ?"),
                 {clock.nowMs(), cp}));
    clock.advanceMs(130'000);
    QVERIFY(monitor.evaluate().ok());
    alerts = ofKind(fx.db(), AlertKind::StationOffline);
    QCOMPARE(alerts.size(), 2);
    QCOMPARE(alerts.last().state, AlertState::Open);
}

void TestAlertMonitor::operatorResolvedConditionWaitsUntilCleared()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-R"), std::nullopt, kT0 - 600'000, kT0 - 86'400'000);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> alerts = ofKind(fx.db(), AlertKind::StationOffline);
    QCOMPARE(alerts.size(), 1);
    auto resolved = AlertService(fx.db(), clock).resolve(alerts.first().id, QStringLiteral("Оксана"),
                                                          QStringLiteral("Site informed"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.error().message));
    // Still offline: no second alert for the same outage.
    clock.advanceMs(10'000);
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::StationOffline).size(), 1);
    // It comes back, then goes again: that is a new outage.
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET connected_since_ms = ?, disconnected_ms = NULL WHERE id = ?"),
                 {clock.nowMs(), cp}));
    QVERIFY(monitor.evaluate().ok());
    alerts = ofKind(fx.db(), AlertKind::StationOffline);
    QCOMPARE(alerts.size(), 1);
    QVERIFY(!alerts.first().active);
    QCOMPARE(alerts.first().resolvedBy, QStringLiteral("Оксана"));
    QCOMPARE(actions(fx.db(), alerts.first().id),
             QStringList({QStringLiteral("opened"), QStringLiteral("resolved"), QStringLiteral("cleared")}));
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET connected_since_ms = NULL, disconnected_ms = ? WHERE id = ?"),
                 {clock.nowMs(), cp}));
    clock.advanceMs(121'000);
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::StationOffline).size(), 2);
}

void TestAlertMonitor::heartbeatStale()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-HB"), kT0, std::nullopt, kT0);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    clock.setNowMs(kT0 + 170'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(all(fx.db()).isEmpty());
    clock.setNowMs(kT0 + 181'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::HeartbeatStale).size(), 1);
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET last_heartbeat_ms = ? WHERE id = ?"), {clock.nowMs(), cp}));
    QVERIFY(monitor.evaluate().ok());
    const Alert a = ofKind(fx.db(), AlertKind::HeartbeatStale).first();
    QCOMPARE(a.state, AlertState::Resolved);
    QVERIFY(!a.active);
}

void TestAlertMonitor::connectorFault()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-F"), kT0, std::nullopt, kT0);
    const qint64 c1 = addConnector(fx.db(), cp, 1, QStringLiteral("Faulted"), kT0, QStringLiteral("GroundFailure"));
    addConnector(fx.db(), cp, 2, QStringLiteral("Available"), kT0);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> alerts = ofKind(fx.db(), AlertKind::ConnectorFaulted);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().connectorId, std::optional<int>(1));
    QVERIFY(alerts.first().details.contains(QStringLiteral("GroundFailure")));
    QVERIFY(alerts.first().summary().contains(QStringLiteral("CP-F")));
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE connectors SET status = 'Available', error_code = 'NoError' WHERE id = ?"), {c1}));
    QVERIFY(monitor.evaluate().ok());
    alerts = ofKind(fx.db(), AlertKind::ConnectorFaulted);
    QCOMPARE(alerts.first().state, AlertState::Resolved);
    QCOMPARE(all(fx.db()).size(), 1);
}

void TestAlertMonitor::chargingWithoutSession()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-T"), kT0, std::nullopt, kT0);
    addConnector(fx.db(), cp, 1, QStringLiteral("Charging"), kT0);
    // Connector 2 charges inside an open session: fine.
    addConnector(fx.db(), cp, 2, QStringLiteral("Charging"), kT0);
    addSession(fx.db(), cp, 2, QStringLiteral("S-2"), QStringLiteral("ongoing"), kT0);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    clock.setNowMs(kT0 + 30'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(all(fx.db()).isEmpty());
    clock.setNowMs(kT0 + 61'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> alerts = ofKind(fx.db(), AlertKind::ChargingWithoutSession);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().connectorId, std::optional<int>(1));
    QVERIFY(!alerts.first().sessionId);
    // A session is opened for it: the condition is gone.
    addSession(fx.db(), cp, 1, QStringLiteral("S-1"), QStringLiteral("ongoing"), clock.nowMs());
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::ChargingWithoutSession).first().state, AlertState::Resolved);
}

void TestAlertMonitor::sessionEvents()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-E"), kT0, std::nullopt, kT0);
    const qint64 s1 = addSession(fx.db(), cp, 1, QStringLiteral("S-100"), QStringLiteral("ongoing"), kT0);
    const qint64 s2 = addSession(fx.db(), cp, 2, QStringLiteral("S-101"), QStringLiteral("ongoing"), kT0);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());  // sets the watermarks
    addSessionEvent(fx.db(), s1, QStringLiteral("start_not_authorized"), QStringLiteral("{\"authorization\":\"Invalid\"}"), kT0);
    addSessionEvent(fx.db(), s2, QStringLiteral("stop_not_honoured"), QStringLiteral("{\"risenWh\":1500}"), kT0);
    addSessionEvent(fx.db(), s2, QStringLiteral("status"), QStringLiteral("{\"from\":\"pending\",\"to\":\"starting\"}"), kT0);
    clock.advanceMs(5000);
    auto pass = monitor.evaluate();
    QVERIFY2(pass.ok(), qPrintable(pass.error().message));
    QCOMPARE(pass->opened.size(), 2);
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> theft = ofKind(fx.db(), AlertKind::ChargingWithoutSession);
    QCOMPARE(theft.size(), 1);
    QCOMPARE(theft.first().sessionId, std::optional<qint64>(s1));
    QVERIFY(theft.first().details.contains(QStringLiteral("S-100")));
    QList<Alert> stop = ofKind(fx.db(), AlertKind::StopNotHonoured);
    QCOMPARE(stop.size(), 1);
    QCOMPARE(stop.first().sessionId, std::optional<qint64>(s2));
    QVERIFY(stop.first().details.contains(QStringLiteral("1500")));
    // The sessions end: these are things that happened, they wait for an operator.
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE sessions SET status = 'finished'")));
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::ChargingWithoutSession).first().state, AlertState::Open);
    QCOMPARE(ofKind(fx.db(), AlertKind::StopNotHonoured).first().state, AlertState::Open);
}

void TestAlertMonitor::failedStarts()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-S"), kT0, std::nullopt, kT0);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    addStartCommand(fx.db(), cp, QStringLiteral("CP-S"), 1, QStringLiteral("succeeded"), QStringLiteral("{\"status\":\"Rejected\"}"),
                    kT0 + 1000);
    addStartCommand(fx.db(), cp, QStringLiteral("CP-S"), 2, QStringLiteral("succeeded"), QStringLiteral("{\"status\":\"Accepted\"}"),
                    kT0 + 1100);
    clock.setNowMs(kT0 + 2000);
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> alerts = ofKind(fx.db(), AlertKind::FailedStart);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().connectorId, std::optional<int>(1));
    QVERIFY(alerts.first().details.contains(QStringLiteral("Rejected")));
    // Another failure on the same connector: one alert, two occurrences; a timeout counts too.
    addStartCommand(fx.db(), cp, QStringLiteral("CP-S"), 1, QStringLiteral("failed"),
                    QStringLiteral("{\"code\":\"Timeout\",\"description\":\"\"}"), kT0 + 3000);
    // A session on connector 1 that ended as failed.
    const qint64 s = addSession(fx.db(), cp, 1, QStringLiteral("S-9"), QStringLiteral("failed"), kT0);
    addSessionEvent(fx.db(), s, QStringLiteral("status"), QStringLiteral("{\"from\":\"starting\",\"to\":\"failed\"}"), kT0 + 3000);
    clock.setNowMs(kT0 + 4000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    alerts = ofKind(fx.db(), AlertKind::FailedStart);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().occurrences, 3);
    QCOMPARE(actions(fx.db(), alerts.first().id),
             QStringList({QStringLiteral("opened"), QStringLiteral("seen_again"), QStringLiteral("seen_again")}));
    // Resolved by an operator, the next failure opens a new alert.
    QVERIFY(AlertService(fx.db(), clock).resolve(alerts.first().id, QStringLiteral("Оксана"), QStringLiteral("Card blocked")).ok());
    addStartCommand(fx.db(), cp, QStringLiteral("CP-S"), 1, QStringLiteral("succeeded"), QStringLiteral("{\"status\":\"Rejected\"}"),
                    kT0 + 5000);
    clock.setNowMs(kT0 + 6000);
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::FailedStart).size(), 2);
}

void TestAlertMonitor::meterJumpAndReset()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-M"), kT0, std::nullopt, kT0);
    const qint64 s = addSession(fx.db(), cp, 1, QStringLiteral("S-M"), QStringLiteral("ongoing"), kT0);
    addRegister(fx.db(), cp, 1, s, 1000, kT0);  // before the monitor ever ran
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    addRegister(fx.db(), cp, 1, s, 2000, kT0 + 60'000);    // +1 kWh: fine
    addRegister(fx.db(), cp, 1, s, 52'000, kT0 + 120'000);  // +50 kWh in a minute: a jump
    QVERIFY(monitor.evaluate().ok());
    QList<Alert> jumps = ofKind(fx.db(), AlertKind::MeterJump);
    QCOMPARE(jumps.size(), 1);
    QCOMPARE(jumps.first().sessionId, std::optional<qint64>(s));
    QVERIFY(jumps.first().details.contains(QStringLiteral("\"deltaWh\":50000")));
    QVERIFY(ofKind(fx.db(), AlertKind::MeterReset).isEmpty());
    addRegister(fx.db(), cp, 1, s, 300, kT0 + 180'000);  // backwards: a reset
    // Without a session (samples outside a transaction) the series is the connector's.
    addRegister(fx.db(), cp, 2, std::nullopt, 10, kT0);
    addRegister(fx.db(), cp, 2, std::nullopt, 90'000, kT0 + 60'000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    QCOMPARE(ofKind(fx.db(), AlertKind::MeterReset).size(), 1);
    jumps = ofKind(fx.db(), AlertKind::MeterJump);
    QCOMPARE(jumps.size(), 2);
    QCOMPARE(jumps.last().connectorId, std::optional<int>(2));
    QVERIFY(!jumps.last().sessionId);
    // A fresh monitor (another process, a restart) reads the previous reading from the table.
    AlertMonitor again(fx.shared(), rules(), kHeartbeat, clock);
    addRegister(fx.db(), cp, 1, s, 40'000, kT0 + 240'000);
    QVERIFY(again.evaluate().ok());
    jumps = ofKind(fx.db(), AlertKind::MeterJump);
    QCOMPARE(jumps.size(), 2);
    QCOMPARE(jumps.first().occurrences, 2);
}

void TestAlertMonitor::historyIsNotAlerted()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-H"), kT0, std::nullopt, kT0);
    const qint64 s = addSession(fx.db(), cp, 1, QStringLiteral("S-H"), QStringLiteral("finished"), kT0 - 1000);
    addSessionEvent(fx.db(), s, QStringLiteral("start_not_authorized"), QStringLiteral("{}"), kT0 - 1000);
    addRegister(fx.db(), cp, 1, s, 0, kT0 - 2000);
    addRegister(fx.db(), cp, 1, s, 90'000, kT0 - 1000);
    addStartCommand(fx.db(), cp, QStringLiteral("CP-H"), 1, QStringLiteral("succeeded"), QStringLiteral("{\"status\":\"Rejected\"}"),
                    kT0 - 1000);
    AlertMonitor monitor(fx.shared(), rules(), kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    clock.advanceMs(1000);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(all(fx.db()).isEmpty());
}

void TestAlertMonitor::deliveriesOncePerChannel()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-D"), kT0, std::nullopt, kT0);
    addConnector(fx.db(), cp, 1, QStringLiteral("Faulted"), kT0, QStringLiteral("PowerMeterFailure"));
    AlertSettings s = rules();
    s.delivery.emailEnabled = true;
    s.delivery.mailTo = {QStringLiteral("ops@example.com"), QStringLiteral("site@example.com")};
    s.delivery.webhookEnabled = true;
    s.delivery.webhookUrl = QUrl(QStringLiteral("https://hooks.example.com/alerts"));
    AlertMonitor monitor(fx.shared(), s, kHeartbeat, clock);
    QVERIFY(monitor.evaluate().ok());
    QVERIFY(monitor.evaluate().ok());
    const QList<Alert> alerts = all(fx.db());
    QCOMPARE(alerts.size(), 1);
    auto deliveries = AlertRepository(fx.db()).deliveriesOf(alerts.first().id);
    QVERIFY(deliveries.ok());
    QCOMPARE(deliveries->size(), 2);
    QCOMPARE(deliveries->at(0).channel, QStringLiteral("email"));
    QCOMPARE(deliveries->at(0).target, QStringLiteral("ops@example.com, site@example.com"));
    QCOMPARE(deliveries->at(0).status, AlertDelivery::Status::Pending);
    QCOMPARE(deliveries->at(1).channel, QStringLiteral("webhook"));
    QCOMPARE(scalar(fx.db(), QStringLiteral("SELECT COUNT(*) FROM alert_deliveries")).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "tst_alert_monitor.moc"
