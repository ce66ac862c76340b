#include "ui/accounts/thresholddialog.h"

#include "ui/accounts/moneyfield.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

ThresholdDialog::ThresholdDialog(const QString &account, const QString &currency, qint64 currentMinor,
                                 std::optional<bool> billToParent, bool hasParent, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(u"thresholdDialog"_s);
    setWindowTitle(billToParent ? tr("Department billing") : tr("Auto-stop threshold"));
    auto *who = new QLabel(account, this);
    who->setTextFormat(Qt::PlainText);
    who->setWordWrap(true);
    auto *explain = new QLabel(tr("Charging stops when the balance left falls to this amount. Stations report energy "
                                  "late or not at all while offline, so a balance can still go below it."),
                               this);
    explain->setWordWrap(true);
    m_threshold = new QLineEdit(moneyFieldText(currentMinor, currency), this);
    m_threshold->setObjectName(u"thresholdAmount"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Auto-stop at (%1):").arg(currency), m_threshold);
    if (billToParent) {
        m_billToParent = new QCheckBox(tr("Bill sessions to the parent department's pooled balance"), this);
        m_billToParent->setObjectName(u"thresholdBillToParent"_s);
        m_billToParent->setChecked(*billToParent);
        m_billToParent->setEnabled(hasParent || *billToParent);
        form->addRow(QString(), m_billToParent);
    }
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_threshold, &QLineEdit::textChanged, this, &ThresholdDialog::updateState);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(who);
    layout->addWidget(explain);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    updateState();
}

void ThresholdDialog::setThresholdText(const QString &amount)
{
    m_threshold->setText(amount);
}

std::optional<qint64> ThresholdDialog::thresholdMinor() const
{
    return moneyFieldValue(m_threshold, m_currency);
}

void ThresholdDialog::setBillToParent(bool on)
{
    if (m_billToParent)
        m_billToParent->setChecked(on);
}

bool ThresholdDialog::billToParent() const
{
    return m_billToParent && m_billToParent->isChecked();
}

void ThresholdDialog::updateState()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(thresholdMinor().has_value());
}

}  // namespace cd::ui
