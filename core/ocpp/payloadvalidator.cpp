#include "core/ocpp/payloadvalidator.h"

#include "core/ocpp/ajvorder_p.h"
#include "core/ocpp/schemaformats.h"
#include "core/ocpp/valijson_p.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <string>
#include <string_view>

namespace cd::ocpp {
namespace {

using detail::SchemaNode;
using nlohmann::json;

constexpr int kFar = INT_MAX;
constexpr int kMaxWalkDepth = 64;
constexpr qsizetype kMaxQuotedLength = 64;

struct Step {
    bool isIndex = false;
    std::string key;
    std::size_t index = 0;
};

// One violation as found, before it is phrased.
struct Found {
    std::vector<Step> path;  // the value whose keyword failed
    std::string keyword;     // ajv's name; empty when the engine's words could not be classified
    std::string property;    // the missing / extra property for required / additionalProperties
    std::string engineText;  // valijson's description, for the unclassified case
};

// valijson (1.0) describes each failing keyword in fixed words; these are the leaf ones.
// Everything else it reports ("Failed to validate against schema associated with property ...",
// "Failed to validate item #n ...") wraps a child error and is skipped.
struct LeafPattern {
    std::string_view prefix;
    std::string_view keyword;
};
constexpr LeafPattern kLeafPatterns[] = {
    {"Value type not permitted by 'type' constraint", "type"},
    {"Failed to match against any enum values", "enum"},
    {"Failed to match expected value set by 'const' constraint", "const"},
    {"String should be no more than ", "maxLength"},
    {"String should be no fewer than ", "minLength"},
    {"Expected number less than or equal to ", "maximum"},
    {"Expected number less than ", "exclusiveMaximum"},
    {"Expected number greater than or equal to ", "minimum"},
    {"Expected number greater than ", "exclusiveMinimum"},
    {"Array should contain no more than ", "maxItems"},
    {"Array should contain no fewer than ", "minItems"},
    {"Object should have no more than ", "maxProperties"},
    {"Object should have no fewer than ", "minProperties"},
    {"Missing required property '", "required"},
    {"Object contains a property that could not be validated using 'properties' or 'additionalProperties' "
     "constraints: '",
     "additionalProperties"},
    {"Array contains more items than allowed by items constraint", "additionalItems"},
    {"Cannot validate item #", "additionalItems"},
    {"Failed to match regex specified by 'pattern' constraint", "pattern"},
    {"Elements at indexes #", "uniqueItems"},
    {"Missing dependency '", "dependencies"},
};

const LeafPattern *classify(const std::string &description)
{
    for (const LeafPattern &p : kLeafPatterns) {
        if (description.compare(0, p.prefix.size(), p.prefix) == 0)
            return &p;
    }
    return nullptr;
}

// "... '<name>'." -> <name>, for the required / additionalProperties descriptions.
std::string quotedTail(const std::string &description, std::size_t prefixLength)
{
    std::string rest = description.substr(prefixLength);
    if (rest.size() >= 2 && rest.compare(rest.size() - 2, 2, "'.") == 0)
        rest.resize(rest.size() - 2);
    return rest;
}

// valijson context entries: "<root>", then "[name]" or "[index]". The data tells which.
std::vector<Step> stepsFromContext(const std::vector<std::string> &context, const json &data)
{
    std::vector<Step> steps;
    const json *node = &data;
    for (std::size_t i = 1; i < context.size(); ++i) {
        std::string token = context[i];
        if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
            token = token.substr(1, token.size() - 2);
        Step step;
        if (node && node->is_array()) {
            std::size_t index = 0;
            const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
            if (ec == std::errc() && end == token.data() + token.size()) {
                step.isIndex = true;
                step.index = index;
                node = index < node->size() ? &(*node)[index] : nullptr;
                steps.push_back(std::move(step));
                continue;
            }
        }
        if (node && node->is_object()) {
            const auto it = node->find(token);
            node = it != node->end() ? &*it : nullptr;
        } else {
            node = nullptr;
        }
        step.key = std::move(token);
        steps.push_back(std::move(step));
    }
    return steps;
}

// The keywords the engine does not check: format and multipleOf, ocpp-rpc style.
void checkOwnKeywords(const SchemaNode &root, const SchemaNode *schema, const json &data, std::vector<Step> &path,
                      std::vector<Found> &out, int depth)
{
    schema = detail::resolveRef(root, schema);
    if (!schema || !schema->is_object() || depth > kMaxWalkDepth)
        return;

    if (data.is_string()) {
        const auto format = schema->find("format");
        if (format != schema->end() && format->is_string()) {
            const QString name = QString::fromStdString(format->get<std::string>());
            if (!schemaformats::matchesFormat(name, QString::fromStdString(data.get_ref<const std::string &>())))
                out.push_back(Found{path, "format", {}, {}});
        }
    } else if (data.is_number()) {
        const auto divisor = schema->find("multipleOf");
        if (divisor != schema->end() && divisor->is_number() && divisor->get<double>() > 0 &&
            !schemaformats::isMultipleOf(data.get<double>(), divisor->get<double>())) {
            out.push_back(Found{path, "multipleOf", {}, {}});
        }
    } else if (data.is_object()) {
        for (const auto &[key, value] : data.items()) {
            if (const SchemaNode *child = detail::propertySchema(*schema, key)) {
                path.push_back(Step{false, key, 0});
                checkOwnKeywords(root, child, value, path, out, depth + 1);
                path.pop_back();
            }
        }
    } else if (data.is_array()) {
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (const SchemaNode *child = detail::itemSchema(*schema, i)) {
                path.push_back(Step{true, {}, i});
                checkOwnKeywords(root, child, data[i], path, out, depth + 1);
                path.pop_back();
            }
        }
    }
}

// Walks the schema along `path`; the resolved node there, or nullptr.
const SchemaNode *schemaAt(const SchemaNode &root, const std::vector<Step> &path, std::vector<int> *orderKey)
{
    const SchemaNode *node = detail::resolveRef(root, &root);
    for (const Step &step : path) {
        if (!node || !node->is_object()) {
            if (orderKey)
                orderKey->push_back(kFar);
            return nullptr;
        }
        if (step.isIndex) {
            if (orderKey) {
                orderKey->push_back(detail::ajvKeywordRank(*node, "items"));
                orderKey->push_back(int(std::min<std::size_t>(step.index, kFar)));
            }
            node = detail::resolveRef(root, detail::itemSchema(*node, step.index));
        } else {
            const int position = detail::propertyPosition(*node, step.key);
            if (orderKey) {
                orderKey->push_back(
                    detail::ajvKeywordRank(*node, position >= 0 ? "properties" : "additionalProperties"));
                orderKey->push_back(std::max(position, 0));
            }
            node = detail::resolveRef(root, detail::propertySchema(*node, step.key));
        }
    }
    return node;
}

std::vector<int> orderKeyOf(const SchemaNode &root, const Found &found)
{
    std::vector<int> key;
    const SchemaNode *node = schemaAt(root, found.path, &key);
    const bool known = node && node->is_object() && !found.keyword.empty();
    key.push_back(known ? detail::ajvKeywordRank(*node, found.keyword) : kFar);
    key.push_back(known && found.keyword == "required" ? detail::requiredPosition(*node, found.property) : 0);
    return key;
}

QString pointerEscape(const std::string &token)
{
    QString s = QString::fromStdString(token);
    s.replace(u'~', QStringLiteral("~0"));
    s.replace(u'/', QStringLiteral("~1"));
    return s;
}

QString pointerOf(const std::vector<Step> &path)
{
    QString out;
    for (const Step &step : path)
        out += u'/' + (step.isIndex ? QString::number(step.index) : pointerEscape(step.key));
    return out;
}

QString shortQuote(const std::string &text)
{
    QString s = QString::fromStdString(text);
    if (s.size() > kMaxQuotedLength)
        s = s.left(kMaxQuotedLength) + QChar(0x2026);
    return s;
}

QString schemaValueText(const SchemaNode *node, const char *keyword)
{
    if (!node || !node->contains(keyword))
        return QStringLiteral("?");
    const SchemaNode &value = node->at(keyword);
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_array()) {
        QStringList parts;
        for (const SchemaNode &v : value)
            parts.append(v.is_string() ? QString::fromStdString(v.get<std::string>())
                                       : QString::fromStdString(v.dump()));
        return parts.join(u',');
    }
    return QString::fromStdString(value.dump());
}

// ajv-like wording: "must NOT have more than 20 characters".
QString phrase(const SchemaNode *node, const Found &f)
{
    const std::string &k = f.keyword;
    const auto value = [node](const char *keyword) { return schemaValueText(node, keyword); };
    if (k == "type")
        return QStringLiteral("must be %1").arg(value("type"));
    if (k == "enum")
        return QStringLiteral("must be equal to one of the allowed values");
    if (k == "const")
        return QStringLiteral("must be equal to constant");
    if (k == "maxLength")
        return QStringLiteral("must NOT have more than %1 characters").arg(value("maxLength"));
    if (k == "minLength")
        return QStringLiteral("must NOT have fewer than %1 characters").arg(value("minLength"));
    if (k == "maximum")
        return QStringLiteral("must be <= %1").arg(value("maximum"));
    if (k == "minimum")
        return QStringLiteral("must be >= %1").arg(value("minimum"));
    if (k == "exclusiveMaximum")
        return QStringLiteral("must be < %1").arg(value("exclusiveMaximum"));
    if (k == "exclusiveMinimum")
        return QStringLiteral("must be > %1").arg(value("exclusiveMinimum"));
    if (k == "maxItems")
        return QStringLiteral("must NOT have more than %1 items").arg(value("maxItems"));
    if (k == "minItems")
        return QStringLiteral("must NOT have fewer than %1 items").arg(value("minItems"));
    if (k == "additionalItems")
        return QStringLiteral("must NOT have additional items");
    if (k == "maxProperties")
        return QStringLiteral("must NOT have more than %1 properties").arg(value("maxProperties"));
    if (k == "minProperties")
        return QStringLiteral("must NOT have fewer than %1 properties").arg(value("minProperties"));
    if (k == "required")
        return QStringLiteral("must have required property '%1'").arg(shortQuote(f.property));
    if (k == "additionalProperties")
        return QStringLiteral("must NOT have additional property '%1'").arg(shortQuote(f.property));
    if (k == "format")
        return QStringLiteral("must match format \"%1\"").arg(value("format"));
    if (k == "multipleOf")
        return QStringLiteral("must be multiple of %1").arg(value("multipleOf"));
    if (k == "pattern")
        return QStringLiteral("must match pattern \"%1\"").arg(value("pattern"));
    if (k == "uniqueItems")
        return QStringLiteral("must NOT have duplicate items");
    return QString::fromStdString(f.engineText);
}

bool hasIntegralFloat(const json &value)
{
    switch (value.type()) {
        case json::value_t::number_float: {
            const double d = value.get<double>();
            return std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18;
        }
        case json::value_t::object:
        case json::value_t::array:
            return std::any_of(value.begin(), value.end(), [](const json &v) { return hasIntegralFloat(v); });
        default:
            return false;
    }
}

}  // namespace

bool normalizeIntegralNumbers(json &value)
{
    switch (value.type()) {
        case json::value_t::number_float: {
            const double d = value.get<double>();
            if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18) {
                value = static_cast<std::int64_t>(d);
                return true;
            }
            return false;
        }
        case json::value_t::object:
        case json::value_t::array: {
            bool changed = false;
            for (json &v : value)
                changed = normalizeIntegralNumbers(v) || changed;
            return changed;
        }
        default:
            return false;
    }
}

PayloadValidator::PayloadValidator(const SchemaRegistry &registry) : m_registry(registry) {}

std::optional<RpcError> PayloadValidator::validate(ProtocolVersion version, QStringView action, PayloadKind kind,
                                                   const json &payload) const
{
    const CompiledSchema *schema = m_registry.find(version, action, kind);
    if (!schema) {
        QString name = action.toString();
        if (name.size() > kMaxQuotedLength)
            name = name.left(kMaxQuotedLength) + QChar(0x2026);
        return RpcError::make(ErrorKind::NotImplemented,
                              QStringLiteral("Action '%1' is not defined in %2").arg(name, subprotocolName(version)));
    }
    const std::vector<SchemaViolation> found = violations(*schema, payload);
    if (found.empty())
        return std::nullopt;
    return toRpcError(found.front());
}

std::vector<SchemaViolation> PayloadValidator::violations(const CompiledSchema &schema, const json &payload)
{
    json normalized;
    const json *data = &payload;
    if (hasIntegralFloat(payload)) {
        normalized = payload;
        normalizeIntegralNumbers(normalized);
        data = &normalized;
    }

    std::vector<Found> found;
    bool engineOk = true;
    valijson::ValidationResults results;
    try {
        valijson::Validator validator;
        valijson::adapters::NlohmannJsonAdapter adapter(*data);
        engineOk = validator.validate(schema.engine(), adapter, &results);
    } catch (const std::exception &e) {  // boundary: valijson may throw on odd values
        engineOk = false;
        found.push_back(Found{{}, {}, {}, std::string("validator failure: ") + e.what()});
    }

    std::string firstUnclassified;
    std::vector<std::string> firstUnclassifiedContext;
    for (const valijson::ValidationResults::Error &error : results) {
        const LeafPattern *leaf = classify(error.description);
        if (!leaf) {
            if (firstUnclassified.empty()) {
                firstUnclassified = error.description;
                firstUnclassifiedContext = error.context;
            }
            continue;
        }
        Found f{stepsFromContext(error.context, *data), std::string(leaf->keyword), {}, error.description};
        if (f.keyword == "required" || f.keyword == "additionalProperties")
            f.property = quotedTail(error.description, leaf->prefix.size());
        found.push_back(std::move(f));
    }
    if (!engineOk && found.empty()) {
        found.push_back(Found{stepsFromContext(firstUnclassifiedContext, *data),
                              {},
                              {},
                              firstUnclassified.empty() ? std::string("payload rejected") : firstUnclassified});
    }

    std::vector<Step> walkPath;
    checkOwnKeywords(schema.source(), &schema.source(), *data, walkPath, found, 0);
    if (found.empty())
        return {};

    std::vector<std::pair<std::vector<int>, std::size_t>> order;
    order.reserve(found.size());
    for (std::size_t i = 0; i < found.size(); ++i)
        order.emplace_back(orderKeyOf(schema.source(), found[i]), i);
    std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    std::vector<SchemaViolation> out;
    out.reserve(found.size());
    for (const auto &[key, index] : order) {
        const Found &f = found[index];
        const SchemaNode *node = schemaAt(schema.source(), f.path, nullptr);
        const QString at = pointerOf(f.path);
        QString path = at;
        if (!f.property.empty())
            path += u'/' + pointerEscape(f.property);
        out.push_back(SchemaViolation{QString::fromStdString(f.keyword), path,
                                      QStringLiteral("payload%1 %2").arg(at, phrase(node, f))});
    }
    return out;
}

ErrorKind PayloadValidator::errorKindForKeyword(QStringView keyword)
{
    // ocpp-rpc 2.2.1 lib/validator.js errorCodeLUT; anything else is FormatViolation.
    static constexpr std::pair<QStringView, ErrorKind> table[] = {
        {u"type", ErrorKind::TypeConstraintViolation},
        {u"exclusiveMaximum", ErrorKind::OccurrenceConstraintViolation},
        {u"exclusiveMinimum", ErrorKind::OccurrenceConstraintViolation},
        {u"multipleOf", ErrorKind::OccurrenceConstraintViolation},
        {u"maxItems", ErrorKind::OccurrenceConstraintViolation},
        {u"minItems", ErrorKind::OccurrenceConstraintViolation},
        {u"maxProperties", ErrorKind::OccurrenceConstraintViolation},
        {u"minProperties", ErrorKind::OccurrenceConstraintViolation},
        {u"additionalItems", ErrorKind::OccurrenceConstraintViolation},
        {u"required", ErrorKind::OccurrenceConstraintViolation},
        {u"pattern", ErrorKind::PropertyConstraintViolation},
        {u"propertyNames", ErrorKind::PropertyConstraintViolation},
        {u"additionalProperties", ErrorKind::PropertyConstraintViolation},
        {u"maximum", ErrorKind::FormatViolation},
        {u"minimum", ErrorKind::FormatViolation},
        {u"maxLength", ErrorKind::FormatViolation},
        {u"minLength", ErrorKind::FormatViolation},
    };
    for (const auto &[name, kind] : table) {
        if (name == keyword)
            return kind;
    }
    return ErrorKind::FormatViolation;
}

RpcError PayloadValidator::toRpcError(const SchemaViolation &violation)
{
    return RpcError::make(errorKindForKeyword(violation.keyword), violation.message,
                          json{{"keyword", violation.keyword.toStdString()}, {"path", violation.path.toStdString()}});
}

}  // namespace cd::ocpp
