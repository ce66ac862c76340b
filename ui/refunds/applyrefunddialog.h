#pragma once
// New application…: a member's refund application, in two steps like Top up… so that no money
// moves by accident. The operator finds the member (name, phone, e-mail or card; the page searches
// on its worker and answers with setMembers()), sees the refundable amount, enters the amount (at
// most that), the member's reason and whether the unused coupons earned by the refunded top-ups are
// revoked (on by default), and presses Review…; the confirmation says what moves (balance,
// refundable and pending refund before → after); only its button ("Apply for 200.00 UAH") accepts.

#include "core/accounts/accounttypes.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace cd::ui {

class ApplyRefundDialog : public QDialog {
    Q_OBJECT
public:
    enum class Step { Enter, Confirm };

    explicit ApplyRefundDialog(const QString &currency, QWidget *parent = nullptr);

    // The page's answer to searchRequested.
    void setMembers(const QList<accounts::Member> &members);
    void setSearchText(const QString &text);
    bool selectMember(qint64 memberId);
    std::optional<accounts::Member> member() const;
    void setAmountText(const QString &amount);
    void setReason(const QString &reason);
    void setRevokeCoupons(bool revoke);
    std::optional<qint64> amountMinor() const;  // above zero and at most the member's refundable amount
    QString reason() const;
    bool revokeCoupons() const;
    Step step() const { return m_step; }
    QPushButton *primaryButton() const { return m_primary; }
    QString confirmationText() const;

signals:
    void searchRequested(const QString &text);

private:
    void setStep(Step step);
    void updateState();
    void review();

    QString m_currency;
    QList<accounts::Member> m_members;
    Step m_step = Step::Enter;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QComboBox *m_member = nullptr;
    QLabel *m_memberMoney = nullptr;
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_reason = nullptr;
    QCheckBox *m_revoke = nullptr;
    QLabel *m_confirmation = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_back = nullptr;
};

}  // namespace cd::ui
