#pragma once
// How the console writes a moment: exactly (logs, histories), date and time to the millisecond,
// "2026-12-06 00:25:55.821", in UTC or in a given zone; or for people (lists), in local time and
// the locale's short format.

#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QTimeZone>

namespace cd::ui {

inline QString millisecondText(qint64 ms, const QTimeZone &zone = QTimeZone::utc())
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

inline QString localTimeText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

}  // namespace cd::ui
