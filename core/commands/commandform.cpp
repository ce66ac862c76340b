#include "core/commands/commandform.h"

#include "core/ocpp/schemaregistry.h"

namespace cd::commands {

using nlohmann::ordered_json;

namespace {

constexpr int kMaxDepth = 4;

const ordered_json &resolve(const ordered_json &schema, const ordered_json &root)
{
    const auto ref = schema.find("$ref");
    if (ref == schema.end() || !ref->is_string())
        return schema;
    const std::string text = ref->get<std::string>();
    const std::string prefix = "#/definitions/";
    if (text.rfind(prefix, 0) != 0)
        return schema;
    const auto defs = root.find("definitions");
    if (defs == root.end())
        return schema;
    const auto found = defs->find(text.substr(prefix.size()));
    return found == defs->end() ? schema : *found;
}

void collect(const ordered_json &object, const ordered_json &root, const QStringList &above, bool requiredAbove,
             QList<CommandField> &out)
{
    const auto properties = object.find("properties");
    if (properties == object.end() || !properties->is_object())
        return;
    QStringList required;
    if (const auto r = object.find("required"); r != object.end() && r->is_array()) {
        for (const auto &name : *r)
            required << QString::fromStdString(name.get<std::string>());
    }
    for (auto it = properties->begin(); it != properties->end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (name == u"customData")
            continue;
        const ordered_json &schema = resolve(it.value(), root);
        CommandField field;
        field.names = above;
        field.names << name;
        field.path = field.names.join(u'/');
        field.required = requiredAbove && required.contains(name);
        const std::string type = schema.value("type", std::string());
        if (type == "object" && schema.contains("properties") && field.names.size() < kMaxDepth) {
            collect(schema, root, field.names, field.required, out);
            continue;
        }
        if (const auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
            field.kind = CommandField::Kind::Choice;
            for (const auto &value : *e)
                field.choices << QString::fromStdString(value.get<std::string>());
        } else if (type == "integer") {
            field.kind = CommandField::Kind::Integer;
        } else if (type == "number") {
            field.kind = CommandField::Kind::Number;
        } else if (type == "boolean") {
            field.kind = CommandField::Kind::Boolean;
        } else if (type == "string") {
            field.kind = schema.value("format", std::string()) == "date-time" ? CommandField::Kind::DateTime
                                                                              : CommandField::Kind::Text;
            field.maxLength = schema.value("maxLength", 0);
        } else {
            field.kind = CommandField::Kind::Json;  // arrays, open objects
        }
        out << field;
    }
}

}  // namespace

QList<CommandField> commandFields(ocpp::ProtocolVersion version, const QString &action)
{
    const ocpp::CompiledSchema *schema =
        ocpp::SchemaRegistry::builtin().find(version, action, ocpp::PayloadKind::Request);
    if (!schema)
        return {};
    QList<CommandField> fields;
    collect(schema->source(), schema->source(), {}, true, fields);
    return fields;
}

nlohmann::json valueAt(const nlohmann::json &payload, const QString &path)
{
    const nlohmann::json *at = &payload;
    for (const QString &name : path.split(u'/')) {
        if (!at->is_object())
            return nullptr;
        const auto found = at->find(name.toStdString());
        if (found == at->end())
            return nullptr;
        at = &*found;
    }
    return *at;
}

void setValueAt(nlohmann::json &payload, const QString &path, const nlohmann::json &value)
{
    const QStringList names = path.split(u'/');
    if (!payload.is_object())
        payload = nlohmann::json::object();
    if (names.size() == 1) {
        if (value.is_null())
            payload.erase(names.first().toStdString());
        else
            payload[names.first().toStdString()] = value;
        return;
    }
    const std::string head = names.first().toStdString();
    nlohmann::json &child = payload[head];
    setValueAt(child, names.mid(1).join(u'/'), value);
    if (child.is_object() && child.empty())
        payload.erase(head);
}

}  // namespace cd::commands
