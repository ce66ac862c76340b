#pragma once

#include "core/storage/keystore.h"

#include <QCoreApplication>

namespace cd::storage {

// Reads the key from an environment variable whose name is given on the command line.
class EnvKeyStore final : public KeyStore {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::EnvKeyStore)
public:
    explicit EnvKeyStore(QString variable) : m_variable(std::move(variable)) {}

    Loaded load(const QString &databasePath) override;
    Status store(const QString &databasePath, const DatabaseKey &key) override;
    bool canStore() const override { return false; }
    QString describe() const override;
    QString howToProvide() const override;

private:
    QString m_variable;
};

}  // namespace cd::storage
