#pragma once
// Named misbehaviours a simulated station can show. Each is a failure pattern from the field
// (docs: /work/shared/DOMAIN.md) that the server must survive, record and flag.

#include <QCoreApplication>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace cd::sim {

enum class Misbehaviour : quint32 {
    None = 0,
    // "meter-zero-then-jump": the register reads 0 at the start (meterStart 0, first sample 0),
    // then jumps to the real register value (gdss_case#7; anomaly code 8).
    MeterZeroThenJump = 1u << 0,
    // "offline-mid-session": drops off the network in the middle of a session, loses what it
    // queued and never sends StopTransaction (anomaly codes 1 and 2; OLD&OPEN sessions).
    OfflineMidSession = 1u << 1,
    // "replay-after-reconnect": goes offline mid-session, queues MeterValues and the Stop,
    // reconnects and replays the session's Start/MeterValues/Stop, including the messages the
    // server had already acknowledged, with identical content.
    ReplayAfterReconnect = 1u << 2,
    // "ignore-remote-stop": answers RemoteStopTransaction Accepted but keeps delivering energy
    // and sending meter values (igo_case#83).
    IgnoreRemoteStop = 1u << 3,
    // "charge-without-authorization": energy flows with no Authorize and no StartTransaction:
    // status Charging and MeterValues without a transactionId (igo_case#95, #96).
    ChargeWithoutAuthorization = 1u << 4,
    // "duplicate-stop": sends every StopTransaction twice, same content.
    DuplicateStop = 1u << 5,
    // "clock-skew": the station's clock runs kClockSkewMs (two days) ahead, so every timestamp it
    // sends (boot, status, start, meter values, stop) lies in the future (anomaly code 3).
    ClockSkew = 1u << 6,
};
Q_DECLARE_FLAGS(Misbehaviours, Misbehaviour)

// How far ahead a "clock-skew" station's clock runs.
inline constexpr qint64 kClockSkewMs = 48LL * 3600 * 1000;

// Every misbehaviour except None, in declaration order.
QList<Misbehaviour> allMisbehaviours();

// The CLI name, e.g. "meter-zero-then-jump"; empty for None.
QString misbehaviourName(Misbehaviour misbehaviour);
std::optional<Misbehaviour> misbehaviourFromName(QStringView name);
QStringList misbehaviourNames(Misbehaviours set);

// Which stations of a Simulator show a misbehaviour: an explicit list of charge point ids, or
// (when the list is empty) a share of all stations, spread deterministically from the seed.
struct MisbehaviourAssignment {
    Misbehaviour misbehaviour = Misbehaviour::None;
    double share = 1.0;       // 0..1
    QStringList stationIds;   // takes precedence over share when not empty
};

// Parses a --misbehave value: "NAME" (every station), "NAME:0.25" or "NAME:25%" (a share),
// "NAME:ID1,ID2" (those stations). On failure returns nullopt and sets *error (translated).
std::optional<MisbehaviourAssignment> parseMisbehaviourSpec(const QString &spec, QString *error);

// Translated one-line description for --help.
QString misbehaviourDescription(Misbehaviour misbehaviour);

// Translation context of the texts above.
class MisbehaviourText {
    Q_DECLARE_TR_FUNCTIONS(cd::sim::MisbehaviourText)
};

}  // namespace cd::sim

Q_DECLARE_OPERATORS_FOR_FLAGS(cd::sim::Misbehaviours)
