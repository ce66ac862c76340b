#include "support/testcertificates.h"

#include <QFile>
#include <QProcess>

namespace cd::test {

namespace {

// Extensions by section; the leaf certificates name the section they need.
const char kConfig[] = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
)";

void fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

}  // namespace

bool TestCertificates::openssl(const QStringList &arguments, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        fail(error, QStringLiteral("openssl %1 failed: %2 %3")
                        .arg(arguments.join(u' '), process.errorString(), QString::fromLocal8Bit(process.readAll())));
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(const QString &name, const QString &commonName, QString *error)
{
    return openssl(
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), path(QStringLiteral("openssl.cnf")),
         QStringLiteral("-extensions"), QStringLiteral("ca"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), path(name + QStringLiteral(".key")),
         QStringLiteral("-out"), path(name + QStringLiteral(".pem")), QStringLiteral("-days"), QStringLiteral("2"),
         QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName},
        error);
}

bool TestCertificates::makeLeaf(const QString &name, const QString &commonName, const QString &ca,
                                const QString &extensions, bool rsa, int days, QString *error)
{
    const QString key = path(name + QStringLiteral(".key"));
    const QString request = path(name + QStringLiteral(".csr"));
    const QStringList keyAlgorithm =
        rsa ? QStringList{QStringLiteral("RSA"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048")}
            : QStringList{QStringLiteral("EC"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256")};
    return openssl(QStringList{QStringLiteral("genpkey"), QStringLiteral("-algorithm")} + keyAlgorithm +
                       QStringList{QStringLiteral("-out"), key},
                   error) &&
           openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"),
                    path(QStringLiteral("openssl.cnf")), QStringLiteral("-key"), key, QStringLiteral("-out"), request,
                    QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName},
                   error) &&
           openssl(
               {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request, QStringLiteral("-CA"),
                path(ca + QStringLiteral(".pem")), QStringLiteral("-CAkey"), path(ca + QStringLiteral(".key")),
                QStringLiteral("-set_serial"), QString::number(++m_serial), QStringLiteral("-days"),
                QString::number(days), QStringLiteral("-extfile"), path(QStringLiteral("openssl.cnf")),
                QStringLiteral("-extensions"), extensions, QStringLiteral("-out"), path(name + QStringLiteral(".pem"))},
               error);
}

bool TestCertificates::generate(QString *error)
{
    if (!m_dir.isValid()) {
        fail(error, QStringLiteral("no temporary folder"));
        return false;
    }
    QFile config(path(QStringLiteral("openssl.cnf")));
    if (!config.open(QIODevice::WriteOnly) || config.write(kConfig) < 0) {
        fail(error, config.errorString());
        return false;
    }
    config.close();
    if (!makeCa(QStringLiteral("ca"), QStringLiteral("ChargeDesk Test CA"), error) ||
        !makeCa(QStringLiteral("untrusted-ca"), QStringLiteral("Untrusted Test CA"), error) ||
        !makeLeaf(QStringLiteral("server"), QStringLiteral("localhost"), QStringLiteral("ca"), QStringLiteral("server"),
                  true, 2, error))
        return false;
    m_server = {path(QStringLiteral("server.pem")), path(QStringLiteral("server.key"))};
    return true;
}

TestCertificates::Pair TestCertificates::client(const QString &commonName, Issuer issuer, Validity validity,
                                                QString *error)
{
    const QString name = QStringLiteral("client-%1").arg(++m_serial);
    const QString ca = issuer == Issuer::TrustedCa ? QStringLiteral("ca") : QStringLiteral("untrusted-ca");
    if (!makeLeaf(name, commonName, ca, QStringLiteral("client"), false, validity == Validity::Valid ? 2 : 0, error))
        return {};
    return {path(name + QStringLiteral(".pem")), path(name + QStringLiteral(".key"))};
}

}  // namespace cd::test
