#include "core/charging/metervalue.h"

#include <QString>

#include <limits>

namespace cd::charging {

NormalizedUnit normalizeUnit(QStringView unit)
{
    if (unit == u"kWh")
        return {QStringLiteral("Wh"), 3};
    if (unit == u"kW")
        return {QStringLiteral("W"), 3};
    if (unit == u"kvarh")
        return {QStringLiteral("varh"), 3};
    if (unit == u"kvar")
        return {QStringLiteral("var"), 3};
    if (unit == u"kVA")
        return {QStringLiteral("VA"), 3};
    if (unit == u"Celcius")
        return {QStringLiteral("Celsius"), 0};
    return {unit.toString(), 0};
}

std::optional<qint64> parseScaledDecimal(QStringView text, int pow10)
{
    text = text.trimmed();
    qsizetype pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == u'+' || text[pos] == u'-')) {
        negative = text[pos] == u'-';
        ++pos;
    }
    QString mantissa;  // all significant digits, no dot
    int fractionDigits = 0;
    bool seenDot = false;
    bool anyDigit = false;
    for (; pos < text.size(); ++pos) {
        const QChar c = text[pos];
        if (c >= u'0' && c <= u'9') {
            anyDigit = true;
            if (!(mantissa.isEmpty() && c == u'0'))
                mantissa.append(c);
            if (seenDot)
                ++fractionDigits;
        } else if (c == u'.' && !seenDot) {
            seenDot = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    int exponent = 0;
    if (pos < text.size() && (text[pos] == u'e' || text[pos] == u'E')) {
        ++pos;
        bool expNegative = false;
        if (pos < text.size() && (text[pos] == u'+' || text[pos] == u'-')) {
            expNegative = text[pos] == u'-';
            ++pos;
        }
        const qsizetype start = pos;
        while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9') {
            exponent = exponent * 10 + (text[pos].unicode() - u'0');
            if (exponent > 400)
                return std::nullopt;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
        if (expNegative)
            exponent = -exponent;
    }
    if (pos != text.size())
        return std::nullopt;
    if (mantissa.isEmpty())
        return 0;  // "0", "0.000", "-0"

    // value = mantissa × 10^(exponent − fractionDigits); scaled: × 10^pow10 more.
    const int shift = exponent - fractionDigits + pow10;
    bool roundUp = false;
    if (shift < 0) {
        const qsizetype drop = -shift;
        if (drop > mantissa.size()) {
            return 0;  // far below the resolution
        }
        roundUp = mantissa[mantissa.size() - drop] >= u'5';
        mantissa.chop(drop);
    }
    if (mantissa.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const QChar c : std::as_const(mantissa))
        value = value * 10 + (c.unicode() - u'0');
    for (int i = 0; i < shift; ++i) {
        if (__builtin_mul_overflow(value, qint64(10), &value))
            return std::nullopt;
    }
    if (roundUp && __builtin_add_overflow(value, qint64(1), &value))
        return std::nullopt;
    return negative ? -value : value;
}

std::optional<qint64> toMilliUnits(QStringView value, QStringView unit)
{
    return parseScaledDecimal(value, normalizeUnit(unit).pow10 + 3);
}

qint64 milliToWholeUnits(qint64 milli)
{
    return milli >= 0 ? (milli + 500) / 1000 : -((-milli + 500) / 1000);
}

}  // namespace cd::charging
