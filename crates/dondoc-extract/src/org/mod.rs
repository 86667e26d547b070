//! Organisations: recognition of mentions by kind and level from a built-in lexicon,
//! expansion of collective mentions, and the grammar of who is assigned what.

pub mod lexicon;

use std::sync::OnceLock;

use regex::Regex;
use regex_automata::{Anchored, Input, MatchKind, PatternID, meta};

use crate::model::{Level, Org, OrgKind};
use lexicon::{
    ATTACH, CAP, COMPANY, ENTRIES, Entry, Expand, FIELD, FIELDS, Implicit, LONG_NAME, NAME,
    NEED_NAME, NEED_UY,
};

/// What a mention is resolved against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgCtx {
    /// The issuing body's level: the level of a mention that names none.
    pub default_level: Option<Level>,
    /// The organisations the directives address (the meeting's participants, or a letter's
    /// "Kính gửi" list): what "các đơn vị", "các cơ quan, đơn vị" expand to.
    pub addressed: Vec<Org>,
    /// Nobody is addressed (a plan): "các cơ quan, đơn vị" are the issuer's departments.
    pub departments_by_default: bool,
}

/// One organisation mention found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    /// Byte range of the mention in the text searched.
    pub start: usize,
    pub end: usize,
    /// The organisations it covers (a collective expands to several).
    pub orgs: Vec<Org>,
    /// The mention is a collective ("các đoàn thể", "các đơn vị").
    pub collective: bool,
}

/// Who a directive sentence assigns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    /// The lead phrase as written ("MTTQ, các đoàn thể CT-XH huyện"), trimmed of the verbs.
    pub lead_text: Option<String>,
    /// The lead organisations, collectives expanded.
    pub lead: Vec<Org>,
    /// "phối hợp với Y".
    pub collaborators: Vec<Org>,
    /// "báo cáo X", "trình X", "gửi về X".
    pub report_to: Option<Org>,
    /// The lead is the issuing body speaking of itself ("UBND huyện sẽ chỉ đạo …"): not a
    /// task; the caller drops it.
    pub own_commitment: bool,
}

/// The five socio-political organisations a collective mention covers.
pub const FIVE: [OrgKind; 5] = [
    OrgKind::CongDoan,
    OrgKind::HoiNongDan,
    OrgKind::DoanTn,
    OrgKind::HoiLhpn,
    OrgKind::HoiCcb,
];

/// How a mention's level was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LevelSource {
    /// A level word in the mention ("huyện", "Tỉnh ủy").
    Written,
    /// Implied by the kind ("Sở" → tỉnh).
    Kind,
    /// The issuer's level.
    Default,
}

#[derive(Debug, Clone)]
struct Found {
    mention: OrgMention,
    source: LevelSource,
}

/// The lexicon's phrases, matched as `(?i)\b(?:(p1)|(p2)|…)\b` would be (leftmost-first, longest
/// phrase first), without running that regex: its Unicode `\b` keeps the regex crate off its
/// lazy DFA on non-ASCII text, so every search of it was a slow NFA simulation over the whole
/// rest of the text. Instead the phrases without word boundaries (DFA-friendly) find where a
/// mention may start. There, with `\b` before, the first phrase matching (and its end) is the
/// one the alternation picks when `\b` holds at that end too; else the phrases from that one
/// on that match there (each searched anchored on its own) are checked in turn, with their
/// word boundaries, the same way or with their own `\b(?:p)\b`.
struct Lexicon {
    /// Every phrase, no word boundaries: a superset of the starts of the real matches.
    loose: Regex,
    /// The same phrases as separate patterns, leftmost-first (the alternation of them, telling
    /// which matched), searched anchored only (on all or on one pattern).
    first: Option<meta::Regex>,
    /// Each phrase with its word boundaries, compiled on first use.
    exact: Vec<(String, OnceLock<Option<meta::Regex>>)>,
    /// The entry of each phrase, in the same (priority) order.
    entries: Vec<&'static Entry>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut alts: Vec<(usize, String, &'static Entry)> = Vec::new();
        for entry in ENTRIES {
            for phrase in entry.phrases {
                alts.push((
                    phrase.chars().count(),
                    lexicon::phrase_pattern(phrase),
                    entry,
                ));
            }
        }
        alts.sort_by_key(|b| std::cmp::Reverse(b.0));
        let patterns: Vec<String> = alts.iter().map(|(_, p, _)| format!("(?i:{p})")).collect();
        let loose = crate::re::compile(&format!("(?:{})", patterns.join("|")));
        let first = meta::Regex::builder()
            .configure(
                meta::Regex::config()
                    .match_kind(MatchKind::LeftmostFirst)
                    .auto_prefilter(false)
                    .onepass(false)
                    .backtrack(false),
            )
            .build_many(&patterns)
            .ok();
        debug_assert!(first.is_some(), "the lexicon's phrase set does not compile");
        let exact = alts
            .iter()
            .map(|(_, p, _)| (format!(r"(?i)\b(?:{p})\b"), OnceLock::new()))
            .collect();
        Lexicon {
            loose,
            first,
            exact,
            entries: alts.iter().map(|(_, _, e)| *e).collect(),
        }
    })
}

impl Lexicon {
    /// The phrase matching at byte `start` of `text` (word boundaries included), as the
    /// alternation would pick it: the first phrase in priority order that matches there, with
    /// its match end.
    fn match_at(&self, text: &str, start: usize) -> Option<(usize, &'static Entry)> {
        // Every phrase's match starts with `\b`.
        if start > text.len() || !crate::re::is_word_boundary(text, start) {
            return None;
        }
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        // The first phrase matching here without boundaries, with its leftmost-first end: when
        // `\b` holds there, that phrase's `\b(?:p)\b` matches with that end, and no phrase
        // before it matches at all.
        let first_re = self.first.as_ref()?;
        let first = first_re.search(&input)?;
        if crate::re::is_word_boundary(text, first.end()) {
            return Some((first.end(), *self.entries.get(first.pattern().as_usize())?));
        }
        // Else the phrases in turn from that one on (none before it matches here), as the
        // alternation tries them: one that matches without boundaries and has `\b` at its
        // leftmost-first end matches with it; one without `\b` there goes through its own
        // `\b(?:p)\b`, which may end elsewhere.
        for k in first.pattern().as_usize()..first_re.pattern_len() {
            let pid = PatternID::new(k).ok()?;
            let on_pid = Input::new(text)
                .range(start..)
                .anchored(Anchored::Pattern(pid));
            let Some(m) = first_re.search(&on_pid) else {
                continue;
            };
            if crate::re::is_word_boundary(text, m.end()) {
                return Some((m.end(), *self.entries.get(k)?));
            }
            let (source, cell) = self.exact.get(k)?;
            let exact = cell.get_or_init(|| {
                // Unicode word boundaries keep the DFAs off non-ASCII text and the backtracker
                // is slower on these short anchored searches: the PikeVM alone is the fastest
                // to build and to run.
                let re = meta::Regex::builder()
                    .configure(
                        meta::Regex::config()
                            .hybrid(false)
                            .onepass(false)
                            .backtrack(false)
                            .auto_prefilter(false),
                    )
                    .build(source)
                    .ok();
                debug_assert!(re.is_some(), "pattern does not compile: {source}");
                re
            });
            if let Some(m) = exact.as_ref().and_then(|re| re.search(&input)) {
                return Some((m.end(), *self.entries.get(k)?));
            }
        }
        None
    }

    /// The leftmost lexicon match starting at or after byte `pos`: (start, end, entry).
    fn find_at(&self, text: &str, pos: usize) -> Option<(usize, usize, &'static Entry)> {
        let mut at = pos;
        while at <= text.len() {
            let start = self.loose.find_at(text, at)?.start();
            if let Some((end, entry)) = self.match_at(text, start) {
                return Some((start, end, entry));
            }
            at = start + text.get(start..)?.chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Whether a lexicon match starts at a byte offset of at most `limit`.
    fn starts_within(&self, text: &str, limit: usize) -> bool {
        text.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .take_while(|&i| i <= limit)
            .any(|i| self.match_at(text, i).is_some())
    }
}

fn fields_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let mut fields: Vec<&str> = FIELDS.to_vec();
        fields.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
        let alts: Vec<String> = fields.iter().map(|f| lexicon::phrase_pattern(f)).collect();
        // `^(?:…)\b` as `^(…)(?:\W|\z)` (see `crate::re::before_boundary`).
        crate::re::compile(&format!(r"(?i)^((?:{}))(?:\W|\z)", alts.join("|")))
    })
}

/// The rest of `text` from byte `at`, or "".
fn rest(text: &str, at: usize) -> &str {
    text.get(at..).unwrap_or("")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Length of a field name (or a list "các Sở: Tài chính, Xây dựng") after a "Sở"/"Bộ" head,
/// with the number of fields named.
fn field_tail(after: &str) -> Option<(usize, usize)> {
    let list = crate::regex!(r"^\s*:\s*");
    let sep = crate::regex!(r"^\s*(?:,|và|;)\s*");
    let space = crate::regex!(r"^\s+");
    if let Some(m) = list.find(after) {
        let mut pos = m.end();
        let mut count = 0;
        while let Some(f) = crate::re::before_boundary(fields_re(), rest(after, pos)) {
            pos += f;
            count += 1;
            match sep.find(rest(after, pos)) {
                Some(s) if fields_re().is_match(rest(after, pos + s.end())) => pos += s.end(),
                _ => break,
            }
        }
        return (count > 0).then_some((pos, count));
    }
    let sp = space.find(after)?;
    let f = crate::re::before_boundary(fields_re(), rest(after, sp.end()))?;
    Some((sp.end() + f, 1))
}

/// Capitalised name words after a head ("Trường Mẫu giáo Công Hải", "Lào Cai").
fn name_tail(after: &str) -> usize {
    // "Chi bộ Trường Mẫu giáo …", "Chi bộ thôn Đồng Me", "Chi bộ khu phố 3".
    let re = crate::regex!(
        r"^(?:\s+(?:thôn|bản|xóm|ấp|làng|khu\s+phố|tổ\s+dân\s+phố|khu|tổ))?(?:\s+(?:\p{Lu}[\p{L}\p{N}]*|\d+|số\s+\d+))+"
    );
    re.find(after).map_or(0, |m| m.end())
}

fn company_tail(after: &str) -> usize {
    let re = crate::regex!(r"^(?:\s+(?:[Cc]ổ\s+phần|TNHH|MTV|\p{Lu}[\p{L}\p{N}]*|\d+))+");
    re.find(after).map_or(0, |m| m.end())
}

/// A Party committee after an organ ("Ban Dân vận Huyện ủy", "Ủy ban Kiểm tra Đảng ủy xã").
fn uy_attach(after: &str) -> usize {
    let re = crate::regex!(
        r"(?i)^(\s+(?:của\s+)?(?:Ban\s+Chấp\s+hành\s+)?(?:tỉnh|thành|huyện|quận|thị|đảng)\s+(?:ủy|uỷ))(?:\W|\z)"
    );
    crate::re::before_boundary(re, after).unwrap_or(0)
}

/// A state body after a Party organ ("Ban cán sự đảng UBND tỉnh", "Đảng đoàn HĐND").
fn state_attach(after: &str) -> usize {
    let re = crate::regex!(
        r"(?i)^(\s+(?:[uư]bnd|hđnd|mttq|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|hội\s+đồng\s+nhân\s+dân|ủy\s+ban\s+mttq|uỷ\s+ban\s+mttq|ủy\s+ban\s+mặt\s+trận\s+tổ\s+quốc(?:\s+việt\s+nam)?))(?:\W|\z)"
    );
    crate::re::before_boundary(re, after).unwrap_or(0)
}

/// A level qualifier after a mention, with a place name ("tỉnh Lào Cai", "các xã, phường",
/// "cấp tỉnh", "Thành phố").
fn qualifier(after: &str) -> usize {
    // The same as `exact` below but for its `\b`s: each but the last is implied by the
    // `\s*,` that follows it, the last is `(?:\W|\z)` (see `crate::re::before_boundary`), so
    // the lazy DFA runs it; group 1 is the match, the word group 2. After "tp." (no word
    // character at its end) the boundary is the other way round: there `exact` decides.
    let re = crate::regex!(
        r"(?i:^(\s*(?:,\s*)?(?:các\s+)?(?:cấp\s+)?(tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu|trung\s+ương|cơ\s+sở)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu))*))(?:\W|\z)"
    );
    let Some(c) = re.captures(after) else {
        return 0;
    };
    let (Some(mut all), Some(mut word)) = (c.get(1), c.get(2)) else {
        return 0;
    };
    if crate::lower::lower_starts_with(word.as_str(), "tp") {
        let exact = crate::regex!(
            r"(?i:^\s*(?:,\s*)?(?:các\s+)?(?:cấp\s+)?(tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu|trung\s+ương|cơ\s+sở)\b(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu)\b)*)"
        );
        let Some(c) = exact.captures(after) else {
            return 0;
        };
        (all, word) = match (c.get(0), c.get(1)) {
            (Some(a), Some(w)) => (a, w),
            _ => return 0,
        };
    }
    let leading_comma = all.as_str().trim_start().starts_with(',');
    if leading_comma {
        return 0;
    }
    let word = word.as_str().to_lowercase();
    let mut end = all.end();
    if word == "xã" && crate::regex!(r"(?i)^\s+hội(?:\W|\z)").is_match(rest(after, end)) {
        return 0;
    }
    let names = crate::regex!(r"^(?:\s*:)?(?:\s+\p{Lu}\p{Ll}*)+");
    let after_q = rest(after, end);
    if let Some(m) = names.find(after_q) {
        // A place name, unless it is the next organisation ("Sở", "Ủy ban").
        if !lexicon().starts_within(after_q, m.start() + 2) {
            end += m.end();
        }
    }
    end
}

/// Level words, most local wins in [`level_of`]; `(…)(?:\W|\z)` is `\b(?:…)\b` for
/// [`crate::re::captures_between_boundaries`].
fn level_words() -> &'static Regex {
    crate::regex!(
        r"(?i)((?:(trung\s+ương|chính\s+phủ|quốc\s+hội)|(tỉnh|thành\s+phố|thành\s+(?:ủy|uỷ)|thành\s+đoàn|tp)|(huyện|quận|thị\s+xã|thị\s+(?:ủy|uỷ))|(xã|phường|thị\s+trấn|đặc\s+khu|cơ\s+sở)))(?:\W|\z)"
    )
}

/// The level an issuer or place names ("Huyện ủy" → huyện, "UBND tỉnh" → tỉnh, "xã" → xã);
/// where several are named (a header "ĐẢNG BỘ TỈNH … ĐẢNG ỦY XÃ …"), the most local.
pub fn level_of(text: &str) -> Option<Level> {
    let mut best: Option<Level> = None;
    // `\b(?:…)\b` matched without the regex engine checking `\b` (see re.rs): the groups
    // of the alternation are 2 to 5.
    for c in crate::re::captures_between_boundaries(level_words(), text) {
        let level = if c.get(2).is_some() {
            Level::TrungUong
        } else if c.get(3).is_some() {
            Level::Tinh
        } else if c.get(4).is_some() {
            Level::Huyen
        } else {
            let Some(m) = c.get(5) else { continue };
            let after = rest(text, m.end());
            if m.as_str().to_lowercase() == "xã"
                && crate::regex!(r"(?i)^\s+hội(?:\W|\z)").is_match(after)
            {
                continue;
            }
            Level::Xa
        };
        best = Some(best.map_or(level, |b| b.max(level)));
    }
    best
}

fn below(level: Option<Level>) -> Level {
    match level {
        Some(Level::TrungUong) => Level::Tinh,
        _ => Level::Xa,
    }
}

/// Builds the mention an entry matched at `start..end`, or `None` when it does not count.
fn build(text: &str, start: usize, end: usize, entry: &Entry, ctx: &OrgCtx) -> Option<Found> {
    let matched = text.get(start..end)?;
    let head = matched
        .strip_prefix("các ")
        .or_else(|| matched.strip_prefix("Các "))
        .unwrap_or(matched);
    if entry.flags & CAP != 0 && !starts_upper(head) {
        return None;
    }
    let mut end = end;
    let mut count = 1;
    let mut named = false;
    if entry.flags & FIELD != 0
        && let Some((len, n)) = field_tail(rest(text, end))
    {
        end += len;
        count = n;
        named = true;
    }
    if !named && entry.flags & LONG_NAME != 0 {
        let re = crate::regex!(
            r"^((?:\s+[\p{L}\p{N}]+){0,8}?)\s+(?i:tỉnh|huyện|thành\s+phố|xã|phường)(?:\W|\z)"
        );
        if let Some(g) = re.captures(rest(text, end)).and_then(|c| c.get(1))
            && g.end() > 0
        {
            end += g.end();
            named = true;
        }
    }
    // In upper-case text ("PHÒNG NGỪA", "CƠ SỞ GIỚI") every word looks like a name: only a
    // known field name makes "PHÒNG …" or "SỞ …" a department there.
    let shouting = head.chars().filter(|c| c.is_alphabetic()).count() > 1
        && head.chars().all(|c| !c.is_lowercase());
    if !named && entry.flags & (NAME | FIELD) != 0 && !(shouting && entry.flags & FIELD != 0) {
        let len = name_tail(rest(text, end));
        if len > 0 {
            end += len;
            named = true;
        }
    }
    if entry.flags & COMPANY != 0 {
        end += company_tail(rest(text, end));
        named = true;
    }
    if entry.flags & NEED_NAME != 0 && !named {
        return None;
    }
    let mut uy = false;
    if entry.flags & ATTACH != 0 {
        let len = uy_attach(rest(text, end));
        if len > 0 {
            end += len;
            uy = true;
        } else {
            end += state_attach(rest(text, end));
        }
    }
    if entry.flags & NEED_UY != 0 && !uy {
        return None;
    }
    // "Chi bộ thôn Đồng Me, xã Tân Hà": a village's commune after a comma belongs to it.
    let village =
        crate::regex!(r"(?i)\b(?:thôn|xóm|ấp|bản|làng|tổ\s+dân\s+phố|khu\s+phố)\s+\p{Lu}");
    let in_village = village.is_match(text.get(start..end).unwrap_or(""));
    if in_village && let Some(after_comma) = rest(text, end).strip_prefix(',') {
        let q = qualifier(after_comma);
        if q > 0 {
            end += 1 + q;
        }
    }
    end += qualifier(rest(text, end));
    let mention = text
        .get(start..end)?
        .trim_end_matches([':', ' '])
        .to_string();
    let end = start + mention.len();
    let (level, source) = match level_of(&mention) {
        Some(l) => (Some(l), LevelSource::Written),
        // A village's body ("Chi bộ thôn Đồng Me") is of its commune.
        None if in_village => (Some(Level::Xa), LevelSource::Written),
        None => match entry.implicit {
            Implicit::Fixed(l) => (Some(l), LevelSource::Kind),
            Implicit::Phong => (
                Some(match ctx.default_level {
                    Some(Level::Huyen) | Some(Level::Xa) => {
                        ctx.default_level.unwrap_or(Level::Huyen)
                    }
                    _ => Level::Huyen,
                }),
                LevelSource::Kind,
            ),
            Implicit::Below => (Some(below(ctx.default_level)), LevelSource::Kind),
            Implicit::Default => (ctx.default_level, LevelSource::Default),
        },
    };
    let level = match (level, source) {
        // "thành phố" under a district issuer is a district-level city.
        (Some(Level::Tinh), LevelSource::Written)
            if ctx.default_level == Some(Level::Huyen)
                && crate::regex!(r"(?i)\bthành\s+phố\b").is_match(&mention)
                && !crate::regex!(r"(?i)\btỉnh\b").is_match(&mention) =>
        {
            Some(Level::Huyen)
        }
        (l, _) => l,
    };
    let (orgs, collective) = match entry.expand {
        Expand::One(kind) => (
            std::iter::repeat_with(|| Org::new(mention.clone(), kind, level))
                .take(count)
                .collect(),
            crate::lower::lowercase(&mention).starts_with("các "),
        ),
        Expand::Five => (
            FIVE.iter()
                .map(|k| Org::new(mention.clone(), *k, level))
                .collect(),
            true,
        ),
        Expand::Addressed => {
            let mut orgs: Vec<Org> = ctx
                .addressed
                .iter()
                .map(|o| Org {
                    mention: Some(mention.clone()),
                    kind: o.kind,
                    level: o.level.or(level),
                    reason: None,
                })
                .collect();
            let lower = crate::lower::lowercase(&mention);
            // Nobody addressed (a plan): "các cơ quan, đơn vị" are the issuer's departments.
            if orgs.is_empty()
                && ctx.departments_by_default
                && (lower.contains("cơ quan") || lower.contains("đơn vị"))
            {
                orgs.push(Org::new(mention.clone(), OrgKind::CoQuanChuyenMon, level));
            }
            // "… , địa phương": the People's Committees of the level below as well.
            if lower.contains("địa phương") {
                let below = below(ctx.default_level);
                if !orgs
                    .iter()
                    .any(|o| o.kind == OrgKind::Ubnd && o.level == Some(below))
                {
                    orgs.push(Org::new(mention.clone(), OrgKind::Ubnd, Some(below)));
                }
            }
            (orgs, true)
        }
    };
    Some(Found {
        mention: OrgMention {
            start,
            end,
            orgs,
            collective,
        },
        source,
    })
}

fn scan(text: &str, ctx: &OrgCtx) -> Vec<Found> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some((start, end, entry)) = lex.find_at(text, pos) else {
            break;
        };
        match build(text, start, end, entry, ctx) {
            Some(found) => {
                pos = found.mention.end.max(start + 1);
                out.push(found);
            }
            None => {
                pos = start
                    + text
                        .get(start..)
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8);
            }
        }
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// Every organisation mention in `text`, longest match first, in order.
pub fn find_orgs(text: &str, ctx: &OrgCtx) -> Vec<OrgMention> {
    scan(text, ctx).into_iter().map(|f| f.mention).collect()
}

/// A province, city, district or commune named bare ("tỉnh Đắk Lắk", "Thành phố"): its
/// People's Committee.
fn bare_place(part: &str, ctx: &OrgCtx) -> Option<(usize, usize, Org)> {
    let re = crate::regex!(
        r"(?i:^[\s,;:]*(?:và\s+)?(?:các\s+)?(tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu)\b)(?:\s+\p{Lu}\p{Ll}*)*"
    );
    let c = re.captures(part)?;
    let all = c.get(0)?;
    let word = c.get(1)?;
    let text = part.get(word.start()..all.end())?.trim().to_string();
    let ctx_level = level_of(&text).map(|l| match (l, ctx.default_level) {
        (Level::Tinh, Some(Level::Huyen))
            if crate::lower::lowercase(&text).starts_with("thành phố") =>
        {
            Level::Huyen
        }
        (l, _) => l,
    });
    Some((
        word.start(),
        all.end(),
        Org::new(text, OrgKind::Ubnd, ctx_level),
    ))
}

/// The organisations `phrase` names, collectives expanded; each keeps as `mention` the part
/// of the phrase that named it (for an expanded collective, the collective phrase).
pub fn resolve(phrase: &str, ctx: &OrgCtx) -> Vec<Org> {
    let found = scan(phrase, ctx);
    let mut items: Vec<(usize, Vec<Org>, LevelSource)> = Vec::new();
    let mut pos = 0;
    for f in &found {
        if let Some(gap) = phrase.get(pos..f.mention.start)
            && let Some((s, _, org)) = bare_place(gap, ctx)
        {
            items.push((pos + s, vec![org], LevelSource::Written));
        }
        items.push((f.mention.start, f.mention.orgs.clone(), f.source));
        pos = f.mention.end;
    }
    if let Some(gap) = phrase.get(pos..)
        && let Some((s, _, org)) = bare_place(gap, ctx)
    {
        items.push((pos + s, vec![org], LevelSource::Written));
    }
    // A level written after the last organisation of a list covers the list
    // ("MTTQ và các đoàn thể, hội đặc thù huyện").
    let trailing = items
        .last()
        .filter(|(_, _, s)| *s == LevelSource::Written)
        .and_then(|(_, orgs, _)| orgs.first().and_then(|o| o.level));
    let mut out = Vec::new();
    for (_, orgs, source) in items {
        for mut org in orgs {
            if source == LevelSource::Default
                && org.kind != OrgKind::CaNhan
                && let Some(l) = trailing
            {
                org.level = Some(l);
            }
            out.push(org);
        }
    }
    out
}

/// A run of mentions joined by list separators, from index `first`: (end index exclusive).
fn run_end(text: &str, found: &[Found], first: usize, extra: bool) -> usize {
    let sep = crate::regex!(
        r"(?i)^(?:\s+(?:có\s+)?liên\s+quan)?[\s,;:&]*(?:(?:và|cùng|cùng\s+với)\s+)?$"
    );
    let sep_extra = crate::regex!(
        r"(?i)^(?:\s+(?:có\s+)?liên\s+quan)?[\s,;:&]*(?:(?:và|cùng|với|thuộc|của)\s+)?$"
    );
    let mut last = first;
    while let (Some(a), Some(b)) = (found.get(last), found.get(last + 1)) {
        let gap = text.get(a.mention.end..b.mention.start).unwrap_or("x");
        let ok = if extra {
            sep_extra.is_match(gap)
        } else {
            sep.is_match(gap)
        };
        if !ok {
            break;
        }
        last += 1;
    }
    last + 1
}

fn run_orgs(found: &[Found], from: usize, to: usize) -> Vec<Org> {
    found
        .get(from..to)
        .unwrap_or(&[])
        .iter()
        .flat_map(|f| f.mention.orgs.iter().cloned())
        .collect()
}

/// Who the directive `sentence` assigns ("Giao X chủ trì, phối hợp với Y …", "Đề nghị X …",
/// "X chịu trách nhiệm …", "X: …"); the lead is empty when the sentence names nobody.
pub fn find_assignment(sentence: &str, ctx: &OrgCtx) -> Assignment {
    let found = scan(sentence, ctx);
    let mut out = Assignment::default();
    let lead = lead_run(sentence, &found);
    if let Some((from, to)) = lead
        && let (Some(a), Some(b)) = (
            found.get(from),
            to.checked_sub(1).and_then(|i| found.get(i)),
        )
    {
        if let Some(t) = sentence.get(a.mention.start..b.mention.end) {
            out.lead_text = Some(t.trim().to_string());
            out.lead = resolve(t, ctx);
        }
        let after = rest(sentence, b.mention.end);
        out.own_commitment = crate::regex!(r"(?i)^\s*(?:cũng\s+)?sẽ(?:\W|\z)").is_match(after);
    }
    let in_lead = |i: usize| lead.is_some_and(|(f, t)| i >= f && i < t);
    // Collaborators.
    // Word boundaries checked outside the regex engine, as in the rest of this function (see
    // re.rs): `\b` is the boundary check, `(…)(?:\W|\z)` a `\b` after a word.
    let coop = crate::regex!(r"(?i)phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?");
    for m in crate::re::captures_at_boundaries(coop, sentence)
        .iter()
        .filter_map(|c| c.get(0))
    {
        let Some(i) = found.iter().position(|f| f.mention.start >= m.end()) else {
            continue;
        };
        if in_lead(i) {
            continue;
        }
        let Some(f) = found.get(i) else { continue };
        let gap = sentence.get(m.end()..f.mention.start).unwrap_or("x");
        if !crate::regex!(r"^[\s:]*$").is_match(gap) {
            continue;
        }
        let to = run_end(sentence, &found, i, true);
        out.collaborators.extend(run_orgs(&found, i, to));
    }
    // Report target.
    let report = crate::regex!(r"(?i)((?:báo\s+cáo|trình|gửi\s+về|gửi))(?:\W|\z)");
    for m in crate::re::captures_between_boundaries(report, sentence)
        .iter()
        .filter_map(|c| c.get(1))
    {
        let Some(i) = found.iter().position(|f| f.mention.start >= m.end()) else {
            continue;
        };
        if in_lead(i) {
            continue;
        }
        let Some(f) = found.get(i) else { continue };
        let gap = sentence.get(m.end()..f.mention.start).unwrap_or("x");
        let ok_gap = crate::regex!(
            r"(?i)^\s*(?:(?:[^,.;()]{0,40}\s)?(?:về|lên|cho|tới|đến)\s+|(?:kịp\s+thời\s+)?)$"
        );
        let before = sentence.get(..f.mention.start).unwrap_or("");
        if ok_gap.is_match(gap) && !crate::regex!(r"(?i)\(\s*qua\s*$").is_match(before) {
            out.report_to = f.mention.orgs.first().cloned();
            break;
        }
    }
    out
}

/// The mentions (index range) that lead the sentence.
fn lead_run(sentence: &str, found: &[Found]) -> Option<(usize, usize)> {
    // Word boundaries checked outside the regex engine (see re.rs): `\b(?:…)\b` as
    // `((?:…))(?:\W|\z)` with the leading boundary checked, `\b(?:…)…$` after a word as
    // `(?:^|\W)(?:…)…$`.
    let trigger = crate::regex!(r"(?i)((giao|đề\s+nghị|yêu\s+cầu|chỉ\s+đạo))(?:\W|\z)");
    let not_giao = crate::regex!(
        r"^\s+(?:ban|(?i:thông|dịch|lưu|nhiệm\s+vụ|kết|tiếp|nhận|đất|quyền|khoán|cho\s+các\s+hộ))(?:\W|\z)"
    );
    let gap_ok = crate::regex!(
        r"(?i)^[\s,:]*(?:[^,.;:]{0,30},\s*)?(?:(?:lãnh\s+đạo|chủ\s+tịch|thủ\s+trưởng|giám\s+đốc|đồng\s+chí|các\s+đồng\s+chí|ban\s+thường\s+trực|thường\s+trực)\s+)?$"
    );
    for c in crate::re::captures_between_boundaries(trigger, sentence) {
        let Some(m) = c.get(1) else { continue };
        let word = m.as_str().to_lowercase();
        let before = sentence.get(..m.start()).unwrap_or("");
        if word == "giao"
            && (not_giao.is_match(rest(sentence, m.end()))
                || crate::regex!(r"(?i)(?:^|\W)(?:được|bàn|đã|đang|sẽ|vụ|phân|cấp)\s*$")
                    .is_match(before))
        {
            continue;
        }
        if word.starts_with("chỉ")
            && !before
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
        {
            continue;
        }
        if crate::regex!(r"(?i)(?:^|\W)(?:kiến\s+nghị|theo|có|các|những|với|của|được)\s*,?\s*$")
            .is_match(before)
        {
            continue;
        }
        let Some(i) = found.iter().position(|f| f.mention.start >= m.end()) else {
            continue;
        };
        let Some(f) = found.get(i) else { continue };
        let gap = sentence.get(m.end()..f.mention.start).unwrap_or("x");
        if gap_ok.is_match(gap) {
            return Some((i, run_end(sentence, found, i, false)));
        }
    }
    // A sentence that starts with its subject ("Sở Công Thương chủ trì …", "Viễn thông X: …").
    let first = found.first()?;
    let prefix = sentence.get(..first.mention.start).unwrap_or("");
    let p = prefix.trim_matches(|c: char| c.is_whitespace() || "-–•*+.)(0123456789".contains(c));
    let leader = crate::regex!(
        r"(?i)^(?:(?:lãnh\s+đạo|chủ\s+tịch|thủ\s+trưởng|giám\s+đốc|trưởng|ban\s+thường\s+trực|thường\s+trực|đồng\s+chí)(?:\s+các)?)?$"
    );
    let framing = p.ends_with(',')
        && p.len() <= 200
        && crate::re::captures_between_boundaries(trigger, p).is_empty();
    if leader.is_match(p) || framing {
        let to = run_end(sentence, found, 0, false);
        let last = found.get(to - 1)?;
        let after = rest(sentence, last.mention.end);
        if crate::regex!(r"(?i)^\s*(?:của|về|thuộc|do|tại|trong|đối\s+với)(?:\W|\z)")
            .is_match(after)
        {
            return None;
        }
        return Some((0, to));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::{Huyen, Tinh, TrungUong, Xa};
    use OrgKind as K;

    fn ctx(level: Level) -> OrgCtx {
        OrgCtx {
            default_level: Some(level),
            addressed: Vec::new(),
            ..Default::default()
        }
    }

    fn kinds(orgs: &[Org]) -> Vec<(OrgKind, Option<Level>)> {
        orgs.iter().map(|o| (o.kind, o.level)).collect()
    }

    fn one(phrase: &str, level: Level) -> (OrgKind, Option<Level>) {
        let got = resolve(phrase, &ctx(level));
        assert_eq!(got.len(), 1, "{phrase}: {got:?}");
        kinds(&got).first().copied().unwrap_or((K::Other, None))
    }

    #[test]
    fn each_kind() {
        let cases: &[(&str, OrgKind, Level)] = &[
            ("Huyện ủy", K::CapUy, Huyen),
            ("Thường trực Huyện ủy", K::ThuongTrucCapUy, Huyen),
            ("Ban Thường vụ Tỉnh ủy", K::BtvCapUy, Tinh),
            ("Ban Dân vận Huyện ủy", K::BanDanVan, Huyen),
            ("BDVHU", K::BanDanVan, Huyen),
            ("Ban Tuyên giáo và Dân vận Tỉnh ủy", K::BanDanVan, Tinh),
            ("Ban Tổ chức Tỉnh ủy", K::BanToChuc, Tinh),
            ("Ban Tuyên giáo Huyện ủy", K::BanTuyenGiao, Huyen),
            ("Ủy ban Kiểm tra Đảng ủy xã", K::UbKiemTra, Xa),
            ("Văn phòng Huyện ủy", K::VanPhongCapUy, Huyen),
            ("VPTU", K::VanPhongCapUy, Tinh),
            ("Đảng ủy Quân sự huyện", K::DangUyQuanSu, Huyen),
            ("Ban cán sự đảng UBND tỉnh", K::BanCanSuDang, Tinh),
            ("Đảng đoàn HĐND tỉnh", K::DangDoan, Tinh),
            ("HĐND huyện", K::Hdnd, Huyen),
            ("ƯBND xã", K::Ubnd, Xa),
            ("Uỷ ban nhân dân tỉnh", K::Ubnd, Tinh),
            ("Văn phòng HĐND & UBND huyện", K::VanPhongUbnd, Huyen),
            (
                "Sở Lao động - Thương binh và Xã hội",
                K::CoQuanChuyenMon,
                Tinh,
            ),
            ("Thanh tra tỉnh", K::CoQuanChuyenMon, Tinh),
            ("Thuế tỉnh", K::CoQuanChuyenMon, Tinh),
            ("Ủy ban MTTQ Việt Nam huyện", K::Mttq, Huyen),
            ("UBMTTQVN", K::Mttq, Huyen),
            ("Hội Nông dân", K::HoiNongDan, Huyen),
            ("Hội CCB xã", K::HoiCcb, Xa),
            ("LĐLĐ huyện", K::CongDoan, Huyen),
            ("Huyện đoàn", K::DoanTn, Huyen),
            ("Ban Thường vụ Tỉnh đoàn", K::DoanTn, Tinh),
            ("Hội LHPN huyện", K::HoiLhpn, Huyen),
            ("Hội Phụ nữ", K::HoiLhpn, Xa),
            ("Hội Khuyến học", K::HoiKhuyenHoc, Huyen),
            ("Hội Chữ thập đỏ", K::HoiChuThapDo, Huyen),
            ("Hội Người cao tuổi", K::HoiNguoiCaoTuoi, Huyen),
            ("hội đặc thù", K::HoiQuanChung, Huyen),
            ("Chi bộ thôn Ba", K::ChiBo, Xa),
            ("Ban Xây dựng Đảng", K::BanXayDungDang, Xa),
            ("Công an tỉnh", K::CongAn, Tinh),
            ("Ban Chỉ huy quân sự xã", K::QuanSu, Xa),
            ("Bộ Tài chính", K::BoNganh, TrungUong),
            ("Văn phòng Chính phủ", K::BoNganh, TrungUong),
            ("Công ty cổ phần Xi măng Sông Lam", K::DoanhNghiep, Tinh),
            ("người đứng đầu", K::CaNhan, Xa),
        ];
        for (phrase, kind, level) in cases {
            let default = match kind {
                K::HoiLhpn | K::ChiBo | K::BanXayDungDang | K::CaNhan => Xa,
                K::DoanhNghiep => Tinh,
                _ => Huyen,
            };
            assert_eq!(one(phrase, default), (*kind, Some(*level)), "{phrase}");
        }
    }

    #[test]
    fn level_words() {
        assert_eq!(level_of("Tỉnh ủy"), Some(Tinh));
        assert_eq!(level_of("cấp tỉnh"), Some(Tinh));
        assert_eq!(level_of("Thành phố"), Some(Tinh));
        assert_eq!(level_of("Huyện đoàn"), Some(Huyen));
        assert_eq!(level_of("thị xã Mới"), Some(Huyen));
        assert_eq!(level_of("quận Một"), Some(Huyen));
        assert_eq!(level_of("thị trấn An"), Some(Xa));
        assert_eq!(level_of("đặc khu Đảo"), Some(Xa));
        assert_eq!(level_of("cấp xã"), Some(Xa));
        assert_eq!(level_of("Trung ương"), Some(TrungUong));
        assert_eq!(level_of("ĐẢNG BỘ TỈNH AN\nĐẢNG ỦY XÃ BÌNH"), Some(Xa));
        assert_eq!(level_of("các tổ chức chính trị - xã hội"), None);
        assert_eq!(level_of("Sở Y tế"), None);
    }

    #[test]
    fn collectives() {
        let c = ctx(Huyen);
        assert_eq!(resolve("các đoàn thể chính trị - xã hội", &c).len(), 5);
        assert_eq!(resolve("các đoàn thể CT-XH", &c).len(), 5);
        let with_front = kinds(&resolve("MTTQ và các đoàn thể", &c));
        assert_eq!(with_front.len(), 6);
        assert!(with_front.contains(&(K::Mttq, Some(Huyen))));
        let with_assoc = resolve("MTTQ và các đoàn thể, hội đặc thù xã", &c);
        assert_eq!(with_assoc.len(), 7);
        assert!(with_assoc.iter().all(|o| o.level == Some(Xa)));
        assert!(with_assoc.iter().any(|o| o.kind == K::HoiQuanChung));
        assert_eq!(
            kinds(&resolve("các sở, ban, ngành", &ctx(Tinh))),
            vec![(K::CoQuanChuyenMon, Some(Tinh))]
        );
        assert_eq!(
            kinds(&resolve("UBND các xã, phường", &ctx(Tinh))),
            vec![(K::Ubnd, Some(Xa))]
        );
        let addressed = OrgCtx {
            default_level: Some(Huyen),
            addressed: vec![Org::new("Hội Nông dân huyện", K::HoiNongDan, Some(Huyen))],
            ..Default::default()
        };
        let got = resolve("các đơn vị", &addressed);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got.first().and_then(|o| o.mention.as_deref()),
            Some("các đơn vị")
        );
    }

    #[test]
    fn coordinated_lists() {
        let c = ctx(Tinh);
        let two = kinds(&resolve(
            "Văn phòng Tỉnh ủy, Văn phòng Ủy ban nhân dân tỉnh",
            &c,
        ));
        assert_eq!(
            two,
            vec![
                (K::VanPhongCapUy, Some(Tinh)),
                (K::VanPhongUbnd, Some(Tinh))
            ]
        );
        assert_eq!(resolve("Sở Giáo dục và Đào tạo và Sở Y tế", &c).len(), 2);
        assert_eq!(resolve("Sở Nông nghiệp và Môi trường", &c).len(), 1);
        assert_eq!(
            resolve("các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường", &c).len(),
            3
        );
        assert_eq!(
            kinds(&resolve("tỉnh Bình An", &ctx(TrungUong))),
            vec![(K::Ubnd, Some(Tinh))]
        );
    }

    #[test]
    fn find_orgs_spans() {
        let text = "Giao Sở Y tế chủ trì, phối hợp với Hội Nông dân tỉnh.";
        let found = find_orgs(text, &ctx(Tinh));
        let spans: Vec<&str> = found
            .iter()
            .filter_map(|m| text.get(m.start..m.end))
            .collect();
        assert_eq!(spans, vec!["Sở Y tế", "Hội Nông dân tỉnh"]);
        assert!(find_orgs("tổ chức giao ban mặt trận", &ctx(Tinh)).is_empty());
    }

    #[test]
    fn assignment_forms() {
        let c = ctx(Huyen);
        let a = find_assignment(
            "Giao Phòng Nội vụ chủ trì, phối hợp với Huyện đoàn và Hội LHPN xây dựng kế hoạch, báo cáo Thường trực Huyện ủy.",
            &c,
        );
        assert_eq!(a.lead_text.as_deref(), Some("Phòng Nội vụ"));
        assert_eq!(kinds(&a.lead), vec![(K::CoQuanChuyenMon, Some(Huyen))]);
        assert_eq!(
            kinds(&a.collaborators),
            vec![(K::DoanTn, Some(Huyen)), (K::HoiLhpn, Some(Huyen))]
        );
        assert_eq!(a.report_to.map(|o| o.kind), Some(K::ThuongTrucCapUy));
        let b = find_assignment(
            "Đề nghị MTTQ, các đoàn thể CT-XH huyện tăng cường tuyên truyền.",
            &c,
        );
        assert_eq!(b.lead.len(), 6);
        let d = find_assignment("Hội Cựu chiến binh huyện: rà soát hội viên.", &c);
        assert_eq!(kinds(&d.lead), vec![(K::HoiCcb, Some(Huyen))]);
        let e = find_assignment(
            "Giao Ban cán sự đảng UBND tỉnh chỉ đạo Sở Y tế kiểm tra.",
            &ctx(Tinh),
        );
        assert_eq!(kinds(&e.lead), vec![(K::BanCanSuDang, Some(Tinh))]);
        assert!(e.collaborators.is_empty());
        let f = find_assignment(
            "Chủ tịch UBND các xã, phường chịu trách nhiệm trước pháp luật.",
            &ctx(Tinh),
        );
        assert_eq!(kinds(&f.lead), vec![(K::Ubnd, Some(Xa))]);
        let g = find_assignment(
            "Tại buổi làm việc, đồng chí Bí thư đề nghị Hội Nông dân xã sớm kiện toàn.",
            &c,
        );
        assert_eq!(kinds(&g.lead), vec![(K::HoiNongDan, Some(Xa))]);
        let h = find_assignment("UBND huyện sẽ chỉ đạo các cơ quan liên quan phối hợp.", &c);
        assert!(h.own_commitment);
        let i = find_assignment(
            "Các đơn vị gửi báo cáo về Ban Dân vận Huyện ủy (qua Văn phòng).",
            &c,
        );
        assert_eq!(i.report_to.map(|o| o.kind), Some(K::BanDanVan));
        let j = find_assignment("Tổ chức giao ban định kỳ với cơ sở.", &c);
        assert!(j.lead.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let c = ctx(Huyen);
            let _ = resolve(&s, &c);
            let _ = find_orgs(&s, &c);
            let _ = find_assignment(&s, &c);
            let _ = level_of(&s);
        }

        #[test]
        fn never_panics_on_lexicon_soup(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Giao ", "Sở", " Y tế", "UBND", " xã", ", ", " và ", "phối hợp với ", "báo cáo ", "các Sở:", "Tài chính",
            "Hội", "Ban Dân vận", " Huyện ủy", "(qua ", "các đơn vị", "ƯBND", "Đề nghị", "Thường trực", " sẽ", "Ủy",
        ]), 0..20)) {
            let s: String = parts.concat();
            let c = ctx(Tinh);
            let _ = resolve(&s, &c);
            let _ = find_orgs(&s, &c);
            let _ = find_assignment(&s, &c);
        }
    }
}
