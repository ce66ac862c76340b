#pragma once

#include "core/storage/keystore.h"

#include <QCoreApplication>

namespace cd::storage {

// The desktop default: the key lives in the OS keychain (Secret Service / KWallet on Linux,
// Credential Manager on Windows, Keychain on macOS) through QtKeychain. No plain-text fallback.
class KeychainKeyStore final : public KeyStore {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::KeychainKeyStore)
public:
    KeychainKeyStore() = default;

    Loaded load(const QString &databasePath) override;
    Status store(const QString &databasePath, const DatabaseKey &key) override;
    bool canStore() const override { return true; }
    QString describe() const override;
    QString howToProvide() const override;

    // The keychain entry name for a database file: "database:<absolute path>".
    static QString entryName(const QString &databasePath);
};

}  // namespace cd::storage
