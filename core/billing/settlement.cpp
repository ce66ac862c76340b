#include "core/billing/settlement.h"

#include "core/billing/sessionbilling.h"
#include "core/common/appsettings.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

namespace cd::billing {

QString SettlementText::modeName(SettlementMode mode)
{
    return mode == SettlementMode::HoldUntilCorrected ? QStringLiteral("hold_until_corrected")
                                                      : QStringLiteral("settle_first");
}

std::optional<SettlementMode> SettlementText::modeFromName(const QString &name)
{
    if (name == u"settle_first")
        return SettlementMode::SettleFirst;
    if (name == u"hold_until_corrected")
        return SettlementMode::HoldUntilCorrected;
    return std::nullopt;
}

QString SettlementText::stateName(SettlementState state)
{
    switch (state) {
    case SettlementState::Unsettled: return QStringLiteral("unsettled");
    case SettlementState::Settled: return QStringLiteral("settled");
    case SettlementState::Provisional: return QStringLiteral("provisional");
    case SettlementState::Held: return QStringLiteral("held");
    }
    return QStringLiteral("unsettled");
}

std::optional<SettlementState> SettlementText::stateFromName(const QString &name)
{
    for (SettlementState s : {SettlementState::Unsettled, SettlementState::Settled, SettlementState::Provisional,
                              SettlementState::Held}) {
        if (stateName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString SettlementText::modeTitle(SettlementMode mode)
{
    return mode == SettlementMode::HoldUntilCorrected ? tr("Hold until corrected") : tr("Settle first, correct later");
}

QString SettlementText::stateTitle(SettlementState state)
{
    switch (state) {
    case SettlementState::Unsettled: return tr("Unsettled");
    case SettlementState::Settled: return tr("Settled");
    case SettlementState::Provisional: return tr("Charged provisionally");
    case SettlementState::Held: return tr("Held until corrected");
    }
    return {};
}

SettlementMode defaultSettlementMode()
{
    const QString name = appSettings().value(QLatin1String(kSettlementModeKey)).toString();
    return SettlementText::modeFromName(name).value_or(SettlementMode::SettleFirst);
}

SettlementState settlementStateFor(SettlementMode mode, bool hasAnomalies)
{
    if (!hasAnomalies)
        return SettlementState::Settled;
    return mode == SettlementMode::HoldUntilCorrected ? SettlementState::Held : SettlementState::Provisional;
}

Expected<SettlementMode> settlementModeForSession(const storage::Database &db, qint64 sessionId, SettlementMode fallback)
{
    auto q = storage::Sql::run(db.connection(),
                               QStringLiteral("SELECT o.settlement_mode FROM sessions s JOIN stations st ON st.id = s.station_id "
                                              "JOIN sites si ON si.id = st.site_id "
                                              "JOIN sub_operators o ON o.id = si.sub_operator_id WHERE s.id = ?"),
                               {sessionId});
    if (!q)
        return q.error();
    if (!q->next())
        return fallback;
    return SettlementText::modeFromName(q->value(0).toString()).value_or(fallback);
}

Expected<CaptureGate> captureGateForSession(const storage::Database &db, qint64 sessionId, SettlementMode fallback)
{
    CaptureGate gate;
    auto mode = settlementModeForSession(db, sessionId, fallback);
    if (!mode)
        return mode.error();
    gate.mode = *mode;
    auto bill = storage::Sql::run(db.connection(),
                                  QStringLiteral("SELECT id, version, settlement_state FROM bills WHERE session_id = ? "
                                                 "ORDER BY version DESC LIMIT 1"),
                                  {sessionId});
    if (!bill)
        return bill.error();
    if (bill->next()) {
        gate.billId = bill->value(0).toLongLong();
        const int version = bill->value(1).toInt();
        const auto state = SettlementText::stateFromName(bill->value(2).toString());
        bill->finish();
        if (version > 1) {
            gate.decision = CaptureDecision::CorrectionSettles;
        } else if (state == SettlementState::Held) {
            gate.decision = CaptureDecision::HeldUntilCorrected;
            auto codes = storage::Sql::run(db.connection(),
                                           QStringLiteral("SELECT DISTINCT code FROM bill_anomalies WHERE bill_id = ? AND "
                                                          "resolved_ms IS NULL ORDER BY code"),
                                           {gate.billId});
            if (!codes)
                return codes.error();
            while (codes->next())
                gate.anomalyCodes << codes->value(0).toInt();
        }
        return gate;
    }
    bill->finish();
    if (gate.mode != SettlementMode::HoldUntilCorrected)
        return gate;
    // No bill yet. One comes only when automatic billing bills this session (it began, and the
    // session was written since: BillRepository::sessionsWithoutBill); else capture as before.
    auto since = storage::Sql::run(db.connection(), QStringLiteral("SELECT setting_value FROM settings WHERE setting_key = ?"),
                                   {QLatin1String(kAutoBillSinceKey)});
    if (!since)
        return since.error();
    if (!since->next())
        return gate;
    const qint64 sinceMs = since->value(0).toString().toLongLong();
    since->finish();
    auto session = storage::Sql::run(db.connection(), QStringLiteral("SELECT updated_ms FROM sessions WHERE id = ?"), {sessionId});
    if (!session)
        return session.error();
    if (session->next() && session->value(0).toLongLong() >= sinceMs)
        gate.decision = CaptureDecision::WaitForBill;
    return gate;
}

}  // namespace cd::billing
