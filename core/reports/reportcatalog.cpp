#include "core/reports/reportcatalog.h"

#include "core/reports/billsreport.h"

namespace cd::reports {

QStringList ReportCatalog::names()
{
    return {QString::fromLatin1(BillsReport::kName)};
}

Expected<ReportTable> ReportCatalog::open(const storage::Database &db, const QString &name, const QString &parametersJson)
{
    if (name == QLatin1String(BillsReport::kName)) {
        auto parameters = BillsReportParameters::fromJson(parametersJson);
        if (!parameters)
            return parameters.error();
        return BillsReport::open(db, *parameters);
    }
    return Error{ExitCode::Usage, tr("There is no report named \"%1\".").arg(name)};
}

}  // namespace cd::reports
