//! Compiled regular expressions, built once.
//!
//! Patterns are literals in this crate, so a pattern that fails to compile is a programming
//! error that `every_pattern_compiles`-style unit tests catch; at run time such a pattern
//! matches nothing instead of panicking.

use regex::Regex;

/// Compiles `pattern`; a pattern that does not compile becomes one that never matches.
pub fn compile(pattern: &str) -> Regex {
    let compiled = Regex::new(pattern);
    debug_assert!(compiled.is_ok(), "pattern does not compile: {pattern}");
    compiled.unwrap_or_else(|_| never())
}

fn never() -> Regex {
    // `[^\s\S]` matches no character; this literal compiles.
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| never())
}

/// `regex!(r"…")` gives a `&'static Regex` compiled once.
#[macro_export]
macro_rules! regex {
    ($pattern:expr) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| $crate::re::compile($pattern))
    }};
}

/// Whether byte `at` of `text` is a Unicode word boundary, exactly as `\b` decides it.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    static LOOK: std::sync::OnceLock<regex_automata::util::look::LookMatcher> =
        std::sync::OnceLock::new();
    at <= text.len()
        && LOOK
            .get_or_init(regex_automata::util::look::LookMatcher::new)
            .matches(
                regex_automata::util::look::Look::WordUnicode,
                text.as_bytes(),
                at,
            )
}

/// The successive non-overlapping matches of `\b` followed by `loose` in `text`, as
/// `captures_iter` of that regex gives them, for a `loose` pattern with no look-around of its
/// own and no empty match. A leading Unicode `\b` keeps the regex crate off its lazy DFA on
/// non-ASCII text; `loose` alone runs on it, and the boundary is checked at each candidate.
pub fn captures_at_boundaries<'h>(loose: &Regex, text: &'h str) -> Vec<regex::Captures<'h>> {
    captures_from_boundaries(loose, text, 0)
}

/// The matches of `loose` that start at a word boundary, left to right, the next search
/// starting where group `end_group` of the last match ended.
fn captures_from_boundaries<'h>(
    loose: &Regex,
    text: &'h str,
    end_group: usize,
) -> Vec<regex::Captures<'h>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = loose.find_at(text, at) else {
            break;
        };
        let start = m.start();
        if is_word_boundary(text, start)
            && let Some(c) = loose.captures_at(text, start)
        {
            at = c
                .get(end_group)
                .map_or(start + 1, |w| w.end().max(start + 1));
            out.push(c);
        } else {
            at = start
                + text
                    .get(start..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
        }
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// The end of the match of `^(x)\b` in `text`, from `re` compiled as `^(x)(?:\W|\z)`, for an
/// `x` whose every match ends with a word character (group 1 is the match; `\b` after a word
/// character is a non-word character or the end of the text, see
/// [`captures_between_boundaries`]). The lazy DFA runs `re`, where a Unicode `\b` would make
/// the regex crate run a backtracker over all of a long `text`.
pub fn before_boundary(re: &Regex, text: &str) -> Option<usize> {
    re.captures(text).and_then(|c| c.get(1)).map(|m| m.end())
}

/// `bounded.captures_iter(text)`, found by `loose`: the same pattern with its costly bounded
/// repetitions `x{m,n}` written `x{m,}` (same greediness), cheaper to compile, and `fits`
/// telling whether a match of `loose` keeps within the bounds (by the length of the groups
/// around those repetitions). When every match of `loose` fits, they are the matches of
/// `bounded`: a match that fits is one `bounded` has, it is `loose`'s first choice so
/// `bounded`'s too (the bounds only take choices away), and `bounded` matches nowhere `loose`
/// does not. Otherwise `bounded` (compiled on first use by the caller) searches.
pub fn captures_within<'h>(
    loose: &Regex,
    bounded: impl FnOnce() -> &'static Regex,
    text: &'h str,
    fits: impl Fn(&regex::Captures<'h>) -> bool,
) -> Vec<regex::Captures<'h>> {
    let found: Vec<regex::Captures<'h>> = loose.captures_iter(text).collect();
    if found.iter().all(&fits) {
        found
    } else {
        bounded().captures_iter(text).collect()
    }
}

/// Whether `m` is absent or holds at most `n` characters.
pub fn at_most(m: Option<regex::Match<'_>>, n: usize) -> bool {
    m.is_none_or(|m| m.as_str().chars().nth(n).is_none())
}

/// The successive non-overlapping matches of `\b(?:x)\b` in `text`, as `captures_iter` of
/// that regex gives them, from `loose` compiled as `(x)(?:\W|\z)` (flags before the group as
/// the original had them), for an `x` whose every match begins and ends with a word character,
/// with no look-around of its own. Group 1 is the match (`get(0)` reaches one character
/// further), the groups of `x` follow from 2.
///
/// After a word character `\b` holds exactly when a non-word character or the end of the
/// text follows, which `(?:\W|\z)` states without a look-around: `loose` runs on the lazy
/// DFA, the leading boundary is checked at each candidate as in [`captures_at_boundaries`].
pub fn captures_between_boundaries<'h>(loose: &Regex, text: &'h str) -> Vec<regex::Captures<'h>> {
    captures_from_boundaries(loose, text, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_search_agrees_with_regex() {
        let with_b = compile(r"(?i)\b(\d{1,2})\s*(?:/\s*(\d{1,2}))?");
        let loose = compile(r"(?i)(\d{1,2})\s*(?:/\s*(\d{1,2}))?");
        for text in [
            "ngày 12/3 và 5/10, _12/3, a12/3, ư12, 123/45 ,9 /1 ０1",
            "",
            "12",
            "ngày12 tháng 3",
            "ể 1_2 3",
        ] {
            let want: Vec<Vec<Option<(usize, usize)>>> = with_b
                .captures_iter(text)
                .map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect())
                .collect();
            let got: Vec<Vec<Option<(usize, usize)>>> = captures_at_boundaries(&loose, text)
                .iter()
                .map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn between_boundaries_agrees_with_regex() {
        let with_b = compile(r"(?i)\b(?:(các\s+)?(cử\s+tri|ý\s+kiến)|(tp))\b");
        let loose = compile(r"(?i)((?:(các\s+)?(cử\s+tri|ý\s+kiến)|(tp)))(?:\W|\z)");
        for text in [
            "Các cử tri, ý kiến; cử trix cử tri_ ư cử tri",
            "",
            "tp",
            "tpHCM tp. TP HCM, ýý kiến các  ý kiến",
            "cử tricử tri cử tri cử tri",
        ] {
            let want: Vec<Vec<Option<(usize, usize)>>> = with_b
                .captures_iter(text)
                .map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect())
                .collect();
            let got: Vec<Vec<Option<(usize, usize)>>> = captures_between_boundaries(&loose, text)
                .iter()
                .map(|c| {
                    c.iter()
                        .skip(1)
                        .map(|g| g.map(|m| (m.start(), m.end())))
                        .collect()
                })
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn captures_within_agrees_with_the_bounded_regex() {
        static BOUNDED: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let bounded = || {
            BOUNDED.get_or_init(|| compile(r"(\d+)\s+(?P<u>\p{L}[\p{L}\s]{0,5}?)\s*/\s*(tuần|năm)"))
        };
        let loose = compile(r"(\d+)\s+(?P<u>\p{L}[\p{L}\s]*?)\s*/\s*(tuần|năm)");
        for text in [
            "2 lần/tuần, 3 buổi / năm",
            "4 lần họp định kỳ/năm và 1 lần/tuần",
            "5 lần họp/ năm; 6 lần họp giao ban thường kỳ / tuần",
            "",
        ] {
            let want: Vec<Vec<Option<(usize, usize)>>> = bounded()
                .captures_iter(text)
                .map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect())
                .collect();
            let got: Vec<Vec<Option<(usize, usize)>>> =
                captures_within(&loose, bounded, text, |c| at_most(c.name("u"), 6))
                    .iter()
                    .map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect())
                    .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
