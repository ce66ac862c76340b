// OCPP-J framing: valid frames of each type, every malformed case and the CALLERROR it earns in
// 1.6 and 2.0.1, serialization, and the one CALLERROR encoder.

#include "core/ocpp/callerror.h"
#include "core/ocpp/rpcframe.h"

#include <QTest>

#include "ocpptestsupport.h"

using namespace cd::ocpp;
using nlohmann::json;

Q_DECLARE_METATYPE(cd::ocpp::FrameFault)

namespace {

QString nested(int depth)
{
    // A CALL whose DataTransfer payload nests arrays so that the whole frame is `depth` deep
    // (frame array = 1, payload object = 2).
    QString inner = QStringLiteral("1");
    for (int i = 0; i < depth - 2; ++i)
        inner = u'[' + inner + u']';
    return QStringLiteral("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":%1}]").arg(inner);
}

}  // namespace

class TestRpcFrame : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesValidFrames_data();
    void parsesValidFrames();
    void rejectsMalformedFrames_data();
    void rejectsMalformedFrames();
    void rejectsInvalidUtf8();
    void roundTripsCallAndResult();
    void encodesCallErrorPerVersion_data();
    void encodesCallErrorPerVersion();
    void capsCallErrorDescription();
};

void TestRpcFrame::parsesValidFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("payload");

    QTest::newRow("call")
        << QStringLiteral(R"([2,"19223201","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}])") << 2
        << QStringLiteral("19223201") << QStringLiteral("BootNotification")
        << QStringLiteral(R"({"chargePointModel":"M","chargePointVendor":"V"})");
    QTest::newRow("call, whitespace") << QStringLiteral(" [ 2 , \"a\" , \"Heartbeat\" , { } ] \n") << 2
                                      << QStringLiteral("a") << QStringLiteral("Heartbeat") << QStringLiteral("{}");
    QTest::newRow("call, type id 2.0") << QStringLiteral(R"([2.0,"a","Heartbeat",{}])") << 2 << QStringLiteral("a")
                                       << QStringLiteral("Heartbeat") << QStringLiteral("{}");
    QTest::newRow("call, 36-char id") << QStringLiteral(R"([2,"123e4567-e89b-12d3-a456-426614174000","Heartbeat",{}])")
                                      << 2 << QStringLiteral("123e4567-e89b-12d3-a456-426614174000")
                                      << QStringLiteral("Heartbeat") << QStringLiteral("{}");
    QTest::newRow("call, 36 non-ASCII chars")
        << (QStringLiteral("[2,\"") + QString(36, QChar(0x0416)) + QStringLiteral("\",\"Heartbeat\",{}]")) << 2
        << QString(36, QChar(0x0416)) << QStringLiteral("Heartbeat") << QStringLiteral("{}");
    QTest::newRow("call result") << QStringLiteral(R"([3,"19223201",{"currentTime":"2024-05-01T12:00:00Z"}])") << 3
                                 << QStringLiteral("19223201") << QString()
                                 << QStringLiteral(R"({"currentTime":"2024-05-01T12:00:00Z"})");
    QTest::newRow("call result, empty payload")
        << QStringLiteral(R"([3,"x",{}])") << 3 << QStringLiteral("x") << QString() << QStringLiteral("{}");
    QTest::newRow("call error")
        << QStringLiteral(R"([4,"162376037","NotSupported","SetDisplayMessageRequest not implemented",{"a":1}])") << 4
        << QStringLiteral("162376037") << QString() << QStringLiteral(R"({"a":1})");
    QTest::newRow("depth at the limit") << nested(32) << 2 << QStringLiteral("1") << QStringLiteral("DataTransfer")
                                        << QString();
}

void TestRpcFrame::parsesValidFrames()
{
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(QString, messageId);
    QFETCH(QString, action);
    QFETCH(QString, payload);

    const FrameParse parsed = parseFrame(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().description));
    const Frame &frame = parsed.value();
    QCOMPARE(int(messageTypeOf(frame)), type);
    QCOMPARE(messageIdOf(frame), messageId);
    if (const auto *call = std::get_if<CallFrame>(&frame)) {
        QCOMPARE(call->action, action);
        if (!payload.isEmpty())
            QCOMPARE(QString::fromStdString(call->payload.dump()), payload);
    } else if (const auto *result = std::get_if<CallResultFrame>(&frame)) {
        QCOMPARE(QString::fromStdString(result->payload.dump()), payload);
    } else {
        const auto &error = std::get<CallErrorFrame>(frame);
        QCOMPARE(error.errorCode, QStringLiteral("NotSupported"));
        QCOMPARE(error.errorDescription, QStringLiteral("SetDisplayMessageRequest not implemented"));
        QCOMPARE(QString::fromStdString(error.errorDetails.dump()), payload);
    }
}

void TestRpcFrame::rejectsMalformedFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("maxBytes");
    QTest::addColumn<FrameFault>("fault");
    QTest::addColumn<QString>("code16");
    QTest::addColumn<QString>("code201");
    QTest::addColumn<bool>("replyExpected");
    QTest::addColumn<QString>("replyId");

    const qsizetype big = qsizetype(1024) * 1024;
    const QString fv = QStringLiteral("FormationViolation");
    const QString rfe = QStringLiteral("RpcFrameworkError");
    const QString none;
    const QString anon = QStringLiteral("-1");

    QTest::newRow("empty") << QString() << big << FrameFault::Empty << fv << rfe << false << anon;
    QTest::newRow("not JSON") << QStringLiteral("hello") << big << FrameFault::NotJson << fv << rfe << true << anon;
    QTest::newRow("truncated JSON") << QStringLiteral(R"([2,"1","Heartbeat",{})") << big << FrameFault::NotJson << fv
                                    << rfe << true << anon;
    QTest::newRow("trailing garbage") << QStringLiteral(R"([2,"1","Heartbeat",{}] x)") << big << FrameFault::NotJson
                                      << fv << rfe << true << anon;
    QTest::newRow("two frames") << QStringLiteral(R"([2,"1","Heartbeat",{}][2,"2","Heartbeat",{}])") << big
                                << FrameFault::NotJson << fv << rfe << true << anon;
    QTest::newRow("not an array (object)")
        << QStringLiteral(R"({"messageTypeId":2})") << big << FrameFault::NotArray << fv << rfe << true << anon;
    QTest::newRow("not an array (string)")
        << QStringLiteral(R"("2")") << big << FrameFault::NotArray << fv << rfe << true << anon;
    QTest::newRow("empty array") << QStringLiteral("[]") << big << FrameFault::BadMessageTypeId << fv << rfe << true
                                 << anon;
    QTest::newRow("type id is a string") << QStringLiteral(R"(["2","1","Heartbeat",{}])") << big
                                         << FrameFault::BadMessageTypeId << fv << rfe << true << anon;
    QTest::newRow("type id is null") << QStringLiteral(R"([null,"1","Heartbeat",{}])") << big
                                     << FrameFault::BadMessageTypeId << fv << rfe << true << anon;
    QTest::newRow("wrong type id 5") << QStringLiteral(R"([5,"1","Heartbeat",{}])") << big
                                     << FrameFault::UnknownMessageType << fv
                                     << QStringLiteral("MessageTypeNotSupported") << true << anon;
    QTest::newRow("wrong type id 2.5") << QStringLiteral(R"([2.5,"1","Heartbeat",{}])") << big
                                       << FrameFault::UnknownMessageType << fv
                                       << QStringLiteral("MessageTypeNotSupported") << true << anon;
    QTest::newRow("id not a string") << QStringLiteral(R"([2,19223201,"Heartbeat",{}])") << big
                                     << FrameFault::BadMessageId << fv << rfe << true << anon;
    QTest::newRow("id null") << QStringLiteral(R"([2,null,"Heartbeat",{}])") << big << FrameFault::BadMessageId << fv
                             << rfe << true << anon;
    QTest::newRow("id empty") << QStringLiteral(R"([2,"","Heartbeat",{}])") << big << FrameFault::BadMessageId << fv
                              << rfe << true << anon;
    QTest::newRow("id too long (37 chars)")
        << QStringLiteral(R"([2,"123e4567-e89b-12d3-a456-4266141740001","Heartbeat",{}])") << big
        << FrameFault::BadMessageId << fv << rfe << true << anon;
    QTest::newRow("id missing") << QStringLiteral("[2]") << big << FrameFault::MissingElements
                                << QStringLiteral("ProtocolError") << rfe << true << anon;
    QTest::newRow("payload missing") << QStringLiteral(R"([2,"7","Heartbeat"])") << big << FrameFault::MissingElements
                                     << QStringLiteral("ProtocolError") << rfe << true << QStringLiteral("7");
    QTest::newRow("extra element") << QStringLiteral(R"([2,"7","Heartbeat",{},{}])") << big << FrameFault::ExtraElements
                                   << fv << rfe << true << QStringLiteral("7");
    QTest::newRow("action not a string") << QStringLiteral(R"([2,"7",42,{}])") << big << FrameFault::BadAction << fv
                                         << rfe << true << QStringLiteral("7");
    QTest::newRow("action empty") << QStringLiteral(R"([2,"7","",{}])") << big << FrameFault::BadAction << fv << rfe
                                  << true << QStringLiteral("7");
    QTest::newRow("payload not object (array)")
        << QStringLiteral(R"([2,"7","Heartbeat",[]])") << big << FrameFault::PayloadNotObject << fv
        << QStringLiteral("FormatViolation") << true << QStringLiteral("7");
    QTest::newRow("payload not object (null)")
        << QStringLiteral(R"([2,"7","Heartbeat",null])") << big << FrameFault::PayloadNotObject << fv
        << QStringLiteral("FormatViolation") << true << QStringLiteral("7");
    QTest::newRow("payload not object (string)")
        << QStringLiteral(R"([2,"7","Heartbeat","{}"])") << big << FrameFault::PayloadNotObject << fv
        << QStringLiteral("FormatViolation") << true << QStringLiteral("7");
    QTest::newRow("over size limit") << QStringLiteral(
                                            R"([2,"7","DataTransfer",{"vendorId":"a-rather-long-vendor-id"}])")
                                     << qsizetype(40) << FrameFault::TooLarge << fv << rfe << true << anon;
    QTest::newRow("too deep") << nested(33) << big << FrameFault::TooDeep << fv << rfe << true << anon;
    QTest::newRow("too deep, hostile") << (QString(5000, u'[') + QString(5000, u']')) << big << FrameFault::TooDeep
                                       << fv << rfe << true << anon;
    QTest::newRow("result payload not object")
        << QStringLiteral(R"([3,"7","ok"])") << big << FrameFault::PayloadNotObject << fv
        << QStringLiteral("FormatViolation") << false << QStringLiteral("7");
    QTest::newRow("result id not a string")
        << QStringLiteral(R"([3,7,{}])") << big << FrameFault::BadMessageId << fv << rfe << false << anon;
    QTest::newRow("error code not a string") << QStringLiteral(R"([4,"7",404,"",{}])") << big
                                             << FrameFault::BadErrorCode << fv << rfe << false << QStringLiteral("7");
    QTest::newRow("error description not a string")
        << QStringLiteral(R"([4,"7","GenericError",null,{}])") << big << FrameFault::BadErrorDescription << fv << rfe
        << false << QStringLiteral("7");
    QTest::newRow("error details missing")
        << QStringLiteral(R"([4,"7","GenericError",""])") << big << FrameFault::MissingElements
        << QStringLiteral("ProtocolError") << rfe << false << QStringLiteral("7");
    QTest::newRow("error details not object")
        << QStringLiteral(R"([4,"7","GenericError","",[]])") << big << FrameFault::BadErrorDetails << fv << rfe << false
        << QStringLiteral("7");
}

void TestRpcFrame::rejectsMalformedFrames()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, maxBytes);
    QFETCH(FrameFault, fault);
    QFETCH(QString, code16);
    QFETCH(QString, code201);
    QFETCH(bool, replyExpected);
    QFETCH(QString, replyId);

    FrameLimits limits;
    limits.maxFrameBytes = maxBytes;
    const FrameParse parsed = parseFrame(text, limits);
    QVERIFY(!parsed.ok());
    const FrameError &error = parsed.error();
    QCOMPARE(frameFaultName(error.fault), frameFaultName(fault));
    QVERIFY(!error.description.isEmpty());
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp16, errorKindFor(error.fault, ProtocolVersion::Ocpp16)), code16);
    QCOMPARE(wireErrorCode(ProtocolVersion::Ocpp201, errorKindFor(error.fault, ProtocolVersion::Ocpp201)), code201);
    QCOMPARE(error.replyExpected(), replyExpected);
    QCOMPARE(error.replyMessageId(), replyId);
}

void TestRpcFrame::rejectsInvalidUtf8()
{
    const std::string bad =
        std::string("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"") + char(0xC3) + char(0x28) + "\"}]";
    const FrameParse parsed = parseFrame(std::string_view(bad));
    QVERIFY(!parsed.ok());
    QCOMPARE(frameFaultName(parsed.error().fault), QStringLiteral("NotJson"));
}

void TestRpcFrame::roundTripsCallAndResult()
{
    const CallFrame call{QStringLiteral("id-1"), QStringLiteral("Authorize"), json{{"idTag", "ÄÖÜ-тег"}}};
    const FrameParse parsedCall = parseFrame(QString::fromStdString(encodeCall(call)));
    QVERIFY(parsedCall.ok());
    const auto &back = std::get<CallFrame>(parsedCall.value());
    QCOMPARE(back.messageId, call.messageId);
    QCOMPARE(back.action, call.action);
    QCOMPARE_JSON(back.payload, call.payload);

    const CallResultFrame result{QStringLiteral("id-1"), json{{"idTagInfo", {{"status", "Accepted"}}}}};
    QCOMPARE(encodeCallResult(result), std::string(R"([3,"id-1",{"idTagInfo":{"status":"Accepted"}}])"));
    const FrameParse parsedResult = parseFrame(QString::fromStdString(encodeCallResult(result)));
    QVERIFY(parsedResult.ok());
    QCOMPARE_JSON(std::get<CallResultFrame>(parsedResult.value()).payload, result.payload);
}

void TestRpcFrame::encodesCallErrorPerVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");

    const int v16 = int(ProtocolVersion::Ocpp16);
    const int v201 = int(ProtocolVersion::Ocpp201);
    QTest::newRow("1.6 format") << v16 << int(ErrorKind::FormatViolation) << QStringLiteral("FormationViolation");
    QTest::newRow("1.6 occurrence") << v16 << int(ErrorKind::OccurrenceConstraintViolation)
                                    << QStringLiteral("OccurenceConstraintViolation");
    QTest::newRow("1.6 framework") << v16 << int(ErrorKind::RpcFrameworkError) << QStringLiteral("FormationViolation");
    QTest::newRow("1.6 not implemented") << v16 << int(ErrorKind::NotImplemented) << QStringLiteral("NotImplemented");
    QTest::newRow("2.0.1 format") << v201 << int(ErrorKind::FormatViolation) << QStringLiteral("FormatViolation");
    QTest::newRow("2.0.1 occurrence") << v201 << int(ErrorKind::OccurrenceConstraintViolation)
                                      << QStringLiteral("OccurrenceConstraintViolation");
    QTest::newRow("2.0.1 framework") << v201 << int(ErrorKind::RpcFrameworkError)
                                     << QStringLiteral("RpcFrameworkError");
    QTest::newRow("2.1 type") << int(ProtocolVersion::Ocpp21) << int(ErrorKind::TypeConstraintViolation)
                              << QStringLiteral("TypeConstraintViolation");
}

void TestRpcFrame::encodesCallErrorPerVersion()
{
    QFETCH(int, version);
    QFETCH(int, kind);
    QFETCH(QString, code);

    const std::string text = encodeCallError(ProtocolVersion(version), QStringLiteral("m-1"),
                                             RpcError::make(ErrorKind(kind), QStringLiteral("why"), json::array()));
    const json frame = json::parse(text);
    QCOMPARE(frame.size(), std::size_t(5));
    QCOMPARE_JSON(frame[0], json(4));
    QCOMPARE_JSON(frame[1], json("m-1"));
    QCOMPARE(QString::fromStdString(frame[2].get<std::string>()), code);
    QCOMPARE_JSON(frame[3], json("why"));
    QVERIFY(frame[4].is_object());  // details are always an object, even if the caller got it wrong

    const FrameParse parsed = parseFrame(QString::fromStdString(text));
    QVERIFY(parsed.ok());
    QCOMPARE(errorKindFromWire(std::get<CallErrorFrame>(parsed.value()).errorCode),
             ErrorKind(kind) == ErrorKind::RpcFrameworkError && ProtocolVersion(version) == ProtocolVersion::Ocpp16
                 ? ErrorKind::FormatViolation
                 : ErrorKind(kind));
}

void TestRpcFrame::capsCallErrorDescription()
{
    const std::string text = encodeCallError(ProtocolVersion::Ocpp201, QStringLiteral("m"),
                                             RpcError::make(ErrorKind::GenericError, QString(1000, u'x')));
    const json frame = json::parse(text);
    QCOMPARE(QString::fromStdString(frame[3].get<std::string>()).size(), kMaxErrorDescriptionLength);
}

QTEST_GUILESS_MAIN(TestRpcFrame)
#include "tst_ocpp_rpcframe.moc"
