//! The storage conformance suite: every test runs against SQLite (a temp file) and, when
//! `DONDOC_TEST_DATABASE_URL` names a PostgreSQL server, against a fresh PostgreSQL database of
//! its own (created for the test, dropped after it).

#[path = "fixtures/notices.rs"]
mod notices_fixture;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use dondoc_extract::{Date, Level, OrgKind};
use dondoc_store::*;
use dondoc_track::{Action, Counts, Status};
use notices_fixture::{NOTICE_A, NOTICE_B};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// A database of one test.
pub struct TestDb {
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Pg { admin_url: String, name: String },
}

impl TestDb {
    async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("dondoc-store-{}.db", unique()));
        TestDb {
            url: format!("sqlite://{}", path.display()),
            cleanup: Cleanup::File(path),
        }
    }

    async fn postgres(admin_url: &str) -> TestDb {
        let name = format!("dondoc_t_{}", unique());
        let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let base = admin_url.split('?').next().unwrap();
        let prefix = base.rsplit_once('/').map(|(p, _)| p).unwrap();
        TestDb {
            url: format!("{prefix}/{name}"),
            cleanup: Cleanup::Pg {
                admin_url: admin_url.to_owned(),
                name,
            },
        }
    }

    /// A fresh database of the same backend.
    async fn sibling(&self) -> TestDb {
        match &self.cleanup {
            Cleanup::File(_) => TestDb::sqlite().await,
            Cleanup::Pg { admin_url, .. } => TestDb::postgres(admin_url).await,
        }
    }

    async fn store(&self) -> Store {
        Store::connect(&self.url).await.unwrap()
    }

    /// Runs a query returning one integer, outside the store.
    async fn count(&self, sql: &'static str) -> i64 {
        match &self.cleanup {
            Cleanup::File(_) => {
                let p = sqlx::SqlitePool::connect(&self.url).await.unwrap();
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&p).await.unwrap();
                p.close().await;
                n
            }
            Cleanup::Pg { .. } => {
                let p = sqlx::PgPool::connect(&self.url).await.unwrap();
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&p).await.unwrap();
                p.close().await;
                n
            }
        }
    }

    fn is_pg(&self) -> bool {
        matches!(self.cleanup, Cleanup::Pg { .. })
    }

    async fn cleanup(self) {
        match self.cleanup {
            Cleanup::File(p) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
                }
            }
            Cleanup::Pg { admin_url, name } => {
                let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&admin)
                .await
                .unwrap();
                admin.close().await;
            }
        }
    }
}

fn pg_url() -> Option<String> {
    std::env::var("DONDOC_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

async fn databases() -> Vec<TestDb> {
    let mut v = vec![TestDb::sqlite().await];
    if let Some(u) = pg_url() {
        v.push(TestDb::postgres(&u).await);
    }
    v
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            for db in databases().await {
                cases::$name(&db).await;
                db.cleanup().await;
            }
        }
    )*};
}

conformance!(
    migrations_are_idempotent_and_survive_a_race,
    importing_the_same_bytes_twice_gives_one_notice,
    publish_creates_one_assignment_per_task_and_organisation,
    recurring_tasks_get_one_assignment_per_period,
    resolution_follows_renames_on_the_notice_date,
    proposals_raised_again_are_linked,
    the_lifecycle_decides_every_status_change,
    a_focal_point_never_sees_or_changes_another_organisations_assignment,
    extension_requests_are_decided_by_the_monitor,
    time_status_filters_and_period_counts_follow_the_rules,
    due_change_keeps_history,
    progress_reports_keep_files,
    audit_rows_cannot_be_updated_or_deleted,
    tampering_with_the_audit_is_detected,
    counts_leave_restricted_notices_out_and_the_tally_stays_true,
    backup_restores_identical_rows,
    restore_refuses_a_non_empty_database,
    stats_counts_with_contract_field_names,
    users_are_created_and_found,
    directory_csv_round_trips,
    assignment_lists_filter_and_hide_restricted,
    migrations_race_without_the_advisory_lock,
    concurrent_writes_keep_one_audit_chain,
    concurrent_imports_of_the_same_bytes_give_one_notice,
    import_and_publish_are_all_or_nothing,
    publication_uses_the_reviewed_extraction,
);

fn focal_of(org: i64) -> Actor<'static> {
    Actor {
        username: "hoinongdan",
        role: UserRole::Focal,
        organisation_id: Some(org),
    }
}

fn monitor() -> Actor<'static> {
    Actor {
        username: "theodoi",
        role: UserRole::Monitor,
        organisation_id: None,
    }
}

/// The first assignment of `org`, with a due date when it has one.
async fn mine(s: &Store, org: i64) -> Assignment {
    let list = all_assignments(
        s,
        AssignmentFilter {
            organisation_id: Some(org),
            ..Default::default()
        },
    )
    .await;
    let first = list.first().cloned().unwrap();
    list.into_iter().find(|a| a.due.is_some()).unwrap_or(first)
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn new_notice(text: &str, name: &str) -> NewNotice {
    NewNotice {
        bytes: text.as_bytes().to_vec(),
        file_name: name.to_owned(),
        format: "text".to_owned(),
        text: dondoc_extract::NormDoc::from_plain(text).text,
        extraction: dondoc_extract::extract_text(text),
        restricted: false,
    }
}

async fn org_id(s: &Store, code: &str) -> i64 {
    s.find_organisation_by_code(code).await.unwrap().unwrap().id
}

/// A database with the demo directory and notice A published.
async fn published(db: &TestDb) -> (Store, i64) {
    let s = db.store().await;
    s.seed_default_directory().await.unwrap();
    let id = s
        .import_notice(new_notice(NOTICE_A, "a.txt"), "theodoi")
        .await
        .unwrap()
        .id();
    s.publish_notice(id, "theodoi").await.unwrap();
    (s, id)
}

async fn all_assignments(s: &Store, f: AssignmentFilter) -> Vec<Assignment> {
    s.list_assignments(&f, 1000, 0).await.unwrap()
}

/// Everything a backup holds, for comparing two databases.
async fn dump(s: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    s.backup(&mut out).await.unwrap();
    out
}

mod cases {
    use super::*;

    pub async fn migrations_are_idempotent_and_survive_a_race(db: &TestDb) {
        let (a, b) = tokio::join!(Store::connect(&db.url), Store::connect(&db.url));
        let (a, b) = (a.unwrap(), b.unwrap());
        let again = db.store().await;
        assert_eq!(
            db.count("SELECT COUNT(*) FROM schema_migrations").await,
            db.count("SELECT MAX(version) FROM schema_migrations").await
        );
        a.seed_default_directory().await.unwrap();
        // Seeding is idempotent too.
        assert_eq!(b.seed_default_directory().await.unwrap(), 0);
        assert!(again.stats().await.unwrap().organisations > 40);
        for s in [a, b, again] {
            s.close().await;
        }
    }

    pub async fn migrations_race_without_the_advisory_lock(db: &TestDb) {
        let off = ConnectOptions {
            migration_lock: false,
        };
        let (a, b, c) = tokio::join!(
            Store::connect_with(&db.url, off),
            Store::connect_with(&db.url, off),
            Store::connect_with(&db.url, off)
        );
        let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
        assert_eq!(
            db.count("SELECT COUNT(*) FROM schema_migrations").await,
            db.count("SELECT MAX(version) FROM schema_migrations").await
        );
        a.seed_default_directory().await.unwrap();
        assert_eq!(b.check().await.unwrap(), vec![]);
        for s in [a, b, c] {
            s.close().await;
        }
    }

    pub async fn concurrent_writes_keep_one_audit_chain(db: &TestDb) {
        let s = db.store().await;
        let other = db.store().await;
        let mut handles = Vec::new();
        for i in 0..12 {
            let st = if i % 2 == 0 { s.clone() } else { other.clone() };
            handles.push(tokio::spawn(async move {
                let u = NewUser {
                    username: format!("u{i}"),
                    password_hash: "h".into(),
                    role: UserRole::Focal,
                    organisation_id: None,
                    email: None,
                };
                st.create_user(&u, "admin").await.unwrap()
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
        assert_eq!(s.list_audit(0, 100).await.unwrap().len(), 12);
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.close().await;
        other.close().await;
    }

    pub async fn concurrent_imports_of_the_same_bytes_give_one_notice(db: &TestDb) {
        let s = db.store().await;
        let t = db.store().await;
        let (x, y) = tokio::join!(
            s.import_notice(new_notice(NOTICE_A, "a.txt"), "a"),
            t.import_notice(new_notice(NOTICE_A, "a.txt"), "b")
        );
        let (x, y) = (x.unwrap(), y.unwrap());
        assert_eq!(x.id(), y.id());
        assert!(matches!(x, ImportOutcome::Imported(_)) != matches!(y, ImportOutcome::Imported(_)));
        assert_eq!(s.stats().await.unwrap().notices, 1);
        s.close().await;
        t.close().await;
    }

    /// A trigger that makes every insert into `table` fail, standing in for a crash mid-way.
    /// Each table's trigger has its own name: a pooled SQLite connection may still hold the
    /// schema from before another connection dropped an earlier one.
    async fn sabotage(db: &TestDb, s: &Store, table: &str) {
        let sql = if db.is_pg() {
            format!(
                "CREATE OR REPLACE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END; $$;
                 CREATE TRIGGER boom_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION boom()"
            )
        } else {
            format!(
                "CREATE TRIGGER boom_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
        };
        s.raw_execute(&sql).await.unwrap();
    }

    async fn repair(db: &TestDb, s: &Store, table: &str) {
        let sql = if db.is_pg() {
            format!("DROP TRIGGER boom_{table} ON {table}")
        } else {
            format!("DROP TRIGGER boom_{table}")
        };
        s.raw_execute(&sql).await.unwrap();
    }

    pub async fn import_and_publish_are_all_or_nothing(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let audit_before = s.list_audit(0, 1000).await.unwrap().len();
        // The audit entry is written last: a failure there leaves no notice behind.
        sabotage(db, &s, "audit").await;
        assert!(
            s.import_notice(new_notice(NOTICE_A, "a.txt"), "x")
                .await
                .is_err()
        );
        repair(db, &s, "audit").await;
        assert_eq!(s.stats().await.unwrap().notices, 0);
        let id = s
            .import_notice(new_notice(NOTICE_A, "a.txt"), "x")
            .await
            .unwrap();
        assert!(matches!(id, ImportOutcome::Imported(_)));
        // Proposals are written after the tasks and assignments: those must not survive.
        sabotage(db, &s, "proposals").await;
        assert!(s.publish_notice(id.id(), "x").await.is_err());
        let st = s.stats().await.unwrap();
        assert_eq!((st.tasks, st.assignments, st.proposals), (0, 0, 0));
        assert_eq!(
            s.get_notice(id.id()).await.unwrap().state,
            NoticeState::Draft
        );
        assert_eq!(s.list_audit(0, 1000).await.unwrap().len(), audit_before + 1);
        repair(db, &s, "proposals").await;
        s.publish_notice(id.id(), "x").await.unwrap();
        assert!(s.stats().await.unwrap().tasks > 0);
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.close().await;
    }

    pub async fn publication_uses_the_reviewed_extraction(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let id = s
            .import_notice(new_notice(NOTICE_A, "a.txt"), "x")
            .await
            .unwrap()
            .id();
        let mut reviewed = s.get_notice(id).await.unwrap().extraction;
        reviewed.tasks.truncate(1);
        reviewed.tasks[0].text = "Văn bản đã sửa".to_owned();
        reviewed.proposals.clear();
        s.save_review(id, &reviewed, "theodoi").await.unwrap();
        let sum = s.publish_notice(id, "theodoi").await.unwrap();
        assert_eq!((sum.tasks, sum.proposals), (1, 0));
        let tasks = s.list_tasks(id).await.unwrap();
        assert_eq!(tasks[0].text, "Văn bản đã sửa");
        let n = s.get_notice(id).await.unwrap();
        assert_eq!(n.reviewed.as_ref().map(|r| r.tasks.len()), Some(1));
        assert!(
            n.extraction.tasks.len() > 1,
            "the extraction as extracted is kept"
        );
        let e = s.save_review(id, &reviewed, "theodoi").await.unwrap_err();
        assert_eq!(e.code(), "already_published");
        s.close().await;
    }

    pub async fn importing_the_same_bytes_twice_gives_one_notice(db: &TestDb) {
        let s = db.store().await;
        let first = s
            .import_notice(new_notice(NOTICE_A, "a.txt"), "theodoi")
            .await
            .unwrap();
        let second = s
            .import_notice(new_notice(NOTICE_A, "copy.txt"), "theodoi")
            .await
            .unwrap();
        assert!(matches!(first, ImportOutcome::Imported(_)));
        assert_eq!(second, ImportOutcome::AlreadyPresent(first.id()));
        assert_eq!(s.stats().await.unwrap().notices, 1);
        let n = s.get_notice(first.id()).await.unwrap();
        assert_eq!(n.state, NoticeState::Draft);
        assert_eq!(n.file_name, "a.txt");
        assert_eq!(n.issued_on, Some(d("2018-01-30")));
        assert_eq!(
            s.notice_source(first.id()).await.unwrap(),
            NOTICE_A.as_bytes()
        );
        assert_eq!(
            n.extraction.source.sha256.as_deref(),
            Some(n.sha256.as_str())
        );
        let audit = s.list_audit(0, 100).await.unwrap();
        assert_eq!(audit.iter().filter(|e| e.action == "import").count(), 1);
        s.close().await;
    }

    pub async fn publish_creates_one_assignment_per_task_and_organisation(db: &TestDb) {
        let (s, id) = published(db).await;
        let tasks = s.list_tasks(id).await.unwrap();
        assert!(tasks.len() >= 4, "{tasks:?}");
        let t1 = &tasks[0];
        assert_eq!(t1.ext_id, "t1");
        assert_eq!(t1.deadline_due, Some(d("2018-02-28")));
        let a1 = all_assignments(
            &s,
            AssignmentFilter {
                task_id: Some(t1.id),
                ..Default::default()
            },
        )
        .await;
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let nn = org_id(&s, "phong-nong-nghiep-huyen").await;
        let mut got: Vec<_> = a1.iter().map(|a| (a.organisation_id, a.role)).collect();
        got.sort_by_key(|x| x.0);
        let mut want = vec![(Some(hnd), Role::Lead), (Some(nn), Role::Collab)];
        want.sort_by_key(|x| x.0);
        assert_eq!(got, want);
        assert!(
            a1.iter()
                .all(|a| a.status == "chua_nhan" && a.due == Some(d("2018-02-28")))
        );
        // The unknown agency is kept with its mention, flagged by a NULL organisation.
        let unresolved = all_assignments(
            &s,
            AssignmentFilter {
                unresolved_only: true,
                ..Default::default()
            },
        )
        .await;
        assert!(
            unresolved.iter().any(|a| a
                .unresolved_mention
                .as_deref()
                .is_some_and(|m| m.contains("Tư pháp"))),
            "{unresolved:?}"
        );
        assert!(unresolved.iter().all(|a| a.organisation_id.is_none()));
        // One assignment per (task, organisation, period).
        let all = all_assignments(&s, AssignmentFilter::default()).await;
        let mut keys: Vec<_> = all
            .iter()
            .map(|a| {
                (
                    a.task_id,
                    a.organisation_id,
                    a.unresolved_mention.clone(),
                    a.period.clone(),
                )
            })
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert_eq!(
            s.get_notice(id).await.unwrap().state,
            NoticeState::Published
        );
        let again = s.publish_notice(id, "theodoi").await.unwrap_err();
        assert_eq!(again.code(), "already_published");
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.close().await;
    }

    pub async fn recurring_tasks_get_one_assignment_per_period(db: &TestDb) {
        let (s, id) = published(db).await;
        let tasks = s.list_tasks(id).await.unwrap();
        let quarterly = tasks.iter().find(|t| t.text.contains("mỗi quý")).unwrap();
        let a = all_assignments(
            &s,
            AssignmentFilter {
                task_id: Some(quarterly.id),
                ..Default::default()
            },
        )
        .await;
        let mut periods: Vec<_> = a
            .iter()
            .map(|x| (x.period.clone().unwrap(), x.due.unwrap()))
            .collect();
        periods.sort();
        assert_eq!(
            periods,
            vec![
                ("2018-Q1".to_owned(), d("2018-03-31")),
                ("2018-Q2".to_owned(), d("2018-06-30")),
                ("2018-Q3".to_owned(), d("2018-09-30")),
                ("2018-Q4".to_owned(), d("2018-12-31")),
            ]
        );
        let monthly = tasks.iter().find(|t| t.text.contains("tin, bài")).unwrap();
        assert_eq!((monthly.quota_min, monthly.quota_max), (Some(2), Some(4)));
        assert_eq!(monthly.quota_unit.as_deref(), Some("tin, bài"));
        let a = all_assignments(
            &s,
            AssignmentFilter {
                task_id: Some(monthly.id),
                ..Default::default()
            },
        )
        .await;
        // Lead and collaborator, January to December.
        assert_eq!(a.len(), 24);
        assert!(
            a.iter()
                .any(|x| x.period.as_deref() == Some("2018-02") && x.due == Some(d("2018-02-28")))
        );
        s.close().await;
    }

    pub async fn resolution_follows_renames_on_the_notice_date(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let r = |k, l, m: Option<&'static str>, on: &'static str| {
            let s = s.clone();
            async move { s.resolve_org(k, l, m, d(on)).await.unwrap() }
        };
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let hnd_xa = org_id(&s, "hoi-nong-dan-xa-hoa-binh-xanh").await;
        assert_eq!(
            r(
                OrgKind::HoiNongDan,
                Some(Level::Huyen),
                Some("Hội Nông dân huyện"),
                "2018-01-30"
            )
            .await,
            Some(hnd)
        );
        assert_eq!(
            r(
                OrgKind::HoiNongDan,
                Some(Level::Huyen),
                Some("hoi nong dan"),
                "2026-03-01"
            )
            .await,
            Some(hnd_xa)
        );
        assert_eq!(
            r(OrgKind::HoiNongDan, Some(Level::Huyen), None, "2024-12-31").await,
            Some(hnd)
        );
        let bdv = org_id(&s, "ban-dan-van-huyen-uy").await;
        let tgdv = org_id(&s, "ban-tgdv-huyen-uy").await;
        let xdd = org_id(&s, "ban-xay-dung-dang-xa-hoa-binh-xanh").await;
        let m = Some("Ban Dân vận Huyện ủy");
        assert_eq!(
            r(OrgKind::BanDanVan, Some(Level::Huyen), m, "2020-05-05").await,
            Some(bdv)
        );
        assert_eq!(
            r(OrgKind::BanDanVan, Some(Level::Huyen), m, "2025-04-01").await,
            Some(tgdv)
        );
        assert_eq!(
            r(OrgKind::BanDanVan, Some(Level::Huyen), m, "2026-01-15").await,
            Some(xdd)
        );
        let sn = org_id(&s, "ubnd-xa-suoi-ngoc").await;
        assert_eq!(
            r(
                OrgKind::Ubnd,
                Some(Level::Xa),
                Some("UBND xã Suối Ngọc"),
                "2020-01-01"
            )
            .await,
            Some(sn)
        );
        assert_eq!(
            r(
                OrgKind::Ubnd,
                Some(Level::Xa),
                Some("ubnd xa suoi ngoc"),
                "2020-01-01"
            )
            .await,
            Some(sn)
        );
        // Several communes: a bare "UBND các xã" names none of them.
        assert_eq!(
            r(
                OrgKind::Ubnd,
                Some(Level::Xa),
                Some("UBND các xã"),
                "2020-01-01"
            )
            .await,
            None
        );
        assert_eq!(
            r(
                OrgKind::CoQuanChuyenMon,
                Some(Level::Huyen),
                Some("Phòng Tư pháp huyện"),
                "2020-01-01"
            )
            .await,
            None
        );
        let nn = org_id(&s, "phong-nong-nghiep-huyen").await;
        assert_eq!(
            r(
                OrgKind::CoQuanChuyenMon,
                Some(Level::Huyen),
                Some("Phòng Nông nghiệp và PTNT huyện"),
                "2020-01-01"
            )
            .await,
            Some(nn)
        );
        s.close().await;
    }

    pub async fn proposals_raised_again_are_linked(db: &TestDb) {
        let (s, a) = published(db).await;
        let b = s
            .import_notice(new_notice(NOTICE_B, "b.txt"), "theodoi")
            .await
            .unwrap()
            .id();
        let sum = s.publish_notice(b, "theodoi").await.unwrap();
        assert_eq!(sum.linked_proposals, 1);
        let pa = s.list_proposals(Some(a)).await.unwrap();
        let pb = s.list_proposals(Some(b)).await.unwrap();
        assert_eq!((pa.len(), pb.len()), (1, 1));
        let ccb = org_id(&s, "hoi-ccb-huyen").await;
        assert_eq!(pa[0].proposer_org_id, Some(ccb));
        assert_eq!(pa[0].status, "answered");
        assert_eq!(pa[0].earlier_id, None);
        assert_eq!(pb[0].earlier_id, Some(pa[0].id));
        let handled: serde_json::Value = serde_json::from_str(&pa[0].handled_by).unwrap();
        assert_eq!(
            handled[0]["organisation_id"],
            org_id(&s, "ubnd-huyen").await
        );
        s.close().await;
    }

    pub async fn the_lifecycle_decides_every_status_change(db: &TestDb) {
        let (s, _) = published(db).await;
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let focal = focal_of(hnd);
        let monitor = monitor();
        let a = mine(&s, hnd).await;
        let on = d("2018-02-10");
        let audit_before = s.list_audit(0, 1000).await.unwrap().len();
        // Not yet acknowledged: reporting completion is refused, and so is the monitor's verdict.
        let e = s
            .act(a.id, &Action::ReportDone, &focal, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "illegal_transition");
        assert!(
            e.to_string()
                .starts_with("Lỗi: Không thể báo cáo hoàn thành"),
            "{e}"
        );
        let e = s
            .act(a.id, &Action::Confirm, &monitor, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "illegal_transition");
        // A focal point may not judge its own report; a leader acts on nothing.
        let e = s
            .act(a.id, &Action::Confirm, &focal, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden_role");
        let leader = Actor {
            username: "lanhdao",
            role: UserRole::Leader,
            organisation_id: None,
        };
        let e = s
            .act(a.id, &Action::Acknowledge, &leader, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden_role");
        // Refusals change nothing and leave no audit entry.
        assert_eq!(s.get_assignment(a.id).await.unwrap().status, "chua_nhan");
        assert_eq!(s.list_audit(0, 1000).await.unwrap().len(), audit_before);

        let got = s
            .act(a.id, &Action::Acknowledge, &focal, Some("đã nhận"), on)
            .await
            .unwrap();
        assert_eq!(got.status, Status::DaNhan);
        let e = s
            .act(a.id, &Action::Acknowledge, &focal, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "illegal_transition");
        s.act(a.id, &Action::ReportDone, &focal, None, d("2018-02-20"))
            .await
            .unwrap();
        let got = s.get_assignment(a.id).await.unwrap();
        assert_eq!(got.status, "bao_cao_hoan_thanh");
        assert_eq!(got.done_on, Some(d("2018-02-20")));
        // Returned: the completion date goes, and the focal point must start again.
        s.act(a.id, &Action::Return, &monitor, Some("chưa đủ"), on)
            .await
            .unwrap();
        assert_eq!(s.get_assignment(a.id).await.unwrap().done_on, None);
        let e = s
            .act(a.id, &Action::ReportDone, &focal, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "illegal_transition");
        s.act(a.id, &Action::Start, &focal, None, on).await.unwrap();
        s.act(a.id, &Action::ReportDone, &focal, None, d("2018-02-25"))
            .await
            .unwrap();
        s.act(a.id, &Action::Confirm, &monitor, None, d("2018-03-05"))
            .await
            .unwrap();
        let got = s.get_assignment(a.id).await.unwrap();
        assert_eq!(got.status, "hoan_thanh");
        // Done on the day reported, not the day confirmed.
        assert_eq!(got.done_on, Some(d("2018-02-25")));
        let trail = s.list_audit(0, 1000).await.unwrap();
        let actions: Vec<_> = trail[audit_before..]
            .iter()
            .map(|e| (e.actor.as_str(), e.action.as_str()))
            .collect();
        assert_eq!(
            actions,
            vec![
                ("hoinongdan", "acknowledge"),
                ("hoinongdan", "report_done"),
                ("theodoi", "return"),
                ("hoinongdan", "start"),
                ("hoinongdan", "report_done"),
                ("theodoi", "confirm"),
            ]
        );
        let e = s
            .act(999_999, &Action::Acknowledge, &focal, None, on)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "not_found");
        s.close().await;
    }

    pub async fn a_focal_point_never_sees_or_changes_another_organisations_assignment(db: &TestDb) {
        let (s, _) = published(db).await;
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let other = all_assignments(&s, AssignmentFilter::default())
            .await
            .into_iter()
            .find(|a| a.organisation_id.is_some() && a.organisation_id != Some(hnd))
            .unwrap();
        let focal = focal_of(hnd);
        let before = s.list_audit(0, 1000).await.unwrap().len();
        for action in [
            Action::Acknowledge,
            Action::ReportDone,
            Action::RequestExtension {
                new_due: d("2030-01-01"),
            },
            Action::Confirm,
            Action::Cancel,
        ] {
            let e = s
                .act(other.id, &action, &focal, None, d("2018-02-10"))
                .await
                .unwrap_err();
            // The same answer as for an assignment that does not exist.
            assert_eq!(e.code(), "not_found", "{action:?}");
        }
        // A focal point without an organisation sees nothing, not everything unassigned.
        let lost = Actor {
            username: "x",
            role: UserRole::Focal,
            organisation_id: None,
        };
        assert!(!lost.sees(None));
        assert!(!lost.sees(Some(hnd)));
        assert!(focal.sees(Some(hnd)) && !focal.sees(other.organisation_id));
        let e = s
            .act(other.id, &Action::Acknowledge, &lost, None, d("2018-02-10"))
            .await
            .unwrap_err();
        assert_eq!(e.code(), "not_found");
        assert_eq!(
            s.get_assignment(other.id).await.unwrap().status,
            "chua_nhan"
        );
        assert_eq!(s.list_audit(0, 1000).await.unwrap().len(), before);
        s.close().await;
    }

    pub async fn extension_requests_are_decided_by_the_monitor(db: &TestDb) {
        let (s, _) = published(db).await;
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let focal = focal_of(hnd);
        let monitor = monitor();
        let a = mine(&s, hnd).await;
        let today = d("2018-02-10");
        let old_due = a.due;
        // A date in the past, or not later than the current due, is refused before anything.
        let e = s
            .act(
                a.id,
                &Action::RequestExtension {
                    new_due: d("2018-01-01"),
                },
                &focal,
                None,
                today,
            )
            .await
            .unwrap_err();
        assert_eq!(e.code(), "due_in_past");
        if let Some(due) = old_due {
            let e = s
                .act(
                    a.id,
                    &Action::RequestExtension { new_due: due },
                    &focal,
                    None,
                    today,
                )
                .await
                .unwrap_err();
            assert_eq!(e.code(), "due_not_later");
        }
        let asked = d("2018-06-30");
        s.act(
            a.id,
            &Action::RequestExtension { new_due: asked },
            &focal,
            Some("chờ kinh phí"),
            today,
        )
        .await
        .unwrap();
        let got = s.get_assignment(a.id).await.unwrap();
        assert_eq!(got.status, "xin_gia_han");
        assert_eq!(got.requested_due, Some(asked));
        // Until approved, the current due applies.
        assert_eq!(got.due, old_due);
        let e = s
            .act(
                a.id,
                &Action::RequestExtension {
                    new_due: d("2018-07-30"),
                },
                &focal,
                None,
                today,
            )
            .await
            .unwrap_err();
        assert_eq!(e.code(), "extension_pending");
        let e = s
            .act(a.id, &Action::ApproveExtension, &focal, None, today)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden_role");
        let got = s
            .act(a.id, &Action::ApproveExtension, &monitor, None, today)
            .await
            .unwrap();
        assert_eq!((got.status, got.due), (Status::DangThucHien, Some(asked)));
        let got = s.get_assignment(a.id).await.unwrap();
        assert_eq!((got.due, got.requested_due), (Some(asked), None));
        let h = s.due_history(a.id).await.unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].old_due, h[0].new_due), (old_due, Some(asked)));
        assert_eq!(h[0].actor, "theodoi");
        // A second request, refused: the due date stays.
        s.act(
            a.id,
            &Action::RequestExtension {
                new_due: d("2018-09-30"),
            },
            &focal,
            None,
            today,
        )
        .await
        .unwrap();
        let e = s
            .act(a.id, &Action::RefuseExtension, &focal, None, today)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden_role");
        s.act(
            a.id,
            &Action::RefuseExtension,
            &monitor,
            Some("không có lý do"),
            today,
        )
        .await
        .unwrap();
        let got = s.get_assignment(a.id).await.unwrap();
        assert_eq!(
            (got.status.as_str(), got.due, got.requested_due),
            ("dang_thuc_hien", Some(asked), None)
        );
        assert_eq!(s.due_history(a.id).await.unwrap().len(), 1);
        let e = s
            .act(a.id, &Action::ApproveExtension, &monitor, None, today)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "no_pending_extension");
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.close().await;
    }

    pub async fn time_status_filters_and_period_counts_follow_the_rules(db: &TestDb) {
        let (s, _) = published(db).await;
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let focal = focal_of(hnd);
        let monitor = monitor();
        // Move a few assignments of the organisation through the lifecycle on various days.
        let list = all_assignments(
            &s,
            AssignmentFilter {
                organisation_id: Some(hnd),
                ..Default::default()
            },
        )
        .await;
        assert!(list.len() >= 2, "{list:?}");
        for (i, a) in list.iter().enumerate() {
            let day = d("2018-02-01")
                .add_days(i64::try_from(i).unwrap() * 20)
                .unwrap();
            s.act(a.id, &Action::Acknowledge, &focal, None, day)
                .await
                .unwrap();
            if i % 3 != 2 {
                s.act(a.id, &Action::ReportDone, &focal, None, day)
                    .await
                    .unwrap();
            }
            if i % 3 == 0 {
                s.act(a.id, &Action::Confirm, &monitor, None, day)
                    .await
                    .unwrap();
            }
        }
        let everything = all_assignments(&s, AssignmentFilter::default()).await;
        for as_of in [
            "2018-01-15",
            "2018-02-28",
            "2018-03-01",
            "2018-05-01",
            "2019-01-01",
        ] {
            let as_of = d(as_of);
            for t in TimeStatus::ALL {
                let f = AssignmentFilter {
                    as_of: Some(as_of),
                    time_status: Some(t),
                    ..Default::default()
                };
                let got: Vec<i64> = all_assignments(&s, f.clone())
                    .await
                    .iter()
                    .map(|a| a.id)
                    .collect();
                let want: Vec<i64> = everything
                    .iter()
                    .filter(|a| time_status(&a.status, a.due, a.done_on, as_of) == Some(t))
                    .map(|a| a.id)
                    .collect();
                let (mut got_sorted, mut want_sorted) = (got.clone(), want.clone());
                got_sorted.sort_unstable();
                want_sorted.sort_unstable();
                assert_eq!(got_sorted, want_sorted, "{t:?} as of {as_of}");
                assert_eq!(s.count_assignments(&f).await.unwrap(), want.len() as u64);
            }
            let open = AssignmentFilter {
                as_of: Some(as_of),
                open_only: true,
                ..Default::default()
            };
            let n_open = everything
                .iter()
                .filter(|a| {
                    matches!(
                        time_status(&a.status, a.due, a.done_on, as_of),
                        Some(TimeStatus::OpenWithinDeadline | TimeStatus::Overdue)
                    ) || (a.due.is_none() && !matches!(a.status.as_str(), "hoan_thanh" | "huy"))
                })
                .count();
            assert_eq!(s.count_assignments(&open).await.unwrap(), n_open as u64);
            // Period counts agree with the same rules, organisation by organisation.
            let (from, to) = (d("2018-01-01"), d("2018-12-31"));
            let counts = s.period_counts(from, to, as_of, false).await.unwrap();
            for c in &counts {
                let mut want = Counts::default();
                for a in everything.iter().filter(|a| {
                    a.organisation_id == c.organisation_id
                        && a.due.is_some_and(|due| from <= due && due <= to)
                }) {
                    if let Some(t) = time_status(&a.status, a.due, a.done_on, as_of) {
                        want.add(t);
                    }
                }
                assert_eq!(
                    c.counts.assigned - c.counts.no_deadline,
                    want.assigned,
                    "{c:?}"
                );
                assert_eq!(
                    (
                        c.counts.done_on_time,
                        c.counts.done_late,
                        c.counts.open_within_deadline,
                        c.counts.overdue
                    ),
                    (
                        want.done_on_time,
                        want.done_late,
                        want.open_within_deadline,
                        want.overdue
                    ),
                    "{c:?} as of {as_of}"
                );
            }
            assert!(counts.iter().any(|c| c.organisation_id == Some(hnd)));
        }
        s.close().await;
    }

    pub async fn due_change_keeps_history(db: &TestDb) {
        let (s, _) = published(db).await;
        let a = all_assignments(&s, AssignmentFilter::default())
            .await
            .into_iter()
            .find(|a| a.due == Some(d("2018-02-28")))
            .unwrap();
        s.set_assignment_due(
            a.id,
            Some(d("2018-03-15")),
            "theodoi",
            "gia hạn theo đề nghị",
        )
        .await
        .unwrap();
        s.set_assignment_due(a.id, Some(d("2018-03-31")), "theodoi", "gia hạn lần hai")
            .await
            .unwrap();
        let h = s.due_history(a.id).await.unwrap();
        let pairs: Vec<_> = h
            .iter()
            .map(|c| (c.old_due, c.new_due, c.reason.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (
                    Some(d("2018-02-28")),
                    Some(d("2018-03-15")),
                    "gia hạn theo đề nghị"
                ),
                (
                    Some(d("2018-03-15")),
                    Some(d("2018-03-31")),
                    "gia hạn lần hai"
                ),
            ]
        );
        assert_eq!(
            s.get_assignment(a.id).await.unwrap().due,
            Some(d("2018-03-31"))
        );
        s.close().await;
    }

    pub async fn progress_reports_keep_files(db: &TestDb) {
        let (s, _) = published(db).await;
        let a = &all_assignments(&s, AssignmentFilter::default()).await[0];
        let e = s
            .add_progress_report(a.id, "hoinongdan", "x", 101, vec![])
            .await
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        let files = vec![
            ("bao-cao.txt".to_owned(), b"noi dung".to_vec()),
            ("anh.bin".to_owned(), vec![0, 255, 1]),
        ];
        let r = s
            .add_progress_report(a.id, "hoinongdan", "Đã triển khai 50%", 50, files)
            .await
            .unwrap();
        let reports = s.list_progress_reports(a.id).await.unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].percent, 50);
        assert_eq!(reports[0].files.len(), 2);
        let sha = &reports[0].files[1].1;
        assert_eq!(s.report_file(r, sha).await.unwrap(), Some(vec![0, 255, 1]));
        s.close().await;
    }

    pub async fn audit_rows_cannot_be_updated_or_deleted(db: &TestDb) {
        let (s, _) = published(db).await;
        assert!(
            s.raw_execute("UPDATE audit SET actor = 'mallory'")
                .await
                .is_err()
        );
        assert!(s.raw_execute("DELETE FROM audit").await.is_err());
        if db.is_pg() {
            assert!(s.raw_execute("TRUNCATE audit").await.is_err());
        }
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.close().await;
    }

    pub async fn counts_leave_restricted_notices_out_and_the_tally_stays_true(db: &TestDb) {
        let (s, _) = published(db).await;
        let mut secret = new_notice(&format!("{NOTICE_A}\nMật"), "mat.txt");
        secret.restricted = true;
        let sid = s.import_notice(secret, "theodoi").await.unwrap().id();
        s.publish_notice(sid, "theodoi").await.unwrap();
        let (from, to, as_of) = (d("2018-01-01"), d("2018-12-31"), d("2018-06-30"));
        let total = |cs: &[OrgCounts]| cs.iter().map(|c| c.counts.assigned).sum::<u32>();
        let visible = s.period_counts(from, to, as_of, false).await.unwrap();
        let everything = s.period_counts(from, to, as_of, true).await.unwrap();
        // The same notice twice: with the restricted copy, exactly twice as many.
        assert!(total(&visible) > 0);
        assert_eq!(total(&everything), 2 * total(&visible));
        let f = AssignmentFilter {
            as_of: Some(as_of),
            time_status: Some(TimeStatus::Overdue),
            ..Default::default()
        };
        let all = AssignmentFilter {
            include_restricted: true,
            ..f.clone()
        };
        let (nv, na) = (
            s.count_assignments(&f).await.unwrap(),
            s.count_assignments(&all).await.unwrap(),
        );
        assert!(nv > 0);
        assert_eq!(na, 2 * nv);
        assert_eq!(all_assignments(&s, f).await.len() as u64, nv);
        // Every change keeps the tally equal to the assignments.
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let a = mine(&s, hnd).await;
        s.act(a.id, &Action::Acknowledge, &focal_of(hnd), None, as_of)
            .await
            .unwrap();
        s.act(a.id, &Action::ReportDone, &focal_of(hnd), None, as_of)
            .await
            .unwrap();
        s.set_assignment_due(a.id, None, "theodoi", "bỏ thời hạn")
            .await
            .unwrap();
        assert_eq!(s.check().await.unwrap(), vec![]);
        s.raw_execute("UPDATE assignment_tally SET n = n + 1 WHERE n > 0")
            .await
            .unwrap();
        let faults = s.check().await.unwrap();
        assert!(
            faults.iter().any(|f| f.code == "tally_mismatch"),
            "{faults:?}"
        );
        s.close().await;
    }

    pub async fn tampering_with_the_audit_is_detected(db: &TestDb) {
        let (s, _) = published(db).await;
        let n = s.list_audit(0, 1000).await.unwrap().len();
        assert!(n > 3);
        let drop = if db.is_pg() {
            "DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_no_delete ON audit"
        } else {
            "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"
        };
        s.raw_execute(drop).await.unwrap();
        s.raw_execute("UPDATE audit SET actor = 'mallory' WHERE id = 2")
            .await
            .unwrap();
        let faults = s.check().await.unwrap();
        assert!(
            faults
                .iter()
                .any(|f| f.code == "audit_tampered" && f.object_id == Some(2)),
            "{faults:?}"
        );
        s.raw_execute("DELETE FROM audit WHERE id = 3")
            .await
            .unwrap();
        let faults = s.check().await.unwrap();
        assert!(
            faults
                .iter()
                .any(|f| f.code == "audit_chain_broken" && f.object_id == Some(4)),
            "{faults:?}"
        );
        s.close().await;
    }

    /// Seeds, publishes two notices, and changes a few things: a database with every table used.
    async fn rich(db: &TestDb) -> Store {
        let (s, _) = published(db).await;
        let b = s
            .import_notice(new_notice(NOTICE_B, "b.txt"), "theodoi")
            .await
            .unwrap()
            .id();
        s.publish_notice(b, "theodoi").await.unwrap();
        let mut restricted = new_notice(&format!("{NOTICE_B}\nMật"), "mat.txt");
        restricted.restricted = true;
        s.import_notice(restricted, "theodoi").await.unwrap();
        let a = &all_assignments(&s, AssignmentFilter::default()).await[0];
        s.set_assignment_due(a.id, Some(d("2018-12-01")), "theodoi", "gia hạn")
            .await
            .unwrap();
        if let Some(org) = a.organisation_id {
            s.act(
                a.id,
                &Action::Acknowledge,
                &focal_of(org),
                None,
                d("2018-02-01"),
            )
            .await
            .unwrap();
        }
        s.add_progress_report(
            a.id,
            "hoinongdan",
            "Tiến độ",
            30,
            vec![("a.bin".into(), vec![1, 2, 3])],
        )
        .await
        .unwrap();
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        s.create_user(
            &NewUser {
                username: "hoinongdan".into(),
                password_hash: "$argon2id$v=19$fake".into(),
                role: UserRole::Focal,
                organisation_id: Some(hnd),
                email: Some("hoinongdan@dondoc.test".into()),
            },
            "admin",
        )
        .await
        .unwrap();
        s
    }

    pub async fn backup_restores_identical_rows(db: &TestDb) {
        let s = rich(db).await;
        let archive = dump(&s).await;
        let other = db.sibling().await;
        let t = other.store().await;
        let n = t.restore(archive.as_slice()).await.unwrap();
        assert!(n > 100);
        assert_eq!(dump(&t).await, archive);
        assert_eq!(t.check().await.unwrap(), vec![]);
        assert_eq!(t.stats().await.unwrap(), s.stats().await.unwrap());
        // New rows continue after the restored ids.
        let id = t
            .create_user(
                &NewUser {
                    username: "moi".into(),
                    password_hash: "h".into(),
                    role: UserRole::Admin,
                    organisation_id: None,
                    email: None,
                },
                "admin",
            )
            .await
            .unwrap();
        assert_eq!(id, 2);
        assert_eq!(t.check().await.unwrap(), vec![]);
        // A truncated archive restores nothing.
        let third = db.sibling().await;
        let u = third.store().await;
        let cut = &archive[..archive.len() - 10];
        assert!(u.restore(cut).await.is_err());
        assert_eq!(u.stats().await.unwrap(), Stats::default());
        for st in [s, t, u] {
            st.close().await;
        }
        other.cleanup().await;
        third.cleanup().await;
    }

    pub async fn restore_refuses_a_non_empty_database(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let archive = dump(&s).await;
        let e = s.restore(archive.as_slice()).await.unwrap_err();
        assert_eq!(e.code(), "restore_not_empty");
        s.close().await;
    }

    pub async fn stats_counts_with_contract_field_names(db: &TestDb) {
        let s = rich(db).await;
        let st = s.stats().await.unwrap();
        let v = serde_json::to_value(st).unwrap();
        let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "assignments",
                "notices",
                "organisations",
                "proposals",
                "tasks",
                "users"
            ]
        );
        assert_eq!(st.notices, 3);
        assert_eq!(st.users, 1);
        assert_eq!(st.proposals, 2);
        assert_eq!(
            st.organisations,
            s.list_organisations().await.unwrap().len() as u64
        );
        assert_eq!(
            st.assignments,
            db.count("SELECT COUNT(*) FROM assignments").await as u64
        );
        assert_eq!(
            st.tasks,
            db.count("SELECT COUNT(*) FROM tasks").await as u64
        );
        s.close().await;
    }

    pub async fn users_are_created_and_found(db: &TestDb) {
        let s = db.store().await;
        let u = NewUser {
            username: "theodoi".into(),
            password_hash: "$argon2id$HASHVALUE".into(),
            role: UserRole::Monitor,
            organisation_id: None,
            email: Some("theodoi@dondoc.test".into()),
        };
        let id = s.create_user(&u, "admin").await.unwrap();
        let found = s.find_user_by_username("theodoi").await.unwrap().unwrap();
        assert_eq!(
            (found.id, found.role, found.failed_logins),
            (id, UserRole::Monitor, 0)
        );
        assert!(!format!("{found:?}").contains("HASHVALUE"));
        assert_eq!(
            s.create_user(&u, "admin").await.unwrap_err().code(),
            "username_taken"
        );
        assert_eq!(s.list_users().await.unwrap().len(), 1);
        assert!(s.find_user_by_username("khong-co").await.unwrap().is_none());
        // The hash is not in the audit trail.
        assert!(
            s.list_audit(0, 100).await.unwrap().iter().all(|e| !e
                .new
                .clone()
                .unwrap_or_default()
                .contains("HASHVALUE"))
        );
        s.close().await;
    }

    pub async fn directory_csv_round_trips(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let csv = s.org_export_csv().await.unwrap();
        assert!(csv.starts_with(&CSV_COLUMNS.join(",")));
        let other = db.sibling().await;
        let t = other.store().await;
        let n = t.org_import_csv(&csv, "admin").await.unwrap();
        assert_eq!(n as u64, s.stats().await.unwrap().organisations);
        assert_eq!(t.org_export_csv().await.unwrap(), csv);
        // Importing again changes nothing; a bad kind changes nothing and names its line.
        assert_eq!(t.org_import_csv(&csv, "admin").await.unwrap(), 0);
        let bad = format!(
            "{}\nmoi,KHONG_CO,huyen,,Tên mới,,,,,\n",
            CSV_COLUMNS.join(",")
        );
        let e = t.org_import_csv(&bad, "admin").await.unwrap_err();
        assert_eq!(e.code(), "invalid_csv");
        assert!(e.to_string().contains("dòng 2"), "{e}");
        // An update by code, with a quoted field holding a comma.
        let upd = format!(
            "{}\nhoi-nong-dan-huyen,HOI_NONG_DAN,huyen,mttq-huyen,\"Hội Nông dân huyện Hòa Bình Xanh, tỉnh Sông Mây\",HND huyện,,,2025-06-30,hoi-nong-dan-xa-hoa-binh-xanh\n",
            CSV_COLUMNS.join(",")
        );
        assert_eq!(t.org_import_csv(&upd, "admin").await.unwrap(), 1);
        let o = t
            .find_organisation_by_code("hoi-nong-dan-huyen")
            .await
            .unwrap()
            .unwrap();
        assert!(o.name.ends_with(", tỉnh Sông Mây"));
        t.close().await;
        s.close().await;
        other.cleanup().await;
    }

    pub async fn assignment_lists_filter_and_hide_restricted(db: &TestDb) {
        let s = db.store().await;
        s.seed_default_directory().await.unwrap();
        let mut n = new_notice(NOTICE_B, "b.txt");
        n.restricted = true;
        let b = s.import_notice(n, "theodoi").await.unwrap().id();
        s.publish_notice(b, "theodoi").await.unwrap();
        let a = s
            .import_notice(new_notice(NOTICE_A, "a.txt"), "theodoi")
            .await
            .unwrap()
            .id();
        s.publish_notice(a, "theodoi").await.unwrap();
        let visible = AssignmentFilter {
            as_of: Some(d("2018-04-15")),
            ..Default::default()
        };
        let all = AssignmentFilter {
            include_restricted: true,
            ..visible.clone()
        };
        let nv = s.count_assignments(&visible).await.unwrap();
        let na = s.count_assignments(&all).await.unwrap();
        assert!(na > nv);
        let list = all_assignments(&s, visible.clone()).await;
        assert_eq!(list.len() as u64, nv);
        assert!(list.iter().all(|x| x.notice_id == a));
        // Newest due first, no deadline last.
        let dues: Vec<_> = list.iter().map(|x| x.due).collect();
        let mut sorted = dues.clone();
        sorted.sort_by(|x, y| match (x, y) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Greater,
            (_, None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => y.cmp(x),
        });
        assert_eq!(dues, sorted);
        let overdue = list
            .iter()
            .find(|x| x.due == Some(d("2018-02-28")))
            .unwrap();
        assert_eq!(overdue.time_status, Some(TimeStatus::Overdue));
        let q4 = list
            .iter()
            .find(|x| x.period.as_deref() == Some("2018-Q4"))
            .unwrap();
        assert_eq!(q4.time_status, Some(TimeStatus::OpenWithinDeadline));
        let hnd = org_id(&s, "hoi-nong-dan-huyen").await;
        let mine = all_assignments(
            &s,
            AssignmentFilter {
                organisation_id: Some(hnd),
                ..visible.clone()
            },
        )
        .await;
        assert!(!mine.is_empty() && mine.iter().all(|x| x.organisation_id == Some(hnd)));
        assert_eq!(
            mine[0].organisation_name.as_deref(),
            Some("Hội Nông dân huyện Hòa Bình Xanh")
        );
        let page = s.list_assignments(&visible, 2, 1).await.unwrap();
        assert_eq!(
            page.iter().map(|x| x.id).collect::<Vec<_>>(),
            list[1..3].iter().map(|x| x.id).collect::<Vec<_>>()
        );
        let none = all_assignments(
            &s,
            AssignmentFilter {
                status: Some("hoan_thanh".into()),
                ..visible
            },
        )
        .await;
        assert!(none.is_empty());
        s.close().await;
    }
}

/// SQLite → PostgreSQL: the archive of one restores on the other to identical rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_from_sqlite_restores_identically_on_postgres() {
    let Some(url) = pg_url() else {
        return;
    };
    let lite = TestDb::sqlite().await;
    let s = cases_rich(&lite).await;
    let archive = dump(&s).await;
    let pg = TestDb::postgres(&url).await;
    let p = pg.store().await;
    p.restore(archive.as_slice()).await.unwrap();
    assert_eq!(dump(&p).await, archive);
    assert_eq!(p.check().await.unwrap(), vec![]);
    // And back again.
    let lite2 = TestDb::sqlite().await;
    let s2 = lite2.store().await;
    s2.restore(dump(&p).await.as_slice()).await.unwrap();
    assert_eq!(dump(&s2).await, archive);
    for st in [s, p, s2] {
        st.close().await;
    }
    lite.cleanup().await;
    lite2.cleanup().await;
    pg.cleanup().await;
}

async fn cases_rich(db: &TestDb) -> Store {
    let (s, _) = published(db).await;
    let b = s
        .import_notice(new_notice(NOTICE_B, "b.txt"), "theodoi")
        .await
        .unwrap()
        .id();
    s.publish_notice(b, "theodoi").await.unwrap();
    let a = &all_assignments(&s, AssignmentFilter::default()).await[0];
    s.add_progress_report(
        a.id,
        "hoinongdan",
        "Tiến độ",
        30,
        vec![("a.bin".into(), vec![0, 1, 255])],
    )
    .await
    .unwrap();
    s.set_assignment_due(a.id, Some(d("2018-12-01")), "theodoi", "gia hạn")
        .await
        .unwrap();
    s
}

#[test]
fn the_sqlite_url_of_a_missing_file_creates_it() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let s = Store::connect("sqlite::memory:").await.unwrap();
        assert_eq!(s.backend(), Backend::Sqlite);
        s.seed_default_directory().await.unwrap();
        assert!(s.stats().await.unwrap().organisations > 0);
        assert_eq!(
            Store::connect("mysql://x").await.unwrap_err().code(),
            "db_url_unsupported"
        );
    });
}
