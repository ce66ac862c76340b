#pragma once
// What one test station was told: every acknowledged (CALLRESULT) StartTransaction, MeterValues
// and StopTransaction with the values it sent, and the one CALL still on the wire (OCPP allows one
// outstanding CALL), whose effect the server may or may not have stored when it died.

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <variant>

namespace cd::test {

struct StartAck {
    qint64 stationTimeMs = 0;
    qint64 meterStartWh = 0;
    qint64 transactionId = 0;  // from the CALLRESULT
};

struct MeterAck {
    qint64 transactionId = 0;
    qint64 stationTimeMs = 0;
    qint64 registerWh = 0;  // Energy.Active.Import.Register
};

struct StopAck {
    qint64 transactionId = 0;
    qint64 stationTimeMs = 0;
    qint64 meterStopWh = 0;  // also sent as the Transaction.End register sample
};

// What an acknowledgement of a CALL records (nothing for Boot and StatusNotification).
using CallEffect = std::variant<std::monostate, StartAck, MeterAck, StopAck>;

struct SentCall {
    QString messageId;
    QString action;
    nlohmann::json payload;
    CallEffect effect;
};

struct StationLedger {
    QString chargePointId;
    QString idTag;
    QList<StartAck> starts;
    QList<MeterAck> meters;
    QList<StopAck> stops;
    QStringList acknowledgedIds;  // message ids of every acknowledged load CALL, Boot and Status too
    std::optional<SentCall> inFlight;
    QStringList problems;  // CALLERRORs, wrong replay answers, unexpected frames

    int acknowledged() const { return int(starts.size() + meters.size() + stops.size()); }
};

}  // namespace cd::test
