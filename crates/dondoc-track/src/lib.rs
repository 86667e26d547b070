//! The rules of following up an assignment (one task given to one organisation): who may move
//! it from which status to which, how its time status is judged, which periods a recurring
//! obligation falls into, whether a quota was met, how alike two proposals are, and how an
//! organisation is rated on the 100-point scale of Quy định 366-QĐ/TW.
//!
//! Everything here is a pure function of its arguments: no I/O, no clock, no database, no
//! async. The caller (storage and web layers) keeps the state, passes "today" in as a date and
//! writes the audit trail; this crate only decides.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]
// Tests may fail loudly: a panic there is a failed test, not a crash on a user's document.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod lifecycle;
pub mod period;
pub mod quota;
pub mod rating;
pub mod similarity;
pub mod time;

mod vi;

pub use dondoc_extract::date::Date;
pub use lifecycle::{Action, Role, Status, Transition, TransitionError, check_new_due, transition};
pub use period::{Period, parse_period, periods};
pub use quota::{quota_exceeded, quota_met, quota_required};
pub use rating::{Grade, RatedItem, Rating, RatingLine, RatingWeights, rate};
pub use similarity::similarity;
pub use time::{Counts, TimeStatus, time_status};
