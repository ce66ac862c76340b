#include "core/reports/pdf/reportwriters.h"

#include "core/reports/pdf/pdfreportwriter.h"

namespace cd::reports {

std::unique_ptr<ReportWriter> reportWriterFor(ReportFormat format)
{
    if (format == ReportFormat::Pdf)
        return std::make_unique<PdfReportWriter>();
    return coreReportWriterFor(format);
}

}  // namespace cd::reports
