//! `check()`: the database's integrity as `dondoc check` reports it; `stats()`: the counts of
//! `dondoc stats --json`.

use dondoc_extract::Extraction;
use serde::Serialize;

use crate::Store;
use crate::audit::{SELECT_AUDIT, audit_from_row};
use crate::db::{args, sha256_hex};
use crate::error::Result;

/// One integrity fault, with a Vietnamese message and a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fault {
    pub object_type: String,
    pub object_id: Option<i64>,
    pub code: String,
    pub message: String,
}

/// How many groups of the tally (migration 0003) disagree with the assignments themselves.
const TALLY_MISMATCHES: &str = "SELECT COUNT(*) FROM (
    SELECT due, org_key, created_on, status, done_on FROM (
        SELECT due, org_key, created_on, status, done_on, n FROM assignment_tally
        UNION ALL
        SELECT COALESCE(due, ''), COALESCE(organisation_id, -1),
            CASE WHEN due IS NULL THEN substr(created_at, 1, 10) ELSE '' END,
            status, COALESCE(done_on, ''), -1 FROM assignments
    ) x GROUP BY due, org_key, created_on, status, done_on HAVING SUM(n) <> 0
) y";

fn fault(object_type: &str, id: Option<i64>, code: &str, message: String) -> Fault {
    Fault {
        object_type: object_type.to_owned(),
        object_id: id,
        code: code.to_owned(),
        message,
    }
}

/// The counts of `dondoc stats --json`; field names as in cli-and-api.md.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub notices: u64,
    pub tasks: u64,
    pub assignments: u64,
    pub proposals: u64,
    pub organisations: u64,
    pub users: u64,
}

/// Rows are read in pages of this size so that checking a large database stays in bounded memory.
const PAGE: i64 = 200;

impl Store {
    /// Verifies that every notice has its source (matching its sha256) and a readable
    /// extraction, every assignment its task and its organisation or unresolved mention, and
    /// that the audit chain recomputes and links unbroken. Empty when sound.
    pub async fn check(&self) -> Result<Vec<Fault>> {
        let mut faults = Vec::new();
        let mut tx = self.read().await?;
        let mut after = 0_i64;
        loop {
            let rows = tx
                .all(
                    "SELECT id, sha256, source_bytes, extraction, reviewed FROM notices
                     WHERE id > $1 ORDER BY id LIMIT $2",
                    args![after, PAGE],
                )
                .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let id = r.i64(0)?;
                after = id;
                let bytes: Option<Vec<u8>> = r.get(2)?;
                match bytes {
                    None => faults.push(fault(
                        "notice",
                        Some(id),
                        "notice_no_source",
                        format!("Thông báo số {id} không có tệp gốc."),
                    )),
                    Some(b) if sha256_hex(&b) != r.text(1)? => faults.push(fault(
                        "notice",
                        Some(id),
                        "notice_source_mismatch",
                        format!("Tệp gốc của thông báo số {id} không khớp mã băm sha256."),
                    )),
                    Some(_) => {}
                }
                let ext: Option<String> = r.get(3)?;
                if ext.is_none_or(|e| serde_json::from_str::<Extraction>(&e).is_err()) {
                    faults.push(fault(
                        "notice",
                        Some(id),
                        "notice_no_extraction",
                        format!("Thông báo số {id} không có kết quả trích xuất đọc được."),
                    ));
                }
                if let Some(rv) = r.opt_text(4)?
                    && serde_json::from_str::<Extraction>(&rv).is_err()
                {
                    faults.push(fault(
                        "notice",
                        Some(id),
                        "notice_bad_review",
                        format!("Bản đã rà soát của thông báo số {id} không đọc được."),
                    ));
                }
            }
        }
        let rows = tx
            .all(
                "SELECT a.id, t.id, a.organisation_id, o.id, a.unresolved_mention FROM assignments a
                 LEFT JOIN tasks t ON t.id = a.task_id
                 LEFT JOIN organisations o ON o.id = a.organisation_id
                 WHERE t.id IS NULL OR (a.organisation_id IS NOT NULL AND o.id IS NULL)
                    OR (a.organisation_id IS NULL AND (a.unresolved_mention IS NULL OR a.unresolved_mention = ''))
                 ORDER BY a.id",
                args![],
            )
            .await?;
        for r in &rows {
            let id = r.i64(0)?;
            if r.opt_i64(1)?.is_none() {
                faults.push(fault(
                    "assignment",
                    Some(id),
                    "assignment_no_task",
                    format!("Phân công số {id} không có nhiệm vụ."),
                ));
            }
            if r.opt_i64(2)?.is_some() && r.opt_i64(3)?.is_none() {
                faults.push(fault(
                    "assignment",
                    Some(id),
                    "assignment_missing_org",
                    format!("Phân công số {id} trỏ tới đơn vị không tồn tại."),
                ));
            }
            if r.opt_i64(2)?.is_none() && r.opt_text(4)?.is_none_or(|m| m.is_empty()) {
                faults.push(fault(
                    "assignment",
                    Some(id),
                    "assignment_no_org",
                    format!(
                        "Phân công số {id} không có đơn vị và không giữ tên đơn vị chưa xác định."
                    ),
                ));
            }
        }
        let rows = tx
            .all("SELECT t.id FROM tasks t LEFT JOIN notices n ON n.id = t.notice_id WHERE n.id IS NULL", args![])
            .await?;
        for r in &rows {
            let id = r.i64(0)?;
            faults.push(fault(
                "task",
                Some(id),
                "task_no_notice",
                format!("Nhiệm vụ số {id} không thuộc thông báo nào."),
            ));
        }
        let mismatched = tx.scalar(TALLY_MISMATCHES, args![]).await?;
        if mismatched > 0 {
            faults.push(fault(
                "assignment_tally",
                None,
                "tally_mismatch",
                format!(
                    "Bảng đếm phân công lệch với các phân công ở {mismatched} nhóm (số liệu tổng hợp sẽ sai)."
                ),
            ));
        }
        let mut prev = String::new();
        let mut after = 0_i64;
        loop {
            let sql =
                sqlx::AssertSqlSafe(format!("{SELECT_AUDIT} WHERE id > $1 ORDER BY id LIMIT $2"));
            let rows = tx.all(sql, args![after, PAGE]).await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let e = audit_from_row(r)?;
                after = e.id;
                if e.prev_hash != prev {
                    faults.push(fault(
                        "audit",
                        Some(e.id),
                        "audit_chain_broken",
                        format!(
                            "Nhật ký số {} không nối tiếp mục trước (chuỗi băm bị đứt).",
                            e.id
                        ),
                    ));
                }
                if e.expected_hash() != e.hash {
                    faults.push(fault(
                        "audit",
                        Some(e.id),
                        "audit_tampered",
                        format!(
                            "Nhật ký số {} đã bị sửa (mã băm không khớp nội dung).",
                            e.id
                        ),
                    ));
                }
                prev = e.hash;
            }
        }
        Ok(faults)
    }

    /// The counts of the main tables.
    pub async fn stats(&self) -> Result<Stats> {
        let mut tx = self.read().await?;
        let r = tx
            .one(
                "SELECT (SELECT COUNT(*) FROM notices), (SELECT COUNT(*) FROM tasks),
                        (SELECT COUNT(*) FROM assignments), (SELECT COUNT(*) FROM proposals),
                        (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM users)",
                args![],
            )
            .await?;
        let n = |i: usize| -> Result<u64> { Ok(u64::try_from(r.i64(i)?).unwrap_or(0)) };
        Ok(Stats {
            notices: n(0)?,
            tasks: n(1)?,
            assignments: n(2)?,
            proposals: n(3)?,
            organisations: n(4)?,
            users: n(5)?,
        })
    }

    /// The audit trail of one object, newest first (at most `limit` entries).
    pub async fn list_audit_for(
        &self,
        object_type: &str,
        object_id: i64,
        limit: u32,
    ) -> Result<Vec<crate::AuditEntry>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!(
            "{SELECT_AUDIT} WHERE object_type = $1 AND object_id = $2 ORDER BY id DESC LIMIT $3"
        ));
        tx.all(sql, args![object_type, object_id, i64::from(limit)])
            .await?
            .iter()
            .map(audit_from_row)
            .collect()
    }

    /// The newest entries of the audit trail, newest first.
    pub async fn list_audit_recent(&self, limit: u32) -> Result<Vec<crate::AuditEntry>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_AUDIT} ORDER BY id DESC LIMIT $1"));
        tx.all(sql, args![i64::from(limit)])
            .await?
            .iter()
            .map(audit_from_row)
            .collect()
    }

    /// The audit trail, oldest first, from entry `after_id` on (for display and tests).
    pub async fn list_audit(&self, after_id: i64, limit: u32) -> Result<Vec<crate::AuditEntry>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_AUDIT} WHERE id > $1 ORDER BY id LIMIT $2"));
        tx.all(sql, args![after_id, i64::from(limit)])
            .await?
            .iter()
            .map(audit_from_row)
            .collect()
    }
}
