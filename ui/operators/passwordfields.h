#pragma once
// A new password typed twice, for Add operator… and Reset password…: two hidden fields and a line
// under them that says, as the operator types, what is still wrong (too short, not the same).

#include <QByteArray>
#include <QObject>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace cd::ui {

class PasswordFields : public QObject {
    Q_OBJECT
public:
    // The fields are children of `parent`; insertRows() puts them into a form.
    explicit PasswordFields(const QString &objectNamePrefix, QWidget *parent);

    // The two fields and the hint as rows `row`, `row` + 1 and `row` + 2 of `form`.
    void insertRows(QFormLayout *form, int row);
    QLineEdit *password() const { return m_password; }
    QLineEdit *repeat() const { return m_repeat; }
    QLabel *hint() const { return m_hint; }
    // Long enough and typed the same twice.
    bool isValid() const;
    QByteArray value() const;
    void setEnabled(bool enabled);

signals:
    void changed();

private:
    void updateHint();

    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLabel *m_repeatLabel = nullptr;
};

}  // namespace cd::ui
