//! NFC, tone placement, white space, markdown markers and page-break joins.

use unicode_normalization::UnicodeNormalization;

use crate::{NormDoc, Para, RawParagraph};

/// Combining tone marks: grave, acute, tilde, hook above, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}' || c == '\u{200b}'
}

/// Moves the tone mark of an open "oa", "oe", "uy" syllable onto its first vowel, so that both
/// placements in use ("hoà"/"hòa", "thuỷ"/"thủy") become one. "qu" is a consonant: "quý" stays.
fn place_tones(nfd: &mut [char]) {
    let n = nfd.len();
    let mut i = 0;
    while i + 2 < n {
        let (a, b, t) = (
            nfd.get(i).copied(),
            nfd.get(i + 1).copied(),
            nfd.get(i + 2).copied(),
        );
        if let (Some(a), Some(b), Some(t)) = (a, b, t) {
            let first = matches!(a, 'o' | 'u' | 'O' | 'U');
            let second = matches!(b, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y');
            let after_q = i > 0 && matches!(nfd.get(i - 1), Some('q' | 'Q'));
            let open = nfd
                .get(i + 3)
                .is_none_or(|c| !(c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(c)));
            if first && second && TONES.contains(&t) && open && !after_q {
                nfd.swap(i + 1, i + 2);
                i += 3;
                continue;
            }
        }
        i += 1;
    }
}

/// NFC with one tone placement and collapsed white space, trimmed. Idempotent.
pub fn normalize_inline(s: &str) -> String {
    let mut nfd: Vec<char> = Vec::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_space(c) || c.is_control() {
            pending_space = !nfd.is_empty();
            continue;
        }
        if ('\u{200c}'..='\u{200f}').contains(&c) {
            continue;
        }
        if pending_space {
            nfd.push(' ');
            pending_space = false;
        }
        nfd.push(c);
    }
    place_tones(&mut nfd);
    nfd.into_iter().nfc().collect()
}

/// What one source line became.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    text: String,
    bold: bool,
    table_row: bool,
}

/// Normalises one line and removes markdown markers; `bold_open` carries a `**` span that
/// continues from the previous line. `None` for a line that is only markup (a table rule).
fn markdown_line(raw: &str, bold_open: &mut bool) -> Option<Line> {
    let s = normalize_inline(raw);
    let mut body = s.as_str();
    let mut heading = false;
    let hashes = body.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && body.get(hashes..hashes + 1) == Some(" ") {
        body = body.get(hashes + 1..).unwrap_or("");
        heading = true;
    }
    // Table rows copied from web tools: "| a | b |".
    if body.starts_with('|') && body.len() > 1 && body.ends_with('|') {
        let cells: Vec<String> = body
            .trim_matches('|')
            .split('|')
            .map(|c| normalize_inline(&c.replace("**", "")))
            .collect();
        let rule = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        if rule {
            return None;
        }
        let text = cells.join(" | ");
        return Some(Line {
            text,
            bold: false,
            table_row: true,
        });
    }
    let mut bullet = "";
    if let Some(rest) = body
        .strip_prefix("* ")
        .or_else(|| body.strip_prefix("+ **"))
    {
        bullet = "- ";
        body = if body.starts_with("+ **") {
            body.get(2..).unwrap_or(rest)
        } else {
            rest
        };
    }
    // Walk the `**` markers: the line is bold as a whole when every visible character is
    // inside a bold span.
    let mut out = String::with_capacity(body.len() + bullet.len());
    out.push_str(bullet);
    let mut all_bold = true;
    let mut any = false;
    let mut rest = body;
    loop {
        let (chunk, next) = match rest.find("**") {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 2..)),
            None => (rest, None),
        };
        if chunk.chars().any(|c| !c.is_whitespace()) {
            any = true;
            if !*bold_open {
                all_bold = false;
            }
        }
        out.push_str(chunk);
        match next {
            Some(n) => {
                *bold_open = !*bold_open;
                rest = n;
            }
            None => break,
        }
    }
    let text = normalize_inline(&out);
    if text.is_empty() {
        return Some(Line {
            text,
            bold: false,
            table_row: false,
        });
    }
    Some(Line {
        text,
        bold: heading || (any && all_bold),
        table_row: false,
    })
}

/// Normalises one line of text for comparisons and for the header: [`normalize_inline`] plus
/// removal of markdown markers.
pub fn normalize_line(raw: &str) -> String {
    let mut open = false;
    markdown_line(raw, &mut open)
        .map(|l| l.text)
        .unwrap_or_default()
}

fn ends_open(text: &str) -> bool {
    match text.chars().last() {
        Some(c) => !matches!(
            c,
            '.' | ':' | ';' | '!' | '?' | '…' | ')' | '”' | '"' | '’' | '*' | '/' | ']'
        ),
        None => false,
    }
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Normalises a document: every paragraph through [`normalize_line`], empty ones dropped, and a
/// paragraph that a page break cut ("trong" / "đó, chú trọng …") joined to the one before.
pub fn normalize_document(raw: &[RawParagraph]) -> NormDoc {
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    let mut bold_open = false;
    for r in raw {
        // A reader's paragraph may still hold line breaks (a text file's soft wraps are not
        // paragraphs, but a DOCX paragraph with <w:br/> is one): treat each as its own line.
        for piece in r.text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            let Some(mut line) = markdown_line(piece, &mut bold_open) else {
                continue;
            };
            if line.text.is_empty() {
                continue;
            }
            line.bold |= r.bold;
            line.table_row |= r.table_row;
            let join = lines.last().is_some_and(|prev: &Line| {
                !prev.table_row
                    && !line.table_row
                    && ends_open(&prev.text)
                    && starts_lower(&line.text)
            });
            match (join, lines.last_mut()) {
                (true, Some(prev)) => {
                    prev.text.push(' ');
                    prev.text.push_str(&line.text);
                    prev.bold &= line.bold;
                }
                _ => lines.push(line),
            }
        }
    }
    let mut doc = NormDoc::default();
    for line in lines {
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        doc.text.push_str(&line.text);
        doc.paras.push(Para {
            start,
            end: doc.text.len(),
            bold: line.bold,
            table_row: line.table_row,
        });
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tone_placements_compare_equal() {
        assert_eq!(normalize_inline("hoà"), normalize_inline("hòa"));
        assert_eq!(normalize_inline("thuỷ"), "thủy");
        assert_eq!(normalize_inline("Uỷ ban"), "Ủy ban");
        assert_eq!(normalize_inline("khoẻ"), "khỏe");
        // Closed syllables and "qu" keep their tone where it is.
        assert_eq!(normalize_inline("hoàng"), "hoàng");
        assert_eq!(normalize_inline("quý"), "quý");
        assert_eq!(normalize_inline("quá"), "quá");
    }

    #[test]
    fn white_space_collapses() {
        assert_eq!(normalize_inline("  a\u{a0}\t b \u{feff}"), "a b");
    }

    #[test]
    fn page_break_paragraphs_join() {
        let doc = NormDoc::from_plain("xây dựng kế hoạch; trong\n\nđó, chú trọng.\n\n- Tiếp theo");
        assert_eq!(
            doc.text,
            "xây dựng kế hoạch; trong đó, chú trọng.\n- Tiếp theo"
        );
        assert_eq!(doc.paras.len(), 2);
    }

    #[test]
    fn markdown_markers_go() {
        let doc = NormDoc::from_plain(
            "### THÔNG BÁO\n* **Thành phần:** Đ/c A\n**T/M BAN\nPHÓ BÍ THƯ**\n| a | b |\n|---|---|\n| c | d |",
        );
        let texts: Vec<&str> = (0..doc.paras.len()).map(|i| doc.para_text(i)).collect();
        assert_eq!(
            texts,
            [
                "THÔNG BÁO",
                "- Thành phần: Đ/c A",
                "T/M BAN",
                "PHÓ BÍ THƯ",
                "a | b",
                "c | d"
            ]
        );
        let bold: Vec<bool> = doc.paras.iter().map(|p| p.bold).collect();
        assert_eq!(bold, [true, false, true, true, false, false]);
        assert!(doc.paras.get(5).is_some_and(|p| p.table_row));
    }

    proptest! {
        #[test]
        fn inline_is_idempotent(s in "\\PC*") {
            let once = normalize_inline(&s);
            prop_assert_eq!(normalize_inline(&once), once.clone());
        }

        #[test]
        fn document_is_idempotent(s in "(\\PC{0,20}\n){0,8}") {
            let once = NormDoc::from_plain(&s);
            let twice = NormDoc::from_plain(&once.text);
            prop_assert_eq!(twice.text, once.text);
        }

        #[test]
        fn paragraphs_index_the_text(s in "\\PC{0,200}") {
            let doc = NormDoc::from_plain(&s);
            for p in &doc.paras {
                prop_assert!(doc.text.get(p.start..p.end).is_some());
            }
        }
    }
}
