#include "core/reconciliation/reportbuckets.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace cd::reconciliation {

namespace {

qint64 msOf(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

}  // namespace

BucketSpan bucketOfDay(qint64 day, const QString &bucket, qint64 fromMs, qint64 toMs)
{
    if (bucket.isEmpty())
        return {0, fromMs, toMs};
    const QDate epoch(1970, 1, 1);
    const QDate date = epoch.addDays(day);
    QDate first = date;
    QDate next = date.addDays(1);
    if (bucket == u"week") {
        first = date.addDays(1 - date.dayOfWeek());
        next = first.addDays(7);
    } else if (bucket == u"month") {
        first = QDate(date.year(), date.month(), 1);
        next = first.addMonths(1);
    }
    return {epoch.daysTo(first), std::max(fromMs, msOf(first)), std::min(toMs, msOf(next))};
}

qint64 stableKey(const QString &text)
{
    quint64 h = 14695981039346656037ULL;
    const QByteArray bytes = text.toUtf8();
    for (const char c : bytes) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return qint64(h & 0x3FFFFFFFFFFFFFFFULL);
}

}  // namespace cd::reconciliation
