//! Log-in and sessions of the web application: password check with lockout, session tokens
//! kept only as hashes, idle and absolute expiry, and the security events of the audit trail
//! (log-ins, failed log-ins, refusals while locked, denied accesses).

use std::time::{Duration, SystemTime};

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde_json::json;

use crate::Store;
use crate::audit;
use crate::db::{args, hex, rfc3339_at, sha256_hex};
use crate::error::{Error, Result};
use crate::users::{SELECT_USER, User, UserId, user_from_row_at};

/// Hashes a password with argon2id (default parameters) and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::InvalidInput(format!("không băm được mật khẩu ({e})")))
}

/// Whether `password` matches a stored PHC hash (a malformed hash never matches).
fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to check against when the user name is unknown, so that the answer takes as long
/// as for a known one.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$QvoBJh1pTeUJ9H8rmwqHqGVUwzd6q3s3YFKyQY3dx7U";

/// How log-ins are limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginPolicy {
    /// Failed log-ins in a row that lock the account.
    pub max_failures: u32,
    /// How long a locked account stays locked.
    pub lockout: Duration,
    /// Administrators must use a second factor (TOTP): one without it enrolled cannot log in.
    pub totp_required_for_admins: bool,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        LoginPolicy {
            max_failures: 5,
            lockout: Duration::from_secs(15 * 60),
            totp_required_for_admins: false,
        }
    }
}

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session not used for this long ends.
    pub idle: Duration,
    /// A session ends this long after log-in, used or not.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(15 * 60),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

/// What a log-in attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// The password is right: the account.
    Accepted(Box<User>),
    /// Unknown user name or wrong password (the two are not told apart).
    Rejected,
    /// The account is locked until this instant (RFC 3339); the password was not checked.
    Locked { until: String },
    /// The password is right but the account has a second factor: its code is missing
    /// (`given` false) or wrong (a wrong one counts as a failed log-in).
    TotpNeeded { given: bool },
    /// The password is right but the policy requires a second factor this administrator
    /// has not enrolled (`dondoc user totp`).
    TotpEnrolmentRequired,
}

/// A new session: the token for the cookie or the `Authorization: Bearer` header, and the
/// CSRF token forms must carry. Neither is stored in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewSession { .. }")
    }
}

/// A live session's account and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub user: User,
    pub csrf: String,
}

/// 32 random bytes as hex.
fn random_token() -> String {
    let mut b = [0_u8; 32];
    OsRng.fill_bytes(&mut b);
    hex(&b)
}

fn ago(d: Duration) -> String {
    rfc3339_at(
        SystemTime::now()
            .checked_sub(d)
            .unwrap_or(SystemTime::UNIX_EPOCH),
    )
}

fn from_now(d: Duration) -> String {
    rfc3339_at(
        SystemTime::now()
            .checked_add(d)
            .unwrap_or(SystemTime::now()),
    )
}

/// Checks the password off the async threads (argon2 takes tens of milliseconds).
async fn verify_blocking(password: &str, hash: &str) -> bool {
    let (p, h) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || verify_password(&p, &h))
        .await
        .unwrap_or(false)
}

impl Store {
    /// Checks a log-in. A locked account answers `Locked` even to the right password; the
    /// `max_failures`-th failure in a row locks it for `lockout`, a success clears the count.
    /// Every attempt is written to the audit trail (`login`, `login_failed`, `login_locked`);
    /// the password never is.
    ///
    /// An account with a TOTP secret also needs `totp`, the current code of its authenticator.
    pub async fn authenticate(
        &self,
        username: &str,
        password: &str,
        totp: Option<&str>,
        policy: &LoginPolicy,
    ) -> Result<LoginOutcome> {
        let user = self.find_user_by_username(username).await?;
        let now = rfc3339_at(SystemTime::now());
        let Some(user) = user else {
            verify_blocking(password, DUMMY_HASH).await;
            self.audit_security(
                username,
                "login_failed",
                "user",
                None,
                &json!({ "reason": "unknown_user" }),
            )
            .await?;
            return Ok(LoginOutcome::Rejected);
        };
        if let Some(until) = user
            .locked_until
            .as_ref()
            .filter(|u| u.as_str() > now.as_str())
        {
            self.audit_security(
                username,
                "login_locked",
                "user",
                Some(user.id),
                &json!({ "locked_until": until }),
            )
            .await?;
            return Ok(LoginOutcome::Locked {
                until: until.clone(),
            });
        }
        let password_ok = verify_blocking(password, &user.password_hash).await;
        let totp_given = totp.is_some_and(|t| !t.trim().is_empty());
        let second = match (&user.totp_secret, password_ok) {
            (Some(secret), true) => {
                if !totp_given {
                    // Ask for the code; not a failure yet.
                    return Ok(LoginOutcome::TotpNeeded { given: false });
                }
                crate::totp::verify(secret, totp.unwrap_or(""))
            }
            (None, true)
                if policy.totp_required_for_admins && user.role == crate::UserRole::Admin =>
            {
                self.audit_security(
                    username,
                    "login_refused",
                    "user",
                    Some(user.id),
                    &json!({ "reason": "totp_not_enrolled" }),
                )
                .await?;
                return Ok(LoginOutcome::TotpEnrolmentRequired);
            }
            _ => true,
        };
        let ok = password_ok && second;
        let mut tx = self.write().await?;
        // Re-read the count inside the write transaction: attempts in parallel each count.
        let failed = tx
            .scalar(
                "SELECT failed_logins FROM users WHERE id = $1",
                args![user.id],
            )
            .await?;
        // One write either way: the new failure count and lock, and the audit entry.
        let (count, until, action, detail) = if ok {
            (0, None, "login", None)
        } else {
            let failed = failed.saturating_add(1);
            let until =
                (failed >= i64::from(policy.max_failures)).then(|| from_now(policy.lockout));
            let detail = json!({
                "reason": if password_ok { "wrong_totp" } else { "wrong_password" },
                "failures": failed,
                "locked_until": until,
            });
            // A lock starts the count afresh for after it.
            (
                if until.is_some() { 0 } else { failed },
                until,
                "login_failed",
                Some(detail),
            )
        };
        tx.exec(
            "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1",
            args![user.id, count, until.clone()],
        )
        .await?;
        audit::append(
            &mut tx,
            username,
            "user",
            Some(user.id),
            action,
            None,
            detail.as_ref(),
        )
        .await?;
        tx.commit().await?;
        Ok(match until {
            _ if ok => LoginOutcome::Accepted(Box::new(user)),
            Some(until) => LoginOutcome::Locked { until },
            None if password_ok => LoginOutcome::TotpNeeded { given: true },
            None => LoginOutcome::Rejected,
        })
    }

    /// Opens a session for an account (after [`Store::authenticate`] accepted it).
    pub async fn create_session(&self, user_id: UserId) -> Result<NewSession> {
        let token = random_token();
        let csrf = random_token();
        let now = rfc3339_at(SystemTime::now());
        let mut tx = self.write().await?;
        tx.exec(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $4)",
            args![sha256_hex(token.as_bytes()), user_id, &csrf, now],
        )
        .await?;
        tx.commit().await?;
        Ok(NewSession { token, csrf })
    }

    /// The account of a live session, marking it used. An unknown, idle or too old session
    /// answers `None` (and an expired one is deleted). The last-use time is written at most
    /// once a minute, so that reading pages does not queue behind writes.
    pub async fn session_user(
        &self,
        token: &str,
        policy: &SessionPolicy,
    ) -> Result<Option<SessionUser>> {
        let hash = sha256_hex(token.as_bytes());
        // The session and its account in one read.
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT s.csrf, s.created_at, s.last_seen_at, u.* FROM sessions s
             JOIN ({SELECT_USER}) u ON u.id = s.user_id WHERE s.token_hash = $1"
        ));
        let row = {
            let mut tx = self.read().await?;
            tx.opt(sql, args![&hash]).await?
        };
        let Some(row) = row else {
            return Ok(None);
        };
        let (csrf, created, seen) = (row.text(0)?, row.text(1)?, row.text(2)?);
        if created < ago(policy.absolute) || seen < ago(policy.idle) {
            self.delete_session(token).await?;
            return Ok(None);
        }
        if seen < ago(Duration::from_secs(60)) {
            let mut tx = self.write().await?;
            tx.exec(
                "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
                args![&hash, rfc3339_at(SystemTime::now())],
            )
            .await?;
            tx.commit().await?;
        }
        Ok(Some(SessionUser {
            user: user_from_row_at(&row, 3)?,
            csrf,
        }))
    }

    /// Ends a session (log-out); an unknown token is not an error.
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        let mut tx = self.write().await?;
        tx.exec(
            "DELETE FROM sessions WHERE token_hash = $1",
            args![sha256_hex(token.as_bytes())],
        )
        .await?;
        tx.commit().await
    }

    /// Writes a security event (a denied access, a failed CSRF check) to the audit trail.
    pub async fn audit_security(
        &self,
        actor: &str,
        action: &str,
        object_type: &str,
        object_id: Option<i64>,
        detail: &serde_json::Value,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        audit::append(
            &mut tx,
            actor,
            object_type,
            object_id,
            action,
            None,
            Some(detail),
        )
        .await?;
        tx.commit().await
    }

    /// Enrols (or replaces) the TOTP second factor of an account: a new random secret, returned
    /// in base32 for the authenticator app. The secret is not written to the audit trail.
    pub async fn enrol_totp(&self, user_id: UserId, actor: &str) -> Result<String> {
        let mut b = [0_u8; 20];
        OsRng.fill_bytes(&mut b);
        let secret = crate::totp::base32_encode(&b);
        self.set_user_column(
            user_id,
            "totp_secret",
            secret.clone().into(),
            "totp_enrol",
            None,
            actor,
        )
        .await?;
        Ok(secret)
    }

    /// Sets one column of an account (named by the caller, never by input) with its audit
    /// entry (`detail`: what the entry records of the change).
    async fn set_user_column(
        &self,
        user_id: UserId,
        column: &'static str,
        value: crate::db::Val,
        action: &str,
        detail: Option<&serde_json::Value>,
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let sql = format!("UPDATE users SET {column} = $2 WHERE id = $1");
        let n = tx
            .exec(sqlx::AssertSqlSafe(sql), vec![user_id.into(), value])
            .await?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "tài khoản",
                id: user_id,
            });
        }
        audit::append(&mut tx, actor, "user", Some(user_id), action, None, detail).await?;
        tx.commit().await
    }

    /// Grants or withdraws reading restricted (Mật) notices.
    pub async fn set_restricted_access(
        &self,
        user_id: UserId,
        on: bool,
        actor: &str,
    ) -> Result<()> {
        self.set_user_column(
            user_id,
            "restricted_access",
            on.into(),
            "set_restricted_access",
            Some(&json!({ "restricted_access": on })),
            actor,
        )
        .await
    }
}
