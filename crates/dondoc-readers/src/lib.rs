//! Readers: the bytes of a notice as users hand it over in, paragraphs out.
//!
//! Plain text in UTF-8 (with or without BOM) and UTF-16, the legacy Vietnamese encodings TCVN3
//! (ABC), VNI and Windows-1258, DOCX, PDF with a text layer, and web pages in HTML. Readers know
//! nothing of extraction; every input, however hostile, gives paragraphs or a [`ReadError`]
//! within documented limits ([`Limits`]), never a panic.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

mod docx;
mod error;
mod html;
mod legacy;
mod pdf;
mod text;

pub use dondoc_text::RawParagraph;
pub use error::ReadError;
pub use legacy::{LegacyEncoding, decode_legacy, encode_legacy, repair_font_text};

/// The formats the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
    Pdf,
    Html,
}

impl Format {
    /// The contract's name for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// Limits that keep hostile files from eating memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_input_bytes: usize,
    /// Largest total of uncompressed XML read from a DOCX, in bytes.
    pub max_inflated_bytes: u64,
    /// Largest text produced, in bytes.
    pub max_text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
            max_text_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What a reader produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDoc {
    pub format: Format,
    /// "utf-8", "utf-16le", "utf-16be", "tcvn3", "vni", "windows-1258"; for DOCX and PDF the
    /// legacy font encoding found in the text, else "utf-8".
    pub encoding: String,
    pub paragraphs: Vec<RawParagraph>,
}

/// Reads a document, choosing the reader from the bytes (and the file name's extension
/// only where the bytes do not tell).
pub fn read(bytes: &[u8], file_name: Option<&str>, limits: &Limits) -> Result<ReadDoc, ReadError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_input_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match sniff(bytes, &ext) {
        Format::Docx => docx::read(bytes, limits),
        Format::Pdf => pdf::read(bytes, limits),
        Format::Html => html::read(bytes, limits),
        Format::Text => text::read(bytes, limits),
    }
}

/// A document read and normalised: the text the extractor and the spans work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    pub doc: dondoc_text::NormDoc,
    pub format: Format,
    pub encoding: String,
}

/// [`read`], then normalisation (line by line for plain text, which carries page breaks and
/// hard wraps; by paragraph for the formats that have paragraphs). A document without any
/// text after normalisation is refused as empty.
pub fn read_normalised(
    bytes: &[u8],
    file_name: Option<&str>,
    limits: &Limits,
) -> Result<Normalised, ReadError> {
    let read = read(bytes, file_name, limits)?;
    let doc = match read.format {
        Format::Text => dondoc_text::normalize_text_lines(&read.paragraphs),
        _ => dondoc_text::normalize_document(&read.paragraphs),
    };
    if doc.text.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Normalised {
        doc,
        format: read.format,
        encoding: read.encoding,
    })
}

/// Decides the format from magic bytes, then the extension.
fn sniff(bytes: &[u8], ext: &str) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        return Format::Docx;
    }
    if bytes.starts_with(b"%PDF") || ext == "pdf" {
        return Format::Pdf;
    }
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if matches!(ext, "html" | "htm")
        || head.trim_start().starts_with("<!doctype html")
        || head.contains("<html")
    {
        return Format::Html;
    }
    Format::Text
}
