#include "core/reconciliation/meterreadingrepository.h"

#include "core/access/accessguard.h"
#include "core/common/timeformat.h"
#include "core/reconciliation/csvtable.h"
#include "core/reconciliation/importvalues.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/siterepository.h"
#include "core/storage/sqlhelpers.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using storage::Sql;

namespace {

QString stateJson(qint64 energyWh, const QString &source, const QString &note)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"energy_wh"_s, energyWh}, {u"source"_s, source}, {u"note"_s, note}})
            .toJson(QJsonDocument::Compact));
}

const QString kSelect = u"SELECT r.id, r.site_id, si.name, r.start_ms, r.end_ms, r.energy_wh, r.source, r.note, "
                        "r.created_by, r.created_ms FROM site_meter_readings r JOIN sites si ON si.id = r.site_id"_s;

MeterReading fromRow(const QSqlQuery &q)
{
    MeterReading r;
    r.id = q.value(0).toLongLong();
    r.siteId = q.value(1).toLongLong();
    r.site = q.value(2).toString();
    r.startMs = q.value(3).toLongLong();
    r.endMs = q.value(4).toLongLong();
    r.energyWh = q.value(5).toLongLong();
    r.source = q.value(6).toString();
    r.note = q.value(7).toString();
    r.createdBy = q.value(8).toString();
    r.createdMs = q.value(9).toLongLong();
    return r;
}

}  // namespace

MeterReadingRepository::MeterReadingRepository(const storage::Database &db, const Clock &clock)
    : m_db(db), m_clock(clock)
{
}

Expected<MeterReadingWrite> MeterReadingRepository::write(const MeterReadingInput &input, const QString &source,
                                                          const QString &actor)
{
    if (input.endMs <= input.startMs)
        return Error{ExitCode::Usage, tr("The reading's period is empty: it must end after it starts.")};
    if (input.energyWh < 0 || input.energyWh > kMaxEnergyWh)
        return Error{ExitCode::Usage, tr("The reading's energy must be between 0 and 1,000,000,000 kWh.")};
    if (input.note.size() > 500)
        return Error{ExitCode::Usage, tr("The note is too long (at most 500 characters).")};
    auto site = storage::SiteRepository(m_db).siteId(input.site);
    if (!site)
        return site.error();

    auto overlap = Sql::run(m_db.connection(),
                            u"SELECT start_ms, end_ms FROM site_meter_readings WHERE site_id = ? AND start_ms < ? "
                            "AND end_ms > ? AND NOT (start_ms = ? AND end_ms = ?)"_s,
                            {*site, input.endMs, input.startMs, input.startMs, input.endMs});
    if (!overlap)
        return overlap.error();
    if (overlap->next())
        return Error{ExitCode::Failure, tr("Site %1 already has a reading for %2 … %3, which overlaps this one; enter "
                                           "readings for periods that do not overlap (the same period replaces).")
                                            .arg(input.site.trimmed(), formatUtcMs(overlap->value(0).toLongLong()),
                                                 formatUtcMs(overlap->value(1).toLongLong()))};

    auto existing = Sql::run(m_db.connection(),
                             u"SELECT id, energy_wh, source, note FROM site_meter_readings WHERE site_id = ? AND "
                             "start_ms = ? AND end_ms = ?"_s,
                             {*site, input.startMs, input.endMs});
    if (!existing)
        return existing.error();
    MeterReadingWrite result;
    const qint64 now = m_clock.nowMs();
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.entityType = u"site_meter_reading"_s;
    audit.afterState = stateJson(input.energyWh, source, input.note);
    if (existing->next()) {
        result.replaced = true;
        result.reading.id = existing->value(0).toLongLong();
        result.previousEnergyWh = existing->value(1).toLongLong();
        audit.action = u"meter_reading.replace"_s;
        audit.beforeState = stateJson(result.previousEnergyWh, existing->value(2).toString(), existing->value(3).toString());
        auto updated = Sql::run(m_db.connection(),
                                u"UPDATE site_meter_readings SET energy_wh = ?, source = ?, note = ?, created_by = ?, "
                                "created_ms = ? WHERE id = ?"_s,
                                {input.energyWh, source, input.note, actor, now, result.reading.id});
        if (!updated)
            return updated.error();
    } else {
        audit.action = u"meter_reading.set"_s;
        auto inserted = Sql::run(m_db.connection(),
                                 u"INSERT INTO site_meter_readings (site_id, start_ms, end_ms, energy_wh, source, note, "
                                 "created_by, created_ms) VALUES (?,?,?,?,?,?,?,?)"_s
                                     + m_db.dialect().returningIdClause(),
                                 {*site, input.startMs, input.endMs, input.energyWh, source, input.note, actor, now});
        if (!inserted)
            return inserted.error();
        result.reading.id = m_db.dialect().insertedId(*inserted);
    }
    audit.entityId = QString::number(result.reading.id);
    audit.reason = tr("Site %1, %2 … %3").arg(input.site.trimmed(), formatUtcMs(input.startMs), formatUtcMs(input.endMs));
    if (auto id = storage::AuditLogRepository(m_db, m_clock).append(audit); !id)
        return id.error();
    result.reading.siteId = *site;
    result.reading.site = input.site.trimmed();
    result.reading.startMs = input.startMs;
    result.reading.endMs = input.endMs;
    result.reading.energyWh = input.energyWh;
    result.reading.source = source;
    result.reading.note = input.note;
    result.reading.createdBy = actor;
    result.reading.createdMs = now;
    return result;
}

Expected<MeterReadingWrite> MeterReadingRepository::set(const MeterReadingInput &input, const access::Actor &who)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::ReconciliationImport); !allowed)
        return allowed.error();
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    auto written = write(input, u"entered"_s, actor);
    if (!written)
        return written.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return written;
}

Expected<MeterReadingImport> MeterReadingRepository::importCsv(const QString &path, const access::Actor &who)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::ReconciliationImport); !allowed)
        return allowed.error();
    auto table = CsvTable::readFile(path);
    if (!table)
        return table.error();
    const QStringList expected{u"site"_s, u"from"_s, u"to"_s, u"energy_kwh"_s};
    for (const QString &name : expected) {
        if (table->column(name) < 0)
            return CsvTable::missingColumn(name, expected);
    }
    const int siteColumn = table->column(u"site"_s), fromColumn = table->column(u"from"_s),
              toColumn = table->column(u"to"_s), energyColumn = table->column(u"energy_kwh"_s),
              noteColumn = table->column(u"note"_s);
    const QString file = QFileInfo(path).fileName();

    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    MeterReadingImport result;
    for (const CsvRow &row : std::as_const(table->rows)) {
        const auto lineError = [&row](const QString &what) {
            return Error{ExitCode::Failure, tr("Line %1: %2").arg(row.line).arg(what)};
        };
        MeterReadingInput input;
        input.site = row.fields.at(siteColumn);
        const auto from = parseTimeMs(row.fields.at(fromColumn));
        const auto to = parseTimeMs(row.fields.at(toColumn));
        const auto energy = parseKwhToWh(row.fields.at(energyColumn));
        if (!from)
            return lineError(tr("\"%1\" is not a date or an ISO 8601 time.").arg(row.fields.at(fromColumn)));
        if (!to)
            return lineError(tr("\"%1\" is not a date or an ISO 8601 time.").arg(row.fields.at(toColumn)));
        if (!energy)
            return lineError(tr("\"%1\" is not an energy in kWh (e.g. 1234.567).").arg(row.fields.at(energyColumn)));
        input.startMs = *from;
        input.endMs = *to;
        input.energyWh = *energy;
        input.note = noteColumn >= 0 ? row.fields.at(noteColumn) : tr("Imported from %1").arg(file);
        auto written = write(input, u"imported"_s, actor);
        if (!written)
            return lineError(written.error().message);
        ++(written->replaced ? result.replaced : result.added);
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return result;
}

Expected<QList<MeterReading>> MeterReadingRepository::list(const QString &site, qint64 fromMs, qint64 toMs) const
{
    QString sql = kSelect + u" WHERE 1 = 1"_s;
    QVariantList values;
    if (!site.isEmpty()) {
        auto id = storage::SiteRepository(m_db).siteId(site);
        if (!id)
            return id.error();
        sql += u" AND r.site_id = ?"_s;
        values << *id;
    }
    if (toMs > 0) {
        sql += u" AND r.start_ms < ? AND r.end_ms > ?"_s;
        values << toMs << fromMs;
    }
    sql += u" ORDER BY si.name, r.site_id, r.start_ms"_s;
    return storage::fetchAll<MeterReading>(m_db.connection(), sql, values, &fromRow);
}

}  // namespace cd::reconciliation
