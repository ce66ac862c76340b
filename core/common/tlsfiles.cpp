#include "core/common/tlsfiles.h"

#include <QDateTime>
#include <QFile>
#include <QSslSocket>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace cd {

namespace {

// Qt has no API for "does this key belong to this certificate"; without the check a wrong key
// only shows when the first station's handshake fails. OpenSSL is the library Qt's TLS backend
// loads, so this is the same judgement the handshake would make.
bool keyBelongsToCertificate(const QSslCertificate &certificate, const QSslKey &key)
{
    const QByteArray der = certificate.toDer();
    const QByteArray pem = key.toPem();
    const auto *derData = reinterpret_cast<const unsigned char *>(der.constData());
    const std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &derData, long(der.size())), &X509_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> privateKey(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    const bool matches = x509 && privateKey && X509_check_private_key(x509.get(), privateKey.get()) == 1;
    ERR_clear_error();  // leave nothing in this thread's queue for Qt's TLS backend to misreport
    return matches;
}

Expected<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ExitCode::Failure, TlsFileLoader::tr("Cannot read %1: %2").arg(path, file.errorString())};
    return file.readAll();
}

}  // namespace

Status TlsFileLoader::checkTlsAvailable()
{
    if (!QSslSocket::supportsSsl())
        return Error{ExitCode::Failure, tr("TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 "
                                           "libraries, package libssl3).")};
    return {};
}

Expected<QList<QSslCertificate>> TlsFileLoader::readCertificates(const QString &path)
{
    const Expected<QByteArray> data = readFile(path);
    if (!data)
        return data.error();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(*data, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull())
        return Error{ExitCode::Failure,
                     tr("The file %1 holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\").").arg(path)};
    return certificates;
}

Expected<QSslKey> TlsFileLoader::readPrivateKey(const QString &path)
{
    const Expected<QByteArray> data = readFile(path);
    if (!data)
        return data.error();
    if (data->contains("ENCRYPTED"))
        return Error{ExitCode::Failure, tr("The private key %1 is protected by a passphrase; use an unencrypted key "
                                           "file that only the server's user can read.")
                                            .arg(path)};
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(*data, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return Error{ExitCode::Failure, tr("The file %1 holds no PEM RSA or EC private key.").arg(path)};
}

Status TlsFileLoader::loadIdentity(QSslConfiguration &configuration, const QString &certificatePath,
                                   const QString &keyPath)
{
    Expected<QList<QSslCertificate>> chain = readCertificates(certificatePath);
    if (!chain)
        return chain.error();
    Expected<QSslKey> key = readPrivateKey(keyPath);
    if (!key)
        return key.error();
    const QSslCertificate &certificate = chain->first();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificate.expiryDate() < now)
        return Error{ExitCode::Failure, tr("The certificate in %1 expired on %2.")
                                            .arg(certificatePath, certificate.expiryDate().toString(Qt::ISODate))};
    if (certificate.effectiveDate() > now)
        return Error{ExitCode::Failure, tr("The certificate in %1 is not valid before %2.")
                                            .arg(certificatePath, certificate.effectiveDate().toString(Qt::ISODate))};
    if (!keyBelongsToCertificate(certificate, *key))
        return Error{ExitCode::Failure,
                     tr("The private key %1 does not belong to the certificate in %2.").arg(keyPath, certificatePath)};
    configuration.setLocalCertificateChain(*chain);
    configuration.setPrivateKey(*key);
    return {};
}

Status TlsFileLoader::loadTrustedCas(QSslConfiguration &configuration, const QString &path)
{
    Expected<QList<QSslCertificate>> cas = readCertificates(path);
    if (!cas)
        return cas.error();
    // Replacing the list also turns off Qt's on-demand loading of the system's root CAs.
    configuration.setCaCertificates(*cas);
    return {};
}

}  // namespace cd
