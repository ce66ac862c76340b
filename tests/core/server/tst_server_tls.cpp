// Security profiles 2 and 3 over real TLS on 127.0.0.1, with certificates the test makes with the
// openssl tool (support/testcertificates.h): who gets in, who is refused and how each refusal is
// counted; plain ws:// and old TLS versions on the TLS port; the handshake deadline; clear errors
// at startup for missing, wrong or expired files.

#include "servertestsupport.h"
#include "support/testcertificates.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>

using namespace cd::server;
using namespace cd::server::test;
using cd::test::TestCertificates;

namespace {

// Client side, built with Qt's API directly (not the loader under test).
QSslConfiguration clientConfiguration(const QString &caFile, const TestCertificates::Pair &identity = {})
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(caFile));
    if (!identity.certificate.isEmpty()) {
        configuration.setLocalCertificate(QSslCertificate::fromPath(identity.certificate).value(0));
        QFile key(identity.privateKey);
        if (key.open(QIODevice::ReadOnly))
            configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    }
    return configuration;
}

std::unique_ptr<QWebSocket> openTlsClient(quint16 port, const QString &id, const QSslConfiguration &configuration,
                                          const std::optional<QByteArray> &authorization = std::nullopt)
{
    auto client = std::make_unique<QWebSocket>();
    client->setSslConfiguration(configuration);
    QNetworkRequest request(QUrl(QStringLiteral("wss://127.0.0.1:%1/ocpp/%2").arg(port).arg(id)));
    if (authorization)
        request.setRawHeader("Authorization", *authorization);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QStringLiteral("ocpp1.6")});
    client->open(request, options);
    return client;
}

// One upgrade request over TLS, its answer (status 0 when the connection ended without one).
HttpAnswer tlsExchange(quint16 port, const QSslConfiguration &configuration, const UpgradeRequest &request)
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setSslConfiguration(configuration);
    RawClient client(std::move(socket), port);
    client.send(request.toBytes());
    return client.readAnswer();
}

// A CentralSystem started on an ephemeral loopback port, with the stations its directory knows
// (id, password; an empty password: none needed).
struct TlsServer {
    TlsServer(const ServerOptions &options, const QList<std::pair<QString, QByteArray>> &stations)
    {
        for (const auto &[id, password] : stations)
            directory.addStation(id, password);
        server = std::make_unique<CentralSystem>(options, directory, handler);
        started = server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return server->serverPort(); }
    ConnectionStats stats() const { return server->stats(); }

    FakeDirectory directory;
    RecordingHandler handler;
    std::unique_ptr<CentralSystem> server;
    cd::Status started;
};

}  // namespace

class TestServerTls : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certs;
    TestCertificates::Pair m_cp1;        // CN=CP1 from the trusted CA
    TestCertificates::Pair m_cp2;        // CN=CP2 from the trusted CA
    TestCertificates::Pair m_untrusted;  // CN=CP1 from a CA the server does not trust
    TestCertificates::Pair m_expired;    // CN=CP1 from the trusted CA, expired

    ServerOptions tlsOptions(SecurityProfile profile) const
    {
        ServerOptions options = fastOptions();
        options.securityProfile = profile;
        options.tls.certificate = m_certs.server().certificate;
        options.tls.privateKey = m_certs.server().privateKey;
        if (profile == SecurityProfile::TlsClientCertificate)
            options.tls.caCertificates = m_certs.caCertificate();
        return options;
    }

    QSslConfiguration trustingClient(const TestCertificates::Pair &identity = {}) const
    {
        return clientConfiguration(m_certs.caCertificate(), identity);
    }

    // Profile 3 refusals during the TLS handshake: no HTTP answer, nobody admitted.
    void expectHandshakeRefused(const TestCertificates::Pair &identity)
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsClientCertificate), {{QStringLiteral("CP1"), {}}});
        QVERIFY(tls.started);

        const HttpAnswer answer = tlsExchange(tls.port(), trustingClient(identity), UpgradeRequest{});
        QCOMPARE(answer.status, 0);
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::TlsHandshakeFailed), 1u);
        QCOMPARE(tls.stats().refusedTotal(), 1u);
        QVERIFY(tls.directory.requests.empty());
        QCOMPARE(tls.handler.connectedCount(), 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        QString error;
        QVERIFY2(m_certs.generate(&error), qPrintable(error));
        m_expired = m_certs.client(QStringLiteral("CP1"), TestCertificates::Issuer::TrustedCa,
                                   TestCertificates::Validity::Expired, &error);
        m_cp1 = m_certs.client(QStringLiteral("CP1"), TestCertificates::Issuer::TrustedCa,
                               TestCertificates::Validity::Valid, &error);
        m_cp2 = m_certs.client(QStringLiteral("CP2"), TestCertificates::Issuer::TrustedCa,
                               TestCertificates::Validity::Valid, &error);
        m_untrusted = m_certs.client(QStringLiteral("CP1"), TestCertificates::Issuer::UntrustedCa,
                                     TestCertificates::Validity::Valid, &error);
        QVERIFY2(!m_expired.certificate.isEmpty() && !m_cp1.certificate.isEmpty() && !m_cp2.certificate.isEmpty() &&
                     !m_untrusted.certificate.isEmpty(),
                 qPrintable(error));
        const QDateTime expiry = QSslCertificate::fromPath(m_expired.certificate).value(0).expiryDate();
        QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentDateTimeUtc() > expiry; }, 3000));
    }

    void profile2AcceptsTheRightPassword()
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsBasicAuth), {{QStringLiteral("CP1"), "secret"}});
        QVERIFY2(tls.started, qPrintable(tls.started.error().message));

        auto client = openTlsClient(tls.port(), QStringLiteral("CP1"), trustingClient(), basicAuth("CP1", "secret"));
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(tls.handler.connectedCount(), 1);
        QCOMPARE(tls.directory.requests.size(), std::size_t(1));
        QVERIFY(tls.directory.requests.front().tls);
        QCOMPARE(tls.directory.requests.front().basicUser.value_or(QString()), QStringLiteral("CP1"));

        // An OCPP call and its result cross the encrypted connection.
        QString answer;
        connect(client.get(), &QWebSocket::textMessageReceived, this,
                [&answer](const QString &text) { answer = text; });
        client->sendTextMessage(QStringLiteral(R"([2,"hb-1","Heartbeat",{}])"));
        QTRY_VERIFY(answer.startsWith(QStringLiteral(R"([3,"hb-1",{"currentTime")")));
        QCOMPARE(tls.stats().acceptedTotal, 1u);
        QCOMPARE(tls.stats().refusedTotal(), 0u);
    }

    void profile2RefusesAWrongOrMissingPassword_data()
    {
        QTest::addColumn<QByteArray>("authorization");  // empty: no header
        QTest::newRow("wrong password") << basicAuth("CP1", "guess");
        QTest::newRow("no Authorization") << QByteArray();
    }

    void profile2RefusesAWrongOrMissingPassword()
    {
        QFETCH(QByteArray, authorization);
        TlsServer tls(tlsOptions(SecurityProfile::TlsBasicAuth), {{QStringLiteral("CP1"), "secret"}});
        QVERIFY(tls.started);

        UpgradeRequest request;
        if (!authorization.isEmpty())
            request.authorization = authorization;
        const HttpAnswer answer = tlsExchange(tls.port(), trustingClient(), request);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.header("WWW-Authenticate").value_or(QByteArray()), QByteArray("Basic realm=\"ChargeDesk\""));
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::Unauthorized), 1u);
        QCOMPARE(tls.handler.connectedCount(), 0);
    }

    void profile3AcceptsTheStationsOwnCertificate()
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsClientCertificate), {{QStringLiteral("CP1"), {}}});
        QVERIFY2(tls.started, qPrintable(tls.started.error().message));

        // No Basic auth: the certificate is the credential.
        auto client = openTlsClient(tls.port(), QStringLiteral("CP1"), trustingClient(m_cp1));
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(tls.handler.connectedCount(), 1);
        QCOMPARE(tls.directory.requests.size(), std::size_t(1));
        QVERIFY(tls.directory.requests.front().tls);
        QCOMPARE(tls.directory.requests.front().clientCertificateCn, QStringLiteral("CP1"));
        QVERIFY(!tls.directory.requests.front().basicUser);
        QCOMPARE(tls.stats().acceptedTotal, 1u);
    }

    void profile3RefusesACertificateForAnotherStation()
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsClientCertificate),
                      {{QStringLiteral("CP1"), {}}, {QStringLiteral("CP2"), {}}});
        QVERIFY(tls.started);
        QSignalSpy refused(tls.server.get(), &CentralSystem::connectionRefused);

        // CP2's valid certificate, presented for CP1's path.
        const HttpAnswer answer = tlsExchange(tls.port(), trustingClient(m_cp2), UpgradeRequest{});
        QCOMPARE(answer.status, 401);
        QVERIFY(!answer.header("WWW-Authenticate"));  // Basic credentials would not help
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::CertificateMismatch), 1u);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("CP1"));
        QVERIFY(tls.directory.requests.empty());
        QCOMPARE(tls.handler.connectedCount(), 0);

        // The same certificate on its own path is fine.
        UpgradeRequest own;
        own.path = "/ocpp/CP2";
        QCOMPARE(tlsExchange(tls.port(), trustingClient(m_cp2), own).status, 101);
    }

    void profile3RefusesAMissingCertificate() { expectHandshakeRefused({}); }

    void profile3RefusesACertificateFromAnotherCa() { expectHandshakeRefused(m_untrusted); }

    void profile3RefusesAnExpiredCertificate() { expectHandshakeRefused(m_expired); }

    void aClientThatDoesNotTrustTheServerGivesUp()
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsBasicAuth), {{QStringLiteral("CP1"), "secret"}});
        QVERIFY(tls.started);

        auto client = openTlsClient(tls.port(), QStringLiteral("CP1"),
                                    clientConfiguration(m_certs.untrustedCaCertificate()), basicAuth("CP1", "secret"));
        QSignalSpy sslErrors(client.get(), &QWebSocket::sslErrors);
        QVERIFY(sslErrors.wait(5000));
        QVERIFY(waitClosed(*client));
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::TlsHandshakeFailed), 1u);
        QCOMPARE(tls.handler.connectedCount(), 0);
    }

    void plainWebSocketOnTheTlsPortFailsCleanly()
    {
        TlsServer tls(tlsOptions(SecurityProfile::TlsBasicAuth), {{QStringLiteral("CP1"), "secret"}});
        QVERIFY(tls.started);
        QSignalSpy refused(tls.server.get(), &CentralSystem::connectionRefused);

        // A raw ws:// upgrade gets a plain-text answer that says what is wrong.
        const HttpAnswer answer = exchange(tls.port(), UpgradeRequest{}.toBytes());
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.rest.contains("wss://"), answer.rest.constData());
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::TlsRequired), 1u);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("CP1"));

        // Qt's own ws:// client never connects and is told so.
        auto client = openClient(tls.port(), QStringLiteral("/ocpp/CP1"), {QStringLiteral("ocpp1.6")},
                                 basicAuth("CP1", "secret"));
        QSignalSpy connected(client.get(), &QWebSocket::connected);
        QSignalSpy failed(client.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        QVERIFY(failed.wait(5000));
        QVERIFY(waitClosed(*client));
        QCOMPARE(connected.size(), 0);
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::TlsRequired), 2u);
        QCOMPARE(tls.handler.connectedCount(), 0);
        QVERIFY(tls.directory.requests.empty());
    }

    void oldTlsVersionsAreRefused_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("TLS 1.0") << QStringLiteral("tls1") << false;
        QTest::newRow("TLS 1.1") << QStringLiteral("tls1_1") << false;
        QTest::newRow("TLS 1.2") << QStringLiteral("tls1_2") << true;
        QTest::newRow("TLS 1.3") << QStringLiteral("tls1_3") << true;
    }

    void oldTlsVersionsAreRefused()
    {
        QFETCH(QString, version);
        QFETCH(bool, accepted);
        TlsServer tls(tlsOptions(SecurityProfile::TlsBasicAuth), {});
        QVERIFY(tls.started);

        // Qt's client cannot offer TLS 1.0/1.1 any more; openssl s_client can, at security level 0
        // (so it is our server, not the client's policy, that says no).
        QProcess client;
        client.setProcessChannelMode(QProcess::MergedChannels);
        client.start(
            QStringLiteral("openssl"),
            {QStringLiteral("s_client"), QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(tls.port()),
             u'-' + version, QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0"), QStringLiteral("-CAfile"),
             m_certs.caCertificate(), QStringLiteral("-brief")});
        QVERIFY(client.waitForStarted());
        client.closeWriteChannel();  // done after the handshake
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QProcess::NotRunning, 10000);
        const QString output = QString::fromLocal8Bit(client.readAll());
        const QString expected = QStringLiteral("TLSv1") + (version == u"tls1" ? QString() : u'.' + version.right(1));
        QCOMPARE(output.contains(QStringLiteral("Protocol version: ") + expected), accepted);
        if (accepted) {
            QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::Abandoned), 1u);  // left without a request
        } else {
            QVERIFY2(client.exitCode() != 0, qPrintable(output));
            QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::TlsHandshakeFailed), 1u);
        }
        QCOMPARE(tls.stats().refusedTotal(), 1u);
    }

    void aStalledTlsHandshakeMeetsTheDeadline_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("half a ClientHello") << QByteArray::fromHex("160301");
    }

    void aStalledTlsHandshakeMeetsTheDeadline()
    {
        QFETCH(QByteArray, sent);
        ServerOptions options = tlsOptions(SecurityProfile::TlsBasicAuth);
        options.handshakeTimeout = 300ms;
        TlsServer tls(options, {});
        QVERIFY(tls.started);

        RawClient client(tls.port());
        QVERIFY(client.waitConnected());
        client.send(sent);
        QTRY_COMPARE(tls.stats().handshakesInProgress, 1);
        QVERIFY(client.waitClosed(3000));
        QVERIFY(client.received().isEmpty());
        QTRY_COMPARE(tls.stats().refusedFor(RefusalReason::HandshakeTimeout), 1u);
        QCOMPARE(tls.stats().handshakesInProgress, 0);
    }

    void badFilesAreClearErrorsAtStartup_data()
    {
        QTest::addColumn<int>("profile");
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("ca");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString cert = m_certs.server().certificate;
        const QString key = m_certs.server().privateKey;
        const QString missing = m_certs.path(QStringLiteral("missing.pem"));
        const int usage = int(cd::ExitCode::Usage);
        const int failure = int(cd::ExitCode::Failure);
        QTest::newRow("no certificate") << 2 << QString() << key << QString() << usage << QStringLiteral("certificate");
        QTest::newRow("no key") << 2 << cert << QString() << QString() << usage << QStringLiteral("private key");
        QTest::newRow("profile 3 without CA") << 3 << cert << key << QString() << usage << QStringLiteral("CA");
        QTest::newRow("missing certificate") << 2 << missing << key << QString() << failure << missing;
        QTest::newRow("missing key") << 2 << cert << missing << QString() << failure << missing;
        QTest::newRow("missing CA") << 3 << cert << key << missing << failure << missing;
        QTest::newRow("key as certificate")
            << 2 << key << key << QString() << failure << QStringLiteral("no PEM certificate");
        QTest::newRow("certificate as key")
            << 2 << cert << cert << QString() << failure << QStringLiteral("no PEM RSA or EC");
        QTest::newRow("another certificate's key")
            << 2 << cert << m_cp1.privateKey << QString() << failure << QStringLiteral("does not belong");
        QTest::newRow("expired certificate")
            << 2 << m_expired.certificate << m_expired.privateKey << QString() << failure << QStringLiteral("expired");
        QTest::newRow("CA file without certificates")
            << 3 << cert << key << key << failure << QStringLiteral("no PEM certificate");
        // The client certificates are EC keys: one serves as the server's own to show EC works too.
        QTest::newRow("EC key: starts") << 2 << m_cp1.certificate << m_cp1.privateKey << QString() << 0 << QString();
    }

    void badFilesAreClearErrorsAtStartup()
    {
        QFETCH(int, profile);
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(QString, ca);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        ServerOptions options = fastOptions();
        options.securityProfile = SecurityProfile(profile);
        options.tls = {certificate, key, ca};
        TlsServer tls(options, {});
        if (exitCode == 0) {
            QVERIFY2(tls.started, qPrintable(tls.started.error().message));
            return;
        }
        QVERIFY(!tls.started);
        QVERIFY(!tls.server->isListening());
        QCOMPARE(int(tls.started.error().code), exitCode);
        QVERIFY2(tls.started.error().message.contains(mentions), qPrintable(tls.started.error().message));
    }
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
