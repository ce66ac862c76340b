-- Version 4: what OCPP 2.0.1 stations need beyond version 3.
-- Portable SQL only (SQLite 3.15 and PostgreSQL).

-- Every TransactionEvent a station sent, one row per (transaction, seqNo): a replayed seqNo is
-- recognised and answered with the authorization stored here, never counted twice; gaps in the
-- sequence are found from these rows. The 2.0.1 transaction id (a string the station chose)
-- lives in sessions.ocpp_transaction_id like the 1.6 integer one.
CREATE TABLE transaction_events (
    id {{ID}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    transaction_id TEXT NOT NULL,
    seq_no BIGINT NOT NULL,
    session_id BIGINT REFERENCES sessions(id),
    event_type TEXT NOT NULL,
    trigger_reason TEXT NOT NULL DEFAULT '',
    offline INTEGER NOT NULL DEFAULT 0,
    station_at_ms BIGINT NOT NULL,
    received_ms BIGINT NOT NULL,
    auth_status TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_transaction_events_seq ON transaction_events (station_id, transaction_id, seq_no);

-- A 2.0.1 station's device model as its NotifyReport messages describe it: one row per
-- component/variable/attribute, replaced when a newer report names the same attribute.
CREATE TABLE device_model (
    id {{ID}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    component TEXT NOT NULL,
    component_instance TEXT NOT NULL DEFAULT '',
    evse_id INTEGER,
    connector_id INTEGER,
    variable TEXT NOT NULL,
    variable_instance TEXT NOT NULL DEFAULT '',
    attribute_type TEXT NOT NULL DEFAULT 'Actual',
    value TEXT,
    mutability TEXT NOT NULL DEFAULT '',
    persistent INTEGER,
    constant INTEGER,
    data_type TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    values_list TEXT NOT NULL DEFAULT '',
    report_request_id BIGINT,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX idx_device_model_station ON device_model (station_id, component, variable);
