//! Folding for search: lower case, no diacritics, "đ" as "d".

use unicode_normalization::UnicodeNormalization;

/// Lower-cases and strips every diacritic, so "Dân vận" and "dan van", "Đảng" and "dang"
/// compare equal.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Ban Dân vận"), "ban dan van");
        assert_eq!(fold("Đảng ủy"), "dang uy");
        assert_eq!(fold("ĐỒNG"), "dong");
    }
}
