#pragma once
// Operators › Operators: the operator accounts, and Add operator…, Change role…, Logins at once…,
// Disable / Enable, Unlock (a login locked by wrong passwords) and Reset password… on the selected one, each through ActionDialog (what it
// does, an optional reason) and AccessService on the screen's worker.

#include "core/access/rolerepository.h"
#include "ui/operators/changedialog.h"
#include "ui/operators/operatorscontext.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cd::ui {

class OperatorDialog;
class OperatorTableModel;

class OperatorsTab : public QWidget {
    Q_OBJECT
public:
    explicit OperatorsTab(const OperatorsContext &context, QWidget *parent = nullptr);

    OperatorTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;
    void refresh();
    bool selectOperator(const QString &login);
    QString selectedLogin() const;  // empty: none

    // The dialogs (nullptr before the list is loaded, or without a selected operator where one is
    // needed). They act when submitted and close when the change worked.
    OperatorDialog *openAddOperator();
    // Kind::Role, MaxLogins, Password, Unlock, or Disable / Enable (whichever the selected account needs).
    ChangeDialog *openChange(ChangeDialog::Kind kind);

    void retranslateUi();

signals:
    void loaded(int operatorCount);
    // An account changed (the other tabs reload: open logins, operators per role).
    void changed();
    // The database's first operator account (an administrator) was made: from now on the console
    // needs a login.
    void firstAdministratorCreated();

private:
    void updateButtons();

    const OperatorsContext &m_context;
    QList<access::RoleRow> m_roles;
    QString m_pendingSelection;  // a login to select when the list is loaded next
    bool m_loaded = false;        // the list came at least once (an empty one means: the first account)
    OperatorTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_role = nullptr;
    QPushButton *m_maxLogins = nullptr;
    QPushButton *m_disable = nullptr;
    QPushButton *m_password = nullptr;
    QPushButton *m_unlock = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace cd::ui
