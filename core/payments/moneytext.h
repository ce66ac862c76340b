#pragma once
// An amount in minor units as an operator reads it in a message: "50.00 UAH", "1200 JPY"; the
// decimal point is the locale's (decimaltext.h): "50,00 UAH" in uk and ru.

#include <QString>

#include <optional>

namespace cd::payments {

// Decimal places of the currency's minor unit (2 for most, 0 for JPY, KRW, …, 3 for KWD, …).
int minorUnitDigits(const QString &currency);
QString moneyText(qint64 amountMinor, const QString &currency);
// "12.50" or "12,50" with at most `digits` decimal places → 1250; nullopt for anything else
// (signs, letters, more decimals than the currency has, more than 15 integer digits).
std::optional<qint64> parseMoney(const QString &text, int digits);

}  // namespace cd::payments
