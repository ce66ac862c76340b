-- Version 17: the reconciliation reports over a million sessions (issue #7 item 5;
-- chargedesk-bench-reconciliation). Portable SQL only (SQLite 3.15 and PostgreSQL).
-- The reports sum each session's current bill version (core/reconciliation/billdaytotals.cpp): with
-- the amounts in the index, that is one index lookup per session and no read of the bill row.
CREATE INDEX idx_bills_session_amounts ON bills (session_id, version, currency, energy_wh, total_minor,
                                                 coupon_deduction_minor);
