#pragma once
// Where the process that serves stations gets the payment gateway's secret key and the webhook
// signing secret: the OS keychain (the console, asynchronous, SecretStore), or, for
// chargedesk-server where no keychain exists, an environment variable or a file named on the
// command line (--payment-key-env / --payment-key-file, --payment-webhook-secret-env /
// --payment-webhook-secret-file). A secret file must not be readable by group or others (0600),
// like the database key file. Secrets are never logged.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace cd::payments {

struct SecretSource {
    enum class Kind {
        None,         // not configured
        Keychain,     // SecretStore entry `name`
        Environment,  // environment variable `name`
        File,         // file at path `name`
    };
    Kind kind = Kind::None;
    QString name;

    static SecretSource keychain(const QString &entry) { return {Kind::Keychain, entry}; }
    static SecretSource environment(const QString &variable) { return {Kind::Environment, variable}; }
    static SecretSource file(const QString &path) { return {Kind::File, path}; }
    bool isSet() const { return kind != Kind::None; }
    friend bool operator==(const SecretSource &, const SecretSource &) = default;
};

class PaymentSecrets {
    Q_DECLARE_TR_FUNCTIONS(cd::payments::PaymentSecrets)
public:
    // Environment and File sources, read now: the secret (surrounding whitespace removed), or why
    // it cannot be read (unset variable, missing or group/world-readable file, empty secret).
    // Keychain and None sources: a usage error (ask a SecretStore instead).
    static Expected<QString> read(const SecretSource &source);
    // The keychain entry of the webhook signing secret for a gateway base URL (the gateway's key
    // is PaymentSettings::secretName).
    static QString webhookSecretName(const QUrl &baseUrl);
    // For messages: "environment variable X", "file /p", "keychain entry e".
    static QString describe(const SecretSource &source);
};

}  // namespace cd::payments
