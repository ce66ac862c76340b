-- Version 7: alerts (core/alerts). What the alert monitor found, what operators did about it, and
-- the e-mail / webhook deliveries. Portable SQL only (SQLite 3.15 and PostgreSQL).

-- One row per alert. dedupe_key names the condition (kind, station, connector, and for
-- session-bound kinds the session); at most one ACTIVE alert per key (the partial unique index),
-- so a condition seen again adds an occurrence instead of a second alert, even with several
-- server processes on one PostgreSQL database. active = 1 while the alert is not resolved, and
-- for a condition an operator resolved while it still held, until the condition clears: only a
-- condition that comes back after that opens a new alert.
-- state: open -> acknowledged -> resolved (resolved_by 'system' when the condition cleared).
CREATE TABLE alerts (
    id {{ID}},
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT 'open',
    station_id BIGINT REFERENCES stations(id),
    charge_point_id TEXT NOT NULL DEFAULT '',
    connector_id INTEGER,
    session_id BIGINT REFERENCES sessions(id),
    opened_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    occurrences INTEGER NOT NULL DEFAULT 1,
    cleared_ms BIGINT,
    acknowledged_ms BIGINT,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    assignee TEXT NOT NULL DEFAULT '',
    resolved_ms BIGINT,
    resolved_by TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    updated_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX idx_alerts_active_key ON alerts (dedupe_key) WHERE active = 1;
CREATE INDEX idx_alerts_state ON alerts (state, id);
CREATE INDEX idx_alerts_station ON alerts (station_id, opened_ms);

-- Append-only: every change of an alert (opened, seen again, acknowledged, assigned, resolved,
-- cleared) with who, when and the note.
CREATE TABLE alert_history (
    id {{ID}},
    alert_id BIGINT NOT NULL REFERENCES alerts(id),
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_alert_history_alert ON alert_history (alert_id, at_ms);

-- The delivery journal: one row per alert and channel (e-mail, webhook), written with the alert,
-- so each alert goes out once per channel. status: pending -> sending -> sent | failed; a
-- failure before the last attempt goes back to pending with next_attempt_ms later.
CREATE TABLE alert_deliveries (
    id {{ID}},
    alert_id BIGINT NOT NULL REFERENCES alerts(id),
    channel TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    claimed_ms BIGINT,
    sent_ms BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    UNIQUE (alert_id, channel)
);
CREATE INDEX idx_alert_deliveries_due ON alert_deliveries (status, next_attempt_ms);

-- How far the monitor has read the append-only sources (session events, meter samples, commands).
CREATE TABLE alert_watermarks (
    source TEXT NOT NULL PRIMARY KEY,
    position BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
