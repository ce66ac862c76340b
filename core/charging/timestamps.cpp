#include "core/charging/timestamps.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

namespace cd::charging {

namespace {

// Reads exactly `count` ASCII digits at `pos`.
bool digits(QStringView text, qsizetype pos, int count, int *out)
{
    if (pos + count > text.size())
        return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    *out = value;
    return true;
}

}  // namespace

std::optional<qint64> parseTimestampMs(QStringView text)
{
    text = text.trimmed();
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, &year) || text.size() < 19 || text[4] != u'-' || !digits(text, 5, 2, &month)
        || text[7] != u'-' || !digits(text, 8, 2, &day))
        return std::nullopt;
    const QChar sep = text[10];
    if (sep != u'T' && sep != u't' && !sep.isSpace())
        return std::nullopt;
    if (!digits(text, 11, 2, &hour) || text[13] != u':' || !digits(text, 14, 2, &minute) || text[16] != u':'
        || !digits(text, 17, 2, &second))
        return std::nullopt;
    qsizetype pos = 19;
    int millis = 0;
    if (pos < text.size() && text[pos] == u'.') {
        ++pos;
        int taken = 0;
        const qsizetype start = pos;
        while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9') {
            if (taken < 3) {
                millis = millis * 10 + (text[pos].unicode() - u'0');
                ++taken;
            }
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
        for (; taken < 3; ++taken)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (pos < text.size()) {
        const QChar z = text[pos];
        if (z == u'Z' || z == u'z') {
            ++pos;
        } else if (z == u'+' || z == u'-') {
            int oh = 0, om = 0;
            if (!digits(text, pos + 1, 2, &oh))
                return std::nullopt;
            pos += 3;
            if (pos < text.size()) {
                if (text[pos] == u':')
                    ++pos;
                if (!digits(text, pos, 2, &om))
                    return std::nullopt;
                pos += 2;
            }
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetMinutes = (oh * 60 + om) * (z == u'-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    if (second == 60) {  // leap second
        second = 59;
        millis = 999;
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, millis);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime utc(date, time, Qt::UTC);
    return utc.toMSecsSinceEpoch() - qint64(offsetMinutes) * 60000;
}

QString formatTimestampMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

}  // namespace cd::charging
