-- Version 16: reconciliation (core/reconciliation, issue #7 item 2; DOMAIN "Reconciliation",
-- zpd_case#2, #13, #5_20191122, igo_case#97). Portable SQL only (SQLite 3.15 and PostgreSQL). Money
-- in minor units, energy in Wh, time in UTC epoch ms.
--
-- * site_meter_readings: what a site's own meter says it delivered in [start_ms, end_ms), entered
--   by an operator or imported from a CSV file (source 'entered' / 'imported'). One reading per site
--   and period: entering the same site and period again replaces the reading (the change and the
--   old value are in audit_log); readings of one site never overlap otherwise, so a sum of readings
--   never counts energy twice (meterreadingrepository.h).
-- * gateway_receipts: what a payment gateway says it received, imported from its statement CSV.
--   (gateway, reference) is unique: importing the same statement twice adds nothing. A top-up is
--   matched to its receipt by topups.gateway = gateway AND topups.gateway_receipt = reference.
CREATE TABLE site_meter_readings (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    energy_wh BIGINT NOT NULL,
    source TEXT NOT NULL DEFAULT 'entered',
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    UNIQUE (site_id, start_ms, end_ms)
);

CREATE TABLE gateway_receipts (
    id {{ID}},
    gateway TEXT NOT NULL,
    reference TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    received_ms BIGINT NOT NULL,
    imported_ms BIGINT NOT NULL,
    import_file TEXT NOT NULL DEFAULT '',
    imported_by TEXT NOT NULL DEFAULT '',
    UNIQUE (gateway, reference)
);
CREATE INDEX idx_gateway_receipts_received ON gateway_receipts (received_ms);

-- Top-ups by time (the money report) and by their gateway reference (the matching).
CREATE INDEX idx_topups_created ON topups (created_ms);
CREATE INDEX idx_topups_receipt ON topups (gateway, gateway_receipt);
-- Refunds paid out, by when the gateway confirmed them (the money report).
CREATE INDEX idx_refund_gateway_records_status ON refund_gateway_records (status, updated_ms);
-- The reports' sums per station and day read the sessions of a period from the index alone.
CREATE INDEX idx_sessions_charging_station ON sessions (charging_started_ms, station_id, id);
