-- Version 14: the refund workflow (core/refunds; DOMAIN "Refunds", seed 001 refund_apply /
-- refund_audit / refund_record). Portable SQL only (SQLite 3.15 and PostgreSQL). Money in minor
-- units, time in UTC epoch ms. The tables came with version 1; this adds what the workflow needs:
--
-- * Why a gateway record failed or got no answer, on the record itself (seed 001: errCode and
--   errCodeDes): the gateway's code (card_declined, amount_too_large, timeout, …) and its message
--   for the operator. Empty while it is fine.
-- * The lookups: a member's applications and the audit queue by status, newest first (keyset
--   paging by id); an application's history and records; and what is already refunded of a top-up
--   (the records in progress or successful count against it, so a refund never exceeds it).
ALTER TABLE refund_gateway_records ADD COLUMN error_code TEXT NOT NULL DEFAULT '';
ALTER TABLE refund_gateway_records ADD COLUMN error TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_refund_applications_member ON refund_applications (member_id, id);
CREATE INDEX idx_refund_applications_status ON refund_applications (status, id);
CREATE INDEX idx_refund_audit_application ON refund_audit (application_id, id);
CREATE INDEX idx_refund_gateway_records_application ON refund_gateway_records (application_id, id);
CREATE INDEX idx_refund_gateway_records_topup ON refund_gateway_records (topup_id, status);
