#pragma once
// A site's own meter readings (table site_meter_readings, migration 16): the energy the site's meter
// says it delivered in [startMs, endMs), against which the energy report compares the platform's
// energy. One reading per site and period: setting the same site and period again replaces the
// reading; a period that overlaps another reading of the site is refused (a sum of readings must
// never count energy twice). Every write is in audit_log ("meter_reading.set" / ".replace", with
// the old and new values) in the same transaction.

#include "core/access/actor.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

struct MeterReading {
    qint64 id = 0;
    qint64 siteId = 0;
    QString site;
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 energyWh = 0;
    QString source;  // "entered" or "imported"
    QString note;
    QString createdBy;
    qint64 createdMs = 0;
};

struct MeterReadingInput {
    QString site;  // a site's name (or "#<id>" when names repeat)
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 energyWh = 0;
    QString note;
};

struct MeterReadingWrite {
    MeterReading reading;
    bool replaced = false;
    qint64 previousEnergyWh = 0;  // when replaced
};

struct MeterReadingImport {
    int added = 0;
    int replaced = 0;
};

class MeterReadingRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::MeterReadingRepository)
public:
    static constexpr qint64 kMaxEnergyWh = 1'000'000'000'000;  // 1 TWh: more is a typo

    MeterReadingRepository(const storage::Database &db, const Clock &clock = Clock::system());

    // Enters one reading (source "entered") in a transaction of its own.
    Expected<MeterReadingWrite> set(const MeterReadingInput &input, const access::Actor &actor);
    // Imports a CSV file with the header site,from,to,energy_kwh[,note] (from/to: dates or ISO 8601
    // times, UTC): every line or none (one transaction); the first bad line is the error, with its
    // number.
    Expected<MeterReadingImport> importCsv(const QString &path, const access::Actor &actor);
    // Readings that overlap [fromMs, toMs) (every one when toMs is 0), of one site when `site` is
    // set; by site name, then start.
    Expected<QList<MeterReading>> list(const QString &site = {}, qint64 fromMs = 0, qint64 toMs = 0) const;

private:
    Expected<MeterReadingWrite> write(const MeterReadingInput &input, const QString &source, const QString &actor);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::reconciliation
