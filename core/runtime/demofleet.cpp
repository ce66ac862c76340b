#include "core/runtime/demofleet.h"

#include <cmath>

#include "core/billing/tariff.h"
#include "core/billing/tariffrepository.h"
#include "core/charging/idtagadmin.h"
#include "core/sim/simulator.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/idtagrepository.h"
#include "core/storage/siterepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"

#include <QJsonDocument>
#include <QJsonObject>

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

struct DemoSite {
    const char *name;
    double latitude;
    double longitude;
};

// Where the demo's stations stand: a few sites in three cities, so the map has clusters to
// open and the site filter has choices.
constexpr DemoSite kDemoSites[] = {
    {"Kyiv · Podil", 50.4663, 30.5151},        {"Kyiv · Obolon", 50.5013, 30.4979},
    {"Kyiv · Pechersk", 50.4275, 30.5449},     {"Lviv · Rynok Square", 49.8419, 24.0316},
    {"Odesa · Arcadia", 46.4297, 30.7617},
};

// Registers the demo's stations before they first connect, each at a site and a location (a
// database from an older demo gets the locations it lacks). Audited as demo mode's doing.
Status placeDemoStations(const storage::Database &db, const DemoOptions &options)
{
    storage::SiteRepository sites(db);
    auto existingSites = sites.sites();
    if (!existingSites)
        return existingSites.error();
    QList<qint64> siteIds;
    for (const DemoSite &demo : kDemoSites) {
        const QString name = QString::fromUtf8(demo.name);
        qint64 id = 0;
        for (const storage::SiteRow &row : std::as_const(*existingSites)) {
            if (row.name == name)
                id = row.id;
        }
        if (id == 0) {
            auto added = sites.addSite(name, QString(), std::nullopt);
            if (!added)
                return added.error();
            id = *added;
        }
        siteIds << id;
    }
    storage::StationRepository stations(db);
    storage::AuditLogRepository audit(db);
    constexpr int kSites = int(std::size(kDemoSites));
    for (int i = 0; i < options.stations; ++i) {
        const QString id = options.idPrefix + u'-' + QString::number(i + 1).rightJustified(4, u'0');
        const DemoSite &site = kDemoSites[i % kSites];
        // Around the site: a few tens of metres apart, on a small spiral.
        const int place = i / kSites;
        const double angle = place * 2.4;
        const double latitude = site.latitude + 0.0004 * place * std::sin(angle);
        const double longitude = site.longitude + 0.0006 * place * std::cos(angle);
        auto existing = stations.find(id);
        if (!existing)
            return existing.error();
        if (existing->has_value() && (*existing)->latitude)
            continue;
        storage::AuditEntry entry;
        entry.operatorName = QStringLiteral("demo");
        entry.entityType = QStringLiteral("station");
        entry.entityId = id;
        entry.reason = QStringLiteral("demo mode");
        const QJsonObject after{{QStringLiteral("chargePointId"), id},
                                {QStringLiteral("latitude"), latitude},
                                {QStringLiteral("longitude"), longitude},
                                {QStringLiteral("siteId"), siteIds.at(i % kSites)}};
        entry.afterState = QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact));
        if (existing->has_value()) {
            entry.action = QStringLiteral("station.set_location");
            if (auto moved = stations.setLocation(id, latitude, longitude); !moved)
                return moved.error();
        } else {
            entry.action = QStringLiteral("station.add");
            storage::Station station;
            station.chargePointId = id;
            station.latitude = latitude;
            station.longitude = longitude;
            station.registrationStatus = QStringLiteral("Accepted");
            if (auto added = stations.add(station); !added)
                return added.error();
        }
        if (auto sited = sites.setStationSite(id, siteIds.at(i % kSites)); !sited)
            return sited.error();
        if (auto logged = audit.append(entry); !logged)
            return logged.error();
    }
    return {};
}

}  // namespace

Status DemoFleet::prepare(const storage::Database &db, const DemoOptions &options)
{
    if (Status tariff = addDemoTariff(db); !tariff)
        return tariff;
    {
        storage::Transaction transaction(db.connection());
        if (Status begun = transaction.begin(); !begun)
            return begun;
        if (Status placed = placeDemoStations(db, options); !placed)
            return placed;
        if (Status committed = transaction.commit(); !committed)
            return committed;
    }
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
