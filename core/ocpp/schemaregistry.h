#pragma once
// The official OCPP JSON schemas (as bundled in npm ocpp-rpc, see schemas/README.md), loaded
// once and compiled per (version, action, request|response).

#include "core/ocpp/protocolversion.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <nlohmann/json.hpp>

#include <array>
#include <memory>

namespace valijson {
class Schema;
}

namespace cd::ocpp {

enum class PayloadKind {
    Request,   // the CALL payload      ("<Action>.req",  2.1: "<Action>Request")
    Response,  // the CALLRESULT payload ("<Action>.conf", 2.1: "<Action>Response")
};

class CompiledSchema {
public:
    CompiledSchema(ProtocolVersion version, QString action, PayloadKind kind, nlohmann::ordered_json source,
                   std::unique_ptr<valijson::Schema> engine);
    ~CompiledSchema();
    CompiledSchema(const CompiledSchema &) = delete;
    CompiledSchema &operator=(const CompiledSchema &) = delete;

    ProtocolVersion version() const { return m_version; }
    const QString &action() const { return m_action; }
    PayloadKind kind() const { return m_kind; }
    // The schema exactly as published (keyword order kept).
    const nlohmann::ordered_json &source() const { return m_source; }
    // The valijson schema: every keyword except 'format' and 'multipleOf', which the validator
    // checks itself the way ocpp-rpc (ajv-formats, its own multipleOf) does.
    const valijson::Schema &engine() const { return *m_engine; }

private:
    ProtocolVersion m_version;
    QString m_action;
    PayloadKind m_kind;
    nlohmann::ordered_json m_source;
    std::unique_ptr<valijson::Schema> m_engine;
};

class SchemaRegistry {
public:
    SchemaRegistry();
    ~SchemaRegistry();
    SchemaRegistry(SchemaRegistry &&) noexcept;
    SchemaRegistry &operator=(SchemaRegistry &&) noexcept;
    SchemaRegistry(const SchemaRegistry &) = delete;
    SchemaRegistry &operator=(const SchemaRegistry &) = delete;

    // Every embedded bundle (1.6, 2.0.1, 2.1), compiled on first use; thread-safe, immutable.
    static const SchemaRegistry &builtin();
    // ":/ocpp/schemas/ocpp1_6.json" etc.
    static QString resourcePath(ProtocolVersion version);

    // Adds a bundle: a JSON array of draft-07 schemas whose "$id" is "urn:<Action>.req" /
    // "urn:<Action>.conf" (1.6, 2.0.1) or "urn:<Action>Request" / "urn:<Action>Response" (2.1).
    // Entries with another $id are skipped. On failure nothing is added.
    bool addBundle(ProtocolVersion version, const QByteArray &json, QString *error = nullptr);
    bool addBundleFile(ProtocolVersion version, const QString &path, QString *error = nullptr);

    // nullptr when the version has no such schema.
    const CompiledSchema *find(ProtocolVersion version, QStringView action, PayloadKind kind) const;
    // True when the version defines the action (has its request schema).
    bool hasAction(ProtocolVersion version, QStringView action) const;
    // Actions with a request schema, sorted.
    QStringList actions(ProtocolVersion version) const;
    qsizetype schemaCount() const;

private:
    struct ActionSchemas {
        std::shared_ptr<const CompiledSchema> request;
        std::shared_ptr<const CompiledSchema> response;
    };
    std::array<QHash<QString, ActionSchemas>, 3> m_byVersion;
};

}  // namespace cd::ocpp
