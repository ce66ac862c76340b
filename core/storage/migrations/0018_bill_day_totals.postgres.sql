-- Version 18 (PostgreSQL): the per-station, per-UTC-day rollup of the current bill versions that
-- the reconciliation and revenue reports read (issue #7 item 5). The table, the rule and the
-- triggers are those of 0018_bill_day_totals.sqlite.sql (read its header); here the rule is a
-- function, and it first locks the station-day's row in bill_day_locks, so that two consoles, or
-- a console and the server, writing bills of the same station-day recompute it in turn and the
-- second sees the first's committed rows (READ COMMITTED takes a new snapshot for every statement
-- of a function). A row lock rather than an advisory lock: row locks live in the rows, so a
-- transaction that writes the bills of thousands of station-days does not run out of the shared
-- lock table (max_locks_per_transaction).
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

CREATE TABLE bill_day_locks (
    day BIGINT NOT NULL,
    station_id BIGINT NOT NULL,
    PRIMARY KEY (day, station_id)
);

CREATE INDEX idx_sessions_station_charging ON sessions (station_id, charging_started_ms);

CREATE FUNCTION bill_day_refresh(p_station BIGINT, p_day BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bill_day_locks (day, station_id) VALUES (p_day, p_station) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM bill_day_locks WHERE day = p_day AND station_id = p_station FOR UPDATE;
    DELETE FROM bill_day_totals WHERE day = p_day AND station_id = p_station;
    INSERT INTO bill_day_totals (day, station_id, currency, sessions, energy_wh, total_minor, coupon_minor,
                                 anomalous_sessions, anomalous_energy_wh, anomalous_total_minor)
    SELECT p_day, p_station, b.currency, COUNT(*), SUM(b.energy_wh), SUM(b.total_minor),
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
    WHERE s.station_id = p_station
      AND s.charging_started_ms >= p_day * 86400000 AND s.charging_started_ms < (p_day + 1) * 86400000
    GROUP BY b.currency;
END;
$$;

-- The station-day of a session, recomputed (nothing when the session has not started charging).
CREATE FUNCTION bill_day_refresh_session(p_session BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bill_day_refresh(station_id, charging_started_ms / 86400000)
    FROM sessions WHERE id = p_session AND charging_started_ms IS NOT NULL;
END;
$$;

CREATE FUNCTION bills_day_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM bill_day_refresh_session(OLD.session_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.session_id <> OLD.session_id) THEN
        PERFORM bill_day_refresh_session(NEW.session_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER bills_day_totals AFTER INSERT OR DELETE
OR UPDATE OF session_id, version, currency, energy_wh, total_minor, coupon_deduction_minor ON bills
FOR EACH ROW EXECUTE FUNCTION bills_day_totals();

CREATE FUNCTION bill_anomalies_day_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.resolved_ms IS NULL THEN
            PERFORM bill_day_refresh_session(NEW.session_id);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.resolved_ms IS NULL THEN
            PERFORM bill_day_refresh_session(OLD.session_id);
        END IF;
    ELSIF OLD.session_id <> NEW.session_id OR (OLD.resolved_ms IS NULL) <> (NEW.resolved_ms IS NULL) THEN
        PERFORM bill_day_refresh_session(OLD.session_id);
        IF NEW.session_id <> OLD.session_id THEN
            PERFORM bill_day_refresh_session(NEW.session_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER bill_anomalies_day_totals AFTER INSERT OR DELETE OR UPDATE OF session_id, resolved_ms ON bill_anomalies
FOR EACH ROW EXECUTE FUNCTION bill_anomalies_day_totals();

CREATE FUNCTION sessions_day_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.charging_started_ms IS NOT NULL THEN
        PERFORM bill_day_refresh(OLD.station_id, OLD.charging_started_ms / 86400000);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.charging_started_ms IS NOT NULL THEN
        PERFORM bill_day_refresh(NEW.station_id, NEW.charging_started_ms / 86400000);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_day_totals_move AFTER UPDATE OF station_id, charging_started_ms ON sessions
FOR EACH ROW WHEN (OLD.station_id IS DISTINCT FROM NEW.station_id
                   OR OLD.charging_started_ms IS DISTINCT FROM NEW.charging_started_ms)
EXECUTE FUNCTION sessions_day_totals();

CREATE TRIGGER sessions_day_totals_delete AFTER DELETE ON sessions
FOR EACH ROW EXECUTE FUNCTION sessions_day_totals();

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
