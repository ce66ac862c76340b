#pragma once
// Anomaly statistics as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read
// Cyrillic and Chinese station names right): one line per code × station × period, written to
// the device row by row as it goes, never assembled in memory. The header names are fixed
// (scripts read them); the code's name is in the current language.
//
//   period,period_start,code,anomaly,station,vendor,model,firmware,anomaly_bills,sessions,share_percent
//   2026-12,2026-12-01,8,Energy differs from platform,KYIV-0003,Acme,AC22,1.2.3,12,48,25.00

#include "core/anomalies/anomalystatistics.h"
#include "core/common/expected.h"

#include <QCoreApplication>

#include <functional>

class QIODevice;

namespace cd::anomalies {

class AnomalyStatisticsCsv {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::AnomalyStatisticsCsv)
public:
    // `progress` hears (rows written, rows in all) every few hundred rows and at the end; it
    // returns false to stop (the result is then an error saying so). The device stays open.
    static Status write(const AnomalyStatistics &statistics, QIODevice &device,
                        const std::function<bool(qint64 done, qint64 total)> &progress = {});
    // Into a file, replaced only when everything was written (QSaveFile).
    static Status writeFile(const AnomalyStatistics &statistics, const QString &path,
                            const std::function<bool(qint64 done, qint64 total)> &progress = {});

    // One field, quoted when it holds a comma, a quote or a line break.
    static QByteArray field(const QString &text);
};

}  // namespace cd::anomalies
