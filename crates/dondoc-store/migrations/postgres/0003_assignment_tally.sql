-- How many assignments there are per organisation, due date, status and completion day, kept
-- by a trigger: counts over a period or "everything overdue" read these few rows instead of
-- every assignment. Sentinels instead of NULL keep the key a plain primary key: org_key -1 is
-- an unresolved organisation, due '' no deadline, done_on '' not done; created_on is the
-- creation day of an assignment without a deadline ('' otherwise), by which such ones fall in a
-- period.
CREATE TABLE assignment_tally (
    due        TEXT NOT NULL,
    org_key    BIGINT NOT NULL,
    created_on TEXT NOT NULL,
    status     TEXT NOT NULL,
    done_on    TEXT NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (due, org_key, created_on, status, done_on)
);

CREATE FUNCTION assignments_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE assignment_tally SET n = n - 1
        WHERE due = COALESCE(OLD.due, '') AND org_key = COALESCE(OLD.organisation_id, -1)
          AND created_on = CASE WHEN OLD.due IS NULL THEN substr(OLD.created_at, 1, 10) ELSE '' END
          AND status = OLD.status AND done_on = COALESCE(OLD.done_on, '');
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO assignment_tally (due, org_key, created_on, status, done_on, n)
        VALUES (COALESCE(NEW.due, ''), COALESCE(NEW.organisation_id, -1),
                CASE WHEN NEW.due IS NULL THEN substr(NEW.created_at, 1, 10) ELSE '' END,
                NEW.status, COALESCE(NEW.done_on, ''), 1)
        ON CONFLICT (due, org_key, created_on, status, done_on)
        DO UPDATE SET n = assignment_tally.n + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER assignments_tally_insert_delete AFTER INSERT OR DELETE ON assignments
    FOR EACH ROW EXECUTE FUNCTION assignments_tally();
CREATE TRIGGER assignments_tally_update
    AFTER UPDATE OF organisation_id, due, status, done_on, created_at ON assignments
    FOR EACH ROW EXECUTE FUNCTION assignments_tally();

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
-- PostgreSQL reads an index backwards as DESC NULLS FIRST; the lists want newest due first
-- with no deadline last.
CREATE INDEX assignments_org_due ON assignments (organisation_id, due DESC NULLS LAST, id DESC);
CREATE INDEX assignments_due_desc ON assignments (due DESC NULLS LAST, id DESC);
