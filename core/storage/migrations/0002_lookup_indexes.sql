-- Version 2: the lookups operators do all day, and a settings table.

CREATE INDEX idx_sessions_station_created ON sessions (station_id, created_ms);
CREATE INDEX idx_sessions_status_created ON sessions (status, created_ms);
CREATE INDEX idx_sessions_id_tag ON sessions (id_tag);
CREATE INDEX idx_session_events_session ON session_events (session_id, at_ms);
CREATE INDEX idx_meter_samples_session ON meter_samples (session_id, station_at_ms);
CREATE INDEX idx_ocpp_messages_station ON ocpp_messages (station_id, at_ms);
CREATE INDEX idx_ocpp_messages_session ON ocpp_messages (session_id, at_ms);
CREATE INDEX idx_status_history_connector ON connector_status_history (connector_row_id, received_ms);
CREATE INDEX idx_commands_state ON commands (state, charge_point_id);
CREATE INDEX idx_bill_anomalies_code ON bill_anomalies (code, resolved_ms);
CREATE INDEX idx_members_phone ON members (phone);
CREATE INDEX idx_audit_log_at ON audit_log (at_ms);
CREATE INDEX idx_audit_log_entity ON audit_log (entity_type, entity_id);

CREATE TABLE settings (
    setting_key TEXT NOT NULL PRIMARY KEY,
    setting_value TEXT NOT NULL,
    updated_ms BIGINT NOT NULL
);
