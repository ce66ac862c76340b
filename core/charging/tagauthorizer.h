#pragma once
// Id-tag authorization: unknown → Invalid; the tag's own status (Blocked, Expired, Invalid);
// expiry; the parent tag (a blocked or expired parent blocks its children); and ConcurrentTx:
// a member may run as many sessions as the tag allows (1 unless raised) across all of the
// member's tags, a department card up to its max_concurrent_sessions vehicles at once.

#include "core/charging/chargingtypes.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/idtagrepository.h"

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::charging {

struct Authorization {
    IdTagInfo info;
    std::optional<storage::IdTag> tag;  // the registered tag, when there is one
};

class TagAuthorizer {
public:
    enum class Concurrency {
        Check,   // Authorize, StartTransaction: ConcurrentTx when the limit is reached
        Ignore,  // StopTransaction: the tag is in the very transaction it stops
    };

    TagAuthorizer(const storage::Database &db, const Clock &clock);

    Expected<Authorization> authorize(const QString &idTag, Concurrency concurrency) const;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::charging
