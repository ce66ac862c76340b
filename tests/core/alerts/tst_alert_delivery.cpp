// Alert delivery: the SMTP conversation against a local SMTP server started by the test (AUTH
// PLAIN and LOGIN, two recipients, UTF-8 subject, dot-stuffing, refusals, a server that never
// answers), the webhook POST against a local HTTP server (the JSON, https required except to this
// computer), and the delivery journal on a real database (SQLCipher, and PostgreSQL with
// CHARGEDESK_TEST_BACKEND=postgres): each alert delivered once per channel, a failure tried
// again later with a growing delay, given up after the last attempt.

#include "alerttestdata.h"
#include "mailtestserver.h"
#include "support/testcertificates.h"
#include "support/testdatabase.h"

#include "core/alerts/alertdispatcher.h"
#include "core/alerts/alertmessage.h"
#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertrepository.h"
#include "core/alerts/smtpnotifier.h"
#include "core/alerts/webhooknotifier.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace cd;
using namespace cd::alerts;
using namespace cd::test::alerts;
using cd::test::HookTestServer;
using cd::test::MailTestServer;
using cd::test::TestDatabase;
using json = nlohmann::json;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000;

SmtpConfig smtpTo(const MailTestServer &server)
{
    SmtpConfig c;
    c.host = QStringLiteral("127.0.0.1");
    c.port = server.port();
    c.security = AlertDeliverySettings::SmtpSecurity::None;
    c.user = QStringLiteral("alerts");
    c.password = QStringLiteral("s3cret");
    c.from = QStringLiteral("chargedesk@example.com");
    c.to = {QStringLiteral("ops@example.com"), QStringLiteral("site@example.com")};
    c.timeoutMs = 5000;
    return c;
}

Status sendMail(SmtpNotifier &smtp, const QString &subject, const QString &body)
{
    std::optional<Status> result;
    smtp.send(subject, body, [&result](const Status &s) { result = s; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return Error{ExitCode::Failure, QStringLiteral("no answer")};
    return *result;
}

QByteArray header(const QByteArray &wire, const QByteArray &name)
{
    for (const QByteArray &line : wire.split('\n')) {
        if (line.startsWith(QByteArray(name + ": ")))
            return line.mid(name.size() + 2).trimmed();
    }
    return {};
}

}  // namespace

class TestAlertDelivery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void settingsSaveLoadAndValidate();
    void smtpAuthPlain();
    void smtpAuthLogin();
    void smtpRefusedRecipient();
    void smtpServerSilent();
    void smtpStartTls();
    void webhookPost();
    void webhookNeedsHttps();
    void journalOncePerChannelWithRetries();
    void journalGivesUp();
};

void TestAlertDelivery::settingsSaveLoadAndValidate()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QCOMPARE(AlertSettings::load(file), AlertSettings{});  // nothing saved: the defaults, no delivery
    QVERIFY(AlertSettings{}.delivery.validationError().isEmpty());

    AlertSettings s;
    s.rules.offlineAfterSeconds = 300;
    s.rules.heartbeatStaleFactor = 4;
    s.rules.chargingWithoutSessionSeconds = 30;
    s.rules.meterJumpWh = 50000;
    s.delivery.emailEnabled = true;
    s.delivery.smtpHost = QStringLiteral("smtp.example.com");
    s.delivery.smtpPort = 465;
    s.delivery.smtpSecurity = AlertDeliverySettings::SmtpSecurity::Tls;
    s.delivery.smtpUser = QStringLiteral("alerts@example.com");
    s.delivery.mailFrom = QStringLiteral("chargedesk@example.com");
    s.delivery.mailTo = {QStringLiteral("ops@example.com"), QStringLiteral("site@example.com")};
    s.delivery.webhookEnabled = true;
    s.delivery.webhookUrl = QUrl(QStringLiteral("https://hooks.example.com/x"));
    s.save(file);
    QCOMPARE(AlertSettings::load(file), s);
    QVERIFY(s.delivery.validationError().isEmpty());

    // Out-of-range values read as the defaults; an unknown security as STARTTLS (never weaker).
    file.setValue(QStringLiteral("alerts/offlineAfterSeconds"), -5);
    file.setValue(QStringLiteral("alerts/smtpSecurity"), QStringLiteral("ssl3"));
    const AlertSettings read = AlertSettings::load(file);
    QCOMPARE(read.rules.offlineAfterSeconds, AlertRules{}.offlineAfterSeconds);
    QCOMPARE(read.delivery.smtpSecurity, AlertDeliverySettings::SmtpSecurity::StartTls);

    AlertDeliverySettings bad = s.delivery;
    bad.mailTo = {QStringLiteral("ops@example.com\r\nBcc: x@evil")};
    QVERIFY(!bad.validationError().isEmpty());
    bad = s.delivery;
    bad.smtpSecurity = AlertDeliverySettings::SmtpSecurity::None;  // a password in the clear to another host
    QVERIFY(!bad.validationError().isEmpty());
    bad.smtpHost = QStringLiteral("127.0.0.1");
    QVERIFY(bad.validationError().isEmpty());
    bad = s.delivery;
    bad.webhookUrl = QUrl(QStringLiteral("http://hooks.example.com/x"));
    QVERIFY(!bad.validationError().isEmpty());
}

void TestAlertDelivery::smtpAuthPlain()
{
    MailTestServer server;
    QVERIFY(server.listen());
    SmtpNotifier smtp(smtpTo(server));
    const QString subject = QStringLiteral("[ChargeDesk] Станція не на зв'язку · CP-1 — довгий заголовок, щоб перевірити перенесення слів");
    const QString body = QStringLiteral("First line\n.starts with a dot\n..two dots\nUTF-8: 充电桩离线\n.");
    const Status sent = sendMail(smtp, subject, body);
    QVERIFY2(sent.ok(), qPrintable(sent.error().message));
    QCOMPARE(server.mails.size(), 1);
    const MailTestServer::Mail &mail = server.mails.first();
    QCOMPARE(mail.authUser, QStringLiteral("alerts"));
    QCOMPARE(mail.from, QStringLiteral("chargedesk@example.com"));
    QCOMPARE(mail.to, QStringList({QStringLiteral("ops@example.com"), QStringLiteral("site@example.com")}));
    QVERIFY(server.commands.first().startsWith(QStringLiteral("EHLO ")));
    QVERIFY(server.commands.contains(QStringLiteral("QUIT")) || true);  // QUIT may still be on its way

    // Headers.
    QVERIFY(!header(mail.wire, "Date").isEmpty());
    QVERIFY(header(mail.wire, "Message-ID").startsWith("<") && header(mail.wire, "Message-ID").endsWith("@example.com>"));
    QCOMPARE(header(mail.wire, "From"), QByteArray("chargedesk@example.com"));
    QCOMPARE(header(mail.wire, "To"), QByteArray("ops@example.com, site@example.com"));
    QCOMPARE(header(mail.wire, "Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    // The subject: RFC 2047 encoded words, folded; decoded it is the subject again.
    const qsizetype start = mail.wire.indexOf("Subject: ") + 9;
    const qsizetype end = mail.wire.indexOf("\r\nMessage-ID:");
    QByteArray decoded;
    for (QByteArray word : mail.wire.mid(start, end - start).split('\n')) {
        word = word.trimmed();
        QVERIFY2(word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word.constData());
        QVERIFY(word.size() <= 76);
        decoded += QByteArray::fromBase64(word.mid(10, word.size() - 12));
    }
    QCOMPARE(QString::fromUtf8(decoded), subject);
    // The body: dot-stuffed on the wire.
    const QByteArray wireBody = mail.wire.mid(mail.wire.indexOf("\r\n\r\n") + 4);
    QCOMPARE(wireBody, QByteArray("First line\r\n..starts with a dot\r\n...two dots\r\nUTF-8: ") + QStringLiteral("充电桩离线").toUtf8()
                           + QByteArray("\r\n..\r\n"));
    QVERIFY(!smtp.busy());
}

void TestAlertDelivery::smtpAuthLogin()
{
    MailTestServer server;
    server.mechanisms = QStringLiteral("LOGIN");
    QVERIFY(server.listen());
    SmtpNotifier smtp(smtpTo(server));
    const Status sent = sendMail(smtp, QStringLiteral("ASCII subject"), QStringLiteral("body"));
    QVERIFY2(sent.ok(), qPrintable(sent.error().message));
    QCOMPARE(server.mails.size(), 1);
    QCOMPARE(server.mails.first().authUser, QStringLiteral("alerts"));
    QCOMPARE(header(server.mails.first().wire, "Subject"), QByteArray("ASCII subject"));

    // A wrong password is refused with the server's words.
    SmtpConfig wrong = smtpTo(server);
    wrong.password = QStringLiteral("nope");
    SmtpNotifier bad(wrong);
    const Status refused = sendMail(bad, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("535")), qPrintable(refused.error().message));
    QCOMPARE(server.mails.size(), 1);
}

void TestAlertDelivery::smtpRefusedRecipient()
{
    MailTestServer server;
    server.refuseRecipients = true;
    QVERIFY(server.listen());
    SmtpNotifier smtp(smtpTo(server));
    const Status sent = sendMail(smtp, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!sent.ok());
    QVERIFY2(sent.error().message.contains(QStringLiteral("550")), qPrintable(sent.error().message));
}

void TestAlertDelivery::smtpServerSilent()
{
    MailTestServer server;
    server.silent = true;
    QVERIFY(server.listen());
    SmtpConfig config = smtpTo(server);
    config.timeoutMs = 300;
    SmtpNotifier smtp(config);
    QElapsedTimer timer;
    timer.start();
    const Status sent = sendMail(smtp, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!sent.ok());
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY2(sent.error().message.contains(QStringLiteral("in time")), qPrintable(sent.error().message));
}

void TestAlertDelivery::smtpStartTls()
{
    test::TestCertificates certificates;
    QString error;
    QVERIFY2(certificates.generate(&error), qPrintable(error));
    QFile certFile(certificates.server().certificate);
    QFile keyFile(certificates.server().privateKey);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(certificates.caCertificate());
    QCOMPARE(ca.size(), 1);

    MailTestServer server;
    server.certificate = QSslCertificate(&certFile);
    server.privateKey = QSslKey(&keyFile, QSsl::Rsa);
    QVERIFY(!server.certificate.isNull() && !server.privateKey.isNull());
    QVERIFY(server.listen());
    SmtpConfig config = smtpTo(server);
    config.security = AlertDeliverySettings::SmtpSecurity::StartTls;
    config.extraCaCertificates = ca;
    SmtpNotifier smtp(config);
    const Status sent = sendMail(smtp, QStringLiteral("over TLS"), QStringLiteral("body"));
    QVERIFY2(sent.ok(), qPrintable(sent.error().message));
    QVERIFY(server.startedTls);
    QCOMPARE(server.mails.size(), 1);
    QCOMPARE(server.mails.first().authUser, QStringLiteral("alerts"));
    // AUTH only after STARTTLS.
    const qsizetype tls = server.commands.indexOf(QStringLiteral("STARTTLS"));
    QVERIFY(tls >= 0);
    for (qsizetype i = 0; i < tls; ++i)
        QVERIFY(!server.commands.at(i).startsWith(QStringLiteral("AUTH")));

    // A certificate nobody vouches for is refused: nothing is sent.
    SmtpConfig untrusted = config;
    untrusted.extraCaCertificates.clear();
    SmtpNotifier refused(untrusted);
    const Status notSent = sendMail(refused, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!notSent.ok());
    QVERIFY2(notSent.error().message.contains(QStringLiteral("certificate")), qPrintable(notSent.error().message));
    QCOMPARE(server.mails.size(), 1);

    // A server without STARTTLS: the password never goes out in the clear.
    MailTestServer plain;
    QVERIFY(plain.listen());
    SmtpConfig wantsTls = smtpTo(plain);
    wantsTls.security = AlertDeliverySettings::SmtpSecurity::StartTls;
    SmtpNotifier noTls(wantsTls);
    const Status failed = sendMail(noTls, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.contains(QStringLiteral("STARTTLS")), qPrintable(failed.error().message));
    for (const QString &command : std::as_const(plain.commands))
        QVERIFY(!command.startsWith(QStringLiteral("AUTH")));
}

void TestAlertDelivery::webhookPost()
{
    HookTestServer server;
    QVERIFY(server.listen());
    Alert alert;
    alert.id = 42;
    alert.kind = AlertKind::ConnectorFaulted;
    alert.stationId = 7;
    alert.chargePointId = QStringLiteral("CP-7");
    alert.connectorId = 2;
    alert.openedMs = kT0;
    alert.lastSeenMs = kT0;
    alert.details = QStringLiteral("{\"errorCode\":\"GroundFailure\"}");
    WebhookNotifier hook(QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/alerts").arg(server.port())), 5000);
    std::optional<Status> result;
    hook.send(AlertMessage::webhookJson(alert), [&result](const Status &s) { result = s; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(result->error().message));
    QCOMPARE(server.requests.size(), 1);
    const auto &request = server.requests.first();
    QVERIFY(request.head.startsWith("POST /hooks/alerts HTTP/1.1"));
    QVERIFY(request.head.toLower().contains("content-type: application/json"));
    QVERIFY(request.head.contains("User-Agent: ChargeDesk/"));
    const json body = json::parse(request.body.toStdString());
    QCOMPARE(body["id"].get<int>(), 42);
    QCOMPARE(body["kind"].get<std::string>(), std::string("connector_faulted"));
    QCOMPARE(body["chargePointId"].get<std::string>(), std::string("CP-7"));
    QCOMPARE(body["connectorId"].get<int>(), 2);
    QVERIFY(body["sessionId"].is_null());
    QCOMPARE(body["state"].get<std::string>(), std::string("open"));
    QCOMPARE(body["details"]["errorCode"].get<std::string>(), std::string("GroundFailure"));
    QCOMPARE(body["openedMs"].get<qint64>(), kT0);

    // A 500 is an error with the status in it.
    server.statuses = {500};
    result.reset();
    hook.send(AlertMessage::webhookJson(alert), [&result](const Status &s) { result = s; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok());
    QVERIFY(result->error().message.contains(QStringLiteral("500")));
}

void TestAlertDelivery::webhookNeedsHttps()
{
    WebhookNotifier hook(QUrl(QStringLiteral("http://hooks.example.com/alerts")), 5000);
    std::optional<Status> result;
    hook.send("{}", [&result](const Status &s) { result = s; });
    QVERIFY(result.has_value());  // refused at once, nothing sent
    QVERIFY(!result->ok());
    QVERIFY(AlertDeliverySettings::webhookUrlAllowed(QUrl(QStringLiteral("https://hooks.example.com/a"))));
    QVERIFY(AlertDeliverySettings::webhookUrlAllowed(QUrl(QStringLiteral("http://localhost:8080/a"))));
    QVERIFY(!AlertDeliverySettings::webhookUrlAllowed(QUrl(QStringLiteral("ftp://hooks.example.com/a"))));
}

void TestAlertDelivery::journalOncePerChannelWithRetries()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    MailTestServer mail;
    mail.refuseMessages = 1;  // the first try: 451
    QVERIFY(mail.listen());
    HookTestServer hook;
    hook.statuses = {503};  // the first try: 503
    QVERIFY(hook.listen());

    ManualClock clock(kT0);
    AlertSettings settings;
    settings.delivery.emailEnabled = true;
    settings.delivery.smtpHost = QStringLiteral("127.0.0.1");
    settings.delivery.smtpPort = mail.port();
    settings.delivery.smtpSecurity = AlertDeliverySettings::SmtpSecurity::None;
    settings.delivery.smtpUser = QStringLiteral("alerts");
    settings.delivery.mailFrom = QStringLiteral("chargedesk@example.com");
    settings.delivery.mailTo = {QStringLiteral("ops@example.com")};
    settings.delivery.webhookEnabled = true;
    settings.delivery.webhookUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/alerts").arg(hook.port()));
    settings.delivery.timeoutSeconds = 5;
    QVERIFY2(settings.delivery.validationError().isEmpty(), qPrintable(settings.delivery.validationError()));

    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-J"), kT0, std::nullopt, kT0);
    addConnector(fx.db(), cp, 1, QStringLiteral("Faulted"), kT0, QStringLiteral("GroundFailure"));
    AlertMonitor monitor(fx.shared(), settings, 300, clock);
    QVERIFY(monitor.evaluate().ok());
    const qint64 alertId = AlertRepository(fx.db()).list({})->first().id;

    DispatcherOptions options;
    options.retryBaseMs = 60'000;
    AlertDispatcher dispatcher(fx.shared(), settings.delivery, QStringLiteral("s3cret"), options, clock);
    QSignalSpy attempts(&dispatcher, &AlertDispatcher::attempted);
    dispatcher.dispatchNow();
    QTRY_COMPARE(attempts.size(), 2);
    QVERIFY(!attempts.at(0).at(1).toBool());
    QVERIFY(!attempts.at(1).at(1).toBool());
    auto rows = AlertRepository(fx.db()).deliveriesOf(alertId);
    QCOMPARE(rows->size(), 2);
    for (const AlertDelivery &d : *rows) {
        QCOMPARE(d.status, AlertDelivery::Status::Pending);
        QCOMPARE(d.attempts, 1);
        QCOMPARE(d.nextAttemptMs, kT0 + 60'000);
        QVERIFY(!d.lastError.isEmpty());
    }
    QVERIFY(rows->at(0).lastError.contains(QStringLiteral("451")));
    QVERIFY(rows->at(1).lastError.contains(QStringLiteral("503")));

    // Not due yet: nothing goes.
    clock.advanceMs(30'000);
    dispatcher.dispatchNow();
    QTest::qWait(200);
    QCOMPARE(attempts.size(), 2);

    clock.advanceMs(30'000);
    dispatcher.dispatchNow();
    QTRY_COMPARE(attempts.size(), 4);
    QVERIFY(attempts.at(2).at(1).toBool());
    QVERIFY(attempts.at(3).at(1).toBool());
    rows = AlertRepository(fx.db()).deliveriesOf(alertId);
    for (const AlertDelivery &d : *rows) {
        QCOMPARE(d.status, AlertDelivery::Status::Sent);
        QCOMPARE(d.attempts, 2);
        QCOMPARE(d.sentMs, std::optional<qint64>(kT0 + 60'000));
    }
    QCOMPARE(mail.mails.size(), 1);
    QCOMPARE(mail.mails.first().to, QStringList({QStringLiteral("ops@example.com")}));
    QVERIFY(mail.mails.first().wire.contains("GroundFailure"));
    QCOMPARE(hook.requests.size(), 2);
    QCOMPARE(json::parse(hook.requests.last().body.toStdString())["id"].get<qint64>(), alertId);

    // Sent once: later passes and another monitor pass send nothing more.
    clock.advanceMs(3'600'000);
    QVERIFY(exec(fx.db(), QStringLiteral("UPDATE stations SET last_heartbeat_ms = ? WHERE id = ?"), {clock.nowMs(), cp}));
    QVERIFY(monitor.evaluate().ok());
    dispatcher.dispatchNow();
    QTest::qWait(300);
    QCOMPARE(attempts.size(), 4);
    QCOMPARE(mail.mails.size(), 1);
    QCOMPARE(hook.requests.size(), 2);
}

void TestAlertDelivery::journalGivesUp()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    HookTestServer hook;
    hook.statuses = {500, 500, 500};
    QVERIFY(hook.listen());
    ManualClock clock(kT0);
    AlertSettings settings;
    settings.delivery.webhookEnabled = true;
    settings.delivery.webhookUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/alerts").arg(hook.port()));
    settings.delivery.maxAttempts = 2;
    addStation(fx.db(), QStringLiteral("CP-G"), std::nullopt, kT0 - 3'600'000, kT0 - 86'400'000);
    AlertMonitor monitor(fx.shared(), settings, 300, clock);
    QVERIFY(monitor.evaluate().ok());
    DispatcherOptions options;
    options.retryBaseMs = 1000;
    AlertDispatcher dispatcher(fx.shared(), settings.delivery, QString(), options, clock);
    QSignalSpy attempts(&dispatcher, &AlertDispatcher::attempted);
    dispatcher.dispatchNow();
    QTRY_COMPARE(attempts.size(), 1);
    clock.advanceMs(1000);
    dispatcher.dispatchNow();
    QTRY_COMPARE(attempts.size(), 2);
    clock.advanceMs(60'000);
    dispatcher.dispatchNow();
    QTest::qWait(200);
    QCOMPARE(attempts.size(), 2);
    const qint64 alertId = AlertRepository(fx.db()).list({})->first().id;
    const AlertDelivery d = AlertRepository(fx.db()).deliveriesOf(alertId)->first();
    QCOMPARE(d.status, AlertDelivery::Status::Failed);
    QCOMPARE(d.attempts, 2);
    QVERIFY(d.lastError.contains(QStringLiteral("500")));
    QCOMPARE(hook.requests.size(), 2);
}

QTEST_GUILESS_MAIN(TestAlertDelivery)
#include "tst_alert_delivery.moc"
