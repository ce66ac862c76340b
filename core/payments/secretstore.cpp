#include "core/payments/secretstore.h"

#include <qt6keychain/keychain.h>

namespace cd::payments {

namespace {

const QString kService = QStringLiteral("ChargeDesk");

template <typename Job>
Job *prepare(const QString &name, QObject *parent)
{
    auto *job = new Job(kService, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(name);
    return job;
}

}  // namespace

void KeychainSecretStore::read(const QString &name, ReadDone done)
{
    auto *job = prepare<QKeychain::ReadPasswordJob>(name, this);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        switch (job->error()) {
        case QKeychain::NoError:
            done(job->textData());
            return;
        case QKeychain::EntryNotFound:
            done(QString());
            return;
        default:
            done(Error{ExitCode::Failure, tr("The OS keychain is not available: %1").arg(job->errorString())});
            return;
        }
    });
    job->start();
}

void KeychainSecretStore::write(const QString &name, const QString &secret, WriteDone done)
{
    auto *job = prepare<QKeychain::WritePasswordJob>(name, this);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError) {
            done(Error{ExitCode::Failure, tr("Cannot keep the key in the OS keychain: %1").arg(job->errorString())});
            return;
        }
        done(Status());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &name, WriteDone done)
{
    auto *job = prepare<QKeychain::DeletePasswordJob>(name, this);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
            done(Error{ExitCode::Failure, tr("Cannot remove the key from the OS keychain: %1").arg(job->errorString())});
            return;
        }
        done(Status());
    });
    job->start();
}

}  // namespace cd::payments
