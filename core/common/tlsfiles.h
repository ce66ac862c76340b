#pragma once
// Certificates and private keys read from PEM files into a QSslConfiguration: the OCPP server's
// own certificate and the CAs it trusts for station certificates (security profiles 2 and 3), and
// the simulator's side (the CA it trusts, the client certificate it presents). Every error names
// the file and is translated, for the operator.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace cd {

// Paths of PEM files; empty: not configured.
struct TlsFiles {
    QString certificate;     // this side's certificate, then any intermediate CA certificates
    QString privateKey;      // the certificate's private key, unencrypted (RSA or EC)
    QString caCertificates;  // the CA certificates the peer's certificate must chain to

    bool isEmpty() const { return certificate.isEmpty() && privateKey.isEmpty() && caCertificates.isEmpty(); }
    friend bool operator==(const TlsFiles &, const TlsFiles &) = default;
};

class TlsFileLoader {
    Q_DECLARE_TR_FUNCTIONS(cd::TlsFileLoader)
public:
    // An error when this Qt has no working TLS backend (OpenSSL 3 libraries missing).
    static Status checkTlsAvailable();
    // Every certificate in the file; an error when it cannot be read or holds none.
    static Expected<QList<QSslCertificate>> readCertificates(const QString &path);
    // An unencrypted RSA or EC private key.
    static Expected<QSslKey> readPrivateKey(const QString &path);
    // Sets the local certificate chain and private key, after checking that the certificate is
    // valid now and that the key belongs to it.
    static Status loadIdentity(QSslConfiguration &configuration, const QString &certificatePath,
                               const QString &keyPath);
    // Makes the CA certificates in the file the only ones the configuration trusts (no system CAs).
    static Status loadTrustedCas(QSslConfiguration &configuration, const QString &path);
};

}  // namespace cd
