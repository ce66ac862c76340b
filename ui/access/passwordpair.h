#pragma once
// A new password typed twice, for forms that set one: two rows in the caller's QFormLayout and
// the sentence that says what is wrong with them (too short, the two differ), or nothing.

#include <QObject>
#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace cd::ui {

class PasswordPair : public QObject {
    Q_OBJECT
public:
    enum class Labels { Password, NewPassword };

    // Adds "Password" (or "New password") and "Repeat password" rows to `form`; `parent` owns the
    // line edits.
    PasswordPair(QFormLayout *form, QWidget *parent, Labels labels = Labels::Password);

    // Empty when both fields hold the same password of the minimum length.
    QString problem() const;
    bool isAcceptable() const { return problem().isEmpty(); }
    QByteArray password() const;
    void clear();
    void setReadOnly(bool readOnly);
    void retranslateUi();

Q_SIGNALS:
    void changed();

private:
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLabel *m_repeatLabel = nullptr;
    Labels m_labels;
};

}  // namespace cd::ui
