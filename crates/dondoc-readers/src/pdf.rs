//! The PDF reader: the text layer of each page, put back into lines and paragraphs.
//!
//! lopdf parses the file and decodes content streams; the text operators are interpreted here
//! so that every piece of text keeps its position and width. Characters come from the font's
//! `ToUnicode` CMap (parsed here: lopdf prefers `/Encoding` over it, which loses Vietnamese
//! letters in fonts that have both), else from the font's encoding. Lines are rebuilt from
//! baselines, and lines wrapped at the right margin are joined into paragraphs by geometry.
//! Page numbers and running headers and footers are dropped. Every call into lopdf runs under
//! `catch_unwind`: a panic in the library on a hostile file becomes [`ReadError::InvalidPdf`].

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::{Format, Limits, RawParagraph, ReadDoc, ReadError};

/// Pages read at most; the rest of a longer file is ignored.
const MAX_PAGES: usize = 2000;
/// Content bytes decoded per page at most.
const MAX_PAGE_CONTENT: usize = 32 * 1024 * 1024;
/// Text operations interpreted per page at most.
const MAX_OPS: usize = 2_000_000;

/// Reads pdf bytes into paragraphs.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<ReadDoc, ReadError> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::InvalidPdf("không có phần đầu %PDF".to_string()));
    }
    let pages = catch_unwind(AssertUnwindSafe(|| extract(bytes, limits)))
        .map_err(|_| ReadError::InvalidPdf("thư viện PDF gặp lỗi khi đọc tệp".to_string()))??;
    let mut paragraphs = layout(pages);
    if paragraphs.is_empty() {
        return Err(ReadError::NeedsOcr);
    }
    let encoding = crate::docx::repair_legacy(&mut paragraphs);
    Ok(ReadDoc {
        format: Format::Pdf,
        encoding,
        paragraphs,
    })
}

// ---------------------------------------------------------------------------------------------
// Text extraction with positions

/// A piece of text drawn in one go, in page space (points, y up).
#[derive(Debug, Clone)]
struct Span {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    bold: bool,
}

/// One page's text pieces and its width.
#[derive(Debug, Default)]
struct Page {
    spans: Vec<Span>,
}

fn extract(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, ReadError> {
    let doc = Document::load_mem(bytes).map_err(|e| ReadError::InvalidPdf(e.to_string()))?;
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().take(MAX_PAGES).collect();
    if page_ids.is_empty() {
        return Err(ReadError::InvalidPdf("tệp không có trang nào".to_string()));
    }
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut text_bytes = 0usize;
    let mut fonts_cache: HashMap<ObjectId, Font> = HashMap::new();
    for id in page_ids {
        let page = read_page(&doc, id, &mut fonts_cache);
        text_bytes = text_bytes.saturating_add(page.spans.iter().map(|s| s.text.len()).sum());
        if text_bytes > limits.max_text_bytes {
            return Err(ReadError::TooLarge {
                limit: limits.max_text_bytes,
            });
        }
        pages.push(page);
    }
    Ok(pages)
}

/// What is needed of a font to turn codes into text and advances.
#[derive(Debug, Clone, Default)]
struct Font {
    /// Bytes per character code (1 for simple fonts, 2 for Identity-H composite fonts).
    code_len: usize,
    to_unicode: HashMap<u32, String>,
    /// Characters of the font's encoding, for fonts without `ToUnicode`.
    fallback: HashMap<u32, String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    bold: bool,
}

impl Font {
    fn decode(&self, code: u32) -> String {
        if let Some(s) = self.to_unicode.get(&code) {
            return s.clone();
        }
        if let Some(s) = self.fallback.get(&code) {
            return s.clone();
        }
        if self.code_len == 1 {
            // Latin-1 is the best guess for a byte the font does not describe.
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        String::new()
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            / 1000.0
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn load_font(doc: &Document, dict: &Dictionary) -> Font {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let base = dict
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).to_lowercase())
        .unwrap_or_default();
    let mut font = Font {
        code_len: if subtype == b"Type0" { 2 } else { 1 },
        bold: base.contains("bold") || base.contains("black") || base.contains("heavy"),
        default_width: 1000.0,
        ..Font::default()
    };
    if let Ok(Object::Stream(s)) = dict.get(b"ToUnicode").map(|o| deref(doc, o)) {
        let data = s
            .get_plain_content_with_limit(4 * 1024 * 1024)
            .unwrap_or_default();
        font.to_unicode = parse_cmap(&data);
    }
    if subtype == b"Type0" {
        font.default_width = 1000.0;
        let desc = dict
            .get(b"DescendantFonts")
            .map(|o| deref(doc, o))
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(desc) = desc {
            if let Some(dw) = desc.get(b"DW").ok().and_then(number) {
                font.default_width = dw;
            }
            if let Ok(Object::Array(w)) = desc.get(b"W").map(|o| deref(doc, o)) {
                cid_widths(doc, w, &mut font.widths);
            }
            if let Some(fd) = desc
                .get(b"FontDescriptor")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
            {
                font.bold |= fd
                    .get(b"FontWeight")
                    .ok()
                    .and_then(number)
                    .is_some_and(|w| w >= 600.0);
            }
        }
    } else {
        let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
        if let Ok(Object::Array(ws)) = dict.get(b"Widths").map(|o| deref(doc, o)) {
            for (i, w) in ws.iter().enumerate() {
                if let Some(w) = number(deref(doc, w)) {
                    font.widths.insert(first.saturating_add(i as u32), w);
                }
            }
        }
        font.default_width = dict
            .get(b"FontDescriptor")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| fd.get(b"MissingWidth").ok().and_then(number))
            .unwrap_or(500.0);
        if font.to_unicode.len() < 256 {
            // Characters the CMap does not cover come from the font's own encoding.
            if let Ok(enc) = dict.get_font_encoding(doc) {
                for code in 0u32..256 {
                    if font.to_unicode.contains_key(&code) {
                        continue;
                    }
                    if let Ok(s) = enc.bytes_to_string(&[code as u8])
                        && !s.is_empty()
                        && s != "\u{fffd}"
                    {
                        font.fallback.insert(code, s);
                    }
                }
            }
        }
    }
    font
}

/// The `W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while let Some(first) = w.get(i).map(|o| deref(doc, o)).and_then(number) {
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(v) {
                        out.insert((first as u32).saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (number(last), w.get(i + 2).and_then(number)) else {
                    break;
                };
                let (a, b) = (first as u32, (last as u32).min(first as u32 + 65_536));
                for c in a..=b {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(data);
    let mut tokens: Vec<String> = Vec::new();
    // Tokenise: <hex>, [, ], and words.
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let mut hex = String::from("<");
                for d in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                    if !d.is_whitespace() {
                        hex.push(d);
                    }
                }
                tokens.push(hex);
            }
            '[' | ']' => tokens.push(c.to_string()),
            '%' => {
                for d in chars.by_ref() {
                    if d == '\n' || d == '\r' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {}
            _ => {
                let mut w = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '<' | '[' | ']') {
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                tokens.push(w);
            }
        }
    }
    let hex = |t: &str| -> Option<u32> {
        let h = t.strip_prefix('<')?;
        if h.is_empty() || h.len() > 8 {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    };
    let utf16 = |t: &str| -> Option<String> {
        let h = t.strip_prefix('<')?;
        let units: Vec<u16> = h
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .filter_map(|c| u16::from_str_radix(c, 16).ok())
            .collect();
        Some(String::from_utf16_lossy(&units))
    };
    let mut map = HashMap::new();
    let mut i = 0;
    let mut mode = "";
    while let Some(t) = tokens.get(i) {
        match t.as_str() {
            "beginbfchar" => mode = "char",
            "beginbfrange" => mode = "range",
            "endbfchar" | "endbfrange" => mode = "",
            _ if mode == "char" => {
                if let (Some(code), Some(dst)) = (hex(t), tokens.get(i + 1).and_then(|d| utf16(d)))
                {
                    map.insert(code, dst);
                    i += 1;
                }
            }
            _ if mode == "range" => {
                let (Some(lo), Some(hi)) = (hex(t), tokens.get(i + 1).and_then(|d| hex(d))) else {
                    i += 1;
                    continue;
                };
                let hi = hi.min(lo.saturating_add(65_535));
                match tokens.get(i + 2).map(String::as_str) {
                    Some("[") => {
                        let mut k = i + 3;
                        let mut code = lo;
                        while let Some(d) = tokens.get(k) {
                            if d == "]" {
                                break;
                            }
                            if let Some(s) = utf16(d)
                                && code <= hi
                            {
                                map.insert(code, s);
                                code += 1;
                            }
                            k += 1;
                        }
                        i = k;
                    }
                    Some(dst) => {
                        if let Some(h) = dst.strip_prefix('<') {
                            let units: Vec<u16> = h
                                .as_bytes()
                                .chunks(4)
                                .filter_map(|c| std::str::from_utf8(c).ok())
                                .filter_map(|c| u16::from_str_radix(c, 16).ok())
                                .collect();
                            for (n, code) in (lo..=hi).enumerate() {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(n as u16);
                                }
                                map.insert(code, String::from_utf16_lossy(&u));
                            }
                        }
                        i += 2;
                    }
                    None => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

/// A 2D affine matrix [a b c d e f].
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    let [a, b, c, d, e, f] = *m;
    let [a2, b2, c2, d2, e2, f2] = *n;
    [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
}

fn operands(op: &lopdf::content::Operation) -> Vec<f32> {
    op.operands.iter().filter_map(number).collect()
}

fn matrix_of(v: &[f32]) -> Option<Matrix> {
    match v {
        [a, b, c, d, e, f] => Some([*a, *b, *c, *d, *e, *f]),
        _ => None,
    }
}

/// The text state while a page's content runs.
struct State {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<ObjectId>,
    font_key: Vec<u8>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

fn read_page(doc: &Document, page: ObjectId, cache: &mut HashMap<ObjectId, Font>) -> Page {
    let mut out = Page::default();
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    // Font resources by name, to the object that holds the font (for the cache).
    let mut by_name: HashMap<Vec<u8>, ObjectId> = HashMap::new();
    let mut inline: HashMap<Vec<u8>, Font> = HashMap::new();
    let resources = page_font_refs(doc, page);
    for (name, dict) in &fonts {
        match resources.get(name) {
            Some(id) => {
                by_name.insert(name.clone(), *id);
                cache.entry(*id).or_insert_with(|| load_font(doc, dict));
            }
            None => {
                inline.insert(name.clone(), load_font(doc, dict));
            }
        }
    }
    let Ok(content) = doc.get_page_content_with_limit(page, MAX_PAGE_CONTENT) else {
        return out;
    };
    let mut st = State {
        ctm: IDENTITY,
        tm: IDENTITY,
        tlm: IDENTITY,
        font: None,
        font_key: Vec::new(),
        size: 12.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        render: 0,
    };
    let mut stack: Vec<Matrix> = Vec::new();
    for op in Content::decode_iter(&content).take(MAX_OPS) {
        let Ok(op) = op else { break };
        let v = operands(&op);
        match op.operator.as_str() {
            // Bounded: a hostile stream of "q" must not grow memory without end.
            "q" if stack.len() < 1024 => stack.push(st.ctm),
            "Q" => {
                if let Some(m) = stack.pop() {
                    st.ctm = m;
                }
            }
            "cm" => {
                if let Some(m) = matrix_of(&v) {
                    st.ctm = mul(&m, &st.ctm);
                }
            }
            "BT" => {
                st.tm = IDENTITY;
                st.tlm = IDENTITY;
            }
            "Tf" => {
                if let Some(Object::Name(n)) = op.operands.first() {
                    st.font = by_name.get(n).copied();
                    st.font_key = n.clone();
                }
                if let Some(s) = v.last() {
                    st.size = *s;
                }
            }
            "Tc" => st.char_spacing = v.first().copied().unwrap_or(0.0),
            "Tw" => st.word_spacing = v.first().copied().unwrap_or(0.0),
            "Tz" => st.scale = v.first().copied().unwrap_or(100.0) / 100.0,
            "TL" => st.leading = v.first().copied().unwrap_or(0.0),
            "Ts" => st.rise = v.first().copied().unwrap_or(0.0),
            "Tr" => st.render = v.first().copied().unwrap_or(0.0) as i64,
            "Td" | "TD" => {
                if let [tx, ty] = v.as_slice() {
                    if op.operator == "TD" {
                        st.leading = -ty;
                    }
                    st.tlm = mul(&[1.0, 0.0, 0.0, 1.0, *tx, *ty], &st.tlm);
                    st.tm = st.tlm;
                }
            }
            "Tm" => {
                if let Some(m) = matrix_of(&v) {
                    st.tlm = m;
                    st.tm = m;
                }
            }
            "T*" => next_line(&mut st),
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator == "'" {
                    next_line(&mut st);
                }
                if op.operator == "\"" {
                    if let [aw, ac, ..] = v.as_slice() {
                        st.word_spacing = *aw;
                        st.char_spacing = *ac;
                    }
                    next_line(&mut st);
                }
                let font = match st.font {
                    Some(id) => cache.get(&id),
                    None => inline.get(&st.font_key),
                };
                let Some(font) = font else { continue };
                let items: Vec<&Object> = match op.operands.last() {
                    Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
                    Some(o) => vec![o],
                    None => continue,
                };
                show(&mut st, font, &items, &mut out.spans);
            }
            _ => {}
        }
    }
    out
}

/// The font resources of a page by name, to their object ids.
fn page_font_refs(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, ObjectId> {
    let mut out = HashMap::new();
    let Ok((inline, ids)) = doc.get_page_resources(page) else {
        return out;
    };
    let mut dicts: Vec<&Dictionary> = inline.into_iter().collect();
    dicts.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
    for res in dicts {
        let Ok(fonts) = res
            .get(b"Font")
            .map(|o| deref(doc, o))
            .and_then(Object::as_dict)
        else {
            continue;
        };
        for (name, o) in fonts.iter() {
            if let Object::Reference(id) = o {
                out.entry(name.clone()).or_insert(*id);
            }
        }
    }
    out
}

fn next_line(st: &mut State) {
    st.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &st.tlm);
    st.tm = st.tlm;
}

/// Draws the strings of a `Tj`/`TJ`, advancing the text matrix, and records spans.
fn show(st: &mut State, font: &Font, items: &[&Object], spans: &mut Vec<Span>) {
    let trm = mul(&st.tm, &st.ctm);
    let size_scale = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
    let size = (st.size * size_scale).abs();
    let start = point(&mul(&[1.0, 0.0, 0.0, 1.0, 0.0, st.rise], &trm));
    let mut text = String::new();
    for item in items {
        match item {
            Object::String(bytes, _) => {
                let step = font.code_len.max(1);
                for chunk in bytes.chunks(step) {
                    let code = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
                    let s = font.decode(code);
                    let w0 = font.width(code);
                    let mut adv = w0 * st.size + st.char_spacing;
                    if step == 1 && code == 32 {
                        adv += st.word_spacing;
                    }
                    text.push_str(&s);
                    st.tm = mul(&[1.0, 0.0, 0.0, 1.0, adv * st.scale, 0.0], &st.tm);
                }
            }
            other => {
                if let Some(n) = number(other) {
                    let adv = -n / 1000.0 * st.size;
                    // A wide negative kern is how some producers draw a space.
                    if n < -200.0 && !text.ends_with(' ') && !text.is_empty() {
                        text.push(' ');
                    }
                    st.tm = mul(&[1.0, 0.0, 0.0, 1.0, adv * st.scale, 0.0], &st.tm);
                }
            }
        }
    }
    let end = point(&mul(&st.tm, &st.ctm));
    // Invisible text (render mode 3) is the OCR layer of scans or hidden text: still text.
    if text.trim().is_empty() && text.is_empty() {
        return;
    }
    let (x0, x1) = if end.0 >= start.0 {
        (start.0, end.0)
    } else {
        (end.0, start.0)
    };
    spans.push(Span {
        x0,
        x1,
        y: start.1,
        size: if size > 0.1 { size } else { 10.0 },
        text,
        bold: font.bold || st.render == 2,
    });
}

fn point(m: &Matrix) -> (f32, f32) {
    (m[4], m[5])
}

// ---------------------------------------------------------------------------------------------
// Lines and paragraphs

#[derive(Debug, Clone)]
struct Line {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    bold: bool,
    /// Pieces far apart on the line: cells of a table or a two-column header.
    columns: bool,
}

/// Groups a page's spans into lines, top to bottom.
fn lines_of(page: &Page) -> Vec<Line> {
    let mut spans: Vec<&Span> = page
        .spans
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect();
    spans.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Span>> = Vec::new();
    for s in spans {
        match groups.last_mut() {
            Some(g)
                if g.first()
                    .is_some_and(|f| (f.y - s.y).abs() <= 0.35 * f.size.max(s.size)) =>
            {
                g.push(s)
            }
            _ => groups.push(vec![s]),
        }
    }
    let mut lines = Vec::new();
    for mut g in groups {
        g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut text = String::new();
        let mut columns = false;
        let mut prev_x1: Option<f32> = None;
        let size = g.iter().map(|s| s.size).fold(0.0f32, f32::max);
        for s in &g {
            if let Some(px) = prev_x1 {
                let gap = s.x0 - px;
                if gap > 6.0 * size {
                    text.push_str(" | ");
                    columns = true;
                } else if gap > 0.15 * size && !text.ends_with(' ') && !s.text.starts_with(' ') {
                    text.push(' ');
                }
            }
            text.push_str(&s.text);
            prev_x1 = Some(prev_x1.map_or(s.x1, |p: f32| p.max(s.x1)));
        }
        let first = g.first();
        lines.push(Line {
            x0: first.map_or(0.0, |s| s.x0),
            x1: prev_x1.unwrap_or(0.0),
            y: first.map_or(0.0, |s| s.y),
            size,
            text: text.trim().to_string(),
            bold: g.iter().all(|s| s.bold || s.text.trim().is_empty()),
            columns,
        });
    }
    lines
}

/// A line that is only a page number: "3", "- 3 -", "Trang 3", "3/10".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let t = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .unwrap_or(t);
    !t.is_empty()
        && t.len() <= 12
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// The key of a line for spotting running headers and footers: digits masked, position rounded.
fn running_key(l: &Line) -> (String, i32) {
    let t: String = l
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    (t, (l.y / 4.0).round() as i32)
}

/// A line that starts with an outline label: "1.", "2.1.", "a)", "I.", "-", "+", "•".
fn starts_with_label(text: &str) -> bool {
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    if matches!(first, "-" | "+" | "•" | "–" | "*") {
        return true;
    }
    if let Some(body) = first.strip_suffix('.').or_else(|| first.strip_suffix(')')) {
        if body.is_empty() {
            return false;
        }
        let digits = body
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        let roman =
            first.ends_with('.') && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
        let letter = first.ends_with(')')
            && body.chars().count() == 1
            && body.chars().all(char::is_alphabetic);
        return digits || roman || letter;
    }
    false
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

fn layout(pages: Vec<Page>) -> Vec<RawParagraph> {
    let mut page_lines: Vec<Vec<Line>> = pages.iter().map(lines_of).collect();
    let n_pages = page_lines.len();
    // Running headers and footers: the same line at the same height on most pages.
    if n_pages >= 2 {
        let mut counts: HashMap<(String, i32), usize> = HashMap::new();
        for lines in &page_lines {
            let mut seen = std::collections::HashSet::new();
            for l in lines {
                let k = running_key(l);
                if seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
        let need = (n_pages * 3).div_ceil(5).max(2);
        for lines in &mut page_lines {
            lines.retain(|l| counts.get(&running_key(l)).is_none_or(|&c| c < need));
        }
    }
    // Page numbers: a number alone as the first or last line of a page.
    for lines in &mut page_lines {
        if lines.last().is_some_and(|l| is_page_number(&l.text)) {
            lines.pop();
        }
        if lines.first().is_some_and(|l| is_page_number(&l.text)) {
            lines.remove(0);
        }
    }
    // Margins and line spacing of the body text, over the whole document.
    let all: Vec<&Line> = page_lines.iter().flatten().filter(|l| !l.columns).collect();
    let left = median(all.iter().map(|l| l.x0).collect()).unwrap_or(0.0);
    let left = all
        .iter()
        .map(|l| l.x0)
        .filter(|&x| x >= left - 40.0)
        .fold(left, f32::min);
    let right = {
        let mut v: Vec<f32> = all.iter().map(|l| l.x1).collect();
        v.sort_by(f32::total_cmp);
        v.get(v.len().saturating_sub(1) * 9 / 10)
            .copied()
            .unwrap_or(0.0)
    };
    let mut out = Vec::new();
    // The paragraph being built and its last line; it may go on across a page break.
    let mut cur: Option<(RawParagraph, Line)> = None;
    for lines in page_lines {
        let gaps: Vec<f32> = lines
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some(a.y - b.y),
                _ => None,
            })
            .filter(|g| *g > 0.0)
            .collect();
        let spacing = median(gaps);
        let mut first_on_page = true;
        for line in lines {
            let joins = match &cur {
                Some((_, prev)) => {
                    let gap = prev.y - line.y;
                    let size = line.size.max(prev.size);
                    let normal_gap = spacing.unwrap_or(1.2 * size).min(1.6 * size);
                    // Across a page break only the wrap tells: a paragraph whose last line
                    // was full goes on at the top of the next page.
                    let close = first_on_page || (gap > 0.0 && gap <= normal_gap * 1.25 + 0.5);
                    // The previous line was wrapped when the first word of this one would
                    // not have fitted in the room left before the right margin.
                    let room = right - prev.x1;
                    let first_word = line.text.split(' ').next().map_or(0, |w| w.chars().count());
                    let prev_full =
                        room < 2.5 * size || room < (first_word as f32 + 1.0) * 0.55 * size;
                    let indented = line.x0 > left + 1.0 * size;
                    // A wrapped line may begin with "-" or "1." by chance; a label starts a
                    // paragraph when the line before ended a sentence or a clause.
                    let label = starts_with_label(&line.text)
                        && prev.text.ends_with(['.', ';', ':', '!', '?', ')', '…']);
                    close
                        && prev_full
                        && !indented
                        && !line.columns
                        && !prev.columns
                        && !label
                        && (line.size - prev.size).abs() < 0.15 * size
                }
                None => false,
            };
            if joins {
                if let Some((p, prev)) = cur.as_mut() {
                    // Vietnamese words are not hyphenated at line ends, but compounds such
                    // as "244/BC-UBND" wrap after their hyphen: no space there.
                    let mut tail = p.text.chars().rev();
                    let glued =
                        tail.next() == Some('-') && tail.next().is_some_and(|c| !c.is_whitespace());
                    if !glued {
                        p.text.push(' ');
                    }
                    p.text.push_str(&line.text);
                    p.bold &= line.bold;
                    *prev = line;
                }
                first_on_page = false;
                continue;
            }
            if let Some((p, _)) = cur.take() {
                out.push(p);
            }
            let para = RawParagraph {
                text: line.text.clone(),
                bold: line.bold,
                table_row: line.columns,
                after_page_break: first_on_page && !out.is_empty(),
            };
            first_on_page = false;
            cur = Some((para, line));
        }
    }
    if let Some((p, _)) = cur.take() {
        out.push(p);
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use lopdf::content::Operation;
    use lopdf::{Stream, dictionary};

    /// Builds a PDF with one page per entry; each page draws its lines (x, y, text) in
    /// Helvetica at 12 pt. With `text = false` the page only paints a rectangle.
    fn build(pages: &[Vec<(f32, f32, &str)>], text: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let mut kids = Vec::new();
        for lines in pages {
            let mut ops = Vec::new();
            if text {
                for (x, y, t) in lines {
                    ops.push(Operation::new("BT", vec![]));
                    ops.push(Operation::new("Tf", vec!["F1".into(), 12.into()]));
                    ops.push(Operation::new("Td", vec![(*x).into(), (*y).into()]));
                    ops.push(Operation::new("Tj", vec![Object::string_literal(*t)]));
                    ops.push(Operation::new("ET", vec![]));
                }
            } else {
                ops.push(Operation::new(
                    "re",
                    vec![10.into(), 10.into(), 100.into(), 100.into()],
                ));
                ops.push(Operation::new("f", vec![]));
            }
            let content = Content { operations: ops };
            let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn header_only_and_garbage_are_invalid_quickly() {
        let started = std::time::Instant::now();
        for bytes in [
            b"%PDF-1.7".to_vec(),
            b"%PDF-1.7\n".to_vec(),
            [b"%PDF-1.4\n".to_vec(), (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect()].concat(),
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        ] {
            let r = read(&bytes, &Limits::default());
            assert!(matches!(r, Err(ReadError::InvalidPdf(_))), "{r:?}");
        }
        assert!(started.elapsed().as_secs_f32() < 1.0);
    }

    #[test]
    fn pages_without_text_need_ocr() {
        let bytes = build(&[vec![], vec![]], false);
        assert_eq!(read(&bytes, &Limits::default()), Err(ReadError::NeedsOcr));
    }

    #[test]
    fn lines_join_into_paragraphs_and_page_numbers_go() {
        // Fictional text: two wrapped paragraphs, a numbered item, page numbers at the foot.
        let p1 = vec![
            (72.0, 770.0, "THONG BAO"),
            (
                100.0,
                740.0,
                "Ngay 5 thang 6, cuoc hop ve tinh hinh trien khai du an thu nghiem cua",
            ),
            (
                72.0,
                726.0,
                "don vi A da duoc to chuc voi su tham du cua cac phong ban lien quan.",
            ),
            (
                72.0,
                712.0,
                "1. Phong Ke hoach chu tri tong hop bao cao truoc ngay 30 thang 6.",
            ),
            (290.0, 40.0, "1"),
        ];
        let p2 = vec![
            (
                72.0,
                770.0,
                "2. Phong Tai chinh bo tri kinh phi cho cac hang muc con lai cua du an",
            ),
            (72.0, 756.0, "theo ke hoach da duoc phe duyet."),
            (290.0, 40.0, "2"),
        ];
        let doc = read(&build(&[p1, p2], true), &Limits::default()).unwrap();
        let got: Vec<(&str, bool)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.after_page_break))
            .collect();
        assert_eq!(
            got,
            [
                ("THONG BAO", false),
                (
                    "Ngay 5 thang 6, cuoc hop ve tinh hinh trien khai du an thu nghiem cua don vi A da duoc to chuc voi su tham du cua cac phong ban lien quan.",
                    false
                ),
                (
                    "1. Phong Ke hoach chu tri tong hop bao cao truoc ngay 30 thang 6.",
                    false
                ),
                (
                    "2. Phong Tai chinh bo tri kinh phi cho cac hang muc con lai cua du an theo ke hoach da duoc phe duyet.",
                    true
                ),
            ]
        );
    }

    #[test]
    fn cmap_ranges_and_chars() {
        let cmap = b"begincmap 2 beginbfchar <01> <1EA0> <0002> <00440300> endbfchar\n\
            1 beginbfrange <10> <12> <0061> <20> <21> [<0110> <0111>] endbfrange endcmap";
        let m = parse_cmap(cmap);
        assert_eq!(m.get(&1).map(String::as_str), Some("\u{1ea0}"));
        assert_eq!(m.get(&2).map(String::as_str), Some("D\u{300}"));
        assert_eq!(m.get(&0x12).map(String::as_str), Some("c"));
        assert_eq!(m.get(&0x21).map(String::as_str), Some("\u{111}"));
    }

    #[test]
    fn labels_and_page_numbers() {
        assert!(starts_with_label("1. Sở"));
        assert!(starts_with_label("2.1. Sở"));
        assert!(starts_with_label("a) Sở"));
        assert!(starts_with_label("IV. NHIỆM VỤ"));
        assert!(starts_with_label("- Sở"));
        assert!(!starts_with_label("Sở 1."));
        assert!(is_page_number("12"));
        assert!(is_page_number("Trang 3"));
        assert!(is_page_number("- 4 -"));
        assert!(!is_page_number("2026 năm"));
    }

    #[test]
    fn pdf_corpus_accuracy() {
        use crate::docx::corpus::{score, shared};
        use dondoc_text::{NormDoc, normalize_document};
        let Some(shared) = shared() else {
            println!("note: /work/shared is absent; corpus accuracy not measured");
            return;
        };
        let dir = shared.join("corpus/formats/pdf");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let show = std::env::var_os("DONDOC_SHOW_MISSES").is_some();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        {
            let stem = f.file_stem().unwrap().to_string_lossy().to_string();
            let Ok(reference) =
                std::fs::read_to_string(shared.join(format!("corpus/text/{stem}.txt")))
            else {
                continue;
            };
            let bytes = std::fs::read(f).unwrap();
            let started = std::time::Instant::now();
            let doc = read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{stem}: {e}"));
            let got = normalize_document(&doc.paragraphs);
            if std::env::var_os("DONDOC_DUMP").is_some() {
                println!("{}", got.text);
            }
            let s = score(&got, &NormDoc::from_plain(&reference), show);
            println!(
                "pdf {stem}: paragraphs {:.1}% exact, {:.1}% exact or as a piece, labels {}/{}, words {:.1}%, {} ms",
                s.paras * 100.0,
                s.pieces * 100.0,
                s.labels.0,
                s.labels.1,
                s.words * 100.0,
                started.elapsed().as_millis()
            );
        }
    }
}
