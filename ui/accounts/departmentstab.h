#pragma once
// Accounts › Departments: the department tree with pooled balances and who pays (a department may
// bill its sessions to its parent, zpd_case#18), and the selected department's cards (one card
// starts several vehicles at once) and top-ups. New department…, Top up… (confirmed before money
// moves), Add department card… and Billing… (bill to parent, auto-stop threshold), on the screen's
// worker through core/accounts.

#include "core/accounts/accountservice.h"
#include "ui/accounts/accountscontext.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace cd::ui {

class CardDialog;
class DepartmentDialog;
class DepartmentTreeModel;
class TextTableModel;
class ThresholdDialog;
class TopUpDialog;

class DepartmentsTab : public QWidget {
    Q_OBJECT
public:
    explicit DepartmentsTab(const AccountsContext &context, QWidget *parent = nullptr);
    ~DepartmentsTab() override;

    DepartmentTreeModel *model() const { return m_model; }
    TextTableModel *cardsModel() const { return m_cards; }
    TextTableModel *topUpsModel() const { return m_topUps; }
    QString detailText() const;
    QString statusText() const;

    void refresh();
    bool selectDepartment(qint64 departmentId);
    qint64 selectedDepartment() const;  // 0: none

    DepartmentDialog *openNewDepartment();
    TopUpDialog *openTopUp();
    CardDialog *openAddCard();
    ThresholdDialog *openBilling();

    void retranslateUi();

signals:
    void loaded(int departmentCount);
    void detailLoaded(qint64 departmentId);
    void actionFinished(bool ok, const QString &message);

private:
    void loadDetail();
    void showDetail();
    void updateButtons();
    template <typename T>
    void change(std::function<Expected<T>(accounts::AccountService &)> action,
                std::function<std::pair<QString, qint64>(const T &)> message);

    AccountsContext m_context;
    std::optional<accounts::DepartmentDetail> m_detail;
    qint64 m_selectAfterLoad = 0;

    DepartmentTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_topUp = nullptr;
    QPushButton *m_addCard = nullptr;
    QPushButton *m_billing = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailText = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    TextTableModel *m_cards = nullptr;
    TextTableModel *m_topUps = nullptr;
};

}  // namespace cd::ui
