//! Assignments, low level: status and due-date changes (with history), progress reports with
//! files, and listing. The state machine that decides which change is allowed lives in the
//! application and calls these.

use dondoc_extract::Date;
use serde::Serialize;
use serde_json::json;

use crate::Store;
use crate::audit;
use crate::db::{Row, Val, args, now_rfc3339, sha256_hex, today};
use crate::directory::OrgId;
use crate::error::{Error, Result};
use crate::notices::NoticeId;

/// An assignment's id.
pub type AssignmentId = i64;
/// A progress report's id.
pub type ReportId = i64;

/// The statuses of an assignment (product.md, Track): chưa nhận, đã nhận, đang thực hiện,
/// báo cáo hoàn thành, hoàn thành, trả lại, xin gia hạn, hủy.
pub const STATUSES: [&str; 8] = [
    "chua_nhan",
    "da_nhan",
    "dang_thuc_hien",
    "bao_cao_hoan_thanh",
    "hoan_thanh",
    "tra_lai",
    "xin_gia_han",
    "huy",
];

/// Lead (chủ trì) or collaborator (phối hợp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Collab,
}

/// The time status as the Government Office counts it (cli-and-api.md `time_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStatus {
    DoneOnTime,
    DoneLate,
    OpenWithinDeadline,
    Overdue,
    NoDeadline,
}

/// The time status of an assignment judged on `as_of`; None for a cancelled one. Completion
/// counts from `done_on` (the day completion was reported); a returned one is not completed.
pub fn time_status(
    status: &str,
    due: Option<Date>,
    done_on: Option<Date>,
    as_of: Date,
) -> Option<TimeStatus> {
    if status == "huy" {
        return None;
    }
    let Some(due) = due else {
        return Some(TimeStatus::NoDeadline);
    };
    Some(if status == "hoan_thanh" {
        if done_on.is_none_or(|d| d <= due) {
            TimeStatus::DoneOnTime
        } else {
            TimeStatus::DoneLate
        }
    } else if as_of <= due {
        TimeStatus::OpenWithinDeadline
    } else {
        TimeStatus::Overdue
    })
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
    a.role, a.status, a.due, a.period, a.done_on, t.text, a.created_at, a.updated_at
    FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN notices n ON n.id = t.notice_id
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
    })
}

/// The WHERE clause of a filter with its arguments (placeholders numbered from 1).
fn where_clause(f: &AssignmentFilter) -> (String, Vec<Val>) {
    let mut conds: Vec<String> = Vec::new();
    let mut vals: Vec<Val> = Vec::new();
    let mut add = |cond: &str, v: Val| {
        vals.push(v);
        conds.push(cond.replace('?', &format!("${}", vals.len())));
    };
    if let Some(o) = f.organisation_id {
        add("a.organisation_id = ?", o.into());
    }
    if let Some(s) = &f.status {
        add("a.status = ?", s.into());
    }
    if let Some(n) = f.notice_id {
        add("t.notice_id = ?", n.into());
    }
    if let Some(t) = f.task_id {
        add("a.task_id = ?", t.into());
    }
    if !f.include_restricted {
        add("n.restricted = ?", false.into());
    }
    if f.unresolved_only {
        conds.push("a.organisation_id IS NULL".to_owned());
    }
    let w = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    (w, vals)
}

fn check_status(s: &str) -> Result<()> {
    if STATUSES.contains(&s) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "trạng thái \"{s}\" không tồn tại"
        )))
    }
}

impl Store {
    /// Changes an assignment's status if it is still `expected_current`, else fails with
    /// `StatusConflict` (someone changed it meanwhile). Reporting or confirming completion
    /// (`bao_cao_hoan_thanh`, `hoan_thanh`) sets `done_on` to today unless already set; any
    /// other status clears it. The note goes into the audit entry.
    pub async fn set_assignment_status(
        &self,
        id: AssignmentId,
        expected_current: &str,
        new_status: &str,
        actor: &str,
        note: Option<&str>,
    ) -> Result<()> {
        check_status(new_status)?;
        let mut tx = self.write().await?;
        let r = tx
            .opt(
                "SELECT status, done_on FROM assignments WHERE id = $1",
                args![id],
            )
            .await?
            .ok_or(Error::NotFound {
                what: "phân công",
                id,
            })?;
        let actual = r.text(0)?;
        let done_on = r.opt_date(1)?;
        if actual != expected_current {
            return Err(Error::StatusConflict {
                expected: expected_current.to_owned(),
                actual,
            });
        }
        let new_done = if matches!(new_status, "bao_cao_hoan_thanh" | "hoan_thanh") {
            Some(done_on.map_or_else(today, Ok)?)
        } else {
            None
        };
        // The status in the WHERE clause makes the check and the change one step.
        let n = tx
            .exec(
                "UPDATE assignments SET status = $2, done_on = $3, updated_at = $4
                 WHERE id = $1 AND status = $5",
                args![id, new_status, new_done, now_rfc3339(), expected_current],
            )
            .await?;
        if n != 1 {
            return Err(Error::StatusConflict {
                expected: expected_current.to_owned(),
                actual: "?".to_owned(),
            });
        }
        audit::append(
            &mut tx,
            actor,
            "assignment",
            Some(id),
            "status",
            Some(&json!({ "status": expected_current, "done_on": done_on })),
            Some(&json!({ "status": new_status, "done_on": new_done, "note": note })),
        )
        .await?;
        tx.commit().await
    }

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
        let (w, mut vals) = where_clause(filter);
        let n = vals.len();
        vals.push(i64::from(limit).into());
        vals.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
        let sql = format!(
            "{SELECT_ASSIGNMENT}{w} ORDER BY a.due DESC NULLS LAST, a.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut tx = self.read().await?;
        tx.all(sqlx::AssertSqlSafe(sql), vals)
            .await?
            .iter()
            .map(|r| assignment_from_row(r, as_of))
            .collect()
    }

    /// How many assignments match the filter (for `X-Total-Count`).
    pub async fn count_assignments(&self, filter: &AssignmentFilter) -> Result<u64> {
        let (w, vals) = where_clause(filter);
        let sql = format!(
            "SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id
             JOIN notices n ON n.id = t.notice_id{w}"
        );
        let mut tx = self.read().await?;
        let n = tx.scalar(sqlx::AssertSqlSafe(sql), vals).await?;
        Ok(u64::try_from(n).unwrap_or(0))
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
