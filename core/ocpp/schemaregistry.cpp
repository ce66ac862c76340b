#include "core/ocpp/schemaregistry.h"

#include "core/ocpp/valijson_p.h"

#include <QFile>
#include <QLoggingCategory>

#include <algorithm>
#include <initializer_list>
#include <string_view>

// Q_INIT_RESOURCE must be used outside any namespace; the schemas live in a static library.
static void initOcppSchemaResources()
{
    Q_INIT_RESOURCE(ocpp_schemas);
}

namespace cd::ocpp {
namespace {

Q_LOGGING_CATEGORY(lcSchemas, "cd.ocpp.schemas")

using nlohmann::json;
using nlohmann::ordered_json;

std::size_t versionIndex(ProtocolVersion version)
{
    return static_cast<std::size_t>(version);
}

bool isAnyOf(std::string_view key, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), key) != names.end();
}

// A copy of a schema for valijson without the keywords the validator checks itself. Walks
// only schema positions, so a *property* named "format" (1.6 SampledValue) is kept.
json engineCopy(const ordered_json &schema)
{
    if (!schema.is_object())
        return json(schema);
    json out = json::object();
    for (const auto &[key, value] : schema.items()) {
        if (key == "format" || key == "multipleOf")
            continue;
        if (isAnyOf(key, {"properties", "definitions", "patternProperties", "dependencies"}) && value.is_object()) {
            json map = json::object();
            for (const auto &[name, sub] : value.items())
                map[name] = sub.is_object() ? engineCopy(sub) : json(sub);
            out[key] = std::move(map);
        } else if (isAnyOf(key, {"items", "allOf", "anyOf", "oneOf"}) && value.is_array()) {
            json list = json::array();
            for (const ordered_json &sub : value)
                list.push_back(engineCopy(sub));
            out[key] = std::move(list);
        } else if (isAnyOf(key, {"items", "additionalItems", "additionalProperties", "not", "propertyNames", "contains",
                                 "if", "then", "else"}) &&
                   value.is_object()) {
            out[key] = engineCopy(value);
        } else {
            out[key] = json(value);
        }
    }
    return out;
}

struct SchemaId {
    QString action;
    PayloadKind kind = PayloadKind::Request;
};

std::optional<SchemaId> parseSchemaId(const std::string &id)
{
    static constexpr std::string_view prefix = "urn:";
    if (id.rfind(prefix, 0) != 0)
        return std::nullopt;
    const std::string_view rest = std::string_view(id).substr(prefix.size());
    struct Suffix {
        std::string_view text;
        PayloadKind kind;
    };
    static constexpr Suffix suffixes[] = {{".req", PayloadKind::Request},
                                          {".conf", PayloadKind::Response},
                                          {"Request", PayloadKind::Request},
                                          {"Response", PayloadKind::Response}};
    for (const Suffix &s : suffixes) {
        if (rest.size() > s.text.size() && rest.substr(rest.size() - s.text.size()) == s.text) {
            const std::string_view action = rest.substr(0, rest.size() - s.text.size());
            return SchemaId{QString::fromUtf8(action.data(), qsizetype(action.size())), s.kind};
        }
    }
    return std::nullopt;
}

}  // namespace

CompiledSchema::CompiledSchema(ProtocolVersion version, QString action, PayloadKind kind, ordered_json source,
                               std::unique_ptr<valijson::Schema> engine)
    : m_version(version),
      m_action(std::move(action)),
      m_kind(kind),
      m_source(std::move(source)),
      m_engine(std::move(engine))
{
}

CompiledSchema::~CompiledSchema() = default;

SchemaRegistry::SchemaRegistry() = default;
SchemaRegistry::~SchemaRegistry() = default;
SchemaRegistry::SchemaRegistry(SchemaRegistry &&) noexcept = default;
SchemaRegistry &SchemaRegistry::operator=(SchemaRegistry &&) noexcept = default;

QString SchemaRegistry::resourcePath(ProtocolVersion version)
{
    switch (version) {
        case ProtocolVersion::Ocpp16:
            return QStringLiteral(":/ocpp/schemas/ocpp1_6.json");
        case ProtocolVersion::Ocpp201:
            return QStringLiteral(":/ocpp/schemas/ocpp2_0_1.json");
        case ProtocolVersion::Ocpp21:
            return QStringLiteral(":/ocpp/schemas/ocpp2_1.json");
    }
    return {};
}

const SchemaRegistry &SchemaRegistry::builtin()
{
    static const SchemaRegistry registry = [] {
        initOcppSchemaResources();
        SchemaRegistry r;
        for (const ProtocolVersion v : {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201, ProtocolVersion::Ocpp21}) {
            QString error;
            if (!r.addBundleFile(v, resourcePath(v), &error))
                qCCritical(lcSchemas, "embedded OCPP schemas unusable: %s", qUtf8Printable(error));
        }
        return r;
    }();
    return registry;
}

bool SchemaRegistry::addBundleFile(ProtocolVersion version, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return addBundle(version, file.readAll(), error);
}

bool SchemaRegistry::addBundle(ProtocolVersion version, const QByteArray &text, QString *error)
{
    const auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    ordered_json bundle = ordered_json::parse(text.cbegin(), text.cend(), nullptr, /*allow_exceptions=*/false);
    if (bundle.is_discarded() || !bundle.is_array())
        return failWith(QStringLiteral("schema bundle is not a JSON array"));

    QHash<QString, ActionSchemas> added;
    for (ordered_json &source : bundle) {
        const auto idIt = source.find("$id");
        if (!source.is_object() || idIt == source.end() || !idIt->is_string())
            continue;
        const std::string id = idIt->get<std::string>();
        const std::optional<SchemaId> parsed = parseSchemaId(id);
        if (!parsed)
            continue;

        auto engine = std::make_unique<valijson::Schema>();
        try {
            const json forEngine = engineCopy(source);
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
            valijson::adapters::NlohmannJsonAdapter adapter(forEngine);
            parser.populateSchema(adapter, *engine);
        } catch (const std::exception &e) {
            return failWith(
                QStringLiteral("schema %1: %2").arg(QString::fromStdString(id), QString::fromUtf8(e.what())));
        }
        auto compiled = std::make_shared<const CompiledSchema>(version, parsed->action, parsed->kind, std::move(source),
                                                               std::move(engine));
        ActionSchemas &slot = added[parsed->action];
        (parsed->kind == PayloadKind::Request ? slot.request : slot.response) = std::move(compiled);
    }
    if (added.isEmpty())
        return failWith(QStringLiteral("schema bundle holds no OCPP message schema"));

    QHash<QString, ActionSchemas> &target = m_byVersion[versionIndex(version)];
    for (auto it = added.begin(); it != added.end(); ++it) {
        ActionSchemas &slot = target[it.key()];
        if (it->request)
            slot.request = std::move(it->request);
        if (it->response)
            slot.response = std::move(it->response);
    }
    return true;
}

const CompiledSchema *SchemaRegistry::find(ProtocolVersion version, QStringView action, PayloadKind kind) const
{
    const QHash<QString, ActionSchemas> &map = m_byVersion[versionIndex(version)];
    const auto it = map.constFind(action.toString());
    if (it == map.constEnd())
        return nullptr;
    return (kind == PayloadKind::Request ? it->request : it->response).get();
}

bool SchemaRegistry::hasAction(ProtocolVersion version, QStringView action) const
{
    return find(version, action, PayloadKind::Request) != nullptr;
}

QStringList SchemaRegistry::actions(ProtocolVersion version) const
{
    QStringList out;
    const QHash<QString, ActionSchemas> &map = m_byVersion[versionIndex(version)];
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (it->request)
            out.append(it.key());
    }
    std::sort(out.begin(), out.end());
    return out;
}

qsizetype SchemaRegistry::schemaCount() const
{
    qsizetype n = 0;
    for (const auto &map : m_byVersion) {
        for (const ActionSchemas &s : map)
            n += (s.request ? 1 : 0) + (s.response ? 1 : 0);
    }
    return n;
}

}  // namespace cd::ocpp
