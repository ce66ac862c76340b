// The console's station server: settings remembered and validated, command-line options over
// saved settings, the EmbeddedServer started, restarted and stopped from the GUI thread while
// real WebSocket clients connect, a taken port reported (not fatal), and demo mode's simulated
// stations charging against it.

#include "core/billing/tariffrepository.h"
#include "core/runtime/runtimeoptions.h"
#include "core/runtime/stationservercontrol.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/idtagrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"
#include "core/storage/stationstaterepository.h"
#include "support/testcertificates.h"
#include "support/testdatabase.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

using namespace cd;
using namespace cd::runtime;
using State = EmbeddedServer::State;

namespace {

// Open-to-anyone settings on an ephemeral loopback port.
StationServerSettings labSettings()
{
    StationServerSettings settings;
    settings.listen = QStringLiteral("127.0.0.1:0");
    settings.securityProfile = server::SecurityProfile::None;
    settings.acceptUnknownStations = true;
    return settings;
}

bool waitForState(const EmbeddedServer &server, State state)
{
    return QTest::qWaitFor([&] { return server.state() == state; }, 15000);
}

std::unique_ptr<QWebSocket> connectStation(const EmbeddedServer &server, const QString &id)
{
    auto socket = std::make_unique<QWebSocket>();
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QStringLiteral("ocpp1.6")});
    socket->open(QUrl(server.localStationUrl().toString() + u'/' + id), options);
    return socket;
}

Expected<RuntimeOptions> parse(const QStringList &arguments, const RuntimeOptions &base)
{
    QCommandLineParser parser;
    RuntimeCommandLine::addTo(parser);
    if (!parser.parse(QStringList{QStringLiteral("chargedesk")} + arguments))
        return Error{ExitCode::Usage, parser.errorText()};
    return RuntimeCommandLine::read(parser, base);
}

}  // namespace

class TestRuntimeStationServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // apply() remembers settings: not in the user's file
    }

    void settingsSurviveASaveAndLoad()
    {
        QTemporaryDir dir;
        QSettings file(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QCOMPARE(StationServerSettings::load(file), StationServerSettings{});  // nothing saved: defaults

        StationServerSettings saved;
        saved.enabled = false;
        saved.listen = QStringLiteral("0.0.0.0:9100");
        saved.securityProfile = server::SecurityProfile::None;
        saved.acceptUnknownStations = true;
        saved.save(file);
        QCOMPARE(StationServerSettings::load(file), saved);

        // A value this version does not know never weakens security: it reads as Basic auth.
        file.setValue(QStringLiteral("stationServer/securityProfile"), 7);
        QCOMPARE(StationServerSettings::load(file).securityProfile, server::SecurityProfile::BasicAuth);

        // TLS profiles keep their files.
        for (const server::SecurityProfile profile :
             {server::SecurityProfile::TlsBasicAuth, server::SecurityProfile::TlsClientCertificate}) {
            StationServerSettings tls;
            tls.securityProfile = profile;
            tls.tls = {QStringLiteral("/etc/chargedesk/server.pem"), QStringLiteral("/etc/chargedesk/server.key"),
                       QStringLiteral("/etc/chargedesk/stations-ca.pem")};
            tls.save(file);
            QCOMPARE(StationServerSettings::load(file), tls);
        }
    }

    void settingsBecomeRuntimeOptions()
    {
        StationServerSettings settings;
        settings.listen = QStringLiteral(" 0.0.0.0:9100 ");
        settings.acceptUnknownStations = true;
        auto options = settings.toRuntimeOptions();
        QVERIFY(options);
        QCOMPARE(options->address, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(options->port, quint16(9100));
        QCOMPARE(options->server.securityProfile, server::SecurityProfile::BasicAuth);
        QVERIFY(options->charging.acceptUnknownStations);
        QVERIFY(options->commands.nodeName.endsWith(QStringLiteral(":9100")));

        settings.securityProfile = server::SecurityProfile::TlsClientCertificate;
        settings.tls = {QStringLiteral("server.pem"), QStringLiteral("server.key"), QStringLiteral("ca.pem")};
        auto tls = settings.toRuntimeOptions();
        QVERIFY(tls);
        QCOMPARE(tls->server.securityProfile, server::SecurityProfile::TlsClientCertificate);
        QCOMPARE(tls->server.tls, settings.tls);

        settings.listen = QStringLiteral("nine thousand");
        QCOMPARE(settings.toRuntimeOptions().error().code, ExitCode::Usage);
        QVERIFY(StationServerControl::validationError(settings).contains(QStringLiteral("nine thousand")));
        QVERIFY(StationServerControl::validationError(labSettings()).isEmpty());
    }

    void commandLineOverridesOnlyWhatItNames()
    {
        RuntimeOptions base;
        base.address = QHostAddress(QStringLiteral("0.0.0.0"));
        base.port = 9100;
        base.server.securityProfile = server::SecurityProfile::None;
        base.server.pingInterval = std::chrono::seconds(12);
        base.charging.acceptUnknownStations = true;
        base.commands.nodeName = QStringLiteral("desk:9100");

        auto kept = parse({}, base);
        QVERIFY(kept);
        QCOMPARE(kept->port, quint16(9100));
        QCOMPARE(kept->server.securityProfile, server::SecurityProfile::None);
        QCOMPARE(kept->server.pingInterval, std::chrono::milliseconds(12000));
        QVERIFY(kept->charging.acceptUnknownStations);
        QCOMPARE(kept->commands.nodeName, QStringLiteral("desk:9100"));

        auto changed = parse({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:9200"),
                              QStringLiteral("--security-profile"), QStringLiteral("1")},
                             base);
        QVERIFY(changed);
        QCOMPARE(changed->address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(changed->port, quint16(9200));
        QCOMPARE(changed->server.securityProfile, server::SecurityProfile::BasicAuth);
        QVERIFY(changed->charging.acceptUnknownStations);  // not named: still from the settings
        QVERIFY(changed->commands.nodeName.endsWith(QStringLiteral(":9200")));

        QCOMPARE(parse({QStringLiteral("--ping-interval"), QStringLiteral("90")}, base).error().code,
                 ExitCode::Usage);
    }

    void tlsOptionsGoTogether_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");  // empty: accepted
        const QString cert = QStringLiteral("--tls-cert");
        const QString key = QStringLiteral("--tls-key");
        const QString ca = QStringLiteral("--tls-ca");
        const QString profile = QStringLiteral("--security-profile");
        QTest::newRow("profile 2") << QStringList{profile, QStringLiteral("2"), cert, QStringLiteral("s.pem"), key,
                                                  QStringLiteral("s.key")}
                                   << QString();
        QTest::newRow("profile 3") << QStringList{profile, QStringLiteral("3"), cert, QStringLiteral("s.pem"), key,
                                                  QStringLiteral("s.key"), ca, QStringLiteral("ca.pem")}
                                   << QString();
        QTest::newRow("profile 2 without files")
            << QStringList{profile, QStringLiteral("2")} << QStringLiteral("--tls-cert");
        QTest::newRow("profile 2 without key")
            << QStringList{profile, QStringLiteral("2"), cert, QStringLiteral("s.pem")} << QStringLiteral("--tls-key");
        QTest::newRow("profile 3 without CA")
            << QStringList{profile, QStringLiteral("3"), cert, QStringLiteral("s.pem"), key, QStringLiteral("s.key")}
            << QStringLiteral("--tls-ca");
        QTest::newRow("files without a TLS profile")
            << QStringList{cert, QStringLiteral("s.pem"), key, QStringLiteral("s.key")}
            << QStringLiteral("--security-profile 2 or 3");
        QTest::newRow("profile 4") << QStringList{profile, QStringLiteral("4")} << QStringLiteral("0, 1, 2 or 3");
    }

    void tlsOptionsGoTogether()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const auto options = parse(arguments, RuntimeOptions{});
        if (mentions.isEmpty()) {
            QVERIFY2(options, qPrintable(options.error().message));
            QVERIFY(server::usesTls(options->server.securityProfile));
            QCOMPARE(options->server.tls.certificate, QStringLiteral("s.pem"));
            QCOMPARE(options->server.tls.privateKey, QStringLiteral("s.key"));
            QCOMPARE(options->server.tls.caCertificates.isEmpty(),
                     options->server.securityProfile == server::SecurityProfile::TlsBasicAuth);
            return;
        }
        QVERIFY(!options);
        QCOMPARE(options.error().code, ExitCode::Usage);
        QVERIFY2(options.error().message.contains(mentions), qPrintable(options.error().message));
    }

    void savedTlsSettingsServeWss()
    {
        test::TestCertificates certificates;
        QString error;
        QVERIFY2(certificates.generate(&error), qPrintable(error));
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationServerSettings settings = labSettings();
        settings.securityProfile = server::SecurityProfile::TlsBasicAuth;
        settings.tls.certificate = certificates.server().certificate;
        settings.tls.privateKey = certificates.path(QStringLiteral("nowhere.key"));
        StationServerControl control(fixture.shared(), settings);

        // A missing file: the server reports it and does not run.
        QVERIFY(control.start());
        QVERIFY(waitForState(control.server(), State::Failed));
        QVERIFY2(control.server().errorMessage().contains(settings.tls.privateKey),
                 qPrintable(control.server().errorMessage()));

        settings.tls.privateKey = certificates.server().privateKey;
        QVERIFY(control.apply(settings));
        QVERIFY(waitForState(control.server(), State::Running));
        const QString url = control.server().stationUrl();
        QVERIFY2(url.startsWith(QStringLiteral("wss://127.0.0.1:%1/ocpp").arg(control.server().port())), qPrintable(url));
    }

    void serverStartsRestartsAndStopsWithStationsConnected()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationServerControl control(fixture.shared(), labSettings());
        EmbeddedServer &server = control.server();
        QCOMPARE(server.state(), State::Stopped);

        QVERIFY(control.start());
        QVERIFY(waitForState(server, State::Running));
        QVERIFY(server.port() != 0);
        QVERIFY(server.stationUrl().startsWith(QStringLiteral("ws://127.0.0.1:%1/ocpp").arg(server.port())));

        auto station = connectStation(server, QStringLiteral("LAB-1"));
        QTRY_COMPARE_WITH_TIMEOUT(station->state(), QAbstractSocket::ConnectedState, 15000);
        QCOMPARE(station->subprotocol(), QStringLiteral("ocpp1.6"));
        QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectedNow, 1, 15000);

        // Apply: the old server closes its links and a new one listens with the new settings.
        StationServerSettings secured = labSettings();
        secured.securityProfile = server::SecurityProfile::BasicAuth;
        QVERIFY(control.apply(secured));
        QTRY_COMPARE_WITH_TIMEOUT(station->state(), QAbstractSocket::UnconnectedState, 15000);
        QVERIFY(waitForState(server, State::Running));
        QCOMPARE(server.options().server.securityProfile, server::SecurityProfile::BasicAuth);
        QCOMPARE(control.settings(), secured);
        QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectedNow, 0, 15000);

        // Remembered for the next start.
        QCOMPARE(StationServerSettings::load(QSettings(QStringLiteral("ChargeDesk"), QStringLiteral("ChargeDesk"))),
                 secured);

        // Without a password the station is now refused before the upgrade.
        auto refused = connectStation(server, QStringLiteral("LAB-1"));
        QSignalSpy refusedError(refused.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        QVERIFY(refusedError.wait(15000));
        QVERIFY(refused->state() != QAbstractSocket::ConnectedState);

        StationServerSettings off = secured;
        off.enabled = false;
        QVERIFY(control.apply(off));
        QVERIFY(waitForState(server, State::Stopped));
        QVERIFY(server.stationUrl().isEmpty());
    }

    void aStartClearsOnlineMarksACrashLeft()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        storage::Station station;
        station.chargePointId = QStringLiteral("LEFT-ONLINE");
        auto id = storage::StationRepository(fixture.db()).add(station);
        QVERIFY(id);
        storage::StationStateRepository states(fixture.db());
        QVERIFY(states.setConnected(*id, 1000, QStringLiteral("ocpp1.6")));  // as a killed server left it

        StationServerControl control(fixture.shared(), labSettings());
        QVERIFY(control.start());
        QVERIFY(waitForState(control.server(), State::Running));
        auto after = states.findById(*id);
        QVERIFY(after && after->has_value());
        QVERIFY(!(*after)->connectedSinceMs);
        QVERIFY((*after)->disconnectedMs.value_or(0) > 1000);
    }

    void anInvalidAddressChangesNothing()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationServerControl control(fixture.shared(), labSettings());
        QVERIFY(control.start());
        QVERIFY(waitForState(control.server(), State::Running));
        const quint16 port = control.server().port();

        StationServerSettings bad = labSettings();
        bad.listen = QStringLiteral("localhost:99999");
        const Status applied = control.apply(bad);
        QVERIFY(!applied);
        QCOMPARE(applied.error().code, ExitCode::Usage);
        QCOMPARE(control.settings(), labSettings());
        QCOMPARE(control.server().state(), State::Running);
        QCOMPARE(control.server().port(), port);
    }

    void aTakenPortIsReportedNotFatal()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationServerSettings settings = labSettings();
        settings.listen = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        StationServerControl control(fixture.shared(), settings);
        QVERIFY(control.start());
        QVERIFY(waitForState(control.server(), State::Failed));
        QVERIFY(!control.server().errorMessage().isEmpty());
        QVERIFY(control.server().stationUrl().isEmpty());

        // The operator picks another port: it runs.
        QVERIFY(control.apply(labSettings()));
        QVERIFY(waitForState(control.server(), State::Running));
        QVERIFY(control.server().errorMessage().isEmpty());
    }

    void disabledSettingsStartNothing()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        StationServerSettings off = labSettings();
        off.enabled = false;
        StationServerControl control(fixture.shared(), off);
        QVERIFY(control.start());
        QTest::qWait(100);
        QCOMPARE(control.server().state(), State::Stopped);
    }

    void demoStationsChargeAgainstTheConsoleServer()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        // Saved settings ask for passwords and refuse unknown stations: demo mode overrides both.
        StationServerSettings strict = labSettings();
        strict.securityProfile = server::SecurityProfile::BasicAuth;
        strict.acceptUnknownStations = false;
        StationServerControl control(fixture.shared(), strict);
        DemoOptions demo;
        demo.stations = 3;
        demo.timeScale = 600;  // a simulated 10 minutes between sessions pass in about a second
        QVERIFY(control.enableDemo(demo));
        QVERIFY(control.demoMode());

        auto tag = storage::IdTagRepository(fixture.db()).find(demo.fleetTag);
        QVERIFY(tag && tag->has_value());
        QCOMPARE((*tag)->kind, QStringLiteral("department"));
        QVERIFY(control.enableDemo(demo));  // a second time adds nothing
        auto audit = storage::AuditLogRepository(fixture.db()).latest(100);
        QVERIFY(audit);
        QCOMPARE(std::count_if(audit->cbegin(), audit->cend(),
                               [](const storage::AuditEntry &e) { return e.action == u"idtag.add"; }),
                 1);
        // The demo's stations are registered at sites with a location, once, so the map shows them.
        QCOMPARE(std::count_if(audit->cbegin(), audit->cend(),
                               [](const storage::AuditEntry &e) { return e.action == u"station.add"; }),
                 3);
        for (const QString &id : {QStringLiteral("DEMO-0001"), QStringLiteral("DEMO-0002"), QStringLiteral("DEMO-0003")}) {
            auto station = storage::StationRepository(fixture.db()).find(id);
            QVERIFY(station && station->has_value());
            QVERIFY((*station)->latitude && (*station)->longitude);
            QVERIFY((*station)->siteId);
            QVERIFY(!(*station)->siteName.isEmpty());
        }

        QVERIFY(control.start());
        QVERIFY(waitForState(control.server(), State::Running));
        QCOMPARE(control.server().options().server.securityProfile, server::SecurityProfile::None);
        QTRY_COMPARE_WITH_TIMEOUT(control.server().stats().connectedNow, 3, 30000);
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto sessions = storage::SessionRepository(fixture.db()).list({});
                return sessions && !sessions->isEmpty();
            },
            60000));
        auto sessions = storage::SessionRepository(fixture.db()).list({});
        QCOMPARE(sessions->first().idTag, demo.fleetTag);

        // The demo brings a network tariff once, so its finished sessions are billed.
        auto tariffs = billing::TariffRepository(fixture.db()).list();
        QVERIFY(tariffs);
        QCOMPARE(tariffs->size(), 1);
        QVERIFY(tariffs->first().isTimeOfUse());
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto bills = storage::Sql::run(fixture.db().connection(), QStringLiteral("SELECT COUNT(*) FROM bills"));
                return bills && bills->next() && bills->value(0).toLongLong() > 0;
            },
            60000));
    }
};

QTEST_GUILESS_MAIN(TestRuntimeStationServer)
#include "tst_runtime_stationserver.moc"
