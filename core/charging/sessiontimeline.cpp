#include "core/charging/sessiontimeline.h"

#include "core/charging/chargingtypes.h"
#include "core/charging/metervalue.h"
#include "core/payments/moneytext.h"

#include <QLocale>
#include <QMap>

#include <nlohmann/json.hpp>

#include <algorithm>

using nlohmann::json;
using namespace Qt::StringLiterals;

namespace cd::charging {

namespace {

const QString kRegister = u"Energy.Active.Import.Register"_s;

json parse(const QString &text)
{
    json value = json::parse(text.toStdString(), nullptr, false);
    return value.is_discarded() ? json() : value;
}

QString str(const json &object, const char *key)
{
    if (!object.is_object() || !object.contains(key))
        return {};
    const json &v = object.at(key);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number_integer())
        return QString::number(v.get<qint64>());
    if (v.is_boolean())
        return v.get<bool>() ? u"true"_s : u"false"_s;
    return {};
}

std::optional<qint64> num(const json &object, const char *key)
{
    if (!object.is_object() || !object.contains(key) || !object.at(key).is_number_integer())
        return std::nullopt;
    return object.at(key).get<qint64>();
}

// "123" or "—" when a value is missing.
QString orDash(const QString &text)
{
    return text.isEmpty() ? u"—"_s : text;
}

QString statusText(const QString &name)
{
    const auto status = sessionStatusFromName(name);
    return status ? ChargingText::describeSessionStatus(*status) : orDash(name);
}

QString authorizationText(const QString &name)
{
    const auto status = authorizationStatusFromName(name);
    return status ? ChargingText::describeAuthorization(*status) : orDash(name);
}

QString meterText(const json &detail, const char *key)
{
    const auto wh = num(detail, key);
    return wh ? SessionTimeline::energyText(*wh) : u"—"_s;
}

// Thousandths of a unit with one decimal: 12345 → "12.3" (locale's decimal point), no floats.
QString oneDecimal(qint64 milli)
{
    const bool negative = milli < 0;
    const qint64 tenths = ((negative ? -milli : milli) + 50) / 100;
    const QLocale locale;
    QString text = locale.toString(tenths / 10) + locale.decimalPoint() + QString::number(tenths % 10);
    return negative ? locale.negativeSign() + text : text;
}

QString moneyOf(const json &detail, const char *key)
{
    const auto minor = num(detail, key);
    return minor ? payments::moneyText(*minor, str(detail, "currency")) : u"—"_s;
}

// A payment hold's status in the operator's words (payments::HoldStatus names).
QString holdWord(const QString &status)
{
    if (status == u"created")
        return SessionTimeline::tr("requested");
    if (status == u"processing")
        return SessionTimeline::tr("bank processing");
    if (status == u"hold")
        return SessionTimeline::tr("money held on the card");
    if (status == u"success")
        return SessionTimeline::tr("captured");
    if (status == u"released")
        return SessionTimeline::tr("released to the card");
    if (status == u"canceled")
        return SessionTimeline::tr("canceled");
    if (status == u"failed")
        return SessionTimeline::tr("failed");
    return orDash(status);
}

// Which comes first among entries with the same time.
int tieRank(const TimelineEntry &e)
{
    switch (e.kind) {
    case TimelineEntry::Kind::FromStation:
        return 0;
    case TimelineEntry::Kind::Meter:
        return 1;
    case TimelineEntry::Kind::Event:
    case TimelineEntry::Kind::Status:
        return 2;
    case TimelineEntry::Kind::ToStation:
        break;
    }
    return 3;
}

QString accepted(const QString &status)
{
    return status == u"Accepted" ? QString() : status;
}

}  // namespace

QString SessionTimeline::energyText(qint64 wh)
{
    //: energy in kilowatt-hours, %1 a number such as 12.4
    return tr("%1 kWh").arg(oneDecimal(wh));
}

QString SessionTimeline::powerText(qint64 w)
{
    //: power in kilowatts, %1 a number such as 7.2
    return tr("%1 kW").arg(oneDecimal(w));
}

TimelineEntry SessionTimeline::fromEvent(const storage::SessionEvent &event)
{
    TimelineEntry e;
    e.atMs = event.atMs;
    e.kind = TimelineEntry::Kind::Event;
    e.detail = event.detail;
    const json d = parse(event.detail);
    const QString k = event.kind;
    if (k == u"created") {
        e.text = str(d, "source") == u"station" ? tr("Session created: the station started charging")
                                                : tr("Session created");
    } else if (k == u"attached") {
        e.text = tr("The station's start was matched to this session (connector %1)").arg(orDash(str(d, "connectorId")));
    } else if (k == u"authorized") {
        e.text = tr("Card %1 presented: %2").arg(orDash(str(d, "idTag")), authorizationText(str(d, "authorization")));
    } else if (k == u"start_not_authorized") {
        e.text = tr("Charging started although the card was not authorised (%1)")
                     .arg(authorizationText(str(d, "authorization")));
        e.warning = true;
    } else if (k == u"started") {
        e.text = tr("Station confirmed the start (transaction %1, connector %2, meter %3)")
                     .arg(orDash(str(d, "transactionId")), orDash(str(d, "connectorId")), meterText(d, "meterStartWh"));
    } else if (k == u"start_retry") {
        e.text = tr("Station repeated its start message — ignored, answered as before");
        e.ignored = true;
    } else if (k == u"status") {
        e.kind = TimelineEntry::Kind::Status;
        e.text = tr("Status: %1 → %2").arg(statusText(str(d, "from")), statusText(str(d, "to")));
    } else if (k == u"charging_started") {
        e.text = tr("The vehicle started taking energy");
    } else if (k == u"charging_state") {
        e.text = tr("Charging state reported by the station: %1").arg(orDash(str(d, "state")));
    } else if (k == u"meter_start_from_sample") {
        e.text = tr("Start meter reading taken from the first meter value: %1").arg(meterText(d, "meterStartWh"));
    } else if (k == u"meter_after_stop") {
        e.text = tr("Meter values arrived after the stop — kept, the session's energy is unchanged");
        e.ignored = true;
    } else if (k == u"stopped") {
        e.text = tr("Station reported the stop: %1 charged, meter %2. Reason: %3")
                     .arg(meterText(d, "energyWh"), meterText(d, "meterStopWh"),
                          ChargingText::describeStopReason(str(d, "reason")));
    } else if (k == u"stop_duplicate") {
        e.text = tr("Station repeated its stop message — ignored, nothing counted twice");
        e.ignored = true;
    } else if (k == u"stop_after_close") {
        e.text = tr("The station's stop arrived after the system had closed the session; the station's figures now count");
        e.warning = true;
    } else if (k == u"negative_energy") {
        e.text = tr("Meter at stop (%1) is below the meter at start (%2): energy set to 0")
                     .arg(meterText(d, "meterStopWh"), meterText(d, "meterStartWh"));
        e.warning = true;
    } else if (k == u"clock_skew") {
        e.text = tr("The station's stop time lies before its start time: the station's clock is wrong");
        e.warning = true;
    } else if (k == u"closed_after_reboot") {
        e.text = tr("Closed by the system: the station rebooted without sending a stop (%1 charged)")
                     .arg(meterText(d, "energyWh"));
        e.warning = true;
    } else if (k == u"superseded") {
        e.text = tr("Closed by the system: a new session started on the same connector (%1 charged)")
                     .arg(meterText(d, "energyWh"));
        e.warning = true;
    } else if (k == u"closed_reconciled") {
        e.text = tr("Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)")
                     .arg(meterText(d, "energyWh"));
        e.warning = true;
    } else if (k == u"closed_abandoned") {
        e.text = tr("Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)")
                     .arg(meterText(d, "energyWh"));
        e.warning = true;
    } else if (k == u"station_rebooted") {
        e.text = tr("The station rebooted while this session was open");
    } else if (k == u"transaction_status") {
        const QString ongoing = str(d, "ongoingIndicator");
        e.text = ongoing == u"false" ? tr("Asked the station: it no longer runs this transaction")
                 : ongoing == u"true" ? tr("Asked the station: the transaction is still running")
                                      : tr("Asked the station about the transaction: no clear answer");
    } else if (k == u"transaction_status_unknown") {
        e.text = tr("Could not ask the station about the transaction");
    } else if (k == u"offline_event") {
        e.text = tr("Delivered late from the station's offline queue (message %1)").arg(orDash(str(d, "seqNo")));
    } else if (k == u"seq_gap") {
        e.text = tr("Station messages missing: expected number %1, received %2")
                     .arg(orDash(str(d, "expected")), orDash(str(d, "received")));
        e.warning = true;
    } else if (k == u"seq_late") {
        e.text = tr("A late station message arrived (number %1)").arg(orDash(str(d, "seqNo")));
    } else if (k == u"seq_incomplete") {
        e.text = tr("The transaction ended with station messages still missing");
        e.warning = true;
    } else if (k == u"started_without_started") {
        e.text = tr("The station's first message about this transaction was not its start");
        e.warning = true;
    } else if (k == u"hold_status") {
        //: %1 and %2 hold states such as "money held on the card", %3 and %4 amounts
        e.text = tr("Payment hold: %1 → %2 (held %3, captured %4)")
                     .arg(holdWord(str(d, "from")), holdWord(str(d, "to")), moneyOf(d, "amountMinor"),
                          moneyOf(d, "capturedMinor"));
        e.warning = str(d, "to") == u"failed";
    } else if (k == u"hold_report_waiting") {
        e.text = str(d, "reason") == u"no_card_token"
                     ? tr("Bank reported the hold as \"%1\" — ignored for now, no card token yet; applied when it comes")
                           .arg(holdWord(str(d, "status")))
                     : tr("Bank reported the hold as \"%1\" — waiting for an earlier report first")
                           .arg(holdWord(str(d, "status")));
        e.ignored = true;
    } else if (k == u"payment_refund") {
        e.text = tr("Refund of %1 (refunded in all: %2)").arg(moneyOf(d, "amountMinor"), moneyOf(d, "refundedMinor"));
    } else if (k == u"payment_priced") {
        e.text = tr("Priced for payment: %1 for %2").arg(moneyOf(d, "amountMinor"), meterText(d, "energyWh"));
    } else if (k == u"bill_issued") {
        //: %1 the bill's total, %2 the energy billed (core/billing)
        e.text = tr("Bill issued: %1 for %2").arg(moneyOf(d, "totalMinor"), meterText(d, "energyWh"));
        e.warning = str(d, "settlement") == u"held" || str(d, "settlement") == u"provisional";
    } else if (k == u"payment_uncovered") {
        //: %1 the session's amount, %2 what the hold had reserved, %3 what is left to collect
        e.text = tr("The amount %1 is more than the hold of %2: %3 is to be collected another way")
                     .arg(moneyOf(d, "amountMinor"), moneyOf(d, "heldMinor"), moneyOf(d, "uncoveredMinor"));
        e.warning = true;
    } else if (k == u"payment_not_priced") {
        e.text = tr("The session could not be priced (no tariff, or another currency): the hold waits for the operator's Finalize");
        e.warning = true;
    } else if (k == u"payment_held") {
        //: %1 the amount held on the card, %2 the bill's id
        e.text = tr("The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is "
                    "corrected")
                     .arg(moneyOf(d, "heldMinor"))
                     .arg(num(d, "billId").value_or(0));
        e.warning = true;
    } else if (k == u"auto_stop") {
        e.text = tr("Balance running out: stop sent automatically (left %1, stop at %2)")
                     .arg(moneyOf(d, "remainingMinor"), moneyOf(d, "thresholdMinor"));
        e.warning = true;
    } else if (k == u"stop_not_honoured") {
        e.text = tr("The station accepted the stop but kept charging: %1 more since")
                     .arg(meterText(d, "risenWh"));
        e.warning = true;
    } else if (k.startsWith(u"operator_") && k != u"operator_money_failed") {
        // What an operator did from the control block; the reason they gave follows.
        const QString reason = orDash(str(d, "reason"));
        if (k == u"operator_finish")
            e.text = tr("Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5")
                         .arg(statusText(str(d, "from")), statusText(str(d, "to")), meterText(d, "energyAfterWh"),
                              moneyOf(d, "amountAfterMinor"), reason);
        else if (k == u"operator_cancel_hold")
            e.text = tr("Hold canceled by the operator: %1 → %2. Reason: %3")
                         .arg(statusText(str(d, "from")), statusText(str(d, "to")), reason);
        else if (k == u"operator_finalize")
            e.text = tr("Finalized by the operator: amount %1. Reason: %2").arg(moneyOf(d, "amountAfterMinor"), reason);
        else if (k == u"operator_energy")
            e.text = tr("Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5")
                         .arg(meterText(d, "energyBeforeWh"), meterText(d, "energyAfterWh"),
                              moneyOf(d, "amountBeforeMinor"), moneyOf(d, "amountAfterMinor"), reason);
        else if (k == u"operator_status")
            e.text = tr("Status changed by the operator (%1): %2 → %3. Reason: %4")
                         .arg(str(d, "mode").toUpper(), statusText(str(d, "from")), statusText(str(d, "to")), reason);
        else if (k == u"operator_start")
            e.text = tr("Start sent to the station by the operator. Reason: %1").arg(reason);
        else if (k == u"operator_stop")
            e.text = tr("Stop sent to the station by the operator. Reason: %1").arg(reason);
        else if (k == u"operator_reset")
            e.text = tr("Station reset by the operator. Reason: %1").arg(reason);
        else
            e.text = tr("Operator action %1. Reason: %2").arg(k.mid(9), reason);
    } else if (k == u"operator_money_failed") {
        e.text = tr("The money call after the operator's action failed: %1").arg(orDash(str(d, "error")));
        e.warning = true;
    } else if (k == u"event_replay") {
        e.text = tr("Station repeated message %1 — ignored").arg(orDash(str(d, "seqNo")));
        e.ignored = true;
    } else {
        //: a session event the console has no words for yet; %1 its internal name
        e.text = tr("Event: %1").arg(k);
    }
    if (!event.operatorName.isEmpty())
        e.text += u" · "_s + tr("by %1").arg(event.operatorName);
    return e;
}

std::optional<TimelineEntry> SessionTimeline::fromMessage(const storage::MessageLogEntry &m)
{
    TimelineEntry e;
    e.atMs = m.atMs;
    e.detail = m.raw;
    const bool in = m.direction == u"in";
    e.kind = in ? TimelineEntry::Kind::FromStation : TimelineEntry::Kind::ToStation;
    const json frame = parse(m.raw);
    const QString a = m.action;

    if (!m.problem.isEmpty()) {
        e.text = tr("Message %1 not accepted: %2").arg(orDash(a), m.problem);
        e.warning = true;
        return e;
    }
    if (m.messageType == 4) {
        e.text = in ? tr("Station refused %1 with the error %2").arg(orDash(a), orDash(m.errorCode))
                    : tr("Refused the station's %1 with the error %2").arg(orDash(a), orDash(m.errorCode));
        e.warning = true;
        return e;
    }
    if (m.messageType == 2) {
        const json p = frame.is_array() && frame.size() > 3 ? frame.at(3) : json();
        if (in) {
            if (a == u"MeterValues" || a == u"Heartbeat")
                return std::nullopt;  // the meter lines show them
            if (a == u"StartTransaction") {
                e.text = tr("Station reports the start on connector %1 with card %2, meter %3")
                             .arg(orDash(str(p, "connectorId")), orDash(str(p, "idTag")), meterText(p, "meterStart"));
            } else if (a == u"StopTransaction") {
                e.text = tr("Station reports the stop of transaction %1, meter %2")
                             .arg(orDash(str(p, "transactionId")), meterText(p, "meterStop"));
            } else if (a == u"Authorize") {
                e.text = tr("Station asks whether card %1 may charge")
                             .arg(orDash(p.is_object() && p.contains("idToken") ? str(p.at("idToken"), "idToken")
                                                                               : str(p, "idTag")));
            } else if (a == u"StatusNotification") {
                e.text = tr("Connector %1 reports: %2")
                             .arg(orDash(str(p, "connectorId")),
                                  orDash(p.contains("connectorStatus") ? str(p, "connectorStatus") : str(p, "status")));
            } else if (a == u"TransactionEvent") {
                const QString type = str(p, "eventType");
                const QString seq = orDash(str(p, "seqNo"));
                const json info = p.is_object() && p.contains("transactionInfo") ? p.at("transactionInfo") : json();
                if (type == u"Started")
                    e.text = tr("Station reports the start of the transaction (message %1)").arg(seq);
                else if (type == u"Ended")
                    e.text = tr("Station reports the end of the transaction (message %1)").arg(seq);
                else
                    e.text = tr("Station reports progress (message %1, %2)").arg(seq, orDash(str(p, "triggerReason")));
                if (!str(info, "stoppedReason").isEmpty())
                    e.text += u". "_s + tr("Reason: %1").arg(ChargingText::describeStopReason(str(info, "stoppedReason")));
            } else {
                e.text = tr("Station sent %1").arg(a);
            }
            return e;
        }
        if (a == u"RemoteStartTransaction" || a == u"RequestStartTransaction") {
            const QString card = p.is_object() && p.contains("idToken") ? str(p.at("idToken"), "idToken") : str(p, "idTag");
            e.text = tr("START sent to the station (connector %1, card %2)")
                         .arg(orDash(p.contains("evseId") ? str(p, "evseId") : str(p, "connectorId")), orDash(card));
        } else if (a == u"RemoteStopTransaction" || a == u"RequestStopTransaction") {
            e.text = tr("STOP sent to the station (transaction %1)").arg(orDash(str(p, "transactionId")));
        } else {
            e.text = tr("%1 sent to the station").arg(orDash(a));
        }
        return e;
    }
    // CALLRESULT
    const json p = frame.is_array() && frame.size() > 2 ? frame.at(2) : json();
    if (in) {
        const QString status = str(p, "status");
        if (a == u"RemoteStartTransaction" || a == u"RequestStartTransaction")
            e.text = accepted(status).isEmpty() ? tr("Station accepted the START")
                                                : tr("Station rejected the START (%1)").arg(orDash(status));
        else if (a == u"RemoteStopTransaction" || a == u"RequestStopTransaction")
            e.text = accepted(status).isEmpty() ? tr("Station accepted the STOP")
                                                : tr("Station rejected the STOP (%1)").arg(orDash(status));
        else
            e.text = status.isEmpty() ? tr("Station answered %1").arg(orDash(a))
                                      : tr("Station answered %1: %2").arg(orDash(a), status);
        e.warning = !accepted(status).isEmpty();
        return e;
    }
    const json tagInfo = p.is_object() && p.contains("idTagInfo")     ? p.at("idTagInfo")
                         : p.is_object() && p.contains("idTokenInfo") ? p.at("idTokenInfo")
                                                                      : json();
    if (a == u"StartTransaction") {
        e.text = tr("Start confirmed to the station: transaction %1, card %2")
                     .arg(orDash(str(p, "transactionId")), authorizationText(str(tagInfo, "status")));
    } else if (a == u"StopTransaction") {
        e.text = tr("Stop confirmed to the station");
    } else if (!tagInfo.is_null() && (a == u"Authorize" || a == u"TransactionEvent")) {
        e.text = tr("Answered the station about the card: %1").arg(authorizationText(str(tagInfo, "status")));
    } else {
        return std::nullopt;  // a plain acknowledgement
    }
    return e;
}

QList<TimelineEntry> SessionTimeline::fromSamples(const QList<storage::MeterSample> &samples,
                                                  std::optional<qint64> meterStartWh)
{
    // One callback = the samples that share the station's timestamp.
    struct Callback {
        qint64 receivedMs = 0;
        std::optional<qint64> registerWh;
        std::optional<qint64> powerMilliW;
        qint64 phasePowerMilliW = 0;
        bool phasePower = false;
        std::optional<qint64> currentMilliA;
        std::optional<qint64> socMilli;
        QStringList lines;
    };
    QMap<qint64, Callback> callbacks;
    for (const storage::MeterSample &s : samples) {
        Callback &c = callbacks[s.stationAtMs];
        c.receivedMs = c.lines.isEmpty() ? s.receivedMs : std::min(c.receivedMs, s.receivedMs);
        c.lines << u"%1%2 = %3 %4"_s.arg(s.measurand, s.phase.isEmpty() ? QString() : u" ("_s + s.phase + u')',
                                         oneDecimal(s.valueMilli), s.unit);
        if (s.measurand == kRegister && s.phase.isEmpty() && s.unit == u"Wh")
            c.registerWh = milliToWholeUnits(s.valueMilli);
        else if (s.measurand == u"Power.Active.Import" && s.unit == u"W") {
            if (s.phase.isEmpty())
                c.powerMilliW = s.valueMilli;
            else {
                c.phasePowerMilliW += s.valueMilli;
                c.phasePower = true;
            }
        } else if (s.measurand == u"Current.Import" && s.unit == u"A")
            c.currentMilliA = std::max(c.currentMilliA.value_or(0), s.valueMilli);
        else if (s.measurand == u"SoC")
            c.socMilli = s.valueMilli;
    }
    QList<TimelineEntry> out;
    std::optional<qint64> highest;
    for (auto it = callbacks.cbegin(); it != callbacks.cend(); ++it) {
        const Callback &c = it.value();
        TimelineEntry e;
        e.atMs = c.receivedMs;
        e.kind = TimelineEntry::Kind::Meter;
        e.detail = c.lines.join(u'\n');
        QStringList parts;
        if (c.registerWh) {
            const qint64 charged = meterStartWh ? std::max<qint64>(0, *c.registerWh - *meterStartWh) : *c.registerWh;
            parts << energyText(charged);
        }
        if (c.powerMilliW || c.phasePower)
            parts << powerText(milliToWholeUnits(c.powerMilliW.value_or(c.phasePowerMilliW)));
        if (c.currentMilliA)
            //: electric current in amperes, %1 a number such as 16.0
            parts << tr("%1 A").arg(oneDecimal(*c.currentMilliA));
        if (c.socMilli)
            //: the vehicle battery's state of charge, %1 a whole number of percent
            parts << tr("battery %1 %").arg(milliToWholeUnits(*c.socMilli));
        const QString values = parts.isEmpty() ? tr("no energy reading") : parts.join(u", "_s);
        if (c.registerWh && highest && *c.registerWh <= *highest) {
            e.ignored = true;
            e.text = tr("Repeated meter callback without progress (%1) — ignored").arg(values);
        } else {
            e.text = tr("Meter: %1").arg(values);
        }
        if (c.registerWh)
            highest = std::max(highest.value_or(*c.registerWh), *c.registerWh);
        out.append(e);
    }
    return out;
}

QList<TimelineEntry> SessionTimeline::build(const SessionDetail &detail)
{
    QList<TimelineEntry> out;
    for (const storage::SessionEvent &event : detail.events)
        out.append(fromEvent(event));
    for (const storage::MessageLogEntry &message : detail.messages) {
        if (auto entry = fromMessage(message))
            out.append(*entry);
    }
    out.append(fromSamples(detail.samples, detail.session.meterStartWh));
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry &a, const TimelineEntry &b) {
        if (a.atMs != b.atMs)
            return a.atMs < b.atMs;
        return tieRank(a) < tieRank(b);
    });
    return out;
}

}  // namespace cd::charging
