//! The web application over real HTTP: the app is started on port 0 with a fresh database
//! for each test (SQLite always; PostgreSQL too when `DONDOC_TEST_DATABASE_URL` is set), and
//! driven with an HTTP client as a browser or a script would.

use std::sync::atomic::{AtomicU64, Ordering};

use dondoc_extract::Date;
use dondoc_store::{NewUser, Store, UserRole};
use dondoc_web::{AppState, Config};
use reqwest::StatusCode;
use serde_json::{Value, json};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique() -> String {
    format!(
        "{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

const PASSWORD: &str = "mat-khau-thu-nghiem";

fn today() -> Date {
    dondoc_store::today().unwrap()
}

/// A short notice of the fictional commune xã Hòa Bình Xanh, dated today: one task for the
/// Hội Nông dân xã due in 60 days, one for the Đoàn xã due in 90, a proposal.
fn notice_text(n: u32) -> String {
    let t = today();
    let due_a = t.add_days(60).unwrap();
    let due_b = t.add_days(90).unwrap();
    format!(
        "ĐẢNG BỘ TỈNH MẪU
ĐẢNG ỦY XÃ HÒA BÌNH XANH
*
Số {n}-TB/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa Bình Xanh, ngày {} tháng {} năm {}
THÔNG BÁO
kết luận của Thường trực Đảng ủy tại buổi giao ban với Mặt trận Tổ quốc và các đoàn thể xã
Thường trực Đảng ủy kết luận như sau:
1. Giao Hội Nông dân xã chủ trì xây dựng kế hoạch hỗ trợ nông dân chuyển đổi cây trồng, hoàn thành trước ngày {}/{}/{}.
2. Giao Đoàn xã tổ chức ra quân tình nguyện vì cộng đồng, hoàn thành trước ngày {}/{}/{}.
3. Về kiến nghị của Hội Cựu chiến binh xã về kinh phí sửa chữa nhà văn hóa: giao Ủy ban nhân dân xã xem xét, giải quyết.
Giao Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện.
Nơi nhận:
- Các đồng chí Ủy viên Ban Thường vụ,
- Lưu Văn phòng Đảng ủy.
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
Nguyễn Văn Thử
",
        t.day(),
        t.month(),
        t.year(),
        due_a.day(),
        due_a.month(),
        due_a.year(),
        due_b.day(),
        due_b.month(),
        due_b.year(),
    )
}

enum Db {
    File(std::path::PathBuf),
    Pg { admin: String, name: String },
}

/// A running app on a fresh database, with one account per role.
struct App {
    base: String,
    url: String,
    store: Store,
    http: reqwest::Client,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    db: Db,
    /// Assignment of the Hội Nông dân xã (org A) and of the Đoàn xã (org B).
    a_assignment: i64,
    b_assignment: i64,
    notice_a: i64,
    org_a: i64,
    org_b: i64,
}

async fn database(pg: Option<&str>) -> (String, Db) {
    match pg {
        None => {
            let path = std::env::temp_dir().join(format!("dondoc-web-{}.db", unique()));
            (format!("sqlite://{}", path.display()), Db::File(path))
        }
        Some(admin) => {
            let name = format!("dondoc_w_{}", unique());
            let s = Store::connect(admin).await.unwrap();
            s.raw_execute(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            s.close().await;
            let prefix = admin.rsplit_once('/').map(|(p, _)| p).unwrap();
            (
                format!("{prefix}/{name}"),
                Db::Pg {
                    admin: admin.to_owned(),
                    name,
                },
            )
        }
    }
}

fn backends() -> Vec<Option<String>> {
    let mut v = vec![None];
    if let Ok(u) = std::env::var("DONDOC_TEST_DATABASE_URL")
        && !u.is_empty()
    {
        v.push(Some(u));
    }
    v
}

impl App {
    async fn start(pg: Option<&str>, config: Config) -> App {
        let (url, db) = database(pg).await;
        let store = Store::connect(&url).await.unwrap();
        store.seed_default_directory().await.unwrap();
        let notice =
            dondoc_web::views::prepare_notice("thong-bao-1.txt", notice_text(1).into_bytes())
                .unwrap();
        let notice_a = store.import_notice(notice, "test").await.unwrap().id();
        let sum = store.publish_notice(notice_a, "test").await.unwrap();
        assert_eq!(sum.unresolved, 0, "the fixture's organisations resolve");
        assert!(sum.assignments >= 2, "{sum:?}");
        let list = store
            .list_assignments(&dondoc_store::AssignmentFilter::default(), 10, 0)
            .await
            .unwrap();
        let of = |needle: &str| {
            list.iter()
                .find(|a| a.text.contains(needle))
                .map(|a| (a.id, a.organisation_id.unwrap()))
                .unwrap()
        };
        let (a_assignment, org_a) = of("nông dân");
        let (b_assignment, org_b) = of("tình nguyện");
        assert_ne!(org_a, org_b);
        let hash = dondoc_store::hash_password(PASSWORD).unwrap();
        for (name, role, org) in [
            ("admin", UserRole::Admin, None),
            ("theodoi", UserRole::Monitor, None),
            ("lanhdao", UserRole::Leader, None),
            ("dau_moi_a", UserRole::Focal, Some(org_a)),
            ("dau_moi_b", UserRole::Focal, Some(org_b)),
        ] {
            let id = store
                .create_user(
                    &NewUser {
                        username: name.to_owned(),
                        password_hash: hash.clone(),
                        role,
                        organisation_id: org,
                        email: None,
                    },
                    "test",
                )
                .await
                .unwrap();
            if name == "theodoi" {
                store.set_restricted_access(id, true, "test").await.unwrap();
            }
        }
        store.index_pending().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::new(store.clone(), config);
        let server = tokio::spawn(dondoc_web::serve(listener, state));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        App {
            base,
            url,
            store,
            http,
            server,
            db,
            a_assignment,
            b_assignment,
            notice_a,
            org_a,
            org_b,
        }
    }

    async fn stop(self) {
        self.server.abort();
        self.store.close().await;
        match self.db {
            Db::File(p) => {
                for s in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{s}", p.display()));
                }
            }
            Db::Pg { admin, name } => {
                let s = Store::connect(&admin).await.unwrap();
                s.raw_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .unwrap();
                s.close().await;
            }
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn login(&self, user: &str, password: &str) -> reqwest::Response {
        self.http
            .post(self.url("/api/v1/session"))
            .json(&json!({ "username": user, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// A bearer token of `user`.
    async fn token(&self, user: &str) -> String {
        let r = self.login(user, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "log-in of {user}");
        let v: Value = r.json().await.unwrap();
        v["token"].as_str().unwrap().to_owned()
    }

    async fn get(&self, token: &str, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, token: &str, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

async fn json_of(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_login_and_bearer_tokens() {
    for pg in backends() {
        let app = App::start(pg.as_deref(), Config::default()).await;
        let r = app.http.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);

        let r = app.login("theodoi", "sai-mat-khau").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(json_of(r).await["error"]["code"], "invalid_credentials");
        let r = app.login("khong-co-ai", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

        let r = app.login("theodoi", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK);
        let cookie = r
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap()
            .to_owned();
        for flag in ["HttpOnly", "SameSite=Strict", "Secure", "dondoc_session="] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        let token = json_of(r).await["token"].as_str().unwrap().to_owned();

        let r = app
            .http
            .get(app.url("/api/v1/assignments"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let r = app.get("not-a-token", "/api/v1/assignments").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

        let r = app.get(&token, "/api/v1/assignments").await;
        assert_eq!(r.status(), StatusCode::OK);
        let total: usize = r.headers()["x-total-count"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(total >= 2);
        let list = json_of(r).await;
        assert_eq!(list.as_array().unwrap().len(), total);
        let first = &list[0];
        for k in [
            "id",
            "task_id",
            "notice_id",
            "organisation",
            "text",
            "due",
            "status",
            "time_status",
        ] {
            assert!(first.get(k).is_some(), "field {k} in {first}");
        }
        assert!(first["organisation"]["name"].is_string());
        assert_eq!(first["time_status"], "open_within_deadline");
        // Newest due first: B (90 days) before A (60 days).
        assert_eq!(list[0]["id"], app.b_assignment);

        // Log-out ends the session.
        let r = app
            .http
            .delete(app.url("/api/v1/session"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let r = app.get(&token, "/api/v1/assignments").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

        let audit = app.store.list_audit_recent(100).await.unwrap();
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"login"));
        assert!(actions.contains(&"login_failed"));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failures_lock_the_account_even_for_the_right_password() {
    for pg in backends() {
        let app = App::start(pg.as_deref(), Config::default()).await;
        for _ in 0..4 {
            let r = app.login("lanhdao", "sai").await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        // The fifth failure locks.
        let r = app.login("lanhdao", "sai").await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let r = app.login("lanhdao", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(json_of(r).await["error"]["code"], "account_locked");
        // Another account is not affected.
        assert_eq!(
            app.login("theodoi", PASSWORD).await.status(),
            StatusCode::OK
        );
        let audit = app.store.list_audit_recent(100).await.unwrap();
        assert!(audit.iter().any(|e| e.action == "login_locked"));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lockout_ends_after_its_time_and_a_success_clears_the_count() {
    let mut config = Config::default();
    config.login.max_failures = 2;
    config.login.lockout = std::time::Duration::from_secs(1);
    let app = App::start(None, config).await;
    assert_eq!(
        app.login("lanhdao", "sai").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("lanhdao", PASSWORD).await.status(),
        StatusCode::OK
    );
    // The count was cleared: one more failure does not lock.
    assert_eq!(
        app.login("lanhdao", "sai").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("lanhdao", "sai").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    assert_eq!(
        app.login("lanhdao", PASSWORD).await.status(),
        StatusCode::OK
    );
    app.stop().await;
}

/// The current TOTP code of a base32 secret.
fn totp_now(secret: &str) -> String {
    let key = dondoc_store::totp::base32_decode(secret).unwrap();
    let step = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 30;
    format!("{:06}", dondoc_store::totp::code_at(&key, step).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_factor_when_enrolled_and_required_for_admins() {
    let mut config = Config::default();
    config.login.totp_required_for_admins = true;
    let app = App::start(None, config).await;
    // An administrator without a second factor cannot log in at all.
    let r = app.login("admin", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json_of(r).await["error"]["code"], "totp_enrolment_required");
    let user = app
        .store
        .find_user_by_username("theodoi")
        .await
        .unwrap()
        .unwrap();
    let secret = app.store.enrol_totp(user.id, "test").await.unwrap();
    let login = |totp: Option<String>| {
        app.http
            .post(app.url("/api/v1/session"))
            .json(&json!({ "username": "theodoi", "password": PASSWORD, "totp": totp }))
            .send()
    };
    let r = login(None).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json_of(r).await["error"]["code"], "totp_required");
    let r = login(Some("000000".to_owned())).await.unwrap();
    if r.status() == StatusCode::OK {
        // 000000 was by chance the current code: nothing to learn from this run.
    } else {
        assert_eq!(json_of(r).await["error"]["code"], "invalid_totp");
    }
    let r = login(Some(totp_now(&secret))).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // A leader without a second factor logs in with the password alone.
    assert_eq!(
        app.login("lanhdao", PASSWORD).await.status(),
        StatusCode::OK
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_end() {
    let mut config = Config::default();
    config.session.idle = std::time::Duration::from_secs(1);
    let app = App::start(None, config).await;
    let t = app.token("theodoi").await;
    assert_eq!(app.get(&t, "/api/v1/me").await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(
        app.get(&t, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_with_the_cookie_need_the_csrf_token_and_our_origin() {
    let app = App::start(None, Config::default()).await;
    let r = app.login("dau_moi_a", PASSWORD).await;
    let v = json_of(r).await;
    let (token, csrf) = (
        v["token"].as_str().unwrap().to_owned(),
        v["csrf"].as_str().unwrap().to_owned(),
    );
    let cookie = format!("dondoc_session={token}");
    let path = format!("/api/v1/assignments/{}/actions", app.a_assignment);
    let send = |csrf: Option<String>, origin: Option<String>| {
        let mut b = app
            .http
            .post(app.url(&path))
            .header("cookie", cookie.clone())
            .json(&json!({ "action": "acknowledge" }));
        if let Some(c) = csrf {
            b = b.header("x-csrf-token", c);
        }
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.send()
    };
    let r = send(None, None).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(json_of(r).await["error"]["code"], "csrf_failed");
    let r = send(Some("sai".to_owned()), None).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = send(
        Some(csrf.clone()),
        Some("https://trang-khac.example".to_owned()),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A page form without the token is refused too.
    let r = app
        .http
        .post(app.url(&format!("/nhiem-vu/{}/thao-tac", app.a_assignment)))
        .header("cookie", &cookie)
        .form(&[("action", "acknowledge")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let a = app.store.get_assignment(app.a_assignment).await.unwrap();
    assert_eq!(a.status, "chua_nhan", "nothing changed");
    let r = send(Some(csrf.clone()), Some(app.base.clone()))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json_of(r).await["status"], "da_nhan");
    let audit = app.store.list_audit_recent(50).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "access_denied" && e.object_type == "csrf_token")
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_done_confirm_and_the_dashboard_shows_it_done_on_time() {
    for pg in backends() {
        let app = App::start(pg.as_deref(), Config::default()).await;
        let focal = app.token("dau_moi_a").await;
        let monitor = app.token("theodoi").await;
        assert_eq!(
            act_resp(&app, &focal, app.a_assignment, "acknowledge")
                .await
                .status(),
            StatusCode::OK
        );
        let r = app
            .post(
                &focal,
                &format!("/api/v1/assignments/{}/reports", app.a_assignment),
                json!({ "text": "Đã xây dựng xong dự thảo kế hoạch", "percent": 80 }),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let r = act_resp(&app, &focal, app.a_assignment, "report_done").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(json_of(r).await["status"], "bao_cao_hoan_thanh");
        // The monitor's page lists it for confirmation.
        let page = app
            .http
            .get(app.url("/theo-doi"))
            .header("cookie", format!("dondoc_session={monitor}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("value=\"{}\"", app.a_assignment)));
        let r = act_resp(&app, &monitor, app.a_assignment, "confirm").await;
        assert_eq!(r.status(), StatusCode::OK);
        let v = json_of(r).await;
        assert_eq!(v["status"], "hoan_thanh");
        assert_eq!(v["time_status"], "done_on_time");
        let period = format!("{}..{}", today(), today().add_days(365).unwrap());
        let counts = json_of(
            app.get(&monitor, &format!("/api/v1/counts?period={period}"))
                .await,
        )
        .await;
        let a = counts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["organisation"]["id"] == app.org_a)
            .unwrap();
        assert_eq!(a["done_on_time"], 1);
        let dash = app
            .http
            .get(app.url(&format!("/?period={period}")))
            .header("cookie", format!("dondoc_session={monitor}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(dash.contains("Hoàn thành đúng hạn"));
        assert!(dash.contains("<svg"));
        // The report is searchable, without diacritics.
        let s = json_of(app.get(&monitor, "/api/v1/search?q=du+thao+ke+hoach").await).await;
        assert!(
            s["results"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["type"] == "report"),
            "{s}"
        );
        // Every change is in the audit trail.
        let trail = app
            .store
            .list_audit_for("assignment", app.a_assignment, 50)
            .await
            .unwrap();
        assert!(trail.len() >= 3, "{trail:?}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_folds_diacritics_and_respects_visibility() {
    let app = App::start(None, Config::default()).await;
    let monitor = app.token("theodoi").await;
    let b = app.token("dau_moi_b").await;
    let s = json_of(app.get(&monitor, "/api/v1/search?q=nong+dan").await).await;
    let hits = s["results"].as_array().unwrap();
    assert!(hits.iter().any(|r| r["type"] == "task"), "{s}");
    assert!(
        hits.iter()
            .any(|r| r["snippet"].as_str().unwrap().contains("nông dân"))
    );
    let s = json_of(app.get(&monitor, "/api/v1/search?q=%C4%91oan+xa").await).await;
    assert!(
        !s["results"].as_array().unwrap().is_empty(),
        "đoan finds Đoàn"
    );
    // The Đoàn's focal point finds its own task, not the Hội Nông dân's.
    let s = json_of(app.get(&b, "/api/v1/search?q=chuyen+doi+cay+trong").await).await;
    assert!(
        !s["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["type"] == "task"),
        "{s}"
    );
    let s = json_of(app.get(&b, "/api/v1/search?q=tinh+nguyen").await).await;
    assert!(
        s["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["type"] == "task")
    );
    app.stop().await;
}

async fn act_resp(app: &App, token: &str, id: i64, code: &str) -> reqwest::Response {
    app.post(
        token,
        &format!("/api/v1/assignments/{id}/actions"),
        json!({ "action": code }),
    )
    .await
}

async fn act_status(app: &App, token: &str, id: i64, code: &str) -> StatusCode {
    act_resp(app, token, id, code).await.status()
}

/// Two replicas of the app on one database: a session opened on one is good on the other,
/// and what one changes the other shows (nothing the others need is kept in a process).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_sessions_and_data() {
    for pg in backends() {
        let app = App::start(pg.as_deref(), Config::default()).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let other = format!("http://{}", listener.local_addr().unwrap());
        let replica = tokio::spawn(dondoc_web::serve(
            listener,
            AppState::new(Store::connect(&app.url).await.unwrap(), Config::default()),
        ));
        let t = app.token("dau_moi_a").await;
        let r = app
            .http
            .post(format!(
                "{other}/api/v1/assignments/{}/actions",
                app.a_assignment
            ))
            .bearer_auth(&t)
            .json(&json!({ "action": "acknowledge" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let v = json_of(
            app.get(&t, &format!("/api/v1/assignments/{}", app.a_assignment))
                .await,
        )
        .await;
        assert_eq!(v["status"], "da_nhan");
        replica.abort();
        app.stop().await;
    }
}

/// Takes one action on assignment `id` as every role, those expected to fail first (so that
/// nothing has changed when they try), then the one expected to succeed.
async fn act_in_order(
    app: &App,
    tokens: &[(&str, String)],
    id: i64,
    code: &str,
    expect: [Expect; 5],
) {
    let cells: Vec<_> = tokens.iter().zip(expect).collect();
    for ((role, token), e) in cells
        .iter()
        .filter(|(_, e)| *e != Allowed)
        .chain(cells.iter().filter(|(_, e)| *e == Allowed))
    {
        check(
            act_status(app, token, id, code).await,
            *e,
            &format!("{code} as {role}"),
        );
    }
}

/// What a cell of the matrix expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ok,
    Forbidden,
    NotFound,
}

use Expect::{Forbidden, NotFound, Ok as Allowed};

const ROLES: [&str; 5] = ["admin", "theodoi", "lanhdao", "dau_moi_a", "dau_moi_b"];

fn check(status: StatusCode, expect: Expect, cell: &str) {
    match expect {
        Allowed => assert!(status.is_success(), "{cell}: {status}"),
        Forbidden => assert_eq!(status, StatusCode::FORBIDDEN, "{cell}"),
        NotFound => assert_eq!(status, StatusCode::NOT_FOUND, "{cell}"),
    }
}

/// Every endpoint × every role × the own and the other organisation's object.
/// `dau_moi_a` is the focal point of the organisation the object belongs to, `dau_moi_b`
/// the focal point of another organisation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix() {
    for pg in backends() {
        let app = App::start(pg.as_deref(), Config::default()).await;
        let mut tokens = Vec::new();
        for r in ROLES {
            tokens.push((r, app.token(r).await));
        }
        let a = app.a_assignment;
        let na = app.notice_a;

        // Reads: [admin, monitor, leader, own focal, other focal].
        let reads: Vec<(String, [Expect; 5])> = vec![
            ("/api/v1/me".into(), [Allowed; 5]),
            ("/api/v1/assignments".into(), [Allowed; 5]),
            (
                format!("/api/v1/assignments?organisation={}", app.org_a),
                [Allowed, Allowed, Allowed, Allowed, Forbidden],
            ),
            (
                format!("/api/v1/assignments/{a}"),
                [Allowed, Allowed, Allowed, Allowed, NotFound],
            ),
            ("/api/v1/notices".into(), [Allowed; 5]),
            (
                format!("/api/v1/notices/{na}"),
                // Notice A assigns both organisations.
                [Allowed; 5],
            ),
            (
                "/api/v1/proposals".into(),
                [Allowed, Allowed, Allowed, Forbidden, Forbidden],
            ),
            ("/api/v1/counts".into(), [Allowed; 5]),
            ("/api/v1/search?q=ke+hoach".into(), [Allowed; 5]),
            ("/api/v1/organisations".into(), [Allowed; 5]),
            (
                "/api/v1/users".into(),
                [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
            ),
            (
                "/api/v1/audit".into(),
                [Allowed, Allowed, Forbidden, Forbidden, Forbidden],
            ),
            ("/api/v1/openapi.json".into(), [Allowed; 5]),
            // Pages.
            ("/".into(), [Allowed; 5]),
            ("/nhiem-vu".into(), [Allowed; 5]),
            (
                format!("/nhiem-vu/{a}"),
                [Allowed, Allowed, Allowed, Allowed, NotFound],
            ),
            (
                "/theo-doi".into(),
                [Allowed, Allowed, Forbidden, Forbidden, Forbidden],
            ),
            ("/van-ban".into(), [Allowed; 5]),
            (format!("/van-ban/{na}"), [Allowed; 5]),
            (
                "/van-ban/tai-len".into(),
                [Allowed, Allowed, Forbidden, Forbidden, Forbidden],
            ),
            (
                "/kien-nghi".into(),
                [Allowed, Allowed, Allowed, Forbidden, Forbidden],
            ),
            ("/tim-kiem?q=ke+hoach".into(), [Allowed; 5]),
            ("/danh-ba".into(), [Allowed; 5]),
            (
                "/danh-ba/danh-ba.csv".into(),
                [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
            ),
            (
                "/nguoi-dung".into(),
                [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
            ),
            (
                "/lich-su".into(),
                [Allowed, Allowed, Forbidden, Forbidden, Forbidden],
            ),
        ];
        for (path, expect) in &reads {
            for ((role, token), e) in tokens.iter().zip(expect) {
                let r = if path.starts_with("/api/") {
                    app.get(token, path).await
                } else {
                    app.http
                        .get(app.url(path))
                        .header("cookie", format!("dondoc_session={token}"))
                        .send()
                        .await
                        .unwrap()
                };
                check(r.status(), *e, &format!("GET {path} as {role}"));
            }
        }

        // A focal point's lists hold only its own organisation's assignments.
        let (_, tb) = &tokens[4];
        let list = json_of(app.get(tb, "/api/v1/assignments").await).await;
        let ids: Vec<i64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![app.b_assignment]);
        let counts = json_of(app.get(tb, "/api/v1/counts").await).await;
        assert!(
            counts
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["organisation"]["id"] == app.org_b),
            "{counts}"
        );

        // Writes on assignment A, in an order that keeps each cell meaningful: those who may
        // not act first (nothing changes), then the one who may.
        act_in_order(
            &app,
            &tokens,
            a,
            "acknowledge",
            [Forbidden, Forbidden, Forbidden, Allowed, NotFound],
        )
        .await;
        for ((role, token), e) in tokens
            .iter()
            .zip([Forbidden, Forbidden, Forbidden, Allowed, NotFound])
        {
            let r = app
                .post(
                    token,
                    &format!("/api/v1/assignments/{a}/reports"),
                    json!({ "text": "Tiến độ", "percent": 10 }),
                )
                .await;
            check(r.status(), e, &format!("report as {role}"));
        }
        act_in_order(
            &app,
            &tokens,
            a,
            "report_done",
            [Forbidden, Forbidden, Forbidden, Allowed, NotFound],
        )
        .await;
        act_in_order(
            &app,
            &tokens,
            a,
            "confirm",
            [Forbidden, Allowed, Forbidden, Forbidden, NotFound],
        )
        .await;
        assert_eq!(
            app.store.get_assignment(a).await.unwrap().status,
            "hoan_thanh"
        );
        // Assignment B was never touched by anyone.
        assert_eq!(
            app.store
                .get_assignment(app.b_assignment)
                .await
                .unwrap()
                .status,
            "chua_nhan"
        );

        // Notices: import, review, publish.
        for (i, ((role, token), e)) in tokens
            .iter()
            .zip([Allowed, Allowed, Forbidden, Forbidden, Forbidden])
            .enumerate()
        {
            let r = app
                .post(
                    token,
                    "/api/v1/notices",
                    json!({ "file_name": format!("tb-{i}.txt"), "text": notice_text(100 + i as u32) }),
                )
                .await;
            check(r.status(), e, &format!("import as {role}"));
        }
        let drafts = json_of(app.get(&tokens[1].1, "/api/v1/notices").await).await;
        let draft = drafts
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["state"] == "draft")
            .map(|n| n["id"].as_i64().unwrap())
            .unwrap();
        // A draft is not for focal points or leaders to see.
        for ((role, token), e) in tokens
            .iter()
            .zip([Allowed, Allowed, NotFound, NotFound, NotFound])
        {
            let r = app.get(token, &format!("/api/v1/notices/{draft}")).await;
            check(r.status(), e, &format!("GET draft as {role}"));
        }
        let ext = json_of(
            app.get(&tokens[1].1, &format!("/api/v1/notices/{draft}"))
                .await,
        )
        .await["extraction"]
            .clone();
        for ((role, token), e) in tokens
            .iter()
            .zip([Allowed, Allowed, Forbidden, Forbidden, Forbidden])
        {
            let r = app
                .post(
                    token,
                    &format!("/api/v1/notices/{draft}/review"),
                    ext.clone(),
                )
                .await;
            check(r.status(), e, &format!("review as {role}"));
        }
        for (role, token) in tokens.iter().skip(2) {
            let r = app
                .post(
                    token,
                    &format!("/api/v1/notices/{draft}/publish"),
                    json!({}),
                )
                .await;
            check(r.status(), Forbidden, &format!("publish as {role}"));
        }
        let r = app
            .post(
                &tokens[1].1,
                &format!("/api/v1/notices/{draft}/publish"),
                json!({}),
            )
            .await;
        check(r.status(), Allowed, "publish as theodoi");
        let r = app
            .post(
                &tokens[1].1,
                &format!("/api/v1/notices/{draft}/publish"),
                json!({}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "published twice");

        // Accounts.
        for (i, ((role, token), e)) in tokens
            .iter()
            .zip([Allowed, Forbidden, Forbidden, Forbidden, Forbidden])
            .enumerate()
        {
            let r = app
                .post(
                    token,
                    "/api/v1/users",
                    json!({ "username": format!("moi{i}"), "password": "mot-mat-khau-dai", "role": "leader" }),
                )
                .await;
            check(r.status(), e, &format!("create user as {role}"));
        }

        let denied = app
            .store
            .list_audit_recent(500)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "access_denied")
            .count();
        assert!(denied >= 20, "denied accesses are audited ({denied})");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_notices_only_for_those_granted() {
    let app = App::start(None, Config::default()).await;
    let mut n = dondoc_web::views::prepare_notice("mat.txt", notice_text(7).into_bytes()).unwrap();
    n.restricted = true;
    let id = app.store.import_notice(n, "test").await.unwrap().id();
    app.store.publish_notice(id, "test").await.unwrap();
    let list = app
        .store
        .list_assignments(
            &dondoc_store::AssignmentFilter {
                notice_id: Some(id),
                include_restricted: true,
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let secret_a = list
        .iter()
        .find(|a| a.organisation_id == Some(app.org_a))
        .unwrap()
        .id;
    // theodoi is granted; lanhdao and admin are not; the assigned organisation sees its own.
    for (role, e) in [
        ("theodoi", Allowed),
        ("lanhdao", NotFound),
        ("admin", NotFound),
        ("dau_moi_a", Allowed),
        ("dau_moi_b", NotFound),
    ] {
        let t = app.token(role).await;
        let r = app
            .get(&t, &format!("/api/v1/assignments/{secret_a}"))
            .await;
        check(r.status(), e, &format!("restricted assignment as {role}"));
        let r = app.get(&t, &format!("/api/v1/notices/{id}")).await;
        let e = if role == "dau_moi_b" { Allowed } else { e };
        check(r.status(), e, &format!("restricted notice as {role}"));
        let listed = json_of(app.get(&t, "/api/v1/assignments").await).await;
        let seen = listed
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == secret_a);
        assert_eq!(seen, e == Allowed && role != "dau_moi_b", "list as {role}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_log_in_upload_review_and_publish() {
    let app = App::start(None, Config::default()).await;
    // The log-in form.
    let r = app.http.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .http
        .post(app.url("/dang-nhap"))
        .form(&[("username", "theodoi"), ("password", "sai")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("không đúng"));
    let r = app
        .http
        .post(app.url("/dang-nhap"))
        .form(&[("username", "theodoi"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    let cookie = set.split(';').next().unwrap().to_owned();
    let page = |path: &str| app.http.get(app.url(path)).header("cookie", &cookie).send();
    let upload_page = page("/van-ban/tai-len")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = upload_page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    // Upload a pasted notice.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("text", notice_text(55));
    let r = app
        .http
        .post(app.url("/van-ban/tai-len"))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(loc.starts_with("/van-ban/"), "{loc}");
    let id: i64 = loc
        .trim_start_matches("/van-ban/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let review = page(&loc).await.unwrap().text().await.unwrap();
    assert!(review.contains("Lưu rà soát"));
    assert!(review.contains("<mark"), "tasks highlighted in the source");
    // Fix task 1's text and move its deadline; delete task 2.
    let due = today().add_days(45).unwrap();
    let r = app
        .http
        .post(app.url(&format!("/van-ban/{id}/duyet")))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("text_1", "Xây dựng kế hoạch chuyển đổi cây trồng vụ đông"),
            ("due_1", &due.to_string()),
            ("delete_2", "1"),
            ("delete_3", "1"),
            ("delete_4", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .http
        .post(app.url(&format!("/van-ban/{id}/ban-hanh")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let tasks = app.store.list_tasks(id).await.unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(
        tasks[0].text,
        "Xây dựng kế hoạch chuyển đổi cây trồng vụ đông"
    );
    assert_eq!(tasks[0].deadline_due, Some(due));
    let list = app
        .store
        .list_assignments(
            &dondoc_store::AssignmentFilter {
                notice_id: Some(id),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].organisation_id, Some(app.org_a));
    let _ = app.org_b;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_splits_merges_and_sets_collaborators() {
    let app = App::start(None, Config::default()).await;
    let r = app.login("theodoi", PASSWORD).await;
    let v = json_of(r).await;
    let cookie = format!("dondoc_session={}", v["token"].as_str().unwrap());
    let csrf = v["csrf"].as_str().unwrap().to_owned();
    let n = dondoc_web::views::prepare_notice("review.txt", notice_text(77).into_bytes()).unwrap();
    let before = n.extraction.tasks.clone();
    assert!(before.len() >= 3, "{before:?}");
    let id = app.store.import_notice(n, "test").await.unwrap().id();
    let org_a = app.org_a.to_string();
    let org_b = app.org_b.to_string();
    let r = app
        .http
        .post(app.url(&format!("/van-ban/{id}/duyet")))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("collab_shown_1", "1"),
            ("collab_1", org_b.as_str()),
            ("rec_1", "quarterly"),
            ("merge_2", "1"),
            ("split_3", "1"),
            ("org_3", org_a.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let notice = app.store.get_notice(id).await.unwrap();
    let tasks = notice.reviewed.unwrap().tasks;
    // 1 and 2 merged, 3 split in two, the rest as they were.
    assert_eq!(tasks.len(), before.len() + 1 - 1);
    assert!(tasks[0].text.starts_with(&before[0].text));
    assert!(tasks[0].text.ends_with(&before[1].text));
    assert_eq!(tasks[0].collaborators.len(), 1);
    assert_eq!(
        tasks[0].recurrence.as_ref().map(|r| r.freq),
        Some(dondoc_extract::Freq::Quarterly)
    );
    assert!(
        tasks[0].collaborators[0]
            .mention
            .as_deref()
            .unwrap()
            .contains("Đoàn")
    );
    assert_eq!(tasks[1].text, tasks[2].text);
    assert!(
        tasks[1].assignees[0]
            .mention
            .as_deref()
            .unwrap()
            .contains("Hội Nông dân")
    );
    app.stop().await;
}

/// The session cookie and CSRF token of a fresh log-in.
async fn cookie_and_csrf(app: &App, user: &str) -> (String, String) {
    let v = json_of(app.login(user, PASSWORD).await).await;
    (
        format!("dondoc_session={}", v["token"].as_str().unwrap()),
        v["csrf"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_round_trips_through_csv_for_admins_only() {
    let app = App::start(None, Config::default()).await;
    let (admin, admin_csrf) = cookie_and_csrf(&app, "admin").await;
    let csv = app
        .http
        .get(app.url("/danh-ba/danh-ba.csv"))
        .header("cookie", &admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Hội Nông dân xã Hòa Bình Xanh"));
    let renamed = csv.replace(
        "Hội Nông dân xã Hòa Bình Xanh",
        "Hội Nông dân xã Hòa Bình Xanh (mới)",
    );
    let upload = |cookie: String, csrf: String, body: String| {
        let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
            "csv",
            reqwest::multipart::Part::bytes(body.into_bytes()).file_name("danh-ba.csv"),
        );
        app.http
            .post(app.url("/danh-ba/nhap"))
            .header("cookie", cookie)
            .multipart(form)
            .send()
    };
    let (focal, focal_csrf) = cookie_and_csrf(&app, "dau_moi_a").await;
    let r = upload(focal, focal_csrf, renamed.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = upload(admin, admin_csrf, renamed).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let org = app.store.get_organisation(app.org_a).await.unwrap();
    assert_eq!(org.name, "Hội Nông dân xã Hòa Bình Xanh (mới)");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_every_api_route() {
    let app = App::start(None, Config::default()).await;
    let t = app.token("lanhdao").await;
    let doc = json_of(app.get(&t, "/api/v1/openapi.json").await).await;
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/session",
        "/api/v1/assignments",
        "/api/v1/assignments/{id}",
        "/api/v1/assignments/{id}/actions",
        "/api/v1/assignments/{id}/reports",
        "/api/v1/notices",
        "/api/v1/notices/{id}",
        "/api/v1/notices/{id}/review",
        "/api/v1/notices/{id}/publish",
        "/api/v1/proposals",
        "/api/v1/counts",
        "/api/v1/search",
        "/api/v1/organisations",
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/openapi.json",
        "/api/v1/me",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    app.stop().await;
}
