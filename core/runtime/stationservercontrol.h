#pragma once
// The console's station server as the operator sees it: the EmbeddedServer, the settings it
// runs with, and demo mode's simulated stations. The Settings screen applies new settings here
// (validated, remembered, server restarted or stopped); the console's command line may
// override them for one run.

#include "core/common/expected.h"
#include "core/runtime/demofleet.h"
#include "core/runtime/embeddedserver.h"
#include "core/runtime/stationserversettings.h"

#include <QCoreApplication>
#include <QObject>

#include <memory>
#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::runtime {

class StationServerControl : public QObject {
    Q_OBJECT
public:
    // `settings` are what the operator saved (StationServerSettings::load()).
    StationServerControl(std::shared_ptr<storage::Database> db, StationServerSettings settings,
                         QObject *parent = nullptr);
    ~StationServerControl() override;

    EmbeddedServer &server() { return m_server; }
    const EmbeddedServer &server() const { return m_server; }
    const StationServerSettings &settings() const { return m_settings; }
    bool demoMode() const { return m_demo != nullptr; }

    // Demo mode: the fleet card is made sure of, the server admits unknown stations without
    // passwords, and the demo stations start against it every time it starts listening.
    Status enableDemo(const DemoOptions &options);

    // Starts with the saved settings, or with `overrides` (the command line's) for this run.
    // Does nothing when the settings disable the server and there are no overrides.
    Status start(const std::optional<RuntimeOptions> &overrides = std::nullopt);

    // Checks and remembers `settings`, then restarts the server with them (or stops it when
    // they disable it). A usage error for an invalid listen address leaves everything as it was.
    Status apply(const StationServerSettings &settings);

    // Why `settings` cannot be applied, in the operator's language; empty when they can.
    static QString validationError(const StationServerSettings &settings);

private:
    void startServer(RuntimeOptions options);
    void onServerStateChanged(EmbeddedServer::State state);

    std::shared_ptr<storage::Database> m_db;
    StationServerSettings m_settings;
    EmbeddedServer m_server;
    std::unique_ptr<DemoFleet> m_demo;
};

class StationServerTexts {
    Q_DECLARE_TR_FUNCTIONS(cd::runtime::StationServerTexts)
public:
    static QString invalidListen(const QString &text);
    static QString tlsFilesMissing();
    static QString caMissing();
};

}  // namespace cd::runtime
