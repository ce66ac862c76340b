#pragma once
// How the console writes an exact moment (logs, histories): date and time to the millisecond,
// "2026-12-06 00:25:55.821", in UTC or in a given zone.

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace cd::ui {

inline QString millisecondText(qint64 ms, const QTimeZone &zone = QTimeZone::utc())
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

}  // namespace cd::ui
