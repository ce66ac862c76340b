#pragma once
// The OCPP message log (ocpp_messages): every frame in and out, raw and parsed, with the
// station and, when known, the session it belongs to. Written in batches.

#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct MessageLogEntry {
    qint64 id = 0;
    std::optional<qint64> stationId;
    QString chargePointId;
    std::optional<qint64> sessionId;
    QString direction;        // "in" (station → us) or "out"
    int messageType = 0;      // 2 CALL, 3 CALLRESULT, 4 CALLERROR; 0 when unreadable
    QString messageId;
    QString action;           // the CALL's action, or the action a response answers
    QString errorCode;        // CALLERROR code, as on the wire
    QString problem;          // why the endpoint rejected or ignored the frame; empty if fine
    QString raw;              // the frame as it crossed the wire
    qint64 atMs = 0;
};

struct MessageLogFilter {
    std::optional<qint64> sessionId;
    std::optional<qint64> stationId;
    QString chargePointId;    // matches frames of stations that are not registered, too
    QString action;
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    int limit = 1000;
};

class MessageLogRepository {
public:
    explicit MessageLogRepository(const Database &db);

    // One prepared statement for the whole batch; call inside the caller's transaction.
    Status append(const QList<MessageLogEntry> &entries);
    // Oldest first (the newest `limit` rows when the filter has no fromMs).
    Expected<QList<MessageLogEntry>> list(const MessageLogFilter &filter) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
