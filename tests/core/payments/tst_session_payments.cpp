// Payment holds in the session lifecycle, end to end: the real station server (ServerRuntime on
// loopback, real WebSockets), real 1.6 and 2.0.1 stations speaking hand-written OCPP-J frames, the
// database of the backend under test (SQLCipher file or PostgreSQL), the manual gateway or the HTTP
// gateway against the Stripe-shaped test server, and the gateway's webhook on the station listener.
//
// A session the station starts gets a hold (journaled first); at its stop the priced amount is
// captured and the rest released, the session finished; 0 Wh releases it; a balance at its
// threshold gets a RemoteStop and a station that keeps charging after accepting it is caught; the
// webhook checks signatures, bounds, replays and keeps a report that comes before the card token;
// a hold whose answer was lost before a crash is sent again with the same key after the restart,
// also when the key comes from the (asynchronous) keychain.

#include "core/accounts/accountservice.h"
#include "core/anomalies/correctionengine.h"
#include "core/billing/billrepository.h"
#include "core/charging/idtagadmin.h"
#include "core/commands/commandqueue.h"
#include "core/payments/holdrepository.h"
#include "core/payments/holdservice.h"
#include "core/payments/httpgateway.h"
#include "core/payments/paymentruntime.h"
#include "core/payments/secretstore.h"
#include "core/payments/webhookendpoint.h"
#include "core/refunds/refundservice.h"
#include "core/runtime/serverruntime.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "stripetestserver.h"
#include "support/ocpptestclient.h"
#include "support/testdatabase.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace cd;
using namespace Qt::StringLiterals;
using nlohmann::json;

namespace {

const QString kCard = u"PAY-CARD"_s;
const char *kKeyVariable = "CD_TST_SESSION_PAYMENTS_KEY";
const char *kWebhookVariable = "CD_TST_SESSION_PAYMENTS_WHSEC";
const QByteArray kWebhookSecret = "whsec_test_chargedesk";

std::string iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

std::string nowIso()
{
    return iso(QDateTime::currentMSecsSinceEpoch());
}

// A station on the real server: hand-written frames, answers awaited.
class Station {
public:
    Station(quint16 port, const QString &id, const QString &subprotocol)
    {
        QObject::connect(&client, &test::OcppTestClient::result, &client,
                         [this](const QString &messageId, const json &payload) { results[messageId] = payload; });
        QObject::connect(&client, &test::OcppTestClient::error, &client,
                         [this](const QString &messageId, const QString &code, const QString &) { errors[messageId] = code; });
        client.open(QUrl(u"ws://127.0.0.1:%1/ocpp/%2"_s.arg(port).arg(id)), subprotocol);
    }
    bool waitOpen() { return QTest::qWaitFor([this] { return client.isOpen(); }, 10000); }
    // The CALLRESULT payload; null on CALLERROR or timeout.
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

json sample16(qint64 wh)
{
    return json::array({{{"timestamp", nowIso()},
                         {"sampledValue",
                          json::array({{{"value", std::to_string(wh)},
                                        {"measurand", "Energy.Active.Import.Register"},
                                        {"unit", "Wh"}}})}}});
}

json meterValue201(qint64 wh)
{
    return json::array({{{"timestamp", nowIso()},
                         {"sampledValue",
                          json::array({{{"value", wh}, {"measurand", "Energy.Active.Import.Register"}}})}}});
}

// Answers reads after a delay, as a keychain does; knows one secret per name.
class SlowKeychain final : public payments::SecretStore {
public:
    QHash<QString, QString> secrets;
    int delayMs = 300;
    int reads = 0;
    void read(const QString &name, ReadDone done) override
    {
        ++reads;
        QTimer::singleShot(delayMs, this, [this, name, done] { done(secrets.value(name)); });
    }
    void write(const QString &name, const QString &secret, WriteDone done) override
    {
        secrets.insert(name, secret);
        done({});
    }
    void remove(const QString &name, WriteDone done) override
    {
        secrets.remove(name);
        done({});
    }
};

struct Answer {
    int status = 0;
    QByteArray body;
};

// One HTTP request to the station listener, the answer read until the server closes.
Answer post(quint16 port, const QByteArray &path, const QByteArray &body, const QByteArray &signature,
            std::optional<qint64> contentLength = std::nullopt)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!signature.isEmpty())
        request += "Stripe-Signature: " + signature + "\r\n";
    request += "Content-Length: " + QByteArray::number(contentLength.value_or(body.size())) + "\r\n\r\n";
    request += body;
    socket.write(request);
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    received += socket.readAll();
    Answer a;
    const QList<QByteArray> statusLine = received.left(received.indexOf("\r\n")).split(' ');
    a.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    a.body = received.mid(received.indexOf("\r\n\r\n") + 4);
    return a;
}

QByteArray signNow(const QByteArray &body, qint64 offsetSeconds = 0)
{
    return payments::WebhookSignature::sign(kWebhookSecret, body, QDateTime::currentSecsSinceEpoch() + offsetSeconds);
}

}  // namespace

class TestSessionPayments : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_fixture;
    std::unique_ptr<test::StripeTestServer> m_stripe;

    storage::Database &db() { return m_fixture->db(); }

    // The card (of a member with `balance` and `threshold` when given) and a global tariff of
    // 100 + 20 per kWh in UAH.
    void prepare(std::optional<qint64> balance = std::nullopt, qint64 threshold = 0)
    {
        storage::IdTag tag;
        tag.idTag = kCard;
        tag.maxConcurrentSessions = 10;
        if (balance) {
            auto member = storage::Sql::run(db().connection(),
                                            u"INSERT INTO members (name, balance_minor, auto_stop_threshold_minor, created_ms) "
                                            "VALUES ('Tolik', ?, ?, 0)"_s,
                                            {*balance, threshold});
            QVERIFY(member);
            auto id = storage::Sql::run(db().connection(), u"SELECT MAX(id) FROM members"_s, {});
            QVERIFY(id && id->next());
            tag.memberId = id->value(0).toLongLong();
        }
        QVERIFY(charging::IdTagAdmin(db(), u"test"_s).add(tag, u"payments"_s));
        QVERIFY(storage::Sql::run(db().connection(),
                                  u"INSERT INTO tariffs (name, scope_type, version, valid_from_ms, currency, "
                                  "energy_price_minor_per_kwh, service_fee_minor_per_kwh, created_by, created_ms) "
                                  "VALUES ('flat', 'global', 1, 0, 'UAH', 100, 20, 'test', 0)"_s,
                                  {}));
    }

    runtime::RuntimeOptions options(bool http, qint64 holdAmount)
    {
        runtime::RuntimeOptions o;
        o.address = QHostAddress::LocalHost;
        o.port = 0;
        o.server.securityProfile = server::SecurityProfile::None;
        o.charging.acceptUnknownStations = true;
        o.payments.settings.holdAmountMinor = holdAmount;
        o.payments.sessions.guardInterval = std::chrono::milliseconds(0);
        o.payments.sessions.sweepInterval = std::chrono::milliseconds(0);
        o.payments.sessions.stopGraceMs = 0;
        if (http) {
            o.payments.settings.gateway = payments::PaymentSettings::Gateway::Http;
            o.payments.settings.baseUrl = m_stripe->baseUrl();
            o.payments.settings.timeoutSeconds = 3;
            o.payments.key = payments::SecretSource::environment(QString::fromLatin1(kKeyVariable));
            o.payments.webhookSecret = payments::SecretSource::environment(QString::fromLatin1(kWebhookVariable));
        }
        return o;
    }

    std::unique_ptr<runtime::ServerRuntime> startRuntime(runtime::RuntimeOptions o, payments::SecretStore *keychain = nullptr)
    {
        auto r = std::make_unique<runtime::ServerRuntime>(m_fixture->shared(), std::move(o), nullptr, keychain);
        const Status started = r->start();
        if (!started)
            qWarning("runtime: %s", qPrintable(started.error().message));
        return started ? std::move(r) : nullptr;
    }

    storage::Session session(qint64 id)
    {
        auto s = storage::SessionRepository(db()).find(id);
        return s && s->has_value() ? **s : storage::Session();
    }

    QList<payments::PaymentHold> holdsOf(qint64 sessionId)
    {
        auto h = payments::HoldRepository(db()).holdsOfSession(sessionId);
        return h ? *h : QList<payments::PaymentHold>();
    }

    QStringList eventKinds(qint64 sessionId)
    {
        QStringList kinds;
        auto events = storage::SessionRepository(db()).events(sessionId);
        if (events) {
            for (const storage::SessionEvent &e : *events)
                kinds << e.kind;
        }
        return kinds;
    }

    QList<storage::SessionEvent> events(qint64 sessionId, const QString &kind)
    {
        QList<storage::SessionEvent> out;
        auto all = storage::SessionRepository(db()).events(sessionId);
        if (all) {
            for (const storage::SessionEvent &e : *all)
                if (e.kind == kind)
                    out << e;
        }
        return out;
    }

    // 1.6: boot, start with `meterStart`; the session id.
    qint64 start16(Station &station, qint64 meterStart, qint64 *transactionId)
    {
        const json boot = station.call(u"BootNotification"_s, {{"chargePointVendor", "Test"}, {"chargePointModel", "P1"}});
        if (boot.value("status", "") != "Accepted")
            return 0;
        const json started = station.call(u"StartTransaction"_s, {{"connectorId", 1},
                                                                  {"idTag", kCard.toStdString()},
                                                                  {"meterStart", meterStart},
                                                                  {"timestamp", nowIso()}});
        if (!started.is_object() || started["idTagInfo"].value("status", "") != "Accepted")
            return 0;
        *transactionId = started["transactionId"].get<qint64>();
        auto s = storage::SessionRepository(db()).findByTransaction(stationIdOf(u"P16"_s), QString::number(*transactionId));
        return s && s->has_value() ? (**s).id : 0;
    }

    QString stopState()
    {
        auto q = storage::Sql::run(db().connection(), u"SELECT state FROM commands WHERE action = 'RemoteStopTransaction'"_s, {});
        return q && q->next() ? q->value(0).toString() : QString();
    }

    qint64 stationIdOf(const QString &chargePointId)
    {
        auto q = storage::Sql::run(db().connection(), u"SELECT id FROM stations WHERE charge_point_id = ?"_s, {chargePointId});
        return q && q->next() ? q->value(0).toLongLong() : 0;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv(kKeyVariable, test::StripeTestServer::kGoodKey);
        qputenv(kWebhookVariable, kWebhookSecret);
    }

    void init()
    {
        m_fixture = std::make_unique<test::TestDatabase>();
        m_stripe = std::make_unique<test::StripeTestServer>();
        QVERIFY(m_stripe->listen());
    }

    void cleanup()
    {
        m_stripe.reset();
        m_fixture.reset();
    }

    // chargedesk-server's secret options, the 0600 rule of a secret file, and a server with the
    // HTTP gateway but no key: it does not start, and says why.
    void secretsFromTheCommandLine()
    {
        QCommandLineParser parser;
        runtime::RuntimeCommandLine::addTo(parser);
        QVERIFY(parser.parse({u"server"_s, u"--payment-key-file"_s, u"/etc/cd/gateway.key"_s,
                              u"--payment-webhook-secret-env"_s, u"CD_WHSEC"_s}));
        auto parsed = runtime::RuntimeCommandLine::read(parser);
        QVERIFY(parsed);
        QVERIFY(parsed->payments.key == payments::SecretSource::file(u"/etc/cd/gateway.key"_s));
        QVERIFY(parsed->payments.webhookSecret == payments::SecretSource::environment(u"CD_WHSEC"_s));
        QVERIFY(!runtime::RuntimeCommandLine::anyGiven(parser));  // no station server setting overridden

        QCommandLineParser both;
        runtime::RuntimeCommandLine::addTo(both);
        QVERIFY(both.parse({u"server"_s, u"--payment-key-file"_s, u"/k"_s, u"--payment-key-env"_s, u"K"_s}));
        QVERIFY(!runtime::RuntimeCommandLine::read(both));

        QTemporaryDir dir;
        const QString path = dir.filePath(u"gateway.key"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("sk_test_from_file\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        auto readable = payments::PaymentSecrets::read(payments::SecretSource::file(path));
        QVERIFY(!readable);
        QVERIFY2(readable.error().message.contains(u"chmod 600"_s), qPrintable(readable.error().message));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto secret = payments::PaymentSecrets::read(payments::SecretSource::file(path));
        QVERIFY(secret);
        QCOMPARE(*secret, u"sk_test_from_file"_s);
        QVERIFY(!payments::PaymentSecrets::read(payments::SecretSource::environment(u"CD_TST_NOT_SET_ANYWHERE"_s)));

        CD_REQUIRE_DB(*m_fixture);
        runtime::RuntimeOptions o = options(true, 1000);
        o.payments.key = {};
        runtime::ServerRuntime noKey(m_fixture->shared(), o);
        const Status started = noKey.start();
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(u"--payment-key-file"_s), qPrintable(started.error().message));
    }

    // 1.6, manual gateway: the hold is journaled and held at the start; the stop captures the priced
    // amount (5000 Wh × 1.20 = 6.00), releases the rest of the 10.00, and finishes the session.
    void ocpp16SessionCapturesThePricedAmount()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        auto runtime = startRuntime(options(false, 1000));
        QVERIFY(runtime);
        Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
        QVERIFY(station.waitOpen());
        qint64 tx = 0;
        const qint64 sessionId = start16(station, 1000, &tx);
        QVERIFY(sessionId > 0);

        // Journaled, then held (the manual gateway answers at once).
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).holdStatus, u"hold"_s, 10000);
        QList<payments::PaymentHold> holds = holdsOf(sessionId);
        QCOMPARE(holds.size(), 1);
        QCOMPARE(holds[0].amountMinor, 1000);
        QCOMPARE(holds[0].currency, u"UAH"_s);
        auto calls = payments::HoldRepository(db()).callsOfHold(holds[0].id);
        QVERIFY(calls && calls->size() == 1);
        QCOMPARE(calls->at(0).operation, payments::Operation::Hold);
        QCOMPARE(calls->at(0).state, payments::PaymentCall::State::Done);
        QVERIFY(!calls->at(0).idempotencyKey.isEmpty());
        QCOMPARE(session(sessionId).paymentStatus, u"authorised"_s);

        QVERIFY(station.call(u"MeterValues"_s, {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", sample16(3500)}})
                    .is_object());
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).amountMinor, 300, 10000);  // the running total: 2500 Wh

        QVERIFY(station.call(u"StopTransaction"_s, {{"transactionId", tx}, {"meterStop", 6000}, {"timestamp", nowIso()},
                                                    {"reason", "Local"}})
                    .is_object());
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).status, u"finished"_s, 10000);
        const storage::Session s = session(sessionId);
        QCOMPARE(s.energyWh, 5000);
        QCOMPARE(s.amountMinor, 600);
        QCOMPARE(s.holdStatus, u"success"_s);
        QCOMPARE(s.paymentStatus, u"paid"_s);
        holds = holdsOf(sessionId);
        QCOMPARE(holds[0].capturedMinor, 600);
        QCOMPARE(holds[0].amountMinor - holds[0].capturedMinor, 400);  // released

        // The session log tells it in order.
        const QStringList kinds = eventKinds(sessionId);
        const qsizetype held = kinds.indexOf(u"hold_status"_s);
        const qsizetype stopped = kinds.indexOf(u"stopped"_s);
        const qsizetype priced = kinds.indexOf(u"payment_priced"_s);
        QVERIFY2(held >= 0 && stopped > held && priced > stopped, qPrintable(kinds.join(u',')));
        QCOMPARE(events(sessionId, u"hold_status"_s).size(), 3);  // created, hold, success
        const auto statuses = events(sessionId, u"status"_s);
        QVERIFY(statuses.size() >= 2);
        QVERIFY2(statuses.last().detail.contains(u"\"to\":\"finished\""_s), qPrintable(statuses.last().detail));
        QVERIFY(statuses.at(statuses.size() - 2).detail.contains(u"pending_final_payment"_s));
        // Audited: the hold, the capture, the price and the settled status.
        auto audit = storage::AuditLogRepository(db()).latest(100);
        QVERIFY(audit);
        QStringList actions;
        for (const storage::AuditEntry &e : *audit)
            actions << e.action;
        for (const QString &a : {u"payment.hold.create"_s, u"payment.capture"_s, u"session.priced"_s, u"session.payment_settled"_s})
            QVERIFY2(actions.contains(a), qPrintable(a + u" not in "_s + actions.join(u',')));
    }

    // 0 Wh: nothing priced, the whole hold released, the session canceled.
    void zeroEnergyReleasesTheHold()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        auto runtime = startRuntime(options(false, 1000));
        QVERIFY(runtime);
        Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
        QVERIFY(station.waitOpen());
        qint64 tx = 0;
        const qint64 sessionId = start16(station, 2000, &tx);
        QVERIFY(sessionId > 0);
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).holdStatus, u"hold"_s, 10000);
        QVERIFY(station.call(u"StopTransaction"_s, {{"transactionId", tx}, {"meterStop", 2000}, {"timestamp", nowIso()},
                                                    {"reason", "EVDisconnected"}})
                    .is_object());
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).holdStatus, u"released"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).status, u"canceled"_s, 10000);
        QCOMPARE(session(sessionId).paymentStatus, u"released"_s);
        QCOMPARE(holdsOf(sessionId).at(0).capturedMinor, 0);
    }

    // Issue #6 gap 2: under "hold until corrected" an anomalous bill keeps its card hold authorised
    // (payments hear of the stop before billing: the capture waits for the bill, then sees it held),
    // recorded once and audited; the correction of the bill captures the corrected total, releases
    // the rest, and the session is finished.
    void heldBillKeepsTheCardHoldUntilCorrected()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        // The station belongs to a sub-operator that holds anomalous bills until they are corrected.
        auto op = storage::Sql::run(db().connection(),
                                    u"INSERT INTO sub_operators (name, settlement_mode, created_ms) "
                                    "VALUES ('Igo', 'hold_until_corrected', 0)"_s,
                                    {});
        QVERIFY(op);
        auto site = storage::Sql::run(db().connection(),
                                      u"INSERT INTO sites (name, sub_operator_id, created_ms) "
                                      "SELECT 'Depot', MAX(id), 0 FROM sub_operators"_s,
                                      {});
        QVERIFY(site);
        auto runtime = startRuntime(options(false, 1000));
        QVERIFY(runtime);
        Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
        QVERIFY(station.waitOpen());
        qint64 tx = 0;
        const qint64 sessionId = start16(station, 1000, &tx);
        QVERIFY(sessionId > 0);
        QVERIFY(storage::Sql::run(db().connection(),
                                  u"UPDATE stations SET site_id = (SELECT MAX(id) FROM sites) WHERE charge_point_id = 'P16'"_s, {}));
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).holdStatus, u"hold"_s, 10000);
        // 5 kWh within a second: no charger delivers that (code 4), so the bill is held.
        QVERIFY(station.call(u"StopTransaction"_s, {{"transactionId", tx}, {"meterStop", 6000}, {"timestamp", nowIso()},
                                                    {"reason", "Local"}})
                    .is_object());
        QTRY_COMPARE_WITH_TIMEOUT(events(sessionId, u"payment_held"_s).size(), 1, 10000);
        auto bill = billing::BillRepository(db()).current(sessionId);
        QVERIFY(bill && bill->has_value());
        QCOMPARE((**bill).settlementState, billing::SettlementState::Held);
        const qint64 billId = (**bill).id;
        // Nothing moved: the hold is still authorised, the session waits for its final payment.
        QTest::qWait(300);
        (void)runtime->payments().sessions().sweep();
        QCOMPARE(session(sessionId).holdStatus, u"hold"_s);
        QCOMPARE(session(sessionId).status, u"pending_final_payment"_s);
        QList<payments::PaymentHold> holds = holdsOf(sessionId);
        QCOMPARE(holds.size(), 1);
        QCOMPARE(holds[0].capturedMinor, 0);
        QCOMPARE(holds[0].status, payments::HoldStatus::Hold);
        QCOMPARE(events(sessionId, u"payment_held"_s).size(), 1);  // once
        const auto held = json::parse(events(sessionId, u"payment_held"_s).at(0).detail.toStdString());
        QCOMPARE(held["billId"].get<qint64>(), billId);
        QCOMPARE(held["holdId"].get<qint64>(), holds[0].id);
        auto audit = storage::AuditLogRepository(db()).latest(100, u"session"_s, QString::number(sessionId));
        QVERIFY(audit);
        const auto heldAudit = std::find_if(audit->cbegin(), audit->cend(),
                                            [](const storage::AuditEntry &e) { return e.action == u"session.capture_held"_s; });
        QVERIFY(heldAudit != audit->cend());
        QVERIFY2(heldAudit->reason.contains(u"hold until corrected"_s), qPrintable(heldAudit->reason));

        // The correction (the station's 5 kWh are right after all): 5 kWh × 1.20 = 6.00 captured, the rest released.
        anomalies::CorrectionEngine engine(db(), runtime->payments().holds());
        anomalies::CorrectionParams params;
        params.energyWh = 5000;
        auto preview = engine.plan(billId, anomalies::CorrectionMethod::ManualEnergy, params);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QVERIFY2(preview->ok(), qPrintable(preview->refusals.join(u' ')));
        QVERIFY(preview->hold.has_value());
        QCOMPARE(preview->hold->captureMinor, 600);
        auto applied = engine.apply(*preview, u"Olena"_s, u"energy confirmed"_s);
        QVERIFY2(applied, qPrintable(applied.error().message));
        QVERIFY(applied->moneyCallId > 0);
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).holdStatus, u"success"_s, 10000);
        (void)runtime->payments().sessions().sweep();
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).status, u"finished"_s, 10000);
        holds = holdsOf(sessionId);
        QCOMPARE(holds[0].capturedMinor, 600);
        QCOMPARE(holds[0].amountMinor - holds[0].capturedMinor, 400);
        QCOMPARE((**billing::BillRepository(db()).current(sessionId)).version, 2);
    }

    // 2.0.1 over the HTTP gateway: the hold is created without a card; the customer confirms it and
    // the gateway's signed report brings the token and "hold"; the Ended captures the priced amount.
    void ocpp201SessionOverTheHttpGateway()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        auto runtime = startRuntime(options(true, 1000));
        QVERIFY(runtime);
        QVERIFY(runtime->payments().ready());
        Station station(runtime->port(), u"P201"_s, u"ocpp2.0.1"_s);
        QVERIFY(station.waitOpen());
        const json boot = station.call(u"BootNotification"_s,
                                       {{"reason", "PowerUp"}, {"chargingStation", {{"model", "P2"}, {"vendorName", "Test"}}}});
        QCOMPARE(boot.value("status", ""), "Accepted");
        const json startedAnswer = station.call(u"TransactionEvent"_s,
                                                {{"eventType", "Started"},
                                                 {"timestamp", nowIso()},
                                                 {"triggerReason", "Authorized"},
                                                 {"seqNo", 0},
                                                 {"transactionInfo", {{"transactionId", "TX-201"}}},
                                                 {"idToken", {{"idToken", kCard.toStdString()}, {"type", "ISO14443"}}},
                                                 {"evse", {{"id", 1}, {"connectorId", 1}}},
                                                 {"meterValue", meterValue201(10000)}});
        QVERIFY(startedAnswer.is_object());
        auto found = storage::SessionRepository(db()).findByTransaction(stationIdOf(u"P201"_s), u"TX-201"_s);
        QVERIFY(found && found->has_value());
        const qint64 sessionId = (**found).id;

        // Created at the gateway, no card yet.
        QTRY_COMPARE_WITH_TIMEOUT(m_stripe->executed(u"create"_s), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!holdsOf(sessionId).isEmpty() && !holdsOf(sessionId).at(0).gatewayRef.isEmpty(), 10000);
        const QString intent = holdsOf(sessionId).at(0).gatewayRef;
        QCOMPARE(session(sessionId).holdStatus, u"created"_s);

        QVERIFY(m_stripe->confirmIntent(intent, u"pm_card_visa"_s));
        const QByteArray body = m_stripe->eventBody(u"payment_intent.amount_capturable_updated"_s, intent, u"evt_1"_s);
        const Answer a = post(runtime->port(), "/payments/webhook", body, signNow(body));
        QCOMPARE(a.status, 200);
        QCOMPARE(session(sessionId).holdStatus, u"hold"_s);  // committed before the 200

        QVERIFY(station.call(u"TransactionEvent"_s, {{"eventType", "Ended"},
                                                     {"timestamp", nowIso()},
                                                     {"triggerReason", "StopAuthorized"},
                                                     {"seqNo", 1},
                                                     {"transactionInfo", {{"transactionId", "TX-201"}, {"stoppedReason", "Local"}}},
                                                     {"meterValue", meterValue201(17500)}})
                    .is_object());
        QTRY_COMPARE_WITH_TIMEOUT(session(sessionId).status, u"finished"_s, 15000);
        const storage::Session s = session(sessionId);
        QCOMPARE(s.energyWh, 7500);
        QCOMPARE(s.amountMinor, 900);
        QCOMPARE(s.paymentStatus, u"paid"_s);
        QCOMPARE(m_stripe->executed(u"capture"_s), 1);
        QCOMPARE(m_stripe->intent(intent)["amount_received"].get<qint64>(), 900);
        QCOMPARE(holdsOf(sessionId).at(0).capturedMinor, 900);
    }

    // The webhook: a bad signature or an old timestamp is refused (400) and changes nothing, a body
    // above the bound is refused (413), a report before the card token is kept and applied when the
    // token comes, a replay is answered 200 and changes nothing.
    void webhookChecksSignatureBoundsReplayAndToken()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        auto runtime = startRuntime(options(true, 1000));
        QVERIFY(runtime);
        Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
        QVERIFY(station.waitOpen());
        qint64 tx = 0;
        const qint64 sessionId = start16(station, 0, &tx);
        QVERIFY(sessionId > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!holdsOf(sessionId).isEmpty() && !holdsOf(sessionId).at(0).gatewayRef.isEmpty(), 10000);
        const QString intent = holdsOf(sessionId).at(0).gatewayRef;
        const quint16 port = runtime->port();

        // An event type that says nothing about the hold is acknowledged and ignored. Then "hold"
        // without the token, after refused forgeries: kept, waiting.
        const QByteArray processing = QByteArray::fromStdString(
            json{{"id", "evt_p"}, {"type", "payment_intent.processing"}, {"data", {{"object", {{"id", intent.toStdString()}}}}}}
                .dump());
        QCOMPARE(post(port, "/payments/webhook", processing, signNow(processing)).status, 200);  // ignored type
        const QByteArray early = m_stripe->eventBody(u"payment_intent.amount_capturable_updated"_s, intent, u"evt_a"_s);
        QCOMPARE(post(port, "/payments/webhook", early, "t=1,v1=00").status, 400);
        QCOMPARE(post(port, "/payments/webhook", early, signNow(early, -3600)).status, 400);  // replayed an hour later
        QCOMPARE(post(port, "/payments/webhook", early,
                      payments::WebhookSignature::sign("whsec_other", early, QDateTime::currentSecsSinceEpoch()))
                     .status,
                 400);
        QCOMPARE(post(port, "/payments/webhook", early, QByteArray()).status, 400);
        QCOMPARE(session(sessionId).holdStatus, u"created"_s);
        QCOMPARE(post(port, "/payments/webhook", QByteArray(70 * 1024, 'x'), signNow("x")).status, 413);

        QCOMPARE(post(port, "/payments/webhook", early, signNow(early)).status, 200);
        QCOMPARE(session(sessionId).holdStatus, u"created"_s);  // no token yet: kept
        QVERIFY(eventKinds(sessionId).contains(u"hold_report_waiting"_s));

        // The token comes with the next report; the waiting one is applied, in order.
        QVERIFY(m_stripe->confirmIntent(intent, u"pm_card_visa"_s));
        const QByteArray withToken = m_stripe->eventBody(u"payment_intent.amount_capturable_updated"_s, intent, u"evt_b"_s);
        const QByteArray signature = signNow(withToken);
        QCOMPARE(post(port, "/payments/webhook", withToken, signature).status, 200);
        QCOMPARE(session(sessionId).holdStatus, u"hold"_s);
        QCOMPARE(holdsOf(sessionId).at(0).cardToken, u"pm_card_visa"_s);
        const int holdEvents = int(events(sessionId, u"hold_status"_s).size());
        // The same delivery again (within the tolerance): answered, nothing moves.
        QCOMPARE(post(port, "/payments/webhook", withToken, signature).status, 200);
        QCOMPARE(int(events(sessionId, u"hold_status"_s).size()), holdEvents);
        QCOMPARE(session(sessionId).holdStatus, u"hold"_s);
        // Other paths are still upgrade requests (404 for a plain GET of an unknown path).
        QVERIFY(post(port, "/payments/other", "{}", signNow("{}")).status >= 400);
    }

    // The member's balance reaches its threshold: RemoteStopTransaction goes to the station; the
    // station accepts it and keeps charging: "stop not honoured".
    void autoStopAndStopNotHonoured()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare(1000, 500);  // stop when 5.00 or less would be left
        auto runtime = startRuntime(options(false, 0));
        QVERIFY(runtime);
        Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
        station.client.answerCalls(u"RemoteStopTransaction"_s, {{"status", "Accepted"}});
        QSignalSpy stops(&station.client, &test::OcppTestClient::callAnswered);
        QVERIFY(station.waitOpen());
        qint64 tx = 0;
        const qint64 sessionId = start16(station, 0, &tx);
        QVERIFY(sessionId > 0);
        QCOMPARE(session(sessionId).holdStatus, u"none"_s);  // no hold amount configured

        QVERIFY(station.call(u"MeterValues"_s, {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", sample16(2000)}})
                    .is_object());  // 2.40: 7.60 left
        QTest::qWait(300);
        QVERIFY(!eventKinds(sessionId).contains(u"auto_stop"_s));
        QVERIFY(station.call(u"MeterValues"_s, {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", sample16(4500)}})
                    .is_object());  // 5.40: 4.60 left
        QTRY_VERIFY_WITH_TIMEOUT(eventKinds(sessionId).contains(u"auto_stop"_s), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(stops.size(), 1, 15000);
        QCOMPARE(stops.at(0).at(0).toString(), u"RemoteStopTransaction"_s);
        QTRY_COMPARE_WITH_TIMEOUT(stopState(), u"succeeded"_s, 10000);

        // Accepted, yet the energy keeps rising.
        QTest::qWait(20);
        QVERIFY(station.call(u"MeterValues"_s, {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", sample16(4700)}})
                    .is_object());
        QTRY_VERIFY_WITH_TIMEOUT(eventKinds(sessionId).contains(u"stop_not_honoured"_s), 10000);
        QCOMPARE(events(sessionId, u"auto_stop"_s).size(), 1);  // asked once
    }

    // The hold's answer is lost, then the process dies. The next start resends it with the SAME
    // idempotency key, and the gateway does it once; this time the key comes from the keychain,
    // late: the server runs meanwhile and the hold waits for it.
    void crashBetweenJournalAndAnswerResumesWithTheSameKey()
    {
        CD_REQUIRE_DB(*m_fixture);
        prepare();
        m_stripe->setDropAnswers(true);
        qint64 sessionId = 0;
        {
            auto runtime = startRuntime(options(true, 1000));
            QVERIFY(runtime);
            Station station(runtime->port(), u"P16"_s, u"ocpp1.6"_s);
            QVERIFY(station.waitOpen());
            qint64 tx = 0;
            sessionId = start16(station, 0, &tx);
            QVERIFY(sessionId > 0);
            QTRY_VERIFY_WITH_TIMEOUT(m_stripe->executed(u"create"_s) >= 1, 10000);
            QTest::qWait(200);
            // "Crash": the runtime goes while the call waits for its answer.
        }
        QCOMPARE(m_stripe->executed(u"create"_s), 1);
        auto pending = payments::HoldRepository(db()).pendingCalls();
        QVERIFY(pending && pending->size() == 1);
        const QString key = pending->at(0).idempotencyKey;
        QCOMPARE(session(sessionId).holdStatus, u"created"_s);
        QVERIFY(holdsOf(sessionId).at(0).gatewayRef.isEmpty());

        m_stripe->setDropAnswers(false);
        SlowKeychain keychain;
        runtime::RuntimeOptions o = options(true, 1000);
        o.payments.key = payments::SecretSource::keychain(payments::PaymentSettings::secretName(m_stripe->baseUrl()));
        keychain.secrets.insert(o.payments.key.name, QString::fromLatin1(test::StripeTestServer::kGoodKey));
        const int requestsBefore = int(m_stripe->requests().size());
        auto runtime = startRuntime(o, &keychain);
        QVERIFY(runtime);
        QVERIFY(!runtime->payments().ready());  // started without waiting for the keychain
        QCOMPARE(int(m_stripe->requests().size()), requestsBefore);
        QTRY_VERIFY_WITH_TIMEOUT(runtime->payments().ready(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!holdsOf(sessionId).at(0).gatewayRef.isEmpty(), 10000);
        QCOMPARE(m_stripe->executed(u"create"_s), 1);  // once, whatever was resent
        QVERIFY(int(m_stripe->requests().size()) > requestsBefore);
        for (const test::HttpRequest &r : m_stripe->requests()) {
            if (r.method == "POST" && r.path.endsWith(u"/payment_intents"_s))
                QCOMPARE(QString::fromUtf8(r.header("idempotency-key")), key);
        }
        QCOMPARE(holdsOf(sessionId).size(), 1);  // no second hold for the session
    }

    // Refunds in the station server (issue #7): the runtime's RefundService sends again what a
    // previous run left without an answer (with the same key: the gateway refunds once) and takes
    // the gateway's refund reports: a refund the bank reverses later is revoked and the money is the
    // member's again; a repeated report changes nothing; a refund made elsewhere is acknowledged.
    void refundsResumeAndTakeTheGatewaysReports()
    {
        prepare(0);
        auto idQuery = storage::Sql::run(db().connection(), u"SELECT MAX(id) FROM members"_s, {});
        QVERIFY(idQuery && idQuery->next());
        const qint64 memberId = idQuery->value(0).toLongLong();
        const auto scalar = [this](const QString &sql) {
            auto q = storage::Sql::run(db().connection(), sql, {});
            return q && q->next() ? q->value(0).toString() : QString();
        };

        // A card payment of 50.00 taken at the gateway, recorded as the member's top-up.
        payments::HttpGateway gateway(
            payments::HttpGatewayConfig{m_stripe->baseUrl(), QString::fromLatin1(test::StripeTestServer::kGoodKey), 3000});
        std::optional<payments::GatewayResult> held;
        payments::HoldRequest hold;
        hold.amountMinor = 5000;
        hold.currency = u"UAH"_s;
        hold.cardToken = u"pm_card_visa"_s;
        gateway.hold(hold, u"k-topup-hold"_s, [&held](const payments::GatewayResult &r) { held = r; });
        QTRY_VERIFY(held.has_value());
        QVERIFY2(held->done(), qPrintable(held->error));
        std::optional<payments::GatewayResult> captured;
        gateway.capture(held->gatewayRef, 5000, u"k-topup-capture"_s,
                        [&captured](const payments::GatewayResult &r) { captured = r; });
        QTRY_VERIFY(captured.has_value());
        QVERIFY2(captured->done(), qPrintable(captured->error));
        accounts::AccountService accounts(db());
        accounts::TopUpRequest topUp;
        topUp.amountMinor = 5000;
        topUp.currency = u"UAH"_s;
        topUp.gateway = gateway.name();
        topUp.receipt = held->gatewayRef;
        QVERIFY(accounts.topUpMember(memberId, topUp, u"test"_s));

        // Approved while the gateway's answers are lost: the record stays in progress.
        m_stripe->setDropAnswers(true);
        qint64 applicationId = 0;
        {
            refunds::RefundService console(db(), &gateway);
            QSignalSpy answered(&console, &refunds::RefundService::recordAnswered);
            refunds::RefundRequest request;
            request.memberId = memberId;
            request.amountMinor = 3000;
            request.currency = u"UAH"_s;
            request.reason = u"moving away"_s;
            auto applied = console.apply(request, u"Оксана"_s);
            QVERIFY2(applied, qPrintable(applied.error().message));
            applicationId = applied->id;
            auto approved = console.approve(applicationId, 0, u"Оксана"_s, u"checked"_s);
            QVERIFY2(approved, qPrintable(approved.error().message));
            QCOMPARE(approved->records.size(), 1);
            QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 15000);
            QCOMPARE(answered.first().at(2).toBool(), false);
        }
        QCOMPARE(scalar(u"SELECT status FROM refund_gateway_records"_s), u"in_progress"_s);
        m_stripe->setDropAnswers(false);

        // The station server starts: it sends the record again with its key; the gateway answers
        // with the refund it made the first time.
        auto runtime = startRuntime(options(true, 5000));
        QVERIFY(runtime);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT status FROM refund_gateway_records"_s), u"success"_s, 15000);
        QCOMPARE(m_stripe->executed(u"refund"_s), 1);
        QCOMPARE(scalar(u"SELECT gateway_refund_no FROM refund_gateway_records"_s), m_stripe->lastRefundId());
        QCOMPARE(scalar(u"SELECT progress FROM refund_applications"_s), u"refunded"_s);
        QCOMPARE(scalar(u"SELECT balance_minor || '/' || refundable_minor || '/' || pending_refund_minor FROM members"_s),
                 u"2000/2000/0"_s);

        // Days later the bank returns the refund: the gateway reports it failed.
        const QByteArray reversed =
            m_stripe->refundEventBody(u"charge.refund.updated"_s, m_stripe->lastRefundId(), u"failed"_s, u"evt_r1"_s);
        Answer a = post(runtime->port(), "/payments/webhook", reversed, signNow(reversed));
        QCOMPARE(a.status, 200);
        QCOMPARE(scalar(u"SELECT status FROM refund_gateway_records"_s), u"revoked"_s);
        QCOMPARE(scalar(u"SELECT progress || '/' || refunded_minor FROM refund_applications"_s), u"failed/0"_s);
        QCOMPARE(scalar(u"SELECT balance_minor || '/' || refundable_minor || '/' || pending_refund_minor FROM members"_s),
                 u"5000/5000/0"_s);
        QCOMPARE(scalar(u"SELECT decision FROM refund_audit WHERE decision = 'gateway_revoked'"_s), u"gateway_revoked"_s);
        // Delivered again: nothing moves twice.
        QCOMPARE(post(runtime->port(), "/payments/webhook", reversed, signNow(reversed)).status, 200);
        QCOMPARE(scalar(u"SELECT balance_minor FROM members"_s), u"5000"_s);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM refund_audit WHERE decision = 'gateway_revoked'"_s), u"1"_s);
        // A refund made at the gateway's dashboard, not by us: acknowledged, nothing changes.
        const QByteArray elsewhere =
            m_stripe->refundEventBody(u"refund.updated"_s, u"re_elsewhere"_s, u"succeeded"_s, u"evt_r2"_s);
        QCOMPARE(post(runtime->port(), "/payments/webhook", elsewhere, signNow(elsewhere)).status, 200);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM refund_gateway_records"_s), u"1"_s);
    }
};

QTEST_GUILESS_MAIN(TestSessionPayments)
#include "tst_session_payments.moc"
