//! The outline of a notice's body: "I./II.", "1./2.", "2.1.", "a)", dashes, "+", "Một là …",
//! bold headings, and the unlabelled paragraphs that continue an item.

use dondoc_text::NormDoc;

/// The kind of label an outline item carries; items of one style are siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Roman,
    Arabic,
    /// "2.1." has depth 2, "2.1.3." depth 3.
    Multi(usize),
    Letter,
    Dash,
    Plus,
    Ordinal,
    Bold,
}

/// One paragraph of the body, placed in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Paragraph index in the document.
    pub para: usize,
    /// Byte offset where the text after the label starts.
    pub start: usize,
    /// Byte offset where the paragraph ends.
    pub end: usize,
    /// The label's style, or `None` for a paragraph that continues the item before it.
    pub style: Option<Style>,
    /// The label as written without its punctuation ("II", "2.1", "a", "-").
    pub label: String,
    /// The item this paragraph belongs to: for a labelled paragraph its parent item, for a
    /// continuation the item it continues. Indices into the node list.
    pub parent: Option<usize>,
    /// Labelled nodes under this one.
    pub children: Vec<usize>,
    /// The outline path ("II.3", "III.1.-2").
    pub path: String,
}

const ROMAN: [&str; 15] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
];
const ORDINALS: [&str; 10] = [
    "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười",
];

/// Reads the label at the start of a paragraph: its style, its text, and the byte length of
/// the label with the space after it.
pub fn label_of(text: &str, bold: bool) -> Option<(Style, String, usize)> {
    let first = text.chars().next()?;
    if matches!(first, '-' | '–' | '—' | '•' | '*' | '\u{f0b7}' | '·') {
        let n = first.len_utf8();
        let rest = text.get(n..)?;
        // A lone "*" is the star under a Party issuer, "-" alone a rule: not items.
        if rest.trim().is_empty() {
            return None;
        }
        let skip = n + (rest.len() - rest.trim_start().len());
        return Some((Style::Dash, "-".into(), skip));
    }
    if first == '+' {
        let rest = text.get(1..)?;
        return Some((
            Style::Plus,
            "+".into(),
            1 + rest.len() - rest.trim_start().len(),
        ));
    }
    for (i, w) in ORDINALS.iter().enumerate() {
        if let Some(rest) = text.strip_prefix(w)
            && let Some(r) = rest.strip_prefix(" là")
        {
            let r2 = r.trim_start_matches([',', ':', ' ']);
            return Some((Style::Ordinal, (i + 1).to_string(), text.len() - r2.len()));
        }
    }
    // Alphanumeric label up to its punctuation.
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let after = text.get(head.len()..).unwrap_or("");
    let tail_ok = |s: &str| s.is_empty() || s.starts_with(' ');
    let stripped = head.trim_end_matches('.');
    if !stripped.is_empty()
        && ROMAN.contains(&stripped)
        && (head.ends_with('.') || after.starts_with(" -") || after.starts_with(')'))
    {
        let after = after.strip_prefix(')').unwrap_or(after);
        let after = after.trim_start_matches([' ', '-', '–']);
        return Some((Style::Roman, stripped.into(), text.len() - after.len()));
    }
    let parts: Vec<&str> = stripped.split('.').collect();
    let numeric = !parts.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    if numeric {
        let after_paren = after.strip_prefix(')');
        let ok = (head.ends_with('.') && tail_ok(after))
            || (parts.len() > 1 && tail_ok(after))
            || after_paren.is_some_and(tail_ok);
        if ok {
            let rest = after_paren.unwrap_or(after).trim_start();
            let style = if parts.len() == 1 {
                Style::Arabic
            } else {
                Style::Multi(parts.len())
            };
            return Some((style, stripped.into(), text.len() - rest.len()));
        }
    }
    // "a)" or "a." with a single lower-case letter (đ included).
    let mut chars = text.chars();
    if let (Some(c), Some(p)) = (chars.next(), chars.next())
        && (c.is_ascii_lowercase() || c == 'đ')
        && (p == ')' || p == '.')
    {
        let rest = chars.as_str();
        if tail_ok(rest) {
            let rest = rest.trim_start();
            return Some((Style::Letter, c.to_string(), text.len() - rest.len()));
        }
    }
    if bold && text.chars().count() < 160 && !text.ends_with('.') {
        return Some((Style::Bold, String::new(), 0));
    }
    None
}

/// Places the paragraphs `from..to` of `doc` in an outline.
pub fn build(doc: &NormDoc, from: usize, to: usize) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    // The open items, outermost first: (style, node index).
    let mut stack: Vec<(Style, usize)> = Vec::new();
    let mut dash_count: Vec<usize> = Vec::new();
    for para in from..to {
        let Some(p) = doc.paras.get(para) else { break };
        let text = doc.para_text(para);
        let idx = nodes.len();
        match label_of(text, p.bold) {
            Some((style, label, skip)) => {
                if style == Style::Roman {
                    stack.clear();
                } else if let Some(pos) = stack.iter().rposition(|(s, _)| *s == style) {
                    stack.truncate(pos);
                }
                let parent = stack.last().map(|(_, i)| *i);
                let siblings = parent.and_then(|i| nodes.get(i)).map_or_else(
                    || {
                        nodes
                            .iter()
                            .filter(|n| n.parent.is_none() && n.style == Some(style))
                            .count()
                    },
                    |n| {
                        n.children
                            .iter()
                            .filter(|&&c| nodes.get(c).is_some_and(|c| c.style == Some(style)))
                            .count()
                    },
                );
                dash_count.push(siblings);
                let own = match style {
                    Style::Dash => format!("-{}", siblings + 1),
                    Style::Plus => format!("+{}", siblings + 1),
                    Style::Bold => format!("b{}", siblings + 1),
                    Style::Multi(_) => label.clone(),
                    _ => label.clone(),
                };
                let path = match (style, parent.and_then(|i| nodes.get(i))) {
                    // "2.1" already carries its parent's number.
                    (Style::Multi(_), Some(par))
                        if par.style == Some(Style::Arabic)
                            || matches!(par.style, Some(Style::Multi(_))) =>
                    {
                        let up = par
                            .parent
                            .and_then(|i| nodes.get(i))
                            .map(|n| n.path.clone());
                        up.map_or(own.clone(), |u| format!("{u}.{own}"))
                    }
                    (_, Some(par)) => format!("{}.{own}", par.path),
                    (_, None) => own,
                };
                if let Some(par) = parent.and_then(|i| nodes.get_mut(i)) {
                    par.children.push(idx);
                }
                nodes.push(Node {
                    para,
                    start: p.start + skip.min(p.end - p.start),
                    end: p.end,
                    style: Some(style),
                    label,
                    parent,
                    children: Vec::new(),
                    path,
                });
                stack.push((style, idx));
            }
            None => {
                let parent = stack.last().map(|(_, i)| *i);
                let path = parent
                    .and_then(|i| nodes.get(i))
                    .map_or_else(String::new, |n| n.path.clone());
                nodes.push(Node {
                    para,
                    start: p.start,
                    end: p.end,
                    style: None,
                    label: String::new(),
                    parent,
                    children: Vec::new(),
                    path,
                });
            }
        }
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        let doc = NormDoc::from_plain(text);
        build(&doc, 0, doc.paras.len())
            .iter()
            .map(|n| n.path.clone())
            .collect()
    }

    #[test]
    fn labels() {
        assert_eq!(
            label_of("II. Nhiệm vụ chung", false).map(|l| l.0),
            Some(Style::Roman)
        );
        assert_eq!(
            label_of("2.1. Tiếp tục", false).map(|l| l.0),
            Some(Style::Multi(2))
        );
        assert_eq!(
            label_of("3. Huyện đoàn", false).map(|l| (l.0, l.1)),
            Some((Style::Arabic, "3".into()))
        );
        assert_eq!(
            label_of("a) Sở Nội vụ", false).map(|l| l.0),
            Some(Style::Letter)
        );
        assert_eq!(label_of("- Gom mục", false).map(|l| l.2), Some(2));
        assert_eq!(
            label_of("Hai là, tăng cường", false).map(|l| l.0),
            Some(Style::Ordinal)
        );
        assert_eq!(label_of("15/3/2026 là hạn", false), None);
        assert_eq!(label_of("2018 là năm", false), None);
        assert_eq!(label_of("Tiếp tục", false), None);
    }

    #[test]
    fn nesting() {
        let text =
            "I. Chung\n1. Một\n- a\n- b\nTiếp theo.\n2. Hai\n2.1. Con\nII. Riêng\n1. Ba\na) x\n+ y";
        assert_eq!(
            paths(text),
            [
                "I",
                "I.1",
                "I.1.-1",
                "I.1.-2",
                "I.1.-2",
                "I.2",
                "I.2.1",
                "II",
                "II.1",
                "II.1.a",
                "II.1.a.+1"
            ]
        );
    }
}
