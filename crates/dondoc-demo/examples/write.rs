//! Writes synthetic notices into a directory, one text file each.
//!
//! `cargo run -p dondoc-demo --example write -- OUT_DIR [N] [SEED]` (N defaults to 20, SEED to 1).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: write OUT_DIR [N] [SEED]");
        return ExitCode::from(2);
    };
    let n = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in dondoc_demo::synthetic(n, seed) {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{n} notices written to {}", dir.display());
    ExitCode::SUCCESS
}
