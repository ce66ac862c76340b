#pragma once
// Rows of the payment tables: holds (payment_holds), the idempotency journal of gateway calls
// (payment_calls) and the hold history (payment_hold_events). Plain reads and writes, run inside
// the caller's transaction; the rules live in HoldService.

#include "core/common/expected.h"
#include "core/payments/paymenttypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::payments {

struct PaymentHold {
    qint64 id = 0;
    std::optional<qint64> sessionId;
    QString gateway;
    QString idempotencyKey;  // of the call that made the hold
    qint64 amountMinor = 0;  // held
    qint64 capturedMinor = 0;
    qint64 refundedMinor = 0;
    QString currency;
    HoldStatus status = HoldStatus::Created;
    QString gatewayRef;
    QString cardToken;
    QString lastError;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
};

struct PaymentCall {
    enum class State { Pending, Done, Failed };

    qint64 id = 0;
    std::optional<qint64> holdId;
    QString gateway;
    Operation operation = Operation::Hold;
    QString idempotencyKey;
    qint64 amountMinor = 0;
    QString request;   // JSON: what is needed to send the call again
    State state = State::Pending;
    int attempts = 0;
    QString response;  // JSON (gatewayresultjson.h) of the last answer, even a non-final one
    QString error;
    QString requestedBy;
    QString reason;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;

    static QString stateName(State state);
};

struct HoldEvent {
    enum class Applied { Waiting = 0, Applied = 1, Stale = 2 };

    qint64 id = 0;
    std::optional<qint64> holdId;
    QString gateway;
    QString gatewayRef;
    HoldStatus status = HoldStatus::None;
    QString source;  // "report" (the gateway's notice), "status" (we asked), "call" (answer to our call)
    QString cardToken;
    std::optional<qint64> amountMinor;
    QString raw;
    Applied applied = Applied::Waiting;
    qint64 receivedMs = 0;
    std::optional<qint64> appliedMs;
};

class HoldRepository {
public:
    explicit HoldRepository(const storage::Database &db);

    Expected<qint64> insertHold(const PaymentHold &hold);
    Expected<std::optional<PaymentHold>> findHold(qint64 id) const;
    Expected<std::optional<PaymentHold>> findHoldByRef(const QString &gateway, const QString &gatewayRef) const;
    Expected<QList<PaymentHold>> holdsOfSession(qint64 sessionId) const;
    Status updateHold(const PaymentHold &hold);

    Expected<qint64> insertCall(const PaymentCall &call);
    Expected<std::optional<PaymentCall>> findCall(qint64 id) const;
    // Oldest first; every gateway when `gateway` is empty.
    Expected<QList<PaymentCall>> pendingCalls(const QString &gateway = {}) const;
    Expected<QList<PaymentCall>> callsOfHold(qint64 holdId) const;
    Status updateCall(const PaymentCall &call);

    Expected<qint64> insertEvent(const HoldEvent &event);
    // Waiting events for a reference, in the order they arrived.
    Expected<QList<HoldEvent>> waitingEvents(const QString &gateway, const QString &gatewayRef) const;
    // Oldest first.
    Expected<QList<HoldEvent>> eventsOfHold(qint64 holdId) const;
    Status markEvent(qint64 eventId, HoldEvent::Applied applied, qint64 holdId, qint64 nowMs);
    // Events that arrived before the hold's reference was known get the hold's id.
    Status linkEvents(const QString &gateway, const QString &gatewayRef, qint64 holdId);

private:
    const storage::Database &m_db;
};

}  // namespace cd::payments
