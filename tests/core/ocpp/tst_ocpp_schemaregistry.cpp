// The embedded official schemas: every action of the version tables has a request and a
// response schema, loading is complete, and bad bundles are refused.

#include "core/ocpp/actions.h"
#include "core/ocpp/schemaregistry.h"

#include <QTest>

#include "ocpptestsupport.h"

using namespace cd::ocpp;

class TestSchemaRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryBundle();
    void everyTableActionHasBothSchemas_data();
    void everyTableActionHasBothSchemas();
    void unknownActionHasNoSchema();
    void refusesBadBundles_data();
    void refusesBadBundles();
    void addsCustomBundle();
};

void TestSchemaRegistry::loadsEveryBundle()
{
    const SchemaRegistry &registry = SchemaRegistry::builtin();
    QCOMPARE(registry.actions(ProtocolVersion::Ocpp16).size(), 39);
    QCOMPARE(registry.actions(ProtocolVersion::Ocpp201).size(), 64);
    QVERIFY(registry.actions(ProtocolVersion::Ocpp21).size() >= 90);
    QVERIFY(registry.hasAction(ProtocolVersion::Ocpp21, u"BatterySwap"));
    // 78 + 128 schemas; 2.1 has 180 request/response schemas (+1 SEND-only message skipped).
    QCOMPARE(registry.schemaCount(), 78 + 128 + 180);
    const CompiledSchema *boot = registry.find(ProtocolVersion::Ocpp16, u"BootNotification", PayloadKind::Request);
    QVERIFY(boot);
    QCOMPARE(boot->action(), QStringLiteral("BootNotification"));
    QCOMPARE(boot->kind(), PayloadKind::Request);
    QCOMPARE(boot->version(), ProtocolVersion::Ocpp16);
    QCOMPARE(boot->source().at("$id").get<std::string>(), std::string("urn:BootNotification.req"));
    // Declaration order is kept (the validator reports the first violation in schema order).
    QCOMPARE(boot->source().at("properties").begin().key(), std::string("chargePointVendor"));
}

void TestSchemaRegistry::everyTableActionHasBothSchemas_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("action");
    for (const ProtocolVersion v : {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201}) {
        for (const QString &action : knownActions(v))
            QTest::newRow(qPrintable(subprotocolName(v) + u' ' + action)) << int(v) << action;
    }
}

void TestSchemaRegistry::everyTableActionHasBothSchemas()
{
    QFETCH(int, version);
    QFETCH(QString, action);
    const SchemaRegistry &registry = SchemaRegistry::builtin();
    QVERIFY(registry.find(ProtocolVersion(version), action, PayloadKind::Request));
    QVERIFY(registry.find(ProtocolVersion(version), action, PayloadKind::Response));
    // ... and the other way round: the tables list exactly the bundled actions.
    QCOMPARE(registry.actions(ProtocolVersion(version)), knownActions(ProtocolVersion(version)));
}

void TestSchemaRegistry::unknownActionHasNoSchema()
{
    const SchemaRegistry &registry = SchemaRegistry::builtin();
    QVERIFY(!registry.find(ProtocolVersion::Ocpp16, u"TransactionEvent", PayloadKind::Request));
    QVERIFY(!registry.find(ProtocolVersion::Ocpp201, u"StartTransaction", PayloadKind::Request));
    QVERIFY(!registry.hasAction(ProtocolVersion::Ocpp16, u"heartbeat"));  // case matters
    QVERIFY(!registry.hasAction(ProtocolVersion::Ocpp16, u""));
}

void TestSchemaRegistry::refusesBadBundles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not JSON") << QByteArray("[{");
    QTest::newRow("not an array") << QByteArray(R"({"$id":"urn:X.req"})");
    QTest::newRow("no message schema") << QByteArray(R"([{"$id":"urn:whatever"}])");
    QTest::newRow("bad schema") << QByteArray(R"([{"$id":"urn:X.req","type":"object","required":"nope"}])");
}

void TestSchemaRegistry::refusesBadBundles()
{
    QFETCH(QByteArray, json);
    SchemaRegistry registry;
    QString error;
    QVERIFY(!registry.addBundle(ProtocolVersion::Ocpp16, json, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(registry.schemaCount(), 0);
}

void TestSchemaRegistry::addsCustomBundle()
{
    SchemaRegistry registry;
    QString error;
    QVERIFY2(registry.addBundle(ProtocolVersion::Ocpp16,
                                R"([{"$id":"urn:Ping.req","type":"object"},{"$id":"urn:Ping.conf","type":"object"}])",
                                &error),
             qPrintable(error));
    QVERIFY(registry.hasAction(ProtocolVersion::Ocpp16, u"Ping"));
    QVERIFY(!registry.hasAction(ProtocolVersion::Ocpp201, u"Ping"));
    QCOMPARE(registry.schemaCount(), 2);
}

QTEST_GUILESS_MAIN(TestSchemaRegistry)
#include "tst_ocpp_schemaregistry.moc"
