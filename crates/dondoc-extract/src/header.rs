//! The document's header and closing: kind, number and symbol (state and Party grammars and
//! their hybrids), issuer, place and date, title, addressees, signature blocks, "Nơi nhận".

use dondoc_text::NormDoc;

use crate::model::{Document, Level};

/// The header and closing, and where the body lies between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// The document fields (meeting left `None`: see `meeting`).
    pub document: Document,
    /// Index of the first body paragraph (after the title).
    pub body_start: usize,
    /// Index one past the last body paragraph (before "Nơi nhận", the signature block, or the
    /// site chrome of a web page).
    pub body_end: usize,
    /// The issuing body's level, from the issuer, symbol, signer or place.
    pub level: Option<Level>,
}

/// Parses the header and closing of `doc`.
pub fn parse_header(doc: &NormDoc) -> Header {
    Header {
        body_start: 0,
        body_end: doc.paras.len(),
        ..Header::default()
    }
}
