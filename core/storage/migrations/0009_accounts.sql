-- Version 9: accounts (core/accounts). Coupon rules (which top-up or which new member earns which
-- coupon, with the coupon's limits), who took a top-up at the desk, which rule issued a coupon and
-- who revoked it, and the lookups of the Accounts screen. Portable SQL only (SQLite 3.15 and
-- PostgreSQL). Money in minor units, time in UTC epoch ms.

-- A rule issues one coupon:
--   trigger 'topup':      to the member whose top-up reached min_topup_minor (of the rules a top-up
--                         reaches, the one with the highest min_topup_minor; one coupon per top-up);
--   trigger 'new_member': to every member created while the rule is active.
-- The coupon copies the rule's amount and limits: min spend, department, sub-operator, station,
-- and its validity: valid_days from the moment it is issued, or the rule's date range.
-- A rule limited to a department issues only to members of that department.
CREATE TABLE coupon_rules (
    id {{ID}},
    name TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    min_topup_minor BIGINT NOT NULL DEFAULT 0,
    amount_minor BIGINT NOT NULL,
    min_spend_minor BIGINT NOT NULL DEFAULT 0,
    department_id BIGINT REFERENCES departments(id),
    sub_operator_id BIGINT REFERENCES sub_operators(id),
    station_id BIGINT REFERENCES stations(id),
    valid_days INTEGER,
    valid_from_ms BIGINT,
    valid_to_ms BIGINT,
    active INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE INDEX idx_coupon_rules_trigger ON coupon_rules (trigger_kind, active);

-- The rule that issued a coupon (NULL: issued by hand) and its revocation.
ALTER TABLE coupons ADD COLUMN rule_id BIGINT REFERENCES coupon_rules(id);
ALTER TABLE coupons ADD COLUMN revoked_ms BIGINT;
ALTER TABLE coupons ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE coupons ADD COLUMN revoke_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_coupons_member ON coupons (member_id, created_ms);
CREATE INDEX idx_coupons_topup ON coupons (source_topup_id);
CREATE INDEX idx_coupons_status ON coupons (status, created_ms);

-- Who took the top-up (an operator at the desk, or the gateway's webhook).
ALTER TABLE topups ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_topups_member ON topups (member_id, created_ms);
CREATE INDEX idx_topups_department ON topups (department_id, created_ms);

CREATE INDEX idx_members_name ON members (name);
CREATE INDEX idx_members_department ON members (department_id);
CREATE INDEX idx_departments_parent ON departments (parent_id);
CREATE INDEX idx_id_tags_department ON id_tags (department_id);
