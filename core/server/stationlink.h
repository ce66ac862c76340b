#pragma once
// The seam between the connection layer (core/server) and the charging service
// (core/charging). The server owns sockets and framing; the charging service owns what the
// messages mean. Neither includes the other's implementation headers.

#include "core/ocpp/protocolversion.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::server {

// What a station presented when it asked to connect (before the WebSocket upgrade).
struct ConnectionRequest {
    QString chargePointId;                 // the last path segment of /ocpp/<id>, percent-decoded
    ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16;  // negotiated subprotocol
    std::optional<QString> basicUser;      // from the Authorization: Basic header
    std::optional<QByteArray> basicPassword;
    QHostAddress peer;
    bool tls = false;
    QString clientCertificateCn;           // security profile 3
};

enum class Admission {
    Accept,
    UnknownStation,  // HTTP 404 before the upgrade
    Unauthorized,    // HTTP 401 before the upgrade
};

// Decides who may connect. Implemented by the charging service (station registry).
class StationDirectory {
public:
    using Decision = std::function<void(Admission)>;

    virtual ~StationDirectory() = default;
    // The decision, on the calling thread. May be slow (a password hash to check).
    virtual Admission admit(const ConnectionRequest &request) = 0;
    // The server's way to ask: `decide` runs exactly once on `context`'s thread, either before
    // this returns or later; never when `context` is gone by then. An implementation moves slow
    // work (Argon2) off the calling thread, so one station's check never stalls the others.
    virtual void admitAsync(const ConnectionRequest &request, QObject *context, Decision decide)
    {
        Q_UNUSED(context)
        decide(admit(request));
    }
};

// One connected station, as the charging service sees it. Implemented by the server.
class StationLink : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString chargePointId() const = 0;
    virtual ocpp::ProtocolVersion version() const = 0;
    // Register CALL handlers here and send server-initiated CALLs through it.
    virtual ocpp::RpcEndpoint &endpoint() = 0;
    virtual QHostAddress peerAddress() const = 0;
    virtual qint64 connectedSinceMs() const = 0;
    // Closes the connection (e.g. a second connection for the same station replaces this one).
    virtual void close(const QString &reason) = 0;

signals:
    void closed(const QString &reason);
};

// Told about every station that connects or goes away. Implemented by the charging service.
class StationSessionHandler {
public:
    virtual ~StationSessionHandler() = default;
    // Called after the upgrade, before any frame is read: install handlers on link.endpoint().
    virtual void stationConnected(StationLink &link) = 0;
    // Called once when the link closed (ping timeout, close frame, error, replaced).
    virtual void stationDisconnected(StationLink &link, const QString &reason) = 0;
};

// Tells several handlers (charging service, command executor, …) about the same links, in
// the order they were added; disconnects go in reverse order.
class SessionHandlerFanout final : public StationSessionHandler {
public:
    void add(StationSessionHandler *handler) { m_handlers.append(handler); }
    void stationConnected(StationLink &link) override
    {
        for (StationSessionHandler *h : m_handlers)
            h->stationConnected(link);
    }
    void stationDisconnected(StationLink &link, const QString &reason) override
    {
        for (auto it = m_handlers.crbegin(); it != m_handlers.crend(); ++it)
            (*it)->stationDisconnected(link, reason);
    }

private:
    QList<StationSessionHandler *> m_handlers;
};

}  // namespace cd::server
