#include "core/reports/billsreport.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

// SQLite 3.15 takes at most 999 bound values in a statement.
constexpr int kIdsPerStatement = 400;

enum Column { Session, Station, SubOperator, ChargingStarted, Energy, Total, Currency, Settlement, Anomalies, Version };

const QString kFrom =
    u" FROM sessions s JOIN stations st ON st.id = s.station_id LEFT JOIN sites si ON si.id = st.site_id "
    "LEFT JOIN sub_operators so ON so.id = si.sub_operator_id "
    "JOIN bills b ON b.session_id = s.id AND b.version = "
    "(SELECT MAX(b2.version) FROM bills b2 WHERE b2.session_id = s.id)"_s;

class BillsRowSource final : public RowSource {
public:
    BillsRowSource(const storage::Database &db, const ReportParameters &p, std::optional<qint64> subOperatorId)
        : m_db(db), m_parameters(p), m_subOperatorId(subOperatorId)
    {
    }

    Expected<qint64> countRows() override
    {
        QVariantList values{m_parameters.fromMs, m_parameters.toMs};
        QString sql = u"SELECT COUNT(*) FROM sessions s JOIN stations st ON st.id = s.station_id "
                      "LEFT JOIN sites si ON si.id = st.site_id "
                      "WHERE s.charging_started_ms >= ? AND s.charging_started_ms < ? "
                      "AND EXISTS (SELECT 1 FROM bills b WHERE b.session_id = s.id)"_s;
        if (m_subOperatorId) {
            sql += u" AND si.sub_operator_id = ?"_s;
            values << *m_subOperatorId;
        }
        auto q = Sql::run(m_db.connection(), sql, values);
        if (!q)
            return q.error();
        return q->next() ? q->value(0).toLongLong() : qint64(0);
    }

    Expected<QList<ReportRow>> nextPage(int limit) override
    {
        if (m_done)
            return QList<ReportRow>();
        // Keyset: after (charging start, session id) of the last row; the lower bound of the range
        // comes first so both engines walk idx_sessions_charging_started from there.
        QVariantList values{std::max(m_parameters.fromMs, m_afterStartMs), m_parameters.toMs};
        QString sql = u"SELECT s.id, s.session_number, st.charge_point_id, so.name, s.charging_started_ms, b.energy_wh, "
                      "b.total_minor, b.currency, b.settlement_state, b.version"_s
                      + kFrom + u" WHERE s.charging_started_ms >= ? AND s.charging_started_ms < ?"_s;
        if (m_afterId) {
            sql += u" AND (s.charging_started_ms > ? OR s.id > ?)"_s;
            values << m_afterStartMs << m_afterId;
        }
        if (m_subOperatorId) {
            sql += u" AND si.sub_operator_id = ?"_s;
            values << *m_subOperatorId;
        }
        sql += u" ORDER BY s.charging_started_ms, s.id LIMIT ?"_s;
        values << limit;
        auto q = Sql::run(m_db.connection(), sql, values);
        if (!q)
            return q.error();
        QList<ReportRow> rows;
        QList<qint64> ids;
        while (q->next()) {
            ReportRow r;
            r.key = q->value(0).toLongLong();
            r.values = {q->value(1).toString(),
                        q->value(2).toString(),
                        q->value(3).toString(),
                        q->value(4).toLongLong(),
                        q->value(5).toLongLong(),
                        q->value(6).toLongLong(),
                        q->value(7).toString(),
                        q->value(8).toString(),
                        QString(),
                        q->value(9).toLongLong()};
            m_afterStartMs = q->value(4).toLongLong();
            m_afterId = r.key;
            ids << r.key;
            rows.append(std::move(r));
        }
        if (rows.size() < limit)
            m_done = true;
        if (Status st = addAnomalies(ids, rows); !st)
            return st.error();
        return rows;
    }

    Expected<QHash<qint64, QString>> keyLabels(const QList<qint64> &keys) override
    {
        QHash<qint64, QString> labels;
        for (qsizetype i = 0; i < keys.size(); i += kIdsPerStatement) {
            const QList<qint64> part = keys.mid(i, kIdsPerStatement);
            QVariantList values;
            for (qint64 id : part)
                values << id;
            auto q = Sql::run(m_db.connection(),
                              u"SELECT id, session_number FROM sessions WHERE id IN ("_s + Sql::placeholders(part.size())
                                  + u")"_s,
                              values);
            if (!q)
                return q.error();
            while (q->next())
                labels.insert(q->value(0).toLongLong(), q->value(1).toString());
        }
        return labels;
    }

private:
    // The open anomaly codes of the page's sessions, ascending, each once: "3,8". "(resolved_ms + 0)"
    // keeps SQLite off idx_bill_anomalies_open, which would walk every open anomaly of the database
    // for each statement (a million-row CSV export took 274 s instead of 33 s): by session it is
    // idx_bill_anomalies_session.
    Status addAnomalies(const QList<qint64> &ids, QList<ReportRow> &rows)
    {
        QHash<qint64, QList<int>> codes;
        for (qsizetype i = 0; i < ids.size(); i += kIdsPerStatement) {
            const QList<qint64> part = ids.mid(i, kIdsPerStatement);
            QVariantList values;
            for (qint64 id : part)
                values << id;
            auto q = Sql::run(m_db.connection(),
                              u"SELECT session_id, code FROM bill_anomalies WHERE session_id IN ("_s
                                  + Sql::placeholders(part.size()) + u") AND (resolved_ms + 0) IS NULL"_s,
                              values);
            if (!q)
                return q.error();
            while (q->next()) {
                QList<int> &list = codes[q->value(0).toLongLong()];
                const int code = q->value(1).toInt();
                if (!list.contains(code))
                    list << code;
            }
        }
        if (codes.isEmpty())
            return {};
        for (ReportRow &row : rows) {
            auto it = codes.find(row.key);
            if (it == codes.end())
                continue;
            std::sort(it->begin(), it->end());
            QStringList parts;
            for (int code : *it)
                parts << QString::number(code);
            row.values[Anomalies] = parts.join(u',');
        }
        return {};
    }

    const storage::Database &m_db;
    ReportParameters m_parameters;
    std::optional<qint64> m_subOperatorId;
    qint64 m_afterStartMs = 0;
    qint64 m_afterId = 0;
    bool m_done = false;
};

}  // namespace

ReportInfo BillsReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Bills");
    info.description = tr("Every session's current bill in the period: energy, total, settlement and the anomaly codes "
                          "still open. Filtered by sub-operator it is the partner export.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator};
    return info;
}

Expected<ReportTable> BillsReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    std::optional<qint64> subOperatorId;
    if (!parameters.subOperator.isEmpty()) {
        auto q = Sql::run(db.connection(), u"SELECT id FROM sub_operators WHERE name = ?"_s, {parameters.subOperator});
        if (!q)
            return q.error();
        if (!q->next())
            return Error{ExitCode::Failure, tr("There is no sub-operator named \"%1\".").arg(parameters.subOperator)};
        subOperatorId = q->value(0).toLongLong();
    }

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Bills");
    table.parametersText = tr("Charging started %1").arg(ReportParameterText::period(parameters.fromMs, parameters.toMs));
    if (!parameters.subOperator.isEmpty())
        table.parametersText += u", "_s + tr("sub-operator %1").arg(parameters.subOperator);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"session"_s, tr("Session"), ColumnType::Text},
        {u"station"_s, tr("Station"), ColumnType::Text},
        {u"sub_operator"_s, tr("Sub-operator"), ColumnType::Text},
        {u"charging_started"_s, tr("Charging started (UTC)"), ColumnType::TimeMs},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"total"_s, tr("Total"), ColumnType::Money, Currency},
        {u"currency"_s, tr("Currency"), ColumnType::Text},
        {u"settlement"_s, tr("Settlement"), ColumnType::Text},
        {u"open_anomalies"_s, tr("Open anomaly codes"), ColumnType::Text},
        {u"bill_version"_s, tr("Bill version"), ColumnType::Integer},
    };
    table.rows = std::make_unique<BillsRowSource>(db, parameters, subOperatorId);
    return table;
}

}  // namespace cd::reports
