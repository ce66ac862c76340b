#pragma once
// Confirm desk refund…: a refund record paid back in cash at the desk (a top-up taken in cash), as
// the operator confirms it: paid (with the desk's receipt number, or the desk's own number is
// used) or not paid (the part goes back to the member's balance), with a reason for the history.
// Opened with open(); the page confirms when it is accepted.

#include "core/refunds/refundtypes.h"

#include <QDialog>

class QLineEdit;
class QRadioButton;

namespace cd::ui {

class DeskRefundDialog : public QDialog {
    Q_OBJECT
public:
    DeskRefundDialog(const refunds::RefundGatewayRecord &record, const QString &memberName, const QString &currency,
                     QWidget *parent = nullptr);

    qint64 recordId() const { return m_recordId; }
    bool paid() const;
    QString receipt() const;
    QString reason() const;

private:
    qint64 m_recordId = 0;
    QRadioButton *m_paid = nullptr;
    QRadioButton *m_notPaid = nullptr;
    QLineEdit *m_receipt = nullptr;
    QLineEdit *m_reason = nullptr;
};

}  // namespace cd::ui
