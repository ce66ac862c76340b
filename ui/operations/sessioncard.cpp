#include "ui/operations/sessioncard.h"

#include "core/charging/chargingtypes.h"
#include "core/charging/sessiontimeline.h"
#include "core/sessions/sessionactions.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
using sessions::ActionKind;
// The Actions menu: the station commands, then what changes the session and its money.
constexpr ActionKind kActionOrder[] = {ActionKind::Stop,     ActionKind::Start,        ActionKind::Reset,
                                       ActionKind::Finish,   ActionKind::Finalize,     ActionKind::CancelHold,
                                       ActionKind::SetEnergy, ActionKind::ChangeStatus};
}  // namespace

SessionCard::SessionCard(QWidget *parent) : QFrame(parent)
{
    setObjectName(u"sessionCard"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);
    m_title = new WrappingLabel(this);
    m_title->setObjectName(u"cardNumber"_s);
    m_title->setFont(style::subheadingFont(font()));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actions = new QToolButton(this);
    m_actions->setObjectName(u"cardActions"_s);
    m_actions->setPopupMode(QToolButton::InstantPopup);
    m_actions->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_menu = new QMenu(m_actions);
    m_menu->setObjectName(u"cardActionsMenu"_s);
    for (ActionKind kind : kActionOrder) {
        if (kind == ActionKind::Finish)
            m_menu->addSeparator();
        QAction *item = m_menu->addAction(QString());
        item->setData(int(kind));
        connect(item, &QAction::triggered, this, [this, kind] { emit actionRequested(kind); });
        m_actionItems << item;
    }
    m_actions->setMenu(m_menu);
    m_actions->hide();
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_actions, 0, Qt::AlignTop);
    layout->addLayout(titleRow);
    m_none = new WrappingLabel(this);
    m_none->setObjectName(u"cardEmpty"_s);
    style::makeMuted(m_none);
    layout->addWidget(m_none);

    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(12);
    m_form->setVerticalSpacing(6);
    m_status = addRow(u"cardStatus"_s);
    m_payment = addRow(u"cardPayment"_s);
    m_hold = addRow(u"cardHold"_s);
    m_user = addRow(u"cardUser"_s);
    m_station = addRow(u"cardStation"_s);
    m_amount = addRow(u"cardAmount"_s);
    m_progress = addRow(u"cardProgress"_s);
    m_lastMeter = addRow(u"cardLastMeter"_s);
    m_stop = addRow(u"cardStop"_s);
    layout->addLayout(m_form);
    layout->addStretch(1);
    retranslateUi();
}

QLabel *SessionCard::addRow(const QString &objectName)
{
    auto *caption = new QLabel(this);
    style::makeMuted(caption);
    auto *value = new WrappingLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(caption, value);
    m_captions << caption;
    return value;
}

void SessionCard::setSession(const std::optional<storage::Session> &session, qint64 nowMs)
{
    m_session = session;
    m_nowMs = nowMs;
    fill();
}

QString SessionCard::holdStatusText(const QString &s)
{
    if (s == u"none" || s.isEmpty())
        return tr("No hold");
    if (s == u"created")
        return tr("Hold requested");
    if (s == u"processing")
        return tr("Bank is processing the hold");
    if (s == u"hold")
        return tr("Money held on the card");
    if (s == u"success")
        return tr("Captured");
    if (s == u"released")
        return tr("Released to the customer");
    if (s == u"canceled")
        return tr("Hold canceled");
    if (s == u"failed")
        return tr("Hold failed");
    return s;
}

QString SessionCard::paymentStatusText(const QString &s)
{
    if (s == u"none" || s.isEmpty())
        return tr("No payment recorded");
    if (s == u"pending")
        return tr("Payment pending");
    if (s == u"paid" || s == u"success")
        return tr("Paid");
    if (s == u"failed")
        return tr("Payment failed");
    if (s == u"refunded")
        return tr("Refunded");
    return s;
}

void SessionCard::setActionsAvailable(bool available)
{
    m_actionsAvailable = available;
    fill();
}

void SessionCard::setActor(const access::Actor &actor)
{
    bool any = false;
    for (QAction *item : std::as_const(m_actionItems)) {
        const bool allowed = actor.allows(sessions::SessionActions::requiredPermission(ActionKind(item->data().toInt())));
        item->setVisible(allowed);
        any = any || allowed;
    }
    m_anyActionAllowed = any;
    fill();
}

void SessionCard::fill()
{
    const bool shown = m_session.has_value();
    m_actions->setVisible(shown && m_actionsAvailable && m_anyActionAllowed);
    m_none->setVisible(!shown);
    for (int row = 0; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, shown);
    if (!shown) {
        m_title->setText(tr("Transaction card"));
        return;
    }
    const storage::Session &s = *m_session;
    //: the transaction card's heading; %1 the session number such as 231116-000042
    m_title->setText(tr("Session %1").arg(s.sessionNumber));
    m_status->setText(SessionTableModel::statusText(s.status));
    m_payment->setText(paymentStatusText(s.paymentStatus));
    m_hold->setText(holdStatusText(s.holdStatus));
    QString user = s.idTag.isEmpty() ? tr("No card yet") : tr("Card %1").arg(s.idTag);
    if (!s.memberName.isEmpty() || !s.memberPhone.isEmpty()) {
        QStringList member;
        for (const QString &part : {s.memberName, s.memberPhone}) {
            if (!part.isEmpty())
                member << part;
        }
        user = member.join(u", "_s) + u" · "_s + user;
    }
    m_user->setText(user);
    m_station->setText(s.connectorId ? tr("%1, connector %2").arg(s.chargePointId).arg(*s.connectorId)
                                     : s.chargePointId);
    m_amount->setText(s.amountMinor == 0 && s.currency.isEmpty() ? tr("No amount yet")
                                                                  : amountText(s.amountMinor, s.currency));
    const auto duration = SessionTableModel::durationMs(s, m_nowMs);
    //: %1 energy such as "12.4 kWh", %2 a duration such as "1 h 05 min"
    m_progress->setText(tr("%1 in %2")
                            .arg(charging::SessionTimeline::energyText(s.energyWh),
                                 SessionTableModel::durationText(duration.value_or(0))));
    if (s.lastMeterWh && s.lastMeterAtMs) {
        //: %1 a meter register reading such as "3.4 kWh", %2 the station's time of it
        m_lastMeter->setText(tr("%1 at %2")
                                 .arg(charging::SessionTimeline::energyText(*s.lastMeterWh),
                                      QLocale().toString(QDateTime::fromMSecsSinceEpoch(*s.lastMeterAtMs).toLocalTime(),
                                                         QLocale::ShortFormat)));
    } else {
        m_lastMeter->setText(tr("None yet"));
    }
    m_stop->setText(s.stopSource.isEmpty() ? tr("Still open: the station has not sent Stop")
                                           : charging::ChargingText::describeStopReason(s.stopReason));
}

void SessionCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void SessionCard::retranslateUi()
{
    const QStringList captions = {tr("Status"),  tr("Payment"),     tr("Hold"),
                                  tr("User"),    tr("Station"),     tr("Amount"),
                                  tr("Progress"), tr("Last meter value"), tr("End")};
    for (qsizetype i = 0; i < m_captions.size() && i < captions.size(); ++i)
        m_captions.at(i)->setText(captions.at(i));
    m_none->setText(tr("Select a session to see its card and its log."));
    //: the button with the operator's actions on the session (Finish, Cancel hold, …)
    m_actions->setText(tr("Actions"));
    for (QAction *item : std::as_const(m_actionItems)) {
        const auto kind = ActionKind(item->data().toInt());
        item->setText(sessions::SessionActionText::title(kind) + u"…"_s);
    }
    fill();
}

}  // namespace cd::ui
