#pragma once
// Checks a WebSocket upgrade request before the upgrade: the parts that need no database.
// Pure functions, so every rule is testable from a table. The order of the checks:
//   1. a valid RFC 6455 upgrade (GET, HTTP/1.1, Host, Upgrade, Connection, key, version 13)
//                                          -> 400 / 405 / 426 / 505
//   2. path <prefix>/<chargePointId>, id percent-decoded, 1..48 chars, no '/', no controls -> 404
//   3. Sec-WebSocket-Protocol offered at all (unless versionWhenNoneOffered)              -> 400
//   4. security profiles 1 and 2: Authorization: Basic present and well-formed, user == id -> 401
//   5. the subprotocol: the station's first offer that we serve; none served -> the caller
//      completes the upgrade without a subprotocol and closes at once (OCPP-J 1.6 s4.1.2 /
//      2.0.1 Part 4 s3.1.2: "complete the handshake without a Sec-WebSocket-Protocol header
//      and then immediately close").
// The CentralSystem then checks, for profile 3, that the client certificate's CN is the id (401),
// and the directory (StationDirectory::admit) decides the rest: unknown station 404, wrong
// password 401.

#include "core/ocpp/protocolversion.h"
#include "core/server/connectionstats.h"
#include "core/server/httprequesthead.h"
#include "core/server/httpresponse.h"
#include "core/server/serveroptions.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace cd::server {

inline constexpr int kMaxChargePointIdLength = 48;  // code points, as OCPP 2.0.1 identity

struct BasicCredentials {
    QString user;
    QByteArray password;  // may be binary: OCPP recommends random keys
};

struct UpgradeRefusal {
    RefusalReason reason = RefusalReason::BadRequest;
    HttpErrorResponse response;
    QString detail;  // English, for the operator log; never contains a password
};

struct UpgradeCandidate {
    QString chargePointId;
    // nullopt: the station offered only subprotocols we do not serve (see step 5 above).
    std::optional<ocpp::ProtocolVersion> version;
    QStringList offeredSubprotocols;
    std::optional<BasicCredentials> credentials;
};

using UpgradeCheck = std::variant<UpgradeCandidate, UpgradeRefusal>;

UpgradeCheck checkUpgradeRequest(const HttpRequestHead &head, const ServerOptions &options);

// The charge point id named by a request-target (origin-form or absolute-form; query and
// fragment ignored), or nullopt if the path is not <prefix>/<one valid segment>.
std::optional<QString> chargePointIdFromTarget(QByteArrayView target, const QString &prefix);

// Parses "Basic <base64(user:password)>". When the decoded text starts with "<chargePointId>:",
// that prefix is the user (ids may contain ':'); otherwise the user ends at the first ':'.
std::optional<BasicCredentials> parseBasicAuthorization(QByteArrayView value, const QString &chargePointId);

// The first of `offered` (station's order) that is in `served`.
std::optional<ocpp::ProtocolVersion> negotiateSubprotocol(const QStringList &offered,
                                                         const QList<ocpp::ProtocolVersion> &served);

// Standard refusals, also used for the directory's answers.
UpgradeRefusal refuseNotFound(RefusalReason reason, const QString &detail);
UpgradeRefusal refuseUnauthorized(const QString &detail);
UpgradeRefusal refuseHeadTooLarge(qsizetype limit);
UpgradeRefusal refuseTimeout();
UpgradeRefusal refuseOverloaded();
// Plain HTTP sent to a TLS port: answered in plain text, so the station's log says why.
UpgradeRefusal refusePlainTextOnTlsPort();
// Profile 3: the client certificate does not name the station (certificateCn may be empty).
UpgradeRefusal refuseCertificateMismatch(const QString &certificateCn, const QString &chargePointId);

}  // namespace cd::server
