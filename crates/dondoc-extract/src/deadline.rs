//! Vietnamese deadlines, dates and recurrences: "trước ngày 09/02/2018", "trong quý II/2018",
//! "chậm nhất 16 giờ ngày 30/7/2026", "hằng quý", "02 – 04 tin, bài/tháng".
//!
//! The grammar is trigger-led and conservative: a written date is a deadline only when a
//! deadline word stands right before it ("trước", "chậm nhất", "thời hạn:", a time of day …),
//! a period ("tháng 6/2026", "quý II/2018", "năm 2026") only after "trong", "trước", "cuối",
//! "hết" or a "Thời gian:" label. Citations ("Quyết định số … ngày …"), activity windows
//! ("từ ngày … đến ngày …"), framing periods ("Năm 2015, đề nghị …", "Trong năm 2026, …") and
//! event dates ("tổ chức Đại hội … trong tháng 06/2018") have no such trigger or are rejected.

use crate::date::{Date, days_in_month};
use crate::model::{Deadline, Freq, Per, Quota, Recurrence, Relation};

/// What a date without a year, or a relative deadline, is resolved against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateCtx {
    /// The notice's own date (issued, else the meeting's date), if known.
    pub doc_date: Option<Date>,
    /// The year the document speaks of when no full date is known (e.g. from "năm 2018").
    pub year: Option<i32>,
}

impl DateCtx {
    /// The year a period or date without a year falls in, by default.
    fn default_year(&self) -> Option<i32> {
        self.doc_date.map(Date::year).or(self.year)
    }
}

/// Something found in a text: the value and its byte range in the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
    /// A Vietnamese sentence for the reviewer (year guessed, deadline unresolved …).
    pub warning: Option<String>,
}

/// Warning for a deadline tied to the next meeting.
pub const WARN_NEXT_MEETING: &str = "Thời hạn gắn với cuộc họp tiếp theo, cần xác định ngày";

/// The first day of Tết Nguyên đán (lunar new year, Vietnam) for 2010–2040.
const TET: [(i32, u32, u32); 31] = [
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
    (2036, 1, 28),
    (2037, 2, 15),
    (2038, 2, 4),
    (2039, 1, 24),
    (2040, 2, 12),
];

/// The first day of Tết in `year` (Gregorian year in which it falls), if tabled.
pub fn tet(year: i32) -> Option<Date> {
    TET.iter()
        .find(|(y, _, _)| *y == year)
        .and_then(|&(y, m, d)| Date::new(y, m, d))
}

/// The first Tết strictly after `date`.
pub fn next_tet(date: Date) -> Option<Date> {
    TET.iter()
        .filter_map(|&(y, m, d)| Date::new(y, m, d))
        .find(|t| *t > date)
}

/// First and last day of quarter `q` (1–4) of `year`.
pub fn quarter_bounds(year: i32, q: u32) -> Option<(Date, Date)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = Date::new(year, 3 * q - 2, 1)?;
    let last = Date::end_of_month(year, 3 * q)?;
    Some((first, last))
}

/// `date` plus `n` months, the day clamped to the month's length.
pub fn add_months(date: Date, n: u32) -> Option<Date> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + i64::from(n);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let day = date.day().min(days_in_month(year, month));
    Date::new(year, month, day)
}

// ---------------------------------------------------------------------------------------------
// Small text helpers (byte offsets, never panicking).

fn sub(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Whether `text[start..end]` stands as whole words (no letter or digit glued on either side).
fn is_word(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(char::is_alphanumeric)
        && !char_after(text, end).is_some_and(char::is_alphanumeric)
}

/// The start of the window of at most `max` bytes ending at `pos`, on a char boundary.
fn window_start(text: &str, pos: usize, max: usize) -> usize {
    let mut s = pos.saturating_sub(max);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// The start of the clause holding `pos`: after the last `;`, `.`, `:`, newline or `(` before
/// it (a `.` between digits, as in "1.5", does not count), looking back at most 300 bytes.
fn clause_start(text: &str, pos: usize, commas: bool) -> usize {
    let from = window_start(text, pos, 300);
    let win = sub(text, from, pos);
    let mut cut = None;
    for (i, ch) in win.char_indices().rev() {
        let hard = matches!(ch, ';' | ':' | '\n' | '(' | '!' | '?') || (commas && ch == ',');
        let dot = ch == '.'
            && !(char_before(win, i).is_some_and(|c| c.is_ascii_digit())
                && char_after(win, i + 1).is_some_and(|c| c.is_ascii_digit()));
        if hard || dot {
            cut = Some(from + i + ch.len_utf8());
            break;
        }
    }
    cut.unwrap_or(from)
}

/// The period starts its clause and a comma follows it: "Trong năm 2026, …" frames the
/// sentence rather than setting a deadline.
fn is_framing(text: &str, start: usize, end: usize) -> bool {
    let before = sub(text, clause_start(text, start, false), start);
    let at_start = before
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '•' | '+' | '*' | '"' | '“'));
    at_start && sub(text, end, text.len()).trim_start().starts_with(',')
}

/// The period is followed by "của …": it qualifies a noun ("các nhiệm vụ trong năm 2026 của
/// tỉnh"), it is no deadline.
fn followed_by_cua(text: &str, end: usize) -> bool {
    let rest = sub(text, end, text.len()).trim_start();
    rest.strip_prefix("của")
        .is_some_and(|r| !r.chars().next().is_some_and(char::is_alphanumeric))
}

fn roman_or_arabic_quarter(s: &str) -> Option<u32> {
    match s.to_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn number_word(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let w = words.join(" ").to_lowercase();
    Some(match w.as_str() {
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" => 4,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => 10,
        "mười lăm" => 15,
        _ => return None,
    })
}

fn relation_of_trigger(trig: &str) -> Relation {
    let t = crate::lower::lowercase(trig);
    if t.starts_with("trước")
        || t.starts_with("chậm")
        || t.starts_with("muộn")
        || t.starts_with("hạn")
        || t.starts_with("không")
        || t.starts_with("thời hạn")
        || t.starts_with("hết")
    {
        Relation::Before
    } else {
        Relation::On
    }
}

// ---------------------------------------------------------------------------------------------
// Deadlines.

/// A candidate deadline before overlaps are resolved.
struct Cand {
    start: usize,
    end: usize,
    due: Option<Date>,
    relation: Relation,
    begin: Option<Date>,
    time: Option<String>,
    warning: Option<String>,
}

impl Cand {
    fn into_found(self, text: &str) -> Found<Deadline> {
        Found {
            value: Deadline {
                text: sub(text, self.start, self.end).trim().to_string(),
                due: self.due,
                relation: self.relation,
                start: self.begin,
                time: self.time,
            },
            start: self.start,
            end: self.end,
            warning: self.warning,
        }
    }
}

/// Every deadline expression in `text`, in order. Dates that only cite a document
/// ("Quyết định số 780-QĐ/TU ngày 13/9/2017"), frame a period of ongoing work ("Năm 2015, …",
/// "những tháng còn lại năm 2022") or date an event are not deadlines.
pub fn find_deadlines(text: &str, ctx: &DateCtx) -> Vec<Found<Deadline>> {
    let mut cands = Vec::new();
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    // Each form runs its full grammar only where its keyword stands (cheap literal scans).
    if has_digit {
        date_deadlines(text, ctx, &mut cands);
        if ["từ", "hạn", "vòng", "TỪ", "HẠN"]
            .iter()
            .any(|w| text.contains(w))
        {
            relative_deadlines(text, ctx, &mut cands);
        }
        if crate::regex!(r"(?i)tháng\s+\d").is_match(text) {
            month_deadlines(text, ctx, &mut cands);
        }
    }
    if crate::regex!(r"(?i)(?:0?6|sáu)\s+tháng\s+(?:đầu|cuối)").is_match(text) {
        half_year_deadlines(text, ctx, &mut cands);
    }
    if crate::regex!(r"(?i)qu[ýí]\s+(?:I|V|[1-4])").is_match(text) {
        quarter_deadlines(text, ctx, &mut cands);
    }
    if crate::regex!(r"(?i)(?:năm\s+(?:\d{4}|nay)|(?:cuối|đầu)\s+năm)").is_match(text) {
        year_deadlines(text, ctx, &mut cands);
    }
    if text.contains("ết") || text.contains("ẾT") {
        tet_deadlines(text, ctx, &mut cands);
    }
    if crate::regex!(r"(?i)tiếp\s+theo|kế\s+tiếp|lần\s+sau|sắp\s+tới|gần\s+nhất").is_match(text)
    {
        meeting_deadlines(text, &mut cands);
    }
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Found<Deadline>> = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if !out.is_empty() && c.start < last_end {
            continue;
        }
        last_end = c.end;
        out.push(c.into_found(text));
    }
    out
}

/// The words before a written date that make it a deadline, anchored at the date.
fn date_prefix() -> &'static regex::Regex {
    crate::regex!(
        r"(?i)(?:(?P<lead>(?:thời\s+gian\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong))\s+)?(?P<trig>trước|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trước))?|muộn\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|không\s+quá|hết|(?:thời\s+hạn|hạn|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện(?:\s+xong)?|gửi(?:\s+báo\s+cáo)?|nộp|báo\s+cáo|trình))?\s*(?::|là)|vào|trong)?\s*(?:(?P<h>\d{1,2})\s*(?:h|giờ|g)\s*(?P<m>\d{2})?(?:\s*phút)?\s*,?\s*)?(?:ngày\s*)?$"
    )
}

/// Delivery verbs that make "vào ngày …" a deadline rather than an event's date.
fn delivery_verb() -> &'static regex::Regex {
    crate::regex!(r"(?i)(?:gửi|nộp|báo\s+cáo|trình|hoàn\s+thành|xong|cung\s+cấp|tổng\s+hợp|chuyển)")
}

/// A date qualified as a past fact or a condition ("được phê duyệt trước ngày …", "ban hành
/// trước ngày …", "có hiệu lực …") is no deadline.
fn condition_before() -> &'static regex::Regex {
    crate::regex!(r"(?i)(?:được|ban\s+hành|hiệu\s+lực|phê\s+duyệt|đã)(?:\s+\S+){0,1}\s*$")
}

fn event_words() -> &'static regex::Regex {
    crate::regex!(
        r"(?i)(?:tổ\s+chức\s+(?:đại\s+hội|hội\s+nghị|lễ|hội\s+thi|cuộc)|đại\s+hội|hội\s+nghị|diễn\s+ra|khai\s+mạc|sự\s+kiện|lịch\s+tổ\s+chức|dự\s+kiến\s+(?:tổ\s+chức|họp|làm\s+việc))"
    )
}

/// Whether the words right before `pos` in its clause name an event being scheduled.
fn event_before(text: &str, pos: usize) -> bool {
    let from = clause_start(text, pos, true);
    event_words().is_match(sub(text, from, pos))
}

fn time_of(h: Option<regex::Match<'_>>, m: Option<regex::Match<'_>>) -> Option<String> {
    let h: u32 = h?.as_str().parse().ok()?;
    let m: u32 = match m {
        Some(m) => m.as_str().parse().ok()?,
        None => 0,
    };
    (h <= 23 && m <= 59).then(|| format!("{h:02}:{m:02}"))
}

/// Resolves a written date found with a guessed year: the first such date on or after the
/// document's date.
fn resolve_guessed(
    date: Date,
    guessed: bool,
    ctx: &DateCtx,
    written: &str,
) -> Option<(Date, Option<String>)> {
    if !guessed {
        return Some((date, None));
    }
    let date = match ctx.doc_date {
        Some(doc) if date < doc => Date::new(date.year() + 1, date.month(), date.day())?,
        _ => date,
    };
    let warn = if ctx.doc_date.is_some() {
        format!("Năm của thời hạn „{written}“ được suy ra từ ngày văn bản")
    } else {
        format!("Năm của thời hạn „{written}“ được suy ra từ năm văn bản nói tới")
    };
    Some((date, Some(warn)))
}

fn date_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    for wd in crate::date::find_dates(text, ctx.default_year()) {
        let ws = window_start(text, wd.start, 100);
        let win = sub(text, ws, wd.start);
        let Some(c) = date_prefix().captures(win) else {
            continue;
        };
        let Some(whole) = c.get(0) else { continue };
        let trig = c.name("trig");
        let time = time_of(c.name("h"), c.name("m"));
        let lead = c.name("lead");
        let start = ws + whole.start();
        let trig_text = trig.map(|t| t.as_str().to_lowercase()).unwrap_or_default();
        if let Some(t) = trig
            && !is_word(win, t.start(), t.end())
            && !t.as_str().ends_with(':')
        {
            continue;
        }
        if trig.is_none() && time.is_none() {
            continue;
        }
        let has_ngay = whole.as_str().to_lowercase().contains("ngày");
        if trig_text == "trong" && (!has_ngay || time.is_some()) {
            continue;
        }
        // Before the trigger: a citation or a condition, or (for "vào", a bare time) no
        // delivery verb in the clause.
        let pre_from = clause_start(text, start, false);
        let pre = sub(text, window_start(text, start, 40).max(pre_from), start);
        if lead.is_none() && condition_before().is_match(pre) {
            continue;
        }
        let clause = sub(text, pre_from, start);
        if (trig_text == "vào" || trig_text == "trong" || trig.is_none())
            && lead.is_none()
            && !delivery_verb().is_match(clause)
        {
            continue;
        }
        if trig.is_none() || trig_text == "vào" {
            let lc = crate::lower::lowercase(clause);
            if lc.trim_end().ends_with("lúc") || event_before(text, start) || lc.contains("họp")
            {
                continue;
            }
        }
        // A time after a bare "Thời gian:" label is a meeting's time, not a deadline.
        if time.is_some() && trig_text.starts_with("thời gian") && lead.is_none() {
            let label = trig_text.trim_end_matches(':').trim();
            if label == "thời gian" {
                continue;
            }
        }
        let written = sub(text, wd.start, wd.end);
        let Some((due, warning)) = resolve_guessed(wd.date, wd.year_guessed, ctx, written) else {
            continue;
        };
        let relation = if trig.is_some() {
            relation_of_trigger(&trig_text)
        } else {
            Relation::On
        };
        out.push(Cand {
            start,
            end: wd.end,
            due: Some(due),
            relation,
            begin: None,
            time,
            warning,
        });
    }
}

/// Checks shared by period forms; `None` when the match is not a deadline.
fn period_ok(text: &str, c: &regex::Captures<'_>, framing_matters: bool) -> bool {
    let (Some(whole), Some(trig)) = (c.get(0), c.name("trig")) else {
        return false;
    };
    let first = c.name("lead").unwrap_or(trig);
    if char_before(text, first.start()).is_some_and(char::is_alphanumeric) {
        return false;
    }
    if char_after(text, whole.end()).is_some_and(|ch| ch.is_alphanumeric() || ch == '/') {
        return false;
    }
    if followed_by_cua(text, whole.end()) {
        return false;
    }
    if framing_matters && c.name("lead").is_none() && is_framing(text, whole.start(), whole.end()) {
        return false;
    }
    if c.name("lead").is_none() && event_before(text, first.start()) {
        return false;
    }
    let pre = sub(text, window_start(text, first.start(), 40), first.start());
    if c.name("lead").is_none() && condition_before().is_match(pre) {
        return false;
    }
    true
}

/// Relation, start and due of a period from `first` to `last` under trigger `trig`.
fn period_cand(
    whole: regex::Match<'_>,
    lead: Option<regex::Match<'_>>,
    trig: &str,
    first: Date,
    last: Date,
    warning: Option<String>,
) -> Cand {
    let t = crate::lower::lowercase(trig);
    let start = lead.map_or(whole.start(), |l| l.start());
    let (relation, due, begin) = if t.starts_with("trước") {
        (Relation::Before, first.add_days(-1), None)
    } else if t.starts_with("hết") || t.starts_with("chậm") || t.starts_with("cuối") {
        (Relation::Before, Some(last), None)
    } else {
        (Relation::Within, Some(last), Some(first))
    };
    Cand {
        start,
        end: whole.end(),
        due,
        relation,
        begin,
        time: None,
        warning,
    }
}

fn year_warning(written: &str) -> String {
    format!("Năm của thời hạn „{written}“ được suy ra từ ngày văn bản")
}

fn month_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    let re = crate::regex!(concat!(
        r"(?i)",
        r"(?:(?P<lead>(?:thời\s+gian\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong))\s+)?(?P<trig>trong|trước|cuối|hết|chậm\s+nhất(?:\s+là)?(?:\s+(?:trong|vào|cuối|hết))?|(?:thời\s+hạn|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện))?\s*:\s*(?:trong\s+)?)\s*",
        r"tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|-|năm)\s*(?P<y>\d{4}))?"
    ));
    for c in re.captures_iter(text) {
        let (Some(whole), Some(trig)) = (c.get(0), c.name("trig")) else {
            continue;
        };
        if !period_ok(text, &c, false) {
            continue;
        }
        let Some(month) = c.name("m").and_then(|m| m.as_str().parse::<u32>().ok()) else {
            continue;
        };
        if !(1..=12).contains(&month) {
            continue;
        }
        let (year, warning) = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (y, None),
            None => {
                let Some(mut y) = ctx.default_year() else {
                    continue;
                };
                if ctx.doc_date.is_some_and(|doc| month < doc.month()) {
                    y += 1;
                }
                (y, Some(year_warning(whole.as_str().trim())))
            }
        };
        let (Some(first), Some(last)) =
            (Date::new(year, month, 1), Date::end_of_month(year, month))
        else {
            continue;
        };
        out.push(period_cand(
            whole,
            c.name("lead"),
            trig.as_str(),
            first,
            last,
            warning,
        ));
    }
}

fn quarter_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    let re = crate::regex!(concat!(
        r"(?i)",
        r"(?:(?P<lead>(?:thời\s+gian\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong))\s+)?(?P<trig>trong|trước|cuối|hết|chậm\s+nhất(?:\s+là)?(?:\s+(?:trong|vào|cuối|hết))?|(?:thời\s+hạn|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện))?\s*:\s*(?:trong\s+)?)\s*",
        r"qu[ýí]\s+(?P<q>IV|III|II|I|[1-4])(?:\s*(?:/|-|năm)\s*(?P<y>\d{4}))?"
    ));
    for c in re.captures_iter(text) {
        let (Some(whole), Some(trig)) = (c.get(0), c.name("trig")) else {
            continue;
        };
        if !period_ok(text, &c, false) {
            continue;
        }
        let Some(q) = c
            .name("q")
            .and_then(|q| roman_or_arabic_quarter(q.as_str()))
        else {
            continue;
        };
        let (year, warning) = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (y, None),
            None => {
                let Some(mut y) = ctx.default_year() else {
                    continue;
                };
                if let Some(doc) = ctx.doc_date
                    && quarter_bounds(y, q).is_some_and(|(_, last)| last < doc)
                {
                    y += 1;
                }
                (y, Some(year_warning(whole.as_str().trim())))
            }
        };
        let Some((first, last)) = quarter_bounds(year, q) else {
            continue;
        };
        out.push(period_cand(
            whole,
            c.name("lead"),
            trig.as_str(),
            first,
            last,
            warning,
        ));
    }
}

fn half_year_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    let re = crate::regex!(concat!(
        r"(?i)",
        r"(?:(?P<lead>(?:thời\s+gian\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong))\s+)?(?P<trig>trong|chậm\s+nhất(?:\s+là)?(?:\s+trong)?|(?:thời\s+hạn|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện))?\s*:\s*(?:trong\s+)?)\s*",
        r"(?:0?6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?"
    ));
    for c in re.captures_iter(text) {
        let (Some(whole), Some(trig), Some(half)) = (c.get(0), c.name("trig"), c.name("half"))
        else {
            continue;
        };
        if !period_ok(text, &c, true) {
            continue;
        }
        let (year, warning) = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (y, None),
            None => {
                let Some(y) = ctx.default_year() else {
                    continue;
                };
                (y, Some(year_warning(whole.as_str().trim())))
            }
        };
        let first_half = half.as_str().to_lowercase() == "đầu";
        let (fm, lm) = if first_half { (1, 6) } else { (7, 12) };
        let (Some(first), Some(last)) = (Date::new(year, fm, 1), Date::end_of_month(year, lm))
        else {
            continue;
        };
        out.push(period_cand(
            whole,
            c.name("lead"),
            trig.as_str(),
            first,
            last,
            warning,
        ));
    }
}

fn year_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    let re = crate::regex!(concat!(
        r"(?i)",
        r"(?:(?P<lead>(?:thời\s+gian\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong))\s+)?(?P<trig>trong|trước|vào|chậm\s+nhất(?:\s+là)?(?:\s+(?:trong|vào|trước))?|(?:thời\s+hạn|thời\s+gian)(?:\s+(?:hoàn\s+thành|thực\s+hiện))?\s*:\s*(?:trong\s+)?)\s*",
        r"(?:(?:dịp|thời\s+điểm)\s+)?(?P<part>cuối|đầu)?\s*năm(?:\s+(?P<y>\d{4})|\s+(?P<nay>nay))?"
    ));
    for c in re.captures_iter(text) {
        let (Some(whole), Some(trig)) = (c.get(0), c.name("trig")) else {
            continue;
        };
        let t = trig.as_str().to_lowercase();
        let part = c.name("part").map(|p| p.as_str().to_lowercase());
        let explicit = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
        // A whole year needs its number (or "nay") and "trong"/a label; "trước năm 2030" is a
        // target, "vào năm …" a date of something.
        if part.is_none() {
            if explicit.is_none() && c.name("nay").is_none() {
                continue;
            }
            if t.starts_with("trước") || t.starts_with("vào") {
                continue;
            }
        }
        if explicit.is_none() {
            let next = sub(text, whole.end(), text.len())
                .trim_start()
                .to_lowercase();
            let next_word = next
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            // "cuối năm học", "đầu năm qua": not the calendar year ahead.
            if matches!(
                next_word,
                "học" | "tài" | "qua" | "trước" | "sau" | "tới" | "ngoái"
            ) {
                continue;
            }
        }
        if !period_ok(text, &c, true) {
            continue;
        }
        let (year, warning) = match explicit {
            Some(y) => (y, None),
            None => {
                let Some(y) = ctx.default_year() else {
                    continue;
                };
                let warn = c
                    .name("nay")
                    .is_none()
                    .then(|| year_warning(whole.as_str().trim()));
                (y, warn)
            }
        };
        let (Some(jan), Some(mar), Some(dec)) = (
            Date::new(year, 1, 1),
            Date::end_of_month(year, 3),
            Date::new(year, 12, 31),
        ) else {
            continue;
        };
        let start = c.name("lead").map_or(whole.start(), |l| l.start());
        let cand = match part.as_deref() {
            // "cuối năm": by the end of the year.
            Some("cuối") => Cand {
                start,
                end: whole.end(),
                due: Some(dec),
                relation: Relation::Before,
                begin: None,
                time: None,
                warning,
            },
            // "đầu năm": within the first quarter, an estimate.
            Some(_) => Cand {
                start,
                end: whole.end(),
                due: Some(mar),
                relation: Relation::Within,
                begin: Some(jan),
                time: None,
                warning: Some(format!(
                    "Thời hạn „{}“ được hiểu là hết quý I năm {year}, cần xác nhận",
                    sub(text, start, whole.end()).trim()
                )),
            },
            None => period_cand(whole, c.name("lead"), &t, jan, dec, warning),
        };
        out.push(cand);
    }
}

fn tet_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    let re = crate::regex!(
        r"(?i)(?P<trig>trước|chậm\s+nhất(?:\s+là)?(?:\s+trước)?)\s+(?:(?:dịp|kỳ\s+nghỉ)\s+)?Tết(?:\s+Nguyên\s+đán)?(?:\s+(?P<y>\d{4})|\s+(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)\s+\p{L}+)?"
    );
    for c in re.captures_iter(text) {
        let (Some(whole), Some(trig)) = (c.get(0), c.name("trig")) else {
            continue;
        };
        if char_before(text, trig.start()).is_some_and(char::is_alphanumeric)
            || char_after(text, whole.end()).is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let written = whole.as_str().trim();
        let tet_day = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => tet(y),
            None => ctx.doc_date.and_then(next_tet),
        };
        let (due, warning) = match tet_day.and_then(|t| t.add_days(-1)) {
            Some(d) => (
                Some(d),
                Some(format!(
                    "Thời hạn „{written}“ được tính là ngày trước Tết Nguyên đán ({})",
                    tet_day.map(|t| t.to_string()).unwrap_or_default()
                )),
            ),
            None => (
                None,
                Some(format!(
                    "Không xác định được năm của Tết trong thời hạn „{written}“"
                )),
            ),
        };
        out.push(Cand {
            start: whole.start(),
            end: whole.end(),
            due,
            relation: Relation::Before,
            begin: None,
            time: None,
            warning,
        });
    }
}

fn relative_deadlines(text: &str, ctx: &DateCtx, out: &mut Vec<Cand>) {
    // `bounded` below with its two bounded repetitions unbounded (see re::captures_within).
    let loose = crate::regex!(
        r"(?i)trong\s+(?P<kind>thời\s+hạn|vòng|thời\s+gian|khoảng)?\s*(?P<n>\d{1,3}|một|hai|ba|bốn|sáu|bảy|tám|chín|mười\s+lăm|mười)\s*(?:\(\s*(?P<paren>[\p{L}\s]+)\)\s*)?(?P<unit>ngày\s+làm\s+việc|ngày|tuần|tháng)(?:\s*,?\s*(?:kể\s+)?từ\s+(?P<base>[^,;.\n]*))?"
    );
    let bounded = || {
        crate::regex!(
            r"(?i)trong\s+(?P<kind>thời\s+hạn|vòng|thời\s+gian|khoảng)?\s*(?P<n>\d{1,3}|một|hai|ba|bốn|sáu|bảy|tám|chín|mười\s+lăm|mười)\s*(?:\(\s*[\p{L}\s]{1,30}\)\s*)?(?P<unit>ngày\s+làm\s+việc|ngày|tuần|tháng)(?:\s*,?\s*(?:kể\s+)?từ\s+(?P<base>[^,;.\n]{0,80}))?"
        )
    };
    let fits = |c: &regex::Captures<'_>| {
        crate::re::at_most(c.name("paren"), 30) && crate::re::at_most(c.name("base"), 80)
    };
    for c in crate::re::captures_within(loose, bounded, text, fits) {
        let (Some(whole), Some(n), Some(unit)) = (c.get(0), c.name("n"), c.name("unit")) else {
            continue;
        };
        if char_before(text, whole.start()).is_some_and(char::is_alphanumeric) {
            continue;
        }
        if char_after(text, unit.end()).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(n) = number_word(n.as_str()) else {
            continue;
        };
        let base = c.name("base");
        let kind = c.name("kind").map(|k| k.as_str().to_lowercase());
        if base.is_none()
            && !matches!(kind.as_deref(), Some(k) if k.starts_with("thời") && k.ends_with("hạn") || k == "vòng")
        {
            continue;
        }
        let unit_l = unit.as_str().to_lowercase();
        let (origin, end, known_from) = match base {
            Some(b) => {
                let (origin, len) = base_date(b.as_str(), ctx);
                (origin, b.start() + len, true)
            }
            None => (None, unit.end(), false),
        };
        let written = sub(text, whole.start(), end).trim().to_string();
        let (due, begin, warning) = match origin {
            Some(o) => {
                let due = if unit_l.contains("làm") {
                    o.add_working_days(n)
                } else if unit_l == "tuần" {
                    o.add_days(7 * i64::from(n))
                } else if unit_l == "tháng" {
                    add_months(o, n)
                } else {
                    o.add_days(i64::from(n))
                };
                (due, o.add_days(1), None)
            }
            None => (
                None,
                None,
                Some(if known_from {
                    format!("Thời hạn „{written}“ tính từ một mốc chưa biết ngày, cần xác định")
                } else {
                    format!("Thời hạn „{written}“ không nêu mốc tính, cần xác định")
                }),
            ),
        };
        out.push(Cand {
            start: whole.start(),
            end,
            due,
            relation: Relation::Within,
            begin,
            time: None,
            warning,
        });
    }
}

/// The date a relative deadline counts from, and how many bytes of `base` name it.
fn base_date(base: &str, ctx: &DateCtx) -> (Option<Date>, usize) {
    let written = crate::regex!(r"(?i)^(?:ngày\s+)?\d");
    if written.is_match(base)
        && let Some(d) = crate::date::find_dates(base, ctx.default_year()).first()
        && d.start <= 8
    {
        let resolved = resolve_guessed(d.date, d.year_guessed, ctx, "").map(|(d, _)| d);
        return (resolved, d.end);
    }
    let own = crate::regex!(
        r"(?i)^(?P<core>(?:ngày\s+)?(?:(?:ký|ban\s+hành)(?:\s+(?:văn\s+bản|thông\s+báo|kết\s+luận|công\s+văn|biên\s+bản|kế\s+hoạch))?(?:\s+này)?|(?:kết\s+thúc\s+)?(?:cuộc\s+|buổi\s+)?(?:họp|làm\s+việc|hội\s+nghị)(?:\s+này)?))\s*(?:$|\(|và\s|để\s|gửi\s|báo\s)"
    );
    if let Some(core) = own.captures(base).and_then(|c| c.name("core")) {
        return (ctx.doc_date, core.end());
    }
    (None, base.trim_end().len())
}

fn meeting_deadlines(text: &str, out: &mut Vec<Cand>) {
    let re = crate::regex!(
        r"(?i)(?:tại|trong|vào)\s+(?:cuộc\s+họp|phiên\s+họp|buổi\s+họp|kỳ\s+họp|hội\s+nghị)(?:\s+(?:giao\s+ban|thường\s+kỳ|định\s+kỳ|thường\s+trực|thường\s+vụ|tháng|quý|của\s+\S+|\p{Lu}\p{L}*)){0,5}\s+(?:tiếp\s+theo|kế\s+tiếp|lần\s+sau|sắp\s+tới|gần\s+nhất)"
    );
    for m in re.find_iter(text) {
        if !is_word(text, m.start(), m.end()) {
            continue;
        }
        out.push(Cand {
            start: m.start(),
            end: m.end(),
            due: None,
            relation: Relation::On,
            begin: None,
            time: None,
            warning: Some(WARN_NEXT_MEETING.to_string()),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Recurrences.

fn freq_of_unit(unit: &str, n: u32) -> Option<(Freq, u32)> {
    let u = crate::lower::lowercase(unit);
    Some(match (u.as_str(), n) {
        ("tuần", n) => (Freq::Weekly, n),
        ("tháng", 3) => (Freq::Quarterly, 1),
        ("tháng", 6) => (Freq::HalfYearly, 1),
        ("tháng", 12) => (Freq::Yearly, 1),
        ("tháng", n) => (Freq::Monthly, n),
        ("quý", n) | ("quí", n) => (Freq::Quarterly, n),
        ("năm", n) => (Freq::Yearly, n),
        _ => return None,
    })
}

fn per_of_unit(unit: &str) -> Option<Per> {
    Some(match crate::lower::lowercase(unit).as_str() {
        "tuần" => Per::Week,
        "tháng" => Per::Month,
        "quý" | "quí" => Per::Quarter,
        "năm" => Per::Year,
        _ => return None,
    })
}

/// "hằng năm" that qualifies somebody else's routine or a plan type is no recurrence of the
/// task: "… được cấp có thẩm quyền giao", "kế hoạch 5 năm và hằng năm", "đưa … vào … hằng năm".
fn routine_noun(text: &str, start: usize, end: usize) -> bool {
    let after = sub(text, end, text.len()).trim_start().to_lowercase();
    if ["được ", "do "].iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let before = sub(text, window_start(text, start, 30), start);
    if crate::regex!(r"(?i)\d+\s+năm\s*(?:và|,|hoặc)\s*$").is_match(before) {
        return true;
    }
    let clause = sub(text, clause_start(text, start, false), start);
    crate::regex!(r"(?i)(?:^|\s)đưa\s.*\svào\s").is_match(clause)
}

struct RecCand {
    start: usize,
    end: usize,
    rec: Recurrence,
}

/// The recurrence `text` sets, if any ("hằng tháng", "mỗi quý một lần", "định kỳ 6 tháng",
/// quotas "02 – 04 tin, bài/tháng"). "định kỳ tháng 8/2026" is one occurrence, not a recurrence.
pub fn find_recurrence(text: &str) -> Option<Found<Recurrence>> {
    let lower_hint = [
        "ằng", "àng", "ỗi", "ịnh", "ẰNG", "ÀNG", "ỖI", "ỊNH", "/", "lần", "LẦN", "áo cáo", "ÁO CÁO",
    ];
    if !lower_hint.iter().any(|h| text.contains(h)) {
        return None;
    }
    let mut cands: Vec<RecCand> = Vec::new();
    quota_recurrences(text, &mut cands);
    let every = crate::regex!(
        r"(?i)(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?P<u>tuần|tháng|quý|quí|năm)(?:\s+(?:một|1|01)\s+lần)?"
    );
    for c in every.captures_iter(text) {
        let (Some(m), Some(u)) = (c.get(0), c.name("u")) else {
            continue;
        };
        if !is_word(text, m.start(), m.end()) || routine_noun(text, m.start(), m.end()) {
            continue;
        }
        // "hàng năm nay" (for years now) is no recurrence.
        let rest = sub(text, m.end(), text.len()).trim_start();
        if rest.starts_with("nay")
            || rest.starts_with("qua")
            || rest.starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        // "ngân hàng năm 2025": a bank, not "hàng năm".
        if sub(text, window_start(text, m.start(), 8), m.start())
            .to_lowercase()
            .ends_with("ngân ")
        {
            continue;
        }
        let Some((freq, interval)) = freq_of_unit(u.as_str(), 1) else {
            continue;
        };
        cands.push(RecCand {
            start: m.start(),
            end: m.end(),
            rec: Recurrence {
                text: m.as_str().to_string(),
                freq,
                interval,
                quota: None,
            },
        });
    }
    let every_n = crate::regex!(
        r"(?i)(?P<pre>(?:định\s+kỳ|mỗi|hằng|hàng)\s+)?(?P<n>\d{1,2}|một|hai|ba|sáu)\s+(?P<u>tuần|tháng|quý|quí|năm)(?P<post>\s*(?:(?:một|1|01)\s+lần|/\s*lần))?"
    );
    for c in every_n.captures_iter(text) {
        let (Some(m), Some(n), Some(u)) = (c.get(0), c.name("n"), c.name("u")) else {
            continue;
        };
        if c.name("pre").is_none() && c.name("post").is_none() {
            continue;
        }
        if !is_word(text, m.start(), m.end()) {
            continue;
        }
        let Some(n) = number_word(n.as_str()).filter(|n| *n > 0) else {
            continue;
        };
        let Some((freq, interval)) = freq_of_unit(u.as_str(), n) else {
            continue;
        };
        cands.push(RecCand {
            start: m.start(),
            end: m.end(),
            rec: Recurrence {
                text: m.as_str().to_string(),
                freq,
                interval,
                quota: None,
            },
        });
    }
    // "báo cáo 6 tháng, năm": the half-yearly and yearly reports.
    let reports = crate::regex!(
        r"(?i)báo\s+cáo\s+(?:định\s+kỳ\s+)?(?:0?6|sáu)\s+tháng\s*(?:,|và|/)\s*(?:hằng\s+|hàng\s+)?năm"
    );
    for m in reports.find_iter(text) {
        cands.push(RecCand {
            start: m.start(),
            end: m.end(),
            rec: Recurrence {
                text: m.as_str().to_string(),
                freq: Freq::HalfYearly,
                interval: 1,
                quota: None,
            },
        });
    }
    let periodic = crate::regex!(r"(?i)định\s+kỳ");
    for m in periodic.find_iter(text) {
        if !is_word(text, m.start(), m.end()) {
            continue;
        }
        let rest = sub(text, m.end(), text.len());
        // "định kỳ tháng 8/2026": one occurrence.
        if crate::regex!(r"(?i)^\s+(?:vào\s+)?(?:tháng|quý|quí|năm)\s+(?:\d|I|V)").is_match(rest)
        {
            continue;
        }
        cands.push(RecCand {
            start: m.start(),
            end: m.end(),
            rec: Recurrence {
                text: m.as_str().to_string(),
                freq: Freq::Periodic,
                interval: 1,
                quota: None,
            },
        });
    }
    let best = cands
        .into_iter()
        .min_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)))?;
    Some(Found {
        value: best.rec,
        start: best.start,
        end: best.end,
        warning: None,
    })
}

fn quota_recurrences(text: &str, out: &mut Vec<RecCand>) {
    if !text.contains('/') || !crate::regex!(r"(?i)/\s*(?:tuần|tháng|quý|quí|năm)").is_match(text)
    {
        return;
    }
    // `bounded` below with its bounded repetition unbounded (see re::captures_within).
    let loose = crate::regex!(
        r"(?i)(?P<pre>(?:ít\s+nhất|tối\s+thiểu)\s+)?(?P<a>\d{1,3})(?:\s*(?:–|-|—|đến)\s*(?P<b>\d{1,3}))?\s+(?P<unit>\p{L}[\p{L}\s,]*?)\s*/\s*(?P<per>tuần|tháng|quý|quí|năm)"
    );
    let bounded = || {
        crate::regex!(
            r"(?i)(?P<pre>(?:ít\s+nhất|tối\s+thiểu)\s+)?(?P<a>\d{1,3})(?:\s*(?:–|-|—|đến)\s*(?P<b>\d{1,3}))?\s+(?P<unit>\p{L}[\p{L}\s,]{0,30}?)\s*/\s*(?P<per>tuần|tháng|quý|quí|năm)"
        )
    };
    let fits = |c: &regex::Captures<'_>| crate::re::at_most(c.name("unit"), 31);
    for c in crate::re::captures_within(loose, bounded, text, fits) {
        let (Some(m), Some(a), Some(unit), Some(per_m)) =
            (c.get(0), c.name("a"), c.name("unit"), c.name("per"))
        else {
            continue;
        };
        if char_before(text, a.start()).is_some_and(|ch| ch.is_alphanumeric() || ch == '/') {
            continue;
        }
        if char_after(text, m.end()).is_some_and(|ch| ch.is_alphanumeric() || ch == '/') {
            continue;
        }
        let (Some(per), Some((freq, _))) =
            (per_of_unit(per_m.as_str()), freq_of_unit(per_m.as_str(), 1))
        else {
            continue;
        };
        let min = a.as_str().parse().ok();
        let max = c.name("b").and_then(|b| b.as_str().parse().ok());
        out.push(RecCand {
            start: m.start(),
            end: m.end(),
            rec: Recurrence {
                text: m.as_str().to_string(),
                freq,
                interval: 1,
                quota: Some(Quota {
                    min,
                    max,
                    unit: unit.as_str().trim().to_string(),
                    per,
                }),
            },
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Urgency and dates.

/// Urgency without a date: "khẩn trương", "kịp thời", "ngay", "sớm", "gấp", "khẩn".
pub fn is_urgent(text: &str) -> bool {
    let re = crate::regex!(r"(?i)khẩn|kịp\s+thời|ngay|sớm|gấp");
    for m in re.find_iter(text) {
        let word = m.as_str().to_lowercase();
        // "khẩn" may start "khẩn trương" / "khẩn cấp"; it only needs a boundary before it.
        let ok = if word == "khẩn" {
            !char_before(text, m.start()).is_some_and(char::is_alphanumeric)
                && !sub(text, m.end(), text.len())
                    .trim_start()
                    .to_lowercase()
                    .starts_with("hoang")
        } else {
            is_word(text, m.start(), m.end())
        };
        if !ok {
            continue;
        }
        let next = sub(text, m.end(), text.len()).trim_start().to_lowercase();
        let next_word = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let excluded = match word.as_str() {
            "ngay" => matches!(next_word, "cả" | "thẳng" | "ngắn"),
            "gấp" => {
                matches!(next_word, "đôi" | "ba" | "nhiều" | "rưỡi" | "lần")
                    || next_word.chars().next().is_some_and(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        if !excluded {
            return true;
        }
    }
    false
}

/// Every written date in `text` ("ngày 25/01/2018", "25/01/2018", "ngày 28 tháng 01 năm 2015",
/// "15/08" with the year from `ctx` and a warning).
pub fn find_dates(text: &str, ctx: &DateCtx) -> Vec<Found<Date>> {
    crate::date::find_dates(text, ctx.default_year())
        .into_iter()
        .map(|w| Found {
            value: w.date,
            start: w.start,
            end: w.end,
            warning: w.year_guessed.then(|| {
                format!(
                    "Năm của ngày „{}“ được suy ra từ ngữ cảnh",
                    sub(text, w.start, w.end)
                )
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx(y: i32, m: u32, d: u32) -> DateCtx {
        DateCtx {
            doc_date: Date::new(y, m, d),
            year: None,
        }
    }

    /// (text, due, relation, start) of every deadline found.
    fn dl(text: &str, c: &DateCtx) -> Vec<(String, Option<String>, Relation, Option<String>)> {
        find_deadlines(text, c)
            .into_iter()
            .map(|f| {
                (
                    f.value.text,
                    f.value.due.map(|d| d.to_string()),
                    f.value.relation,
                    f.value.start.map(|d| d.to_string()),
                )
            })
            .collect()
    }

    fn one(text: &str, c: &DateCtx) -> (Option<String>, Relation, Option<String>) {
        let found = dl(text, c);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        let (_, due, rel, start) = found.into_iter().next().unwrap_or_default_tuple();
        (due, rel, start)
    }

    trait DefaultTuple {
        fn unwrap_or_default_tuple(self) -> (String, Option<String>, Relation, Option<String>);
    }
    impl DefaultTuple for Option<(String, Option<String>, Relation, Option<String>)> {
        fn unwrap_or_default_tuple(self) -> (String, Option<String>, Relation, Option<String>) {
            self.unwrap_or((String::new(), None, Relation::On, None))
        }
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    const NO: DateCtx = DateCtx {
        doc_date: None,
        year: None,
    };

    #[test]
    fn written_date_forms() {
        let c = ctx(2026, 5, 20);
        assert_eq!(
            one("Gửi báo cáo về Sở trước ngày 09/02/2027.", &c),
            (s("2027-02-09"), Relation::Before, None)
        );
        assert_eq!(
            one("Nộp hồ sơ chậm nhất ngày 15/6/2026.", &c),
            (s("2026-06-15"), Relation::Before, None)
        );
        assert_eq!(
            one("Báo cáo kết quả, chậm nhất là ngày 20/6/2026.", &c),
            (s("2026-06-20"), Relation::Before, None)
        );
        assert_eq!(
            one("Sửa đổi quy chế, xong trước 30/9/2026.", &c),
            (s("2026-09-30"), Relation::Before, None)
        );
        let found = dl("Lập hồ sơ, hoàn thành trước ngày 31/12/2026.", &c);
        assert_eq!(
            found.first().map(|f| f.0.as_str()),
            Some("hoàn thành trước ngày 31/12/2026")
        );
        assert_eq!(
            one("Giao Sở X rà soát, thời hạn: 30/7/2026.", &c),
            (s("2026-07-30"), Relation::Before, None)
        );
        assert_eq!(
            one("Thời gian hoàn thành: ngày 10/8/2026.", &c),
            (s("2026-08-10"), Relation::On, None)
        );
        assert_eq!(
            one(
                "Các phòng gửi báo cáo ngày 28 tháng 7 năm 2026 về Văn phòng vào ngày 30 tháng 7 năm 2026.",
                &c
            ),
            (s("2026-07-30"), Relation::On, None)
        );
    }

    #[test]
    fn times_of_day() {
        let c = ctx(2026, 6, 1);
        let f = find_deadlines("Gửi tài liệu về Văn phòng trước 15h00 ngày 15/6/2026.", &c);
        assert_eq!(f.len(), 1);
        assert_eq!(f.first().and_then(|f| f.value.time.clone()), s("15:00"));
        assert_eq!(f.first().map(|f| f.value.relation), Some(Relation::Before));
        let f = find_deadlines("Gửi ý kiến bằng văn bản 16 giờ ngày 30/7/2026.", &c);
        assert_eq!(f.first().and_then(|f| f.value.time.clone()), s("16:00"));
        assert_eq!(f.first().map(|f| f.value.relation), Some(Relation::On));
        let f = find_deadlines("Báo cáo chậm nhất 16 giờ 30 ngày 30/7/2026.", &c);
        assert_eq!(f.first().and_then(|f| f.value.time.clone()), s("16:30"));
        assert_eq!(f.first().map(|f| f.value.relation), Some(Relation::Before));
        // A meeting's time is no deadline.
        assert!(dl("Cuộc họp bắt đầu lúc 14 giờ 00 ngày 17/6/2026.", &c).is_empty());
        assert!(dl("Thời gian: 14 giờ 00, ngày 17/6/2026.", &c).is_empty());
    }

    #[test]
    fn months_quarters_years() {
        let c = ctx(2018, 1, 25);
        assert_eq!(
            one("Các cấp hoàn thành trong tháng 02/2018.", &c),
            (s("2018-02-28"), Relation::Within, s("2018-02-01"))
        );
        assert_eq!(
            one("Trình UBND tỉnh xem xét trong tháng 9 năm 2026.", &c),
            (s("2026-09-30"), Relation::Within, s("2026-09-01"))
        );
        let f = dl(
            "Điều chỉnh thiết kế, thời gian thực hiện xong trong tháng 6/2026.",
            &c,
        );
        assert_eq!(
            f.first().map(|f| f.0.as_str()),
            Some("thời gian thực hiện xong trong tháng 6/2026")
        );
        assert_eq!(
            one("Thời gian: tháng 10/2025", &c),
            (s("2025-10-31"), Relation::Within, s("2025-10-01"))
        );
        assert_eq!(
            one("Gửi báo cáo về Ban trong quý II/2018.", &c),
            (s("2018-06-30"), Relation::Within, s("2018-04-01"))
        );
        assert_eq!(
            one("Báo cáo tiến độ trong quý 3/2018.", &c),
            (s("2018-09-30"), Relation::Within, s("2018-07-01"))
        );
        assert_eq!(
            one("Thời gian: quý I năm 2026", &c),
            (s("2026-03-31"), Relation::Within, s("2026-01-01"))
        );
        assert_eq!(
            one("Xây dựng đề án, hoàn thành trong 6 tháng đầu năm 2026.", &c),
            (s("2026-06-30"), Relation::Within, s("2026-01-01"))
        );
        assert_eq!(
            one("Tổng kết mô hình trong 6 tháng cuối năm.", &c),
            (s("2018-12-31"), Relation::Within, s("2018-07-01"))
        );
        assert_eq!(
            one("Hoàn thành việc sáp nhập trong năm 2026.", &c),
            (s("2026-12-31"), Relation::Within, s("2026-01-01"))
        );
        assert_eq!(
            one("Bàn giao hồ sơ vào cuối năm 2026.", &c).0,
            s("2026-12-31")
        );
        assert_eq!(one("Bàn giao hồ sơ trước cuối năm.", &c).0, s("2018-12-31"));
        assert_eq!(
            one("Triển khai thí điểm trong đầu năm.", &c).0,
            s("2018-03-31")
        );
        // A month without a year after the notice's month stays in its year; before, next year.
        assert_eq!(one("Báo cáo trong tháng 3.", &c).0, s("2018-03-31"));
        assert_eq!(
            one("Báo cáo trong tháng 3.", &ctx(2018, 11, 2)).0,
            s("2019-03-31")
        );
    }

    #[test]
    fn tet_and_relative() {
        let c = ctx(2025, 11, 20);
        assert_eq!(
            one("Hoàn thành chi trả trợ cấp trước Tết Nguyên đán.", &c),
            (s("2026-02-16"), Relation::Before, None)
        );
        assert_eq!(
            one("Hoàn thành chi trả trước Tết Nguyên đán 2027.", &c).0,
            s("2027-02-05")
        );
        let c = ctx(2026, 5, 26);
        assert_eq!(
            one(
                "Các Sở gửi ý kiến trong thời hạn 03 ngày làm việc kể từ ngày kết thúc cuộc họp",
                &c
            ),
            (s("2026-05-29"), Relation::Within, s("2026-05-27"))
        );
        // Friday 2026-05-29 plus 5 working days is Friday 2026-06-05.
        assert_eq!(
            one(
                "Trả lời trong thời hạn 05 ngày làm việc kể từ ngày 29/5/2026.",
                &c
            )
            .0,
            s("2026-06-05")
        );
        assert_eq!(
            one("Gửi ý kiến trong thời hạn 10 ngày kể từ ngày ký.", &c).0,
            s("2026-06-05")
        );
        let f = find_deadlines(
            "Báo cáo trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản.",
            &c,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f.first().and_then(|f| f.value.due), None);
        assert!(f.first().is_some_and(|f| f.warning.is_some()));
        let f = find_deadlines(
            "Báo cáo kết quả tại cuộc họp giao ban thường kỳ tiếp theo.",
            &c,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f.first().and_then(|f| f.value.due), None);
        assert_eq!(
            f.first().and_then(|f| f.warning.as_deref()),
            Some(WARN_NEXT_MEETING)
        );
    }

    #[test]
    fn yearless_dates() {
        let f = find_deadlines("Gửi báo cáo trước ngày 15/8.", &ctx(2022, 8, 1));
        assert_eq!(f.first().and_then(|f| f.value.due), Date::new(2022, 8, 15));
        assert!(f.first().is_some_and(|f| f.warning.is_some()));
        let f = find_deadlines("Gửi báo cáo trước ngày 15/3.", &ctx(2022, 8, 1));
        assert_eq!(f.first().and_then(|f| f.value.due), Date::new(2023, 3, 15));
        let only_year = DateCtx {
            doc_date: None,
            year: Some(2020),
        };
        let f = find_deadlines("Gửi báo cáo trước ngày 15/3.", &only_year);
        assert_eq!(f.first().and_then(|f| f.value.due), Date::new(2020, 3, 15));
        assert!(dl("Gửi báo cáo trước ngày 15/3.", &NO).is_empty());
    }

    #[test]
    fn not_deadlines() {
        let c = ctx(2026, 6, 1);
        for text in [
            "Thực hiện theo Quyết định số 780-QĐ/TU ngày 13/9/2017 của Tỉnh ủy.",
            "Triển khai Kế hoạch số 200/KH-UBND ngày 05/5/2026 của UBND tỉnh.",
            "Thực hiện tốt theo Nghị quyết số 04-NQ/TU, ngày 15/7/2021 của Ban Chấp hành.",
            "Ngày 22/7/2021, đồng chí Bí thư chủ trì hội nghị.",
            "Năm 2015, đề nghị các đơn vị tập trung tuyên truyền.",
            "Triển khai nhiệm vụ trọng tâm những tháng còn lại năm 2022.",
            "Phát huy kết quả 7 tháng đầu năm, phấn đấu hoàn thành chỉ tiêu.",
            "Chuẩn bị văn kiện Đại hội nhiệm kỳ 2015 – 2020.",
            "Bố trí vốn trung hạn giai đoạn 2021 - 2025.",
            "Khẩn trương xây dựng kế hoạch hoạt động năm 2018.",
            "Tiếp tục giám sát các chuyên đề năm 2018 theo kế hoạch.",
            "Làm văn bản đăng ký lịch tổ chức Đại hội Hội Nông dân trong tháng 06/2018.",
            "Triển khai Tháng hành động (từ ngày 15/11 đến ngày 15/12).",
            "Hưởng ứng Ngày Quốc tế (ngày 25/11).",
            "Lập tiến độ chi tiết theo tuần, tháng đến hết năm 2026.",
            "Trong năm 2026, các đơn vị tập trung chỉ đạo.",
            "Rà soát các dự án đã được phê duyệt trước ngày 01/7/2024.",
            "Báo cáo Chủ tịch UBND tỉnh định kỳ hằng tuần, trước 16 giờ 00 ngày thứ Sáu.",
            "Rà soát nhiệm vụ trong năm 2026 của tỉnh.",
            "Phấn đấu trước năm 2030 đạt chuẩn.",
            "Tổ chức hội nghị tổng kết cuối năm.",
            "Chuẩn bị chu đáo chương trình trước khi tổ chức.",
            "Quan tâm chăm lo cho hội viên vui xuân đón Tết.",
            "Chăm lo đời sống nhân dân trước, trong và sau Tết.",
        ] {
            assert!(dl(text, &c).is_empty(), "{text:?} gave {:?}", dl(text, &c));
        }
    }

    fn freq(text: &str) -> Option<Freq> {
        find_recurrence(text).map(|f| f.value.freq)
    }

    #[test]
    fn recurrences() {
        assert_eq!(freq("Báo cáo hằng tháng về Ban."), Some(Freq::Monthly));
        assert_eq!(freq("Báo cáo hàng tháng về Ban."), Some(Freq::Monthly));
        assert_eq!(freq("Kiểm tra mỗi tháng."), Some(Freq::Monthly));
        assert_eq!(
            freq("Giao ban trực tuyến, mỗi quý một lần."),
            Some(Freq::Quarterly)
        );
        assert_eq!(
            freq("Định kỳ hằng quý tổng hợp, báo cáo."),
            Some(Freq::Quarterly)
        );
        assert_eq!(freq("Báo cáo hàng quý."), Some(Freq::Quarterly));
        assert_eq!(
            freq("Xây dựng kế hoạch thanh tra hằng năm."),
            Some(Freq::Yearly)
        );
        assert_eq!(freq("Hàng năm tổng hợp, đánh giá."), Some(Freq::Yearly));
        assert_eq!(freq("Sơ kết định kỳ 6 tháng."), Some(Freq::HalfYearly));
        assert_eq!(freq("Kiểm tra sáu tháng một lần."), Some(Freq::HalfYearly));
        assert_eq!(
            freq("Thực hiện chế độ báo cáo 6 tháng, năm."),
            Some(Freq::HalfYearly)
        );
        assert_eq!(freq("Báo cáo hằng tuần."), Some(Freq::Weekly));
        assert_eq!(freq("Định kỳ hằng tuần, trước 16 giờ."), Some(Freq::Weekly));
        assert_eq!(freq("Kiểm tra định kỳ và đột xuất."), Some(Freq::Periodic));
        assert_eq!(freq("Tổ chức kiểm tra định kỳ tháng 8/2026."), None);
        assert_eq!(freq("Sơ kết 6 tháng đầu năm 2026."), None);
        assert_eq!(
            find_recurrence("Kiểm tra mỗi 2 tuần.").map(|f| (f.value.freq, f.value.interval)),
            Some((Freq::Weekly, 2))
        );
        // Somebody else's routine, a plan type, a bank: no recurrence of the task.
        assert_eq!(
            freq(
                "Tham mưu đưa chỉ tiêu này vào nội dung chấm điểm thi đua hàng năm của các đơn vị."
            ),
            None
        );
        assert_eq!(
            freq("Xây dựng dự toán từ ngân sách hằng năm được cấp có thẩm quyền giao."),
            None
        );
        assert_eq!(
            freq("Cụ thể hóa thành các kế hoạch 5 năm và hằng năm."),
            None
        );
        assert_eq!(freq("Làm việc với Ngân hàng năm 2025."), None);
        assert_eq!(freq("Không có gì."), None);
    }

    #[test]
    fn quotas() {
        let r = find_recurrence("Mỗi đơn vị có ít nhất 02 – 04 tin, bài/tháng.").map(|f| f.value);
        assert_eq!(
            r,
            Some(Recurrence {
                text: "ít nhất 02 – 04 tin, bài/tháng".into(),
                freq: Freq::Monthly,
                interval: 1,
                quota: Some(Quota {
                    min: Some(2),
                    max: Some(4),
                    unit: "tin, bài".into(),
                    per: Per::Month,
                }),
            })
        );
        let r = find_recurrence("Mỗi xã gửi 01 tin/quý.").map(|f| f.value);
        assert_eq!(r.as_ref().map(|r| r.freq), Some(Freq::Quarterly));
        assert_eq!(
            r.and_then(|r| r.quota),
            Some(Quota {
                min: Some(1),
                max: None,
                unit: "tin".into(),
                per: Per::Quarter,
            })
        );
        assert_eq!(freq("Theo Công văn số 5973/UBND-KT."), None);
    }

    #[test]
    fn urgency() {
        assert!(is_urgent("Khẩn trương hoàn thiện hồ sơ."));
        assert!(is_urgent("kịp thời báo cáo"));
        assert!(is_urgent("Triển khai ngay."));
        assert!(is_urgent("sớm báo cáo"));
        assert!(is_urgent("báo cáo gấp"));
        assert!(is_urgent("Hỏa tốc, khẩn"));
        assert!(!is_urgent("trước ngày 15/3/2018"));
        assert!(!is_urgent("ngay cả khi"));
        assert!(!is_urgent("tăng gấp đôi"));
        assert!(!is_urgent("Thường xuyên theo dõi."));
    }

    #[test]
    fn dates_wrapper() {
        let f = find_dates("Chiều ngày 15/08, họp", &ctx(2022, 1, 1));
        assert_eq!(f.first().map(|f| f.value), Date::new(2022, 8, 15));
        assert!(f.first().is_some_and(|f| f.warning.is_some()));
    }

    #[test]
    fn tet_table_is_ordered_and_valid() {
        let days: Vec<Date> = TET
            .iter()
            .filter_map(|&(y, m, d)| Date::new(y, m, d))
            .collect();
        assert_eq!(days.len(), TET.len());
        assert!(days.windows(2).all(|w| w.first() < w.get(1)));
        assert!(
            days.iter()
                .all(|d| d.month() <= 2 && (d.month() == 2 || d.day() >= 20))
        );
    }

    fn roman(q: u32) -> &'static str {
        match q {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        }
    }

    const WORDS: [&str; 24] = [
        "trước",
        "ngày",
        "tháng",
        "quý",
        "năm",
        "trong",
        "hằng",
        "định kỳ",
        "15/8",
        "31/12/2026",
        "II/2018",
        "Tết",
        "kể từ",
        "thời hạn",
        "05",
        "ngày làm việc",
        "16 giờ",
        ":",
        ",",
        "/",
        "cuối",
        "6 tháng",
        "tin, bài",
        "mỗi",
    ];

    proptest! {
        #[test]
        fn before_date_round_trips(days in 0i64..80_000) {
            if let Some(d) = Date::from_days(days) {
                let text = format!("Gửi báo cáo trước ngày {}/{}/{}.", d.day(), d.month(), d.year());
                let found = find_deadlines(&text, &NO);
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(found.first().and_then(|f| f.value.due), Some(d));
                prop_assert_eq!(found.first().map(|f| f.value.relation), Some(Relation::Before));
            }
        }

        #[test]
        fn quarters_end_right(year in 1900i32..2200, q in 1u32..=4, arabic in any::<bool>()) {
            let qs = if arabic { q.to_string() } else { roman(q).to_string() };
            let text = format!("Báo cáo trong quý {qs}/{year}.");
            let found = find_deadlines(&text, &NO);
            prop_assert_eq!(found.len(), 1);
            let f = found.first().map(|f| (f.value.due, f.value.start));
            prop_assert_eq!(
                f,
                Some((Date::end_of_month(year, 3 * q), Date::new(year, 3 * q - 2, 1)))
            );
        }

        #[test]
        fn never_panics(s in "\\PC{0,120}", y in proptest::option::of(1900i32..2200)) {
            let c = DateCtx { doc_date: y.and_then(|y| Date::new(y, 12, 31)), year: y };
            let found = find_deadlines(&s, &c);
            for f in &found {
                prop_assert!(f.start <= f.end && f.end <= s.len());
            }
            let _ = find_recurrence(&s);
            let _ = is_urgent(&s);
        }

        #[test]
        fn never_panics_on_grammar_soup(
            words in proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 0..25),
        ) {
            let s = words.join(" ");
            let _ = find_deadlines(&s, &ctx(2040, 12, 31));
            let _ = find_deadlines(&s, &NO);
            let _ = find_recurrence(&s);
        }
    }
}
