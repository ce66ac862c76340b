#pragma once
// What the charging service keeps about a station beyond what the operator registered:
// registration status, identity reported at boot, heartbeat, connection state, and the
// Basic-auth credentials (security profile and salted password hash).

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

// Everything a BootNotification (1.6) or BootNotificationRequest (2.0.1) says about a station.
struct StationIdentity {
    QString vendor;
    QString model;
    QString serialNumber;           // chargePointSerialNumber
    QString chargeBoxSerialNumber;  // 1.6 only
    QString firmware;
    QString iccid;
    QString imsi;
    QString meterType;
    QString meterSerialNumber;
};

struct StationState {
    qint64 id = 0;
    QString chargePointId;
    QString name;
    bool hidden = false;
    QString protocol;
    QString registrationStatus;  // "Accepted", "Pending" or "Rejected"
    int securityProfile = 0;
    QString passwordHash;        // empty when no Basic-auth password is set
    StationIdentity identity;
    std::optional<qint64> lastBootMs;
    std::optional<qint64> lastHeartbeatMs;
    std::optional<qint64> connectedSinceMs;  // set while a connection is open
    std::optional<qint64> disconnectedMs;
    qint64 createdMs = 0;

    bool online() const { return connectedSinceMs.has_value(); }
};

class StationStateRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::StationStateRepository)
public:
    explicit StationStateRepository(const Database &db);

    Expected<std::optional<StationState>> find(const QString &chargePointId) const;
    Expected<std::optional<StationState>> findById(qint64 id) const;
    // Every station by id (the station list reads them in one statement).
    Expected<QHash<qint64, StationState>> all() const;

    // Registers a station that connected without being known (accept-unknown-stations).
    Expected<qint64> registerUnknown(const QString &chargePointId, const QString &registrationStatus,
                                     const QString &protocol, qint64 nowMs);

    Status recordBoot(qint64 id, const StationIdentity &identity, qint64 atMs);
    Status recordHeartbeat(qint64 id, qint64 atMs);
    Status setRegistrationStatus(qint64 id, const QString &status);
    Status setConnected(qint64 id, qint64 sinceMs, const QString &protocol);
    // Marks the station offline unless a newer connection (another connectedSinceMs) took over.
    // Returns whether the row changed.
    Expected<bool> setDisconnected(qint64 id, qint64 connectionSinceMs, qint64 atMs);
    // Every station that a previous process left marked online (crash, kill): offline now.
    Expected<int> markAllOffline(qint64 atMs);

    // Basic-auth credentials for security profile 1/2 (passwordHash from auth::PasswordHash).
    Status setCredentials(const QString &chargePointId, int securityProfile, const QString &passwordHash);

private:
    const Database &m_db;
};

}  // namespace cd::storage
