#pragma once
// The frame of every change on the Operators screen: a sentence saying what will happen, the
// fields of the change (added by a subclass), an optional reason for the audit log, and the
// buttons. The dialog stays open while the change runs (a password hash takes a second: a busy
// bar shows it) and closes when it succeeded; a refusal is shown inside it, fields kept.
// Opened with open(), never exec(): submitted() starts the change, finish() reports back.

#include "core/common/expected.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace cd::ui {

class ActionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ActionDialog(QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);
    QString message() const;
    // What will happen, above the fields.
    void setMessage(const QString &text);
    QString errorText() const;
    bool isBusy() const { return m_busy; }
    virtual bool canSubmit() const { return true; }

    // Clicks OK when it is enabled (what a test does); whether it did.
    bool submit();
    // The change's answer: closes the dialog when it worked, shows the refusal when not.
    void finish(const Status &status);

    // Not while the change runs: its answer is still to come.
    void reject() override;

signals:
    void submitted();

protected:
    void setSubmitText(const QString &text);
    // Adds a field above the reason.
    void addField(const QString &label, QWidget *field);
    QFormLayout *form() const { return m_form; }
    int reasonRow() const;
    // Subclasses call it when their fields change.
    void updateButtons();
    // Enables or disables the subclass's own fields while the change runs.
    virtual void setFieldsEnabled(bool enabled) { Q_UNUSED(enabled) }

private:
    void setBusy(bool busy);

    QLabel *m_message = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};

}  // namespace cd::ui
