// SimulatedStation against an in-test central system over real loopback WebSockets: the
// connection (path, subprotocol, Basic auth), boot (Accepted / Pending / Rejected), heartbeats
// and status notifications, one complete session whose energy is monotonic and adds up, the
// reconnect after the server drops the socket, the offline queue, and transactionId -1 for a
// start the server never confirmed.

#include "simtestsupport.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cd::sim;
using namespace cd::simtest;
using nlohmann::json;

namespace {

qint64 parseTime(const json &payload, const char *key = "timestamp")
{
    return QDateTime::fromString(jsonText(payload, key), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

bool isIsoUtcWithMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
    return pattern.match(text).hasMatch();
}

QStringList collapsed(const QStringList &statuses)
{
    QStringList result;
    for (const QString &s : statuses) {
        if (result.isEmpty() || result.last() != s)
            result.append(s);
    }
    return result;
}

std::optional<int> startedTransactionId(const FakeCentralSystem &server)
{
    for (const WireFrame &f : server.frames()) {
        if (!f.fromStation && f.type == cd::ocpp::MessageType::CallResult && f.action == u"StartTransaction")
            return f.payload.value("transactionId", 0);
    }
    return std::nullopt;
}

}  // namespace

class TestSimStation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeCentralSystem>();
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        if (m_server)
            QVERIFY2(m_server->issues().isEmpty(), qPrintable(m_server->issues().join(QLatin1Char('\n'))));
        m_server.reset();
    }

    void connectsWithPathSubprotocolAndBasicAuth()
    {
        StationOptions o = fastStation(m_server->url(), QStringLiteral("SIM-T1"));
        o.password = QStringLiteral("s3cret:pw");
        SimulatedStation station(o);
        QCOMPARE(station.stationUrl().toString(), m_server->url().toString() + QStringLiteral("/SIM-T1"));
        station.start();
        QTRY_VERIFY(station.hasBooted());
        QCOMPARE(m_server->requestPath(QStringLiteral("SIM-T1")), QStringLiteral("/ocpp/SIM-T1"));
        QCOMPARE(m_server->subprotocol(QStringLiteral("SIM-T1")), QStringLiteral("ocpp1.6"));
        QCOMPARE(m_server->authorizationHeader(QStringLiteral("SIM-T1")),
                 QByteArray("Basic ") + QByteArray("SIM-T1:s3cret:pw").toBase64());
        QCOMPARE(station.state(), SimulatedStation::State::Accepted);
    }

    void bootThenStatusesThenHeartbeats()
    {
        m_server->heartbeatIntervalS = 90;
        SimulatedStation station(fastStation(m_server->url(), QStringLiteral("SIM-T2")));
        QSignalSpy booted(&station, &SimulatedStation::booted);
        station.start();
        QTRY_VERIFY(m_server->calls(QStringLiteral("Heartbeat")).size() >= 3);
        QCOMPARE(booted.size(), 1);
        QCOMPARE(station.configuration().intValue(QStringLiteral("HeartbeatInterval"), 0), 90);

        const QList<WireFrame> calls = m_server->calls();
        QCOMPARE(calls.at(0).action, QStringLiteral("BootNotification"));
        const json &boot = calls.at(0).payload;
        QCOMPARE(jsonText(boot, "chargePointVendor"), QStringLiteral("ChargeDesk"));
        QVERIFY(!jsonText(boot, "chargePointModel").isEmpty());
        QVERIFY(!jsonText(boot, "firmwareVersion").isEmpty());
        QVERIFY(!jsonText(boot, "chargePointSerialNumber").isEmpty());
        for (int connectorId = 0; connectorId <= 2; ++connectorId) {
            const WireFrame &status = calls.at(1 + connectorId);
            QCOMPARE(status.action, QStringLiteral("StatusNotification"));
            QCOMPARE(status.payload.value("connectorId", -1), connectorId);
            QCOMPARE(jsonText(status.payload, "status"), QStringLiteral("Available"));
            QCOMPARE(jsonText(status.payload, "errorCode"), QStringLiteral("NoError"));
            QVERIFY2(isIsoUtcWithMs(jsonText(status.payload, "timestamp")), status.payload.dump().c_str());
        }
        // Heartbeats follow the server's interval on the simulated clock: 90 s / 600 = 150 ms.
        const QList<WireFrame> beats = m_server->calls(QStringLiteral("Heartbeat"));
        for (qsizetype i = 1; i < beats.size(); ++i)
            QVERIFY2(beats.at(i).wallMs - beats.at(i - 1).wallMs >= 100, "heartbeats too close together");
    }

    void pendingBootWaitsAndRetries()
    {
        m_server->pendingBoots = 2;
        m_server->heartbeatIntervalS = 30;  // the retry interval while Pending: 50 ms of wall clock
        SimulatedStation station(fastStation(m_server->url(), QStringLiteral("SIM-T3")));
        QList<SimulatedStation::State> states;
        connect(&station, &SimulatedStation::stateChanged, this, [&states](SimulatedStation::State s) { states.append(s); });
        station.start();
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(states.contains(SimulatedStation::State::Pending));
        const QList<WireFrame> calls = m_server->calls();
        QCOMPARE(m_server->calls(QStringLiteral("BootNotification")).size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(calls.at(i).action, QStringLiteral("BootNotification"));  // nothing else while Pending
        QTRY_COMPARE(m_server->calls(QStringLiteral("StatusNotification")).size(), 3);
    }

    void rejectedBootSendsNothingElse()
    {
        m_server->bootStatus = QStringLiteral("Rejected");
        m_server->heartbeatIntervalS = 30;
        SimulatedStation station(fastStation(m_server->url(), QStringLiteral("SIM-T4")));
        station.start();
        QTRY_VERIFY(m_server->calls(QStringLiteral("BootNotification")).size() >= 3);
        QCOMPARE(station.state(), SimulatedStation::State::Rejected);
        QVERIFY(!station.hasBooted());
        QVERIFY(!station.plugIn(1) || true);  // a driver may plug in, but nothing reaches the server
        QTest::qWait(200);
        for (const WireFrame &f : m_server->calls())
            QCOMPARE(f.action, QStringLiteral("BootNotification"));
    }

    void completeSession()
    {
        const QString id = QStringLiteral("SIM-T5");
        SimulatedStation station(fastStation(m_server->url(), id));
        station.start();
        QTRY_VERIFY(station.hasBooted());
        const qint64 registerBefore = station.meterWh(1);
        QSignalSpy finished(&station, &SimulatedStation::sessionFinished);
        QElapsedTimer wall;
        wall.start();
        QVERIFY(station.plugIn(1, QStringLiteral("TAG-A")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_COMPARE(station.connectorStatus(1), ConnectorStatus::Available);
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        QTRY_VERIFY(statusesOf(*m_server, 1).endsWith(QStringLiteral("Available")));
        const qint64 wallMs = wall.elapsed();

        const auto authorize = payloads(*m_server, QStringLiteral("Authorize"));
        QCOMPARE(int(authorize.size()), 1);
        QCOMPARE(jsonText(authorize[0], "idTag"), QStringLiteral("TAG-A"));

        const auto starts = payloads(*m_server, QStringLiteral("StartTransaction"));
        QCOMPARE(int(starts.size()), 1);
        const json &start = starts[0];
        QCOMPARE(start.value("connectorId", 0), 1);
        QCOMPARE(jsonText(start, "idTag"), QStringLiteral("TAG-A"));
        const qint64 meterStart = start.value("meterStart", qint64(-1));
        QCOMPARE(meterStart, registerBefore);
        const std::optional<int> txId = startedTransactionId(*m_server);
        QVERIFY(txId);

        // Meter values: every one belongs to the transaction, energy never goes down.
        const auto samples = payloads(*m_server, QStringLiteral("MeterValues"));
        QVERIFY2(samples.size() >= 3, "expected a sample per simulated minute");
        qint64 previous = meterStart;
        qint64 previousTime = parseTime(start);
        for (const json &mv : samples) {
            QCOMPARE(mv.value("transactionId", 0), *txId);
            QCOMPARE(mv.value("connectorId", 0), 1);
            const qint64 energy = energyOf(mv);
            QVERIFY2(energy >= previous, mv.dump().c_str());
            previous = energy;
            const json &element = mv["meterValue"][0];
            const qint64 t = parseTime(element);
            QVERIFY(t > previousTime);
            previousTime = t;
            QCOMPARE(jsonText(*sampledValue(element, "Energy.Active.Import.Register"), "unit"), QStringLiteral("Wh"));
            QVERIFY(sampledValue(element, "Power.Active.Import"));
            QVERIFY(sampledValue(element, "Current.Import", "L1"));
            QVERIFY(sampledValue(element, "Current.Import", "L3"));
            QVERIFY(sampledValue(element, "Voltage", "L2-N"));
            QVERIFY(sampledValue(element, "SoC"));
        }
        QVERIFY(previous > meterStart);

        const auto stops = payloads(*m_server, QStringLiteral("StopTransaction"));
        const json &stop = stops[0];
        QCOMPARE(stop.value("transactionId", 0), *txId);
        const qint64 meterStop = stop.value("meterStop", qint64(-1));
        QVERIFY(meterStop >= previous);
        QCOMPARE(meterStop - meterStart, finished.at(0).at(1).toLongLong());
        QCOMPARE(station.meterWh(1), meterStop);
        const QString reason = jsonText(stop, "reason");
        QVERIFY2(reason == u"Local" || reason == u"EVDisconnected", qPrintable(reason));
        const json &data = stop["transactionData"];
        QCOMPARE(int(data.size()), 2);
        QCOMPARE(jsonText(*sampledValue(data[0], "Energy.Active.Import.Register"), "context"), QStringLiteral("Transaction.Begin"));
        QCOMPARE(jsonText(*sampledValue(data[0], "Energy.Active.Import.Register"), "value"), QString::number(meterStart));
        QCOMPARE(jsonText(*sampledValue(data[1], "Energy.Active.Import.Register"), "context"), QStringLiteral("Transaction.End"));
        QCOMPARE(jsonText(*sampledValue(data[1], "Energy.Active.Import.Register"), "value"), QString::number(meterStop));

        // The timestamps follow the simulated clock: minutes of session in about a second.
        const qint64 simulated = parseTime(stop) - parseTime(start);
        QVERIFY2(simulated >= 5 * 60 * 1000, qPrintable(QString::number(simulated)));
        QVERIFY(wallMs < simulated / 20);

        // Available → Preparing → Charging (→ SuspendedEV) → Finishing → Available.
        QStringList statuses = collapsed(statusesOf(*m_server, 1));
        statuses.removeAll(QStringLiteral("SuspendedEV"));
        QCOMPARE(statuses, (QStringList{QStringLiteral("Available"), QStringLiteral("Preparing"), QStringLiteral("Charging"),
                                        QStringLiteral("Finishing"), QStringLiteral("Available")}));
        QCOMPARE(station.counters().sessionsFinished, 1);
    }

    void fullBatterySuspendsThenDriverStops()
    {
        StationOptions o = fastStation(m_server->url(), QStringLiteral("SIM-T10"));
        o.session.chargeNeedMinPercent = 1;
        o.session.chargeNeedMaxPercent = 1;
        o.session.meanDuration = std::chrono::minutes(20);
        SimulatedStation station(o);
        station.start();
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_COMPARE_WITH_TIMEOUT(station.connectorStatus(1), ConnectorStatus::SuspendedEV, 10000);
        const qint64 full = station.meterWh(1);
        QTRY_VERIFY(m_server->calls(QStringLiteral("MeterValues")).size() >= 2);
        const qsizetype before = m_server->calls(QStringLiteral("MeterValues")).size();
        QTRY_VERIFY(m_server->calls(QStringLiteral("MeterValues")).size() >= before + 2);
        // Idle in SuspendedEV: meter values go on, the register stands still, no power drawn.
        const json last = m_server->calls(QStringLiteral("MeterValues")).last().payload;
        QCOMPARE(energyOf(last), full);
        QCOMPARE(jsonText(*sampledValue(last["meterValue"][0], "Power.Active.Import"), "value"), QStringLiteral("0"));
        QVERIFY(station.stopSession(1));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        QCOMPARE(m_server->calls(QStringLiteral("StopTransaction")).first().payload.value("meterStop", qint64(0)), full);
        QTRY_COMPARE(collapsed(statusesOf(*m_server, 1)),
                     (QStringList{QStringLiteral("Available"), QStringLiteral("Preparing"), QStringLiteral("Charging"),
                                  QStringLiteral("SuspendedEV"), QStringLiteral("Finishing"), QStringLiteral("Available")}));
    }

    void authorizationRejectedReturnsToAvailable()
    {
        m_server->invalidTags = {QStringLiteral("BAD")};
        SimulatedStation station(fastStation(m_server->url(), QStringLiteral("SIM-T6")));
        station.start();
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1, QStringLiteral("BAD")));
        QTRY_COMPARE(collapsed(statusesOf(*m_server, 1)),
                     (QStringList{QStringLiteral("Available"), QStringLiteral("Preparing"), QStringLiteral("Available")}));
        QCOMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 0);
        QVERIFY(!station.hasSession(1));
        QCOMPARE(station.counters().sessionsRefused, 1);
        QCOMPARE(station.counters().sessionsStarted, 0);
    }

    void reconnectsAfterServerDrop()
    {
        const QString id = QStringLiteral("SIM-T7");
        SimulatedStation station(fastStation(m_server->url(), id));
        QSignalSpy disconnected(&station, &SimulatedStation::disconnected);
        station.start();
        QTRY_COMPARE(m_server->calls(QStringLiteral("StatusNotification")).size(), 3);
        m_server->drop(id);
        QTRY_COMPARE(disconnected.size(), 1);
        QTRY_COMPARE(m_server->connectionCount(id), 2);
        QTRY_COMPARE(station.state(), SimulatedStation::State::Accepted);
        QCOMPARE(station.counters().reconnects, 1);
        // A reconnect is not a reboot: no second BootNotification, but the current statuses again.
        QTRY_VERIFY(m_server->calls(QStringLiteral("Heartbeat")).size() >= 2);
        QCOMPARE(m_server->calls(QStringLiteral("BootNotification")).size(), 1);
        int statusesOnSecond = 0;
        for (const WireFrame &f : m_server->calls(QStringLiteral("StatusNotification")))
            statusesOnSecond += f.connection == 2 ? 1 : 0;
        QCOMPARE(statusesOnSecond, 3);
    }

    void queuesWhileOfflineAndSendsAfterReconnect()
    {
        const QString id = QStringLiteral("SIM-T8");
        StationOptions o = fastStation(m_server->url(), id);
        o.session.meanDuration = 20min;
        SimulatedStation station(o);
        station.start();
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_VERIFY(m_server->calls(QStringLiteral("MeterValues")).size() >= 2);
        station.goOffline(std::chrono::minutes(4));
        QVERIFY(!station.isConnected());
        QTRY_VERIFY(station.queuedTransactionMessages() >= 2);
        QTRY_COMPARE(m_server->connectionCount(id), 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("StopTransaction")).size(), 1, 15000);
        QCOMPARE(station.queuedTransactionMessages(), 0);

        // Everything sampled offline arrived after the reconnect, in order, once.
        const QList<WireFrame> meter = m_server->calls(QStringLiteral("MeterValues"));
        QSet<QString> seen;
        qint64 lastTime = 0;
        qint64 lastEnergy = 0;
        int late = 0;
        qint64 reconnectedAt = 0;
        for (const WireFrame &f : m_server->calls(QStringLiteral("StatusNotification"))) {
            if (f.connection == 2) {
                reconnectedAt = parseTime(f.payload);
                break;
            }
        }
        for (const WireFrame &f : meter) {
            const QString text = QString::fromStdString(f.payload.dump());
            QVERIFY2(!seen.contains(text), "a MeterValues message arrived twice");
            seen.insert(text);
            const qint64 t = parseTime(f.payload["meterValue"][0]);
            QVERIFY(t > lastTime);
            lastTime = t;
            QVERIFY(energyOf(f.payload) >= lastEnergy);
            lastEnergy = energyOf(f.payload);
            if (f.connection == 2 && t < reconnectedAt)
                ++late;
        }
        QVERIFY2(late >= 2, "the samples taken offline should arrive after the reconnect");
    }

    void startNeverConfirmedUsesTransactionIdMinusOne()
    {
        const QString id = QStringLiteral("SIM-T9");
        m_server->failingActions = {QStringLiteral("StartTransaction")};
        SimulatedStation station(fastStation(m_server->url(), id));
        station.start();
        QTRY_VERIFY(station.hasBooted());
        bool changed = false;
        m_server->call(id, QStringLiteral("ChangeConfiguration"), {{"key", "TransactionMessageAttempts"}, {"value", "2"}},
                       [&changed](const cd::ocpp::CallOutcome &o) {
                           changed = o.ok() && o.value().value("status", std::string()) == "Accepted";
                       });
        QTRY_VERIFY(changed);
        QVERIFY(station.plugIn(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("StopTransaction")).size(), 1, 10000);
        // Retried once with the very same content, then given up.
        const auto starts = payloads(*m_server, QStringLiteral("StartTransaction"));
        QCOMPARE(int(starts.size()), 2);
        QCOMPARE_JSON(starts[0], starts[1]);
        for (const json &mv : payloads(*m_server, QStringLiteral("MeterValues")))
            QVERIFY2(!mv.contains("transactionId"), mv.dump().c_str());
        QCOMPARE(payloads(*m_server, QStringLiteral("StopTransaction"))[0].value("transactionId", 0), -1);
        QCOMPARE(station.counters().transactionMessagesDropped, 1);
        m_server->failingActions.clear();
        // The server's CALLERRORs were answers, not protocol issues.
        QCOMPARE(station.counters().errorsByCode.value(QStringLiteral("InternalError")), 2);
    }

private:
    std::unique_ptr<FakeCentralSystem> m_server;
};

QTEST_GUILESS_MAIN(TestSimStation)
#include "tst_sim_station.moc"
