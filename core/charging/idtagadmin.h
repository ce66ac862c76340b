#pragma once
// Operator changes to id tags, each in one transaction with its audit entry. The CLI, the
// console and demo mode add tags through here, never through the repository alone.

#include "core/access/actor.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/idtagrepository.h"

namespace cd::storage {
class Database;
}

namespace cd::charging {

class IdTagAdmin {
public:
    // `actor` needs Permission::IdTagsEdit (a bare name: only while no operators exist).
    IdTagAdmin(const storage::Database &db, access::Actor actor, const Clock &clock = Clock::system());

    // Adds the tag and audits "idtag.add" with `reason`; returns the row id. Refused (ExitCode::Forbidden,
    // nothing written) without the permission.
    Expected<qint64> add(const storage::IdTag &tag, const QString &reason) const;

private:
    const storage::Database &m_db;
    access::Actor m_actor;
    const Clock &m_clock;
};

}  // namespace cd::charging
