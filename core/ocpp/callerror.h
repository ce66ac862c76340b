#pragma once
// The one place a CALLERROR frame is made.
//
//   [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]
//
// The error code is the version's spelling of error.kind (wireErrorCode()); the description is
// capped at kMaxErrorDescriptionLength characters; details are always a JSON object.

#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcerror.h"

#include <QString>

#include <string>

namespace cd::ocpp {

inline constexpr qsizetype kMaxErrorDescriptionLength = 255;

std::string encodeCallError(ProtocolVersion version, const QString &messageId, const RpcError &error);

}  // namespace cd::ocpp
