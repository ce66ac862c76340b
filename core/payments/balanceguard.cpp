#include "core/payments/balanceguard.h"

#include "core/accounts/accountservice.h"
#include "core/commands/commandqueue.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace cd::payments {

using nlohmann::json;
using storage::Sql;

namespace {

const QString kAutoStopActor = QStringLiteral("system:auto-stop");
const QString kRegister = QStringLiteral("Energy.Active.Import.Register");

Expected<bool> hasEvent(const storage::Database &db, qint64 sessionId, const QString &kind)
{
    auto q = Sql::run(db.connection(), QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = ?"),
                      {sessionId, kind});
    if (!q)
        return q.error();
    return q->next() && q->value(0).toLongLong() > 0;
}

Status addEvent(const storage::Database &db, qint64 sessionId, qint64 nowMs, const QString &kind, const json &detail)
{
    storage::SessionEvent e;
    e.sessionId = sessionId;
    e.atMs = nowMs;
    e.kind = kind;
    e.detail = QString::fromStdString(detail.dump());
    if (auto added = storage::SessionRepository(db).addEvent(e); !added)
        return added.error();
    return {};
}

// The transaction id a stop command's payload names, as text (1.6 sends a number, 2.0.1 a string).
QString payloadTransaction(const QString &payload)
{
    const json p = json::parse(payload.toStdString(), nullptr, false);
    if (!p.is_object() || !p.contains("transactionId"))
        return {};
    const json &t = p["transactionId"];
    if (t.is_number_integer())
        return QString::number(t.get<qint64>());
    if (t.is_string())
        return QString::fromStdString(t.get<std::string>());
    return {};
}

bool accepted(const QString &result)
{
    const json r = json::parse(result.toStdString(), nullptr, false);
    return r.is_object() && r.value("status", std::string()) == "Accepted";
}

}  // namespace

qint64 remainingMinor(const BalanceSnapshot &s)
{
    return s.balanceMinor - s.sessionAmountMinor - s.otherSessionsMinor;
}

BalanceDecision decideAutoStop(const BalanceSnapshot &s)
{
    return remainingMinor(s) <= s.thresholdMinor ? BalanceDecision::Stop : BalanceDecision::Continue;
}

AutoStop::AutoStop(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<std::optional<qint64>> AutoStop::check(qint64 sessionId)
{
    auto found = storage::SessionRepository(m_db).find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("No session with the id %1.").arg(sessionId)};
    const storage::Session &s = **found;
    if (!storage::SessionRepository::runningStatuses().contains(s.status) || s.transactionId.isEmpty())
        return std::optional<qint64>();
    auto done = hasEvent(m_db, sessionId, QStringLiteral("auto_stop"));
    if (!done)
        return done.error();
    if (*done)
        return std::optional<qint64>();  // asked once already; StopNotHonoured watches the rest

    // A department card spends the department's pooled balance (its parent's while it bills to the
    // parent, zpd_case#18); otherwise the member's.
    const bool department = s.departmentId.has_value();
    if (!department && !s.memberId)
        return std::optional<qint64>();
    qint64 accountId = department ? *s.departmentId : *s.memberId;
    if (department) {
        auto paying = accounts::AccountService(m_db, m_clock).payingDepartment(*s.departmentId);
        if (!paying)
            return paying.error();
        accountId = *paying;
    }
    auto account = Sql::run(m_db.connection(),
                            department ? QStringLiteral("SELECT balance_minor, auto_stop_threshold_minor FROM departments WHERE id = ?")
                                       : QStringLiteral("SELECT balance_minor, auto_stop_threshold_minor FROM members WHERE id = ?"),
                            {accountId});
    if (!account)
        return account.error();
    if (!account->next())
        return std::optional<qint64>();
    BalanceSnapshot snapshot;
    snapshot.balanceMinor = account->value(0).toLongLong();
    snapshot.thresholdMinor = account->value(1).toLongLong();
    // An account with neither a balance nor a threshold has no balance protection set up (every
    // member starts so, and balances are not kept until accounts are): stopping its sessions at
    // the first meter value would stop every member. Noted for issue #6 (accounts, prepaid).
    if (snapshot.balanceMinor == 0 && snapshot.thresholdMinor == 0)
        return std::optional<qint64>();
    snapshot.sessionAmountMinor = s.amountMinor;
    account->finish();
    auto others = poolAmountMinor(department, accountId, s.id);
    if (!others)
        return others.error();
    snapshot.otherSessionsMinor = *others;
    if (decideAutoStop(snapshot) == BalanceDecision::Continue)
        return std::optional<qint64>();

    auto protocol = Sql::run(m_db.connection(), QStringLiteral("SELECT protocol FROM stations WHERE id = ?"), {s.stationId});
    if (!protocol)
        return protocol.error();
    const bool v201 = protocol->next() && protocol->value(0).toString().startsWith(u"ocpp2");
    commands::CommandRequest request;
    request.chargePointId = s.chargePointId;
    request.requestedBy = access::Actor::system(kAutoStopActor);  // the system's own stop
    request.reason = tr("Balance left %1, at or below the auto-stop threshold %2 (session %3)")
                         .arg(remainingMinor(snapshot))
                         .arg(snapshot.thresholdMinor)
                         .arg(s.sessionNumber);
    request.waitIfOffline = true;  // the stop goes out as soon as the station is back
    if (v201) {
        request.action = QStringLiteral("RequestStopTransaction");
        request.payload = {{"transactionId", s.transactionId.toStdString()}};
    } else {
        bool ok = false;
        const qint64 tx = s.transactionId.toLongLong(&ok);
        if (!ok)
            return Error{ExitCode::Failure, tr("Session %1 has no numeric transaction id to stop.").arg(s.sessionNumber)};
        request.action = QStringLiteral("RemoteStopTransaction");
        request.payload = {{"transactionId", tx}};
    }
    // Done reading: an open statement would keep this connection's read snapshot, and a write on
    // a snapshot older than another connection's commit waits for a lock it can never get (WAL).
    account->finish();
    protocol->finish();
    auto commandId = commands::CommandQueue(m_db, m_clock).submit(request);
    if (!commandId)
        return commandId.error();
    if (Status st = addEvent(m_db, sessionId, m_clock.nowMs(), QStringLiteral("auto_stop"),
                             {{"commandId", *commandId},
                              {"account", department ? "department" : "member"},
                              {"balanceMinor", snapshot.balanceMinor},
                              {"sessionAmountMinor", snapshot.sessionAmountMinor},
                              {"otherSessionsMinor", snapshot.otherSessionsMinor},
                              {"remainingMinor", remainingMinor(snapshot)},
                              {"thresholdMinor", snapshot.thresholdMinor}});
        !st)
        return st.error();
    return std::optional<qint64>(*commandId);
}

Expected<qint64> AutoStop::poolAmountMinor(bool department, qint64 accountId, qint64 exceptSessionId) const
{
    QVariantList values;
    QString who;
    if (department) {
        // The departments this one pays for: itself, then children billing to their parent, level by level.
        QList<qint64> paid{accountId};
        QList<qint64> level{accountId};
        for (int depth = 0; depth < 64 && !level.isEmpty(); ++depth) {
            QStringList marks;
            QVariantList ids;
            for (qint64 id : std::as_const(level)) {
                marks << QStringLiteral("?");
                ids << id;
            }
            auto children = Sql::run(m_db.connection(),
                                     QStringLiteral("SELECT id FROM departments WHERE bill_to_parent <> 0 AND parent_id IN (%1)")
                                         .arg(marks.join(u',')),
                                     ids);
            if (!children)
                return children.error();
            level.clear();
            while (children->next()) {
                const qint64 id = children->value(0).toLongLong();
                if (!paid.contains(id)) {
                    paid << id;
                    level << id;
                }
            }
        }
        QStringList marks;
        for (qint64 id : std::as_const(paid)) {
            marks << QStringLiteral("?");
            values << id;
        }
        who = QStringLiteral("department_id IN (%1)").arg(marks.join(u','));
    } else {
        who = QStringLiteral("member_id = ? AND department_id IS NULL");
        values << accountId;
    }
    QStringList running;
    for (const QString &status : storage::SessionRepository::runningStatuses()) {
        running << QStringLiteral("?");
        values << status;
    }
    values << exceptSessionId;
    auto sum = Sql::run(m_db.connection(),
                        QStringLiteral("SELECT COALESCE(SUM(amount_minor), 0) FROM sessions WHERE %1 AND hold_status = 'none' "
                                       "AND stop_source = '' AND status IN (%2) AND id <> ?")
                            .arg(who, running.join(u',')),
                        values);
    if (!sum)
        return sum.error();
    return sum->next() ? sum->value(0).toLongLong() : qint64(0);
}

StopNotHonoured::StopNotHonoured(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<bool> StopNotHonoured::check(qint64 sessionId, qint64 graceMs, qint64 toleranceWh)
{
    auto found = storage::SessionRepository(m_db).find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("No session with the id %1.").arg(sessionId)};
    const storage::Session &s = **found;
    if (s.transactionId.isEmpty())
        return false;
    auto known = hasEvent(m_db, sessionId, QStringLiteral("stop_not_honoured"));
    if (!known)
        return known.error();
    if (*known)
        return true;

    auto stops = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT id, payload, result, completed_ms FROM commands WHERE charge_point_id = ? "
                                         "AND action IN ('RemoteStopTransaction', 'RequestStopTransaction') "
                                         "AND state = 'succeeded' AND completed_ms IS NOT NULL ORDER BY completed_ms, id"),
                          {s.chargePointId});
    if (!stops)
        return stops.error();
    std::optional<std::pair<qint64, qint64>> stop;  // command id, accepted at
    while (stops->next()) {
        if (payloadTransaction(stops->value(1).toString()) == s.transactionId && accepted(stops->value(2).toString())) {
            stop = {stops->value(0).toLongLong(), stops->value(3).toLongLong()};
            break;
        }
    }
    if (!stop)
        return false;

    auto before = Sql::run(m_db.connection(),
                           QStringLiteral("SELECT value_milli FROM meter_samples WHERE session_id = ? AND measurand = ? AND phase = '' "
                                          "AND received_ms <= ? ORDER BY received_ms DESC, id DESC LIMIT 1"),
                           {sessionId, kRegister, stop->second});
    if (!before)
        return before.error();
    if (!before->next())
        return false;  // no reading at the stop: nothing to compare with
    const qint64 atStopWh = before->value(0).toLongLong() / 1000;
    auto after = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT MAX(value_milli) FROM meter_samples WHERE session_id = ? AND measurand = ? "
                                         "AND phase = '' AND received_ms > ?"),
                          {sessionId, kRegister, stop->second + graceMs});
    if (!after)
        return after.error();
    if (!after->next() || after->isNull(0))
        return false;
    const qint64 nowWh = after->value(0).toLongLong() / 1000;
    if (nowWh - atStopWh <= toleranceWh)
        return false;
    stops->finish();  // no open statement (read snapshot) under the write below
    before->finish();
    after->finish();
    if (Status st = addEvent(m_db, sessionId, m_clock.nowMs(), QStringLiteral("stop_not_honoured"),
                             {{"commandId", stop->first},
                              {"acceptedMs", stop->second},
                              {"energyAtStopWh", atStopWh},
                              {"energyNowWh", nowWh},
                              {"risenWh", nowWh - atStopWh}});
        !st)
        return st.error();
    return true;
}

}  // namespace cd::payments
