#pragma once
// The TLS side of security profiles 2 and 3: the listener that hands out QSslSockets, and the
// TLS configuration those sockets use.
//
// Qt's QSslServer (6.4) hands a socket out only once its handshake has succeeded and puts no time
// limit on the handshake, so a client that connects and stays silent would hold a socket that
// neither the handshake deadline nor the refusal counters see. TlsListener hands each socket out
// at once, before the handshake; the CentralSystem starts the handshake itself (after checking
// that the client speaks TLS at all) under the same deadline as the HTTP request head.

#include "core/common/expected.h"
#include "core/common/tlsfiles.h"
#include "core/server/serveroptions.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpServer>

namespace cd::server {

class TlsListener final : public QTcpServer {
    Q_OBJECT
public:
    // `configuration`: see serverTlsConfiguration().
    explicit TlsListener(QSslConfiguration configuration, QObject *parent = nullptr);

protected:
    // Wraps the connection in a QSslSocket in unencrypted mode (no handshake started yet).
    void incomingConnection(qintptr descriptor) override;

private:
    QSslConfiguration m_configuration;
};

// TLS 1.2 or later with the server's certificate chain and key from `files`. Profile 3 also
// requires a client certificate that chains to files.caCertificates (and only to them, not to the
// system's CAs). Reads and checks the files: errors name the file.
Expected<QSslConfiguration> serverTlsConfiguration(SecurityProfile profile, const TlsFiles &files);

// The subject common name of a station's certificate; empty when it has none or several.
QString certificateCommonName(const QSslCertificate &certificate);

}  // namespace cd::server
