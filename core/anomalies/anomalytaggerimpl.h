#pragma once
// The anomaly tagger BillingService runs for every bill it issues (billing::AnomalyTagger): reads
// the session's facts, runs every detector and stores one bill_anomalies row per code found, on the
// caller's open transaction (the calling thread's connection). Tagging a bill again stores nothing
// new: the codes already stored for the bill are kept, only missing ones are added (at most one
// row per bill and code, UNIQUE in migration 0010).

#include "core/anomalies/anomalythresholds.h"
#include "core/anomalies/finding.h"
#include "core/billing/anomalytagger.h"
#include "core/common/clock.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

class AnomalyTaggerImpl final : public billing::AnomalyTagger {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::AnomalyTaggerImpl)
public:
    // `db` and `clock` are not owned and must outlive the tagger. The thresholds default to the
    // settings (anomalies/*, AnomalyThresholds::load(appSettings())).
    AnomalyTaggerImpl(const storage::Database &db, const Clock &clock, const AnomalyThresholds &thresholds);
    AnomalyTaggerImpl(const storage::Database &db, const Clock &clock = Clock::system());

    const AnomalyThresholds &thresholds() const { return m_thresholds; }
    void setThresholds(const AnomalyThresholds &thresholds) { m_thresholds = thresholds; }

    // The codes stored for the bill after tagging (including ones stored before), ascending.
    Expected<QList<int>> tag(qint64 sessionId, qint64 billId) override;

    // What tag() would store, without storing it.
    Expected<QList<Finding>> findings(qint64 sessionId, std::optional<qint64> billId = std::nullopt) const;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
    AnomalyThresholds m_thresholds;
};

}  // namespace cd::anomalies
