#pragma once
// Station timestamps (RFC 3339 date-time, as the OCPP schemas' "date-time" format accepts it)
// to UTC epoch milliseconds and back.

#include <QString>
#include <QStringView>

#include <optional>

namespace cd::charging {

// "2024-05-01T12:00:00.123Z", "…T12:00:00+02:00", "…t12:00:00.123456z", "… 12:00:00", no zone
// (read as UTC). Fractions beyond milliseconds are truncated; a leap second (…:60) reads as
// …:59.999. nullopt when the text is not a valid date-time.
std::optional<qint64> parseTimestampMs(QStringView text);

// "2024-05-01T12:00:00.123Z": what we send (currentTime, expiryDate).
QString formatTimestampMs(qint64 ms);

}  // namespace cd::charging
