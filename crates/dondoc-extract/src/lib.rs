//! The extraction core of dondoc: a conclusion notice's normalised text in, the structured
//! extraction of `spec/extraction-v1.md` out.
//!
//! Like rust-analyzer's parser this never fails: any text gives an [`Extraction`], with
//! warnings for what a reviewer must check. It does no I/O and knows nothing of files,
//! databases or HTTP; the readers produce its input, the `dondoc` binary glues them.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

pub mod date;
pub mod deadline;
pub mod header;
pub mod meeting;
pub mod model;
pub mod org;
pub mod re;
pub mod references;

pub use date::Date;
pub use dondoc_text::{NormDoc, RawParagraph};
pub use model::*;

/// Extracts everything the contract asks for from a normalised document.
pub fn extract(doc: &NormDoc, source: Source) -> Extraction {
    let mut warnings = Vec::new();
    let header = header::parse_header(doc);
    let dates = deadline::DateCtx {
        doc_date: header.document.issued_on,
        year: None,
    };
    let orgs = org::OrgCtx {
        default_level: header.level,
        addressed: Vec::new(),
    };
    let mut document = header.document.clone();
    document.meeting = meeting::parse_meeting(doc, &header, &dates, &orgs, &mut warnings);
    let references = references::find_references(&doc.text, document.reference.as_deref());
    Extraction {
        schema: SCHEMA.to_string(),
        source,
        document,
        tasks: Vec::new(),
        proposals: Vec::new(),
        references,
        monitoring: None,
        warnings,
    }
}

/// Normalises plain text (one paragraph per line) and extracts it.
pub fn extract_text(text: &str) -> Extraction {
    let doc = NormDoc::from_plain(text);
    extract(
        &doc,
        Source {
            format: "text".into(),
            encoding: "utf-8".into(),
            ..Source::default()
        },
    )
}
