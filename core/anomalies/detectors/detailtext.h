#pragma once
// The pieces the detectors' detail sentences are made of: energy, durations and times in the
// current language, and the tr() context of every detector (cd::anomalies::DetectorText).

#include <QCoreApplication>
#include <QString>

namespace cd::anomalies {

class DetectorText {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::DetectorText)
public:
    // "12.345 kWh" (negative values keep their sign).
    static QString energy(qint64 wh);
    // "45 s", "12 min", "3 h 05 min", "8 d 2 h"; a negative span gets a minus sign.
    static QString duration(qint64 ms);
    // "2026-12-06 08:46:44.120 UTC": UTC, with milliseconds (zpd_case#20), the same in every language.
    static QString time(qint64 ms);
    // "22.0 kW" from W.
    static QString power(qint64 w);
    // Who closed a session (sessions.stop_source) in plain words.
    static QString closedBy(const QString &stopSource);
};

}  // namespace cd::anomalies
