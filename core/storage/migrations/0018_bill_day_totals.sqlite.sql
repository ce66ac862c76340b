-- Version 18 (SQLite): the reconciliation and revenue reports read a year from a per-station,
-- per-UTC-day rollup instead of a million sessions (issue #7 item 5). The PostgreSQL twin is
-- 0018_bill_day_totals.postgres.sql; both keep the same table with the same numbers.
--
-- bill_day_totals holds, per UTC day of the charging start, station and currency, what
-- core/reconciliation/billdaytotals.cpp (BillDayTotals::recompute) sums over the sessions'
-- CURRENT bill versions: sessions, energy, total, coupon deductions, and the same for the
-- sessions that still have an open anomaly. Triggers keep it exact: every write that can change
-- a station-day's sums (a bill version added, changed or removed, an anomaly opened, resolved or
-- removed, a session moved to another start or station) recomputes that station-day from the rows
-- themselves, in the writer's transaction. Recomputing rather than adding deltas keeps one rule
-- (the same query as the direct sums) and heals itself.
CREATE TABLE bill_day_totals (
    day BIGINT NOT NULL,
    station_id BIGINT NOT NULL,
    currency TEXT NOT NULL,
    sessions BIGINT NOT NULL,
    energy_wh BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    coupon_minor BIGINT NOT NULL,
    anomalous_sessions BIGINT NOT NULL,
    anomalous_energy_wh BIGINT NOT NULL,
    anomalous_total_minor BIGINT NOT NULL,
    PRIMARY KEY (day, station_id, currency)
);

-- One station's sessions of one day, for the recomputation.
CREATE INDEX idx_sessions_station_charging ON sessions (station_id, charging_started_ms);

-- SQLite has no procedures: inserting (station_id, day) into this view recomputes that
-- station-day (the INSTEAD OF trigger below), so the rule is written once.
CREATE VIEW bill_day_refresh AS SELECT CAST(0 AS BIGINT) AS station_id, CAST(0 AS BIGINT) AS day;

CREATE TRIGGER bill_day_refresh_run INSTEAD OF INSERT ON bill_day_refresh
BEGIN
    DELETE FROM bill_day_totals WHERE day = NEW.day AND station_id = NEW.station_id;
    INSERT INTO bill_day_totals (day, station_id, currency, sessions, energy_wh, total_minor, coupon_minor,
                                 anomalous_sessions, anomalous_energy_wh, anomalous_total_minor)
    SELECT NEW.day, NEW.station_id, b.currency, COUNT(*), SUM(b.energy_wh), SUM(b.total_minor),
           SUM(b.coupon_deduction_minor),
           SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                    THEN 1 ELSE 0 END),
           SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                    THEN b.energy_wh ELSE 0 END),
           SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                    THEN b.total_minor ELSE 0 END)
    FROM sessions s
    JOIN bills b ON b.session_id = s.id
                AND NOT EXISTS (SELECT 1 FROM bills b2 WHERE b2.session_id = b.session_id AND b2.version > b.version)
    WHERE s.station_id = NEW.station_id
      AND s.charging_started_ms >= NEW.day * 86400000 AND s.charging_started_ms < (NEW.day + 1) * 86400000
    GROUP BY b.currency;
END;

CREATE TRIGGER bills_day_totals_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id = NEW.session_id AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER bills_day_totals_update
AFTER UPDATE OF session_id, version, currency, energy_wh, total_minor, coupon_deduction_minor ON bills
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id IN (OLD.session_id, NEW.session_id) AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER bills_day_totals_delete AFTER DELETE ON bills
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id = OLD.session_id AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER bill_anomalies_day_totals_insert AFTER INSERT ON bill_anomalies
WHEN NEW.resolved_ms IS NULL
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id = NEW.session_id AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER bill_anomalies_day_totals_update AFTER UPDATE OF session_id, resolved_ms ON bill_anomalies
WHEN OLD.session_id IS NOT NEW.session_id OR (OLD.resolved_ms IS NULL) <> (NEW.resolved_ms IS NULL)
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id IN (OLD.session_id, NEW.session_id) AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER bill_anomalies_day_totals_delete AFTER DELETE ON bill_anomalies
WHEN OLD.resolved_ms IS NULL
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT station_id, charging_started_ms / 86400000 FROM sessions
    WHERE id = OLD.session_id AND charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER sessions_day_totals_move AFTER UPDATE OF station_id, charging_started_ms ON sessions
WHEN OLD.station_id IS NOT NEW.station_id OR OLD.charging_started_ms IS NOT NEW.charging_started_ms
BEGIN
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT OLD.station_id, OLD.charging_started_ms / 86400000 WHERE OLD.charging_started_ms IS NOT NULL;
    INSERT INTO bill_day_refresh (station_id, day)
    SELECT NEW.station_id, NEW.charging_started_ms / 86400000 WHERE NEW.charging_started_ms IS NOT NULL;
END;

CREATE TRIGGER sessions_day_totals_delete AFTER DELETE ON sessions
WHEN OLD.charging_started_ms IS NOT NULL
BEGIN
    INSERT INTO bill_day_refresh (station_id, day) VALUES (OLD.station_id, OLD.charging_started_ms / 86400000);
END;

-- The sums of the bills already written.
INSERT INTO bill_day_totals (day, station_id, currency, sessions, energy_wh, total_minor, coupon_minor,
                             anomalous_sessions, anomalous_energy_wh, anomalous_total_minor)
SELECT s.charging_started_ms / 86400000, s.station_id, b.currency, COUNT(*), SUM(b.energy_wh), SUM(b.total_minor),
       SUM(b.coupon_deduction_minor),
       SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                THEN b.energy_wh ELSE 0 END),
       SUM(CASE WHEN EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND ba.resolved_ms IS NULL)
                THEN b.total_minor ELSE 0 END)
FROM sessions s
JOIN bills b ON b.session_id = s.id
            AND NOT EXISTS (SELECT 1 FROM bills b2 WHERE b2.session_id = b.session_id AND b2.version > b.version)
WHERE s.charging_started_ms IS NOT NULL
GROUP BY s.charging_started_ms / 86400000, s.station_id, b.currency;
