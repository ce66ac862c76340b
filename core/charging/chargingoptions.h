#pragma once
// How the charging service treats stations: registration, heartbeat, security extension.

#include "core/charging/chargingtypes.h"

namespace cd::charging {

struct ChargingOptions {
    // A station that is not in the registry may connect (--accept-unknown-stations, for a lab):
    // it is registered on connection with `unknownStationRegistration`. Otherwise it gets HTTP 404.
    bool acceptUnknownStations = false;
    // The server runs security profile 1 or higher: every registered station must present its
    // password, and a station that has none stored is refused (HTTP 401) until one is set.
    bool requireStationPassword = false;
    RegistrationStatus unknownStationRegistration = RegistrationStatus::Accepted;

    // BootNotification interval: the heartbeat interval when Accepted, otherwise the time the
    // station must wait before it boots again.
    int heartbeatIntervalSeconds = 300;
    int pendingBootIntervalSeconds = 60;
    int rejectedBootIntervalSeconds = 900;

    // While a station is Pending (or Rejected), only BootNotification is processed; the
    // others get a CALLERROR SecurityError (OCPP 2.0.1 B02.FR.09/B03.FR.07, which 1.6 implies),
    // except messages we asked for with TriggerMessage/ExtendedTriggerMessage within this window.
    qint64 triggeredMessageWindowMs = 60000;

    // SignCertificate (1.6 security extension): answered Rejected unless a certificate
    // authority is wired up and this is set; the CSR is kept in station_events either way.
    bool acceptCertificateSigningRequests = false;

    // Group commit: at most this many station messages share one database transaction.
    int commitBatchLimit = 256;
};

}  // namespace cd::charging
