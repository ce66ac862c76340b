#pragma once
// Checks Basic-auth passwords against stored Argon2id hashes, remembering recent answers so a
// reconnect storm (1000 stations after a network blip) costs 1000 cache look-ups, not 1000
// Argon2 runs. The cache holds keyed BLAKE2b digests of (principal, stored hash, password)
// under a random per-process key, never a password; a changed stored hash misses the cache.
// Failed checks are remembered briefly too, so a station retrying a wrong password every
// second does not keep the CPU busy. Thread-safe.

#include "core/common/clock.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace cd::auth {

class CredentialVerifier {
public:
    struct Options {
        qint64 acceptedTtlMs = 12LL * 3600 * 1000;  // how long a correct password is remembered
        qint64 rejectedTtlMs = 30 * 1000;           // how long a wrong one is
        int maxEntries = 50000;                     // per cache; the cache is emptied when full
    };
    struct Stats {
        quint64 hashVerifications = 0;  // Argon2 runs
        quint64 acceptedFromCache = 0;
        quint64 rejectedFromCache = 0;
    };

    explicit CredentialVerifier(const Clock &clock = Clock::system());
    CredentialVerifier(Options options, const Clock &clock);
    CredentialVerifier(const CredentialVerifier &) = delete;
    CredentialVerifier &operator=(const CredentialVerifier &) = delete;

    bool verify(const QString &principal, const QString &storedHash, QByteArrayView password);
    // The remembered answer for these credentials, without running Argon2; nullopt when none
    // is remembered (then verify() must run, off any thread that must stay responsive).
    std::optional<bool> cachedAnswer(const QString &principal, const QString &storedHash, QByteArrayView password);
    Stats stats() const;
    void clear();

private:
    QByteArray digest(const QString &principal, const QString &storedHash, QByteArrayView password) const;
    static bool fresh(QHash<QByteArray, qint64> &cache, const QByteArray &key, qint64 now);
    // Under m_mutex: the remembered answer for `key`, counted in the stats.
    std::optional<bool> lookup(const QByteArray &key);

    Options m_options;
    const Clock &m_clock;
    QByteArray m_key;
    mutable QMutex m_mutex;
    QHash<QByteArray, qint64> m_accepted;  // digest → expiry ms
    QHash<QByteArray, qint64> m_rejected;
    Stats m_stats;
};

}  // namespace cd::auth
