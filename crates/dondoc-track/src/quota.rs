//! Quotas of recurring obligations ("ít nhất 02 – 04 tin, bài/tháng"): whether a period's count
//! meets them.
//!
//! Rules chosen where the product documents are silent:
//!
//! - The quota is met when the count reaches the minimum ("02 – 04 tin, bài" is met by 2).
//!   The maximum is not a ceiling: producing more is exceeding the requirement, which
//!   [`quota_exceeded`] reports and a rating may reward, never a failure.
//! - A quota with only a maximum is read as that number required; one with neither requires
//!   one item.

use dondoc_extract::model::Quota;

/// The count a period needs: the minimum, else the maximum, else 1.
pub fn quota_required(quota: &Quota) -> u32 {
    quota.min.or(quota.max).unwrap_or(1)
}

/// Whether `count` items in a period meet `quota`.
pub fn quota_met(quota: &Quota, count: u32) -> bool {
    count >= quota_required(quota)
}

/// Whether `count` exceeds what `quota` asks: more than the maximum of a range ("02 – 04":
/// 5 or more), or more than the required number when no range is given.
pub fn quota_exceeded(quota: &Quota, count: u32) -> bool {
    count > quota.max.unwrap_or_else(|| quota_required(quota))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dondoc_extract::model::Per;

    fn quota(min: Option<u32>, max: Option<u32>) -> Quota {
        Quota {
            min,
            max,
            unit: "tin, bài".into(),
            per: Per::Month,
        }
    }

    #[test]
    fn range_is_met_from_its_minimum_and_exceeded_past_its_maximum() {
        let q = quota(Some(2), Some(4));
        let met: Vec<bool> = (0..=5).map(|n| quota_met(&q, n)).collect();
        assert_eq!(met, [false, false, true, true, true, true]);
        let exceeded: Vec<bool> = (0..=5).map(|n| quota_exceeded(&q, n)).collect();
        assert_eq!(exceeded, [false, false, false, false, false, true]);
    }

    #[test]
    fn single_number_is_the_requirement() {
        let q = quota(Some(1), None);
        assert!(!quota_met(&q, 0));
        assert!(quota_met(&q, 1));
        assert!(!quota_exceeded(&q, 1));
        assert!(quota_exceeded(&q, 2));
    }

    #[test]
    fn only_a_maximum_or_nothing() {
        let q = quota(None, Some(3));
        assert_eq!(quota_required(&q), 3);
        assert!(!quota_met(&q, 2));
        assert!(quota_met(&q, 3));
        let q = quota(None, None);
        assert_eq!(quota_required(&q), 1);
        assert!(!quota_met(&q, 0));
        assert!(quota_met(&q, 1));
    }

    #[test]
    fn zero_minimum_is_always_met() {
        assert!(quota_met(&quota(Some(0), Some(2)), 0));
    }
}
