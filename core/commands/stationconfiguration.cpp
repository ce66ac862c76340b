#include "core/commands/stationconfiguration.h"

#include <algorithm>

namespace cd::commands {

Expected<StationConfiguration> ConfigurationText::parse(const QString &answer)
{
    const nlohmann::json conf = nlohmann::json::parse(answer.toStdString(), nullptr, false);
    if (!conf.is_object())
        return Error{ExitCode::Failure, tr("The station's answer is not a GetConfiguration answer.")};
    StationConfiguration out;
    if (const auto keys = conf.find("configurationKey"); keys != conf.end() && keys->is_array()) {
        for (const auto &k : *keys) {
            if (!k.is_object() || !k.contains("key") || !k["key"].is_string())
                continue;
            ConfigurationKey key;
            key.key = QString::fromStdString(k["key"].get<std::string>());
            key.readonly = k.value("readonly", false);
            if (const auto v = k.find("value"); v != k.end() && v->is_string()) {
                key.value = QString::fromStdString(v->get<std::string>());
                key.valueKnown = true;
            }
            out.keys << key;
        }
    }
    if (const auto unknown = conf.find("unknownKey"); unknown != conf.end() && unknown->is_array()) {
        for (const auto &k : *unknown) {
            if (k.is_string())
                out.unknownKeys << QString::fromStdString(k.get<std::string>());
        }
    }
    std::sort(out.keys.begin(), out.keys.end(),
              [](const ConfigurationKey &a, const ConfigurationKey &b) { return a.key.compare(b.key, Qt::CaseInsensitive) < 0; });
    return out;
}

QString ConfigurationText::changeOutcome(const QString &answer, bool *ok)
{
    const nlohmann::json conf = nlohmann::json::parse(answer.toStdString(), nullptr, false);
    const std::string status = conf.is_object() ? conf.value("status", std::string()) : std::string();
    if (ok)
        *ok = status == "Accepted" || status == "RebootRequired";
    if (status == "Accepted")
        return tr("The station took the new value.");
    if (status == "RebootRequired")
        return tr("The station took the new value; it applies after the station restarts.");
    if (status == "Rejected")
        return tr("The station rejected the new value.");
    if (status == "NotSupported")
        return tr("The station does not support this key.");
    return tr("The station answered: %1").arg(answer);
}

}  // namespace cd::commands
