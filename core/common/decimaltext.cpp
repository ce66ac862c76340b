#include "core/common/decimaltext.h"

#include <QLocale>

namespace cd {

QString decimalText(qint64 scaled, int digits)
{
    const bool negative = scaled < 0;
    // Unsigned, so the smallest qint64 has a magnitude too.
    const quint64 magnitude = negative ? quint64(0) - quint64(scaled) : quint64(scaled);
    QString text;
    if (digits <= 0) {
        text = QString::number(magnitude);
    } else {
        quint64 scale = 1;
        for (int i = 0; i < digits; ++i)
            scale *= 10;
        text = QString::number(magnitude / scale) + QLocale().decimalPoint()
            + QStringLiteral("%1").arg(magnitude % scale, digits, 10, QLatin1Char('0'));
    }
    if (negative)
        text.prepend(u'-');
    return text;
}

}  // namespace cd
