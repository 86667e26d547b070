//! The integration tests of dondoc-track: the public API as the storage and web layers use it.

mod lifecycle;
mod period;
mod rating;
mod time;

use dondoc_track::Date;

/// A date the tests know to be valid.
pub fn d(y: i32, m: u32, day: u32) -> Date {
    Date::new(y, m, day).unwrap()
}
