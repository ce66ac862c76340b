#pragma once
// Runs every detector (core/anomalies/detectors) on one session's facts.

#include "core/anomalies/anomalythresholds.h"
#include "core/anomalies/finding.h"
#include "core/anomalies/sessionfacts.h"

#include <QList>

#include <optional>

namespace cd::anomalies {

using DetectorCheck = std::optional<Finding> (*)(const SessionFacts &, const AnomalyThresholds &);

struct Detector {
    AnomalyCode code;
    DetectorCheck check;
};

// One per code, in the order of the codes.
const QList<Detector> &allDetectors();

// Every finding for the session, by code (at most one per code).
QList<Finding> detectAnomalies(const SessionFacts &facts, const AnomalyThresholds &thresholds);

}  // namespace cd::anomalies
