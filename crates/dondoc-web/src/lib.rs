//! The dondoc web application: server-rendered pages in Vietnamese and the JSON API under
//! `/api/v1`, both over [`dondoc_store::Store`].
//!
//! Every request is judged on the server: the session (a cookie, or `Authorization: Bearer`
//! for scripts) gives the account, and each handler asks [`auth::Viewer`] whether that account
//! may read or change what it names — a focal point only its own organisation's assignments,
//! restricted (Mật) notices only for the accounts granted them. The process keeps no state of
//! its own (sessions live in the database), so several replicas can serve one PostgreSQL.
//!
//! - [`auth`]: log-in, sessions, CSRF, the viewer and its permissions;
//! - [`api`]: the JSON endpoints and the OpenAPI document;
//! - [`pages`]: the HTML pages;
//! - [`views`]: what pages and API share (labels, formatting, imports).

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod api;
pub mod auth;
pub mod cache;
pub mod error;
pub mod pages;
pub mod views;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use dondoc_store::{LoginPolicy, SessionPolicy, Store};

pub use error::WebError;

/// How the application behaves; [`Config::from_env`] reads it from the environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub login: LoginPolicy,
    pub session: SessionPolicy,
    /// Mark the session cookie `Secure` (default). Browsers accept it on `localhost` over
    /// plain HTTP; turn it off only for a LAN without HTTPS.
    pub secure_cookies: bool,
    /// The largest upload accepted, in bytes.
    pub max_upload: usize,
    /// How long counts (dashboard, list totals) are reused; zero: never.
    pub counts_ttl: std::time::Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            login: LoginPolicy::default(),
            session: SessionPolicy::default(),
            secure_cookies: true,
            max_upload: 20 * 1024 * 1024,
            counts_ttl: std::time::Duration::from_secs(10),
        }
    }
}

fn env_secs(name: &str) -> Option<std::time::Duration> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(std::time::Duration::from_secs)
}

impl Config {
    /// The defaults, changed by `DONDOC__AUTH__MAX_FAILURES`, `DONDOC__AUTH__LOCKOUT_SECS`,
    /// `DONDOC__AUTH__IDLE_SECS`, `DONDOC__AUTH__LIFETIME_SECS`, `DONDOC__AUTH__TOTP_ADMINS=true`
    /// (administrators need a second factor), `DONDOC__WEB__COUNTS_TTL_SECS` and
    /// `DONDOC__WEB__SECURE_COOKIES=false`.
    pub fn from_env() -> Config {
        let mut c = Config::default();
        if let Some(n) = std::env::var("DONDOC__AUTH__MAX_FAILURES")
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|n| *n > 0)
        {
            c.login.max_failures = n;
        }
        if let Some(d) = env_secs("DONDOC__AUTH__LOCKOUT_SECS") {
            c.login.lockout = d;
        }
        if let Some(d) = env_secs("DONDOC__AUTH__IDLE_SECS") {
            c.session.idle = d;
        }
        if let Some(d) = env_secs("DONDOC__AUTH__LIFETIME_SECS") {
            c.session.absolute = d;
        }
        if let Some(d) = env_secs("DONDOC__WEB__COUNTS_TTL_SECS") {
            c.counts_ttl = d;
        }
        if std::env::var("DONDOC__AUTH__TOTP_ADMINS")
            .is_ok_and(|v| matches!(v.trim(), "true" | "1" | "on"))
        {
            c.login.totp_required_for_admins = true;
        }
        if std::env::var("DONDOC__WEB__SECURE_COOKIES")
            .is_ok_and(|v| matches!(v.trim(), "false" | "0" | "off"))
        {
            c.secure_cookies = false;
        }
        c
    }
}

/// What every handler shares: the store, the configuration and the counts cache. Cheap to
/// clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub cache: Arc<cache::Cache>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        AppState {
            store,
            cache: Arc::new(cache::Cache::new(config.counts_ttl)),
            config: Arc::new(config),
        }
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let limit = state.config.max_upload;
    Router::new()
        .route("/healthz", get(healthz))
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .merge(api::routes())
        .merge(pages::routes())
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// Serves the application on `listener` until Ctrl+C (or the end of the process).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    // Catch up the search index with whatever was imported by the command line meanwhile.
    if let Err(e) = state.store.index_pending().await {
        eprintln!("{e}");
    }
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

async fn healthz(axum::extract::State(s): axum::extract::State<AppState>) -> impl IntoResponse {
    match s.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok"),
        Err(_) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "db_unavailable",
        ),
    }
}

const APP_CSS: &str = include_str!("../static/app.css");
const APP_JS: &str = include_str!("../static/app.js");

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_CSS,
    )
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_JS,
    )
}

/// Headers every answer carries: no framing, no sniffing, scripts and styles only from here.
async fn security_headers(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}
