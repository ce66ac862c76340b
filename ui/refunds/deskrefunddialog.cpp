#include "ui/refunds/deskrefunddialog.h"

#include "ui/widgets/moneytext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

DeskRefundDialog::DeskRefundDialog(const refunds::RefundGatewayRecord &record, const QString &memberName,
                                   const QString &currency, QWidget *parent)
    : QDialog(parent), m_recordId(record.id)
{
    setObjectName(u"deskRefundDialog"_s);
    setWindowTitle(tr("Confirm desk refund"));
    const QString amount = amountText(record.amountMinor, currency);
    auto *what = new QLabel(
        tr("Refund %1: %2 in cash to %3 for top-up %4.")
            .arg(record.ourRefundNo, amount, memberName, record.topUpId ? QString::number(*record.topUpId) : QString()),
        this);
    what->setTextFormat(Qt::PlainText);
    what->setWordWrap(true);
    m_paid = new QRadioButton(tr("Paid: the member got %1 in cash").arg(amount), this);
    m_paid->setObjectName(u"deskRefundPaid"_s);
    m_paid->setChecked(true);
    m_notPaid = new QRadioButton(tr("Not paid: %1 goes back to the member's balance").arg(amount), this);
    m_notPaid->setObjectName(u"deskRefundNotPaid"_s);
    m_receipt = new QLineEdit(this);
    m_receipt->setObjectName(u"deskRefundReceipt"_s);
    m_receipt->setMaxLength(200);
    m_receipt->setPlaceholderText(tr("Optional: the desk's number is used"));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"deskRefundReason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("Why: kept in the refund's history"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Confirm"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);  // until there is a reason
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_reason, &QLineEdit::textChanged, this, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(m_notPaid, &QRadioButton::toggled, this, [this](bool on) { m_receipt->setEnabled(!on); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Receipt number:"), m_receipt);
    form->addRow(tr("Reason:"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(m_paid);
    layout->addWidget(m_notPaid);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

bool DeskRefundDialog::paid() const
{
    return m_paid->isChecked();
}

QString DeskRefundDialog::receipt() const
{
    return paid() ? m_receipt->text().trimmed() : QString();
}

QString DeskRefundDialog::reason() const
{
    return m_reason->text().trimmed();
}

}  // namespace cd::ui
