#include "ui/refunds/approverefunddialog.h"

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

ApproveRefundDialog::ApproveRefundDialog(const QString &application, qint64 amountMinor, const QString &currency,
                                         QWidget *parent)
    : QDialog(parent), m_amountMinor(amountMinor), m_currency(currency)
{
    setObjectName(u"approveRefundDialog"_s);
    setWindowTitle(tr("Approve refund"));
    auto *what = new QLabel(application, this);
    what->setTextFormat(Qt::PlainText);
    what->setWordWrap(true);
    m_commission = new QLineEdit(moneyFieldText(0, currency), this);
    m_commission->setObjectName(u"approveRefundCommission"_s);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"approveRefundReason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("Why: kept in the refund's history"));
    m_confirmation = new QLabel(this);
    m_confirmation->setObjectName(u"approveRefundConfirmation"_s);
    m_confirmation->setTextFormat(Qt::PlainText);
    m_confirmation->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(u"approveRefundError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b42318;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Commission (%1):").arg(currency), m_commission);
    form->addRow(tr("Reason:"), m_reason);
    auto *buttons = new QDialogButtonBox(this);
    m_primary = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_primary->setObjectName(u"approveRefundPrimary"_s);
    m_back = buttons->addButton(tr("Back"), QDialogButtonBox::ResetRole);
    m_back->setObjectName(u"approveRefundBack"_s);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (m_step == Step::Confirm) {
            accept();
            return;
        }
        if (const auto commission = commissionMinor(); commission && !reason().isEmpty()) {
            m_error->clear();
            m_primary->setEnabled(false);  // until the review comes back
            emit reviewRequested(*commission);
        }
    });
    connect(m_back, &QPushButton::clicked, this, [this] { setStep(Step::Enter); });
    connect(m_commission, &QLineEdit::textChanged, this, &ApproveRefundDialog::updateState);
    connect(m_reason, &QLineEdit::textChanged, this, &ApproveRefundDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_confirmation);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    setStep(Step::Enter);
}

void ApproveRefundDialog::setCommissionText(const QString &commission)
{
    m_commission->setText(commission);
}

void ApproveRefundDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

std::optional<qint64> ApproveRefundDialog::commissionMinor() const
{
    const auto commission = moneyFieldValue(m_commission, m_currency);
    return commission && *commission >= 0 && *commission < m_amountMinor ? commission : std::nullopt;
}

QString ApproveRefundDialog::reason() const
{
    return m_reason->text().trimmed();
}

void ApproveRefundDialog::showConfirmation(const QStringList &lines, qint64 payoutMinor)
{
    m_payoutMinor = payoutMinor;
    m_confirmation->setText(lines.join(u'\n'));
    setStep(Step::Confirm);
}

void ApproveRefundDialog::showError(const QString &message)
{
    m_error->setText(message);
    setStep(Step::Enter);
}

QString ApproveRefundDialog::confirmationText() const
{
    return m_confirmation->text();
}

void ApproveRefundDialog::setStep(Step step)
{
    m_step = step;
    const bool confirm = step == Step::Confirm;
    m_commission->setEnabled(!confirm);
    m_reason->setEnabled(!confirm);
    m_confirmation->setVisible(confirm);
    m_back->setVisible(confirm);
    if (!confirm)
        m_confirmation->clear();
    updateState();
}

void ApproveRefundDialog::updateState()
{
    if (m_step == Step::Confirm) {
        //: the button that approves and sends the money back, after the operator has seen where it goes
        m_primary->setText(tr("Approve and refund %1").arg(amountText(m_payoutMinor, m_currency)));
        m_primary->setEnabled(true);
        return;
    }
    const auto typed = moneyFieldValue(m_commission, m_currency);
    if (typed && (*typed < 0 || *typed >= m_amountMinor))
        m_error->setText(tr("The commission must be less than the amount applied for (%1).")
                             .arg(amountText(m_amountMinor, m_currency)));
    else
        m_error->clear();
    m_primary->setText(tr("Review…"));
    m_primary->setEnabled(commissionMinor().has_value() && !reason().isEmpty());
}

}  // namespace cd::ui
