#include "core/ocpp/schemaformats.h"

#include <QRegularExpression>
#include <QString>

#include <cmath>

namespace cd::ocpp::schemaformats {
namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// JavaScript's \s.
bool isJsWhitespace(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x09 || u == 0x0A || u == 0x0B || u == 0x0C || u == 0x0D || u == 0x20 || u == 0xA0 || u == 0x1680 ||
           (u >= 0x2000 && u <= 0x200A) || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000 ||
           u == 0xFEFF;
}

bool isSeparator(QChar c)
{
    return c == u'T' || c == u't' || isJsWhitespace(c);
}

// Reads `count` ASCII digits at `pos`.
bool readDigits(QStringView s, qsizetype &pos, int count, int &value)
{
    if (pos + count > s.size())
        return false;
    value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (!isAsciiDigit(c))
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    pos += count;
    return true;
}

bool isLeapYear(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// yyyy-mm-dd
bool isFullDate(QStringView s)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0;
    if (!readDigits(s, pos, 4, year) || pos >= s.size() || s[pos++] != u'-')
        return false;
    if (!readDigits(s, pos, 2, month) || pos >= s.size() || s[pos++] != u'-')
        return false;
    if (!readDigits(s, pos, 2, day) || pos != s.size())
        return false;
    static constexpr int daysIn[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= ((month == 2 && isLeapYear(year)) ? 29 : daysIn[month]);
}

// hh:mm:ss[.frac][zone], zone = z | (+|-)hh[[:]mm]
bool isTime(QStringView s)
{
    qsizetype pos = 0;
    int hour = 0, minute = 0, second = 0;
    if (!readDigits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != u':')
        return false;
    if (!readDigits(s, pos, 2, minute) || pos >= s.size() || s[pos++] != u':')
        return false;
    if (!readDigits(s, pos, 2, second))
        return false;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        const qsizetype start = pos;
        while (pos < s.size() && isAsciiDigit(s[pos]))
            ++pos;
        if (pos == start)
            return false;
    }
    if (pos < s.size()) {
        const QChar z = s[pos];
        if (z == u'z' || z == u'Z') {
            ++pos;
        } else if (z == u'+' || z == u'-') {
            ++pos;
            int zh = 0, zm = 0;
            if (!readDigits(s, pos, 2, zh))
                return false;
            if (pos < s.size()) {
                if (s[pos] == u':')
                    ++pos;
                if (!readDigits(s, pos, 2, zm))
                    return false;
            }
        } else {
            return false;
        }
    }
    if (pos != s.size())
        return false;
    return (hour <= 23 && minute <= 59 && second <= 59) || (hour == 23 && minute == 59 && second == 60);
}

// RFC 3986 "URI", assembled from its ABNF. Repetitions are possessive wherever the next
// character decides anyway, so PCRE keeps no backtracking state per character and long
// (hostile) strings cannot exhaust its stack.
QString uriPattern()
{
    const QString unreserved = QStringLiteral("a-z0-9\\-._~");
    const QString subDelims = QStringLiteral("!$&'()*+,;=");
    const QString pct = QStringLiteral("%[0-9a-f]{2}");
    const QString pchar = QStringLiteral("(?:[%1%2:@]|%3)").arg(unreserved, subDelims, pct);
    const QString userinfo = QStringLiteral("(?:[%1%2:]|%3)*+").arg(unreserved, subDelims, pct);
    const QString decOctet = QStringLiteral("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    const QString ipv4 = QStringLiteral("(?:%1\\.){3}%1").arg(decOctet);
    const QString h16 = QStringLiteral("[0-9a-f]{1,4}");
    const QString ls32 = QStringLiteral("(?:%1:%1|%2)").arg(h16, ipv4);
    // IPv6address: "[ *n( h16 ":" ) h16 ] "::" rest" for the nine ABNF alternatives.
    const auto upTo = [&h16](int n) { return QStringLiteral("(?:(?:%1:){0,%2}%1)?").arg(h16).arg(n); };
    const QStringList ipv6Alternatives = {
        QStringLiteral("(?:%1:){6}%2").arg(h16, ls32),
        QStringLiteral("::(?:%1:){5}%2").arg(h16, ls32),
        QStringLiteral("%1::(?:%2:){4}%3").arg(upTo(0), h16, ls32),
        QStringLiteral("%1::(?:%2:){3}%3").arg(upTo(1), h16, ls32),
        QStringLiteral("%1::(?:%2:){2}%3").arg(upTo(2), h16, ls32),
        QStringLiteral("%1::%2:%3").arg(upTo(3), h16, ls32),
        QStringLiteral("%1::%2").arg(upTo(4), ls32),
        QStringLiteral("%1::%2").arg(upTo(5), h16),
        QStringLiteral("%1::").arg(upTo(6)),
    };
    const QString ipv6 = QStringLiteral("(?:%1)").arg(ipv6Alternatives.join(u'|'));
    const QString ipFuture = QStringLiteral("v[0-9a-f]++\\.[%1%2:]++").arg(unreserved, subDelims);
    const QString regName = QStringLiteral("(?:[%1%2]|%3)*+").arg(unreserved, subDelims, pct);
    const QString host = QStringLiteral("(?:\\[(?:%1|%2)\\]|%3|%4)").arg(ipv6, ipFuture, ipv4, regName);
    const QString authority = QStringLiteral("(?:%1@)?%2(?::\\d*+)?").arg(userinfo, host);
    const QString segment = QStringLiteral("%1*+").arg(pchar);
    const QString segmentNz = QStringLiteral("%1++").arg(pchar);
    const QString pathAbempty = QStringLiteral("(?:/%1)*+").arg(segment);
    const QString pathAbsolute = QStringLiteral("/(?:%1(?:/%2)*+)?").arg(segmentNz, segment);
    const QString pathRootless = QStringLiteral("%1(?:/%2)*+").arg(segmentNz, segment);
    const QString hierPart =
        QStringLiteral("(?:/?/%1%2|%3|%4)").arg(authority, pathAbempty, pathAbsolute, pathRootless);
    const QString query = QStringLiteral("(?:[%1%2:@/?]|%3)*+").arg(unreserved, subDelims, pct);
    return QStringLiteral("^[a-z][a-z0-9+\\-.]*+:%1(?:\\?%2)?(?:#%2)?$").arg(hierPart, query);
}

}  // namespace

bool isDateTime(QStringView text)
{
    qsizetype separator = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isSeparator(text[i])) {
            if (separator >= 0)
                return false;  // more than two parts
            separator = i;
        }
    }
    if (separator < 0)
        return false;
    return isFullDate(text.first(separator)) && isTime(text.sliced(separator + 1));
}

bool isUri(QStringView text)
{
    // QRegularExpression is reentrant, not thread-safe: one compiled copy per thread.
    thread_local const QRegularExpression re(uriPattern(), QRegularExpression::CaseInsensitiveOption);
    if (!text.contains(u'/') && !text.contains(u':'))
        return false;
    return re.match(text).hasMatch();
}

bool isCheckedFormat(QStringView format)
{
    return format == u"date-time" || format == u"uri";
}

bool matchesFormat(QStringView format, QStringView text)
{
    if (format == u"date-time")
        return isDateTime(text);
    if (format == u"uri")
        return isUri(text);
    return true;
}

bool isMultipleOf(double value, double divisor)
{
    const double quotient = value / divisor;
    // JavaScript Math.round: half-way cases round towards +infinity.
    return std::fabs(std::floor(quotient + 0.5) - quotient) < 1e-6;
}

}  // namespace cd::ocpp::schemaformats
