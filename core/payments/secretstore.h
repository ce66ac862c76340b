#pragma once
// Where the payment gateway's secret key lives: the OS keychain (through QtKeychain), like the
// database key, never QSettings and never a plain-text file. Asynchronous: the keychain may
// prompt or hang, and the console's GUI thread must never wait for it.

#include "core/common/expected.h"

#include <QObject>

#include <functional>

namespace cd::payments {

class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadDone = std::function<void(const Expected<QString> &secret)>;  // empty: nothing stored
    using WriteDone = std::function<void(const Status &status)>;

    explicit SecretStore(QObject *parent = nullptr) : QObject(parent) {}

    virtual void read(const QString &name, ReadDone done) = 0;
    virtual void write(const QString &name, const QString &secret, WriteDone done) = 0;
    virtual void remove(const QString &name, WriteDone done) = 0;
};

// The desktop keychain (Secret Service / KWallet, Credential Manager, Keychain), service
// "ChargeDesk", without QtKeychain's insecure fallback.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr) : SecretStore(parent) {}

    void read(const QString &name, ReadDone done) override;
    void write(const QString &name, const QString &secret, WriteDone done) override;
    void remove(const QString &name, WriteDone done) override;
};

}  // namespace cd::payments
