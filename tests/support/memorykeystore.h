#pragma once
// Test double for the OS keychain (a true seam: CI machines have no keychain daemon).

#include "core/storage/keystore.h"

#include <QHash>

namespace cd::test {

class MemoryKeyStore final : public storage::KeyStore {
public:
    Loaded load(const QString &databasePath) override
    {
        ++loads;
        if (unavailable)
            return {LoadState::Unavailable, std::nullopt, QStringLiteral("test keychain locked")};
        const auto it = keys.constFind(databasePath);
        if (it == keys.constEnd())
            return {LoadState::NotFound, std::nullopt, QStringLiteral("no entry")};
        return {LoadState::Found, *it, {}};
    }
    Status store(const QString &databasePath, const storage::DatabaseKey &key) override
    {
        keys.insert(databasePath, key);
        return {};
    }
    bool canStore() const override { return true; }
    QString describe() const override { return QStringLiteral("test keychain"); }
    QString howToProvide() const override { return QStringLiteral("unlock the test keychain"); }

    QHash<QString, storage::DatabaseKey> keys;
    bool unavailable = false;
    int loads = 0;
};

}  // namespace cd::test
