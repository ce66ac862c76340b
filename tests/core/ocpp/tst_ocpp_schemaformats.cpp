// The keywords checked outside valijson, with ocpp-rpc's semantics: ajv-formats 2.1.1
// "date-time" and "uri", and ocpp-rpc's float-tolerant multipleOf. Expected values were
// checked against ocpp-rpc 2.2.1 (node).

#include "core/ocpp/schemaformats.h"

#include <QTest>

using namespace cd::ocpp;

class TestSchemaFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dateTime_data();
    void dateTime();
    void uri_data();
    void uri();
    void multipleOf_data();
    void multipleOf();
};

void TestSchemaFormats::dateTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("UTC") << QStringLiteral("2024-05-01T12:00:00Z") << true;
    QTest::newRow("fraction, offset") << QStringLiteral("2024-05-01T12:00:00.123+02:00") << true;
    QTest::newRow("many fraction digits, lower z") << QStringLiteral("2020-01-01T00:00:00.123456789z") << true;
    QTest::newRow("lower-case t") << QStringLiteral("2020-01-01t00:00:00Z") << true;
    QTest::newRow("space separator") << QStringLiteral("2020-01-01 00:00:00Z") << true;
    QTest::newRow("NBSP separator") << (QStringLiteral("2020-01-01") + QChar(0xA0) + QStringLiteral("00:00:00Z"))
                                    << true;
    QTest::newRow("offset without colon") << QStringLiteral("2020-01-01T00:00:00+0200") << true;
    QTest::newRow("offset hours only") << QStringLiteral("2020-01-01T00:00:00+02") << true;
    QTest::newRow("offset not range-checked") << QStringLiteral("2020-01-01T00:00:00+99:99") << true;
    QTest::newRow("no zone (ajv-formats 2.1.1 accepts)") << QStringLiteral("2020-01-01T00:00:00") << true;
    QTest::newRow("leap second") << QStringLiteral("2020-01-01T23:59:60Z") << true;
    QTest::newRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z") << true;
    QTest::newRow("no leap day") << QStringLiteral("2023-02-29T00:00:00Z") << false;
    QTest::newRow("Feb 30") << QStringLiteral("2020-02-30T00:00:00Z") << false;
    QTest::newRow("month 13") << QStringLiteral("2024-13-01T00:00:00Z") << false;
    QTest::newRow("hour 24") << QStringLiteral("2020-01-01T24:00:00Z") << false;
    QTest::newRow("second 60 not at 23:59") << QStringLiteral("2020-01-01T12:00:60Z") << false;
    QTest::newRow("5-digit year") << QStringLiteral("20200-01-01T00:00:00Z") << false;
    QTest::newRow("date only") << QStringLiteral("2024-05-01") << false;
    QTest::newRow("no seconds") << QStringLiteral("2024-05-01 12:00") << false;
    QTest::newRow("two separators") << QStringLiteral("2024-05-01TT12:00:00Z") << false;
    QTest::newRow("empty fraction") << QStringLiteral("2024-05-01T12:00:00.Z") << false;
    QTest::newRow("dangling offset colon") << QStringLiteral("2024-05-01T12:00:00+02:") << false;
    QTest::newRow("unix time") << QStringLiteral("1714564800") << false;
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("\u0662\u0660\u0662\u0664-05-01T12:00:00Z") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("huge") << QString(100000, u'1') << false;
}

void TestSchemaFormats::dateTime()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(schemaformats::isDateTime(text), valid);
    QCOMPARE(schemaformats::matchesFormat(u"date-time", text), valid);
}

void TestSchemaFormats::uri_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("https") << QStringLiteral("https://fw.example.com/fw-1.2.4.bin") << true;
    QTest::newRow("ftp with userinfo") << QStringLiteral("ftp://user:pw@diag.example.com/uploads/") << true;
    QTest::newRow("port, query, fragment") << QStringLiteral("http://example.com:8080/a/b?x=1&y=%20#frag") << true;
    QTest::newRow("IPv4") << QStringLiteral("http://192.168.0.1/x") << true;
    QTest::newRow("IPv6") << QStringLiteral("http://[2001:db8::7]/c") << true;
    QTest::newRow("urn") << QStringLiteral("urn:example:animal:ferret:nose") << true;
    QTest::newRow("mailto") << QStringLiteral("mailto:ops@example.com") << true;
    QTest::newRow("upper-case scheme") << QStringLiteral("HTTPS://EXAMPLE.COM/") << true;
    QTest::newRow("relative") << QStringLiteral("fw.bin") << false;
    QTest::newRow("path only") << QStringLiteral("/fw.bin") << false;
    QTest::newRow("space") << QStringLiteral("not a uri") << false;
    QTest::newRow("space in path") << QStringLiteral("http://example.com/a b") << false;
    QTest::newRow("bad percent") << QStringLiteral("http://example.com/%zz") << false;
    QTest::newRow("scheme only") << QStringLiteral("http:") << false;
    QTest::newRow("digit-first scheme") << QStringLiteral("1http://x") << false;
    QTest::newRow("long") << (QStringLiteral("https://example.com/") + QString(200000, u'a')) << true;
}

void TestSchemaFormats::uri()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(schemaformats::isUri(text), valid);
}

void TestSchemaFormats::multipleOf_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("divisor");
    QTest::addColumn<bool>("valid");

    QTest::newRow("0.3 of 0.1") << 0.3 << 0.1 << true;  // a plain fmod() would say no
    QTest::newRow("11000 of 0.1") << 11000.0 << 0.1 << true;
    QTest::newRow("16.5 of 0.1") << 16.5 << 0.1 << true;
    QTest::newRow("0 of 0.1") << 0.0 << 0.1 << true;
    QTest::newRow("-7.7 of 0.1") << -7.7 << 0.1 << true;
    QTest::newRow("0.35 of 0.1") << 0.35 << 0.1 << false;
    QTest::newRow("16.05 of 0.1") << 16.05 << 0.1 << false;
    QTest::newRow("16.04 of 0.1") << 16.04 << 0.1 << false;
    QTest::newRow("1e300 of 0.1") << 1e300 << 0.1 << true;  // JavaScript agrees
}

void TestSchemaFormats::multipleOf()
{
    QFETCH(double, value);
    QFETCH(double, divisor);
    QFETCH(bool, valid);
    QCOMPARE(schemaformats::isMultipleOf(value, divisor), valid);
}

QTEST_GUILESS_MAIN(TestSchemaFormats)
#include "tst_ocpp_schemaformats.moc"
