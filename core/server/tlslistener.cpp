#include "core/server/tlslistener.h"

#include "core/server/serverlog.h"

#include <QSslSocket>

namespace cd::server {

TlsListener::TlsListener(QSslConfiguration configuration, QObject *parent)
    : QTcpServer(parent), m_configuration(std::move(configuration))
{
}

void TlsListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_configuration);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot take over an accepted connection:" << socket->errorString();
        delete socket;
        return;
    }
    addPendingConnection(socket);
}

Expected<QSslConfiguration> serverTlsConfiguration(SecurityProfile profile, const TlsFiles &files)
{
    if (Status available = TlsFileLoader::checkTlsAvailable(); !available)
        return available.error();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    if (Status identity = TlsFileLoader::loadIdentity(configuration, files.certificate, files.privateKey); !identity)
        return identity.error();
    if (profile == SecurityProfile::TlsClientCertificate) {
        if (Status cas = TlsFileLoader::loadTrustedCas(configuration, files.caCertificates); !cas)
            return cas.error();
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        configuration.setPeerVerifyMode(
            QSslSocket::VerifyNone);  // profile 2: stations prove who they are with Basic auth
    }
    return configuration;
}

QString certificateCommonName(const QSslCertificate &certificate)
{
    const QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    return names.size() == 1 ? names.first() : QString();
}

}  // namespace cd::server
