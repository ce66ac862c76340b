#include "core/server/httprequesthead.h"

namespace cd::server {
namespace {

constexpr QByteArrayView kCrlf("\r\n");
constexpr QByteArrayView kHeadEnd("\r\n\r\n");

// RFC 9110 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Visible ASCII and obs-text; no controls (HTAB is allowed inside field values only).
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isTargetText(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return true;
}

std::optional<HttpRequestHead> fail(QString *problem, const QString &text)
{
    if (problem)
        *problem = text;
    return std::nullopt;
}

}  // namespace

QList<QByteArray> HttpRequestHead::values(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    QList<QByteArray> result;
    for (const auto &[field, value] : headers) {
        if (field == lower)
            result.append(value);
    }
    return result;
}

std::optional<QByteArray> HttpRequestHead::value(QByteArrayView name) const
{
    const QList<QByteArray> all = values(name);
    if (all.isEmpty())
        return std::nullopt;
    return all.first();
}

qsizetype HttpRequestHead::count(QByteArrayView name) const
{
    return values(name).size();
}

QList<QByteArray> HttpRequestHead::listValues(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const QByteArray &value : values(name)) {
        for (const QByteArray &element : value.split(',')) {
            const QByteArray trimmed = element.trimmed();
            if (!trimmed.isEmpty())
                result.append(trimmed);
        }
    }
    return result;
}

bool HttpRequestHead::hasToken(QByteArrayView name, QByteArrayView token) const
{
    const QByteArray wanted = token.toByteArray().toLower();
    for (const QByteArray &element : listValues(name)) {
        if (element.toLower() == wanted)
            return true;
    }
    return false;
}

std::optional<qsizetype> findHeadEnd(QByteArrayView buffer)
{
    const qsizetype at = buffer.indexOf(kHeadEnd);
    if (at < 0)
        return std::nullopt;
    return at + kHeadEnd.size();
}

std::optional<HttpRequestHead> parseRequestHead(QByteArrayView head, QString *problem)
{
    if (!head.endsWith(kHeadEnd))
        return fail(problem, QStringLiteral("request head not terminated by an empty line"));
    head.chop(kHeadEnd.size());  // what is left: request line, then CRLF-separated fields

    HttpRequestHead result;
    qsizetype pos = 0;
    bool first = true;
    while (pos <= head.size()) {
        qsizetype end = head.indexOf(kCrlf, pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + kCrlf.size();

        if (line.contains('\n') || line.contains('\r'))
            return fail(problem, QStringLiteral("bare CR or LF in the request head"));

        if (first) {
            first = false;
            const QList<QByteArray> parts = line.toByteArray().split(' ');
            if (parts.size() != 3)
                return fail(problem, QStringLiteral("malformed request line"));
            if (!isToken(parts[0]))
                return fail(problem, QStringLiteral("malformed method"));
            if (!isTargetText(parts[1]))
                return fail(problem, QStringLiteral("malformed request target"));
            if (!parts[2].startsWith("HTTP/") || parts[2].size() != 8)
                return fail(problem, QStringLiteral("malformed HTTP version"));
            result.method = parts[0];
            result.target = parts[1];
            result.httpVersion = parts[2];
            continue;
        }

        if (line.isEmpty())
            return fail(problem, QStringLiteral("empty header line"));
        if (line.front() == ' ' || line.front() == '\t')
            return fail(problem, QStringLiteral("folded header line"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(problem, QStringLiteral("header line without a field name"));
        const QByteArrayView name = line.first(colon);
        if (!isToken(name))
            return fail(problem, QStringLiteral("malformed header field name"));
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (!isFieldValue(value))
            return fail(problem, QStringLiteral("control character in a header value"));
        result.headers.append({name.toByteArray().toLower(), value.toByteArray()});
    }
    if (first)
        return fail(problem, QStringLiteral("empty request"));
    return result;
}

}  // namespace cd::server
