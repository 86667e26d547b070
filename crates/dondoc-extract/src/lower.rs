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
    match String::from_utf8(lowercase_bytes(s)) {
        Ok(out) => out,
        Err(_) => lowercase_chars(s),
    }
}

/// [`lowercase_chars`] on the UTF-8 bytes: ASCII, Latin-1 and the Vietnamese letters are
/// mapped byte by byte (their lower case has the same length and differs in the last byte
/// only), any other character through [`lowercase_chars`].
fn lowercase_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let b1 = bytes.get(i + 1).copied().unwrap_or(0);
        match b {
            // U+0080–U+00BF have no case.
            0xC2 => {
                out.push(b);
                out.push(b1);
                i += 2;
                continue;
            }
            // U+00C0–U+00FF: capitals U+00C0–U+00DE but U+00D7 map 0x20 up.
            0xC3 => {
                let small = (0x80..=0x9E).contains(&b1) && b1 != 0x97;
                out.push(b);
                out.push(if small { b1 + 0x20 } else { b1 });
                i += 2;
                continue;
            }
            // Ă Đ Ĩ Ũ Ơ Ư (U+0102, U+0110, U+0128, U+0168, U+01A0, U+01AF) and their small
            // letters.
            0xC4 if matches!(b1, 0x82 | 0x83 | 0x90 | 0x91 | 0xA8 | 0xA9) => {
                out.push(b);
                out.push(b1 | 1);
                i += 2;
                continue;
            }
            0xC5 if matches!(b1, 0xA8 | 0xA9) => {
                out.push(b);
                out.push(b1 | 1);
                i += 2;
                continue;
            }
            0xC6 if matches!(b1, 0xA0 | 0xA1) => {
                out.push(b);
                out.push(b1 | 1);
                i += 2;
                continue;
            }
            0xC6 if matches!(b1, 0xAF | 0xB0) => {
                out.push(b);
                out.push(0xB0);
                i += 2;
                continue;
            }
            // Latin Extended Additional U+1EA0–U+1EFF (E1 BA A0 – E1 BB BF): an even code
            // point is a capital, the next its small letter.
            0xE1 if matches!(b1, 0xBA | 0xBB) => {
                let b2 = bytes.get(i + 2).copied().unwrap_or(0);
                if b1 == 0xBB || b2 >= 0xA0 {
                    out.push(b);
                    out.push(b1);
                    out.push(b2 | 1);
                    i += 3;
                    continue;
                }
            }
            // General punctuation U+2000–U+206F (E2 80 80 – E2 81 AF) has no case.
            0xE2 if b1 == 0x80 || (b1 == 0x81 && bytes.get(i + 2).is_some_and(|&x| x <= 0xAF)) => {
                out.extend_from_slice(bytes.get(i..i + 3).unwrap_or(&[]));
                i += 3;
                continue;
            }
            _ => {}
        }
        // Any other character, through the table.
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
        i += c.len_utf8();
    }
    out
}

/// `s.to_lowercase()` for a text without "Σ", character by character.
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

/// `s.to_lowercase().starts_with(prefix)` without lowercasing all of a long `s`: only as many
/// characters as `prefix` has bytes, plus one, are lowercased (every character lowercases to at
/// least one byte, and only "Σ" lowercases differently by what follows it).
pub fn lower_starts_with(s: &str, prefix: &str) -> bool {
    let head_end = s
        .char_indices()
        .nth(prefix.len() + 1)
        .map_or(s.len(), |(i, _)| i);
    let head = s.get(..head_end).unwrap_or(s);
    if head.contains('Σ') {
        return s.to_lowercase().starts_with(prefix);
    }
    lowercase(head).starts_with(prefix)
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
    fn byte_and_character_lowercasing_agree() {
        let mut all = String::new();
        for u in 0..=0x10FFFF_u32 {
            if let Some(c) = char::from_u32(u).filter(|&c| c != 'Σ') {
                assert_eq!(
                    String::from_utf8(lowercase_bytes(&c.to_string())).ok(),
                    Some(lowercase_chars(&c.to_string())),
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
