#pragma once
// The station's own knowledge of id tags: the Local Authorization List the server manages
// (SendLocalList / GetLocalListVersion) and the Authorization Cache of earlier answers
// (ClearCache). Used to start sessions while offline.

#include "core/sim/stationtypes.h"

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace cd::sim {

class LocalAuthorization {
public:
    enum class UpdateResult {
        Accepted,
        Failed,
        NotSupported,
        VersionMismatch,
    };
    struct ListEntry {
        QString idTag;
        std::optional<AuthorizationStatus> status;  // nullopt in a differential update: remove the tag
    };

    // Full replaces the list; a differential update must carry a newer version than the list's.
    UpdateResult updateList(int version, bool full, const std::vector<ListEntry> &entries, int maxLength);
    int listVersion() const { return m_listVersion; }
    qsizetype listSize() const { return m_list.size(); }

    void remember(const QString &idTag, AuthorizationStatus status) { m_cache.insert(idTag, status); }
    void clearCache() { m_cache.clear(); }
    qsizetype cacheSize() const { return m_cache.size(); }

    // The list wins over the cache (OCPP 1.6, 3.5.3).
    std::optional<AuthorizationStatus> lookup(const QString &idTag, bool useList, bool useCache) const;

private:
    int m_listVersion = 0;
    QHash<QString, AuthorizationStatus> m_list;
    QHash<QString, AuthorizationStatus> m_cache;
};

}  // namespace cd::sim
