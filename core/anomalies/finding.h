#pragma once
// What a detector found: the anomaly code and a sentence for the operator with the numbers that
// made it fire (translated when it was detected; stored in bill_anomalies.detail).

#include "core/anomalies/anomalycode.h"

#include <QString>

namespace cd::anomalies {

struct Finding {
    AnomalyCode code = AnomalyCode::BillLost;
    QString detail;

    friend bool operator==(const Finding &, const Finding &) = default;
};

}  // namespace cd::anomalies
