#pragma once
// The reconciliation reports sum per station and UTC day in SQL (the same query on both engines,
// and a few hundred thousand rows at most for a year), then fold the days into the report's
// buckets here: the whole period, a day, an ISO week (Monday) or a calendar month, in UTC, each
// clipped to the report's period.

#include <QString>

namespace cd::reconciliation {

constexpr qint64 kDayMs = 86'400'000;

struct BucketSpan {
    qint64 index = 0;    // stable per bucket: 0 for the whole period, else the first day's number
    qint64 startMs = 0;  // clipped to [fromMs, toMs)
    qint64 endMs = 0;
};

// The bucket ("", "day", "week", "month") that UTC day `day` (ms / kDayMs) falls in.
BucketSpan bucketOfDay(qint64 day, const QString &bucket, qint64 fromMs, qint64 toMs);
// The bucket of a time.
inline BucketSpan bucketOfTime(qint64 ms, const QString &bucket, qint64 fromMs, qint64 toMs)
{
    return bucketOfDay(ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs, bucket, fromMs, toMs);
}

// A row key that stays the same in every run for the same text (FNV-1a, 62 bits, positive), for
// rows named by text (a currency, a vendor).
qint64 stableKey(const QString &text);

}  // namespace cd::reconciliation
