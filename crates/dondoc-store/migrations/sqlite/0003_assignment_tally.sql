-- How many assignments there are per organisation, due date, status and completion day, kept
-- by triggers: counts over a period or "everything overdue" read these few rows instead of every
-- assignment. Sentinels instead of NULL keep the key a plain primary key: org_key -1 is an
-- unresolved organisation, due '' no deadline, done_on '' not done; created_on is the creation
-- day of an assignment without a deadline ('' otherwise), by which such ones fall in a period.
CREATE TABLE assignment_tally (
    due        TEXT NOT NULL,
    org_key    INTEGER NOT NULL,
    created_on TEXT NOT NULL,
    status     TEXT NOT NULL,
    done_on    TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (due, org_key, created_on, status, done_on)
) WITHOUT ROWID;

CREATE TRIGGER assignments_tally_insert AFTER INSERT ON assignments
BEGIN
    INSERT INTO assignment_tally (due, org_key, created_on, status, done_on, n)
    VALUES (COALESCE(NEW.due, ''), COALESCE(NEW.organisation_id, -1),
            CASE WHEN NEW.due IS NULL THEN substr(NEW.created_at, 1, 10) ELSE '' END,
            NEW.status, COALESCE(NEW.done_on, ''), 1)
    ON CONFLICT (due, org_key, created_on, status, done_on) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER assignments_tally_delete AFTER DELETE ON assignments
BEGIN
    UPDATE assignment_tally SET n = n - 1
    WHERE due = COALESCE(OLD.due, '') AND org_key = COALESCE(OLD.organisation_id, -1)
      AND created_on = CASE WHEN OLD.due IS NULL THEN substr(OLD.created_at, 1, 10) ELSE '' END
      AND status = OLD.status AND done_on = COALESCE(OLD.done_on, '');
END;

CREATE TRIGGER assignments_tally_update
AFTER UPDATE OF organisation_id, due, status, done_on, created_at ON assignments
BEGIN
    UPDATE assignment_tally SET n = n - 1
    WHERE due = COALESCE(OLD.due, '') AND org_key = COALESCE(OLD.organisation_id, -1)
      AND created_on = CASE WHEN OLD.due IS NULL THEN substr(OLD.created_at, 1, 10) ELSE '' END
      AND status = OLD.status AND done_on = COALESCE(OLD.done_on, '');
    INSERT INTO assignment_tally (due, org_key, created_on, status, done_on, n)
    VALUES (COALESCE(NEW.due, ''), COALESCE(NEW.organisation_id, -1),
            CASE WHEN NEW.due IS NULL THEN substr(NEW.created_at, 1, 10) ELSE '' END,
            NEW.status, COALESCE(NEW.done_on, ''), 1)
    ON CONFLICT (due, org_key, created_on, status, done_on) DO UPDATE SET n = n + 1;
END;

INSERT INTO assignment_tally (due, org_key, created_on, status, done_on, n)
SELECT COALESCE(due, ''), COALESCE(organisation_id, -1),
       CASE WHEN due IS NULL THEN substr(created_at, 1, 10) ELSE '' END,
       status, COALESCE(done_on, ''), COUNT(*)
FROM assignments
GROUP BY 1, 2, 3, 4, 5;

-- Restricted (Mật) notices are few: their assignments are found from them and subtracted.
CREATE INDEX notices_restricted ON notices (id) WHERE restricted;
-- The tally of one organisation; an organisation's assignments newest due first.
CREATE INDEX assignment_tally_org ON assignment_tally (org_key, status);
CREATE INDEX assignments_org_due ON assignments (organisation_id, due);
