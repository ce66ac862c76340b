#pragma once
// One operator action on one session (Finish, Cancel hold, Finalize, Energy, Change status, Start,
// Stop, Reset): the action's own fields, the preview of what will happen — status, energy,
// amount and, above all, money (capture, release, refund, what the hold does not cover) — planned
// by the core on what is stored now and again after every change of a field, a mandatory reason
// for the audit log, and Apply. Apply stays off while the plan refuses or the reason is empty.
// After Apply the dialog says what was done and, for a money call, what the gateway answered.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/payments/paymenttypes.h"
#include "core/sessions/sessionaction.h"
#include "core/storage/sessionrepository.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace cd::sessions {
class SessionActionService;
}

namespace cd::ui {

class SessionActionDialog : public QDialog {
    Q_OBJECT
public:
    // `service` and the operator's name (for the audit log) must outlive the dialog.
    SessionActionDialog(sessions::ActionKind kind, const storage::Session &session,
                        sessions::SessionActionService *service, const access::Actor &actor,
                        QWidget *parent = nullptr);

    sessions::ActionKind kind() const { return m_kind; }
    // The last plan shown (nullopt while planning or when the fields are not valid).
    const std::optional<sessions::ActionPlan> &plan() const { return m_plan; }

    // The action's sentence ("Finish the session as if the station had sent Stop …").
    static QString explanation(sessions::ActionKind kind);

signals:
    void planShown();
    // The session changed (or the command was queued); the money may still be on its way.
    void applied(qint64 sessionId);
    // The result text is final: the money call was answered (or there was none).
    void outcomeFinal();

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildFields();
    // The request the fields describe, or why they do not describe one.
    Expected<sessions::ActionRequest> request() const;
    void replan();
    void showPlan(const sessions::ActionPlan &plan);
    void showPlanError(const QString &message);
    void updateApply();
    void applyNow();
    void showApplied(const sessions::ActionResult &result);
    void showMoney(const std::optional<payments::GatewayResult> &answer);

    const sessions::ActionKind m_kind;
    const storage::Session m_session;
    sessions::SessionActionService *m_service;
    const access::Actor m_actor;
    std::optional<sessions::ActionPlan> m_plan;
    std::optional<sessions::ActionResult> m_result;
    QHash<qint64, payments::GatewayResult> m_answers;  // money answers by call id (may come before apply's result)
    quint64 m_planGeneration = 0;
    bool m_applying = false;

    QFormLayout *m_fields = nullptr;
    QLineEdit *m_amount = nullptr;
    QSpinBox *m_energy = nullptr;
    QCheckBox *m_recompute = nullptr;
    QComboBox *m_status = nullptr;
    QRadioButton *m_soft = nullptr;
    QRadioButton *m_override = nullptr;
    QCheckBox *m_hard = nullptr;
    QFormLayout *m_preview = nullptr;
    QLabel *m_previewState = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_refusals = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLabel *m_resultLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_apply = nullptr;
    QTimer *m_replanDelay = nullptr;
};

}  // namespace cd::ui
