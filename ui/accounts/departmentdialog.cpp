#include "ui/accounts/departmentdialog.h"

#include "ui/accounts/moneyfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

DepartmentDialog::DepartmentDialog(const QList<accounts::Department> &departments, std::optional<qint64> parentId,
                                   const QString &currency, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(u"departmentDialog"_s);
    setWindowTitle(tr("New department"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"departmentName"_s);
    m_name->setMaxLength(200);
    m_parent = new QComboBox(this);
    m_parent->setObjectName(u"departmentParent"_s);
    m_parent->addItem(tr("None (top level)"), QVariant());
    for (const accounts::Department &d : departments)
        m_parent->addItem(d.name, d.id);
    m_billToParent = new QCheckBox(tr("Bill sessions to the parent department's pooled balance"), this);
    m_billToParent->setObjectName(u"departmentBillToParent"_s);
    m_threshold = new QLineEdit(u"0"_s, this);
    m_threshold->setObjectName(u"departmentThreshold"_s);
    m_problems = new QLabel(this);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"color: #b42318;"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Parent:"), m_parent);
    form->addRow(QString(), m_billToParent);
    form->addRow(tr("Auto-stop at (%1):").arg(currency), m_threshold);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create department"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &DepartmentDialog::updateState);
    connect(m_threshold, &QLineEdit::textChanged, this, &DepartmentDialog::updateState);
    connect(m_parent, &QComboBox::currentIndexChanged, this, &DepartmentDialog::updateState);
    connect(m_billToParent, &QCheckBox::toggled, this, &DepartmentDialog::updateState);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
    setParentDepartment(parentId);
    updateState();
}

void DepartmentDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void DepartmentDialog::setParentDepartment(std::optional<qint64> parentId)
{
    const int index = parentId ? m_parent->findData(*parentId) : 0;
    m_parent->setCurrentIndex(qMax(0, index));
}

void DepartmentDialog::setBillToParent(bool on)
{
    m_billToParent->setChecked(on);
}

std::optional<accounts::NewDepartment> DepartmentDialog::department() const
{
    const auto threshold = moneyFieldValue(m_threshold, m_currency);
    if (!threshold)
        return std::nullopt;
    accounts::NewDepartment d;
    d.name = m_name->text().trimmed();
    if (const QVariant p = m_parent->currentData(); p.isValid())
        d.parentId = p.toLongLong();
    d.billToParent = m_billToParent->isChecked();
    d.autoStopThresholdMinor = *threshold;
    return d;
}

QStringList DepartmentDialog::problems() const
{
    const auto d = department();
    if (!d)
        return {tr("The auto-stop threshold must be an amount such as 1.00.")};
    return accounts::AccountService::validate(*d);
}

void DepartmentDialog::updateState()
{
    const bool hasParent = m_parent->currentData().isValid();
    m_billToParent->setEnabled(hasParent);
    if (!hasParent && m_billToParent->isChecked())
        m_billToParent->setChecked(false);
    const QStringList found = problems();
    m_problems->setText(m_name->text().trimmed().isEmpty() ? QString() : found.join(u'\n'));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.isEmpty());
}

}  // namespace cd::ui
