//! The migration runner: embedded, append-only SQL files, one folder per backend, recorded in
//! `schema_migrations`, applied under a lock so that replicas starting together do not race.
//!
//! SQLite takes the database write lock (`BEGIN IMMEDIATE`) and applies everything pending in
//! that one transaction. PostgreSQL takes a session advisory lock (`pg_advisory_lock`) and
//! applies the pending migrations in one transaction; with `DONDOC_MIGRATION_LOCK=off` (for
//! PostgreSQL-compatible databases whose advisory locks are unreliable) it goes without the
//! lock and relies on transactional DDL: the loser of a race fails, re-reads what the winner
//! recorded and carries on.

use sqlx::pool::PoolConnection;
use sqlx::{Acquire as _, PgPool, Postgres, Row as _, SqlitePool};

use crate::db::{now_rfc3339, sha256_hex};
use crate::error::{Error, Result};

/// One embedded migration.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "extension_requests",
        sql: include_str!("../migrations/sqlite/0002_extension_requests.sql"),
    },
    Migration {
        version: 3,
        name: "assignment_tally",
        sql: include_str!("../migrations/sqlite/0003_assignment_tally.sql"),
    },
    Migration {
        version: 4,
        name: "sessions_search",
        sql: include_str!("../migrations/sqlite/0004_sessions_search.sql"),
    },
    Migration {
        version: 5,
        name: "search_fts",
        sql: include_str!("../migrations/sqlite/0005_search_fts.sql"),
    },
    Migration {
        version: 6,
        name: "tally_open_indexes",
        sql: include_str!("../migrations/sqlite/0006_tally_open_indexes.sql"),
    },
];

const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "extension_requests",
        sql: include_str!("../migrations/postgres/0002_extension_requests.sql"),
    },
    Migration {
        version: 3,
        name: "assignment_tally",
        sql: include_str!("../migrations/postgres/0003_assignment_tally.sql"),
    },
    Migration {
        version: 4,
        name: "sessions_search",
        sql: include_str!("../migrations/postgres/0004_sessions_search.sql"),
    },
    Migration {
        version: 5,
        name: "search_fts",
        sql: include_str!("../migrations/postgres/0005_search_fts.sql"),
    },
    Migration {
        version: 6,
        name: "tally_open_indexes",
        sql: include_str!("../migrations/postgres/0006_tally_open_indexes.sql"),
    },
];

/// The newest schema version this build knows (written into backups).
pub(crate) fn latest_version() -> i64 {
    SQLITE.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The advisory lock key for migrations ("dondoc" in ASCII, then 1).
const PG_MIGRATION_LOCK: i64 = 0x646f_6e64_6f63_0001;

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The versions applied so far with their checksums, refusing a database that is newer than
/// this program or whose applied migrations were edited afterwards.
fn pending<'m>(applied: &[(i64, String)], all: &'m [Migration]) -> Result<Vec<&'m Migration>> {
    for (v, sum) in applied {
        match all.iter().find(|m| m.version == *v) {
            None => {
                return Err(Error::Migration(format!(
                    "cơ sở dữ liệu có phiên bản cấu trúc {v}, mới hơn chương trình này"
                )));
            }
            Some(m) if sha256_hex(m.sql.as_bytes()) != *sum => {
                return Err(Error::Migration(format!(
                    "tệp nâng cấp {:04}_{} đã bị sửa sau khi áp dụng",
                    m.version, m.name
                )));
            }
            Some(_) => {}
        }
    }
    Ok(all
        .iter()
        .filter(|m| !applied.iter().any(|(v, _)| *v == m.version))
        .collect())
}

pub(crate) async fn migrate_sqlite(pool: &SqlitePool) -> Result<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::raw_sql(CREATE_TABLE).execute(&mut *tx).await?;
    let applied: Vec<(i64, String)> =
        sqlx::query_as("SELECT version, checksum FROM schema_migrations ORDER BY version")
            .fetch_all(&mut *tx)
            .await?;
    for m in pending(&applied, SQLITE)? {
        sqlx::raw_sql(m.sql)
            .execute(&mut *tx)
            .await
            .map_err(|e| Error::Migration(format!("{:04}_{}: {e}", m.version, m.name)))?;
        record_sqlite(&mut tx, m).await?;
    }
    tx.commit().await?;
    Ok(())
}

const RECORD: &str =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";

async fn record_sqlite(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    m: &Migration,
) -> Result<()> {
    sqlx::query(RECORD)
        .bind(m.version)
        .bind(m.name)
        .bind(sha256_hex(m.sql.as_bytes()))
        .bind(now_rfc3339())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn record_pg(tx: &mut sqlx::Transaction<'_, Postgres>, m: &Migration) -> Result<()> {
    sqlx::query(RECORD)
        .bind(m.version)
        .bind(m.name)
        .bind(sha256_hex(m.sql.as_bytes()))
        .bind(now_rfc3339())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn migrate_postgres(pool: &PgPool, lock: bool) -> Result<()> {
    let mut conn = pool.acquire().await?;
    if lock {
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(PG_MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
    }
    // Without the lock a racing replica may win; its work is then seen on the next attempt.
    let attempts = if lock { 1 } else { 5 };
    let mut result = Ok(());
    for _ in 0..attempts {
        result = migrate_postgres_once(&mut conn).await;
        if result.is_ok() {
            break;
        }
    }
    if lock {
        let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(PG_MIGRATION_LOCK)
            .execute(&mut *conn)
            .await;
        if unlocked.is_err() {
            // A connection that may still hold the session lock must not go back to the pool.
            drop(conn.detach());
        }
    }
    result
}

async fn migrate_postgres_once(conn: &mut PoolConnection<Postgres>) -> Result<()> {
    let mut tx = conn.begin().await?;
    sqlx::raw_sql(CREATE_TABLE).execute(&mut *tx).await?;
    let applied: Vec<(i64, String)> =
        sqlx::query("SELECT version, checksum FROM schema_migrations ORDER BY version")
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()?;
    let todo = pending(&applied, POSTGRES)?;
    for m in todo {
        sqlx::raw_sql(m.sql)
            .execute(&mut *tx)
            .await
            .map_err(|e| Error::Migration(format!("{:04}_{}: {e}", m.version, m.name)))?;
        record_pg(&mut tx, m).await?;
    }
    tx.commit().await?;
    Ok(())
}
