// The HTTP exchange before the upgrade, over real sockets on 127.0.0.1: 404 / 401 / 400 / 408 /
// 431 / 503 written by the server itself, 101 with the negotiated subprotocol, the OCPP-J refusal
// of an unsupported subprotocol, and the stats that count all of it.

#include "servertestsupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace cd::server;
using namespace cd::server::test;
using cd::ocpp::ProtocolVersion;

class TestServerHandshake : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeDirectory> directory;
    std::unique_ptr<RecordingHandler> handler;
    std::unique_ptr<CentralSystem> server;

    quint16 start(ServerOptions options = fastOptions())
    {
        server = std::make_unique<CentralSystem>(std::move(options), *directory, *handler);
        const cd::Status status = server->listen(QHostAddress::LocalHost, 0);
        if (!status)
            qWarning() << status.error().message;
        return server->serverPort();
    }

    static UpgradeRequest authorized(const QByteArray &id = "CP1", const QByteArray &password = "secret-CP1")
    {
        UpgradeRequest request;
        request.path = "/ocpp/" + id;
        request.authorization = basicAuth(id, password);
        return request;
    }

private slots:
    void init()
    {
        directory = std::make_unique<FakeDirectory>();
        directory->addStation(QStringLiteral("CP1"), "secret-CP1");
        directory->addStation(QStringLiteral("CP 2"), "secret-CP2");
        handler = std::make_unique<RecordingHandler>();
    }

    void cleanup()
    {
        server.reset();
        QVERIFY(handler->eachDisconnectedOnce());
    }

    void listenOnEphemeralPort()
    {
        const quint16 port = start();
        QVERIFY(port != 0);
        QVERIFY(server->isListening());
        // A second listen() is an error, not a second listener.
        QVERIFY(!server->listen(QHostAddress::LocalHost, 0).ok());
        server->close();
        QVERIFY(!server->isListening());
    }

    void listenFailureIsAValue()
    {
        const quint16 port = start();
        CentralSystem second(fastOptions(), *directory, *handler);
        const cd::Status status = second.listen(QHostAddress::LocalHost, port);
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QString::number(port)));
    }

    void unknownStationIs404()
    {
        const quint16 port = start();
        QSignalSpy refused(server.get(), &CentralSystem::connectionRefused);
        const HttpAnswer answer = exchange(port, authorized("CP9", "whatever").toBytes());
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.header("Connection"), std::optional<QByteArray>("close"));
        QCOMPARE(answer.header("Content-Length"), std::optional<QByteArray>(QByteArray::number(answer.rest.size())));
        QCOMPARE(directory->requests.size(), std::size_t(1));
        QCOMPARE(directory->requests.front().chargePointId, QStringLiteral("CP9"));
        QCOMPARE(server->stats().refusedFor(RefusalReason::UnknownStation), quint64(1));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("CP9"));
        QCOMPARE(handler->connectedCount(), 0);
    }

    void badPathIs404_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("root") << QByteArray("/");
        QTest::newRow("prefix only") << QByteArray("/ocpp");
        QTest::newRow("empty id") << QByteArray("/ocpp/");
        QTest::newRow("nested") << QByteArray("/ocpp/CP1/extra");
        QTest::newRow("wrong prefix") << QByteArray("/central/CP1");
        QTest::newRow("encoded slash") << QByteArray("/ocpp/CP%2F1");
        QTest::newRow("too long") << QByteArray("/ocpp/" + QByteArray(49, 'A'));
    }

    void badPathIs404()
    {
        QFETCH(QByteArray, path);
        const quint16 port = start();
        UpgradeRequest request = authorized();
        request.path = path;
        const HttpAnswer answer = exchange(port, request.toBytes());
        QCOMPARE(answer.status, 404);
        QVERIFY(directory->requests.empty());  // never asked: the path alone decides
        QCOMPARE(server->stats().refusedFor(RefusalReason::BadPath), quint64(1));
    }

    void percentDecodedIdAndCustomPrefix()
    {
        ServerOptions options = fastOptions();
        options.pathPrefix = QStringLiteral("/csms/v16");
        const quint16 port = start(options);
        UpgradeRequest request = authorized("CP 2", "secret-CP2");
        request.path = "/csms/v16/CP%202";
        const HttpAnswer answer = exchange(port, request.toBytes());
        QCOMPARE(answer.status, 101);
        QCOMPARE(directory->requests.front().chargePointId, QStringLiteral("CP 2"));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QCOMPARE(handler->events.front().chargePointId, QStringLiteral("CP 2"));
        // The default prefix is not served any more.
        QCOMPARE(exchange(port, authorized().toBytes()).status, 404);
    }

    void basicAuthChecks_data()
    {
        QTest::addColumn<std::optional<QByteArray>>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("directoryAsked");
        QTest::newRow("correct") << std::optional<QByteArray>(basicAuth("CP1", "secret-CP1")) << 101 << true;
        QTest::newRow("missing") << std::optional<QByteArray>() << 401 << false;
        QTest::newRow("wrong password") << std::optional<QByteArray>(basicAuth("CP1", "nope")) << 401 << true;
        QTest::newRow("user is not the id") << std::optional<QByteArray>(basicAuth("CP 2", "secret-CP2")) << 401
                                            << false;
        QTest::newRow("not basic") << std::optional<QByteArray>("Bearer abc") << 401 << false;
        QTest::newRow("bad base64") << std::optional<QByteArray>("Basic ****") << 401 << false;
    }

    void basicAuthChecks()
    {
        QFETCH(std::optional<QByteArray>, authorization);
        QFETCH(int, status);
        QFETCH(bool, directoryAsked);
        const quint16 port = start();
        UpgradeRequest request;
        request.authorization = authorization;
        const HttpAnswer answer = exchange(port, request.toBytes());
        QCOMPARE(answer.status, status);
        QCOMPARE(directory->requests.empty(), !directoryAsked);
        if (directoryAsked)
            QCOMPARE(directory->requests.front().basicUser, std::optional<QString>(QStringLiteral("CP1")));
        if (status == 401) {
            QCOMPARE(answer.header("WWW-Authenticate"), std::optional<QByteArray>("Basic realm=\"ChargeDesk\""));
            QCOMPARE(server->stats().refusedFor(RefusalReason::Unauthorized), quint64(1));
            QCOMPARE(handler->connectedCount(), 0);
        } else {
            QCOMPARE(answer.header("Sec-WebSocket-Protocol"), std::optional<QByteArray>("ocpp1.6"));
            QTRY_COMPARE(handler->connectedCount(), 1);
            QCOMPARE(server->stats().acceptedTotal, quint64(1));
        }
    }

    void profileZeroNeedsNoCredentials()
    {
        ServerOptions options = fastOptions();
        options.securityProfile = SecurityProfile::None;
        directory->addStation(QStringLiteral("LAB1"));
        const quint16 port = start(options);
        auto client = openClient(port, QStringLiteral("/ocpp/LAB1"), {QStringLiteral("ocpp1.6")});
        QVERIFY(waitOpen(*client));
        QCOMPARE(client->subprotocol(), QStringLiteral("ocpp1.6"));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QVERIFY(!directory->requests.front().basicUser);
    }

    void subprotocolPrefersStationOrder()
    {
        ServerOptions options = fastOptions();
        options.protocols = {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201};
        const quint16 port = start(options);
        const QByteArray auth = basicAuth("CP1", "secret-CP1");

        auto first = openClient(port, QStringLiteral("/ocpp/CP1"),
                                {QStringLiteral("ocpp2.0.1"), QStringLiteral("ocpp1.6")}, auth);
        QVERIFY(waitOpen(*first));
        QCOMPARE(first->subprotocol(), QStringLiteral("ocpp2.0.1"));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QCOMPARE(handler->events.back().version, ProtocolVersion::Ocpp201);
        QCOMPARE(directory->requests.back().version, ProtocolVersion::Ocpp201);
        first->close();
        QTRY_COMPARE(handler->disconnectedCount(), 1);

        auto second = openClient(port, QStringLiteral("/ocpp/CP1"),
                                 {QStringLiteral("ocpp1.6"), QStringLiteral("ocpp2.0.1")}, auth);
        QVERIFY(waitOpen(*second));
        QCOMPARE(second->subprotocol(), QStringLiteral("ocpp1.6"));
        QTRY_COMPARE(handler->connectedCount(), 2);
        QCOMPARE(handler->events.back().version, ProtocolVersion::Ocpp16);
    }

    void ocpp16ChosenWhen201NotEnabled()
    {
        ServerOptions options = fastOptions();
        options.protocols = {ProtocolVersion::Ocpp16};
        const quint16 port = start(options);
        auto client = openClient(port, QStringLiteral("/ocpp/CP1"),
                                 {QStringLiteral("ocpp2.0.1"), QStringLiteral("ocpp1.6")},
                                 basicAuth("CP1", "secret-CP1"));
        QVERIFY(waitOpen(*client));
        QCOMPARE(client->subprotocol(), QStringLiteral("ocpp1.6"));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QCOMPARE(handler->events.back().version, ProtocolVersion::Ocpp16);
    }

    void unsupportedSubprotocolIsRefusedAfterUpgrade()
    {
        // OCPP-J: complete the handshake without Sec-WebSocket-Protocol, then close at once.
        const quint16 port = start();
        UpgradeRequest request = authorized();
        request.protocols = "ocpp2.1";  // not served unless listed
        RawClient client(port);
        QVERIFY(client.waitConnected());
        client.send(request.toBytes());
        const HttpAnswer answer = client.readAnswer();
        QCOMPARE(answer.status, 101);
        QCOMPARE(answer.header("Sec-WebSocket-Protocol"), std::nullopt);
        QVERIFY(client.waitClosed());
        // The close frame: FIN+close opcode, then the status code 1002 (protocol error).
        const QByteArray frame = client.received().mid(client.received().indexOf("\r\n\r\n") + 4);
        QVERIFY(frame.size() >= 4);
        QCOMPARE(quint8(frame[0]), quint8(0x88));
        QCOMPARE((quint8(frame[2]) << 8) | quint8(frame[3]), 1002);
        QCOMPARE(handler->connectedCount(), 0);
        QVERIFY(directory->requests.empty());
        QTRY_COMPARE(server->stats().refusedFor(RefusalReason::UnsupportedSubprotocol), quint64(1));
    }

    void unsupportedSubprotocolWithQtClient()
    {
        const quint16 port = start();
        auto client = openClient(port, QStringLiteral("/ocpp/CP1"), {QStringLiteral("ocpp2.1")},
                                 basicAuth("CP1", "secret-CP1"));
        QVERIFY(waitClosed(*client));
        QCOMPARE(handler->connectedCount(), 0);
        QTRY_COMPARE(server->stats().refusedFor(RefusalReason::UnsupportedSubprotocol), quint64(1));
    }

    void noSubprotocolOfferedIs400()
    {
        const quint16 port = start();
        UpgradeRequest request = authorized();
        request.protocols.clear();
        const HttpAnswer answer = exchange(port, request.toBytes());
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.rest.contains("ocpp1.6"));
        QCOMPARE(server->stats().refusedFor(RefusalReason::NoSubprotocol), quint64(1));
    }

    void noSubprotocolAcceptedWhenConfigured()
    {
        ServerOptions options = fastOptions();
        options.versionWhenNoneOffered = ProtocolVersion::Ocpp16;
        const quint16 port = start(options);
        UpgradeRequest request = authorized();
        request.protocols.clear();
        const HttpAnswer answer = exchange(port, request.toBytes());
        QCOMPARE(answer.status, 101);
        QTRY_COMPARE(handler->connectedCount(), 1);
        QCOMPARE(handler->events.back().version, ProtocolVersion::Ocpp16);
    }

    void notAnUpgrade()
    {
        const quint16 port = start();
        const HttpAnswer plain = exchange(port, "GET /ocpp/CP1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QCOMPARE(plain.status, 426);
        QCOMPARE(plain.header("Upgrade"), std::optional<QByteArray>("websocket"));
        const HttpAnswer post = exchange(port, QByteArray(authorized().toBytes()).replace("GET ", "POST "));
        QCOMPARE(post.status, 405);
        const HttpAnswer garbage = exchange(port, "\x16\x03\x01 not http\r\n\r\n");
        QCOMPARE(garbage.status, 400);
        QCOMPARE(server->stats().refusedFor(RefusalReason::BadRequest), quint64(3));
    }

    void handshakeTimeoutForHalfARequest()
    {
        ServerOptions options = fastOptions();
        options.handshakeTimeout = 300ms;
        const quint16 port = start(options);
        RawClient client(port);
        QVERIFY(client.waitConnected());
        client.send("GET /ocpp/CP1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: web");  // and nothing more
        QTRY_COMPARE(server->stats().handshakesInProgress, qsizetype(1));
        const HttpAnswer answer = client.readAnswer(3000);
        QCOMPARE(answer.status, 408);
        QVERIFY(client.waitClosed());
        QCOMPARE(server->stats().refusedFor(RefusalReason::HandshakeTimeout), quint64(1));
        QCOMPARE(server->stats().handshakesInProgress, qsizetype(0));
    }

    void silentClientTimesOut()
    {
        ServerOptions options = fastOptions();
        options.handshakeTimeout = 200ms;
        const quint16 port = start(options);
        RawClient client(port);
        QVERIFY(client.waitConnected());
        QVERIFY(client.waitClosed());
        QCOMPARE(server->stats().refusedFor(RefusalReason::HandshakeTimeout), quint64(1));
    }

    void oversizeHeadIs431()
    {
        ServerOptions options = fastOptions();
        options.maxHandshakeBytes = 1024;
        const quint16 port = start(options);
        RawClient client(port);
        QVERIFY(client.waitConnected());
        client.send("GET /ocpp/CP1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + QByteArray(2000, 'x'));
        const HttpAnswer answer = client.readAnswer();
        QCOMPARE(answer.status, 431);
        QVERIFY(client.waitClosed());
        QCOMPARE(server->stats().refusedFor(RefusalReason::HeadTooLarge), quint64(1));
    }

    void requestInManySmallPieces()
    {
        const quint16 port = start();
        RawClient client(port);
        QVERIFY(client.waitConnected());
        const QByteArray request = authorized().toBytes();
        for (qsizetype i = 0; i < request.size(); i += 7) {
            client.send(request.mid(i, 7));
            client.socket->flush();
            QTest::qWait(1);
        }
        QCOMPARE(client.readAnswer().status, 101);
        QTRY_COMPARE(handler->connectedCount(), 1);
    }

    void tooManyHandshakesIs503()
    {
        ServerOptions options = fastOptions();
        options.maxPendingHandshakes = 1;
        const quint16 port = start(options);
        RawClient idle(port);
        QVERIFY(idle.waitConnected());
        QTRY_COMPARE(server->stats().handshakesInProgress, qsizetype(1));
        const HttpAnswer answer = exchange(port, authorized().toBytes());
        QCOMPARE(answer.status, 503);
        QCOMPARE(answer.header("Retry-After"), std::optional<QByteArray>("10"));
        QCOMPARE(server->stats().refusedFor(RefusalReason::Overloaded), quint64(1));
    }

    void clientLeavingMidHandshakeIsCounted()
    {
        const quint16 port = start();
        {
            RawClient client(port);
            QVERIFY(client.waitConnected());
            client.send("GET /ocpp/CP1 HTTP/1.1\r\n");
            QTRY_COMPARE(server->stats().handshakesInProgress, qsizetype(1));
        }
        QTRY_COMPARE(server->stats().refusedFor(RefusalReason::Abandoned), quint64(1));
        QCOMPARE(server->stats().handshakesInProgress, qsizetype(0));
    }

    void statsAreSignalled()
    {
        const quint16 port = start();
        QSignalSpy spy(server.get(), &CentralSystem::statsChanged);
        QCOMPARE(exchange(port, authorized("CP9").toBytes()).status, 404);
        QTRY_VERIFY(!spy.isEmpty());
        const auto last = spy.last().first().value<ConnectionStats>();
        QCOMPARE(last.refusedTotal(), quint64(1));
    }
};

QTEST_GUILESS_MAIN(TestServerHandshake)
#include "tst_server_handshake.moc"
