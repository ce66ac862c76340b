#include "core/auth/passwordhash.h"

#include <sodium.h>

#include <algorithm>

namespace cd::auth {

namespace {

constexpr qsizetype kMaxPassword = 4096;

void limits(PasswordHash::Strength strength, unsigned long long *ops, size_t *mem)
{
    if (strength == PasswordHash::Strength::Moderate) {
        *ops = crypto_pwhash_OPSLIMIT_MODERATE;
        *mem = crypto_pwhash_MEMLIMIT_MODERATE;
    } else {
        *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }
}

}  // namespace

bool PasswordHash::initialise()
{
    static const bool ok = sodium_init() >= 0;  // thread-safe, idempotent
    return ok;
}

Expected<QString> PasswordHash::hash(QByteArrayView password, Strength strength)
{
    if (!initialise())
        return Error{ExitCode::Failure, tr("The password library (libsodium) could not be initialised.")};
    if (password.size() > kMaxPassword)
        return Error{ExitCode::Usage, tr("The password is too long.")};
    unsigned long long ops = 0;
    size_t mem = 0;
    limits(strength, &ops, &mem);
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str_alg(out, password.data(), static_cast<unsigned long long>(password.size()), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return Error{ExitCode::Failure, tr("Not enough memory to hash the password.")};
    }
    return QString::fromLatin1(out);
}

bool PasswordHash::verify(const QString &storedHash, QByteArrayView password)
{
    if (!initialise() || !looksLikeHash(storedHash) || password.size() > kMaxPassword)
        return false;
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), password.data(),
                                    static_cast<unsigned long long>(password.size()))
        == 0;
}

bool PasswordHash::needsRehash(const QString &storedHash, Strength strength)
{
    if (!initialise() || !looksLikeHash(storedHash))
        return true;
    unsigned long long ops = 0;
    size_t mem = 0;
    limits(strength, &ops, &mem);
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), ops, mem) != 0;
}

bool PasswordHash::looksLikeHash(const QString &storedHash)
{
    return storedHash.startsWith(QStringLiteral("$argon2id$")) && storedHash.size() < crypto_pwhash_STRBYTES;
}

bool PasswordHash::isAcceptableStationPassword(QByteArrayView password)
{
    if (password.size() < 16 || password.size() > 40)
        return false;
    return std::all_of(password.begin(), password.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

QByteArray PasswordHash::generateStationPassword(int length)
{
    static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    constexpr quint32 kSize = sizeof(kAlphabet) - 1;
    length = std::clamp(length, 16, 40);
    QByteArray out;
    out.reserve(length);
    initialise();
    for (int i = 0; i < length; ++i)
        out.append(kAlphabet[randombytes_uniform(kSize)]);
    return out;
}

}  // namespace cd::auth
