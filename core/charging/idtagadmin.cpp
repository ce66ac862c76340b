#include "core/charging/idtagadmin.h"

#include "core/access/accessguard.h"
#include "core/charging/chargingjson.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonDocument>

namespace cd::charging {

IdTagAdmin::IdTagAdmin(const storage::Database &db, access::Actor actor, const Clock &clock)
    : m_db(db), m_actor(std::move(actor)), m_clock(clock)
{
}

Expected<qint64> IdTagAdmin::add(const storage::IdTag &tag, const QString &reason) const
{
    if (Status allowed = access::AccessGuard(m_db).require(m_actor, access::Permission::IdTagsEdit); !allowed)
        return allowed.error();
    storage::Transaction tx(m_db.connection());
    if (Status s = tx.begin(); !s)
        return s.error();
    auto id = storage::IdTagRepository(m_db).add(tag, m_clock.nowMs());
    if (!id)
        return id.error();
    storage::AuditEntry audit;
    audit.operatorId = m_actor.operatorId();
    audit.operatorName = m_actor.name();
    audit.action = QStringLiteral("idtag.add");
    audit.entityType = QStringLiteral("id_tag");
    audit.entityId = tag.idTag;
    audit.reason = reason;
    audit.afterState = QString::fromUtf8(QJsonDocument(json::idTag(tag)).toJson(QJsonDocument::Compact));
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return id;
}

}  // namespace cd::charging
