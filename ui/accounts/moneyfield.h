#pragma once
// An amount the operator types ("600", "600.50", "600,50") read as minor units of the currency,
// through payments::parseMoney: nullopt for anything else.

#include "core/common/decimaltext.h"
#include "core/payments/moneytext.h"

#include <QLineEdit>

#include <optional>

namespace cd::ui {

// The text a field starts with: "12.50" ("12,50" in uk and ru; no group separators, no currency),
// as parseMoney reads it.
inline QString moneyFieldText(qint64 minor, const QString &currency)
{
    return decimalText(minor, payments::minorUnitDigits(currency));
}

inline std::optional<qint64> moneyFieldValue(const QLineEdit *field, const QString &currency)
{
    return payments::parseMoney(field->text().trimmed(), payments::minorUnitDigits(currency));
}

}  // namespace cd::ui
