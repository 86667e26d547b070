//! What the pages and the API share: reading an uploaded notice, the assignment a viewer may
//! see, and the Vietnamese labels, colours and formats of the screens.

use dondoc_extract::{Date, Source};
use dondoc_readers::Limits;
use dondoc_store::{Assignment, AssignmentFilter, AssignmentId, NewNotice, TimeStatus};
use dondoc_track::Status;
use sha2::{Digest as _, Sha256};

use crate::AppState;
use crate::auth::Viewer;
use crate::error::WebError;

/// Reads and extracts an uploaded or pasted notice.
pub fn prepare_notice(file_name: &str, bytes: Vec<u8>) -> Result<NewNotice, WebError> {
    let limits = Limits::default();
    let read = dondoc_readers::read_normalised(&bytes, Some(file_name), &limits)
        .map_err(|e| WebError::bad_request(e.code(), e.to_string()))?;
    let source = Source {
        file: Some(file_name.to_owned()),
        format: read.format.as_str().to_owned(),
        sha256: Some(
            Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        ),
        encoding: read.encoding,
    };
    let format = source.format.clone();
    let extraction = dondoc_extract::extract(&read.doc, source);
    Ok(NewNotice {
        bytes,
        file_name: file_name.to_owned(),
        format,
        text: read.doc.text,
        extraction,
        restricted: false,
    })
}

/// The assignment `id` if the viewer may see it; `not_found` otherwise, as for one that does
/// not exist (a refusal is still written to the audit trail).
pub async fn visible_assignment(
    state: &AppState,
    viewer: &Viewer,
    id: AssignmentId,
) -> Result<Assignment, WebError> {
    let a = state.store.get_assignment(id).await?;
    let restricted_ok = viewer.sees_restricted()
        || !state
            .store
            .notice_restricted(a.notice_id)
            .await
            .unwrap_or(true);
    if viewer.sees_org(a.organisation_id) && restricted_ok {
        Ok(a)
    } else {
        viewer.denied(state, "assignment", Some(id)).await;
        Err(WebError::not_found())
    }
}

/// The filter a viewer's list is limited to: a focal point's own organisation (asking for
/// another is refused), restricted notices only when the viewer may see them.
pub async fn limit_filter(
    state: &AppState,
    viewer: &Viewer,
    mut f: AssignmentFilter,
) -> Result<AssignmentFilter, WebError> {
    if let Some(own) = viewer.own_org() {
        if f.organisation_id.is_some_and(|o| o != own) {
            viewer
                .denied(state, "assignments_of_other_org", f.organisation_id)
                .await;
            return Err(WebError::forbidden());
        }
        f.organisation_id = Some(own);
    }
    f.include_restricted = viewer.sees_restricted();
    Ok(f)
}

/// dd/mm/yyyy.
pub fn date_vi(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// dd/mm/yyyy of an optional date, "—" for none.
pub fn opt_date_vi(d: Option<Date>) -> String {
    d.map_or_else(|| "—".to_owned(), date_vi)
}

/// "dd/mm/yyyy HH giờ MM" in Vietnam's time (UTC+7, no daylight saving) of a stored RFC 3339
/// instant in UTC.
pub fn instant_vi(s: &str) -> String {
    let day = s.get(..10).and_then(Date::parse_iso);
    let hour = s.get(11..13).and_then(|h| h.parse::<u32>().ok());
    match (day, hour, s.get(14..16)) {
        (Some(d), Some(h), Some(m)) => {
            let (d, h) = if h + 7 >= 24 {
                (d.add_days(1).unwrap_or(d), h + 7 - 24)
            } else {
                (d, h + 7)
            };
            format!("{} {h:02} giờ {m}", date_vi(d))
        }
        _ => s.to_owned(),
    }
}

/// Thousands with "." (1.234.567).
pub fn number_vi(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The word, CSS class (its colour) and icon of a time status.
pub fn time_badge(t: Option<TimeStatus>) -> (&'static str, &'static str, &'static str) {
    match t {
        Some(TimeStatus::DoneOnTime) => ("Hoàn thành đúng hạn", "green", "✔"),
        Some(TimeStatus::DoneLate) => ("Hoàn thành quá hạn", "orange", "⚑"),
        Some(TimeStatus::OpenWithinDeadline) => ("Đang thực hiện trong hạn", "blue", "◷"),
        Some(TimeStatus::Overdue) => ("Quá hạn", "red", "✖"),
        Some(TimeStatus::NoDeadline) => ("Không có thời hạn", "grey", "–"),
        None => ("Đã hủy", "grey", "⊘"),
    }
}

/// The Vietnamese word of a stored status code.
pub fn status_vi(code: &str) -> &'static str {
    Status::from_code(code).map_or("Không rõ", Status::label_vi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_shown_in_vietnam_time() {
        assert_eq!(
            instant_vi("2026-12-08T00:34:05.000001Z"),
            "08/12/2026 07 giờ 34"
        );
        assert_eq!(
            instant_vi("2026-12-31T18:05:00.000000Z"),
            "01/01/2027 01 giờ 05"
        );
        assert_eq!(instant_vi("không rõ"), "không rõ");
    }

    #[test]
    fn thousands_take_a_dot() {
        assert_eq!(number_vi(1_234_567), "1.234.567");
        assert_eq!(number_vi(999), "999");
    }
}
