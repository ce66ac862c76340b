#pragma once
// Salted password hashes: Argon2id through libsodium (crypto_pwhash_str), stored as the
// self-describing "$argon2id$v=19$m=...,t=...,p=...$salt$hash" string. Used for station
// Basic-auth passwords (security profiles 1 and 2) and operator passwords.

#include "core/common/expected.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace cd::auth {

class PasswordHash {
    Q_DECLARE_TR_FUNCTIONS(cd::auth::PasswordHash)
public:
    enum class Strength {
        Interactive,  // libsodium's interactive limits (64 MiB, 2 passes): the default
        Moderate,     // 256 MiB, 3 passes: for operator passwords on a desktop
    };

    // A new hash with a random salt. Fails only when libsodium cannot initialise or the
    // password is longer than 4096 bytes (OCPP station passwords are 16..40 characters).
    static Expected<QString> hash(QByteArrayView password, Strength strength = Strength::Interactive);
    // Constant-time check against a stored hash; false for a malformed hash.
    static bool verify(const QString &storedHash, QByteArrayView password);
    // True when the stored hash uses weaker parameters than `strength` asks for now.
    static bool needsRehash(const QString &storedHash, Strength strength = Strength::Interactive);
    // True for a string that looks like an Argon2id hash made by hash().
    static bool looksLikeHash(const QString &storedHash);

    // OCPP 1.6 security whitepaper: a Basic-auth password is 16 to 40 characters.
    static bool isAcceptableStationPassword(QByteArrayView password);
    // A random station password (printable ASCII, `length` characters, 16..40).
    static QByteArray generateStationPassword(int length = 24);

    static bool initialise();
};

}  // namespace cd::auth
