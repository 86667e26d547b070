//! Lower-casing as `str::to_lowercase` does it, faster on Vietnamese text.
//!
//! `str::to_lowercase` looks every non-ASCII character up in a table by binary search; the
//! letters of Vietnamese (Latin-1, a few of Latin Extended-A/B, the block U+1EA0–U+1EFF) map by
//! simple arithmetic instead. Any other character goes through `char::to_lowercase`, and a text
//! holding "Σ" (the one character whose lower case depends on what surrounds it) through
//! `str::to_lowercase`, so the result is always the same.

/// `s.to_lowercase()`, the same string.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    lowercase_runs(s)
}

/// [`lowercase_chars`], copying each run of characters that are their own lower case whole:
/// ASCII bytes are tested as bytes, other characters are decoded and mapped by
/// [`simple_lower`] or the table. Nothing is pushed byte by byte nor validated again.
fn lowercase_runs(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Start of the run of characters not yet copied, all their own lower case.
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                out.push_str(s.get(run..i).unwrap_or(""));
                out.push(char::from(b.to_ascii_lowercase()));
                run = i + 1;
            }
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let n = c.len_utf8();
        match simple_lower(c) {
            Some(l) if l == c => {}
            Some(l) => {
                out.push_str(s.get(run..i).unwrap_or(""));
                out.push(l);
                run = i + n;
            }
            None => {
                let mut lower = c.to_lowercase();
                if lower.len() != 1 || lower.next() != Some(c) {
                    out.push_str(s.get(run..i).unwrap_or(""));
                    out.extend(c.to_lowercase());
                    run = i + n;
                }
            }
        }
        i += n;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out
}

/// `s.to_lowercase()` for a text without "Σ", character by character: what
/// [`lowercase_runs`] must give.
#[cfg(test)]
fn lowercase_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match simple_lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The lower case of `c` when it is one of the characters mapped by arithmetic here.
#[inline]
fn simple_lower(c: char) -> Option<char> {
    let u = u32::from(c);
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x80..=0xBF | 0xD7 | 0xDF..=0xFF => u,
        // Ă Đ Ĩ Ũ Ơ Ư and their small letters.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => u + 1,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => u,
        // Latin Extended Additional from Ạ: capital, small, capital, small …
        0x1EA0..=0x1EFF => u + u32::from(u % 2 == 0),
        // General punctuation: “ ” – … have no case.
        0x2000..=0x206F => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// `s.to_lowercase().starts_with(prefix)` without lowercasing `s` into a new string: the lower
/// case of each character in turn is compared with what is left of `prefix`, up to its end
/// (only "Σ" lowercases differently by what surrounds it: a text reaching one first is
/// lowercased whole).
pub fn lower_starts_with(s: &str, prefix: &str) -> bool {
    let mut rest = prefix.as_bytes();
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if rest.is_empty() {
            return true;
        }
        if c == 'Σ' {
            return s.to_lowercase().starts_with(prefix);
        }
        if let Some(l) = simple_lower(c) {
            let Some(r) = rest.strip_prefix(l.encode_utf8(&mut buf).as_bytes()) else {
                return false;
            };
            rest = r;
        } else {
            for l in c.to_lowercase() {
                let Some(r) = rest.strip_prefix(l.encode_utf8(&mut buf).as_bytes()) else {
                    return false;
                };
                rest = r;
            }
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowercases_as_std_does() {
        for u in 0..=0x10FFFF_u32 {
            if let Some(c) = char::from_u32(u) {
                let s = c.to_string();
                assert_eq!(lowercase(&s), s.to_lowercase(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn texts_lowercase_as_std_does() {
        for s in [
            "",
            "ỦY BAN NHÂN DÂN TỈNH Đắk Lắk",
            "Sở Tài chính; “Giao” – ĐỀ NGHỊ…",
            "ΟΔΟΣ ΣΑ Σ",
            "İstanbul ẞ ǅ Ω K",
            "Thủy Hòa ƯỚC ăn ĩ ũ ơ Ỹ ỿ Ỿ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn run_and_character_lowercasing_agree() {
        let mut all = String::new();
        for u in 0..=0x10FFFF_u32 {
            if let Some(c) = char::from_u32(u).filter(|&c| c != 'Σ') {
                assert_eq!(
                    lowercase_runs(&c.to_string()),
                    lowercase_chars(&c.to_string()),
                    "U+{u:04X}"
                );
                all.push(c);
            }
        }
        assert_eq!(lowercase(&all), all.to_lowercase());
    }

    #[test]
    fn lower_starts_with_agrees_with_lowercasing_all() {
        for s in [
            "",
            "NƠI NHẬN:",
            "Nơi nhận",
            "ΣΣ",
            "İİİ v/v",
            "ĐỐI VỚI Sở",
            "Về việc",
            "V/V",
            "VỀ VIỆC ΣA",
            "KÍNH GỬI ",
            "Kính gửi",
        ] {
            for p in [
                "nơi nhận",
                "σ",
                "ς",
                "i̇",
                "đối với",
                "về ",
                "",
                "v/v",
                "về việc",
                "kính gửi",
            ] {
                assert_eq!(
                    lower_starts_with(s, p),
                    s.to_lowercase().starts_with(p),
                    "{s} {p}"
                );
            }
        }
    }
}
