#include "ledgercheck.h"

#include "core/storage/database.h"
#include "core/storage/messagelogrepository.h"
#include "core/storage/metersamplerepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"

#include <QHash>
#include <QSet>

namespace cd::test {

namespace {

constexpr int kNoLimit = 100000000;
const QString kRegister = QStringLiteral("Energy.Active.Import.Register");
const QString kPeriodic = QStringLiteral("Sample.Periodic");
const QString kEnd = QStringLiteral("Transaction.End");

QString sampleKey(qint64 sessionId, qint64 stationAtMs, const QString &context, qint64 wh)
{
    return QStringLiteral("%1|%2|%3|%4").arg(sessionId).arg(stationAtMs).arg(context).arg(wh * 1000);
}

QString text(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QStringLiteral("null");
}

class Checker {
public:
    Checker(const storage::Database &db, const StationLedger &ledger, LedgerCheck::Mode mode)
        : m_db(db), m_ledger(ledger)
    {
        if (mode == LedgerCheck::Mode::AfterCrash && ledger.inFlight)
            m_pending = ledger.inFlight->effect;
    }

    QStringList run(LedgerCheck::Totals *totals)
    {
        auto station = storage::StationRepository(m_db).find(m_ledger.chargePointId);
        if (!station) {
            fail(station.error().message);
            return m_problems;
        }
        if (!station->has_value()) {
            if (!m_ledger.acknowledgedIds.isEmpty())
                add(QStringLiteral("the station is not in the database"));
            return m_problems;
        }
        m_stationId = (*station)->id;
        if (!loadSessions() || !checkStarts() || !checkStops() || !checkSamples() || !checkMessageLog())
            return m_problems;
        if (totals) {
            totals->sessions += int(m_sessions.size());
            totals->samples += m_sampleCount;
            for (const storage::Session &s : std::as_const(m_sessions))
                totals->stopped += s.stopSource.isEmpty() ? 0 : 1;
        }
        return m_problems;
    }

private:
    void add(const QString &what) { m_problems << m_ledger.chargePointId + QStringLiteral(": ") + what; }
    bool fail(const QString &what)
    {
        add(QStringLiteral("cannot read the database: ") + what);
        return false;
    }

    // Every row of this station from a repository whose filter has stationId and limit.
    template <typename Repository, typename Filter>
    auto listAll() const
    {
        Filter filter;
        filter.stationId = m_stationId;
        filter.limit = kNoLimit;
        return Repository(m_db).list(filter);
    }

    qint64 sessionOf(qint64 tx) const
    {
        const storage::Session *s = m_byTx.value(tx);
        return s ? s->id : 0;
    }
    QString keyOf(const MeterAck &m) const
    {
        return sampleKey(sessionOf(m.transactionId), m.stationTimeMs, kPeriodic, m.registerWh);
    }
    QString keyOf(const StopAck &stop) const
    {
        return sampleKey(sessionOf(stop.transactionId), stop.stationTimeMs, kEnd, stop.meterStopWh);
    }

    bool loadSessions()
    {
        auto sessions = listAll<storage::SessionRepository, storage::SessionFilter>();
        if (!sessions)
            return fail(sessions.error().message);
        m_sessions = *sessions;
        for (const storage::Session &s : std::as_const(m_sessions)) {
            bool ok = false;
            const qint64 tx = s.transactionId.toLongLong(&ok);
            if (!ok) {
                add(QStringLiteral("session %1 has no integer transaction id (\"%2\")").arg(s.id).arg(s.transactionId));
                continue;
            }
            if (m_byTx.contains(tx))
                add(QStringLiteral("transaction %1 is in two sessions (%2 and %3)")
                        .arg(tx)
                        .arg(m_byTx[tx]->id)
                        .arg(s.id));
            m_byTx.insert(tx, &s);
        }
        return true;
    }

    bool checkStarts()
    {
        const auto *pendingStart = std::get_if<StartAck>(&m_pending);
        for (const StartAck &start : m_ledger.starts) {
            if (m_startByTx.contains(start.transactionId))
                add(QStringLiteral("transaction %1 was acknowledged for two different starts")
                        .arg(start.transactionId));
            m_startByTx.insert(start.transactionId, &start);
            const storage::Session *s = m_byTx.value(start.transactionId);
            if (!s) {
                add(QStringLiteral("acknowledged StartTransaction (transaction %1, station time %2) has no session")
                        .arg(start.transactionId)
                        .arg(start.stationTimeMs));
                continue;
            }
            if (s->meterStartWh != start.meterStartWh || s->startedMs != start.stationTimeMs)
                add(QStringLiteral("session of transaction %1: meterStart %2 at %3, acknowledged %4 at %5")
                        .arg(start.transactionId)
                        .arg(text(s->meterStartWh), text(s->startedMs))
                        .arg(start.meterStartWh)
                        .arg(start.stationTimeMs));
        }
        bool pendingSeen = false;
        for (auto it = m_byTx.cbegin(); it != m_byTx.cend(); ++it) {
            if (m_startByTx.contains(it.key()))
                continue;
            const storage::Session &s = *it.value();
            const bool fromPending = pendingStart && !pendingSeen && s.startedMs == pendingStart->stationTimeMs &&
                                     s.meterStartWh == pendingStart->meterStartWh;
            if (fromPending) {
                pendingSeen = true;
                m_pendingTx = it.key();
                continue;
            }
            add(QStringLiteral("session %1 (transaction %2, started %3) was never acknowledged")
                    .arg(s.id)
                    .arg(it.key())
                    .arg(text(s.startedMs)));
        }
        return true;
    }

    bool checkStops()
    {
        auto events =
            storage::Sql::run(m_db.connection(),
                              QStringLiteral("SELECT e.session_id, COUNT(*) FROM session_events e "
                                             "JOIN sessions s ON s.id = e.session_id "
                                             "WHERE s.station_id = ? AND e.kind = 'stopped' GROUP BY e.session_id"),
                              {m_stationId});
        if (!events)
            return fail(events.error().message);
        QHash<qint64, int> stoppedEvents;
        while (events->next())
            stoppedEvents.insert(events->value(0).toLongLong(), events->value(1).toInt());

        QSet<qint64> stopped;
        for (const StopAck &stop : m_ledger.stops) {
            if (stopped.contains(stop.transactionId))
                add(QStringLiteral("transaction %1 was acknowledged as stopped twice").arg(stop.transactionId));
            stopped.insert(stop.transactionId);
            const storage::Session *s = m_byTx.value(stop.transactionId);
            const StartAck *start = m_startByTx.value(stop.transactionId);
            if (!s || !start)
                continue;  // reported with the starts
            const qint64 energy = stop.meterStopWh - start->meterStartWh;
            if (s->stopSource != u"station" || s->meterStopWh != stop.meterStopWh || s->endedMs != stop.stationTimeMs ||
                s->energyWh != energy || s->status != u"finished") {
                add(QStringLiteral(
                        "acknowledged StopTransaction of transaction %1 (meterStop %2 at %3, %4 Wh) is stored as: "
                        "stop source \"%5\", meterStop %6 at %7, %8 Wh, status %9")
                        .arg(stop.transactionId)
                        .arg(stop.meterStopWh)
                        .arg(stop.stationTimeMs)
                        .arg(energy)
                        .arg(s->stopSource, text(s->meterStopWh), text(s->endedMs))
                        .arg(s->energyWh)
                        .arg(s->status));
            }
            if (stoppedEvents.value(s->id) != 1)
                add(QStringLiteral("transaction %1 has %2 \"stopped\" events")
                        .arg(stop.transactionId)
                        .arg(stoppedEvents.value(s->id)));
        }

        const auto *pendingStop = std::get_if<StopAck>(&m_pending);
        const auto *pendingMeter = std::get_if<MeterAck>(&m_pending);
        for (auto it = m_byTx.cbegin(); it != m_byTx.cend(); ++it) {
            const storage::Session &s = *it.value();
            if (stopped.contains(it.key()))
                continue;
            const bool pendingStopHere = pendingStop && pendingStop->transactionId == it.key();
            if (!s.stopSource.isEmpty() && !pendingStopHere)
                add(QStringLiteral("transaction %1 is stopped (source \"%2\") without an acknowledged StopTransaction")
                        .arg(it.key())
                        .arg(s.stopSource));
            if (s.stopSource.isEmpty() && stoppedEvents.value(s.id) != 0)
                add(QStringLiteral("open transaction %1 has a \"stopped\" event").arg(it.key()));
            if (!s.stopSource.isEmpty())
                continue;
            // Open: its register is the last one acknowledged (or the one on the wire).
            std::optional<qint64> expected;
            if (const StartAck *start = m_startByTx.value(it.key()))
                expected = start->meterStartWh;
            else if (it.key() == m_pendingTx)
                expected = std::get<StartAck>(m_pending).meterStartWh;
            for (const MeterAck &m : m_ledger.meters) {
                if (m.transactionId == it.key())
                    expected = m.registerWh;
            }
            const bool pendingMeterHere =
                pendingMeter && pendingMeter->transactionId == it.key() && s.lastMeterWh == pendingMeter->registerWh;
            if (s.lastMeterWh != expected && !pendingMeterHere)
                add(QStringLiteral("open transaction %1 has register %2 Wh, the last acknowledged is %3 Wh")
                        .arg(it.key())
                        .arg(text(s.lastMeterWh), text(expected)));
        }
        return true;
    }

    bool checkSamples()
    {
        auto samples = listAll<storage::MeterSampleRepository, storage::MeterSampleFilter>();
        if (!samples)
            return fail(samples.error().message);
        m_sampleCount = int(samples->size());
        QHash<QString, int> stored;
        for (const storage::MeterSample &s : std::as_const(*samples)) {
            if (s.measurand != kRegister || s.unit != u"Wh" || !s.phase.isEmpty())
                add(QStringLiteral("a sample the station never sent: %1 %2 %3").arg(s.measurand, s.unit, s.phase));
            stored[sampleKey(s.sessionId.value_or(0), s.stationAtMs, s.context, s.valueMilli / 1000)] += 1;
        }

        QSet<QString> expected;
        const auto expect = [&](const QString &what, qint64 tx, const QString &key) {
            expected.insert(key);
            if (const int n = stored.value(key); n != 1)
                add(QStringLiteral("the acknowledged %1 of transaction %2 is stored %3 times (%4)")
                        .arg(what)
                        .arg(tx)
                        .arg(n)
                        .arg(key));
        };
        for (const MeterAck &m : m_ledger.meters)
            expect(QStringLiteral("MeterValues sample"), m.transactionId, keyOf(m));
        for (const StopAck &stop : m_ledger.stops)
            expect(QStringLiteral("Transaction.End sample"), stop.transactionId, keyOf(stop));

        QString pendingKey;
        if (const auto *m = std::get_if<MeterAck>(&m_pending))
            pendingKey = keyOf(*m);
        else if (const auto *stop = std::get_if<StopAck>(&m_pending))
            pendingKey = keyOf(*stop);
        for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
            if (expected.contains(it.key()))
                continue;
            if (it.key() == pendingKey && it.value() == 1)
                continue;
            add(QStringLiteral("%1 sample(s) the station was never acknowledged: %2").arg(it.value()).arg(it.key()));
        }
        return true;
    }

    bool checkMessageLog()
    {
        auto frames = listAll<storage::MessageLogRepository, storage::MessageLogFilter>();
        if (!frames)
            return fail(frames.error().message);
        QSet<QString> calls;
        for (const storage::MessageLogEntry &e : std::as_const(*frames)) {
            if (e.direction == u"in" && e.messageType == 2)
                calls.insert(e.messageId);
        }
        int missing = 0;
        QString first;
        for (const QString &id : m_ledger.acknowledgedIds) {
            if (!calls.contains(id) && missing++ == 0)
                first = id;
        }
        if (missing > 0)
            add(QStringLiteral("%1 acknowledged CALL(s) missing from the message log, the first %2")
                    .arg(missing)
                    .arg(first));
        return true;
    }

    const storage::Database &m_db;
    const StationLedger &m_ledger;
    CallEffect m_pending;
    qint64 m_stationId = 0;
    QList<storage::Session> m_sessions;
    QHash<qint64, const storage::Session *> m_byTx;
    QHash<qint64, const StartAck *> m_startByTx;
    qint64 m_pendingTx = 0;
    int m_sampleCount = 0;
    QStringList m_problems;
};

}  // namespace

QStringList LedgerCheck::run(const storage::Database &db, const StationLedger &ledger, Mode mode, Totals *totals)
{
    return Checker(db, ledger, mode).run(totals);
}

}  // namespace cd::test
