// Error-code tables: one enum per version, its wire spelling, both spellings on receive.

#include "core/ocpp/rpcerror.h"
#include "core/ocpp/v16/errorcode.h"
#include "core/ocpp/v201/errorcode.h"

#include <QTest>

#include "ocpptestsupport.h"

using namespace cd::ocpp;

class TestErrorCodes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void v16Table_data();
    void v16Table();
    void v201Table_data();
    void v201Table();
    void acceptsBothSpellings_data();
    void acceptsBothSpellings();
    void unknownCodeIsGenericError();
    void everyKindHasAWireCodeInEveryVersion();
};

void TestErrorCodes::v16Table_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    using C = v16::ErrorCode;
    const std::pair<C, const char *> rows[] = {
        {C::NotImplemented, "NotImplemented"},
        {C::NotSupported, "NotSupported"},
        {C::InternalError, "InternalError"},
        {C::ProtocolError, "ProtocolError"},
        {C::SecurityError, "SecurityError"},
        {C::FormationViolation, "FormationViolation"},
        {C::PropertyConstraintViolation, "PropertyConstraintViolation"},
        {C::OccurenceConstraintViolation, "OccurenceConstraintViolation"},
        {C::TypeConstraintViolation, "TypeConstraintViolation"},
        {C::GenericError, "GenericError"},
    };
    for (const auto &[code, text] : rows)
        QTest::newRow(text) << int(code) << QString::fromLatin1(text);
}

void TestErrorCodes::v16Table()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QCOMPARE(v16::toString(v16::ErrorCode(code)), text);
    QCOMPARE(v16::toString(v16::errorCodeFromString(text).value_or(v16::ErrorCode::GenericError)), text);
    QCOMPARE(v16::toString(v16::fromKind(v16::toKind(v16::ErrorCode(code)))), text);
}

void TestErrorCodes::v201Table_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    using C = v201::ErrorCode;
    const std::pair<C, const char *> rows[] = {
        {C::FormatViolation, "FormatViolation"},
        {C::GenericError, "GenericError"},
        {C::InternalError, "InternalError"},
        {C::MessageTypeNotSupported, "MessageTypeNotSupported"},
        {C::NotImplemented, "NotImplemented"},
        {C::NotSupported, "NotSupported"},
        {C::OccurrenceConstraintViolation, "OccurrenceConstraintViolation"},
        {C::PropertyConstraintViolation, "PropertyConstraintViolation"},
        {C::ProtocolError, "ProtocolError"},
        {C::RpcFrameworkError, "RpcFrameworkError"},
        {C::SecurityError, "SecurityError"},
        {C::TypeConstraintViolation, "TypeConstraintViolation"},
    };
    for (const auto &[code, text] : rows)
        QTest::newRow(text) << int(code) << QString::fromLatin1(text);
}

void TestErrorCodes::v201Table()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QCOMPARE(v201::toString(v201::ErrorCode(code)), text);
    QCOMPARE(v201::toString(v201::errorCodeFromString(text).value_or(v201::ErrorCode::GenericError)), text);
    QCOMPARE(v201::toString(v201::fromKind(v201::toKind(v201::ErrorCode(code)))), text);
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp201, v201::toKind(v201::ErrorCode(code))), text);
}

void TestErrorCodes::acceptsBothSpellings_data()
{
    QTest::addColumn<QString>("received");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("as16");
    QTest::addColumn<QString>("as201");

    QTest::newRow("FormationViolation") << QStringLiteral("FormationViolation") << int(ErrorKind::FormatViolation)
                                        << QStringLiteral("FormationViolation") << QStringLiteral("FormatViolation");
    QTest::newRow("FormatViolation") << QStringLiteral("FormatViolation") << int(ErrorKind::FormatViolation)
                                     << QStringLiteral("FormationViolation") << QStringLiteral("FormatViolation");
    QTest::newRow("OccurenceConstraintViolation")
        << QStringLiteral("OccurenceConstraintViolation") << int(ErrorKind::OccurrenceConstraintViolation)
        << QStringLiteral("OccurenceConstraintViolation") << QStringLiteral("OccurrenceConstraintViolation");
    QTest::newRow("OccurrenceConstraintViolation")
        << QStringLiteral("OccurrenceConstraintViolation") << int(ErrorKind::OccurrenceConstraintViolation)
        << QStringLiteral("OccurenceConstraintViolation") << QStringLiteral("OccurrenceConstraintViolation");
    // ocpp-rpc answers framing errors with 2.0.1 codes even on a 1.6 connection.
    QTest::newRow("RpcFrameworkError") << QStringLiteral("RpcFrameworkError") << int(ErrorKind::RpcFrameworkError)
                                       << QStringLiteral("FormationViolation") << QStringLiteral("RpcFrameworkError");
    QTest::newRow("MessageTypeNotSupported")
        << QStringLiteral("MessageTypeNotSupported") << int(ErrorKind::MessageTypeNotSupported)
        << QStringLiteral("FormationViolation") << QStringLiteral("MessageTypeNotSupported");
}

void TestErrorCodes::acceptsBothSpellings()
{
    QFETCH(QString, received);
    QFETCH(int, kind);
    QFETCH(QString, as16);
    QFETCH(QString, as201);

    bool known = false;
    QCOMPARE(errorKindFromWire(received, &known), ErrorKind(kind));
    QVERIFY(known);
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp16, ErrorKind(kind)), as16);
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp201, ErrorKind(kind)), as201);
    if (as16 == received)
        QVERIFY(v16::errorCodeFromString(received));
    if (as201 == received)
        QVERIFY(v201::errorCodeFromString(received));
}

void TestErrorCodes::unknownCodeIsGenericError()
{
    bool known = true;
    QCOMPARE(errorKindFromWire(u"TeapotError", &known), ErrorKind::GenericError);
    QVERIFY(!known);
    QVERIFY(!v16::errorCodeFromString(u"RpcFrameworkError"));
    QVERIFY(!v201::errorCodeFromString(u""));
}

void TestErrorCodes::everyKindHasAWireCodeInEveryVersion()
{
    for (int k = int(ErrorKind::GenericError); k <= int(ErrorKind::RpcFrameworkError); ++k) {
        const QString c16 = wireErrorCode(ProtocolVersion::Ocpp16, ErrorKind(k));
        const QString c201 = wireErrorCode(ProtocolVersion::Ocpp201, ErrorKind(k));
        QVERIFY2(v16::errorCodeFromString(c16), qPrintable(c16));
        QVERIFY2(v201::errorCodeFromString(c201), qPrintable(c201));
        QCOMPARE(errorKindName(ErrorKind(k)), c201);
    }
}

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "tst_ocpp_errorcodes.moc"
