#pragma once
// The reports by name, so an export recorded as (name, parameters JSON) can run again now
// (reportchanges.h). One report so far: "bills" (billsreport.h).

#include "core/common/expected.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class ReportCatalog {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportCatalog)
public:
    static QStringList names();
    static Expected<ReportTable> open(const storage::Database &db, const QString &name, const QString &parametersJson);
};

}  // namespace cd::reports
