#pragma once
// Test doubles at the server's seam (StationDirectory, StationSessionHandler) and raw HTTP /
// WebSocket client helpers for the core/server tests. Real sockets on 127.0.0.1 throughout.

#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcendpoint.h"
#include "core/server/centralsystem.h"
#include "core/server/connectionstats.h"
#include "core/server/stationlink.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>
#include <optional>
#include <vector>

namespace cd::server {

inline char *toString(RefusalReason reason)
{
    return qstrdup(qPrintable(refusalReasonKey(reason)));
}

}  // namespace cd::server

namespace cd::server::test {

using namespace std::chrono_literals;

inline QByteArray basicAuth(const QByteArray &user, const QByteArray &password)
{
    return "Basic " + QByteArray(user + ':' + password).toBase64();
}

// Knows stations and their passwords (plain here; the real directory stores salted hashes).
class FakeDirectory final : public StationDirectory {
public:
    void addStation(const QString &id, const QByteArray &password = {}) { m_passwords.insert(id, password); }

    Admission admit(const ConnectionRequest &request) override
    {
        requests.push_back(request);
        const auto it = m_passwords.constFind(request.chargePointId);
        if (it == m_passwords.cend())
            return Admission::UnknownStation;
        if (!it->isEmpty() && (!request.basicPassword || *request.basicPassword != *it))
            return Admission::Unauthorized;
        return Admission::Accept;
    }

    std::vector<ConnectionRequest> requests;

private:
    QHash<QString, QByteArray> m_passwords;
};

// Records every call; answers Heartbeat with the current time on each link it is given.
class RecordingHandler final : public StationSessionHandler {
public:
    struct Event {
        bool connected = false;
        int serial = 0;  // one per link, in connection order
        QString chargePointId;
        QString reason;
        ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16;
    };

    void stationConnected(StationLink &link) override
    {
        const int serial = ++m_lastSerial;
        m_serials.insert(&link, serial);
        links.insert(serial, &link);
        events.push_back({true, serial, link.chargePointId(), {}, link.version()});
        link.endpoint().setHandler(QStringLiteral("Heartbeat"), [](const ocpp::IncomingCall &, const ocpp::Reply &reply) {
            reply.result({{"currentTime", QDateTime::currentDateTimeUtc()
                                              .toString(Qt::ISODateWithMs)
                                              .toStdString()}});
        });
        if (closeOnConnect)
            link.close(QStringLiteral("rejected by test"));
    }

    void stationDisconnected(StationLink &link, const QString &reason) override
    {
        const int serial = m_serials.value(&link, 0);
        if (serial == 0)
            unknownDisconnects++;
        m_serials.remove(&link);
        disconnectCounts[serial]++;
        events.push_back({false, serial, link.chargePointId(), reason, link.version()});
    }

    int connectedCount() const { return countOf(true); }
    int disconnectedCount() const { return countOf(false); }
    const Event *lastDisconnect() const
    {
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (!it->connected)
                return &*it;
        }
        return nullptr;
    }
    // Every link connected so far was reported disconnected exactly once, and nothing else was.
    bool eachDisconnectedOnce() const
    {
        if (unknownDisconnects != 0)
            return false;
        for (int serial = 1; serial <= m_lastSerial; ++serial) {
            if (disconnectCounts.value(serial) != 1)
                return false;
        }
        return true;
    }

    std::vector<Event> events;
    QHash<int, QPointer<StationLink>> links;
    QHash<int, int> disconnectCounts;
    int unknownDisconnects = 0;
    bool closeOnConnect = false;

private:
    int countOf(bool connected) const
    {
        int n = 0;
        for (const Event &e : events)
            n += e.connected == connected ? 1 : 0;
        return n;
    }

    QHash<const StationLink *, int> m_serials;
    int m_lastSerial = 0;
};

// A well-formed RFC 6455 upgrade request head.
struct UpgradeRequest {
    QByteArray path = "/ocpp/CP1";
    QByteArray protocols = "ocpp1.6";  // empty: no Sec-WebSocket-Protocol header
    std::optional<QByteArray> authorization;
    QByteArray extraHeaders;  // complete lines incl. CRLF

    QByteArray toBytes() const
    {
        QByteArray out = "GET " + path + " HTTP/1.1\r\n"
                         "Host: 127.0.0.1\r\n"
                         "Upgrade: websocket\r\n"
                         "Connection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n";
        if (!protocols.isEmpty())
            out += "Sec-WebSocket-Protocol: " + protocols + "\r\n";
        if (authorization)
            out += "Authorization: " + *authorization + "\r\n";
        out += extraHeaders;
        out += "\r\n";
        return out;
    }
};

struct HttpAnswer {
    int status = 0;
    QByteArray head;  // status line + headers
    QByteArray rest;  // body or, after a 101, the first WebSocket bytes
    bool closedByServer = false;

    std::optional<QByteArray> header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return std::nullopt;
    }
};

// A client that speaks raw bytes: sends what the test says, reads the HTTP answer.
class RawClient {
public:
    explicit RawClient(quint16 port)
    {
        socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
    }
    // Over TLS with a configured socket (trusted CAs, client certificate): what send() writes
    // waits in the socket until the handshake is done.
    RawClient(std::unique_ptr<QSslSocket> tlsSocket, quint16 port)
    {
        tlsSocket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        socket = std::move(tlsSocket);
    }

    bool waitConnected() { return QTest::qWaitFor([this] { return socket->state() == QAbstractSocket::ConnectedState; }, 5000); }

    void send(const QByteArray &bytes) { socket->write(bytes); }

    // Reads until the response head is complete (and the body for non-101), or the server closed.
    HttpAnswer readAnswer(int timeoutMs = 5000)
    {
        [[maybe_unused]] const bool complete = QTest::qWaitFor(
            [this] {
                m_buffer += socket->readAll();
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (socket->state() == QAbstractSocket::UnconnectedState)
                    return true;
                if (end < 0)
                    return false;
                if (m_buffer.startsWith("HTTP/1.1 101"))
                    return true;
                HttpAnswer probe = split();
                const auto length = probe.header("Content-Length");
                return !length || probe.rest.size() >= length->toInt();
            },
            timeoutMs);
        m_buffer += socket->readAll();
        HttpAnswer answer = split();
        answer.closedByServer = socket->state() == QAbstractSocket::UnconnectedState;
        return answer;
    }

    // After the answer: true once the server has closed the TCP connection.
    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [this] {
                m_buffer += socket->readAll();
                return socket->state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    QByteArray received() const { return m_buffer; }

    std::unique_ptr<QTcpSocket> socket;

private:
    HttpAnswer split() const
    {
        HttpAnswer answer;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        answer.head = end < 0 ? m_buffer : m_buffer.left(end);
        answer.rest = end < 0 ? QByteArray() : m_buffer.mid(end + 4);
        const QList<QByteArray> statusLine = answer.head.left(answer.head.indexOf("\r\n")).split(' ');
        if (statusLine.size() >= 2 && statusLine[0] == "HTTP/1.1")
            answer.status = statusLine[1].toInt();
        return answer;
    }

    QByteArray m_buffer;
};

// One request, one answer.
inline HttpAnswer exchange(quint16 port, const QByteArray &request)
{
    RawClient client(port);
    if (!client.waitConnected())
        return {};
    client.send(request);
    return client.readAnswer();
}

// A real Qt WebSocket client.
inline std::unique_ptr<QWebSocket> openClient(quint16 port, const QString &path, const QStringList &protocols,
                                              const std::optional<QByteArray> &authorization = std::nullopt)
{
    auto client = std::make_unique<QWebSocket>();
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path)));
    if (authorization)
        request.setRawHeader("Authorization", *authorization);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(protocols);
    client->open(request, options);
    return client;
}

inline bool waitOpen(QWebSocket &client)
{
    return QTest::qWaitFor([&client] { return client.state() == QAbstractSocket::ConnectedState; }, 5000);
}

inline bool waitClosed(QWebSocket &client)
{
    return QTest::qWaitFor([&client] { return client.state() == QAbstractSocket::UnconnectedState; }, 5000);
}

// Short timings so liveness tests run in well under a second.
inline ServerOptions fastOptions()
{
    ServerOptions options;
    options.pingInterval = 10s;  // tests that need pings set their own
    options.pongTimeout = 5s;
    options.handshakeTimeout = 2s;
    options.closeGracePeriod = 500ms;
    return options;
}

}  // namespace cd::server::test
