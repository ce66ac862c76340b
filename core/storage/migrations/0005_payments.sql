-- Version 5: payments (core/payments). The idempotency journal of every money call to a payment
-- gateway, the manual (cash) gateway's own records, and what payment_holds and their events lacked.
-- Portable SQL only (SQLite 3.15 and PostgreSQL).

-- How much of the captured amount went back to the customer, and the last error the gateway gave.
ALTER TABLE payment_holds ADD COLUMN refunded_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE payment_holds ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_payment_holds_ref ON payment_holds (gateway, gateway_ref);
CREATE INDEX idx_payment_holds_session ON payment_holds (session_id);

-- Hold history: the gateway's status reports (source 'report', webhook-like) and the answers to our
-- own calls (source 'call'). applied: 0 waiting (no hold row or no card token yet, or an earlier
-- report still waits: seed 000 "IGNORED, NO TOKEN YET"), 1 applied, 2 kept but not applied (the hold
-- had already moved past that status).
ALTER TABLE payment_hold_events ADD COLUMN gateway TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_hold_events ADD COLUMN source TEXT NOT NULL DEFAULT 'report';
ALTER TABLE payment_hold_events ADD COLUMN card_token TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_hold_events ADD COLUMN amount_minor BIGINT;
ALTER TABLE payment_hold_events ADD COLUMN applied_ms BIGINT;
CREATE INDEX idx_payment_hold_events_ref ON payment_hold_events (gateway, gateway_ref, applied);
CREATE INDEX idx_payment_hold_events_hold ON payment_hold_events (hold_id, received_ms);

-- Every call that moves money (hold, capture, void, refund), written with its idempotency key
-- BEFORE the gateway is called: state pending → done | failed. A pending call (the answer never
-- came: crash, timeout, 5xx) is sent again with the same key, so the gateway does it at most once.
CREATE TABLE payment_calls (
    id {{ID}},
    hold_id BIGINT REFERENCES payment_holds(id),
    gateway TEXT NOT NULL,
    operation TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor BIGINT NOT NULL DEFAULT 0,
    request TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    response TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    requested_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX idx_payment_calls_state ON payment_calls (state, created_ms);
CREATE INDEX idx_payment_calls_hold ON payment_calls (hold_id, created_ms);

-- The manual / cash gateway: the money the operator takes at the desk, kept like a card gateway
-- keeps it (reference "cash_<id>").
CREATE TABLE manual_payments (
    id {{ID}},
    amount_minor BIGINT NOT NULL,
    captured_minor BIGINT NOT NULL DEFAULT 0,
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    payment_method TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

-- The manual gateway answers a repeated idempotency key with its first answer, as a card gateway does.
CREATE TABLE manual_payment_requests (
    idempotency_key TEXT NOT NULL PRIMARY KEY,
    operation TEXT NOT NULL,
    payment_id BIGINT REFERENCES manual_payments(id),
    response TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
