#include "core/runtime/demofleet.h"

#include "core/charging/idtagadmin.h"
#include "core/sim/simulator.h"
#include "core/storage/idtagrepository.h"

namespace cd::runtime {

DemoFleet::DemoFleet(DemoOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_worker(QStringLiteral("chargedesk-demo"))
{
}

DemoFleet::~DemoFleet()
{
    m_worker.runAndWait([this] { destroySimulator(); });
}

RuntimeOptions DemoFleet::demoRuntimeOptions(RuntimeOptions base)
{
    base.charging.acceptUnknownStations = true;
    base.server.securityProfile = server::SecurityProfile::None;
    return base;
}

Status DemoFleet::prepare(const storage::Database &db, const DemoOptions &options)
{
    auto existing = storage::IdTagRepository(db).find(options.fleetTag);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return {};
    storage::IdTag tag;
    tag.idTag = options.fleetTag;
    tag.kind = QStringLiteral("department");
    tag.maxConcurrentSessions = 1000;
    auto added = charging::IdTagAdmin(db, QStringLiteral("demo")).add(tag, QStringLiteral("demo fleet card"));
    if (!added)
        return added.error();
    return {};
}

void DemoFleet::start(const QUrl &serverUrl)
{
    sim::SimulatorOptions options;
    options.serverUrl = serverUrl;
    options.stationCount = m_options.stations;
    options.idPrefix = m_options.idPrefix;
    options.timeScale = m_options.timeScale;
    options.station.idTags = {m_options.fleetTag};
    options.station.faultProbability = 0.02;
    m_worker.post([this, options = std::move(options)] {
        destroySimulator();
        m_simulator = new sim::Simulator(options);
        m_simulator->start();
    });
}

void DemoFleet::destroySimulator()
{
    if (!m_simulator)
        return;
    m_simulator->stop();
    delete m_simulator;
    m_simulator = nullptr;
}

}  // namespace cd::runtime
