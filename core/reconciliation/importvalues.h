#pragma once
// The values a reconciliation import or command takes as text, validated: a time in UTC (a date
// "2026-11-01" is its midnight; an ISO 8601 time without a zone is UTC), energy in kWh with at most
// 3 decimals (exact, to Wh), a currency code, a gateway's reference.

#include <QString>

#include <optional>

namespace cd::reconciliation {

std::optional<qint64> parseTimeMs(const QString &text);
std::optional<qint64> parseKwhToWh(const QString &text);
bool isCurrencyCode(const QString &text);      // "UAH": three capital letters
bool isReference(const QString &text);         // 1–128 printable characters, no line breaks
bool isGatewayName(const QString &text);       // 1–64 of [A-Za-z0-9_.-]

}  // namespace cd::reconciliation
