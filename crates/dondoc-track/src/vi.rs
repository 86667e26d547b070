//! Vietnamese formatting of dates and numbers for the messages this crate writes.

use crate::Date;

/// "09/02/2018": the way dates are written in Vietnamese administrative texts.
pub(crate) fn date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(date(Date::new(2018, 2, 9).unwrap()), "09/02/2018");
    }
}
