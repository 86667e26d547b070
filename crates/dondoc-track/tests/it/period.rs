//! Periods of recurring obligations and report periods.

use dondoc_extract::model::{Freq, Recurrence};
use dondoc_track::{Date, Period, parse_period, periods};
use proptest::prelude::*;

use crate::d;

fn every(freq: Freq, interval: u32) -> Recurrence {
    Recurrence {
        text: String::new(),
        freq,
        interval,
        quota: None,
    }
}

/// The periods as (key, start, end) in ISO text, for one-line comparisons.
fn show(ps: &[Period]) -> Vec<String> {
    ps.iter()
        .map(|p| format!("{} {}..{}", p.key, p.start, p.end))
        .collect()
}

fn instances(freq: Freq, interval: u32, from: Date, to: Date) -> Vec<String> {
    show(&periods(&every(freq, interval), from, to))
}

#[test]
fn monthly_with_a_partial_first_month() {
    assert_eq!(
        instances(Freq::Monthly, 1, d(2018, 5, 20), d(2018, 8, 5)),
        [
            "2018-05 2018-05-01..2018-05-31",
            "2018-06 2018-06-01..2018-06-30",
            "2018-07 2018-07-01..2018-07-31",
            "2018-08 2018-08-01..2018-08-31",
        ]
    );
}

#[test]
fn february_in_leap_and_common_years() {
    let feb = |y| instances(Freq::Monthly, 1, d(y, 2, 10), d(y, 2, 10));
    assert_eq!(feb(2018), ["2018-02 2018-02-01..2018-02-28"]);
    assert_eq!(feb(2020), ["2020-02 2020-02-01..2020-02-29"]);
    assert_eq!(feb(2000), ["2000-02 2000-02-01..2000-02-29"]);
    assert_eq!(feb(2100), ["2100-02 2100-02-01..2100-02-28"]);
    assert_eq!(
        instances(Freq::Quarterly, 1, d(2024, 1, 1), d(2024, 1, 1)),
        ["2024-Q1 2024-01-01..2024-03-31"]
    );
}

#[test]
fn quarterly_half_yearly_yearly() {
    assert_eq!(
        instances(Freq::Quarterly, 1, d(2018, 2, 15), d(2018, 11, 1)),
        [
            "2018-Q1 2018-01-01..2018-03-31",
            "2018-Q2 2018-04-01..2018-06-30",
            "2018-Q3 2018-07-01..2018-09-30",
            "2018-Q4 2018-10-01..2018-12-31",
        ]
    );
    assert_eq!(
        instances(Freq::HalfYearly, 1, d(2018, 3, 1), d(2019, 1, 1)),
        [
            "2018-H1 2018-01-01..2018-06-30",
            "2018-H2 2018-07-01..2018-12-31",
            "2019-H1 2019-01-01..2019-06-30",
        ]
    );
    assert_eq!(
        instances(Freq::Yearly, 1, d(2018, 6, 1), d(2020, 1, 1)),
        [
            "2018 2018-01-01..2018-12-31",
            "2019 2019-01-01..2019-12-31",
            "2020 2020-01-01..2020-12-31",
        ]
    );
}

#[test]
fn iso_weeks() {
    // 2018-02-14 is a Wednesday in week 7 (12–18 February).
    assert_eq!(
        instances(Freq::Weekly, 1, d(2018, 2, 14), d(2018, 2, 25)),
        [
            "2018-W07 2018-02-12..2018-02-18",
            "2018-W08 2018-02-19..2018-02-25",
        ]
    );
    // 31 December 2018 is a Monday in week 1 of 2019.
    assert_eq!(
        instances(Freq::Weekly, 1, d(2018, 12, 30), d(2019, 1, 1)),
        [
            "2018-W52 2018-12-24..2018-12-30",
            "2019-W01 2018-12-31..2019-01-06",
        ]
    );
    // 2020 has a week 53 that holds New Year's Day 2021.
    assert_eq!(
        instances(Freq::Weekly, 1, d(2021, 1, 1), d(2021, 1, 4)),
        [
            "2020-W53 2020-12-28..2021-01-03",
            "2021-W01 2021-01-04..2021-01-10",
        ]
    );
    // A leap day inside a week.
    assert_eq!(
        instances(Freq::Weekly, 1, d(2024, 2, 29), d(2024, 2, 29)),
        ["2024-W09 2024-02-26..2024-03-03"]
    );
}

#[test]
fn intervals_make_blocks_from_the_first_period() {
    assert_eq!(
        instances(Freq::Monthly, 2, d(2018, 3, 10), d(2018, 8, 1)),
        [
            "2018-03-01..2018-04-30 2018-03-01..2018-04-30",
            "2018-05-01..2018-06-30 2018-05-01..2018-06-30",
            "2018-07-01..2018-08-31 2018-07-01..2018-08-31",
        ]
    );
    assert_eq!(
        instances(Freq::Weekly, 2, d(2018, 2, 14), d(2018, 3, 1)),
        [
            "2018-02-12..2018-02-25 2018-02-12..2018-02-25",
            "2018-02-26..2018-03-11 2018-02-26..2018-03-11",
        ]
    );
    // Interval 0 is read as 1.
    assert_eq!(
        instances(Freq::Quarterly, 0, d(2018, 5, 1), d(2018, 5, 1)),
        ["2018-Q2 2018-04-01..2018-06-30"]
    );
}

#[test]
fn nothing_for_periodic_or_an_empty_range() {
    assert!(instances(Freq::Periodic, 1, d(2018, 1, 1), d(2018, 12, 31)).is_empty());
    assert!(instances(Freq::Monthly, 1, d(2018, 2, 1), d(2018, 1, 31)).is_empty());
}

#[test]
fn the_last_supported_days() {
    assert_eq!(
        instances(Freq::Weekly, 1, d(2200, 12, 31), d(2200, 12, 31)),
        ["2201-W01 2200-12-29..2200-12-31"]
    );
    assert_eq!(
        instances(Freq::Yearly, 3, d(2199, 5, 1), d(2200, 12, 31)),
        ["2199-01-01..2200-12-31 2199-01-01..2200-12-31"]
    );
}

#[test]
fn report_periods() {
    let p = |s| parse_period(s).map(|(a, b)| format!("{a}..{b}"));
    assert_eq!(p("2018").as_deref(), Some("2018-01-01..2018-12-31"));
    assert_eq!(p("2018-Q1").as_deref(), Some("2018-01-01..2018-03-31"));
    assert_eq!(p("2018-Q2").as_deref(), Some("2018-04-01..2018-06-30"));
    assert_eq!(p("2018-Q3").as_deref(), Some("2018-07-01..2018-09-30"));
    assert_eq!(p("2018-Q4").as_deref(), Some("2018-10-01..2018-12-31"));
    assert_eq!(p("2018-H1").as_deref(), Some("2018-01-01..2018-06-30"));
    assert_eq!(p("2018-H2").as_deref(), Some("2018-07-01..2018-12-31"));
    assert_eq!(p("2018-02").as_deref(), Some("2018-02-01..2018-02-28"));
    assert_eq!(p("2020-02").as_deref(), Some("2020-02-01..2020-02-29"));
    assert_eq!(p("2018-12").as_deref(), Some("2018-12-01..2018-12-31"));
    assert_eq!(
        p("2018-01-01..2018-03-31").as_deref(),
        Some("2018-01-01..2018-03-31")
    );
    assert_eq!(
        p("2018-03-05..2018-03-05").as_deref(),
        Some("2018-03-05..2018-03-05")
    );
    assert_eq!(p("2018-W07").as_deref(), Some("2018-02-12..2018-02-18"));
    assert_eq!(p("2019-W01").as_deref(), Some("2018-12-31..2019-01-06"));
    assert_eq!(p("2020-W53").as_deref(), Some("2020-12-28..2021-01-03"));
    // White space and lower case are forgiven.
    assert_eq!(p(" 2018-q2 ").as_deref(), Some("2018-04-01..2018-06-30"));
    assert_eq!(p("2018-h1").as_deref(), Some("2018-01-01..2018-06-30"));
}

#[test]
fn bad_report_periods() {
    for bad in [
        "",
        " ",
        "18",
        "201",
        "20180",
        "201a",
        "abcd",
        "2018-",
        "2018-Q",
        "2018-Q0",
        "2018-Q5",
        "2018-Q12",
        "2018-H0",
        "2018-H3",
        "2018-00",
        "2018-13",
        "2018-123",
        "2018-W00",
        "2018-W53",
        "2018-W100",
        "2018-X1",
        "2018-1-1",
        "2018-+2",
        "+2018",
        "2018..2019",
        "2018-03-31..2018-01-01",
        "2018-02-30..2018-03-01",
        "2018-01-01..",
        "..2018-01-01",
        "02/2018",
        "quý II/2018",
        "1899",
        "2201-Q1",
    ] {
        assert_eq!(parse_period(bad), None, "{bad:?}");
    }
}

fn any_date() -> impl Strategy<Value = Date> {
    (1901i32..=2199, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| {
        Date::new(y, m, day.min(dondoc_extract::date::days_in_month(y, m))).unwrap()
    })
}

fn any_freq() -> impl Strategy<Value = Freq> {
    proptest::sample::select(vec![
        Freq::Weekly,
        Freq::Monthly,
        Freq::Quarterly,
        Freq::HalfYearly,
        Freq::Yearly,
    ])
}

proptest! {
    #[test]
    fn periods_cover_the_range_without_overlap(
        freq in any_freq(),
        interval in 0u32..5,
        a in any_date(),
        span in 0i64..800,
    ) {
        let from = a;
        let to = a.add_days(span).unwrap_or(a);
        let ps = periods(&every(freq, interval), from, to);
        prop_assert!(!ps.is_empty());
        let first = &ps[0];
        let last = &ps[ps.len() - 1];
        prop_assert!(first.start <= from && from <= first.end);
        prop_assert!(last.start <= to && to <= last.end);
        for p in &ps {
            prop_assert!(p.start <= p.end);
            // Every key reads back as the same period.
            prop_assert_eq!(parse_period(&p.key), Some((p.start, p.end)), "{}", &p.key);
        }
        for w in ps.windows(2) {
            prop_assert_eq!(w[0].end.add_days(1), Some(w[1].start));
        }
    }

    #[test]
    fn parse_period_never_panics(s in "\\PC{0,30}") {
        if let Some((a, b)) = parse_period(&s) {
            prop_assert!(a <= b);
        }
    }

    #[test]
    fn parse_period_of_a_month_shape(y in 1900i32..=2200, m in 0u32..15) {
        let got = parse_period(&format!("{y:04}-{m:02}"));
        prop_assert_eq!(got.is_some(), (1..=12).contains(&m));
    }
}
