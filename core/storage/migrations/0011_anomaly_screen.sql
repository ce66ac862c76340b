-- Version 11: the Anomaly bills screen stays fast with 100,000+ open anomaly bills (issue #6).
-- The open anomalies (of a code) and their sessions, read from the index alone: the list's
-- semi-join and the statistics' grouping. A session's rows are in idx_bill_anomalies_session
-- (version 10).
CREATE INDEX idx_bill_anomalies_open ON bill_anomalies (resolved_ms, code, session_id);
-- Sessions by start time with their station: the period filter and the statistics' sessions per
-- station and day.
CREATE INDEX idx_sessions_started ON sessions (started_ms, station_id);
