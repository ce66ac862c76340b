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
// password checks are cached (auth::CredentialVerifier).

#include "core/auth/credentialverifier.h"
#include "core/charging/chargingoptions.h"
#include "core/server/stationlink.h"

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::charging {

class ChargingStationDirectory final : public server::StationDirectory {
public:
    ChargingStationDirectory(std::shared_ptr<storage::Database> db, ChargingOptions options,
                             const Clock &clock = Clock::system());

    server::Admission admit(const server::ConnectionRequest &request) override;

    const auth::CredentialVerifier &verifier() const { return m_verifier; }

private:
    std::shared_ptr<storage::Database> m_db;
    ChargingOptions m_options;
    auth::CredentialVerifier m_verifier;
};

}  // namespace cd::charging
