//! The meeting a notice concludes: date, place, chair, attendees, absentees, secretary.

use dondoc_text::NormDoc;

use crate::deadline::DateCtx;
use crate::header::Header;
use crate::model::Meeting;
use crate::org::OrgCtx;

/// The meeting as the opening paragraphs describe it, or `None` when the document records no
/// meeting. A date without a year takes it from `dates` and adds a warning to `warnings`.
pub fn parse_meeting(
    _doc: &NormDoc,
    _header: &Header,
    _dates: &DateCtx,
    _orgs: &OrgCtx,
    _warnings: &mut Vec<String>,
) -> Option<Meeting> {
    None
}
