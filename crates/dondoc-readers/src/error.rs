//! Why a file could not be read: a stable code for scripts and a Vietnamese sentence for people.

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file holds nothing but white space.
    #[error("tệp rỗng, không có nội dung")]
    Empty,
    /// The file is larger than the limit.
    #[error("tệp quá lớn (giới hạn {limit} byte)")]
    TooLarge { limit: usize },
    /// The bytes are not text in any encoding we know.
    #[error("tệp không phải văn bản đọc được (không nhận ra bảng mã)")]
    NotText,
    /// A DOCX that is not a valid zip with a Word document inside.
    #[error("tệp không phải DOCX hợp lệ: {0}")]
    InvalidDocx(String),
    /// A DOCX whose XML inflates past the limit (a zip bomb).
    #[error("tệp DOCX giải nén vượt quá giới hạn {limit} byte")]
    DocxTooLarge { limit: u64 },
    /// A PDF that cannot be parsed.
    #[error("tệp không phải PDF hợp lệ: {0}")]
    InvalidPdf(String),
    /// A PDF with no text layer: a scan.
    #[error("tệp PDF không có lớp chữ (bản quét), cần nhận dạng ký tự (OCR) trước")]
    NeedsOcr,
    /// An HTML page with no article text.
    #[error("trang HTML không có nội dung văn bản")]
    EmptyHtml,
}

impl ReadError {
    /// The stable snake_case code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "empty_file",
            ReadError::TooLarge { .. } => "file_too_large",
            ReadError::NotText => "not_text",
            ReadError::InvalidDocx(_) => "invalid_docx",
            ReadError::DocxTooLarge { .. } => "docx_too_large",
            ReadError::InvalidPdf(_) => "invalid_pdf",
            ReadError::NeedsOcr => "pdf_needs_ocr",
            ReadError::EmptyHtml => "empty_html",
        }
    }
}
