//! The legacy Vietnamese 8-bit encodings: TCVN3 (ABC, .VnTime fonts), VNI, Windows-1258.

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Windows1258,
}

impl LegacyEncoding {
    /// The contract's name of the encoding.
    pub fn as_str(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Windows1258 => "windows-1258",
        }
    }
}

/// Converts legacy bytes to Unicode text.
pub fn decode_legacy(_bytes: &[u8], _enc: LegacyEncoding) -> String {
    String::new()
}

/// Converts Unicode text to legacy bytes (for tests and fixtures); characters the encoding
/// cannot hold become `?`.
pub fn encode_legacy(_text: &str, _enc: LegacyEncoding) -> Vec<u8> {
    Vec::new()
}

/// Repairs text that a DOCX or PDF holds in a legacy font (.VnTime for TCVN3, VNI-Times for
/// VNI): the characters are right for the font but wrong as Unicode ("Th\u{00f4}ng b\u{00b8}o"). Returns
/// the Unicode text and the encoding when the text looks like such mojibake, else `None`.
pub fn repair_font_text(_text: &str) -> Option<(String, LegacyEncoding)> {
    None
}
