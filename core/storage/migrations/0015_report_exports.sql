-- Version 15: report exports and their snapshots (core/reports, issue #7 item 4; DOMAIN
-- "Reconciliation": reports must stay explainable after corrections, gdss_case#8). Portable SQL
-- only (SQLite 3.15 and PostgreSQL). Time in UTC epoch ms.
--
-- Every export records what it contained, so a later run can show what changed since: the rows
-- added, removed and changed (by the row's stable key and a 64-bit content hash).
--
-- * report_exports: one row per finished export: the report's name, its parameters (JSON text),
--   the file format and name, how many rows, the totals (JSON text: energy in Wh and money in
--   minor units per currency), who made it and when.
-- * report_export_snapshots: the snapshot, packed: each row of this table holds up to 4,096 report
--   rows as 16 bytes each (the key and the content hash, two little-endian 64-bit integers), in the
--   order they were written. One database row per report row (export_id, row_key, row_hash) costs
--   32-37 bytes of table and index per report row and a million INSERTs per million-row export;
--   packed it is 16 bytes and 245 INSERTs (measurements in core/reports/reportexportrepository.h).
CREATE TABLE report_exports (
    id {{ID}},
    report TEXT NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{}',
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    totals TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE INDEX idx_report_exports_report ON report_exports (report, id);

CREATE TABLE report_export_snapshots (
    export_id BIGINT NOT NULL REFERENCES report_exports(id),
    chunk INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    packed {{BLOB}} NOT NULL,
    PRIMARY KEY (export_id, chunk)
);

-- The bills report pages through sessions by charging start, then id (keyset paging).
CREATE INDEX idx_sessions_charging_started ON sessions (charging_started_ms, id);
