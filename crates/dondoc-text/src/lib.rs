//! Vietnamese text normalisation shared by the readers and the extractor.
//!
//! Everything the extractor sees passes through [`normalize_document`]: Unicode NFC, one
//! tone-mark placement ("hoà" and "hòa" become "hòa", "thuỷ" and "thủy" become "thủy"), white
//! space collapsed, markdown markers of texts copied from web tools removed, and paragraphs that
//! a page break cut in two joined again. [`fold`] strips diacritics for search ("Đảng" → "dang").
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

mod fold;
mod normalize;

pub use fold::fold;
pub use normalize::{normalize_document, normalize_inline, normalize_line, normalize_text_lines};

/// One paragraph as a reader found it, before normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawParagraph {
    /// The paragraph's text; for DOCX automatic numbering the visible label comes first ("1. ").
    pub text: String,
    /// The whole paragraph is bold (a heading in Word, or `**…**` in a web copy).
    pub bold: bool,
    /// The paragraph is one row of a table; cells are joined by " | ".
    pub table_row: bool,
    /// A page break came right before this paragraph (PDF, DOCX page breaks), so it may continue
    /// the previous one.
    pub after_page_break: bool,
}

impl RawParagraph {
    /// A plain paragraph with no formatting.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// One paragraph of the normalised text: byte offsets into [`NormDoc::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The paragraph is bold as a whole.
    pub bold: bool,
    /// The paragraph is a table row, cells separated by " | ".
    pub table_row: bool,
}

/// The normalised text of a document, one paragraph per line, and where each paragraph lies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormDoc {
    /// Paragraphs joined by `\n`; NFC, one tone placement, single spaces, no markdown.
    pub text: String,
    /// The paragraphs, in order; `text[p.start..p.end]` never contains `\n`.
    pub paras: Vec<Para>,
}

impl NormDoc {
    /// The text of paragraph `i`, or "" when there is none.
    pub fn para_text(&self, i: usize) -> &str {
        self.paras
            .get(i)
            .and_then(|p| self.text.get(p.start..p.end))
            .unwrap_or("")
    }

    /// Converts a byte offset into [`NormDoc::text`] to a character (Unicode scalar) offset,
    /// the unit of the contract's spans.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        // Offsets handed to this always fall on character boundaries; be lenient anyway.
        let mut b = byte;
        while b > 0 && !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.text.get(..b).map_or(0, |s| s.chars().count())
    }

    /// Normalises plain text: one paragraph per line.
    pub fn from_plain(text: &str) -> NormDoc {
        let raw: Vec<RawParagraph> = text.lines().map(RawParagraph::plain).collect();
        normalize_text_lines(&raw)
    }
}
