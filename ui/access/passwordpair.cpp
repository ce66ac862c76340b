#include "ui/access/passwordpair.h"

#include "core/access/accessservice.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kMaxPasswordLength = 1024;
}

PasswordPair::PasswordPair(QFormLayout *form, QWidget *parent, Labels labels) : QObject(parent), m_labels(labels)
{
    for (QLineEdit **edit : {&m_password, &m_repeat}) {
        *edit = new QLineEdit(parent);
        (*edit)->setEchoMode(QLineEdit::Password);
        (*edit)->setMaxLength(kMaxPasswordLength);
        connect(*edit, &QLineEdit::textChanged, this, &PasswordPair::changed);
    }
    m_password->setObjectName(u"newPassword"_s);
    m_repeat->setObjectName(u"repeatPassword"_s);
    m_passwordLabel = new QLabel(parent);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel = new QLabel(parent);
    m_repeatLabel->setBuddy(m_repeat);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_repeatLabel, m_repeat);
    retranslateUi();
}

QString PasswordPair::problem() const
{
    const int length = int(m_password->text().size());
    if (length < access::AccessService::kMinPasswordLength)
        return tr("The password needs at least %n characters.", nullptr, access::AccessService::kMinPasswordLength);
    if (m_repeat->text() != m_password->text())
        return m_repeat->text().isEmpty() ? tr("Type the password again to confirm it.")
                                          : tr("The two passwords differ.");
    return {};
}

QByteArray PasswordPair::password() const
{
    return m_password->text().toUtf8();
}

void PasswordPair::clear()
{
    m_password->clear();
    m_repeat->clear();
}

void PasswordPair::setReadOnly(bool readOnly)
{
    m_password->setReadOnly(readOnly);
    m_repeat->setReadOnly(readOnly);
}

void PasswordPair::retranslateUi()
{
    m_passwordLabel->setText(m_labels == Labels::NewPassword ? tr("&New password:") : tr("&Password:"));
    m_repeatLabel->setText(tr("&Repeat password:"));
    m_password->setPlaceholderText(
        tr("At least %n characters", nullptr, access::AccessService::kMinPasswordLength));
}

}  // namespace cd::ui
