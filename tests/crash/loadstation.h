#pragma once
// A test charging station that loads the server as fast as it answers: BootNotification,
// StatusNotification, then sessions one after another (StartTransaction, a seeded number of
// MeterValues with a growing Energy.Active.Import.Register, StopTransaction with the final register,
// StatusNotification Available), one outstanding CALL at a time as OCPP requires. Every CALLRESULT
// is recorded in its StationLedger.
//
// When the server dies, the station keeps the CALL that was on the wire. On the next connectTo()
// it sends that CALL again (same message id, same content), then repeats a few acknowledged ones
// (a Start must get the same transactionId again), then goes on with the load (unless setLoad(false)).
// The station's clock is its own: one second per message, so every timestamp is unique.

#include "support/ocpptestclient.h"
#include "stationledger.h"

#include <QObject>
#include <QRandomGenerator>
#include <QUrl>

#include <deque>

namespace cd::test {

class LoadStation : public QObject {
    Q_OBJECT
public:
    LoadStation(QString chargePointId, QString idTag, quint32 seed, qint64 clockStartMs, qint64 registerStartWh,
                QObject *parent = nullptr);

    // baseUrl: "ws://127.0.0.1:<port>/ocpp/"; the charge point id is appended.
    void connectTo(const QUrl &baseUrl);
    // Off: after the replays, nothing more is sent (the settled state the final check reads).
    void setLoad(bool on) { m_load = on; }

    const StationLedger &ledger() const { return m_ledger; }
    bool isClosed() const { return m_client.isClosed(); }
    // Open, the replays of this connection answered, no CALL on the wire.
    bool isSettled() const;
    int replaysAnswered() const { return m_replaysAnswered; }

signals:
    // A StartTransaction, MeterValues or StopTransaction was acknowledged.
    void acknowledged();

private:
    enum class Step { Boot, Available, Start, Meter, Stop };

    void onOpened();
    void onClosed();
    void onResult(const QString &messageId, const nlohmann::json &payload);
    void onError(const QString &messageId, const QString &code, const QString &description);
    void fail(const QString &what);
    void queueReplays();
    void pump();
    void sendNext();
    void send(const SentCall &call);
    void record(const nlohmann::json &payload);
    void checkReplay(const SentCall &replay, const nlohmann::json &payload);
    QString nextMessageId();
    qint64 tick();

    qint64 nextRegister();
    // The StartTransaction, MeterValues or StopTransaction whose acknowledgement records `effect`.
    SentCall callFor(const CallEffect &effect) const;

    OcppTestClient m_client;
    StationLedger m_ledger;
    QRandomGenerator m_rng;
    Step m_next = Step::Boot;
    qint64 m_clockMs;
    qint64 m_registerWh;
    qint64 m_transactionId = 0;
    int m_metersLeft = 0;
    int m_sequence = 0;
    bool m_load = true;
    bool m_open = false;
    bool m_everOpened = false;
    bool m_failed = false;
    std::deque<SentCall> m_replays;
    std::optional<SentCall> m_replayOnWire;
    int m_replaysAnswered = 0;
};

}  // namespace cd::test
