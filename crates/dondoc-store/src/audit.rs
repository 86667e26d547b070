//! The audit trail: every change appends one entry, in the transaction that makes the change,
//! to a hash chain (`hash = sha256(prev_hash || canonical fields)`). The application never
//! updates or deletes an entry and the database refuses to (triggers in both backends).
//!
//! Appends are serialised so the chain cannot fork: every write transaction holds the database
//! write lock on SQLite (`BEGIN IMMEDIATE`) and a transaction-scoped advisory lock on
//! PostgreSQL (taken in `Store::write`); `prev_hash` is also unique, so should a lock ever fail,
//! the second of two forking appends is refused instead of committed.

use serde::Serialize;
use serde_json::Value;

use crate::db::{Tx, args, hex, now_rfc3339};
use crate::error::Result;

/// One stored audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub object_type: String,
    pub object_id: Option<i64>,
    pub action: String,
    /// The object (or the changed fields) before, as JSON text.
    pub old: Option<String>,
    /// The object (or the changed fields) after, as JSON text.
    pub new: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The chain hash: lower-case hex sha256 of the previous hash, a newline, and the JSON array
/// of the entry's fields in a fixed order (old and new as their stored text).
#[allow(clippy::too_many_arguments)]
pub(crate) fn chain_hash(
    prev_hash: &str,
    at: &str,
    actor: &str,
    object_type: &str,
    object_id: Option<i64>,
    action: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> String {
    use sha2::{Digest, Sha256};
    let fields = serde_json::json!([at, actor, object_type, object_id, action, old, new]);
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(fields.to_string().as_bytes());
    hex(&h.finalize())
}

impl AuditEntry {
    /// The hash this entry should have.
    pub fn expected_hash(&self) -> String {
        chain_hash(
            &self.prev_hash,
            &self.at,
            &self.actor,
            &self.object_type,
            self.object_id,
            &self.action,
            self.old.as_deref(),
            self.new.as_deref(),
        )
    }
}

/// Appends one entry in `tx`. The caller's transaction must be a write transaction.
pub(crate) async fn append(
    tx: &mut Tx,
    actor: &str,
    object_type: &str,
    object_id: Option<i64>,
    action: &str,
    old: Option<&Value>,
    new: Option<&Value>,
) -> Result<()> {
    let prev = tx
        .opt("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", args![])
        .await?
        .map(|r| r.text(0))
        .transpose()?
        .unwrap_or_default();
    let at = now_rfc3339();
    let old = old.map(Value::to_string);
    let new = new.map(Value::to_string);
    let hash = chain_hash(
        &prev,
        &at,
        actor,
        object_type,
        object_id,
        action,
        old.as_deref(),
        new.as_deref(),
    );
    tx.exec(
        "INSERT INTO audit (at, actor, object_type, object_id, action, old, new, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        args![
            at,
            actor,
            object_type,
            object_id,
            action,
            old,
            new,
            prev,
            hash
        ],
    )
    .await?;
    Ok(())
}

pub(crate) const SELECT_AUDIT: &str =
    "SELECT id, at, actor, object_type, object_id, action, old, new, prev_hash, hash FROM audit";

pub(crate) fn audit_from_row(r: &crate::db::Row) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.i64(0)?,
        at: r.text(1)?,
        actor: r.text(2)?,
        object_type: r.text(3)?,
        object_id: r.opt_i64(4)?,
        action: r.text(5)?,
        old: r.opt_text(6)?,
        new: r.opt_text(7)?,
        prev_hash: r.text(8)?,
        hash: r.text(9)?,
    })
}
