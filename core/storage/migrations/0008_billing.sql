-- Version 8: billing (core/billing). Portable SQL only (SQLite 3.15 and PostgreSQL).

-- The IANA time zone a tariff's time-of-use periods are in (minutes from LOCAL midnight there).
ALTER TABLE tariffs ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
CREATE INDEX idx_tariffs_scope ON tariffs (scope_type, scope_id, valid_from_ms);
CREATE INDEX idx_tariff_periods_tariff ON tariff_periods (tariff_id);

-- Settlement of anomaly bills per sub-operator (DOMAIN "Anomaly bills"): 'settle_first' (charge
-- provisionally, adjust after correction) or 'hold_until_corrected' (no money until corrected).
ALTER TABLE sub_operators ADD COLUMN settlement_mode TEXT NOT NULL DEFAULT 'settle_first';

-- A session's bill versions; sessions without a bill (the billing sweep).
CREATE INDEX idx_bills_session ON bills (session_id, version);
CREATE INDEX idx_bills_settlement ON bills (settlement_state, created_ms);

-- Coupons a member or department holds (the best one is chosen when a bill is issued).
CREATE INDEX idx_coupons_member_status ON coupons (member_id, status);
CREATE INDEX idx_coupons_department_status ON coupons (department_id, status);
