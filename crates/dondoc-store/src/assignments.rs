//! Assignments: due-date changes (with history), progress reports with files, listing with
//! time-status filters, and period counts. Status changes go through [`Store::act`] (act.rs),
//! which applies the lifecycle of `dondoc_track`.

use dondoc_extract::Date;
use dondoc_track::{Counts, Status, TimeStatus};
use serde::Serialize;
use serde_json::json;

use crate::Store;
use crate::audit;
use crate::db::{Backend, Row, Val, args, now_rfc3339, sha256_hex, today};
use crate::directory::OrgId;
use crate::error::{Error, Result};
use crate::notices::NoticeId;

/// An assignment's id.
pub type AssignmentId = i64;
/// A progress report's id.
pub type ReportId = i64;

/// Lead (chủ trì) or collaborator (phối hợp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Collab,
}

/// The time status of an assignment judged on `as_of` by the rules of [`dondoc_track::time`];
/// None for a cancelled one (left out of every count) or a status this program does not know.
pub fn time_status(
    status: &str,
    due: Option<Date>,
    done_on: Option<Date>,
    as_of: Date,
) -> Option<TimeStatus> {
    match Status::from_code(status) {
        None | Some(Status::Huy) => None,
        Some(s) => Some(dondoc_track::time::time_status(s, due, done_on, as_of)),
    }
}

/// The SQL condition "open as it stood on the day in placeholder `$n`": not closed, or
/// completed only after that day (mirrors [`dondoc_track::time::time_status`]).
fn open_on(n: usize) -> String {
    format!(
        "(a.status NOT IN ('hoan_thanh', 'huy') OR (a.status = 'hoan_thanh' AND a.done_on > ${n}))"
    )
}

/// The SQL condition selecting the assignments of one time status as of placeholder `$n`.
fn time_status_condition(t: TimeStatus, n: usize) -> String {
    let done = format!(
        "a.status = 'hoan_thanh' AND a.due IS NOT NULL AND COALESCE(a.done_on, ${n}) <= ${n}"
    );
    match t {
        TimeStatus::DoneOnTime => format!("({done} AND COALESCE(a.done_on, ${n}) <= a.due)"),
        TimeStatus::DoneLate => format!("({done} AND COALESCE(a.done_on, ${n}) > a.due)"),
        TimeStatus::OpenWithinDeadline => format!("({} AND a.due >= ${n})", open_on(n)),
        TimeStatus::Overdue => format!("({} AND a.due < ${n})", open_on(n)),
        TimeStatus::NoDeadline => "(a.due IS NULL AND a.status <> 'huy')".to_owned(),
    }
}

/// An assignment with what a list shows of its task and organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub id: AssignmentId,
    pub task_id: i64,
    pub notice_id: NoticeId,
    pub organisation_id: Option<OrgId>,
    pub organisation_name: Option<String>,
    /// The mention kept when the directory could not resolve it.
    pub unresolved_mention: Option<String>,
    pub role: Role,
    pub status: String,
    pub due: Option<Date>,
    /// The period of a recurring instance (`2018-Q2`).
    pub period: Option<String>,
    pub done_on: Option<Date>,
    /// The task's text.
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
    /// The due date asked for by a pending extension request.
    pub requested_due: Option<Date>,
    /// Judged on the filter's `as_of` (default today).
    pub time_status: Option<TimeStatus>,
}

/// Which assignments to list. Restricted (Mật) notices are left out unless asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssignmentFilter {
    pub organisation_id: Option<OrgId>,
    pub status: Option<String>,
    pub notice_id: Option<NoticeId>,
    pub task_id: Option<i64>,
    /// Only those whose organisation is unresolved.
    pub unresolved_only: bool,
    pub include_restricted: bool,
    /// The day the time status is judged at (default today).
    pub as_of: Option<Date>,
    /// Only those of this time status as of `as_of` (never cancelled ones).
    pub time_status: Option<TimeStatus>,
    /// Only those still open as of `as_of`.
    pub open_only: bool,
    /// Only those due on or after this day.
    pub due_from: Option<Date>,
    /// Only those due on or before this day.
    pub due_to: Option<Date>,
    /// Only those whose task's text holds every word of this (diacritics and case ignored).
    pub q: Option<String>,
}

/// The tally of one organisation over a period (`organisation_id` None: the mentions the
/// directory could not resolve, together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgCounts {
    pub organisation_id: Option<OrgId>,
    pub organisation_name: Option<String>,
    pub counts: Counts,
}

/// One change of due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueChange {
    pub assignment_id: AssignmentId,
    pub old_due: Option<Date>,
    pub new_due: Option<Date>,
    pub at: String,
    pub actor: String,
    pub reason: String,
}

/// A progress report and the names and hashes of its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressReport {
    pub id: ReportId,
    pub assignment_id: AssignmentId,
    pub author: String,
    pub text: String,
    pub percent: i64,
    pub created_at: String,
    /// (name, sha256) of each file.
    pub files: Vec<(String, String)>,
}

const SELECT_ASSIGNMENT: &str =
    "SELECT a.id, a.task_id, t.notice_id, a.organisation_id, o.name, a.unresolved_mention,
    a.role, a.status, a.due, a.period, a.done_on, t.text, a.created_at, a.updated_at,
    a.requested_due
    FROM assignments a JOIN tasks t ON t.id = a.task_id
    LEFT JOIN organisations o ON o.id = a.organisation_id";

fn assignment_from_row(r: &Row, as_of: Date) -> Result<Assignment> {
    let status = r.text(7)?;
    let due = r.opt_date(8)?;
    let done_on = r.opt_date(10)?;
    Ok(Assignment {
        id: r.i64(0)?,
        task_id: r.i64(1)?,
        notice_id: r.i64(2)?,
        organisation_id: r.opt_i64(3)?,
        organisation_name: r.opt_text(4)?,
        unresolved_mention: r.opt_text(5)?,
        role: if r.text(6)? == "lead" {
            Role::Lead
        } else {
            Role::Collab
        },
        time_status: time_status(&status, due, done_on, as_of),
        status,
        due,
        period: r.opt_text(9)?,
        done_on,
        text: r.text(11)?,
        created_at: r.text(12)?,
        updated_at: r.text(13)?,
        requested_due: r.opt_date(14)?,
    })
}

/// The tasks of restricted (Mật) notices: few, found through a partial index.
const RESTRICTED_TASKS: &str =
    "SELECT rt.id FROM tasks rt JOIN notices rn ON rn.id = rt.notice_id WHERE rn.restricted";

/// The assignments of restricted notices, reached from those notices (CROSS JOIN keeps SQLite
/// from starting at the assignments), with [`RESTRICTED_JOIN`] as their condition.
const RESTRICTED_FROM: &str = "notices rn CROSS JOIN tasks rt CROSS JOIN assignments a";
const RESTRICTED_JOIN: &str = "rn.restricted AND rt.notice_id = rn.id AND a.task_id = rt.id";

/// The conditions of a filter judged on `as_of` that bear only on the assignment's own columns
/// (organisation, status, due, done_on), appending their arguments.
fn column_conditions(f: &AssignmentFilter, as_of: Date, vals: &mut Vec<Val>) -> Vec<String> {
    let (org, due) = ("a.organisation_id", "a.due");
    let mut conds: Vec<String> = Vec::new();
    let mut add = |cond: String, v: Val| {
        vals.push(v);
        conds.push(cond.replace('?', &format!("${}", vals.len())));
    };
    if let Some(o) = f.organisation_id {
        add(format!("{org} = ?"), o.into());
    }
    if let Some(s) = &f.status {
        add("a.status = ?".to_owned(), s.into());
    }
    if let Some(d) = f.due_from {
        add(format!("{due} >= ?"), d.into());
    }
    if let Some(d) = f.due_to {
        add(format!("{due} <= ?"), d.into());
    }
    if f.unresolved_only {
        conds.push("a.organisation_id IS NULL".to_owned());
    }
    if f.open_only || f.time_status.is_some() {
        vals.push(as_of.into());
        let n = vals.len();
        if f.open_only {
            conds.push(open_on(n));
        }
        if let Some(t) = f.time_status {
            conds.push(time_status_condition(t, n));
        }
    }
    conds
}

/// [`column_conditions`] over the raw tally (`assignment_tally a`, sentinels `-1` and `''`),
/// so that no row pays for a derived view: the same rules as [`time_status_condition`], held
/// to the same answers by the conformance test
/// `time_status_filters_and_period_counts_follow_the_rules`.
///
/// "Open as of a day" is two disjoint sets of rows: not done (nor cancelled), and done after
/// that day. `part` picks which of them the conditions take ([`OpenPart::Both`]: their union),
/// so that a count can read each through its own partial index instead of scanning the union.
fn tally_conditions(
    f: &AssignmentFilter,
    as_of: Date,
    part: OpenPart,
    vals: &mut Vec<Val>,
) -> Vec<String> {
    let mut conds: Vec<String> = Vec::new();
    let mut add = |cond: &str, v: Val| {
        vals.push(v);
        conds.push(cond.replace('?', &format!("${}", vals.len())));
    };
    if let Some(o) = f.organisation_id {
        add("a.org_key = ?", o.into());
    }
    if let Some(s) = &f.status {
        add("a.status = ?", s.into());
    }
    if let Some(d) = f.due_from {
        add("a.due >= ?", d.into());
    }
    if let Some(d) = f.due_to {
        add("a.due <> '' AND a.due <= ?", d.into());
    }
    if f.unresolved_only {
        conds.push("a.org_key = -1".to_owned());
    }
    if f.open_only || f.time_status.is_some() {
        vals.push(as_of.into());
        let n = vals.len();
        // done_on '' (not done) is never after a day.
        let not_done = "a.status NOT IN ('hoan_thanh', 'huy')";
        let done_after = format!("(a.status = 'hoan_thanh' AND a.done_on > ${n})");
        let open = match part {
            OpenPart::Both => format!("({not_done} OR {done_after})"),
            OpenPart::NotDone => not_done.to_owned(),
            OpenPart::DoneAfter => done_after,
        };
        let done = format!("a.status = 'hoan_thanh' AND a.due <> '' AND a.done_on <= ${n}");
        let done_day = format!("(CASE WHEN a.done_on = '' THEN ${n} ELSE a.done_on END)");
        if f.open_only {
            conds.push(open.clone());
        }
        if let Some(t) = f.time_status {
            conds.push(match t {
                TimeStatus::DoneOnTime => format!("({done} AND {done_day} <= a.due)"),
                TimeStatus::DoneLate => format!("({done} AND {done_day} > a.due)"),
                TimeStatus::OpenWithinDeadline => format!("({open} AND a.due >= ${n})"),
                TimeStatus::Overdue => format!("({open} AND a.due <> '' AND a.due < ${n})"),
                TimeStatus::NoDeadline => "(a.due = '' AND a.status <> 'huy')".to_owned(),
            });
        }
    }
    conds
}

/// Which rows of "open as of a day" a tally condition takes (see [`tally_conditions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenPart {
    Both,
    NotDone,
    DoneAfter,
}

/// Whether the filter asks for assignments open as of its day.
fn asks_open(f: &AssignmentFilter) -> bool {
    f.open_only
        || matches!(
            f.time_status,
            Some(TimeStatus::Overdue | TimeStatus::OpenWithinDeadline)
        )
}

/// Whether counting the filter needs the assignments themselves (it names a notice or a task),
/// rather than the tally.
fn needs_rows(f: &AssignmentFilter) -> bool {
    f.notice_id.is_some()
        || f.task_id.is_some()
        || f.q.as_deref().is_some_and(|q| !q.trim().is_empty())
}

fn join_where(conds: &[String]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    }
}

/// The WHERE clause over `assignments a` (joined to `tasks t`) of a filter judged on `as_of`,
/// with its arguments (placeholders numbered from 1).
fn where_clause(f: &AssignmentFilter, as_of: Date, backend: Backend) -> (String, Vec<Val>) {
    let mut vals: Vec<Val> = Vec::new();
    let mut conds = column_conditions(f, as_of, &mut vals);
    if let Some(n) = f.notice_id {
        vals.push(n.into());
        conds.push(format!("t.notice_id = ${}", vals.len()));
    }
    if let Some(t) = f.task_id {
        vals.push(t.into());
        conds.push(format!("a.task_id = ${}", vals.len()));
    }
    if !f.include_restricted {
        conds.push(format!("a.task_id NOT IN ({RESTRICTED_TASKS})"));
    }
    if let Some(words) = crate::search::task_words(backend, f.q.as_deref().unwrap_or("")) {
        vals.push(words.into());
        conds.push(format!(
            "a.task_id IN ({})",
            crate::search::task_ids_matching(backend, vals.len())
        ));
    }
    (join_where(&conds), vals)
}

/// The period counts of the assignments of restricted notices (to subtract from the tally's):
/// per organisation and time status (its index in [`TimeStatus::ALL`]) how many, judged on
/// placeholder `$3`, the period being `$1..=$2` (`$4` the day after, for instants). One CASE
/// per row, stopping at the first status that fits: the statuses exclude each other, and every
/// assignment not cancelled has one.
fn restricted_period_sql() -> String {
    let whens: Vec<String> = TimeStatus::ALL
        .into_iter()
        .enumerate()
        .map(|(i, t)| format!("WHEN {} THEN {i}", time_status_condition(t, 3)))
        .collect();
    format!(
        "SELECT a.organisation_id, CAST(CASE {} ELSE -1 END AS BIGINT), COUNT(*)
         FROM {RESTRICTED_FROM}
         WHERE a.status <> 'huy' AND ((a.due >= $1 AND a.due <= $2)
            OR (a.due IS NULL AND a.created_at >= $1 AND a.created_at < $4))
            AND {RESTRICTED_JOIN}
         GROUP BY 1, 2",
        whens.join(" ")
    )
}

/// The period counts of the raw tally for the rows due in `$1..=$2`, judged on `$3`: the same
/// rules as [`time_status_condition`] written for rows that all have a due date, on the
/// sentinel columns (done_on `''` = none), so that each row costs one short CASE. The
/// conformance test `time_status_filters_and_period_counts_follow_the_rules` holds the two
/// to the same answers.
const TALLY_DUE_IN_PERIOD: &str = "SELECT NULLIF(a.org_key, -1),
    CAST(CASE
        WHEN a.status <> 'hoan_thanh' OR a.done_on > $3 THEN
            CASE WHEN a.due >= $3 THEN 2 ELSE 3 END
        WHEN a.done_on = '' THEN CASE WHEN $3 <= a.due THEN 0 ELSE 1 END
        WHEN a.done_on <= a.due THEN 0 ELSE 1 END AS BIGINT),
    CAST(SUM(a.n) AS BIGINT)
    FROM assignment_tally a
    WHERE a.status <> 'huy' AND a.due >= $1 AND a.due <= $2
    GROUP BY 1, 2";

/// The tally's rows without a deadline created in `$1..=$2`: all of them "no deadline" (4).
const TALLY_NO_DEADLINE_IN_PERIOD: &str = "SELECT NULLIF(a.org_key, -1), CAST(4 AS BIGINT),
    CAST(SUM(a.n) AS BIGINT)
    FROM assignment_tally a
    WHERE a.status <> 'huy' AND a.due = '' AND a.created_on >= $1 AND a.created_on <= $2
    GROUP BY 1";

/// Adds (or with `sign` -1 subtracts) rows of (organisation, time-status index, count) into per-organisation sums.
fn accumulate(sums: &mut Vec<(Option<OrgId>, [i64; 5])>, rows: &[Row], sign: i64) -> Result<()> {
    for r in rows {
        let org = r.opt_i64(0)?;
        let Some(slot) = usize::try_from(r.i64(1)?).ok().filter(|i| *i < 5) else {
            continue;
        };
        let n = r.i64(2)?.saturating_mul(sign);
        let i = match sums.iter().position(|(o, _)| *o == org) {
            Some(i) => i,
            None => {
                sums.push((org, [0; 5]));
                sums.len() - 1
            }
        };
        if let Some(v) = sums.get_mut(i).and_then(|(_, b)| b.get_mut(slot)) {
            *v = v.saturating_add(n);
        }
    }
    Ok(())
}

impl Store {
    /// Changes an assignment's due date (None: no deadline), keeping the change in `due_changes`.
    pub async fn set_assignment_due(
        &self,
        id: AssignmentId,
        new_due: Option<Date>,
        actor: &str,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let r = tx
            .opt("SELECT due FROM assignments WHERE id = $1", args![id])
            .await?
            .ok_or(Error::NotFound {
                what: "phân công",
                id,
            })?;
        let old = r.opt_date(0)?;
        let now = now_rfc3339();
        tx.exec(
            "UPDATE assignments SET due = $2, updated_at = $3 WHERE id = $1",
            args![id, new_due, &now],
        )
        .await?;
        tx.exec(
            "INSERT INTO due_changes (assignment_id, old_due, new_due, at, actor, reason)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![id, old, new_due, &now, actor, reason],
        )
        .await?;
        audit::append(
            &mut tx,
            actor,
            "assignment",
            Some(id),
            "due",
            Some(&json!({ "due": old })),
            Some(&json!({ "due": new_due, "reason": reason })),
        )
        .await?;
        tx.commit().await
    }

    /// The due-date history of an assignment, oldest first.
    pub async fn due_history(&self, id: AssignmentId) -> Result<Vec<DueChange>> {
        let mut tx = self.read().await?;
        let rows = tx
            .all(
                "SELECT assignment_id, old_due, new_due, at, actor, reason FROM due_changes
                 WHERE assignment_id = $1 ORDER BY id",
                args![id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(DueChange {
                    assignment_id: r.i64(0)?,
                    old_due: r.opt_date(1)?,
                    new_due: r.opt_date(2)?,
                    at: r.text(3)?,
                    actor: r.text(4)?,
                    reason: r.text(5)?,
                })
            })
            .collect()
    }

    /// Adds a progress report (0–100 %) with its files, in one transaction.
    pub async fn add_progress_report(
        &self,
        assignment_id: AssignmentId,
        author: &str,
        text: &str,
        percent: u8,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<ReportId> {
        if percent > 100 {
            return Err(Error::InvalidInput(format!(
                "tỉ lệ hoàn thành {percent}% vượt quá 100%"
            )));
        }
        let mut tx = self.write().await?;
        if tx
            .opt(
                "SELECT id FROM assignments WHERE id = $1",
                args![assignment_id],
            )
            .await?
            .is_none()
        {
            return Err(Error::NotFound {
                what: "phân công",
                id: assignment_id,
            });
        }
        let id = tx
            .scalar(
                "INSERT INTO progress_reports (assignment_id, author, text, percent, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                args![
                    assignment_id,
                    author,
                    text,
                    i64::from(percent),
                    now_rfc3339()
                ],
            )
            .await?;
        let mut names = Vec::new();
        for (name, bytes) in files {
            let sha = sha256_hex(&bytes);
            names.push(json!({ "name": name, "sha256": sha, "size": bytes.len() }));
            tx.exec(
                "INSERT INTO report_files (report_id, name, sha256, bytes) VALUES ($1, $2, $3, $4)",
                args![id, name, sha, bytes],
            )
            .await?;
        }
        audit::append(
            &mut tx,
            author,
            "progress_report",
            Some(id),
            "create",
            None,
            Some(&json!({
                "assignment_id": assignment_id,
                "percent": percent,
                "text": text,
                "files": names,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The progress reports of an assignment, oldest first.
    pub async fn list_progress_reports(
        &self,
        assignment_id: AssignmentId,
    ) -> Result<Vec<ProgressReport>> {
        let mut tx = self.read().await?;
        let rows = tx
            .all(
                "SELECT id, assignment_id, author, text, percent, created_at FROM progress_reports
                 WHERE assignment_id = $1 ORDER BY id",
                args![assignment_id],
            )
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let id = r.i64(0)?;
            let files = tx
                .all(
                    "SELECT name, sha256 FROM report_files WHERE report_id = $1 ORDER BY id",
                    args![id],
                )
                .await?
                .iter()
                .map(|f| Ok((f.text(0)?, f.text(1)?)))
                .collect::<Result<Vec<_>>>()?;
            out.push(ProgressReport {
                id,
                assignment_id: r.i64(1)?,
                author: r.text(2)?,
                text: r.text(3)?,
                percent: r.i64(4)?,
                created_at: r.text(5)?,
                files,
            });
        }
        Ok(out)
    }

    /// The bytes of one file of a progress report, by its sha256.
    pub async fn report_file(&self, report_id: ReportId, sha256: &str) -> Result<Option<Vec<u8>>> {
        let mut tx = self.read().await?;
        tx.opt(
            "SELECT bytes FROM report_files WHERE report_id = $1 AND sha256 = $2",
            args![report_id, sha256],
        )
        .await?
        .map(|r| r.get(0))
        .transpose()
    }

    /// Assignments matching the filter, newest due first (no deadline last), then by id.
    pub async fn list_assignments(
        &self,
        filter: &AssignmentFilter,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<Assignment>> {
        let as_of = match filter.as_of {
            Some(d) => d,
            None => today()?,
        };
        let mut tx = self.read().await?;
        let (w, mut vals) = where_clause(filter, as_of, tx.backend());
        let n = vals.len();
        vals.push(i64::from(limit).into());
        vals.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
        let sql = format!(
            "{SELECT_ASSIGNMENT}{w} ORDER BY a.due DESC NULLS LAST, a.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        tx.all(sqlx::AssertSqlSafe(sql), vals)
            .await?
            .iter()
            .map(|r| assignment_from_row(r, as_of))
            .collect()
    }

    /// How many assignments match the filter (for `X-Total-Count`). Unless it names a notice
    /// or a task, counted from the tally, less the restricted ones when those are left out.
    pub async fn count_assignments(&self, filter: &AssignmentFilter) -> Result<u64> {
        let as_of = match filter.as_of {
            Some(d) => d,
            None => today()?,
        };
        let mut tx = self.read().await?;
        if needs_rows(filter) {
            let (w, vals) = where_clause(filter, as_of, tx.backend());
            let sql =
                format!("SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id{w}");
            let n = tx.scalar(sqlx::AssertSqlSafe(sql), vals).await?;
            return Ok(u64::try_from(n).unwrap_or(0));
        }
        let parts: &[OpenPart] = if asks_open(filter) {
            &[OpenPart::NotDone, OpenPart::DoneAfter]
        } else {
            &[OpenPart::Both]
        };
        let mut all = 0_i64;
        for part in parts {
            let mut vals = Vec::new();
            let conds = tally_conditions(filter, as_of, *part, &mut vals);
            let w = join_where(&conds);
            let sql =
                format!("SELECT CAST(COALESCE(SUM(a.n), 0) AS BIGINT) FROM assignment_tally a{w}");
            all = all.saturating_add(tx.scalar(sqlx::AssertSqlSafe(sql), vals).await?);
        }
        let restricted = if filter.include_restricted {
            0
        } else {
            let mut vals = Vec::new();
            let mut conds = column_conditions(filter, as_of, &mut vals);
            conds.push(RESTRICTED_JOIN.to_owned());
            let sql = format!(
                "SELECT COUNT(*) FROM {RESTRICTED_FROM}{}",
                join_where(&conds)
            );
            tx.scalar(sqlx::AssertSqlSafe(sql), vals).await?
        };
        Ok(u64::try_from(all.saturating_sub(restricted)).unwrap_or(0))
    }

    /// Per organisation, the assignments of the period `from..=to` in the buckets of
    /// [`Counts`], judged on `as_of`: those due in the period, and those without a deadline
    /// created in it; cancelled ones are left out. Read from the tally, less the restricted
    /// ones when those are left out. Ordered by organisation name.
    pub async fn period_counts(
        &self,
        from: Date,
        to: Date,
        as_of: Date,
        include_restricted: bool,
    ) -> Result<Vec<OrgCounts>> {
        // created_at is an RFC 3339 instant: everything created on `to` sorts before the next day.
        let after = to.add_days(1).unwrap_or(to);
        let mut tx = self.read().await?;
        let mut sums = Vec::new();
        // Those due in the period, then those without a deadline created in it: two ranges of
        // the tally's key, each read through the index.
        let rows = tx.all(TALLY_DUE_IN_PERIOD, args![from, to, as_of]).await?;
        accumulate(&mut sums, &rows, 1)?;
        let rows = tx.all(TALLY_NO_DEADLINE_IN_PERIOD, args![from, to]).await?;
        accumulate(&mut sums, &rows, 1)?;
        if !include_restricted {
            let rows = tx
                .all(
                    sqlx::AssertSqlSafe(restricted_period_sql()),
                    args![from, to, as_of, after],
                )
                .await?;
            accumulate(&mut sums, &rows, -1)?;
        }
        let names = tx
            .all("SELECT id, name FROM organisations", args![])
            .await?
            .iter()
            .map(|r| Ok((r.i64(0)?, r.text(1)?)))
            .collect::<Result<std::collections::HashMap<_, _>>>()?;
        let mut out: Vec<OrgCounts> = sums
            .into_iter()
            .map(|(org, b)| {
                let n = |i: usize| u32::try_from(b.get(i).copied().unwrap_or(0)).unwrap_or(0);
                let counts = Counts {
                    assigned: (0..5).map(n).fold(0u32, u32::saturating_add),
                    done_on_time: n(0),
                    done_late: n(1),
                    open_within_deadline: n(2),
                    overdue: n(3),
                    no_deadline: n(4),
                };
                OrgCounts {
                    organisation_id: org,
                    organisation_name: org.and_then(|o| names.get(&o).cloned()),
                    counts,
                }
            })
            .filter(|c| c.counts.assigned > 0)
            .collect();
        out.sort_by(|a, b| {
            (
                a.organisation_name.is_none(),
                &a.organisation_name,
                a.organisation_id,
            )
                .cmp(&(
                    b.organisation_name.is_none(),
                    &b.organisation_name,
                    b.organisation_id,
                ))
        });
        Ok(out)
    }

    /// One assignment, judged today.
    pub async fn get_assignment(&self, id: AssignmentId) -> Result<Assignment> {
        let mut tx = self.read().await?;
        let sql = format!("{SELECT_ASSIGNMENT} WHERE a.id = $1");
        let r = tx
            .opt(sqlx::AssertSqlSafe(sql), args![id])
            .await?
            .ok_or(Error::NotFound {
                what: "phân công",
                id,
            })?;
        assignment_from_row(&r, today()?)
    }
}
