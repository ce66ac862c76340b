// Schema validation of payloads: every OCPP 1.6 schema (request and response) and a
// representative set of 2.0.1 schemas, each with valid and invalid samples and the CALLERROR
// code strict ocpp-rpc gives (data/*.json, cross-checked with tools/ocpp_rpc_parity.js); plus
// which violation wins when there are several, number normalisation and unknown actions.

#include "core/ocpp/payloadvalidator.h"
#include "core/ocpp/rpcerror.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include "ocpptestsupport.h"

using namespace cd::ocpp;
using nlohmann::json;

namespace {

json loadSamples(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return json::array();
    const QByteArray bytes = file.readAll();
    return json::parse(bytes.cbegin(), bytes.cend());
}

struct SchemaName {
    QString action;
    PayloadKind kind;
};

SchemaName splitSchemaName(const std::string &name)
{
    const QString s = QString::fromStdString(name);
    const qsizetype dot = s.lastIndexOf(u'.');
    return {s.left(dot), s.mid(dot + 1) == u"req" ? PayloadKind::Request : PayloadKind::Response};
}

void addSampleRows(ProtocolVersion version, const QString &file)
{
    const json samples = loadSamples(file);
    QVERIFY2(!samples.empty(), qPrintable(file));
    for (const json &entry : samples) {
        const std::string schema = entry.at("schema").get<std::string>();
        const SchemaName name = splitSchemaName(schema);
        int i = 0;
        for (const json &payload : entry.at("valid")) {
            QTest::addRow("%s %s valid #%d", qPrintable(subprotocolName(version)), schema.c_str(), i++)
                << int(version) << name.action << int(name.kind) << QByteArray::fromStdString(payload.dump())
                << QString() << QString();
        }
        i = 0;
        for (const json &sample : entry.at("invalid")) {
            QTest::addRow("%s %s invalid #%d", qPrintable(subprotocolName(version)), schema.c_str(), i++)
                << int(version) << name.action << int(name.kind)
                << QByteArray::fromStdString(sample.at("payload").dump())
                << QString::fromStdString(sample.at("code").get<std::string>())
                << QString::fromStdString(sample.at("path").get<std::string>());
        }
    }
}

}  // namespace

class TestPayloadValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void everyV16SchemaHasSamples();
    void reportsTheViolationAjvReportsFirst_data();
    void reportsTheViolationAjvReportsFirst();
    void integralFloatsAreIntegers();
    void unknownActionIsNotImplemented();
    void violationsListsAll();
    void keywordTable_data();
    void keywordTable();
};

void TestPayloadValidator::samples_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("code");  // empty: valid
    QTest::addColumn<QString>("path");
    addSampleRows(ProtocolVersion::Ocpp16, QFINDTESTDATA("data/ocpp16_samples.json"));
    addSampleRows(ProtocolVersion::Ocpp201, QFINDTESTDATA("data/ocpp201_samples.json"));
}

void TestPayloadValidator::samples()
{
    QFETCH(int, version);
    QFETCH(QString, action);
    QFETCH(int, kind);
    QFETCH(QByteArray, payload);
    QFETCH(QString, code);
    QFETCH(QString, path);

    const PayloadValidator validator;
    const std::optional<RpcError> error =
        validator.validate(ProtocolVersion(version), action, PayloadKind(kind), json::parse(payload.toStdString()));
    if (code.isEmpty()) {
        QVERIFY2(!error, error ? qPrintable(error->description) : "");
        return;
    }
    QVERIFY(error);
    QCOMPARE(wireErrorCode(ProtocolVersion(version), error->kind), code);
    QCOMPARE(QString::fromStdString(error->details.at("path").get<std::string>()), path);
    // The description names where: the offending value or, for a missing or extra property,
    // the object holding it.
    const QString where = QStringLiteral("payload") + path.left(path.lastIndexOf(u'/'));
    QVERIFY2(error->description.startsWith(where), qPrintable(error->description));
}

void TestPayloadValidator::everyV16SchemaHasSamples()
{
    const json samples = loadSamples(QFINDTESTDATA("data/ocpp16_samples.json"));
    QSet<QString> covered;
    for (const json &entry : samples) {
        QVERIFY(!entry.at("valid").empty());
        QVERIFY(!entry.at("invalid").empty());
        covered.insert(QString::fromStdString(entry.at("schema").get<std::string>()));
    }
    const SchemaRegistry &registry = SchemaRegistry::builtin();
    const QStringList actions = registry.actions(ProtocolVersion::Ocpp16);
    QCOMPARE(actions.size(), 39);
    for (const QString &action : actions) {
        QVERIFY2(covered.contains(action + QStringLiteral(".req")), qPrintable(action));
        QVERIFY2(covered.contains(action + QStringLiteral(".conf")), qPrintable(action));
    }
    QCOMPARE(covered.size(), 78);
}

void TestPayloadValidator::reportsTheViolationAjvReportsFirst_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("path");

    // required is checked before additionalProperties, both before the properties themselves.
    QTest::newRow("required before additional") << QStringLiteral("Authorize.conf") << QByteArray(R"({"x":1})")
                                                << QStringLiteral("required") << QStringLiteral("/idTagInfo");
    QTest::newRow("additional before property")
        << QStringLiteral("Authorize.conf") << QByteArray(R"({"idTagInfo":{"status":"Bad","x":1}})")
        << QStringLiteral("additionalProperties") << QStringLiteral("/idTagInfo/x");
    // Properties in schema declaration order: chargePointVendor comes before chargePointModel.
    QTest::newRow("schema property order")
        << QStringLiteral("BootNotification.req")
        << QByteArray(R"({"chargePointModel":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","chargePointVendor":5})")
        << QStringLiteral("type") << QStringLiteral("/chargePointVendor");
    // The first missing property in the order of "required".
    QTest::newRow("first missing in required order") << QStringLiteral("StartTransaction.req") << QByteArray("{}")
                                                     << QStringLiteral("required") << QStringLiteral("/connectorId");
    // Type before enum on a value of the wrong type.
    QTest::newRow("type before enum") << QStringLiteral("Reset.req") << QByteArray(R"({"type":7})")
                                      << QStringLiteral("type") << QStringLiteral("/type");
    // Lower array index first.
    QTest::newRow("first array item")
        << QStringLiteral("GetConfiguration.req")
        << QByteArray(R"({"key":["ok", 5, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]})")
        << QStringLiteral("type") << QStringLiteral("/key/1");
    // A format violation (checked outside valijson) still ranks by position.
    QTest::newRow("format vs later type")
        << QStringLiteral("StartTransaction.req")
        << QByteArray(R"({"connectorId":1,"idTag":"a","meterStart":1,"timestamp":"noon","reservationId":"x"})")
        << QStringLiteral("type") << QStringLiteral("/reservationId");
    QTest::newRow("format vs earlier type")
        << QStringLiteral("StopTransaction.req")
        << QByteArray(R"({"idTag":5,"meterStop":1,"timestamp":"noon","transactionId":1})") << QStringLiteral("type")
        << QStringLiteral("/idTag");
    QTest::newRow("multipleOf")
        << QStringLiteral("GetCompositeSchedule.conf")
        << QByteArray(
               R"({"status":"Accepted","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":6.05}],"minChargingRate":"1"}})")
        << QStringLiteral("multipleOf") << QStringLiteral("/chargingSchedule/chargingSchedulePeriod/0/limit");
}

void TestPayloadValidator::reportsTheViolationAjvReportsFirst()
{
    QFETCH(QString, schema);
    QFETCH(QByteArray, payload);
    QFETCH(QString, keyword);
    QFETCH(QString, path);

    const SchemaName name = splitSchemaName(schema.toStdString());
    const CompiledSchema *compiled = SchemaRegistry::builtin().find(ProtocolVersion::Ocpp16, name.action, name.kind);
    QVERIFY(compiled);
    const std::vector<SchemaViolation> found =
        PayloadValidator::violations(*compiled, json::parse(payload.toStdString()));
    QVERIFY(!found.empty());
    QCOMPARE(found.front().keyword, keyword);
    QCOMPARE(found.front().path, path);
}

void TestPayloadValidator::integralFloatsAreIntegers()
{
    const PayloadValidator validator;
    // JavaScript (and so ocpp-rpc) has one number type: 1.0 and 1e2 are integers.
    for (const char *text : {R"({"connectorId":1.0,"errorCode":"NoError","status":"Available"})",
                             R"({"connectorId":1e2,"errorCode":"NoError","status":"Available"})"}) {
        QVERIFY2(!validator.validate(ProtocolVersion::Ocpp16, u"StatusNotification", PayloadKind::Request,
                                     json::parse(text)),
                 text);
    }
    const auto error =
        validator.validate(ProtocolVersion::Ocpp16, u"StatusNotification", PayloadKind::Request,
                           json::parse(R"({"connectorId":1.5,"errorCode":"NoError","status":"Available"})"));
    QVERIFY(error);
    QCOMPARE(error->kind, ErrorKind::TypeConstraintViolation);

    json payload = json::parse(R"({"a":2.0,"b":[3.0,3.5],"c":{"d":-0.0,"e":1e300}})");
    QVERIFY(normalizeIntegralNumbers(payload));
    QVERIFY(payload["a"].is_number_integer());
    QVERIFY(payload["b"][0].is_number_integer());
    QVERIFY(payload["b"][1].is_number_float());
    QVERIFY(payload["c"]["d"].is_number_integer());
    QVERIFY(payload["c"]["e"].is_number_float());  // outside int64: stays as it is
}

void TestPayloadValidator::unknownActionIsNotImplemented()
{
    const PayloadValidator validator;
    const auto error =
        validator.validate(ProtocolVersion::Ocpp16, u"TransactionEvent", PayloadKind::Request, json::object());
    QVERIFY(error);
    QCOMPARE(error->kind, ErrorKind::NotImplemented);
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp16, error->kind), QStringLiteral("NotImplemented"));
    QVERIFY(error->description.contains(u"TransactionEvent"));
}

void TestPayloadValidator::violationsListsAll()
{
    const CompiledSchema *schema =
        SchemaRegistry::builtin().find(ProtocolVersion::Ocpp16, u"StatusNotification", PayloadKind::Request);
    QVERIFY(schema);
    const auto found = PayloadValidator::violations(
        *schema,
        json::parse(R"({"connectorId":"1","errorCode":"Oops","status":"Charging","timestamp":"now","extra":true})"));
    QStringList keywords;
    for (const SchemaViolation &v : found)
        keywords.append(v.keyword + u'@' + v.path);
    QVERIFY2(keywords.size() == 4, qPrintable(keywords.join(u' ')));
    QCOMPARE(keywords.first(), QStringLiteral("additionalProperties@/extra"));
    QVERIFY(keywords.contains(QStringLiteral("type@/connectorId")));
    QVERIFY(keywords.contains(QStringLiteral("enum@/errorCode")));
    QVERIFY(keywords.contains(QStringLiteral("format@/timestamp")));
    QVERIFY(PayloadValidator::violations(*schema,
                                         json::parse(R"({"connectorId":0,"errorCode":"NoError","status":"Available"})"))
                .empty());
}

void TestPayloadValidator::keywordTable_data()
{
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<int>("kind");
    // ocpp-rpc 2.2.1 lib/validator.js
    const std::pair<const char *, ErrorKind> rows[] = {
        {"type", ErrorKind::TypeConstraintViolation},
        {"required", ErrorKind::OccurrenceConstraintViolation},
        {"minItems", ErrorKind::OccurrenceConstraintViolation},
        {"maxItems", ErrorKind::OccurrenceConstraintViolation},
        {"multipleOf", ErrorKind::OccurrenceConstraintViolation},
        {"additionalItems", ErrorKind::OccurrenceConstraintViolation},
        {"exclusiveMinimum", ErrorKind::OccurrenceConstraintViolation},
        {"additionalProperties", ErrorKind::PropertyConstraintViolation},
        {"pattern", ErrorKind::PropertyConstraintViolation},
        {"propertyNames", ErrorKind::PropertyConstraintViolation},
        {"maxLength", ErrorKind::FormatViolation},
        {"minLength", ErrorKind::FormatViolation},
        {"minimum", ErrorKind::FormatViolation},
        {"maximum", ErrorKind::FormatViolation},
        {"enum", ErrorKind::FormatViolation},
        {"format", ErrorKind::FormatViolation},
        {"const", ErrorKind::FormatViolation},
        {"", ErrorKind::FormatViolation},
    };
    for (const auto &[keyword, kind] : rows)
        QTest::newRow(*keyword ? keyword : "(unclassified)") << QString::fromLatin1(keyword) << int(kind);
}

void TestPayloadValidator::keywordTable()
{
    QFETCH(QString, keyword);
    QFETCH(int, kind);
    QCOMPARE(PayloadValidator::errorKindForKeyword(keyword), ErrorKind(kind));
}

QTEST_GUILESS_MAIN(TestPayloadValidator)
#include "tst_ocpp_payloadvalidator.moc"
