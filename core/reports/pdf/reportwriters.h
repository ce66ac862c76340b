#pragma once
// Every report format's writer: CSV, XLSX and JSON from chargedesk_core, PDF from here.

#include "core/reports/reportwriter.h"

#include <memory>

namespace cd::reports {

std::unique_ptr<ReportWriter> reportWriterFor(ReportFormat format);

}  // namespace cd::reports
