//! The queries the web pages need, timed at a given number of assignments.
//!
//! ```text
//! cargo run --release -p dondoc-store --example bench_queries -- DB_URL [ASSIGNMENTS] [RUNS]
//! ```
//!
//! Run on a database where `dondoc import --publish` has stored synthetic notices
//! (`scripts/bench-store.sh` does it all). If it holds fewer assignments than `ASSIGNMENTS`
//! (default 1,000,000), it first tops them up by copying the published ones as extra periods of
//! their tasks, and spreads statuses over the lifecycle (half done, some late, some reported,
//! some cancelled) so that every bucket is populated; the copies bypass the audit trail (and on
//! PostgreSQL the tally's triggers, the tally being rebuilt after), so run it on a benchmark
//! database only. Then it times, through the store's own API, `RUNS` times
//! each (default 200, after 10 warm-up runs) with varying organisations and dates:
//!
//! - `org_open_page`: an organisation's open assignments, first page of 100;
//! - `org_open_count`: how many there are (the `X-Total-Count` of that page);
//! - `overdue_page`: everything overdue as of a date, first page of 100;
//! - `overdue_count`: how many there are;
//! - `period_counts_quarter` / `period_counts_year`: the four buckets per organisation for a
//!   quarter / a year.
//!
//! and prints one line per query with its median and p95 in milliseconds.

use std::time::Instant;

use dondoc_extract::Date;
use dondoc_store::{AssignmentFilter, Store, TimeStatus};

type BoxError = Box<dyn std::error::Error>;

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args
        .first()
        .ok_or("usage: bench_queries DB_URL [ASSIGNMENTS] [RUNS]")?;
    let target: i64 = args.get(1).map_or(Ok(1_000_000), |s| s.parse())?;
    let runs: usize = args.get(2).map_or(Ok(200), |s| s.parse())?;
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(run(url, target, runs))
}

async fn run(url: &str, target: i64, runs: usize) -> Result<(), BoxError> {
    let started = Instant::now();
    top_up(url, target).await?;
    let store = Store::connect(url).await?;
    let stats = store.stats().await?;
    println!(
        "backend: {}  notices: {}  assignments: {}  (prepared in {:.1} s)",
        if url.starts_with("sqlite:") {
            "sqlite"
        } else {
            "postgres"
        },
        stats.notices,
        stats.assignments,
        started.elapsed().as_secs_f64()
    );
    let orgs: Vec<i64> = store
        .list_organisations()
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let years = year_range(url).await?;
    let mut rng = Lcg(0x5eed);
    let pick_org = |r: &mut Lcg| orgs.get(r.below(orgs.len())).copied();
    let pick_day = |r: &mut Lcg| {
        let y = years.0
            + i32::try_from(r.below(usize::try_from(years.1 - years.0 + 1).unwrap_or(1)))
                .unwrap_or(0);
        Date::new(
            y,
            u32::try_from(r.below(12)).unwrap_or(0) + 1,
            u32::try_from(r.below(28)).unwrap_or(0) + 1,
        )
    };

    let report = |name: &str, mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let i = ((times.len() as f64 - 1.0) * q).round() as usize;
            times.get(i).copied().unwrap_or(f64::NAN)
        };
        println!(
            "{name:<24} median {:>8.2} ms   p95 {:>8.2} ms   ({} runs)",
            at(0.5),
            at(0.95),
            times.len()
        );
    };

    macro_rules! time_it {
        ($name:expr, |$r:ident| $body:expr) => {{
            let mut times = Vec::with_capacity(runs);
            for i in 0..runs + 10 {
                let $r = &mut rng;
                let t = Instant::now();
                let n = $body;
                let ms = t.elapsed().as_secs_f64() * 1e3;
                std::hint::black_box(n);
                if i >= 10 {
                    times.push(ms);
                }
            }
            report($name, times);
        }};
    }

    time_it!("org_open_page", |r| {
        let f = AssignmentFilter {
            organisation_id: pick_org(r),
            open_only: true,
            as_of: pick_day(r),
            ..Default::default()
        };
        store.list_assignments(&f, 100, 0).await?.len()
    });
    time_it!("org_open_count", |r| {
        let f = AssignmentFilter {
            organisation_id: pick_org(r),
            open_only: true,
            as_of: pick_day(r),
            ..Default::default()
        };
        store.count_assignments(&f).await?
    });
    time_it!("overdue_page", |r| {
        let f = AssignmentFilter {
            time_status: Some(TimeStatus::Overdue),
            as_of: pick_day(r),
            ..Default::default()
        };
        store.list_assignments(&f, 100, 0).await?.len()
    });
    time_it!("overdue_count", |r| {
        let f = AssignmentFilter {
            time_status: Some(TimeStatus::Overdue),
            as_of: pick_day(r),
            ..Default::default()
        };
        store.count_assignments(&f).await?
    });
    time_it!("period_counts_quarter", |r| {
        let day = pick_day(r).ok_or("date")?;
        let q0 = (day.month() - 1) / 3 * 3 + 1;
        let from = Date::new(day.year(), q0, 1).ok_or("date")?;
        let to = Date::end_of_month(day.year(), q0 + 2).ok_or("date")?;
        store.period_counts(from, to, to, false).await?.len()
    });
    time_it!("period_counts_year", |r| {
        let day = pick_day(r).ok_or("date")?;
        let from = Date::new(day.year(), 1, 1).ok_or("date")?;
        let to = Date::new(day.year(), 12, 31).ok_or("date")?;
        store.period_counts(from, to, to, false).await?.len()
    });
    store.close().await;
    Ok(())
}

/// A small deterministic generator (no dependency for a benchmark).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// The first and last year of the due dates.
async fn year_range(url: &str) -> Result<(i32, i32), BoxError> {
    let sql =
        "SELECT CAST(SUBSTR(MIN(due), 1, 4) AS INTEGER), CAST(SUBSTR(MAX(due), 1, 4) AS INTEGER)
               FROM assignments WHERE due IS NOT NULL";
    let (a, b): (i64, i64) = if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await?;
        let r = sqlx::query_as(sql).fetch_one(&pool).await?;
        pool.close().await;
        r
    } else {
        let pool = sqlx::PgPool::connect(url).await?;
        let r: (i32, i32) = sqlx::query_as(sql).fetch_one(&pool).await?;
        pool.close().await;
        (i64::from(r.0), i64::from(r.1))
    };
    Ok((i32::try_from(a)?, i32::try_from(b)?))
}

/// The tally (migration 0003) recomputed from the assignments.
const REBUILD_TALLY: &str = "DELETE FROM assignment_tally;
    INSERT INTO assignment_tally (due, org_key, created_on, status, done_on, n)
    SELECT COALESCE(due, ''), COALESCE(organisation_id, -1),
           CASE WHEN due IS NULL THEN substr(created_at, 1, 10) ELSE '' END,
           status, COALESCE(done_on, ''), COUNT(*)
    FROM assignments GROUP BY 1, 2, 3, 4, 5";

/// Copies published assignments as extra periods until there are `target`, then spreads the
/// statuses. Each statement is run on the backend's own pool.
async fn top_up(url: &str, target: i64) -> Result<(), BoxError> {
    let sqlite = url.starts_with("sqlite:");
    let copy = |k: i64, limit: i64| {
        format!(
            "INSERT INTO assignments (task_id, organisation_id, unresolved_mention, role, status,
                due, period, done_on, created_at, updated_at)
             SELECT task_id, organisation_id, unresolved_mention, role, status, due,
                'bench-{k}', done_on, created_at, updated_at
             FROM assignments WHERE period IS NULL ORDER BY id LIMIT {limit}"
        )
    };
    let late = if sqlite {
        "date(due, '+9 days')"
    } else {
        "to_char(due::date + 9, 'YYYY-MM-DD')"
    };
    let early = if sqlite {
        "date(due, '-3 days')"
    } else {
        "to_char(due::date - 3, 'YYYY-MM-DD')"
    };
    let spread = format!(
        "UPDATE assignments SET
            status = CASE id % 20
                WHEN 0 THEN 'huy' WHEN 1 THEN 'bao_cao_hoan_thanh' WHEN 2 THEN 'dang_thuc_hien'
                WHEN 3 THEN 'da_nhan' WHEN 4 THEN 'xin_gia_han' WHEN 5 THEN 'tra_lai'
                WHEN 6 THEN 'chua_nhan' WHEN 7 THEN 'chua_nhan' WHEN 8 THEN 'dang_thuc_hien'
                ELSE 'hoan_thanh' END,
            done_on = CASE WHEN id % 20 >= 9 AND due IS NOT NULL THEN
                (CASE WHEN id % 20 >= 16 THEN {late} ELSE {early} END) END
         WHERE status = 'chua_nhan'"
    );
    macro_rules! go {
        ($pool:expr) => {{
            let pool = $pool;
            let count = |p| async move {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assignments")
                    .fetch_one(p)
                    .await?;
                Ok::<i64, sqlx::Error>(n)
            };
            let base: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM assignments WHERE period IS NULL")
                    .fetch_one(&pool)
                    .await?;
            if base == 0 {
                return Err("no published assignments: run dondoc import --publish first".into());
            }
            // The copies and the status spread bypass the tally's row triggers (slow on
            // PostgreSQL for a million rows) and rebuild it once at the end.
            if !sqlite {
                sqlx::raw_sql("ALTER TABLE assignments DISABLE TRIGGER USER")
                    .execute(&pool)
                    .await?;
            }
            let mut k = 1;
            loop {
                let have = count(&pool).await?;
                if have >= target {
                    break;
                }
                let taken: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM assignments WHERE period = $1")
                        .bind(format!("bench-{k}"))
                        .fetch_one(&pool)
                        .await?;
                if taken == 0 {
                    sqlx::raw_sql(sqlx::AssertSqlSafe(copy(k, (target - have).min(base))))
                        .execute(&pool)
                        .await?;
                }
                k += 1;
            }
            sqlx::raw_sql(sqlx::AssertSqlSafe(spread.clone()))
                .execute(&pool)
                .await?;
            if !sqlite {
                sqlx::raw_sql(REBUILD_TALLY).execute(&pool).await?;
                sqlx::raw_sql("ALTER TABLE assignments ENABLE TRIGGER USER")
                    .execute(&pool)
                    .await?;
            }
            // The copies went through the WAL: fold it back into the database so that reads
            // are timed as they are in service, not through a WAL of hundreds of megabytes.
            let settle = if sqlite {
                // As the store gathers statistics: row counts, no STAT4 samples (see
                // `tune_statistics` in the store).
                "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"
            } else {
                "VACUUM ANALYZE"
            };
            sqlx::raw_sql(settle).execute(&pool).await?;
            pool.close().await;
        }};
    }
    if sqlite {
        go!(sqlx::SqlitePool::connect(url).await?);
    } else {
        go!(sqlx::PgPool::connect(url).await?);
    }
    Ok(())
}
