#include "ui/operators/changedialog.h"

#include "core/access/accessservice.h"
#include "ui/operators/operatordialog.h"
#include "ui/access/passwordfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace cd::ui {

ChangeDialog::ChangeDialog(Kind kind, const QString &subject, QWidget *parent) : ActionDialog(parent), m_kind(kind)
{
    setObjectName(u"changeDialog"_s);
    switch (kind) {
    case Kind::Role:
        setWindowTitle(tr("Change role"));
        setMessage(tr("The role of %1 decides what they may see and do, from their next action on.").arg(subject));
        setSubmitText(tr("Change role"));
        m_role = new QComboBox(this);
        m_role->setObjectName(u"changeRole"_s);
        addField(tr("R&ole:"), m_role);
        break;
    case Kind::MaxLogins:
        setWindowTitle(tr("Logins at once"));
        setMessage(tr("How many consoles %1 may be logged in on at the same time.").arg(subject));
        setSubmitText(tr("Save"));
        m_maxLogins = makeMaxLoginsSpin(1, this);
        m_maxLogins->setObjectName(u"changeMaxLogins"_s);
        addField(tr("Logins &at once:"), m_maxLogins);
        break;
    case Kind::Password:
        setWindowTitle(tr("Reset password"));
        setMessage(tr("A new password for %1. Their open logins stay open; tell them the new password.").arg(subject));
        setSubmitText(tr("Reset password"));
        m_password = new PasswordFields(u"change"_s, this);
        m_password->insertRows(form(), reasonRow());
        connect(m_password, &PasswordFields::changed, this, &ChangeDialog::updateButtons);
        break;
    case Kind::Disable:
        setWindowTitle(tr("Disable operator"));
        setMessage(tr("Disable %1? Their open logins end now, and they cannot log in until an administrator "
                      "enables the account again.")
                       .arg(subject));
        setSubmitText(tr("Disable"));
        break;
    case Kind::Enable:
        setWindowTitle(tr("Enable operator"));
        setMessage(tr("Enable %1? They can log in again with their password.").arg(subject));
        setSubmitText(tr("Enable"));
        break;
    case Kind::Unlock:
        setWindowTitle(tr("Unlock login"));
        setMessage(tr("Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.")
                       .arg(subject));
        setSubmitText(tr("Unlock"));
        break;
    case Kind::EndSession:
        setWindowTitle(tr("End login session"));
        setMessage(tr("End the login of %1? The console they use asks them to log in again.").arg(subject));
        setSubmitText(tr("End session"));
        break;
    case Kind::NewRole:
        setWindowTitle(tr("New role"));
        setMessage(tr("A custom role. Tick its permissions after it is made, then Apply."));
        setSubmitText(tr("Create role"));
        m_roleName = new QLineEdit(this);
        m_roleName->setObjectName(u"newRoleName"_s);
        m_roleName->setMaxLength(access::AccessService::kMaxRoleNameLength);
        addField(tr("&Name:"), m_roleName);
        if (!subject.isEmpty()) {
            m_copy = new QCheckBox(tr("Start with the permissions of %1").arg(subject), this);
            m_copy->setObjectName(u"newRoleCopy"_s);
            m_copy->setChecked(true);
            addField(QString(), m_copy);
        }
        connect(m_roleName, &QLineEdit::textChanged, this, &ChangeDialog::updateButtons);
        break;
    case Kind::DeleteRole:
        setWindowTitle(tr("Delete role"));
        setMessage(tr("Delete the role %1? Only a role no operator has can be deleted.").arg(subject));
        setSubmitText(tr("Delete role"));
        break;
    case Kind::Permissions:
        setWindowTitle(tr("Change permissions"));
        setMessage(tr("Change the permissions of %1?").arg(subject));
        setSubmitText(tr("Apply"));
        break;
    }
    updateButtons();
}

void ChangeDialog::setRoles(const QList<access::RoleRow> &roles, const QString &current)
{
    if (m_role)
        fillRoleCombo(m_role, roles, current);
}

QString ChangeDialog::role() const
{
    return m_role ? m_role->currentData().toString() : QString();
}

void ChangeDialog::setMaxLogins(int value)
{
    if (m_maxLogins)
        m_maxLogins->setValue(value);
}

int ChangeDialog::maxLogins() const
{
    return m_maxLogins ? m_maxLogins->value() : 0;
}

QByteArray ChangeDialog::password() const
{
    return m_password ? m_password->value() : QByteArray();
}

QString ChangeDialog::roleName() const
{
    return m_roleName ? m_roleName->text().trimmed() : QString();
}

bool ChangeDialog::copyPermissions() const
{
    return m_copy && m_copy->isChecked();
}

bool ChangeDialog::canSubmit() const
{
    switch (m_kind) {
    case Kind::Role:
        return m_role->currentIndex() >= 0;
    case Kind::Password:
        return m_password->isValid();
    case Kind::NewRole:
        return !roleName().isEmpty();
    default:
        return true;
    }
}

void ChangeDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *field : {static_cast<QWidget *>(m_role), static_cast<QWidget *>(m_maxLogins),
                           static_cast<QWidget *>(m_roleName), static_cast<QWidget *>(m_copy)}) {
        if (field)
            field->setEnabled(enabled);
    }
    if (m_password)
        m_password->setEnabled(enabled);
}

}  // namespace cd::ui
