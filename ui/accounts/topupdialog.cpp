#include "ui/accounts/topupdialog.h"

#include "ui/accounts/moneyfield.h"
#include "ui/widgets/moneytext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

TopUpDialog::TopUpDialog(const QString &account, const QString &currency, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(u"topUpDialog"_s);
    setWindowTitle(tr("Top up"));
    m_account = new QLabel(account, this);
    m_account->setObjectName(u"topUpAccount"_s);
    m_account->setTextFormat(Qt::PlainText);
    m_account->setWordWrap(true);
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(u"topUpAmount"_s);
    m_amount->setPlaceholderText(amountText(10000, currency));
    m_receipt = new QLineEdit(this);
    m_receipt->setObjectName(u"topUpReceipt"_s);
    m_receipt->setMaxLength(200);
    m_receipt->setPlaceholderText(tr("Optional: the desk's number is used"));
    m_confirmation = new QLabel(this);
    m_confirmation->setObjectName(u"topUpConfirmation"_s);
    m_confirmation->setTextFormat(Qt::PlainText);
    m_confirmation->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(u"topUpError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b42318;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Amount (%1):").arg(currency), m_amount);
    form->addRow(tr("Receipt number:"), m_receipt);

    m_buttons = new QDialogButtonBox(this);
    m_buttons->setObjectName(u"topUpButtons"_s);
    m_primary = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_primary->setObjectName(u"topUpPrimary"_s);
    m_back = m_buttons->addButton(tr("Back"), QDialogButtonBox::ResetRole);
    m_back->setObjectName(u"topUpBack"_s);
    m_buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (m_step == Step::Confirm) {
            accept();
            return;
        }
        if (const auto amount = amountMinor()) {
            m_error->clear();
            m_primary->setEnabled(false);  // until the review comes back
            emit reviewRequested(*amount);
        }
    });
    connect(m_back, &QPushButton::clicked, this, [this] { setStep(Step::Enter); });
    connect(m_amount, &QLineEdit::textChanged, this, &TopUpDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_account);
    layout->addLayout(form);
    layout->addWidget(m_confirmation);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
    setStep(Step::Enter);
}

void TopUpDialog::setAmountText(const QString &amount)
{
    m_amount->setText(amount);
}

void TopUpDialog::setReceipt(const QString &receipt)
{
    m_receipt->setText(receipt);
}

std::optional<qint64> TopUpDialog::amountMinor() const
{
    const auto amount = moneyFieldValue(m_amount, m_currency);
    return amount && *amount > 0 ? amount : std::nullopt;
}

QString TopUpDialog::receipt() const
{
    return m_receipt->text().trimmed();
}

QPushButton *TopUpDialog::primaryButton() const
{
    return m_primary;
}

void TopUpDialog::showConfirmation(const QStringList &lines)
{
    m_confirmation->setText(lines.join(u'\n'));
    setStep(Step::Confirm);
}

void TopUpDialog::showError(const QString &message)
{
    m_error->setText(message);
    setStep(Step::Enter);
}

QString TopUpDialog::confirmationText() const
{
    return m_confirmation->text();
}

void TopUpDialog::setStep(Step step)
{
    m_step = step;
    const bool confirm = step == Step::Confirm;
    m_amount->setEnabled(!confirm);
    m_receipt->setEnabled(!confirm);
    m_confirmation->setVisible(confirm);
    m_back->setVisible(confirm);
    if (!confirm)
        m_confirmation->clear();
    updateState();
}

void TopUpDialog::updateState()
{
    const auto amount = amountMinor();
    if (m_step == Step::Confirm && amount) {
        //: the button that moves the money, after the operator has seen what will happen
        m_primary->setText(tr("Top up %1").arg(amountText(*amount, m_currency)));
        m_primary->setEnabled(true);
        return;
    }
    m_primary->setText(tr("Review…"));
    m_primary->setEnabled(amount.has_value());
}

}  // namespace cd::ui
