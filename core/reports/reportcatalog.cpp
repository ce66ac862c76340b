#include "core/reports/reportcatalog.h"

#include "core/reports/anomalystatisticsreport.h"
#include "core/reports/billsreport.h"
#include "core/reports/downtimereport.h"
#include "core/reports/failedstartsreport.h"
#include "core/reports/peakhoursreport.h"
#include "core/reports/utilisationreport.h"
#include "core/reconciliation/energyreport.h"
#include "core/reconciliation/moneyreport.h"
#include "core/reconciliation/partnersreport.h"
#include "core/reconciliation/revenuereport.h"
#include "core/reconciliation/suspectsreport.h"
#include "core/reconciliation/topupmatchingreport.h"

namespace cd::reports {

namespace {

struct Entry {
    ReportInfo (*info)();
    Expected<ReportTable> (*open)(const storage::Database &db, const ReportParameters &parameters);
};

// One line per report, in the order the console lists them.
const Entry kEntries[] = {
    {&BillsReport::info, &BillsReport::open},
    {&reconciliation::EnergyReport::info, &reconciliation::EnergyReport::open},
    {&reconciliation::SuspectsReport::info, &reconciliation::SuspectsReport::open},
    {&reconciliation::MoneyReport::info, &reconciliation::MoneyReport::open},
    {&reconciliation::TopUpMatchingReport::info, &reconciliation::TopUpMatchingReport::open},
    {&reconciliation::PartnersReport::info, &reconciliation::PartnersReport::open},
    {&reconciliation::RevenueReport::info, &reconciliation::RevenueReport::open},
    {&UtilisationReport::info, &UtilisationReport::open},
    {&PeakHoursReport::info, &PeakHoursReport::open},
    {&DowntimeReport::info, &DowntimeReport::open},
    {&FailedStartsReport::info, &FailedStartsReport::open},
    {&AnomalyStatisticsReport::info, &AnomalyStatisticsReport::open},
};

const Entry *find(const QString &name)
{
    for (const Entry &e : kEntries) {
        if (e.info().name == name)
            return &e;
    }
    return nullptr;
}

}  // namespace

QList<ReportInfo> ReportCatalog::reports()
{
    QList<ReportInfo> out;
    for (const Entry &e : kEntries)
        out << e.info();
    return out;
}

QStringList ReportCatalog::names()
{
    QStringList out;
    for (const Entry &e : kEntries)
        out << e.info().name;
    return out;
}

std::optional<ReportInfo> ReportCatalog::info(const QString &name)
{
    if (const Entry *e = find(name))
        return e->info();
    return std::nullopt;
}

Expected<ReportTable> ReportCatalog::open(const storage::Database &db, const QString &name, const QString &parametersJson)
{
    auto parameters = ReportParameters::fromJson(parametersJson);
    if (!parameters)
        return parameters.error();
    return open(db, name, *parameters);
}

Expected<ReportTable> ReportCatalog::open(const storage::Database &db, const QString &name,
                                          const ReportParameters &parameters)
{
    const Entry *e = find(name);
    if (!e)
        return Error{ExitCode::Usage, tr("There is no report named \"%1\".").arg(name)};
    if (Status st = ReportParameterText::validate(e->info(), parameters); !st)
        return st.error();
    return e->open(db, parameters);
}

}  // namespace cd::reports
