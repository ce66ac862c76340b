#pragma once
// An amount in minor units as an operator reads it in a message: "50.00 UAH", "1200 JPY".

#include <QString>

namespace cd::payments {

// Decimal places of the currency's minor unit (2 for most, 0 for JPY, KRW, …, 3 for KWD, …).
int minorUnitDigits(const QString &currency);
QString moneyText(qint64 amountMinor, const QString &currency);

}  // namespace cd::payments
