#pragma once
// A plain HTTP request the station server's listener serves besides the WebSocket upgrade (the
// payment gateway's webhook). CentralSystem reads the request head as for any connection; when
// method and path match a registered route, it hands the socket over: from then on the route
// reads the body (the head is still in the socket: skip headSize bytes first), answers and closes.

#include "core/server/httprequesthead.h"

class QTcpSocket;

namespace cd::server {

class HttpRoute {
public:
    virtual ~HttpRoute() = default;
    // Takes the socket (re-parent it; CentralSystem no longer watches it). On the server's thread.
    virtual void take(QTcpSocket *socket, const HttpRequestHead &head, qsizetype headSize) = 0;
};

}  // namespace cd::server
