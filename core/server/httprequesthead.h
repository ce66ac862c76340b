#pragma once
// The head of an HTTP/1.1 request (request line + header fields), as read before the WebSocket
// upgrade. Only what a WebSocket handshake needs: no bodies, no chunking, no obs-fold.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace cd::server {

struct HttpRequestHead {
    QByteArray method;       // "GET"
    QByteArray target;       // request-target as sent, e.g. "/ocpp/CP%201"
    QByteArray httpVersion;  // "HTTP/1.1"
    // Field names lower-cased, values with surrounding whitespace removed, in arrival order.
    QList<std::pair<QByteArray, QByteArray>> headers;

    // Every value of a field (name compared case-insensitively).
    QList<QByteArray> values(QByteArrayView name) const;
    // The first value of a field.
    std::optional<QByteArray> value(QByteArrayView name) const;
    qsizetype count(QByteArrayView name) const;
    // Comma-separated list elements of every value of a field, trimmed, empty ones dropped.
    QList<QByteArray> listValues(QByteArrayView name) const;
    // True when the comma-separated list field contains `token` (case-insensitive).
    bool hasToken(QByteArrayView name, QByteArrayView token) const;
};

// Size of the head in `buffer` including the blank line that ends it, or nullopt while it is
// incomplete.
std::optional<qsizetype> findHeadEnd(QByteArrayView buffer);

// Parses a complete head (as delimited by findHeadEnd). On malformed input returns nullopt and,
// when `problem` is given, a short English description for the log.
std::optional<HttpRequestHead> parseRequestHead(QByteArrayView head, QString *problem = nullptr);

}  // namespace cd::server
