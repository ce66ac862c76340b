#pragma once

#include "core/storage/keystore.h"

#include <QCoreApplication>

namespace cd::storage {

// Reads the key from a file holding 64 hex digits. The file must not be readable by
// group or others (0600), so a key cannot leak through a careless chmod.
class FileKeyStore final : public KeyStore {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::FileKeyStore)
public:
    explicit FileKeyStore(QString path) : m_path(std::move(path)) {}

    Loaded load(const QString &databasePath) override;
    Status store(const QString &databasePath, const DatabaseKey &key) override;
    bool canStore() const override { return false; }
    QString describe() const override;
    QString howToProvide() const override;

    // Writes a new key file with 0600 permissions; refuses to overwrite an existing file.
    static Status writeNew(const QString &path, const DatabaseKey &key);

private:
    QString m_path;
};

}  // namespace cd::storage
