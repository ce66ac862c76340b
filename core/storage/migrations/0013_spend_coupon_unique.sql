-- Version 13: coupons earned by spend, continued (igo_case#92; core/accounts/spendcoupons.h).
-- Portable SQL only (SQLite 3.15 and PostgreSQL): partial indexes exist in both (SQLite 3.8+).
--
-- What version 12 defined, made precise:
-- * Which sessions count. A 'spend' rule limited to a station counts only the bills of sessions at
--   that station; limited to a sub-operator, only sessions at its stations (stations.site_id ->
--   sites.sub_operator_id); limited to a department, only sessions billed to it or to a department
--   below it (the session's department_id, else the member's). Version 12's comment named only the
--   member and the date range; the spend that earns a coupon is spend the coupon could apply to.
-- * One coupon per member and rule means one LIVE earned coupon: not revoked (revoked_ms IS NULL;
--   every revocation sets it). Used and expired ones are live and still the member's one coupon. A
--   revoked one (a correction dropped the spend below the threshold) is not: when the spend comes
--   back up to the threshold the member earns a new coupon, a new row.
--
-- The database holds the rule: two servers billing one member at once on PostgreSQL both find no
-- live coupon; the second INSERT waits for the first transaction and then breaks this index. The
-- issuing code runs that INSERT in a savepoint and gives the coupon up quietly: the bill goes on.
-- A database where that race already issued two live earned coupons of one rule to one member
-- stops at this version with a unique violation: revoke the later one (chargedesk-cli) and start
-- again; nothing is revoked here behind the operators' back.
CREATE UNIQUE INDEX ux_coupons_earned_live ON coupons (rule_id, member_id)
    WHERE earned_by_bill_id IS NOT NULL AND revoked_ms IS NULL;
-- The spend of a rule limited to a station or a sub-operator: the member's sessions at a station.
CREATE INDEX idx_sessions_member_station ON sessions (member_id, station_id);
-- A sub-operator's stations.
CREATE INDEX idx_sites_sub_operator ON sites (sub_operator_id);
CREATE INDEX idx_stations_site ON stations (site_id);
