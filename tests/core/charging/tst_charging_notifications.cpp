// The remaining station→server messages: DataTransfer (UnknownVendorId unless a vendor handler
// is registered), DiagnosticsStatusNotification, FirmwareStatusNotification, the security
// extension's SecurityEventNotification, LogStatusNotification,
// SignedFirmwareStatusNotification and SignCertificate (Rejected unless configured): answered
// as the schemas require and kept on the station timeline.

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"

using namespace cd;
using namespace cd::test;

namespace {

QStringList kinds(ChargingHarness &h, const QString &station)
{
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto events = queries.stationEvents(station);
    QStringList out;
    if (events) {
        for (const auto &e : *events)
            out << e.kind;
    }
    return out;
}

}  // namespace

class TestChargingNotifications : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void dataTransfer();
    void statusNotifications();
    void signCertificate();
    void signCertificateAcceptedWhenConfigured();
};

void TestChargingNotifications::dataTransfer()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer unknown = callFrom(link, QStringLiteral("DataTransfer"), {{"vendorId", "com.example"}, {"data", "x"}});
    CD_ANSWER_OK(unknown);
    QCOMPARE(unknown.payload["status"].get<std::string>(), std::string("UnknownVendorId"));

    QString seenBy;
    h.system->service().setDataTransferHandler(
        QStringLiteral("com.acme"),
        [&seenBy](const charging::StationRef &station, const charging::DataTransferRequest &request)
            -> Expected<charging::DataTransferResult> {
            seenBy = station.chargePointId + u'/' + request.messageId;
            if (request.messageId != u"Price")
                return charging::DataTransferResult{charging::DataTransferStatus::UnknownMessageId, {}};
            return charging::DataTransferResult{charging::DataTransferStatus::Accepted, QStringLiteral("0.35")};
        });
    const Answer price = callFrom(link, QStringLiteral("DataTransfer"), {{"vendorId", "com.acme"}, {"messageId", "Price"}});
    CD_ANSWER_OK(price);
    QCOMPARE(price.payload["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(price.payload["data"].get<std::string>(), std::string("0.35"));
    QCOMPARE(seenBy, QStringLiteral("CP-1/Price"));
    const Answer other = callFrom(link, QStringLiteral("DataTransfer"), {{"vendorId", "com.acme"}, {"messageId", "Other"}});
    CD_ANSWER_OK(other);
    QCOMPARE(other.payload["status"].get<std::string>(), std::string("UnknownMessageId"));
    QVERIFY(!other.payload.contains("data"));
}

void TestChargingNotifications::statusNotifications()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("DiagnosticsStatusNotification"), {{"status", "Uploaded"}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("FirmwareStatusNotification"), {{"status", "Installing"}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("LogStatusNotification"), {{"status", "Uploading"}, {"requestId", 7}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("SignedFirmwareStatusNotification"),
                          {{"status", "InvalidSignature"}, {"requestId", 8}}));
    const Answer security = callFrom(link, QStringLiteral("SecurityEventNotification"),
                                     {{"type", "InvalidCentralSystemCertificate"},
                                      {"timestamp", "2023-11-14T22:10:00.250Z"},
                                      {"techInfo", "cert expired"}});
    CD_ANSWER_OK(security);
    QVERIFY(security.payload == json::object());
    QCOMPARE(kinds(h, QStringLiteral("CP-1")),
             (QStringList{QStringLiteral("connected"), QStringLiteral("boot"), QStringLiteral("diagnostics_status"),
                          QStringLiteral("firmware_status"), QStringLiteral("log_status"),
                          QStringLiteral("signed_firmware_status"), QStringLiteral("security_event")}));
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto events = queries.stationEvents(QStringLiteral("CP-1"), QStringLiteral("security_event"));
    QVERIFY(events.ok() && events->size() == 1);
    QCOMPARE(events->first().stationAtMs, charging::parseTimestampMs(u"2023-11-14T22:10:00.250Z"));
    const json detail = json::parse(events->first().detail.toStdString());
    QCOMPARE(detail["type"].get<std::string>(), std::string("InvalidCentralSystemCertificate"));
    QCOMPARE(detail["techInfo"].get<std::string>(), std::string("cert expired"));
    auto log = queries.stationEvents(QStringLiteral("CP-1"), QStringLiteral("log_status"));
    QVERIFY(log.ok() && log->size() == 1);
    QCOMPARE(json::parse(log->first().detail.toStdString())["requestId"].get<int>(), 7);
}

void TestChargingNotifications::signCertificate()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer a = callFrom(link, QStringLiteral("SignCertificate"), {{"csr", "-----BEGIN CERTIFICATE REQUEST-----"}});
    CD_ANSWER_OK(a);
    QCOMPARE(a.payload["status"].get<std::string>(), std::string("Rejected"));
    QVERIFY(kinds(h, QStringLiteral("CP-1")).contains(QStringLiteral("sign_certificate")));
}

void TestChargingNotifications::signCertificateAcceptedWhenConfigured()
{
    charging::ChargingOptions options;
    options.acceptCertificateSigningRequests = true;
    ChargingHarness h(options);
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer a = callFrom(link, QStringLiteral("SignCertificate"), {{"csr", "-----BEGIN CERTIFICATE REQUEST-----"}});
    CD_ANSWER_OK(a);
    QCOMPARE(a.payload["status"].get<std::string>(), std::string("Accepted"));
}

QTEST_GUILESS_MAIN(TestChargingNotifications)
#include "tst_charging_notifications.moc"
