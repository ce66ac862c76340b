#pragma once
// Operator commands to stations: one row each, with who/when/why, the payload, its state and
// the station's answer. Any process may queue one; the process holding the station's
// connection claims and executes it.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct CommandRecord {
    // queued → sent → succeeded | failed; queued → expired (offline and not waiting).
    enum class State { Queued, Sent, Succeeded, Failed, Expired };

    qint64 id = 0;
    QString chargePointId;
    QString action;
    QString payload;  // JSON text
    QString requestedBy;
    QString reason;
    qint64 requestedMs = 0;
    bool waitIfOffline = false;
    State state = State::Queued;
    QString ownerNode;
    std::optional<qint64> sentMs;
    std::optional<qint64> completedMs;
    QString result;  // JSON text: the CALLRESULT payload, or {"error":…,"description":…}

    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
    bool finished() const { return state == State::Succeeded || state == State::Failed || state == State::Expired; }
};

class CommandRepository {
public:
    explicit CommandRepository(const Database &db, const Clock &clock = Clock::system());

    Expected<qint64> enqueue(const CommandRecord &command);
    Expected<std::optional<CommandRecord>> find(qint64 id) const;
    // Queued commands for one station (oldest first), or for every station when empty.
    Expected<QList<CommandRecord>> queued(const QString &chargePointId = {}) const;
    Expected<QList<CommandRecord>> latest(int limit, const QString &chargePointId = {}) const;
    // Atomically moves a queued command to Sent for this node; false when another node won.
    Expected<bool> claim(qint64 id, const QString &ownerNode);
    Status complete(qint64 id, CommandRecord::State state, const QString &result);
    // Commands still marked Sent by this node (after a crash) are failed: nobody waits for them.
    Status failOrphaned(const QString &ownerNode, const QString &result);

private:
    const Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::storage
