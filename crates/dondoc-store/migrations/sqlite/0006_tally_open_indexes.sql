-- Counts of what is open as of a day read two disjoint sets of tally rows: those not done
-- (nor cancelled), by due date, and those done after that day, by completion day. Each has its
-- partial covering index, so that "everything overdue" reads only open rows, from the index.
CREATE INDEX assignment_tally_open ON assignment_tally (due, org_key, n)
    WHERE status NOT IN ('hoan_thanh', 'huy');
CREATE INDEX assignment_tally_done_on ON assignment_tally (done_on, due, org_key, n)
    WHERE status = 'hoan_thanh';
