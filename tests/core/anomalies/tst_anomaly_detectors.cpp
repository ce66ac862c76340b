// The anomaly detectors (core/anomalies/detectors), one _data() table each: a clean one-hour
// session (24 kW, readings every 10 minutes, the station's stop) changed in one respect per row,
// with rows on both sides of every threshold. Then every detector together on the patterns the
// simulator's misbehaviours produce, the codes' names, and the thresholds' settings.

#include "core/anomalies/anomalycode.h"
#include "core/anomalies/anomalydetection.h"
#include "core/anomalies/anomalythresholds.h"
#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"
#include "core/anomalies/sessionfacts.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::anomalies;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 T0 = 1764000000000;  // 2025-11-24 16:00 UTC
constexpr qint64 kStart = 100000;     // the register at the start, Wh
constexpr qint64 kLag = 500;          // a message reaches us half a second after the station's time

// One hour at 24 kW: 4 kWh every 10 minutes, the station stops at T0 + 1 h.
SessionFacts clean()
{
    SessionFacts f;
    f.sessionId = 7;
    f.sessionNumber = u"251124-000007"_s;
    f.stationId = 3;
    f.chargePointId = u"CP-1"_s;
    f.connectorId = 1;
    f.transactionId = u"42"_s;
    f.status = u"finished"_s;
    f.stopSource = u"station"_s;
    f.stopReason = u"Local"_s;
    f.createdMs = T0 + kLag;
    f.startedMs = T0;
    f.chargingStartedMs = T0;
    f.chargingEndedMs = T0 + kHour;
    f.endedMs = T0 + kHour;
    f.serviceEndedMs = T0 + kHour;
    f.startReceivedMs = T0 + kLag;
    f.stopReceivedMs = T0 + kHour + kLag;
    f.closedMs = f.stopReceivedMs;
    f.meterStartWh = kStart;
    f.meterStopWh = kStart + 24000;
    f.energyWh = 24000;
    for (int i = 0; i <= 6; ++i) {
        const qint64 at = T0 + i * 10 * kMinute;
        f.readings.append(EnergyReading{at, at + kLag, kStart + i * 4000,
                                        i == 0 ? u"Transaction.Begin"_s : i == 6 ? u"Transaction.End"_s : u"Sample.Periodic"_s});
    }
    f.nowMs = T0 + 2 * kHour;
    return f;
}

// The station's stop at T0 + `ms` (received half a second later).
void stopAt(SessionFacts &f, qint64 ms)
{
    f.endedMs = T0 + ms;
    f.stopReceivedMs = T0 + ms + kLag;
    f.closedMs = f.stopReceivedMs;
}

// Readings `wh` (offsets from kStart) at T0 + the minutes given.
void readingsAt(SessionFacts &f, const QList<std::pair<qint64, qint64>> &minuteAndWh, qint64 base = kStart)
{
    f.readings.clear();
    for (const auto &[minute, wh] : minuteAndWh)
        f.readings.append(EnergyReading{T0 + minute * kMinute, T0 + minute * kMinute + kLag, base + wh, u"Sample.Periodic"_s});
}

// The station did not stop the session: `source` closed it at the last reading.
void closedBy(SessionFacts &f, const QString &source)
{
    f.stopSource = source;
    f.stopReceivedMs.reset();
    f.closedMs = f.nowMs;
}

// gdss_case#7 as the simulator's meter-zero-then-jump sends it: meter start 0, the first readings
// 0, then the real register (5 MWh) plus what was charged, the stop at the real register.
void zeroThenJump(SessionFacts &f)
{
    const qint64 real = 5000000;
    f.meterStartWh = 0;
    f.meterStopWh = real + 24000;
    f.energyWh = real + 24000;
    readingsAt(f, {{0, 0}, {10, 0}, {20, real + 8000}, {30, real + 12000}, {40, real + 16000}, {50, real + 20000},
                   {60, real + 24000}},
               0);
}

QList<int> codesOf(const QList<Finding> &findings)
{
    QList<int> out;
    for (const Finding &f : findings)
        out << toInt(f.code);
    return out;
}

template <typename D>
bool fires(const SessionFacts &f, const AnomalyThresholds &t = {})
{
    const std::optional<Finding> found = D::check(f, t);
    if (found) {
        // Every finding says why, with its code.
        if (found->code != D::code || found->detail.isEmpty())
            qFatal("detector returned a finding without its code or detail");
    }
    return found.has_value();
}

}  // namespace

class TestAnomalyDetectors : public QObject {
    Q_OBJECT

private slots:
    void cleanSessionHasNoAnomaly()
    {
        const QList<Finding> found = detectAnomalies(clean(), {});
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().detail));
        const PlatformMeter m = analyzeReadings(clean().readings, {});
        QCOMPARE(m.energyWh, 24000);
        QCOMPARE(*m.spanMs(), kHour);
        QVERIFY(m.jumps.isEmpty());
        QCOMPARE(clean().stationEnergyWh(), std::optional<qint64>(24000));
        QCOMPARE(clean().stationDurationMs(), std::optional<qint64>(kHour));
    }

    // ---- 1 and 2 -------------------------------------------------------------------------------

    void billLost_data()
    {
        QTest::addColumn<QString>("stopSource");
        QTest::addColumn<bool>("disconnected");
        QTest::addColumn<bool>("offlineAtClose");
        QTest::addColumn<bool>("lost");
        QTest::addColumn<bool>("lostOffline");
        QTest::newRow("station stop") << u"station"_s << false << false << false << false;
        QTest::newRow("station stop after being offline (replay)") << u"station"_s << true << true << false << false;
        QTest::newRow("closed after reboot") << u"reboot"_s << false << false << true << false;
        QTest::newRow("superseded") << u"superseded"_s << false << false << true << false;
        QTest::newRow("reconciled") << u"reconciled"_s << false << false << true << false;
        QTest::newRow("operator finish") << u"operator"_s << false << false << true << false;
        QTest::newRow("abandoned") << u"abandoned"_s << false << false << true << false;
        QTest::newRow("still open") << QString() << false << false << true << false;
        QTest::newRow("abandoned, offline during") << u"abandoned"_s << true << false << true << true;
        QTest::newRow("operator, offline at close") << u"operator"_s << false << true << true << true;
        QTest::newRow("reboot, offline during and at close") << u"reboot"_s << true << true << true << true;
    }

    void billLost()
    {
        QFETCH(QString, stopSource);
        QFETCH(bool, disconnected);
        QFETCH(bool, offlineAtClose);
        SessionFacts f = clean();
        if (stopSource != u"station")
            closedBy(f, stopSource);
        if (disconnected)
            f.connections = {ConnectionChange{T0 + 20 * kMinute, false}, ConnectionChange{T0 + 23 * kMinute, true}};
        f.offlineAtClose = offlineAtClose;
        QTEST(fires<BillLost>(f), "lost");
        QTEST(fires<BillLostOffline>(f), "lostOffline");
    }

    // ---- 3 -------------------------------------------------------------------------------------

    void timeAnomaly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        QTest::newRow("stop 1 ms before the start") << u"stopAt"_s << qint64(-1) << true;
        QTest::newRow("stop at the start") << u"stopAt"_s << qint64(0) << false;
        QTest::newRow("168 h exactly (igo_case#89)") << u"stopAt"_s << 168 * kHour << false;
        QTest::newRow("168 h + 1 ms") << u"stopAt"_s << 168 * kHour + 1 << true;
        QTest::newRow("open 168 h") << u"openFor"_s << 168 * kHour << false;
        QTest::newRow("open 168 h + 1 ms") << u"openFor"_s << 168 * kHour + 1 << true;
        QTest::newRow("charging ends before it began") << u"chargingFor"_s << qint64(-1) << true;
        QTest::newRow("charging for 0 ms") << u"chargingFor"_s << qint64(0) << false;
        QTest::newRow("car left before charging ended") << u"serviceAfterCharging"_s << qint64(-1) << true;
        QTest::newRow("car left as charging ended") << u"serviceAfterCharging"_s << qint64(0) << false;
        QTest::newRow("start dated 15 min ahead") << u"startAhead"_s << 15 * kMinute << false;
        QTest::newRow("start dated 15 min 1 ms ahead") << u"startAhead"_s << 15 * kMinute + 1 << true;
        QTest::newRow("start dated 168 h behind") << u"startBehind"_s << 168 * kHour << false;
        QTest::newRow("start dated 168 h 1 ms behind") << u"startBehind"_s << 168 * kHour + 1 << true;
        QTest::newRow("stop dated 15 min ahead") << u"stopAhead"_s << 15 * kMinute << false;
        QTest::newRow("stop dated 15 min 1 ms ahead") << u"stopAhead"_s << 15 * kMinute + 1 << true;
        QTest::newRow("meter value dated 15 min ahead") << u"readingAhead"_s << 15 * kMinute << false;
        QTest::newRow("meter value dated 15 min 1 ms ahead") << u"readingAhead"_s << 15 * kMinute + 1 << true;
        QTest::newRow("meter value 168 h 1 ms behind") << u"readingBehind"_s << 168 * kHour + 1 << true;
    }

    void timeAnomaly()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        if (change == u"stopAt") {
            stopAt(f, value);
        } else if (change == u"openFor") {
            f.stopSource.clear();
            f.endedMs.reset();
            f.stopReceivedMs.reset();
            f.closedMs.reset();
            f.nowMs = T0 + value;
        } else if (change == u"chargingFor") {
            f.chargingEndedMs = *f.chargingStartedMs + value;
        } else if (change == u"serviceAfterCharging") {
            f.serviceEndedMs = *f.chargingEndedMs + value;
        } else if (change == u"startAhead") {
            f.startReceivedMs = *f.startedMs - value;
        } else if (change == u"startBehind") {
            f.startReceivedMs = *f.startedMs + value;
        } else if (change == u"stopAhead") {
            f.stopReceivedMs = *f.endedMs - value;
        } else if (change == u"readingAhead") {
            f.readings[2].receivedMs = f.readings[2].stationAtMs - value;
        } else if (change == u"readingBehind") {
            f.readings[2].receivedMs = f.readings[2].stationAtMs + value;
        }
        QTEST(fires<TimeAnomaly>(f), "expected");
    }

    // ---- 4 -------------------------------------------------------------------------------------

    void energyAnomaly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        QTest::newRow("meter stop 1 Wh below the start") << u"meterStop"_s << qint64(-1) << true;
        QTest::newRow("meter stop at the start") << u"meterStop"_s << qint64(0) << false;
        // 400 kW × 1 h + 1 kWh slack = 401 kWh.
        QTest::newRow("401 kWh in 1 h") << u"energyInHour"_s << qint64(401000) << false;
        QTest::newRow("401.001 kWh in 1 h") << u"energyInHour"_s << qint64(401001) << true;
        QTest::newRow("ceiling above the energy") << u"ceiling"_s << qint64(24000) << false;
        QTest::newRow("ceiling 1 Wh below the energy") << u"ceiling"_s << qint64(23999) << true;
        QTest::newRow("register 0 then jump: the platform is plausible") << u"zeroThenJump"_s << qint64(0) << false;
        QTest::newRow("only the station's bill, 500 kWh in 1 h") << u"stationOnly"_s << qint64(500000) << true;
        QTest::newRow("only the station's bill, 24 kWh") << u"stationOnly"_s << qint64(24000) << false;
        QTest::newRow("no time at all (code 5 judges)") << u"noTime"_s << qint64(24000) << false;
    }

    void energyAnomaly()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        AnomalyThresholds t;
        if (change == u"meterStop") {
            f.meterStopWh = kStart + value;
        } else if (change == u"energyInHour") {
            f.meterStopWh = kStart + value;
            f.energyWh = value;
            for (int i = 0; i < f.readings.size(); ++i)
                f.readings[i].wh = kStart + value * i / 6;
        } else if (change == u"ceiling") {
            t.maxEnergyWh = value;
        } else if (change == u"zeroThenJump") {
            zeroThenJump(f);
        } else if (change == u"stationOnly") {
            f.readings.clear();
            f.meterStopWh = kStart + value;
            f.energyWh = value;
        } else if (change == u"noTime") {
            f.readings.clear();
            f.chargingEndedMs = f.chargingStartedMs;
            stopAt(f, 0);
        }
        QTEST(fires<EnergyAnomaly>(f, t), "expected");
    }

    // ---- 5 -------------------------------------------------------------------------------------

    void durationAnomaly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        QTest::newRow("charging 48 h") << u"chargingFor"_s << 48 * kHour << false;
        QTest::newRow("charging 48 h 1 ms") << u"chargingFor"_s << 48 * kHour + 1 << true;
        QTest::newRow("no Charging status, stop after 48 h 1 ms") << u"stationSpan"_s << 48 * kHour + 1 << true;
        QTest::newRow("no Charging status, stop after 48 h") << u"stationSpan"_s << 48 * kHour << false;
        QTest::newRow("24 kWh in 0 ms of charging") << u"zeroCharging"_s << qint64(24000) << true;
        QTest::newRow("1 kWh (the slack) in 0 ms") << u"zeroCharging"_s << qint64(1000) << false;
        QTest::newRow("1.001 kWh in 0 ms") << u"zeroCharging"_s << qint64(1001) << true;
        QTest::newRow("nothing in 0 ms") << u"zeroCharging"_s << qint64(0) << false;
    }

    void durationAnomaly()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        if (change == u"chargingFor") {
            f.chargingEndedMs = *f.chargingStartedMs + value;
        } else if (change == u"stationSpan") {
            f.chargingStartedMs.reset();
            f.chargingEndedMs.reset();
            stopAt(f, value);
        } else if (change == u"zeroCharging") {
            f.chargingEndedMs = f.chargingStartedMs;
            f.meterStopWh = kStart + value;
            f.energyWh = value;
        }
        QTEST(fires<DurationAnomaly>(f), "expected");
    }

    // ---- 6 -------------------------------------------------------------------------------------

    void occupancyAnomaly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        QTest::newRow("stayed 4 h") << u"idle"_s << 4 * kHour << false;
        QTest::newRow("stayed 4 h 1 ms") << u"idle"_s << 4 * kHour + 1 << true;
        QTest::newRow("full after 30 min, stayed 4 h more") << u"fullThenIdle"_s << 4 * kHour << false;
        QTest::newRow("full after 30 min, stayed 4 h 1 ms more") << u"fullThenIdle"_s << 4 * kHour + 1 << true;
        QTest::newRow("start failed, stayed 15 min") << u"failedStart"_s << 15 * kMinute << false;
        QTest::newRow("start failed, stayed 15 min 1 ms") << u"failedStart"_s << 15 * kMinute + 1 << true;
        QTest::newRow("charged 59 s, stayed 1 h") << u"chargedFor"_s << 59 * kSecond << true;
        QTest::newRow("charged 60 s, stayed 1 h") << u"chargedFor"_s << 60 * kSecond << false;
        QTest::newRow("no service end") << u"noServiceEnd"_s << qint64(0) << false;
    }

    void occupancyAnomaly()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        if (change == u"idle") {
            f.serviceEndedMs = *f.chargingEndedMs + value;
        } else if (change == u"fullThenIdle") {
            readingsAt(f, {{0, 0}, {10, 8000}, {20, 16000}, {30, 24000}, {40, 24000}, {50, 24000}, {60, 24000}});
            f.serviceEndedMs = T0 + 30 * kMinute + value;
        } else if (change == u"failedStart") {
            readingsAt(f, {{0, 0}, {1, 0}});
            f.meterStopWh = kStart;
            f.energyWh = 0;
            f.chargingEndedMs = T0 + 30 * kSecond;
            f.serviceEndedMs = T0 + value;
        } else if (change == u"chargedFor") {
            f.readings = {EnergyReading{T0, T0 + kLag, kStart, u"Transaction.Begin"_s},
                          EnergyReading{T0 + value, T0 + value + kLag, kStart + 300, u"Transaction.End"_s}};
            f.chargingEndedMs = T0 + value;
            f.serviceEndedMs = T0 + value + kHour;
        } else if (change == u"noServiceEnd") {
            f.serviceEndedMs.reset();
        }
        QTEST(fires<OccupancyAnomaly>(f), "expected");
    }

    // ---- 7 (the loader finds the overlapping sessions; tst_anomaly_tagger checks its edges) -----

    void timeOverlap_data()
    {
        QTest::addColumn<int>("others");
        QTest::addColumn<bool>("openOther");
        QTest::addColumn<bool>("expected");
        QTest::newRow("alone") << 0 << false << false;
        QTest::newRow("one closed session overlaps") << 1 << false << true;
        QTest::newRow("an open session overlaps") << 1 << true << true;
        QTest::newRow("two overlap") << 2 << false << true;
    }

    void timeOverlap()
    {
        QFETCH(int, others);
        QFETCH(bool, openOther);
        SessionFacts f = clean();
        for (int i = 0; i < others; ++i)
            f.overlapping.append(OtherSession{100 + i, u"251124-00010%1"_s.arg(i), T0 + 30 * kMinute,
                                              openOther ? std::nullopt : std::optional<qint64>(T0 + 2 * kHour)});
        QTEST(fires<TimeOverlap>(f), "expected");
        if (others > 0) {
            const std::optional<Finding> found = TimeOverlap::check(f, {});
            QVERIFY(found->detail.contains(f.overlapping.first().sessionNumber));
        }
    }

    // ---- 8 -------------------------------------------------------------------------------------

    void energyDiffers_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        // Tolerance: the larger of 500 Wh and 5 % of the larger energy.
        QTest::newRow("station 1.2 kWh more (5 % of 25.2)") << u"meterStopOff"_s << qint64(1200) << false;
        QTest::newRow("station 1.3 kWh more (5 % of 25.3 = 1.265)") << u"meterStopOff"_s << qint64(1300) << true;
        QTest::newRow("station 1.2 kWh less (5 % of 24)") << u"meterStopOff"_s << qint64(-1200) << false;
        QTest::newRow("station 1.201 kWh less") << u"meterStopOff"_s << qint64(-1201) << true;
        QTest::newRow("small session: 500 Wh apart") << u"small"_s << qint64(500) << false;
        QTest::newRow("small session: 501 Wh apart") << u"small"_s << qint64(501) << true;
        QTest::newRow("register 0 then jump (gdss_case#7)") << u"zeroThenJump"_s << qint64(0) << true;
        QTest::newRow("readings end 10 min early: the tail at average power") << u"tailMissing"_s << qint64(5) << false;
        QTest::newRow("readings end 30 min early: more than an interval") << u"tailMissing"_s << qint64(4) << true;
        QTest::newRow("one reading: nothing to compare") << u"oneReading"_s << qint64(0) << false;
        QTest::newRow("no station bill") << u"billLost"_s << qint64(0) << false;
    }

    void energyDiffers()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        if (change == u"meterStopOff") {
            f.meterStopWh = *f.meterStopWh + value;
        } else if (change == u"small") {
            readingsAt(f, {{0, 0}, {30, 1000}, {60, 2000}});
            f.meterStopWh = kStart + 2000 + value;
        } else if (change == u"zeroThenJump") {
            zeroThenJump(f);
        } else if (change == u"tailMissing") {
            f.readings.resize(value + 1);  // the last at T0 + value × 10 min
        } else if (change == u"oneReading") {
            f.readings.resize(1);
            f.meterStopWh = kStart + 90000;
        } else if (change == u"billLost") {
            closedBy(f, u"reboot"_s);
            f.meterStopWh = kStart + 90000;
        }
        QTEST(fires<EnergyDiffers>(f), "expected");
        if (change == u"zeroThenJump") {
            const Finding found = *EnergyDiffers::check(f, {});
            QVERIFY2(found.detail.contains(DetectorText::energy(5008000)), qPrintable(found.detail));
        }
    }

    // ---- 9 -------------------------------------------------------------------------------------

    void durationDiffers_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("clean") << u"none"_s << qint64(0) << false;
        // Tolerance: the larger of 15 min and 10 % of the station's duration.
        QTest::newRow("stop 15 min after the last reading") << u"stopLater"_s << 15 * kMinute << false;
        QTest::newRow("stop 15 min 1 ms after the last reading") << u"stopLater"_s << 15 * kMinute + 1 << true;
        // Readings over 10 h, the station's duration 10 h + d: 10 % of it covers d up to 66 min 40 s.
        QTest::newRow("readings 10 h, the station's 10 h 66 min") << u"longSession"_s << 66 * kMinute << false;
        QTest::newRow("readings 10 h, the station's 10 h 67 min") << u"longSession"_s << 67 * kMinute << true;
        QTest::newRow("no station bill") << u"billLost"_s << 0LL << false;
    }

    void durationDiffers()
    {
        QFETCH(QString, change);
        QFETCH(qint64, value);
        SessionFacts f = clean();
        if (change == u"stopLater") {
            stopAt(f, kHour + value);
        } else if (change == u"longSession") {
            readingsAt(f, {{0, 0}, {600, 24000}});
            stopAt(f, 10 * kHour);
            f.startedMs = T0 - value;  // the station's duration is 10 h + value, its readings span 10 h
        } else if (change == u"billLost") {
            closedBy(f, u"superseded"_s);
            stopAt(f, 5 * kHour);
        }
        QTEST(fires<DurationDiffers>(f), "expected");
    }

    // ---- 11 ------------------------------------------------------------------------------------

    void energyLost_data()
    {
        QTest::addColumn<bool>("readings");
        QTest::addColumn<QString>("stopSource");
        QTest::addColumn<bool>("meterStart");
        QTest::addColumn<bool>("expected");
        QTest::newRow("readings and the station's stop") << true << u"station"_s << true << false;
        QTest::newRow("the station's stop only") << false << u"station"_s << true << false;
        QTest::newRow("readings only (bill lost)") << true << u"reboot"_s << true << false;
        QTest::newRow("nothing: bill lost, no readings") << false << u"reboot"_s << true << true;
        QTest::newRow("a stop without a meter start, no readings") << false << u"station"_s << false << true;
    }

    void energyLost()
    {
        QFETCH(bool, readings);
        QFETCH(QString, stopSource);
        QFETCH(bool, meterStart);
        SessionFacts f = clean();
        if (!readings)
            f.readings.clear();
        if (stopSource != u"station")
            closedBy(f, stopSource);
        if (!meterStart)
            f.meterStartWh.reset();
        QTEST(fires<EnergyLost>(f), "expected");
    }

    // ---- every detector at once ----------------------------------------------------------------

    void detectAll_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QList<int>>("codes");
        QTest::newRow("clean") << u"clean"_s << QList<int>{};
        QTest::newRow("meter-zero-then-jump") << u"zeroThenJump"_s << QList<int>{8};
        QTest::newRow("offline-mid-session, abandoned") << u"offlineAbandoned"_s << QList<int>{1, 2};
        QTest::newRow("replay-after-reconnect") << u"replay"_s << QList<int>{};
        QTest::newRow("bill lost without energy data") << u"nothing"_s << QList<int>{1, 11};
        QTest::newRow("3,6,8,9: a stop a week after the last reading") << u"weekLong"_s << QList<int>{3, 6, 8, 9};
    }

    void detectAll()
    {
        QFETCH(QString, pattern);
        SessionFacts f = clean();
        if (pattern == u"zeroThenJump") {
            zeroThenJump(f);
        } else if (pattern == u"offlineAbandoned") {
            // Readings up to the drop at 30 min; closed as abandoned at the last reading, a day later.
            f.readings.resize(4);
            f.stopSource = u"abandoned"_s;
            f.endedMs = f.readings.last().stationAtMs;
            f.chargingEndedMs = f.endedMs;
            f.serviceEndedMs = f.endedMs;
            f.meterStopWh = f.readings.last().wh;
            f.energyWh = *f.meterStopWh - kStart;
            f.stopReceivedMs.reset();
            f.closedMs = T0 + 25 * kHour;
            f.nowMs = *f.closedMs;
            f.connections = {ConnectionChange{T0 + 31 * kMinute, false}, ConnectionChange{T0 + 34 * kMinute, true}};
        } else if (pattern == u"replay") {
            // Offline mid-session, the queue (meter values, stop) delivered on reconnection.
            f.connections = {ConnectionChange{T0 + 31 * kMinute, false}, ConnectionChange{T0 + 70 * kMinute, true}};
            for (EnergyReading &r : f.readings) {
                if (r.stationAtMs > T0 + 31 * kMinute)
                    r.receivedMs = T0 + 70 * kMinute;
            }
            f.stopReceivedMs = T0 + 70 * kMinute;
        } else if (pattern == u"nothing") {
            f.readings.clear();
            closedBy(f, u"reconciled"_s);
        } else if (pattern == u"weekLong") {
            stopAt(f, 170 * kHour);
            f.serviceEndedMs = f.endedMs;
            f.meterStopWh = kStart + 40000;
        }
        QFETCH(QList<int>, codes);
        const QList<Finding> found = detectAnomalies(f, {});
        if (codesOf(found) != codes) {
            for (const Finding &x : found)
                qWarning("%d: %s", toInt(x.code), qPrintable(x.detail));
        }
        QCOMPARE(codesOf(found), codes);
    }

    void platformMeter()
    {
        SessionFacts f = clean();
        zeroThenJump(f);
        const PlatformMeter m = analyzeReadings(f.readings, {});
        QVERIFY(m.zeroThenJump);
        QCOMPARE(m.jumps.size(), 1);
        QCOMPARE(m.jumps.first().fromWh, 0);
        QCOMPARE(m.jumps.first().toWh, 5008000);
        QCOMPARE(m.energyWh, 16000);
        // A jump is what maxPowerW cannot deliver in the time plus the slack, and at least jumpMinWh.
        AnomalyThresholds t;
        t.maxPowerW = 60000;  // 10 kWh in 10 min
        t.energySlackWh = 0;
        t.jumpMinWh = 1000;
        readingsAt(f, {{0, 0}, {10, 10000}, {20, 20001}});
        const PlatformMeter edge = analyzeReadings(f.readings, t);
        QCOMPARE(edge.jumps.size(), 1);
        QCOMPARE(edge.energyWh, 10000);
        QVERIFY(!edge.zeroThenJump);  // 0 was a real start: the first rise was plausible
        // Backwards steps are counted, not summed; out-of-order readings are sorted.
        readingsAt(f, {{20, 3000}, {0, 0}, {10, 2000}, {30, 2500}});
        const PlatformMeter back = analyzeReadings(f.readings, {});
        QCOMPARE(back.backwardSteps, 1);
        QCOMPARE(back.energyWh, 3000);
        QCOMPARE(*back.lastRiseAtMs, T0 + 20 * kMinute);
        QCOMPARE(energyAtPowerWh(400000, kHour), 400000);
        QCOMPARE(energyAtPowerWh(1, 1), 1);  // rounded up
        QCOMPARE(energyAtPowerWh(400000, 170 * kHour), 68000000);
    }

    // ---- names and settings --------------------------------------------------------------------

    void codes()
    {
        const QList<int> numbers = [] {
            QList<int> out;
            for (AnomalyCode c : allAnomalyCodes())
                out << toInt(c);
            return out;
        }();
        QCOMPARE(numbers, (QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 11}));
        QVERIFY(!anomalyCodeFromInt(10));
        QVERIFY(!anomalyCodeFromInt(0));
        QCOMPARE(anomalyCodeFromInt(11), std::optional<AnomalyCode>(AnomalyCode::EnergyLost));
        for (AnomalyCode c : allAnomalyCodes()) {
            QVERIFY(!anomalyCodeText(c).isEmpty());
            QVERIFY(anomalyCodeDescription(c).size() > anomalyCodeText(c).size());
            QCOMPARE(anomalyCodeText(toInt(c)), anomalyCodeText(c));
        }
        QCOMPARE(anomalyCodeText(10), u"Code 10"_s);
        QCOMPARE(anomalyCodesText({3, 8}), u"3 Time anomaly, 8 Energy differs from platform"_s);
        QCOMPARE(allDetectors().size(), allAnomalyCodes().size());
        for (int i = 0; i < allDetectors().size(); ++i)
            QCOMPARE(allDetectors().at(i).code, allAnomalyCodes().at(i));
    }

    void thresholdsFromSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"t.ini"_s), QSettings::IniFormat);
        QCOMPARE(AnomalyThresholds::load(settings), AnomalyThresholds{});
        settings.setValue(u"anomalies/maxSessionMinutes"_s, 60);
        settings.setValue(u"anomalies/maxPowerW"_s, 22000);
        settings.setValue(u"anomalies/failedStartChargingSeconds"_s, 90);
        settings.setValue(u"anomalies/energyTolerancePercent"_s, 3);
        settings.setValue(u"anomalies/maxIdleMinutes"_s, -5);        // invalid: the default stays
        settings.setValue(u"anomalies/maxChargingMinutes"_s, u"x"_s);  // invalid
        const AnomalyThresholds t = AnomalyThresholds::load(settings);
        QCOMPARE(t.maxSessionMs, kHour);
        QCOMPARE(t.maxPowerW, 22000);
        QCOMPARE(t.failedStartChargingMs, 90 * kSecond);
        QCOMPARE(t.energyTolerancePercent, 3);
        QCOMPARE(t.maxIdleMs, AnomalyThresholds{}.maxIdleMs);
        QCOMPARE(t.maxChargingMs, AnomalyThresholds{}.maxChargingMs);
        QSettings other(dir.filePath(u"u.ini"_s), QSettings::IniFormat);
        t.save(other);
        QCOMPARE(AnomalyThresholds::load(other), t);
    }

    void detailTexts()
    {
        QCOMPARE(DetectorText::duration(45 * kSecond), u"45 s"_s);
        QCOMPARE(DetectorText::duration(12 * kMinute), u"12 min"_s);
        QCOMPARE(DetectorText::duration(3 * kHour + 5 * kMinute), u"3 h 05 min"_s);
        QCOMPARE(DetectorText::duration(170 * kHour), u"7 d 2 h"_s);
        QCOMPARE(DetectorText::duration(-kMinute), u"-1 min"_s);
        QCOMPARE(DetectorText::time(T0 + 120), u"2025-11-24 16:00:00.120 UTC"_s);
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetectors)
#include "tst_anomaly_detectors.moc"
