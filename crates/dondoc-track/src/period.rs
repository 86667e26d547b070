//! Periods: the instances a recurring obligation generates ([`periods`]) and the report periods
//! users type ([`parse_period`]).
//!
//! Rules chosen where the product documents are silent:
//!
//! - Periods are calendar periods: ISO weeks (Monday to Sunday, week 1 holds the year's first
//!   Thursday), months, quarters, halves and years. A period is whole even when `from` falls
//!   inside it: an obligation published on 20 May still owes May's news items, so the first
//!   instance is May, and its due date is the period's end.
//! - With an interval above one ("mỗi 2 tuần", "2 tháng một lần") the periods are blocks of that
//!   many base periods, starting with the one containing `from`: pass the day the obligation
//!   begins (the notice's date), not the start of a report window. Such a block's key is its
//!   date range, "2018-03-01..2018-04-30", which [`parse_period`] reads back.
//! - "định kỳ" without a period ([`Freq::Periodic`]) generates no instances: there is nothing to
//!   count per period; the caller tracks it as one assignment.
//! - Interval 0 is read as 1.
//! - Every key [`periods`] produces is read back by [`parse_period`] into the same dates.

use serde::{Deserialize, Serialize};

use dondoc_extract::model::{Freq, Recurrence};

use crate::Date;

/// One period: its key and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// "2018", "2018-H1", "2018-Q2", "2018-02", "2018-W07", or "2018-03-01..2018-04-30" for a
    /// block of several periods.
    pub key: String,
    pub start: Date,
    pub end: Date,
}

/// The unit periods are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

/// The last date [`Date`] supports.
fn max_date() -> Option<Date> {
    Date::new(2200, 12, 31)
}

/// The base period (of `unit`) that contains `d`: its start, end and key.
fn base_period(unit: Unit, d: Date) -> Option<(Date, Date, String)> {
    let y = d.year();
    match unit {
        Unit::Week => {
            let start = d.add_days(-i64::from(d.weekday()))?;
            let end = start
                .add_days(6)
                .or_else(max_date)
                .filter(|e| *e >= start)?;
            let (wy, w) = iso_week(d);
            Some((start, end, format!("{wy:04}-W{w:02}")))
        }
        Unit::Month => {
            let m = d.month();
            Some((
                Date::new(y, m, 1)?,
                Date::end_of_month(y, m)?,
                format!("{y:04}-{m:02}"),
            ))
        }
        Unit::Quarter => {
            let q = (d.month() - 1) / 3 + 1;
            Some((
                Date::new(y, q * 3 - 2, 1)?,
                Date::end_of_month(y, q * 3)?,
                format!("{y:04}-Q{q}"),
            ))
        }
        Unit::Half => {
            let h = if d.month() <= 6 { 1 } else { 2 };
            Some((
                Date::new(y, h * 6 - 5, 1)?,
                Date::end_of_month(y, h * 6)?,
                format!("{y:04}-H{h}"),
            ))
        }
        Unit::Year => Some((
            Date::new(y, 1, 1)?,
            Date::new(y, 12, 31)?,
            format!("{y:04}"),
        )),
    }
}

/// The ISO week-numbering year and week of `d`.
fn iso_week(d: Date) -> (i32, u32) {
    let thursday = d.to_days() - i64::from(d.weekday()) + 3;
    match Date::from_days(thursday) {
        Some(t) => {
            let jan1 = Date::new(t.year(), 1, 1).map_or(thursday, Date::to_days);
            let week = (thursday - jan1) / 7 + 1;
            (t.year(), u32::try_from(week).unwrap_or(1))
        }
        // Only the last days of 2200 have their Thursday beyond the supported range: that
        // Thursday falls in the first days of 2201, so week 1 of 2201.
        None => (d.year() + 1, 1),
    }
}

/// One instance per period of `recurrence` overlapping `[from, to]`, in order, consecutive and
/// not overlapping; empty when `from > to` or the recurrence has no period. See the module
/// documentation for the rules.
pub fn periods(recurrence: &Recurrence, from: Date, to: Date) -> Vec<Period> {
    let unit = match recurrence.freq {
        Freq::Weekly => Unit::Week,
        Freq::Monthly => Unit::Month,
        Freq::Quarterly => Unit::Quarter,
        Freq::HalfYearly => Unit::Half,
        Freq::Yearly => Unit::Year,
        Freq::Periodic => return Vec::new(),
    };
    let interval = recurrence.interval.max(1);
    let mut out = Vec::new();
    let mut cursor = Some(from);
    while let Some(day) = cursor.filter(|d| *d <= to) {
        let Some((start, mut end, mut key)) = base_period(unit, day) else {
            break;
        };
        for _ in 1..interval {
            match end.add_days(1).and_then(|next| base_period(unit, next)) {
                Some((_, e, _)) => end = e,
                None => break,
            }
        }
        if interval > 1 {
            key = format!("{start}..{end}");
        }
        cursor = end.add_days(1);
        out.push(Period { key, start, end });
    }
    out
}

/// The first and last day of a report period: "2018", "2018-Q1" … "2018-Q4", "2018-H1",
/// "2018-H2", "2018-02", "2018-W07" (ISO week), or a range "2018-01-01..2018-03-31" whose start
/// is not after its end. Surrounding white space and the case of Q, H and W are ignored;
/// anything else is `None`.
pub fn parse_period(s: &str) -> Option<(Date, Date)> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once("..") {
        let start = Date::parse_iso(a.trim())?;
        let end = Date::parse_iso(b.trim())?;
        return (start <= end).then_some((start, end));
    }
    let (year, rest) = match s.split_once('-') {
        Some((y, rest)) => (y, Some(rest)),
        None => (s, None),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    let Some(rest) = rest else {
        return Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?));
    };
    let number = |digits: &str, max_len: usize| -> Option<u32> {
        if digits.is_empty()
            || digits.len() > max_len
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        digits.parse().ok()
    };
    let mut chars = rest.chars();
    let kind = chars.next()?.to_ascii_uppercase();
    let tail = chars.as_str();
    match kind {
        'Q' => {
            let q = number(tail, 1).filter(|q| (1..=4).contains(q))?;
            Some((Date::new(y, q * 3 - 2, 1)?, Date::end_of_month(y, q * 3)?))
        }
        'H' => {
            let h = number(tail, 1).filter(|h| (1..=2).contains(h))?;
            Some((Date::new(y, h * 6 - 5, 1)?, Date::end_of_month(y, h * 6)?))
        }
        'W' => {
            let w = number(tail, 2).filter(|w| *w >= 1)?;
            // Week 1 is the week holding 4 January; the year has a week 53 when 28 December
            // falls in one.
            let jan4 = Date::new(y, 1, 4)?;
            let week1 = jan4.add_days(-i64::from(jan4.weekday()))?;
            let weeks = Date::new(y, 12, 28).map(iso_week)?.1;
            if w > weeks {
                return None;
            }
            let start = week1.add_days(i64::from(w - 1) * 7)?;
            let end = start.add_days(6).or_else(max_date)?;
            Some((start, end))
        }
        _ => {
            let m = number(rest, 2)?;
            Some((Date::new(y, m, 1)?, Date::end_of_month(y, m)?))
        }
    }
}
