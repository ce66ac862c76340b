#include "core/reports/failedstartsreport.h"

#include "core/reports/reportgrouping.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

struct Counts {
    qint64 sessions = 0;
    qint64 remoteStarts = 0;
    qint64 remoteRejected = 0;
    qint64 remoteFailed = 0;
    qint64 authRejected = 0;
    qint64 noEnergy = 0;
};

// 1.6 and 2.0.1 names of the same command.
const QString kRemoteStart = u"c.action IN ('RemoteStartTransaction', 'RequestStartTransaction')"_s;
// An answer is JSON written by nlohmann::json::dump (compact): {"status":"Accepted",…}.
const QString kAccepted = u"c.result LIKE '%\"status\":\"Accepted\"%'"_s;
const QString kAuthorised = u"s.start_auth_status IN ('', 'Accepted')"_s;

}  // namespace

ReportInfo FailedStartsReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Failed starts");
    info.description = tr("Starts that went wrong: remote starts the station rejected or never answered, "
                          "authorisations rejected and sessions that delivered no energy, with their share of all "
                          "start attempts.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site,
                       ReportParameterKind::GroupBy};
    info.groupByChoices = {u"station"_s, u"site"_s, u"vendor"_s, u"firmware"_s, u"sub_operator"_s};
    return info;
}

Expected<ReportTable> FailedStartsReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    const QString groupBy = ReportGrouping::groupBy(info(), parameters);
    auto stations = ReportGrouping::stations(db, groupBy, parameters);
    if (!stations)
        return stations.error();

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Failed starts");
    table.parametersText = ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"group"_s, ReportParameterText::groupByTitle(groupBy), ColumnType::Text},
        {u"attempts"_s, tr("Start attempts"), ColumnType::Integer},
        {u"sessions"_s, tr("Sessions started"), ColumnType::Integer},
        {u"remote_starts"_s, tr("Remote starts"), ColumnType::Integer},
        {u"remote_rejected"_s, tr("Remote starts rejected"), ColumnType::Integer},
        {u"remote_failed"_s, tr("Remote starts unanswered"), ColumnType::Integer},
        {u"auth_rejected"_s, tr("Authorisation rejected"), ColumnType::Integer},
        {u"no_energy"_s, tr("Sessions with no energy"), ColumnType::Integer},
        {u"failed"_s, tr("Failed starts"), ColumnType::Integer},
        {u"failed_permille"_s, tr("Failed (‰ of attempts)"), ColumnType::Integer},
    };
    // One bar per group: the failed share, comparable across groups of any size.
    table.chart = ReportChart{ReportChart::Kind::Bar, 0, {9}};

    table.rows = std::make_unique<MemoryRowSource>([&db, parameters,
                                                    stations = *stations]() -> Expected<QList<ReportRow>> {
        QMap<std::pair<QString, QString>, Counts> groups;  // by (label, key)
        const auto groupOf = [&](const QVariant &stationId) -> Counts * {
            const auto it = stations.constFind(stationId.toLongLong());
            return it == stations.cend() ? nullptr : &groups[{it->label, it->key}];
        };

        // Sessions started in the period, per station (idx_sessions_started).
        auto q = Sql::run(db.connection(),
                          u"SELECT s.station_id, COUNT(*), SUM(CASE WHEN "_s + kAuthorised
                              + u" THEN 0 ELSE 1 END), SUM(CASE WHEN "_s + kAuthorised
                              + u" AND s.ended_ms IS NOT NULL AND s.energy_wh = 0 THEN 1 ELSE 0 END) FROM sessions s "
                                "WHERE s.started_ms >= ? AND s.started_ms < ? GROUP BY s.station_id"_s,
                          {parameters.fromMs, parameters.toMs});
        if (!q)
            return q.error();
        while (q->next()) {
            if (Counts *c = groupOf(q->value(0))) {
                c->sessions += q->value(1).toLongLong();
                c->authRejected += q->value(2).toLongLong();
                c->noEnergy += q->value(3).toLongLong();
            }
        }

        // Remote starts requested in the period, per station; those still queued or sent are neither.
        q = Sql::run(db.connection(),
                     u"SELECT c.station_id, COUNT(*), SUM(CASE WHEN c.state = 'succeeded' AND NOT "_s + kAccepted
                         + u" THEN 1 ELSE 0 END), SUM(CASE WHEN c.state IN ('failed', 'expired') THEN 1 ELSE 0 END) "
                           "FROM commands c WHERE "_s
                         + kRemoteStart + u" AND c.requested_ms >= ? AND c.requested_ms < ? GROUP BY c.station_id"_s,
                     {parameters.fromMs, parameters.toMs});
        if (!q)
            return q.error();
        while (q->next()) {
            if (Counts *c = groupOf(q->value(0))) {
                c->remoteStarts += q->value(1).toLongLong();
                c->remoteRejected += q->value(2).toLongLong();
                c->remoteFailed += q->value(3).toLongLong();
            }
        }

        QList<ReportRow> rows;
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            const Counts &c = it.value();
            const qint64 attempts = c.sessions + c.remoteRejected + c.remoteFailed;
            const qint64 failed = c.remoteRejected + c.remoteFailed + c.authRejected + c.noEnergy;
            ReportRow row;
            row.key = reconciliation::stableKey(u"failed-starts|"_s + it.key().second);
            row.values = {it.key().first,
                          attempts,
                          c.sessions,
                          c.remoteStarts,
                          c.remoteRejected,
                          c.remoteFailed,
                          c.authRejected,
                          c.noEnergy,
                          failed,
                          ReportGrouping::permille(failed, attempts)};
            rows.append(std::move(row));
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reports
