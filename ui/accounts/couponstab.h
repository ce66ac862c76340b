#pragma once
// Accounts › Coupons: the coupon rules (what a top-up of a set amount or a new member earns, with
// the coupon's limits and validity) and the coupons issued, newest first, with whom they went to,
// the top-up or bill that earned them and their status, a page at a time (Show older). New rule…,
// Switch off / Switch on, Revoke… (a coupon not used yet, with a reason), on the screen's worker
// through core/accounts.

#include "core/accounts/couponservice.h"
#include "core/billing/placechoices.h"
#include "ui/accounts/accountscontext.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace cd::ui {

class CouponRuleDialog;
class TextTableModel;

class CouponsTab : public QWidget {
    Q_OBJECT
public:
    explicit CouponsTab(const AccountsContext &context, QWidget *parent = nullptr);
    ~CouponsTab() override;

    TextTableModel *rulesModel() const { return m_rules; }
    TextTableModel *couponsModel() const { return m_coupons; }
    QString statusText() const;

    void refresh();
    // The next page of older coupons; false when every coupon is already shown.
    bool showOlderCoupons();
    bool hasOlderCoupons() const { return m_hasOlder; }
    bool selectRule(qint64 ruleId);
    bool selectCoupon(qint64 couponId);
    qint64 selectedRule() const;
    qint64 selectedCoupon() const;

    CouponRuleDialog *openNewRule();
    void toggleSelectedRule();
    // Asks for the reason; revokes when it is given. nullptr without a revocable coupon selected.
    QDialog *openRevoke();
    void revoke(qint64 couponId, const QString &reason);

    void retranslateUi();

signals:
    void loaded(int ruleCount, int couponCount);
    void actionFinished(bool ok, const QString &message);

private:
    void showRows();
    void updateButtons();
    template <typename T>
    void change(std::function<Expected<T>(accounts::CouponService &)> action, std::function<QString(const T &)> message);

    AccountsContext m_context;
    QList<accounts::CouponRule> m_ruleRows;
    QList<accounts::Coupon> m_couponRows;
    QList<accounts::Department> m_departments;
    billing::PlaceChoices m_places;  // station and sub-operator names for the limits
    bool m_hasOlder = false;

    QLabel *m_rulesTitle = nullptr;
    TextTableModel *m_rules = nullptr;
    QTableView *m_rulesView = nullptr;
    QPushButton *m_newRule = nullptr;
    QPushButton *m_toggleRule = nullptr;
    QLabel *m_couponsTitle = nullptr;
    TextTableModel *m_coupons = nullptr;
    QTableView *m_couponsView = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_older = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace cd::ui
