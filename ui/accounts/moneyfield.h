#pragma once
// An amount the operator types ("600", "600.50", "600,50") read as minor units of the currency,
// through payments::parseMoney: nullopt for anything else.

#include "core/payments/moneytext.h"

#include <QLineEdit>

#include <optional>

namespace cd::ui {

// The text a field starts with: "12.50" (no group separators, no currency), as parseMoney reads it.
inline QString moneyFieldText(qint64 minor, const QString &currency)
{
    const int digits = payments::minorUnitDigits(currency);
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const qint64 magnitude = minor < 0 ? -minor : minor;
    QString text = QString::number(magnitude / scale);
    if (digits > 0)
        text += u'.' + QStringLiteral("%1").arg(magnitude % scale, digits, 10, QLatin1Char('0'));
    return minor < 0 ? u'-' + text : text;
}

inline std::optional<qint64> moneyFieldValue(const QLineEdit *field, const QString &currency)
{
    return payments::parseMoney(field->text().trimmed(), payments::minorUnitDigits(currency));
}

}  // namespace cd::ui
