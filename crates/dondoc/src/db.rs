//! The commands that work on the database: `import`, `stats`, `check`, `backup`, `restore`,
//! `org …`, `user …`, `demo`, `demo-data`.
//!
//! Every command connects with `--db URL` (default `DONDOC_DATABASE_URL`, else
//! `sqlite://dondoc.db`), prints its errors as one Vietnamese sentence with a stable code, and
//! exits 0 on success, 1 on an internal failure, 2 on bad input.

use std::io::{self, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dondoc_readers::Limits;
use dondoc_store::{ImportOutcome, NewNotice, NewUser, NoticeState, Store, UserRole};

use crate::extract::load;

/// Who the audit trail names for changes made from the command line.
const CLI_ACTOR: &str = "cli";

/// A command's failure: the message for stderr and the exit code.
pub struct CmdError {
    message: String,
    code: u8,
}

impl CmdError {
    fn usage(message: String) -> CmdError {
        CmdError { message, code: 2 }
    }
    fn internal(message: String) -> CmdError {
        CmdError { message, code: 1 }
    }
}

impl From<dondoc_store::Error> for CmdError {
    fn from(e: dondoc_store::Error) -> CmdError {
        // Bad input the store refused is the user's to fix; the rest is ours.
        let code = match e.code() {
            "invalid_csv" | "restore_not_empty" | "invalid_backup" | "username_taken"
            | "db_url_unsupported" | "invalid_input" | "already_published" | "not_found" => 2,
            _ => 1,
        };
        CmdError {
            message: e.to_string(),
            code,
        }
    }
}

impl From<io::Error> for CmdError {
    fn from(e: io::Error) -> CmdError {
        CmdError::usage(format!(
            "Lỗi: không đọc/ghi được tệp ({e}) [file_unreadable]"
        ))
    }
}

/// Runs an async command on a single-threaded runtime and turns its outcome into an exit code.
pub fn run<F>(fut: F) -> ExitCode
where
    F: std::future::Future<Output = Result<(), CmdError>>,
{
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Lỗi: không khởi động được ({e}) [internal]");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(fut) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message);
            ExitCode::from(e.code)
        }
    }
}

/// The database URL: the flag, else `DONDOC_DATABASE_URL`, else `sqlite://dondoc.db`.
pub fn database_url(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| std::env::var("DONDOC_DATABASE_URL").ok())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "sqlite://dondoc.db".to_string())
}

async fn open(url: &str) -> Result<Store, CmdError> {
    Ok(Store::connect(url).await?)
}

/// The files under `paths`: files as given, folders walked (sorted, hidden entries skipped).
fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut bad = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            match std::fs::read_dir(&p) {
                Ok(rd) => {
                    let mut children: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|c| {
                            c.file_name()
                                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
                        })
                        .collect();
                    children.sort();
                    stack.extend(children.into_iter().rev());
                }
                Err(e) => bad.push((p, format!("không mở được thư mục ({e})"))),
            }
        } else {
            files.push(p);
        }
    }
    (files, bad)
}

/// A one-line progress indicator on a terminal's stderr; silent when stderr is not a terminal.
struct Progress {
    total: usize,
    done: usize,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            on: io::stderr().is_terminal() && total > 1,
        }
    }
    fn tick(&mut self, name: &Path) {
        self.done += 1;
        if self.on {
            let width = 30;
            let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
            let bar: String = "#".repeat(filled) + &"-".repeat(width.saturating_sub(filled));
            let name: String = name
                .file_name()
                .map(|n| n.to_string_lossy().chars().take(40).collect())
                .unwrap_or_default();
            eprint!("\r[{bar}] {}/{} {name:<40}", self.done, self.total);
            let _ = io::stderr().flush();
        }
    }
    fn finish(&self) {
        if self.on {
            eprintln!();
        }
    }
}

/// Publishes a notice still in draft (an import killed between storing and publishing left
/// it so); whether it did.
async fn publish_draft(store: &Store, id: dondoc_store::NoticeId) -> Result<bool, CmdError> {
    if store.get_notice(id).await?.state != NoticeState::Draft {
        return Ok(false);
    }
    store.publish_notice(id, CLI_ACTOR).await?;
    Ok(true)
}

/// `dondoc import [--publish] PATH…`
pub async fn import(db: &str, paths: &[PathBuf], publish: bool) -> Result<(), CmdError> {
    let store = open(db).await?;
    let (files, mut failures) = collect_files(paths);
    let limits = Limits::default();
    let mut progress = Progress::new(files.len());
    let (mut imported, mut present, mut published) = (0usize, 0usize, 0usize);
    for path in &files {
        progress.tick(path);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                failures.push((path.clone(), format!("không đọc được tệp ({e})")));
                continue;
            }
        };
        // The same bytes again: nothing to read, extract or store.
        if let Some(id) = store.find_notice_by_bytes(&bytes).await? {
            present += 1;
            if publish && publish_draft(&store, id).await? {
                published += 1;
            }
            continue;
        }
        let (doc, source) = match load(path, &limits) {
            Ok(x) => x,
            Err(f) => {
                failures.push((path.clone(), f.reason()));
                continue;
            }
        };
        let format = source.format.clone();
        let extraction = dondoc_extract::extract(&doc, source);
        let notice = NewNotice {
            bytes,
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            format,
            text: doc.text,
            extraction,
            restricted: false,
        };
        // One notice per transaction: a process killed here leaves the notices before it.
        let outcome = store.import_notice(notice, CLI_ACTOR).await?;
        let id = match outcome {
            ImportOutcome::Imported(id) => {
                imported += 1;
                id
            }
            ImportOutcome::AlreadyPresent(id) => {
                present += 1;
                id
            }
        };
        if publish && publish_draft(&store, id).await? {
            published += 1;
        }
    }
    progress.finish();
    for (path, reason) in &failures {
        eprintln!("Lỗi: {}: {reason}", path.display());
    }
    println!(
        "Đã nhập {imported} văn bản mới, {present} văn bản đã có từ trước, {published} văn bản được ban hành nhiệm vụ, {} tệp không đọc được.",
        failures.len()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CmdError::usage(format!(
            "Lỗi: {} tệp không nhập được (xem danh sách ở trên) [import_incomplete]",
            failures.len()
        )))
    }
}

/// `dondoc stats --json`
pub async fn stats(db: &str, json: bool) -> Result<(), CmdError> {
    let store = open(db).await?;
    let s = store.stats().await?;
    if json {
        let text = serde_json::to_string(&s)
            .map_err(|e| CmdError::internal(format!("Lỗi: {e} [internal]")))?;
        println!("{text}");
    } else {
        println!(
            "Văn bản: {}\nNhiệm vụ: {}\nLượt giao: {}\nKiến nghị: {}\nCơ quan, đơn vị: {}\nTài khoản: {}",
            s.notices, s.tasks, s.assignments, s.proposals, s.organisations, s.users
        );
    }
    Ok(())
}

/// `dondoc check`
pub async fn check(db: &str) -> Result<(), CmdError> {
    let store = open(db).await?;
    let faults = store.check().await?;
    if faults.is_empty() {
        println!("Cơ sở dữ liệu toàn vẹn: không có lỗi.");
        return Ok(());
    }
    for f in &faults {
        println!(
            "{} {}: {} [{}]",
            f.object_type,
            f.object_id.map(|i| i.to_string()).unwrap_or_default(),
            f.message,
            f.code
        );
    }
    Err(CmdError::internal(format!(
        "Lỗi: cơ sở dữ liệu có {} lỗi toàn vẹn [integrity_faults]",
        faults.len()
    )))
}

/// `dondoc backup -o FILE`
pub async fn backup(db: &str, out: &Path) -> Result<(), CmdError> {
    let store = open(db).await?;
    // Written next to the target and renamed, so a failed backup never leaves a partial file.
    let tmp = out.with_extension("partial");
    let file = std::fs::File::create(&tmp)?;
    let rows = match store.backup(io::BufWriter::new(file)).await {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
    };
    std::fs::rename(&tmp, out)?;
    println!("Đã sao lưu {rows} bản ghi vào {}.", out.display());
    Ok(())
}

/// `dondoc restore FILE`
pub async fn restore(db: &str, file: &Path) -> Result<(), CmdError> {
    let store = open(db).await?;
    let reader = BufReader::new(std::fs::File::open(file)?);
    let rows = store.restore(reader).await?;
    println!("Đã khôi phục {rows} bản ghi từ {}.", file.display());
    Ok(())
}

/// `dondoc org import FILE.csv`
pub async fn org_import(db: &str, file: &Path) -> Result<(), CmdError> {
    let store = open(db).await?;
    let text = std::fs::read_to_string(file)?;
    let n = store.org_import_csv(&text, CLI_ACTOR).await?;
    println!("Đã nhập {n} cơ quan, đơn vị.");
    Ok(())
}

/// `dondoc org export [-o FILE]`
pub async fn org_export(db: &str, out: Option<&Path>) -> Result<(), CmdError> {
    let store = open(db).await?;
    let csv = store.org_export_csv().await?;
    match out {
        Some(p) => std::fs::write(p, csv)?,
        None => print!("{csv}"),
    }
    Ok(())
}

/// `dondoc org seed`: the built-in directory of the demo district.
pub async fn org_seed(db: &str) -> Result<(), CmdError> {
    let store = open(db).await?;
    let n = store.seed_default_directory().await?;
    println!("Đã nạp danh bạ mặc định: {n} cơ quan, đơn vị.");
    Ok(())
}

/// `dondoc org list`
pub async fn org_list(db: &str) -> Result<(), CmdError> {
    let store = open(db).await?;
    for o in store.list_organisations().await? {
        println!(
            "{}\t{:?}\t{}\t{}",
            o.code,
            o.kind,
            o.level.map(|l| format!("{l:?}")).unwrap_or_default(),
            o.name
        );
    }
    Ok(())
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, CmdError> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CmdError::internal(format!("Lỗi: không băm được mật khẩu ({e}) [internal]")))
}

fn role_of(code: &str) -> Result<UserRole, CmdError> {
    match code {
        "admin" => Ok(UserRole::Admin),
        "monitor" => Ok(UserRole::Monitor),
        "leader" => Ok(UserRole::Leader),
        "focal" => Ok(UserRole::Focal),
        _ => Err(CmdError::usage(format!(
            "Lỗi: vai trò „{code}“ không hợp lệ (admin, monitor, leader, focal) [invalid_role]"
        ))),
    }
}

/// `dondoc user add USERNAME --role R [--org CODE] [--email E]`, password from
/// `DONDOC_PASSWORD` or the first line of stdin.
pub async fn user_add(
    db: &str,
    username: &str,
    role: &str,
    org: Option<&str>,
    email: Option<&str>,
) -> Result<(), CmdError> {
    let role = role_of(role)?;
    let password = match std::env::var("DONDOC_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < 8 {
        return Err(CmdError::usage(
            "Lỗi: mật khẩu phải có ít nhất 8 ký tự [weak_password]".to_string(),
        ));
    }
    let store = open(db).await?;
    let organisation_id = match org {
        Some(code) => Some(
            store
                .find_organisation_by_code(code)
                .await?
                .map(|o| o.id)
                .ok_or_else(|| {
                    CmdError::usage(format!(
                        "Lỗi: không có cơ quan, đơn vị mã „{code}“ trong danh bạ [unknown_organisation]"
                    ))
                })?,
        ),
        None => None,
    };
    let user = NewUser {
        username: username.to_string(),
        password_hash: hash_password(&password)?,
        role,
        organisation_id,
        email: email.map(str::to_string),
    };
    let id = store.create_user(&user, CLI_ACTOR).await?;
    println!("Đã tạo tài khoản {username} (mã {id}).");
    Ok(())
}

/// `dondoc user list`
pub async fn user_list(db: &str) -> Result<(), CmdError> {
    let store = open(db).await?;
    for u in store.list_users().await? {
        println!(
            "{}\t{:?}\t{}",
            u.username,
            u.role,
            u.email.clone().unwrap_or_default()
        );
    }
    Ok(())
}

/// `dondoc demo-data --notices N --out DIR [--seed S]`
pub fn demo_data(n: usize, out: &Path, seed: u64) -> Result<(), CmdError> {
    std::fs::create_dir_all(out)?;
    for (name, text) in dondoc_demo::synthetic(n, seed) {
        std::fs::write(out.join(name), text)?;
    }
    println!("Đã tạo {n} văn bản tổng hợp trong {}.", out.display());
    Ok(())
}
