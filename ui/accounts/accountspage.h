#pragma once
// Accounts: members, departments, coupons and tariffs, one tab each (MembersTab, DepartmentsTab,
// CouponsTab, TariffsTab). Database work runs on the screen's worker through core/accounts and
// core/billing; amounts are shown and entered in the installation's currency (Settings › Payments).

#include "ui/accounts/accountscontext.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <memory>

class QTabWidget;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class CouponsTab;
class DepartmentsTab;
class MembersTab;
class PageHeader;
class TariffsTab;

class AccountsPage : public QWidget {
    Q_OBJECT
public:
    enum Tab { Members, Departments, Coupons, Tariffs };

    explicit AccountsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~AccountsPage() override;

    MembersTab *membersTab() const { return m_members; }
    DepartmentsTab *departmentsTab() const { return m_departments; }
    CouponsTab *couponsTab() const { return m_coupons; }
    TariffsTab *tariffsTab() const { return m_tariffs; }
    void setCurrentTab(Tab tab);
    Tab currentTab() const;
    QString currency() const { return m_context.currency; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    std::unique_ptr<storage::QueryRunner> m_runner;
    AccountsContext m_context;
    PageHeader *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    MembersTab *m_members = nullptr;
    DepartmentsTab *m_departments = nullptr;
    CouponsTab *m_coupons = nullptr;
    TariffsTab *m_tariffs = nullptr;
};

}  // namespace cd::ui
