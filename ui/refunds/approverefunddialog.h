#pragma once
// Approve…: the audit's yes, with the commission the operator keeps and a reason (required: it is
// kept in the history), in two steps:
// Review… asks the page what the approval would do (reviewRequested: the page plans it over the
// member's top-ups on its worker) and shows it ("150.00 UAH goes back to the card of top-up 12
// (pi_…)", "50.00 UAH is paid back at the desk", "commission 20.00 UAH is kept", what goes back to
// the member); only that confirmation's button accepts.

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::ui {

class ApproveRefundDialog : public QDialog {
    Q_OBJECT
public:
    enum class Step { Enter, Confirm };

    ApproveRefundDialog(const QString &application, qint64 amountMinor, const QString &currency,
                        QWidget *parent = nullptr);

    void setCommissionText(const QString &commission);
    void setReason(const QString &reason);
    std::optional<qint64> commissionMinor() const;  // 0 ≤ commission < the amount applied for
    QString reason() const;
    Step step() const { return m_step; }
    QPushButton *primaryButton() const { return m_primary; }
    // The page's answer to reviewRequested, one line each; `payoutMinor` what leaves us.
    void showConfirmation(const QStringList &lines, qint64 payoutMinor);
    void showError(const QString &message);
    QString confirmationText() const;

signals:
    void reviewRequested(qint64 commissionMinor);

private:
    void setStep(Step step);
    void updateState();

    qint64 m_amountMinor = 0;
    QString m_currency;
    qint64 m_payoutMinor = 0;
    Step m_step = Step::Enter;
    QLineEdit *m_commission = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_confirmation = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_back = nullptr;
};

}  // namespace cd::ui
