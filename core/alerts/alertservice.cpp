#include "core/alerts/alertservice.h"

#include "core/access/accessguard.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::alerts {

namespace {

QString stateJson(const Alert &a)
{
    const json j = {{"state", AlertText::stateName(a.state).toStdString()}, {"assignee", a.assignee.toStdString()}};
    return QString::fromStdString(j.dump());
}

}  // namespace

AlertService::AlertService(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<QList<Alert>> AlertService::list(const AlertFilter &filter) const
{
    return AlertRepository(m_db).list(filter);
}

Expected<AlertDetail> AlertService::detail(qint64 alertId) const
{
    AlertRepository repo(m_db);
    auto found = repo.find(alertId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no alert %1.").arg(alertId)};
    AlertDetail out;
    out.alert = **found;
    auto history = repo.history(alertId);
    if (!history)
        return history.error();
    out.history = *history;
    auto deliveries = repo.deliveriesOf(alertId);
    if (!deliveries)
        return deliveries.error();
    out.deliveries = *deliveries;
    return out;
}

Expected<int> AlertService::countUnresolved() const
{
    return AlertRepository(m_db).countUnresolved();
}

template <typename Change>
Expected<Alert> AlertService::change(qint64 alertId, const QString &actor, const QString &action, const QString &note,
                                     Change apply)
{
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who acts on the alert.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AlertRepository repo(m_db);
    auto found = repo.find(alertId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no alert %1.").arg(alertId)};
    Alert alert = **found;
    const Alert before = alert;
    const qint64 now = m_clock.nowMs();
    if (Status st = apply(alert, now); !st)
        return st.error();
    alert.updatedMs = now;
    if (Status st = repo.update(alert); !st)
        return st.error();
    AlertHistoryEntry h;
    h.alertId = alertId;
    h.atMs = now;
    h.actor = actor;
    h.action = action;
    h.fromState = AlertText::stateName(before.state);
    h.toState = AlertText::stateName(alert.state);
    h.note = note;
    if (action == u"assigned")
        h.note = note.isEmpty() ? alert.assignee : alert.assignee + u" · "_s + note;
    if (auto id = repo.appendHistory(h); !id)
        return id.error();
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.action = u"alert."_s + action;
    audit.entityType = u"alert"_s;
    audit.entityId = QString::number(alertId);
    audit.reason = note;
    audit.beforeState = stateJson(before);
    audit.afterState = stateJson(alert);
    if (auto id = storage::AuditLogRepository(m_db, m_clock).append(audit); !id)
        return id.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return alert;
}

Expected<Alert> AlertService::acknowledge(qint64 alertId, const access::Actor &who, const QString &note)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AlertsHandle); !allowed)
        return allowed.error();
    return change(alertId, actor, u"acknowledged"_s, note, [&actor](Alert &a, qint64 now) -> Status {
        if (a.state == AlertState::Resolved)
            return Error{ExitCode::Usage, tr("Alert %1 is already resolved.").arg(a.id)};
        if (a.state == AlertState::Acknowledged)
            return Error{ExitCode::Usage, tr("Alert %1 is already acknowledged.").arg(a.id)};
        a.state = AlertState::Acknowledged;
        a.acknowledgedMs = now;
        a.acknowledgedBy = actor;
        return {};
    });
}

Expected<Alert> AlertService::assign(qint64 alertId, const QString &assignee, const access::Actor &who, const QString &note)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AlertsHandle); !allowed)
        return allowed.error();
    const QString to = assignee.trimmed();
    return change(alertId, actor, u"assigned"_s, note, [&to](Alert &a, qint64) -> Status {
        if (a.state == AlertState::Resolved)
            return Error{ExitCode::Usage, tr("Alert %1 is already resolved.").arg(a.id)};
        if (to.size() > 200)
            return Error{ExitCode::Usage, tr("The assignee's name is too long.")};
        a.assignee = to;
        return {};
    });
}

Expected<Alert> AlertService::resolve(qint64 alertId, const access::Actor &who, const QString &note)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AlertsHandle); !allowed)
        return allowed.error();
    if (note.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say what was done: a note is required to resolve an alert.")};
    return change(alertId, actor, u"resolved"_s, note, [&actor](Alert &a, qint64 now) -> Status {
        if (a.state == AlertState::Resolved)
            return Error{ExitCode::Usage, tr("Alert %1 is already resolved.").arg(a.id)};
        a.state = AlertState::Resolved;
        a.resolvedMs = now;
        a.resolvedBy = actor;
        // An event is done with; a condition keeps its key until it clears, so it does not open
        // again while it still holds (AlertMonitor).
        if (!AlertText::isCondition(a.kind) || a.clearedMs || (a.kind == AlertKind::ChargingWithoutSession && a.sessionId))
            a.active = false;
        return {};
    });
}

}  // namespace cd::alerts
