#pragma once
// Who may connect, decided before the WebSocket upgrade (server seam):
//  - an id that is not a valid charge point id → UnknownStation (HTTP 404);
//  - an unknown station → UnknownStation, unless acceptUnknownStations (then Accept: it is
//    registered when it connects);
//  - a station with a Basic-auth password (or security profile 1/2) → the Basic user must be
//    the station id and the password must match the salted Argon2id hash → else Unauthorized
//    (HTTP 401); profile 2 also needs TLS, profile 3 TLS with a client certificate whose CN is
//    the station id;
//  - otherwise (profile 0, no password: a lab) → Accept.
// Thread-safe: reads the registry on the calling thread's database connection; successful
// password checks are cached (auth::CredentialVerifier). admitAsync() runs an uncached Argon2
// check on a small thread pool of its own, so a reconnect storm never stalls the server thread.
// Create and destroy it on the server's thread.

#include "core/auth/credentialverifier.h"
#include "core/charging/chargingoptions.h"
#include "core/server/stationlink.h"

#include <QObject>
#include <QThreadPool>

#include <memory>
#include <variant>

namespace cd::storage {
class Database;
}

namespace cd::charging {

class ChargingStationDirectory final : public server::StationDirectory {
public:
    ChargingStationDirectory(std::shared_ptr<storage::Database> db, ChargingOptions options,
                             const Clock &clock = Clock::system());

    // Drops password checks not started yet and waits for those running.
    ~ChargingStationDirectory() override;

    server::Admission admit(const server::ConnectionRequest &request) override;
    void admitAsync(const server::ConnectionRequest &request, QObject *context, Decision decide) override;

    const auth::CredentialVerifier &verifier() const { return m_verifier; }

private:
    // Credentials still to compare with the stored hash.
    struct PasswordCheck {
        QString principal;
        QString storedHash;
        QByteArray password;
    };
    // Everything but the hash comparison: a decision, or the check that decides.
    std::variant<server::Admission, PasswordCheck> precheck(const server::ConnectionRequest &request);

    std::shared_ptr<storage::Database> m_db;
    ChargingOptions m_options;
    auth::CredentialVerifier m_verifier;
    QObject m_home;       // on the creating (server) thread: where answers from the pool land
    QThreadPool m_pool;   // Argon2 checks
};

}  // namespace cd::charging
