#include "stripetestserver.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace cd::test {

using nlohmann::json;

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Request Failed";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    default:
        return "Status";
    }
}

QHash<QString, QString> parseForm(const QByteArray &body)
{
    QHash<QString, QString> out;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        out.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)), QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return out;
}

qint64 toAmount(const QString &text, bool *ok)
{
    return text.toLongLong(ok);
}

}  // namespace

StripeTestServer::StripeTestServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &StripeTestServer::onConnection);
}

bool StripeTestServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl StripeTestServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void StripeTestServer::failNext(int status, const json &body)
{
    m_canned.append({status, QByteArray::fromStdString(body.dump()), "application/json"});
}

void StripeTestServer::failNextRaw(int status, const QByteArray &body, const QByteArray &contentType)
{
    m_canned.append({status, body, contentType});
}

void StripeTestServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void StripeTestServer::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        HttpRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        const QByteArray target = requestLine.value(1);
        const qsizetype q = target.indexOf('?');
        request.path = QString::fromUtf8(q < 0 ? target : target.left(q));
        request.query = q < 0 ? QString() : QString::fromUtf8(target.mid(q + 1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        request.form = parseForm(request.body);
        handle(socket, request);
    }
}

json StripeTestServer::error(const char *type, const char *code, const QString &message)
{
    json e = {{"type", type}, {"message", message.toStdString()}};
    if (code)
        e["code"] = code;
    return {{"error", e}};
}

void StripeTestServer::handle(QTcpSocket *socket, const HttpRequest &request)
{
    m_requests.append(request);
    if (onRequest)
        onRequest(request);

    int status = 0;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> extra;

    if (!m_canned.isEmpty()) {
        const Canned canned = m_canned.takeFirst();
        status = canned.status;
        body = canned.body;
        contentType = canned.contentType;
    } else if (request.header("authorization") != QByteArray("Bearer ") + kGoodKey) {
        status = 401;
        body = QByteArray::fromStdString(
            error("invalid_request_error", nullptr, QStringLiteral("Invalid API Key provided: sk_****")).dump());
    } else {
        const QByteArray key = request.header("idempotency-key");
        const QByteArray fingerprint = request.method + ' ' + request.path.toUtf8() + '\n' + request.body;
        if (request.method == "POST" && !key.isEmpty() && m_idempotency.contains(QString::fromUtf8(key))) {
            const Stored stored = m_idempotency.value(QString::fromUtf8(key));
            if (stored.fingerprint != fingerprint) {
                status = 400;
                body = QByteArray::fromStdString(error("idempotency_error", nullptr,
                                                       QStringLiteral("Keys for idempotent requests can only be used with "
                                                                      "the same parameters they were first used with."))
                                                     .dump());
            } else {
                status = stored.status;
                body = stored.body;
                extra.append(std::pair<QByteArray, QByteArray>("Idempotent-Replayed", "true"));
            }
        } else {
            const auto [s, answer] = execute(request);
            status = s;
            body = QByteArray::fromStdString(answer.dump());
            // Like Stripe: answers are kept under their key, except server errors.
            if (request.method == "POST" && !key.isEmpty() && status < 500)
                m_idempotency.insert(QString::fromUtf8(key), {fingerprint, status, body});
        }
    }

    if (m_dropAll || m_drops > 0) {
        if (!m_dropAll)
            --m_drops;
        socket->abort();
        return;
    }
    const int delay = m_delays.isEmpty() ? 0 : m_delays.takeFirst();
    if (delay > 0) {
        QTimer::singleShot(delay, socket, [this, socket, status, body, contentType, extra] {
            reply(socket, status, body, contentType, extra);
        });
        return;
    }
    reply(socket, status, body, contentType, extra);
}

std::pair<int, json> StripeTestServer::execute(const HttpRequest &r)
{
    const QStringList parts = r.path.split(u'/', Qt::SkipEmptyParts);  // v1, payment_intents, id, capture
    if (parts.value(0) != u"v1")
        return {404, error("invalid_request_error", "resource_missing", QStringLiteral("Unrecognized request URL."))};

    if (r.method == "GET" && parts.size() == 2 && parts[1] == u"payment_intents")
        return {200, {{"object", "list"}, {"data", json::array()}, {"has_more", false}}};

    if (r.method == "POST" && parts.size() == 2 && parts[1] == u"payment_intents") {
        bool ok = false;
        const qint64 amount = toAmount(r.form.value(QStringLiteral("amount")), &ok);
        if (!ok || amount < 1)
            return {400, error("invalid_request_error", "parameter_invalid_integer", QStringLiteral("Invalid integer: amount"))};
        if (r.form.value(QStringLiteral("capture_method")) != u"manual")
            return {400, error("invalid_request_error", "parameter_invalid", QStringLiteral("This test server only holds."))};
        const QString id = QStringLiteral("pi_test%1").arg(m_nextId++);
        const QString method = r.form.value(QStringLiteral("payment_method"));
        const bool confirm = r.form.value(QStringLiteral("confirm")) == u"true";
        json intent = {{"id", id.toStdString()},
                       {"object", "payment_intent"},
                       {"amount", amount},
                       {"amount_capturable", 0},
                       {"amount_received", 0},
                       {"currency", r.form.value(QStringLiteral("currency")).toStdString()},
                       {"capture_method", "manual"},
                       {"status", "requires_payment_method"},
                       {"payment_method", nullptr}};
        m_lastIntentId = id;
        ++m_executed[QStringLiteral("create")];
        if (!method.isEmpty())
            intent["payment_method"] = method.toStdString();
        if (method == QLatin1String(kDeclinedCard) && confirm) {
            m_intents.insert(id, intent);
            json e = error("card_error", "card_declined", QStringLiteral("Your card was declined."));
            e["error"]["decline_code"] = "insufficient_funds";
            e["error"]["payment_intent"] = intent;
            return {402, e};
        }
        if (!method.isEmpty() && confirm) {
            intent["status"] = "requires_capture";
            intent["amount_capturable"] = amount;
        }
        m_intents.insert(id, intent);
        return {200, intent};
    }

    const QString id = parts.value(2);
    if (parts.value(1) == u"payment_intents" && !id.isEmpty()) {
        if (!m_intents.contains(id))
            return {404, error("invalid_request_error", "resource_missing",
                               QStringLiteral("No such payment_intent: '%1'").arg(id))};
        json &intent = m_intents[id];
        const std::string status = intent["status"].get<std::string>();
        if (r.method == "GET" && parts.size() == 3)
            return {200, intent};
        if (r.method == "POST" && parts.value(3) == u"capture") {
            if (status != "requires_capture")
                return {400, error("invalid_request_error", "payment_intent_unexpected_state",
                                   QStringLiteral("This PaymentIntent could not be captured because it has a status of %1.")
                                       .arg(QString::fromStdString(status)))};
            const qint64 capturable = intent["amount_capturable"].get<qint64>();
            qint64 amount = capturable;
            if (r.form.contains(QStringLiteral("amount_to_capture"))) {
                bool ok = false;
                amount = toAmount(r.form.value(QStringLiteral("amount_to_capture")), &ok);
                if (!ok)
                    return {400, error("invalid_request_error", "parameter_invalid_integer",
                                       QStringLiteral("Invalid integer: amount_to_capture"))};
            }
            if (amount > capturable)
                return {400, error("invalid_request_error", "amount_too_large",
                                   QStringLiteral("The amount to capture (%1) is greater than the capturable amount (%2).")
                                       .arg(amount)
                                       .arg(capturable))};
            intent["status"] = "succeeded";
            intent["amount_received"] = amount;
            intent["amount_capturable"] = 0;
            ++m_executed[QStringLiteral("capture")];
            return {200, intent};
        }
        if (r.method == "POST" && parts.value(3) == u"cancel") {
            if (status == "succeeded" || status == "canceled")
                return {400, error("invalid_request_error", "payment_intent_unexpected_state",
                                   QStringLiteral("You cannot cancel this PaymentIntent because it has a status of %1.")
                                       .arg(QString::fromStdString(status)))};
            intent["status"] = "canceled";
            intent["amount_capturable"] = 0;
            ++m_executed[QStringLiteral("cancel")];
            return {200, intent};
        }
    }

    if (r.method == "POST" && parts.size() == 2 && parts[1] == u"refunds") {
        const QString pi = r.form.value(QStringLiteral("payment_intent"));
        if (!m_intents.contains(pi))
            return {404, error("invalid_request_error", "resource_missing", QStringLiteral("No such payment_intent: '%1'").arg(pi))};
        json &intent = m_intents[pi];
        if (intent["status"] != "succeeded")
            return {400, error("invalid_request_error", "charge_not_captured",
                               QStringLiteral("This PaymentIntent has no captured charge to refund."))};
        const qint64 received = intent["amount_received"].get<qint64>();
        const qint64 refunded = intent.value("amount_refunded", qint64(0));
        bool ok = false;
        const qint64 amount = r.form.contains(QStringLiteral("amount"))
                                  ? toAmount(r.form.value(QStringLiteral("amount")), &ok)
                                  : (ok = true, received - refunded);
        if (!ok || amount < 1)
            return {400, error("invalid_request_error", "parameter_invalid_integer", QStringLiteral("Invalid integer: amount"))};
        if (amount > received - refunded)
            return {400, error("invalid_request_error", "amount_too_large",
                               QStringLiteral("Refund amount (%1) is greater than unrefunded amount on charge (%2)")
                                   .arg(amount)
                                   .arg(received - refunded))};
        intent["amount_refunded"] = refunded + amount;
        ++m_executed[QStringLiteral("refund")];
        const QString refundId = QStringLiteral("re_test%1").arg(m_nextId++);
        json refund = {{"id", refundId.toStdString()},
                       {"object", "refund"},
                       {"amount", amount},
                       {"currency", intent["currency"]},
                       {"payment_intent", pi.toStdString()},
                       {"status", "succeeded"},
                       {"metadata", json::object()}};
        if (const QString ours = r.form.value(QStringLiteral("metadata[refund_no]")); !ours.isEmpty())
            refund["metadata"]["refund_no"] = ours.toStdString();
        m_refunds.insert(refundId, refund);
        m_lastRefundId = refundId;
        return {200, refund};
    }
    return {404, error("invalid_request_error", "resource_missing", QStringLiteral("Unrecognized request URL."))};
}

void StripeTestServer::reply(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType,
                             const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Request-Id: req_test\r\n";
    for (const auto &[name, value] : extraHeaders)
        out += name + ": " + value + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += body;
    socket->write(out);
    socket->disconnectFromHost();
}

bool StripeTestServer::confirmIntent(const QString &id, const QString &paymentMethod)
{
    if (!m_intents.contains(id))
        return false;
    json &intent = m_intents[id];
    intent["payment_method"] = paymentMethod.toStdString();
    intent["status"] = "requires_capture";
    intent["amount_capturable"] = intent["amount"];
    return true;
}

QByteArray StripeTestServer::eventBody(const QString &type, const QString &id, const QString &eventId) const
{
    const json event = {{"id", eventId.toStdString()},
                        {"object", "event"},
                        {"type", type.toStdString()},
                        {"data", {{"object", m_intents.value(id, json{{"id", id.toStdString()}})}}}};
    return QByteArray::fromStdString(event.dump());
}

QByteArray StripeTestServer::refundEventBody(const QString &type, const QString &refundId, const QString &status,
                                             const QString &eventId) const
{
    json refund = m_refunds.value(refundId, json{{"id", refundId.toStdString()}});
    refund["status"] = status.toStdString();
    if (status == u"failed")
        refund["failure_reason"] = "expired_or_canceled_card";
    const json event = {{"id", eventId.toStdString()},
                        {"object", "event"},
                        {"type", type.toStdString()},
                        {"data", {{"object", refund}}}};
    return QByteArray::fromStdString(event.dump());
}

}  // namespace cd::test
