#pragma once
// Rows of the alert tables (migration 0007): alerts, their history, the delivery journal and the
// monitor's watermarks. Plain reads and writes inside the caller's transaction; the rules live in
// AlertMonitor, AlertService and AlertDispatcher.

#include "core/alerts/alerttypes.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::alerts {

struct AlertFilter {
    enum class Show { Active, Open, Acknowledged, Resolved, All };

    Show show = Show::Active;  // Active: open and acknowledged
    std::optional<qint64> beforeId;  // paging: newest first, strictly older than this id
    int limit = 200;
};

class AlertRepository {
public:
    explicit AlertRepository(const storage::Database &db);

    // The alert that holds `key` now (active = 1), if any.
    Expected<std::optional<Alert>> findActive(const QString &key) const;
    Expected<std::optional<Alert>> find(qint64 id) const;
    // Every active alert of a kind (for clearing conditions).
    Expected<QList<Alert>> activeOfKind(AlertKind kind) const;
    // Newest first.
    Expected<QList<Alert>> list(const AlertFilter &filter) const;
    // Open + acknowledged alerts (the dashboard's figure).
    Expected<int> countUnresolved() const;

    // Fails (the unique index) when another alert already holds the key.
    Expected<qint64> insert(const Alert &alert);
    Status update(const Alert &alert);

    Expected<qint64> appendHistory(const AlertHistoryEntry &entry);
    // Oldest first.
    Expected<QList<AlertHistoryEntry>> history(qint64 alertId) const;

    // Ignored (no error, returns 0) when the alert already has a delivery on that channel.
    Expected<qint64> insertDelivery(const AlertDelivery &delivery);
    // Pending deliveries due at `nowMs`, and sending ones claimed before `staleClaimMs` (their
    // sender died), oldest first.
    Expected<QList<AlertDelivery>> dueDeliveries(qint64 nowMs, qint64 staleClaimMs, int limit) const;
    // Takes a due delivery for this process: true when it was still due.
    Expected<bool> claimDelivery(qint64 id, qint64 nowMs, qint64 staleClaimMs);
    Status updateDelivery(const AlertDelivery &delivery);
    Expected<std::optional<AlertDelivery>> findDelivery(qint64 id) const;
    Expected<QList<AlertDelivery>> deliveriesOf(qint64 alertId) const;

    Expected<std::optional<qint64>> watermark(const QString &source) const;  // nullopt: never set
    Status setWatermark(const QString &source, qint64 position, qint64 nowMs);

private:
    const storage::Database &m_db;
};

}  // namespace cd::alerts
