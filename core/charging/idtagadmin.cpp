#include "core/charging/idtagadmin.h"

#include "core/charging/chargingjson.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonDocument>

namespace cd::charging {

IdTagAdmin::IdTagAdmin(const storage::Database &db, QString operatorName, const Clock &clock)
    : m_db(db), m_operatorName(std::move(operatorName)), m_clock(clock)
{
}

Expected<qint64> IdTagAdmin::add(const storage::IdTag &tag, const QString &reason) const
{
    storage::Transaction tx(m_db.connection());
    if (Status s = tx.begin(); !s)
        return s.error();
    auto id = storage::IdTagRepository(m_db).add(tag, m_clock.nowMs());
    if (!id)
        return id.error();
    storage::AuditEntry audit;
    audit.operatorName = m_operatorName;
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
