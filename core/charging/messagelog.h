#pragma once
// The message log of one station connection: every frame the RpcEndpoint reports (its spy,
// frameObserved) is buffered here and written to ocpp_messages by the commit thread.
//
//  - An incoming CALL is held for its handler, which takes it (with every earlier frame) into
//    its own job, so the frame commits in the same transaction as the data it produced and gets
//    the session id the handler found (Start/Stop/MeterValues).
//  - The answer to that CALL goes out after the commit; it inherits the session id.
//  - Everything else (answers, CALLERRORs the endpoint made itself, our CALLs and the station's
//    answers) is flushed by a small job scheduled when the first such frame arrives.
// Thread-safe: frames arrive on the endpoint's thread, jobs run on the commit thread.

#include "core/ocpp/rpcendpoint.h"
#include "core/storage/messagelogrepository.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>
#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::charging {

class LinkMessageLog {
public:
    // scheduleFlush() is called (on the endpoint's thread) when frames wait for a flush job.
    LinkMessageLog(QString chargePointId, std::function<void()> scheduleFlush);

    // The spy: connect RpcEndpoint::frameObserved here (direct connection).
    void observe(const ocpp::FrameRecord &record);

    // For a CALL handler: every frame observed so far that is not held for another handler,
    // plus this CALL's own frame.
    QList<storage::MessageLogEntry> takeForCall(const QString &messageId);
    // For the flush job: every frame not held for a handler. `all` also takes held ones (the
    // connection closed).
    QList<storage::MessageLogEntry> takeReady(bool all = false);
    // The answer to `messageId` that is about to go out belongs to this session.
    void linkAnswer(const QString &messageId, std::optional<qint64> sessionId);

    const QString &chargePointId() const { return m_chargePointId; }

    // Pulls the CALLERROR code out of a raw [4, id, code, …] frame.
    static QString errorCodeOf(const QString &raw);

private:
    struct Pending {
        storage::MessageLogEntry entry;
        bool held = false;  // an incoming CALL its handler has not taken yet
    };

    const QString m_chargePointId;
    std::function<void()> m_scheduleFlush;
    QMutex m_mutex;
    QList<Pending> m_pending;
    QHash<QString, std::optional<qint64>> m_answerSessions;
    bool m_flushScheduled = false;
};

// Writes log rows, stamping the station id where it is known.
Status writeMessageLog(const storage::Database &db, QList<storage::MessageLogEntry> entries,
                       std::optional<qint64> stationId);

}  // namespace cd::charging
