#pragma once
// Operators › Roles: the roles on the left (built-in ones marked), the selected role's permissions
// on the right as check boxes, screens and actions apart. Apply grants what was ticked and revokes
// what was cleared; New role… (optionally a copy of the selected role), Delete role (custom roles
// no operator has). The administrator role shows everything ticked and cannot be changed.

#include "core/access/rolerepository.h"
#include "ui/operators/operatorscontext.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace cd::ui {

class ChangeDialog;
class PermissionListModel;
class RoleListModel;

class RolesTab : public QWidget {
    Q_OBJECT
public:
    explicit RolesTab(const OperatorsContext &context, QWidget *parent = nullptr);

    RoleListModel *model() const { return m_roles; }
    PermissionListModel *screens() const { return m_screens; }
    PermissionListModel *actions() const { return m_actions; }
    void refresh();
    bool selectRole(const QString &name);
    const access::RoleRow *selectedRole() const;
    // The ticked permissions differ from the selected role's.
    bool hasChanges() const;

    ChangeDialog *openNewRole();
    ChangeDialog *openDeleteRole();  // nullptr unless a custom role is selected
    // Asks to grant and revoke the difference (nullptr when there is none); applied() follows.
    ChangeDialog *openApply();
    // Back to the selected role's permissions.
    void revert();

    void retranslateUi();

signals:
    void loaded(int roleCount);
    void applied();

private:
    void showRole();
    void updateButtons();
    QStringList checkedKeys() const;

    const OperatorsContext &m_context;
    QString m_pendingSelection;  // a role to select when the list is loaded next
    RoleListModel *m_roles = nullptr;
    QListView *m_roleList = nullptr;
    QPushButton *m_newRole = nullptr;
    QPushButton *m_deleteRole = nullptr;
    QLabel *m_roleTitle = nullptr;
    QLabel *m_roleNote = nullptr;
    QLabel *m_screensTitle = nullptr;
    QLabel *m_actionsTitle = nullptr;
    PermissionListModel *m_screens = nullptr;
    PermissionListModel *m_actions = nullptr;
    QListView *m_screenList = nullptr;
    QListView *m_actionList = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace cd::ui
