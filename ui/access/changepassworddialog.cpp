#include "ui/access/changepassworddialog.h"

#include "core/access/accessservice.h"
#include "core/storage/queryrunner.h"
#include "ui/access/passwordfields.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

ChangePasswordDialog::ChangePasswordDialog(std::shared_ptr<storage::Database> db, access::Actor self, QWidget *parent)
    : QDialog(parent), m_self(std::move(self)), m_runner(std::make_unique<storage::QueryRunner>(std::move(db)))
{
    setObjectName(u"changePasswordDialog"_s);
    m_current = new QLineEdit(this);
    m_current->setObjectName(u"currentPassword"_s);
    m_current->setEchoMode(QLineEdit::Password);
    m_current->setMaxLength(access::AccessService::kMaxPasswordFieldLength);
    m_currentLabel = new QLabel(this);
    m_currentLabel->setBuddy(m_current);
    auto *form = new QFormLayout;
    form->addRow(m_currentLabel, m_current);
    m_password = new PasswordFields(u"new"_s, this, PasswordFields::Labels::NewPassword);
    m_password->insertRows(form);

    m_problem = new WrappingLabel(this);
    m_problem->setObjectName(u"changePasswordProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    style::makeMuted(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"changePasswordButtons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_current, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateButtons);
    connect(m_password, &PasswordFields::changed, this, &ChangePasswordDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    retranslateUi();
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::submit()
{
    if (m_busy || m_current->text().isEmpty() || !m_password->isValid())
        return;
    m_busy = true;
    updateButtons();
    m_runner->run<Status>(
        this,
        [self = m_self, current = m_current->text().toUtf8(),
         password = m_password->value()](const std::shared_ptr<storage::Database> &db) {
            return access::AccessService(*db).changeOwnPassword(self, current, password);
        },
        [this](Status changed) {
            m_busy = false;
            if (!changed) {
                m_problem->setText(changed.error().message);
                style::makeError(m_problem);
                m_current->selectAll();
                m_current->setFocus();
                m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                return;
            }
            m_current->clear();
            m_password->clear();
            accept();
        });
}

void ChangePasswordDialog::updateButtons()
{
    const QString problem = m_current->text().isEmpty() ? tr("Type your current password.") : QString();
    if (!m_busy) {
        m_problem->setText(problem);
        style::makeMuted(m_problem);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && problem.isEmpty() && m_password->isValid());
}

void ChangePasswordDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ChangePasswordDialog::retranslateUi()
{
    //: %1 is the operator's login
    setWindowTitle(tr("Change the password of %1").arg(m_self.login()));
    m_currentLabel->setText(tr("&Current password:"));
    m_password->retranslateUi();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Change password"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    updateButtons();
}

}  // namespace cd::ui
