#pragma once
// Time is stored as UTC epoch milliseconds; these helpers show it.

#include <QDateTime>
#include <QString>

namespace cd {

// "2026-11-23T15:07:08.123Z"
inline QString formatUtcMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

}  // namespace cd
