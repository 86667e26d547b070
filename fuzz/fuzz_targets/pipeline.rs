//! Fuzz target for the whole pipeline: bytes → `dondoc_readers::read` → normalisation →
//! `dondoc_extract::extract`. Every input must give paragraphs or a `ReadError`, and any text
//! an extraction, without a panic, an overflow or a hang.
//!
//! The first byte also picks a file name (none, "x.docx", "x.html", "x.pdf") so the readers
//! chosen by extension, not only by magic bytes, are exercised.
#![no_main]

use dondoc_extract::Source;
use dondoc_readers::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = match data.first().map(|b| b % 4) {
        Some(1) => Some("x.docx"),
        Some(2) => Some("x.html"),
        Some(3) => Some("x.pdf"),
        _ => None,
    };
    let limits = Limits::default();
    for name in [None, name] {
        let Ok(read) = dondoc_readers::read(data, name, &limits) else {
            continue;
        };
        let doc = dondoc_text::normalize_document(&read.paragraphs);
        // Spans index the normalised text: every paragraph must lie on character boundaries.
        for p in &doc.paras {
            assert!(doc.text.get(p.start..p.end).is_some(), "paragraph off a char boundary");
        }
        let source = Source {
            format: read.format.as_str().to_string(),
            encoding: read.encoding.clone(),
            ..Source::default()
        };
        let extraction = dondoc_extract::extract(&doc, source);
        let chars = doc.text.chars().count();
        for t in &extraction.tasks {
            assert!(t.span[0] <= t.span[1] && t.span[1] <= chars, "task span out of the text");
        }
    }
    // The extractor alone, on the bytes taken as (lossy) text, whatever the readers say.
    let text = String::from_utf8_lossy(data);
    let _ = dondoc_extract::extract_text(&text);
});
