//! What a successful `dondoc extract` prints: one pretty JSON object for one file with the
//! contract's top-level keys, JSON Lines for several, and `--text` for the normalised text.

use std::path::{Path, PathBuf};

use crate::{NOTICE, docx, dondoc, extract, file, json};

/// The shared corpus of real notices, read at run time only (never committed).
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/text");

#[track_caller]
fn assert_contract_shape(v: &serde_json::Value, file: &str, format: &str) {
    let obj = v.as_object().expect("the extraction is a JSON object");
    for key in [
        "schema",
        "source",
        "document",
        "tasks",
        "proposals",
        "references",
        "monitoring",
        "warnings",
    ] {
        assert!(obj.contains_key(key), "missing top-level key {key}: {v}");
    }
    assert_eq!(v["schema"], "dondoc.extraction/v1");
    let src = &v["source"];
    assert_eq!(src["file"], file);
    assert_eq!(src["format"], format);
    let sha = src["sha256"].as_str().expect("source.sha256 is a string");
    assert!(
        sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
        "sha256 is 64 hex digits: {sha}"
    );
    assert!(src["encoding"].is_string(), "source.encoding: {src}");
    assert!(v["document"].is_object());
    assert!(v["tasks"].is_array());
    assert!(v["proposals"].is_array());
    assert!(v["references"].is_array());
    assert!(v["monitoring"].is_null() || v["monitoring"].is_object());
    assert!(v["warnings"].is_array());
}

#[test]
fn one_file_prints_one_object_with_the_contract_keys() {
    let (_d, p) = file("tb.txt", NOTICE.as_bytes());
    let run = extract(&[&p]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let v = json(&run.stdout);
    assert_contract_shape(&v, "tb.txt", "text");
    assert_eq!(v["source"]["encoding"], "utf-8");
}

#[test]
fn identical_bytes_give_identical_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("x.txt");
    std::fs::write(&a, NOTICE).expect("write");
    let first = extract(&[&a]);
    let second = extract(&[&a]);
    assert_eq!(first.code, Some(0), "stderr: {}", first.stderr);
    assert_eq!(first.stdout, second.stdout, "extraction is deterministic");
}

#[test]
fn small_docx_is_read() {
    let (_d, p) = file("tb.docx", &docx::small(NOTICE));
    let run = extract(&[&p]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_contract_shape(&json(&run.stdout), "tb.docx", "docx");
}

#[test]
fn text_flag_prints_the_normalised_text() {
    // Decomposed (NFD) letters, runs of spaces and tabs, trailing blanks: the normalised text is
    // NFC with single spaces and one paragraph per line.
    let raw = "THÔNG BÁO\n1.  Giao\tHội   Nông dân huyện   thực hiện.  \n";
    let nfd = "THO\u{302}NG BA\u{301}O\n1.  Giao\tHo\u{323}\u{302}i   No\u{302}ng da\u{302}n huye\u{323}\u{302}n   thu\u{31b}\u{323}c hie\u{323}\u{302}n.  \n";
    assert_ne!(raw, nfd);
    let (_d, p) = file("tb.txt", nfd.as_bytes());
    let run = dondoc([
        std::ffi::OsStr::new("extract"),
        "--text".as_ref(),
        p.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert!(
        run.stdout.contains("1. Giao Hội Nông dân huyện thực hiện."),
        "normalised text: {:?}",
        run.stdout
    );
    assert!(
        run.stdout.lines().any(|l| l == "THÔNG BÁO"),
        "{:?}",
        run.stdout
    );
    assert!(
        serde_json::from_str::<serde_json::Value>(&run.stdout).is_err(),
        "--text prints text, not JSON"
    );
}

fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(CORPUS))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn the_shared_corpus_extracts_as_json_lines() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("shared corpus not found at {CORPUS}; nothing to check");
        return;
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let run = extract(&refs);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), files.len(), "one line per corpus file");
    for (line, path) in lines.iter().zip(&files) {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        assert_contract_shape(&v, name, "text");
    }
}
