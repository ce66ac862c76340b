#include "core/anomalies/anomalystatisticscsv.h"

#include "core/anomalies/anomalycode.h"

#include <QIODevice>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

namespace {

constexpr int kProgressEvery = 500;

}  // namespace

QByteArray AnomalyStatisticsCsv::field(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

Status AnomalyStatisticsCsv::write(const AnomalyStatistics &statistics, QIODevice &device,
                                   const std::function<bool(qint64, qint64)> &progress)
{
    const qint64 total = statistics.rows.size();
    const auto failed = [&device] {
        return Error{ExitCode::Failure, tr("Could not write the statistics: %1").arg(device.errorString())};
    };
    QByteArray line = "\xEF\xBB\xBF"
                      "period,period_start,code,anomaly,station,vendor,model,firmware,anomaly_bills,sessions,"
                      "share_percent\r\n";
    if (device.write(line) != line.size())
        return failed();
    qint64 done = 0;
    for (const AnomalyStatisticsRow &r : statistics.rows) {
        line.clear();
        line += field(AnomalyStatisticsQuery::periodLabel(r.periodStart, statistics.period)) + ',';
        line += r.periodStart.toString(Qt::ISODate).toLatin1() + ',';
        line += QByteArray::number(r.code) + ',';
        line += field(anomalyCodeText(r.code)) + ',';
        line += field(r.chargePointId) + ',';
        line += field(r.vendor) + ',';
        line += field(r.model) + ',';
        line += field(r.firmware) + ',';
        line += QByteArray::number(r.anomalyBills) + ',';
        line += QByteArray::number(r.sessions) + ',';
        line += basisPointsText(r.shareBasisPoints()).toLatin1() + "\r\n";
        if (device.write(line) != line.size())
            return failed();
        ++done;
        if (progress && done % kProgressEvery == 0 && !progress(done, total))
            return Error{ExitCode::Failure, tr("The export was cancelled.")};
    }
    if (progress)
        progress(done, total);
    return {};
}

Status AnomalyStatisticsCsv::writeFile(const AnomalyStatistics &statistics, const QString &path,
                                       const std::function<bool(qint64, qint64)> &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ExitCode::Failure, tr("Could not open %1: %2").arg(path, file.errorString())};
    if (Status st = write(statistics, file, progress); !st) {
        file.cancelWriting();
        return st;
    }
    if (!file.commit())
        return Error{ExitCode::Failure, tr("Could not save %1: %2").arg(path, file.errorString())};
    return {};
}

}  // namespace cd::anomalies
