// Pure values, no database: station timestamps to epoch ms, decimal meter values to exact
// integer milli-units with unit conversion (kWh→Wh, kW→W), 1.6 meter value payloads to
// readings (defaults, SignedData skipped), names of statuses and reasons.

#include "core/charging/chargingtypes.h"
#include "core/charging/metervalue.h"
#include "core/charging/timestamps.h"
#include "core/charging/v16/ocpp16messages.h"

#include <QTest>

using namespace cd::charging;
using nlohmann::json;

class TestChargingValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timestamps_data();
    void timestamps();
    void formatsWithMilliseconds();
    void decimals_data();
    void decimals();
    void units();
    void meterValuePayload();
    void stopRequestDefaults();
    void statusNames();
};

void TestChargingValues::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");  // -1: invalid
    const qint64 base = 1714564800000;  // 2024-05-01T12:00:00Z
    QTest::newRow("Z") << QStringLiteral("2024-05-01T12:00:00Z") << base;
    QTest::newRow("millis") << QStringLiteral("2024-05-01T12:00:00.123Z") << base + 123;
    QTest::newRow("micros truncated") << QStringLiteral("2024-05-01T12:00:00.123999Z") << base + 123;
    QTest::newRow("one digit") << QStringLiteral("2024-05-01T12:00:00.5Z") << base + 500;
    QTest::newRow("offset") << QStringLiteral("2024-05-01T14:00:00+02:00") << base;
    QTest::newRow("negative offset") << QStringLiteral("2024-05-01T07:30:00-04:30") << base;
    QTest::newRow("offset no colon") << QStringLiteral("2024-05-01T14:00:00+0200") << base;
    QTest::newRow("offset hours") << QStringLiteral("2024-05-01T14:00:00+02") << base;
    QTest::newRow("lowercase") << QStringLiteral("2024-05-01t12:00:00z") << base;
    QTest::newRow("space") << QStringLiteral("2024-05-01 12:00:00Z") << base;
    QTest::newRow("no zone is UTC") << QStringLiteral("2024-05-01T12:00:00") << base;
    QTest::newRow("leap second") << QStringLiteral("2016-12-31T23:59:60Z") << qint64(1483228799999);
    QTest::newRow("feb 29") << QStringLiteral("2024-02-29T00:00:00Z") << qint64(1709164800000);
    QTest::newRow("feb 30") << QStringLiteral("2024-02-30T00:00:00Z") << qint64(-1);
    QTest::newRow("hour 24") << QStringLiteral("2024-05-01T24:00:00Z") << qint64(-1);
    QTest::newRow("garbage") << QStringLiteral("yesterday") << qint64(-1);
    QTest::newRow("trailing") << QStringLiteral("2024-05-01T12:00:00Zjunk") << qint64(-1);
    QTest::newRow("empty fraction") << QStringLiteral("2024-05-01T12:00:00.Z") << qint64(-1);
}

void TestChargingValues::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = parseTimestampMs(text);
    if (ms < 0) {
        QVERIFY(!parsed);
    } else {
        QVERIFY(parsed);
        QCOMPARE(*parsed, ms);
    }
}

void TestChargingValues::formatsWithMilliseconds()
{
    QCOMPARE(formatTimestampMs(1714564800007), QStringLiteral("2024-05-01T12:00:00.007Z"));
    QCOMPARE(parseTimestampMs(formatTimestampMs(1714564800007)), std::optional<qint64>(1714564800007));
}

void TestChargingValues::decimals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<bool>("valid");
    QTest::newRow("Wh integer") << QStringLiteral("1234") << QStringLiteral("Wh") << qint64(1234000) << true;
    QTest::newRow("Wh fraction") << QStringLiteral("1234.5") << QStringLiteral("Wh") << qint64(1234500) << true;
    QTest::newRow("kWh") << QStringLiteral("12.345") << QStringLiteral("kWh") << qint64(12345000) << true;
    QTest::newRow("kWh fine") << QStringLiteral("0.0015") << QStringLiteral("kWh") << qint64(1500) << true;
    QTest::newRow("kWh rounding") << QStringLiteral("0.0000005") << QStringLiteral("kWh") << qint64(1) << true;
    QTest::newRow("kWh below") << QStringLiteral("0.0000004") << QStringLiteral("kWh") << qint64(0) << true;
    QTest::newRow("kW") << QStringLiteral("7.4") << QStringLiteral("kW") << qint64(7400000) << true;
    QTest::newRow("A") << QStringLiteral("16.02") << QStringLiteral("A") << qint64(16020) << true;
    QTest::newRow("negative") << QStringLiteral("-0.5") << QStringLiteral("A") << qint64(-500) << true;
    QTest::newRow("negative rounding") << QStringLiteral("-0.0005") << QStringLiteral("A") << qint64(-1) << true;
    QTest::newRow("plus") << QStringLiteral("+230") << QStringLiteral("V") << qint64(230000) << true;
    QTest::newRow("exponent") << QStringLiteral("1.2E+3") << QStringLiteral("Wh") << qint64(1200000) << true;
    QTest::newRow("small exponent") << QStringLiteral("5e-1") << QStringLiteral("kWh") << qint64(500000) << true;
    QTest::newRow("leading dot") << QStringLiteral(".5") << QStringLiteral("Percent") << qint64(500) << true;
    QTest::newRow("trailing dot") << QStringLiteral("5.") << QStringLiteral("Percent") << qint64(5000) << true;
    QTest::newRow("zero") << QStringLiteral("0.000") << QStringLiteral("Wh") << qint64(0) << true;
    QTest::newRow("spaces") << QStringLiteral(" 42 ") << QStringLiteral("Wh") << qint64(42000) << true;
    QTest::newRow("huge register") << QStringLiteral("9000000000000") << QStringLiteral("Wh") << qint64(9000000000000000) << true;
    QTest::newRow("overflow") << QStringLiteral("99999999999999999") << QStringLiteral("kWh") << qint64(0) << false;
    QTest::newRow("text") << QStringLiteral("NaN") << QStringLiteral("Wh") << qint64(0) << false;
    QTest::newRow("empty") << QString() << QStringLiteral("Wh") << qint64(0) << false;
    QTest::newRow("two dots") << QStringLiteral("1.2.3") << QStringLiteral("Wh") << qint64(0) << false;
    QTest::newRow("comma") << QStringLiteral("1,5") << QStringLiteral("Wh") << qint64(0) << false;
}

void TestChargingValues::decimals()
{
    QFETCH(QString, text);
    QFETCH(QString, unit);
    QFETCH(qint64, milli);
    QFETCH(bool, valid);
    const auto parsed = toMilliUnits(text, unit);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, milli);
}

void TestChargingValues::units()
{
    QCOMPARE(normalizeUnit(u"kWh").unit, QStringLiteral("Wh"));
    QCOMPARE(normalizeUnit(u"kW").unit, QStringLiteral("W"));
    QCOMPARE(normalizeUnit(u"kvarh").unit, QStringLiteral("varh"));
    QCOMPARE(normalizeUnit(u"Celcius").unit, QStringLiteral("Celsius"));
    QCOMPARE(normalizeUnit(u"Percent").unit, QStringLiteral("Percent"));
    QCOMPARE(milliToWholeUnits(1234500), qint64(1235));
    QCOMPARE(milliToWholeUnits(1234499), qint64(1234));
    QCOMPARE(milliToWholeUnits(-1500), qint64(-2));
}

void TestChargingValues::meterValuePayload()
{
    const json payload = {
        {"connectorId", 2},
        {"transactionId", 77},
        {"meterValue",
         {{{"timestamp", "2024-05-01T12:00:00.250Z"},
           {"sampledValue",
            {{{"value", "12.5"}, {"unit", "kWh"}},
             {{"value", "7.2"}, {"measurand", "Power.Active.Import"}, {"unit", "kW"}},
             {{"value", "16"}, {"measurand", "Current.Import"}, {"phase", "L1"}, {"unit", "A"}},
             {{"value", "230.4"}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unit", "V"}},
             {{"value", "55"}, {"measurand", "SoC"}, {"location", "EV"}, {"unit", "Percent"}},
             {{"value", "ABCDEF"}, {"format", "SignedData"}},
             {{"value", "n/a"}, {"measurand", "Temperature"}}}}}}}};
    const auto report = v16::meterReport(payload);
    QVERIFY(report.ok());
    const MeterReport &r = report.value();
    QCOMPARE(r.connectorId, 2);
    QCOMPARE(r.transactionId, QStringLiteral("77"));
    QCOMPARE(r.readings.size(), 5);  // SignedData and the non-number skipped
    const MeterReading &energy = r.readings[0];
    QCOMPARE(energy.measurand, QStringLiteral("Energy.Active.Import.Register"));
    QCOMPARE(energy.unit, QStringLiteral("Wh"));
    QCOMPARE(energy.valueMilli, qint64(12500000));
    QCOMPARE(energy.context, QStringLiteral("Sample.Periodic"));
    QCOMPARE(energy.location, QStringLiteral("Outlet"));
    QCOMPARE(energy.stationTimeMs, qint64(1714564800250));
    QCOMPARE(r.readings[1].unit, QStringLiteral("W"));
    QCOMPARE(r.readings[1].valueMilli, qint64(7200000));
    QCOMPARE(r.readings[2].phase, QStringLiteral("L1"));
    QCOMPARE(r.readings[3].valueMilli, qint64(230400));
    QCOMPARE(r.readings[4].location, QStringLiteral("EV"));
    QCOMPARE(r.readings[4].valueMilli, qint64(55000));

    // Out-of-range integers are refused, not wrapped.
    QVERIFY(!v16::meterReport({{"connectorId", -1}, {"meterValue", json::array()}}).ok());
    QVERIFY(!v16::startRequest({{"connectorId", 1},
                                {"idTag", "T"},
                                {"meterStart", json(9223372036854775807LL)},
                                {"timestamp", "2024-05-01T12:00:00Z"}})
                 .ok());
}

void TestChargingValues::stopRequestDefaults()
{
    const auto stop = v16::stopRequest({{"transactionId", -1}, {"meterStop", 100}, {"timestamp", "2024-05-01T12:00:00Z"}});
    QVERIFY(stop.ok());
    QCOMPARE(stop.value().transactionId, QStringLiteral("-1"));
    QCOMPARE(stop.value().reason, QStringLiteral("Local"));  // 1.6: absent means Local
    QVERIFY(stop.value().idTag.isEmpty());
}

void TestChargingValues::statusNames()
{
    for (const auto s : {SessionStatus::Created, SessionStatus::Pending, SessionStatus::Starting, SessionStatus::Ongoing,
                         SessionStatus::PendingFinalPayment, SessionStatus::Finished, SessionStatus::Canceled,
                         SessionStatus::Failed, SessionStatus::FailedHold}) {
        QCOMPARE(sessionStatusFromName(sessionStatusName(s)), std::optional<SessionStatus>(s));
        QVERIFY(!ChargingText::describeSessionStatus(s).isEmpty());
    }
    QCOMPARE(sessionStatusName(SessionStatus::PendingFinalPayment), QStringLiteral("pending_final_payment"));
    QVERIFY(sessionStatusPriority(SessionStatus::Finished) > sessionStatusPriority(SessionStatus::Ongoing));
    QCOMPARE(registrationStatusFromName(QStringLiteral("garbage")), RegistrationStatus::Pending);
    QCOMPARE(authorizationStatusFromName(QStringLiteral("ConcurrentTx")), std::optional(AuthorizationStatus::ConcurrentTx));
    for (const char *reason : {"EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot",
                               "Remote", "SoftReset", "UnlockCommand", "DeAuthorized", "StationRebooted", "Superseded"})
        QVERIFY(ChargingText::describeStopReason(QString::fromLatin1(reason)) != QString::fromLatin1(reason));
}

QTEST_GUILESS_MAIN(TestChargingValues)
#include "tst_charging_values.moc"
