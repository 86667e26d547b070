//! The HTML pages, in Vietnamese, rendered on the server from checked templates.
//!
//! Every page asks the same questions of the viewer as the API (it calls the same functions
//! of [`crate::api`] and [`crate::views`]); forms post back with the session's CSRF token and
//! are answered with a redirect (post/redirect/get), so a reload never repeats a change.

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use dondoc_extract::{Date, Deadline, Org, Relation, Task};
use dondoc_store::{Assignment, AssignmentFilter, Organisation, TimeStatus, UserRole};
use dondoc_track::{Action, Status};
use serde::Deserialize;

use crate::AppState;
use crate::api::{self, AssignmentQuery};
use crate::auth::{PageViewer, Viewer};
use crate::error::{PageError, WebError};
use crate::views::{
    date_vi, instant_vi, limit_filter, opt_date_vi, status_vi, time_badge, visible_assignment,
};

/// The routes of the pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/dang-nhap", get(login_form).post(login))
        .route("/dang-xuat", post(logout))
        .route("/nhiem-vu", get(assignments))
        .route("/nhiem-vu/{id}", get(assignment))
        .route("/nhiem-vu/{id}/thao-tac", post(assignment_action))
        .route("/nhiem-vu/{id}/bao-cao", post(assignment_report))
        .route("/theo-doi", get(monitor))
        .route("/theo-doi/xac-nhan", post(bulk_confirm))
        .route("/theo-doi/gia-han", post(bulk_extension))
        .route("/van-ban", get(notices))
        .route("/van-ban/tai-len", get(upload_form).post(upload))
        .route("/van-ban/{id}", get(notice))
        .route("/van-ban/{id}/duyet", post(save_review))
        .route("/van-ban/{id}/ban-hanh", post(publish))
        .route("/kien-nghi", get(proposals))
        .route("/tim-kiem", get(search))
        .route("/danh-ba", get(directory))
        .route("/danh-ba/danh-ba.csv", get(directory_csv))
        .route("/danh-ba/nhap", post(directory_import))
        .route("/nguoi-dung", get(users).post(create_user))
        .route("/lich-su", get(history))
}

type PageResult = Result<Response, PageError>;

fn render<T: Template>(t: &T) -> PageResult {
    match t.render() {
        Ok(s) => Ok(Html(s).into_response()),
        Err(e) => {
            eprintln!("template: {e}");
            Err(PageError(WebError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Lỗi hiển thị trang.",
            )))
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    code: &'a str,
    message: &'a str,
}

/// The page of an error.
pub fn error_page(e: &WebError) -> String {
    ErrorPage {
        code: e.code,
        message: &e.message,
    }
    .render()
    .unwrap_or_else(|_| e.message.clone())
}

/// What the layout shows around every page.
pub struct Layout {
    pub username: String,
    pub role: &'static str,
    pub org: String,
    pub csrf: String,
    pub active: &'static str,
    pub menu: Vec<(&'static str, &'static str)>,
    pub flash: String,
}

fn role_vi(r: UserRole) -> &'static str {
    match r {
        UserRole::Admin => "Quản trị",
        UserRole::Monitor => "Cán bộ theo dõi",
        UserRole::Leader => "Lãnh đạo",
        UserRole::Focal => "Đầu mối",
    }
}

async fn layout(state: &AppState, v: &Viewer, active: &'static str, flash: &str) -> Layout {
    let org = match v.user.organisation_id {
        Some(o) => {
            let id = o.to_string();
            org_options(state)
                .await
                .ok()
                .and_then(|l| l.into_iter().find(|(i, _)| *i == id))
                .map(|(_, name)| name)
                .unwrap_or_default()
        }
        None => String::new(),
    };
    let mut menu = vec![("Tổng quan", "/"), ("Văn bản kết luận", "/van-ban")];
    menu.push(match v.role() {
        UserRole::Focal => ("Nhiệm vụ của tôi", "/nhiem-vu"),
        _ => ("Nhiệm vụ", "/nhiem-vu"),
    });
    if v.is_monitor() {
        menu.push(("Theo dõi", "/theo-doi"));
    }
    if v.own_org().is_none() {
        menu.push(("Kiến nghị", "/kien-nghi"));
    }
    menu.push(("Tìm kiếm", "/tim-kiem"));
    menu.push(("Danh bạ", "/danh-ba"));
    if v.is_admin() {
        menu.push(("Người dùng", "/nguoi-dung"));
    }
    if v.is_monitor() {
        menu.push(("Lịch sử", "/lich-su"));
    }
    Layout {
        username: v.user.username.clone(),
        role: role_vi(v.role()),
        org,
        csrf: v.csrf.clone(),
        active,
        menu,
        flash: flash_text(flash).to_owned(),
    }
}

/// The message of a `?ok=` code set by a redirect after a change.
fn flash_text(code: &str) -> &'static str {
    match code {
        "done" => "Đã thực hiện.",
        "report" => "Đã gửi báo cáo tiến độ.",
        "saved" => "Đã lưu kết quả rà soát.",
        "published" => "Đã ban hành: các nhiệm vụ đã được giao cho các đơn vị.",
        "imported" => "Đã nhập văn bản. Hãy rà soát các nhiệm vụ rồi ban hành.",
        "present" => "Văn bản này đã được nhập trước đây.",
        "user" => "Đã thêm tài khoản.",
        "directory" => "Đã nhập danh bạ.",
        _ => "",
    }
}

#[derive(Debug, Default, Deserialize)]
struct Flash {
    #[serde(default)]
    ok: String,
}

/// An assignment as a table row shows it.
pub struct Row {
    pub id: i64,
    pub org: String,
    pub text: String,
    pub due: String,
    pub period: String,
    pub status: &'static str,
    pub ts_label: &'static str,
    pub ts_class: &'static str,
    pub ts_icon: &'static str,
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

impl Row {
    fn of(a: &Assignment, width: usize) -> Row {
        let (ts_label, ts_class, ts_icon) = time_badge(a.time_status);
        Row {
            id: a.id,
            org: a
                .organisation_name
                .clone()
                .or_else(|| {
                    a.unresolved_mention
                        .as_ref()
                        .map(|m| format!("{m} (chưa xác định)"))
                })
                .unwrap_or_default(),
            text: short(&a.text, width),
            due: opt_date_vi(a.due),
            period: a.period.clone().unwrap_or_default(),
            status: status_vi(&a.status),
            ts_label,
            ts_class,
            ts_icon,
        }
    }
}

/// The directory as (id, name) in Vietnamese order (through the cache).
async fn org_options(state: &AppState) -> Result<Vec<(String, String)>, WebError> {
    if let Some(v) = state.cache.orgs() {
        return Ok(v);
    }
    let v = picker(state.store.list_organisations().await?);
    state.cache.put_orgs(v.clone());
    Ok(v)
}

/// Organisations as (id, name) in Vietnamese order.
fn picker(mut list: Vec<Organisation>) -> Vec<(String, String)> {
    list.sort_by_cached_key(|o| vi_sort_key(&o.name));
    list.into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect()
}

/// The organisations that exist on `day` (a notice's date: those merged away in the 2025
/// restructuring are not offered for a later notice), as (id, name) in Vietnamese order.
async fn org_options_on(state: &AppState, day: Date) -> Result<Vec<(String, String)>, WebError> {
    let mut list: Vec<Organisation> = state.store.list_organisations().await?;
    list.retain(|o| o.valid_on(day));
    Ok(picker(list))
}

/// A key that sorts Vietnamese names in Vietnamese order: base letters (with ă, â after a,
/// đ after d, ê after e, ô, ơ after o, ư after u), then tones.
fn vi_sort_key(s: &str) -> (Vec<u32>, String) {
    const ORDER: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    let folded_letters = s.to_lowercase();
    let mut key = Vec::new();
    for c in folded_letters.chars() {
        let base: String = dondoc_text::fold(&c.to_string());
        // Keep the letter's own vowel quality (ă, â, ê, ô, ơ, ư, đ) but drop the tone.
        let quality = strip_tone(c);
        let rank = ORDER
            .chars()
            .position(|o| o == quality)
            .or_else(|| ORDER.chars().position(|o| base.starts_with(o)));
        key.push(match rank {
            Some(r) => 1000 + u32::try_from(r).unwrap_or(0),
            None => u32::from(c),
        });
    }
    (key, s.to_owned())
}

/// A lower-case Vietnamese letter without its tone mark (ấ → â, ự → ư).
fn strip_tone(c: char) -> char {
    use unicode_normalization::UnicodeNormalization as _;
    let kept: String = c
        .to_string()
        .nfd()
        .filter(|m| {
            !matches!(
                *m,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            )
        })
        .nfc()
        .collect();
    kept.chars().next().unwrap_or(c)
}

// ---------------------------------------------------------------------------------------
// Log-in

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    error: String,
    username: String,
}

async fn login_form() -> PageResult {
    render(&LoginPage {
        error: String::new(),
        username: String::new(),
    })
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    totp: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<LoginForm>,
) -> PageResult {
    if !crate::auth::same_origin(&headers) {
        return Err(PageError(WebError::csrf()));
    }
    match api::attempt_login(&state, &f.username, &f.password, f.totp.as_deref()).await {
        Ok(s) => {
            let cookie = api::cookie_header(&state, &s.token)?;
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
        }
        Err(e) if e.status.is_client_error() => {
            let mut res = render(&LoginPage {
                error: e.message,
                username: f.username,
            })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(PageError(e)),
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    axum::Form(f): axum::Form<CsrfForm>,
) -> PageResult {
    v.check_csrf(&state, &headers, Some(&f.csrf)).await?;
    state.store.delete_session(&v.token).await?;
    let cookie = api::cookie_header(&state, "")?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/dang-nhap")).into_response())
}

// ---------------------------------------------------------------------------------------
// Tổng quan

#[derive(Debug, Default, Deserialize)]
struct DashboardQuery {
    period: Option<String>,
    org: Option<String>,
}

struct OrgLine {
    id: Option<i64>,
    name: String,
    assigned: u32,
    done_on_time: u32,
    done_late: u32,
    open_within_deadline: u32,
    overdue: u32,
    no_deadline: u32,
    rate: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    l: Layout,
    period: String,
    from: String,
    to: String,
    as_of: String,
    show_org_filter: bool,
    show_org: bool,
    orgs: Vec<(String, String)>,
    org_selected: String,
    total: dondoc_track::Counts,
    per_org: Vec<OrgLine>,
    chart: String,
    overdue: Vec<Row>,
    upcoming: Vec<Row>,
}

/// "91,8 %" of done on time among those done or due.
fn on_time_rate(c: &dondoc_track::Counts) -> String {
    let judged = c.done_on_time + c.done_late + c.overdue;
    if judged == 0 {
        return "—".to_owned();
    }
    let r = f64::from(c.done_on_time) * 100.0 / f64::from(judged);
    format!("{r:.1} %").replace('.', ",")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal stacked bar chart of the four buckets per organisation (at most 12 rows).
fn chart_svg(lines: &[OrgLine]) -> String {
    let rows: Vec<&OrgLine> = lines.iter().filter(|l| l.assigned > 0).take(12).collect();
    if rows.is_empty() {
        return String::new();
    }
    let max = rows.iter().map(|l| l.assigned).max().unwrap_or(1).max(1);
    let (label_w, bar_w, row_h) = (300.0_f64, 400.0_f64, 22.0_f64);
    let height = row_h * rows.len() as f64 + 50.0;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"Biểu đồ tình hình thực hiện theo cơ quan, đơn vị\" viewBox=\"0 0 {} {height}\" width=\"100%\" style=\"max-width:720px\">",
        label_w + bar_w + 60.0
    );
    for (i, l) in rows.iter().enumerate() {
        let y = row_h * i as f64 + 4.0;
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 13.0,
            xml_escape(&short(&l.name, 44))
        ));
        let mut x = label_w;
        for (n, colour, word) in [
            (l.done_on_time, "#1b7a3a", "Hoàn thành đúng hạn"),
            (l.done_late, "#b45309", "Hoàn thành quá hạn"),
            (
                l.open_within_deadline,
                "#1d4ed8",
                "Đang thực hiện trong hạn",
            ),
            (l.overdue, "#b91c1c", "Quá hạn"),
            (l.no_deadline, "#737373", "Không có thời hạn"),
        ] {
            if n == 0 {
                continue;
            }
            let w = f64::from(n) / f64::from(max) * bar_w;
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"><title>{word}: {n}</title></rect>"
            ));
            x += w;
        }
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 4.0,
            y + 13.0,
            l.assigned
        ));
    }
    let ly = row_h * rows.len() as f64 + 22.0;
    let mut lx = 10.0_f64;
    for (colour, word) in [
        ("#1b7a3a", "✔ Đúng hạn"),
        ("#b45309", "⚑ Quá hạn (đã xong)"),
        ("#1d4ed8", "◷ Trong hạn"),
        ("#b91c1c", "✖ Quá hạn"),
        ("#737373", "– Không thời hạn"),
    ] {
        s.push_str(&format!(
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{ly}\">{word}</text>",
            ly - 9.0,
            lx + 13.0
        ));
        lx += 150.0;
    }
    s.push_str("</svg>");
    s
}

async fn dashboard(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    let today = dondoc_store::today()?;
    let (from, to) = api::period_of(q.period.as_deref(), today)?;
    let org_filter = match v.own_org() {
        Some(o) => Some(o),
        None => q
            .org
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(|s| s.parse().ok()),
    };
    let mut counts = api::visible_counts(&state, &v, from, to, today).await?;
    if let Some(o) = org_filter {
        counts.retain(|c| c.organisation_id == Some(o));
    }
    let mut total = dondoc_track::Counts::default();
    let per_org: Vec<OrgLine> = counts
        .iter()
        .map(|c| {
            let k = &c.counts;
            total.assigned += k.assigned;
            total.done_on_time += k.done_on_time;
            total.done_late += k.done_late;
            total.open_within_deadline += k.open_within_deadline;
            total.overdue += k.overdue;
            total.no_deadline += k.no_deadline;
            OrgLine {
                id: c.organisation_id,
                name: c
                    .organisation_name
                    .clone()
                    .unwrap_or_else(|| "Chưa xác định đơn vị".to_owned()),
                assigned: k.assigned,
                done_on_time: k.done_on_time,
                done_late: k.done_late,
                open_within_deadline: k.open_within_deadline,
                overdue: k.overdue,
                no_deadline: k.no_deadline,
                rate: on_time_rate(k),
            }
        })
        .collect();
    let base = AssignmentFilter {
        organisation_id: org_filter,
        as_of: Some(today),
        ..AssignmentFilter::default()
    };
    let overdue_f = limit_filter(
        &state,
        &v,
        AssignmentFilter {
            time_status: Some(TimeStatus::Overdue),
            ..base.clone()
        },
    )
    .await?;
    let overdue = state.store.list_assignments(&overdue_f, 10, 0).await?;
    let upcoming_f = limit_filter(
        &state,
        &v,
        AssignmentFilter {
            time_status: Some(TimeStatus::OpenWithinDeadline),
            due_from: Some(today),
            due_to: today.add_days(14),
            ..base
        },
    )
    .await?;
    let mut upcoming = state.store.list_assignments(&upcoming_f, 10, 0).await?;
    upcoming.reverse();
    let chart = chart_svg(&per_org);
    render(&DashboardPage {
        l: layout(&state, &v, "Tổng quan", "").await,
        period: q.period.clone().unwrap_or_default(),
        from: date_vi(from),
        to: date_vi(to),
        as_of: date_vi(today),
        show_org_filter: v.own_org().is_none(),
        show_org: v.own_org().is_none(),
        orgs: org_options(&state).await?,
        org_selected: org_filter.map(|o| o.to_string()).unwrap_or_default(),
        total,
        per_org,
        chart,
        overdue: overdue.iter().map(|a| Row::of(a, 120)).collect(),
        upcoming: upcoming.iter().map(|a| Row::of(a, 120)).collect(),
    })
}

// ---------------------------------------------------------------------------------------
// Nhiệm vụ

#[derive(Template)]
#[template(path = "assignments.html")]
struct AssignmentsPage {
    l: Layout,
    heading: &'static str,
    q: String,
    show_org: bool,
    orgs: Vec<(String, String)>,
    org_selected: String,
    time_statuses: Vec<(&'static str, &'static str)>,
    ts_selected: String,
    statuses: Vec<(&'static str, &'static str)>,
    status_selected: String,
    total: String,
    total_n: u64,
    shown_from: u64,
    shown_to: u64,
    items: Vec<Row>,
    prev: Option<String>,
    next: Option<String>,
}

fn query_string(q: &AssignmentQuery, offset: u64) -> String {
    let mut parts = Vec::new();
    let mut add = |k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", url_encode(v)));
        }
    };
    add("q", &q.q);
    add("organisation", &q.organisation);
    add("status", &q.status);
    add("time_status", &q.time_status);
    add("notice", &q.notice);
    add("as_of", &q.as_of);
    parts.push(format!("offset={offset}"));
    format!("/nhiem-vu?{}", parts.join("&"))
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn assignments(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(q): Query<AssignmentQuery>,
) -> PageResult {
    let f = limit_filter(&state, &v, q.filter()?).await?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let offset = q.offset.unwrap_or(0);
    let list = state.store.list_assignments(&f, limit, offset).await?;
    let total = api::count_cached(&state, &f).await?;
    let end = offset + list.len() as u64;
    render(&AssignmentsPage {
        l: layout(
            &state,
            &v,
            if v.role() == UserRole::Focal {
                "Nhiệm vụ của tôi"
            } else {
                "Nhiệm vụ"
            },
            "",
        )
        .await,
        heading: if v.role() == UserRole::Focal {
            "Nhiệm vụ của tôi"
        } else {
            "Nhiệm vụ được giao"
        },
        q: q.q.clone().unwrap_or_default(),
        show_org: v.own_org().is_none(),
        orgs: org_options(&state).await?,
        org_selected: q.organisation.clone().unwrap_or_default(),
        time_statuses: TimeStatus::ALL
            .iter()
            .map(|t| (t.code(), time_badge(Some(*t)).0))
            .collect(),
        ts_selected: q.time_status.clone().unwrap_or_default(),
        statuses: Status::ALL
            .iter()
            .map(|s| (s.code(), s.label_vi()))
            .collect(),
        status_selected: q.status.clone().unwrap_or_default(),
        total: crate::views::number_vi(total),
        total_n: total,
        shown_from: if list.is_empty() { 0 } else { offset + 1 },
        shown_to: end,
        items: list.iter().map(|a| Row::of(a, 200)).collect(),
        prev: (offset > 0).then(|| query_string(&q, offset.saturating_sub(u64::from(limit)))),
        next: (end < total).then(|| query_string(&q, end)),
    })
}

#[derive(Template)]
#[template(path = "assignment.html")]
struct AssignmentPage {
    l: Layout,
    a: Row,
    role: &'static str,
    text: String,
    notice_id: i64,
    notice_title: String,
    requested: String,
    actions: Vec<(&'static str, &'static str)>,
    can_report: bool,
    reports: Vec<(String, String, String, i64, String)>,
    due_changes: Vec<(String, String, String, String, String)>,
    show_history: bool,
}

/// The actions the lifecycle allows this viewer on this assignment now.
fn allowed_actions(v: &Viewer, a: &Assignment) -> Vec<(&'static str, &'static str)> {
    let Some(status) = Status::from_code(&a.status) else {
        return Vec::new();
    };
    let role = match v.role() {
        UserRole::Admin => dondoc_track::Role::Admin,
        UserRole::Monitor => dondoc_track::Role::Monitor,
        UserRole::Leader => dondoc_track::Role::Leader,
        UserRole::Focal => dondoc_track::Role::FocalPoint,
    };
    let probe_due = a
        .due
        .and_then(|d| d.add_days(30))
        .or_else(|| dondoc_store::today().ok().and_then(|t| t.add_days(30)));
    let mut all = vec![
        Action::Acknowledge,
        Action::Start,
        Action::ReportDone,
        Action::Confirm,
        Action::Return,
        Action::ApproveExtension,
        Action::RefuseExtension,
        Action::Cancel,
        Action::Reopen,
    ];
    if let Some(d) = probe_due {
        all.insert(3, Action::RequestExtension { new_due: d });
    }
    all.into_iter()
        .filter(|act| dondoc_track::transition(status, a.requested_due, act, role).is_ok())
        .map(|act| (act.code(), button_vi(&act)))
        .collect()
}

fn button_vi(a: &Action) -> &'static str {
    match a {
        Action::Acknowledge => "Xác nhận đã nhận nhiệm vụ",
        Action::Start => "Bắt đầu thực hiện",
        Action::ReportDone => "Báo cáo hoàn thành",
        Action::Confirm => "Xác nhận hoàn thành",
        Action::Return => "Trả lại (chưa hoàn thành)",
        Action::RequestExtension { .. } => "Xin gia hạn",
        Action::ApproveExtension => "Đồng ý gia hạn",
        Action::RefuseExtension => "Không đồng ý gia hạn",
        Action::Cancel => "Hủy nhiệm vụ",
        Action::Reopen => "Mở lại",
    }
}

async fn assignment(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<i64>,
    Query(fl): Query<Flash>,
) -> PageResult {
    let a = visible_assignment(&state, &v, id).await?;
    let notice = state.store.get_notice(a.notice_id).await?;
    let reports = state
        .store
        .list_progress_reports(id)
        .await?
        .into_iter()
        .map(|r| {
            (
                instant_vi(&r.created_at),
                r.author,
                r.text,
                r.percent,
                r.files
                    .iter()
                    .map(|f| f.0.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
        .collect();
    let due_changes = state
        .store
        .due_history(id)
        .await?
        .into_iter()
        .map(|d| {
            (
                instant_vi(&d.at),
                d.actor,
                opt_date_vi(d.old_due),
                opt_date_vi(d.new_due),
                d.reason,
            )
        })
        .collect();
    let open = !matches!(
        Status::from_code(&a.status),
        Some(Status::HoanThanh | Status::Huy)
    );
    render(&AssignmentPage {
        l: layout(&state, &v, "Nhiệm vụ", &fl.ok).await,
        role: match a.role {
            dondoc_store::Role::Lead => "Chủ trì",
            dondoc_store::Role::Collab => "Phối hợp",
        },
        text: a.text.clone(),
        notice_id: a.notice_id,
        notice_title: notice
            .title
            .clone()
            .or(notice.reference.clone())
            .unwrap_or(notice.file_name.clone()),
        requested: a.requested_due.map(date_vi).unwrap_or_default(),
        actions: allowed_actions(&v, &a),
        can_report: v.role() == UserRole::Focal && open,
        reports,
        due_changes,
        show_history: v.is_monitor(),
        a: Row::of(&a, 10_000),
    })
}

#[derive(Debug, Deserialize)]
struct ActionForm {
    #[serde(default)]
    csrf: String,
    action: String,
    new_due: Option<String>,
    note: Option<String>,
}

async fn assignment_action(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ActionForm>,
) -> PageResult {
    v.check_csrf(&state, &headers, Some(&f.csrf)).await?;
    let action = api::action_of(&f.action, f.new_due.as_deref())?;
    api::apply_action(&state, &v, id, &action, f.note.as_deref()).await?;
    Ok(Redirect::to(&format!("/nhiem-vu/{id}?ok=done")).into_response())
}

/// The fields of a multipart form: text fields, and files as (name, bytes).
struct Fields {
    text: Vec<(String, String)>,
    files: Vec<(String, String, Vec<u8>)>,
}

impl Fields {
    fn get(&self, k: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
}

async fn read_multipart(mut m: Multipart) -> Result<Fields, WebError> {
    let bad = |_| WebError::bad_request("invalid_form", "Biểu mẫu gửi lên không đọc được.");
    let mut out = Fields {
        text: Vec::new(),
        files: Vec::new(),
    };
    while let Some(field) = m.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file) => {
                let bytes = field.bytes().await.map_err(bad)?;
                if !file.is_empty() && !bytes.is_empty() {
                    out.files.push((name, file, bytes.to_vec()));
                }
            }
            None => {
                let v = field.text().await.map_err(bad)?;
                out.text.push((name, v));
            }
        }
    }
    Ok(out)
}

async fn assignment_report(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    m: Multipart,
) -> PageResult {
    let f = read_multipart(m).await?;
    v.check_csrf(&state, &headers, Some(f.get("csrf").unwrap_or("")))
        .await?;
    let percent = f
        .get("percent")
        .and_then(|p| p.trim().parse::<u8>().ok())
        .filter(|p| *p <= 100)
        .ok_or_else(|| {
            WebError::bad_request("invalid_percent", "Tỉ lệ hoàn thành phải từ 0 đến 100.")
        })?;
    let files = f
        .files
        .iter()
        .map(|(_, name, b)| (name.clone(), b.clone()))
        .collect();
    api::add_report(&state, &v, id, f.get("text").unwrap_or(""), percent, files).await?;
    Ok(Redirect::to(&format!("/nhiem-vu/{id}?ok=report")).into_response())
}

// ---------------------------------------------------------------------------------------
// Theo dõi

#[derive(Template)]
#[template(path = "monitor.html")]
struct MonitorPage {
    l: Layout,
    reported: Vec<Row>,
    extensions: Vec<(Row, String)>,
    overdue_by_org: Vec<(i64, String, u32)>,
}

async fn monitor(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(fl): Query<Flash>,
) -> PageResult {
    v.require(&state, v.is_monitor(), "monitor_page").await?;
    let today = dondoc_store::today()?;
    let of_status = |s: Status| AssignmentFilter {
        status: Some(s.code().to_owned()),
        include_restricted: v.sees_restricted(),
        ..AssignmentFilter::default()
    };
    let reported = state
        .store
        .list_assignments(&of_status(Status::BaoCaoHoanThanh), 200, 0)
        .await?;
    let ext = state
        .store
        .list_assignments(&of_status(Status::XinGiaHan), 200, 0)
        .await?;
    let from = Date::new(1900, 1, 1).unwrap_or(today);
    let to = Date::new(2200, 12, 31).unwrap_or(today);
    let mut overdue_by_org: Vec<(i64, String, u32)> =
        api::visible_counts(&state, &v, from, to, today)
            .await?
            .into_iter()
            .filter(|c| c.counts.overdue > 0)
            .filter_map(|c| {
                Some((
                    c.organisation_id?,
                    c.organisation_name.unwrap_or_default(),
                    c.counts.overdue,
                ))
            })
            .collect();
    overdue_by_org.sort_by_key(|o| std::cmp::Reverse(o.2));
    render(&MonitorPage {
        l: layout(&state, &v, "Theo dõi", &fl.ok).await,
        reported: reported.iter().map(|a| Row::of(a, 160)).collect(),
        extensions: ext
            .iter()
            .map(|a| (Row::of(a, 160), opt_date_vi(a.requested_due)))
            .collect(),
        overdue_by_org,
    })
}

/// The `id` values and the other fields of a form with repeated checkboxes.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (url_decode(k), url_decode(v)))
        .collect()
}

fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(h) = hex {
                    out.push(h);
                    i += 2;
                } else {
                    out.push(b);
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn bulk(
    state: &AppState,
    v: &Viewer,
    headers: &HeaderMap,
    body: &str,
    fixed: Option<&str>,
) -> PageResult {
    let pairs = form_pairs(body);
    let field = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    v.check_csrf(state, headers, Some(field("csrf").unwrap_or("")))
        .await?;
    let code = fixed.or(field("decision")).unwrap_or("");
    let action = api::action_of(code, None)?;
    let ids: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    for id in ids {
        api::apply_action(state, v, id, &action, None).await?;
    }
    Ok(Redirect::to("/theo-doi?ok=done").into_response())
}

async fn bulk_confirm(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    body: String,
) -> PageResult {
    bulk(&state, &v, &headers, &body, Some("confirm")).await
}

async fn bulk_extension(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    body: String,
) -> PageResult {
    let decision = form_pairs(&body)
        .into_iter()
        .find(|(k, _)| k == "decision")
        .map(|(_, v)| v)
        .unwrap_or_default();
    if !matches!(decision.as_str(), "approve_extension" | "refuse_extension") {
        return Err(PageError(WebError::bad_request(
            "invalid_action",
            "Cần chọn đồng ý hoặc không đồng ý gia hạn.",
        )));
    }
    bulk(&state, &v, &headers, &body, None).await
}

// ---------------------------------------------------------------------------------------
// Văn bản kết luận

struct NoticeLine {
    id: i64,
    reference: String,
    title: String,
    issued: String,
    tasks: usize,
    warnings: usize,
    state: &'static str,
    restricted: bool,
}

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage {
    l: Layout,
    can_import: bool,
    items: Vec<NoticeLine>,
}

fn state_vi(s: dondoc_store::NoticeState) -> &'static str {
    match s {
        dondoc_store::NoticeState::Draft => "Chờ rà soát",
        dondoc_store::NoticeState::Published => "Đã ban hành",
    }
}

async fn notices(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(p): Query<api::Page>,
) -> PageResult {
    let list = api::visible_notices(&state, &v, 200, p.offset.unwrap_or(0)).await?;
    let items = list
        .iter()
        .map(|n| {
            let ext = n.reviewed.as_ref().unwrap_or(&n.extraction);
            NoticeLine {
                id: n.id,
                reference: n.reference.clone().unwrap_or_default(),
                title: n.title.clone().unwrap_or_else(|| n.file_name.clone()),
                issued: opt_date_vi(n.issued_on),
                tasks: ext.tasks.len(),
                warnings: ext.warnings.len(),
                state: state_vi(n.state),
                restricted: n.restricted,
            }
        })
        .collect();
    render(&NoticesPage {
        l: layout(&state, &v, "Văn bản kết luận", "").await,
        can_import: v.is_monitor(),
        items,
    })
}

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    l: Layout,
}

async fn upload_form(State(state): State<AppState>, PageViewer(v): PageViewer) -> PageResult {
    v.require(&state, v.is_monitor(), "notice_import").await?;
    render(&UploadPage {
        l: layout(&state, &v, "Văn bản kết luận", "").await,
    })
}

async fn upload(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    m: Multipart,
) -> PageResult {
    let f = read_multipart(m).await?;
    v.check_csrf(&state, &headers, Some(f.get("csrf").unwrap_or("")))
        .await?;
    let (name, bytes) = match f.files.into_iter().find(|(n, _, _)| n == "file") {
        Some((_, name, bytes)) => (name, bytes),
        None => {
            let text = f
                .text
                .iter()
                .find(|(n, _)| n == "text")
                .map(|(_, t)| t.clone());
            match text.filter(|t| !t.trim().is_empty()) {
                Some(t) => ("van-ban-dan.txt".to_owned(), t.into_bytes()),
                None => {
                    return Err(PageError(WebError::bad_request(
                        "empty_upload",
                        "Chưa chọn tệp hoặc dán nội dung văn bản.",
                    )));
                }
            }
        }
    };
    let out = api::import_for(&state, &v, &name, bytes).await?;
    let ok = match out {
        dondoc_store::ImportOutcome::Imported(_) => "imported",
        dondoc_store::ImportOutcome::AlreadyPresent(_) => "present",
    };
    Ok(Redirect::to(&format!("/van-ban/{}?ok={ok}", out.id())).into_response())
}

struct TaskView {
    n: usize,
    section: String,
    text: String,
    assignee_text: String,
    org: String,
    collaborators: String,
    /// Directory ids of the collaborators (on the review screen).
    collab_ids: Vec<String>,
    due: String,
    due_vi: String,
    deadline_text: String,
    recurrence: String,
    /// The code of the recurrence's frequency ("" none).
    rec_freq: String,
}

/// The frequencies a reviewer may pick, with their words.
const FREQS: [(&str, &str); 7] = [
    ("", "Không định kỳ"),
    ("weekly", "Hằng tuần"),
    ("monthly", "Hằng tháng"),
    ("quarterly", "Hằng quý"),
    ("half_yearly", "6 tháng một lần"),
    ("yearly", "Hằng năm"),
    ("periodic", "Định kỳ (không rõ kỳ)"),
];

fn freq_code(f: dondoc_extract::Freq) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    l: Layout,
    id: i64,
    title: String,
    reference: String,
    issued: String,
    state: &'static str,
    restricted: bool,
    published: bool,
    warnings: Vec<String>,
    /// The text cut at the tasks' spans: (piece, task number or 0).
    pieces: Vec<(String, usize)>,
    tasks: Vec<TaskView>,
    orgs: Vec<(String, String)>,
    freqs: [(&'static str, &'static str); 7],
    editable: bool,
    show_history: bool,
}

/// The text cut into pieces at the (char) spans of the tasks, each piece with the number of
/// the task it belongs to (0: none). Overlapping spans go to the first task.
fn pieces(text: &str, tasks: &[Task]) -> Vec<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize, usize)> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                t.span[0].min(chars.len()),
                t.span[1].min(chars.len()),
                i + 1,
            )
        })
        .filter(|(s, e, _)| s < e)
        .collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, n) in spans {
        if s < at {
            continue;
        }
        if s > at {
            out.push((chars.get(at..s).unwrap_or_default().iter().collect(), 0));
        }
        out.push((chars.get(s..e).unwrap_or_default().iter().collect(), n));
        at = e;
    }
    if at < chars.len() {
        out.push((chars.get(at..).unwrap_or_default().iter().collect(), 0));
    }
    out
}

impl TaskView {
    fn has_collab(&self, id: &str) -> bool {
        self.collab_ids.iter().any(|c| c == id)
    }
}

fn org_names(orgs: &[Org]) -> String {
    orgs.iter()
        .filter_map(|o| o.mention.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn notice(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<i64>,
    Query(fl): Query<Flash>,
) -> PageResult {
    let n = api::visible_notice(&state, &v, id).await?;
    let ext = n.reviewed.as_ref().unwrap_or(&n.extraction);
    let on = n.issued_on.unwrap_or(dondoc_store::today()?);
    let editable = v.is_monitor() && n.state == dondoc_store::NoticeState::Draft;
    let mut tasks = Vec::with_capacity(ext.tasks.len());
    for (i, t) in ext.tasks.iter().enumerate() {
        let first = t.assignees.first();
        let org = match (editable, first) {
            (true, Some(o)) => state
                .store
                .resolve_org(o.kind, o.level, o.mention.as_deref(), on)
                .await?
                .map(|id| id.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        let mut collab_ids = Vec::new();
        if editable {
            for c in &t.collaborators {
                if let Some(id) = state
                    .store
                    .resolve_org(c.kind, c.level, c.mention.as_deref(), on)
                    .await?
                {
                    collab_ids.push(id.to_string());
                }
            }
        }
        let due = t.deadline.as_ref().and_then(|d| d.due);
        tasks.push(TaskView {
            n: i + 1,
            section: t.section.clone(),
            text: t.text.clone(),
            assignee_text: t
                .assignee_text
                .clone()
                .unwrap_or_else(|| org_names(&t.assignees)),
            org,
            collaborators: org_names(&t.collaborators),
            collab_ids,
            due: due.map(|d| d.to_string()).unwrap_or_default(),
            due_vi: opt_date_vi(due),
            deadline_text: t
                .deadline
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default(),
            recurrence: t
                .recurrence
                .as_ref()
                .map(|r| r.text.clone())
                .unwrap_or_default(),
            rec_freq: t
                .recurrence
                .as_ref()
                .map(|r| freq_code(r.freq))
                .unwrap_or_default(),
        });
    }
    render(&NoticePage {
        l: layout(&state, &v, "Văn bản kết luận", &fl.ok).await,
        id,
        title: n.title.clone().unwrap_or_else(|| n.file_name.clone()),
        reference: n.reference.clone().unwrap_or_default(),
        issued: n.issued_on.map(date_vi).unwrap_or_default(),
        state: state_vi(n.state),
        restricted: n.restricted,
        published: n.state == dondoc_store::NoticeState::Published,
        warnings: if v.is_monitor() {
            ext.warnings.clone()
        } else {
            Vec::new()
        },
        pieces: pieces(&n.text, &ext.tasks),
        tasks,
        orgs: if editable {
            org_options_on(&state, on).await?
        } else {
            Vec::new()
        },
        freqs: FREQS,
        editable,
        show_history: v.is_monitor(),
    })
}

/// The organisation of the directory as an extracted assignee (its name as the mention,
/// which publication resolves back to it).
fn org_as_assignee(o: &Organisation) -> Org {
    Org::new(o.name.clone(), o.kind, o.level)
}

fn deadline_on(d: Date) -> Deadline {
    Deadline {
        text: date_vi(d),
        due: Some(d),
        relation: Relation::Before,
        start: None,
        time: None,
    }
}

async fn save_review(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: String,
) -> PageResult {
    let pairs = form_pairs(&body);
    let field = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    v.check_csrf(&state, &headers, Some(field("csrf").unwrap_or("")))
        .await?;
    v.require(&state, v.is_monitor(), "notice_review").await?;
    let n = api::visible_notice(&state, &v, id).await?;
    let mut ext = n.reviewed.clone().unwrap_or(n.extraction.clone());
    let orgs = state.store.list_organisations().await?;
    let org_by_id = |s: &str| -> Option<&Organisation> {
        let id: i64 = s.parse().ok()?;
        orgs.iter().find(|o| o.id == id)
    };
    let mut kept = Vec::with_capacity(ext.tasks.len());
    for (i, mut t) in std::mem::take(&mut ext.tasks).into_iter().enumerate() {
        let k = i + 1;
        if field(&format!("delete_{k}")).is_some() {
            continue;
        }
        if let Some(text) = field(&format!("text_{k}")).map(str::trim)
            && !text.is_empty()
        {
            t.text = text.to_owned();
        }
        if let Some(o) = field(&format!("org_{k}")).and_then(&org_by_id) {
            t.assignees = vec![org_as_assignee(o)];
            t.assignee_text = Some(o.name.clone());
        }
        if field(&format!("collab_shown_{k}")).is_some() {
            let key = format!("collab_{k}");
            let chosen: Vec<Org> = pairs
                .iter()
                .filter(|(n, _)| *n == key)
                .filter_map(|(_, v)| org_by_id(v))
                .map(org_as_assignee)
                .collect();
            // Keep what the notice wrote when nothing was picked and nothing resolved.
            if !chosen.is_empty() || t.collaborators.is_empty() {
                t.collaborators = chosen;
            }
        }
        match field(&format!("due_{k}")).map(str::trim) {
            Some("") if t.deadline.as_ref().and_then(|d| d.due).is_some() => {
                t.deadline = None;
            }
            Some("") | None => {}
            Some(d) => {
                let d = Date::parse_iso(d).ok_or_else(|| {
                    WebError::bad_request("invalid_date", format!("Thời hạn „{d}“ không hợp lệ."))
                })?;
                if t.deadline.as_ref().and_then(|x| x.due) != Some(d) {
                    t.deadline = Some(deadline_on(d));
                }
            }
        }
        if let Some(code) = field(&format!("rec_{k}")) {
            let current = t
                .recurrence
                .as_ref()
                .map(|r| freq_code(r.freq))
                .unwrap_or_default();
            if code != current {
                t.recurrence = recurrence_of(code, t.recurrence.take())?;
            }
        }
        if field(&format!("merge_{k}")).is_some()
            && let Some(prev) = kept.last_mut()
        {
            merge_into(prev, t);
            continue;
        }
        if field(&format!("split_{k}")).is_some() {
            let mut second = t.clone();
            second.id = format!("{}b", t.id);
            t.id = format!("{}a", t.id);
            kept.push(t);
            kept.push(second);
            continue;
        }
        kept.push(t);
    }
    if let Some(text) = field("text_new").map(str::trim).filter(|t| !t.is_empty()) {
        let org = field("org_new").and_then(&org_by_id);
        kept.push(Task {
            id: format!("t{}", kept.len() + 1),
            section: String::new(),
            text: text.to_owned(),
            assignee_text: org.map(|o| o.name.clone()),
            assignees: org.map(org_as_assignee).into_iter().collect(),
            collaborators: Vec::new(),
            deadline: field("due_new")
                .and_then(|d| Date::parse_iso(d.trim()))
                .map(deadline_on),
            recurrence: None,
            report_to: None,
            urgent: false,
            span: [0, 0],
        });
    }
    ext.tasks = kept;
    state.store.save_review(id, &ext, &v.user.username).await?;
    Ok(Redirect::to(&format!("/van-ban/{id}?ok=saved")).into_response())
}

/// The recurrence a reviewer picked (by frequency code; "" none), keeping the quota of the
/// one it replaces.
fn recurrence_of(
    code: &str,
    old: Option<dondoc_extract::Recurrence>,
) -> Result<Option<dondoc_extract::Recurrence>, WebError> {
    if code.is_empty() {
        return Ok(None);
    }
    let freq: dondoc_extract::Freq = serde_json::from_value(serde_json::Value::from(code))
        .map_err(|_| WebError::bad_request("invalid_recurrence", "Kỳ định kỳ không hợp lệ."))?;
    let word = FREQS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, w)| w);
    Ok(Some(dondoc_extract::Recurrence {
        text: word.to_lowercase(),
        freq,
        interval: 1,
        quota: old.and_then(|r| r.quota),
    }))
}

/// Merges task `t` into `prev`: the texts joined, the organisations of both, the earlier
/// deadline, the span over both.
fn merge_into(prev: &mut Task, t: Task) {
    prev.text = format!("{} {}", prev.text.trim_end(), t.text.trim_start());
    for o in t.assignees {
        if !prev.assignees.contains(&o) {
            prev.assignees.push(o);
        }
    }
    for o in t.collaborators {
        if !prev.collaborators.contains(&o) && !prev.assignees.contains(&o) {
            prev.collaborators.push(o);
        }
    }
    let due = |x: &Option<Deadline>| x.as_ref().and_then(|d| d.due);
    let later = due(&t.deadline);
    if later.is_some() && (due(&prev.deadline).is_none() || later < due(&prev.deadline)) {
        prev.deadline = t.deadline;
    }
    prev.span = [prev.span[0].min(t.span[0]), prev.span[1].max(t.span[1])];
    prev.urgent |= t.urgent;
}

async fn publish(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<CsrfForm>,
) -> PageResult {
    v.check_csrf(&state, &headers, Some(&f.csrf)).await?;
    api::publish_for(&state, &v, id).await?;
    Ok(Redirect::to(&format!("/van-ban/{id}?ok=published")).into_response())
}

// ---------------------------------------------------------------------------------------
// Kiến nghị, Tìm kiếm, Danh bạ, Người dùng, Lịch sử

struct ProposalLine {
    id: i64,
    notice_id: i64,
    by: String,
    text: String,
    response: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "proposals.html")]
struct ProposalsPage {
    l: Layout,
    items: Vec<ProposalLine>,
}

async fn proposals(State(state): State<AppState>, PageViewer(v): PageViewer) -> PageResult {
    v.require(&state, v.own_org().is_none(), "proposals")
        .await?;
    let items = state
        .store
        .list_proposals(None)
        .await?
        .into_iter()
        .map(|p| ProposalLine {
            id: p.id,
            notice_id: p.notice_id,
            by: p.proposer_text.unwrap_or_default(),
            text: p.text,
            response: p.response.unwrap_or_default(),
            status: match p.status.as_str() {
                "answered" => "Đã trả lời",
                "closed" => "Đã đóng",
                _ => "Chưa trả lời",
            },
        })
        .collect();
    render(&ProposalsPage {
        l: layout(&state, &v, "Kiến nghị", "").await,
        items,
    })
}

struct SearchLine {
    kind: &'static str,
    href: String,
    title: String,
    before: String,
    hit: String,
    after: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    q: String,
    results: Vec<SearchLine>,
}

#[derive(Debug, Deserialize)]
struct SearchQ {
    q: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(q): Query<SearchQ>,
) -> PageResult {
    let text = q.q.unwrap_or_default();
    let hits = state
        .store
        .search(&text, &v.actor(), v.user.restricted_access, 20)
        .await?;
    let mut results = Vec::with_capacity(hits.len());
    for h in hits {
        let href = match h.kind {
            dondoc_store::SearchKind::Notice | dondoc_store::SearchKind::Proposal => {
                format!("/van-ban/{}", h.notice_id)
            }
            dondoc_store::SearchKind::Task => format!("/nhiem-vu?notice={}", h.notice_id),
            dondoc_store::SearchKind::Report => format!("/nhiem-vu?notice={}", h.notice_id),
        };
        let chars: Vec<char> = h.snippet.chars().collect();
        let (a, b) = h.highlight.unwrap_or((0, 0));
        let part = |r: std::ops::Range<usize>| -> String {
            chars.get(r).unwrap_or_default().iter().collect()
        };
        results.push(SearchLine {
            kind: match h.kind {
                dondoc_store::SearchKind::Notice => "Văn bản",
                dondoc_store::SearchKind::Task => "Nhiệm vụ",
                dondoc_store::SearchKind::Proposal => "Kiến nghị",
                dondoc_store::SearchKind::Report => "Báo cáo",
            },
            href,
            title: h.title,
            before: part(0..a.min(chars.len())),
            hit: part(a.min(chars.len())..b.min(chars.len())),
            after: part(b.min(chars.len())..chars.len()),
        });
    }
    render(&SearchPage {
        l: layout(&state, &v, "Tìm kiếm", "").await,
        q: text,
        results,
    })
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    l: Layout,
    is_admin: bool,
    items: Vec<(i64, String, String, String, String)>,
}

async fn directory(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(fl): Query<Flash>,
) -> PageResult {
    let mut list = state.store.list_organisations().await?;
    list.sort_by_cached_key(|o| vi_sort_key(&o.name));
    let items = list
        .into_iter()
        .map(|o| {
            let valid = match (o.valid_from, o.valid_to) {
                (None, None) => String::new(),
                (f, t) => format!("{} – {}", opt_date_vi(f), opt_date_vi(t)),
            };
            (o.id, o.name, o.code, o.abbreviations.join(", "), valid)
        })
        .collect();
    render(&DirectoryPage {
        l: layout(&state, &v, "Danh bạ", &fl.ok).await,
        is_admin: v.is_admin(),
        items,
    })
}

/// The directory as the CSV `dondoc org export` writes (administrators).
async fn directory_csv(State(state): State<AppState>, PageViewer(v): PageViewer) -> PageResult {
    v.require(&state, v.is_admin(), "directory_export").await?;
    let csv = state.store.org_export_csv().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"danh-ba.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

/// Imports a directory CSV (administrators): new codes are added, known ones updated.
async fn directory_import(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    m: Multipart,
) -> PageResult {
    let f = read_multipart(m).await?;
    v.check_csrf(&state, &headers, Some(f.get("csrf").unwrap_or("")))
        .await?;
    v.require(&state, v.is_admin(), "directory_import").await?;
    let bytes = f
        .files
        .into_iter()
        .find(|(n, _, _)| n == "csv")
        .map(|(_, _, b)| b)
        .ok_or_else(|| WebError::bad_request("empty_upload", "Chưa chọn tệp CSV."))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| WebError::bad_request("invalid_csv", "Tệp CSV phải ở dạng UTF-8."))?;
    state
        .store
        .org_import_csv(text.trim_start_matches('\u{feff}'), &v.user.username)
        .await?;
    state.cache.clear();
    Ok(Redirect::to("/danh-ba?ok=directory").into_response())
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    l: Layout,
    items: Vec<(
        i64,
        String,
        &'static str,
        String,
        String,
        &'static str,
        String,
    )>,
    orgs: Vec<(String, String)>,
}

async fn users(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(fl): Query<Flash>,
) -> PageResult {
    v.require(&state, v.is_admin(), "users").await?;
    let orgs = state.store.list_organisations().await?;
    let items = state
        .store
        .list_users()
        .await?
        .into_iter()
        .map(|u| {
            let org = u
                .organisation_id
                .and_then(|id| orgs.iter().find(|o| o.id == id))
                .map(|o| o.name.clone())
                .unwrap_or_default();
            (
                u.id,
                u.username,
                role_vi(u.role),
                org,
                u.email.unwrap_or_default(),
                if u.restricted_access { "Có" } else { "Không" },
                u.locked_until
                    .as_deref()
                    .map(instant_vi)
                    .unwrap_or_default(),
            )
        })
        .collect();
    render(&UsersPage {
        l: layout(&state, &v, "Người dùng", &fl.ok).await,
        items,
        orgs: org_options(&state).await?,
    })
}

#[derive(Debug, Deserialize)]
struct UserForm {
    #[serde(default)]
    csrf: String,
    username: String,
    password: String,
    role: String,
    organisation_id: Option<String>,
    email: Option<String>,
}

async fn create_user(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    headers: HeaderMap,
    axum::Form(f): axum::Form<UserForm>,
) -> PageResult {
    v.check_csrf(&state, &headers, Some(&f.csrf)).await?;
    let req = api::NewUserRequest {
        username: f.username,
        password: f.password,
        role: f.role,
        organisation_id: f
            .organisation_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(|s| s.parse().ok()),
        email: f.email,
    };
    api::create_user_for(&state, &v, &req).await?;
    Ok(Redirect::to("/nguoi-dung?ok=user").into_response())
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    l: Layout,
    object: String,
    items: Vec<(i64, String, String, String, String, String)>,
}

#[derive(Debug, Deserialize)]
struct HistoryQuery {
    object_type: Option<String>,
    object_id: Option<i64>,
}

async fn history(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    Query(q): Query<HistoryQuery>,
) -> PageResult {
    v.require(&state, v.is_monitor(), "audit").await?;
    let (list, object) = match (q.object_type.as_deref(), q.object_id) {
        (Some(t), Some(id)) => (
            state.store.list_audit_for(t, id, 500).await?,
            format!("{t} {id}"),
        ),
        _ => (state.store.list_audit_recent(200).await?, String::new()),
    };
    let items = list
        .into_iter()
        .map(|e| {
            (
                e.id,
                instant_vi(&e.at),
                e.actor,
                format!(
                    "{} {}",
                    e.object_type,
                    e.object_id.map(|i| i.to_string()).unwrap_or_default()
                ),
                e.action,
                short(&e.new.or(e.old).unwrap_or_default(), 300),
            )
        })
        .collect();
    render(&HistoryPage {
        l: layout(&state, &v, "Lịch sử", "").await,
        object,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_order_puts_d_bar_after_d_and_a_breve_after_a() {
        let mut names = vec!["Đoàn", "Dân", "Ăn", "Bình", "An"];
        names.sort_by_cached_key(|n| vi_sort_key(n));
        assert_eq!(names, vec!["An", "Ăn", "Bình", "Dân", "Đoàn"]);
    }

    #[test]
    fn form_bodies_decode_repeated_fields() {
        let p = form_pairs("csrf=ab&id=1&id=22&note=c%C3%B3+l%C3%BD");
        assert_eq!(p.iter().filter(|(k, _)| k == "id").count(), 2);
        assert_eq!(
            p.last().map(|(_, v)| v.as_str()),
            Some("có lý"),
            "percent-encoded UTF-8 and + as space"
        );
    }

    #[test]
    fn pieces_cover_the_text_once() {
        let text = "Mở đầu. Nhiệm vụ một. Giữa. Nhiệm vụ hai.";
        let mk = |s: usize, e: usize| Task {
            id: String::new(),
            section: String::new(),
            text: String::new(),
            assignee_text: None,
            assignees: Vec::new(),
            collaborators: Vec::new(),
            deadline: None,
            recurrence: None,
            report_to: None,
            urgent: false,
            span: [s, e],
        };
        let p = pieces(text, &[mk(8, 21), mk(28, 41)]);
        let joined: String = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(p.iter().filter(|x| x.1 > 0).count(), 2);
        assert_eq!(p.get(1).map(|x| x.0.as_str()), Some("Nhiệm vụ một."));
    }

    #[test]
    fn rate_uses_a_decimal_comma() {
        let c = dondoc_track::Counts {
            assigned: 12,
            done_on_time: 11,
            done_late: 0,
            open_within_deadline: 0,
            overdue: 1,
            no_deadline: 0,
        };
        assert_eq!(on_time_rate(&c), "91,7 %");
    }
}
