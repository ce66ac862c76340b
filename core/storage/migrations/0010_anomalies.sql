-- Version 10: anomaly detection (core/anomalies, issue #6 item 4). Portable SQL only (SQLite 3.15
-- and PostgreSQL). bill_anomalies itself is in version 1, its (code, resolved_ms) index in version 2.

-- One row per bill and code: tagging a bill again (a retried issue, a sweep) never doubles a code,
-- also with several server processes on one PostgreSQL database.
CREATE UNIQUE INDEX idx_bill_anomalies_bill_code ON bill_anomalies (bill_id, code);
-- A session's anomalies (the session card, corrections of a session's bills).
CREATE INDEX idx_bill_anomalies_session ON bill_anomalies (session_id);
