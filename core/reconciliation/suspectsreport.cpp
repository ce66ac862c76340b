#include "core/reconciliation/suspectsreport.h"

#include "core/reconciliation/billfold.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;
using storage::Sql;

namespace {

enum Column { Session, Station, ChargingStarted, Energy, Total, Currency, Anomalies, Version };

// The site's sessions of the period with an open anomaly.
const QString kWhere =
    u" FROM sessions s JOIN stations st ON st.id = s.station_id JOIN sites si ON si.id = st.site_id "
    "WHERE si.name = ? AND s.charging_started_ms >= ? AND s.charging_started_ms < ? "
    "AND s.id IN (SELECT session_id FROM bill_anomalies WHERE resolved_ms IS NULL)"_s;

}  // namespace

ReportInfo SuspectsReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Anomaly bills of a site");
    info.description = tr("The unprocessed anomaly bills of one site in the period, largest energy first: the first "
                          "suspects when the site's energy does not reconcile.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::Site};
    return info;
}

Expected<ReportTable> SuspectsReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    if (parameters.site.isEmpty())
        return Error{ExitCode::Usage, tr("Say which site (--site NAME).")};
    if (Status st = BillFold::checkScope(db, parameters); !st)
        return st.error();

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Anomaly bills of a site");
    table.parametersText = reports::ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"session"_s, tr("Session"), ColumnType::Text},
        {u"station"_s, tr("Station"), ColumnType::Text},
        {u"charging_started"_s, tr("Charging started (UTC)"), ColumnType::TimeMs},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"total"_s, tr("Total"), ColumnType::Money, Currency},
        {u"currency"_s, tr("Currency"), ColumnType::Text},
        {u"open_anomalies"_s, tr("Open anomaly codes"), ColumnType::Text},
        {u"bill_version"_s, tr("Bill version"), ColumnType::Integer},
    };
    const storage::Database *dbp = &db;
    table.rows = std::make_unique<MemoryRowSource>([dbp, parameters]() -> Expected<QList<ReportRow>> {
        const QVariantList where{parameters.site, parameters.fromMs, parameters.toMs};
        auto q = Sql::run(dbp->connection(),
                          u"SELECT s.id, s.session_number, st.charge_point_id, s.charging_started_ms, b.energy_wh, "
                          "b.total_minor, b.currency, b.version"_s
                              + kWhere.left(kWhere.indexOf(u" WHERE"_s))
                              + u" JOIN bills b ON b.session_id = s.id AND b.version = "
                                "(SELECT MAX(b2.version) FROM bills b2 WHERE b2.session_id = s.id)"_s
                              + kWhere.mid(kWhere.indexOf(u" WHERE"_s))
                              + u" ORDER BY b.energy_wh DESC, s.charging_started_ms, s.id"_s,
                          where);
        if (!q)
            return q.error();
        QList<ReportRow> rows;
        QHash<qint64, qsizetype> index;
        while (q->next()) {
            ReportRow r;
            r.key = q->value(0).toLongLong();
            r.values = {q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong(),
                        q->value(4).toLongLong(), q->value(5).toLongLong(), q->value(6).toString(),
                        QString(),                q->value(7).toLongLong()};
            index.insert(r.key, rows.size());
            rows.append(std::move(r));
        }
        auto codes = Sql::run(dbp->connection(),
                              u"SELECT ba.session_id, ba.code FROM bill_anomalies ba WHERE ba.resolved_ms IS NULL "
                              "AND ba.session_id IN (SELECT s.id"_s
                                  + kWhere + u") ORDER BY ba.session_id, ba.code"_s,
                              where);
        if (!codes)
            return codes.error();
        QHash<qint64, QStringList> bySession;
        while (codes->next()) {
            QStringList &list = bySession[codes->value(0).toLongLong()];
            const QString code = codes->value(1).toString();
            if (!list.contains(code))
                list << code;
        }
        for (auto it = bySession.cbegin(); it != bySession.cend(); ++it) {
            if (const auto row = index.constFind(it.key()); row != index.cend())
                rows[*row].values[Anomalies] = it.value().join(u',');
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reconciliation
