#include "ui/refunds/applyrefunddialog.h"

#include "ui/accounts/moneyfield.h"
#include "ui/widgets/moneytext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

ApplyRefundDialog::ApplyRefundDialog(const QString &currency, QWidget *parent) : QDialog(parent), m_currency(currency)
{
    setObjectName(u"applyRefundDialog"_s);
    setWindowTitle(tr("New refund application"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"applyRefundSearch"_s);
    m_search->setPlaceholderText(tr("Name, phone, e-mail or card"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    m_member = new QComboBox(this);
    m_member->setObjectName(u"applyRefundMember"_s);
    m_memberMoney = new QLabel(this);
    m_memberMoney->setObjectName(u"applyRefundMemberMoney"_s);
    m_memberMoney->setTextFormat(Qt::PlainText);
    m_memberMoney->setWordWrap(true);
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(u"applyRefundAmount"_s);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"applyRefundReason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("The member's reason, e.g. moving to another city"));
    m_revoke = new QCheckBox(tr("Revoke the unused coupons earned by the refunded top-ups"), this);
    m_revoke->setObjectName(u"applyRefundRevokeCoupons"_s);
    m_revoke->setChecked(true);
    m_confirmation = new QLabel(this);
    m_confirmation->setObjectName(u"applyRefundConfirmation"_s);
    m_confirmation->setTextFormat(Qt::PlainText);
    m_confirmation->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"applyRefundProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b42318;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Find member:"), m_search);
    form->addRow(tr("Member:"), m_member);
    form->addRow(QString(), m_memberMoney);
    form->addRow(tr("Amount (%1):").arg(currency), m_amount);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(QString(), m_revoke);

    auto *buttons = new QDialogButtonBox(this);
    m_primary = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_primary->setObjectName(u"applyRefundPrimary"_s);
    m_back = buttons->addButton(tr("Back"), QDialogButtonBox::ResetRole);
    m_back->setObjectName(u"applyRefundBack"_s);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (m_step == Step::Confirm)
            accept();
        else
            review();
    });
    connect(m_back, &QPushButton::clicked, this, [this] { setStep(Step::Enter); });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { emit searchRequested(m_search->text().trimmed()); });
    connect(m_member, &QComboBox::currentIndexChanged, this, &ApplyRefundDialog::updateState);
    connect(m_amount, &QLineEdit::textChanged, this, &ApplyRefundDialog::updateState);
    connect(m_reason, &QLineEdit::textChanged, this, &ApplyRefundDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_confirmation);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    setStep(Step::Enter);
}

void ApplyRefundDialog::setMembers(const QList<accounts::Member> &members)
{
    const auto current = member();
    m_members = members;
    const QSignalBlocker block(m_member);
    m_member->clear();
    for (const accounts::Member &m : members) {
        //: a member in the refund application's picker: name and what may be refunded
        m_member->addItem(tr("%1 (refundable %2)").arg(m.name, amountText(m.refundableMinor, m_currency)));
    }
    if (!current || !selectMember(current->id))
        m_member->setCurrentIndex(members.isEmpty() ? -1 : 0);
    updateState();
}

void ApplyRefundDialog::setSearchText(const QString &text)
{
    m_search->setText(text);
}

bool ApplyRefundDialog::selectMember(qint64 memberId)
{
    for (int i = 0; i < m_members.size(); ++i) {
        if (m_members.at(i).id == memberId) {
            m_member->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

std::optional<accounts::Member> ApplyRefundDialog::member() const
{
    const int i = m_member->currentIndex();
    return i >= 0 && i < m_members.size() ? std::optional(m_members.at(i)) : std::nullopt;
}

void ApplyRefundDialog::setAmountText(const QString &amount)
{
    m_amount->setText(amount);
}

void ApplyRefundDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

void ApplyRefundDialog::setRevokeCoupons(bool revoke)
{
    m_revoke->setChecked(revoke);
}

std::optional<qint64> ApplyRefundDialog::amountMinor() const
{
    const auto amount = moneyFieldValue(m_amount, m_currency);
    const auto m = member();
    if (!amount || *amount <= 0 || !m || *amount > m->refundableMinor)
        return std::nullopt;
    return amount;
}

QString ApplyRefundDialog::reason() const
{
    return m_reason->text().trimmed();
}

bool ApplyRefundDialog::revokeCoupons() const
{
    return m_revoke->isChecked();
}

QString ApplyRefundDialog::confirmationText() const
{
    return m_confirmation->text();
}

void ApplyRefundDialog::review()
{
    const auto m = member();
    const auto amount = amountMinor();
    if (!m || !amount || reason().isEmpty())
        return;
    const QString cur = m_currency;
    const auto arrow = [&cur](qint64 before, qint64 after) -> QString {
        return amountText(before, cur) + u" → "_s + amountText(after, cur);
    };
    QStringList lines;
    //: the first line of the confirmation: what the application does to the member's money
    lines << tr("%1 is taken off %2's balance and kept as a pending refund until the audit decides:")
                 .arg(amountText(*amount, cur), m->name);
    lines << tr("Balance: %1").arg(arrow(m->balanceMinor, m->balanceMinor - *amount));
    lines << tr("Refundable: %1").arg(arrow(m->refundableMinor, m->refundableMinor - *amount));
    lines << tr("Pending refund: %1").arg(arrow(m->pendingRefundMinor, m->pendingRefundMinor + *amount));
    lines << (revokeCoupons() ? tr("When refunded, the unused coupons earned by the refunded top-ups are revoked.")
                              : tr("Coupons earned by the refunded top-ups are kept."));
    lines << tr("Rejecting the application gives all of it back to the member.");
    m_confirmation->setText(lines.join(u'\n'));
    setStep(Step::Confirm);
}

void ApplyRefundDialog::setStep(Step step)
{
    m_step = step;
    const bool confirm = step == Step::Confirm;
    for (QWidget *w : std::initializer_list<QWidget *>{m_search, m_member, m_amount, m_reason, m_revoke})
        w->setEnabled(!confirm);
    m_confirmation->setVisible(confirm);
    m_back->setVisible(confirm);
    if (!confirm)
        m_confirmation->clear();
    updateState();
}

void ApplyRefundDialog::updateState()
{
    const auto m = member();
    m_memberMoney->setText(m ? tr("Balance %1 · refundable %2 · pending refund %3")
                                   .arg(amountText(m->balanceMinor, m_currency),
                                        amountText(m->refundableMinor, m_currency),
                                        amountText(m->pendingRefundMinor, m_currency))
                             : tr("No member found."));
    m_amount->setPlaceholderText(m ? tr("At most %1").arg(amountText(m->refundableMinor, m_currency)) : QString());
    const auto typed = moneyFieldValue(m_amount, m_currency);
    QString problem;
    if (m && typed && *typed > m->refundableMinor)
        problem = tr("At most %1 can be refunded to %2.").arg(amountText(m->refundableMinor, m_currency), m->name);
    else if (m && m->refundableMinor <= 0)
        problem = tr("%1 has nothing refundable.").arg(m->name);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    const auto amount = amountMinor();
    if (m_step == Step::Confirm && amount) {
        //: the button that moves the money, after the operator has seen what will happen
        m_primary->setText(tr("Apply for %1").arg(amountText(*amount, m_currency)));
        m_primary->setEnabled(true);
        return;
    }
    m_primary->setText(tr("Review…"));
    m_primary->setEnabled(amount.has_value() && !reason().isEmpty());
}

}  // namespace cd::ui
