#pragma once
// How the Audit log screen names what an entry is about: "Bill", "Operator", … for the kinds of
// subject the services record; anything newer is shown as recorded.

#include <QCoreApplication>
#include <QString>

namespace cd::ui {

class AuditText {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::AuditText)
public:
    static QString subjectTypeTitle(const QString &entityType);
};

}  // namespace cd::ui
