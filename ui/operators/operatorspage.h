#pragma once
// Operators: operator accounts, roles with their permissions, and the logins open now, one tab
// each (OperatorsTab, RolesTab, LoginSessionsTab). Reads and changes go through
// core/access/AccessService on the screen's worker, as services.actor; without the "manage
// operators" permission the lists are shown read-only with a note saying so.

#include "core/access/accessservice.h"
#include "ui/shell/consoleservices.h"
#include "ui/operators/operatorscontext.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTabWidget;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class LoginSessionsTab;
class OperatorsTab;
class PageHeader;
class RolesTab;

class OperatorsPage : public QWidget {
    Q_OBJECT
public:
    enum Tab { Operators, Roles, Logins };

    // `options`: how new passwords are hashed (tests pass a faster strength).
    explicit OperatorsPage(const ConsoleServices &services, QWidget *parent = nullptr,
                           const access::AccessOptions &options = {});
    ~OperatorsPage() override;

    OperatorsTab *operatorsTab() const { return m_operators; }
    RolesTab *rolesTab() const { return m_roles; }
    LoginSessionsTab *loginsTab() const { return m_logins; }
    void setCurrentTab(Tab tab);
    Tab currentTab() const;
    bool isReadOnly() const { return !m_context.canManage(); }
    QString noteText() const;
    // Reloads every tab.
    void refresh();

Q_SIGNALS:
    // OperatorsTab::firstAdministratorCreated.
    void firstAdministratorCreated();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();

    std::unique_ptr<storage::QueryRunner> m_runner;
    OperatorsContext m_context;
    PageHeader *m_header = nullptr;
    QLabel *m_note = nullptr;
    QTabWidget *m_tabs = nullptr;
    OperatorsTab *m_operators = nullptr;
    RolesTab *m_roles = nullptr;
    LoginSessionsTab *m_logins = nullptr;
    QTimer *m_timer = nullptr;
};

}  // namespace cd::ui
