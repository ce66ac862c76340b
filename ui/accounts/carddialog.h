#pragma once
// Add card…: the id tag printed on (or read from) an RFID card, for a member, or for a department
// with how many vehicles it may charge at once. Opened with open(); the page adds the card when it
// is accepted.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace cd::ui {

class CardDialog : public QDialog {
    Q_OBJECT
public:
    enum class Owner { Member, Department };

    CardDialog(Owner owner, const QString &ownerName, QWidget *parent = nullptr);

    Owner owner() const { return m_owner; }
    void setIdTag(const QString &idTag);
    QString idTag() const;
    void setMaxSessions(int sessions);
    int maxSessions() const;  // 1 for a member's card
    bool canAccept() const;

private:
    void updateState();

    Owner m_owner;
    QLineEdit *m_idTag = nullptr;
    QSpinBox *m_sessions = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
