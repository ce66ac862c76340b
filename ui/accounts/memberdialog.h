#pragma once
// Accounts › Members › New member… and Edit…: name, phone, e-mail, department and auto-stop
// threshold, with what is wrong shown as the operator types (AccountService::validate). Opened
// with open(); the page creates or updates the member when it is accepted.

#include "core/accounts/accountservice.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cd::ui {

class MemberDialog : public QDialog {
    Q_OBJECT
public:
    MemberDialog(const QList<accounts::Department> &departments, const QString &currency, QWidget *parent = nullptr);

    // Fills the fields from an existing member and turns the dialog into "Edit member".
    void editMember(const accounts::Member &member);
    void setName(const QString &name);
    void setPhone(const QString &phone);
    void setEmail(const QString &email);
    void setThresholdText(const QString &amount);
    void setDepartment(std::optional<qint64> departmentId);
    // The member as entered; nullopt while the threshold is not an amount.
    std::optional<accounts::NewMember> member() const;
    QStringList problems() const;
    bool canAccept() const { return problems().isEmpty(); }

private:
    void updateState();

    QString m_currency;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_department = nullptr;
    QLineEdit *m_threshold = nullptr;
    QLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
