-- Version 6: the Operations search box stays fast with millions of sessions. Every term of the
-- one-box search (core/storage/sessionrepository.cpp, list) can now use an index: the OCPP
-- transaction id on its own (idx_sessions_transaction starts with the station).
CREATE INDEX idx_sessions_transaction_id ON sessions (ocpp_transaction_id);
