//! The legacy Vietnamese 8-bit encodings: TCVN3 (ABC, .VnTime fonts), VNI, Windows-1258.
//!
//! The byte tables are written here from the published layouts of the encodings, as rows of
//! "base vowel × tone" so that they can be read and checked by eye; a test compares them with the
//! reference tables in `../shared/corpus/formats/tables` when those are present.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Windows1258,
}

impl LegacyEncoding {
    /// The contract's name of the encoding.
    pub fn as_str(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Windows1258 => "windows-1258",
        }
    }

    /// All legacy encodings, in the order detection tries them.
    pub const ALL: [LegacyEncoding; 3] = [
        LegacyEncoding::Tcvn3,
        LegacyEncoding::Vni,
        LegacyEncoding::Windows1258,
    ];
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31b}';
const DOT: char = '\u{323}';

/// The five tones in the order of the TCVN3 rows below: grave, hook above, tilde, acute, dot below.
const TCVN3_TONE_ORDER: [char; 5] = [GRAVE, HOOK, TILDE, ACUTE, DOT];

/// TCVN3 gives every toned lowercase vowel one byte. The toned capitals have no code of their
/// own in TCVN3 ABC: documents show them with the same byte in an upper-case font (.VnTimeH).
const TCVN3_TONED: [(char, [u8; 5]); 12] = [
    ('a', [0xb5, 0xb6, 0xb7, 0xb8, 0xb9]),
    ('ă', [0xbb, 0xbc, 0xbd, 0xbe, 0xc6]),
    ('â', [0xc7, 0xc8, 0xc9, 0xca, 0xcb]),
    ('e', [0xcc, 0xce, 0xcf, 0xd0, 0xd1]),
    ('ê', [0xd2, 0xd3, 0xd4, 0xd5, 0xd6]),
    ('i', [0xd7, 0xd8, 0xdc, 0xdd, 0xde]),
    ('o', [0xdf, 0xe1, 0xe2, 0xe3, 0xe4]),
    ('ô', [0xe5, 0xe6, 0xe7, 0xe8, 0xe9]),
    ('ơ', [0xea, 0xeb, 0xec, 0xed, 0xee]),
    ('u', [0xef, 0xf1, 0xf2, 0xf3, 0xf4]),
    ('ư', [0xf5, 0xf6, 0xf7, 0xf8, 0xf9]),
    ('y', [0xfa, 0xfb, 0xfc, 0xfd, 0xfe]),
];

/// The untoned letters outside ASCII, which TCVN3 does give capitals.
const TCVN3_LETTERS: [(char, u8); 14] = [
    ('Ă', 0xa1),
    ('Â', 0xa2),
    ('Ê', 0xa3),
    ('Ô', 0xa4),
    ('Ơ', 0xa5),
    ('Ư', 0xa6),
    ('Đ', 0xa7),
    ('ă', 0xa8),
    ('â', 0xa9),
    ('ê', 0xaa),
    ('ô', 0xab),
    ('ơ', 0xac),
    ('ư', 0xad),
    ('đ', 0xae),
];

/// Typographic symbols that both TCVN3 and VNI fonts keep where Windows-1252 has them.
const SYMBOLS: [(char, u8); 18] = [
    ('€', 0x80),
    ('₡', 0x82),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('‰', 0x89),
    ('‹', 0x8b),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('›', 0x9b),
];

/// VNI letters that take one byte (lowercase; the capital is the byte minus 0x20).
const VNI_SINGLE: [(char, u8); 9] = [
    ('ì', 0xec),
    ('í', 0xed),
    ('ĩ', 0xf3),
    ('ỉ', 0xe6),
    ('ị', 0xf2),
    ('ỵ', 0xee),
    ('đ', 0xf1),
    ('ơ', 0xf4),
    ('ư', 0xf6),
];

/// VNI diacritic bytes that follow a base letter (lowercase; the capital's mark is the byte minus
/// 0x20), as the combining marks they stand for.
const VNI_MARKS: [(u8, &str); 17] = [
    (0xf8, "\u{300}"),
    (0xf9, "\u{301}"),
    (0xfb, "\u{309}"),
    (0xf5, "\u{303}"),
    (0xef, "\u{323}"),
    (0xe2, "\u{302}"),
    (0xea, "\u{306}"),
    (0xe0, "\u{302}\u{300}"),
    (0xe1, "\u{302}\u{301}"),
    (0xe5, "\u{302}\u{309}"),
    (0xe3, "\u{302}\u{303}"),
    (0xe4, "\u{302}\u{323}"),
    (0xe8, "\u{306}\u{300}"),
    (0xe9, "\u{306}\u{301}"),
    (0xfa, "\u{306}\u{309}"),
    (0xfc, "\u{306}\u{303}"),
    (0xeb, "\u{306}\u{323}"),
];

/// Composes a base letter with one combining mark, or returns the base when they do not compose.
fn compose(base: char, mark: char) -> char {
    let mut it = [base, mark].into_iter().nfc();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// The decoding and encoding tables, built once from the constants above.
struct Tables {
    tcvn3_decode: [char; 256],
    tcvn3_encode: HashMap<char, u8>,
    /// Which bytes are toned lowercase vowels.
    tcvn3_toned_bytes: [bool; 256],
    vni_decode: [char; 256],
    /// (base letter, mark byte) to the composed letter.
    vni_compose: HashMap<(char, u8), char>,
    vni_single_encode: HashMap<char, u8>,
    symbol_encode: HashMap<char, u8>,
    w1258_encode: HashMap<char, u8>,
    w1252_encode: HashMap<char, u8>,
}

fn latin1_table() -> [char; 256] {
    let mut t = ['\0'; 256];
    for (slot, b) in t.iter_mut().zip(0u8..=255) {
        *slot = char::from(b);
    }
    t
}

fn set(table: &mut [char; 256], byte: u8, c: char) {
    if let Some(slot) = table.get_mut(usize::from(byte)) {
        *slot = c;
    }
}

/// Reverse table of a single-byte encoding_rs encoding, for its high half.
fn reverse_single_byte(enc: &'static encoding_rs::Encoding) -> HashMap<char, u8> {
    let mut map = HashMap::new();
    for b in 0x80u8..=0xff {
        let one = [b];
        let (s, _, had_errors) = enc.decode(&one);
        let mut chars = s.chars();
        if let (false, Some(c), None) = (had_errors, chars.next(), chars.next()) {
            map.entry(c).or_insert(b);
        }
    }
    map
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tcvn3_decode = latin1_table();
        let mut tcvn3_encode = HashMap::new();
        let mut vni_decode = latin1_table();
        let mut symbol_encode = HashMap::new();
        for (c, b) in SYMBOLS {
            set(&mut tcvn3_decode, b, c);
            set(&mut vni_decode, b, c);
            symbol_encode.insert(c, b);
        }
        for (c, b) in TCVN3_LETTERS {
            set(&mut tcvn3_decode, b, c);
            tcvn3_encode.insert(c, b);
        }
        for (base, bytes) in TCVN3_TONED {
            for (tone, b) in TCVN3_TONE_ORDER.into_iter().zip(bytes) {
                let lower = compose(base, tone);
                set(&mut tcvn3_decode, b, lower);
                tcvn3_encode.insert(lower, b);
                // Capitals are written with the lowercase byte, as the reference table does.
                for upper in lower.to_uppercase() {
                    tcvn3_encode.entry(upper).or_insert(b);
                }
            }
        }
        let mut tcvn3_toned_bytes = [false; 256];
        for b in TCVN3_TONED.iter().flat_map(|(_, bytes)| bytes) {
            if let Some(slot) = tcvn3_toned_bytes.get_mut(usize::from(*b)) {
                *slot = true;
            }
        }
        let mut vni_single_encode = HashMap::new();
        for (c, b) in VNI_SINGLE {
            set(&mut vni_decode, b, c);
            vni_single_encode.insert(c, b);
            let upper_b = b - 0x20;
            for upper in c.to_uppercase() {
                set(&mut vni_decode, upper_b, upper);
                vni_single_encode.insert(upper, upper_b);
            }
        }
        let mut vni_compose = HashMap::new();
        for base in "aeiouyơưAEIOUYƠƯ".chars() {
            for (b, marks) in VNI_MARKS {
                if !vni_mark_fits(base, marks) {
                    continue;
                }
                let composed: String = std::iter::once(base).chain(marks.chars()).nfc().collect();
                let mut it = composed.chars();
                if let (Some(c), None) = (it.next(), it.next()) {
                    // Real files mix the cases of letter and mark, so both mark bytes compose.
                    vni_compose.insert((base, b), c);
                    vni_compose.insert((base, b - 0x20), c);
                }
            }
        }
        Tables {
            tcvn3_decode,
            tcvn3_encode,
            tcvn3_toned_bytes,
            vni_decode,
            vni_compose,
            vni_single_encode,
            symbol_encode,
            w1258_encode: reverse_single_byte(encoding_rs::WINDOWS_1258),
            w1252_encode: reverse_single_byte(encoding_rs::WINDOWS_1252),
        }
    })
}

/// Converts legacy bytes to Unicode text (NFC).
pub fn decode_legacy(bytes: &[u8], enc: LegacyEncoding) -> String {
    match enc {
        LegacyEncoding::Tcvn3 => decode_tcvn3(bytes),
        LegacyEncoding::Vni => decode_vni(bytes),
        LegacyEncoding::Windows1258 => {
            let (s, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
            s.nfc().collect()
        }
    }
}

/// What a TCVN3 byte is, for restoring capitals.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Upper,
    Lower,
    /// A toned lowercase vowel, which TCVN3 ABC cannot tell from its capital.
    Ambiguous,
    Other,
}

fn tcvn3_class(b: u8) -> ByteClass {
    match b {
        b'A'..=b'Z' | 0xa1..=0xa7 => ByteClass::Upper,
        b'a'..=b'z' | 0xa8..=0xae => ByteClass::Lower,
        _ if tables().tcvn3_toned_bytes.get(usize::from(b)) == Some(&true) => ByteClass::Ambiguous,
        _ => ByteClass::Other,
    }
}

/// Decodes TCVN3 and restores the capitals TCVN3 ABC cannot write: a toned vowel inside a word
/// written in capitals ("LµO" is "LÀO"), or in a line written in capitals, is a capital too.
/// It works on the bytes, where the ambiguity is plain, in a few linear passes.
fn decode_tcvn3(bytes: &[u8]) -> String {
    let t = tables();
    let classes: Vec<ByteClass> = bytes.iter().map(|&b| tcvn3_class(b)).collect();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let line_end = bytes
            .iter()
            .skip(line_start)
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |p| line_start + p);
        let line = bytes.get(line_start..line_end).unwrap_or_default();
        let cls = classes.get(line_start..line_end).unwrap_or_default();
        decode_tcvn3_line(line, cls, &t.tcvn3_decode, &mut out);
        if let Some(&sep) = bytes.get(line_end) {
            out.push(char::from(sep));
        }
        line_start = line_end + 1;
    }
    out
}

fn decode_tcvn3_line(line: &[u8], cls: &[ByteClass], table: &[char; 256], out: &mut String) {
    let count = |cs: &[ByteClass], k: ByteClass| cs.iter().filter(|&&c| c == k).count();
    let upper = count(cls, ByteClass::Upper);
    let lower = count(cls, ByteClass::Lower);
    let line_caps = upper >= 3 && lower * 10 <= upper;
    let mut i = 0;
    while i < line.len() {
        let letter = |j: usize| cls.get(j).is_some_and(|&c| c != ByteClass::Other);
        let end = if letter(i) {
            (i..line.len()).find(|&j| !letter(j)).unwrap_or(line.len())
        } else {
            i + 1
        };
        let word = cls.get(i..end).unwrap_or_default();
        let w_upper = count(word, ByteClass::Upper);
        let caps = count(word, ByteClass::Ambiguous) > 0
            && count(word, ByteClass::Lower) == 0
            && (w_upper >= 2 || (line_caps && (w_upper >= 1 || lower == 0)));
        for (&b, &c) in line.get(i..end).unwrap_or_default().iter().zip(word) {
            let ch = table.get(usize::from(b)).copied().unwrap_or('?');
            if caps && c == ByteClass::Ambiguous {
                out.extend(ch.to_uppercase());
            } else {
                out.push(ch);
            }
        }
        i = end;
    }
}

/// Whether a VNI mark may follow this letter: tones go on any vowel, the circumflex on a, e, o,
/// the breve on a only.
fn vni_mark_fits(base: char, marks: &str) -> bool {
    let lower = base.to_lowercase().next().unwrap_or(base);
    let vowel = matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư');
    if marks.starts_with(CIRCUMFLEX) {
        matches!(lower, 'a' | 'e' | 'o')
    } else if marks.starts_with(BREVE) {
        lower == 'a'
    } else {
        vowel
    }
}

fn decode_vni(bytes: &[u8]) -> String {
    let t = tables();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    // The letter a mark byte may attach to; cleared once a mark is attached, since VNI puts at
    // most one mark byte after a letter. Composition uses a precomputed table rather than NFC
    // over the whole text, which keeps huge files fast.
    let mut base: Option<char> = None;
    for &b in bytes {
        // Only bytes 0xc0 and above are marks; checking that first skips the hash lookup for
        // the ASCII letters that make up most of a text.
        let composed = base
            .filter(|_| b >= 0xc0)
            .and_then(|prev| t.vni_compose.get(&(prev, b)));
        if let Some(&composed) = composed {
            out.pop();
            out.push(composed);
            base = None;
            continue;
        }
        let c = t.vni_decode.get(usize::from(b)).copied().unwrap_or('?');
        out.push(c);
        base = c.is_alphabetic().then_some(c);
    }
    out
}

/// Converts Unicode text to legacy bytes (for tests and fixtures); characters the encoding
/// cannot hold become `?`.
pub fn encode_legacy(text: &str, enc: LegacyEncoding) -> Vec<u8> {
    let t = tables();
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        match enc {
            LegacyEncoding::Tcvn3 => {
                let b = t.tcvn3_encode.get(&c).or_else(|| t.symbol_encode.get(&c));
                out.push(b.copied().unwrap_or(b'?'));
            }
            LegacyEncoding::Vni => encode_vni_char(c, &mut out),
            LegacyEncoding::Windows1258 => encode_1258_char(c, &mut out),
        }
    }
    out
}

fn encode_vni_char(c: char, out: &mut Vec<u8>) {
    let t = tables();
    if let Some(&b) = t
        .vni_single_encode
        .get(&c)
        .or_else(|| t.symbol_encode.get(&c))
    {
        out.push(b);
        return;
    }
    let mut parts = c.nfd();
    let Some(base) = parts.next() else {
        out.push(b'?');
        return;
    };
    let marks: Vec<char> = parts.collect();
    let upper = base.is_uppercase();
    let shift = if upper { 0x20 } else { 0 };
    // A horn letter is a VNI single byte that the tone then follows.
    let (lead, rest): (Option<u8>, Vec<char>) = if marks.first() == Some(&HORN) {
        let horned = compose(base, HORN);
        (
            t.vni_single_encode.get(&horned).copied(),
            marks.iter().skip(1).copied().collect(),
        )
    } else if base.is_ascii_alphabetic() {
        (Some(base as u8), marks)
    } else {
        (None, marks)
    };
    let Some(lead) = lead else {
        out.push(b'?');
        return;
    };
    if rest.is_empty() {
        out.push(lead);
        return;
    }
    let wanted: String = rest.iter().collect();
    let mark = VNI_MARKS
        .iter()
        .find(|(_, m)| m.nfd().eq(wanted.chars()))
        .map(|(b, _)| b - shift);
    match mark {
        Some(m) => {
            out.push(lead);
            out.push(m);
        }
        None => out.push(b'?'),
    }
}

fn encode_1258_char(c: char, out: &mut Vec<u8>) {
    let t = tables();
    if let Some(&b) = t.w1258_encode.get(&c) {
        out.push(b);
        return;
    }
    // Windows-1258 writes most toned letters as a base letter and a combining tone byte.
    let mut base = String::new();
    let mut tone = None;
    for m in c.nfd() {
        if matches!(m, GRAVE | ACUTE | TILDE | HOOK | DOT) {
            tone = Some(m);
        } else {
            base.push(m);
        }
    }
    let base: String = base.nfc().collect();
    let mut chars = base.chars();
    let base_byte = match (chars.next(), chars.next()) {
        (Some(b), None) if b.is_ascii() => Some(b as u8),
        (Some(b), None) => t.w1258_encode.get(&b).copied(),
        _ => None,
    };
    let tone_byte = match tone {
        Some(m) => t.w1258_encode.get(&m).copied().map(Some),
        None => Some(None),
    };
    match (base_byte, tone_byte) {
        (Some(b), Some(m)) => {
            out.push(b);
            out.extend(m);
        }
        _ => out.push(b'?'),
    }
}

/// How Vietnamese a text looks: how many of its words are valid Vietnamese syllables.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Score {
    /// Words that are valid syllables.
    pub valid: usize,
    /// Words counted (tokens with a letter and no digit).
    pub total: usize,
    /// Valid words that carry a Vietnamese diacritic, the evidence an encoding guess is right.
    pub marked: usize,
}

impl Score {
    /// The share of valid words, 0 when there are none.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.valid as f64 / self.total as f64
        }
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || c == '\u{a0}'
}

/// Scores a text (only its first `limit` words, so that huge files stay fast).
pub(crate) fn vietnamese_score(text: &str, limit: usize) -> Score {
    let mut s = Score::default();
    for tok in text
        .split(is_separator)
        .filter(|t| !t.is_empty())
        .take(limit)
    {
        if tok.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        s.total += 1;
        if is_syllable(tok) {
            s.valid += 1;
            if !tok.is_ascii() {
                s.marked += 1;
            }
        }
    }
    s
}

const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vowel groups that end a syllable by themselves.
const OPEN_NUCLEI: [&str; 44] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo",
    "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "uê", "ui", "uơ", "ưa", "ưi", "ưu", "uy",
    "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
];

/// Vowel groups that take a final consonant.
const CLOSED_NUCLEI: [&str; 22] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "uâ",
    "uê", "uô", "ươ", "uyê",
];

const FINALS: [&str; 8] = ["ng", "nh", "ch", "c", "m", "n", "p", "t"];

/// Whether a word is one Vietnamese syllable (or a plain ASCII word, which any encoding keeps).
fn is_syllable(word: &str) -> bool {
    let mut tones = 0;
    let mut bare = String::with_capacity(word.len());
    for c in word.nfd().flat_map(char::to_lowercase) {
        if matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT) {
            tones += 1;
        } else {
            bare.push(c);
        }
    }
    if tones > 1 {
        return false;
    }
    let bare: String = bare.nfc().collect();
    if bare.is_ascii() && tones == 0 {
        // Plain ASCII words (names, abbreviations, "Covid") say nothing about the encoding, but
        // they are not evidence against it either.
        return bare.chars().all(|c| c.is_ascii_alphabetic());
    }
    INITIALS.iter().any(|init| {
        bare.strip_prefix(init).is_some_and(|rest| {
            OPEN_NUCLEI.contains(&rest)
                || FINALS.iter().any(|fin| {
                    rest.strip_suffix(fin)
                        .is_some_and(|nuc| CLOSED_NUCLEI.contains(&nuc))
                })
        })
    })
}

/// Maps text to the bytes a legacy font saw: Latin-1 and Windows-1252 characters back to their
/// byte, and runs of them decoded with the legacy table; other characters are kept.
fn redecode_font_text(text: &str, enc: LegacyEncoding) -> String {
    let t = tables();
    let mut out = String::with_capacity(text.len() + 16);
    let mut run: Vec<u8> = Vec::new();
    for c in text.chars() {
        let byte = if (c as u32) < 0x100 {
            u8::try_from(c as u32).ok()
        } else {
            t.w1252_encode.get(&c).copied()
        };
        match byte {
            Some(b) => run.push(b),
            None => {
                out.push_str(&decode_legacy(&run, enc));
                run.clear();
                out.push(c);
            }
        }
    }
    out.push_str(&decode_legacy(&run, enc));
    out
}

/// Repairs text that a DOCX or PDF holds in a legacy font (.VnTime for TCVN3, VNI-Times for
/// VNI): the characters are right for the font but wrong as Unicode ("Th\u{00f4}ng b\u{00b8}o"). Returns
/// the Unicode text and the encoding when the text looks like such mojibake, else `None`.
pub fn repair_font_text(text: &str) -> Option<(String, LegacyEncoding)> {
    if !text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return None;
    }
    let limit = 20_000;
    let original = vietnamese_score(text, limit);
    if original.ratio() >= 0.8 {
        return None;
    }
    let mut best: Option<(String, LegacyEncoding, Score)> = None;
    for enc in [LegacyEncoding::Tcvn3, LegacyEncoding::Vni] {
        let fixed = redecode_font_text(text, enc);
        let score = vietnamese_score(&fixed, limit);
        if best
            .as_ref()
            .is_none_or(|(_, _, b)| score.ratio() > b.ratio())
        {
            best = Some((fixed, enc, score));
        }
    }
    let (fixed, enc, score) = best?;
    let much_better = score.ratio() >= original.ratio() + 0.2 && score.ratio() >= 0.7;
    (much_better && score.marked > original.marked).then_some((fixed, enc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FICTIONAL: &str = "Thông báo kết luận của đồng chí Lý Văn Khởi, Chủ tịch xã Hòa Lạc: \
        giao Phòng Kinh tế hoàn thành trước ngày 15 tháng 8 năm 2031; ưu tiên đường Tư Hữu.";

    fn shared() -> Option<std::path::PathBuf> {
        let p = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
        if p.is_dir() {
            Some(p.to_path_buf())
        } else {
            println!("note: ../shared is absent, skipping");
            None
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .filter_map(|i| s.get(2 * i..2 * i + 2))
            .filter_map(|h| u8::from_str_radix(h, 16).ok())
            .collect()
    }

    #[test]
    fn tcvn3_bytes_decode() {
        // "Th«ng b¸o" is the .VnTime spelling of "Thông báo".
        assert_eq!(
            decode_legacy(b"Th\xabng b\xb8o", LegacyEncoding::Tcvn3),
            "Thông báo"
        );
        assert_eq!(
            decode_legacy(b"\xa7\xe9c l\xcbp", LegacyEncoding::Tcvn3),
            "Độc lập"
        );
    }

    #[test]
    fn tcvn3_restores_capitals_in_upper_case_words() {
        // TCVN3 ABC has no toned capitals: "TH¤NG B¸O" is written with a lowercase "á".
        let s = decode_legacy(
            b"TH\xa4NG B\xb8O X\xb7 H\xdfA L\xb9C",
            LegacyEncoding::Tcvn3,
        );
        assert_eq!(s, "THÔNG BÁO XÃ HÒA LẠC");
        assert_eq!(
            decode_legacy(b"T\xb8 qu\xb8", LegacyEncoding::Tcvn3),
            "Tá quá"
        );
    }

    #[test]
    fn vni_combining_sequences_decode() {
        assert_eq!(decode_legacy(b"Thoa\xf9", LegacyEncoding::Vni), "Thoá");
        assert_eq!(
            decode_legacy(b"Vie\xe4t Nam", LegacyEncoding::Vni),
            "Việt Nam"
        );
        assert_eq!(
            decode_legacy(b"\xd1o\xe0ng ch\xed", LegacyEncoding::Vni),
            "Đồng chí"
        );
        assert_eq!(decode_legacy(b"H\xd6\xd5U", LegacyEncoding::Vni), "HỮU");
        assert_eq!(
            decode_legacy(b"tr\xf6\xf4\xf9c", LegacyEncoding::Vni),
            "trước"
        );
        // A mark byte with no vowel before it stays the Latin-1 character.
        assert_eq!(decode_legacy(b"\xf9", LegacyEncoding::Vni), "ù");
    }

    #[test]
    fn every_encoding_round_trips_a_fictional_notice() {
        for enc in LegacyEncoding::ALL {
            let bytes = encode_legacy(FICTIONAL, enc);
            assert!(!bytes.contains(&b'?'), "{enc:?}");
            assert_eq!(decode_legacy(&bytes, enc), FICTIONAL, "{enc:?}");
        }
    }

    #[test]
    fn unencodable_becomes_question_mark() {
        assert_eq!(encode_legacy("a中b", LegacyEncoding::Tcvn3), b"a?b");
        assert_eq!(encode_legacy("ç", LegacyEncoding::Vni), b"?");
        assert_eq!(encode_legacy("中", LegacyEncoding::Windows1258), b"?");
    }

    #[test]
    fn repairs_vntime_and_vni_font_text() {
        let tcvn3: String = encode_legacy(FICTIONAL, LegacyEncoding::Tcvn3)
            .iter()
            .map(|&b| char::from(b))
            .collect();
        assert_eq!(
            repair_font_text(&tcvn3),
            Some((FICTIONAL.to_string(), LegacyEncoding::Tcvn3))
        );
        let vni_bytes = encode_legacy(FICTIONAL, LegacyEncoding::Vni);
        let (vni, _, _) = encoding_rs::WINDOWS_1252.decode(&vni_bytes);
        assert_eq!(
            repair_font_text(&vni),
            Some((FICTIONAL.to_string(), LegacyEncoding::Vni))
        );
        assert_eq!(repair_font_text(FICTIONAL), None);
        assert_eq!(repair_font_text("Thông báo số 12"), None);
        assert_eq!(repair_font_text("plain ascii text"), None);
    }

    #[test]
    fn score_prefers_vietnamese() {
        assert!(vietnamese_score(FICTIONAL, 100).ratio() > 0.95);
        let wrong = decode_legacy(
            &encode_legacy(FICTIONAL, LegacyEncoding::Vni),
            LegacyEncoding::Tcvn3,
        );
        assert!(vietnamese_score(&wrong, 100).ratio() < 0.8, "{wrong}");
    }

    /// Entries crosscheck.txt marks as disputed between the sources, as (char, encoding).
    fn disputed(text: &str) -> Vec<(char, &'static str)> {
        let mut out = Vec::new();
        let mut section = "";
        for line in text.lines() {
            if line.starts_with("== TCVN3") {
                section = "tcvn3";
            } else if line.starts_with("== VNI") {
                section = "vni";
            } else if let (true, Some(c)) = (
                line.contains("differs") && !section.is_empty(),
                line.chars().next(),
            ) {
                out.push((c, section));
            }
        }
        out
    }

    #[test]
    fn tables_agree_with_reference_json() {
        let Some(shared) = shared() else { return };
        let dir = shared.join("corpus/formats/tables");
        let cross = std::fs::read_to_string(dir.join("crosscheck.txt")).unwrap_or_default();
        let disputed = disputed(&cross);
        for (file, enc, name) in [
            ("tcvn3.json", LegacyEncoding::Tcvn3, "tcvn3"),
            ("vni.json", LegacyEncoding::Vni, "vni"),
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                println!("note: {file} absent, skipping");
                continue;
            };
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
                unreachable!("{file} is not JSON");
            };
            let mut checked = 0;
            let mut mismatches = Vec::new();
            let empty = serde_json::Map::new();
            let encode = json
                .get("encode")
                .and_then(|v| v.as_object())
                .unwrap_or(&empty);
            for (ch, bytes) in encode {
                let got = hex(&encode_legacy(ch, enc));
                let Some(want) = bytes.as_str() else { continue };
                checked += 1;
                let c = ch.chars().next().unwrap_or(' ');
                if got != want && !disputed.contains(&(c, name)) {
                    mismatches.push(format!("encode {ch}: ours {got}, reference {want}"));
                }
            }
            let decode = json
                .get("decode")
                .and_then(|v| v.as_object())
                .unwrap_or(&empty);
            for (bytes, ch) in decode {
                let Some(want) = ch.as_str() else { continue };
                let got = decode_legacy(&unhex(bytes), enc);
                checked += 1;
                if got != want {
                    mismatches.push(format!("decode {bytes}: ours {got}, reference {want}"));
                }
            }
            println!(
                "{name}: {checked} reference entries checked, {} disputed allowed",
                disputed.len()
            );
            assert!(checked > 100, "{name}: too few entries");
            assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");
        }
    }

    /// Vietnamese letters a legacy encoding can hold, with spaces and punctuation.
    fn vietnamese_chars(enc: LegacyEncoding) -> Vec<char> {
        let lower = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let mut chars: Vec<char> = lower.chars().collect();
        for c in lower.chars() {
            let upper = c.to_uppercase().next().unwrap_or(c);
            // TCVN3 ABC holds only the untoned capitals.
            if enc != LegacyEncoding::Tcvn3
                || tables()
                    .tcvn3_encode
                    .get(&c)
                    .is_none_or(|&b| tcvn3_class(b) != ByteClass::Ambiguous)
            {
                chars.push(upper);
            }
        }
        chars.extend(" ,.;:-()/\"'".chars());
        chars
    }

    proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            for enc in LegacyEncoding::ALL {
                let _ = decode_legacy(&bytes, enc);
            }
            let _ = repair_font_text(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn round_trip(idx in proptest::collection::vec(any::<prop::sample::Index>(), 0..60)) {
            for enc in LegacyEncoding::ALL {
                let chars = vietnamese_chars(enc);
                let s: String = idx.iter().map(|i| *i.get(&chars)).collect();
                let back = decode_legacy(&encode_legacy(&s, enc), enc);
                if enc == LegacyEncoding::Tcvn3 {
                    // Capital restoration may raise a toned vowel inside an all-caps word,
                    // which is what such a word means in a TCVN3 document.
                    prop_assert_eq!(back.to_lowercase(), s.to_lowercase());
                } else {
                    prop_assert_eq!(back, s);
                }
            }
        }
    }
}
