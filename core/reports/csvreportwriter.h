#pragma once
// CSV (RFC 4180): UTF-8 with a byte order mark (spreadsheets then read Cyrillic and Chinese right),
// CRLF, a header of column ids (csvHeader: "energy_kwh", "charging_started_utc"), money in major
// units ("12.50") next to its currency column, energy in kWh, time in ISO 8601 UTC. No totals row:
// the file stays one table for scripts.

#include "core/reports/reportwriter.h"

#include <QByteArray>
#include <QFile>

namespace cd::reports {

class CsvReportWriter final : public ReportWriter {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::CsvReportWriter)
public:
    Status open(const QString &path, const ReportTable &table) override;
    Status write(const ReportRow &row) override;
    Status finish(const ReportTotals &totals) override;
    void abort() override;

    static QByteArray field(const QString &text);

private:
    Status flush();

    QFile m_file;
    QList<ReportColumn> m_columns;
    QByteArray m_buffer;
};

}  // namespace cd::reports
