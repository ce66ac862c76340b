#pragma once
// A raw 256-bit SQLCipher key. Never a passphrase: the key is random bytes, handed to
// SQLCipher as PRAGMA key = "x'<64 hex digits>'" so no key derivation and no quoting issues.

#include <QByteArray>
#include <QString>

#include <optional>

namespace cd::storage {

class DatabaseKey {
public:
    static constexpr int Bytes = 32;

    // 32 bytes from the operating system's secure random source.
    static DatabaseKey generate();
    // Accepts exactly 64 hex digits (surrounding whitespace ignored); nothing else.
    static std::optional<DatabaseKey> fromHex(QByteArrayView text);

    QByteArray hex() const;  // 64 lowercase hex digits
    const QByteArray &raw() const { return m_raw; }

private:
    explicit DatabaseKey(QByteArray raw) : m_raw(std::move(raw)) {}
    QByteArray m_raw;
};

}  // namespace cd::storage
