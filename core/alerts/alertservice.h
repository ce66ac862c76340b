#pragma once
// What an operator does with alerts — acknowledge, assign, resolve — and what the console and
// the CLI read. Every change writes the alert, its history row and an audit log entry in one
// transaction. Works on the caller's thread's connection (a QueryRunner worker in the console).

#include "core/access/actor.h"
#include "core/alerts/alertrepository.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::alerts {

struct AlertDetail {
    Alert alert;
    QList<AlertHistoryEntry> history;
    QList<AlertDelivery> deliveries;
};

class AlertService {
    Q_DECLARE_TR_FUNCTIONS(cd::alerts::AlertService)
public:
    explicit AlertService(const storage::Database &db, const Clock &clock = Clock::system());

    Expected<QList<Alert>> list(const AlertFilter &filter) const;
    Expected<AlertDetail> detail(qint64 alertId) const;
    Expected<int> countUnresolved() const;

    // open -> acknowledged. Refused when resolved; acknowledging twice is refused too.
    Expected<Alert> acknowledge(qint64 alertId, const access::Actor &actor, const QString &note);
    // Sets the assignee (empty: nobody). Refused when resolved.
    Expected<Alert> assign(qint64 alertId, const QString &assignee, const access::Actor &actor, const QString &note);
    // open | acknowledged -> resolved. A note is required: what was done.
    Expected<Alert> resolve(qint64 alertId, const access::Actor &actor, const QString &note);

private:
    template <typename Change>
    Expected<Alert> change(qint64 alertId, const QString &actor, const QString &action, const QString &note,
                           Change apply);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::alerts
