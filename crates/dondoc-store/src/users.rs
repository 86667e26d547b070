//! User accounts. Passwords are hashed by the caller; the store keeps the string only.

use std::fmt;

use serde::Serialize;
use serde_json::json;

use crate::Store;
use crate::audit;
use crate::db::{Row, args, now_rfc3339};
use crate::directory::OrgId;
use crate::error::{Error, Result};

/// A user's id.
pub type UserId = i64;

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// quản trị
    Admin,
    /// cán bộ theo dõi (Ban Dân vận / Văn phòng)
    Monitor,
    /// lãnh đạo (Thường trực)
    Leader,
    /// cán bộ đầu mối of one organisation
    Focal,
}

impl UserRole {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            UserRole::Admin => "admin",
            UserRole::Monitor => "monitor",
            UserRole::Leader => "leader",
            UserRole::Focal => "focal",
        }
    }

    /// The role of a stored code.
    pub fn parse(s: &str) -> Option<UserRole> {
        [
            UserRole::Admin,
            UserRole::Monitor,
            UserRole::Leader,
            UserRole::Focal,
        ]
        .into_iter()
        .find(|r| r.code() == s)
    }
}

/// An account to create.
#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub password_hash: String,
    pub role: UserRole,
    pub organisation_id: Option<OrgId>,
    pub email: Option<String>,
}

/// A stored account. `Debug` leaves out the secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub password_hash: String,
    pub role: UserRole,
    pub organisation_id: Option<OrgId>,
    pub email: Option<String>,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
    pub totp_secret: Option<String>,
    pub created_at: String,
    /// May read restricted (Mật) notices beyond those assigning its own organisation.
    pub restricted_access: bool,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("password_hash", &"<redacted>")
            .field("role", &self.role)
            .field("organisation_id", &self.organisation_id)
            .field("email", &self.email)
            .finish()
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password_hash", &"<redacted>")
            .field("role", &self.role)
            .field("organisation_id", &self.organisation_id)
            .field("email", &self.email)
            .field("failed_logins", &self.failed_logins)
            .field("locked_until", &self.locked_until)
            .field(
                "totp_secret",
                &self.totp_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("created_at", &self.created_at)
            .field("restricted_access", &self.restricted_access)
            .finish()
    }
}

pub(crate) const SELECT_USER: &str = "SELECT id, username, password_hash, role, organisation_id, email, failed_logins, locked_until, totp_secret, created_at, restricted_access FROM users";

pub(crate) fn user_from_row(r: &Row) -> Result<User> {
    user_from_row_at(r, 0)
}

/// The account of a row whose columns from `at` on are those of [`SELECT_USER`].
pub(crate) fn user_from_row_at(r: &Row, at: usize) -> Result<User> {
    let role = r.text(at + 3)?;
    Ok(User {
        id: r.i64(at)?,
        username: r.text(at + 1)?,
        password_hash: r.text(at + 2)?,
        role: UserRole::parse(&role)
            .ok_or_else(|| Error::Corrupt(format!("vai trò \"{role}\"")))?,
        organisation_id: r.opt_i64(at + 4)?,
        email: r.opt_text(at + 5)?,
        failed_logins: r.i64(at + 6)?,
        locked_until: r.opt_text(at + 7)?,
        totp_secret: r.opt_text(at + 8)?,
        created_at: r.text(at + 9)?,
        restricted_access: r.bool(at + 10)?,
    })
}

impl Store {
    /// Creates an account; a taken user name fails with `UsernameTaken`.
    pub async fn create_user(&self, u: &NewUser, actor: &str) -> Result<UserId> {
        if u.username.trim().is_empty() {
            return Err(Error::InvalidInput("tên đăng nhập trống".to_owned()));
        }
        let mut tx = self.write().await?;
        if tx
            .opt(
                "SELECT id FROM users WHERE username = $1",
                args![&u.username],
            )
            .await?
            .is_some()
        {
            return Err(Error::UsernameTaken(u.username.clone()));
        }
        let id = tx
            .scalar(
                "INSERT INTO users (username, password_hash, role, organisation_id, email, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                args![
                    &u.username,
                    &u.password_hash,
                    u.role.code(),
                    u.organisation_id,
                    u.email.clone(),
                    now_rfc3339()
                ],
            )
            .await?;
        // The hash is not written to the audit trail.
        audit::append(
            &mut tx,
            actor,
            "user",
            Some(id),
            "create",
            None,
            Some(&json!({
                "username": u.username,
                "role": u.role.code(),
                "organisation_id": u.organisation_id,
                "email": u.email,
            })),
        )
        .await?;
        match tx.commit().await {
            Err(e) if e.is_unique_violation() => Err(Error::UsernameTaken(u.username.clone())),
            r => r.map(|()| id),
        }
    }

    /// The account with this user name.
    pub async fn find_user_by_username(&self, username: &str) -> Result<Option<User>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_USER} WHERE username = $1"));
        tx.opt(sql, args![username])
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    /// Every account, by id.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_USER} ORDER BY id"));
        tx.all(sql, args![])
            .await?
            .iter()
            .map(user_from_row)
            .collect()
    }
}
