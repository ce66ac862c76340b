#pragma once
// The console's login: login and password, checked by AccessService on a worker thread (the
// Argon2id check takes about a second), with the service's sentence shown when it refuses
// (wrong login or password, disabled, too many logins at once). Accepted once a login session
// is open; rejected when the operator chose Quit.

#include "core/access/accessservice.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog; `client` names this console in the list of open logins
    // ("console@host").
    LoginDialog(storage::QueryRunner &runner, QString client, QWidget *parent = nullptr);

    // Shown above the fields: why the login is asked again (a session that ended).
    void setNotice(const QString &notice);
    // The login to offer (the one who just logged out).
    void setLogin(const QString &login);
    // After accept(): the open login session.
    const std::optional<access::LoginSession> &session() const { return m_session; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void finish(Expected<access::LoginSession> result);
    void setBusy(bool busy);
    void updateButtons();
    void retranslateUi();

    storage::QueryRunner &m_runner;
    QString m_client;
    std::optional<access::LoginSession> m_session;
    bool m_busy = false;

    QLabel *m_heading = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_loginLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
