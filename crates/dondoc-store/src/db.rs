//! The thin layer that lets every query be written once: typed values bound the same way to
//! both drivers, rows read the same way from both, and transactions of either backend.
//!
//! Both sqlx drivers accept `$1`, `$2` … placeholders (SQLite reads `$NNN` as parameter NNN),
//! so the SQL text is shared; only DDL differs and lives in the per-backend migrations.

use std::time::{SystemTime, UNIX_EPOCH};

use dondoc_extract::Date;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Decode, Postgres, Row as _, SqlSafeStr, Sqlite, Transaction, Type};

use crate::error::{Error, Result};

/// A bound parameter. NULLs carry their type because PostgreSQL checks parameter types.
#[derive(Debug, Clone)]
pub(crate) enum Val {
    I64(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Bool(Option<bool>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I64(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::I64(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(Some(v.to_owned()))
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(Some(v))
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::Text(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        Val::Text(v.map(str::to_owned))
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Bytes(Some(v))
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Bool(Some(v))
    }
}
impl From<Date> for Val {
    fn from(v: Date) -> Self {
        Val::Text(Some(v.to_string()))
    }
}
impl From<Option<Date>> for Val {
    fn from(v: Option<Date>) -> Self {
        Val::Text(v.map(|d| d.to_string()))
    }
}

/// Builds a `Vec<Val>` from anything convertible.
macro_rules! args {
    () => { Vec::<$crate::db::Val>::new() };
    ($($v:expr),+ $(,)?) => { vec![$($crate::db::Val::from($v)),+] };
}
pub(crate) use args;

fn bind_sqlite<'q>(
    mut q: Query<'q, Sqlite, SqliteArguments>,
    args: Vec<Val>,
) -> Query<'q, Sqlite, SqliteArguments> {
    for a in args {
        q = match a {
            Val::I64(v) => q.bind(v),
            Val::Text(v) => q.bind(v),
            Val::Bytes(v) => q.bind(v),
            Val::Bool(v) => q.bind(v),
        };
    }
    q
}

fn bind_pg<'q>(
    mut q: Query<'q, Postgres, PgArguments>,
    args: Vec<Val>,
) -> Query<'q, Postgres, PgArguments> {
    for a in args {
        q = match a {
            Val::I64(v) => q.bind(v),
            Val::Text(v) => q.bind(v),
            Val::Bytes(v) => q.bind(v),
            Val::Bool(v) => q.bind(v),
        };
    }
    q
}

/// Which database a transaction runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, one file (or memory).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A transaction on either backend. Dropped without `commit`, it rolls back.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// A row of either backend.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Pg(PgRow),
}

impl Row {
    /// Column `i` decoded as `T`.
    pub(crate) fn get<T>(&self, i: usize) -> Result<T>
    where
        T: for<'r> Decode<'r, Sqlite>
            + Type<Sqlite>
            + for<'r> Decode<'r, Postgres>
            + Type<Postgres>,
    {
        match self {
            Row::Sqlite(r) => r.try_get(i),
            Row::Pg(r) => r.try_get(i),
        }
        .map_err(Error::from)
    }

    pub(crate) fn i64(&self, i: usize) -> Result<i64> {
        self.get(i)
    }
    pub(crate) fn opt_i64(&self, i: usize) -> Result<Option<i64>> {
        self.get(i)
    }
    pub(crate) fn text(&self, i: usize) -> Result<String> {
        self.get(i)
    }
    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>> {
        self.get(i)
    }
    pub(crate) fn opt_date(&self, i: usize) -> Result<Option<Date>> {
        match self.opt_text(i)? {
            None => Ok(None),
            Some(s) => parse_date(&s).map(Some),
        }
    }
    pub(crate) fn bool(&self, i: usize) -> Result<bool> {
        self.get(i)
    }
}

impl Tx {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Pg(_) => Backend::Postgres,
        }
    }

    /// Runs a statement, returning the number of rows it changed.
    pub(crate) async fn exec(&mut self, sql: impl SqlSafeStr, args: Vec<Val>) -> Result<u64> {
        Ok(match self {
            Tx::Sqlite(tx) => bind_sqlite(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Tx::Pg(tx) => bind_pg(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query, returning every row.
    pub(crate) async fn all(&mut self, sql: impl SqlSafeStr, args: Vec<Val>) -> Result<Vec<Row>> {
        Ok(match self {
            Tx::Sqlite(tx) => bind_sqlite(sqlx::query(sql), args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Tx::Pg(tx) => bind_pg(sqlx::query(sql), args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Pg)
                .collect(),
        })
    }

    /// Runs a query, returning its first row if any.
    pub(crate) async fn opt(
        &mut self,
        sql: impl SqlSafeStr,
        args: Vec<Val>,
    ) -> Result<Option<Row>> {
        Ok(match self {
            Tx::Sqlite(tx) => bind_sqlite(sqlx::query(sql), args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Sqlite),
            Tx::Pg(tx) => bind_pg(sqlx::query(sql), args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Pg),
        })
    }

    /// Runs a query that returns exactly one row (an INSERT … RETURNING id, a COUNT).
    pub(crate) async fn one(&mut self, sql: impl SqlSafeStr, args: Vec<Val>) -> Result<Row> {
        self.opt(sql, args)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    /// A single i64 from a query returning one row.
    pub(crate) async fn scalar(&mut self, sql: impl SqlSafeStr, args: Vec<Val>) -> Result<i64> {
        self.one(sql, args).await?.i64(0)
    }

    pub(crate) async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Pg(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Parses a stored 'YYYY-MM-DD'.
pub(crate) fn parse_date(s: &str) -> Result<Date> {
    Date::parse_iso(s).ok_or_else(|| Error::Corrupt(format!("ngày \"{s}\" không hợp lệ")))
}

/// Now as RFC 3339 UTC with microseconds, e.g. `2026-12-01T09:57:23.123456Z`. The fixed width
/// makes text order the same as time order in both backends.
pub(crate) fn now_rfc3339() -> String {
    rfc3339_at(SystemTime::now())
}

/// [`now_rfc3339`] of any instant (one before 1970 reads as 1970).
pub(crate) fn rfc3339_at(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = i64::try_from(d.as_secs()).unwrap_or(0);
    let day = Date::from_days(secs.div_euclid(86_400))
        .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string());
    let s = secs.rem_euclid(86_400);
    format!(
        "{day}T{:02}:{:02}:{:02}.{:06}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60,
        d.subsec_micros()
    )
}

/// Today's date (UTC); fails only when the system clock is outside 1900–2200.
pub fn today() -> Result<Date> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Date::from_days(secs.div_euclid(86_400))
        .ok_or_else(|| Error::InvalidInput("đồng hồ hệ thống không hợp lệ".into()))
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// sha256 of bytes, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_fixed_width_utc() {
        let t = now_rfc3339();
        assert_eq!(t.len(), "2026-12-01T09:57:23.123456Z".len(), "{t}");
        assert!(t.ends_with('Z'));
    }

    #[test]
    fn hex_of_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
