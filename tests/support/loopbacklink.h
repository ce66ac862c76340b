#pragma once
// A station connected to the central system without sockets: two real RpcEndpoints (central
// and station role) wired to each other through queued signal connections. The central side
// is offered as a server::StationLink, the seam the charging and command services see.

#include "core/common/clock.h"
#include "core/ocpp/rpcendpoint.h"
#include "core/server/stationlink.h"

namespace cd::test {

class LoopbackLink final : public server::StationLink {
public:
    explicit LoopbackLink(QString chargePointId, qint64 connectedSinceMs = 1,
                          ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16)
        : m_id(std::move(chargePointId)),
          m_since(connectedSinceMs),
          m_version(version),
          m_central(options(ocpp::Role::CentralSystem, version)),
          m_station(options(ocpp::Role::ChargingStation, version))
    {
        connect(&m_central, &ocpp::RpcEndpoint::textToSend, &m_station, &ocpp::RpcEndpoint::receiveText,
                Qt::QueuedConnection);
        connect(&m_station, &ocpp::RpcEndpoint::textToSend, &m_central, &ocpp::RpcEndpoint::receiveText,
                Qt::QueuedConnection);
    }

    QString chargePointId() const override { return m_id; }
    ocpp::ProtocolVersion version() const override { return m_version; }
    ocpp::RpcEndpoint &endpoint() override { return m_central; }
    QHostAddress peerAddress() const override { return QHostAddress::LocalHost; }
    qint64 connectedSinceMs() const override { return m_since; }
    void close(const QString &reason) override
    {
        m_central.abort(reason);
        m_station.abort(reason);
        emit closed(reason);
    }

    // The station's side, to install handlers for server→station CALLs or send CALLs.
    ocpp::RpcEndpoint &station() { return m_station; }

private:
    static ocpp::EndpointOptions options(ocpp::Role role, ocpp::ProtocolVersion version)
    {
        ocpp::EndpointOptions o;
        o.role = role;
        o.version = version;
        return o;
    }

    QString m_id;
    qint64 m_since;
    ocpp::ProtocolVersion m_version;
    ocpp::RpcEndpoint m_central;
    ocpp::RpcEndpoint m_station;
};

}  // namespace cd::test
