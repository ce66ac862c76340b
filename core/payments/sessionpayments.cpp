#include "core/payments/sessionpayments.h"

#include "core/billing/settlement.h"
#include "core/charging/chargingtypes.h"
#include "core/payments/balanceguard.h"
#include "core/sessions/sessionpricing.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>
#include <QTimer>

#include <nlohmann/json.hpp>

namespace cd::payments {

Q_LOGGING_CATEGORY(lcSessionPayments, "chargedesk.payments.sessions")

using nlohmann::json;
using storage::Session;

namespace {

const QString kActor = QStringLiteral("system:payments");

std::string utf8(const QString &s)
{
    return s.toStdString();
}

QString dump(const json &j)
{
    return QString::fromStdString(j.dump());
}

bool isStatus(const Session &s, charging::SessionStatus status)
{
    return s.status == charging::sessionStatusName(status);
}

// The hold money calls of the session go to: the newest one still open, else the newest.
std::optional<PaymentHold> currentHold(const QList<PaymentHold> &holds)
{
    for (auto it = holds.crbegin(); it != holds.crend(); ++it) {
        if (!isFinal(it->status))
            return *it;
    }
    if (!holds.isEmpty())
        return holds.constLast();
    return std::nullopt;
}

}  // namespace

SessionPayments::SessionPayments(const storage::Database &db, SessionPaymentOptions options,
                                 const sessions::SessionPricing *pricing, const Clock &clock, QObject *parent)
    : QObject(parent),
      m_db(db),
      m_options(std::move(options)),
      m_pricing(pricing),
      m_clock(clock),
      m_defaultMode(billing::defaultSettlementMode())
{
}

SessionPayments::~SessionPayments() = default;

void SessionPayments::setHoldService(HoldService *holds)
{
    if (m_holds)
        disconnect(m_holds, nullptr, this, nullptr);
    m_holds = holds;
    if (!m_holds)
        return;
    connect(m_holds, &HoldService::holdChanged, this, &SessionPayments::onHoldChanged);
    connect(m_holds, &HoldService::callFinished, this,
            [this](qint64, qint64 holdId, const GatewayResult &) { onHoldChanged(holdId); });
    // What waited for the gateway goes first, then whatever the journal still owes.
    const QSet<qint64> waiting = std::exchange(m_waiting, {});
    for (qint64 sessionId : waiting)
        (void)process(sessionId, false);
    if (m_sweepTimer)
        (void)sweep();
}

void SessionPayments::start()
{
    if (!m_sweepTimer && m_options.sweepInterval.count() > 0) {
        m_sweepTimer = new QTimer(this);
        m_sweepTimer->setInterval(m_options.sweepInterval);
        connect(m_sweepTimer, &QTimer::timeout, this, [this] { (void)sweep(); });
        m_sweepTimer->start();
    } else if (!m_sweepTimer) {
        m_sweepTimer = new QTimer(this);  // never started: marks start() as done
    }
    if (m_holds)
        (void)sweep();
}

void SessionPayments::sessionCommitted(const charging::SessionNotice &notice)
{
    const bool meter = notice.action == u"MeterValues";
    QMutexLocker locker(&m_mutex);
    const auto it = m_dirty.find(notice.sessionId);
    if (it == m_dirty.end())
        m_dirty.insert(notice.sessionId, meter);
    else
        *it = *it && meter;
    if (m_flushPosted)
        return;
    m_flushPosted = true;
    QMetaObject::invokeMethod(this, &SessionPayments::flush, Qt::QueuedConnection);
}

void SessionPayments::flush()
{
    QHash<qint64, bool> dirty;
    {
        QMutexLocker locker(&m_mutex);
        dirty.swap(m_dirty);
        m_flushPosted = false;
    }
    const qint64 now = m_clock.nowMs();
    for (auto it = dirty.cbegin(); it != dirty.cend(); ++it) {
        if (it.value()) {
            // Meter values only: nothing about the hold changes; only the guards may be due.
            const auto last = m_lastGuardMs.constFind(it.key());
            if (last != m_lastGuardMs.cend() && now - *last < m_options.guardInterval.count())
                continue;
        }
        (void)process(it.key(), true);
    }
}

void SessionPayments::onHoldChanged(qint64 holdId)
{
    auto hold = HoldRepository(m_db).findHold(holdId);
    if (!hold || !hold->has_value() || !(**hold).sessionId)
        return;
    (void)process(*(**hold).sessionId, false);
}

Status SessionPayments::process(qint64 sessionId, bool guard)
{
    const Status status = [&]() -> Status {
        auto found = storage::SessionRepository(m_db).find(sessionId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return {};
        const Session &s = **found;
        std::optional<PaymentHold> hold;
        if (s.holdStatus != u"none") {
            auto holds = HoldRepository(m_db).holdsOfSession(sessionId);
            if (!holds)
                return holds.error();
            hold = currentHold(*holds);
        }
        const bool closed = !s.stopSource.isEmpty();
        if (!closed) {
            const bool running = storage::SessionRepository::runningStatuses().contains(s.status) && !s.transactionId.isEmpty();
            if (!running)
                return {};
            if (!hold && m_options.holdAmountMinor > 0 && s.startAuthStatus == u"Accepted") {
                if (Status st = placeHold(s); !st)
                    return st;
            }
            if (guard) {
                const qint64 now = m_clock.nowMs();
                const auto last = m_lastGuardMs.constFind(sessionId);
                if (last == m_lastGuardMs.cend() || now - *last >= m_options.guardInterval.count()) {
                    m_lastGuardMs.insert(sessionId, now);
                    return runGuards(s);
                }
            }
            return {};
        }
        m_lastGuardMs.remove(sessionId);
        if (!hold)
            return {};
        if (!isFinal(hold->status))
            return settle(s, *hold);
        return finishSession(s, *hold);
    }();
    if (!status) {
        qCWarning(lcSessionPayments) << "session" << sessionId << status.error().message;
        emit failed(sessionId, status.error().message);
        return status;
    }
    emit processed(sessionId);
    return {};
}

Status SessionPayments::placeHold(const Session &s)
{
    if (!m_holds) {
        m_waiting.insert(s.id);
        return {};
    }
    QString currency = m_options.holdCurrency;
    if (m_pricing) {
        auto quote = m_pricing->quote(s, 0);
        if (!quote)
            return quote.error();
        if (quote->has_value() && !(**quote).currency.isEmpty())
            currency = (**quote).currency;
    }
    PlaceHold place;
    place.sessionId = s.id;
    place.request.amountMinor = m_options.holdAmountMinor;
    place.request.currency = currency;
    place.request.description = tr("ChargeDesk session %1").arg(s.sessionNumber);
    auto ticket = m_holds->placeHold(place, Actor{kActor, tr("Session %1 started").arg(s.sessionNumber)});
    if (!ticket)
        return ticket.error();
    qCInfo(lcSessionPayments) << "session" << s.id << "hold" << ticket->holdId << "journaled as call" << ticket->callId;
    return {};
}

Status SessionPayments::settle(const Session &s, const PaymentHold &hold)
{
    if (!m_holds) {
        m_waiting.insert(s.id);
        return {};
    }
    if (hold.gateway != m_holds->gateway().name())
        return {};  // made with another gateway: the operator settles it (Finalize / Cancel hold)
    auto calls = HoldRepository(m_db).callsOfHold(hold.id);
    if (!calls)
        return calls.error();
    for (const PaymentCall &c : *calls) {
        if (c.state == PaymentCall::State::Pending)
            return {};  // its answer comes first (callFinished brings us back)
    }
    // The settlement policy before any money moves (billing/settlement.h): a bill held until it is
    // corrected keeps its hold authorised; under hold_until_corrected the bill comes first.
    auto gate = billing::captureGateForSession(m_db, s.id, m_defaultMode);
    if (!gate)
        return gate.error();
    switch (gate->decision) {
    case billing::CaptureDecision::Capture:
        break;
    case billing::CaptureDecision::WaitForBill:
        qCInfo(lcSessionPayments) << "session" << s.id << "hold" << hold.id << "waits for the bill (hold until corrected)";
        return {};
    case billing::CaptureDecision::CorrectionSettles:
        return {};  // the correction captured, released or refunded it (or the operator finalizes)
    case billing::CaptureDecision::HeldUntilCorrected:
        return recordHeld(s, hold, *gate);
    }
    const Actor actor{kActor, tr("Session %1 ended").arg(s.sessionNumber)};
    const qint64 energy = s.energyWh;
    if (energy <= 0) {
        if (hold.gatewayRef.isEmpty())
            return {};
        auto ticket = m_holds->release(hold.id, Actor{kActor, tr("Session %1 delivered no energy").arg(s.sessionNumber)});
        return ticket ? Status() : Status(ticket.error());
    }
    std::optional<sessions::PriceQuote> quote;
    if (m_pricing) {
        auto q = m_pricing->quote(s, energy);
        if (!q)
            return q.error();
        quote = *q;
    }
    if (!quote) {
        // Nothing is invented: the operator finalizes with the amount they know.
        return addEventOnce(s.id, QStringLiteral("payment_not_priced"),
                            dump({{"holdId", hold.id}, {"energyWh", energy}}));
    }
    if (!quote->currency.isEmpty() && quote->currency.compare(hold.currency, Qt::CaseInsensitive) != 0) {
        return addEventOnce(s.id, QStringLiteral("payment_not_priced"),
                            dump({{"holdId", hold.id},
                                  {"energyWh", energy},
                                  {"tariffCurrency", utf8(quote->currency)},
                                  {"holdCurrency", utf8(hold.currency)}}));
    }
    if (s.amountMinor != quote->amountMinor || s.currency.isEmpty()) {
        if (Status st = storeAmount(s, quote->amountMinor, hold.currency, quote->tariffId, true); !st)
            return st;
    }
    if (hold.status != HoldStatus::Hold)
        return {};  // the bank has not reserved the money yet: holdChanged brings us back
    if (quote->amountMinor <= 0) {
        auto ticket = m_holds->release(hold.id, actor);
        return ticket ? Status() : Status(ticket.error());
    }
    const qint64 capture = std::min(quote->amountMinor, hold.amountMinor);
    if (quote->amountMinor > capture) {
        if (Status st = addEventOnce(s.id, QStringLiteral("payment_uncovered"),
                                     dump({{"holdId", hold.id},
                                           {"amountMinor", quote->amountMinor},
                                           {"heldMinor", hold.amountMinor},
                                           {"uncoveredMinor", quote->amountMinor - capture},
                                           {"currency", utf8(hold.currency)}}));
            !st)
            return st;
    }
    auto ticket = m_holds->capture(hold.id, capture, actor);  // the rest is released
    return ticket ? Status() : Status(ticket.error());
}

Status SessionPayments::recordHeld(const Session &s, const PaymentHold &hold, const billing::CaptureGate &gate)
{
    const QString kind = QStringLiteral("payment_held");
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st;
    auto q = storage::Sql::run(m_db.connection(),
                               QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = ?"), {s.id, kind});
    if (!q)
        return q.error();
    if (q->next() && q->value(0).toLongLong() > 0)
        return {};  // recorded once; the correction settles it
    q->finish();
    QStringList codes;
    json codesJson = json::array();
    for (int code : gate.anomalyCodes) {
        codes << QString::number(code);
        codesJson.push_back(code);
    }
    const qint64 now = m_clock.nowMs();
    storage::SessionEvent e;
    e.sessionId = s.id;
    e.atMs = now;
    e.kind = kind;
    e.detail = dump({{"holdId", hold.id},
                     {"billId", gate.billId},
                     {"heldMinor", hold.amountMinor},
                     {"currency", utf8(hold.currency)},
                     {"anomalies", codesJson}});
    if (auto added = storage::SessionRepository(m_db).addEvent(e); !added)
        return added.error();
    storage::AuditEntry audit;
    audit.operatorName = kActor;
    audit.action = QStringLiteral("session.capture_held");
    audit.entityType = QStringLiteral("session");
    audit.entityId = QString::number(s.id);
    //: %1 bill id, %2 anomaly codes such as "3,8", %3 hold id
    audit.reason = tr("Bill %1 has anomalies (%2) and the settlement mode is \"hold until corrected\": hold %3 stays "
                      "authorised and is captured when the bill is corrected.")
                       .arg(gate.billId)
                       .arg(codes.join(u','))
                       .arg(hold.id);
    audit.beforeState = dump({{"holdId", hold.id},
                              {"holdStatus", utf8(holdStatusName(hold.status))},
                              {"heldMinor", hold.amountMinor},
                              {"currency", utf8(hold.currency)}});
    audit.afterState = dump({{"holdId", hold.id},
                             {"holdStatus", utf8(holdStatusName(hold.status))},
                             {"billId", gate.billId},
                             {"settlement", "held"},
                             {"anomalies", codesJson}});
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status st = tx.commit(); !st)
        return st;
    qCInfo(lcSessionPayments) << "session" << s.id << "hold" << hold.id << "held until bill" << gate.billId << "is corrected";
    return {};
}

Status SessionPayments::finishSession(const Session &s, const PaymentHold &hold)
{
    using charging::SessionStatus;
    if (!isStatus(s, SessionStatus::PendingFinalPayment))
        return {};
    SessionStatus next = SessionStatus::Finished;
    if (hold.status == HoldStatus::Failed)
        next = SessionStatus::FailedHold;
    else if (hold.status != HoldStatus::Success && s.energyWh <= 0)
        next = SessionStatus::Canceled;
    const QString from = s.status;
    const QString to = charging::sessionStatusName(next);
    const qint64 now = m_clock.nowMs();
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st;
    // Only from pending_final_payment: an operator's change in between wins.
    auto q = storage::Sql::run(m_db.connection(),
                               QStringLiteral("UPDATE sessions SET status = ?, updated_ms = ? WHERE id = ? AND status = ?"),
                               {to, now, s.id, from});
    if (!q)
        return q.error();
    if (q->numRowsAffected() < 1)
        return tx.commit();
    const QString why = tr("Payment hold %1: %2").arg(hold.id).arg(holdStatusName(hold.status));
    storage::SessionEvent e;
    e.sessionId = s.id;
    e.atMs = now;
    e.kind = QStringLiteral("status");
    e.detail = dump({{"from", utf8(from)}, {"to", utf8(to)}, {"why", utf8(why)}});
    if (auto added = storage::SessionRepository(m_db).addEvent(e); !added)
        return added.error();
    storage::AuditEntry audit;
    audit.operatorName = kActor;
    audit.action = QStringLiteral("session.payment_settled");
    audit.entityType = QStringLiteral("session");
    audit.entityId = QString::number(s.id);
    audit.reason = why;
    audit.beforeState = dump({{"status", utf8(from)}, {"holdStatus", utf8(s.holdStatus)}, {"amountMinor", s.amountMinor}});
    audit.afterState = dump({{"status", utf8(to)},
                             {"holdId", hold.id},
                             {"holdStatus", utf8(holdStatusName(hold.status))},
                             {"capturedMinor", hold.capturedMinor},
                             {"currency", utf8(hold.currency)}});
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status st = tx.commit(); !st)
        return st;
    qCInfo(lcSessionPayments) << "session" << s.id << from << "->" << to;
    return {};
}

Status SessionPayments::runGuards(const Session &s)
{
    if (m_pricing && s.energyWh > 0) {
        auto quote = m_pricing->quote(s, s.energyWh);
        if (!quote)
            return quote.error();
        if (quote->has_value() && (**quote).amountMinor != s.amountMinor
            && (s.currency.isEmpty() || (**quote).currency.compare(s.currency, Qt::CaseInsensitive) == 0)) {
            if (Status st = storeAmount(s, (**quote).amountMinor, (**quote).currency, (**quote).tariffId, false); !st)
                return st;
        }
    }
    // Both checks read first and write only when they act (the command queue opens its own
    // transaction): no writer lock is taken for a session that needs nothing.
    // Balance protection is for sessions paid from the account's balance; a session with a card
    // hold spends the card, and its hold bounds it.
    if ((s.memberId || s.departmentId) && s.holdStatus == u"none") {
        auto stop = AutoStop(m_db, m_clock).check(s.id);
        if (!stop)
            return stop.error();
        if (*stop)
            qCInfo(lcSessionPayments) << "session" << s.id << "auto-stop: command" << **stop;
    }
    // Only a session a station was asked to stop (and accepted, since the session began) can fail
    // to honour it: one indexed count first, the full check (which reads the stop's payloads and
    // meter samples) only then.
    auto stops = storage::Sql::run(m_db.connection(),
                                   QStringLiteral("SELECT COUNT(*) FROM commands WHERE state = 'succeeded' AND charge_point_id = ? "
                                                  "AND action IN ('RemoteStopTransaction', 'RequestStopTransaction') "
                                                  "AND completed_ms >= ?"),
                                   {s.chargePointId, s.createdMs});
    if (!stops)
        return stops.error();
    const bool stopAsked = stops->next() && stops->value(0).toLongLong() > 0;
    stops->finish();
    if (!stopAsked)
        return {};
    auto honoured = StopNotHonoured(m_db, m_clock).check(s.id, m_options.stopGraceMs, m_options.stopToleranceWh);
    if (!honoured)
        return honoured.error();
    return {};
}

Status SessionPayments::storeAmount(const Session &s, qint64 amountMinor, const QString &currency, qint64 tariffId,
                                    bool final)
{
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st;
    // A billing column (SessionRepository writes only the charging ones).
    auto q = storage::Sql::run(m_db.connection(),
                               QStringLiteral("UPDATE sessions SET amount_minor = ?, tariff_id = ?, "
                                              "currency = CASE WHEN currency = '' THEN ? ELSE currency END WHERE id = ?"),
                               {amountMinor, tariffId > 0 ? QVariant(tariffId) : QVariant(), currency, s.id});
    if (!q)
        return q.error();
    if (final) {
        storage::SessionEvent e;
        e.sessionId = s.id;
        e.atMs = m_clock.nowMs();
        e.kind = QStringLiteral("payment_priced");
        e.detail = dump({{"energyWh", s.energyWh},
                         {"amountMinor", amountMinor},
                         {"amountBeforeMinor", s.amountMinor},
                         {"currency", utf8(currency)},
                         {"tariffId", tariffId}});
        if (auto added = storage::SessionRepository(m_db).addEvent(e); !added)
            return added.error();
        storage::AuditEntry audit;
        audit.operatorName = kActor;
        audit.action = QStringLiteral("session.priced");
        audit.entityType = QStringLiteral("session");
        audit.entityId = QString::number(s.id);
        audit.reason = tr("Session %1 ended: %2 Wh").arg(s.sessionNumber).arg(s.energyWh);
        audit.beforeState = dump({{"amountMinor", s.amountMinor}, {"currency", utf8(s.currency)}});
        audit.afterState = dump({{"amountMinor", amountMinor}, {"currency", utf8(currency)}, {"tariffId", tariffId}});
        if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
            return a.error();
    }
    return tx.commit();
}

Status SessionPayments::addEventOnce(qint64 sessionId, const QString &kind, const QString &detail)
{
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st;
    auto q = storage::Sql::run(m_db.connection(),
                               QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = ?"),
                               {sessionId, kind});
    if (!q)
        return q.error();
    if (q->next() && q->value(0).toLongLong() > 0)
        return {};
    storage::SessionEvent e;
    e.sessionId = sessionId;
    e.atMs = m_clock.nowMs();
    e.kind = kind;
    e.detail = detail;
    if (auto added = storage::SessionRepository(m_db).addEvent(e); !added)
        return added.error();
    return tx.commit();
}

Expected<int> SessionPayments::sweep()
{
    if (!m_holds)
        return 0;
    if (auto resumed = m_holds->resumePending(); !resumed)
        qCWarning(lcSessionPayments) << "cannot resume the payment journal:" << resumed.error().message;
    else if (*resumed > 0)
        qCInfo(lcSessionPayments) << "resumed" << *resumed << "payment calls from the journal";
    storage::SessionFilter filter;
    filter.statuses = {charging::sessionStatusName(charging::SessionStatus::PendingFinalPayment),
                       charging::sessionStatusName(charging::SessionStatus::FailedHold)};
    const bool first = !m_sweptOnce;
    m_sweptOnce = true;
    if (first && m_options.holdAmountMinor > 0 && !m_db.dialect().isPostgres())
        filter.statuses += storage::SessionRepository::runningStatuses();
    filter.limit = 1000;
    auto rows = storage::SessionRepository(m_db).list(filter);
    if (!rows)
        return rows.error();
    int looked = 0;
    for (const Session &s : *rows) {
        const bool closedWithHold = !s.stopSource.isEmpty() && s.holdStatus != u"none";
        const bool runningWithout = s.stopSource.isEmpty() && s.holdStatus == u"none";
        if (!closedWithHold && !runningWithout && !isStatus(s, charging::SessionStatus::PendingFinalPayment))
            continue;
        ++looked;
        (void)process(s.id, false);
    }
    return looked;
}

}  // namespace cd::payments
