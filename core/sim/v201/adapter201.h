#pragma once
// OCPP 2.0.1 for the simulated station. The station thinks in 1.6-shaped, version-neutral terms
// (start, meter values, stop with an integer transaction id); this adapter speaks 2.0.1:
// TransactionEvent Started / Updated / Ended with the station's own string transaction id and a
// seqNo per transaction, StatusNotification per EVSE (one connector each), idTokens, and the
// 2.0.1 server commands (blocks B, C, E, F, G, H, K, L, N, P) answered through StationCommands.

#include "core/sim/protocoladapter.h"

#include <map>

namespace cd::sim::v201 {

class Ocpp201Adapter final : public ProtocolAdapter {
public:
    Ocpp201Adapter();

    ocpp::ProtocolVersion version() const override { return ocpp::ProtocolVersion::Ocpp201; }

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

private:
    // The next seqNo of a transaction (0 for its Started event).
    int nextSeqNo(int transactionId) const;

    // Transaction ids this station hands out: increasing from the wall clock's seconds at
    // creation, so a restarted station never reuses one. The adapter builds every message of
    // its station on one thread.
    mutable int m_nextTransactionId;
    mutable std::map<int, int> m_seqNo;  // transaction id → next seqNo
};

// Exposed for the tests: one sampled-value set as a 2.0.1 MeterValueType.
nlohmann::json meterValueElement(const MeterSample &sample);
// The 2.0.1 connectorStatus a 1.6-style connector status reports.
const char *connectorStatus(ConnectorStatus status);

}  // namespace cd::sim::v201
