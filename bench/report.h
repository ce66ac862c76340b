#pragma once
// The benchmark's output: per load, one line per run as it ends, then the side-by-side table of
// medians with the ratio of each ChargeDesk column to the reference.

#include "benchoptions.h"
#include "runresult.h"

#include <QList>
#include <QTextStream>

namespace cd::bench {

void printHeader(QTextStream &out, const BenchOptions &options);
// Before the runs at one load (options.workload.rate).
void printLoadHeading(QTextStream &out, const BenchOptions &options);
void printRun(QTextStream &out, const RunResult &run, int index, int runs);
// `columns` in order; the one labelled `referenceLabel` (if any) is what the ratios divide by.
void printTable(QTextStream &out, const QList<RunResult> &columns, const QString &referenceLabel, int runs);

}  // namespace cd::bench
