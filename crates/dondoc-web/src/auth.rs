//! Who is asking, and what they may do.
//!
//! A request is authenticated by the `dondoc_session` cookie or by `Authorization: Bearer
//! TOKEN` (the token `POST /api/v1/session` returns). Changes made with the cookie must prove
//! they come from our own pages: forms carry the session's CSRF token in a `csrf` field, API
//! calls in an `X-CSRF-Token` header, and a request whose `Origin` is another site is refused
//! whatever it carries. Bearer calls are not exposed to CSRF (a browser never adds the header
//! on its own) and need no token.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use dondoc_store::{Actor, OrgId, SessionUser, User, UserRole};

use crate::AppState;
use crate::error::{PageError, WebError};

/// The name of the session cookie.
pub const COOKIE: &str = "dondoc_session";

/// The authenticated account of a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    /// The session's CSRF token (forms echo it).
    pub csrf: String,
    /// Authenticated by the cookie (so changes need the CSRF token), not by a bearer token.
    pub by_cookie: bool,
    /// The raw session token (for log-out).
    pub token: String,
}

/// The session token of a request: the bearer token, else the cookie.
pub fn token_of(headers: &HeaderMap) -> Option<(String, bool)> {
    if let Some(t) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some((t.trim().to_owned(), false));
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| (v.to_owned(), true))
}

/// Whether the request comes from this site (or from a tool that sends no `Origin`).
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .unwrap_or("");
    !host.is_empty() && origin_host == host
}

/// Equal without stopping at the first difference.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Viewer {
    /// The account as the store's actor.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            username: &self.user.username,
            role: self.user.role,
            organisation_id: self.user.organisation_id,
        }
    }

    pub fn role(&self) -> UserRole {
        self.user.role
    }

    /// A focal point's organisation (None for the other roles).
    pub fn own_org(&self) -> Option<OrgId> {
        match self.user.role {
            UserRole::Focal => Some(self.user.organisation_id.unwrap_or(-1)),
            _ => None,
        }
    }

    /// May read the assignments of `organisation`.
    pub fn sees_org(&self, organisation: Option<OrgId>) -> bool {
        self.actor().sees(organisation)
    }

    /// May see restricted (Mật) notices in lists: a focal point sees those assigning its own
    /// organisation (the lists are limited to it anyway); the others when granted.
    pub fn sees_restricted(&self) -> bool {
        self.user.role == UserRole::Focal || self.user.restricted_access
    }

    /// May import, review and publish notices and follow everyone up.
    pub fn is_monitor(&self) -> bool {
        matches!(self.user.role, UserRole::Admin | UserRole::Monitor)
    }

    pub fn is_admin(&self) -> bool {
        self.user.role == UserRole::Admin
    }

    /// Fails unless the condition holds, writing the refusal to the audit trail.
    pub async fn require(&self, state: &AppState, ok: bool, what: &str) -> Result<(), WebError> {
        if ok {
            return Ok(());
        }
        self.denied(state, what, None).await;
        Err(WebError::forbidden())
    }

    /// Writes a denied access to the audit trail (a failure to write it is logged, not shown).
    pub async fn denied(&self, state: &AppState, what: &str, id: Option<i64>) {
        let detail = serde_json::json!({ "what": what, "role": self.user.role.code() });
        if let Err(e) = state
            .store
            .audit_security(&self.user.username, "access_denied", what, id, &detail)
            .await
        {
            eprintln!("{e}");
        }
    }

    /// Checks that a change made with the cookie carries the session's CSRF token (`given`,
    /// from the form field or the `X-CSRF-Token` header) and comes from this site.
    pub async fn check_csrf(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        given: Option<&str>,
    ) -> Result<(), WebError> {
        if !same_origin(headers) {
            self.denied(state, "csrf_origin", None).await;
            return Err(WebError::csrf());
        }
        if !self.by_cookie {
            return Ok(());
        }
        let given = given.or_else(|| headers.get("x-csrf-token").and_then(|v| v.to_str().ok()));
        if given.is_some_and(|g| same_secret(g, &self.csrf)) {
            Ok(())
        } else {
            self.denied(state, "csrf_token", None).await;
            Err(WebError::csrf())
        }
    }
}

async fn viewer_of(parts: &Parts, state: &AppState) -> Result<Viewer, WebError> {
    let (token, by_cookie) = token_of(&parts.headers).ok_or_else(WebError::unauthenticated)?;
    if token.is_empty() || token.len() > 200 {
        return Err(WebError::unauthenticated());
    }
    let found = state
        .store
        .session_user(&token, &state.config.session)
        .await?;
    let Some(SessionUser { user, csrf }) = found else {
        return Err(WebError::unauthenticated());
    };
    Ok(Viewer {
        user,
        csrf,
        by_cookie,
        token,
    })
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        viewer_of(parts, state).await
    }
}

/// The viewer of a page: an anonymous visitor is sent to the log-in page.
#[derive(Debug, Clone)]
pub struct PageViewer(pub Viewer);

impl FromRequestParts<AppState> for PageViewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        Ok(PageViewer(viewer_of(parts, state).await?))
    }
}

/// The `Set-Cookie` value of a new session (or, with an empty token, of its removal).
pub fn session_cookie(token: &str, secure: bool, max_age_secs: u64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    if token.is_empty() {
        format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
    } else {
        format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_wins_over_cookie() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; dondoc_session=abc"),
        );
        assert_eq!(token_of(&h), Some(("abc".to_owned(), true)));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer xyz"),
        );
        assert_eq!(token_of(&h), Some(("xyz".to_owned(), false)));
    }

    #[test]
    fn foreign_origin_is_refused() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&h));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }
}
