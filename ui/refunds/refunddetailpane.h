#pragma once
// The selected refund application in full: where the member's money is now (balance, refundable,
// pending refund: zpd_case#14, the money under refund is shown, not just a balance of 0), the
// application itself, its audit history (who, when, decision, from → to, reason), its records at
// the payment gateway or the desk, and the coupons the refunded top-ups earned.

#include "core/refunds/refundtypes.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTableView;

namespace cd::ui {

class TextTableModel;

class RefundDetailPane : public QWidget {
    Q_OBJECT
public:
    explicit RefundDetailPane(QWidget *parent = nullptr);

    void setCurrency(const QString &currency) { m_currency = currency; }
    void showDetail(const refunds::RefundDetail &detail);
    void clear();

    TextTableModel *historyModel() const { return m_history; }
    TextTableModel *recordsModel() const { return m_records; }
    TextTableModel *couponsModel() const { return m_coupons; }
    QString moneyText() const;
    QTableView *recordsView() const { return m_recordsView; }

    void retranslateUi();

private:
    void showRows();
    void updateTabTitles();

    QString m_currency;
    std::optional<refunds::RefundDetail> m_detail;
    QLabel *m_title = nullptr;
    QLabel *m_money = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    TextTableModel *m_history = nullptr;
    TextTableModel *m_records = nullptr;
    TextTableModel *m_coupons = nullptr;
    QTableView *m_historyView = nullptr;
    QTableView *m_recordsView = nullptr;
    QTableView *m_couponsView = nullptr;
};

}  // namespace cd::ui
