//! The DOCX reader: paragraphs of `word/document.xml` in order, with Word's automatic
//! numbering rebuilt from `word/numbering.xml` and `word/styles.xml`.
//!
//! Word keeps outline labels ("I.", "1.", "2.1.", "a)", "-") out of the text: they are drawn
//! from a numbering definition when the document is shown. The extractor relies on those labels
//! to find the structure of a notice, so they are computed here and put back in front of the
//! paragraph text. Table rows become one paragraph each, cells joined by " | ". Headers and
//! footers are not read. The XML is read with a streaming parser (no recursion, so deeply
//! nested XML cannot overflow the stack) and every zip entry is read through a cap, so a zip
//! bomb fails with [`ReadError::DocxTooLarge`] instead of filling memory.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::{Limits, RawParagraph, ReadDoc, ReadError};

/// Word has nine list levels (0–8).
const LEVELS: usize = 9;

/// Reads docx bytes into paragraphs.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<ReadDoc, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::InvalidDocx(format!("không mở được tệp nén ({e})")))?;
    let mut budget = Budget {
        left: limits.max_inflated_bytes,
        limit: limits.max_inflated_bytes,
    };
    let document =
        read_entry(&mut archive, "word/document.xml", &mut budget)?.ok_or_else(|| {
            ReadError::InvalidDocx("không có phần word/document.xml trong tệp".to_string())
        })?;
    // Styles and numbering are optional: a document without them simply has no labels.
    let styles = match read_entry(&mut archive, "word/styles.xml", &mut budget)? {
        Some(x) => parse_styles(&x),
        None => Styles::default(),
    };
    let numbering = match read_entry(&mut archive, "word/numbering.xml", &mut budget)? {
        Some(x) => parse_numbering(&x),
        None => Numbering::default(),
    };
    let mut paragraphs = parse_document(&document, &styles, &numbering, limits)?;
    let encoding = repair_legacy(&mut paragraphs);
    Ok(ReadDoc {
        format: crate::Format::Docx,
        encoding,
        paragraphs,
    })
}

/// What is left of the inflated-bytes allowance.
struct Budget {
    left: u64,
    limit: u64,
}

/// Reads one zip entry as text, charging its inflated size to the budget. `None` when the
/// entry does not exist.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<String>, ReadError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::InvalidDocx(format!("{name}: {e}"))),
    };
    let mut buf = Vec::new();
    // Read one byte past the allowance: getting it proves the entry is too large, whatever
    // size the (attacker-written) header claims.
    file.take(budget.left.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::InvalidDocx(format!("{name}: {e}")))?;
    let n = buf.len() as u64;
    if n > budget.left {
        return Err(ReadError::DocxTooLarge {
            limit: budget.limit,
        });
    }
    budget.left -= n;
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

// ---------------------------------------------------------------------------------------------
// XML helpers

/// The local name of a WordprocessingML element ("p" for `w:p`), or `None` for elements of
/// other vocabularies (DrawingML `a:t` is not document text).
fn wname(e: &BytesStart<'_>) -> Option<String> {
    split_name(e.name().as_ref()).map(str::to_string)
}

fn split_name(qname: &str) -> Option<&str> {
    match qname.split_once(':') {
        Some(("w", local)) => Some(local),
        Some(_) => None,
        None => Some(qname),
    }
}

/// The value of attribute `local` (any prefix), unescaped.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let k = key.rsplit_once(':').map_or(key, |(_, l)| l);
        (k == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

fn attr_u32(e: &BytesStart<'_>, local: &str) -> Option<u32> {
    attr(e, local).and_then(|v| v.trim().parse().ok())
}

fn attr_level(e: &BytesStart<'_>) -> Option<usize> {
    attr_u32(e, "val")
        .and_then(|v| usize::try_from(v).ok())
        .filter(|&v| v < LEVELS)
}

// ---------------------------------------------------------------------------------------------
// Styles

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    bold: Option<bool>,
    page_break_before: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Walks the `basedOn` chain from `id` and returns the first value `get` finds. The walk is
    /// bounded: a cycle in a hostile file must not loop.
    fn find<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cur = id?;
        for _ in 0..32 {
            let s = self.by_id.get(cur)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            cur = s.based_on.as_deref()?;
        }
        None
    }
}

fn parse_styles(xml: &str) -> Styles {
    let mut styles = Styles::default();
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut cur: Option<(String, Style)> = None;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                if stack.pop().as_deref() == Some("style")
                    && let Some((id, s)) = cur.take()
                {
                    styles.by_id.insert(id, s);
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let name = wname(&e).unwrap_or_default();
        let in_style = stack.iter().any(|n| n == "style");
        let in_ppr = stack.iter().any(|n| n == "pPr");
        let in_rpr = stack.iter().any(|n| n == "rPr");
        match name.as_str() {
            "style" => {
                let id = attr(&e, "styleId").unwrap_or_default();
                let paragraph = attr(&e, "type").as_deref() == Some("paragraph");
                if paragraph && attr(&e, "default").is_some_and(|v| v == "1" || v == "true") {
                    styles.default_paragraph = Some(id.clone());
                }
                cur = Some((id, Style::default()));
            }
            _ if !in_style => {}
            "basedOn" => {
                if let Some((_, s)) = cur.as_mut() {
                    s.based_on = attr(&e, "val");
                }
            }
            "b" if in_rpr => {
                if let Some((_, s)) = cur.as_mut() {
                    s.bold = Some(on_off(&e));
                }
            }
            "numId" if in_ppr => {
                if let Some((_, s)) = cur.as_mut() {
                    s.num_id = attr(&e, "val");
                }
            }
            "ilvl" if in_ppr => {
                if let Some((_, s)) = cur.as_mut() {
                    s.ilvl = attr_level(&e);
                }
            }
            "pageBreakBefore" if in_ppr => {
                if let Some((_, s)) = cur.as_mut() {
                    s.page_break_before = Some(on_off(&e));
                }
            }
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
    styles
}

// ---------------------------------------------------------------------------------------------
// Numbering

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum NumFmt {
    #[default]
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "decimalZero" => NumFmt::DecimalZero,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            // Ordinals, Chinese counting and the rest: the digits carry the same structure.
            _ => NumFmt::Decimal,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: NumFmt,
    text: Option<String>,
    /// `w:lvlRestart`: restart after a level numbered (1-based) at most this; 0 = never.
    restart: Option<u32>,
    pstyle: Option<String>,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in another definition, reached through a style.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: [Option<u32>; LEVELS],
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut out = Numbering::default();
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut abs: Option<(String, Abstract)> = None;
    let mut num: Option<(String, Num)> = None;
    let mut lvl: Option<(usize, Level)> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                match stack.pop().as_deref() {
                    Some("lvl") => {
                        if let (Some((i, l)), Some((_, a))) = (lvl.take(), abs.as_mut())
                            && let Some(slot) = a.levels.get_mut(i)
                        {
                            *slot = Some(l);
                        }
                    }
                    Some("abstractNum") => {
                        if let Some((id, a)) = abs.take() {
                            out.abstracts.insert(id, a);
                        }
                    }
                    Some("num") => {
                        if let Some((id, n)) = num.take() {
                            out.nums.insert(id, n);
                        }
                    }
                    Some("lvlOverride") => override_lvl = None,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let name = wname(&e).unwrap_or_default();
        match name.as_str() {
            "abstractNum" => {
                abs = Some((
                    attr(&e, "abstractNumId").unwrap_or_default(),
                    Abstract::default(),
                ));
            }
            "num" => {
                num = Some((attr(&e, "numId").unwrap_or_default(), Num::default()));
            }
            "abstractNumId" => {
                if let Some((_, n)) = num.as_mut() {
                    n.abstract_id = attr(&e, "val").unwrap_or_default();
                }
            }
            "lvlOverride" => {
                override_lvl = attr_u32(&e, "ilvl").and_then(|v| usize::try_from(v).ok())
            }
            "startOverride" => {
                if let (Some(i), Some((_, n))) = (override_lvl, num.as_mut())
                    && let Some(slot) = n.start_overrides.get_mut(i)
                {
                    *slot = attr_u32(&e, "val");
                }
            }
            // A `w:lvl` inside `w:lvlOverride` redefines the level; rare, and its counter
            // semantics differ: read only the definitions of `w:abstractNum`.
            "lvl" if abs.is_some() && num.is_none() => {
                let i = attr_u32(&e, "ilvl")
                    .and_then(|v| usize::try_from(v).ok())
                    .unwrap_or(LEVELS);
                lvl = Some((
                    i,
                    Level {
                        start: 1,
                        ..Level::default()
                    },
                ));
            }
            "numStyleLink" => {
                if let Some((_, a)) = abs.as_mut() {
                    a.style_link = attr(&e, "val");
                }
            }
            _ => {
                if let Some((_, l)) = lvl.as_mut() {
                    match name.as_str() {
                        "start" => l.start = attr_u32(&e, "val").unwrap_or(1),
                        "numFmt" => l.fmt = NumFmt::parse(&attr(&e, "val").unwrap_or_default()),
                        "lvlText" => l.text = attr(&e, "val"),
                        "lvlRestart" => l.restart = attr_u32(&e, "val"),
                        "pStyle" => l.pstyle = attr(&e, "val"),
                        "isLgl" => l.legal = on_off(&e),
                        _ => {}
                    }
                }
            }
        }
        if !empty {
            stack.push(name);
        }
    }
    out
}

fn roman(mut n: u32, upper: bool) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper { s.to_uppercase() } else { s }
}

/// Word's letters: a … z, then aa … zz, aaa …
fn letter(n: u32, upper: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let idx = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + idx as u8);
    std::iter::repeat_n(c, times).collect()
}

fn format_number(n: u32, fmt: NumFmt) -> String {
    match fmt {
        NumFmt::Decimal | NumFmt::Bullet => n.to_string(),
        NumFmt::DecimalZero => format!("{n:02}"),
        NumFmt::UpperRoman => roman(n, true),
        NumFmt::LowerRoman => roman(n, false),
        NumFmt::UpperLetter => letter(n, true),
        NumFmt::LowerLetter => letter(n, false),
        NumFmt::None => String::new(),
    }
}

/// The running counters of the lists of a document.
struct Counters<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Keyed by abstract definition, or by `w:num` when that instance restarts the list with
    /// `w:startOverride` (a list started afresh).
    values: HashMap<String, [Option<u32>; LEVELS]>,
}

impl<'a> Counters<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Counters {
            numbering,
            styles,
            values: HashMap::new(),
        }
    }

    /// The abstract definition behind a `w:num`, following `w:numStyleLink` a few steps.
    fn resolve(&self, num_id: &str) -> Option<(&'a Num, &'a Abstract)> {
        let num = self.numbering.nums.get(num_id)?;
        let mut abs = self.numbering.abstracts.get(&num.abstract_id)?;
        for _ in 0..4 {
            let Some(link) = abs.style_link.as_deref() else {
                break;
            };
            let linked = self.styles.find(Some(link), |s| s.num_id.clone());
            let next = linked
                .and_then(|id| self.numbering.nums.get(&id))
                .and_then(|n| self.numbering.abstracts.get(&n.abstract_id));
            match next {
                Some(a) if a.style_link.is_none() || !std::ptr::eq(a, abs) => abs = a,
                _ => break,
            }
        }
        Some((num, abs))
    }

    /// Counts one numbered paragraph and returns its label ("2.1.", "a)", "-"), or `None`.
    fn label(&mut self, num_id: &str, ilvl: Option<usize>, pstyle: Option<&str>) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let (num, abs) = self.resolve(num_id)?;
        let ilvl = ilvl
            .or_else(|| {
                pstyle.and_then(|ps| {
                    abs.levels
                        .iter()
                        .position(|l| l.as_ref().and_then(|l| l.pstyle.as_deref()) == Some(ps))
                })
            })
            .unwrap_or(0);
        let level = abs.levels.get(ilvl)?.as_ref()?;
        let restarts = num.start_overrides.iter().any(Option::is_some);
        let key = if restarts {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", num.abstract_id)
        };
        let start_of = |i: usize| -> u32 {
            num.start_overrides
                .get(i)
                .copied()
                .flatten()
                .or_else(|| abs.levels.get(i).and_then(|l| l.as_ref()).map(|l| l.start))
                .unwrap_or(1)
        };
        let values = self.values.entry(key).or_insert([None; LEVELS]);
        let next = match values.get(ilvl).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => start_of(ilvl),
        };
        if let Some(slot) = values.get_mut(ilvl) {
            *slot = Some(next);
        }
        // Deeper levels restart after this one, unless their `w:lvlRestart` says otherwise.
        for deeper in ilvl + 1..LEVELS {
            let restart = abs
                .levels
                .get(deeper)
                .and_then(|l| l.as_ref())
                .and_then(|l| l.restart);
            let resets = match restart {
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
                None => true,
            };
            if resets && let Some(slot) = values.get_mut(deeper) {
                *slot = None;
            }
        }
        if level.fmt == NumFmt::Bullet {
            // Any bullet glyph shows as "-", but a "+" (the sub-bullet of Vietnamese
            // administrative style) keeps its meaning.
            let plus = level.text.as_deref().is_some_and(|t| t.trim() == "+");
            return Some(if plus { "+" } else { "-" }.to_string());
        }
        let template = level.text.as_deref().unwrap_or("");
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let i = (d as usize).saturating_sub(1);
                let value = values
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| start_of(i));
                let fmt = abs
                    .levels
                    .get(i)
                    .and_then(|l| l.as_ref())
                    .map_or(NumFmt::Decimal, |l| l.fmt);
                // `w:isLgl` shows every level of the label in digits ("1.1", not "I.1").
                let fmt = if level.legal && fmt != NumFmt::None {
                    NumFmt::Decimal
                } else {
                    fmt
                };
                label.push_str(&format_number(value, fmt));
            } else {
                label.push(c);
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

// ---------------------------------------------------------------------------------------------
// The document

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    page_break_before: Option<bool>,
    all_bold: bool,
    any_visible: bool,
    /// A page break came inside the paragraph before any of its text.
    break_at_start: bool,
    /// The paragraph ends a section that the next one starts on a new page.
    section_break: bool,
    /// A page break came after some of the paragraph's text: it applies to the next one.
    break_after: bool,
}

#[derive(Default)]
struct Run {
    bold: Option<bool>,
    style: Option<String>,
    visible: bool,
}

/// Elements whose content is not shown text: deleted and moved-away revisions, the fallback
/// copy of alternate content (its choice is read), and the paragraph and run properties.
fn skipped(qname: &str) -> bool {
    matches!(
        qname,
        "w:del" | "w:moveFrom" | "mc:Fallback" | "w:pPr" | "w:rPr" | "w:instrText" | "w:delText"
    )
}

struct Walker<'a> {
    styles: &'a Styles,
    counters: Counters<'a>,
    out: Vec<RawParagraph>,
    out_bytes: usize,
    max_bytes: usize,
    paras: Vec<Para>,
    run: Option<Run>,
    /// A page break is waiting for the next paragraph that has text.
    pending_break: bool,
    table_depth: usize,
    cell: String,
    cells: Vec<String>,
    row_bold: bool,
    row_visible: bool,
}

impl Walker<'_> {
    fn push_text(&mut self, s: &str) {
        let visible = self.run.is_some() && s.chars().any(|c| !c.is_whitespace());
        let bold = visible && self.paras.last().is_some_and(|p| self.effective_bold(p));
        if visible && let Some(r) = self.run.as_mut() {
            r.visible = true;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if visible {
            p.any_visible = true;
            if !bold {
                p.all_bold = false;
            }
        }
        p.text.push_str(s);
    }

    fn effective_bold(&self, p: &Para) -> bool {
        let Some(r) = self.run.as_ref() else {
            return false;
        };
        r.bold
            .or_else(|| self.styles.find(r.style.as_deref(), |s| s.bold))
            .or_else(|| self.styles.find(self.para_style(p), |s| s.bold))
            .unwrap_or(false)
    }

    fn para_style<'p>(&'p self, p: &'p Para) -> Option<&'p str> {
        p.style
            .as_deref()
            .or(self.styles.default_paragraph.as_deref())
    }

    fn page_break(&mut self) {
        match self.paras.last_mut() {
            Some(p) if p.text.trim().is_empty() && self.table_depth == 0 => {
                p.break_at_start = true;
            }
            Some(p) => p.break_after = true,
            None => self.pending_break = true,
        }
    }

    fn emit(&mut self, para: RawParagraph) -> Result<(), ReadError> {
        self.out_bytes = self.out_bytes.saturating_add(para.text.len());
        if self.out_bytes > self.max_bytes {
            return Err(ReadError::TooLarge {
                limit: self.max_bytes,
            });
        }
        self.out.push(para);
        Ok(())
    }

    fn end_paragraph(&mut self) -> Result<(), ReadError> {
        let Some(p) = self.paras.pop() else {
            return Ok(());
        };
        let style = self.para_style(&p).map(str::to_string);
        let num_id = p
            .num_id
            .clone()
            .or_else(|| self.styles.find(style.as_deref(), |s| s.num_id.clone()));
        let ilvl = p.ilvl.or_else(|| {
            if p.num_id.is_some() {
                None
            } else {
                self.styles.find(style.as_deref(), |s| s.ilvl)
            }
        });
        // An empty numbered paragraph still shows (and counts) its number in Word.
        let label = num_id
            .as_deref()
            .and_then(|id| self.counters.label(id, ilvl, style.as_deref()));
        let page_break_before = p
            .page_break_before
            .or_else(|| self.styles.find(style.as_deref(), |s| s.page_break_before))
            .unwrap_or(false);
        let mut text = p.text;
        if let Some(label) = label
            && !text.trim().is_empty()
        {
            text = format!("{label} {}", text.trim_start());
        }
        let bold = p.any_visible && p.all_bold;
        let section_break = p.section_break || p.break_after;
        let r = self.place(text, bold, page_break_before || p.break_at_start);
        if section_break {
            self.pending_break = true;
        }
        r
    }

    fn place(&mut self, text: String, bold: bool, break_before: bool) -> Result<(), ReadError> {
        if self.table_depth > 0 {
            let t = text.trim();
            if !t.is_empty() {
                if !self.cell.is_empty() {
                    self.cell.push(' ');
                }
                self.cell.push_str(t);
                self.row_visible = true;
                self.row_bold &= bold;
            }
            if break_before {
                self.pending_break = true;
            }
            return Ok(());
        }
        if text.trim().is_empty() {
            if break_before {
                self.pending_break = true;
            }
            return Ok(());
        }
        let after_page_break = self.pending_break || break_before;
        self.pending_break = false;
        self.emit(RawParagraph {
            text,
            bold,
            table_row: false,
            after_page_break,
        })
    }

    fn end_row(&mut self) -> Result<(), ReadError> {
        let cells = std::mem::take(&mut self.cells);
        let visible = std::mem::replace(&mut self.row_visible, false);
        let bold = std::mem::replace(&mut self.row_bold, true);
        if !visible {
            return Ok(());
        }
        let after_page_break = std::mem::replace(&mut self.pending_break, false);
        self.emit(RawParagraph {
            text: cells.join(" | "),
            bold,
            table_row: true,
            after_page_break,
        })
    }
}

fn parse_document(
    xml: &str,
    styles: &Styles,
    numbering: &Numbering,
    limits: &Limits,
) -> Result<Vec<RawParagraph>, ReadError> {
    let mut w = Walker {
        styles,
        counters: Counters::new(numbering, styles),
        out: Vec::new(),
        out_bytes: 0,
        max_bytes: limits.max_text_bytes,
        paras: Vec::new(),
        run: None,
        pending_break: false,
        table_depth: 0,
        cell: String::new(),
        cells: Vec::new(),
        row_bold: true,
        row_visible: false,
    };
    let mut reader = Reader::from_str(xml);
    // The names of the open elements (only a depth counter inside skipped content).
    let mut stack: Vec<String> = Vec::new();
    let mut skip_depth: Option<usize> = None;
    // Where we are inside the paragraph's properties.
    let mut in_ppr = 0usize;
    let mut in_rpr = 0usize;
    let mut in_text = false;
    loop {
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                return Err(ReadError::InvalidDocx(format!(
                    "word/document.xml hỏng ở byte {}: {e}",
                    reader.buffer_position()
                )));
            }
        };
        if matches!(event, Event::Eof) {
            break;
        }
        // quick-xml reports empty elements separately; handle both shapes through one path.
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(end) => {
                let qname = end.name();
                let qname = qname.as_ref();
                let depth = stack.len();
                stack.pop();
                if let Some(d) = skip_depth {
                    if depth == d {
                        skip_depth = None;
                        if qname.ends_with("pPr") {
                            in_ppr = in_ppr.saturating_sub(1);
                        }
                        if qname.ends_with("rPr") {
                            in_rpr = in_rpr.saturating_sub(1);
                        }
                    }
                    continue;
                }
                match split_name(qname) {
                    Some("p") => w.end_paragraph()?,
                    Some("r") => w.run = None,
                    Some("t") => in_text = false,
                    Some("tc") if w.table_depth == 1 => {
                        let cell = std::mem::take(&mut w.cell);
                        w.cells.push(cell);
                    }
                    Some("tr") if w.table_depth == 1 => w.end_row()?,
                    Some("tbl") => w.table_depth = w.table_depth.saturating_sub(1),
                    _ => {}
                }
                continue;
            }
            Event::Text(t) => {
                if in_text && skip_depth.is_none() {
                    let s = t.xml10_content();
                    w.push_text(&s);
                }
                continue;
            }
            Event::CData(t) => {
                if in_text && skip_depth.is_none() {
                    let s = t.xml10_content();
                    w.push_text(&s);
                }
                continue;
            }
            Event::GeneralRef(r) => {
                if in_text && skip_depth.is_none() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                    };
                    if let Some(c) = c {
                        w.push_text(&c);
                    }
                }
                continue;
            }
            _ => continue,
        };
        let qname_owned = e.name().as_ref().to_string();
        let qname = qname_owned.as_str();
        if skip_depth.is_some() {
            // Inside skipped content only the properties matter: `w:pPr` and `w:rPr`.
            if in_ppr > 0 || in_rpr > 0 {
                props(&mut w, &e, in_ppr > 0 && in_rpr == 0, in_rpr > 0, &stack);
            }
            if !empty {
                stack.push(qname.to_string());
            }
            continue;
        }
        if skipped(qname) {
            if !empty {
                stack.push(qname.to_string());
                skip_depth = Some(stack.len());
                if qname == "w:pPr" {
                    in_ppr += 1;
                }
                if qname == "w:rPr" {
                    in_rpr += 1;
                }
            }
            continue;
        }
        match split_name(qname) {
            Some("p") if !empty => w.paras.push(Para {
                all_bold: true,
                ..Para::default()
            }),
            Some("r") if !empty => w.run = Some(Run::default()),
            Some("t") if !empty => in_text = true,
            Some("tab") if !stack.last().is_some_and(|n| n.ends_with("tabs")) => w.push_text(" "),
            Some("br") => {
                match attr(&e, "type").as_deref() {
                    Some("page") => w.page_break(),
                    // A column break moves on to the next column: a space in running text.
                    Some("column") => w.push_text(" "),
                    // Soft line breaks: signature blocks and addresses use them for lines.
                    _ => w.push_text("\n"),
                }
            }
            Some("cr") => w.push_text("\n"),
            Some("noBreakHyphen") => w.push_text("-"),
            Some("tbl") if !empty => w.table_depth += 1,
            Some("tr") if !empty && w.table_depth == 1 => {
                w.cells.clear();
                w.cell.clear();
                w.row_bold = true;
                w.row_visible = false;
            }
            Some("tc") if !empty && w.table_depth == 1 => w.cell.clear(),
            _ => {}
        }
        if !empty {
            stack.push(qname.to_string());
        }
    }
    // A document cut short still gives the paragraphs read so far.
    while !w.paras.is_empty() {
        w.end_paragraph()?;
    }
    Ok(w.out)
}

/// Paragraph and run properties (read while their element is being skipped for text).
fn props(w: &mut Walker<'_>, e: &BytesStart<'_>, ppr: bool, rpr: bool, stack: &[String]) {
    let name = e.name();
    let Some(local) = split_name(name.as_ref()) else {
        return;
    };
    // Properties of the paragraph mark (`w:pPr/w:rPr`) and of revisions (`w:rPrChange`,
    // `w:pPrChange`) do not describe the text.
    if stack
        .iter()
        .any(|n| n == "w:rPrChange" || n == "w:pPrChange")
    {
        return;
    }
    if rpr {
        let in_para_mark = stack.iter().any(|n| n == "w:pPr");
        if in_para_mark {
            return;
        }
        if let Some(r) = w.run.as_mut() {
            match local {
                "b" => r.bold = Some(on_off(e)),
                "rStyle" => r.style = attr(e, "val"),
                _ => {}
            }
        }
        return;
    }
    if ppr && let Some(p) = w.paras.last_mut() {
        match local {
            "pStyle" => p.style = attr(e, "val"),
            "numId" => p.num_id = attr(e, "val"),
            "ilvl" => p.ilvl = attr_level(e),
            "pageBreakBefore" => p.page_break_before = Some(on_off(e)),
            // A section break in the paragraph's properties ends the section with it; every
            // kind but "continuous" starts the next section on a new page.
            "sectPr" => p.section_break = true,
            "type" if stack.last().is_some_and(|n| n == "w:sectPr") => {
                p.section_break = attr(e, "val").as_deref() != Some("continuous");
            }
            _ => {}
        }
    }
}

/// Converts text typed in a legacy Vietnamese font (.VnTime, VNI-Times) to Unicode and says
/// which encoding it was.
pub(crate) fn repair_legacy(paragraphs: &mut [RawParagraph]) -> String {
    let joined: String = paragraphs
        .iter()
        .map(|p| p.text.replace('\n', "\u{2028}"))
        .collect::<Vec<_>>()
        .join("\n");
    let Some((fixed, enc)) = crate::legacy::repair_font_text(&joined) else {
        return "utf-8".to_string();
    };
    let lines: Vec<&str> = fixed.split('\n').collect();
    if lines.len() == paragraphs.len() {
        for (p, l) in paragraphs.iter_mut().zip(lines) {
            p.text = l.replace('\u{2028}', "\n");
        }
    } else {
        // The repair changed the paragraph count: repair paragraph by paragraph instead.
        for p in paragraphs.iter_mut() {
            if let Some((t, _)) = crate::legacy::repair_font_text(&p.text) {
                p.text = t;
            }
        }
    }
    enc.as_str().to_string()
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
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// Builds a DOCX in memory from the body of document.xml and optional numbering and
    /// styles parts.
    fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("word/document.xml", opts).unwrap();
            write!(z, "<w:document {NS}><w:body>{body}</w:body></w:document>").unwrap();
            if let Some(n) = numbering {
                z.start_file("word/numbering.xml", opts).unwrap();
                write!(z, "<w:numbering {NS}>{n}</w:numbering>").unwrap();
            }
            if let Some(s) = styles {
                z.start_file("word/styles.xml", opts).unwrap();
                write!(z, "<w:styles {NS}>{s}</w:styles>").unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn np(num: u32, lvl: u32, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    fn lvl(i: u32, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>{extra}<w:lvlText w:val=\"{text}\"/></w:lvl>"
        )
    }

    fn texts(bytes: &[u8]) -> Vec<String> {
        read(bytes, &Limits::default())
            .unwrap()
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    /// An outline as Vietnamese notices use it: "I.", "1.", "1.1.", "a)" and bullets.
    fn outline_numbering() -> String {
        format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}{}{}{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"1\">{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>",
            lvl(0, "upperRoman", "%1.", ""),
            lvl(1, "decimal", "%2.", ""),
            lvl(2, "decimal", "%2.%3.", ""),
            lvl(3, "lowerLetter", "%4)", ""),
            lvl(4, "upperLetter", "%5.", "<w:lvlRestart w:val=\"1\"/>"),
            lvl(0, "bullet", "\u{f0b7}", ""),
        )
    }

    #[test]
    fn numbering_roman_decimal_nested_letters() {
        let body = [
            np(1, 0, "ĐÁNH GIÁ CHUNG"),
            np(1, 1, "Sở Công Thương"),
            np(1, 2, "Chủ trì"),
            np(1, 2, "Phối hợp"),
            np(1, 3, "Điểm một"),
            np(1, 3, "Điểm hai"),
            np(1, 1, "Sở Tài chính"),
            np(1, 3, "Điểm ba"),
            np(1, 0, "NHIỆM VỤ"),
            np(1, 1, "Sở Xây dựng"),
            np(2, 0, "Gạch đầu dòng"),
            p("Không đánh số"),
        ]
        .concat();
        let got = texts(&docx(&body, Some(&outline_numbering()), None));
        assert_eq!(
            got,
            [
                "I. ĐÁNH GIÁ CHUNG",
                "1. Sở Công Thương",
                "1.1. Chủ trì",
                "1.2. Phối hợp",
                "a) Điểm một",
                "b) Điểm hai",
                "2. Sở Tài chính",
                "a) Điểm ba",
                "II. NHIỆM VỤ",
                "1. Sở Xây dựng",
                "- Gạch đầu dòng",
                "Không đánh số",
            ]
        );
    }

    #[test]
    fn numbering_restart_and_overrides() {
        // Level 4 restarts only after level 0 (w:lvlRestart=1), not after levels 1–3.
        let body = [
            np(1, 0, "A"),
            np(1, 4, "x"),
            np(1, 1, "y"),
            np(1, 4, "z"),
            np(1, 0, "B"),
            np(1, 4, "w"),
            // numId 3 shares the definition but restarts level 1 at 5.
            np(3, 1, "năm"),
            np(3, 1, "sáu"),
        ]
        .concat();
        let got = texts(&docx(&body, Some(&outline_numbering()), None));
        assert_eq!(
            got,
            [
                "I. A", "A. x", "1. y", "B. z", "II. B", "A. w", "5. năm", "6. sáu"
            ]
        );
    }

    #[test]
    fn numbering_from_paragraph_style_and_lower_roman() {
        let numbering = format!(
            "<w:abstractNum w:abstractNumId=\"7\">{}</w:abstractNum><w:num w:numId=\"9\"><w:abstractNumId w:val=\"7\"/></w:num>",
            lvl(0, "lowerRoman", "(%1)", "")
        );
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:pPr><w:numPr><w:numId w:val=\"9\"/></w:numPr></w:pPr></w:style>\
            <w:style w:type=\"paragraph\" w:styleId=\"Item\"><w:basedOn w:val=\"Base\"/></w:style>";
        let item = |t: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"Item\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let body = [item("một"), item("hai"), item("ba"), item("bốn")].concat();
        let got = texts(&docx(&body, Some(&numbering), Some(styles)));
        assert_eq!(got, ["(i) một", "(ii) hai", "(iii) ba", "(iv) bốn"]);
    }

    #[test]
    fn number_formats() {
        assert_eq!(roman(1994, true), "MCMXCIV");
        assert_eq!(roman(9, false), "ix");
        assert_eq!(letter(1, false), "a");
        assert_eq!(letter(26, true), "Z");
        assert_eq!(letter(27, false), "aa");
        assert_eq!(format_number(3, NumFmt::DecimalZero), "03");
    }

    #[test]
    fn tables_give_one_paragraph_per_row() {
        let cell = |ps: &[&str]| {
            format!(
                "<w:tc>{}</w:tc>",
                ps.iter().map(|t| p(t)).collect::<String>()
            )
        };
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            p("Trước bảng"),
            cell(&["UBND TỈNH", "VĂN PHÒNG"]),
            cell(&["CỘNG HÒA"]),
            cell(&["Số: 12/TB-VP"]),
            cell(&["Hà Nội, ngày 1"]),
            p("Sau bảng")
        );
        let doc = read(&docx(&body, None, None), &Limits::default()).unwrap();
        let got: Vec<(&str, bool)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.table_row))
            .collect();
        assert_eq!(
            got,
            [
                ("Trước bảng", false),
                ("UBND TỈNH VĂN PHÒNG | CỘNG HÒA", true),
                ("Số: 12/TB-VP | Hà Nội, ngày 1", true),
                ("Sau bảng", false)
            ]
        );
    }

    #[test]
    fn bold_paragraphs() {
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:rPr><w:b/></w:rPr></w:style>\
            <w:style w:type=\"character\" w:styleId=\"Strong\"><w:rPr><w:b/></w:rPr></w:style>";
        let body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>THÔNG BÁO</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Nửa đậm</w:t></w:r><w:r><w:t> nửa không</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>Tắt đậm</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:rPr><w:b w:val=\"false\"/></w:rPr></w:pPr><w:r><w:t>Theo kiểu đoạn</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:rPr><w:b w:val=\"false\"/></w:rPr><w:t>Run tắt đậm</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>Theo kiểu ký tự</w:t></w:r></w:p>\
            <w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Dấu đoạn đậm</w:t></w:r></w:p>";
        let doc = read(&docx(body, None, Some(styles)), &Limits::default()).unwrap();
        let bold: Vec<bool> = doc.paragraphs.iter().map(|p| p.bold).collect();
        assert_eq!(bold, [true, false, false, true, false, true, false]);
    }

    #[test]
    fn page_breaks_and_revisions() {
        let body = "<w:p><w:r><w:t>Một</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>vẫn một</w:t></w:r></w:p>\
            <w:p><w:r><w:t>Hai</w:t><w:br w:type=\"page\"/></w:r></w:p>\
            <w:p><w:r><w:t>Ba</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Bốn</w:t></w:r></w:p>\
            <w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\
            <w:p><w:r><w:t>Năm</w:t><w:br/><w:t>dòng</w:t><w:tab/><w:t>tab</w:t></w:r>\
            <w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:ins><w:r><w:t> chèn</w:t></w:r></w:ins></w:p>";
        let doc = read(&docx(body, None, None), &Limits::default()).unwrap();
        let got: Vec<(&str, bool)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.after_page_break))
            .collect();
        assert_eq!(
            got,
            [
                ("Mộtvẫn một", false),
                ("Hai", false),
                ("Ba", true),
                ("Bốn", true),
                ("Năm\ndòng tab chèn", true)
            ]
        );
        assert_eq!(doc.encoding, "utf-8");
    }

    #[test]
    fn truncated_and_foreign_zips_are_refused() {
        let bytes = docx(&p("Nội dung"), None, None);
        for cut in [10, bytes.len() / 2, bytes.len() - 5] {
            let r = read(&bytes[..cut], &Limits::default());
            assert!(matches!(r, Err(ReadError::InvalidDocx(_))), "{cut}: {r:?}");
        }
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(b"hello").unwrap();
            z.finish().unwrap();
        }
        let r = read(&buf.into_inner(), &Limits::default());
        assert!(matches!(r, Err(ReadError::InvalidDocx(_))), "{r:?}");
        assert!(matches!(
            read(b"PK\x03\x04garbage", &Limits::default()),
            Err(ReadError::InvalidDocx(_))
        ));
        // Broken XML inside a valid zip.
        let r = read(
            &docx("<w:p><w:r><w:t>a</w:x></w:p>", None, None),
            &Limits::default(),
        );
        assert!(r.is_err() || r.is_ok());
    }

    #[test]
    fn zip_bomb_is_refused() {
        // ~200 MB of XML white space compresses to a few hundred KB.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .large_file(true);
            z.start_file("word/document.xml", opts).unwrap();
            write!(z, "<w:document {NS}><w:body>").unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..200 {
                z.write_all(&chunk).unwrap();
            }
            write!(z, "</w:body></w:document>").unwrap();
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 2 << 20, "bomb is {} bytes", bytes.len());
        let started = std::time::Instant::now();
        let r = read(&bytes, &Limits::default());
        assert_eq!(
            r,
            Err(ReadError::DocxTooLarge {
                limit: Limits::default().max_inflated_bytes
            })
        );
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let body = format!(
            "{}{}{}",
            "<w:sdt>".repeat(100_000),
            p("sâu"),
            "</w:sdt>".repeat(100_000)
        );
        assert_eq!(texts(&docx(&body, None, None)), ["sâu"]);
    }
}

/// Accuracy against the real documents of the shared corpus, when it is there.
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
pub(crate) mod corpus {
    use dondoc_text::{NormDoc, normalize_document};
    use std::collections::{HashMap, HashSet};
    use std::path::PathBuf;

    pub(crate) fn shared() -> Option<PathBuf> {
        let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
        p.join("corpus").is_dir().then_some(p)
    }

    /// The outline label a paragraph starts with ("I.", "2.1.", "a)", "-"), if any.
    pub(crate) fn outline_label(s: &str) -> Option<&str> {
        let end = s.find(' ')?;
        let label = s.get(..end)?;
        let ok = label == "-"
            || label == "+"
            || (label.ends_with('.')
                && label.len() > 1
                && label
                    .trim_end_matches('.')
                    .split('.')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit())))
            || (label.ends_with('.')
                && label.len() > 1
                && label
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
            || (label.ends_with(')')
                && label.chars().count() == 2
                && label.chars().next().is_some_and(|c| c.is_alphabetic()));
        ok.then_some(label)
    }

    /// `needle` occurs in `hay` starting and ending at word boundaries.
    fn contains_words(hay: &str, needle: &str) -> bool {
        hay.match_indices(needle).any(|(i, _)| {
            let before = hay.get(..i).and_then(|b| b.chars().last());
            let after = hay.get(i + needle.len()..).and_then(|a| a.chars().next());
            before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
        })
    }

    pub(crate) struct Score {
        /// Reference paragraphs found exactly.
        pub paras: f64,
        /// Reference paragraphs found exactly or as a whole-word piece of one of ours: the
        /// reference texts of some documents are hard-wrapped (pdftotext, pandoc), so their
        /// "paragraphs" are lines.
        pub pieces: f64,
        pub labels: (usize, usize),
        pub words: f64,
    }

    /// Compares a reader's paragraphs with the reference text of the same document.
    pub(crate) fn score(got: &NormDoc, reference: &NormDoc, show_misses: bool) -> Score {
        let ours: Vec<&str> = (0..got.paras.len()).map(|i| got.para_text(i)).collect();
        let set: HashSet<&str> = ours.iter().copied().collect();
        // Paragraph bodies (label removed) to their labels, for the label check.
        let mut bodies: HashMap<&str, Vec<&str>> = HashMap::new();
        for t in &ours {
            let (label, body) = match outline_label(t) {
                Some(l) => (l, t.get(l.len() + 1..).unwrap_or("")),
                None => ("", *t),
            };
            bodies.entry(body).or_default().push(label);
        }
        let refs: Vec<&str> = (0..reference.paras.len())
            .map(|i| reference.para_text(i))
            .collect();
        let mut found = 0;
        let mut pieces = 0;
        let (mut labelled, mut label_ok) = (0, 0);
        for r in &refs {
            if set.contains(r) {
                found += 1;
                pieces += 1;
            } else if ours.iter().any(|o| contains_words(o, r)) {
                pieces += 1;
            } else if show_misses {
                println!("    miss: {}", r.chars().take(100).collect::<String>());
            }
            if let Some(l) = outline_label(r) {
                labelled += 1;
                let body = r.get(l.len() + 1..).unwrap_or("");
                // A wrapped reference line that begins one of our paragraphs carries the
                // same label.
                let begins = |o: &&str| {
                    o.starts_with(r)
                        && o.get(r.len()..)
                            .is_some_and(|t| t.is_empty() || t.starts_with(' '))
                };
                if set.contains(r)
                    || ours.iter().any(begins)
                    || bodies.get(body).is_some_and(|ls| ls.contains(&l))
                {
                    label_ok += 1;
                } else if show_misses {
                    println!("    label miss: {}", r.chars().take(80).collect::<String>());
                }
            }
        }
        let our_words: HashMap<&str, usize> =
            got.text
                .split_whitespace()
                .fold(HashMap::new(), |mut m, w| {
                    *m.entry(w).or_default() += 1;
                    m
                });
        let mut left = our_words.clone();
        let ref_words: Vec<&str> = reference.text.split_whitespace().collect();
        let mut wfound = 0;
        for w in &ref_words {
            if let Some(n) = left.get_mut(w)
                && *n > 0
            {
                *n -= 1;
                wfound += 1;
            }
        }
        Score {
            paras: found as f64 / refs.len().max(1) as f64,
            pieces: pieces as f64 / refs.len().max(1) as f64,
            labels: (label_ok, labelled),
            words: wfound as f64 / ref_words.len().max(1) as f64,
        }
    }

    #[test]
    fn docx_corpus_accuracy() {
        let Some(shared) = shared() else {
            println!("note: /work/shared is absent; corpus accuracy not measured");
            return;
        };
        let dir = shared.join("corpus/formats/docx");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let show = std::env::var_os("DONDOC_SHOW_MISSES").is_some();
        let mut worst: f64 = 1.0;
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "docx"))
        {
            let stem = f.file_stem().unwrap().to_string_lossy().to_string();
            let Ok(reference) =
                std::fs::read_to_string(shared.join(format!("corpus/text/{stem}.txt")))
            else {
                continue;
            };
            let bytes = std::fs::read(f).unwrap();
            let doc = super::read(&bytes, &crate::Limits::default())
                .unwrap_or_else(|e| panic!("{stem}: {e}"));
            let got = normalize_document(&doc.paragraphs);
            let s = score(&got, &NormDoc::from_plain(&reference), show);
            println!(
                "docx {stem}: paragraphs {:.1}% exact, {:.1}% exact or as a piece, labels {}/{}, words {:.1}%",
                s.paras * 100.0,
                s.pieces * 100.0,
                s.labels.0,
                s.labels.1,
                s.words * 100.0
            );
            worst = worst.min(s.paras);
        }
        println!("docx worst paragraph match: {:.1}%", worst * 100.0);
    }
}
