#pragma once
// Private to the payload validator: walking an OCPP schema the way ajv (the validator inside
// strict ocpp-rpc) evaluates it, so that of several violations we report the one ajv reports.
//
// ajv (allErrors: false) stops at the first failing keyword. At each schema node it checks,
// in this order: `type` (up front, unless the node has a single type whose keyword group it
// uses, in which case the type check closes that group); the type-less keywords (const, enum,
// not, anyOf, oneOf, allOf, if); then the number, string, array and object keyword groups, each
// in ajv's vocabulary order. Children are visited in the schema's `properties` order / index
// order. (ajv 8.14 lib/compile/validate, lib/compile/rules, lib/vocabularies; ocpp-rpc re-adds
// multipleOf last in the number group.)

#include <nlohmann/json.hpp>

#include <string_view>

namespace cd::ocpp::detail {

using SchemaNode = nlohmann::ordered_json;

// Follows local "$ref": "#/..." pointers from `node` (bounded, cycle-safe). nullptr stays nullptr.
const SchemaNode *resolveRef(const SchemaNode &root, const SchemaNode *node);

// Position of `keyword` in ajv's evaluation order at `node`; smaller runs first.
int ajvKeywordRank(const SchemaNode &node, std::string_view keyword);

// Index of `name` in node["properties"] (declaration order), or -1.
int propertyPosition(const SchemaNode &node, std::string_view name);

// Index of `name` in node["required"], or -1.
int requiredPosition(const SchemaNode &node, std::string_view name);

// The (unresolved) subschema for object property `name` / array item `index`, or nullptr
// when the node does not describe it.
const SchemaNode *propertySchema(const SchemaNode &node, std::string_view name);
const SchemaNode *itemSchema(const SchemaNode &node, std::size_t index);

}  // namespace cd::ocpp::detail
