#include "core/storage/keychainkeystore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace cd::storage {

namespace {

const QString kService = QStringLiteral("ChargeDesk");
constexpr int kKeychainTimeoutMs = 20000;

// QtKeychain jobs are asynchronous; the key is needed before anything else can start, so
// wait for the job in a local event loop with a deadline (the keychain daemon may hang).
bool runJob(QKeychain::Job &job)
{
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished] { finished = true; });
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    deadline.start(kKeychainTimeoutMs);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

}  // namespace

QString KeychainKeyStore::entryName(const QString &databasePath)
{
    return QStringLiteral("database:") + QFileInfo(databasePath).absoluteFilePath();
}

KeyStore::Loaded KeychainKeyStore::load(const QString &databasePath)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(entryName(databasePath));
    if (!runJob(job))
        return {LoadState::Unavailable, std::nullopt, tr("The OS keychain did not answer in time.")};
    switch (job.error()) {
    case QKeychain::NoError: {
        auto key = DatabaseKey::fromHex(job.textData().toLatin1());
        if (!key)
            return {LoadState::Unavailable, std::nullopt, tr("The keychain entry for this database is damaged.")};
        return {LoadState::Found, std::move(key), {}};
    }
    case QKeychain::EntryNotFound:
        return {LoadState::NotFound, std::nullopt, tr("The OS keychain holds no key for this database.")};
    default:
        return {LoadState::Unavailable, std::nullopt, tr("The OS keychain is not available: %1").arg(job.errorString())};
    }
}

Status KeychainKeyStore::store(const QString &databasePath, const DatabaseKey &key)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(entryName(databasePath));
    job.setTextData(QString::fromLatin1(key.hex()));
    if (!runJob(job))
        return Error{ExitCode::KeyMissing, tr("The OS keychain did not answer in time.")};
    if (job.error() != QKeychain::NoError)
        return Error{ExitCode::KeyMissing, tr("Cannot store the database key in the OS keychain: %1").arg(job.errorString())};
    return {};
}

QString KeychainKeyStore::describe() const
{
    return tr("OS keychain");
}

QString KeychainKeyStore::howToProvide() const
{
    return tr("Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) "
              "or --db-key-env NAME (an environment variable holding them). "
              "Generate a key with: chargedesk-cli key generate");
}

}  // namespace cd::storage
