#pragma once
// Accounts › Departments › New department…: name, parent department, whether its sessions are paid
// from the parent's pool, and the auto-stop threshold. Opened with open(); the page creates the
// department when it is accepted.

#include "core/accounts/accountservice.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cd::ui {

class DepartmentDialog : public QDialog {
    Q_OBJECT
public:
    DepartmentDialog(const QList<accounts::Department> &departments, std::optional<qint64> parentId,
                     const QString &currency, QWidget *parent = nullptr);

    void setName(const QString &name);
    void setParentDepartment(std::optional<qint64> parentId);
    void setBillToParent(bool on);
    std::optional<accounts::NewDepartment> department() const;
    QStringList problems() const;

private:
    void updateState();

    QString m_currency;
    QLineEdit *m_name = nullptr;
    QComboBox *m_parent = nullptr;
    QCheckBox *m_billToParent = nullptr;
    QLineEdit *m_threshold = nullptr;
    QLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
