#include "core/payments/paymentsecrets.h"

#include <QFile>

namespace cd::payments {

namespace {
constexpr qint64 kMaxSecretBytes = 4096;
}

QString PaymentSecrets::webhookSecretName(const QUrl &baseUrl)
{
    return QStringLiteral("payment-webhook:") + baseUrl.adjusted(QUrl::StripTrailingSlash).toString();
}

QString PaymentSecrets::describe(const SecretSource &source)
{
    switch (source.kind) {
    case SecretSource::Kind::None:
        return tr("no source");
    case SecretSource::Kind::Keychain:
        return tr("keychain entry %1").arg(source.name);
    case SecretSource::Kind::Environment:
        return tr("environment variable %1").arg(source.name);
    case SecretSource::Kind::File:
        return tr("file %1").arg(source.name);
    }
    return {};
}

Expected<QString> PaymentSecrets::read(const SecretSource &source)
{
    QString secret;
    switch (source.kind) {
    case SecretSource::Kind::None:
    case SecretSource::Kind::Keychain:
        return Error{ExitCode::Usage, tr("The secret comes from the keychain, not from the environment or a file.")};
    case SecretSource::Kind::Environment: {
        if (source.name.isEmpty() || !qEnvironmentVariableIsSet(source.name.toLocal8Bit().constData()))
            return Error{ExitCode::Usage, tr("The environment variable %1 is not set.").arg(source.name)};
        secret = qEnvironmentVariable(source.name.toLocal8Bit().constData()).trimmed();
        break;
    }
    case SecretSource::Kind::File: {
        QFile file(source.name);
        if (!file.exists())
            return Error{ExitCode::Usage, tr("The secret file %1 does not exist.").arg(source.name)};
        const auto perms = file.permissions();
        if (perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther))
            return Error{ExitCode::Usage, tr("The secret file %1 is readable by other users; restrict it with: chmod 600 %1")
                                              .arg(source.name)};
        if (!file.open(QIODevice::ReadOnly))
            return Error{ExitCode::Usage, tr("Cannot read the secret file %1: %2").arg(source.name, file.errorString())};
        secret = QString::fromUtf8(file.read(kMaxSecretBytes)).trimmed();
        break;
    }
    }
    if (secret.isEmpty())
        return Error{ExitCode::Usage, tr("The %1 holds no secret.").arg(describe(source))};
    return secret;
}

}  // namespace cd::payments
