-- ChargeDesk schema, version 1.
-- Portable SQL for SQLite 3.15 (SQLCipher 3.4) and PostgreSQL: no UPSERT, no JSON
-- functions, no window functions. Tokens {{ID}}, {{BLOB}}, {{REAL}} are expanded by Dialect.
-- Money: BIGINT minor units (*_minor). Energy: BIGINT Wh (*_wh). Time: BIGINT UTC epoch ms (*_ms).
-- Rows that money or status depend on are append-only or versioned; corrections point at
-- what they correct.

-- Operators, roles, audit -------------------------------------------------------------

CREATE TABLE roles (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    builtin INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);

CREATE TABLE role_permissions (
    role_id BIGINT NOT NULL REFERENCES roles(id),
    permission TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE operators (
    id {{ID}},
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role_id BIGINT NOT NULL REFERENCES roles(id),
    max_concurrent_logins INTEGER NOT NULL DEFAULT 1,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);

-- Append-only: never updated or deleted. operator_name is kept as it was at the time.
CREATE TABLE audit_log (
    id {{ID}},
    at_ms BIGINT NOT NULL,
    operator_id BIGINT REFERENCES operators(id),
    operator_name TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    before_state TEXT,
    after_state TEXT
);

-- Sites, stations, connectors ---------------------------------------------------------

CREATE TABLE sub_operators (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    created_ms BIGINT NOT NULL
);

CREATE TABLE sites (
    id {{ID}},
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    sub_operator_id BIGINT REFERENCES sub_operators(id),
    latitude {{REAL}},
    longitude {{REAL}},
    created_ms BIGINT NOT NULL
);

CREATE TABLE stations (
    id {{ID}},
    charge_point_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    site_id BIGINT REFERENCES sites(id),
    vendor TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    firmware TEXT NOT NULL DEFAULT '',
    serial_number TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    latitude {{REAL}},
    longitude {{REAL}},
    hidden INTEGER NOT NULL DEFAULT 0,
    protocol TEXT NOT NULL DEFAULT '',
    registration_status TEXT NOT NULL DEFAULT 'Pending',
    security_profile INTEGER NOT NULL DEFAULT 0,
    auth_password_hash TEXT,
    last_boot_ms BIGINT,
    last_heartbeat_ms BIGINT,
    connected_since_ms BIGINT,
    created_ms BIGINT NOT NULL
);

-- One row per EVSE/connector (1.6: evse_id = connector_id, 0 = the station itself).
CREATE TABLE connectors (
    id {{ID}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    evse_id INTEGER NOT NULL,
    connector_id INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'Unknown',
    error_code TEXT NOT NULL DEFAULT '',
    vendor_error TEXT NOT NULL DEFAULT '',
    status_at_ms BIGINT,
    UNIQUE (station_id, evse_id, connector_id)
);

-- Millisecond history of connector states (zpd_case#20: sorting needs the milliseconds).
CREATE TABLE connector_status_history (
    id {{ID}},
    connector_row_id BIGINT NOT NULL REFERENCES connectors(id),
    station_id BIGINT NOT NULL REFERENCES stations(id),
    status TEXT NOT NULL,
    error_code TEXT NOT NULL DEFAULT '',
    info TEXT NOT NULL DEFAULT '',
    station_at_ms BIGINT,
    received_ms BIGINT NOT NULL
);

-- Accounts ----------------------------------------------------------------------------

CREATE TABLE departments (
    id {{ID}},
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES departments(id),
    bill_to_parent INTEGER NOT NULL DEFAULT 0,
    balance_minor BIGINT NOT NULL DEFAULT 0,
    auto_stop_threshold_minor BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);

CREATE TABLE members (
    id {{ID}},
    name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    department_id BIGINT REFERENCES departments(id),
    balance_minor BIGINT NOT NULL DEFAULT 0,
    refundable_minor BIGINT NOT NULL DEFAULT 0,
    pending_refund_minor BIGINT NOT NULL DEFAULT 0,
    auto_stop_threshold_minor BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);

-- Cards, app tokens and department cards (one department card may start several vehicles).
CREATE TABLE id_tags (
    id {{ID}},
    id_tag TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'card',
    member_id BIGINT REFERENCES members(id),
    department_id BIGINT REFERENCES departments(id),
    parent_id_tag TEXT,
    status TEXT NOT NULL DEFAULT 'Accepted',
    expiry_ms BIGINT,
    max_concurrent_sessions INTEGER NOT NULL DEFAULT 1,
    created_ms BIGINT NOT NULL
);

CREATE TABLE topups (
    id {{ID}},
    member_id BIGINT REFERENCES members(id),
    department_id BIGINT REFERENCES departments(id),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    gateway TEXT NOT NULL,
    gateway_receipt TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL
);

-- Tariffs (versioned: a bill uses the version valid when the session ran) -------------

CREATE TABLE tariffs (
    id {{ID}},
    name TEXT NOT NULL,
    scope_type TEXT NOT NULL DEFAULT 'global',
    scope_id BIGINT,
    version INTEGER NOT NULL,
    supersedes_id BIGINT REFERENCES tariffs(id),
    valid_from_ms BIGINT NOT NULL,
    valid_to_ms BIGINT,
    currency TEXT NOT NULL,
    energy_price_minor_per_kwh BIGINT NOT NULL DEFAULT 0,
    service_fee_minor_per_kwh BIGINT NOT NULL DEFAULT 0,
    idle_fee_minor_per_min BIGINT NOT NULL DEFAULT 0,
    idle_free_minutes INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);

-- Time-of-use periods in minutes from local midnight; end < start crosses midnight.
CREATE TABLE tariff_periods (
    id {{ID}},
    tariff_id BIGINT NOT NULL REFERENCES tariffs(id),
    kind TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    energy_price_minor_per_kwh BIGINT NOT NULL
);

CREATE TABLE coupons (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    amount_minor BIGINT NOT NULL,
    min_spend_minor BIGINT NOT NULL DEFAULT 0,
    department_id BIGINT REFERENCES departments(id),
    sub_operator_id BIGINT REFERENCES sub_operators(id),
    station_id BIGINT REFERENCES stations(id),
    valid_from_ms BIGINT,
    valid_to_ms BIGINT,
    valid_days INTEGER,
    member_id BIGINT REFERENCES members(id),
    issued_reason TEXT NOT NULL DEFAULT '',
    source_topup_id BIGINT REFERENCES topups(id),
    status TEXT NOT NULL DEFAULT 'issued',
    used_session_id BIGINT,
    created_ms BIGINT NOT NULL
);

-- Sessions (operations) ---------------------------------------------------------------

CREATE TABLE sessions (
    id {{ID}},
    session_number TEXT NOT NULL UNIQUE,
    station_id BIGINT NOT NULL REFERENCES stations(id),
    connector_row_id BIGINT REFERENCES connectors(id),
    evse_id INTEGER,
    connector_id INTEGER,
    ocpp_transaction_id TEXT,
    id_tag TEXT,
    member_id BIGINT REFERENCES members(id),
    department_id BIGINT REFERENCES departments(id),
    status TEXT NOT NULL DEFAULT 'created',
    hold_status TEXT NOT NULL DEFAULT 'none',
    payment_status TEXT NOT NULL DEFAULT 'none',
    tariff_id BIGINT REFERENCES tariffs(id),
    currency TEXT NOT NULL DEFAULT '',
    meter_start_wh BIGINT,
    meter_stop_wh BIGINT,
    energy_wh BIGINT NOT NULL DEFAULT 0,
    amount_minor BIGINT NOT NULL DEFAULT 0,
    hold_amount_minor BIGINT NOT NULL DEFAULT 0,
    captured_minor BIGINT NOT NULL DEFAULT 0,
    stop_reason TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    started_ms BIGINT,
    charging_started_ms BIGINT,
    charging_ended_ms BIGINT,
    ended_ms BIGINT,
    updated_ms BIGINT NOT NULL
);

CREATE TABLE session_events (
    id {{ID}},
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    at_ms BIGINT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    operator_name TEXT
);

-- Meter samples: value in thousandths of the unit (mW, mA, mV, m%, mWh) so no floats.
CREATE TABLE meter_samples (
    id {{ID}},
    session_id BIGINT REFERENCES sessions(id),
    station_id BIGINT NOT NULL REFERENCES stations(id),
    evse_id INTEGER,
    connector_id INTEGER,
    station_at_ms BIGINT NOT NULL,
    received_ms BIGINT NOT NULL,
    measurand TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    value_milli BIGINT NOT NULL
);

-- Raw OCPP traffic, in and out, for the session log.
CREATE TABLE ocpp_messages (
    id {{ID}},
    station_id BIGINT REFERENCES stations(id),
    charge_point_id TEXT NOT NULL,
    session_id BIGINT REFERENCES sessions(id),
    direction TEXT NOT NULL,
    message_type INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    action TEXT NOT NULL DEFAULT '',
    error_code TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);

-- Operator commands to stations: executed by whichever process holds the connection.
CREATE TABLE commands (
    id {{ID}},
    station_id BIGINT REFERENCES stations(id),
    charge_point_id TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    requested_ms BIGINT NOT NULL,
    wait_if_offline INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'queued',
    owner_node TEXT,
    sent_ms BIGINT,
    completed_ms BIGINT,
    result TEXT
);

-- Payment holds (pre-authorisation) and their history -----------------------------------

CREATE TABLE payment_holds (
    id {{ID}},
    session_id BIGINT REFERENCES sessions(id),
    gateway TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor BIGINT NOT NULL,
    captured_minor BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'created',
    gateway_ref TEXT NOT NULL DEFAULT '',
    card_token TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

CREATE TABLE payment_hold_events (
    id {{ID}},
    hold_id BIGINT REFERENCES payment_holds(id),
    gateway_ref TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    raw TEXT NOT NULL DEFAULT '',
    applied INTEGER NOT NULL DEFAULT 0,
    received_ms BIGINT NOT NULL
);

-- Bills (versioned: a correction is a new row pointing at the one it corrects) ----------

CREATE TABLE bills (
    id {{ID}},
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    version INTEGER NOT NULL,
    supersedes_bill_id BIGINT REFERENCES bills(id),
    tariff_id BIGINT REFERENCES tariffs(id),
    currency TEXT NOT NULL,
    energy_wh BIGINT NOT NULL,
    charging_started_ms BIGINT,
    charging_ended_ms BIGINT,
    service_ended_ms BIGINT,
    energy_fee_minor BIGINT NOT NULL DEFAULT 0,
    service_fee_minor BIGINT NOT NULL DEFAULT 0,
    idle_fee_minor BIGINT NOT NULL DEFAULT 0,
    coupon_id BIGINT REFERENCES coupons(id),
    coupon_deduction_minor BIGINT NOT NULL DEFAULT 0,
    total_minor BIGINT NOT NULL,
    station_energy_wh BIGINT,
    station_amount_minor BIGINT,
    settlement_state TEXT NOT NULL DEFAULT 'unsettled',
    inputs TEXT NOT NULL DEFAULT '',
    correction_method TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    UNIQUE (session_id, version)
);

CREATE TABLE bill_anomalies (
    id {{ID}},
    bill_id BIGINT NOT NULL REFERENCES bills(id),
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    code INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    detected_ms BIGINT NOT NULL,
    resolved_ms BIGINT,
    resolved_by_bill_id BIGINT REFERENCES bills(id)
);

-- Refunds -----------------------------------------------------------------------------

CREATE TABLE refund_applications (
    id {{ID}},
    member_id BIGINT NOT NULL REFERENCES members(id),
    amount_minor BIGINT NOT NULL,
    commission_minor BIGINT NOT NULL DEFAULT 0,
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    progress TEXT NOT NULL DEFAULT 'applied',
    revoke_coupons INTEGER NOT NULL DEFAULT 1,
    applied_ms BIGINT NOT NULL,
    decided_ms BIGINT,
    decided_by TEXT
);

CREATE TABLE refund_audit (
    id {{ID}},
    application_id BIGINT NOT NULL REFERENCES refund_applications(id),
    at_ms BIGINT NOT NULL,
    operator_name TEXT NOT NULL,
    decision TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE refund_gateway_records (
    id {{ID}},
    application_id BIGINT NOT NULL REFERENCES refund_applications(id),
    topup_id BIGINT REFERENCES topups(id),
    original_total_minor BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    our_refund_no TEXT NOT NULL UNIQUE,
    gateway_refund_no TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'in_progress',
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
