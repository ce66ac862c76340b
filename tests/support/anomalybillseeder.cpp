#include "support/anomalybillseeder.h"

#include "core/billing/billcalculator.h"
#include "core/billing/billrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::test {

namespace {

constexpr qint64 kHourMs = 3'600'000;

QString detailFor(int code, qint64 energyWh)
{
    switch (code) {
    case 1:
        return u"no StopTransaction; closed by the platform"_s;
    case 2:
        return u"station offline from the 40th minute; no final bill"_s;
    case 3:
        return u"session lasted 171 h (threshold 168 h)"_s;
    case 4:
        return u"energy %1 Wh above the ceiling"_s.arg(energyWh * 1000);
    case 5:
        return u"charging 0 s with %1 Wh delivered"_s.arg(energyWh);
    case 6:
        return u"charging failed after 42 s; connector occupied 3 h 5 min"_s;
    case 7:
        return u"overlaps another session on connector 1"_s;
    case 8:
        return u"station %1 Wh, meter samples %2 Wh (register 0 before the start)"_s.arg(energyWh).arg(energyWh * 4);
    case 9:
        return u"station 52 min, platform 61 min"_s;
    case 11:
        return u"no meter values and no meter stop"_s;
    default:
        return {};
    }
}

// The codes of one anomaly bill: mostly 8 (gdss_case#9), sometimes two or three codes.
QList<int> codesFor(QRandomGenerator &random)
{
    static const int kCodes[] = {8, 3, 6, 11, 1, 2, 4, 5, 7, 9};
    static const int kWeights[] = {650, 80, 70, 50, 40, 30, 30, 20, 20, 10};
    const auto pick = [&] {
        int roll = int(random.bounded(1000));
        for (int i = 0; i < 10; ++i) {
            if (roll < kWeights[i])
                return kCodes[i];
            roll -= kWeights[i];
        }
        return 8;
    };
    QList<int> codes{pick()};
    const int extra = random.bounded(100) < 20 ? (random.bounded(100) < 25 ? 2 : 1) : 0;
    while (codes.size() < 1 + extra) {
        const int code = pick();
        if (!codes.contains(code))
            codes.append(code);
    }
    return codes;
}

Error failed(const QSqlQuery &q, const QString &what)
{
    return storage::Sql::error(q.lastError(), what);
}

qint64 nextId(const QSqlDatabase &connection, const QString &table)
{
    auto q = storage::Sql::run(connection, u"SELECT MAX(id) FROM "_s + table, {});
    return q && q->next() ? q->value(0).toLongLong() + 1 : 1;
}

}  // namespace

AnomalyFixture::AnomalyFixture(const storage::Database &db) : m_db(db) {}

qint64 AnomalyFixture::insert(const QString &sql, const QVariantList &values)
{
    auto q = storage::Sql::run(m_db.connection(), sql + m_db.dialect().returningIdClause(), values);
    if (!q) {
        m_error = q.error().message;
        return 0;
    }
    return m_db.dialect().insertedId(*q);
}

qint64 AnomalyFixture::site(const QString &name)
{
    return insert(u"INSERT INTO sites (name, created_ms) VALUES (?, 0)"_s, {name});
}

qint64 AnomalyFixture::station(const QString &chargePointId, qint64 siteId, const QString &vendor,
                               const QString &model, const QString &firmware)
{
    return insert(u"INSERT INTO stations (charge_point_id, name, site_id, vendor, model, firmware, registration_status, "
                  "protocol, created_ms) VALUES (?, ?, ?, ?, ?, ?, 'Accepted', 'ocpp1.6', 0)"_s,
                  {chargePointId, chargePointId, siteId > 0 ? QVariant(siteId) : QVariant(), vendor, model, firmware});
}

qint64 AnomalyFixture::session(qint64 stationId, qint64 startedMs, qint64 energyWh, qint64 totalMinor,
                               const QString &settlementState)
{
    const qint64 id = insert(u"INSERT INTO sessions (session_number, station_id, connector_id, status, currency, "
                             "meter_start_wh, meter_stop_wh, energy_wh, amount_minor, stop_source, created_ms, "
                             "started_ms, charging_started_ms, charging_ended_ms, ended_ms, updated_ms) "
                             "VALUES (?, ?, 1, 'finished', 'UAH', 1000, ?, ?, ?, 'station', ?, ?, ?, ?, ?, ?)"_s,
                             {u"FIX-%1-%2"_s.arg(stationId).arg(startedMs), stationId, 1000 + energyWh, energyWh,
                              totalMinor, startedMs, startedMs, startedMs, startedMs + kHourMs, startedMs + kHourMs,
                              startedMs + kHourMs});
    if (id == 0)
        return 0;
    if (!storage::Sql::run(m_db.connection(), u"UPDATE sessions SET session_number = ? WHERE id = ?"_s,
                           {storage::SessionRepository::numberFor(id, startedMs), id}))
        return 0;
    const qint64 bill = insert(u"INSERT INTO bills (session_id, version, currency, energy_wh, charging_started_ms, "
                               "charging_ended_ms, service_ended_ms, energy_fee_minor, service_fee_minor, total_minor, "
                               "station_energy_wh, settlement_state, created_by, created_ms) "
                               "VALUES (?, 1, 'UAH', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture', ?)"_s,
                               {id, energyWh, startedMs, startedMs + kHourMs, startedMs + kHourMs, totalMinor * 7 / 10,
                                totalMinor - totalMinor * 7 / 10, totalMinor, energyWh, settlementState,
                                startedMs + kHourMs});
    return bill == 0 ? 0 : id;
}

qint64 AnomalyFixture::computedSession(qint64 stationId, qint64 startedMs, qint64 energyWh, int chargingMinutes,
                                       int idleMinutes, std::optional<qint64> stationEnergyWh,
                                       const QString &settlementState)
{
    const qint64 chargingEnd = startedMs + qint64(chargingMinutes) * 60'000;
    const qint64 serviceEnd = chargingEnd + qint64(idleMinutes) * 60'000;
    const qint64 id = insert(u"INSERT INTO sessions (session_number, station_id, connector_id, status, currency, "
                             "meter_start_wh, meter_stop_wh, energy_wh, stop_source, created_ms, started_ms, "
                             "charging_started_ms, charging_ended_ms, ended_ms, updated_ms) "
                             "VALUES (?, ?, 1, 'finished', 'UAH', 1000, ?, ?, 'station', ?, ?, ?, ?, ?, ?)"_s,
                             {u"FIX-%1-%2"_s.arg(stationId).arg(startedMs), stationId, 1000 + energyWh, energyWh, startedMs,
                              startedMs, startedMs, chargingEnd, serviceEnd, serviceEnd});
    if (id == 0)
        return 0;
    if (!storage::Sql::run(m_db.connection(), u"UPDATE sessions SET session_number = ? WHERE id = ?"_s,
                           {storage::SessionRepository::numberFor(id, startedMs), id}))
        return 0;
    billing::Tariff tariff;
    tariff.name = u"Fixture time of use"_s;
    tariff.currency = u"UAH"_s;
    tariff.energyPriceMinorPerKwh = 400;
    tariff.periods = {billing::TariffPeriod{billing::PeriodKind::Peak, 8 * 60, 22 * 60, 1200}};
    tariff.serviceFeeMinorPerKwh = 50;
    tariff.idleFeeMinorPerMinute = 80;
    tariff.idleFreeMinutes = 15;
    billing::BillInput input;
    input.tariff = tariff;
    input.meterStartWh = 1000;
    input.meterStopWh = 1000 + energyWh;
    input.chargingStartMs = startedMs;
    input.chargingEndMs = chargingEnd;
    input.serviceEndMs = serviceEnd;
    billing::Bill bill = billing::Bill::fromResult(id, billing::calculateBill(input));
    bill.version = 1;
    bill.stationEnergyWh = stationEnergyWh;
    bill.settlementState = billing::SettlementText::stateFromName(settlementState).value_or(billing::SettlementState::Held);
    bill.createdBy = u"fixture"_s;
    bill.createdMs = serviceEnd;
    auto inserted = billing::BillRepository(m_db).insert(bill);
    if (!inserted) {
        m_error = inserted.error().message;
        return 0;
    }
    return id;
}

qint64 AnomalyFixture::unstartedSession(qint64 stationId, qint64 createdMs)
{
    const qint64 id = insert(u"INSERT INTO sessions (session_number, station_id, status, created_ms, updated_ms) "
                             "VALUES (?, ?, 'canceled', ?, ?)"_s,
                             {u"FIX-U-%1-%2"_s.arg(stationId).arg(createdMs), stationId, createdMs, createdMs});
    return id;
}

qint64 AnomalyFixture::currentBill(qint64 sessionId)
{
    auto q = storage::Sql::run(m_db.connection(),
                               u"SELECT id FROM bills WHERE session_id = ? ORDER BY version DESC"_s, {sessionId});
    if (!q) {
        m_error = q.error().message;
        return 0;
    }
    return q->next() ? q->value(0).toLongLong() : 0;
}

qint64 AnomalyFixture::anomaly(qint64 sessionId, int code, qint64 detectedMs, const QString &detail)
{
    const qint64 bill = currentBill(sessionId);
    if (bill == 0)
        return 0;
    return insert(u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) VALUES (?, ?, ?, ?, ?)"_s,
                  {bill, sessionId, code, detail.isNull() ? detailFor(code, 12000) : detail, detectedMs});
}

qint64 AnomalyFixture::correct(qint64 sessionId, qint64 atMs, qint64 energyWh, qint64 totalMinor)
{
    auto q = storage::Sql::run(m_db.connection(),
                               u"SELECT id, version, charging_started_ms, charging_ended_ms FROM bills "
                               "WHERE session_id = ? ORDER BY version DESC"_s,
                               {sessionId});
    if (!q || !q->next()) {
        m_error = q ? u"no bill"_s : q.error().message;
        return 0;
    }
    const qint64 old = q->value(0).toLongLong();
    const int version = q->value(1).toInt();
    const QVariant start = q->value(2);
    const QVariant end = q->value(3);
    const qint64 bill = insert(u"INSERT INTO bills (session_id, version, supersedes_bill_id, currency, energy_wh, "
                               "charging_started_ms, charging_ended_ms, service_ended_ms, energy_fee_minor, total_minor, "
                               "settlement_state, correction_method, reason, created_by, created_ms) "
                               "VALUES (?, ?, ?, 'UAH', ?, ?, ?, ?, ?, ?, 'settled', 'manual_energy', 'fixture', "
                               "'fixture', ?)"_s,
                               {sessionId, version + 1, old, energyWh, start, end, end, totalMinor, totalMinor, atMs});
    if (bill == 0)
        return 0;
    if (auto r = storage::Sql::run(m_db.connection(),
                                   u"UPDATE bill_anomalies SET resolved_ms = ?, resolved_by_bill_id = ? "
                                   "WHERE session_id = ? AND resolved_ms IS NULL"_s,
                                   {atMs, bill, sessionId});
        !r) {
        m_error = r.error().message;
        return 0;
    }
    return bill;
}

Expected<AnomalySeedResult> seedAnomalyBills(const storage::Database &db, const AnomalySeedPlan &plan,
                                             const std::function<void(qint64)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(plan.seed);
    AnomalySeedResult result;
    QSqlDatabase connection = db.connection();
    storage::Transaction transaction(connection);
    if (Status st = transaction.begin(); !st)
        return st.error();

    const qint64 firstSite = nextId(connection, u"sites"_s);
    const qint64 firstStation = nextId(connection, u"stations"_s);
    qint64 sessionId = nextId(connection, u"sessions"_s);
    qint64 billId = nextId(connection, u"bills"_s);
    qint64 anomalyId = nextId(connection, u"bill_anomalies"_s);
    const qint64 toMs = plan.toMs > plan.fromMs ? plan.toMs : plan.fromMs + 30LL * 24 * kHourMs;

    QSqlQuery site(connection);
    const QString siteSql = u"INSERT INTO sites (id, name, created_ms) VALUES (?, ?, ?)"_s;
    if (!site.prepare(siteSql))
        return failed(site, siteSql);
    for (int i = 0; i < plan.sites; ++i) {
        site.addBindValue(firstSite + i);
        site.addBindValue(u"%1 site %2"_s.arg(plan.prefix).arg(i + 1));
        site.addBindValue(plan.fromMs);
        if (!site.exec())
            return failed(site, siteSql);
    }
    QSqlQuery station(connection);
    const QString stationSql =
        u"INSERT INTO stations (id, charge_point_id, name, site_id, vendor, model, firmware, registration_status, "
        "protocol, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'Accepted', 'ocpp1.6', ?)"_s;
    if (!station.prepare(stationSql))
        return failed(station, stationSql);
    static const QStringList kVendors = {u"Acme"_s, u"Voltix"_s, u"StarCharge"_s};
    for (int i = 0; i < plan.stations; ++i) {
        station.addBindValue(firstStation + i);
        station.addBindValue(u"%1-%2"_s.arg(plan.prefix).arg(i + 1, 4, 10, QChar(u'0')));
        station.addBindValue(u"%1 %2"_s.arg(plan.prefix).arg(i + 1));
        station.addBindValue(plan.sites > 0 ? QVariant(firstSite + i % plan.sites) : QVariant());
        station.addBindValue(kVendors.at(i % kVendors.size()));
        station.addBindValue(u"AC%1"_s.arg(11 + (i % 2) * 11));
        station.addBindValue(plan.firmwares.isEmpty() ? QString() : plan.firmwares.at(i % plan.firmwares.size()));
        station.addBindValue(plan.fromMs);
        if (!station.exec())
            return failed(station, stationSql);
    }

    const QString sessionSql =
        u"INSERT INTO sessions (id, session_number, station_id, connector_id, status, currency, meter_start_wh, "
        "meter_stop_wh, energy_wh, amount_minor, stop_source, created_ms, started_ms, charging_started_ms, "
        "charging_ended_ms, ended_ms, updated_ms) VALUES (?, ?, ?, 1, 'finished', 'UAH', ?, ?, ?, ?, 'station', ?, ?, ?, "
        "?, ?, ?)"_s;
    const QString billSql =
        u"INSERT INTO bills (id, session_id, version, supersedes_bill_id, currency, energy_wh, charging_started_ms, "
        "charging_ended_ms, service_ended_ms, energy_fee_minor, service_fee_minor, idle_fee_minor, total_minor, "
        "station_energy_wh, settlement_state, correction_method, created_by, created_ms) "
        "VALUES (?, ?, ?, ?, 'UAH', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?)"_s;
    const QString anomalySql =
        u"INSERT INTO bill_anomalies (id, bill_id, session_id, code, detail, detected_ms, resolved_ms, "
        "resolved_by_bill_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s;
    QSqlQuery session(connection);
    QSqlQuery bill(connection);
    QSqlQuery anomaly(connection);
    if (!session.prepare(sessionSql))
        return failed(session, sessionSql);
    if (!bill.prepare(billSql))
        return failed(bill, billSql);
    if (!anomaly.prepare(anomalySql))
        return failed(anomaly, anomalySql);

    const qint64 step = std::max<qint64>(1, (toMs - plan.fromMs) / std::max<qint64>(1, plan.sessions));
    for (qint64 i = 0; i < plan.sessions; ++i, ++sessionId) {
        const qint64 started = plan.fromMs + i * step + qint64(random.bounded(quint32(std::min<qint64>(step, 1'000'000))));
        const qint64 charging = (20 + qint64(random.bounded(160))) * 60'000;
        const qint64 idle = qint64(random.bounded(40)) * 60'000;
        const qint64 ended = started + charging + idle;
        const qint64 energy = 2000 + qint64(random.bounded(58000));
        const qint64 energyFee = energy * 420 / 1000;
        const qint64 serviceFee = energy * 100 / 1000;
        const qint64 idleFee = idle > 15 * 60'000 ? (idle / 60'000 - 15) * 80 : 0;
        const qint64 total = energyFee + serviceFee + idleFee;
        const bool anomalous = int(random.bounded(1000)) < plan.anomalyPerMille;
        const bool resolved = anomalous && int(random.bounded(1000)) < plan.resolvedPerMille;
        const qint64 stationId = firstStation + qint64(random.bounded(quint32(std::max(1, plan.stations))));

        session.addBindValue(sessionId);
        session.addBindValue(storage::SessionRepository::numberFor(sessionId, started));
        session.addBindValue(stationId);
        session.addBindValue(100000);
        session.addBindValue(100000 + energy);
        session.addBindValue(energy);
        session.addBindValue(total);
        session.addBindValue(started);
        session.addBindValue(started);
        session.addBindValue(started);
        session.addBindValue(started + charging);
        session.addBindValue(ended);
        session.addBindValue(ended);
        if (!session.exec())
            return failed(session, sessionSql);

        const qint64 first = billId++;
        const auto addBill = [&](qint64 id, int version, const QVariant &supersedes, qint64 wh, qint64 fee,
                                 qint64 service, qint64 idleMinor, const QString &state, const QString &method,
                                 qint64 at) {
            bill.addBindValue(id);
            bill.addBindValue(sessionId);
            bill.addBindValue(version);
            bill.addBindValue(supersedes);
            bill.addBindValue(wh);
            bill.addBindValue(started);
            bill.addBindValue(started + charging);
            bill.addBindValue(ended);
            bill.addBindValue(fee);
            bill.addBindValue(service);
            bill.addBindValue(idleMinor);
            bill.addBindValue(fee + service + idleMinor);
            bill.addBindValue(energy);
            bill.addBindValue(state);
            bill.addBindValue(method.isNull() ? u""_s : method);  // NOT NULL DEFAULT ''; a null QString binds NULL
            bill.addBindValue(at);
            return bill.exec();
        };
        if (!addBill(first, 1, QVariant(), energy, energyFee, serviceFee, idleFee,
                     anomalous ? (random.bounded(2) ? u"held"_s : u"provisional"_s) : u"settled"_s, QString(), ended))
            return failed(bill, billSql);
        ++result.sessions;
        if (anomalous) {
            qint64 corrected = 0;
            if (resolved) {
                corrected = billId++;
                if (!addBill(corrected, 2, first, energy / 4, energyFee / 4, serviceFee / 4, 0, u"settled"_s,
                             u"estimate_from_samples"_s, ended + 2 * kHourMs))
                    return failed(bill, billSql);
            }
            const QList<int> codes = codesFor(random);
            for (int code : codes) {
                anomaly.addBindValue(anomalyId++);
                anomaly.addBindValue(first);
                anomaly.addBindValue(sessionId);
                anomaly.addBindValue(code);
                anomaly.addBindValue(detailFor(code, energy));
                anomaly.addBindValue(ended + 1000);
                anomaly.addBindValue(resolved ? QVariant(ended + 2 * kHourMs) : QVariant());
                anomaly.addBindValue(resolved ? QVariant(corrected) : QVariant());
                if (!anomaly.exec())
                    return failed(anomaly, anomalySql);
                ++result.anomalyRows;
            }
            ++result.anomalyBills;
            if (!resolved)
                ++result.openBills;
        }
        if (progress && (i + 1) % 10000 == 0)
            progress(i + 1);
    }
    if (db.config().isPostgres()) {
        for (const QString &table : {u"sites"_s, u"stations"_s, u"sessions"_s, u"bills"_s, u"bill_anomalies"_s}) {
            auto q = storage::Sql::run(connection, u"SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                                   "(SELECT MAX(id) FROM %1))"_s.arg(table));
            if (!q)
                return q.error();
        }
    }
    if (Status st = transaction.commit(); !st)
        return st.error();
    if (db.config().isPostgres()) {
        if (auto q = storage::Sql::run(connection, u"ANALYZE"_s); !q)
            return q.error();
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

}  // namespace cd::test
