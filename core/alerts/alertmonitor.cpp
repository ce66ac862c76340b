#include "core/alerts/alertmonitor.h"

#include "core/alerts/alertrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::alerts {

Q_LOGGING_CATEGORY(lcAlerts, "chargedesk.alerts")

using storage::Sql;
using storage::fetchAll;
using storage::firstOf;
using storage::optionalInt64;
using storage::statusOf;

namespace {

constexpr int kBatch = 2000;
constexpr qsizetype kMaxRememberedRegisters = 50000;
const QString kRegister = u"Energy.Active.Import.Register"_s;
const QString kSessionEventsMark = u"session_events.id"_s;
const QString kMeterSamplesMark = u"meter_samples.id"_s;
const QString kCommandsMark = u"commands.completed_ms"_s;

QString text(const json &value)
{
    return QString::fromStdString(value.dump());
}

std::optional<int> optionalIntAt(const QSqlQuery &q, int column)
{
    return q.isNull(column) ? std::nullopt : std::optional<int>(q.value(column).toInt());
}

json orNull(const std::optional<qint64> &value)
{
    return value ? json(*value) : json(nullptr);
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// A remote start that did not start: the call failed or expired, or the station said no.
bool startFailed(const QString &state, const QString &result, QString *why)
{
    if (state == u"failed" || state == u"expired") {
        const json r = json::parse(result.toStdString(), nullptr, false);
        *why = r.is_object() && r.contains("code") && r["code"].is_string() ? QString::fromStdString(r["code"].get<std::string>())
                                                                              : state;
        return true;
    }
    if (state != u"succeeded")
        return false;
    const json r = json::parse(result.toStdString(), nullptr, false);
    if (!r.is_object() || !r.contains("status") || !r["status"].is_string())
        return false;
    const QString status = QString::fromStdString(r["status"].get<std::string>());
    *why = status;
    return status != u"Accepted";
}

std::optional<int> startConnector(const QString &payload)
{
    const json p = json::parse(payload.toStdString(), nullptr, false);
    if (!p.is_object())
        return std::nullopt;
    for (const char *field : {"connectorId", "evseId"}) {
        if (p.contains(field) && p[field].is_number_integer())
            return p[field].get<int>();
    }
    return std::nullopt;
}

}  // namespace

struct AlertMonitor::Pass {
    AlertRepository &repo;
    qint64 now = 0;
    MonitorPass result;
    QSet<QString> chargingWithoutSession;  // connector keys where the condition holds now
};

AlertMonitor::AlertMonitor(std::shared_ptr<storage::Database> db, AlertSettings settings, int heartbeatIntervalSeconds,
                           const Clock &clock, QObject *parent)
    : QObject(parent),
      m_db(std::move(db)),
      m_settings(std::move(settings)),
      m_heartbeatIntervalSeconds(qMax(1, heartbeatIntervalSeconds)),
      m_clock(clock)
{
    m_timer.setInterval(qMax(1, m_settings.rules.evaluateIntervalSeconds) * 1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        auto pass = evaluate();
        if (!pass)
            qCWarning(lcAlerts) << "alert evaluation failed:" << pass.error().message;
    });
}

AlertMonitor::~AlertMonitor() = default;

void AlertMonitor::start()
{
    m_timer.start();
    QTimer::singleShot(0, this, [this] {
        if (auto pass = evaluate(); !pass)
            qCWarning(lcAlerts) << "alert evaluation failed:" << pass.error().message;
    });
}

void AlertMonitor::stop()
{
    m_timer.stop();
}

Expected<MonitorPass> AlertMonitor::evaluate()
{
    AlertRepository repo(*m_db);
    Pass pass{repo, m_clock.nowMs(), {}, {}};
    storage::Transaction transaction(m_db->connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    if (m_db->dialect().isPostgres()) {
        // Several server processes on one database: one pass at a time (the others skip this
        // round), so an occurrence is never counted twice. SQLCipher: BEGIN IMMEDIATE already is.
        auto locked = Sql::run(m_db->connection(), u"SELECT pg_try_advisory_xact_lock(1128549444)"_s);  // "CDAL"
        if (!locked)
            return locked.error();
        if (!locked->next() || !locked->value(0).toBool())
            return pass.result;
    }
    for (auto rule : {&AlertMonitor::stationRules, &AlertMonitor::connectorRules, &AlertMonitor::sessionEventRules,
                      &AlertMonitor::commandRules, &AlertMonitor::meterRules, &AlertMonitor::sessionBoundConditions}) {
        if (Status st = (this->*rule)(pass); !st) {
            m_lastRegister.clear();  // rolled back: the readings will be read again
            return st.error();
        }
    }
    if (Status st = transaction.commit(); !st) {
        m_lastRegister.clear();
        return st.error();
    }
    if (!pass.result.opened.isEmpty()) {
        qCInfo(lcAlerts) << "opened alerts" << pass.result.opened;
        Q_EMIT alertsOpened(pass.result.opened);
    }
    return pass.result;
}

Status AlertMonitor::history(AlertRepository &repo, qint64 alertId, const QString &action, const QString &from,
                             const QString &to, const QString &note)
{
    AlertHistoryEntry h;
    h.alertId = alertId;
    h.atMs = m_clock.nowMs();
    h.actor = systemActor();
    h.action = action;
    h.fromState = from;
    h.toState = to;
    h.note = note;
    auto id = repo.appendHistory(h);
    if (!id)
        return id.error();
    return {};
}

Status AlertMonitor::raise(Pass &pass, AlertKind kind, const Subject &subject, const QString &details)
{
    const QString key = Alert::makeKey(kind, subject.stationId, subject.connectorId, subject.sessionId);
    auto existing = pass.repo.findActive(key);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        if (AlertText::isCondition(kind))
            return {};  // still holds: nothing new to say
        Alert alert = **existing;
        alert.occurrences += 1;
        alert.lastSeenMs = pass.now;
        alert.details = details;
        alert.updatedMs = pass.now;
        if (Status st = pass.repo.update(alert); !st)
            return st;
        pass.result.seenAgain += 1;
        const QString state = AlertText::stateName(alert.state);
        return history(pass.repo, alert.id, u"seen_again"_s, state, state);
    }

    Alert alert;
    alert.kind = kind;
    alert.dedupeKey = key;
    alert.stationId = subject.stationId;
    alert.chargePointId = subject.chargePointId;
    alert.connectorId = subject.connectorId;
    alert.sessionId = subject.sessionId;
    alert.openedMs = pass.now;
    alert.lastSeenMs = pass.now;
    alert.details = details;
    alert.updatedMs = pass.now;
    auto id = pass.repo.insert(alert);
    if (!id)
        return id.error();
    if (Status st = history(pass.repo, *id, u"opened"_s, QString(), AlertText::stateName(AlertState::Open)); !st)
        return st;
    const AlertDeliverySettings &d = m_settings.delivery;
    auto deliver = [&](const QString &channel, const QString &target) -> Status {
        AlertDelivery delivery;
        delivery.alertId = *id;
        delivery.channel = channel;
        delivery.target = target;
        delivery.nextAttemptMs = pass.now;
        delivery.createdMs = pass.now;
        auto inserted = pass.repo.insertDelivery(delivery);
        if (!inserted)
            return inserted.error();
        return {};
    };
    if (d.emailEnabled) {
        if (Status st = deliver(u"email"_s, d.mailTo.join(u", "_s)); !st)
            return st;
    }
    if (d.webhookEnabled) {
        if (Status st = deliver(u"webhook"_s, d.webhookUrl.toString()); !st)
            return st;
    }
    pass.result.opened.append(*id);
    return {};
}

Status AlertMonitor::clear(Pass &pass, Alert alert)
{
    const QString from = AlertText::stateName(alert.state);
    alert.active = false;
    alert.clearedMs = pass.now;
    alert.updatedMs = pass.now;
    if (alert.state != AlertState::Resolved) {
        alert.state = AlertState::Resolved;
        alert.resolvedMs = pass.now;
        alert.resolvedBy = systemActor();
    }
    if (Status st = pass.repo.update(alert); !st)
        return st;
    pass.result.cleared += 1;
    return history(pass.repo, alert.id, u"cleared"_s, from, AlertText::stateName(alert.state));
}

Status AlertMonitor::clearUnless(Pass &pass, AlertKind kind, const QSet<QString> &holding)
{
    auto active = pass.repo.activeOfKind(kind);
    if (!active)
        return active.error();
    for (const Alert &alert : *active) {
        if (holding.contains(alert.dedupeKey))
            continue;
        if (Status st = clear(pass, alert); !st)
            return st;
    }
    return {};
}

Status AlertMonitor::stationRules(Pass &pass)
{
    auto q = Sql::run(m_db->connection(),
                      u"SELECT id, charge_point_id, connected_since_ms, disconnected_ms, last_heartbeat_ms "
                      "FROM stations WHERE hidden = 0"_s);
    if (!q)
        return q.error();
    struct Row {
        Subject subject;
        std::optional<qint64> connectedMs, disconnectedMs, heartbeatMs;
    };
    QList<Row> rows;
    while (q->next()) {
        Row r;
        r.subject.stationId = q->value(0).toLongLong();
        r.subject.chargePointId = q->value(1).toString();
        r.connectedMs = optionalInt64(*q, 2);
        r.disconnectedMs = optionalInt64(*q, 3);
        r.heartbeatMs = optionalInt64(*q, 4);
        rows.append(r);
    }
    const qint64 offlineAfterMs = qint64(m_settings.rules.offlineAfterSeconds) * 1000;
    const qint64 staleAfterMs = qint64(m_settings.rules.heartbeatStaleFactor) * m_heartbeatIntervalSeconds * 1000;
    QSet<QString> offline, stale;
    for (const Row &r : rows) {
        if (!r.connectedMs) {
            const QString key = Alert::makeKey(AlertKind::StationOffline, r.subject.stationId, std::nullopt);
            offline.insert(key);
            if (r.disconnectedMs && pass.now - *r.disconnectedMs >= offlineAfterMs) {
                const json details = {{"disconnectedMs", *r.disconnectedMs}, {"lastHeartbeatMs", orNull(r.heartbeatMs)}};
                if (Status st = raise(pass, AlertKind::StationOffline, r.subject, text(details)); !st)
                    return st;
            }
            continue;
        }
        const qint64 lastSign = std::max(*r.connectedMs, r.heartbeatMs.value_or(0));
        if (pass.now - lastSign > staleAfterMs) {
            stale.insert(Alert::makeKey(AlertKind::HeartbeatStale, r.subject.stationId, std::nullopt));
            const json details = {{"lastHeartbeatMs", orNull(r.heartbeatMs)},
                                  {"connectedMs", *r.connectedMs},
                                  {"intervalSeconds", m_heartbeatIntervalSeconds},
                                  {"factor", m_settings.rules.heartbeatStaleFactor}};
            if (Status st = raise(pass, AlertKind::HeartbeatStale, r.subject, text(details)); !st)
                return st;
        }
    }
    if (Status st = clearUnless(pass, AlertKind::StationOffline, offline); !st)
        return st;
    return clearUnless(pass, AlertKind::HeartbeatStale, stale);
}

Status AlertMonitor::connectorRules(Pass &pass)
{
    auto q = Sql::run(m_db->connection(),
                      u"SELECT c.station_id, st.charge_point_id, c.evse_id, c.connector_id, c.status, c.error_code, "
                      "c.vendor_error, COALESCE(c.status_received_ms, c.status_at_ms), st.connected_since_ms "
                      "FROM connectors c JOIN stations st ON st.id = c.station_id "
                      "WHERE st.hidden = 0 AND c.status IN ('Faulted', 'Charging') ORDER BY c.station_id, c.evse_id"_s);
    if (!q)
        return q.error();
    struct Row {
        Subject subject;
        int ocppConnector = 0;
        QString status, errorCode, vendorError;
        std::optional<qint64> sinceMs;
        bool online = false;
    };
    QList<Row> rows;
    while (q->next()) {
        Row r;
        r.subject.stationId = q->value(0).toLongLong();
        r.subject.chargePointId = q->value(1).toString();
        r.subject.connectorId = q->value(2).toInt();
        r.ocppConnector = q->value(3).toInt();
        r.status = q->value(4).toString();
        r.errorCode = q->value(5).toString();
        r.vendorError = q->value(6).toString();
        r.sinceMs = optionalInt64(*q, 7);
        r.online = !q->isNull(8);
        rows.append(r);
    }
    const QStringList open = storage::SessionRepository::openStatuses();
    const qint64 graceMs = qint64(m_settings.rules.chargingWithoutSessionSeconds) * 1000;
    QSet<QString> faulted;
    for (const Row &r : rows) {
        if (r.status == u"Faulted") {
            faulted.insert(Alert::makeKey(AlertKind::ConnectorFaulted, r.subject.stationId, r.subject.connectorId));
            const json details = {{"errorCode", utf8(r.errorCode)},
                                  {"vendorError", utf8(r.vendorError)},
                                  {"sinceMs", orNull(r.sinceMs)}};
            if (Status st = raise(pass, AlertKind::ConnectorFaulted, r.subject, text(details)); !st)
                return st;
            continue;
        }
        // Charging (OCPP 1.6 reports it; 2.0.1 stations always open a transaction, see the session
        // events): is there an open session on this connector?
        if (!r.online)
            continue;
        QVariantList values{*r.subject.stationId, r.ocppConnector};
        for (const QString &status : open)
            values << status;
        auto sessions = Sql::run(m_db->connection(),
                                 u"SELECT COUNT(*) FROM sessions WHERE station_id = ? AND connector_id = ? AND status IN "_s
                                     + u'(' + Sql::placeholders(open.size()) + u')',
                                 values);
        if (!sessions)
            return sessions.error();
        if (sessions->next() && sessions->value(0).toInt() > 0)
            continue;
        const QString key = Alert::makeKey(AlertKind::ChargingWithoutSession, r.subject.stationId, r.subject.connectorId);
        pass.chargingWithoutSession.insert(key);
        if (r.sinceMs && pass.now - *r.sinceMs < graceMs)
            continue;
        const json details = {{"source", "connector_status"}, {"sinceMs", orNull(r.sinceMs)}};
        if (Status st = raise(pass, AlertKind::ChargingWithoutSession, r.subject, text(details)); !st)
            return st;
    }
    return clearUnless(pass, AlertKind::ConnectorFaulted, faulted);
}

Expected<std::optional<qint64>> AlertMonitor::idWatermark(Pass &pass, const QString &mark, const QString &table)
{
    auto current = pass.repo.watermark(mark);
    if (!current || current->has_value())
        return current;
    // First pass on this database: start at the table's newest row (`table` is one of ours, never input).
    auto newest = Sql::run(m_db->connection(), u"SELECT COALESCE(MAX(id), 0) FROM "_s + table);
    if (!newest)
        return newest.error();
    if (Status st = pass.repo.setWatermark(mark, newest->next() ? newest->value(0).toLongLong() : 0, pass.now); !st)
        return st.error();
    return std::optional<qint64>();
}

Status AlertMonitor::sessionEventRules(Pass &pass)
{
    auto mark = idWatermark(pass, kSessionEventsMark, u"session_events"_s);
    if (!mark)
        return mark.error();
    if (!mark->has_value())
        return {};
    const qint64 from = **mark;
    auto q = Sql::run(m_db->connection(),
                      u"SELECT e.id, e.session_id, e.kind, e.detail, s.station_id, st.charge_point_id, "
                      "COALESCE(s.evse_id, s.connector_id), s.session_number FROM session_events e "
                      "JOIN sessions s ON s.id = e.session_id JOIN stations st ON st.id = s.station_id "
                      "WHERE e.id > ? AND e.kind IN ('start_not_authorized', 'stop_not_honoured', 'status') "
                      "ORDER BY e.id LIMIT ?"_s,
                      {from, kBatch});
    if (!q)
        return q.error();
    struct Row {
        qint64 id = 0;
        Subject subject;
        QString kind, detail, sessionNumber;
    };
    QList<Row> rows;
    while (q->next()) {
        Row r;
        r.id = q->value(0).toLongLong();
        r.subject.sessionId = q->value(1).toLongLong();
        r.kind = q->value(2).toString();
        r.detail = q->value(3).toString();
        r.subject.stationId = q->value(4).toLongLong();
        r.subject.chargePointId = q->value(5).toString();
        r.subject.connectorId = optionalIntAt(*q, 6);
        r.sessionNumber = q->value(7).toString();
        rows.append(r);
    }
    qint64 top = from;
    for (const Row &r : rows) {
        top = std::max(top, r.id);
        const json detail = json::parse(r.detail.toStdString(), nullptr, false);
        json details = {{"sessionNumber", utf8(r.sessionNumber)}, {"eventId", r.id}};
        if (detail.is_object())
            details["event"] = detail;
        if (r.kind == u"start_not_authorized") {
            details["source"] = "start_not_authorized";
            if (Status st = raise(pass, AlertKind::ChargingWithoutSession, r.subject, text(details)); !st)
                return st;
        } else if (r.kind == u"stop_not_honoured") {
            if (Status st = raise(pass, AlertKind::StopNotHonoured, r.subject, text(details)); !st)
                return st;
        } else if (detail.is_object() && detail.contains("to") && detail["to"].is_string()) {
            const std::string to = detail["to"].get<std::string>();
            if (to != "failed" && to != "failed_hold")
                continue;
            // Failed starts are counted per connector, not per session.
            Subject connector = r.subject;
            connector.sessionId.reset();
            details["source"] = "session_failed";
            if (Status st = raise(pass, AlertKind::FailedStart, connector, text(details)); !st)
                return st;
        }
    }
    if (top != from)
        return pass.repo.setWatermark(kSessionEventsMark, top, pass.now);
    return {};
}

Status AlertMonitor::commandRules(Pass &pass)
{
    auto mark = pass.repo.watermark(kCommandsMark);
    if (!mark)
        return mark.error();
    if (!mark->has_value())
        return pass.repo.setWatermark(kCommandsMark, pass.now, pass.now);
    const qint64 from = **mark;
    auto q = Sql::run(m_db->connection(),
                      u"SELECT c.id, COALESCE(c.station_id, (SELECT s.id FROM stations s WHERE s.charge_point_id = "
                      "c.charge_point_id)), c.charge_point_id, c.payload, c.state, COALESCE(c.result, ''), c.completed_ms, "
                      "c.requested_by FROM commands c WHERE c.action IN ('RemoteStartTransaction', 'RequestStartTransaction') "
                      "AND c.completed_ms IS NOT NULL AND c.completed_ms > ? ORDER BY c.completed_ms, c.id LIMIT ?"_s,
                      {from, kBatch});
    if (!q)
        return q.error();
    struct Row {
        qint64 id = 0;
        Subject subject;
        QString payload, state, result, requestedBy;
        qint64 completedMs = 0;
    };
    QList<Row> rows;
    while (q->next()) {
        Row r;
        r.id = q->value(0).toLongLong();
        r.subject.stationId = optionalInt64(*q, 1);
        r.subject.chargePointId = q->value(2).toString();
        r.payload = q->value(3).toString();
        r.state = q->value(4).toString();
        r.result = q->value(5).toString();
        r.completedMs = q->value(6).toLongLong();
        r.requestedBy = q->value(7).toString();
        rows.append(r);
    }
    qint64 top = from;
    for (Row &r : rows) {
        top = std::max(top, r.completedMs);
        QString why;
        if (!startFailed(r.state, r.result, &why))
            continue;
        r.subject.connectorId = startConnector(r.payload);
        const json details = {{"source", "remote_start"}, {"commandId", r.id}, {"answer", utf8(why)},
                              {"requestedBy", utf8(r.requestedBy)}};
        if (Status st = raise(pass, AlertKind::FailedStart, r.subject, text(details)); !st)
            return st;
    }
    if (top != from)
        return pass.repo.setWatermark(kCommandsMark, top, pass.now);
    return {};
}

Status AlertMonitor::meterRules(Pass &pass)
{
    auto mark = idWatermark(pass, kMeterSamplesMark, u"meter_samples"_s);
    if (!mark)
        return mark.error();
    if (!mark->has_value())
        return {};
    const qint64 from = **mark;
    auto q = Sql::run(m_db->connection(),
                      u"SELECT m.id, m.station_id, COALESCE(m.evse_id, m.connector_id), m.connector_id, m.session_id, "
                      "m.station_at_ms, m.value_milli, st.charge_point_id FROM meter_samples m "
                      "JOIN stations st ON st.id = m.station_id WHERE m.id > ? AND m.measurand = ? AND m.phase = '' "
                      "AND m.location IN ('', 'Outlet') ORDER BY m.id LIMIT ?"_s,
                      {from, kRegister, kBatch});
    if (!q)
        return q.error();
    struct Row {
        qint64 id = 0;
        Subject subject;
        std::optional<int> ocppConnector;
        qint64 stationAtMs = 0;
        qint64 valueMilli = 0;
    };
    QList<Row> rows;
    while (q->next()) {
        Row r;
        r.id = q->value(0).toLongLong();
        r.subject.stationId = q->value(1).toLongLong();
        r.subject.connectorId = optionalIntAt(*q, 2);
        r.ocppConnector = optionalIntAt(*q, 3);
        r.subject.sessionId = optionalInt64(*q, 4);
        r.stationAtMs = q->value(5).toLongLong();
        r.valueMilli = q->value(6).toLongLong();
        r.subject.chargePointId = q->value(7).toString();
        rows.append(r);
    }
    if (m_lastRegister.size() > kMaxRememberedRegisters)
        m_lastRegister.clear();
    qint64 top = from;
    for (const Row &r : rows) {
        top = std::max(top, r.id);
        const QString series = r.subject.sessionId
                                   ? QString(u"s"_s + QString::number(*r.subject.sessionId))
                                   : QString(u"c"_s + QString::number(*r.subject.stationId) + u':'
                                             + QString::number(r.ocppConnector.value_or(-1)));
        auto previous = m_lastRegister.constFind(series);
        std::optional<std::pair<qint64, qint64>> before;
        if (previous != m_lastRegister.constEnd()) {
            before = *previous;
        } else {
            auto p = r.subject.sessionId
                         ? Sql::run(m_db->connection(),
                                    u"SELECT value_milli, station_at_ms FROM meter_samples WHERE session_id = ? "
                                    "AND measurand = ? AND phase = '' AND location IN ('', 'Outlet') AND id < ? "
                                    "ORDER BY station_at_ms DESC, id DESC LIMIT 1"_s,
                                    {*r.subject.sessionId, kRegister, r.id})
                         : Sql::run(m_db->connection(),
                                    u"SELECT value_milli, station_at_ms FROM meter_samples WHERE station_id = ? "
                                    "AND session_id IS NULL AND connector_id = ? AND measurand = ? AND phase = '' "
                                    "AND location IN ('', 'Outlet') AND id < ? ORDER BY station_at_ms DESC, id DESC LIMIT 1"_s,
                                    {*r.subject.stationId, r.ocppConnector.value_or(-1), kRegister, r.id});
            if (!p)
                return p.error();
            if (p->next())
                before = std::pair<qint64, qint64>(p->value(0).toLongLong(), p->value(1).toLongLong());
        }
        if (before && r.stationAtMs < before->second)
            continue;  // a late reading from the station's queue: compare only forward in time
        m_lastRegister.insert(series, {r.valueMilli, r.stationAtMs});
        if (!before)
            continue;
        const qint64 deltaWh = (r.valueMilli - before->first) / 1000;
        std::optional<AlertKind> kind;
        if (r.valueMilli < before->first)
            kind = AlertKind::MeterReset;
        else if (deltaWh > m_settings.rules.meterJumpWh)
            kind = AlertKind::MeterJump;
        if (!kind)
            continue;
        const json details = {{"beforeWh", before->first / 1000}, {"afterWh", r.valueMilli / 1000},
                              {"deltaWh", deltaWh}, {"beforeAtMs", before->second}, {"afterAtMs", r.stationAtMs},
                              {"sampleId", r.id}, {"thresholdWh", m_settings.rules.meterJumpWh}};
        if (Status st = raise(pass, *kind, r.subject, text(details)); !st)
            return st;
    }
    if (top != from)
        return pass.repo.setWatermark(kMeterSamplesMark, top, pass.now);
    return {};
}

Status AlertMonitor::sessionBoundConditions(Pass &pass)
{
    // A connector charging without any session holds while connectorRules saw it. The session-bound
    // ones (a start the station made without authorisation) stay until an operator resolves them:
    // the energy went out either way.
    auto active = pass.repo.activeOfKind(AlertKind::ChargingWithoutSession);
    if (!active)
        return active.error();
    for (const Alert &alert : *active) {
        if (alert.sessionId || pass.chargingWithoutSession.contains(alert.dedupeKey))
            continue;
        if (Status st = clear(pass, alert); !st)
            return st;
    }
    return {};
}

}  // namespace cd::alerts
