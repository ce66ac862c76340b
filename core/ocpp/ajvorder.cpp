#include "core/ocpp/ajvorder_p.h"

#include <array>

namespace cd::ocpp::detail {
namespace {

// ajv's keyword groups, each in evaluation order (ajv 8 vocabularies: validation, then
// applicator, then format; ocpp-rpc removes and re-adds multipleOf, putting it last).
constexpr std::array<std::string_view, 7> kUntyped{"const", "enum", "not", "anyOf", "oneOf", "allOf", "if"};
constexpr std::array<std::string_view, 6> kNumber{"maximum",          "minimum", "exclusiveMaximum",
                                                  "exclusiveMinimum", "format",  "multipleOf"};
constexpr std::array<std::string_view, 4> kString{"maxLength", "minLength", "pattern", "format"};
constexpr std::array<std::string_view, 6> kArray{"maxItems",        "minItems", "uniqueItems",
                                                 "additionalItems", "items",    "contains"};
constexpr std::array<std::string_view, 8> kObject{"maxProperties", "minProperties",        "required",
                                                  "propertyNames", "additionalProperties", "dependencies",
                                                  "properties",    "patternProperties"};

constexpr int kTypeUpFront = 0;
constexpr int kUntypedBase = 100;
constexpr int kNumberBase = 200;
constexpr int kStringBase = 300;
constexpr int kArrayBase = 400;
constexpr int kObjectBase = 500;
constexpr int kGroupEnd = 90;  // the in-group type check closes its group
constexpr int kUnknown = 1000;

template <std::size_t N>
int indexIn(const std::array<std::string_view, N> &group, std::string_view keyword)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (group[i] == keyword)
            return int(i);
    }
    return -1;
}

template <std::size_t N>
bool usesGroup(const SchemaNode &node, const std::array<std::string_view, N> &group)
{
    for (std::string_view keyword : group) {
        if (node.contains(keyword))
            return true;
    }
    return false;
}

// The group base for a single JSON type whose keywords the node uses, or -1 when ajv checks
// the type up front (several types, "integer"/"boolean"/"null", or no keywords of that group).
int inGroupTypeBase(const SchemaNode &node)
{
    const auto it = node.find("type");
    if (it == node.end())
        return -1;
    std::string_view type;
    if (it->is_string())
        type = it->get_ref<const std::string &>();
    else if (it->is_array() && it->size() == 1 && (*it)[0].is_string())
        type = (*it)[0].get_ref<const std::string &>();
    else
        return -1;
    if (type == "number" && usesGroup(node, kNumber))
        return kNumberBase;
    if (type == "string" && usesGroup(node, kString))
        return kStringBase;
    if (type == "array" && usesGroup(node, kArray))
        return kArrayBase;
    if (type == "object" && usesGroup(node, kObject))
        return kObjectBase;
    return -1;
}

}  // namespace

const SchemaNode *resolveRef(const SchemaNode &root, const SchemaNode *node)
{
    for (int hops = 0; node && hops < 16; ++hops) {
        if (!node->is_object())
            return node;
        const auto ref = node->find("$ref");
        if (ref == node->end() || !ref->is_string())
            return node;
        const std::string &target = ref->get_ref<const std::string &>();
        if (target.empty() || target[0] != '#')
            return node;  // only local references occur in the OCPP schemas
        try {
            const nlohmann::ordered_json::json_pointer pointer(target.substr(1));
            node = root.contains(pointer) ? &root.at(pointer) : nullptr;
        } catch (const std::exception &) {
            return nullptr;
        }
    }
    return node;
}

int ajvKeywordRank(const SchemaNode &node, std::string_view keyword)
{
    if (keyword == "type") {
        const int base = inGroupTypeBase(node);
        return base < 0 ? kTypeUpFront : base + kGroupEnd;
    }
    if (const int i = indexIn(kUntyped, keyword); i >= 0)
        return kUntypedBase + i;
    // "format" on a string (the only kind of format the OCPP schemas use) runs in the string group.
    if (const int i = indexIn(kString, keyword); i >= 0)
        return kStringBase + i;
    if (const int i = indexIn(kNumber, keyword); i >= 0)
        return kNumberBase + i;
    if (const int i = indexIn(kArray, keyword); i >= 0)
        return kArrayBase + i;
    if (const int i = indexIn(kObject, keyword); i >= 0)
        return kObjectBase + i;
    return kUnknown;
}

int propertyPosition(const SchemaNode &node, std::string_view name)
{
    const auto props = node.find("properties");
    if (props == node.end() || !props->is_object())
        return -1;
    int i = 0;
    for (const auto &item : props->items()) {
        if (item.key() == name)
            return i;
        ++i;
    }
    return -1;
}

int requiredPosition(const SchemaNode &node, std::string_view name)
{
    const auto required = node.find("required");
    if (required == node.end() || !required->is_array())
        return -1;
    for (std::size_t i = 0; i < required->size(); ++i) {
        if ((*required)[i].is_string() && (*required)[i].get_ref<const std::string &>() == name)
            return int(i);
    }
    return -1;
}

const SchemaNode *propertySchema(const SchemaNode &node, std::string_view name)
{
    const auto props = node.find("properties");
    if (props != node.end() && props->is_object()) {
        const auto it = props->find(name);
        if (it != props->end())
            return &*it;
    }
    const auto additional = node.find("additionalProperties");
    if (additional != node.end() && additional->is_object())
        return &*additional;
    return nullptr;
}

const SchemaNode *itemSchema(const SchemaNode &node, std::size_t index)
{
    const auto items = node.find("items");
    if (items == node.end())
        return nullptr;
    if (items->is_object())
        return &*items;
    if (items->is_array()) {
        if (index < items->size())
            return &(*items)[index];
        const auto additional = node.find("additionalItems");
        if (additional != node.end() && additional->is_object())
            return &*additional;
    }
    return nullptr;
}

}  // namespace cd::ocpp::detail
