#pragma once
// One change on the Operators screen other than a new account: an operator's role, logins at
// once or password; disabling, enabling or unlocking an account, ending a login session, a new role or
// deleting one. Says what will happen (the confirmation), asks for what the change needs and an
// optional reason.

#include "core/access/rolerepository.h"
#include "ui/operators/actiondialog.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace cd::ui {

class PasswordFields;

class ChangeDialog : public ActionDialog {
    Q_OBJECT
public:
    enum class Kind { Role, MaxLogins, Password, Disable, Enable, Unlock, EndSession, NewRole, DeleteRole, Permissions };

    // `subject`: the operator, session or role the change is about, as the operator knows it.
    ChangeDialog(Kind kind, const QString &subject, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }

    // Kind::Role: the roles to choose from, the current one selected.
    void setRoles(const QList<access::RoleRow> &roles, const QString &current);
    QString role() const;
    // Kind::MaxLogins
    void setMaxLogins(int value);
    int maxLogins() const;
    // Kind::Password
    QByteArray password() const;
    // Kind::NewRole: the name; whether it starts with the permissions of the role `subject`.
    QString roleName() const;
    bool copyPermissions() const;

    bool canSubmit() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    Kind m_kind;
    QComboBox *m_role = nullptr;
    QSpinBox *m_maxLogins = nullptr;
    PasswordFields *m_password = nullptr;
    QLineEdit *m_roleName = nullptr;
    QCheckBox *m_copy = nullptr;
};

}  // namespace cd::ui
