#include "core/charging/suspicioussessions.h"

#include "core/charging/chargingtypes.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::charging {

namespace {

std::optional<Suspicion> suspicionOfEvent(const QString &kind)
{
    if (kind == u"start_not_authorized")
        return Suspicion::StartNotAuthorized;
    if (kind == u"seq_gap" || kind == u"seq_incomplete")
        return Suspicion::MessagesMissing;
    if (kind == u"started_without_started")
        return Suspicion::StartedMidway;
    if (kind == u"stop_after_close")
        return Suspicion::StopAfterClose;
    if (kind == u"negative_energy")
        return Suspicion::NegativeEnergy;
    if (kind == u"clock_skew")
        return Suspicion::ClockSkew;
    if (kind == u"meter_after_stop")
        return Suspicion::MeterAfterStop;
    return std::nullopt;
}

QStringList systemStopSources()
{
    return {stopsource::Reboot, stopsource::Superseded, stopsource::Reconciled, stopsource::Abandoned};
}

}  // namespace

SuspiciousSessions::SuspiciousSessions(const storage::Database &db, qint64 noEnergyMinMs)
    : m_db(db), m_noEnergyMinMs(noEnergyMinMs)
{
}

QStringList SuspiciousSessions::anomalyEventKinds()
{
    return {u"start_not_authorized"_s, u"seq_gap"_s,          u"seq_incomplete"_s, u"started_without_started"_s,
            u"stop_after_close"_s,     u"negative_energy"_s,  u"clock_skew"_s,     u"meter_after_stop"_s};
}

storage::SuspicionCriteria SuspiciousSessions::criteria() const
{
    storage::SuspicionCriteria c;
    c.eventKinds = anomalyEventKinds();
    c.stopSources = systemStopSources();
    c.zeroEnergyMinMs = m_noEnergyMinMs;
    return c;
}

QList<Suspicion> SuspiciousSessions::reasons(const storage::Session &session, const QStringList &eventKinds) const
{
    QList<Suspicion> out;
    auto add = [&out](Suspicion s) {
        if (!out.contains(s))
            out.append(s);
    };
    for (const QString &kind : eventKinds) {
        if (auto s = suspicionOfEvent(kind))
            add(*s);
    }
    if (systemStopSources().contains(session.stopSource))
        add(Suspicion::ClosedBySystem);
    if (!session.stopSource.isEmpty() && session.energyWh == 0 && session.endedMs
        && *session.endedMs - session.startedMs.value_or(session.createdMs) >= m_noEnergyMinMs)
        add(Suspicion::NoEnergy);
    std::sort(out.begin(), out.end());
    return out;
}

Expected<QList<SuspiciousSession>> SuspiciousSessions::list(int limit, int offset) const
{
    const storage::SessionRepository repository(m_db);
    auto sessions = repository.suspicious(criteria(), limit, offset);
    if (!sessions)
        return sessions.error();
    QList<qint64> ids;
    for (const storage::Session &s : std::as_const(*sessions))
        ids << s.id;
    auto kinds = repository.eventKinds(ids, anomalyEventKinds());
    if (!kinds)
        return kinds.error();
    QList<SuspiciousSession> out;
    for (const storage::Session &s : std::as_const(*sessions))
        out.append(SuspiciousSession{s, reasons(s, kinds->value(s.id))});
    return out;
}

QString SuspiciousSessions::describe(Suspicion suspicion)
{
    switch (suspicion) {
    case Suspicion::StartNotAuthorized:
        return tr("Charged without an authorised card");
    case Suspicion::MessagesMissing:
        return tr("Station messages missing");
    case Suspicion::StartedMidway:
        return tr("Start message never arrived");
    case Suspicion::StopAfterClose:
        return tr("Stop arrived after the system closed it");
    case Suspicion::NegativeEnergy:
        return tr("Meter went backwards");
    case Suspicion::ClockSkew:
        return tr("Station clock wrong");
    case Suspicion::MeterAfterStop:
        return tr("Meter values after the stop");
    case Suspicion::ClosedBySystem:
        return tr("Closed by the system, no Stop from the station");
    case Suspicion::NoEnergy:
        return tr("No energy delivered");
    }
    return {};
}

}  // namespace cd::charging
