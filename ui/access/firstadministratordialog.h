#pragma once
// The first start on a database without operator accounts: create the administrator (who then
// adds operators and gives them roles) and log in as them, or go on without accounts, where
// whoever opens the console may do everything (a single-user install, the demo).

#include "core/access/accessservice.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class PasswordFields;

class FirstAdministratorDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog; `client` names this console in the list of open logins.
    FirstAdministratorDialog(storage::QueryRunner &runner, QString client, QWidget *parent = nullptr);

    // After accept(): the administrator's login session, or nothing when the operator chose to
    // continue without accounts.
    const std::optional<access::LoginSession> &session() const { return m_session; }
    // "Do not ask again on this computer", for continuing without accounts.
    bool dontAskAgain() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void create();
    void finish(Expected<access::LoginSession> result);
    void continueWithoutAccounts();
    void updateButtons();
    void retranslateUi();

    storage::QueryRunner &m_runner;
    QString m_client;
    std::optional<access::LoginSession> m_session;
    bool m_busy = false;

    QLabel *m_heading = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_loginLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_displayName = nullptr;
    PasswordFields *m_password = nullptr;
    QLabel *m_problem = nullptr;
    QCheckBox *m_dontAskAgain = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_withoutAccounts = nullptr;
};

}  // namespace cd::ui
