#pragma once
// The append-only audit log: every change to money, status, tariffs, roles and stations.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct AuditEntry {
    qint64 id = 0;
    qint64 atMs = 0;
    std::optional<qint64> operatorId;
    QString operatorName;
    QString action;      // e.g. "station.add", "session.finish"
    QString entityType;  // e.g. "station", "session"
    QString entityId;
    QString reason;
    QString beforeState;  // JSON text or empty
    QString afterState;
};

class AuditLogRepository {
public:
    explicit AuditLogRepository(const Database &db, const Clock &clock = Clock::system());

    // Appends an entry (atMs is set from the clock). Call inside the caller's transaction
    // so the change and its audit record commit together.
    Expected<qint64> append(AuditEntry entry);
    // Newest first.
    Expected<QList<AuditEntry>> latest(int limit, const QString &entityType = {}, const QString &entityId = {}) const;

private:
    const Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::storage
