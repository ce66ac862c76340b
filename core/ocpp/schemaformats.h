#pragma once
// The two JSON-Schema keywords the payload validator checks itself, with the semantics strict
// ocpp-rpc uses, so both peers agree on every payload:
//  - "format": ajv-formats 2.1.1 (full mode) "date-time" and "uri";
//  - "multipleOf": ocpp-rpc's own float-tolerant keyword (|round(v/d) - v/d| < 1e-6).

#include <QStringView>

namespace cd::ocpp::schemaformats {

// RFC 3339 date-time as ajv-formats 2.1.1 accepts it: "T", "t" or any JavaScript whitespace as
// separator; calendar-checked date (leap years); 23:59:60 allowed; fraction optional; zone "Z",
// "+hh:mm", "+hhmm" or "+hh" and, like ajv-formats 2.1.1, also *no* zone at all.
bool isDateTime(QStringView text);

// RFC 3986 URI (scheme required; authority may follow a single or double slash; no empty
// hier-part), case-insensitive, as ajv-formats 2.1.1 "uri".
bool isUri(QStringView text);

// Formats checked here; any other format passes, as ajv-formats would not know it either.
bool isCheckedFormat(QStringView format);
bool matchesFormat(QStringView format, QStringView text);

bool isMultipleOf(double value, double divisor);

}  // namespace cd::ocpp::schemaformats
