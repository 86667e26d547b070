//! The database commands end to end: `import` twice changes nothing, a killed import leaves no
//! half-imported notice, `backup` → `restore` gives the same data, `check` and `stats` as the
//! contract says. Each case runs on a fresh SQLite file, and on a fresh PostgreSQL database of
//! its own when `DONDOC_TEST_DATABASE_URL` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::dondoc;

/// A database for one test, dropped at the end (PostgreSQL) or removed with its directory.
struct TestDb {
    url: String,
    pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg {
            pg_exec(
                admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

fn pg_exec(admin_url: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // A plain connection: the administrative database is only used to create and drop the
    // tests' own, never migrated.
    rt.block_on(async {
        let pool = sqlx::PgPool::connect(admin_url)
            .await
            .expect("connect to DONDOC_TEST_DATABASE_URL");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .expect(sql);
        pool.close().await;
    });
}

fn databases(tag: &str) -> Vec<TestDb> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut out = vec![TestDb {
        url: format!("sqlite://{}", dir.path().join("dondoc.db").display()),
        pg: None,
        _dir: dir,
    }];
    if let Ok(admin) = std::env::var("DONDOC_TEST_DATABASE_URL")
        && !admin.trim().is_empty()
    {
        let name = format!("dondoc_cli_{tag}_{}", std::process::id());
        pg_exec(
            &admin,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        );
        pg_exec(&admin, &format!("CREATE DATABASE {name}"));
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        out.push(TestDb {
            url: format!("{base}/{name}"),
            pg: Some((admin.clone(), name)),
            _dir: tempfile::tempdir().expect("tempdir"),
        });
    } else {
        eprintln!("DONDOC_TEST_DATABASE_URL unset: PostgreSQL not tested");
    }
    out
}

fn with_db<'a>(db: &'a TestDb, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--db", db.url.as_str()];
    v.extend_from_slice(args);
    v
}

fn stats(db: &TestDb) -> serde_json::Value {
    let run = dondoc(with_db(db, &["stats", "--json"]));
    assert_eq!(run.code, Some(0), "stats: {}", run.stderr);
    serde_json::from_str(run.stdout.trim()).expect("stats is JSON")
}

#[track_caller]
fn assert_sound(db: &TestDb) {
    let run = dondoc(with_db(db, &["check"]));
    assert_eq!(
        run.code,
        Some(0),
        "check found faults: {}{}",
        run.stdout,
        run.stderr
    );
}

/// Synthetic notices written by `dondoc demo-data` (fictional, from the generator's grammar).
fn synthetic(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("notices");
    let n = n.to_string();
    let run = dondoc([
        "demo-data",
        "--notices",
        n.as_str(),
        "--out",
        out.to_str().expect("utf-8 path"),
        "--seed",
        "7",
    ]);
    assert_eq!(run.code, Some(0), "demo-data: {}", run.stderr);
    (dir, out)
}

fn seeds() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    p.is_dir().then_some(p)
}

#[test]
fn importing_twice_changes_nothing() {
    let (_keep, dir) = synthetic(12);
    let folder = seeds().unwrap_or(dir);
    let files = std::fs::read_dir(&folder).expect("folder").count();
    for db in databases("twice") {
        let f = folder.to_str().expect("utf-8 path");
        let first = dondoc(with_db(&db, &["import", "--publish", f]));
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        let after_first = stats(&db);
        let second = dondoc(with_db(&db, &["import", "--publish", f]));
        assert_eq!(second.code, Some(0), "{}", second.stderr);
        assert!(second.stdout.contains("0 văn bản mới"), "{}", second.stdout);
        assert_eq!(stats(&db), after_first, "a second import changed the data");
        assert_eq!(after_first["notices"], files as u64);
        assert!(after_first["assignments"].as_u64().unwrap_or(0) > 0);
        for key in [
            "notices",
            "tasks",
            "assignments",
            "proposals",
            "organisations",
            "users",
        ] {
            assert!(after_first.get(key).is_some(), "stats lacks {key}");
        }
        assert_sound(&db);
    }
}

#[test]
fn unreadable_files_are_listed_and_the_rest_import() {
    let (_keep, dir) = synthetic(3);
    std::fs::write(dir.join("hong.docx"), b"PK\x03\x04 not a zip").expect("write");
    std::fs::write(dir.join("rong.txt"), b"").expect("write");
    for db in databases("bad") {
        let run = dondoc(with_db(&db, &["import", dir.to_str().expect("utf-8")]));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(run.stderr.contains("hong.docx") && run.stderr.contains("[invalid_docx]"));
        assert!(run.stderr.contains("rong.txt") && run.stderr.contains("[empty_file]"));
        assert!(
            run.stdout.contains("2 tệp không đọc được"),
            "{}",
            run.stdout
        );
        assert_eq!(stats(&db)["notices"], 3);
        assert_sound(&db);
    }
}

#[test]
fn a_killed_import_leaves_no_half_imported_notice() {
    let n = 80;
    let (_keep, dir) = synthetic(n);
    for db in databases("kill") {
        // Kill the import at several moments; after each kill the database is sound.
        for delay_ms in [150u64, 400, 700, 1100] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_dondoc"))
                .args(with_db(
                    &db,
                    &["import", "--publish", dir.to_str().expect("utf-8")],
                ))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start import");
            std::thread::sleep(Duration::from_millis(delay_ms));
            // SIGKILL on Unix: no clean-up runs.
            let _ = child.kill();
            let _ = child.wait();
            assert_sound(&db);
        }
        let run = dondoc(with_db(
            &db,
            &["import", "--publish", dir.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let s = stats(&db);
        assert_eq!(s["notices"], n as u64, "the re-run completes the rest");
        assert_sound(&db);
    }
}

#[test]
fn backup_restores_into_an_empty_database_identically() {
    let (_keep, dir) = synthetic(10);
    let source = databases("src");
    let Some(src) = source.first() else { return };
    dondoc(with_db(src, &["org", "seed"]));
    let run = dondoc(with_db(
        src,
        &["import", "--publish", dir.to_str().expect("utf-8")],
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let files = tempfile::tempdir().expect("tempdir");
    let first = files.path().join("a.bak");
    let run = dondoc(with_db(
        src,
        &["backup", "-o", first.to_str().expect("utf-8")],
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for (i, target) in databases("dst").iter().enumerate() {
        let run = dondoc(with_db(
            target,
            &["restore", first.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(stats(target), stats(src));
        assert_sound(target);
        let again = files.path().join(format!("b{i}.bak"));
        let run = dondoc(with_db(
            target,
            &["backup", "-o", again.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(
            std::fs::read(&first).expect("read"),
            std::fs::read(&again).expect("read"),
            "the restored database backs up to the same bytes"
        );
        // A second restore into a database that is no longer empty is refused.
        let run = dondoc(with_db(
            target,
            &["restore", first.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(run.stderr.contains("[restore_not_empty]"), "{}", run.stderr);
    }
}

#[test]
fn directory_and_users_from_the_command_line() {
    for db in databases("org") {
        let run = dondoc(with_db(&db, &["org", "seed"]));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let files = tempfile::tempdir().expect("tempdir");
        let csv = files.path().join("org.csv");
        let run = dondoc(with_db(
            &db,
            &["org", "export", "-o", csv.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let text = std::fs::read_to_string(&csv).expect("csv");
        assert!(text.starts_with("code,kind,level"), "{text}");
        let run = dondoc(with_db(
            &db,
            &["org", "import", csv.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let bad = files.path().join("bad.csv");
        std::fs::write(&bad, "code,kind\nx").expect("write");
        let run = dondoc(with_db(
            &db,
            &["org", "import", bad.to_str().expect("utf-8")],
        ));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        // A weak password is refused; a good one makes an argon2id hash, never the password.
        let out = Command::new(env!("CARGO_BIN_EXE_dondoc"))
            .args(with_db(
                &db,
                &["user", "add", "theodoi", "--role", "monitor"],
            ))
            .env("DONDOC_PASSWORD", "ngan")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        let out = Command::new(env!("CARGO_BIN_EXE_dondoc"))
            .args(with_db(
                &db,
                &[
                    "user",
                    "add",
                    "theodoi",
                    "--role",
                    "monitor",
                    "--email",
                    "theodoi@dondoc.test",
                ],
            ))
            .env("DONDOC_PASSWORD", "mat-khau-dai-du")
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stats(&db)["users"], 1);
        let backup = files.path().join("u.bak");
        dondoc(with_db(
            &db,
            &["backup", "-o", backup.to_str().expect("utf-8")],
        ));
        let dump = std::fs::read_to_string(&backup).expect("backup");
        assert!(dump.contains("$argon2id$") && !dump.contains("mat-khau-dai-du"));
        assert_sound(&db);
    }
}

#[test]
fn demo_loads_notices_and_accounts_once() {
    for db in databases("demo") {
        let first = dondoc(with_db(&db, &["demo"]));
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        for name in ["admin", "theodoi", "lanhdao", "hoinongdan", "huyendoan"] {
            assert!(first.stdout.contains(name), "{}", first.stdout);
        }
        assert!(first.stdout.contains("dondoc-demo"), "{}", first.stdout);
        let after_first = stats(&db);
        assert_eq!(
            after_first["notices"],
            dondoc_demo::demo_notices().len() as u64
        );
        assert_eq!(after_first["users"], 5);
        let again = dondoc(with_db(&db, &["demo"]));
        assert_eq!(again.code, Some(0), "{}", again.stderr);
        assert_eq!(stats(&db), after_first, "a second demo changed the data");
        assert_sound(&db);
        // Each focal point belongs to an organisation that has tasks in the demo: the district
        // body or, after the 2025 restructuring, the one that replaced it.
        let users = dondoc(with_db(&db, &["user", "list"]));
        assert_eq!(users.code, Some(0), "{}", users.stderr);
        let focal: Vec<&str> = users
            .stdout
            .lines()
            .filter(|l| l.contains("focal"))
            .collect();
        assert_eq!(focal.len(), 2, "{}", users.stdout);
        for line in focal {
            assert!(
                line.contains("Hòa Bình Xanh"),
                "focal point without organisation: {line}"
            );
        }
        assert!(
            users.stdout.contains("hoinongdan@dondoc.test"),
            "{}",
            users.stdout
        );
    }
}
