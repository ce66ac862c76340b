#pragma once
// JSON, streamed: {"report": name, "title", "parameters": {…}, "columns": [{"id","title","type"}],
// "rows": [{key: value, …}, …], "totals": {…}}. Numbers stay integers: money in minor units
// ("total_minor"), energy in Wh ("energy_wh"), time in UTC epoch ms ("charging_started_ms").

#include "core/reports/reportwriter.h"

#include <QByteArray>
#include <QFile>

namespace cd::reports {

class JsonReportWriter final : public ReportWriter {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::JsonReportWriter)
public:
    Status open(const QString &path, const ReportTable &table) override;
    Status write(const ReportRow &row) override;
    Status finish(const ReportTotals &totals) override;
    void abort() override;

private:
    Status flush();

    QFile m_file;
    QList<ReportColumn> m_columns;
    QList<QByteArray> m_keys;  // '"total_minor":'
    QByteArray m_buffer;
    bool m_first = true;
};

}  // namespace cd::reports
