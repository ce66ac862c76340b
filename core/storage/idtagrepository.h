#pragma once
// Id tags: RFID cards, app tokens and department (fleet) cards, with their status, expiry,
// parent tag and how many sessions they may run at once.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct IdTag {
    qint64 id = 0;
    QString idTag;
    QString kind = QStringLiteral("card");      // "card", "app" or "department"
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    QString parentIdTag;                         // empty: none
    QString status = QStringLiteral("Accepted"); // "Accepted", "Blocked", "Expired" or "Invalid"
    std::optional<qint64> expiryMs;
    int maxConcurrentSessions = 1;
    qint64 createdMs = 0;
};

struct IdTagFilter {
    QString search;             // substring of the tag, case-insensitive
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    int limit = 1000;
    int offset = 0;
};

class IdTagRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::IdTagRepository)
public:
    explicit IdTagRepository(const Database &db);

    // Id tags come from stations and cards: 1..36 printable ASCII characters (1.6 allows 20,
    // 2.0.1 idToken 36), no spaces.
    static bool isValidIdTag(const QString &idTag);
    static bool isValidKind(const QString &kind);
    static bool isValidStatus(const QString &status);

    Expected<qint64> add(const IdTag &tag, qint64 nowMs);
    // Case-insensitive, as OCPP compares id tags (CiString).
    Expected<std::optional<IdTag>> find(const QString &idTag) const;
    Expected<QList<IdTag>> list(const IdTagFilter &filter = {}) const;
    Status setStatus(const QString &idTag, const QString &status);
    Status setExpiry(const QString &idTag, std::optional<qint64> expiryMs);

private:
    const Database &m_db;
};

}  // namespace cd::storage
