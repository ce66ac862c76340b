#pragma once
// Anomaly statistics (issue #6 item 5; gdss_case#9: 115,291 anomaly bills, 77,854 of them code 8):
// how many anomaly bills carry each code, per station (with its firmware) and per day, week or
// month of the session's start in the operator's time zone, and what share of all that
// station's sessions started in the same period that is. A bill with codes 3 and 8 counts once
// under 3 and once under 8.
//
// Three statements whatever the volume: the anomalies grouped by code, station and local day; all
// sessions grouped by station and local day over the periods that have anomalies; and the
// distinct total. Local days come from the zone's UTC offsets between its transitions (a CASE of
// a few branches a year), so a day, week or month starts at local midnight also across DST.

#include "core/anomalies/anomalybillfilter.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

enum class StatisticsPeriod { Day, Week, Month };

// "day", "week", "month"; fromName: nullopt for anything else.
QString statisticsPeriodName(StatisticsPeriod period);
std::optional<StatisticsPeriod> statisticsPeriodFromName(const QString &name);

struct AnomalyStatisticsRow {
    QDate periodStart;  // the first day of the period (Monday for weeks)
    int code = 0;
    qint64 stationId = 0;
    QString chargePointId;
    QString vendor;
    QString model;
    QString firmware;
    qint64 anomalyBills = 0;  // bills with this code at this station in this period
    qint64 sessions = 0;      // every session of the station that started in the period

    // anomalyBills / sessions in hundredths of a percent, rounded half up (2500 = 25.00 %); 0
    // when there are no sessions.
    qint64 shareBasisPoints() const;
};

struct AnomalyStatistics {
    StatisticsPeriod period = StatisticsPeriod::Month;
    QTimeZone zone;
    // Newest period first, then by code, then by station.
    QList<AnomalyStatisticsRow> rows;
    qint64 anomalyBills = 0;  // distinct bills over every row (a bill with two codes counts once)
};

class AnomalyStatisticsQuery {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::AnomalyStatisticsQuery)
public:
    explicit AnomalyStatisticsQuery(const storage::Database &db);

    // The filter's session-number search does not apply: statistics are about codes, stations
    // and periods. Sessions without a start time belong to no period and are left out.
    Expected<AnomalyStatistics> compute(const AnomalyBillFilter &filter, StatisticsPeriod period,
                                        const QTimeZone &zone = QTimeZone::systemTimeZone()) const;

    // The period `date` falls in, by its first day.
    static QDate periodStart(const QDate &date, StatisticsPeriod period);
    // The first day of the period after the one starting at `start`.
    static QDate nextPeriod(const QDate &start, StatisticsPeriod period);
    // "2026-12-06", "2026-W49" (ISO week), "2026-12": the same in every language.
    static QString periodLabel(const QDate &start, StatisticsPeriod period);

private:
    const storage::Database &m_db;
};

// 2500 -> "25.00" (CSV, JSON) with '.' whatever the locale.
QString basisPointsText(qint64 basisPoints);

}  // namespace cd::anomalies
