#pragma once
// Validates CALL and CALLRESULT payloads against the official schemas and turns the failure into
// the CALLERROR kind strict ocpp-rpc (2.2.1) would answer with:
//
//   type                                                  -> TypeConstraintViolation
//   required, minItems, maxItems, additionalItems, multipleOf,
//   exclusiveMinimum/Maximum, min/maxProperties           -> OccurrenceConstraintViolation
//   additionalProperties, pattern, propertyNames          -> PropertyConstraintViolation
//   maxLength, minLength, minimum, maximum, and every other
//   keyword (enum, format, const, ...)                    -> FormatViolation
//   no schema for the action                              -> NotImplemented
//
// (1.6 spells these FormationViolation / OccurenceConstraintViolation on the wire.) Of several
// violations the one ajv meets first is reported; the description names its JSON path.
//
// The valijson engine checks every keyword except "format" and "multipleOf", which are checked
// here the way ajv-formats 2.1.1 and ocpp-rpc's own multipleOf do. Numbers written as integral
// floats (1.0, 1e2) count as integers, as in JavaScript.

#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcerror.h"
#include "core/ocpp/schemaregistry.h"

#include <QString>
#include <QStringView>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace cd::ocpp {

struct SchemaViolation {
    QString keyword;  // the JSON-Schema keyword that failed, e.g. "maxLength", "required"
    QString path;     // JSON pointer of the offending value ("" = the payload itself); for
                      // required/additionalProperties it names the missing/extra property
    QString message;  // e.g. "payload/idTag must NOT have more than 20 characters"
};

class PayloadValidator {
public:
    explicit PayloadValidator(const SchemaRegistry &registry = SchemaRegistry::builtin());

    // std::nullopt when the payload is valid.
    std::optional<RpcError> validate(ProtocolVersion version, QStringView action, PayloadKind kind,
                                     const nlohmann::json &payload) const;

    // Every violation found, the one ocpp-rpc reports first. Empty when valid.
    static std::vector<SchemaViolation> violations(const CompiledSchema &schema, const nlohmann::json &payload);

    static ErrorKind errorKindForKeyword(QStringView keyword);
    static RpcError toRpcError(const SchemaViolation &violation);

    const SchemaRegistry &registry() const { return m_registry; }

private:
    const SchemaRegistry &m_registry;
};

// Rewrites floats with an integral value in the int64 range (1.0, 1e2) as integers, in place.
// Returns true when anything changed.
bool normalizeIntegralNumbers(nlohmann::json &value);

}  // namespace cd::ocpp
