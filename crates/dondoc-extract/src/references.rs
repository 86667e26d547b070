//! Citations of other documents: "Kết luận số 64-KL/HU ngày 16/11/2017",
//! "Quyết định số 217, 218-QĐ/TW" (two documents), "Nghị quyết số 68/NQ-CP, ngày 01/7/2021".

use crate::model::Reference;

/// Every other document cited in `text`, once each (first citation), in order; `own` is the
/// notice's own reference ("77-KL/HU"), which is not listed.
pub fn find_references(_text: &str, _own: Option<&str>) -> Vec<Reference> {
    Vec::new()
}
