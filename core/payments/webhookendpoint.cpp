#include "core/payments/webhookendpoint.h"

#include "core/server/httpresponse.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>
#include <QTimer>

#include <nlohmann/json.hpp>

namespace cd::payments {

Q_LOGGING_CATEGORY(lcWebhook, "chargedesk.payments.webhook")

using nlohmann::json;

namespace {

QByteArray hmacHex(const QByteArray &secret, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256).toHex();
}

// Compares without stopping at the first difference (no timing hint about the right value).
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QString text(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

std::optional<qint64> amount(const json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<qint64>();
}

}  // namespace

QByteArray WebhookSignature::sign(const QByteArray &secret, const QByteArray &payload, qint64 unixSeconds)
{
    const QByteArray t = QByteArray::number(unixSeconds);
    return "t=" + t + ",v1=" + hmacHex(secret, t + '.' + payload);
}

bool WebhookSignature::verify(const QByteArray &header, const QByteArray &payload, const QByteArray &secret, qint64 nowMs,
                              qint64 toleranceSeconds, QString *why)
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (secret.isEmpty())
        return fail(QStringLiteral("no webhook secret"));
    std::optional<qint64> t;
    QList<QByteArray> signatures;
    for (const QByteArray &part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = part.left(eq).trimmed();
        const QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "t") {
            bool ok = false;
            const qint64 seconds = value.toLongLong(&ok);
            if (ok)
                t = seconds;
        } else if (key == "v1") {
            signatures.append(value.toLower());
        }
    }
    if (!t)
        return fail(QStringLiteral("no timestamp in the signature header"));
    if (signatures.isEmpty())
        return fail(QStringLiteral("no v1 signature in the signature header"));
    const qint64 age = nowMs / 1000 - *t;
    if (age > toleranceSeconds || age < -toleranceSeconds)
        return fail(QStringLiteral("timestamp %1 s away from now (tolerance %2 s)").arg(age).arg(toleranceSeconds));
    const QByteArray expected = hmacHex(secret, QByteArray::number(*t) + '.' + payload);
    for (const QByteArray &s : signatures) {
        if (sameBytes(s, expected))
            return true;
    }
    return fail(QStringLiteral("signature does not match"));
}

std::optional<HoldReport> reportFromEvent(const QByteArray &body, QString *eventType, QString *error)
{
    const json event = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!event.is_object() || !event.contains("type") || !event["type"].is_string()) {
        if (error)
            *error = QStringLiteral("not a gateway event");
        return std::nullopt;
    }
    const QString type = text(event, "type");
    if (eventType)
        *eventType = type;
    HoldStatus status = HoldStatus::None;
    if (type == u"payment_intent.amount_capturable_updated")
        status = HoldStatus::Hold;
    else if (type == u"payment_intent.succeeded")
        status = HoldStatus::Success;
    else if (type == u"payment_intent.canceled")
        status = HoldStatus::Canceled;
    else if (type == u"payment_intent.payment_failed")
        status = HoldStatus::Failed;
    else
        return std::nullopt;
    const json data = event.value("data", json::object());
    const json intent = data.is_object() ? data.value("object", json::object()) : json::object();
    if (!intent.is_object() || text(intent, "id").isEmpty()) {
        if (error)
            *error = QStringLiteral("the event names no payment intent");
        return std::nullopt;
    }
    HoldReport report;
    report.gatewayRef = text(intent, "id");
    report.status = status;
    report.cardToken = text(intent, "payment_method");
    if (status == HoldStatus::Success)
        report.amountMinor = amount(intent, "amount_received");
    else if (status == HoldStatus::Hold)
        report.amountMinor = amount(intent, "amount_capturable");
    report.raw = QString::fromUtf8(body);
    return report;
}

std::optional<RefundReport> refundReportFromEvent(const QByteArray &body, QString *error)
{
    const json event = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!event.is_object())
        return std::nullopt;
    const QString type = text(event, "type");
    if (type != u"refund.created" && type != u"refund.updated" && type != u"refund.failed"
        && type != u"charge.refund.updated")
        return std::nullopt;
    const json data = event.value("data", json::object());
    const json refund = data.is_object() ? data.value("object", json::object()) : json::object();
    if (!refund.is_object() || text(refund, "id").isEmpty()) {
        if (error)
            *error = QStringLiteral("the event names no refund");
        return std::nullopt;
    }
    RefundReport report;
    const QString status = text(refund, "status");
    report.state = status == u"succeeded" ? RefundReport::State::Succeeded
                   : status == u"failed"  ? RefundReport::State::Failed
                   : status == u"canceled" ? RefundReport::State::Canceled
                                           : RefundReport::State::Pending;
    if (type == u"refund.failed")
        report.state = RefundReport::State::Failed;
    report.refundRef = text(refund, "id");
    const json metadata = refund.value("metadata", json::object());
    if (metadata.is_object())
        report.ourRefundNo = text(metadata, "refund_no");
    report.gatewayRef = text(refund, "payment_intent");
    report.amountMinor = amount(refund, "amount").value_or(0);
    report.currency = text(refund, "currency").toUpper();
    report.failureReason = text(refund, "failure_reason");
    report.raw = QString::fromUtf8(body);
    return report;
}

WebhookEndpoint::WebhookEndpoint(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock) {}

WebhookEndpoint::~WebhookEndpoint() = default;

void WebhookEndpoint::take(QTcpSocket *socket, const server::HttpRequestHead &head, qsizetype headSize)
{
    socket->setParent(this);
    Pending p;
    p.headLeft = headSize;
    p.signature = head.value("stripe-signature").value_or(QByteArray());
    const std::optional<QByteArray> length = head.value("content-length");
    bool ok = false;
    p.length = length ? length->toLongLong(&ok) : -1;
    m_pending.insert(socket, p);
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
        if (m_pending.remove(socket))
            socket->deleteLater();
    });
    if (head.count("transfer-encoding") > 0 || !length || !ok || p.length < 0) {
        answer(socket, 411, "Content-Length required\n", QStringLiteral("no Content-Length"));
        return;
    }
    if (p.length > kMaxBodyBytes) {
        answer(socket, 413, "Body too large\n", QStringLiteral("body of %1 bytes").arg(p.length));
        return;
    }
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this,
            [this, socket] { answer(socket, 408, "Request body not received in time\n", QStringLiteral("timeout")); });
    timer->start(kReadTimeoutMs);
    m_pending[socket].timer = timer;
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadable(socket); });
    onReadable(socket);
}

void WebhookEndpoint::onReadable(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    Pending &p = *it;
    if (p.headLeft > 0)
        p.headLeft -= socket->skip(p.headLeft);
    if (p.headLeft > 0)
        return;
    const qint64 want = p.length - p.body.size();
    if (want > 0)
        p.body += socket->read(want);
    if (p.body.size() < p.length)
        return;
    if (p.timer)
        p.timer->stop();
    const Pending complete = p;
    handle(socket, complete);
}

void WebhookEndpoint::handle(QTcpSocket *socket, const Pending &p)
{
    if (!m_holds || m_secret.isEmpty()) {
        answer(socket, 503, "Payments are not ready\n", QStringLiteral("no gateway or webhook secret yet"));
        return;
    }
    QString why;
    if (!WebhookSignature::verify(p.signature, p.body, m_secret, m_clock.nowMs(), kToleranceSeconds, &why)) {
        qCWarning(lcWebhook).noquote() << "refused a delivery from" << socket->peerAddress().toString() << "-" << why;
        answer(socket, 400, "Bad signature\n", QStringLiteral("bad signature: ") + why);
        return;
    }
    QString type;
    QString error;
    if (const std::optional<RefundReport> refund = refundReportFromEvent(p.body, &error)) {
        handleRefund(socket, *refund);
        return;
    }
    if (!error.isEmpty()) {
        answer(socket, 400, "Not an event\n", error);
        return;
    }
    const std::optional<HoldReport> report = reportFromEvent(p.body, &type, &error);
    if (!report) {
        if (!error.isEmpty()) {
            answer(socket, 400, "Not an event\n", error);
            return;
        }
        answer(socket, 200, "Ignored\n", QStringLiteral("ignored %1").arg(type));
        return;
    }
    // Committed before the gateway hears "received".
    auto result = m_holds->report(*report);
    if (!result) {
        qCWarning(lcWebhook) << "report of" << report->gatewayRef << "not stored:" << result.error().message;
        answer(socket, 500, "Not stored, deliver again\n", result.error().message);
        return;
    }
    const QString outcome = *result == ReportResult::Applied ? QStringLiteral("applied")
                            : *result == ReportResult::Stale ? QStringLiteral("stale")
                                                             : QStringLiteral("waiting");
    answer(socket, 200, "OK\n", QStringLiteral("%1 %2 %3").arg(type, report->gatewayRef, outcome));
}

void WebhookEndpoint::handleRefund(QTcpSocket *socket, const RefundReport &refund)
{
    if (!m_refunds) {
        answer(socket, 503, "Refunds are not ready\n", QStringLiteral("no refund service yet for %1").arg(refund.refundRef));
        return;
    }
    // Committed before the gateway hears "received".
    const Expected<QString> outcome = m_refunds(refund);
    if (!outcome) {
        qCWarning(lcWebhook) << "refund report of" << refund.refundRef << "not stored:" << outcome.error().message;
        answer(socket, 500, "Not stored, deliver again\n", outcome.error().message);
        return;
    }
    answer(socket, 200, "OK\n", QStringLiteral("refund %1 %2").arg(refund.refundRef, *outcome));
}

void WebhookEndpoint::answer(QTcpSocket *socket, int status, const QByteArray &body, const QString &detail)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    if (it->timer)
        it->timer->stop();
    m_pending.erase(it);
    server::HttpErrorResponse response;
    response.status = status;
    response.body = body;
    socket->write(response.serialize(QDateTime::currentDateTimeUtc()));
    qCInfo(lcWebhook).noquote() << "webhook" << status << detail;
    // Close once the answer is out; anything more the client sends is discarded.
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
    emit delivered(status, detail);
}

}  // namespace cd::payments
