//! The JSON API under `/api/v1`: what the pages do, for scripts and other systems. The
//! OpenAPI document at `/api/v1/openapi.json` is generated from the annotations here.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dondoc_extract::{Date, Extraction};
use dondoc_store::{
    Assignment, AssignmentFilter, ImportOutcome, LoginOutcome, NewUser, TimeStatus, UserRole,
};
use dondoc_track::{Action, Status};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::AppState;
use crate::auth::{Viewer, session_cookie};
use crate::error::WebError;
use crate::views::{limit_filter, prepare_notice, visible_assignment};

/// The routes of the API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/session", post(login).delete(logout))
        .route("/api/v1/me", get(me))
        .route("/api/v1/assignments", get(list_assignments))
        .route("/api/v1/assignments/{id}", get(get_assignment))
        .route("/api/v1/assignments/{id}/actions", post(act))
        .route("/api/v1/assignments/{id}/reports", post(report))
        .route("/api/v1/notices", get(list_notices).post(import_notice))
        .route("/api/v1/notices/{id}", get(get_notice))
        .route("/api/v1/notices/{id}/review", post(save_review))
        .route("/api/v1/notices/{id}/publish", post(publish))
        .route("/api/v1/proposals", get(list_proposals))
        .route("/api/v1/counts", get(counts))
        .route("/api/v1/search", get(search))
        .route("/api/v1/organisations", get(list_organisations))
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/audit", get(audit))
        .route("/api/v1/openapi.json", get(openapi))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "dondoc API",
        description = "Theo dõi, đôn đốc thực hiện kết luận giao ban"
    ),
    paths(
        login,
        logout,
        me,
        list_assignments,
        get_assignment,
        act,
        report,
        list_notices,
        import_notice,
        get_notice,
        save_review,
        publish,
        list_proposals,
        counts,
        search,
        list_organisations,
        list_users,
        create_user,
        audit,
        openapi
    )
)]
struct ApiDoc;

fn bad_date(s: &str) -> WebError {
    WebError::bad_request(
        "invalid_date",
        format!("Ngày „{s}“ không hợp lệ (cần dạng YYYY-MM-DD)."),
    )
}

fn parse_date(s: &str) -> Result<Date, WebError> {
    Date::parse_iso(s.trim()).ok_or_else(|| bad_date(s))
}

fn opt_date(s: Option<&str>) -> Result<Option<Date>, WebError> {
    s.filter(|s| !s.trim().is_empty())
        .map(parse_date)
        .transpose()
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    /// The 6-digit code of the authenticator app, for accounts with a second factor.
    pub totp: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Works as `Authorization: Bearer …`; the same session is set as a cookie.
    pub token: String,
    /// The `X-CSRF-Token` of changes made with the cookie.
    pub csrf: String,
}

/// Log-in: the outcome of the password check, as the API and the log-in page answer it.
pub async fn attempt_login(
    state: &AppState,
    username: &str,
    password: &str,
    totp: Option<&str>,
) -> Result<dondoc_store::NewSession, WebError> {
    match state
        .store
        .authenticate(username.trim(), password, totp, &state.config.login)
        .await?
    {
        LoginOutcome::Accepted(user) => Ok(state.store.create_session(user.id).await?),
        LoginOutcome::Rejected => Err(WebError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "Tên đăng nhập hoặc mật khẩu không đúng.",
        )),
        LoginOutcome::TotpNeeded { given: false } => Err(WebError::new(
            StatusCode::UNAUTHORIZED,
            "totp_required",
            "Tài khoản có xác thực hai lớp: hãy nhập mã 6 chữ số trên ứng dụng xác thực.",
        )),
        LoginOutcome::TotpNeeded { given: true } => Err(WebError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_totp",
            "Mã xác thực không đúng hoặc đã hết hạn.",
        )),
        LoginOutcome::TotpEnrolmentRequired => Err(WebError::new(
            StatusCode::UNAUTHORIZED,
            "totp_enrolment_required",
            "Tài khoản quản trị phải bật xác thực hai lớp (lệnh dondoc user totp) trước khi đăng nhập.",
        )),
        LoginOutcome::Locked { until } => Err(WebError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "account_locked",
            format!(
                "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau {}.",
                crate::views::instant_vi(&until)
            ),
        )),
    }
}

/// The `Set-Cookie` header of a new session.
pub fn cookie_header(state: &AppState, token: &str) -> Result<HeaderValue, WebError> {
    let c = session_cookie(
        token,
        state.config.secure_cookies,
        state.config.session.absolute.as_secs(),
    );
    HeaderValue::from_str(&c).map_err(|_| WebError::bad_request("internal", "cookie"))
}

#[utoipa::path(post, path = "/api/v1/session", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "sai tên hoặc mật khẩu"),
              (status = 429, description = "tài khoản tạm khóa")))]
async fn login(
    State(state): State<AppState>,
    Json(req): Json<LoginRequest>,
) -> Result<Response, WebError> {
    let s = attempt_login(&state, &req.username, &req.password, req.totp.as_deref()).await?;
    let cookie = cookie_header(&state, &s.token)?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(LoginResponse {
            token: s.token,
            csrf: s.csrf,
        }),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/api/v1/session", responses((status = 204)))]
async fn logout(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    state.store.delete_session(&viewer.token).await?;
    let cookie = cookie_header(&state, "")?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub username: String,
    pub role: String,
    pub organisation_id: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Me)))]
async fn me(viewer: Viewer) -> Json<Me> {
    Json(Me {
        username: viewer.user.username.clone(),
        role: viewer.user.role.code().to_owned(),
        organisation_id: viewer.user.organisation_id,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    pub id: Option<i64>,
    pub name: Option<String>,
}

/// An assignment as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentDto {
    pub id: i64,
    pub task_id: i64,
    pub notice_id: i64,
    pub organisation: OrgRef,
    /// The mention kept when the directory could not resolve the organisation.
    pub unresolved_mention: Option<String>,
    /// `lead` (chủ trì) or `collab` (phối hợp).
    pub role: String,
    pub text: String,
    /// YYYY-MM-DD, or null without a deadline.
    pub due: Option<String>,
    pub period: Option<String>,
    pub status: String,
    /// `done_on_time`, `done_late`, `open_within_deadline`, `overdue`, `no_deadline` (null: cancelled).
    pub time_status: Option<String>,
    pub done_on: Option<String>,
    pub requested_due: Option<String>,
}

impl From<&Assignment> for AssignmentDto {
    fn from(a: &Assignment) -> AssignmentDto {
        AssignmentDto {
            id: a.id,
            task_id: a.task_id,
            notice_id: a.notice_id,
            organisation: OrgRef {
                id: a.organisation_id,
                name: a.organisation_name.clone(),
            },
            unresolved_mention: a.unresolved_mention.clone(),
            role: match a.role {
                dondoc_store::Role::Lead => "lead".to_owned(),
                dondoc_store::Role::Collab => "collab".to_owned(),
            },
            text: a.text.clone(),
            due: a.due.map(|d| d.to_string()),
            period: a.period.clone(),
            status: a.status.clone(),
            time_status: a.time_status.map(|t| t.code().to_owned()),
            done_on: a.done_on.map(|d| d.to_string()),
            requested_due: a.requested_due.map(|d| d.to_string()),
        }
    }
}

/// The filters of an assignment list (pages and API alike).
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct AssignmentQuery {
    /// Organisation id.
    pub organisation: Option<String>,
    /// Status code (`chua_nhan`, `da_nhan`, `dang_thuc_hien`, `bao_cao_hoan_thanh`, `hoan_thanh`, `tra_lai`, `xin_gia_han`, `huy`).
    pub status: Option<String>,
    /// `done_on_time`, `done_late`, `open_within_deadline`, `overdue`, `no_deadline`.
    pub time_status: Option<String>,
    /// The day the time status is judged at (YYYY-MM-DD, default today).
    pub as_of: Option<String>,
    /// Words of the task's text (diacritics optional).
    pub q: Option<String>,
    /// Only assignments of this notice.
    pub notice: Option<String>,
    /// At most this many (default 100, at most 1000).
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

fn opt_id(s: Option<&str>, what: &'static str) -> Result<Option<i64>, WebError> {
    s.filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim().parse::<i64>().map_err(|_| {
                WebError::bad_request(what, format!("Giá trị „{s}“ không phải số hợp lệ."))
            })
        })
        .transpose()
}

impl AssignmentQuery {
    /// The store filter these parameters ask for (before the viewer's limits).
    pub fn filter(&self) -> Result<AssignmentFilter, WebError> {
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            Some(s) if Status::from_code(s).is_some() => Some(s.to_owned()),
            Some(s) => {
                return Err(WebError::bad_request(
                    "invalid_status",
                    format!("Trạng thái „{s}“ không hợp lệ."),
                ));
            }
            None => None,
        };
        let time_status = match self.time_status.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(TimeStatus::from_code(s).ok_or_else(|| {
                WebError::bad_request(
                    "invalid_time_status",
                    format!("Tình trạng thời hạn „{s}“ không hợp lệ."),
                )
            })?),
            None => None,
        };
        Ok(AssignmentFilter {
            organisation_id: opt_id(self.organisation.as_deref(), "invalid_organisation")?,
            status,
            time_status,
            as_of: opt_date(self.as_of.as_deref())?,
            q: self.q.clone().filter(|q| !q.trim().is_empty()),
            notice_id: opt_id(self.notice.as_deref(), "invalid_notice")?,
            ..AssignmentFilter::default()
        })
    }

    pub fn limit(&self) -> u32 {
        self.limit.unwrap_or(100).clamp(1, 1000)
    }
}

#[utoipa::path(get, path = "/api/v1/assignments", params(AssignmentQuery),
    responses((status = 200, body = [AssignmentDto], headers(("X-Total-Count" = u64))),
              (status = 403, description = "tổ chức khác")))]
async fn list_assignments(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AssignmentQuery>,
) -> Result<Response, WebError> {
    let f = limit_filter(&state, &viewer, q.filter()?).await?;
    let list = state
        .store
        .list_assignments(&f, q.limit(), q.offset.unwrap_or(0))
        .await?;
    let total = count_cached(&state, &f).await?;
    let body: Vec<AssignmentDto> = list.iter().map(AssignmentDto::from).collect();
    Ok((
        [(
            "x-total-count",
            HeaderValue::from_str(&total.to_string()).unwrap_or(HeaderValue::from_static("0")),
        )],
        Json(body),
    )
        .into_response())
}

/// How many assignments match a (viewer-limited) filter, through the counts cache.
pub async fn count_cached(state: &AppState, f: &AssignmentFilter) -> Result<u64, WebError> {
    let as_of = match f.as_of {
        Some(d) => d,
        None => dondoc_store::today()?,
    };
    let key = format!("{f:?}|{as_of}");
    if let Some(n) = state.cache.total(&key) {
        return Ok(n);
    }
    let n = state.store.count_assignments(f).await?;
    state.cache.put_total(key, n);
    Ok(n)
}

#[utoipa::path(get, path = "/api/v1/assignments/{id}", responses((status = 200, body = AssignmentDto), (status = 404)))]
async fn get_assignment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<AssignmentDto>, WebError> {
    let a = visible_assignment(&state, &viewer, id).await?;
    Ok(Json(AssignmentDto::from(&a)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionRequest {
    /// `acknowledge`, `start`, `report_done`, `confirm`, `return`, `request_extension`,
    /// `approve_extension`, `refuse_extension`, `cancel`, `reopen`.
    pub action: String,
    /// For `request_extension`: the due date asked for (YYYY-MM-DD).
    pub new_due: Option<String>,
    /// A reason or comment, kept in the history.
    pub note: Option<String>,
}

/// The lifecycle action of a code (and, for an extension request, its date).
pub fn action_of(code: &str, new_due: Option<&str>) -> Result<Action, WebError> {
    Ok(match code {
        "acknowledge" => Action::Acknowledge,
        "start" => Action::Start,
        "report_done" => Action::ReportDone,
        "confirm" => Action::Confirm,
        "return" => Action::Return,
        "request_extension" => Action::RequestExtension {
            new_due: opt_date(new_due)?.ok_or_else(|| {
                WebError::bad_request("missing_new_due", "Cần ghi thời hạn đề nghị gia hạn.")
            })?,
        },
        "approve_extension" => Action::ApproveExtension,
        "refuse_extension" => Action::RefuseExtension,
        "cancel" => Action::Cancel,
        "reopen" => Action::Reopen,
        _ => {
            return Err(WebError::bad_request(
                "invalid_action",
                format!("Thao tác „{code}“ không hợp lệ."),
            ));
        }
    })
}

/// Applies an action for the viewer after the visibility check, then answers the assignment.
pub async fn apply_action(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    action: &Action,
    note: Option<&str>,
) -> Result<Assignment, WebError> {
    visible_assignment(state, viewer, id).await?;
    let today = dondoc_store::today()?;
    match state
        .store
        .act(
            id,
            action,
            &viewer.actor(),
            note.filter(|n| !n.trim().is_empty()),
            today,
        )
        .await
    {
        Ok(_) => {
            state.cache.clear();
            Ok(state.store.get_assignment(id).await?)
        }
        Err(e) => {
            let e = WebError::from(e);
            if e.status == StatusCode::FORBIDDEN {
                viewer.denied(state, "assignment_action", Some(id)).await;
            }
            Err(e)
        }
    }
}

#[utoipa::path(post, path = "/api/v1/assignments/{id}/actions", request_body = ActionRequest,
    responses((status = 200, body = AssignmentDto), (status = 403), (status = 404), (status = 409)))]
async fn act(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(req): Json<ActionRequest>,
) -> Result<Json<AssignmentDto>, WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    let action = action_of(&req.action, req.new_due.as_deref())?;
    let a = apply_action(&state, &viewer, id, &action, req.note.as_deref()).await?;
    Ok(Json(AssignmentDto::from(&a)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportRequest {
    pub text: String,
    /// 0–100.
    pub percent: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Adds a progress report for the viewer (a focal point on its own assignment).
pub async fn add_report(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    text: &str,
    percent: u8,
    files: Vec<(String, Vec<u8>)>,
) -> Result<i64, WebError> {
    visible_assignment(state, viewer, id).await?;
    viewer
        .require(state, viewer.role() == UserRole::Focal, "progress_report")
        .await?;
    if text.trim().is_empty() {
        return Err(WebError::bad_request(
            "empty_report",
            "Nội dung báo cáo không được để trống.",
        ));
    }
    let rid = state
        .store
        .add_progress_report(id, &viewer.user.username, text.trim(), percent, files)
        .await?;
    state.store.index_pending().await?;
    Ok(rid)
}

#[utoipa::path(post, path = "/api/v1/assignments/{id}/reports", request_body = ReportRequest,
    responses((status = 201, body = Created), (status = 403), (status = 404)))]
async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(req): Json<ReportRequest>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    let rid = add_report(&state, &viewer, id, &req.text, req.percent, Vec::new()).await?;
    Ok((StatusCode::CREATED, Json(Created { id: rid })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeSummary {
    pub id: i64,
    pub file_name: String,
    pub reference: Option<String>,
    pub title: Option<String>,
    pub issued_on: Option<String>,
    /// `draft` or `published`.
    pub state: String,
    pub restricted: bool,
    pub tasks: usize,
    pub warnings: usize,
}

impl From<&dondoc_store::Notice> for NoticeSummary {
    fn from(n: &dondoc_store::Notice) -> NoticeSummary {
        let ext = n.reviewed.as_ref().unwrap_or(&n.extraction);
        NoticeSummary {
            id: n.id,
            file_name: n.file_name.clone(),
            reference: n.reference.clone(),
            title: n.title.clone(),
            issued_on: n.issued_on.map(|d| d.to_string()),
            state: match n.state {
                dondoc_store::NoticeState::Draft => "draft".to_owned(),
                dondoc_store::NoticeState::Published => "published".to_owned(),
            },
            restricted: n.restricted,
            tasks: ext.tasks.len(),
            warnings: ext.warnings.len(),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct Page {
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

/// The notices a viewer may list: a focal point those assigning its organisation.
pub async fn visible_notices(
    state: &AppState,
    viewer: &Viewer,
    limit: u32,
    offset: u64,
) -> Result<Vec<dondoc_store::Notice>, WebError> {
    let list = match viewer.own_org() {
        Some(org) => {
            state
                .store
                .list_notices_assigning(org, limit, offset)
                .await?
        }
        None => {
            let mut l = state
                .store
                .list_notices(viewer.sees_restricted(), limit, offset)
                .await?;
            if !viewer.is_monitor() {
                l.retain(|n| n.state == dondoc_store::NoticeState::Published);
            }
            l
        }
    };
    Ok(list)
}

/// Notice `id` if the viewer may see it (else `not_found`, audited).
pub async fn visible_notice(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<dondoc_store::Notice, WebError> {
    let n = state.store.get_notice(id).await?;
    let ok = match viewer.own_org() {
        Some(org) => {
            n.state == dondoc_store::NoticeState::Published
                && state.store.notice_assigns(id, org).await?
        }
        None => {
            (!n.restricted || viewer.sees_restricted())
                && (viewer.is_monitor() || n.state == dondoc_store::NoticeState::Published)
        }
    };
    if ok {
        Ok(n)
    } else {
        viewer.denied(state, "notice", Some(id)).await;
        Err(WebError::not_found())
    }
}

#[utoipa::path(get, path = "/api/v1/notices", params(Page), responses((status = 200, body = [NoticeSummary])))]
async fn list_notices(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(p): Query<Page>,
) -> Result<Json<Vec<NoticeSummary>>, WebError> {
    let limit = p.limit.unwrap_or(100).clamp(1, 1000);
    let list = visible_notices(&state, &viewer, limit, p.offset.unwrap_or(0)).await?;
    Ok(Json(list.iter().map(NoticeSummary::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportRequest {
    /// The file name (its extension tells the format of pasted text: use `.txt`).
    pub file_name: String,
    /// The notice's text, pasted.
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Imported {
    pub id: i64,
    /// False when the same file had been imported before (nothing changed).
    pub new: bool,
}

/// Imports a notice as a draft for the viewer (a monitor or an administrator).
pub async fn import_for(
    state: &AppState,
    viewer: &Viewer,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<ImportOutcome, WebError> {
    viewer
        .require(state, viewer.is_monitor(), "notice_import")
        .await?;
    let name = if file_name.trim().is_empty() {
        "van-ban.txt"
    } else {
        file_name.trim()
    };
    let notice = prepare_notice(name, bytes)?;
    let out = state
        .store
        .import_notice(notice, &viewer.user.username)
        .await?;
    state.store.index_pending().await?;
    Ok(out)
}

#[utoipa::path(post, path = "/api/v1/notices", request_body = ImportRequest,
    responses((status = 201, body = Imported), (status = 400), (status = 403)))]
async fn import_notice(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Json(req): Json<ImportRequest>,
) -> Result<(StatusCode, Json<Imported>), WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    let out = import_for(&state, &viewer, &req.file_name, req.text.into_bytes()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Imported {
            id: out.id(),
            new: matches!(out, ImportOutcome::Imported(_)),
        }),
    ))
}

#[utoipa::path(get, path = "/api/v1/notices/{id}", responses((status = 200, description = "the notice with its extraction (spec/extraction-v1.md)"), (status = 404)))]
async fn get_notice(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<dondoc_store::Notice>, WebError> {
    Ok(Json(visible_notice(&state, &viewer, id).await?))
}

#[utoipa::path(post, path = "/api/v1/notices/{id}/review", request_body(content = Object, description = "the corrected extraction"),
    responses((status = 204), (status = 403), (status = 404), (status = 409)))]
async fn save_review(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(ext): Json<Extraction>,
) -> Result<StatusCode, WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    viewer
        .require(&state, viewer.is_monitor(), "notice_review")
        .await?;
    visible_notice(&state, &viewer, id).await?;
    state
        .store
        .save_review(id, &ext, &viewer.user.username)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Published {
    pub tasks: usize,
    pub assignments: usize,
    pub unresolved: usize,
    pub proposals: usize,
}

/// Publishes a notice for the viewer (a monitor or an administrator).
pub async fn publish_for(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<dondoc_store::PublishSummary, WebError> {
    viewer
        .require(state, viewer.is_monitor(), "notice_publish")
        .await?;
    visible_notice(state, viewer, id).await?;
    let sum = state
        .store
        .publish_notice(id, &viewer.user.username)
        .await?;
    state.cache.clear();
    state.store.index_pending().await?;
    Ok(sum)
}

#[utoipa::path(post, path = "/api/v1/notices/{id}/publish",
    responses((status = 200, body = Published), (status = 403), (status = 404), (status = 409)))]
async fn publish(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Published>, WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    let s = publish_for(&state, &viewer, id).await?;
    Ok(Json(Published {
        tasks: s.tasks,
        assignments: s.assignments,
        unresolved: s.unresolved,
        proposals: s.proposals,
    }))
}

#[utoipa::path(get, path = "/api/v1/proposals", responses((status = 200, description = "the proposals ledger"), (status = 403)))]
async fn list_proposals(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<dondoc_store::ProposalRow>>, WebError> {
    viewer
        .require(&state, viewer.own_org().is_none(), "proposals")
        .await?;
    Ok(Json(state.store.list_proposals(None).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CountsQuery {
    /// `2025`, `2025-Q1`, `2025-H1`, `2025-02` or `2025-01-01..2025-03-31` (default this year).
    pub period: Option<String>,
    /// The day the counts are judged at (default today).
    pub as_of: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgCountsDto {
    pub organisation: OrgRef,
    pub assigned: u32,
    pub done_on_time: u32,
    pub done_late: u32,
    pub open_within_deadline: u32,
    pub overdue: u32,
    pub no_deadline: u32,
}

/// The period of a query (default: the year of `today`).
pub fn period_of(p: Option<&str>, today: Date) -> Result<(Date, Date), WebError> {
    match p.filter(|p| !p.trim().is_empty()) {
        Some(p) => dondoc_track::parse_period(p.trim()).ok_or_else(|| {
            WebError::bad_request("invalid_period", format!("Kỳ „{p}“ không hợp lệ."))
        }),
        None => Ok((
            Date::new(today.year(), 1, 1).unwrap_or(today),
            Date::new(today.year(), 12, 31).unwrap_or(today),
        )),
    }
}

/// The period counts a viewer may see (a focal point: its own organisation's only).
pub async fn visible_counts(
    state: &AppState,
    viewer: &Viewer,
    from: Date,
    to: Date,
    as_of: Date,
) -> Result<Vec<dondoc_store::OrgCounts>, WebError> {
    let restricted = viewer.sees_restricted() && viewer.own_org().is_none();
    let key = format!("{from}|{to}|{as_of}|{restricted}");
    let mut c = match state.cache.period(&key) {
        Some(c) => c,
        None => {
            let c = state
                .store
                .period_counts(from, to, as_of, restricted)
                .await?;
            state.cache.put_period(key, c.clone());
            c
        }
    };
    if let Some(own) = viewer.own_org() {
        c.retain(|c| c.organisation_id == Some(own));
    }
    Ok(c)
}

#[utoipa::path(get, path = "/api/v1/counts", params(CountsQuery), responses((status = 200, body = [OrgCountsDto])))]
async fn counts(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<CountsQuery>,
) -> Result<Json<Vec<OrgCountsDto>>, WebError> {
    let today = dondoc_store::today()?;
    let (from, to) = period_of(q.period.as_deref(), today)?;
    let as_of = opt_date(q.as_of.as_deref())?.unwrap_or(today);
    let c = visible_counts(&state, &viewer, from, to, as_of).await?;
    Ok(Json(
        c.into_iter()
            .map(|c| OrgCountsDto {
                organisation: OrgRef {
                    id: c.organisation_id,
                    name: c.organisation_name,
                },
                assigned: c.counts.assigned,
                done_on_time: c.counts.done_on_time,
                done_late: c.counts.done_late,
                open_within_deadline: c.counts.open_within_deadline,
                overdue: c.counts.overdue,
                no_deadline: c.counts.no_deadline,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchQuery {
    /// Words, with or without diacritics ("dan van" finds "Dân vận").
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    /// `notice`, `task`, `proposal` or `report`.
    #[serde(rename = "type")]
    pub kind: String,
    pub id: i64,
    pub notice_id: i64,
    pub title: String,
    pub snippet: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub results: Vec<SearchResult>,
}

#[utoipa::path(get, path = "/api/v1/search", params(SearchQuery), responses((status = 200, body = SearchResults)))]
async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>, WebError> {
    let hits = state
        .store
        .search(
            q.q.as_deref().unwrap_or(""),
            &viewer.actor(),
            viewer.user.restricted_access,
            50,
        )
        .await?;
    Ok(Json(SearchResults {
        results: hits
            .into_iter()
            .map(|h| SearchResult {
                kind: serde_json::to_value(h.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                id: h.id,
                notice_id: h.notice_id,
                title: h.title,
                snippet: h.snippet,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/organisations", responses((status = 200, description = "the directory")))]
async fn list_organisations(
    State(state): State<AppState>,
    _viewer: Viewer,
) -> Result<Json<Vec<dondoc_store::Organisation>>, WebError> {
    Ok(Json(state.store.list_organisations().await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub username: String,
    pub role: String,
    pub organisation_id: Option<i64>,
    pub email: Option<String>,
    pub restricted_access: bool,
    pub locked_until: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/users", responses((status = 200, body = [UserDto]), (status = 403)))]
async fn list_users(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<UserDto>>, WebError> {
    viewer.require(&state, viewer.is_admin(), "users").await?;
    Ok(Json(
        state
            .store
            .list_users()
            .await?
            .into_iter()
            .map(|u| UserDto {
                id: u.id,
                username: u.username,
                role: u.role.code().to_owned(),
                organisation_id: u.organisation_id,
                email: u.email,
                restricted_access: u.restricted_access,
                locked_until: u.locked_until,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserRequest {
    pub username: String,
    pub password: String,
    /// `admin`, `monitor`, `leader` or `focal`.
    pub role: String,
    /// The organisation of a focal point.
    pub organisation_id: Option<i64>,
    pub email: Option<String>,
}

/// Creates an account for an administrator.
pub async fn create_user_for(
    state: &AppState,
    viewer: &Viewer,
    req: &NewUserRequest,
) -> Result<i64, WebError> {
    viewer
        .require(state, viewer.is_admin(), "user_create")
        .await?;
    let role = UserRole::parse(&req.role).ok_or_else(|| {
        WebError::bad_request(
            "invalid_role",
            format!("Vai trò „{}“ không hợp lệ.", req.role),
        )
    })?;
    if req.password.chars().count() < 10 {
        return Err(WebError::bad_request(
            "weak_password",
            "Mật khẩu cần ít nhất 10 ký tự.",
        ));
    }
    if role == UserRole::Focal && req.organisation_id.is_none() {
        return Err(WebError::bad_request(
            "missing_organisation",
            "Tài khoản đầu mối cần thuộc một cơ quan, đơn vị.",
        ));
    }
    if let Some(o) = req.organisation_id {
        state.store.get_organisation(o).await?;
    }
    let hash = dondoc_store::hash_password(&req.password)?;
    let id = state
        .store
        .create_user(
            &NewUser {
                username: req.username.trim().to_owned(),
                password_hash: hash,
                role,
                organisation_id: req.organisation_id,
                email: req.email.clone().filter(|e| !e.trim().is_empty()),
            },
            &viewer.user.username,
        )
        .await?;
    Ok(id)
}

#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserRequest,
    responses((status = 201, body = Created), (status = 403), (status = 409)))]
async fn create_user(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Json(req): Json<NewUserRequest>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    viewer.check_csrf(&state, &headers, None).await?;
    let id = create_user_for(&state, &viewer, &req).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// `notice`, `assignment`, `user`, `organisation`, …
    pub object_type: Option<String>,
    pub object_id: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery), responses((status = 200, description = "audit entries, newest first"), (status = 403)))]
async fn audit(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<dondoc_store::AuditEntry>>, WebError> {
    viewer.require(&state, viewer.is_monitor(), "audit").await?;
    let list = match (q.object_type.as_deref(), q.object_id) {
        (Some(t), Some(id)) => state.store.list_audit_for(t, id, 500).await?,
        _ => state.store.list_audit_recent(200).await?,
    };
    Ok(Json(list))
}

#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "this document")))]
async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(s) => ([(header::CONTENT_TYPE, "application/json")], s).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
