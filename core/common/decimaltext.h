#pragma once
// Fixed-point numbers as an operator reads them: money in minor units, energy in Wh. The decimal
// point is the default QLocale's ("12,50" in uk and ru, "12.50" in en and zh_CN); no group
// separators, so what is shown can be typed back (payments::parseMoney reads both points).

#include <QString>

namespace cd {

// `scaled` with `digits` decimal places: 1250, 2 → "12.50"; -5, 3 → "-0.005"; digits 0 → "1250".
QString decimalText(qint64 scaled, int digits);

}  // namespace cd
