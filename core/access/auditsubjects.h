#pragma once
// Names for the audit log's subjects. The log records a subject by its number ("operator 4",
// "member 17"), which is what stays true when it is renamed; a reader wants to see who or what
// that is now ("olena", "Iryna Bondarenko"). One query per kind of subject on a page.

#include "core/common/expected.h"
#include "core/storage/auditlogrepository.h"

#include <QList>

namespace cd::storage {
class Database;
}

namespace cd::access {

class AuditSubjects {
public:
    // Fills AuditEntry::subjectName where the subject is a row with a name (operator, role,
    // member, department, site, sub-operator, tariff, coupon rule) that still exists.
    static Status name(const storage::Database &db, QList<storage::AuditEntry> &entries);
};

}  // namespace cd::access
