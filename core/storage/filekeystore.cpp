#include "core/storage/filekeystore.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace cd::storage {

KeyStore::Loaded FileKeyStore::load(const QString &)
{
    QFile file(m_path);
    if (!file.exists())
        return {LoadState::NotFound, std::nullopt, tr("The key file %1 does not exist.").arg(m_path)};
    const auto perms = file.permissions();
    if (perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)) {
        return {LoadState::Unavailable, std::nullopt,
                tr("The key file %1 is readable by other users; restrict it with: chmod 600 %1").arg(m_path)};
    }
    if (!file.open(QIODevice::ReadOnly))
        return {LoadState::Unavailable, std::nullopt, tr("Cannot read the key file %1: %2").arg(m_path, file.errorString())};
    auto key = DatabaseKey::fromHex(file.read(4096));
    if (!key)
        return {LoadState::Unavailable, std::nullopt,
                tr("The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).").arg(m_path)};
    return {LoadState::Found, std::move(key), {}};
}

Status FileKeyStore::store(const QString &, const DatabaseKey &)
{
    return Error{ExitCode::KeyMissing, tr("A key file is only read, never written implicitly.")};
}

QString FileKeyStore::describe() const
{
    return tr("key file %1").arg(m_path);
}

QString FileKeyStore::howToProvide() const
{
    return tr("Create a key file with: chargedesk-cli key generate --out %1").arg(m_path);
}

Status FileKeyStore::writeNew(const QString &path, const DatabaseKey &key)
{
    if (QFileInfo::exists(path))
        return Error{ExitCode::Failure, tr("%1 already exists; a key file is never overwritten.").arg(path)};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ExitCode::Failure, tr("Cannot create %1: %2").arg(path, file.errorString())};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(key.hex() + '\n');
    if (!file.commit())
        return Error{ExitCode::Failure, tr("Cannot write %1: %2").arg(path, file.errorString())};
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

}  // namespace cd::storage
