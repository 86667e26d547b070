//! The document's header and closing: kind, number and symbol (state and Party grammars and
//! their hybrids), issuer, place and date, title, addressees, signature blocks, "Nơi nhận".

use crate::lower::lower_starts_with;
use dondoc_text::NormDoc;

use crate::date::{Date, find_dates};
use crate::model::{DocKind, Document, Level, Signer};

/// The header and closing, and where the body lies between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// The document fields (meeting left `None`: see `meeting`).
    pub document: Document,
    /// Index of the first body paragraph (after the title).
    pub body_start: usize,
    /// Index one past the last body paragraph (before "Nơi nhận", the signature block, or the
    /// site chrome of a web page).
    pub body_end: usize,
    /// The issuing body's level, from the issuer, symbol, signer or place.
    pub level: Option<Level>,
}

/// How many opening paragraphs may hold the header.
const HEAD_SCAN: usize = 40;
/// How many closing paragraphs may hold "Nơi nhận" and the signature.
const TAIL_SCAN: usize = 80;

/// The national motto and Party header lines, which are never the issuer.
const MOTTOS: [&str; 3] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
];

/// Common Vietnamese family names: a signer's or attendee's name starts with one.
const SURNAMES: &[&str] = &[
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trịnh",
    "Đinh",
    "Lương",
    "Mai",
    "Đào",
    "Cao",
    "Lâm",
    "Hà",
    "Tạ",
    "Chu",
    "Đoàn",
    "Kiều",
    "Tô",
    "Lưu",
    "Thái",
    "Châu",
    "Quách",
    "Phùng",
    "Vương",
    "Triệu",
    "Đàm",
    "Trương",
    "Lại",
    "Hứa",
    "Tăng",
    "Thân",
    "La",
    "Khổng",
    "Mạc",
    "Nông",
    "Lò",
    "Quàng",
    "Giàng",
    "Sùng",
    "Hầu",
    "Vi",
    "Lục",
    "Tống",
    "Doãn",
    "Âu",
    "Khúc",
    "Ông",
    "Nghiêm",
    "Lã",
    "Từ",
    "Diệp",
    "Kim",
    "Đồng",
    "Hàn",
    "Tôn",
    "Thạch",
    "Lữ",
    "Viên",
    "Phí",
    "Ninh",
    "Bế",
    "Văn",
    "Đường",
    "Mẫn",
    "Quan",
    "Cù",
    "Trình",
    "Vòng",
    "Hoàng",
    "Tiêu",
    "Lữ",
    "Ma",
    "Hán",
];

/// Parses the header and closing of `doc`.
pub fn parse_header(doc: &NormDoc) -> Header {
    let n = doc.paras.len();
    let head_end = n.min(HEAD_SCAN);
    let mut d = Document::default();

    // Number and symbol.
    let mut num_para = None;
    for i in 0..head_end {
        if let Some((number, symbol, sep)) = parse_number(doc.para_text(i)) {
            d.reference = number.as_ref().map(|num| format!("{num}{sep}{symbol}"));
            d.number = number;
            d.symbol = Some(symbol);
            num_para = Some(i);
            break;
        }
    }

    // Place and date.
    let mut date_para = None;
    for i in 0..head_end {
        if let Some((mut place, mut date)) = parse_place_date(doc.para_text(i)) {
            // A place or date wrapped onto the neighbouring line ("Thành phố Hồ" / "Chí Minh,
            // ngày 18 …"; "Cần Thơ, ngày" / "19 tháng 11 năm 2025").
            if i > 0 {
                let prev = clean_cell(doc.para_text(i - 1));
                if prev.split_whitespace().count() <= 4
                    && place_words_ok(prev)
                    && !prev.chars().all(|c| !c.is_lowercase())
                    && parse_number(prev).is_none()
                {
                    place = format!("{prev} {place}");
                }
            }
            if date.is_none() {
                let joined = format!("{} {}", doc.para_text(i), doc.para_text(i + 1));
                if let Some((_, d2)) = parse_place_date(&joined) {
                    date = d2;
                }
            }
            d.place = Some(place);
            d.issued_on = date;
            date_para = Some(i);
            break;
        }
    }

    // The type line and title.
    let mut type_para = None;
    let mut kind = None;
    for i in 0..head_end {
        let t = clean_cell(doc.para_text(i));
        if let Some(k) = type_of_line(t) {
            kind = Some(k);
            type_para = Some(i);
            break;
        }
    }

    let vv_para = (0..head_end).find(|&i| {
        let t = clean_cell(doc.para_text(i));
        lower_starts_with(t, "v/v") || lower_starts_with(t, "về việc")
    });
    let kg_para = (0..head_end).find(|&i| is_kinh_gui(doc.para_text(i)));

    // Title: lines after the type name until the first body paragraph (or the V/v line).
    let mut body_start = 0;
    if let Some(tp) = type_para {
        let (title, next) = collect_title(doc, tp + 1, head_end);
        let line_rest = type_line_rest(clean_cell(doc.para_text(tp)));
        let t0 = clean_cell(doc.para_text(tp));
        let joined = t0.chars().any(|c| c.is_lowercase());
        d.title = match (line_rest, title) {
            (Some(r), Some(t)) if joined => Some(format!("{r} {t}")),
            (Some(r), None) if joined => Some(r),
            (_, Some(t)) => Some(t),
            (r, None) => r,
        };
        body_start = next;
    } else if let Some(vp) = vv_para {
        let (title, next) = collect_title(doc, vp, head_end);
        d.title = title;
        body_start = next;
    }
    if let Some(k) = kind
        && k == DocKind::ThongBao
        && d.title.as_deref().is_some_and(title_is_conclusion)
    {
        kind = Some(DocKind::ThongBaoKetLuan);
    }

    // Issuer: upper-case header cells before the number line.
    let issuer_end = num_para.or(type_para).unwrap_or(0).min(head_end);
    d.issuer = parse_issuer(doc, issuer_end);

    // Addressees.
    let mut after_header = [num_para, date_para, type_para, vv_para]
        .iter()
        .flatten()
        .map(|i| i + 1)
        .max()
        .unwrap_or(0);
    if let Some(k) = kg_para {
        let (list, next) = collect_list(doc, k, n.min(k + 30), ListKind::KinhGui);
        d.addressees = list;
        after_header = after_header.max(next);
    }
    body_start = body_start.max(after_header);

    let kind = match kind {
        Some(k) => k,
        None => {
            if vv_para.is_some() || kg_para.is_some() {
                DocKind::CongVan
            } else if num_para.is_none() && date_para.is_none() {
                DocKind::TinBai
            } else {
                DocKind::Other
            }
        }
    };
    d.kind = kind;

    if kind == DocKind::TinBai {
        // A news report: the headline is its title, a dateline "16/07/2026 - 17:14" its date.
        d.title = first_headline(doc);
        if d.title.is_some() {
            body_start = body_start.max(1);
        }
        for i in 0..n.min(4) {
            let t = doc.para_text(i);
            if crate::regex!(r"^\d{1,2}/\d{1,2}/\d{4}\s*(?:-\s*\d{1,2}:\d{2})?$").is_match(t) {
                d.issued_on = find_dates(t, None).first().map(|w| w.date);
                body_start = body_start.max(i + 1);
            }
        }
    }

    if kind == DocKind::BienBan && d.issued_on.is_none() {
        // Minutes are dated by their opening: "Hôm nay, ngày 26/5/2026 …".
        for i in body_start..n.min(body_start + 6) {
            let t = doc.para_text(i);
            if let Some(m) = crate::regex!(r"(?i)^hôm nay\s*,?\s*(?:ngày\s+)?").find(clean_cell(t))
            {
                let rest = clean_cell(t).get(m.end()..).unwrap_or("");
                d.issued_on = find_dates(rest, None)
                    .into_iter()
                    .find(|w| w.start < 3)
                    .map(|w| w.date);
                break;
            }
        }
    }

    // Closing: "Nơi nhận", signature blocks, web chrome.
    let closing = parse_closing(doc, body_start);
    d.recipients = closing.recipients;
    d.signers = closing.signers;
    d.signer = d.signers.first().cloned();
    let body_end = closing.body_end.max(body_start.min(n));

    let level = level_of_issuer(&d, doc);
    Header {
        document: d,
        body_start: body_start.min(n),
        body_end,
        level,
    }
}

/// Trims markdown leftovers, table pipes and white space around a line or cell.
fn clean_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '|' | '#' | '_'))
}

/// "Số: 13/TB-UBND", "Số 77 -KL/HU", "Số: /TB-VP" → (number, symbol, separator).
fn parse_number(line: &str) -> Option<(Option<String>, String, char)> {
    let re = crate::regex!(
        r"(?:^|\|)\s*\**\s*S[ốỐôÔo]\s*:?\s*(\d*)\s*([/\-])\s*([A-Za-zĐđƯư][A-Za-z0-9ĐđƯư&.]*(?:\s*[/\-]\s*[A-Za-z0-9ĐđƯư&.]+)*)"
    );
    let c = re.captures(line)?;
    let number = c
        .get(1)
        .map(|m| m.as_str().to_string())
        .filter(|s| !s.is_empty());
    let sep = c.get(2)?.as_str().chars().next()?;
    let symbol = fix_symbol(c.get(3)?.as_str());
    if !symbol.chars().any(|ch| ch.is_uppercase()) {
        return None;
    }
    Some((number, symbol, sep))
}

/// Removes spaces and OCR's Ư for U in a symbol.
pub(crate) fn fix_symbol(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ư' => 'U',
            'ư' => 'u',
            _ => c,
        })
        .collect::<String>()
        .trim_end_matches(['.', ',', ';'])
        .to_string()
}

/// "Lục Nam, ngày 28 tháng 01 năm 2015" → ("Lục Nam", date); the date is `None` when left blank.
fn parse_place_date(line: &str) -> Option<(String, Option<Date>)> {
    for cell in line.split('|') {
        let cell = clean_cell(cell);
        if !cell.contains("ngày") {
            continue;
        }
        // `^([\p{L}][\p{L} .\-]{1,60}?)…`: the lazy group is the shortest that lets the rest
        // match, so the unbounded group and a check of its length find the same, and the
        // pattern compiles without sixty copies of the letter class.
        let re = crate::regex!(r"^([\p{L}][\p{L} .\-]+?)\s*,\s*ngày\b(.*)$");
        let Some(c) = re.captures(cell) else { continue };
        if c.get(1).is_none_or(|m| m.as_str().chars().count() > 61) {
            continue;
        }
        let place = c.get(1).map(|m| m.as_str().trim().to_string())?;
        if place.split_whitespace().count() > 8 || !place_words_ok(&place) {
            continue;
        }
        let rest = c.get(2).map_or("", |m| m.as_str());
        let rest = rest.trim_end_matches(['*', '_', ' ']);
        let date = find_dates(rest, None)
            .into_iter()
            .find(|w| w.start < 4)
            .map(|w| w.date);
        return Some((place, date));
    }
    // "Số: 5973 /UBND-KT Lào Cai, ngày …" in one flattened line: the capitalised words before.
    let pos = line.find(", ngày")?;
    let head = line.get(..pos)?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let mut k = words.len();
    while k > 0 {
        let Some(w) = words.get(k - 1) else { break };
        let title = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && w.chars().all(char::is_alphabetic);
        if title || (matches!(*w, "phố" | "thị" | "xã") && k < words.len()) {
            k -= 1;
        } else {
            break;
        }
    }
    if k == words.len() || k == 0 {
        return None;
    }
    let place = words.get(k..)?.join(" ");
    let rest = line.get(pos + ", ngày".len()..).unwrap_or("");
    let date = find_dates(rest, None)
        .into_iter()
        .find(|w| w.start < 4)
        .map(|w| w.date);
    Some((place, date))
}

/// A place name: capitalised words, with "phố", "thị", "xã" allowed inside.
fn place_words_ok(place: &str) -> bool {
    place.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "phố" | "thị" | "xã")
    })
}

/// The document type a type-name line gives ("KẾT LUẬN", "THÔNG BÁO", "GIẤY MỜI HỌP").
fn type_of_line(t: &str) -> Option<DocKind> {
    if t.is_empty() {
        return None;
    }
    // The type name is written in capitals; a title in lower case may have been joined to it.
    let caps: String = t
        .split_whitespace()
        .take_while(|w| !w.chars().any(|c| c.is_lowercase()))
        .collect::<Vec<_>>()
        .join(" ");
    let joined_lower = caps.len() < t.len()
        && t.get(caps.len()..)
            .and_then(|r| r.trim_start().chars().next())
            .is_some_and(|c| c.is_lowercase());
    if caps.len() < t.len() && !joined_lower {
        return None;
    }
    if caps.chars().count() > 40 {
        return None;
    }
    let t = caps.as_str();
    let kinds: [(&str, DocKind); 9] = [
        ("KẾT LUẬN", DocKind::KetLuan),
        ("THÔNG BÁO", DocKind::ThongBao),
        ("BIÊN BẢN", DocKind::BienBan),
        ("BÁO CÁO", DocKind::BaoCao),
        ("GIẤY MỜI", DocKind::GiayMoi),
        ("CHỈ THỊ", DocKind::ChiThi),
        ("KẾ HOẠCH", DocKind::KeHoach),
        ("CÔNG VĂN", DocKind::CongVan),
        ("THÔNG BÁO KẾT LUẬN", DocKind::ThongBaoKetLuan),
    ];
    let mut best = None;
    for (name, k) in kinds {
        if t == name || t.starts_with(&format!("{name} ")) {
            best = Some((name.len(), k));
        }
    }
    let (len, k) = best?;
    // "KẾ HOẠCH" followed by a long capitalised title on the same line is still the type.
    let _ = len;
    if k == DocKind::ThongBao && t.contains("KẾT LUẬN") {
        return Some(DocKind::ThongBaoKetLuan);
    }
    Some(k)
}

/// What follows the type name on its own line ("GIẤY MỜI HỌP" → "HỌP").
fn type_line_rest(t: &str) -> Option<String> {
    let caps = t
        .split_whitespace()
        .take_while(|w| !w.chars().any(|c| c.is_lowercase()))
        .count();
    if caps < t.split_whitespace().count() {
        let rest: Vec<&str> = t.split_whitespace().skip(caps).collect();
        return Some(rest.join(" "));
    }
    let rest = t.split_once(' ').map(|(_, r)| r)?;
    let rest = rest.trim();
    (rest.chars().count() > 6).then(|| rest.to_string())
}

fn title_is_conclusion(title: &str) -> bool {
    let t = crate::lower::lowercase(title);
    t.starts_with("kết luận")
        || t.starts_with("ý kiến kết luận")
        || t.contains("kết luận của")
        || t.contains("kết luận tại")
}

/// Does paragraph `t` start a body (narrative) rather than continue a title?
fn is_body_start(t: &str) -> bool {
    let t = clean_cell(t);
    let re = crate::regex!(
        r"^(?:Căn cứ|Thực hiện|Ngày\s+\d|Hôm nay|Sáng|Chiều|Tối|Trưa|Vào\s|Tại\s|Sau khi|Xét\s|Theo\s|Kính gửi|Trong\s|Nhằm|Để\s|Năm\s+\d|\d+\s*\.|[IVX]+\s*\.|Thời gian|Đồng chí|Đ/c)"
    );
    re.is_match(t) || t.chars().count() > 250
}

fn is_decoration(t: &str) -> bool {
    let t = clean_cell(t);
    t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | '.' | '|' | ' '))
}

/// The title lines starting at `from`, and the index of the paragraph after them.
fn collect_title(doc: &NormDoc, from: usize, limit: usize) -> (Option<String>, usize) {
    let mut parts: Vec<&str> = Vec::new();
    let mut i = from;
    while i < limit {
        let raw = doc.para_text(i);
        if is_decoration(raw) {
            i += 1;
            if parts.is_empty() {
                continue;
            }
            break;
        }
        // A V/v line may share its line with the motto in a flattened two-column header.
        let first_cell = raw.split('|').next().unwrap_or(raw);
        let t = clean_cell(first_cell);
        if is_body_start(t) || is_kinh_gui(raw) || parse_place_date(raw).is_some() {
            break;
        }
        if !parts.is_empty() && is_motto(t) {
            break;
        }
        if !is_motto(t) {
            parts.push(t);
        }
        let ends_cell = raw.contains('|');
        i += 1;
        if ends_cell || parts.len() >= 6 {
            break;
        }
    }
    let title = parts.join(" ");
    let title = title.trim().to_string();
    ((!title.is_empty()).then_some(title), i)
}

fn is_motto(t: &str) -> bool {
    let up = t.to_uppercase();
    let up = up.trim();
    !up.is_empty() && MOTTOS.iter().any(|m| m.contains(up) || up.contains(m))
}

fn is_kinh_gui(t: &str) -> bool {
    lower_starts_with(clean_cell(t), "kính gửi")
}

/// Upper-case cells of the first paragraphs, the motto removed, joined.
fn parse_issuer(doc: &NormDoc, end: usize) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for i in 0..end {
        let line = doc.para_text(i);
        if parse_place_date(line).is_some() && !line.contains('|') {
            continue;
        }
        for cell in line.split('|') {
            let mut cell = clean_cell(cell).to_string();
            for m in MOTTOS {
                let up = cell.to_uppercase();
                if let Some(pos) = up.find(m) {
                    // Upper-casing keeps byte lengths of these letters; be careful anyway.
                    let head = cell.get(..pos).unwrap_or("").to_string();
                    let tail = cell.get(pos + m.len()..).unwrap_or("").to_string();
                    cell = format!("{head} {tail}");
                }
            }
            let cell = clean_cell(cell.trim());
            if cell.is_empty() || is_decoration(cell) || is_motto(cell) {
                continue;
            }
            if cell.chars().any(|c| c.is_lowercase()) || !cell.chars().any(|c| c.is_alphabetic()) {
                continue;
            }
            parts.push(cell.to_string());
        }
    }
    let s = parts.join(" ");
    (!s.is_empty()).then_some(s)
}

fn first_headline(doc: &NormDoc) -> Option<String> {
    let t = doc.para_text(0);
    if is_body_start(t) || t.chars().count() > 200 {
        return None;
    }
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '"' && c != '“' && c != '”');
    (!t.is_empty() && t.chars().count() < 300).then(|| t.to_string())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    KinhGui,
    NoiNhan,
}

/// A signature-block line: "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "TL. CHỦ TỊCH", …
fn authority_prefix(t: &str) -> bool {
    crate::regex!(r"^(?:T/M|TM\s*\.|T\.M\.?|KT\s*\.|K/T|TL\s*\.|T/L|TUQ\s*\.|Q\s*\.|Đại diện\b)")
        .is_match(t)
}

/// An upper-case line of at least two words: a position in a signature block.
fn is_position(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4
        && !t.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
        && t.split_whitespace().count() >= 2
}

/// A Vietnamese personal name: 2–5 capitalised words, the first a family name.
pub(crate) fn is_person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let Some(first) = words.first() else {
        return false;
    };
    if !SURNAMES.contains(first) {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && cs.all(|c| c.is_lowercase() && c.is_alphabetic())
    })
}

fn strip_signed(t: &str) -> &str {
    let t = clean_cell(t);
    let re = crate::regex!(r"^\((?:Đã ký|đã ký)[^)]*\)\s*");
    let t = match re.find(t) {
        Some(m) => t.get(m.end()..).unwrap_or(t),
        None => t,
    };
    clean_cell(t)
}

/// Cleans a list item: no leading "-"/"+", no trailing ";" "," ".".
fn clean_item(s: &str) -> String {
    let s = clean_cell(s);
    let s = s.trim_start_matches(['-', '+', '•', '–', ' ']);
    let s = s.trim_end_matches([';', ',', '.', ' ']);
    s.trim().to_string()
}

/// Splits an upper-case signature column off a flattened list line:
/// "- Như trên (t/h); PHÓ BÍ THƯ" → ("- Như trên (t/h);", Some("PHÓ BÍ THƯ")).
fn split_trailing_caps(line: &str) -> (&str, Option<&str>) {
    if let Some(pos) = line.rfind([';', ',']) {
        let tail = line.get(pos + 1..).unwrap_or("").trim();
        if !tail.is_empty() && (authority_prefix(tail) || is_position(tail)) {
            return (line.get(..=pos).unwrap_or(line), Some(tail));
        }
    }
    (line, None)
}

/// Collects the list starting at paragraph `start` (the "Kính gửi:" / "Nơi nhận:" line).
/// Returns the items and the index after the list; signature-column lines met inside a
/// "Nơi nhận" list are not items.
fn collect_list(doc: &NormDoc, start: usize, end: usize, kind: ListKind) -> (Vec<String>, usize) {
    let (items, _, next) = collect_list_sig(doc, start, end, kind);
    (items, next)
}

fn collect_list_sig(
    doc: &NormDoc,
    start: usize,
    end: usize,
    kind: ListKind,
) -> (Vec<String>, Vec<String>, usize) {
    let mut items: Vec<String> = Vec::new();
    let mut sig: Vec<String> = Vec::new();
    let mut i = start;
    let mut first = true;
    let mut open = true; // the previous item may continue
    'outer: while i < end {
        let raw = doc.para_text(i);
        let cells: Vec<&str> = raw.split('|').collect();
        let mut cell_idx = 0;
        let mut ended_in_cell = false;
        for (ci, cell) in cells.iter().enumerate() {
            cell_idx = ci;
            let mut t = clean_cell(cell);
            if first {
                let lower = crate::lower::lowercase(t);
                let label = if kind == ListKind::KinhGui {
                    "kính gửi"
                } else {
                    "nơi nhận"
                };
                if let Some(pos) = lower.find(label) {
                    let after = t.get(pos + label.len()..).unwrap_or("");
                    t = after.trim_start_matches([':', ' ']).trim();
                    first = false;
                    if t.is_empty() {
                        continue;
                    }
                    if kind == ListKind::NoiNhan && (authority_prefix(t) || is_position(t)) {
                        sig.push(t.to_string());
                        continue;
                    }
                } else {
                    continue;
                }
            }
            if t.is_empty() {
                if ci > 0 && !items.is_empty() && kind == ListKind::NoiNhan {
                    // An empty cell after the list: the signature column follows.
                    ended_in_cell = true;
                }
                continue;
            }
            if ended_in_cell || (ci > 0 && !items.is_empty() && kind == ListKind::NoiNhan) {
                // Cells after the list column belong to the signature block.
                sig.push(t.to_string());
                ended_in_cell = true;
                continue;
            }
            let (t, tail) = if kind == ListKind::NoiNhan {
                split_trailing_caps(t)
            } else {
                (t, None)
            };
            let dashed = t.starts_with(['-', '+', '•', '–']);
            if !dashed {
                let stop = if kind == ListKind::NoiNhan {
                    authority_prefix(t) || is_position(t) || is_person_name(strip_signed(t))
                } else {
                    is_body_start(t) || t.chars().count() > 90 || !open
                };
                if stop {
                    if kind == ListKind::NoiNhan {
                        break 'outer;
                    }
                    let items = items.iter().map(|x| clean_item(x)).collect();
                    return (items, sig, i);
                }
            }
            let item = t
                .trim_start_matches(['-', '+', '•', '–', ' '])
                .trim()
                .to_string();
            if dashed || items.is_empty() {
                if !clean_item(&item).is_empty() {
                    items.push(item);
                }
            } else if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(&item);
            }
            open = !t.ends_with([';', '.']);
            if kind == ListKind::KinhGui {
                open = !t.ends_with('.') || t.ends_with(',');
                open = open || !t.ends_with(['.', ';']);
            }
            if let Some(tail) = tail {
                sig.push(tail.to_string());
            }
        }
        let _ = cell_idx;
        i += 1;
        if kind == ListKind::NoiNhan && ended_in_cell {
            // The rest of the closing is the signature column.
            while i < end {
                let t = clean_cell(doc.para_text(i));
                if !t.is_empty() {
                    sig.push(t.to_string());
                }
                i += 1;
            }
            break;
        }
    }
    let items = items.iter().map(|x| clean_item(x)).collect();
    (items, sig, i)
}

struct Closing {
    recipients: Vec<String>,
    signers: Vec<Signer>,
    body_end: usize,
}

fn is_chrome(t: &str) -> bool {
    crate::regex!(r"^(?:Đánh giá\s*:|Thống kê\s*:|Bình luận|lượt đánh giá|Tin liên quan|Các tin khác|Mã xác thực|Ý kiến bạn đọc)")
        .is_match(clean_cell(t))
}

fn parse_closing(doc: &NormDoc, body_start: usize) -> Closing {
    let n = doc.paras.len();
    let from = n.saturating_sub(TAIL_SCAN).max(body_start);
    let mut body_end = n;
    // Web chrome.
    if let Some(c) = (from..n).find(|&i| is_chrome(doc.para_text(i))) {
        body_end = c;
    }
    let nn = (from..body_end).rev().find(|&i| {
        lower_starts_with(clean_cell(doc.para_text(i)), "nơi nhận")
            || doc
                .para_text(i)
                .split('|')
                .any(|c| lower_starts_with(clean_cell(c), "nơi nhận"))
    });
    let mut recipients = Vec::new();
    let mut sig_lines: Vec<String> = Vec::new();
    let sig_from;
    if let Some(k) = nn {
        // Lines of the signature column that precede "Nơi nhận" in a flattened layout.
        let mut j = k;
        while j > from && j + 6 > k {
            let t = clean_cell(doc.para_text(j - 1));
            if authority_prefix(t) || is_position(t) {
                j -= 1;
            } else {
                break;
            }
        }
        for p in j..k {
            sig_lines.push(clean_cell(doc.para_text(p)).to_string());
        }
        let (items, sig, next) = collect_list_sig(doc, k, body_end, ListKind::NoiNhan);
        recipients = items;
        sig_lines.extend(sig);
        for p in next..body_end {
            for cell in doc.para_text(p).split('|') {
                let t = clean_cell(cell);
                if !t.is_empty() {
                    sig_lines.push(t.to_string());
                }
            }
        }
        sig_from = j;
        body_end = body_end.min(j);
    } else {
        // No "Nơi nhận": the signature block is the last authority line and what follows.
        let start = (from..body_end)
            .rev()
            .take(25)
            .rfind(|&i| authority_prefix(clean_cell(doc.para_text(i))));
        match start {
            Some(s) => {
                for p in s..body_end {
                    for cell in doc.para_text(p).split('|') {
                        let t = clean_cell(cell);
                        if !t.is_empty() {
                            sig_lines.push(t.to_string());
                        }
                    }
                }
                sig_from = s;
                body_end = body_end.min(s);
            }
            None => sig_from = body_end,
        }
    }
    let _ = sig_from;
    let signers = parse_signers(&sig_lines);
    Closing {
        recipients,
        signers,
        body_end,
    }
}

/// Signature blocks from the lines of the signature column, in order.
fn parse_signers(lines: &[String]) -> Vec<Signer> {
    let mut out = Vec::new();
    let mut caps: Vec<String> = Vec::new();
    let mut rep: Option<String> = None; // "Đại diện" blocks of minutes
    for line in lines {
        let t = strip_signed(line);
        if t.is_empty() {
            continue;
        }
        if is_person_name(t) {
            if caps.is_empty() && rep.is_none() {
                continue;
            }
            let (authority, title) = if let Some(r) = rep.take() {
                (Some(r), None)
            } else {
                split_authority(&caps)
            };
            out.push(Signer {
                authority,
                title,
                name: Some(t.to_string()),
            });
            caps.clear();
            continue;
        }
        if let Some(r) = rep.as_mut() {
            r.push(' ');
            r.push_str(t);
            continue;
        }
        if t.starts_with("Đại diện") {
            rep = Some(t.to_string());
            caps.clear();
            continue;
        }
        if authority_prefix(t) || is_position(t) || t.ends_with(',') && is_position_like(t) {
            caps.push(t.to_string());
        }
    }
    out
}

fn is_position_like(t: &str) -> bool {
    !t.chars().any(|c| c.is_lowercase())
}

/// The upper-case lines of a block: the last is the position, the earlier ones the authority
/// when the first carries a sign-off prefix.
fn split_authority(caps: &[String]) -> (Option<String>, Option<String>) {
    let Some((last, rest)) = caps.split_last() else {
        return (None, None);
    };
    if rest.is_empty() {
        if authority_prefix(last) {
            return (Some(last.clone()), None);
        }
        return (None, Some(last.clone()));
    }
    let auth = rest.join(" ");
    if rest.first().is_some_and(|f| authority_prefix(f)) {
        (Some(auth), Some(last.clone()))
    } else {
        (None, Some(caps.join(" ")))
    }
}

/// The issuing body's level from its header words and symbol.
fn level_of_issuer(d: &Document, doc: &NormDoc) -> Option<Level> {
    if let Some(iss) = d.issuer.as_deref() {
        let up = iss.to_uppercase();
        if up.contains("CHÍNH PHỦ") || up.contains("TRUNG ƯƠNG") || up.contains("QUỐC HỘI")
        {
            return Some(Level::TrungUong);
        }
        if up.contains(" XÃ ") || up.ends_with(" XÃ") || up.contains("XÃ ") || up.contains("PHƯỜNG")
        {
            return Some(Level::Xa);
        }
        if up.contains("HUYỆN") || up.contains("QUẬN") || up.contains("THỊ XÃ") {
            return Some(Level::Huyen);
        }
        if up.contains("TỈNH") || up.contains("THÀNH PHỐ") || up.contains("SỞ ") {
            return Some(Level::Tinh);
        }
    }
    if let Some(sym) = d.symbol.as_deref() {
        let parts: Vec<&str> = sym.split(['/', '-']).collect();
        for p in parts.iter().skip(1) {
            let lv = match *p {
                "TW" | "VPTW" | "VPCP" | "TTg" | "CP" | "QH" | "MTTW" | "TWĐTN" => {
                    Some(Level::TrungUong)
                }
                "TU" | "VPTU" | "UBKTTU" | "BTCTU" | "BDVTU" | "BTGDVTU" | "SCT" => {
                    Some(Level::Tinh)
                }
                "HU" | "QU" | "VPHU" | "BDVHU" => Some(Level::Huyen),
                _ => None,
            };
            if lv.is_some() {
                return lv;
            }
        }
    }
    // Count the level words of the body.
    let text = &doc.text;
    let counts = [
        (
            Level::Huyen,
            text.matches("huyện").count() + text.matches("Huyện").count(),
        ),
        (
            Level::Tinh,
            text.matches("tỉnh").count() + text.matches("Tỉnh").count(),
        ),
        (
            Level::Xa,
            text.matches(" xã").count() + text.matches("phường").count(),
        ),
    ];
    counts
        .iter()
        .filter(|(_, c)| *c > 0)
        .max_by_key(|(_, c)| *c)
        .map(|(l, _)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    fn header(s: &str) -> Header {
        parse_header(&NormDoc::from_plain(s))
    }

    #[test]
    fn state_number() {
        let h = header(
            "ỦY BAN NHÂN DÂN\nHUYỆN HÒA BÌNH XANH\nSố: 21/TB-UBND\nHòa Bình Xanh, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\nKết luận của Chủ tịch UBND huyện tại cuộc họp giao ban\nNgày 01/3/2024, UBND huyện tổ chức họp.",
        );
        let d = &h.document;
        assert_eq!(d.number.as_deref(), Some("21"));
        assert_eq!(d.symbol.as_deref(), Some("TB-UBND"));
        assert_eq!(d.reference.as_deref(), Some("21/TB-UBND"));
        assert_eq!(d.place.as_deref(), Some("Hòa Bình Xanh"));
        assert_eq!(
            d.issued_on.map(|x| x.to_string()),
            Some("2024-03-05".into())
        );
        assert_eq!(d.kind, DocKind::ThongBaoKetLuan);
        assert_eq!(
            d.issuer.as_deref(),
            Some("ỦY BAN NHÂN DÂN HUYỆN HÒA BÌNH XANH")
        );
        assert_eq!(h.level, Some(Level::Huyen));
        assert!(
            d.title
                .as_deref()
                .is_some_and(|t| t.starts_with("Kết luận"))
        );
    }

    #[test]
    fn party_and_hybrid_numbers() {
        for (line, num, sym, refr) in [
            ("Số 45-KL/HU", "45", "KL/HU", "45-KL/HU"),
            ("Số 45 -KL/HU", "45", "KL/HU", "45-KL/HU"),
            ("Số: 7 /TB-UBND", "7", "TB-UBND", "7/TB-UBND"),
            ("Số 05/HD-MTTW-BTT", "05", "HD-MTTW-BTT", "05/HD-MTTW-BTT"),
            (
                "Số 367-QĐ/TWĐTN-VP",
                "367",
                "QĐ/TWĐTN-VP",
                "367-QĐ/TWĐTN-VP",
            ),
            ("Số 2449 -CV/ĐU", "2449", "CV/ĐU", "2449-CV/ĐU"),
            ("Số 12-KL/TƯ", "12", "KL/TU", "12-KL/TU"),
        ] {
            let h = header(&format!(
                "HUYỆN ỦY HÒA BÌNH XANH\n*\n{line}\nKẾT LUẬN\nHọp giao ban"
            ));
            assert_eq!(h.document.number.as_deref(), Some(num), "{line}");
            assert_eq!(h.document.symbol.as_deref(), Some(sym), "{line}");
            assert_eq!(h.document.reference.as_deref(), Some(refr), "{line}");
        }
    }

    #[test]
    fn blank_number_and_date() {
        let h = header(
            "ĐẢNG ỦY XÃ AN LẠC\nSố -BC/VPĐU\nAn Lạc, ngày … tháng 6 năm 2026\nBÁO CÁO\nkết quả thẩm định",
        );
        assert_eq!(h.document.number, None);
        assert_eq!(h.document.reference, None);
        assert_eq!(h.document.symbol.as_deref(), Some("BC/VPĐU"));
        assert_eq!(h.document.place.as_deref(), Some("An Lạc"));
        assert_eq!(h.document.issued_on, None);
        assert_eq!(h.document.kind, DocKind::BaoCao);
        assert_eq!(h.level, Some(Level::Xa));
    }

    #[test]
    fn letter_with_kinh_gui() {
        let h = header(
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN HÒA BÌNH XANH | Độc lập - Tự do - Hạnh phúc\nSố: 88/UBND-VP | Hòa Bình Xanh, ngày 02 tháng 4 năm 2024\nV/v triển khai kế hoạch\nKính gửi:\n- Phòng Nội vụ huyện;\n- UBND các xã.\nThực hiện ý kiến chỉ đạo, UBND huyện đề nghị như sau:\n1. Phòng Nội vụ rà soát.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nTrần Văn Minh",
        );
        let d = &h.document;
        assert_eq!(d.kind, DocKind::CongVan);
        assert_eq!(d.addressees, ["Phòng Nội vụ huyện", "UBND các xã"]);
        assert_eq!(d.recipients, ["Như trên", "Lưu: VT"]);
        assert_eq!(
            d.issuer.as_deref(),
            Some("ỦY BAN NHÂN DÂN HUYỆN HÒA BÌNH XANH")
        );
        let s = d.signer.clone().unwrap_or_default();
        assert_eq!(s.authority.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Trần Văn Minh"));
        assert_eq!(d.title.as_deref(), Some("V/v triển khai kế hoạch"));
    }

    #[test]
    fn signer_prefixes() {
        for auth in [
            "T/M BAN THƯỜNG VỤ",
            "TM. ỦY BAN NHÂN DÂN",
            "TL. CHỦ TỊCH",
            "K/T BÍ THƯ",
            "T/L BAN THƯỜNG VỤ",
            "T.M BAN CHẤP HÀNH",
            "Q. CHỦ TỊCH",
            "TUQ. CHỦ TỊCH",
        ] {
            let h = header(&format!(
                "KẾT LUẬN\nHọp giao ban\nNgày 02/02/2024, họp.\nNội dung.\nNơi nhận: - Thường trực Huyện ủy;\n+ Lưu VP.\n{auth}\nPHÓ BÍ THƯ\n\n\nLê Thị Hồng Nhung"
            ));
            let s = h.document.signer.clone().unwrap_or_default();
            assert_eq!(s.authority.as_deref(), Some(auth));
            assert_eq!(s.name.as_deref(), Some("Lê Thị Hồng Nhung"), "{auth}");
            assert_eq!(h.document.recipients, ["Thường trực Huyện ủy", "Lưu VP"]);
        }
    }

    #[test]
    fn flattened_two_columns() {
        let h = header(
            "KẾT LUẬN\nHọp giao ban\nNgày 02/02/2024, họp.\nNội dung kết luận.\nNơi nhận: T/M BAN THƯỜNG VỤ\n- Như trên (t/h); PHÓ BÍ THƯ\n- Thường trực Huyện ủy (để b/c);\n- Lưu Văn phòng.\n\nĐỗ Minh Khang",
        );
        let d = &h.document;
        assert_eq!(
            d.recipients,
            [
                "Như trên (t/h)",
                "Thường trực Huyện ủy (để b/c)",
                "Lưu Văn phòng"
            ]
        );
        let s = d.signer.clone().unwrap_or_default();
        assert_eq!(s.authority.as_deref(), Some("T/M BAN THƯỜNG VỤ"));
        assert_eq!(s.title.as_deref(), Some("PHÓ BÍ THƯ"));
        assert_eq!(s.name.as_deref(), Some("Đỗ Minh Khang"));
        assert_eq!(h.body_end, 4);
    }

    #[test]
    fn cell_layout_and_continuations() {
        let h = header(
            "THÔNG BÁO\nKết luận của Chủ tịch\nNgày 02/02/2024, họp.\nNội dung.\nNơi nhận:\n- VP: BTCN, các PCN,\nThư ký;\n- Lưu: VT, TH. | | CHÁNH VĂN PHÒNG\n\nPhan Quốc Bảo",
        );
        assert_eq!(
            h.document.recipients,
            ["VP: BTCN, các PCN, Thư ký", "Lưu: VT, TH"]
        );
        assert_eq!(
            h.document.signer.and_then(|s| s.name).as_deref(),
            Some("Phan Quốc Bảo")
        );
    }

    #[test]
    fn news_report() {
        let h = header(
            "Huyện Hòa Bình Xanh họp MTTQ\n16/07/2026 - 17:14\nChiều 16-7, MTTQ huyện tổ chức hội nghị.\nĐánh giá:\nThống kê: 123",
        );
        assert_eq!(h.document.kind, DocKind::TinBai);
        assert_eq!(
            h.document.issued_on.map(|d| d.to_string()),
            Some("2026-07-16".into())
        );
        assert_eq!(h.body_start, 2);
        assert_eq!(h.body_end, 3);
    }

    proptest! {
        #[test]
        fn never_panics(s in "(\\PC{0,40}\n){0,12}") {
            let _ = header(&s);
        }
    }
}
