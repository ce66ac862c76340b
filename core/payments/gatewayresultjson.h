#pragma once
// A gateway's answer as compact JSON text and back: what the idempotency journal (payment_calls)
// and the manual gateway's replay table keep.

#include "core/payments/paymenttypes.h"

namespace cd::payments {

QString resultToJson(const GatewayResult &result);
// Nullopt when the text is not such an object.
std::optional<GatewayResult> resultFromJson(const QString &text);

}  // namespace cd::payments
