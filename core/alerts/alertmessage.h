#pragma once
// What an alert says outside the console: the e-mail (subject and plain-text body) and the
// webhook's JSON body.
//   {"id": 12, "kind": "connector_faulted", "title": "Fault", "state": "open",
//    "chargePointId": "CP-1", "stationId": 3, "connectorId": 1, "sessionId": null,
//    "openedMs": 1790000000000, "openedAt": "2026-…Z", "lastSeenMs": …, "occurrences": 1,
//    "assignee": "", "summary": "Fault · CP-1, connector 1", "description": "…", "details": {…}}

#include "core/alerts/alerttypes.h"

#include <QByteArray>

namespace cd::alerts {

struct AlertMessage {
    QString subject;
    QString body;  // plain text, lines separated by \n

    static AlertMessage email(const Alert &alert);
    static QByteArray webhookJson(const Alert &alert);
};

}  // namespace cd::alerts
