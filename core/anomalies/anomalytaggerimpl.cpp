#include "core/anomalies/anomalytaggerimpl.h"

#include "core/anomalies/anomalydetection.h"
#include "core/anomalies/sessionfactsloader.h"
#include "core/common/appsettings.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

AnomalyTaggerImpl::AnomalyTaggerImpl(const storage::Database &db, const Clock &clock, const AnomalyThresholds &thresholds)
    : m_db(db), m_clock(clock), m_thresholds(thresholds)
{
}

AnomalyTaggerImpl::AnomalyTaggerImpl(const storage::Database &db, const Clock &clock)
    : AnomalyTaggerImpl(db, clock, AnomalyThresholds::load(appSettings()))
{
}

Expected<QList<Finding>> AnomalyTaggerImpl::findings(qint64 sessionId, std::optional<qint64> billId) const
{
    auto facts = SessionFactsLoader(m_db, m_clock).load(sessionId, billId);
    if (!facts)
        return facts.error();
    if (!facts->has_value())
        return Error{ExitCode::Failure, tr("No session with the internal id %1.").arg(sessionId)};
    return detectAnomalies(**facts, m_thresholds);
}

Expected<QList<int>> AnomalyTaggerImpl::tag(qint64 sessionId, qint64 billId)
{
    const QSqlDatabase db = m_db.connection();
    auto bill = storage::Sql::run(db, u"SELECT session_id FROM bills WHERE id = ?"_s, {billId});
    if (!bill)
        return bill.error();
    if (!bill->next())
        return Error{ExitCode::Failure, tr("No bill with the id %1.").arg(billId)};
    if (bill->value(0).toLongLong() != sessionId)
        return Error{ExitCode::Failure, tr("Bill %1 does not belong to session %2.").arg(billId).arg(sessionId)};

    auto found = findings(sessionId, billId);
    if (!found)
        return found.error();

    auto stored = storage::Sql::run(db, u"SELECT code FROM bill_anomalies WHERE bill_id = ?"_s, {billId});
    if (!stored)
        return stored.error();
    QSet<int> codes;
    while (stored->next())
        codes.insert(stored->value(0).toInt());

    const qint64 now = m_clock.nowMs();
    for (const Finding &f : std::as_const(*found)) {
        const int code = toInt(f.code);
        if (codes.contains(code))
            continue;
        auto inserted = storage::Sql::run(db,
                                          u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) "
                                          "VALUES (?, ?, ?, ?, ?)"_s,
                                          {billId, sessionId, code, f.detail, now});
        if (!inserted)
            return inserted.error();
        codes.insert(code);
    }
    QList<int> out(codes.cbegin(), codes.cend());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cd::anomalies
