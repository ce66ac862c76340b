// Each named misbehaviour produces exactly its observable pattern on the wire, as the server
// sees it over a real loopback WebSocket:
//   meter-zero-then-jump          meterStart 0, first sample 0, then the real register
//   offline-mid-session           the connection drops mid-session; no Stop ever arrives
//   replay-after-reconnect        identical Start/MeterValues content on both sides of a reconnect
//   ignore-remote-stop            RemoteStop answered Accepted, meter values keep rising
//   charge-without-authorization  Charging + MeterValues without transactionId, no transaction
//   duplicate-stop                two identical StopTransaction with the same transactionId
//   clock-skew                    every timestamp two days (kClockSkewMs) ahead of real time

#include "simtestsupport.h"

#include <QDateTime>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cd::sim;
using namespace cd::simtest;
using nlohmann::json;

class TestSimMisbehaviours : public QObject {
    Q_OBJECT

private:
    SimulatedStation &startStation(const QString &id, Misbehaviours misbehaviours,
                                   std::chrono::minutes meanDuration = std::chrono::minutes(10))
    {
        StationOptions o = fastStation(m_server->url(), id);
        o.misbehaviours = misbehaviours;
        o.session.meanDuration = meanDuration;
        m_station = std::make_unique<SimulatedStation>(o);
        m_station->start();
        return *m_station;
    }

    QList<WireFrame> callsOn(const QString &action, int connection) const
    {
        QList<WireFrame> result;
        for (const WireFrame &f : m_server->calls(action)) {
            if (f.connection == connection)
                result.append(f);
        }
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeCentralSystem>();
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        m_station.reset();
        QVERIFY2(m_server->issues().isEmpty(), qPrintable(m_server->issues().join(QLatin1Char('\n'))));
        m_server.reset();
    }

    void meterZeroThenJump()
    {
        SimulatedStation &station = startStation(QStringLiteral("SIM-M1"), Misbehaviour::MeterZeroThenJump);
        QTRY_VERIFY(station.hasBooted());
        const qint64 realRegister = station.meterWh(1);
        QVERIFY(realRegister > 1000);
        QVERIFY(station.plugIn(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("StopTransaction")).size(), 1, 10000);

        const json start = m_server->calls(QStringLiteral("StartTransaction")).first().payload;
        QCOMPARE(start.value("meterStart", qint64(-1)), 0);
        const auto samples = payloads(*m_server, QStringLiteral("MeterValues"));
        QVERIFY(samples.size() >= 3);
        QCOMPARE(energyOf(samples[0]), 0);  // reads 0 ...
        QVERIFY(energyOf(samples[1]) >= realRegister);  // ... then jumps to the real register
        for (size_t i = 2; i < samples.size(); ++i)
            QVERIFY(energyOf(samples[i]) >= energyOf(samples[i - 1]));
        const json stop = m_server->calls(QStringLiteral("StopTransaction")).first().payload;
        const qint64 meterStop = stop.value("meterStop", qint64(0));
        QCOMPARE(meterStop, station.meterWh(1));
        QVERIFY2(meterStop - start.value("meterStart", qint64(0)) > realRegister,
                 "the bill shows the whole register as energy: anomaly code 8");
    }

    void offlineMidSession()
    {
        const QString id = QStringLiteral("SIM-M2");
        SimulatedStation &station = startStation(id, Misbehaviour::OfflineMidSession);
        QTRY_VERIFY(station.hasBooted());
        QSignalSpy finished(&station, &SimulatedStation::sessionFinished);
        QVERIFY(station.plugIn(1));
        QTRY_VERIFY(!m_server->calls(QStringLiteral("StartTransaction")).isEmpty());
        const int txId = [this] {
            for (const WireFrame &f : m_server->frames()) {
                if (!f.fromStation && f.action == u"StartTransaction")
                    return f.payload.value("transactionId", 0);
            }
            return 0;
        }();
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->isConnected(id), 10000);  // dropped off mid-session
        const qsizetype metersBeforeDrop = m_server->calls(QStringLiteral("MeterValues")).size();
        QVERIFY(metersBeforeDrop >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);  // the session ended at the station
        QTRY_COMPARE(m_server->connectionCount(id), 2);       // and the station came back
        QTRY_VERIFY(statusesOf(*m_server, 1).endsWith(QStringLiteral("Available")));
        QTest::qWait(500);  // five simulated minutes more
        QCOMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 0);
        QCOMPARE(m_server->calls(QStringLiteral("MeterValues")).size(), metersBeforeDrop);
        for (const WireFrame &f : m_server->calls(QStringLiteral("MeterValues")))
            QCOMPARE(f.payload.value("transactionId", 0), txId);
        QCOMPARE(station.queuedTransactionMessages(), 0);
    }

    void replayAfterReconnect()
    {
        const QString id = QStringLiteral("SIM-M3");
        SimulatedStation &station = startStation(id, Misbehaviour::ReplayAfterReconnect);
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->connectionCount(id) == 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(station.queuedTransactionMessages() == 0 && station.state() == SimulatedStation::State::Accepted,
                                 10000);
        QTRY_COMPARE(callsOn(QStringLiteral("StopTransaction"), 2).size(), 1);

        // What was acknowledged on the first connection comes again, unchanged, on the second.
        const QList<WireFrame> firstStarts = callsOn(QStringLiteral("StartTransaction"), 1);
        const QList<WireFrame> secondStarts = callsOn(QStringLiteral("StartTransaction"), 2);
        QCOMPARE(firstStarts.size(), 1);
        QCOMPARE(secondStarts.size(), 1);
        QCOMPARE_JSON(secondStarts.first().payload, firstStarts.first().payload);

        const QList<WireFrame> firstMeters = callsOn(QStringLiteral("MeterValues"), 1);
        const QList<WireFrame> secondMeters = callsOn(QStringLiteral("MeterValues"), 2);
        QVERIFY(!firstMeters.isEmpty());
        QSet<QString> second;
        for (const WireFrame &f : secondMeters)
            second.insert(QString::fromStdString(f.payload.dump()));
        for (const WireFrame &f : firstMeters)
            QVERIFY2(second.contains(QString::fromStdString(f.payload.dump())), "an acknowledged MeterValues was not replayed");
        QVERIFY2(secondMeters.size() > firstMeters.size(), "the samples queued offline follow the replay");
        QCOMPARE(callsOn(QStringLiteral("StopTransaction"), 1).size(), 0);
        // No reboot: a reconnect.
        QCOMPARE(m_server->calls(QStringLiteral("BootNotification")).size(), 1);
    }

    void ignoreRemoteStop()
    {
        const QString id = QStringLiteral("SIM-M4");
        SimulatedStation &station = startStation(id, Misbehaviour::IgnoreRemoteStop, std::chrono::minutes(20));
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_VERIFY(station.transactionId(1).has_value());
        QTRY_COMPARE(station.connectorStatus(1), ConnectorStatus::Charging);
        std::optional<cd::ocpp::CallOutcome> answer;
        m_server->call(id, QStringLiteral("RemoteStopTransaction"), {{"transactionId", *station.transactionId(1)}},
                       [&answer](const cd::ocpp::CallOutcome &o) { answer = o; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->ok());
        QCOMPARE(jsonText(answer->value(), "status"), QStringLiteral("Accepted"));
        const qsizetype metersAtStop = m_server->calls(QStringLiteral("MeterValues")).size();
        const qint64 energyAtStop = station.meterWh(1);
        QTRY_VERIFY(m_server->calls(QStringLiteral("MeterValues")).size() >= metersAtStop + 3);
        const auto samples = payloads(*m_server, QStringLiteral("MeterValues"));
        QVERIFY2(energyOf(samples.back()) > energyAtStop, "energy keeps flowing after the accepted RemoteStop");
        QCOMPARE(station.connectorStatus(1), ConnectorStatus::Charging);
        QCOMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 0);
        // When the driver eventually stops, it is not a remote stop.
        QVERIFY(station.stopSession(1));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        QCOMPARE(jsonText(m_server->calls(QStringLiteral("StopTransaction")).first().payload, "reason"), QStringLiteral("Local"));
    }

    void chargeWithoutAuthorization()
    {
        SimulatedStation &station = startStation(QStringLiteral("SIM-M5"), Misbehaviour::ChargeWithoutAuthorization);
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(2));
        QTRY_VERIFY_WITH_TIMEOUT(statusesOf(*m_server, 2).endsWith(QStringLiteral("Available"))
                                     && statusesOf(*m_server, 2).contains(QStringLiteral("Charging")),
                                 10000);
        QCOMPARE(m_server->calls(QStringLiteral("Authorize")).size(), 0);
        QCOMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 0);
        QCOMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 0);
        const QList<WireFrame> meters = m_server->calls(QStringLiteral("MeterValues"));
        QVERIFY(meters.size() >= 3);
        qint64 previous = 0;
        for (const WireFrame &f : meters) {
            QVERIFY2(!f.payload.contains("transactionId"), f.payload.dump().c_str());
            QCOMPARE(f.payload.value("connectorId", 0), 2);
            QVERIFY(energyOf(f.payload) >= previous);
            previous = energyOf(f.payload);
        }
        QVERIFY(energyOf(meters.last().payload) > energyOf(meters.first().payload));
        // The samples were sent while the connector reported Charging.
        const QList<WireFrame> &frames = m_server->frames();
        QString status;
        for (const WireFrame &f : frames) {
            if (!f.fromStation || f.type != cd::ocpp::MessageType::Call)
                continue;
            if (f.action == u"StatusNotification" && f.payload.value("connectorId", 0) == 2)
                status = jsonText(f.payload, "status");
            if (f.action == u"MeterValues")
                QVERIFY2(status == u"Charging" || status == u"SuspendedEV", qPrintable(status));
        }
    }

    void duplicateStop()
    {
        SimulatedStation &station = startStation(QStringLiteral("SIM-M6"), Misbehaviour::DuplicateStop);
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_VERIFY(station.transactionId(1).has_value());
        const int txId = *station.transactionId(1);
        QVERIFY(station.stopSession(1, StopReason::Local));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 2);
        QTest::qWait(300);
        const auto stops = payloads(*m_server, QStringLiteral("StopTransaction"));
        QCOMPARE(int(stops.size()), 2);
        QCOMPARE(stops[0].value("transactionId", 0), txId);
        QCOMPARE_JSON(stops[1], stops[0]);
        const QList<WireFrame> frames = m_server->calls(QStringLiteral("StopTransaction"));
        QVERIFY(frames[0].messageId != frames[1].messageId);  // two CALLs, not a retransmitted frame
        QCOMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 1);
    }

    void clockSkew()
    {
        SimulatedStation &station = startStation(QStringLiteral("SIM-M7"), Misbehaviour::ClockSkew);
        QTRY_VERIFY(station.hasBooted());
        QVERIFY(station.plugIn(1));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 1);
        const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
        const json start = m_server->calls(QStringLiteral("StartTransaction")).first().payload;
        const qint64 stamp = QDateTime::fromString(jsonText(start, "timestamp"), Qt::ISODateWithMs).toMSecsSinceEpoch();
        // Ahead by the skew, plus the little simulated time that passed (time scale 600).
        QVERIFY2(stamp - wallNow >= kClockSkewMs - 60000 && stamp - wallNow <= kClockSkewMs + 2 * 3600 * 1000,
                 qPrintable(QString::number(stamp - wallNow)));
    }

private:
    std::unique_ptr<FakeCentralSystem> m_server;
    std::unique_ptr<SimulatedStation> m_station;
};

QTEST_GUILESS_MAIN(TestSimMisbehaviours)
#include "tst_sim_misbehaviours.moc"
