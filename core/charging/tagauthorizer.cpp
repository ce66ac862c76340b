#include "core/charging/tagauthorizer.h"

#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"

#include <algorithm>

namespace cd::charging {

namespace {

// The tag's own verdict, before concurrency.
AuthorizationStatus ownStatus(const storage::IdTag &tag, qint64 nowMs)
{
    const auto status = authorizationStatusFromName(tag.status).value_or(AuthorizationStatus::Invalid);
    if (status != AuthorizationStatus::Accepted)
        return status == AuthorizationStatus::ConcurrentTx ? AuthorizationStatus::Invalid : status;
    if (tag.expiryMs && *tag.expiryMs <= nowMs)
        return AuthorizationStatus::Expired;
    return AuthorizationStatus::Accepted;
}

}  // namespace

TagAuthorizer::TagAuthorizer(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<Authorization> TagAuthorizer::authorize(const QString &idTag, Concurrency concurrency) const
{
    Authorization result;
    if (!storage::IdTagRepository::isValidIdTag(idTag))
        return result;  // Invalid; never looked up
    const storage::IdTagRepository tags(m_db);
    auto found = tags.find(idTag);
    if (!found)
        return found.error();
    if (!found->has_value())
        return result;
    const storage::IdTag &tag = **found;
    result.tag = tag;
    const qint64 now = m_clock.nowMs();
    result.info.expiryMs = tag.expiryMs;
    result.info.status = ownStatus(tag, now);

    if (!tag.parentIdTag.isEmpty()) {
        result.info.parentIdTag = tag.parentIdTag;
        auto parent = tags.find(tag.parentIdTag);
        if (!parent)
            return parent.error();
        if (parent->has_value() && result.info.status == AuthorizationStatus::Accepted) {
            const AuthorizationStatus p = ownStatus(**parent, now);
            if (p == AuthorizationStatus::Blocked || p == AuthorizationStatus::Expired)
                result.info.status = p;
        }
    }

    if (result.info.status != AuthorizationStatus::Accepted || concurrency == Concurrency::Ignore)
        return result;
    const storage::SessionRepository sessions(m_db);
    // A member's tags share the member's limit; a card without a member (or a department card)
    // counts its own sessions.
    const bool perMember = tag.memberId.has_value() && tag.kind != u"department";
    auto running = perMember ? sessions.countRunningForMember(*tag.memberId) : sessions.countRunningForTag(tag.idTag);
    if (!running)
        return running.error();
    if (*running >= std::max(1, tag.maxConcurrentSessions))
        result.info.status = AuthorizationStatus::ConcurrentTx;
    return result;
}

}  // namespace cd::charging
