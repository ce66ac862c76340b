#include "ui/operators/passwordfields.h"

#include "core/access/accessservice.h"
#include "ui/settings/settingsform.h"
#include "ui/widgets/style.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>

namespace cd::ui {

namespace {
constexpr int kMinLength = access::AccessService::kMinPasswordLength;
}

PasswordFields::PasswordFields(const QString &objectNamePrefix, QWidget *parent) : QObject(parent)
{
    m_password = new QLineEdit(parent);
    m_password->setObjectName(objectNamePrefix + QStringLiteral("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit(parent);
    m_repeat->setObjectName(objectNamePrefix + QStringLiteral("Repeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_hint = new QLabel(parent);
    m_hint->setObjectName(objectNamePrefix + QStringLiteral("PasswordHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_passwordLabel = new QLabel(tr("&Password:"), parent);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel = new QLabel(tr("&Repeat password:"), parent);
    m_repeatLabel->setBuddy(m_repeat);
    connect(m_password, &QLineEdit::textChanged, this, &PasswordFields::updateHint);
    connect(m_repeat, &QLineEdit::textChanged, this, &PasswordFields::updateHint);
    updateHint();
}

void PasswordFields::insertRows(QFormLayout *form, int row)
{
    form->insertRow(row, m_passwordLabel, m_password);
    form->insertRow(row + 1, m_repeatLabel, m_repeat);
    form->insertRow(row + 2, QString(), m_hint);
}

bool PasswordFields::isValid() const
{
    return m_password->text().size() >= kMinLength
           && m_repeat->text() == m_password->text();
}

QByteArray PasswordFields::value() const
{
    return m_password->text().toUtf8();
}

void PasswordFields::setEnabled(bool enabled)
{
    m_password->setEnabled(enabled);
    m_repeat->setEnabled(enabled);
}

void PasswordFields::updateHint()
{
    const QString typed = m_password->text();
    const bool short_ = typed.size() < kMinLength;
    const bool differs = !m_repeat->text().isEmpty() && m_repeat->text() != typed;
    m_hint->setPalette(QPalette());
    if (short_ && !typed.isEmpty()) {
        m_hint->setText(tr("Too short: at least %n character(s).", nullptr, kMinLength));
        settingsform::makeError(m_hint);
    } else if (differs) {
        m_hint->setText(tr("The two passwords are not the same."));
        settingsform::makeError(m_hint);
    } else {
        m_hint->setText(tr("At least %n character(s), typed twice.", nullptr, kMinLength));
        style::makeMuted(m_hint);
    }
    emit changed();
}

}  // namespace cd::ui
