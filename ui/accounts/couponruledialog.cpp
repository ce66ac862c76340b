#include "ui/accounts/couponruledialog.h"

#include "core/accounts/couponservice.h"
#include "ui/accounts/moneyfield.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using accounts::CouponRule;
using accounts::CouponTrigger;

CouponRuleDialog::CouponRuleDialog(const QList<accounts::Department> &departments, const billing::PlaceChoices &places,
                                   const QString &currency, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(u"couponRuleDialog"_s);
    setWindowTitle(tr("New coupon rule"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"ruleName"_s);
    m_name->setMaxLength(200);
    m_trigger = new QComboBox(this);
    m_trigger->setObjectName(u"ruleTrigger"_s);
    m_trigger->addItem(tr("On a top-up of at least…"), int(CouponTrigger::TopUp));
    m_trigger->addItem(tr("To every new member"), int(CouponTrigger::NewMember));
    //: a coupon rule's trigger: once per member, when the member's spend in the rule's period reaches an amount
    m_trigger->addItem(tr("Once a member's spend in the period reaches…"), int(CouponTrigger::Spend));
    m_minTopUp = new QLineEdit(this);
    m_minTopUp->setObjectName(u"ruleMinTopUp"_s);
    m_minTotalSpend = new QLineEdit(this);
    m_minTotalSpend->setObjectName(u"ruleMinTotalSpend"_s);
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(u"ruleAmount"_s);
    m_minSpend = new QLineEdit(u"0"_s, this);
    m_minSpend->setObjectName(u"ruleMinSpend"_s);
    m_department = new QComboBox(this);
    m_department->setObjectName(u"ruleDepartment"_s);
    m_department->addItem(tr("Any"), QVariant());
    for (const accounts::Department &d : departments)
        m_department->addItem(d.name, d.id);
    m_station = new QComboBox(this);
    m_station->setObjectName(u"ruleStation"_s);
    m_station->addItem(tr("Any"), QVariant());
    for (const billing::ScopeTarget &t : places.stations)
        m_station->addItem(t.name, t.id);
    m_subOperator = new QComboBox(this);
    m_subOperator->setObjectName(u"ruleSubOperator"_s);
    m_subOperator->addItem(tr("Any"), QVariant());
    for (const billing::ScopeTarget &t : places.subOperators)
        m_subOperator->addItem(t.name, t.id);
    m_byDays = new QRadioButton(tr("Days from issue:"), this);
    m_byDays->setObjectName(u"ruleByDays"_s);
    m_byDays->setChecked(true);
    m_days = new QSpinBox(this);
    m_days->setObjectName(u"ruleDays"_s);
    m_days->setRange(1, 3650);
    m_days->setValue(30);
    m_byRange = new QRadioButton(tr("From – to:"), this);
    m_byRange->setObjectName(u"ruleByRange"_s);
    m_from = new QDateEdit(QDate::currentDate(), this);
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(QDate::currentDate().addMonths(1), this);
    m_to->setCalendarPopup(true);
    auto *days = new QHBoxLayout;
    days->addWidget(m_byDays);
    days->addWidget(m_days);
    days->addStretch(1);
    auto *range = new QHBoxLayout;
    range->addWidget(m_byRange);
    range->addWidget(m_from);
    range->addWidget(m_to);
    range->addStretch(1);
    m_problems = new QLabel(this);
    m_problems->setObjectName(u"ruleProblems"_s);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"color: #b42318;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Issued:"), m_trigger);
    form->addRow(tr("Top-up from (%1):").arg(currency), m_minTopUp);
    form->addRow(tr("Spend in the period from (%1):").arg(currency), m_minTotalSpend);
    form->addRow(tr("Coupon worth (%1):").arg(currency), m_amount);
    form->addRow(tr("Minimum spend (%1):").arg(currency), m_minSpend);
    form->addRow(tr("Only for department:"), m_department);
    form->addRow(tr("Only at station:"), m_station);
    form->addRow(tr("Only for sub-operator:"), m_subOperator);
    form->addRow(tr("Valid:"), days);
    form->addRow(QString(), range);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create rule"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *field : {m_name, m_minTopUp, m_minTotalSpend, m_amount, m_minSpend})
        connect(field, &QLineEdit::textChanged, this, &CouponRuleDialog::updateState);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, &CouponRuleDialog::updateState);
    connect(m_byDays, &QRadioButton::toggled, this, &CouponRuleDialog::updateState);
    connect(m_days, &QSpinBox::valueChanged, this, &CouponRuleDialog::updateState);
    connect(m_from, &QDateEdit::dateChanged, this, &CouponRuleDialog::updateState);
    connect(m_to, &QDateEdit::dateChanged, this, &CouponRuleDialog::updateState);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);
    updateState();
}

void CouponRuleDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void CouponRuleDialog::setTrigger(CouponTrigger trigger)
{
    m_trigger->setCurrentIndex(qMax(0, m_trigger->findData(int(trigger))));
}

void CouponRuleDialog::setMinTopUpText(const QString &amount)
{
    m_minTopUp->setText(amount);
}

void CouponRuleDialog::setAmountText(const QString &amount)
{
    m_amount->setText(amount);
}

void CouponRuleDialog::setMinSpendText(const QString &amount)
{
    m_minSpend->setText(amount);
}

void CouponRuleDialog::setValidDays(int days)
{
    m_byDays->setChecked(true);
    m_days->setValue(days);
}

std::optional<CouponRule> CouponRuleDialog::rule() const
{
    CouponRule r;
    r.name = m_name->text().trimmed();
    r.trigger = CouponTrigger(m_trigger->currentData().toInt());
    const auto amount = moneyFieldValue(m_amount, m_currency);
    const auto minSpend = moneyFieldValue(m_minSpend, m_currency);
    if (!amount || !minSpend)
        return std::nullopt;
    r.amountMinor = *amount;
    r.minSpendMinor = *minSpend;
    if (r.trigger == CouponTrigger::TopUp) {
        const auto minTopUp = moneyFieldValue(m_minTopUp, m_currency);
        if (!minTopUp)
            return std::nullopt;
        r.minTopUpMinor = *minTopUp;
    }
    if (r.trigger == CouponTrigger::Spend) {
        const auto minTotal = moneyFieldValue(m_minTotalSpend, m_currency);
        if (!minTotal)
            return std::nullopt;
        r.minTotalSpendMinor = *minTotal;
    }
    if (const QVariant d = m_department->currentData(); d.isValid())
        r.departmentId = d.toLongLong();
    if (const QVariant st = m_station->currentData(); st.isValid())
        r.stationId = st.toLongLong();
    if (const QVariant so = m_subOperator->currentData(); so.isValid())
        r.subOperatorId = so.toLongLong();
    if (m_byDays->isChecked()) {
        r.validDays = m_days->value();
    } else {
        // Whole local days: from the start of the first to the end of the last.
        r.validFromMs = QDateTime(m_from->date(), QTime(0, 0)).toMSecsSinceEpoch();
        r.validToMs = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
    }
    return r;
}

void CouponRuleDialog::setStation(std::optional<qint64> stationId)
{
    m_station->setCurrentIndex(stationId ? qMax(0, m_station->findData(*stationId)) : 0);
}

void CouponRuleDialog::setSubOperator(std::optional<qint64> subOperatorId)
{
    m_subOperator->setCurrentIndex(subOperatorId ? qMax(0, m_subOperator->findData(*subOperatorId)) : 0);
}

QStringList CouponRuleDialog::problems() const
{
    const auto r = rule();
    if (!r)
        return {tr("Enter the amounts as numbers such as 10.00.")};
    return accounts::CouponService::validate(*r);
}

void CouponRuleDialog::updateState()
{
    const bool topUp = CouponTrigger(m_trigger->currentData().toInt()) == CouponTrigger::TopUp;
    m_minTopUp->setEnabled(topUp);
    // A spend rule counts the spend in its date range (and its coupon is valid in that range).
    const bool spend = CouponTrigger(m_trigger->currentData().toInt()) == CouponTrigger::Spend;
    m_minTotalSpend->setEnabled(spend);
    if (spend && m_byDays->isChecked())
        m_byRange->setChecked(true);
    m_byDays->setEnabled(!spend);
    m_days->setEnabled(m_byDays->isChecked());
    m_from->setEnabled(!m_byDays->isChecked());
    m_to->setEnabled(!m_byDays->isChecked());
    const QStringList found = problems();
    const bool untouched = m_name->text().isEmpty() && m_amount->text().isEmpty();
    m_problems->setText(untouched ? QString() : found.join(u'\n'));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.isEmpty());
}

}  // namespace cd::ui
