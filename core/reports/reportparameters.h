#pragma once
// The parameters a report takes, one set for every report so the console builds one form and the
// CLI one set of options: each report says which of them it reads (ReportInfo::parameters) and
// ignores the rest. Stored with an export as compact JSON (the keys below), so a later run
// (reportchanges.h) asks the same question again.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd::reports {

enum class ReportParameterKind {
    Period,            // "from_ms", "to_ms": [from, to), UTC epoch ms
    SubOperator,       // "sub_operator": sub_operators.name; "" = every sub-operator
    Site,              // "site": sites.name; "" = every site
    GroupBy,           // "group_by": one of ReportInfo::groupByChoices
    Bucket,            // "bucket": "" (the whole period), "day", "week" (ISO, Monday), "month" (UTC)
    ThresholdPercent,  // "threshold_percent": e.g. the energy ratio below which a site is flagged
};

struct ReportParameters {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString subOperator;
    QString site;
    QString groupBy;
    QString bucket;
    int thresholdPercent = -1;  // -1: the report's default

    QString toJson() const;  // every key, compact
    static Expected<ReportParameters> fromJson(const QString &json);
};

// What the console's report list and the CLI's help say about a report.
struct ReportInfo {
    QString name;         // "bills", the CLI word
    QString title;        // translated
    QString description;  // translated, one or two sentences
    QList<ReportParameterKind> parameters;
    // GroupBy: "site", "station", "vendor", "firmware", "sub_operator", or "" (no grouping, where the
    // report allows it); the first is the default.
    QStringList groupByChoices;
    int defaultThresholdPercent = 0;  // ThresholdPercent
};

class ReportParameterText {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportParameterText)
public:
    static QString label(ReportParameterKind kind);  // translated field label
    static QString groupByTitle(const QString &choice);  // "vendor" -> translated "Vendor"
    static QStringList bucketChoices();                  // "", "day", "week", "month"
    static QString bucketTitle(const QString &bucket);   // "" -> "Whole period"
    // A report's period for its header: whole UTC days as "2026-11-01 … 2026-11-30 (UTC)" (the
    // last day included; one day alone), otherwise to the minute.
    static QString period(qint64 fromMs, qint64 toMs);
    // What a report's parameters say, for its header: "Period: 2026-11-01 … 2026-11-30 (UTC),
    // sub-operator North, site A, per site, month".
    static QString scope(const ReportParameters &parameters);
    // Checks the common rules: a non-empty period, a known group and bucket. Reports call it first.
    static Status validate(const ReportInfo &info, const ReportParameters &parameters);
};

}  // namespace cd::reports
