//! How alike two texts are, for linking a proposal raised again at a later meeting to the
//! earlier one.
//!
//! The measure is the Jaccard index of the sets of words (Vietnamese syllables) after folding
//! case and diacritics with [`dondoc_text::fold`]: "Đề nghị hỗ trợ kinh phí" and "de nghi ho
//! tro kinh phi" are identical. Words are runs of letters and digits; punctuation separates
//! them and repeated words count once. Two texts without any word are not alike (0.0): there
//! is nothing to link on. The measure is symmetric and lies in `[0, 1]`.

use std::collections::BTreeSet;

fn words(s: &str) -> BTreeSet<String> {
    dondoc_text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The token Jaccard similarity of `a` and `b`, in `[0, 1]`.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    // Word counts of a text are far below 2^52: the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let ratio = shared as f64 / union as f64;
    ratio
}

#[cfg(test)]
mod tests {
    use super::similarity;
    use proptest::prelude::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(
            similarity("Đề nghị hỗ trợ kinh phí", "de nghi HO TRO kinh phi."),
            1.0
        );
    }

    #[test]
    fn shares_words() {
        // {de, nghi, ho, tro, kinh, phi} vs {de, nghi, bo, sung, kinh, phi}: 4 shared of 8.
        assert_eq!(
            similarity("Đề nghị hỗ trợ kinh phí", "Đề nghị bổ sung kinh phí"),
            0.5
        );
        assert_eq!(similarity("xây dựng nông thôn mới", "chuyển đổi số"), 0.0);
    }

    #[test]
    fn repeated_words_count_once() {
        assert_eq!(similarity("hội hội hội nông dân", "hội nông dân"), 1.0);
    }

    #[test]
    fn empty_texts_are_not_alike() {
        assert_eq!(similarity("", ""), 0.0);
        assert_eq!(similarity(" ,.; ", "—"), 0.0);
        assert_eq!(similarity("", "kinh phí"), 0.0);
    }

    proptest! {
        #[test]
        fn symmetric_and_bounded(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            let s = similarity(&a, &b);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, similarity(&b, &a));
        }

        #[test]
        fn a_text_with_words_is_like_itself(a in "[a-zà-ỹ ]{0,30}[a-z][a-zà-ỹ ]{0,30}") {
            prop_assert_eq!(similarity(&a, &a), 1.0);
        }
    }
}
