#include "ui/access/passwordfields.h"

#include "core/access/accessservice.h"
#include "ui/widgets/style.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>

namespace cd::ui {

namespace {
constexpr int kMinLength = access::AccessService::kMinPasswordLength;
}  // namespace

PasswordFields::PasswordFields(const QString &objectNamePrefix, QWidget *parent, Labels labels)
    : QObject(parent), m_labels(labels)
{
    m_password = new QLineEdit(parent);
    m_password->setObjectName(objectNamePrefix + QStringLiteral("Password"));
    m_repeat = new QLineEdit(parent);
    m_repeat->setObjectName(objectNamePrefix + QStringLiteral("Repeat"));
    for (QLineEdit *edit : {m_password, m_repeat}) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setMaxLength(access::AccessService::kMaxPasswordFieldLength);
        connect(edit, &QLineEdit::textChanged, this, &PasswordFields::updateHint);
    }
    m_hint = new QLabel(parent);
    m_hint->setObjectName(objectNamePrefix + QStringLiteral("PasswordHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_passwordLabel = new QLabel(parent);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel = new QLabel(parent);
    m_repeatLabel->setBuddy(m_repeat);
    retranslateUi();
}

void PasswordFields::insertRows(QFormLayout *form, int row)
{
    if (row < 0)
        row = form->rowCount();
    form->insertRow(row, m_passwordLabel, m_password);
    form->insertRow(row + 1, m_repeatLabel, m_repeat);
    form->insertRow(row + 2, QString(), m_hint);
}

bool PasswordFields::isValid() const
{
    return m_password->text().size() >= kMinLength && m_repeat->text() == m_password->text();
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

void PasswordFields::clear()
{
    m_password->clear();
    m_repeat->clear();
}

void PasswordFields::retranslateUi()
{
    m_passwordLabel->setText(m_labels == Labels::NewPassword ? tr("&New password:") : tr("&Password:"));
    m_repeatLabel->setText(tr("&Repeat password:"));
    updateHint();
}

void PasswordFields::updateHint()
{
    const QString typed = m_password->text();
    const bool tooShort = typed.size() < kMinLength;
    const bool differs = !m_repeat->text().isEmpty() && m_repeat->text() != typed;
    m_hint->setPalette(QPalette());
    if (tooShort && !typed.isEmpty()) {
        m_hint->setText(tr("Too short: at least %n character(s).", nullptr, kMinLength));
        style::makeError(m_hint);
    } else if (differs) {
        m_hint->setText(tr("The two passwords are not the same."));
        style::makeError(m_hint);
    } else {
        m_hint->setText(tr("At least %n character(s), typed twice.", nullptr, kMinLength));
        style::makeMuted(m_hint);
    }
    emit changed();
}

}  // namespace cd::ui
