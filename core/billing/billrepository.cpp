#include "core/billing/billrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <nlohmann/json.hpp>

namespace cd::billing {

using storage::Sql;
using storage::bindable;
using storage::optionalInt64;

namespace {

const QString kColumns = QStringLiteral(
    "id, session_id, version, supersedes_bill_id, tariff_id, currency, energy_wh, charging_started_ms, "
    "charging_ended_ms, service_ended_ms, energy_fee_minor, service_fee_minor, idle_fee_minor, coupon_id, "
    "coupon_deduction_minor, total_minor, station_energy_wh, station_amount_minor, settlement_state, inputs, "
    "correction_method, reason, created_by, created_ms");

std::optional<BillResult> parseInputs(const QString &inputs)
{
    if (inputs.isEmpty())
        return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(inputs.toStdString(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    const auto result = j.find("result");
    if (result != j.end())
        return billResultFromJson(*result);
    // Only the input: compute it again (deterministic).
    const auto input = j.find("input");
    if (input == j.end())
        return std::nullopt;
    auto in = billInputFromJson(*input);
    if (!in)
        return std::nullopt;
    return calculateBill(*in);
}

Bill billFromRow(const QSqlQuery &q)
{
    Bill b;
    b.id = q.value(0).toLongLong();
    b.sessionId = q.value(1).toLongLong();
    b.version = q.value(2).toInt();
    b.supersedesBillId = optionalInt64(q, 3);
    b.tariffId = optionalInt64(q, 4);
    b.currency = q.value(5).toString();
    b.energyWh = q.value(6).toLongLong();
    b.chargingStartedMs = optionalInt64(q, 7);
    b.chargingEndedMs = optionalInt64(q, 8);
    b.serviceEndedMs = optionalInt64(q, 9);
    b.energyFeeMinor = q.value(10).toLongLong();
    b.serviceFeeMinor = q.value(11).toLongLong();
    b.idleFeeMinor = q.value(12).toLongLong();
    b.couponId = optionalInt64(q, 13);
    b.couponDeductionMinor = q.value(14).toLongLong();
    b.totalMinor = q.value(15).toLongLong();
    b.stationEnergyWh = optionalInt64(q, 16);
    b.stationAmountMinor = optionalInt64(q, 17);
    b.settlementState = SettlementText::stateFromName(q.value(18).toString()).value_or(SettlementState::Unsettled);
    b.inputs = q.value(19).toString();
    b.correctionMethod = q.value(20).toString();
    b.reason = q.value(21).toString();
    b.createdBy = q.value(22).toString();
    b.createdMs = q.value(23).toLongLong();
    b.detail = parseInputs(b.inputs);
    return b;
}

}  // namespace

Bill Bill::fromResult(qint64 sessionId, const BillResult &r)
{
    Bill b;
    b.sessionId = sessionId;
    b.tariffId = r.input.tariff.id > 0 ? std::optional<qint64>(r.input.tariff.id) : std::nullopt;
    b.currency = r.currency;
    b.energyWh = r.energyWh;
    b.chargingStartedMs = r.input.chargingStartMs;
    b.chargingEndedMs = r.input.chargingEndMs;
    b.serviceEndedMs = r.input.serviceEndMs;
    b.energyFeeMinor = r.energyFeeMinor;
    b.serviceFeeMinor = r.serviceFeeMinor;
    b.idleFeeMinor = r.idleFeeMinor;
    b.couponId = r.couponId;
    b.couponDeductionMinor = r.couponDeductionMinor;
    b.totalMinor = r.totalMinor;
    b.inputs = QString::fromStdString(nlohmann::json{{"input", toJson(r.input)}, {"result", toJson(r)}}.dump());
    b.detail = r;
    return b;
}

BillRepository::BillRepository(const storage::Database &db) : m_db(db) {}

Expected<std::optional<Bill>> BillRepository::find(qint64 billId) const
{
    return storage::firstOf(storage::fetchAll<Bill>(m_db.connection(),
                                                    QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM bills WHERE id = ?"),
                                                    {billId}, &billFromRow));
}

Expected<std::optional<Bill>> BillRepository::current(qint64 sessionId) const
{
    return storage::firstOf(storage::fetchAll<Bill>(
        m_db.connection(),
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM bills WHERE session_id = ? ORDER BY version DESC LIMIT 1"),
        {sessionId}, &billFromRow));
}

Expected<QList<Bill>> BillRepository::versions(qint64 sessionId) const
{
    return storage::fetchAll<Bill>(m_db.connection(),
                                   QStringLiteral("SELECT ") + kColumns
                                       + QStringLiteral(" FROM bills WHERE session_id = ? ORDER BY version"),
                                   {sessionId}, &billFromRow);
}

Expected<qint64> BillRepository::insert(const Bill &b)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO bills (session_id, version, supersedes_bill_id, tariff_id, currency, energy_wh, "
                                     "charging_started_ms, charging_ended_ms, service_ended_ms, energy_fee_minor, "
                                     "service_fee_minor, idle_fee_minor, coupon_id, coupon_deduction_minor, total_minor, "
                                     "station_energy_wh, station_amount_minor, settlement_state, inputs, correction_method, "
                                     "reason, created_by, created_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {b.sessionId, b.version, bindable(b.supersedesBillId), bindable(b.tariffId), b.currency, b.energyWh,
                       bindable(b.chargingStartedMs), bindable(b.chargingEndedMs), bindable(b.serviceEndedMs),
                       b.energyFeeMinor, b.serviceFeeMinor, b.idleFeeMinor, bindable(b.couponId), b.couponDeductionMinor,
                       b.totalMinor, bindable(b.stationEnergyWh), bindable(b.stationAmountMinor),
                       SettlementText::stateName(b.settlementState), b.inputs, b.correctionMethod, b.reason, b.createdBy,
                       b.createdMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status BillRepository::setSettlementState(qint64 billId, SettlementState state)
{
    return storage::statusOf(Sql::run(m_db.connection(), QStringLiteral("UPDATE bills SET settlement_state = ? WHERE id = ?"),
                                      {SettlementText::stateName(state), billId}));
}

Expected<QList<qint64>> BillRepository::sessionsWithoutBill(qint64 updatedFromMs, qint64 afterSessionId, int limit) const
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT s.id FROM sessions s WHERE s.stop_source <> '' "
                                     "AND s.updated_ms >= ? AND s.id > ? "
                                     "AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.session_id = s.id) "
                                     "ORDER BY s.id LIMIT ?"),
                      {updatedFromMs, afterSessionId, limit});
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q->next())
        out.append(q->value(0).toLongLong());
    return out;
}

}  // namespace cd::billing
