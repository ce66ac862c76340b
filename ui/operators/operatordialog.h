#pragma once
// Operators › Add operator…: login, display name, role, the first password (twice, long enough),
// how many logins at once, and a reason for the audit log. On a database without operator accounts
// the first one is an administrator (AccessService::createFirstAdministrator), as in the CLI.

#include "core/access/accessservice.h"
#include "core/access/rolerepository.h"
#include "ui/operators/actiondialog.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace cd::ui {

class PasswordFields;

class OperatorDialog : public ActionDialog {
    Q_OBJECT
public:
    OperatorDialog(const QList<access::RoleRow> &roles, bool firstAdministrator, QWidget *parent = nullptr);

    bool isFirstAdministrator() const { return m_first; }
    access::NewOperator newOperator() const;
    bool canSubmit() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    bool m_first;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_role = nullptr;
    PasswordFields *m_password = nullptr;
    QSpinBox *m_maxLogins = nullptr;
};

// Fills the role picker of Add operator… and Change role…: every role by its display name, the
// stored name as item data, `current` selected.
void fillRoleCombo(QComboBox *combo, const QList<access::RoleRow> &roles, const QString &current);
// The number of logins at once an account may have (AccessService allows 1 to 100).
QSpinBox *makeMaxLoginsSpin(int value, QWidget *parent);

}  // namespace cd::ui
