-- Version 19: operators and roles in use (issue #8 item 2). The tables roles, role_permissions
-- and operators exist since version 1; this adds the console's login sessions and seeds the four
-- built-in roles with their permissions (the keys of core/access/permission.cpp). Administrators
-- have every permission in code (core/access), so their role needs no rows here.

-- A login session: the token itself is only in the console's memory; the row keeps its SHA-256.
-- Open while ended_ms is NULL; one idle for longer than the configured time counts as expired
-- and is ended at the next login of that operator (end_reason 'expired').
CREATE TABLE operator_sessions (
    id {{ID}},
    operator_id BIGINT NOT NULL REFERENCES operators(id),
    token_hash TEXT NOT NULL UNIQUE,
    client TEXT NOT NULL DEFAULT '',
    started_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    ended_ms BIGINT,
    end_reason TEXT
);

CREATE INDEX idx_operator_sessions_operator ON operator_sessions (operator_id, ended_ms);

CREATE INDEX idx_operators_role ON operators (role_id);

CREATE INDEX idx_audit_log_operator ON audit_log (operator_id, at_ms);

INSERT INTO roles (name, builtin, created_ms) VALUES ('support', 1, 0);
INSERT INTO roles (name, builtin, created_ms) VALUES ('site_manager', 1, 0);
INSERT INTO roles (name, builtin, created_ms) VALUES ('accountant', 1, 0);
INSERT INTO roles (name, builtin, created_ms) VALUES ('administrator', 1, 0);

-- Support operators: find a session and fix it, handle cards, alerts and station commands.
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, p.permission FROM roles r,
    (SELECT 'screen.dashboard' AS permission UNION ALL SELECT 'screen.map' UNION ALL SELECT 'screen.stations'
     UNION ALL SELECT 'screen.operations' UNION ALL SELECT 'screen.alerts' UNION ALL SELECT 'sessions.finish'
     UNION ALL SELECT 'sessions.cancel_hold' UNION ALL SELECT 'sessions.finalize' UNION ALL SELECT 'sessions.set_energy'
     UNION ALL SELECT 'sessions.set_status' UNION ALL SELECT 'stations.command' UNION ALL SELECT 'idtags.edit'
     UNION ALL SELECT 'alerts.handle') p
WHERE r.name = 'support';

-- Site managers: the station map, faults, firmware and their sites; meter readings.
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, p.permission FROM roles r,
    (SELECT 'screen.dashboard' AS permission UNION ALL SELECT 'screen.map' UNION ALL SELECT 'screen.stations'
     UNION ALL SELECT 'screen.operations' UNION ALL SELECT 'screen.alerts' UNION ALL SELECT 'screen.reports'
     UNION ALL SELECT 'stations.command' UNION ALL SELECT 'stations.edit' UNION ALL SELECT 'sites.edit'
     UNION ALL SELECT 'alerts.handle' UNION ALL SELECT 'reconciliation.import' UNION ALL SELECT 'reports.export') p
WHERE r.name = 'site_manager';

-- Accountants: bills, refunds, tariffs, accounts, reconciliation and the audit log.
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, p.permission FROM roles r,
    (SELECT 'screen.dashboard' AS permission UNION ALL SELECT 'screen.operations' UNION ALL SELECT 'screen.anomalies'
     UNION ALL SELECT 'screen.accounts' UNION ALL SELECT 'screen.refunds' UNION ALL SELECT 'screen.reports'
     UNION ALL SELECT 'screen.audit' UNION ALL SELECT 'bills.correct' UNION ALL SELECT 'tariffs.edit'
     UNION ALL SELECT 'refunds.apply' UNION ALL SELECT 'refunds.approve' UNION ALL SELECT 'refunds.confirm'
     UNION ALL SELECT 'accounts.edit' UNION ALL SELECT 'accounts.topup' UNION ALL SELECT 'coupons.edit'
     UNION ALL SELECT 'reconciliation.import' UNION ALL SELECT 'reports.export' UNION ALL SELECT 'audit.view') p
WHERE r.name = 'accountant';
