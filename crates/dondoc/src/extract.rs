//! `dondoc extract [--text] FILE…`: JSON for one file, JSON Lines for several.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dondoc_extract::{NormDoc, Source};
use dondoc_readers::{Limits, ReadError};
use sha2::{Digest, Sha256};

/// A file that could not be turned into an extraction.
pub enum Failure {
    /// The file could not be opened.
    Io(io::Error),
    /// The reader refused its bytes.
    Read(ReadError),
}

impl Failure {
    /// Why the file was refused, as a Vietnamese phrase with its code.
    pub fn reason(&self) -> String {
        match self {
            Failure::Io(e) => format!("không mở được tệp ({}) [file_unreadable]", io_reason(e)),
            Failure::Read(e) => format!("{e} [{}]", e.code()),
        }
    }

    fn message(&self, path: &Path) -> String {
        match self {
            Failure::Io(e) => format!(
                "Lỗi: không mở được tệp {} ({}) [file_unreadable]",
                path.display(),
                io_reason(e)
            ),
            Failure::Read(e) => format!("Lỗi: {}: {e} [{}]", path.display(), e.code()),
        }
    }
}

fn io_reason(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "không tìm thấy tệp",
        io::ErrorKind::PermissionDenied => "không có quyền đọc",
        io::ErrorKind::IsADirectory => "đây là thư mục",
        _ => "lỗi đọc tệp",
    }
}

/// Reads and normalises one file.
pub fn load(path: &Path, limits: &Limits) -> Result<(NormDoc, Source), Failure> {
    if path.is_dir() {
        return Err(Failure::Io(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let meta = std::fs::metadata(path).map_err(Failure::Io)?;
    if meta.len() > limits.max_input_bytes as u64 {
        return Err(Failure::Read(ReadError::TooLarge {
            limit: limits.max_input_bytes,
        }));
    }
    let bytes = std::fs::read(path).map_err(Failure::Io)?;
    load_bytes(path, &bytes, limits)
}

/// Reads and normalises the bytes of the file at `path` (whose name tells the format).
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(NormDoc, Source), Failure> {
    if bytes.len() > limits.max_input_bytes {
        return Err(Failure::Read(ReadError::TooLarge {
            limit: limits.max_input_bytes,
        }));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let read =
        dondoc_readers::read_normalised(bytes, name.as_deref(), limits).map_err(Failure::Read)?;
    let doc = read.doc;
    let sha = Sha256::digest(bytes);
    let source = Source {
        file: name,
        format: read.format.as_str().to_string(),
        sha256: Some(sha.iter().map(|b| format!("{b:02x}")).collect()),
        encoding: read.encoding,
    };
    Ok((doc, source))
}

/// Runs the command; exit 2 when any file could not be read (the others are still printed).
pub fn run(files: &[PathBuf], text: bool) -> ExitCode {
    let limits = Limits::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let several = files.len() > 1;
    for path in files {
        let written = match load(path, &limits) {
            Ok((doc, source)) => {
                if text {
                    writeln!(out, "{}", doc.text)
                } else {
                    let extraction = dondoc_extract::extract(&doc, source);
                    let json = if several {
                        serde_json::to_string(&extraction)
                    } else {
                        serde_json::to_string_pretty(&extraction)
                    };
                    match json {
                        Ok(j) => writeln!(out, "{j}"),
                        Err(e) => Err(io::Error::other(e)),
                    }
                }
            }
            Err(f) => {
                failed = true;
                let _ = out.flush();
                eprintln!("{}", f.message(path));
                Ok(())
            }
        };
        if written.is_err() {
            // Stdout closed (a pipe into `head`): nothing more to do.
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
