#pragma once
// The append-only audit log: every change to money, status, tariffs, roles and stations.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>
#include <QVariantList>

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
    // The subject's name now, where it has one (access::AuditSubjects; empty otherwise).
    QString subjectName;
};

// What the audit browser asks for: every field optional; a page is newest first.
struct AuditFilter {
    QString entityType;               // "operator", "role", "bill", "session", "station", …
    QString entityId;
    std::optional<qint64> operatorId;  // entries of one operator account
    QString operatorName;             // or of one name, as recorded
    QString actionPrefix;             // "refund." matches refund.apply, refund.approve, …
    qint64 fromMs = 0;                // at_ms >= fromMs (0: no bound)
    qint64 toMs = 0;                  // at_ms < toMs (0: no bound)
    qint64 beforeId = 0;              // paging: only entries older than this id (0: the newest)
    int limit = 100;
};

class AuditLogRepository {
public:
    explicit AuditLogRepository(const Database &db, const Clock &clock = Clock::system());

    // Appends an entry (atMs is set from the clock). Call inside the caller's transaction
    // so the change and its audit record commit together.
    Expected<qint64> append(AuditEntry entry);
    // Newest first.
    Expected<QList<AuditEntry>> latest(int limit, const QString &entityType = {}, const QString &entityId = {}) const;
    // One page for the audit browser, newest first (by id: the log is append-only); the next page
    // is beforeId = the last entry's id.
    Expected<QList<AuditEntry>> page(const AuditFilter &filter) const;
    // The kinds of subject the log has entries about ("bill", "operator", …), sorted.
    Expected<QStringList> entityTypes() const;

private:
    Expected<QList<AuditEntry>> entries(const QString &sql, const QVariantList &values) const;

    const Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::storage
