#pragma once
// Acknowledge, assign or resolve one alert: who to assign it to (Assign), and a note — required
// to resolve (what was done), optional otherwise. Opened with open(), never exec(): the page acts
// when it is accepted.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace cd::ui {

class AlertActionDialog : public QDialog {
    Q_OBJECT
public:
    enum class Action { Acknowledge, Assign, Resolve };

    AlertActionDialog(Action action, const QString &alertSummary, const QString &currentAssignee,
                      QWidget *parent = nullptr);

    Action action() const { return m_action; }
    QString assignee() const;
    QString note() const;
    void setAssignee(const QString &name);
    void setNote(const QString &note);
    bool canAccept() const;

private:
    void updateButtons();

    Action m_action;
    QLabel *m_summary = nullptr;
    QLineEdit *m_assignee = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
