#pragma once
// Session and station events carry a compact JSON object as their detail, so the session log
// can explain each line in plain words and tools can read it back.

#include <QString>

#include <nlohmann/json.hpp>

namespace cd::charging {

inline nlohmann::json jsonText(const QString &text)
{
    return text.toStdString();
}

inline QString detailText(const nlohmann::json &detail)
{
    return QString::fromStdString(detail.dump());
}

}  // namespace cd::charging
