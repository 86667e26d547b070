//! Vietnamese deadlines, dates and recurrences: "trước ngày 09/02/2018", "trong quý II/2018",
//! "chậm nhất 16 giờ ngày 30/7/2026", "hằng quý", "02 – 04 tin, bài/tháng".

use crate::date::Date;
use crate::model::{Deadline, Recurrence};

/// What a date without a year, or a relative deadline, is resolved against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateCtx {
    /// The notice's own date (issued, else the meeting's date), if known.
    pub doc_date: Option<Date>,
    /// The year the document speaks of when no full date is known (e.g. from "năm 2018").
    pub year: Option<i32>,
}

/// Something found in a text: the value and its byte range in the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
    /// A Vietnamese sentence for the reviewer (year guessed, deadline unresolved …).
    pub warning: Option<String>,
}

/// Every deadline expression in `text`, in order. Dates that only cite a document
/// ("Quyết định số 780-QĐ/TU ngày 13/9/2017"), frame a period of ongoing work ("Năm 2015, …",
/// "những tháng còn lại năm 2022") or date an event are not deadlines.
pub fn find_deadlines(_text: &str, _ctx: &DateCtx) -> Vec<Found<Deadline>> {
    Vec::new()
}

/// The recurrence `text` sets, if any ("hằng tháng", "mỗi quý một lần", "định kỳ 6 tháng",
/// quotas "02 – 04 tin, bài/tháng"). "định kỳ tháng 8/2026" is one occurrence, not a recurrence.
pub fn find_recurrence(_text: &str) -> Option<Found<Recurrence>> {
    None
}

/// Urgency without a date: "khẩn trương", "kịp thời", "ngay", "sớm".
pub fn is_urgent(_text: &str) -> bool {
    false
}

/// Every written date in `text` ("ngày 25/01/2018", "25/01/2018", "ngày 28 tháng 01 năm 2015",
/// "15/08" with the year from `ctx` and a warning).
pub fn find_dates(_text: &str, _ctx: &DateCtx) -> Vec<Found<Date>> {
    Vec::new()
}
