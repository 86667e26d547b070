//! Vietnamese formatting of dates and numbers for the messages this crate writes.

use crate::Date;

/// "09/02/2018": the way dates are written in Vietnamese administrative texts.
pub(crate) fn date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// A number with at most `decimals` decimals and a decimal comma: "90", "92,5", "0,25".
pub(crate) fn number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('.', ",")
}

/// A share (0.3) as a percentage: "30 %", "33,3 %".
pub(crate) fn percent(share: f64) -> String {
    format!("{} %", number(share * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(date(Date::new(2018, 2, 9).unwrap()), "09/02/2018");
        assert_eq!(number(90.0, 1), "90");
        assert_eq!(number(92.5, 1), "92,5");
        assert_eq!(number(0.25, 2), "0,25");
        assert_eq!(number(100.0, 0), "100");
        assert_eq!(percent(1.0 / 3.0), "33,3 %");
        assert_eq!(percent(0.3), "30 %");
    }
}
