// Station links after the upgrade, over real sockets on 127.0.0.1: OCPP calls both ways, the
// message size limit, ping liveness, one connection per station, and exactly one
// stationDisconnected() per link whatever ends it.

#include "core/common/clock.h"
#include "servertestsupport.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

#include <nlohmann/json.hpp>

using namespace cd::server;
using namespace cd::server::test;
using nlohmann::json;

namespace {

json parse(const QString &text)
{
    return json::parse(text.toStdString(), nullptr, false);
}

// Completes the WebSocket handshake by hand on a raw TCP socket and then answers nothing:
// the station whose network died but whose TCP connection has not noticed.
QByteArray deadStationHandshake()
{
    UpgradeRequest request;
    request.authorization = basicAuth("CP1", "secret-CP1");
    return request.toBytes();
}

}  // namespace

class TestServerLinks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeDirectory> directory;
    std::unique_ptr<RecordingHandler> handler;
    std::unique_ptr<CentralSystem> server;
    cd::ManualClock clock{1700000000000};

    quint16 start(ServerOptions options = fastOptions())
    {
        options.clock = &clock;
        server = std::make_unique<CentralSystem>(std::move(options), *directory, *handler);
        const cd::Status status = server->listen(QHostAddress::LocalHost, 0);
        if (!status)
            qWarning() << status.error().message;
        return server->serverPort();
    }

    std::unique_ptr<QWebSocket> connectStation(quint16 port, const QString &id = QStringLiteral("CP1"))
    {
        auto client = openClient(port, QStringLiteral("/ocpp/") + QString(id).replace(QLatin1Char(' '), QStringLiteral("%20")),
                                 {QStringLiteral("ocpp1.6")}, basicAuth(id.toUtf8(), "secret-" + id.toUtf8().replace(' ', "")));
        return client;
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

    void callFromStationReachesHandlerAndResultComesBack()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);

        QSignalSpy received(client.get(), &QWebSocket::textMessageReceived);
        client->sendTextMessage(QStringLiteral("[2,\"hb-1\",\"Heartbeat\",{}]"));
        QTRY_COMPARE(received.size(), 1);
        const json answer = parse(received.first().first().toString());
        QVERIFY2(answer.is_array() && answer.size() == 3, qPrintable(received.first().first().toString()));
        QCOMPARE(answer[0].get<int>(), 3);
        QCOMPARE(answer[1].get<std::string>(), std::string("hb-1"));
        QVERIFY(answer[2].contains("currentTime"));
    }

    void callFromServerReachesStation()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        StationLink *link = server->link(QStringLiteral("CP1"));
        QVERIFY(link);

        // The station answers every CALL it gets with an empty configuration.
        connect(client.get(), &QWebSocket::textMessageReceived, this, [&client](const QString &text) {
            const json call = parse(text);
            if (call.is_array() && call.size() == 4 && call[0] == 2)
                client->sendTextMessage(QString::fromStdString(json::array({3, call[1], {{"configurationKey", json::array()}}}).dump()));
        });
        std::optional<cd::ocpp::CallOutcome> outcome;
        link->endpoint().call(QStringLiteral("GetConfiguration"), json::object(),
                              [&outcome](const cd::ocpp::CallOutcome &o) { outcome = o; });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(outcome->ok());
        QVERIFY(outcome->value().contains("configurationKey"));
    }

    void messageJustUnderTheLimitIsServed()
    {
        ServerOptions options = fastOptions();
        options.maxMessageBytes = 4096;
        options.maxFrameBytes = 4096;
        const quint16 port = start(options);
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QSignalSpy received(client.get(), &QWebSocket::textMessageReceived);
        const QString padded = QStringLiteral("[2,\"hb-1\",\"Heartbeat\",{}") + QString(4000, QLatin1Char(' '))
                               + QLatin1Char(']');
        client->sendTextMessage(padded);
        QTRY_COMPARE(received.size(), 1);
        QVERIFY(received.first().first().toString().startsWith(QStringLiteral("[3,\"hb-1\"")));
    }

    void oversizeMessageClosesWith1009()
    {
        ServerOptions options = fastOptions();
        options.maxMessageBytes = 4096;
        options.maxFrameBytes = 4096;
        const quint16 port = start(options);
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);

        client->sendTextMessage(QStringLiteral("[2,\"big\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"")
                                + QString(10000, QLatin1Char('a')) + QStringLiteral("\"}]"));
        QVERIFY(waitClosed(*client));
        QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QTRY_COMPARE(handler->disconnectedCount(), 1);
        QCOMPARE(handler->lastDisconnect()->reason, disconnect_reason::messageTooLarge());
        QCOMPARE(server->stats().connectedNow, qsizetype(0));
    }

    void pingTimeoutDropsDeadStation()
    {
        ServerOptions options = fastOptions();
        options.pingInterval = 200ms;
        options.pongTimeout = 300ms;
        const quint16 port = start(options);

        RawClient dead(port);
        QVERIFY(dead.waitConnected());
        dead.send(deadStationHandshake());
        QCOMPARE(dead.readAnswer().status, 101);
        QTRY_COMPARE(handler->connectedCount(), 1);

        QTRY_COMPARE_WITH_TIMEOUT(handler->disconnectedCount(), 1, 3000);
        QCOMPARE(handler->lastDisconnect()->reason, disconnect_reason::pingTimeout());
        QVERIFY(dead.waitClosed());
        // It was pinged (unmasked server frame: 0x89 = FIN + ping) and never answered.
        const QByteArray frames = dead.received().mid(dead.received().indexOf("\r\n\r\n") + 4);
        QVERIFY(frames.startsWith("\x89"));
        QCOMPARE(server->stats().pingTimeoutTotal, quint64(1));
        QCOMPARE(server->link(QStringLiteral("CP1")), nullptr);
    }

    void liveStationSurvivesPings()
    {
        ServerOptions options = fastOptions();
        options.pingInterval = 100ms;
        options.pongTimeout = 150ms;
        const quint16 port = start(options);
        auto client = connectStation(port);  // QWebSocket answers pings by itself
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        // A negative check needs time to pass: several ping rounds, each longer than the timeout.
        QTest::qWait(800);
        QCOMPARE(handler->disconnectedCount(), 0);
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    }

    void newConnectionReplacesOld()
    {
        const quint16 port = start();
        auto first = connectStation(port);
        QVERIFY(waitOpen(*first));
        QTRY_COMPARE(handler->connectedCount(), 1);

        auto second = connectStation(port);
        QVERIFY(waitOpen(*second));
        QTRY_COMPARE(handler->connectedCount(), 2);
        QVERIFY(waitClosed(*first));
        QCOMPARE(first->closeReason(), disconnect_reason::replaced());

        // Old link ended before the new one was announced.
        QCOMPARE(handler->events.size(), std::size_t(3));
        QVERIFY(handler->events[0].connected && handler->events[0].serial == 1);
        QVERIFY(!handler->events[1].connected && handler->events[1].serial == 1);
        QCOMPARE(handler->events[1].reason, disconnect_reason::replaced());
        QVERIFY(handler->events[2].connected && handler->events[2].serial == 2);

        QCOMPARE(server->link(QStringLiteral("CP1")), handler->links.value(2).data());
        QCOMPARE(server->stats().connectedNow, qsizetype(1));
        QCOMPARE(server->stats().replacedTotal, quint64(1));

        QSignalSpy received(second.get(), &QWebSocket::textMessageReceived);
        second->sendTextMessage(QStringLiteral("[2,\"hb-2\",\"Heartbeat\",{}]"));
        QTRY_COMPARE(received.size(), 1);
        QTRY_VERIFY(handler->links.value(1).isNull());  // the old link was deleted later
    }

    void stationCloseIsReportedOnce()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        QSignalSpy closed(handler->links.value(1).data(), &StationLink::closed);
        client->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));
        QTRY_COMPARE(handler->disconnectedCount(), 1);
        QCOMPARE(handler->lastDisconnect()->reason, disconnect_reason::closedByStation());
        QCOMPARE(closed.size(), 1);
        QTRY_VERIFY(handler->links.value(1).isNull());
        QCOMPARE(handler->disconnectCounts.value(1), 1);
    }

    void connectionLossIsReported()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        client->abort();  // TCP goes away without a close frame
        QTRY_COMPARE(handler->disconnectedCount(), 1);
        QCOMPARE(handler->lastDisconnect()->reason, disconnect_reason::connectionLost());
    }

    void serverSideCloseIsReportedOnce()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        StationLink *link = server->link(QStringLiteral("CP1"));
        QVERIFY(link);
        link->close(QStringLiteral("maintenance"));
        link->close(QStringLiteral("again"));  // no second report
        QCOMPARE(handler->disconnectedCount(), 1);
        QCOMPARE(handler->lastDisconnect()->reason, QStringLiteral("maintenance"));
        QVERIFY(waitClosed(*client));
        QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QCOMPARE(client->closeReason(), QStringLiteral("maintenance"));
        QCOMPARE(server->link(QStringLiteral("CP1")), nullptr);
    }

    void outstandingCallIsAbortedOnDisconnect()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        std::optional<cd::ocpp::CallOutcome> outcome;
        server->link(QStringLiteral("CP1"))
            ->endpoint()
            .call(QStringLiteral("ClearCache"), json::object(), [&outcome](const cd::ocpp::CallOutcome &o) { outcome = o; });
        client->abort();
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!outcome->ok());
        QCOMPARE(int(outcome->error().reason), int(cd::ocpp::CallFailure::Reason::Aborted));
    }

    void handlerMayCloseWhileConnecting()
    {
        handler->closeOnConnect = true;
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitClosed(*client));
        QCOMPARE(handler->connectedCount(), 1);
        QCOMPARE(handler->disconnectedCount(), 1);
        QCOMPARE(handler->lastDisconnect()->reason, QStringLiteral("rejected by test"));
        QCOMPARE(server->stats().connectedNow, qsizetype(0));
    }

    void linkDescribesTheConnection()
    {
        const quint16 port = start();
        auto client = connectStation(port, QStringLiteral("CP 2"));
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        StationLink *link = server->link(QStringLiteral("CP 2"));
        QVERIFY(link);
        QCOMPARE(link->chargePointId(), QStringLiteral("CP 2"));
        QCOMPARE(link->version(), cd::ocpp::ProtocolVersion::Ocpp16);
        QCOMPARE(link->endpoint().role(), cd::ocpp::Role::CentralSystem);
        QCOMPARE(link->endpoint().version(), cd::ocpp::ProtocolVersion::Ocpp16);
        QVERIFY(link->peerAddress().isLoopback());
        QCOMPARE(link->connectedSinceMs(), clock.nowMs());
        QCOMPARE(server->connectedStations(), QStringList{QStringLiteral("CP 2")});
        QCOMPARE(server->stats().acceptedTotal, quint64(1));
        QCOMPARE(server->stats().peakConnected, qsizetype(1));
    }

    void closingTheServerDisconnectsEveryone()
    {
        const quint16 port = start();
        auto a = connectStation(port, QStringLiteral("CP1"));
        auto b = connectStation(port, QStringLiteral("CP 2"));
        QVERIFY(waitOpen(*a));
        QVERIFY(waitOpen(*b));
        QTRY_COMPARE(handler->connectedCount(), 2);
        server->close();
        QCOMPARE(handler->disconnectedCount(), 2);
        QCOMPARE(handler->lastDisconnect()->reason, disconnect_reason::serverStopped());
        QVERIFY(waitClosed(*a));
        QVERIFY(waitClosed(*b));
        QCOMPARE(a->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QVERIFY(!server->isListening());
        QCOMPARE(server->stats().connectedNow, qsizetype(0));
    }

    void serverRunsInAWorkerThread()
    {
        // As the console runs it: created here, moved to a worker thread, used only there.
        struct CountingHandler final : StationSessionHandler {
            void stationConnected(StationLink &link) override
            {
                onWorker = onWorker && QThread::currentThread() == worker;
                link.endpoint().setHandler(QStringLiteral("Heartbeat"), [](const cd::ocpp::IncomingCall &,
                                                                           const cd::ocpp::Reply &reply) {
                    reply.result({{"currentTime", "2024-05-01T12:00:00Z"}});
                });
                ++connected;
            }
            void stationDisconnected(StationLink &, const QString &) override
            {
                onWorker = onWorker && QThread::currentThread() == worker;
                ++disconnected;
            }
            QThread *worker = nullptr;
            std::atomic<int> connected{0};
            std::atomic<int> disconnected{0};
            std::atomic<bool> onWorker{true};
        } counting;
        QThread thread;
        counting.worker = &thread;
        thread.start();
        auto *central = new CentralSystem(fastOptions(), *directory, counting);
        central->moveToThread(&thread);
        quint16 port = 0;
        QMetaObject::invokeMethod(central, [central, &port] {
            if (central->listen(QHostAddress::LocalHost, 0))
                port = central->serverPort();
        }, Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);

        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(counting.connected.load(), 1);
        QSignalSpy received(client.get(), &QWebSocket::textMessageReceived);
        client->sendTextMessage(QStringLiteral("[2,\"hb-1\",\"Heartbeat\",{}]"));
        QTRY_COMPARE(received.size(), 1);
        client->close();
        QTRY_COMPARE(counting.disconnected.load(), 1);

        QMetaObject::invokeMethod(central, [central] { delete central; }, Qt::BlockingQueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(5000));
        QVERIFY(counting.onWorker.load());
    }

    void destroyingTheServerReportsOpenLinks()
    {
        const quint16 port = start();
        auto client = connectStation(port);
        QVERIFY(waitOpen(*client));
        QTRY_COMPARE(handler->connectedCount(), 1);
        server.reset();
        QCOMPARE(handler->disconnectedCount(), 1);
        QVERIFY(waitClosed(*client));
    }
};

QTEST_GUILESS_MAIN(TestServerLinks)
#include "tst_server_links.moc"
