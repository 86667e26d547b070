//! The storage errors: one Vietnamese sentence for people plus a stable code for scripts.
//!
//! Driver errors are converted here, at the storage boundary; callers match on variants, never
//! on sqlx types. The driver error is kept as the `source` for logs, out of what users see.

/// What can go wrong in the store. `Display` is the sentence shown to a person,
/// [`Error::code`] the stable snake_case code the API and the CLI print.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database URL names neither SQLite nor PostgreSQL.
    #[error(
        "Lỗi: địa chỉ cơ sở dữ liệu không được hỗ trợ (cần sqlite:// hoặc postgres://) [db_url_unsupported]"
    )]
    UnsupportedUrl(String),
    /// The database could not be reached.
    #[error("Lỗi: không kết nối được cơ sở dữ liệu [db_unavailable]")]
    Unavailable(#[source] sqlx::Error),
    /// A migration failed or the database is newer than this program.
    #[error("Lỗi: không nâng cấp được cấu trúc cơ sở dữ liệu: {0} [migration_failed]")]
    Migration(String),
    /// The object asked for does not exist.
    #[error("Lỗi: không tìm thấy {what} số {id} [not_found]")]
    NotFound { what: &'static str, id: i64 },
    /// The assignment's status is not the one the caller expected (someone changed it meanwhile).
    #[error(
        "Lỗi: trạng thái hiện tại là \"{actual}\", không phải \"{expected}\" như mong đợi [status_conflict]"
    )]
    StatusConflict { expected: String, actual: String },
    /// The lifecycle does not allow the action (wrong status, not this role's to take, …).
    #[error("Lỗi: {0} [{code}]", code = .0.code())]
    Refused(#[source] dondoc_track::TransitionError),
    /// The notice was published already.
    #[error("Lỗi: thông báo số {0} đã được phát hành [already_published]")]
    AlreadyPublished(i64),
    /// A user name is taken.
    #[error("Lỗi: tên đăng nhập \"{0}\" đã tồn tại [username_taken]")]
    UsernameTaken(String),
    /// A value the caller passed is not acceptable.
    #[error("Lỗi: dữ liệu không hợp lệ: {0} [invalid_input]")]
    InvalidInput(String),
    /// A line of an organisation CSV file is wrong.
    #[error("Lỗi: dòng {line} của tệp CSV không hợp lệ: {reason} [invalid_csv]")]
    Csv { line: u64, reason: String },
    /// A backup archive is unreadable or of an unknown version.
    #[error("Lỗi: tệp sao lưu không hợp lệ: {0} [invalid_backup]")]
    Backup(String),
    /// Restore needs an empty database.
    #[error("Lỗi: chỉ khôi phục được vào cơ sở dữ liệu trống [restore_not_empty]")]
    NotEmpty,
    /// Stored data could not be read back (a JSON column that does not parse …).
    #[error("Lỗi: dữ liệu lưu trữ bị hỏng: {0} [corrupt_data]")]
    Corrupt(String),
    /// Reading or writing a backup stream failed.
    #[error("Lỗi: không đọc/ghi được tệp [io]")]
    Io(#[from] std::io::Error),
    /// Any other database failure.
    #[error("Lỗi: cơ sở dữ liệu gặp sự cố [database]")]
    Database(#[source] sqlx::Error),
}

impl Error {
    /// The stable code, the same as the one in brackets at the end of the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnsupportedUrl(_) => "db_url_unsupported",
            Error::Unavailable(_) => "db_unavailable",
            Error::Migration(_) => "migration_failed",
            Error::NotFound { .. } => "not_found",
            Error::StatusConflict { .. } => "status_conflict",
            Error::Refused(e) => e.code(),
            Error::AlreadyPublished(_) => "already_published",
            Error::UsernameTaken(_) => "username_taken",
            Error::InvalidInput(_) => "invalid_input",
            Error::Csv { .. } => "invalid_csv",
            Error::Backup(_) => "invalid_backup",
            Error::NotEmpty => "restore_not_empty",
            Error::Corrupt(_) => "corrupt_data",
            Error::Io(_) => "io",
            Error::Database(_) => "database",
        }
    }

    /// Whether SQLite refused because another connection held the lock (SQLITE_BUSY and its
    /// extended codes).
    pub(crate) fn is_busy(&self) -> bool {
        matches!(self, Error::Database(sqlx::Error::Database(e))
            if e.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| c & 0xff == 5))
    }

    /// Whether the failure is a broken unique constraint (used to detect races).
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, Error::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
                Error::Unavailable(e)
            }
            other => Error::Database(other),
        }
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn every_message_ends_with_its_code() {
        let all = [
            Error::UnsupportedUrl("x".into()),
            Error::Migration("x".into()),
            Error::NotFound { what: "x", id: 1 },
            Error::StatusConflict {
                expected: "a".into(),
                actual: "b".into(),
            },
            Error::AlreadyPublished(1),
            Error::UsernameTaken("a".into()),
            Error::InvalidInput("x".into()),
            Error::Csv {
                line: 1,
                reason: "x".into(),
            },
            Error::Backup("x".into()),
            Error::NotEmpty,
            Error::Corrupt("x".into()),
            Error::Io(std::io::Error::other("x")),
            Error::Database(sqlx::Error::RowNotFound),
        ];
        for e in all {
            let m = e.to_string();
            assert!(m.starts_with("Lỗi: "), "{m}");
            assert!(m.ends_with(&format!("[{}]", e.code())), "{m}");
        }
    }
}
