#include "core/access/auditsubjects.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::access {

namespace {

struct NamedTable {
    QString table;
    QString nameColumn;
};

// The subjects that have a name, by the entity type the log records.
const QHash<QString, NamedTable> &namedTables()
{
    static const QHash<QString, NamedTable> tables = {
        {u"operator"_s, {u"operators"_s, u"login"_s}},
        {u"role"_s, {u"roles"_s, u"name"_s}},
        {u"member"_s, {u"members"_s, u"name"_s}},
        {u"department"_s, {u"departments"_s, u"name"_s}},
        {u"site"_s, {u"sites"_s, u"name"_s}},
        {u"sub_operator"_s, {u"sub_operators"_s, u"name"_s}},
        {u"tariff"_s, {u"tariffs"_s, u"name"_s}},
        {u"coupon_rule"_s, {u"coupon_rules"_s, u"name"_s}},
    };
    return tables;
}

}  // namespace

Status AuditSubjects::name(const storage::Database &db, QList<storage::AuditEntry> &entries)
{
    // The numeric subject ids per kind (a subject recorded by name already shows it).
    QHash<QString, QSet<qint64>> ids;
    for (const storage::AuditEntry &e : entries) {
        bool numeric = false;
        const qint64 id = e.entityId.toLongLong(&numeric);
        if (numeric && namedTables().contains(e.entityType))
            ids[e.entityType].insert(id);
    }
    QHash<QString, QHash<qint64, QString>> names;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        const NamedTable &t = namedTables().value(it.key());
        QVariantList values;
        QStringList marks;
        for (qint64 id : it.value()) {
            values << id;
            marks << u"?"_s;
        }
        // A page holds at most a few hundred entries: one IN list per kind.
        auto q = storage::Sql::run(db.connection(),
                                   u"SELECT id, %1 FROM %2 WHERE id IN (%3)"_s.arg(t.nameColumn, t.table, marks.join(u", "_s)),
                                   values);
        if (!q)
            return q.error();
        while (q->next())
            names[it.key()].insert(q->value(0).toLongLong(), q->value(1).toString());
    }
    for (storage::AuditEntry &e : entries) {
        const auto kind = names.constFind(e.entityType);
        if (kind != names.cend())
            e.subjectName = kind->value(e.entityId.toLongLong());
    }
    return {};
}

}  // namespace cd::access
