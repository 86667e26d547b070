//! Errors as the API answers them (`{"error":{"code","message"}}` with a stable snake_case
//! code and a Vietnamese sentence) and as pages show them.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use dondoc_store::Error as StoreError;
use serde_json::json;

/// An error answered to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl WebError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> WebError {
        WebError {
            status,
            code,
            message: message.into(),
        }
    }

    /// Not logged in, or the session ended.
    pub fn unauthenticated() -> WebError {
        WebError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Phiên làm việc đã hết hạn hoặc chưa đăng nhập.",
        )
    }

    /// Logged in, but this is not the account's to do.
    pub fn forbidden() -> WebError {
        WebError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Tài khoản không có quyền thực hiện thao tác này.",
        )
    }

    /// Absent, or not the account's to see (the two are not told apart).
    pub fn not_found() -> WebError {
        WebError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Không tìm thấy hoặc không có quyền xem.",
        )
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// The form's CSRF token or the request's origin is wrong.
    pub fn csrf() -> WebError {
        WebError::new(
            StatusCode::FORBIDDEN,
            "csrf_failed",
            "Biểu mẫu đã cũ hoặc không hợp lệ; hãy tải lại trang và thử lại.",
        )
    }
}

/// The store's sentence, without its "Lỗi: " prefix and "[code]" suffix.
fn sentence(e: &StoreError) -> String {
    let s = e.to_string();
    let s = s.strip_prefix("Lỗi: ").unwrap_or(&s);
    match s.rfind(" [") {
        Some(i) => s.get(..i).unwrap_or(s).to_owned(),
        None => s.to_owned(),
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> WebError {
        let status = match &e {
            StoreError::NotFound { .. } => return WebError::not_found(),
            StoreError::Refused(t) if t.code() == "forbidden_role" => StatusCode::FORBIDDEN,
            StoreError::Refused(_)
            | StoreError::StatusConflict { .. }
            | StoreError::AlreadyPublished(_)
            | StoreError::UsernameTaken(_) => StatusCode::CONFLICT,
            StoreError::InvalidInput(_) | StoreError::Csv { .. } => StatusCode::BAD_REQUEST,
            StoreError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR || status == StatusCode::SERVICE_UNAVAILABLE
        {
            eprintln!("{e} ({e:?})");
        }
        WebError::new(status, e.code(), sentence(&e))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({ "error": { "code": self.code, "message": self.message } })),
        )
            .into_response()
    }
}

/// A [`WebError`] shown as a page (or, unauthenticated, a redirect to the log-in page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if self.0.status == StatusCode::UNAUTHORIZED {
            return axum::response::Redirect::to("/dang-nhap").into_response();
        }
        let body = crate::pages::error_page(&self.0);
        (self.0.status, Html(body)).into_response()
    }
}
