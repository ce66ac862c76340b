#include "core/reports/reportparameters.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cd::reports {

QString ReportParameters::toJson() const
{
    const QJsonObject o{{u"from_ms"_s, fromMs},   {u"to_ms"_s, toMs},   {u"sub_operator"_s, subOperator},
                        {u"site"_s, site},        {u"group_by"_s, groupBy}, {u"bucket"_s, bucket},
                        {u"threshold_percent"_s, thresholdPercent}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Expected<ReportParameters> ReportParameters::fromJson(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return Error{ExitCode::Failure, ReportParameterText::tr("The report's parameters are not readable: %1").arg(json)};
    const QJsonObject o = doc.object();
    ReportParameters p;
    p.fromMs = o.value(u"from_ms"_s).toInteger();
    p.toMs = o.value(u"to_ms"_s).toInteger();
    p.subOperator = o.value(u"sub_operator"_s).toString();
    p.site = o.value(u"site"_s).toString();
    p.groupBy = o.value(u"group_by"_s).toString();
    p.bucket = o.value(u"bucket"_s).toString();
    p.thresholdPercent = o.value(u"threshold_percent"_s).toInt(-1);
    return p;
}

QString ReportParameterText::label(ReportParameterKind kind)
{
    switch (kind) {
    case ReportParameterKind::Period:
        return tr("Period");
    case ReportParameterKind::SubOperator:
        return tr("Sub-operator");
    case ReportParameterKind::Site:
        return tr("Site");
    case ReportParameterKind::GroupBy:
        return tr("Group by");
    case ReportParameterKind::Bucket:
        return tr("Split by");
    case ReportParameterKind::ThresholdPercent:
        return tr("Flag below (%)");
    }
    return {};
}

QString ReportParameterText::groupByTitle(const QString &choice)
{
    if (choice.isEmpty())
        return tr("No grouping");
    if (choice == u"site")
        return tr("Site");
    if (choice == u"station")
        return tr("Station");
    if (choice == u"vendor")
        return tr("Vendor");
    if (choice == u"firmware")
        return tr("Firmware");
    if (choice == u"sub_operator")
        return tr("Sub-operator");
    return choice;
}

QStringList ReportParameterText::bucketChoices()
{
    return {QString(), u"day"_s, u"week"_s, u"month"_s};
}

QString ReportParameterText::bucketTitle(const QString &bucket)
{
    if (bucket.isEmpty())
        return tr("Whole period");
    if (bucket == u"day")
        return tr("Day");
    if (bucket == u"week")
        return tr("Week");
    if (bucket == u"month")
        return tr("Month");
    return bucket;
}

QString ReportParameterText::period(qint64 fromMs, qint64 toMs)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC);
    if (from.time() == QTime(0, 0) && to.time() == QTime(0, 0) && to > from) {
        const QDate last = to.date().addDays(-1);
        if (last == from.date())
            return tr("%1 (UTC)").arg(from.date().toString(Qt::ISODate));
        return tr("%1 … %2 (UTC)").arg(from.date().toString(Qt::ISODate), last.toString(Qt::ISODate));
    }
    const QString minutes = u"yyyy-MM-dd HH:mm"_s;
    return tr("%1 … %2 (UTC)").arg(from.toString(minutes), to.toString(minutes));
}

QString ReportParameterText::scope(const ReportParameters &p)
{
    //: a report's header: %1 the period, e.g. "2026-11-01 … 2026-11-30 (UTC)"
    QString text = tr("Period: %1").arg(period(p.fromMs, p.toMs));
    if (!p.subOperator.isEmpty())
        text += u", "_s + tr("sub-operator %1").arg(p.subOperator);
    if (!p.site.isEmpty())
        text += u", "_s + tr("site %1").arg(p.site);
    if (!p.groupBy.isEmpty())
        text += u", "_s + tr("per %1").arg(groupByTitle(p.groupBy).toLower());
    if (!p.bucket.isEmpty())
        text += u", "_s + bucketTitle(p.bucket).toLower();
    return text;
}

Status ReportParameterText::validate(const ReportInfo &info, const ReportParameters &p)
{
    if (info.parameters.contains(ReportParameterKind::Period) && p.toMs <= p.fromMs)
        return Error{ExitCode::Usage, tr("The period is empty: it must end after it starts.")};
    if (info.parameters.contains(ReportParameterKind::GroupBy) && !p.groupBy.isEmpty()
        && !info.groupByChoices.contains(p.groupBy))
        return Error{ExitCode::Usage, tr("The %1 report cannot be grouped by \"%2\"; it groups by %3.")
                                          .arg(info.name, p.groupBy, info.groupByChoices.join(u", "_s))};
    if (info.parameters.contains(ReportParameterKind::Bucket) && !bucketChoices().contains(p.bucket))
        return Error{ExitCode::Usage, tr("Split a report by day, week or month, not \"%1\".").arg(p.bucket)};
    if (info.parameters.contains(ReportParameterKind::ThresholdPercent) && p.thresholdPercent > 1000)
        return Error{ExitCode::Usage, tr("The threshold is a percentage from 0 to 1000.")};
    return {};
}

}  // namespace cd::reports
