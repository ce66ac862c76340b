#include "ui/operators/operatordialog.h"

#include "ui/access/passwordfields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace cd::ui {

void fillRoleCombo(QComboBox *combo, const QList<access::RoleRow> &roles, const QString &current)
{
    combo->clear();
    for (const access::RoleRow &r : roles)
        combo->addItem(access::BuiltinRoles::displayName(r.name), r.name);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

QSpinBox *makeMaxLoginsSpin(int value, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(1, access::AccessService::kMaxConcurrentLoginsLimit);
    spin->setValue(value);
    return spin;
}

OperatorDialog::OperatorDialog(const QList<access::RoleRow> &roles, bool firstAdministrator, QWidget *parent)
    : ActionDialog(parent), m_first(firstAdministrator)
{
    setObjectName(u"operatorDialog"_s);
    setWindowTitle(tr("Add operator"));
    setMessage(m_first ? tr("The first operator account is an administrator. Once it exists, every change needs a "
                            "login: the console then asks you to log in with it.")
                       : tr("A new operator account. Tell the operator their password; they can change it after "
                            "logging in."));
    setSubmitText(tr("Add operator"));

    m_login = new QLineEdit(this);
    m_login->setObjectName(u"operatorLogin"_s);
    m_login->setMaxLength(access::AccessService::kMaxLoginLength);
    m_login->setPlaceholderText(tr("Letters, digits, . _ - @"));
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(u"operatorDisplayName"_s);
    m_displayName->setMaxLength(access::AccessService::kMaxDisplayNameLength);
    m_displayName->setPlaceholderText(tr("Optional: the login"));
    m_role = new QComboBox(this);
    fillRoleCombo(m_role, roles, m_first ? access::BuiltinRoles::administrator() : access::BuiltinRoles::support());
    m_role->setEnabled(!m_first);
    m_role->setObjectName(u"operatorRole"_s);
    m_maxLogins = makeMaxLoginsSpin(1, this);
    m_maxLogins->setObjectName(u"operatorMaxLogins"_s);
    m_password = new PasswordFields(u"operator"_s, this);

    addField(tr("&Login:"), m_login);
    addField(tr("&Name:"), m_displayName);
    addField(tr("R&ole:"), m_role);
    m_password->insertRows(form(), reasonRow());
    addField(tr("Logins &at once:"), m_maxLogins);

    connect(m_login, &QLineEdit::textChanged, this, &OperatorDialog::updateButtons);
    connect(m_password, &PasswordFields::changed, this, &OperatorDialog::updateButtons);
    updateButtons();
}

access::NewOperator OperatorDialog::newOperator() const
{
    access::NewOperator op;
    op.login = m_login->text().trimmed();
    op.displayName = m_displayName->text().trimmed();
    op.password = m_password->value();
    op.role = m_role->currentData().toString();
    op.maxConcurrentLogins = m_maxLogins->value();
    return op;
}

bool OperatorDialog::canSubmit() const
{
    return !m_login->text().trimmed().isEmpty() && m_role->currentIndex() >= 0 && m_password->isValid();
}

void OperatorDialog::setFieldsEnabled(bool enabled)
{
    m_login->setEnabled(enabled);
    m_displayName->setEnabled(enabled);
    m_role->setEnabled(enabled && !m_first);
    m_password->setEnabled(enabled);
    m_maxLogins->setEnabled(enabled);
}

}  // namespace cd::ui
