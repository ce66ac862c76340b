// SimulatedStation: the transaction message queue (OCPP 1.6 §4.10). StartTransaction,
// MeterValues and StopTransaction go out in order, one at a time, only while the station is
// online and accepted; a disconnect leaves the message at the head to be sent again after the
// reconnect; a CALLERROR or timeout is retried TransactionMessageAttempts times, then the
// message is dropped (a dropped start leaves its transaction unconfirmed: transactionId -1).
// A message is built when first sent and then frozen, so every retry and every deliberate
// replay carries the same content.

#include "core/sim/simulatedstation.h"

#include <QLoggingCategory>

#include <algorithm>

namespace cd::sim {

Q_DECLARE_LOGGING_CATEGORY(lcSim)

namespace {

// A station's flash holds so many messages; past that the oldest meter values go first
// (starts and stops are what billing cannot do without).
constexpr size_t kMaxQueuedTxMessages = 5000;

}  // namespace

void SimulatedStation::enqueueTx(TxEntry entry)
{
    m_txQueue.push_back(std::move(entry));
    if (m_txQueue.size() > kMaxQueuedTxMessages) {
        auto first = m_txQueue.begin();
        if (m_txInFlight)
            ++first;
        const auto oldestMeter = std::find_if(first, m_txQueue.end(), [](const TxEntry &e) {
            return e.kind == TxEntry::Kind::Meter && !e.replay;
        });
        if (oldestMeter != m_txQueue.end()) {
            m_txQueue.erase(oldestMeter);
            ++m_counters.transactionMessagesDropped;
        }
    }
    pumpTx();
}

void SimulatedStation::pumpTx()
{
    if (m_txInFlight || m_txQueue.empty() || !online() || m_txRetryTimer.isActive())
        return;
    TxEntry &head = m_txQueue.front();
    if (!head.frozen)
        head.frozen = buildTx(head);
    m_txInFlight = true;
    sendCall(*head.frozen, [this](const ocpp::CallOutcome &outcome) { onTxAnswer(outcome); });
}

OutgoingMessage SimulatedStation::buildTx(const TxEntry &entry) const
{
    // The start is always ahead in the queue, so its transaction id is known by now, or it was
    // never confirmed (-1).
    const auto known = m_txIds.constFind(entry.txKey);
    const int transactionId = known == m_txIds.constEnd() ? -1 : *known;
    switch (entry.kind) {
    case TxEntry::Kind::Start:
        return m_adapter->startTransaction(entry.start);
    case TxEntry::Kind::Meter:
        return m_adapter->meterValues(entry.connectorId,
                                      transactionId >= 0 ? std::optional<int>(transactionId) : std::nullopt,
                                      entry.samples);
    case TxEntry::Kind::Stop:
        return m_adapter->stopTransaction(transactionId, entry.stop);
    }
    return {};
}

void SimulatedStation::onTxAnswer(const ocpp::CallOutcome &outcome)
{
    m_txInFlight = false;
    if (m_txQueue.empty())
        return;
    TxEntry &head = m_txQueue.front();
    bool drop = false;
    if (outcome.ok()) {
        TxEntry done = std::move(head);
        m_txQueue.pop_front();
        if (!done.replay) {
            if (m_options.misbehaviours.testFlag(Misbehaviour::ReplayAfterReconnect))
                m_acked[done.txKey].push_back(*done.frozen);
            if (done.kind == TxEntry::Kind::Start) {
                const std::optional<StartResult> result = m_adapter->parseStartResult(*done.frozen, outcome.value());
                if (result)
                    onStartConfirmed(done.txKey, *result);
                else
                    m_txIds.insert(done.txKey, -1);
            }
        }
        if (done.kind == TxEntry::Kind::Stop && done.txKey != m_replayTxKey) {
            const bool more = std::any_of(m_txQueue.begin(), m_txQueue.end(),
                                          [key = done.txKey](const TxEntry &e) { return e.txKey == key; });
            bool running = false;
            for (const auto &c : m_connectors)
                running = running || (c->session && c->session->txKey == done.txKey && !c->session->ended);
            if (!more && !running) {
                m_txIds.remove(done.txKey);
                m_acked.remove(done.txKey);
            }
        }
    } else {
        switch (outcome.error().reason) {
        case ocpp::CallFailure::Reason::Aborted:
            return;  // stays at the head: sent again after the reconnect
        case ocpp::CallFailure::Reason::Rejected:
            drop = true;  // our own message failed validation: retrying cannot help
            break;
        case ocpp::CallFailure::Reason::CallError:
        case ocpp::CallFailure::Reason::InvalidResponse:
        case ocpp::CallFailure::Reason::Timeout: {
            ++head.attempts;
            const int attempts = std::max(1, m_config.intValue(configkey::TransactionMessageAttempts, 3));
            if (head.replay || head.attempts >= attempts) {
                drop = true;
                break;
            }
            const int retryS = std::max(1, m_config.intValue(configkey::TransactionMessageRetryInterval, 60));
            m_txRetryTimer.start(wall(std::chrono::seconds(qint64(retryS) * head.attempts)));
            return;
        }
        }
    }
    if (drop) {
        qCInfo(lcSim, "%s dropped %s after %d attempt(s): %s", qUtf8Printable(chargePointId()),
               qUtf8Printable(head.frozen ? head.frozen->action : QString()), head.attempts,
               qUtf8Printable(outcome.error().error.description));
        if (head.kind == TxEntry::Kind::Start && !head.replay && !m_txIds.contains(head.txKey))
            m_txIds.insert(head.txKey, -1);
        if (!head.replay)
            ++m_counters.transactionMessagesDropped;
        m_txQueue.pop_front();
    }
    pumpTx();
    checkShutdownDone();
    maybeRebootNow();
}

void SimulatedStation::onStartConfirmed(int txKey, const StartResult &result)
{
    m_txIds.insert(txKey, result.transactionId);
    for (auto &c : m_connectors) {
        if (!c->session || c->session->txKey != txKey)
            continue;
        Session &s = *c->session;
        Q_EMIT transactionStarted(c->id, result.transactionId);
        if (s.txProfile && !s.ended) {
            ChargingProfile profile = *s.txProfile;
            profile.connectorId = c->id;
            profile.transactionId = result.transactionId;
            (void)m_profiles.install(profile, connectorCount(), result.transactionId);
            s.txProfile.reset();
        }
        if (result.status != AuthorizationStatus::Accepted && !s.ended
            && m_config.boolValue(configkey::StopTransactionOnInvalidId, true)) {
            endSession(*c, StopReason::DeAuthorized);
        }
        return;
    }
}

void SimulatedStation::dropSessionMessages(int txKey)
{
    auto first = m_txQueue.begin();
    if (m_txInFlight && first != m_txQueue.end())
        ++first;  // the one on the wire cannot be taken back
    m_txQueue.erase(std::remove_if(first, m_txQueue.end(), [txKey](const TxEntry &e) { return e.txKey == txKey; }),
                    m_txQueue.end());
}

bool SimulatedStation::isTransaction(int txKey, int transactionId) const
{
    if (const auto known = m_txIds.constFind(txKey); known != m_txIds.constEnd())
        return *known == transactionId;
    return std::any_of(m_txQueue.begin(), m_txQueue.end(), [this, txKey, transactionId](const TxEntry &e) {
        if (e.txKey != txKey || e.kind != TxEntry::Kind::Start || !e.frozen)
            return false;
        const std::optional<StartResult> named = m_adapter->parseStartResult(*e.frozen, nlohmann::json::object());
        return named && named->transactionId == transactionId;
    });
}

TransactionStatusAnswer SimulatedStation::transactionStatus(std::optional<int> transactionId) const
{
    TransactionStatusAnswer answer;
    if (!transactionId) {
        answer.messagesInQueue = std::any_of(m_txQueue.begin(), m_txQueue.end(), [](const TxEntry &e) { return !e.replay; });
        return answer;
    }
    for (const auto &c : m_connectors) {
        const Session *s = c->session ? &*c->session : nullptr;
        if (s && !s->ended && s->transactionBegun && isTransaction(s->txKey, *transactionId))
            answer.ongoing = true;
    }
    answer.messagesInQueue = std::any_of(m_txQueue.begin(), m_txQueue.end(), [this, transactionId](const TxEntry &e) {
        return !e.replay && isTransaction(e.txKey, *transactionId);
    });
    return answer;
}

void SimulatedStation::queueReplay(int txKey)
{
    m_replayTxKey = 0;
    const auto acked = m_acked.constFind(txKey);
    if (acked == m_acked.constEnd())
        return;
    // Everything the server already acknowledged for this session goes out again, first and
    // unchanged, followed by what was queued while offline.
    std::vector<TxEntry> replays;
    for (const OutgoingMessage &message : *acked) {
        TxEntry e;
        e.kind = message.action == u"StartTransaction" ? TxEntry::Kind::Start
               : message.action == u"StopTransaction"  ? TxEntry::Kind::Stop
                                                       : TxEntry::Kind::Meter;
        e.txKey = txKey;
        e.frozen = message;
        e.replay = true;
        replays.push_back(std::move(e));
    }
    auto at = m_txQueue.begin();
    if (m_txInFlight && at != m_txQueue.end())
        ++at;
    m_txQueue.insert(at, std::make_move_iterator(replays.begin()), std::make_move_iterator(replays.end()));
}

}  // namespace cd::sim
