#pragma once
// File › Change my password…: the operator's current password, then the new one twice; checked
// and stored by AccessService::changeOwnPassword on a worker thread (audited).

#include "core/access/actor.h"

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cd::storage {
class Database;
class QueryRunner;
}  // namespace cd::storage

namespace cd::ui {

class PasswordFields;

class ChangePasswordDialog : public QDialog {
    Q_OBJECT
public:
    ChangePasswordDialog(std::shared_ptr<storage::Database> db, access::Actor self, QWidget *parent = nullptr);
    ~ChangePasswordDialog() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void updateButtons();
    void retranslateUi();

    access::Actor m_self;
    std::unique_ptr<storage::QueryRunner> m_runner;
    bool m_busy = false;

    QLabel *m_currentLabel = nullptr;
    QLineEdit *m_current = nullptr;
    PasswordFields *m_password = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
