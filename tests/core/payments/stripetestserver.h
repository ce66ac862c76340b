#pragma once
// The HTTP gateway's peer in the tests: a small HTTP/1.1 server on loopback (QTcpServer) that
// speaks the part of Stripe's PaymentIntents API ChargeDesk uses, keeps its payment intents and
// refunds in memory, honours Idempotency-Key like Stripe (same key and body: the first answer
// again; same key, other body: 400), records every request it got, and can be told to fail,
// to answer late or to close the connection without answering.

#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <functional>

class QTcpSocket;

namespace cd::test {

struct HttpRequest {
    QByteArray method;
    QString path;   // without the query
    QString query;
    QHash<QByteArray, QByteArray> headers;  // names lower-case
    QByteArray body;
    QHash<QString, QString> form;           // the decoded form fields

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

class StripeTestServer : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kGoodKey = "sk_test_chargedesk";
    static constexpr const char *kDeclinedCard = "pm_card_chargeDeclined";

    explicit StripeTestServer(QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const;

    // Every request received, in order.
    const QList<HttpRequest> &requests() const { return m_requests; }
    // Requests that changed something (not replays of a known key), per operation name
    // ("create", "capture", "cancel", "refund").
    int executed(const QString &operation) const { return m_executed.value(operation); }
    // The payment intent as the server keeps it (null when unknown).
    nlohmann::json intent(const QString &id) const { return m_intents.value(id); }
    QString lastIntentId() const { return m_lastIntentId; }
    // The customer confirmed the intent with a card outside ChargeDesk (the app, 3-D Secure): it
    // now holds its amount (requires_capture) on `paymentMethod`. False when the intent is unknown.
    bool confirmIntent(const QString &id, const QString &paymentMethod);
    // The body of a webhook event of `type` about the intent as the server keeps it now.
    QByteArray eventBody(const QString &type, const QString &id, const QString &eventId) const;
    // The body of a refund event of `type` about a refund it made, now in `status` ("succeeded",
    // "failed", "canceled"); it carries the metadata the refund was asked with (refund_no).
    QByteArray refundEventBody(const QString &type, const QString &refundId, const QString &status,
                               const QString &eventId) const;
    QString lastRefundId() const { return m_lastRefundId; }

    // Called for every request before the server handles it (checks the client's state at the
    // moment the request arrives).
    std::function<void(const HttpRequest &)> onRequest;

    // The next answers (in order) are these instead of the real ones.
    void failNext(int status, const nlohmann::json &body);
    void failNextRaw(int status, const QByteArray &body, const QByteArray &contentType);
    // The next answer is sent after this delay (ms).
    void delayNext(int ms) { m_delays.append(ms); }
    // The next request is carried out (kept under its key) but the connection is closed without an
    // answer: the client cannot know whether it happened.
    void dropNextAnswer() { ++m_drops; }
    // Every answer is dropped like that until switched off (Qt's HTTP client itself sends a request
    // again once when the connection closes without an answer).
    void setDropAnswers(bool drop) { m_dropAll = drop; }

private:
    struct Canned {
        int status;
        QByteArray body;
        QByteArray contentType;
    };
    struct Stored {
        QByteArray fingerprint;
        int status;
        QByteArray body;
    };

    void onConnection();
    void onReadable(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const HttpRequest &request);
    std::pair<int, nlohmann::json> execute(const HttpRequest &request);
    static nlohmann::json error(const char *type, const char *code, const QString &message);
    void reply(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType,
               const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<HttpRequest> m_requests;
    QHash<QString, int> m_executed;
    QHash<QString, nlohmann::json> m_intents;
    QHash<QString, nlohmann::json> m_refunds;
    QString m_lastRefundId;
    QHash<QString, Stored> m_idempotency;
    QString m_lastIntentId;
    QList<Canned> m_canned;
    QList<int> m_delays;
    int m_drops = 0;
    bool m_dropAll = false;
    int m_nextId = 1;
};

}  // namespace cd::test
