//! The commands that work on the database: `import`, `stats`, `check`, `backup`, `restore`,
//! `org …`, `user …`, `demo`, `demo-data`.
//!
//! Every command connects with `--db URL` (default `DONDOC_DATABASE_URL`, else
//! `sqlite://dondoc.db`), prints its errors as one Vietnamese sentence with a stable code, and
//! exits 0 on success, 1 on an internal failure, 2 on bad input.

use std::collections::BTreeMap;
use std::io::{self, BufReader, IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};

use dondoc_readers::Limits;
use dondoc_store::{ImportOutcome, NewNotice, NewUser, NoticeState, OrgId, Store, UserRole};

use crate::extract::{Failure, load_bytes};

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
    finish(
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
        fut,
    )
}

/// [`run`] on a runtime with one worker thread per core (for `serve`).
pub fn run_multi<F>(fut: F) -> ExitCode
where
    F: std::future::Future<Output = Result<(), CmdError>>,
{
    finish(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build(),
        fut,
    )
}

fn finish<F>(rt: std::io::Result<tokio::runtime::Runtime>, fut: F) -> ExitCode
where
    F: std::future::Future<Output = Result<(), CmdError>>,
{
    let rt = match rt {
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

/// What became of one file of an import, in file order.
enum Prepared {
    /// Read and extracted: to store.
    Ready(Box<NewNotice>),
    /// The same bytes are stored already.
    Present(dondoc_store::NoticeId),
    /// Unreadable, with the reason.
    Failed(String),
}

/// How many files may be read ahead of the one being stored.
const READ_AHEAD: usize = 64;

/// Reads, normalises and extracts one file (on a worker thread).
fn prepare(path: &Path, bytes: Vec<u8>, limits: &Limits) -> Prepared {
    let (doc, source) = match load_bytes(path, &bytes, limits) {
        Ok(x) => x,
        Err(f) => return Prepared::Failed(f.reason()),
    };
    let format = source.format.clone();
    let extraction = dondoc_extract::extract(&doc, source);
    Prepared::Ready(Box::new(NewNotice {
        bytes,
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format,
        text: doc.text,
        extraction,
        restricted: false,
    }))
}

/// Files read and extracted by one worker thread per core, stored here in file order.
struct Pipeline {
    jobs: Option<mpsc::SyncSender<(usize, PathBuf, Vec<u8>)>>,
    results: mpsc::Receiver<(usize, Prepared)>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Pipeline {
    fn start(limits: Limits) -> Pipeline {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
        let (jobs, job_rx) = mpsc::sync_channel::<(usize, PathBuf, Vec<u8>)>(n * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (res_tx, results) = mpsc::channel();
        let workers = (0..n)
            .map(|_| {
                let job_rx = Arc::clone(&job_rx);
                let res_tx = res_tx.clone();
                std::thread::spawn(move || {
                    loop {
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((i, path, bytes)) = job else { return };
                        // A reader that panicked would leave its file's slot empty forever.
                        let p = std::panic::catch_unwind(AssertUnwindSafe(|| {
                            prepare(&path, bytes, &limits)
                        }))
                        .unwrap_or_else(|_| {
                            Prepared::Failed("lỗi nội bộ khi đọc tệp [internal]".to_owned())
                        });
                        if res_tx.send((i, p)).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        Pipeline {
            jobs: Some(jobs),
            results,
            workers,
        }
    }

    fn send(&self, i: usize, path: PathBuf, bytes: Vec<u8>) -> Result<(), CmdError> {
        self.jobs
            .as_ref()
            .and_then(|j| j.send((i, path, bytes)).ok())
            .ok_or_else(|| CmdError::internal("Lỗi: luồng đọc tệp đã dừng [internal]".to_owned()))
    }

    fn recv(&self) -> Result<(usize, Prepared), CmdError> {
        self.results
            .recv()
            .map_err(|_| CmdError::internal("Lỗi: luồng đọc tệp đã dừng [internal]".to_owned()))
    }

    fn finish(mut self) {
        self.jobs = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// An import under way: what is stored so far, in file order.
struct ImportRun<'a> {
    store: &'a Store,
    files: &'a [PathBuf],
    publish: bool,
    /// Files prepared (by a worker or here) and not yet stored, by index.
    pending: BTreeMap<usize, Prepared>,
    /// The index of the next file to store.
    next: usize,
    progress: Progress,
    imported: usize,
    present: usize,
    published: usize,
    failures: Vec<(PathBuf, String)>,
}

impl ImportRun<'_> {
    /// Stores, in file order, every prepared file from `next` on that is ready.
    async fn store_ready(&mut self) -> Result<(), CmdError> {
        while let Some(p) = self.pending.remove(&self.next) {
            let path = self.files.get(self.next).cloned().unwrap_or_default();
            self.next += 1;
            self.progress.tick(&path);
            let id = match p {
                Prepared::Failed(reason) => {
                    self.failures.push((path, reason));
                    continue;
                }
                Prepared::Present(id) => {
                    self.present += 1;
                    id
                }
                // One notice per transaction: a process killed here leaves the notices before.
                Prepared::Ready(notice) => {
                    match self.store.import_notice(*notice, CLI_ACTOR).await? {
                        ImportOutcome::Imported(id) => {
                            self.imported += 1;
                            id
                        }
                        ImportOutcome::AlreadyPresent(id) => {
                            self.present += 1;
                            id
                        }
                    }
                }
            };
            if self.publish && publish_draft(self.store, id).await? {
                self.published += 1;
            }
        }
        Ok(())
    }

    /// Waits for one worker's result, then stores what is ready.
    async fn wait_for_one(&mut self, pipeline: &Pipeline) -> Result<(), CmdError> {
        let (j, p) = pipeline.recv()?;
        self.pending.insert(j, p);
        self.store_ready().await
    }
}

/// `dondoc import [--publish] PATH…`
///
/// Files are read and extracted on one thread per core while this one stores them, one notice
/// per transaction, in file order: a process killed at any moment leaves the notices before
/// it, and the same run again completes the rest.
pub async fn import(db: &str, paths: &[PathBuf], publish: bool) -> Result<(), CmdError> {
    let store = open(db).await?;
    let (files, failures) = collect_files(paths);
    let limits = Limits::default();
    let mut run = ImportRun {
        store: &store,
        files: &files,
        publish,
        pending: BTreeMap::new(),
        next: 0,
        progress: Progress::new(files.len()),
        imported: 0,
        present: 0,
        published: 0,
        failures,
    };
    let pipeline = Pipeline::start(limits);
    for (i, path) in files.iter().enumerate() {
        while i >= run.next + READ_AHEAD {
            run.wait_for_one(&pipeline).await?;
        }
        let bytes = match std::fs::metadata(path) {
            Ok(m) if m.len() > limits.max_input_bytes as u64 => {
                Err(Failure::Read(dondoc_readers::ReadError::TooLarge {
                    limit: limits.max_input_bytes,
                })
                .reason())
            }
            _ => std::fs::read(path).map_err(|e| Failure::Io(e).reason()),
        };
        match bytes {
            Err(reason) => {
                run.pending.insert(i, Prepared::Failed(reason));
            }
            // The same bytes again: nothing to read, extract or store.
            Ok(bytes) => match store.find_notice_by_bytes(&bytes).await? {
                Some(id) => {
                    run.pending.insert(i, Prepared::Present(id));
                }
                None => pipeline.send(i, path.clone(), bytes)?,
            },
        }
        while let Ok((j, p)) = pipeline.results.try_recv() {
            run.pending.insert(j, p);
        }
        run.store_ready().await?;
    }
    while run.next < files.len() {
        if run.pending.contains_key(&run.next) {
            run.store_ready().await?;
        } else {
            run.wait_for_one(&pipeline).await?;
        }
    }
    pipeline.finish();
    // The search index is derived: catch it up once, after the whole import.
    store.index_pending().await?;
    run.progress.finish();
    for (path, reason) in &run.failures {
        eprintln!("Lỗi: {}: {reason}", path.display());
    }
    println!(
        "Đã nhập {} văn bản mới, {} văn bản đã có từ trước, {} văn bản được ban hành nhiệm vụ, {} tệp không đọc được.",
        run.imported,
        run.present,
        run.published,
        run.failures.len()
    );
    if run.failures.is_empty() {
        Ok(())
    } else {
        Err(CmdError::usage(format!(
            "Lỗi: {} tệp không nhập được (xem danh sách ở trên) [import_incomplete]",
            run.failures.len()
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
    store.index_pending().await?;
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

/// `dondoc user totp USERNAME`: enrols the second factor and prints the secret.
pub async fn user_totp(db: &str, username: &str) -> Result<(), CmdError> {
    let store = open(db).await?;
    let Some(user) = store.find_user_by_username(username).await? else {
        return Err(CmdError::usage(format!(
            "Lỗi: không có tài khoản „{username}“ [user_not_found]"
        )));
    };
    let secret = store.enrol_totp(user.id, CLI_ACTOR).await?;
    println!("Đã bật xác thực hai lớp cho {username}.");
    println!("Khóa bí mật (nhập vào ứng dụng xác thực): {secret}");
    println!("otpauth://totp/dondoc:{username}?secret={secret}&issuer=dondoc&digits=6&period=30");
    Ok(())
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, CmdError> {
    Ok(dondoc_store::hash_password(password)?)
}

/// `dondoc serve`: loads the demo data when asked, then serves the web application.
pub async fn serve(
    db: &str,
    addr: &str,
    demo_data: bool,
    demo_from: Option<&Path>,
) -> Result<(), CmdError> {
    if demo_data || demo_from.is_some() {
        demo(db, demo_from).await?;
    }
    let store = open(db).await?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        CmdError::usage(format!(
            "Lỗi: không mở được địa chỉ {addr} ({e}) [addr_unavailable]"
        ))
    })?;
    let shown = listener
        .local_addr()
        .map_or_else(|_| addr.to_owned(), |a| a.to_string());
    println!("dondoc đang chạy tại http://{shown}/ (Ctrl+C để dừng)");
    let state = dondoc_web::AppState::new(store, dondoc_web::Config::from_env());
    dondoc_web::serve(listener, state).await.map_err(|e| {
        CmdError::internal(format!("Lỗi: máy chủ web dừng bất thường ({e}) [internal]"))
    })
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
        let org = match u.organisation_id {
            Some(o) => store.get_organisation(o).await?.name,
            None => String::new(),
        };
        println!(
            "{}\t{}\t{}\t{org}",
            u.username,
            u.role.code(),
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

/// The demo accounts of the contract (cli-and-api.md `dondoc demo`).
const DEMO_ACCOUNTS: [(&str, UserRole); 5] = [
    ("admin", UserRole::Admin),
    ("theodoi", UserRole::Monitor),
    ("lanhdao", UserRole::Leader),
    ("hoinongdan", UserRole::Focal),
    ("huyendoan", UserRole::Focal),
];

/// The organisation that stands for `code` today: itself, or what replaced it after the 2025
/// restructuring (the district Hội Nông dân is now the commune's).
async fn standing_today(store: &Store, code: &str) -> Result<Option<OrgId>, CmdError> {
    let today = dondoc_store::today()?;
    let Some(mut org) = store.find_organisation_by_code(code).await? else {
        return Ok(None);
    };
    // A chain of replacements is short; the bound only guards against a cycle in a CSV.
    for _ in 0..16 {
        match (org.valid_to, org.replaced_by_id) {
            (Some(end), Some(next)) if end < today => org = store.get_organisation(next).await?,
            _ => break,
        }
    }
    Ok(Some(org.id))
}

/// The focal points' organisations with `--from`: those of the first notice in file-name order,
/// a Hội Nông dân for `hoinongdan` and a Đoàn for `huyendoan` when it names them.
async fn focal_orgs_of_first_notice(
    store: &Store,
) -> Result<(Option<OrgId>, Option<OrgId>), CmdError> {
    let mut notices = store.list_notices(true, 10_000, 0).await?;
    notices.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    let Some(first) = notices.first() else {
        return Ok((None, None));
    };
    let filter = dondoc_store::AssignmentFilter {
        notice_id: Some(first.id),
        include_restricted: true,
        ..Default::default()
    };
    // The organisations it assigns, in order, with their kinds.
    let mut orgs: Vec<(OrgId, dondoc_extract::OrgKind)> = Vec::new();
    for a in store.list_assignments(&filter, 1000, 0).await? {
        if let Some(o) = a.organisation_id
            && !orgs.iter().any(|(id, _)| *id == o)
        {
            orgs.push((o, store.get_organisation(o).await?.kind));
        }
    }
    let of_kind = |kind| orgs.iter().find(|(_, k)| *k == kind).map(|(id, _)| *id);
    let hnd = of_kind(dondoc_extract::OrgKind::HoiNongDan).or(orgs.first().map(|(id, _)| *id));
    let doan = of_kind(dondoc_extract::OrgKind::DoanTn)
        .or_else(|| orgs.iter().map(|(id, _)| *id).find(|id| Some(*id) != hnd))
        .or(hnd);
    Ok((hnd, doan))
}

/// `dondoc demo [--from DIR]`: the directory, the demo notices published, the demo accounts.
/// Running it again adds nothing twice.
pub async fn demo(db: &str, from: Option<&Path>) -> Result<(), CmdError> {
    let store = open(db).await?;
    let added = store.seed_default_directory().await?;
    println!("Danh bạ: thêm {added} cơ quan, đơn vị.");
    let (hnd, doan) = match from {
        Some(dir) => {
            import(db, &[dir.to_path_buf()], true).await?;
            focal_orgs_of_first_notice(&store).await?
        }
        None => {
            let limits = Limits::default();
            let mut published = 0;
            for n in dondoc_demo::demo_notices() {
                let path = Path::new(n.file_name);
                let notice = match prepare(path, n.text.as_bytes().to_vec(), &limits) {
                    Prepared::Ready(notice) => notice,
                    Prepared::Present(_) | Prepared::Failed(_) => continue,
                };
                let id = store.import_notice(*notice, CLI_ACTOR).await?.id();
                if publish_draft(&store, id).await? {
                    published += 1;
                }
            }
            println!("Văn bản mẫu: ban hành {published} văn bản mới.");
            (
                standing_today(&store, "hoi-nong-dan-huyen").await?,
                standing_today(&store, "huyen-doan").await?,
            )
        }
    };
    let password =
        std::env::var("DONDOC_DEMO_PASSWORD").unwrap_or_else(|_| "dondoc-demo".to_owned());
    println!("Tài khoản mẫu (mật khẩu: {password}):");
    for (username, role) in DEMO_ACCOUNTS {
        let organisation_id = match username {
            "hoinongdan" => hnd,
            "huyendoan" => doan,
            _ => None,
        };
        let org_name = match organisation_id {
            Some(o) => store.get_organisation(o).await?.name,
            None => String::new(),
        };
        if store.find_user_by_username(username).await?.is_none() {
            let user = NewUser {
                username: username.to_owned(),
                password_hash: hash_password(&password)?,
                role,
                organisation_id,
                email: Some(format!("{username}@dondoc.test")),
            };
            store.create_user(&user, CLI_ACTOR).await?;
        }
        println!("  {username:<11} {:<8} {org_name}", role.code());
    }
    store.index_pending().await?;
    Ok(())
}
