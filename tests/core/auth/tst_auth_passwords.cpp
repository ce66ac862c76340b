// Salted Argon2id password hashes (libsodium) and the verification cache that keeps a
// reconnect storm from costing one Argon2 run per station.

#include "core/auth/credentialverifier.h"
#include "core/auth/passwordhash.h"
#include "core/common/clock.h"

#include <QTest>

using namespace cd;
using namespace cd::auth;

class TestAuthPasswords : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hashAndVerify();
    void stationPasswords();
    void cacheRemembersAndForgets();
};

void TestAuthPasswords::hashAndVerify()
{
    auto first = PasswordHash::hash(QByteArray("correct horse battery"));
    auto second = PasswordHash::hash(QByteArray("correct horse battery"));
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first->startsWith(QStringLiteral("$argon2id$")));
    QVERIFY(*first != *second);  // salted
    QVERIFY(PasswordHash::looksLikeHash(*first));
    QVERIFY(PasswordHash::verify(*first, QByteArray("correct horse battery")));
    QVERIFY(!PasswordHash::verify(*first, QByteArray("correct horse battery ")));
    QVERIFY(!PasswordHash::verify(*first, QByteArray()));
    QVERIFY(!PasswordHash::verify(QStringLiteral("plain-text"), QByteArray("plain-text")));
    QVERIFY(!PasswordHash::verify(QString(), QByteArray()));
    QVERIFY(!PasswordHash::needsRehash(*first));
    QVERIFY(PasswordHash::needsRehash(*first, PasswordHash::Strength::Moderate));
    QVERIFY(!PasswordHash::hash(QByteArray(5000, 'x')).ok());
}

void TestAuthPasswords::stationPasswords()
{
    const QByteArray generated = PasswordHash::generateStationPassword(24);
    QCOMPARE(generated.size(), 24);
    QVERIFY(PasswordHash::isAcceptableStationPassword(generated));
    QVERIFY(PasswordHash::generateStationPassword(24) != generated);
    QVERIFY(!PasswordHash::isAcceptableStationPassword(QByteArray("short")));
    QVERIFY(!PasswordHash::isAcceptableStationPassword(QByteArray(41, 'a')));
    QVERIFY(!PasswordHash::isAcceptableStationPassword(QByteArray("has a space in it!!")));
}

void TestAuthPasswords::cacheRemembersAndForgets()
{
    ManualClock clock(1000);
    CredentialVerifier::Options options;
    options.acceptedTtlMs = 60000;
    options.rejectedTtlMs = 5000;
    CredentialVerifier verifier(options, clock);
    auto hash = PasswordHash::hash(QByteArray("station-password-01"));
    QVERIFY(hash.ok());

    QVERIFY(verifier.verify(QStringLiteral("CP-1"), *hash, QByteArray("station-password-01")));
    for (int i = 0; i < 1000; ++i)
        QVERIFY(verifier.verify(QStringLiteral("CP-1"), *hash, QByteArray("station-password-01")));
    QCOMPARE(verifier.stats().hashVerifications, quint64(1));
    QCOMPARE(verifier.stats().acceptedFromCache, quint64(1000));

    // Another principal with the same hash and password is a separate entry.
    QVERIFY(verifier.verify(QStringLiteral("CP-2"), *hash, QByteArray("station-password-01")));
    QCOMPARE(verifier.stats().hashVerifications, quint64(2));

    QVERIFY(!verifier.verify(QStringLiteral("CP-1"), *hash, QByteArray("wrong-password-0001")));
    QVERIFY(!verifier.verify(QStringLiteral("CP-1"), *hash, QByteArray("wrong-password-0001")));
    QCOMPARE(verifier.stats().hashVerifications, quint64(3));
    QCOMPARE(verifier.stats().rejectedFromCache, quint64(1));

    // Entries expire.
    clock.advanceMs(60001);
    QVERIFY(verifier.verify(QStringLiteral("CP-1"), *hash, QByteArray("station-password-01")));
    QCOMPARE(verifier.stats().hashVerifications, quint64(4));
    QVERIFY(!verifier.verify(QStringLiteral("CP-1"), QString(), QByteArray("station-password-01")));
}

QTEST_GUILESS_MAIN(TestAuthPasswords)
#include "tst_auth_passwords.moc"
