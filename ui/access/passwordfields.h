#pragma once
// A new password typed twice, for every form that sets one (the first administrator, Change my
// password…, Add operator…, Reset password…): two hidden fields and a line under them that says,
// as the operator types, what is still wrong (too short, not the same).

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
    enum class Labels { Password, NewPassword };

    // The fields are children of `parent`, named `<prefix>Password`, `<prefix>Repeat` and
    // `<prefix>PasswordHint`; insertRows() puts them into a form.
    PasswordFields(const QString &objectNamePrefix, QWidget *parent, Labels labels = Labels::Password);

    // The two fields and the hint as rows `row`, `row` + 1 and `row` + 2 of `form` (-1: at the end).
    void insertRows(QFormLayout *form, int row = -1);
    QLineEdit *password() const { return m_password; }
    QLineEdit *repeat() const { return m_repeat; }
    QLabel *hint() const { return m_hint; }
    // Long enough and typed the same twice.
    bool isValid() const;
    QByteArray value() const;
    void setEnabled(bool enabled);
    void clear();
    void retranslateUi();

signals:
    void changed();

private:
    void updateHint();

    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLabel *m_repeatLabel = nullptr;
    Labels m_labels;
};

}  // namespace cd::ui
