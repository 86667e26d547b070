//! Integration tests of the `dondoc` command line, written against the contract in
//! `spec/cli-and-api.md` (exit codes, "Lỗi: … [code]" errors) and `spec/extraction-v1.md`
//! (the JSON it prints). One test binary; the modules group the cases:
//!
//! - `hostile`: files that must be refused with exit 2 and a stable code, or survived;
//! - `corpus`: accuracy on `../shared/corpus` by its scorer, and each format against its text;
//! - `output`: the shape of what a successful run prints (JSON, JSON Lines, `--text`).
//!
//! Every input is generated here or fictional; the shared corpus is only read at run time.

mod corpus;
mod db;
mod docx;
mod hostile;
mod output;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A watchdog, not a performance assertion: a run that takes longer than this is hung.
const HANG: Duration = Duration::from_secs(600);

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when the process died from a signal (a crash, a stack overflow).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dondoc` with these arguments, failing the test if it hangs.
pub fn dondoc<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = Command::new(env!("CARGO_BIN_EXE_dondoc"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dondoc");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).map(|_| v)
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).map(|_| v)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for dondoc") {
            break s;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dondoc did not finish within {HANG:?}: hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = out_t.join().expect("stdout thread").expect("read stdout");
    let stderr = err_t.join().expect("stderr thread").expect("read stderr");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// `dondoc extract FILE…`.
pub fn extract(files: &[&Path]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("extract")];
    args.extend(files.iter().map(|p| p.as_os_str()));
    dondoc(args)
}

/// Asserts a refused single file: exit 2, nothing on stdout, and one error line
/// "Lỗi: … [code]".
#[track_caller]
pub fn assert_refused(run: &Run, code: &str) {
    assert_eq!(
        run.code,
        Some(2),
        "expected exit 2 [{code}], got {:?}; stderr: {}",
        run.code,
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "a refused file prints nothing: {}",
        run.stdout
    );
    assert_error_lines(&run.stderr, &[code]);
}

/// Asserts stderr is exactly one "Lỗi: … [code]" line per expected code, in order.
#[track_caller]
pub fn assert_error_lines(stderr: &str, codes: &[&str]) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        codes.len(),
        "expected {} error line(s), stderr: {stderr}",
        codes.len()
    );
    for (line, code) in lines.iter().zip(codes) {
        let line = line.trim_end();
        assert!(
            line.starts_with("Lỗi:"),
            "error must start with 'Lỗi:': {line}"
        );
        assert!(
            line.ends_with(&format!("[{code}]")),
            "error must end with [{code}]: {line}"
        );
    }
}

/// Parses a whole stdout as one JSON value.
#[track_caller]
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {:.300}", stdout))
}

/// A temp dir holding one file with these bytes.
pub fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write test file");
    (dir, path)
}

/// A short fictional district notice in UTF-8 (no real document text is committed).
pub const NOTICE: &str = "HUYỆN ỦY HÒA BÌNH\n\
Số 12-TB/HU\n\
Hòa Bình, ngày 05 tháng 3 năm 2024\n\
THÔNG BÁO\n\
Kết luận của Thường trực Huyện ủy tại buổi giao ban tháng 3 năm 2024\n\
1. Giao Hội Nông dân huyện xây dựng kế hoạch tập huấn cho hội viên, hoàn thành trước ngày 30/3/2024.\n\
2. Đề nghị Huyện đoàn phối hợp với Hội LHPN huyện tổ chức ngày hội thanh niên trong quý II/2024.\n\
Nơi nhận:\n\
- Thường trực Huyện ủy;\n\
- Lưu VPHU.\n\
T/M BAN THƯỜNG VỤ\n\
PHÓ BÍ THƯ\n\
Nguyễn Văn An\n";

/// A small deterministic pseudo-random generator (xorshift64*), so inputs are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next_u64() >> 56) as u8).collect()
    }
}
