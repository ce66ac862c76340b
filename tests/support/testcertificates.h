#pragma once
// Certificates for TLS tests, made at runtime with the openssl command-line tool in a temporary
// folder: a CA, a second CA nobody trusts, a server certificate for localhost / 127.0.0.1 / ::1,
// and client certificates on demand (any CN, either CA, valid or already expired).
// Blocking (it waits for openssl): call it from initTestCase(), not from a server's thread.

#include <QString>
#include <QTemporaryDir>

namespace cd::test {

class TestCertificates {
public:
    struct Pair {
        QString certificate;  // PEM file paths
        QString privateKey;
    };
    enum class Issuer { TrustedCa, UntrustedCa };
    enum class Validity { Valid, Expired };

    // Creates both CAs and the server certificate (RSA); false with *error on failure.
    bool generate(QString *error);

    QString caCertificate() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString untrustedCaCertificate() const { return m_dir.filePath(QStringLiteral("untrusted-ca.pem")); }
    Pair server() const { return m_server; }
    // An EC client certificate with subject CN=commonName. Expired ones expire the second they
    // are made (openssl -days 0): wait a second before using one.
    Pair client(const QString &commonName, Issuer issuer = Issuer::TrustedCa, Validity validity = Validity::Valid,
                QString *error = nullptr);
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    bool openssl(const QStringList &arguments, QString *error);
    bool makeCa(const QString &name, const QString &commonName, QString *error);
    bool makeLeaf(const QString &name, const QString &commonName, const QString &ca, const QString &extensions,
                  bool rsa, int days, QString *error);

    QTemporaryDir m_dir;
    Pair m_server;
    int m_serial = 1;
};

}  // namespace cd::test
