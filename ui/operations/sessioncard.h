#pragma once
// The transaction card of the selected session (seed 000): session number, status, payment and
// hold status, user, station and connector, amount and progress (energy, duration, last meter
// value). Holds and payments show what the session record holds; the payment service fills them.

#include "core/storage/sessionrepository.h"

#include <QFrame>

#include <optional>

class QFormLayout;
class QLabel;

namespace cd::ui {

class SessionCard : public QFrame {
    Q_OBJECT
public:
    explicit SessionCard(QWidget *parent = nullptr);

    // nullopt: nothing selected. `nowMs` counts an open session's duration.
    void setSession(const std::optional<storage::Session> &session, qint64 nowMs);

    static QString holdStatusText(const QString &holdStatus);
    static QString paymentStatusText(const QString &paymentStatus);
    // 5000 minor units of UAH -> "50.00 UAH" (integer arithmetic, two decimals).

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addRow(const QString &objectName);
    void retranslateUi();
    void fill();

    std::optional<storage::Session> m_session;
    qint64 m_nowMs = 0;
    QLabel *m_title = nullptr;
    QLabel *m_none = nullptr;
    QFormLayout *m_form = nullptr;
    QList<QLabel *> m_captions;
    QLabel *m_status = nullptr;
    QLabel *m_payment = nullptr;
    QLabel *m_hold = nullptr;
    QLabel *m_user = nullptr;
    QLabel *m_station = nullptr;
    QLabel *m_amount = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_lastMeter = nullptr;
    QLabel *m_stop = nullptr;
};

}  // namespace cd::ui
