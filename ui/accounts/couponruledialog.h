#pragma once
// Accounts › Coupons › New rule…: which coupon is issued when — on a top-up of at least a set
// amount, to every new member, or once a member's spend in the period reaches an amount — worth how
// much, from what minimum spend, limited to a department, a station or a sub-operator, valid for a number of days from issue or within a date range. What is wrong shows as the
// operator types (CouponService::validate). Opened with open(); the page saves when accepted.

#include "core/accounts/accounttypes.h"
#include "core/billing/placechoices.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace cd::ui {

class CouponRuleDialog : public QDialog {
    Q_OBJECT
public:
    // `places`: the stations and sub-operators a rule can be limited to.
    CouponRuleDialog(const QList<accounts::Department> &departments, const billing::PlaceChoices &places,
                     const QString &currency, QWidget *parent = nullptr);

    void setName(const QString &name);
    void setTrigger(accounts::CouponTrigger trigger);
    void setMinTopUpText(const QString &amount);
    void setAmountText(const QString &amount);
    void setMinSpendText(const QString &amount);
    void setValidDays(int days);
    void setStation(std::optional<qint64> stationId);
    void setSubOperator(std::optional<qint64> subOperatorId);
    std::optional<accounts::CouponRule> rule() const;
    QStringList problems() const;

private:
    void updateState();

    QString m_currency;
    QLineEdit *m_name = nullptr;
    QComboBox *m_trigger = nullptr;
    QLineEdit *m_minTopUp = nullptr;
    QLineEdit *m_minTotalSpend = nullptr;  // trigger spend: the spend in the date range that earns it
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_minSpend = nullptr;
    QComboBox *m_department = nullptr;
    QComboBox *m_station = nullptr;
    QComboBox *m_subOperator = nullptr;
    QRadioButton *m_byDays = nullptr;
    QSpinBox *m_days = nullptr;
    QRadioButton *m_byRange = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
