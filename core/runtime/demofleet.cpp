#include "core/runtime/demofleet.h"

#include "core/billing/tariff.h"
#include "core/billing/tariffrepository.h"
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

namespace {

// A network-wide time-of-use tariff, so the demo's sessions are billed (and checked for anomalies)
// from the first minute: valley at night, peak in the evening, an idle fee after 5 free minutes (demo
// sessions are short).
Status addDemoTariff(const storage::Database &db)
{
    billing::TariffRepository tariffs(db);
    auto existing = tariffs.list();
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return {};
    billing::Tariff t;
    t.name = QStringLiteral("Demo network tariff");
    t.currency = QStringLiteral("UAH");
    t.timeZone = QStringLiteral("Europe/Kyiv");
    t.validFromMs = 1;  // since always: the demo's stations may report old session times
    t.energyPriceMinorPerKwh = 850;
    t.periods = {{billing::PeriodKind::Valley, 23 * 60, 7 * 60, 450}, {billing::PeriodKind::Peak, 17 * 60, 21 * 60, 1150}};
    t.serviceFeeMinorPerKwh = 150;
    t.idleFeeMinorPerMinute = 200;
    t.idleFreeMinutes = 5;
    auto saved = tariffs.save(t, access::Actor::system(QStringLiteral("demo")), QStringLiteral("demo network tariff"));
    if (!saved)
        return saved.error();
    return {};
}

}  // namespace

Status DemoFleet::prepare(const storage::Database &db, const DemoOptions &options)
{
    if (Status tariff = addDemoTariff(db); !tariff)
        return tariff;
    auto existing = storage::IdTagRepository(db).find(options.fleetTag);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return {};
    storage::IdTag tag;
    tag.idTag = options.fleetTag;
    tag.kind = QStringLiteral("department");
    tag.maxConcurrentSessions = 1000;
    auto added = charging::IdTagAdmin(db, access::Actor::system(QStringLiteral("demo"))).add(tag, QStringLiteral("demo fleet card"));
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
    options.sessionInterval = m_options.sessionInterval;
    options.station.session.meanDuration = m_options.meanSessionDuration;
    options.station.meterSampleInterval = m_options.meterSampleInterval;
    options.station.idTags = {m_options.fleetTag};
    options.station.faultProbability = 0.02;
    // A fifth of the stations read 0 before the start and then jump (gdss_case#7), as many do in the
    // field, so the anomaly bills screen has work (code 8).
    options.misbehaviours = {{sim::Misbehaviour::MeterZeroThenJump, 0.2, {}}};
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
