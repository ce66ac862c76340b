#include "core/anomalies/anomalydetailtexts.h"

#include "core/anomalies/anomalydetection.h"
#include "core/anomalies/sessionfactsloader.h"

namespace cd::anomalies {

Expected<QMap<int, QString>> AnomalyDetailTexts::current(const storage::Database &db, qint64 sessionId,
                                                                 qint64 billId, const AnomalyThresholds &thresholds,
                                                                 const Clock &clock)
{
    const auto facts = SessionFactsLoader(db, clock).load(sessionId, billId);
    if (!facts)
        return facts.error();
    QMap<int, QString> texts;
    if (!facts->has_value())
        return texts;
    for (const Finding &finding : detectAnomalies(**facts, thresholds))
        texts.insert(int(finding.code), finding.detail);
    return texts;
}

}  // namespace cd::anomalies
