#pragma once
// The session log: every event of one session in time order, from the charging service's
// session events, the meter samples (one line per meter callback) and the OCPP message log,
// each explained in plain words in the operator's language. A meter callback that brings no
// new energy (the register did not move) is marked "ignored", as the console this replaces did.

#include "core/charging/chargingqueries.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::charging {

struct TimelineEntry {
    enum class Kind {
        Event,        // something the service decided or noticed (created, started, closed…)
        Status,       // the session's status changed
        FromStation,  // a message from the station
        ToStation,    // a message to the station (a command or our answer)
        Meter,        // one meter callback
    };
    qint64 atMs = 0;     // UTC epoch ms (server time)
    Kind kind = Kind::Event;
    QString text;        // plain words, translated
    QString detail;      // what the line is made of: the event's JSON, the frame, the readings
    bool ignored = false;  // a repeat that changed nothing (no new energy, a replayed message)
    bool warning = false;  // something support should look at
};

class SessionTimeline {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::SessionTimeline)
public:
    // Oldest first; ties keep the order in which things happened (station message, the
    // service's events, our answer).
    static QList<TimelineEntry> build(const SessionDetail &detail);

    static TimelineEntry fromEvent(const storage::SessionEvent &event);
    // nullopt: a frame the log leaves out (heartbeats, plain acknowledgements, MeterValues,
    // which the meter lines show).
    static std::optional<TimelineEntry> fromMessage(const storage::MessageLogEntry &message);
    // One entry per meter callback (samples with the same station time). `meterStartWh` turns
    // register readings into energy charged in this session.
    static QList<TimelineEntry> fromSamples(const QList<storage::MeterSample> &samples,
                                            std::optional<qint64> meterStartWh);

    // "12.4 kWh", "7.2 kW" in the current locale, from integer Wh / W.
    static QString energyText(qint64 wh);
    static QString powerText(qint64 w);
};

}  // namespace cd::charging
