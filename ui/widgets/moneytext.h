#pragma once
// How the console writes an amount of money: integer minor units in the operator's locale
// ("1,234.50 UAH", "1 234,50 UAH"), with the currency's own number of decimals (JPY none, KWD
// three: core/payments/moneytext.h), the currency code after it when known. Core messages use
// payments::moneyText, which is the same amount without the locale.

#include "core/payments/moneytext.h"

#include <QLocale>
#include <QString>

namespace cd::ui {

inline QString amountText(qint64 minor, const QString &currency = {})
{
    const int digits = payments::minorUnitDigits(currency);
    const bool negative = minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(minor) : quint64(minor);
    quint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const QLocale locale;
    QString text = locale.toString(qulonglong(magnitude / scale));
    if (digits > 0)
        text += locale.decimalPoint() + QStringLiteral("%1").arg(magnitude % scale, digits, 10, QLatin1Char('0'));
    if (negative)
        text.prepend(locale.negativeSign());
    return currency.isEmpty() ? text : text + u' ' + currency.toUpper();
}

}  // namespace cd::ui
