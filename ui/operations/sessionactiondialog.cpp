#include "ui/operations/sessionactiondialog.h"

#include "core/charging/sessiontimeline.h"
#include "core/payments/holdservice.h"
#include "core/payments/moneytext.h"
#include "core/sessions/sessionactions.h"
#include "core/sessions/sessionactionservice.h"
#include "core/sessions/statuspriority.h"
#include "ui/operations/sessioncard.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/style.h"
#include "ui/widgets/windowheight.h"
#include "ui/widgets/wrappinglabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QResizeEvent>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using cd::sessions::ActionKind;

namespace cd::ui {

namespace {
constexpr int kReplanDelayMs = 300;
constexpr int kMaxEnergyWh = 2'000'000'000;  // 2 GWh: far above any session, within the spin box
constexpr int kMaxReasonLength = 1000;

bool movesNoMoney(ActionKind kind)
{
    return kind == ActionKind::Start || kind == ActionKind::Stop || kind == ActionKind::Reset;
}

QString energyText(qint64 wh)
{
    return charging::SessionTimeline::energyText(wh);
}

// "before → after", or "before (unchanged)".
QString change(const QString &before, const QString &after)
{
    return before == after ? SessionActionDialog::tr("%1 (unchanged)").arg(before)
                           : SessionActionDialog::tr("%1 → %2").arg(before, after);
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

QString SessionActionDialog::explanation(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Finish:
        return tr("Close the session as if the station had sent Stop: the hold is settled by the energy counter "
                  "(captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.");
    case ActionKind::CancelHold:
        return tr("Give the held money back to the customer's card. The session becomes canceled unless it has "
                  "already failed.");
    case ActionKind::Finalize:
        return tr("Capture part of the hold and release the rest. Leave the amount empty to capture the session's "
                  "last reported total.");
    case ActionKind::SetEnergy:
        return tr("Set the session's energy counter, for example from the station's display or its own bill. "
                  "Recomputing prices the new energy with the tariff.");
    case ActionKind::ChangeStatus:
        return tr("SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE "
                  "ignores them and is marked as such in the audit log.");
    case ActionKind::Start:
        return tr("Ask the station to start charging on this session's connector with the same card.");
    case ActionKind::Stop:
        return tr("Ask the station to stop this session. The session closes when the station reports the stop.");
    case ActionKind::Reset:
        return tr("Restart the session's station. A soft reset waits for the charging to end; a hard reset "
                  "restarts at once.");
    }
    return {};
}

SessionActionDialog::SessionActionDialog(ActionKind kind, const storage::Session &session,
                                         sessions::SessionActionService *service, const access::Actor &actor,
                                         QWidget *parent)
    : QDialog(parent), m_kind(kind), m_session(session), m_service(service), m_actor(actor)
{
    setObjectName(u"sessionActionDialog"_s);
    //: the dialog's title: %1 the action such as "Finish", %2 the session number
    setWindowTitle(tr("%1 — session %2").arg(sessions::SessionActionText::title(kind), session.sessionNumber));
    setMinimumWidth(520);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *heading = new WrappingLabel(this);
    heading->setObjectName(u"actionHeading"_s);
    heading->setFont(style::subheadingFont(font()));
    heading->setText(windowTitle());
    layout->addWidget(heading);
    auto *about = new WrappingLabel(this);
    about->setObjectName(u"actionExplanation"_s);
    about->setText(explanation(kind));
    style::makeMuted(about);
    layout->addWidget(about);

    m_fields = new QFormLayout;
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildFields();
    layout->addLayout(m_fields);

    auto *previewBox = new QGroupBox(tr("What will happen"), this);
    previewBox->setObjectName(u"actionPreviewBox"_s);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_previewState = new WrappingLabel(previewBox);
    m_previewState->setObjectName(u"actionPreviewState"_s);
    style::makeMuted(m_previewState);
    previewLayout->addWidget(m_previewState);
    m_preview = new QFormLayout;
    m_preview->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    previewLayout->addLayout(m_preview);
    m_notes = new WrappingLabel(previewBox);
    m_notes->setObjectName(u"actionNotes"_s);
    previewLayout->addWidget(m_notes);
    m_refusals = new WrappingLabel(previewBox);
    m_refusals->setObjectName(u"actionRefusals"_s);
    m_refusals->setStyleSheet(u"color: #c62828;"_s);
    previewLayout->addWidget(m_refusals);
    layout->addWidget(previewBox);

    auto *reasonLabel = new QLabel(tr("Reason (kept in the audit log, required):"), this);
    layout->addWidget(reasonLabel);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(u"actionReason"_s);
    m_reason->setTabChangesFocus(true);
    m_reason->setPlaceholderText(tr("For example: the customer called, the station shows 12.4 kWh"));
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 3 + 16);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(m_reason);

    m_resultLabel = new WrappingLabel(this);
    m_resultLabel->setObjectName(u"actionResult"_s);
    m_resultLabel->hide();
    layout->addWidget(m_resultLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = m_buttons->addButton(sessions::SessionActionText::title(kind), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(u"actionApply"_s);
    m_apply->setAutoDefault(false);  // Enter never moves money by accident
    m_apply->setDefault(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SessionActionDialog::applyNow);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &SessionActionDialog::updateApply);

    m_replanDelay = new QTimer(this);
    m_replanDelay->setSingleShot(true);
    m_replanDelay->setInterval(kReplanDelayMs);
    connect(m_replanDelay, &QTimer::timeout, this, &SessionActionDialog::replan);
    connect(m_service, &sessions::SessionActionService::moneyAnswered, this,
            [this](qint64 callId, const payments::GatewayResult &result) {
                m_answers.insert(callId, result);
                if (m_resultLabel->isVisible() && m_resultLabel->property("moneyCallId").toLongLong() == callId)
                    showMoney(result);
            });
    replan();
    updateApply();
}

void SessionActionDialog::buildFields()
{
    const auto onChange = [this] {
        m_plan.reset();
        updateApply();
        m_replanDelay->start();
    };
    switch (m_kind) {
    case ActionKind::Finalize: {
        m_amount = new QLineEdit(this);
        m_amount->setObjectName(u"actionAmount"_s);
        const int digits = payments::minorUnitDigits(m_session.currency);
        m_amount->setPlaceholderText(amountText(m_session.amountMinor, m_session.currency));
        m_amount->setToolTip(tr("At most %n decimal place(s); empty: the session's last reported total.", nullptr, digits));
        connect(m_amount, &QLineEdit::textChanged, this, onChange);
        m_fields->addRow(tr("Amount to capture"), m_amount);
        break;
    }
    case ActionKind::SetEnergy: {
        m_energy = new QSpinBox(this);
        m_energy->setObjectName(u"actionEnergy"_s);
        m_energy->setRange(0, kMaxEnergyWh);
        m_energy->setGroupSeparatorShown(true);
        //: unit after an energy in watt-hours
        m_energy->setSuffix(tr(" Wh"));
        m_energy->setValue(int(std::clamp<qint64>(m_session.energyWh, 0, kMaxEnergyWh)));
        m_recompute = new QCheckBox(tr("Recompute the amount with the tariff"), this);
        m_recompute->setObjectName(u"actionRecompute"_s);
        connect(m_energy, &QSpinBox::valueChanged, this, onChange);
        connect(m_recompute, &QCheckBox::toggled, this, onChange);
        m_fields->addRow(tr("Energy"), m_energy);
        m_fields->addRow(QString(), m_recompute);
        break;
    }
    case ActionKind::ChangeStatus: {
        m_status = new QComboBox(this);
        m_status->setObjectName(u"actionStatus"_s);
        for (const QString &name : sessions::StatusPriority::statusNames())
            m_status->addItem(SessionTableModel::statusText(name), name);
        m_status->setCurrentIndex(std::max(0, m_status->findData(m_session.status)));
        m_soft = new QRadioButton(tr("SOFT — respect the priorities"), this);
        m_soft->setObjectName(u"actionSoft"_s);
        m_override = new QRadioButton(tr("OVERRIDE — ignore the priorities"), this);
        m_override->setObjectName(u"actionOverride"_s);
        m_soft->setChecked(true);
        auto *modes = new QButtonGroup(this);
        modes->addButton(m_soft);
        modes->addButton(m_override);
        auto *modeBox = new QWidget(this);
        auto *modeLayout = new QVBoxLayout(modeBox);
        modeLayout->setContentsMargins(0, 0, 0, 0);
        modeLayout->addWidget(m_soft);
        modeLayout->addWidget(m_override);
        connect(m_status, &QComboBox::currentIndexChanged, this, onChange);
        connect(m_soft, &QRadioButton::toggled, this, onChange);
        m_fields->addRow(tr("New status"), m_status);
        m_fields->addRow(tr("Mode"), modeBox);
        break;
    }
    case ActionKind::Reset:
        m_hard = new QCheckBox(tr("Hard reset (restart at once, interrupting charging)"), this);
        m_hard->setObjectName(u"actionHard"_s);
        connect(m_hard, &QCheckBox::toggled, this, onChange);
        m_fields->addRow(QString(), m_hard);
        break;
    case ActionKind::Finish:
    case ActionKind::CancelHold:
    case ActionKind::Start:
    case ActionKind::Stop:
        break;
    }
}

Expected<sessions::ActionRequest> SessionActionDialog::request() const
{
    sessions::ActionRequest r;
    r.kind = m_kind;
    r.sessionId = m_session.id;
    if (m_amount && !m_amount->text().trimmed().isEmpty()) {
        const int digits = payments::minorUnitDigits(m_session.currency);
        const auto minor = payments::parseMoney(m_amount->text(), digits);
        if (!minor) {
            return Error{ExitCode::Usage,
                         tr("Type an amount such as %1 (at most %n decimal place(s)).", nullptr, digits)
                             .arg(amountText(m_session.amountMinor, {}))};
        }
        r.amountMinor = *minor;
    }
    if (m_energy) {
        r.energyWh = m_energy->value();
        r.recompute = m_recompute->isChecked();
    }
    if (m_status) {
        r.status = m_status->currentData().toString();
        r.mode = m_override->isChecked() ? sessions::ChangeMode::Override : sessions::ChangeMode::Soft;
    }
    if (m_hard)
        r.hardReset = m_hard->isChecked();
    return r;
}

void SessionActionDialog::replan()
{
    if (m_result)
        return;  // applied: the preview stays as it was
    const auto req = request();
    if (!req) {
        showPlanError(req.error().message);
        return;
    }
    m_previewState->setText(tr("Working out what will happen…"));
    m_previewState->show();
    const quint64 generation = ++m_planGeneration;
    m_service->plan(*req, this, [this, generation](Expected<sessions::ActionPlan> planned) {
        if (generation != m_planGeneration)
            return;  // the fields changed meanwhile: a newer plan is on its way
        if (!planned)
            showPlanError(planned.error().message);
        else
            showPlan(*planned);
    });
}

void SessionActionDialog::showPlanError(const QString &message)
{
    m_plan.reset();
    while (m_preview->rowCount() > 0)
        m_preview->removeRow(0);
    m_previewState->hide();
    m_notes->clear();
    m_refusals->setText(message);
    updateApply();
    emit planShown();
}

void SessionActionDialog::showPlan(const sessions::ActionPlan &p)
{
    m_plan = p;
    while (m_preview->rowCount() > 0)
        m_preview->removeRow(0);
    m_previewState->hide();
    const auto addRow = [this](const QString &caption, const QString &value, const QString &objectName) {
        auto *label = valueLabel(this);
        label->setObjectName(objectName);
        label->setText(value);
        m_preview->addRow(caption, label);
    };
    const auto money = [&p](qint64 minor) { return amountText(minor, p.currency); };
    if (!p.commandAction.isEmpty()) {
        addRow(tr("Command to the station"), p.commandAction, u"previewCommand"_s);
        addRow(tr("Station"), p.chargePointId, u"previewStation"_s);
    }
    if (!movesNoMoney(m_kind)) {
        addRow(tr("Status"), change(SessionTableModel::statusText(p.statusBefore), SessionTableModel::statusText(p.statusAfter)),
               u"previewStatus"_s);
        addRow(tr("Energy"), change(energyText(p.energyBeforeWh), energyText(p.energyAfterWh)), u"previewEnergy"_s);
        addRow(tr("Amount"),
               p.noTariff ? tr("%1 (no tariff: the amount stays)").arg(money(p.amountBeforeMinor))
                          : change(money(p.amountBeforeMinor), money(p.amountAfterMinor)),
               u"previewAmount"_s);
        if (p.holdId) {
            addRow(tr("Hold"), change(SessionCard::holdStatusText(p.holdStatusBefore), SessionCard::holdStatusText(p.holdStatusAfter)),
                   u"previewHold"_s);
            addRow(tr("Held"), money(p.heldMinor), u"previewHeld"_s);
        }
    }
    QStringList moneyLines;
    if (p.captureMinor > 0)
        moneyLines << tr("Capture %1 from the card.").arg(money(p.captureMinor));
    if (p.releaseMinor > 0)
        moneyLines << tr("Release %1 back to the customer's card.").arg(money(p.releaseMinor));
    if (p.refundMinor > 0)
        moneyLines << tr("Refund %1 of the captured money.").arg(money(p.refundMinor));
    if (p.uncoveredMinor > 0)
        moneyLines << tr("%1 of the amount is above the hold and is not collected.").arg(money(p.uncoveredMinor));
    if (moneyLines.isEmpty())
        moneyLines << tr("Money does not move.");
    addRow(tr("Money"), moneyLines.join(u'\n'), u"previewMoney"_s);

    m_notes->setText(p.notes.join(u'\n'));
    m_notes->setVisible(!p.notes.isEmpty());
    QStringList refusals;
    for (const QString &r : p.refusals)
        refusals << tr("Cannot run: %1").arg(r);
    m_refusals->setText(refusals.join(u'\n'));
    m_refusals->setVisible(!refusals.isEmpty());
    updateApply();
    emit planShown();
}

void SessionActionDialog::updateApply()
{
    const bool reason = !m_reason->toPlainText().trimmed().isEmpty()
        && m_reason->toPlainText().size() <= kMaxReasonLength;
    m_apply->setEnabled(!m_applying && !m_result && m_plan && m_plan->ok() && reason);
    if (!m_plan)
        m_apply->setToolTip(tr("Wait for the preview."));
    else if (!m_plan->ok())
        m_apply->setToolTip(tr("The preview says why this cannot run."));
    else if (!reason)
        m_apply->setToolTip(tr("Type the reason first (at most %1 characters).").arg(kMaxReasonLength));
    else
        m_apply->setToolTip(QString());
}

void SessionActionDialog::applyNow()
{
    if (!m_apply->isEnabled())
        return;
    const auto req = request();
    if (!req)
        return;
    m_applying = true;
    updateApply();
    m_reason->setReadOnly(true);
    m_service->apply(*req, m_actor, m_reason->toPlainText().trimmed(), this, [this](Expected<sessions::ActionResult> applied) {
        m_applying = false;
        if (!applied) {
            // Nothing was written: the operator may change the fields and try again.
            m_reason->setReadOnly(false);
            m_refusals->setText(applied.error().message);
            m_refusals->show();
            replan();
            return;
        }
        showApplied(*applied);
    });
}

void SessionActionDialog::showApplied(const sessions::ActionResult &result)
{
    m_result = result;
    for (QWidget *field : std::initializer_list<QWidget *>{m_amount, m_energy, m_recompute, m_status, m_soft, m_override, m_hard}) {
        if (field)
            field->setEnabled(false);
    }
    m_resultLabel->setProperty("moneyCallId", result.moneyCallId);
    m_resultLabel->show();
    m_buttons->clear();
    m_buttons->addButton(QDialogButtonBox::Close);
    connect(m_buttons->button(QDialogButtonBox::Close), &QPushButton::clicked, this, &QDialog::accept);
    emit applied(m_session.id);
    const auto answer = m_answers.constFind(result.moneyCallId);
    showMoney(answer == m_answers.constEnd() ? std::nullopt : std::optional(*answer));
}

void SessionActionDialog::showMoney(const std::optional<payments::GatewayResult> &answer)
{
    if (!m_result)
        return;
    const sessions::ActionResult &r = *m_result;
    QString done;
    if (r.commandId > 0)
        done = tr("Command %1 sent to the queue; the station's answer appears in the session log.").arg(r.commandId);
    else
        done = tr("Done. Audit record %1.").arg(r.auditId);
    const sessions::MoneyOutcome money = sessions::SessionActions::moneyOutcome(r, answer);
    const bool waiting = r.moneyCallId > 0 && r.moneyError.isEmpty() && (!answer || answer->outcome == payments::Outcome::Unknown);
    m_resultLabel->setText(money.text.isEmpty() ? done : done + u'\n' + money.text);
    m_resultLabel->setStyleSheet(money.failed && !waiting ? u"color: #c62828;"_s : QString());
    if (!waiting)
        emit outcomeFinal();
}

bool SessionActionDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest)
        keepHeightForWidth(this);  // polished, or a text changed: the rows may need more height
    return handled;
}

void SessionActionDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        keepHeightForWidth(this);  // the wrapped texts need another height at this width
}

}  // namespace cd::ui
