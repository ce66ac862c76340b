#include "core/reports/reportwriter.h"

#include "core/reports/csvreportwriter.h"
#include "core/reports/jsonreportwriter.h"
#include "core/reports/xlsxreportwriter.h"

using namespace Qt::StringLiterals;

namespace cd::reports {

QString ReportFormatText::name(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return u"csv"_s;
    case ReportFormat::Xlsx:
        return u"xlsx"_s;
    case ReportFormat::Pdf:
        return u"pdf"_s;
    case ReportFormat::Json:
        return u"json"_s;
    }
    return {};
}

std::optional<ReportFormat> ReportFormatText::fromName(const QString &name)
{
    for (ReportFormat f : {ReportFormat::Csv, ReportFormat::Xlsx, ReportFormat::Pdf, ReportFormat::Json}) {
        if (name.compare(ReportFormatText::name(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

QString ReportFormatText::suffix(ReportFormat format)
{
    return u"."_s + name(format);
}

QString ReportFormatText::unknownFormatMessage(const QString &name)
{
    return tr("\"%1\" is not a report format: use csv, xlsx, pdf or json.").arg(name);
}

std::unique_ptr<ReportWriter> coreReportWriterFor(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return std::make_unique<CsvReportWriter>();
    case ReportFormat::Xlsx:
        return std::make_unique<XlsxReportWriter>();
    case ReportFormat::Json:
        return std::make_unique<JsonReportWriter>();
    case ReportFormat::Pdf:
        break;
    }
    return nullptr;
}

}  // namespace cd::reports
