#include "core/anomalies/sessionfactsloader.h"

#include "core/anomalies/abandonedsessions.h"
#include "core/charging/metervalue.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

using storage::optionalInt64;
using storage::Sql;

namespace {

std::optional<int> optionalInt(const QSqlQuery &q, int column)
{
    return q.isNull(column) ? std::nullopt : std::optional<int>(q.value(column).toInt());
}

}  // namespace

SessionFactsLoader::SessionFactsLoader(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

QStringList SessionFactsLoader::closingEventKinds()
{
    return {u"stopped"_s,           u"superseded"_s,      u"closed_after_reboot"_s,
            u"closed_reconciled"_s, u"operator_finish"_s, AbandonedSessions::closedEventKind()};
}

Expected<std::optional<SessionFacts>> SessionFactsLoader::load(qint64 sessionId, std::optional<qint64> billId) const
{
    const QSqlDatabase db = m_db.connection();
    SessionFacts f;
    f.nowMs = m_clock.nowMs();

    auto row = Sql::run(db,
                        u"SELECT s.id, s.session_number, s.station_id, st.charge_point_id, st.vendor, st.model, "
                        "st.firmware, s.evse_id, s.connector_id, s.ocpp_transaction_id, s.status, s.stop_source, "
                        "s.stop_reason, s.created_ms, s.started_ms, s.charging_started_ms, s.charging_ended_ms, "
                        "s.ended_ms, s.meter_start_wh, s.meter_stop_wh, s.energy_wh, st.disconnected_ms "
                        "FROM sessions s JOIN stations st ON st.id = s.station_id WHERE s.id = ?"_s,
                        {sessionId});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<SessionFacts>();
    f.sessionId = row->value(0).toLongLong();
    f.sessionNumber = row->value(1).toString();
    f.stationId = row->value(2).toLongLong();
    f.chargePointId = row->value(3).toString();
    f.vendor = row->value(4).toString();
    f.model = row->value(5).toString();
    f.firmware = row->value(6).toString();
    f.evseId = optionalInt(*row, 7);
    f.connectorId = optionalInt(*row, 8);
    f.transactionId = row->value(9).toString();
    f.status = row->value(10).toString();
    f.stopSource = row->value(11).toString();
    f.stopReason = row->value(12).toString();
    f.createdMs = row->value(13).toLongLong();
    f.startedMs = optionalInt64(*row, 14);
    f.chargingStartedMs = optionalInt64(*row, 15);
    f.chargingEndedMs = optionalInt64(*row, 16);
    f.endedMs = optionalInt64(*row, 17);
    f.meterStartWh = optionalInt64(*row, 18);
    f.meterStopWh = optionalInt64(*row, 19);
    f.energyWh = row->value(20).toLongLong();
    const std::optional<qint64> stationDisconnectedMs = optionalInt64(*row, 21);
    // The service end (when the car left) is the session's end, as billing counts it
    // (billing::SessionBillInput); a bill's own times replace it below.
    f.serviceEndedMs = f.endedMs;

    // Timeline: receipts of the start and the stop, the close, the kinds seen.
    auto events = Sql::run(db, u"SELECT kind, at_ms FROM session_events WHERE session_id = ? ORDER BY at_ms, id"_s,
                           {sessionId});
    if (!events)
        return events.error();
    const QStringList closing = closingEventKinds();
    while (events->next()) {
        const QString kind = events->value(0).toString();
        const qint64 at = events->value(1).toLongLong();
        if (!f.eventKinds.contains(kind))
            f.eventKinds.append(kind);
        if (kind == u"started" && !f.startReceivedMs)
            f.startReceivedMs = at;
        if (kind == u"stopped" && !f.stopReceivedMs)
            f.stopReceivedMs = at;
        if (closing.contains(kind) && !f.closedMs && !f.stopSource.isEmpty())
            f.closedMs = at;
    }
    if (!f.startReceivedMs && f.startedMs)
        f.startReceivedMs = f.createdMs;

    // The energy register samples.
    auto samples = Sql::run(db,
                            u"SELECT station_at_ms, received_ms, value_milli, context FROM meter_samples "
                            "WHERE session_id = ? AND measurand = 'Energy.Active.Import.Register' AND phase = '' "
                            "AND unit = 'Wh' ORDER BY station_at_ms, id"_s,
                            {sessionId});
    if (!samples)
        return samples.error();
    while (samples->next())
        f.readings.append(EnergyReading{samples->value(0).toLongLong(), samples->value(1).toLongLong(),
                                        charging::milliToWholeUnits(samples->value(2).toLongLong()),
                                        samples->value(3).toString()});

    // The station's connections between the start's receipt and the close (now while open).
    const qint64 from = f.startReceivedMs.value_or(f.createdMs);
    const qint64 until = f.closedMs.value_or(f.stopSource.isEmpty() ? f.nowMs : std::max(from, f.endedMs.value_or(from)));
    auto changes = Sql::run(db,
                            u"SELECT at_ms, kind FROM station_events WHERE station_id = ? "
                            "AND kind IN ('connected', 'disconnected') AND at_ms >= ? AND at_ms <= ? ORDER BY at_ms, id"_s,
                            {f.stationId, from, until});
    if (!changes)
        return changes.error();
    while (changes->next())
        f.connections.append(ConnectionChange{changes->value(0).toLongLong(), changes->value(1).toString() == u"connected"});
    // Stations marked offline without an event (the server stopped) count from disconnected_ms.
    if (stationDisconnectedMs && *stationDisconnectedMs >= from && *stationDisconnectedMs <= until
        && !f.disconnectedDuringSession())
        f.connections.append(ConnectionChange{*stationDisconnectedMs, false});
    auto last = Sql::run(db,
                         u"SELECT kind FROM station_events WHERE station_id = ? AND kind IN ('connected', 'disconnected') "
                         "AND at_ms <= ? ORDER BY at_ms DESC, id DESC LIMIT 1"_s,
                         {f.stationId, until});
    if (!last)
        return last.error();
    f.offlineAtClose = (last->next() && last->value(0).toString() == u"disconnected")
        || (stationDisconnectedMs && *stationDisconnectedMs <= until);

    // Other sessions on the connector whose span meets this one's (open ones reach until now).
    if (f.connectorId && !f.transactionId.isEmpty()) {
        const qint64 start = f.startedMs.value_or(f.createdMs);
        const qint64 end = f.endedMs.value_or(f.nowMs);
        auto others = Sql::run(db,
                               u"SELECT id, session_number, COALESCE(started_ms, created_ms), ended_ms FROM sessions "
                               "WHERE station_id = ? AND connector_id = ? AND id <> ? "
                               "AND ocpp_transaction_id IS NOT NULL AND ocpp_transaction_id <> '' "
                               "AND COALESCE(started_ms, created_ms) < ? "
                               "AND ((ended_ms IS NULL AND stop_source = '') OR ended_ms > ?) "
                               "ORDER BY 3, id LIMIT 20"_s,
                               {f.stationId, *f.connectorId, f.sessionId, end, start});
        if (!others)
            return others.error();
        while (others->next())
            f.overlapping.append(OtherSession{others->value(0).toLongLong(), others->value(1).toString(),
                                              others->value(2).toLongLong(), optionalInt64(*others, 3)});
    }

    // The bill being tagged: its times are what it charged for.
    if (billId) {
        auto bill = Sql::run(db,
                             u"SELECT energy_wh, idle_fee_minor, charging_started_ms, charging_ended_ms, service_ended_ms "
                             "FROM bills WHERE id = ? AND session_id = ?"_s,
                             {*billId, sessionId});
        if (!bill)
            return bill.error();
        if (bill->next()) {
            f.billId = billId;
            f.billEnergyWh = bill->value(0).toLongLong();
            f.billIdleFeeMinor = bill->value(1).toLongLong();
            if (auto v = optionalInt64(*bill, 2))
                f.chargingStartedMs = v;
            if (auto v = optionalInt64(*bill, 3))
                f.chargingEndedMs = v;
            if (auto v = optionalInt64(*bill, 4))
                f.serviceEndedMs = v;
        }
    }
    return std::optional<SessionFacts>(std::move(f));
}

}  // namespace cd::anomalies
