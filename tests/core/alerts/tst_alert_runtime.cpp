// Alerts end to end on the real station server (ServerRuntime on loopback, a real SQLCipher file
// or PostgreSQL): an OCPP 1.6 station connects, reports a faulted connector — the monitor inside
// the runtime opens the alert and the delivery journal posts it to a webhook (a local HTTP server)
// —, reports the fault cleared — the alert is resolved by the system —, then drops its connection:
// the station-offline alert opens.

#include "mailtestserver.h"
#include "support/ocpptestclient.h"
#include "support/testdatabase.h"

#include "core/alerts/alertrepository.h"
#include "core/runtime/serverruntime.h"

#include <QDateTime>
#include <QTest>

using namespace cd;
using namespace cd::alerts;
using namespace Qt::StringLiterals;
using cd::test::HookTestServer;
using cd::test::TestDatabase;
using nlohmann::json;

namespace {

class Station {
public:
    Station(quint16 port, const QString &id)
    {
        QObject::connect(&client, &test::OcppTestClient::result, &client,
                         [this](const QString &messageId, const json &payload) { results[messageId] = payload; });
        QObject::connect(&client, &test::OcppTestClient::error, &client,
                         [this](const QString &messageId, const QString &code, const QString &) { errors[messageId] = code; });
        client.open(QUrl(u"ws://127.0.0.1:%1/ocpp/%2"_s.arg(port).arg(id)));
    }
    bool waitOpen() { return QTest::qWaitFor([this] { return client.isOpen(); }, 10000); }
    json call(const QString &action, const json &payload)
    {
        const QString id = QString::number(++next);
        if (!client.sendCall(id, action, payload))
            return nullptr;
        if (!QTest::qWaitFor([&] { return results.contains(id) || errors.contains(id); }, 15000))
            return nullptr;
        return results.value(id, json());
    }

    test::OcppTestClient client;
    QHash<QString, json> results;
    QHash<QString, QString> errors;
    int next = 0;
};

json status(int connector, const char *state, const char *error = "NoError")
{
    return {{"connectorId", connector}, {"status", state}, {"errorCode", error}};
}

QList<Alert> alertsOf(const storage::Database &db, AlertKind kind)
{
    AlertFilter all;
    all.show = AlertFilter::Show::All;
    QList<Alert> out;
    if (auto rows = AlertRepository(db).list(all)) {
        for (const Alert &a : *rows) {
            if (a.kind == kind)
                out.prepend(a);
        }
    }
    return out;
}

}  // namespace

class TestAlertRuntime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stationFaultAndOffline();
};

void TestAlertRuntime::stationFaultAndOffline()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    HookTestServer hook;
    QVERIFY(hook.listen());

    runtime::RuntimeOptions o;
    o.address = QHostAddress::LocalHost;
    o.port = 0;
    o.server.securityProfile = server::SecurityProfile::None;
    o.charging.acceptUnknownStations = true;
    o.alerts.rules.evaluateIntervalSeconds = 1;
    o.alerts.rules.offlineAfterSeconds = 0;
    o.alerts.delivery.webhookEnabled = true;
    o.alerts.delivery.webhookUrl = QUrl(u"http://127.0.0.1:%1/alerts"_s.arg(hook.port()));
    runtime::ServerRuntime runtime(fx.shared(), o);
    const Status started = runtime.start();
    QVERIFY2(started.ok(), qPrintable(started.error().message));

    auto station = std::make_unique<Station>(runtime.port(), u"ALERT-16"_s);
    QVERIFY(station->waitOpen());
    const json boot = station->call(u"BootNotification"_s, {{"chargePointVendor", "Test"}, {"chargePointModel", "T1"}});
    QCOMPARE(boot["status"].get<std::string>(), std::string("Accepted"));
    QVERIFY(station->call(u"StatusNotification"_s, status(1, "Faulted", "GroundFailure")).is_object());

    QTRY_COMPARE_WITH_TIMEOUT(alertsOf(fx.db(), AlertKind::ConnectorFaulted).size(), 1, 10000);
    const Alert fault = alertsOf(fx.db(), AlertKind::ConnectorFaulted).first();
    QCOMPARE(fault.chargePointId, u"ALERT-16"_s);
    QCOMPARE(fault.connectorId, std::optional<int>(1));
    // Delivered to the webhook, once.
    QTRY_COMPARE_WITH_TIMEOUT(hook.requests.size(), 1, 10000);
    const json posted = json::parse(hook.requests.first().body.toStdString());
    QCOMPARE(posted["kind"].get<std::string>(), std::string("connector_faulted"));
    QCOMPARE(posted["chargePointId"].get<std::string>(), std::string("ALERT-16"));
    QTRY_COMPARE_WITH_TIMEOUT(AlertRepository(fx.db()).deliveriesOf(fault.id)->first().status,
                              AlertDelivery::Status::Sent, 10000);

    // The fault clears: resolved by the system.
    QVERIFY(station->call(u"StatusNotification"_s, status(1, "Available")).is_object());
    QTRY_COMPARE_WITH_TIMEOUT(alertsOf(fx.db(), AlertKind::ConnectorFaulted).first().state, AlertState::Resolved, 10000);
    QCOMPARE(alertsOf(fx.db(), AlertKind::ConnectorFaulted).first().resolvedBy, u"system"_s);

    // The station goes away: offline.
    station.reset();
    QTRY_COMPARE_WITH_TIMEOUT(alertsOf(fx.db(), AlertKind::StationOffline).size(), 1, 10000);
    QCOMPARE(alertsOf(fx.db(), AlertKind::StationOffline).first().chargePointId, u"ALERT-16"_s);
    QTRY_COMPARE_WITH_TIMEOUT(hook.requests.size(), 2, 10000);
    QCOMPARE(alertsOf(fx.db(), AlertKind::ConnectorFaulted).size(), 1);  // never twice
}

QTEST_GUILESS_MAIN(TestAlertRuntime)
#include "tst_alert_runtime.moc"
