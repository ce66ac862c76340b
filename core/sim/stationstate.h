#pragma once
// The inside of a SimulatedStation: connectors, the session on each, reservations, and the
// transaction messages waiting in the offline queue. Private to core/sim.

#include "core/sim/chargingmodel.h"
#include "core/sim/chargingprofiles.h"
#include "core/sim/protocoladapter.h"
#include "core/sim/stationtypes.h"

#include <QString>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace cd::sim::detail {

struct Session {
    enum class Kind {
        Authorized,    // Authorize (or remote start) → StartTransaction → MeterValues → StopTransaction
        Unauthorized,  // charge-without-authorization: energy with no transaction at all
    };
    Kind kind = Kind::Authorized;
    int txKey = 0;  // links the session's queued messages to its StartTransaction (0: none yet)
    QString idTag;
    std::optional<int> reservationId;
    std::optional<ChargingProfile> txProfile;  // from RemoteStartTransaction, installed at start
    bool remoteStart = false;
    bool transactionBegun = false;

    qint64 plugInMs = 0;
    qint64 startMs = 0;          // StartTransaction timestamp
    qint64 durationMs = 0;       // plug-in to the driver's stop, drawn at plug-in
    qint64 plannedEndMs = 0;     // when the driver ends it, unless something else does first
    qint64 startRegisterWh = 0;  // the real register at the start
    qint64 meterStartWh = 0;     // as reported (0 for meter-zero-then-jump)
    std::optional<ChargingModel> model;
    MeterSample beginSample;
    int samplesTaken = 0;

    bool zeroThenJump = false;
    bool ignoreRemoteStop = false;
    bool remoteStopIgnored = false;  // a RemoteStop was accepted and ignored
    bool silent = false;             // offline-mid-session: nothing more of it ever reaches the server
    bool misbehaviourArmed = false;  // the mid-session trick is scheduled
    bool ended = false;              // Finishing: stopped, waiting to be unplugged
};

struct Reservation {
    int id = 0;
    QString idTag;
    QString parentIdTag;
    qint64 expiryMs = 0;
};

struct Connector {
    int id = 0;  // 0 is the station itself (status only)
    ConnectorStatus status = ConnectorStatus::Available;
    ConnectorError error = ConnectorError::NoError;
    QString vendorErrorCode;
    bool operative = true;
    bool inoperativeScheduled = false;  // ChangeAvailability Inoperative answered Scheduled
    bool faulted = false;

    qint64 registerMWh = 0;  // the energy meter, milli-Wh; only ever grows
    qint64 lastPhysicsMs = 0;
    qint64 powerW = 0;

    std::optional<Session> session;
    std::optional<Reservation> reservation;

    // One pending phase change (plug-in, charging, end, unplug, fault recovery, next arrival).
    QTimer phaseTimer;
    std::function<void()> phaseAction;
    QTimer sampleTimer;  // periodic MeterValues while energy may flow

    qint64 registerWh() const { return registerMWh / 1000; }
};

// One transaction-related message in the station's queue. Sent in order, one at a time, kept
// across disconnects (OCPP 1.6 §4.10 offline behaviour) and retried on errors.
struct TxEntry {
    enum class Kind { Start, Meter, Stop };
    Kind kind = Kind::Meter;
    int txKey = 0;
    int connectorId = 0;
    StartTransactionData start;
    std::vector<MeterSample> samples;
    StopTransactionData stop;
    std::optional<OutgoingMessage> frozen;  // the message once built: retries and replays repeat it
    int attempts = 0;
    bool replay = false;  // a deliberate re-send of an acknowledged message: the answer changes nothing
};

}  // namespace cd::sim::detail
