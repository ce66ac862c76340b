#include "core/storage/dashboardrepository.h"

#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::storage {

namespace {

}  // namespace

DashboardRepository::DashboardRepository(const Database &db) : m_db(db) {}

Expected<DashboardFigures> DashboardRepository::figures(qint64 dayStartMs, qint64 dayEndMs) const
{
    DashboardFigures out;
    const QStringList open = SessionRepository::openStatuses();
    const QString faulted =
        u"EXISTS (SELECT 1 FROM connectors c WHERE c.station_id = st.id AND c.status = 'Faulted')"_s;
    const QString charging = u"EXISTS (SELECT 1 FROM connectors c WHERE c.station_id = st.id AND (c.status = 'Charging' "
                             "OR (c.status = 'Occupied' AND EXISTS (SELECT 1 FROM sessions s WHERE s.station_id = st.id "
                             "AND s.connector_id = c.connector_id AND s.ocpp_transaction_id IS NOT NULL AND s.status IN "_s
                             + u'(' + Sql::placeholders(open.size()) + u")))))"_s;
    const QString online = u"st.connected_since_ms IS NOT NULL"_s;
    QVariantList values;
    for (const QString &status : open)
        values << status;
    auto stations = Sql::run(
        m_db.connection(),
        u"SELECT COUNT(*), "
        "COALESCE(SUM(CASE WHEN "_s + online + u" THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN "_s + online + u" AND "_s + faulted + u" THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN "_s + online + u" AND NOT "_s + faulted + u" AND "_s + charging
            + u" THEN 1 ELSE 0 END), 0) FROM stations st"_s,
        values);
    if (!stations)
        return stations.error();
    if (stations->next()) {
        out.stations = stations->value(0).toInt();
        out.online = stations->value(1).toInt();
        out.faulted = stations->value(2).toInt();
        out.charging = stations->value(3).toInt();
        out.offline = out.stations - out.online;
    }

    auto today = Sql::run(m_db.connection(),
                          u"SELECT COUNT(*), COALESCE(SUM(energy_wh), 0) FROM sessions WHERE created_ms >= ? AND created_ms < ?"_s,
                          {dayStartMs, dayEndMs});
    if (!today)
        return today.error();
    if (today->next()) {
        out.sessionsToday = today->value(0).toInt();
        out.energyTodayWh = today->value(1).toLongLong();
    }

    auto revenue = Sql::run(m_db.connection(),
                            u"SELECT currency, SUM(amount_minor) FROM sessions WHERE created_ms >= ? AND created_ms < ? "
                            "AND amount_minor <> 0 GROUP BY currency ORDER BY currency"_s,
                            {dayStartMs, dayEndMs});
    if (!revenue)
        return revenue.error();
    while (revenue->next())
        out.revenueToday.append({revenue->value(0).toString(), revenue->value(1).toLongLong()});

    auto anomalies =
        Sql::run(m_db.connection(), u"SELECT COUNT(DISTINCT bill_id) FROM bill_anomalies WHERE resolved_ms IS NULL"_s);
    if (!anomalies)
        return anomalies.error();
    if (anomalies->next())
        out.anomalyBillsWaiting = anomalies->value(0).toInt();

    auto alerts = Sql::run(m_db.connection(), u"SELECT COUNT(*) FROM alerts WHERE state IN ('open', 'acknowledged')"_s);
    if (!alerts)
        return alerts.error();
    if (alerts->next())
        out.openAlerts = alerts->value(0).toInt();
    return out;
}

}  // namespace cd::storage
