#pragma once
// The HTTP error responses the server writes itself before (instead of) a WebSocket upgrade.

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <utility>

namespace cd::server {

struct HttpErrorResponse {
    int status = 400;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;  // e.g. WWW-Authenticate
    QByteArray body;                                        // short plain text for a human reading a trace

    // Status line, Date, Content-Type, Content-Length, Connection: close, extra headers, body.
    QByteArray serialize(const QDateTime &nowUtc) const;
};

// "Not Found" for 404 and so on; "Error" for a code it does not know.
QByteArray httpReasonPhrase(int status);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(const QDateTime &utc);

}  // namespace cd::server
