#include "core/storage/databasekey.h"

#include <QRandomGenerator>

#include <array>

namespace cd::storage {

DatabaseKey DatabaseKey::generate()
{
    std::array<quint32, Bytes / sizeof(quint32)> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return DatabaseKey(QByteArray(reinterpret_cast<const char *>(words.data()), Bytes));
}

std::optional<DatabaseKey> DatabaseKey::fromHex(QByteArrayView text)
{
    const QByteArray trimmed = text.toByteArray().trimmed();
    if (trimmed.size() != Bytes * 2)
        return std::nullopt;
    for (const char c : trimmed) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex)
            return std::nullopt;
    }
    return DatabaseKey(QByteArray::fromHex(trimmed));
}

QByteArray DatabaseKey::hex() const
{
    return m_raw.toHex();
}

}  // namespace cd::storage
