#include "core/server/upgradecheck.h"

#include <QStringDecoder>

namespace cd::server {
namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict percent-decoding: every '%' must start a valid escape.
std::optional<QByteArray> percentDecode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '%') {
            out.append(c);
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int hi = hexValue(text[i + 1]);
        const int lo = hexValue(text[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.append(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

bool isValidChargePointId(const QString &id)
{
    if (id.isEmpty() || id.contains(QLatin1Char('/')))
        return false;
    const QList<uint> codePoints = id.toUcs4();
    if (codePoints.size() > kMaxChargePointIdLength)
        return false;
    for (const uint cp : codePoints) {
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))  // C0, DEL, C1 controls
            return false;
    }
    return true;
}

QByteArrayView pathOfTarget(QByteArrayView target)
{
    if (!target.startsWith('/')) {
        // absolute-form: scheme://authority/path
        const qsizetype scheme = target.indexOf("://");
        if (scheme <= 0)
            return {};
        const qsizetype slash = target.indexOf('/', scheme + 3);
        if (slash < 0)
            return {};
        target = target.sliced(slash);
    }
    const qsizetype query = target.indexOf('?');
    if (query >= 0)
        target = target.first(query);
    const qsizetype fragment = target.indexOf('#');
    if (fragment >= 0)
        target = target.first(fragment);
    return target;
}

UpgradeRefusal refusal(RefusalReason reason, int status, QByteArray body, QString detail)
{
    UpgradeRefusal r;
    r.reason = reason;
    r.response.status = status;
    r.response.body = std::move(body);
    r.detail = std::move(detail);
    return r;
}

QByteArray servedList(const QList<ocpp::ProtocolVersion> &served)
{
    QByteArray out;
    for (const ocpp::ProtocolVersion v : served) {
        if (!out.isEmpty())
            out += ", ";
        out += ocpp::subprotocolName(v).toLatin1();
    }
    return out;
}

// Step 1: a valid RFC 6455 opening handshake.
std::optional<UpgradeRefusal> checkWebSocketHandshake(const HttpRequestHead &head)
{
    if (head.method != "GET") {
        UpgradeRefusal r = refusal(RefusalReason::BadRequest, 405, "Only GET can open a WebSocket.\n",
                                   QStringLiteral("method %1").arg(QString::fromLatin1(head.method)));
        r.response.extraHeaders.emplaceBack("Allow", "GET");
        return r;
    }
    if (head.httpVersion != "HTTP/1.1")
        return refusal(RefusalReason::BadRequest, 505, "WebSocket needs HTTP/1.1.\n",
                       QStringLiteral("HTTP version %1").arg(QString::fromLatin1(head.httpVersion)));
    if (head.count("host") != 1)
        return refusal(RefusalReason::BadRequest, 400, "Exactly one Host header is required.\n",
                       QStringLiteral("missing or repeated Host header"));
    if (!head.hasToken("upgrade", "websocket")) {
        UpgradeRefusal r = refusal(RefusalReason::BadRequest, 426, "This endpoint serves OCPP over WebSocket only.\n",
                                   QStringLiteral("not a WebSocket upgrade"));
        r.response.extraHeaders.emplaceBack("Upgrade", "websocket");
        return r;
    }
    if (!head.hasToken("connection", "upgrade"))
        return refusal(RefusalReason::BadRequest, 400, "Connection: Upgrade is required.\n",
                       QStringLiteral("Connection header without the upgrade token"));
    const QList<QByteArray> version = head.values("sec-websocket-version");
    if (version.size() != 1 || version.first() != "13") {
        UpgradeRefusal r = refusal(RefusalReason::BadRequest, 426, "Only WebSocket version 13 is supported.\n",
                                   QStringLiteral("unsupported Sec-WebSocket-Version"));
        r.response.extraHeaders.emplaceBack("Sec-WebSocket-Version", "13");
        return r;
    }
    const QList<QByteArray> key = head.values("sec-websocket-key");
    if (key.size() != 1
        || QByteArray::fromBase64Encoding(key.first(), QByteArray::AbortOnBase64DecodingErrors).decoded.size() != 16)
        return refusal(RefusalReason::BadRequest, 400, "A valid Sec-WebSocket-Key is required.\n",
                       QStringLiteral("missing or invalid Sec-WebSocket-Key"));
    return std::nullopt;
}

}  // namespace

std::optional<QString> chargePointIdFromTarget(QByteArrayView target, const QString &prefix)
{
    const QByteArrayView path = pathOfTarget(target);
    const QByteArray expected = prefix.toUtf8() + '/';
    if (!path.startsWith(expected))
        return std::nullopt;
    const QByteArrayView segment = path.sliced(expected.size());
    if (segment.isEmpty() || segment.contains('/'))
        return std::nullopt;
    const std::optional<QByteArray> bytes = percentDecode(segment);
    if (!bytes)
        return std::nullopt;
    std::optional<QString> id = strictUtf8(*bytes);
    if (!id || !isValidChargePointId(*id))
        return std::nullopt;
    return id;
}

std::optional<BasicCredentials> parseBasicAuthorization(QByteArrayView value, const QString &chargePointId)
{
    value = value.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return std::nullopt;
    if (value.first(space).toByteArray().toLower() != "basic")
        return std::nullopt;
    const QByteArrayView token = value.sliced(space + 1).trimmed();
    if (token.isEmpty() || token.contains(' '))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(token.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &userPass = decoded.decoded;

    const QByteArray idPrefix = chargePointId.toUtf8() + ':';
    if (!chargePointId.isEmpty() && userPass.startsWith(idPrefix))
        return BasicCredentials{chargePointId, userPass.sliced(idPrefix.size())};
    const qsizetype colon = userPass.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    return BasicCredentials{QString::fromUtf8(userPass.first(colon)), userPass.sliced(colon + 1)};
}

std::optional<ocpp::ProtocolVersion> negotiateSubprotocol(const QStringList &offered,
                                                         const QList<ocpp::ProtocolVersion> &served)
{
    for (const QString &name : offered) {
        const std::optional<ocpp::ProtocolVersion> version = ocpp::protocolVersionFromSubprotocol(name);
        if (version && served.contains(*version))
            return version;
    }
    return std::nullopt;
}

UpgradeCheck checkUpgradeRequest(const HttpRequestHead &head, const ServerOptions &options)
{
    if (std::optional<UpgradeRefusal> bad = checkWebSocketHandshake(head))
        return std::move(*bad);

    UpgradeCandidate candidate;
    std::optional<QString> id = chargePointIdFromTarget(head.target, options.pathPrefix);
    if (!id)
        return refuseNotFound(RefusalReason::BadPath,
                              QStringLiteral("path %1 does not name a charge point")
                                  .arg(QString::fromLatin1(head.target.left(200))));
    candidate.chargePointId = *id;

    for (const QByteArray &offer : head.listValues("sec-websocket-protocol"))
        candidate.offeredSubprotocols.append(QString::fromLatin1(offer));
    if (candidate.offeredSubprotocols.isEmpty()) {
        if (!options.versionWhenNoneOffered || !options.protocols.contains(*options.versionWhenNoneOffered))
            return refusal(RefusalReason::NoSubprotocol, 400,
                           "Sec-WebSocket-Protocol must offer one of: " + servedList(options.protocols) + ".\n",
                           QStringLiteral("no subprotocol offered"));
        candidate.version = options.versionWhenNoneOffered;
    } else {
        candidate.version = negotiateSubprotocol(candidate.offeredSubprotocols, options.protocols);
    }

    const QList<QByteArray> authorization = head.values("authorization");
    if (authorization.size() == 1)
        candidate.credentials = parseBasicAuthorization(authorization.first(), candidate.chargePointId);
    if (usesBasicAuth(options.securityProfile)) {
        if (authorization.isEmpty())
            return refuseUnauthorized(QStringLiteral("no Authorization header"));
        if (authorization.size() > 1)
            return refuseUnauthorized(QStringLiteral("repeated Authorization header"));
        if (!candidate.credentials)
            return refuseUnauthorized(QStringLiteral("Authorization is not well-formed Basic"));
        if (candidate.credentials->user != candidate.chargePointId)
            return refuseUnauthorized(QStringLiteral("Basic auth user does not equal the charge point id"));
    }
    return candidate;
}

UpgradeRefusal refuseNotFound(RefusalReason reason, const QString &detail)
{
    return refusal(reason, 404, "Not Found\n", detail);
}

UpgradeRefusal refuseUnauthorized(const QString &detail)
{
    UpgradeRefusal r = refusal(RefusalReason::Unauthorized, 401, "Unauthorized\n", detail);
    r.response.extraHeaders.emplaceBack("WWW-Authenticate", "Basic realm=\"ChargeDesk\"");
    return r;
}

UpgradeRefusal refuseHeadTooLarge(qsizetype limit)
{
    return refusal(RefusalReason::HeadTooLarge, 431, "Request header fields too large.\n",
                   QStringLiteral("request head over %1 bytes").arg(limit));
}

UpgradeRefusal refuseTimeout()
{
    return refusal(RefusalReason::HandshakeTimeout, 408, "Request Timeout\n",
                   QStringLiteral("request head not received in time"));
}

UpgradeRefusal refuseOverloaded()
{
    UpgradeRefusal r = refusal(RefusalReason::Overloaded, 503, "Too many connection attempts; retry later.\n",
                               QStringLiteral("too many handshakes in progress"));
    r.response.extraHeaders.emplaceBack("Retry-After", "10");
    return r;
}

UpgradeRefusal refusePlainTextOnTlsPort()
{
    return refusal(RefusalReason::TlsRequired, 400, "This port requires TLS: connect with wss://.\n",
                   QStringLiteral("plain HTTP on the TLS port"));
}

UpgradeRefusal refuseCertificateMismatch(const QString &certificateCn, const QString &chargePointId)
{
    // No WWW-Authenticate: Basic credentials would not help; the station needs its own certificate.
    // Both names come from the network: quoted, bounded.
    return refusal(RefusalReason::CertificateMismatch, 401, "Unauthorized\n",
                   QStringLiteral("client certificate CN \"%1\" is not the charge point id \"%2\"")
                       .arg(certificateCn.left(64), chargePointId));
}

}  // namespace cd::server
