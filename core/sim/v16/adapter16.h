#pragma once
// OCPP 1.6J for the simulated station: builds the station's CALLs, reads the server's answers,
// and answers every 1.6 server command (Core, Firmware Management, Local Auth List Management,
// Reservation, Smart Charging, Remote Trigger) through StationCommands.

#include "core/sim/protocoladapter.h"

namespace cd::sim::v16 {

class Ocpp16Adapter final : public ProtocolAdapter {
public:
    ocpp::ProtocolVersion version() const override { return ocpp::ProtocolVersion::Ocpp16; }

    OutgoingMessage bootNotification(const StationIdentity &identity) const override;
    OutgoingMessage heartbeat() const override;
    OutgoingMessage statusNotification(const StatusReport &report) const override;
    OutgoingMessage authorize(const QString &idTag) const override;
    OutgoingMessage startTransaction(const StartTransactionData &data) const override;
    OutgoingMessage meterValues(int connectorId, std::optional<int> transactionId,
                                const std::vector<MeterSample> &samples) const override;
    OutgoingMessage stopTransaction(int transactionId, const StopTransactionData &data) const override;
    OutgoingMessage diagnosticsStatus(DiagnosticsStatus status) const override;
    OutgoingMessage firmwareStatus(FirmwareStatus status) const override;

    std::optional<BootResult> parseBootResult(const nlohmann::json &payload) const override;
    std::optional<AuthorizationStatus> parseAuthorizeResult(const nlohmann::json &payload) const override;
    std::optional<StartResult> parseStartResult(const OutgoingMessage &sent, const nlohmann::json &payload) const override;

    void installHandlers(ocpp::RpcEndpoint &endpoint, StationCommands &commands) const override;
};

// Exposed for the tests: one sampled-value set as a 1.6 "meterValue" element.
nlohmann::json meterValueElement(const MeterSample &sample);

}  // namespace cd::sim::v16
