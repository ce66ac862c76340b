#include "ui/accounts/carddialog.h"

#include "core/storage/idtagrepository.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

CardDialog::CardDialog(Owner owner, const QString &ownerName, QWidget *parent) : QDialog(parent), m_owner(owner)
{
    setObjectName(u"cardDialog"_s);
    setWindowTitle(owner == Owner::Member ? tr("Add card") : tr("Add department card"));
    auto *who = new QLabel(ownerName, this);
    who->setTextFormat(Qt::PlainText);
    who->setWordWrap(true);
    m_idTag = new QLineEdit(this);
    m_idTag->setObjectName(u"cardIdTag"_s);
    m_idTag->setMaxLength(36);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"cardProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b42318;"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Card (id tag):"), m_idTag);
    if (owner == Owner::Department) {
        m_sessions = new QSpinBox(this);
        m_sessions->setObjectName(u"cardSessions"_s);
        m_sessions->setRange(1, 10000);
        m_sessions->setValue(5);
        //: how many vehicles one department card may charge at the same time
        form->addRow(tr("Vehicles at once:"), m_sessions);
    }
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add card"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_idTag, &QLineEdit::textChanged, this, &CardDialog::updateState);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(who);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(400);
    updateState();
}

void CardDialog::setIdTag(const QString &idTag)
{
    m_idTag->setText(idTag);
}

QString CardDialog::idTag() const
{
    return m_idTag->text().trimmed();
}

void CardDialog::setMaxSessions(int sessions)
{
    if (m_sessions)
        m_sessions->setValue(sessions);
}

int CardDialog::maxSessions() const
{
    return m_sessions ? m_sessions->value() : 1;
}

bool CardDialog::canAccept() const
{
    return storage::IdTagRepository::isValidIdTag(idTag());
}

void CardDialog::updateState()
{
    const bool ok = canAccept();
    m_problem->setText(ok || idTag().isEmpty() ? QString()
                                               : tr("An id tag is 1 to 36 printable characters without spaces."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

}  // namespace cd::ui
