#include "core/storage/envkeystore.h"

#include <QtGlobal>

namespace cd::storage {

KeyStore::Loaded EnvKeyStore::load(const QString &)
{
    const QByteArray name = m_variable.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(name.constData()))
        return {LoadState::NotFound, std::nullopt, tr("The environment variable %1 is not set.").arg(m_variable)};
    auto key = DatabaseKey::fromHex(qgetenv(name.constData()));
    if (!key)
        return {LoadState::Unavailable, std::nullopt,
                tr("The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).").arg(m_variable)};
    return {LoadState::Found, std::move(key), {}};
}

Status EnvKeyStore::store(const QString &, const DatabaseKey &)
{
    return Error{ExitCode::KeyMissing, tr("A key cannot be stored in an environment variable.")};
}

QString EnvKeyStore::describe() const
{
    return tr("environment variable %1").arg(m_variable);
}

QString EnvKeyStore::howToProvide() const
{
    return tr("Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)").arg(m_variable);
}

}  // namespace cd::storage
