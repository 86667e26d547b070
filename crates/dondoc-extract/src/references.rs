//! Citations of other documents: "Kết luận số 64-KL/HU ngày 16/11/2017",
//! "Quyết định số 217, 218-QĐ/TW" (two documents), "Nghị quyết số 68/NQ-CP, ngày 01/7/2021".

use crate::date::find_dates;
use crate::header::fix_symbol;
use crate::model::Reference;

/// Type abbreviations that open a symbol ("KL" in "KL/HU", "NQ" in "NQ-CP").
const TYPES: &[&str] = &[
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "GM", "GGT", "KL", "CV", "CTHĐ", "BS", "TT", "NĐ", "TTLT", "QyC", "TB",
];

/// The type words a citation starts with, and their abbreviation.
const WORDS: &[(&str, &str)] = &[
    ("thông báo kết luận", "TB"),
    ("chương trình hành động", "CTr"),
    ("kết luận", "KL"),
    ("nghị quyết", "NQ"),
    ("quyết định", "QĐ"),
    ("chỉ thị", "CT"),
    ("thông báo", "TB"),
    ("kế hoạch", "KH"),
    ("công văn", "CV"),
    ("văn bản", "CV"),
    ("báo cáo", "BC"),
    ("thông tư", "TT"),
    ("thông tri", "TT"),
    ("nghị định", "NĐ"),
    ("luật", "Luật"),
    ("hướng dẫn", "HD"),
    ("quy chế", "QC"),
    ("quy định", "QĐ"),
    ("chương trình", "CTr"),
    ("tờ trình", "TTr"),
    ("đề án", "ĐA"),
    ("công điện", "CĐ"),
    ("biên bản", "BB"),
    ("giấy mời", "GM"),
];

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every other document cited in `text`, once each (first citation), in order; `own` is the
/// notice's own reference ("77-KL/HU"), which is not listed.
pub fn find_references(text: &str, own: Option<&str>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    if !text.contains('/') {
        return out;
    }
    // numbers ("217, 218"), optional year, separator, symbol with at least one inner separator.
    let re = crate::regex!(
        r"(?:^|[^\p{L}\p{N}/.\-])((?:\d{1,5}\s*,\s*)*)(\d{1,5})\s*(/\s*(?:19|20)\d{2}\s*)?([/\-])\s*([A-ZĐƯ][A-Za-zĐđƯư&]*\d*(?:\s*[/\-]\s*[A-ZĐƯ][A-Za-zĐđƯư&0-9]*)*)"
    );
    let own_key = own.map(key);
    let mut seen: Vec<String> = own_key.into_iter().collect();
    for c in re.captures_iter(text) {
        let (Some(num), Some(sep), Some(sym)) = (c.get(2), c.get(4), c.get(5)) else {
            continue;
        };
        let year = c.get(3).map(|m| fix_symbol(m.as_str()));
        let symbol = fix_symbol(sym.as_str());
        let sep = sep.as_str();
        // A symbol needs an inner separator ("KL/HU", "NQ-CP") unless a year came first
        // ("97/2025/QH15").
        if year.is_none() && !symbol.contains(['/', '-']) {
            continue;
        }
        if symbol.chars().filter(|ch| ch.is_uppercase()).count() < 2 {
            continue;
        }
        let start = c
            .get(1)
            .filter(|m| !m.as_str().is_empty())
            .unwrap_or(num)
            .start();
        let end = sym.end();
        // The citing words before the number.
        let before = text.get(start.saturating_sub(80)..start).unwrap_or("");
        let before = text
            .get(floor_char(text, start.saturating_sub(80))..start)
            .unwrap_or(before);
        let (word_start, word_kind) = citing_word(before, start);
        let mut numbers: Vec<String> = c
            .get(1)
            .map(|m| {
                m.as_str()
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        numbers.push(num.as_str().to_string());
        // Numbers listed before the last only count when a citing word introduces them.
        if numbers.len() > 1 && word_start.is_none() {
            numbers = numbers.split_off(numbers.len() - 1);
        }
        let first_part = symbol.split(['/', '-']).next().unwrap_or("");
        let kind = if TYPES.contains(&first_part) {
            Some(first_part.to_string())
        } else {
            word_kind.map(str::to_string)
        };
        // The date that follows: "ngày 16/11/2017", ", ngày 01/7/2021".
        let after = text.get(end..floor_char(text, end + 60)).unwrap_or("");
        let date_re = crate::regex!(r"^\s*,?\s*(?:ban hành\s+)?ngày\s");
        let (issued_on, text_end) = match date_re.find(after) {
            Some(m) => match find_dates(after, None)
                .into_iter()
                .find(|w| w.start <= m.end() + 1)
            {
                Some(w) => (Some(w.date), end + w.end),
                None => (None, end),
            },
            None => (None, end),
        };
        let cite_start = word_start.unwrap_or(start);
        let cite = text.get(cite_start..text_end).unwrap_or("");
        let cite = cite.split_whitespace().collect::<Vec<_>>().join(" ");
        for n in numbers {
            let reference = match &year {
                Some(y) => format!("{n}/{}/{symbol}", y.trim_start_matches('/')),
                None => format!("{n}{sep}{symbol}"),
            };
            let k = key(&reference);
            if seen.contains(&k) {
                continue;
            }
            seen.push(k);
            out.push(Reference {
                text: cite.clone(),
                kind: kind.clone(),
                reference: Some(reference),
                issued_on,
            });
        }
    }
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The citing word right before a number ("Kết luận số", "Nghị định"), as (byte start in the
/// whole text, abbreviation).
fn citing_word(before: &str, abs_end: usize) -> (Option<usize>, Option<&'static str>) {
    let lower = crate::lower::lowercase(before);
    // Only when lower-casing kept byte offsets (true for Vietnamese letters in NFC).
    if lower.len() != before.len() {
        return (None, None);
    }
    let trimmed = lower.trim_end();
    let trimmed = trimmed
        .strip_suffix("số")
        .map(str::trim_end)
        .unwrap_or(trimmed);
    let trimmed = trimmed
        .strip_suffix("liên tịch")
        .map(str::trim_end)
        .unwrap_or(trimmed);
    for (w, k) in WORDS {
        if trimmed.ends_with(w) {
            let pos = trimmed.len() - w.len();
            let ok = lower
                .get(..pos)
                .and_then(|s| s.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            if ok {
                return (Some(abs_end - before.len() + pos), Some(k));
            }
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refs(s: &str, own: Option<&str>) -> Vec<(String, Option<String>, Option<String>)> {
        find_references(s, own)
            .into_iter()
            .map(|r| {
                (
                    r.reference.unwrap_or_default(),
                    r.kind,
                    r.issued_on.map(|d| d.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn party_and_state_citations() {
        let r = refs(
            "Căn cứ Kết luận số 12-KL/HU ngày 03/4/2023 của Huyện ủy Hòa Bình Xanh; Nghị quyết số 45/NQ-CP, ngày 01/7/2022 của Chính phủ; Luật số 97/2025/QH15; Nghị định 32/2024/NĐ-CP; Thông tư 19/2025/TT-BNNMT; Công văn số 4643/VPCP-CN.",
            None,
        );
        assert_eq!(
            r,
            vec![
                (
                    "12-KL/HU".into(),
                    Some("KL".into()),
                    Some("2023-04-03".into())
                ),
                (
                    "45/NQ-CP".into(),
                    Some("NQ".into()),
                    Some("2022-07-01".into())
                ),
                ("97/2025/QH15".into(), Some("Luật".into()), None),
                ("32/2024/NĐ-CP".into(), Some("NĐ".into()), None),
                ("19/2025/TT-BNNMT".into(), Some("TT".into()), None),
                ("4643/VPCP-CN".into(), Some("CV".into()), None),
            ]
        );
    }

    #[test]
    fn two_documents_one_suffix_and_own() {
        let r = refs(
            "Số 77-KL/HU. Thực hiện Quyết định số 217, 218-QĐ/TW của Bộ Chính trị và Kết luận 77-KL/HU; Quyết định số 217-QĐ/TW.",
            Some("77-KL/HU"),
        );
        let names: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["217-QĐ/TW", "218-QĐ/TW"]);
    }

    #[test]
    fn spaced_and_wrapped() {
        let r = refs(
            "Chương trình hành động số 31-\nCTr/TW ngày 28/7/2026 và Kết luận số 5 -KL/TƯ",
            None,
        );
        let names: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["31-CTr/TW", "5-KL/TU"]);
        assert!(refs("ngày 15/3/2024, mục 2.1, Lưu VT (TB-2026)", None).is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,120}") {
            let _ = find_references(&s, Some("1/TB-UBND"));
        }
    }
}
