#include "core/storage/startlatencyrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::storage {

StartLatencyRepository::StartLatencyRepository(const Database &db) : m_db(db) {}

Expected<QList<StartLatencySample>> StartLatencyRepository::samples(qint64 fromMs, qint64 toMs) const
{
    auto q = Sql::run(m_db.connection(),
                      u"SELECT st.id, st.charge_point_id, st.vendor, st.model, st.firmware, "
                      "s.charging_started_ms - s.started_ms FROM sessions s JOIN stations st ON st.id = s.station_id "
                      "WHERE s.created_ms >= ? AND s.created_ms < ? AND s.started_ms IS NOT NULL "
                      "AND s.charging_started_ms IS NOT NULL"_s,
                      {fromMs, toMs});
    if (!q)
        return q.error();
    QList<StartLatencySample> out;
    while (q->next()) {
        StartLatencySample s;
        s.stationId = q->value(0).toLongLong();
        s.chargePointId = q->value(1).toString();
        s.vendor = q->value(2).toString();
        s.model = q->value(3).toString();
        s.firmware = q->value(4).toString();
        s.latencyMs = q->value(5).toLongLong();
        out.append(std::move(s));
    }
    return out;
}

}  // namespace cd::storage
