#pragma once
// The console's own station server, as the operator configured it in Settings (remembered in
// QSettings under "stationServer/"). Command-line options override it for one run.

#include "core/common/expected.h"
#include "core/runtime/runtimeoptions.h"
#include "core/server/serveroptions.h"

#include <QString>

class QSettings;

namespace cd::runtime {

struct StationServerSettings {
    bool enabled = true;
    QString listen = QStringLiteral("127.0.0.1:9000");  // host:port, as --listen takes it
    server::SecurityProfile securityProfile = server::SecurityProfile::BasicAuth;
    TlsFiles tls;  // profiles 2 and 3: certificate, key; profile 3 also the stations' CA
    bool acceptUnknownStations = false;

    static StationServerSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // The runtime options these settings describe; a usage error when `listen` is not host:port.
    // The TLS files are read when the server starts (ServerOptionsCheck and listen() report them).
    Expected<RuntimeOptions> toRuntimeOptions() const;

    friend bool operator==(const StationServerSettings &, const StationServerSettings &) = default;
};

}  // namespace cd::runtime
