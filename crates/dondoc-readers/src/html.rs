//! The html reader.

use crate::{Limits, ReadDoc, ReadError};

/// Reads html bytes into paragraphs.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<ReadDoc, ReadError> {
    Err(ReadError::NotText)
}
