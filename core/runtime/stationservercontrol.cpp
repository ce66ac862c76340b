#include "core/runtime/stationservercontrol.h"

#include "core/common/appsettings.h"

namespace cd::runtime {

QString StationServerTexts::invalidListen(const QString &text)
{
    //: %1 is what the operator typed as the station server's address
    return tr("\"%1\" is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.").arg(text);
}

QString StationServerTexts::tlsFilesMissing()
{
    return tr("Security profiles 2 and 3 need the server's certificate and its private key (PEM files).");
}

QString StationServerTexts::caMissing()
{
    return tr("Security profile 3 needs the CA certificate that signed the stations' certificates.");
}

StationServerControl::StationServerControl(std::shared_ptr<storage::Database> db, StationServerSettings settings,
                                           QObject *parent)
    : QObject(parent), m_db(db), m_settings(std::move(settings)), m_server(std::move(db))
{
    connect(&m_server, &EmbeddedServer::stateChanged, this, &StationServerControl::onServerStateChanged);
}

StationServerControl::~StationServerControl()
{
    m_demo.reset();  // stations go first, so the server does not log them as lost
}

Status StationServerControl::enableDemo(const DemoOptions &options)
{
    if (Status prepared = DemoFleet::prepare(*m_db, options); !prepared)
        return prepared;
    m_demo = std::make_unique<DemoFleet>(options);
    return {};
}

QString StationServerControl::validationError(const StationServerSettings &settings)
{
    if (!settings.toRuntimeOptions())
        return StationServerTexts::invalidListen(settings.listen);
    if (server::usesTls(settings.securityProfile)
        && (settings.tls.certificate.trimmed().isEmpty() || settings.tls.privateKey.trimmed().isEmpty()))
        return StationServerTexts::tlsFilesMissing();
    if (settings.securityProfile == server::SecurityProfile::TlsClientCertificate
        && settings.tls.caCertificates.trimmed().isEmpty())
        return StationServerTexts::caMissing();
    return {};
}

Status StationServerControl::start(const std::optional<RuntimeOptions> &overrides)
{
    if (overrides) {
        startServer(*overrides);
        return {};
    }
    if (!m_settings.enabled && !m_demo)
        return {};
    auto options = m_settings.toRuntimeOptions();
    if (!options)
        return Error{ExitCode::Usage, StationServerTexts::invalidListen(m_settings.listen)};
    startServer(*options);
    return {};
}

Status StationServerControl::apply(const StationServerSettings &settings)
{
    if (const QString problem = validationError(settings); !problem.isEmpty())
        return Error{ExitCode::Usage, problem};
    auto options = settings.toRuntimeOptions();
    m_settings = settings;
    QSettings stored = appSettings();
    m_settings.save(stored);
    if (m_settings.enabled || m_demo)
        startServer(*options);
    else
        m_server.stop();
    return {};
}

void StationServerControl::startServer(RuntimeOptions options)
{
    // Payments as Settings › Payments has them; the console's secrets live in the OS keychain.
    const QSettings stored = appSettings();
    options.payments.settings = payments::PaymentSettings::load(stored);
    const QUrl gatewayUrl = options.payments.settings.baseUrl;
    if (!options.payments.key.isSet())
        options.payments.key = payments::SecretSource::keychain(payments::PaymentSettings::secretName(gatewayUrl));
    if (!options.payments.webhookSecret.isSet())
        options.payments.webhookSecret = payments::SecretSource::keychain(payments::PaymentSecrets::webhookSecretName(gatewayUrl));
    options.alerts = alerts::AlertSettings::load(stored);
    m_server.start(m_demo ? DemoFleet::demoRuntimeOptions(std::move(options)) : std::move(options));
}

void StationServerControl::onServerStateChanged(EmbeddedServer::State state)
{
    if (state == EmbeddedServer::State::Running && m_demo)
        m_demo->start(m_server.localStationUrl());
}

}  // namespace cd::runtime
