#pragma once
// Top up… a member's or a department's balance with cash at the desk (gateway "manual"), in two
// steps so that money never moves by accident: the operator enters the amount and the receipt
// number and presses Review…; the page asks the core what the top-up would do (balance and
// refundable amount before and after, the coupon it earns) and shows it here; only the button of
// that confirmation ("Top up 600.00 UAH") accepts the dialog. Back returns to the amount.
// Opened with open(); the page tops up when it is accepted.

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::ui {

class TopUpDialog : public QDialog {
    Q_OBJECT
public:
    enum class Step { Enter, Confirm };

    TopUpDialog(const QString &account, const QString &currency, QWidget *parent = nullptr);

    void setAmountText(const QString &amount);
    void setReceipt(const QString &receipt);
    std::optional<qint64> amountMinor() const;  // nullopt unless an amount above zero
    QString receipt() const;
    QString currency() const { return m_currency; }
    Step step() const { return m_step; }

    // Enter: asks for the review (reviewRequested); Confirm: accepts.
    QPushButton *primaryButton() const;
    // The page's answer to reviewRequested: what the top-up would do, one line each.
    void showConfirmation(const QStringList &lines);
    void showError(const QString &message);
    QString confirmationText() const;

signals:
    void reviewRequested(qint64 amountMinor);

private:
    void setStep(Step step);
    void updateState();

    QString m_currency;
    Step m_step = Step::Enter;
    QLabel *m_account = nullptr;
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_receipt = nullptr;
    QLabel *m_confirmation = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_back = nullptr;
};

}  // namespace cd::ui
