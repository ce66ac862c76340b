#pragma once
// The transaction card of the selected session (seed 000): session number, status, payment and
// hold status, user, station and connector, amount and progress (energy, duration, last meter
// value). Holds and payments show what the session record holds; the payment service fills them.

#include "core/access/actor.h"
#include "core/sessions/sessionaction.h"
#include "core/storage/sessionrepository.h"

#include <QFrame>

#include <optional>

class QFormLayout;
class QLabel;
class QMenu;
class QToolButton;

namespace cd::ui {

class SessionCard : public QFrame {
    Q_OBJECT
public:
    explicit SessionCard(QWidget *parent = nullptr);

    // nullopt: nothing selected. `nowMs` counts an open session's duration.
    void setSession(const std::optional<storage::Session> &session, qint64 nowMs);
    const std::optional<storage::Session> &session() const { return m_session; }
    // Shows the Actions menu (Finish, Cancel hold, …) while a session is shown.
    void setActionsAvailable(bool available);
    // Offers only the actions `actor`'s role allows (SessionActions::requiredPermission).
    void setActor(const access::Actor &actor);
    QMenu *actionsMenu() const { return m_menu; }

    static QString holdStatusText(const QString &holdStatus);
    static QString paymentStatusText(const QString &paymentStatus);

signals:
    // The operator chose an action for the shown session.
    void actionRequested(cd::sessions::ActionKind kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addRow(const QString &objectName);
    void retranslateUi();
    void fill();

    std::optional<storage::Session> m_session;
    qint64 m_nowMs = 0;
    bool m_actionsAvailable = false;
    bool m_anyActionAllowed = true;
    QLabel *m_title = nullptr;
    QToolButton *m_actions = nullptr;
    QMenu *m_menu = nullptr;
    QList<QAction *> m_actionItems;  // in the order of kActionOrder
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
