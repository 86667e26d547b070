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
