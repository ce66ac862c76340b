-- Version 3: what the charging service (core/charging) needs beyond version 1.
-- Portable SQL only (SQLite 3.15 and PostgreSQL): ADD COLUMN with a default, plain indexes.

-- Stations describe themselves at boot: keep every field of the boot message.
ALTER TABLE stations ADD COLUMN charge_box_serial_number TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN iccid TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN imsi TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN meter_type TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN meter_serial_number TEXT NOT NULL DEFAULT '';
-- When the last connection ended (NULL while connected or never connected).
ALTER TABLE stations ADD COLUMN disconnected_ms BIGINT;

-- Append-only station timeline: boots, firmware changes, connections, firmware/diagnostics/log
-- status, security events, StopTransaction messages that match no session, CSRs.
CREATE TABLE station_events (
    id {{ID}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    session_id BIGINT REFERENCES sessions(id),
    at_ms BIGINT NOT NULL,
    station_at_ms BIGINT,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_station_events_station ON station_events (station_id, at_ms);
CREATE INDEX idx_station_events_kind ON station_events (kind, at_ms);

-- When the current connector status was received (the status time itself is the station's).
ALTER TABLE connectors ADD COLUMN status_received_ms BIGINT;

-- Sessions: the idempotency key of the station's start message (connector, id tag, meter
-- start, station timestamp), the authorization answered at start, who closed the session
-- (station, reboot, superseded, operator), the id tag presented at stop, and the newest
-- energy register reading (station time) for progress and for closing ghost sessions.
ALTER TABLE sessions ADD COLUMN start_key TEXT;
ALTER TABLE sessions ADD COLUMN start_auth_status TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN stop_source TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN stop_id_tag TEXT;
ALTER TABLE sessions ADD COLUMN last_meter_wh BIGINT;
ALTER TABLE sessions ADD COLUMN last_meter_at_ms BIGINT;
CREATE UNIQUE INDEX idx_sessions_start_key ON sessions (station_id, start_key);
CREATE INDEX idx_sessions_transaction ON sessions (station_id, ocpp_transaction_id);
CREATE INDEX idx_sessions_connector_status ON sessions (station_id, connector_id, status);
CREATE INDEX idx_sessions_member_status ON sessions (member_id, status);
CREATE INDEX idx_sessions_created ON sessions (created_ms);

-- Samples without a session (no or unknown transaction) are looked up by station.
CREATE INDEX idx_meter_samples_station ON meter_samples (station_id, station_at_ms);

-- Why the endpoint rejected or ignored a frame (empty when it was fine).
ALTER TABLE ocpp_messages ADD COLUMN problem TEXT NOT NULL DEFAULT '';

CREATE INDEX idx_id_tags_member ON id_tags (member_id);
CREATE INDEX idx_id_tags_lower ON id_tags (LOWER(id_tag));
