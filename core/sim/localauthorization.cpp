#include "core/sim/localauthorization.h"

namespace cd::sim {

LocalAuthorization::UpdateResult LocalAuthorization::updateList(int version, bool full,
                                                                const std::vector<ListEntry> &entries, int maxLength)
{
    if (version < 0)
        return UpdateResult::Failed;
    if (!full && version <= m_listVersion)
        return UpdateResult::VersionMismatch;
    QHash<QString, AuthorizationStatus> next = full ? QHash<QString, AuthorizationStatus>() : m_list;
    for (const ListEntry &e : entries) {
        if (e.status)
            next.insert(e.idTag, *e.status);
        else
            next.remove(e.idTag);
    }
    if (maxLength > 0 && next.size() > maxLength)
        return UpdateResult::Failed;
    m_list = std::move(next);
    m_listVersion = version;
    return UpdateResult::Accepted;
}

std::optional<AuthorizationStatus> LocalAuthorization::lookup(const QString &idTag, bool useList, bool useCache) const
{
    if (useList) {
        const auto it = m_list.constFind(idTag);
        if (it != m_list.constEnd())
            return *it;
    }
    if (useCache) {
        const auto it = m_cache.constFind(idTag);
        if (it != m_cache.constEnd())
            return *it;
    }
    return std::nullopt;
}

}  // namespace cd::sim
