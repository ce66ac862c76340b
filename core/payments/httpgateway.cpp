#include "core/payments/httpgateway.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <memory>

namespace cd::payments {

using nlohmann::json;

namespace {

QString text(const json &o, const char *key)
{
    if (!o.is_object())
        return {};
    const auto it = o.find(key);
    if (it == o.end())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_object())  // an expanded object: its id
        return text(*it, "id");
    return {};
}

qint64 number(const json &o, const char *key)
{
    if (!o.is_object())
        return 0;
    const auto it = o.find(key);
    return it != o.end() && it->is_number_integer() ? it->get<qint64>() : 0;
}

bool isValidRef(const QString &ref)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_\\-]{1,255}$"));
    return pattern.match(ref).hasMatch();
}

QByteArray formBody(const QList<std::pair<QString, QString>> &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key, "[]") + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

void readIntent(const json &intent, GatewayResult &r)
{
    r.gatewayRef = text(intent, "id");
    r.status = HttpGateway::statusFromIntent(text(intent, "status"));
    r.amountMinor = number(intent, "amount");
    r.capturableMinor = number(intent, "amount_capturable");
    r.capturedMinor = number(intent, "amount_received");
    r.currency = text(intent, "currency").toUpper();
    r.cardToken = text(intent, "payment_method");
}

GatewayResult refusedHere(const QString &code, const QString &message)
{
    GatewayResult r;
    r.outcome = Outcome::Refused;
    r.errorCode = code;
    r.error = message;
    return r;
}

}  // namespace

HttpGateway::HttpGateway(HttpGatewayConfig config, QObject *parent)
    : PaymentGateway(parent), m_config(std::move(config)), m_network(new QNetworkAccessManager(this))
{
}

HttpGateway::~HttpGateway()
{
    // Calls still in flight are dropped without their callbacks: whoever made them keeps them
    // pending (the journal) and sends them again with the same key.
    const auto replies = m_network->findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
    }
}

HoldStatus HttpGateway::statusFromIntent(const QString &s)
{
    if (s == u"requires_capture")
        return HoldStatus::Hold;
    if (s == u"succeeded")
        return HoldStatus::Success;
    if (s == u"canceled")
        return HoldStatus::Canceled;
    if (s == u"processing" || s == u"requires_action")
        return HoldStatus::Processing;
    if (s == u"requires_payment_method" || s == u"requires_confirmation")
        return HoldStatus::Created;
    return HoldStatus::None;
}

void HttpGateway::hold(const HoldRequest &request, const QString &idempotencyKey, Callback done)
{
    QList<std::pair<QString, QString>> form = {
        {QStringLiteral("amount"), QString::number(request.amountMinor)},
        {QStringLiteral("currency"), request.currency.trimmed().toLower()},
        {QStringLiteral("capture_method"), QStringLiteral("manual")},
        {QStringLiteral("payment_method_types[]"), QStringLiteral("card")},
    };
    if (!request.cardToken.isEmpty()) {
        form.append({QStringLiteral("payment_method"), request.cardToken});
        form.append({QStringLiteral("confirm"), QStringLiteral("true")});
    }
    if (!request.customer.isEmpty())
        form.append({QStringLiteral("customer"), request.customer});
    if (!request.description.isEmpty())
        form.append({QStringLiteral("description"), request.description});
    send(Operation::Hold, Body::PaymentIntent, "POST", std::nullopt, QStringLiteral("/v1/payment_intents"), form, idempotencyKey,
         std::move(done));
}

void HttpGateway::capture(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done)
{
    send(Operation::Capture, Body::PaymentIntent, "POST", gatewayRef, QStringLiteral("/v1/payment_intents/%1/capture").arg(gatewayRef),
         {{QStringLiteral("amount_to_capture"), QString::number(amountMinor)}}, idempotencyKey, std::move(done));
}

void HttpGateway::voidHold(const QString &gatewayRef, const QString &idempotencyKey, Callback done)
{
    send(Operation::Void, Body::PaymentIntent, "POST", gatewayRef, QStringLiteral("/v1/payment_intents/%1/cancel").arg(gatewayRef), {},
         idempotencyKey, std::move(done));
}

void HttpGateway::refund(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done)
{
    send(Operation::Refund, Body::Refund, "POST", gatewayRef, QStringLiteral("/v1/refunds"),
         {{QStringLiteral("payment_intent"), gatewayRef},
          {QStringLiteral("amount"), QString::number(amountMinor)},
          // Ours, so the gateway's later reports about this refund find it even when its answer
          // to this call never arrived (refundReportFromEvent).
          {QStringLiteral("metadata[refund_no]"), idempotencyKey}},
         idempotencyKey, std::move(done));
}

void HttpGateway::status(const QString &gatewayRef, Callback done)
{
    send(Operation::Status, Body::PaymentIntent, "GET", gatewayRef, QStringLiteral("/v1/payment_intents/%1").arg(gatewayRef), {}, {},
         std::move(done));
}

void HttpGateway::checkConnection(Callback done)
{
    send(Operation::Status, Body::List, "GET", std::nullopt, QStringLiteral("/v1/payment_intents?limit=1"), {}, {}, std::move(done));
}

void HttpGateway::send(Operation operation, Body body, const QByteArray &verb, const std::optional<QString> &ref, const QString &path,
                       const QList<std::pair<QString, QString>> &form, const QString &idempotencyKey, Callback done)
{
    auto refuse = [this, &done](const QString &code, const QString &message) {
        GatewayResult r = refusedHere(code, message);
        QMetaObject::invokeMethod(
            this, [done = std::move(done), r] { done(r); }, Qt::QueuedConnection);
    };
    const QUrl &base = m_config.baseUrl;
    if (!base.isValid() || base.host().isEmpty() || (base.scheme() != u"https" && base.scheme() != u"http")) {
        refuse(QStringLiteral("configuration"), tr("The payment gateway URL \"%1\" is not an http(s) address. Set it in Settings › Payments.")
                                                    .arg(base.toString()));
        return;
    }
    // The secret key never travels in clear text beyond this computer.
    if (base.scheme() == u"http" && !QHostAddress(base.host()).isLoopback() && base.host() != u"localhost") {
        refuse(QStringLiteral("configuration"),
               tr("The payment gateway URL must start with https:// (plain http:// only to this computer)."));
        return;
    }
    if (m_config.secretKey.isEmpty()) {
        refuse(QStringLiteral("configuration"), tr("No secret key for the payment gateway. Enter it in Settings › Payments."));
        return;
    }
    const bool post = verb == "POST";
    if (post && (idempotencyKey.isEmpty() || idempotencyKey.size() > 255)) {
        refuse(QStringLiteral("idempotency_key"), tr("A payment call needs an idempotency key of 1 to 255 characters."));
        return;
    }
    // A reference from elsewhere goes into the path or the body: only the characters gateways use.
    if (ref && !isValidRef(*ref)) {
        refuse(QStringLiteral("resource_missing"), tr("\"%1\" is not a payment reference.").arg(ref->left(60)));
        return;
    }

    QString basePath = base.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QUrl url = base;
    const qsizetype queryAt = path.indexOf(u'?');
    url.setPath(basePath + path.left(queryAt));
    if (queryAt >= 0)
        url.setQuery(path.mid(queryAt + 1));

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_config.secretKey.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("ChargeDesk/%1").arg(QStringLiteral(CHARGEDESK_VERSION)));
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nullptr;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());
        reply = m_network->post(request, formBody(form));
    } else {
        reply = m_network->get(request);
    }

    auto timedOut = std::make_shared<bool>(false);
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    deadline->start(m_config.timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply, operation, body, timedOut, done = std::move(done)] {
        reply->deleteLater();
        finished(reply, operation, body, *timedOut, done);
    });
}

QString HttpGateway::refusal(int httpStatus, const QString &code, const QString &message) const
{
    switch (httpStatus) {
    case 401:
        return tr("The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.").arg(message);
    case 402:
        return tr("The card was declined (%1): %2").arg(code, message);
    case 404:
        return tr("The payment gateway does not know this payment (HTTP 404): %1").arg(message);
    default:
        break;
    }
    return tr("The payment gateway refused the call (HTTP %1, %2): %3").arg(httpStatus).arg(code, message);
}

void HttpGateway::finished(QNetworkReply *reply, Operation operation, Body body, bool timedOut, const Callback &done)
{
    GatewayResult r;
    const QString where = m_config.baseUrl.host();
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->isOpen() ? reply->readAll() : QByteArray();
    r.raw = QString::fromUtf8(bytes);

    if (timedOut) {
        r.outcome = Outcome::Unknown;
        r.errorCode = QStringLiteral("timeout");
        r.error = tr("No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent "
                     "again with the same idempotency key.")
                      .arg(where)
                      .arg(m_config.timeoutMs / 1000.0);
        done(r);
        return;
    }
    if (r.httpStatus == 0) {
        r.outcome = Outcome::Unknown;
        r.errorCode = QStringLiteral("connection");
        r.error = tr("Cannot reach the payment gateway at %1: %2").arg(where, reply->errorString());
        done(r);
        return;
    }

    const json answer = json::parse(bytes.toStdString(), nullptr, false);
    if (answer.is_discarded() || !answer.is_object()) {
        // 5xx pages from proxies are HTML: the call may or may not have happened.
        r.outcome = r.httpStatus >= 500 || r.httpStatus == 0 ? Outcome::Unknown : Outcome::Refused;
        r.errorCode = QStringLiteral("unreadable");
        r.error = tr("The payment gateway answered HTTP %1 with something that is not JSON.").arg(r.httpStatus);
        done(r);
        return;
    }

    if (r.httpStatus >= 200 && r.httpStatus < 300) {
        r.outcome = Outcome::Done;
        switch (body) {
        case Body::PaymentIntent:
            readIntent(answer, r);
            if (r.gatewayRef.isEmpty()) {
                r.outcome = Outcome::Unknown;
                r.errorCode = QStringLiteral("unreadable");
                r.error = tr("The payment gateway's answer names no payment.");
            }
            break;
        case Body::Refund: {
            r.gatewayRef = text(answer, "payment_intent");
            r.refundRef = text(answer, "id");
            r.refundedMinor = number(answer, "amount");
            r.currency = text(answer, "currency").toUpper();
            const QString refundStatus = text(answer, "status");
            if (refundStatus == u"failed" || refundStatus == u"canceled") {
                r.outcome = Outcome::Refused;
                r.errorCode = QStringLiteral("refund_%1").arg(refundStatus);
                r.error = tr("The payment gateway could not refund: %1").arg(text(answer, "failure_reason"));
            } else if (refundStatus == u"pending" || refundStatus == u"requires_action") {
                r.pending = true;
            }
            break;
        }
        case Body::List:
            break;
        }
        done(r);
        return;
    }

    const json error = answer.contains("error") ? answer["error"] : json::object();
    r.errorCode = text(error, "code");
    if (r.errorCode.isEmpty())
        r.errorCode = text(error, "type");
    if (const QString decline = text(error, "decline_code"); !decline.isEmpty())
        r.errorCode += u'/' + decline;
    QString message = text(error, "message");
    if (message.isEmpty())
        message = tr("no explanation given");
    if (error.contains("payment_intent"))
        readIntent(error["payment_intent"], r);

    if (r.httpStatus == 409 || r.httpStatus == 429 || r.httpStatus >= 500) {
        r.outcome = Outcome::Unknown;
        r.error = tr("The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with "
                     "the same idempotency key.")
                      .arg(r.httpStatus)
                      .arg(message);
    } else {
        r.outcome = Outcome::Refused;
        r.error = refusal(r.httpStatus, r.errorCode, message);
        if (operation == Operation::Hold)
            r.status = HoldStatus::Failed;  // declined or refused: this hold will not hold anything
    }
    done(r);
}

}  // namespace cd::payments
