-- A pending extension request: the due date asked for and why (the lifecycle's
-- `pending_extension`); cleared when the monitor decides.
ALTER TABLE assignments ADD COLUMN requested_due TEXT;
ALTER TABLE assignments ADD COLUMN requested_reason TEXT;
