-- Version 12: coupons earned by spend (DOMAIN "Tariffs and accounts", igo_case#92: "cumulative
-- spend from Oct 1 to Nov 30 earns a coupon"). Portable SQL only (SQLite 3.15 and PostgreSQL).
-- Money in minor units, time in UTC epoch ms.
--
-- A rule with trigger 'spend' issues ONE coupon per member (and rule) when the member's spend
-- reaches min_total_spend_minor. The spend is the sum of total_minor (after any coupon: what the
-- member was charged) of the CURRENT version of each bill (superseded versions do not count) of the
-- member's sessions whose charging started within the rule's date range [valid_from_ms,
-- valid_to_ms) (an open end: no limit). It is issued in the transaction that issues the bill that
-- made the spend reach the threshold; that bill is the coupon's earned_by_bill_id. A correction that
-- changes a bill's total recomputes the spend (core/anomalies).
ALTER TABLE coupon_rules ADD COLUMN min_total_spend_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE coupons ADD COLUMN earned_by_bill_id BIGINT REFERENCES bills(id);
-- "Has this member already got the rule's coupon?" and the coupons a bill earned.
CREATE INDEX idx_coupons_rule_member ON coupons (rule_id, member_id);
CREATE INDEX idx_coupons_earned_bill ON coupons (earned_by_bill_id);
-- A member's sessions (the spend sum).
CREATE INDEX idx_sessions_member_charging ON sessions (member_id, charging_started_ms);
