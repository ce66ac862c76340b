// The pre-upgrade rules without sockets: HTTP head parsing, the station path, Basic auth,
// subprotocol choice and the order of the checks.

#include "core/server/httprequesthead.h"
#include "core/server/httpresponse.h"
#include "core/server/upgradecheck.h"
#include "servertestsupport.h"

#include <QTest>

using namespace cd::server;
using cd::ocpp::ProtocolVersion;

namespace {

HttpRequestHead headOf(const test::UpgradeRequest &request)
{
    QString problem;
    const auto head = parseRequestHead(request.toBytes(), &problem);
    if (!head)
        qWarning() << "unparseable test request:" << problem;
    return head.value_or(HttpRequestHead{});
}

}  // namespace

class TestUpgradeCheck : public QObject {
    Q_OBJECT

private slots:
    void headEnd()
    {
        QCOMPARE(findHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n"), std::nullopt);
        QCOMPARE(findHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest"), std::optional<qsizetype>(27));
    }

    void parseHead()
    {
        const auto head = parseRequestHead("GET /ocpp/A HTTP/1.1\r\nHost:  x \r\nSec-WebSocket-Protocol: a, b\r\n"
                                           "sec-websocket-protocol: c\r\n\r\n");
        QVERIFY(head);
        QCOMPARE(head->method, QByteArray("GET"));
        QCOMPARE(head->target, QByteArray("/ocpp/A"));
        QCOMPARE(head->httpVersion, QByteArray("HTTP/1.1"));
        QCOMPARE(head->value("HOST"), std::optional<QByteArray>("x"));
        QCOMPARE(head->listValues("Sec-WebSocket-Protocol"), (QList<QByteArray>{"a", "b", "c"}));
        QVERIFY(head->hasToken("sec-websocket-protocol", "B"));
        QCOMPARE(head->count("missing"), 0);
    }

    void parseHeadRejects_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("no blank line") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n");
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n");
        QTest::newRow("bad version") << QByteArray("GET / HTTP/1\r\n\r\n");
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n  y\r\n\r\n");
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n");
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n");
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\r\nHost: x\ny: z\r\n\r\n");
        QTest::newRow("control char") << QByteArray("GET / HTTP/1.1\r\nHost: x\x01\r\n\r\n");
        QTest::newRow("empty") << QByteArray("\r\n\r\n");
    }

    void parseHeadRejects()
    {
        QFETCH(QByteArray, head);
        QString problem;
        QVERIFY(!parseRequestHead(head, &problem));
        QVERIFY(!problem.isEmpty());
    }

    void chargePointPath_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("expected");  // null: refused
        const QString ocpp = QStringLiteral("/ocpp");
        QTest::newRow("plain") << QByteArray("/ocpp/CP1") << ocpp << QStringLiteral("CP1");
        QTest::newRow("query ignored") << QByteArray("/ocpp/CP1?x=1") << ocpp << QStringLiteral("CP1");
        QTest::newRow("percent space") << QByteArray("/ocpp/CP%201") << ocpp << QStringLiteral("CP 1");
        QTest::newRow("utf8") << QByteArray("/ocpp/%D0%97%D0%A11") << ocpp << QStringLiteral("\u0417\u04211");
        QTest::newRow("colon allowed") << QByteArray("/ocpp/a:b") << ocpp << QStringLiteral("a:b");
        QTest::newRow("absolute form") << QByteArray("ws://host:9000/ocpp/CP1") << ocpp << QStringLiteral("CP1");
        QTest::newRow("48 chars") << QByteArray("/ocpp/" + QByteArray(48, 'x')) << ocpp << QString(48, QLatin1Char('x'));
        QTest::newRow("other prefix") << QByteArray("/csms/v16/CP1") << QStringLiteral("/csms/v16") << QStringLiteral("CP1");
        QTest::newRow("empty prefix") << QByteArray("/CP1") << QString() << QStringLiteral("CP1");
        QTest::newRow("root") << QByteArray("/") << ocpp << QString();
        QTest::newRow("prefix only") << QByteArray("/ocpp") << ocpp << QString();
        QTest::newRow("empty id") << QByteArray("/ocpp/") << ocpp << QString();
        QTest::newRow("two segments") << QByteArray("/ocpp/a/b") << ocpp << QString();
        QTest::newRow("double slash") << QByteArray("/ocpp//CP1") << ocpp << QString();
        QTest::newRow("trailing slash") << QByteArray("/ocpp/CP1/") << ocpp << QString();
        QTest::newRow("wrong prefix") << QByteArray("/other/CP1") << ocpp << QString();
        QTest::newRow("prefix as word start") << QByteArray("/ocppx/CP1") << ocpp << QString();
        QTest::newRow("encoded slash") << QByteArray("/ocpp/a%2Fb") << ocpp << QString();
        QTest::newRow("49 chars") << QByteArray("/ocpp/" + QByteArray(49, 'x')) << ocpp << QString();
        QTest::newRow("bad escape") << QByteArray("/ocpp/a%zz") << ocpp << QString();
        QTest::newRow("short escape") << QByteArray("/ocpp/a%2") << ocpp << QString();
        QTest::newRow("invalid utf8") << QByteArray("/ocpp/%C3%28") << ocpp << QString();
        QTest::newRow("control") << QByteArray("/ocpp/a%0Ab") << ocpp << QString();
        QTest::newRow("encoded empty") << QByteArray("/ocpp/%00") << ocpp << QString();
        QTest::newRow("asterisk form") << QByteArray("*") << ocpp << QString();
    }

    void chargePointPath()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, prefix);
        QFETCH(QString, expected);
        const std::optional<QString> id = chargePointIdFromTarget(target, prefix);
        if (expected.isNull()) {
            QVERIFY2(!id, qPrintable(id.value_or(QString())));
        } else {
            QVERIFY(id);
            QCOMPARE(*id, expected);
        }
    }

    void basicAuthorization_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("simple") << test::basicAuth("CP1", "secret") << QStringLiteral("CP1") << true
                                << QStringLiteral("CP1") << QByteArray("secret");
        QTest::newRow("scheme case") << QByteArray("bAsIc " + QByteArray("CP1:pw").toBase64())
                                     << QStringLiteral("CP1") << true << QStringLiteral("CP1") << QByteArray("pw");
        QTest::newRow("colon in password") << test::basicAuth("CP1", "a:b") << QStringLiteral("CP1") << true
                                           << QStringLiteral("CP1") << QByteArray("a:b");
        QTest::newRow("colon in id") << test::basicAuth("a:b", "pw") << QStringLiteral("a:b") << true
                                     << QStringLiteral("a:b") << QByteArray("pw");
        QTest::newRow("binary password") << test::basicAuth("CP1", QByteArray("\x00\xff\x10", 3))
                                         << QStringLiteral("CP1") << true << QStringLiteral("CP1")
                                         << QByteArray("\x00\xff\x10", 3);
        QTest::newRow("other user") << test::basicAuth("CP2", "pw") << QStringLiteral("CP1") << true
                                    << QStringLiteral("CP2") << QByteArray("pw");
        QTest::newRow("empty password") << test::basicAuth("CP1", "") << QStringLiteral("CP1") << true
                                        << QStringLiteral("CP1") << QByteArray("");
        QTest::newRow("no colon") << QByteArray("Basic " + QByteArray("CP1").toBase64()) << QStringLiteral("CP1")
                                  << false << QString() << QByteArray();
        QTest::newRow("bearer") << QByteArray("Bearer abc") << QStringLiteral("CP1") << false << QString()
                                << QByteArray();
        QTest::newRow("bad base64") << QByteArray("Basic ###") << QStringLiteral("CP1") << false << QString()
                                    << QByteArray();
        QTest::newRow("no token") << QByteArray("Basic") << QStringLiteral("CP1") << false << QString()
                                  << QByteArray();
    }

    void basicAuthorization()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const std::optional<BasicCredentials> credentials = parseBasicAuthorization(value, id);
        QCOMPARE(bool(credentials), valid);
        if (valid) {
            QFETCH(QString, user);
            QFETCH(QByteArray, password);
            QCOMPARE(credentials->user, user);
            QCOMPARE(credentials->password, password);
        }
    }

    void subprotocolChoice()
    {
        const QList<ProtocolVersion> only16{ProtocolVersion::Ocpp16};
        const QList<ProtocolVersion> both{ProtocolVersion::Ocpp201, ProtocolVersion::Ocpp16};
        const QString v16 = QStringLiteral("ocpp1.6");
        const QString v201 = QStringLiteral("ocpp2.0.1");
        QCOMPARE(negotiateSubprotocol({v16}, only16), ProtocolVersion::Ocpp16);
        QCOMPARE(negotiateSubprotocol({v201, v16}, only16), ProtocolVersion::Ocpp16);
        QCOMPARE(negotiateSubprotocol({v201}, only16), std::nullopt);
        // The station's order wins, not ours.
        QCOMPARE(negotiateSubprotocol({v16, v201}, both), ProtocolVersion::Ocpp16);
        QCOMPARE(negotiateSubprotocol({v201, v16}, both), ProtocolVersion::Ocpp201);
        // Exact, case-sensitive tokens.
        QCOMPARE(negotiateSubprotocol({QStringLiteral("OCPP1.6"), QStringLiteral("ocpp1.6j")}, only16), std::nullopt);
    }

    void checks_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("profile");
        QTest::addColumn<int>("status");  // 0: a candidate
        QTest::addColumn<int>("reason");

        using test::UpgradeRequest;
        const auto bytes = [](UpgradeRequest r) { return r.toBytes(); };
        UpgradeRequest ok;
        ok.authorization = test::basicAuth("CP1", "pw");
        QTest::newRow("ok") << bytes(ok) << 1 << 0 << 0;

        QTest::newRow("post") << QByteArray(bytes(ok)).replace("GET ", "POST ") << 1 << 405
                              << int(RefusalReason::BadRequest);
        QTest::newRow("http/1.0") << QByteArray(bytes(ok)).replace(" HTTP/1.1", " HTTP/1.0") << 1 << 505
                                  << int(RefusalReason::BadRequest);
        QTest::newRow("no host") << QByteArray(bytes(ok)).replace("Host: 127.0.0.1\r\n", "") << 1 << 400
                                 << int(RefusalReason::BadRequest);
        QTest::newRow("no upgrade") << QByteArray(bytes(ok)).replace("Upgrade: websocket\r\n", "") << 1 << 426
                                    << int(RefusalReason::BadRequest);
        QTest::newRow("no connection upgrade")
            << QByteArray(bytes(ok)).replace("Connection: Upgrade", "Connection: keep-alive") << 1 << 400
            << int(RefusalReason::BadRequest);
        QTest::newRow("connection list") << QByteArray(bytes(ok)).replace("Connection: Upgrade",
                                                                           "Connection: keep-alive, Upgrade")
                                         << 1 << 0 << 0;
        QTest::newRow("version 8") << QByteArray(bytes(ok)).replace("Version: 13", "Version: 8") << 1 << 426
                                   << int(RefusalReason::BadRequest);
        QTest::newRow("bad key") << QByteArray(bytes(ok)).replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=") << 1
                                 << 400 << int(RefusalReason::BadRequest);

        UpgradeRequest badPath = ok;
        badPath.path = "/ocpp/a/b";
        QTest::newRow("bad path") << bytes(badPath) << 1 << 404 << int(RefusalReason::BadPath);

        UpgradeRequest noProtocol = ok;
        noProtocol.protocols.clear();
        QTest::newRow("no subprotocol") << bytes(noProtocol) << 1 << 400 << int(RefusalReason::NoSubprotocol);

        UpgradeRequest unsupported = ok;
        unsupported.protocols = "ocpp2.1";  // not served unless listed
        QTest::newRow("unsupported subprotocol: candidate without version") << bytes(unsupported) << 1 << 0 << 0;

        UpgradeRequest noAuth = ok;
        noAuth.authorization.reset();
        QTest::newRow("profile 1, no auth") << bytes(noAuth) << 1 << 401 << int(RefusalReason::Unauthorized);
        QTest::newRow("profile 0, no auth") << bytes(noAuth) << 0 << 0 << 0;

        UpgradeRequest otherUser = ok;
        otherUser.authorization = test::basicAuth("CP2", "pw");
        QTest::newRow("user is not the id") << bytes(otherUser) << 1 << 401 << int(RefusalReason::Unauthorized);

        UpgradeRequest malformed = ok;
        malformed.authorization = "Basic !!!";
        QTest::newRow("malformed auth") << bytes(malformed) << 1 << 401 << int(RefusalReason::Unauthorized);

        UpgradeRequest twice = ok;
        twice.extraHeaders = "Authorization: " + test::basicAuth("CP1", "pw") + "\r\n";
        QTest::newRow("two auth headers") << bytes(twice) << 1 << 401 << int(RefusalReason::Unauthorized);

        // Path before subprotocol before auth: an unauthenticated client learns nothing more.
        UpgradeRequest badPathNoAuth = badPath;
        badPathNoAuth.authorization.reset();
        QTest::newRow("bad path wins over auth") << bytes(badPathNoAuth) << 1 << 404 << int(RefusalReason::BadPath);
    }

    void checks()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, profile);
        QFETCH(int, status);
        QFETCH(int, reason);
        ServerOptions options;
        options.securityProfile = SecurityProfile(profile);
        const auto head = parseRequestHead(request);
        QVERIFY(head);
        const UpgradeCheck check = checkUpgradeRequest(*head, options);
        if (status == 0) {
            if (const auto *refusal = std::get_if<UpgradeRefusal>(&check))
                QFAIL(qPrintable(refusal->detail));
            QCOMPARE(std::get<UpgradeCandidate>(check).chargePointId, QStringLiteral("CP1"));
            return;
        }
        QVERIFY(std::holds_alternative<UpgradeRefusal>(check));
        const auto &refusal = std::get<UpgradeRefusal>(check);
        QCOMPARE(refusal.response.status, status);
        QCOMPARE(refusal.reason, RefusalReason(reason));
    }

    void candidateCarriesCredentialsAndVersion()
    {
        test::UpgradeRequest request;
        request.protocols = "ocpp2.0.1, ocpp1.6";
        request.authorization = test::basicAuth("CP1", "pw");
        ServerOptions options;
        options.protocols = {ProtocolVersion::Ocpp16};
        const auto check = checkUpgradeRequest(headOf(request), options);
        QVERIFY(std::holds_alternative<UpgradeCandidate>(check));
        const auto &candidate = std::get<UpgradeCandidate>(check);
        QCOMPARE(candidate.version, ProtocolVersion::Ocpp16);
        QCOMPARE(candidate.offeredSubprotocols, (QStringList{QStringLiteral("ocpp2.0.1"), QStringLiteral("ocpp1.6")}));
        QVERIFY(candidate.credentials);
        QCOMPARE(candidate.credentials->password, QByteArray("pw"));

        options.protocols = {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201};
        const auto both = checkUpgradeRequest(headOf(request), options);
        QCOMPARE(std::get<UpgradeCandidate>(both).version, ProtocolVersion::Ocpp201);
    }

    void versionWhenNoneOffered()
    {
        test::UpgradeRequest request;
        request.protocols.clear();
        ServerOptions options;
        options.securityProfile = SecurityProfile::None;
        options.versionWhenNoneOffered = ProtocolVersion::Ocpp16;
        const auto check = checkUpgradeRequest(headOf(request), options);
        QVERIFY(std::holds_alternative<UpgradeCandidate>(check));
        QCOMPARE(std::get<UpgradeCandidate>(check).version, ProtocolVersion::Ocpp16);
        // ... but only a version that is served.
        options.versionWhenNoneOffered = ProtocolVersion::Ocpp21;
        QVERIFY(std::holds_alternative<UpgradeRefusal>(checkUpgradeRequest(headOf(request), options)));
    }

    void responsesAreWellFormed()
    {
        const UpgradeRefusal r = refuseUnauthorized(QStringLiteral("x"));
        const QByteArray bytes = r.response.serialize(QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC));
        QVERIFY(bytes.startsWith("HTTP/1.1 401 Unauthorized\r\n"));
        QVERIFY(bytes.contains("\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"));
        QVERIFY(bytes.contains("\r\nWWW-Authenticate: Basic realm=\"ChargeDesk\"\r\n"));
        QVERIFY(bytes.contains("\r\nConnection: close\r\n"));
        QVERIFY(bytes.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(r.response.body.size()) + "\r\n")));
        QVERIFY(bytes.endsWith(QByteArray("\r\n\r\n" + r.response.body)));
    }

    void optionsValidation()
    {
        ServerOptions options;
        QVERIFY(ServerOptionsCheck::validate(options).ok());
        // The defaults show a dead station offline within a minute.
        QVERIFY(options.pingInterval + options.pongTimeout < std::chrono::minutes(1));
        options.protocols.clear();
        QVERIFY(!ServerOptionsCheck::validate(options).ok());
        options = {};
        options.pathPrefix = QStringLiteral("ocpp/");
        QVERIFY(!ServerOptionsCheck::validate(options).ok());
        options = {};
        options.maxHandshakeBytes = 10;
        QVERIFY(!ServerOptionsCheck::validate(options).ok());
    }
};

QTEST_GUILESS_MAIN(TestUpgradeCheck)
#include "tst_server_upgradecheck.moc"
