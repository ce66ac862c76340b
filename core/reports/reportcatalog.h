#pragma once
// The reports by name: what each one is and asks for (ReportInfo, for the console's report list
// and the CLI's `report <name>` commands), and how to open it from a parameters JSON, so an export
// recorded as (name, parameters) can run again now (reportchanges.h). A report is one line in
// reportcatalog.cpp's table.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class ReportCatalog {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportCatalog)
public:
    static QList<ReportInfo> reports();  // in the order the console lists them
    static QStringList names();
    static std::optional<ReportInfo> info(const QString &name);
    static Expected<ReportTable> open(const storage::Database &db, const QString &name, const QString &parametersJson);
    static Expected<ReportTable> open(const storage::Database &db, const QString &name, const ReportParameters &parameters);
};

}  // namespace cd::reports
