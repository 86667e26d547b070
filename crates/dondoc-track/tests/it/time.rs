//! Time status at its boundaries, and the counts of a report.

use dondoc_track::{Counts, Status, TimeStatus, time_status};

use crate::d;

const OPEN: [Status; 6] = [
    Status::ChuaNhan,
    Status::DaNhan,
    Status::DangThucHien,
    Status::BaoCaoHoanThanh,
    Status::TraLai,
    Status::XinGiaHan,
];

#[test]
fn done_on_the_due_day_is_on_time_the_day_after_is_late() {
    let due = Some(d(2018, 2, 9));
    let as_of = d(2018, 12, 31);
    let at = |done| time_status(Status::HoanThanh, due, Some(done), as_of);
    assert_eq!(at(d(2018, 1, 20)), TimeStatus::DoneOnTime);
    assert_eq!(at(d(2018, 2, 9)), TimeStatus::DoneOnTime);
    assert_eq!(at(d(2018, 2, 10)), TimeStatus::DoneLate);
}

#[test]
fn open_until_the_due_day_then_overdue() {
    let due = Some(d(2018, 2, 9));
    for s in OPEN {
        assert_eq!(
            time_status(s, due, None, d(2018, 2, 8)),
            TimeStatus::OpenWithinDeadline,
            "{s:?}"
        );
        assert_eq!(
            time_status(s, due, None, d(2018, 2, 9)),
            TimeStatus::OpenWithinDeadline,
            "{s:?}"
        );
        assert_eq!(
            time_status(s, due, None, d(2018, 2, 10)),
            TimeStatus::Overdue,
            "{s:?}"
        );
    }
}

#[test]
fn a_returned_report_is_not_completed_even_with_a_completion_date() {
    // The caller kept the date of the returned report: it does not make the task done.
    let got = time_status(
        Status::TraLai,
        Some(d(2018, 2, 9)),
        Some(d(2018, 2, 1)),
        d(2018, 3, 1),
    );
    assert_eq!(got, TimeStatus::Overdue);
}

#[test]
fn a_report_awaiting_confirmation_is_open() {
    let got = time_status(
        Status::BaoCaoHoanThanh,
        Some(d(2018, 2, 9)),
        Some(d(2018, 2, 1)),
        d(2018, 3, 1),
    );
    assert_eq!(got, TimeStatus::Overdue);
}

#[test]
fn judged_as_it_stood_on_the_day() {
    // Done in April, late; a first-quarter report sees it open (and overdue at 31 March).
    let due = Some(d(2018, 3, 15));
    let done = Some(d(2018, 4, 2));
    assert_eq!(
        time_status(Status::HoanThanh, due, done, d(2018, 3, 31)),
        TimeStatus::Overdue
    );
    assert_eq!(
        time_status(Status::HoanThanh, due, done, d(2018, 3, 10)),
        TimeStatus::OpenWithinDeadline
    );
    assert_eq!(
        time_status(Status::HoanThanh, due, done, d(2018, 4, 2)),
        TimeStatus::DoneLate
    );
}

#[test]
fn done_without_a_date_is_judged_on_the_day_asked() {
    let due = Some(d(2018, 2, 9));
    assert_eq!(
        time_status(Status::HoanThanh, due, None, d(2018, 2, 9)),
        TimeStatus::DoneOnTime
    );
    assert_eq!(
        time_status(Status::HoanThanh, due, None, d(2018, 2, 10)),
        TimeStatus::DoneLate
    );
}

#[test]
fn no_deadline_is_counted_apart_done_or_not() {
    for s in Status::ALL {
        assert_eq!(
            time_status(s, None, Some(d(2018, 1, 1)), d(2018, 6, 1)),
            TimeStatus::NoDeadline,
            "{s:?}"
        );
    }
}

#[test]
fn cancelled_is_no_deadline() {
    assert_eq!(
        time_status(Status::Huy, Some(d(2018, 2, 9)), None, d(2018, 6, 1)),
        TimeStatus::NoDeadline
    );
}

#[test]
fn codes_and_labels() {
    let codes: Vec<&str> = TimeStatus::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(
        codes,
        [
            "done_on_time",
            "done_late",
            "open_within_deadline",
            "overdue",
            "no_deadline"
        ]
    );
    for t in TimeStatus::ALL {
        assert_eq!(TimeStatus::from_code(t.code()), Some(t));
        assert_eq!(serde_json::to_value(t).unwrap(), t.code());
        assert!(!t.label_vi().is_empty());
    }
    assert_eq!(TimeStatus::DoneLate.label_vi(), "Hoàn thành quá hạn");
}

#[test]
fn counts_and_on_time_rate() {
    use TimeStatus::*;
    let c: Counts = [
        DoneOnTime,
        DoneOnTime,
        DoneOnTime,
        DoneLate,
        Overdue,
        OpenWithinDeadline,
        NoDeadline,
    ]
    .into_iter()
    .collect();
    assert_eq!(
        c,
        Counts {
            assigned: 7,
            done_on_time: 3,
            done_late: 1,
            open_within_deadline: 1,
            overdue: 1,
            no_deadline: 1
        }
    );
    // 3 on time of the 5 that can be judged.
    assert_eq!(c.judged(), 5);
    assert_eq!(c.on_time_rate(), Some(0.6));
    let nothing_due: Counts = [OpenWithinDeadline, NoDeadline].into_iter().collect();
    assert_eq!(nothing_due.on_time_rate(), None);
    assert_eq!(Counts::default().on_time_rate(), None);
    let mut total = c;
    total.merge(&nothing_due);
    assert_eq!(total.assigned, 9);
    assert_eq!(total.no_deadline, 2);
    assert_eq!(total.on_time_rate(), Some(0.6));
}
