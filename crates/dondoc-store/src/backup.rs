//! Backup and restore: a portable archive of every table, one JSON Lines file.
//!
//! Line 1 is a header `{"format":"dondoc-backup","version":1,"schema_version":N,"tables":{table:[columns…]}}`;
//! then one line per row, `{"table":"…","row":[values in column order]}` (integers as numbers,
//! text as strings, booleans as booleans, binary columns in standard base64), tables in
//! dependency order and rows by id; the last line is `{"end":true,"rows":N}`, so that a
//! truncated archive is refused. Dates and timestamps are text in both backends, so an archive
//! from SQLite restores on PostgreSQL (and back) to identical rows, ids and audit hashes.

use std::io::{BufRead, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};

use crate::Store;
use crate::db::{Backend, Row, Tx, Val, args};
use crate::error::{Error, Result};
use crate::migrate::latest_version;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Int,
    Text,
    Bytes,
    Bool,
}

struct Table {
    name: &'static str,
    cols: &'static [(&'static str, Col)],
    /// Columns that may point forward (to a row restored later): restored NULL, set at the end.
    deferred: &'static [&'static str],
}

use Col::{Bool, Bytes, Int, Text};

/// Every table but `schema_migrations`, parents before children.
const TABLES: &[Table] = &[
    Table {
        name: "organisations",
        cols: &[
            ("id", Int),
            ("code", Text),
            ("kind", Text),
            ("level", Text),
            ("parent_id", Int),
            ("name", Text),
            ("abbreviations", Text),
            ("aliases", Text),
            ("valid_from", Text),
            ("valid_to", Text),
            ("replaced_by_id", Int),
        ],
        deferred: &["parent_id", "replaced_by_id"],
    },
    Table {
        name: "users",
        cols: &[
            ("id", Int),
            ("username", Text),
            ("password_hash", Text),
            ("role", Text),
            ("organisation_id", Int),
            ("email", Text),
            ("failed_logins", Int),
            ("locked_until", Text),
            ("totp_secret", Text),
            ("created_at", Text),
            ("restricted_access", Bool),
        ],
        deferred: &[],
    },
    Table {
        name: "notices",
        cols: &[
            ("id", Int),
            ("sha256", Text),
            ("file_name", Text),
            ("format", Text),
            ("source_bytes", Bytes),
            ("text", Text),
            ("extraction", Text),
            ("reviewed", Text),
            ("state", Text),
            ("restricted", Bool),
            ("issued_on", Text),
            ("reference", Text),
            ("title", Text),
            ("created_at", Text),
            ("published_at", Text),
        ],
        deferred: &[],
    },
    Table {
        name: "tasks",
        cols: &[
            ("id", Int),
            ("notice_id", Int),
            ("ord", Int),
            ("ext_id", Text),
            ("section", Text),
            ("text", Text),
            ("deadline_due", Text),
            ("deadline_text", Text),
            ("urgent", Bool),
            ("recurrence", Text),
            ("quota_min", Int),
            ("quota_max", Int),
            ("quota_unit", Text),
            ("span_start", Int),
            ("span_end", Int),
        ],
        deferred: &[],
    },
    Table {
        name: "assignments",
        cols: &[
            ("id", Int),
            ("task_id", Int),
            ("organisation_id", Int),
            ("unresolved_mention", Text),
            ("role", Text),
            ("status", Text),
            ("due", Text),
            ("period", Text),
            ("done_on", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("requested_due", Text),
            ("requested_reason", Text),
        ],
        deferred: &[],
    },
    Table {
        name: "due_changes",
        cols: &[
            ("id", Int),
            ("assignment_id", Int),
            ("old_due", Text),
            ("new_due", Text),
            ("at", Text),
            ("actor", Text),
            ("reason", Text),
        ],
        deferred: &[],
    },
    Table {
        name: "progress_reports",
        cols: &[
            ("id", Int),
            ("assignment_id", Int),
            ("author", Text),
            ("text", Text),
            ("percent", Int),
            ("created_at", Text),
        ],
        deferred: &[],
    },
    Table {
        name: "report_files",
        cols: &[
            ("id", Int),
            ("report_id", Int),
            ("name", Text),
            ("sha256", Text),
            ("bytes", Bytes),
        ],
        deferred: &[],
    },
    Table {
        name: "proposals",
        cols: &[
            ("id", Int),
            ("notice_id", Int),
            ("ord", Int),
            ("proposer_org_id", Int),
            ("proposer_text", Text),
            ("person", Text),
            ("text", Text),
            ("response", Text),
            ("handled_by", Text),
            ("status", Text),
            ("earlier_id", Int),
        ],
        deferred: &["earlier_id"],
    },
    Table {
        name: "audit",
        cols: &[
            ("id", Int),
            ("at", Text),
            ("actor", Text),
            ("object_type", Text),
            ("object_id", Int),
            ("action", Text),
            ("old", Text),
            ("new", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
        deferred: &[],
    },
];

const FORMAT: &str = "dondoc-backup";
const VERSION: i64 = 1;
const PAGE: i64 = 500;

fn to_json(r: &Row, i: usize, c: Col) -> Result<Value> {
    Ok(match c {
        Int => r.get::<Option<i64>>(i)?.map_or(Value::Null, Value::from),
        Text => r.get::<Option<String>>(i)?.map_or(Value::Null, Value::from),
        Bool => r.get::<Option<bool>>(i)?.map_or(Value::Null, Value::from),
        Bytes => r
            .get::<Option<Vec<u8>>>(i)?
            .map_or(Value::Null, |b| Value::from(B64.encode(b))),
    })
}

fn from_json(v: &Value, c: Col, table: &str, col: &str) -> Result<Val> {
    let bad = || Error::Backup(format!("giá trị sai ở cột {table}.{col}"));
    Ok(match (c, v) {
        (Int, Value::Null) => Val::I64(None),
        (Text, Value::Null) => Val::Text(None),
        (Bool, Value::Null) => Val::Bool(None),
        (Bytes, Value::Null) => Val::Bytes(None),
        (Int, Value::Number(n)) => Val::I64(Some(n.as_i64().ok_or_else(bad)?)),
        (Text, Value::String(s)) => Val::Text(Some(s.clone())),
        (Bool, Value::Bool(b)) => Val::Bool(Some(*b)),
        (Bytes, Value::String(s)) => Val::Bytes(Some(B64.decode(s).map_err(|_| bad())?)),
        _ => return Err(bad()),
    })
}

fn header() -> Value {
    let tables: serde_json::Map<String, Value> = TABLES
        .iter()
        .map(|t| {
            (
                t.name.to_owned(),
                Value::from(t.cols.iter().map(|(c, _)| *c).collect::<Vec<_>>()),
            )
        })
        .collect();
    json!({
        "format": FORMAT,
        "version": VERSION,
        "schema_version": latest_version(),
        "tables": tables,
    })
}

fn line(w: &mut impl Write, v: &Value) -> Result<()> {
    serde_json::to_writer(&mut *w, v).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    w.write_all(b"\n")?;
    Ok(())
}

async fn is_empty(tx: &mut Tx) -> Result<bool> {
    for t in TABLES {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", t.name));
        if tx.scalar(sql, args![]).await? > 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Store {
    /// Writes a portable archive of every table (see the module doc) from one consistent
    /// snapshot. Returns the number of rows written.
    pub async fn backup<W: Write + Send>(&self, mut w: W) -> Result<u64> {
        let mut tx = self.read().await?;
        if tx.backend() == Backend::Postgres {
            tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", args![])
                .await?;
        }
        line(&mut w, &header())?;
        let mut n = 0_u64;
        for t in TABLES {
            let cols: Vec<&str> = t.cols.iter().map(|(c, _)| *c).collect();
            let sql = format!(
                "SELECT {} FROM {} WHERE id > $1 ORDER BY id LIMIT $2",
                cols.join(", "),
                t.name
            );
            let mut after = 0_i64;
            loop {
                let rows = tx
                    .all(sqlx::AssertSqlSafe(sql.clone()), args![after, PAGE])
                    .await?;
                if rows.is_empty() {
                    break;
                }
                for r in &rows {
                    after = r.i64(0)?;
                    let vals = t
                        .cols
                        .iter()
                        .enumerate()
                        .map(|(i, (_, c))| to_json(r, i, *c))
                        .collect::<Result<Vec<_>>>()?;
                    line(&mut w, &json!({ "table": t.name, "row": vals }))?;
                    n += 1;
                }
            }
        }
        line(&mut w, &json!({ "end": true, "rows": n }))?;
        w.flush()?;
        Ok(n)
    }

    /// Restores an archive into an empty database (refused otherwise), in one transaction,
    /// keeping ids and audit hashes; on PostgreSQL the identity sequences continue after the
    /// restored ids. Restore adds no audit entry of its own, so the data is exactly the
    /// archived data. Returns the number of rows restored.
    pub async fn restore<R: BufRead + Send>(&self, r: R) -> Result<u64> {
        let mut lines = r.lines();
        let first = lines
            .next()
            .ok_or_else(|| Error::Backup("tệp trống".to_owned()))??;
        let head: Value = serde_json::from_str(&first)
            .map_err(|_| Error::Backup("dòng đầu không phải JSON".to_owned()))?;
        if head.get("format").and_then(Value::as_str) != Some(FORMAT)
            || head.get("version").and_then(Value::as_i64) != Some(VERSION)
        {
            return Err(Error::Backup(
                "không phải tệp sao lưu dondoc phiên bản 1".to_owned(),
            ));
        }
        if head.get("schema_version").and_then(Value::as_i64) != Some(latest_version()) {
            return Err(Error::Backup(
                "tệp sao lưu thuộc phiên bản cấu trúc khác của chương trình".to_owned(),
            ));
        }
        if head.get("tables") != header().get("tables") {
            return Err(Error::Backup(
                "danh sách bảng hoặc cột không khớp".to_owned(),
            ));
        }
        let mut tx = self.write().await?;
        if !is_empty(&mut tx).await? {
            return Err(Error::NotEmpty);
        }
        let mut n = 0_u64;
        let mut ended = false;
        // (table, id, column, value) of the forward references, set once every row exists.
        let mut later: Vec<(&'static str, i64, &'static str, i64)> = Vec::new();
        for l in lines {
            let l = l?;
            if l.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(&l)
                .map_err(|_| Error::Backup(format!("dòng {} không phải JSON", n + 2)))?;
            if v.get("end").and_then(Value::as_bool) == Some(true) {
                if v.get("rows").and_then(Value::as_u64) != Some(n) {
                    return Err(Error::Backup("số dòng dữ liệu không khớp".to_owned()));
                }
                ended = true;
                break;
            }
            let name = v.get("table").and_then(Value::as_str).unwrap_or("");
            let t = TABLES
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| Error::Backup(format!("bảng \"{name}\" không tồn tại")))?;
            let row = v
                .get("row")
                .and_then(Value::as_array)
                .filter(|r| r.len() == t.cols.len())
                .ok_or_else(|| Error::Backup(format!("dòng của bảng {name} sai số cột")))?;
            let id = row
                .first()
                .and_then(Value::as_i64)
                .ok_or_else(|| Error::Backup(format!("dòng của bảng {name} không có id")))?;
            let mut vals = Vec::with_capacity(row.len());
            for ((col, c), x) in t.cols.iter().zip(row) {
                if t.deferred.contains(col) && !x.is_null() {
                    let target = x
                        .as_i64()
                        .ok_or_else(|| Error::Backup(format!("giá trị sai ở cột {name}.{col}")))?;
                    later.push((t.name, id, col, target));
                    vals.push(Val::I64(None));
                } else {
                    vals.push(from_json(x, *c, name, col)?);
                }
            }
            let cols: Vec<&str> = t.cols.iter().map(|(c, _)| *c).collect();
            let ph: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                t.name,
                cols.join(", "),
                ph.join(", ")
            );
            tx.exec(sqlx::AssertSqlSafe(sql), vals).await?;
            n += 1;
        }
        if !ended {
            return Err(Error::Backup(
                "tệp bị cắt cụt (thiếu dòng kết thúc)".to_owned(),
            ));
        }
        for (table, id, col, target) in later {
            let sql = format!("UPDATE {table} SET {col} = $2 WHERE id = $1");
            tx.exec(sqlx::AssertSqlSafe(sql), args![id, target]).await?;
        }
        if tx.backend() == Backend::Postgres {
            for t in TABLES {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                    t.name
                );
                tx.exec(sqlx::AssertSqlSafe(sql), args![]).await?;
            }
        }
        tx.commit().await?;
        Ok(n)
    }
}
