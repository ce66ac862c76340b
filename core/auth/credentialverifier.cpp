#include "core/auth/credentialverifier.h"

#include "core/auth/passwordhash.h"

#include <sodium.h>

namespace cd::auth {

CredentialVerifier::CredentialVerifier(const Clock &clock) : CredentialVerifier(Options{}, clock) {}

CredentialVerifier::CredentialVerifier(Options options, const Clock &clock)
    : m_options(options), m_clock(clock), m_key(crypto_generichash_KEYBYTES, '\0')
{
    PasswordHash::initialise();
    randombytes_buf(m_key.data(), static_cast<size_t>(m_key.size()));
}

QByteArray CredentialVerifier::digest(const QString &principal, const QString &storedHash, QByteArrayView password) const
{
    const QByteArray p = principal.toUtf8();
    const QByteArray h = storedHash.toLatin1();
    const auto feed = [](crypto_generichash_state *state, QByteArrayView bytes) {
        // Length-prefixed, so ("ab","c") and ("a","bc") never collide.
        const quint64 size = quint64(bytes.size());
        crypto_generichash_update(state, reinterpret_cast<const unsigned char *>(&size), sizeof size);
        crypto_generichash_update(state, reinterpret_cast<const unsigned char *>(bytes.data()),
                                  static_cast<unsigned long long>(bytes.size()));
    };
    crypto_generichash_state state;
    crypto_generichash_init(&state, reinterpret_cast<const unsigned char *>(m_key.constData()),
                            static_cast<size_t>(m_key.size()), crypto_generichash_BYTES);
    feed(&state, p);
    feed(&state, h);
    feed(&state, password);
    QByteArray out(crypto_generichash_BYTES, '\0');
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(out.size()));
    return out;
}

bool CredentialVerifier::fresh(QHash<QByteArray, qint64> &cache, const QByteArray &key, qint64 now)
{
    const auto it = cache.find(key);
    if (it == cache.end())
        return false;
    if (it.value() > now)
        return true;
    cache.erase(it);
    return false;
}

std::optional<bool> CredentialVerifier::lookup(const QByteArray &key)
{
    const qint64 now = m_clock.nowMs();
    if (fresh(m_accepted, key, now)) {
        ++m_stats.acceptedFromCache;
        return true;
    }
    if (fresh(m_rejected, key, now)) {
        ++m_stats.rejectedFromCache;
        return false;
    }
    return std::nullopt;
}

std::optional<bool> CredentialVerifier::cachedAnswer(const QString &principal, const QString &storedHash,
                                                     QByteArrayView password)
{
    if (storedHash.isEmpty())
        return false;
    const QByteArray key = digest(principal, storedHash, password);
    QMutexLocker locker(&m_mutex);
    return lookup(key);
}

bool CredentialVerifier::verify(const QString &principal, const QString &storedHash, QByteArrayView password)
{
    if (storedHash.isEmpty())
        return false;
    const QByteArray key = digest(principal, storedHash, password);
    {
        QMutexLocker locker(&m_mutex);
        if (const std::optional<bool> known = lookup(key))
            return *known;
        ++m_stats.hashVerifications;
    }
    // Argon2 outside the lock: other stations are checked meanwhile.
    const bool ok = PasswordHash::verify(storedHash, password);
    QMutexLocker locker(&m_mutex);
    QHash<QByteArray, qint64> &cache = ok ? m_accepted : m_rejected;
    if (cache.size() >= m_options.maxEntries)
        cache.clear();
    cache.insert(key, m_clock.nowMs() + (ok ? m_options.acceptedTtlMs : m_options.rejectedTtlMs));
    return ok;
}

CredentialVerifier::Stats CredentialVerifier::stats() const
{
    QMutexLocker locker(&m_mutex);
    return m_stats;
}

void CredentialVerifier::clear()
{
    QMutexLocker locker(&m_mutex);
    m_accepted.clear();
    m_rejected.clear();
}

}  // namespace cd::auth
