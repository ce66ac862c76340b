#pragma once
// Test helpers for core/ocpp: QCOMPARE-printable protocol enums (found by QTest through ADL) and
// QCOMPARE_JSON for nlohmann::json values (QCOMPARE itself trips over json's converting
// templates), which compares the compact text so a failure shows both documents.

#include "core/ocpp/rpcendpoint.h"
#include "core/ocpp/rpcerror.h"
#include "core/ocpp/rpcframe.h"

#include <QString>
#include <QTest>

#include <nlohmann/json.hpp>

#define QCOMPARE_JSON(actual, expected)                             \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), \
             QString::fromStdString(nlohmann::json(expected).dump()))

namespace cd::ocpp {

inline char *toString(ErrorKind kind)
{
    return qstrdup(qPrintable(errorKindName(kind)));
}

inline char *toString(FrameFault fault)
{
    return qstrdup(qPrintable(frameFaultName(fault)));
}

inline char *toString(MessageType type)
{
    return qstrdup(QByteArray::number(int(type)).constData());
}

inline char *toString(const std::optional<MessageType> &type)
{
    return type ? toString(*type) : qstrdup("(none)");
}

inline char *toString(ProtocolVersion version)
{
    return qstrdup(qPrintable(subprotocolName(version)));
}

inline char *toString(PayloadKind kind)
{
    return qstrdup(kind == PayloadKind::Request ? "Request" : "Response");
}

inline char *toString(FrameDirection direction)
{
    return qstrdup(direction == FrameDirection::Incoming ? "Incoming" : "Outgoing");
}

inline char *toString(CallFailure::Reason reason)
{
    static const char *const names[] = {"CallError", "InvalidResponse", "Timeout", "Rejected", "Aborted"};
    return qstrdup(names[int(reason)]);
}

// v16::ErrorCode / v201::ErrorCode already have toString() (returning QString): compare those.

}  // namespace cd::ocpp
