#include "core/ocpp/callerror.h"

#include "core/ocpp/rpcframe.h"

namespace cd::ocpp {

std::string encodeCallError(ProtocolVersion version, const QString &messageId, const RpcError &error)
{
    QString description = error.description;
    if (description.size() > kMaxErrorDescriptionLength) {
        qsizetype keep = kMaxErrorDescriptionLength - 1;
        if (description.at(keep - 1).isHighSurrogate())
            --keep;
        description.truncate(keep);
        description.append(QChar(0x2026));  // …
    }
    const nlohmann::json details = error.details.is_object() ? error.details : nlohmann::json::object();
    return dumpJson(
        nlohmann::json::array({static_cast<int>(MessageType::CallError), messageId.toStdString(),
                               wireErrorCode(version, error.kind).toStdString(), description.toStdString(), details}));
}

}  // namespace cd::ocpp
