#pragma once
// How the Audit log screen names what an entry is about ("Bill", "Operator", …) and what was
// done ("Refund approved"), for what the services record; anything newer is shown as recorded.

#include <QCoreApplication>
#include <QString>

namespace cd::ui {

class AuditText {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::AuditText)
public:
    static QString subjectTypeTitle(const QString &entityType);
    // "Refund approved" for "refund.approve"; an action it does not know, as recorded.
    static QString actionTitle(const QString &action);
};

}  // namespace cd::ui
