//! The time status of an assignment, in the four buckets the Government Office counts (done on
//! time, done late, open within the deadline, overdue) plus the tasks without a deadline, which
//! it counts apart; and [`Counts`], the tally a report shows per organisation.
//!
//! Rules chosen where the product documents are silent:
//!
//! - The due date is the last day allowed, inclusive: the extractor gives "trước ngày 09/02/2018"
//!   as 2018-02-09, and a report received on that day is received on time, as offices count it.
//! - Only a completion confirmed by the monitor ([`Status::HoanThanh`]) is done. A completion
//!   reported but not yet confirmed, and a returned one ([`Status::TraLai`]), are open.
//! - `done_on` is the day the organisation reported the completion that the monitor then
//!   confirmed, not the day of confirmation: a slow confirmation must not make the organisation
//!   late. Without it, the task is judged as if done on `as_of`.
//! - The status is judged as it stood on `as_of`: a task done after `as_of` was still open
//!   then, so a report for the first quarter does not change when the task is finished in the
//!   second.
//! - A task without a due date is [`TimeStatus::NoDeadline`] whether done or not; it is counted
//!   apart and never on time or late.
//! - A pending extension does not move the deadline: until approved, the current due applies.
//! - Cancelled assignments ([`Status::Huy`]) are left out of every count; callers exclude them.
//!   Given one, [`time_status`] answers [`TimeStatus::NoDeadline`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Date, Status};

/// How an assignment stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStatus {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Đang thực hiện trong hạn.
    OpenWithinDeadline,
    /// Quá hạn: not done and the deadline has passed.
    Overdue,
    /// Không có thời hạn.
    NoDeadline,
}

impl TimeStatus {
    /// Every time status, in report order.
    pub const ALL: [TimeStatus; 5] = [
        TimeStatus::DoneOnTime,
        TimeStatus::DoneLate,
        TimeStatus::OpenWithinDeadline,
        TimeStatus::Overdue,
        TimeStatus::NoDeadline,
    ];

    /// The stable code of the API (`time_status` of `/api/v1/assignments`).
    pub fn code(self) -> &'static str {
        match self {
            TimeStatus::DoneOnTime => "done_on_time",
            TimeStatus::DoneLate => "done_late",
            TimeStatus::OpenWithinDeadline => "open_within_deadline",
            TimeStatus::Overdue => "overdue",
            TimeStatus::NoDeadline => "no_deadline",
        }
    }

    /// The time status of a code, `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<TimeStatus> {
        TimeStatus::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The label shown to users, in the Government Office's words.
    pub fn label_vi(self) -> &'static str {
        match self {
            TimeStatus::DoneOnTime => "Hoàn thành đúng hạn",
            TimeStatus::DoneLate => "Hoàn thành quá hạn",
            TimeStatus::OpenWithinDeadline => "Đang thực hiện trong hạn",
            TimeStatus::Overdue => "Quá hạn",
            TimeStatus::NoDeadline => "Không có thời hạn",
        }
    }

    /// Done, on time or late.
    pub fn is_done(self) -> bool {
        matches!(self, TimeStatus::DoneOnTime | TimeStatus::DoneLate)
    }
}

impl fmt::Display for TimeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// The time status of an assignment in `status`, due on `due`, done on `done_on`, judged on
/// `as_of`. See the module documentation for the rules.
pub fn time_status(
    status: Status,
    due: Option<Date>,
    done_on: Option<Date>,
    as_of: Date,
) -> TimeStatus {
    let Some(due) = due else {
        return TimeStatus::NoDeadline;
    };
    match status {
        Status::Huy => TimeStatus::NoDeadline,
        Status::HoanThanh => {
            let done_on = done_on.unwrap_or(as_of);
            if done_on > as_of {
                open(due, as_of)
            } else if done_on <= due {
                TimeStatus::DoneOnTime
            } else {
                TimeStatus::DoneLate
            }
        }
        Status::ChuaNhan
        | Status::DaNhan
        | Status::DangThucHien
        | Status::BaoCaoHoanThanh
        | Status::TraLai
        | Status::XinGiaHan => open(due, as_of),
    }
}

fn open(due: Date, as_of: Date) -> TimeStatus {
    if as_of <= due {
        TimeStatus::OpenWithinDeadline
    } else {
        TimeStatus::Overdue
    }
}

/// The tally of a report: how many assignments, and how many in each time status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Every assignment counted (cancelled ones excluded by the caller).
    pub assigned: u32,
    pub done_on_time: u32,
    pub done_late: u32,
    pub open_within_deadline: u32,
    pub overdue: u32,
    pub no_deadline: u32,
}

impl Counts {
    /// Counts one more assignment in `time_status`.
    pub fn add(&mut self, time_status: TimeStatus) {
        self.assigned = self.assigned.saturating_add(1);
        let bucket = match time_status {
            TimeStatus::DoneOnTime => &mut self.done_on_time,
            TimeStatus::DoneLate => &mut self.done_late,
            TimeStatus::OpenWithinDeadline => &mut self.open_within_deadline,
            TimeStatus::Overdue => &mut self.overdue,
            TimeStatus::NoDeadline => &mut self.no_deadline,
        };
        *bucket = bucket.saturating_add(1);
    }

    /// Adds another tally to this one (an organisation's into the overall one).
    pub fn merge(&mut self, other: &Counts) {
        self.assigned = self.assigned.saturating_add(other.assigned);
        self.done_on_time = self.done_on_time.saturating_add(other.done_on_time);
        self.done_late = self.done_late.saturating_add(other.done_late);
        self.open_within_deadline = self
            .open_within_deadline
            .saturating_add(other.open_within_deadline);
        self.overdue = self.overdue.saturating_add(other.overdue);
        self.no_deadline = self.no_deadline.saturating_add(other.no_deadline);
    }

    /// The assignments that can be judged against their deadline: done (on time or late) or
    /// overdue. Those still within their deadline, and those without one, cannot yet be.
    pub fn judged(&self) -> u32 {
        self.done_on_time
            .saturating_add(self.done_late)
            .saturating_add(self.overdue)
    }

    /// The on-time rate: done on time over [`Counts::judged`]; `None` when nothing can be
    /// judged yet. A task done early counts as soon as it is done; a task still within its
    /// deadline is not held against anyone.
    pub fn on_time_rate(&self) -> Option<f64> {
        let judged = self.judged();
        (judged > 0).then(|| f64::from(self.done_on_time) / f64::from(judged))
    }
}

impl FromIterator<TimeStatus> for Counts {
    fn from_iter<I: IntoIterator<Item = TimeStatus>>(iter: I) -> Counts {
        let mut counts = Counts::default();
        for t in iter {
            counts.add(t);
        }
        counts
    }
}
