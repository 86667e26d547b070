//! A calendar date with the arithmetic deadlines need; serialised as ISO `YYYY-MM-DD`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Days in `month` of `year`, 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

impl Date {
    /// The date, if it exists and its year is in 1900..=2200 (documents outside that are typos).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2200).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// The last day of a month.
    pub fn end_of_month(year: i32, month: u32) -> Option<Date> {
        Date::new(year, month, days_in_month(year, month))
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (civil-from-days algorithm of Howard Hinnant).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if within the supported years.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// This date plus `n` days.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(n)?)
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        u32::try_from((self.to_days() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// This date plus `n` working days (Saturdays and Sundays skipped).
    pub fn add_working_days(self, n: u32) -> Option<Date> {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1)?;
            if d.weekday() < 5 {
                left -= 1;
            }
        }
        Some(d)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date {s}")))
    }
}

/// A date written in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    pub date: Date,
    pub start: usize,
    pub end: usize,
    /// The text gave no year; it was taken from the context.
    pub year_guessed: bool,
}

fn num(s: Option<regex::Match<'_>>) -> Option<u32> {
    s.and_then(|m| m.as_str().parse().ok())
}

/// Every date written in `text`: "25/01/2018", "25-01-2018", "25.01.2018", "ngày 28 tháng 01
/// năm 2015", and without a year "15/08", "ngày 15 tháng 8" (year from `year`, or skipped when
/// none is known). The range covers the date itself, not a "ngày" before it. Two-digit years
/// are read as 20YY.
pub fn find_dates(text: &str, year: Option<i32>) -> Vec<WrittenDate> {
    let re = crate::regex!(
        r"(?i)(\d{1,2})\s*(?:([/.\-])\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?|\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?)"
    );
    let mut out = Vec::new();
    // `\b` then `re`, without making the regex engine check `\b` itself (see re.rs).
    for c in crate::re::captures_at_boundaries(re, text) {
        let Some(whole) = c.get(0) else { continue };
        // Skip a number that is part of a longer token ("2.1.3", "5973/UBND").
        let after = text.get(whole.end()..).and_then(|s| s.chars().next());
        let before = text
            .get(..whole.start())
            .and_then(|s| s.chars().next_back());
        if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '/' || ch == '.')
            || after.is_some_and(|ch| ch.is_alphanumeric() || ch == '/')
        {
            continue;
        }
        let day = num(c.get(1));
        let (month, y, sep) = if c.get(5).is_some() {
            (num(c.get(5)), num(c.get(6)), None)
        } else {
            (num(c.get(3)), num(c.get(4)), c.get(2).map(|m| m.as_str()))
        };
        let (Some(day), Some(month)) = (day, month) else {
            continue;
        };
        // "2.1" or "3.5" without a year are outline numbers, not dates; "05-06" without a year
        // is a range. Only a slash, or "tháng", dates without a year.
        if y.is_none() && sep.is_some_and(|s| s != "/") {
            continue;
        }
        let (yr, guessed) = match y {
            Some(y) if y < 100 => (2000 + i32::try_from(y).unwrap_or(0), false),
            Some(y) => (i32::try_from(y).unwrap_or(0), false),
            None => match year {
                Some(y) => (y, true),
                None => continue,
            },
        };
        if let Some(date) = Date::new(yr, month, day) {
            out.push(WrittenDate {
                date,
                start: whole.start(),
                end: whole.end(),
                year_guessed: guessed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn calendar() {
        assert_eq!(
            Date::end_of_month(2018, 2).map(|d| d.to_string()),
            Some("2018-02-28".into())
        );
        assert_eq!(Date::end_of_month(2024, 2).map(|d| d.day()), Some(29));
        assert!(Date::new(2018, 2, 30).is_none());
        // 2026-12-01 is a Tuesday.
        assert_eq!(Date::new(2026, 12, 1).map(|d| d.weekday()), Some(1));
        // Friday plus one working day is Monday.
        let fri = Date::new(2026, 11, 27);
        assert_eq!(
            fri.and_then(|d| d.add_working_days(1))
                .map(|d| d.to_string()),
            Some("2026-11-30".into())
        );
    }

    fn dates(s: &str, year: Option<i32>) -> Vec<String> {
        find_dates(s, year)
            .iter()
            .map(|d| format!("{}{}", d.date, if d.year_guessed { "?" } else { "" }))
            .collect()
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            dates("trước ngày 09/02/2018, và 10/3/2018", None),
            ["2018-02-09", "2018-03-10"]
        );
        assert_eq!(
            dates("Lục Nam, ngày 28 tháng 01 năm 2015", None),
            ["2015-01-28"]
        );
        assert_eq!(dates("Chiều ngày 15/08, họp", Some(2022)), ["2022-08-15?"]);
        assert_eq!(dates("Chiều ngày 15/08, họp", None), Vec::<String>::new());
        assert_eq!(
            dates("mục 3.5 với mục 02; 2.1. Tiếp tục", Some(2020)),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("Số 5973/UBND-KT ngày 11-6-2026", None),
            ["2026-06-11"]
        );
        assert_eq!(dates("ngày 31/02/2018", None), Vec::<String>::new());
    }

    proptest! {
        #[test]
        fn written_date_round_trip(days in 0i64..60_000, form in 0usize..3) {
            if let Some(d) = Date::from_days(days) {
                let text = match form {
                    0 => format!("trước ngày {}/{}/{}", d.day(), d.month(), d.year()),
                    1 => format!("ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year()),
                    _ => format!("hạn {:02}-{:02}-{}.", d.day(), d.month(), d.year()),
                };
                let found = find_dates(&text, None);
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(found.first().map(|w| w.date), Some(d));
            }
        }

        #[test]
        fn find_dates_never_panics(s in "\\PC{0,80}") {
            let _ = find_dates(&s, Some(2020));
        }

        #[test]
        fn days_round_trip(days in -25_000i64..80_000) {
            if let Some(d) = Date::from_days(days) {
                prop_assert_eq!(d.to_days(), days);
                prop_assert_eq!(Date::parse_iso(&d.to_string()), Some(d));
            }
        }
    }
}
