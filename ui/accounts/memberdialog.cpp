#include "ui/accounts/memberdialog.h"

#include "ui/accounts/moneyfield.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

MemberDialog::MemberDialog(const QList<accounts::Department> &departments, const QString &currency, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(u"memberDialog"_s);
    setWindowTitle(tr("New member"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"memberName"_s);
    m_name->setMaxLength(200);
    m_phone = new QLineEdit(this);
    m_phone->setObjectName(u"memberPhone"_s);
    m_phone->setPlaceholderText(u"+380 50 111 22 33"_s);
    m_email = new QLineEdit(this);
    m_email->setObjectName(u"memberEmail"_s);
    m_department = new QComboBox(this);
    m_department->setObjectName(u"memberDepartment"_s);
    m_department->addItem(tr("None"), QVariant());
    for (const accounts::Department &d : departments)
        m_department->addItem(d.name, d.id);
    m_threshold = new QLineEdit(u"0"_s, this);
    m_threshold->setObjectName(u"memberThreshold"_s);
    m_problems = new QLabel(this);
    m_problems->setObjectName(u"memberProblems"_s);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"color: #b42318;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Phone:"), m_phone);
    form->addRow(tr("E-mail:"), m_email);
    form->addRow(tr("Department:"), m_department);
    form->addRow(tr("Auto-stop at (%1):").arg(currency), m_threshold);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"memberButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create member"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *field : {m_name, m_phone, m_email, m_threshold})
        connect(field, &QLineEdit::textChanged, this, &MemberDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    updateState();
}

void MemberDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void MemberDialog::setPhone(const QString &phone)
{
    m_phone->setText(phone);
}

void MemberDialog::setEmail(const QString &email)
{
    m_email->setText(email);
}

void MemberDialog::editMember(const accounts::Member &member)
{
    setWindowTitle(tr("Edit member %1").arg(member.id));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    setName(member.name);
    setPhone(member.phone);
    setEmail(member.email);
    setDepartment(member.departmentId);
    setThresholdText(moneyFieldText(member.autoStopThresholdMinor, m_currency));
}

void MemberDialog::setThresholdText(const QString &amount)
{
    m_threshold->setText(amount);
}

void MemberDialog::setDepartment(std::optional<qint64> departmentId)
{
    const int index = departmentId ? m_department->findData(*departmentId) : 0;
    m_department->setCurrentIndex(qMax(0, index));
}

std::optional<accounts::NewMember> MemberDialog::member() const
{
    const auto threshold = moneyFieldValue(m_threshold, m_currency);
    if (!threshold)
        return std::nullopt;
    accounts::NewMember m;
    m.name = m_name->text().trimmed();
    m.phone = m_phone->text().trimmed();
    m.email = m_email->text().trimmed();
    if (const QVariant d = m_department->currentData(); d.isValid())
        m.departmentId = d.toLongLong();
    m.autoStopThresholdMinor = *threshold;
    return m;
}

QStringList MemberDialog::problems() const
{
    const auto m = member();
    if (!m)
        return {tr("The auto-stop threshold must be an amount such as 1.00.")};
    return accounts::AccountService::validate(*m);
}

void MemberDialog::updateState()
{
    const QStringList found = problems();
    // Nothing typed yet is not an error to shout about.
    const bool empty = m_name->text().trimmed().isEmpty() && m_phone->text().trimmed().isEmpty();
    m_problems->setText(empty ? QString() : found.join(u'\n'));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.isEmpty());
}

}  // namespace cd::ui
