#pragma once
// Operator accounts and their login sessions in the database (tables operators,
// operator_sessions). Plain reads and writes: AccessService checks, hashes, audits and calls
// these inside its transaction.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::access {

struct OperatorRow {
    qint64 id = 0;
    QString login;
    QString displayName;
    QString passwordHash;
    qint64 roleId = 0;
    QString role;  // the role's name
    int maxConcurrentLogins = 1;
    bool disabled = false;
    qint64 createdMs = 0;
    int failedLogins = 0;                 // wrong passwords since the last right one
    std::optional<qint64> lockedUntilMs;  // locked by wrong passwords until then (may be past)

    bool lockedAt(qint64 nowMs) const { return lockedUntilMs && *lockedUntilMs > nowMs; }
};

struct LoginSessionRow {
    qint64 id = 0;
    qint64 operatorId = 0;
    QString login;
    QString client;
    qint64 startedMs = 0;
    qint64 lastSeenMs = 0;
    std::optional<qint64> endedMs;
    QString endReason;  // "logout", "expired", "ended" (by an administrator), "disabled"
};

class OperatorRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::access::OperatorRepository)
public:
    explicit OperatorRepository(const storage::Database &db);

    Expected<qint64> count() const;
    Expected<QList<OperatorRow>> operators() const;
    Expected<std::optional<OperatorRow>> byLogin(const QString &login) const;
    Expected<std::optional<OperatorRow>> byId(qint64 id) const;
    // An operator by login or "#id"; an Error naming it when there is none.
    Expected<OperatorRow> find(const QString &loginOrId) const;

    Expected<qint64> add(const OperatorRow &row, qint64 nowMs);
    Status setPasswordHash(qint64 id, const QString &hash);
    Status setRole(qint64 id, qint64 roleId);
    Status setDisabled(qint64 id, bool disabled);
    Status setMaxConcurrentLogins(qint64 id, int max);
    // One more wrong password; the count after it.
    Expected<int> addFailedLogin(qint64 id);
    // Sets the wrong-password count and the lock (nullopt: none).
    Status setLockout(qint64 id, int failedLogins, std::optional<qint64> lockedUntilMs);
    // Takes the operator's row lock (PostgreSQL), so that two logins of one account count its
    // open sessions in turn; SQLite's write transaction already does.
    Status lock(qint64 id);

    // Sessions
    Expected<qint64> openSession(qint64 operatorId, const QString &tokenHash, const QString &client, qint64 nowMs);
    // The open sessions of an operator (all operators: 0), newest first.
    Expected<QList<LoginSessionRow>> openSessions(qint64 operatorId = 0) const;
    // Every session, newest first, at most `limit`.
    Expected<QList<LoginSessionRow>> sessions(int limit) const;
    Expected<std::optional<LoginSessionRow>> session(qint64 id) const;
    Expected<std::optional<LoginSessionRow>> sessionByTokenHash(const QString &tokenHash) const;
    Status touchSession(qint64 id, qint64 nowMs);
    // Ends one session (when still open); whether it was.
    Expected<bool> endSession(qint64 id, qint64 nowMs, const QString &reason);
    // Ends the open sessions of an operator (0: of everyone) last seen before `cutoffMs`; how many.
    Expected<int> expireIdle(qint64 operatorId, qint64 cutoffMs, qint64 nowMs);
    // Ends every open session of an operator; how many.
    Expected<int> endAll(qint64 operatorId, qint64 nowMs, const QString &reason);

private:
    const storage::Database &m_db;
};

}  // namespace cd::access
