// Station registry: BootNotification answers Accepted / Pending / Rejected per configuration,
// the registration gate (SecurityError until Accepted, except messages we triggered), unknown
// stations refused or auto-registered, Basic-auth admission with the Argon2id hash and its
// cache, identity and firmware history, heartbeat, online/offline.

#include "chargingtestsupport.h"

#include "core/auth/passwordhash.h"
#include "core/charging/v16/ocpp16adapter.h"
#include "core/ocpp/v16/actions.h"
#include "core/storage/stationeventrepository.h"
#include "core/storage/stationstaterepository.h"

#include <QThread>

using namespace cd;
using namespace cd::test;

namespace {

QStringList eventKinds(ChargingHarness &h, qint64 stationId)
{
    storage::StationEventFilter filter;
    filter.stationId = stationId;
    filter.fromMs = 0;
    auto events = storage::StationEventRepository(h.db()).list(filter);
    QStringList kinds;
    if (events) {
        for (const auto &e : *events)
            kinds << e.kind;
    }
    return kinds;
}

server::ConnectionRequest request(const QString &id, std::optional<QString> user = std::nullopt,
                                  std::optional<QByteArray> password = std::nullopt)
{
    server::ConnectionRequest r;
    r.chargePointId = id;
    r.basicUser = std::move(user);
    r.basicPassword = std::move(password);
    r.peer = QHostAddress::LocalHost;
    return r;
}

}  // namespace

class TestChargingRegistration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void everyStationActionHasAHandler();
    void bootAccepted();
    void bootPendingGatesOtherMessages();
    void triggeredMessageAllowedWhilePending();
    void bootRejected();
    void unknownStationRefused();
    void unknownStationAutoRegistered();
    void unknownStationAutoRegisteredPending();
    void basicAuthAdmission();
    void passwordChecksRunOffTheServerThread();
    void serverWidePasswordRequirement();
    void firmwareChangeIsRecorded();
    void heartbeatUpdatesLastSeen();
    void onlineAndOffline();
};

void TestChargingRegistration::everyStationActionHasAHandler()
{
    QStringList expected;
    for (const auto &info : ocpp::v16::actions()) {
        if (info.initiator != ocpp::Initiator::CentralSystem)
            expected << info.name.toString();
    }
    QStringList handled = charging::v16::handledActions();
    expected.sort();
    handled.sort();
    QCOMPARE(handled, expected);
}

void TestChargingRegistration::bootAccepted()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-A"));
    auto &link = h.connect(QStringLiteral("CP-A"));
    const Answer boot = h.boot(link, QStringLiteral("2.1.3"));
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Accepted"));
    QCOMPARE(boot.payload["interval"].get<int>(), 300);
    QCOMPARE(boot.payload["currentTime"].get<std::string>(), iso(kT0));

    auto state = storage::StationStateRepository(h.db()).findById(id);
    QVERIFY(state && state->has_value());
    const storage::StationState &s = **state;
    QCOMPARE(s.identity.vendor, QStringLiteral("Acme"));
    QCOMPARE(s.identity.model, QStringLiteral("AC22"));
    QCOMPARE(s.identity.serialNumber, QStringLiteral("SN-1"));
    QCOMPARE(s.identity.firmware, QStringLiteral("2.1.3"));
    QCOMPARE(s.lastBootMs, std::optional<qint64>(kT0));
    QCOMPARE(s.protocol, QStringLiteral("ocpp1.6"));
    QVERIFY(s.online());
    QCOMPARE(eventKinds(h, id), (QStringList{QStringLiteral("connected"), QStringLiteral("boot")}));

    // Accepted: the rest of the protocol works.
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));
}

void TestChargingRegistration::bootPendingGatesOtherMessages()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-P"), QStringLiteral("Pending"));
    auto &link = h.connect(QStringLiteral("CP-P"));
    const Answer boot = h.boot(link);
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Pending"));
    QCOMPARE(boot.payload["interval"].get<int>(), 60);

    const Answer heartbeat = callFrom(link, QStringLiteral("Heartbeat"), json::object());
    QVERIFY(heartbeat.answered);
    QCOMPARE(heartbeat.errorCode, QStringLiteral("SecurityError"));
    const Answer status = callFrom(link, QStringLiteral("StatusNotification"),
                                   {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}});
    QCOMPARE(status.errorCode, QStringLiteral("SecurityError"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM connector_status_history")).toInt(), 0);

    // A second boot is still processed while Pending.
    CD_ANSWER_OK(h.boot(link));

    // The operator accepts the station: the next messages are processed.
    QVERIFY(storage::Sql::run(h.db().connection(),
                              QStringLiteral("UPDATE stations SET registration_status = 'Accepted' WHERE charge_point_id = ?"),
                              {QStringLiteral("CP-P")})
                .ok());
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));
}

void TestChargingRegistration::triggeredMessageAllowedWhilePending()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-T"), QStringLiteral("Pending"));
    auto &link = h.connect(QStringLiteral("CP-T"));
    CD_ANSWER_OK(h.boot(link));
    link.station().setHandler(QStringLiteral("TriggerMessage"), [](const ocpp::IncomingCall &, const ocpp::Reply &reply) {
        reply.result({{"status", "Accepted"}});
    });
    bool triggered = false;
    link.endpoint().call(QStringLiteral("TriggerMessage"), {{"requestedMessage", "StatusNotification"}, {"connectorId", 1}},
                         [&](const ocpp::CallOutcome &o) { triggered = o.ok(); });
    QTRY_VERIFY(triggered);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                          {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}}));
    // Only what was asked for.
    QCOMPARE(callFrom(link, QStringLiteral("Heartbeat"), json::object()).errorCode, QStringLiteral("SecurityError"));
    // And only for a while.
    h.clock.advanceMs(61000);
    QCOMPARE(callFrom(link, QStringLiteral("StatusNotification"),
                      {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}})
                 .errorCode,
             QStringLiteral("SecurityError"));
}

void TestChargingRegistration::bootRejected()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-R"), QStringLiteral("Rejected"));
    auto &link = h.connect(QStringLiteral("CP-R"));
    const Answer boot = h.boot(link);
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Rejected"));
    QCOMPARE(boot.payload["interval"].get<int>(), 900);
    QCOMPARE(callFrom(link, QStringLiteral("Authorize"), {{"idTag", "TAG"}}).errorCode, QStringLiteral("SecurityError"));
    QCOMPARE(callFrom(link, QStringLiteral("StartTransaction"),
                      {{"connectorId", 1}, {"idTag", "TAG"}, {"meterStart", 0}, {"timestamp", iso(kT0)}})
                 .errorCode,
             QStringLiteral("SecurityError"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions")).toInt(), 0);
}

void TestChargingRegistration::unknownStationRefused()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    QCOMPARE(h.system->directory().admit(request(QStringLiteral("NEW-1"))), server::Admission::UnknownStation);
    QCOMPARE(h.system->directory().admit(request(QStringLiteral("bad/id"))), server::Admission::UnknownStation);
    QCOMPARE(h.system->directory().admit(request(QString(49, u'x'))), server::Admission::UnknownStation);

    // Connected anyway (a server that does not ask): nothing is registered, nothing accepted.
    auto &link = h.connect(QStringLiteral("NEW-1"));
    const Answer boot = h.boot(link);
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Rejected"));
    QCOMPARE(callFrom(link, QStringLiteral("Heartbeat"), json::object()).errorCode, QStringLiteral("SecurityError"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM stations")).toInt(), 0);
}

void TestChargingRegistration::unknownStationAutoRegistered()
{
    charging::ChargingOptions options;
    options.acceptUnknownStations = true;
    ChargingHarness h(options);
    CD_REQUIRE_HARNESS(h);
    QCOMPARE(h.system->directory().admit(request(QStringLiteral("LAB-7"))), server::Admission::Accept);
    auto &link = h.connect(QStringLiteral("LAB-7"));
    const Answer boot = h.boot(link);
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Accepted"));
    auto state = storage::StationStateRepository(h.db()).find(QStringLiteral("LAB-7"));
    QVERIFY(state && state->has_value());
    QCOMPARE((*state)->registrationStatus, QStringLiteral("Accepted"));
    QCOMPARE((*state)->identity.vendor, QStringLiteral("Acme"));
    QCOMPARE(eventKinds(h, (*state)->id).mid(0, 2), (QStringList{QStringLiteral("registered"), QStringLiteral("connected")}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));
    // Known now: admitted like any registered station.
    QCOMPARE(h.system->directory().admit(request(QStringLiteral("LAB-7"))), server::Admission::Accept);
}

void TestChargingRegistration::unknownStationAutoRegisteredPending()
{
    charging::ChargingOptions options;
    options.acceptUnknownStations = true;
    options.unknownStationRegistration = charging::RegistrationStatus::Pending;
    ChargingHarness h(options);
    CD_REQUIRE_HARNESS(h);
    auto &link = h.connect(QStringLiteral("LAB-8"));
    const Answer boot = h.boot(link);
    CD_ANSWER_OK(boot);
    QCOMPARE(QString::fromStdString(boot.payload["status"].get<std::string>()), QStringLiteral("Pending"));
    QCOMPARE(callFrom(link, QStringLiteral("Heartbeat"), json::object()).errorCode, QStringLiteral("SecurityError"));
}

void TestChargingRegistration::basicAuthAdmission()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-S"));
    h.addStation(QStringLiteral("CP-OPEN"));
    const QByteArray password = auth::PasswordHash::generateStationPassword(24);
    QVERIFY(auth::PasswordHash::isAcceptableStationPassword(password));
    auto hash = auth::PasswordHash::hash(password);
    QVERIFY(hash.ok());
    QVERIFY(!hash->contains(QString::fromLatin1(password)));
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(QStringLiteral("CP-S"), 1, *hash).ok());

    auto &directory = h.system->directory();
    const QString id = QStringLiteral("CP-S");
    QCOMPARE(directory.admit(request(id)), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(id, QStringLiteral("CP-OTHER"), password)), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(id, id, QByteArray("wrong-password-123"))), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(id, id, password)), server::Admission::Accept);
    // A reconnect storm: the verified password is remembered, no second Argon2 run.
    const quint64 runs = directory.verifier().stats().hashVerifications;
    for (int i = 0; i < 50; ++i)
        QCOMPARE(directory.admit(request(id, id, password)), server::Admission::Accept);
    QCOMPARE(directory.verifier().stats().hashVerifications, runs);
    QCOMPARE(directory.verifier().stats().acceptedFromCache, quint64(50));
    // The same wrong password again: refused from the cache too.
    QCOMPARE(directory.admit(request(id, id, QByteArray("wrong-password-123"))), server::Admission::Unauthorized);
    QCOMPARE(directory.verifier().stats().hashVerifications, runs);

    // A changed password: the old one no longer opens the door.
    auto rotated = auth::PasswordHash::hash(QByteArray("another-password-4567"));
    QVERIFY(rotated.ok());
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(id, 1, *rotated).ok());
    QCOMPARE(directory.admit(request(id, id, password)), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(id, id, QByteArray("another-password-4567"))), server::Admission::Accept);

    // Profile 0 without a password (a lab): no credentials needed.
    QCOMPARE(directory.admit(request(QStringLiteral("CP-OPEN"))), server::Admission::Accept);
    // Profile 1 without a password set: nobody can log in.
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(QStringLiteral("CP-OPEN"), 1, QString()).ok());
    QCOMPARE(directory.admit(request(QStringLiteral("CP-OPEN"), QStringLiteral("CP-OPEN"), QByteArray("whatever-1234567"))),
             server::Admission::Unauthorized);
    // Profile 2 needs TLS.
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(id, 2, *rotated).ok());
    QCOMPARE(directory.admit(request(id, id, QByteArray("another-password-4567"))), server::Admission::Unauthorized);

    // A verified client certificate whose CN is the station id (server profile 3) identifies the
    // station without its password; another CN does not.
    server::ConnectionRequest certified = request(id);
    certified.tls = true;
    certified.clientCertificateCn = id;
    QCOMPARE(directory.admit(certified), server::Admission::Accept);
    certified.clientCertificateCn = QStringLiteral("CP-OTHER");
    QCOMPARE(directory.admit(certified), server::Admission::Unauthorized);
}

void TestChargingRegistration::passwordChecksRunOffTheServerThread()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const QString id = QStringLiteral("CP-ASYNC");
    h.addStation(id);
    h.addStation(QStringLiteral("CP-OPEN"));
    const QByteArray password("async-password-12345");
    auto hash = auth::PasswordHash::hash(password);
    QVERIFY(hash.ok());
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(id, 1, *hash).ok());
    auto &directory = h.system->directory();

    struct Answer {
        std::optional<server::Admission> admission;
        bool returned = false;  // admitAsync() has returned
        bool answeredBeforeReturn = false;
        QThread *thread = nullptr;
    };
    const auto ask = [&directory](const server::ConnectionRequest &r, QObject *context, Answer &answer) {
        directory.admitAsync(r, context, [&answer](server::Admission a) {
            answer.admission = a;
            answer.answeredBeforeReturn = !answer.returned;
            answer.thread = QThread::currentThread();
        });
        answer.returned = true;
    };

    // Decided without a hash: at once.
    QObject context;
    Answer open;
    ask(request(QStringLiteral("CP-OPEN")), &context, open);
    QCOMPARE(open.admission, server::Admission::Accept);
    QVERIFY(open.answeredBeforeReturn);
    Answer unknown;
    ask(request(QStringLiteral("CP-NOBODY")), &context, unknown);
    QCOMPARE(unknown.admission, server::Admission::UnknownStation);

    // An Argon2 check: the call returns first, the answer arrives on this thread later.
    const quint64 runsBefore = directory.verifier().stats().hashVerifications;
    Answer right;
    Answer wrong;
    ask(request(id, id, password), &context, right);
    ask(request(id, id, QByteArray("not-the-password-999")), &context, wrong);
    QVERIFY(!right.admission && !wrong.admission);
    QTRY_VERIFY_WITH_TIMEOUT(right.admission && wrong.admission, 30000);
    QVERIFY(!right.answeredBeforeReturn && !wrong.answeredBeforeReturn);
    QCOMPARE(right.admission, server::Admission::Accept);
    QCOMPARE(wrong.admission, server::Admission::Unauthorized);
    QCOMPARE(right.thread, QThread::currentThread());
    QCOMPARE(directory.verifier().stats().hashVerifications, runsBefore + 2);

    // Remembered now: answered at once, no Argon2.
    Answer again;
    ask(request(id, id, password), &context, again);
    QCOMPARE(again.admission, server::Admission::Accept);
    QVERIFY(again.answeredBeforeReturn);
    QCOMPARE(directory.verifier().stats().hashVerifications, runsBefore + 2);

    // The connection is gone before the check ends: no answer, nothing dangling.
    const QByteArray other("yet-another-password-77");
    Answer orphan;
    {
        QObject gone;
        ask(request(id, id, other), &gone, orphan);
    }
    QTRY_COMPARE_WITH_TIMEOUT(directory.verifier().stats().hashVerifications, runsBefore + 3, 30000);
    QTest::qWait(50);  // let a (wrong) queued answer arrive, if one were sent
    QVERIFY(!orphan.admission);
}

void TestChargingRegistration::serverWidePasswordRequirement()
{
    charging::ChargingOptions options;
    options.requireStationPassword = true;  // the server runs security profile 1
    ChargingHarness h(options);
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-NOPASS"));
    h.addStation(QStringLiteral("CP-PASS"));
    auto hash = auth::PasswordHash::hash(QByteArray("station-password-42"));
    QVERIFY(hash.ok());
    QVERIFY(storage::StationStateRepository(h.db()).setCredentials(QStringLiteral("CP-PASS"), 0, *hash).ok());
    auto &directory = h.system->directory();
    // Profile 0 on the station row does not open the door when the server requires passwords.
    QCOMPARE(directory.admit(request(QStringLiteral("CP-NOPASS"))), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(QStringLiteral("CP-NOPASS"), QStringLiteral("CP-NOPASS"), QByteArray("anything-at-all-1"))),
             server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(QStringLiteral("CP-PASS"))), server::Admission::Unauthorized);
    QCOMPARE(directory.admit(request(QStringLiteral("CP-PASS"), QStringLiteral("CP-PASS"), QByteArray("station-password-42"))),
             server::Admission::Accept);
}

void TestChargingRegistration::firmwareChangeIsRecorded()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-F"));
    auto &link = h.connect(QStringLiteral("CP-F"));
    CD_ANSWER_OK(h.boot(link, QStringLiteral("1.0")));
    h.clock.advanceMs(60000);
    CD_ANSWER_OK(h.boot(link, QStringLiteral("1.0")));
    h.clock.advanceMs(60000);
    CD_ANSWER_OK(h.boot(link, QStringLiteral("1.1")));
    storage::StationEventFilter filter;
    filter.stationId = id;
    filter.kind = QStringLiteral("firmware_changed");
    auto changes = storage::StationEventRepository(h.db()).list(filter);
    QVERIFY(changes.ok());
    QCOMPARE(changes->size(), 1);
    const json detail = json::parse(changes->first().detail.toStdString());
    QCOMPARE(detail["from"].get<std::string>(), std::string("1.0"));
    QCOMPARE(detail["to"].get<std::string>(), std::string("1.1"));
    QCOMPARE(changes->first().atMs, kT0 + 120000);
    QCOMPARE(h.scalar(QStringLiteral("SELECT firmware FROM stations WHERE id = ?"), {id}).toString(), QStringLiteral("1.1"));
    QCOMPARE(eventKinds(h, id).count(QStringLiteral("boot")), 3);
}

void TestChargingRegistration::heartbeatUpdatesLastSeen()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-H"));
    auto &link = h.connect(QStringLiteral("CP-H"));
    CD_ANSWER_OK(h.boot(link));
    h.clock.advanceMs(300123);
    const Answer hb = callFrom(link, QStringLiteral("Heartbeat"), json::object());
    CD_ANSWER_OK(hb);
    QCOMPARE(hb.payload["currentTime"].get<std::string>(), iso(kT0 + 300123));
    QCOMPARE(h.scalar(QStringLiteral("SELECT last_heartbeat_ms FROM stations WHERE id = ?"), {id}).toLongLong(),
             kT0 + 300123);
}

void TestChargingRegistration::onlineAndOffline()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-O"));
    auto &first = h.connect(QStringLiteral("CP-O"), kT0);
    CD_ANSWER_OK(h.boot(first));
    QCOMPARE(h.scalar(QStringLiteral("SELECT connected_since_ms FROM stations WHERE id = ?"), {id}).toLongLong(), kT0);

    // A second connection replaces the first; the first one's close must not mark it offline.
    h.clock.advanceMs(1000);
    auto &second = h.connect(QStringLiteral("CP-O"), kT0 + 1000);
    CD_ANSWER_OK(callFrom(second, QStringLiteral("Heartbeat"), json::object()));
    h.disconnect(first, QStringLiteral("replaced"));
    h.idle();
    QCOMPARE(h.scalar(QStringLiteral("SELECT connected_since_ms FROM stations WHERE id = ?"), {id}).toLongLong(),
             kT0 + 1000);

    h.clock.advanceMs(5000);
    h.disconnect(second, QStringLiteral("ping timeout"));
    h.idle();
    QVERIFY(h.scalar(QStringLiteral("SELECT connected_since_ms FROM stations WHERE id = ?"), {id}).isNull());
    QCOMPARE(h.scalar(QStringLiteral("SELECT disconnected_ms FROM stations WHERE id = ?"), {id}).toLongLong(), kT0 + 6000);
    QCOMPARE(eventKinds(h, id).count(QStringLiteral("disconnected")), 2);
}

QTEST_GUILESS_MAIN(TestChargingRegistration)
#include "tst_charging_registration.moc"
