//! Search over notices, tasks, proposals and progress reports, with or without diacritics.
//!
//! Each object's text is folded by [`dondoc_text::fold`] (lower case, no diacritics, đ as d)
//! into `search_index` by the program rather than by the database, so that SQLite and
//! PostgreSQL find the same things. The index is derived: [`Store::index_pending`] adds what
//! is missing in id order (it is called after imports, publications and reports, and is cheap
//! when nothing is missing), so a crash between a change and its indexing loses nothing.

use crate::Store;
use crate::act::Actor;
use crate::db::{Backend, Val, args};
use crate::error::Result;
use crate::users::UserRole;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Notice,
    Task,
    Proposal,
    Report,
}

impl SearchKind {
    fn code(self) -> &'static str {
        match self {
            SearchKind::Notice => "notice",
            SearchKind::Task => "task",
            SearchKind::Proposal => "proposal",
            SearchKind::Report => "report",
        }
    }

    fn parse(s: &str) -> Option<SearchKind> {
        [
            SearchKind::Notice,
            SearchKind::Task,
            SearchKind::Proposal,
            SearchKind::Report,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// One result: what and which, a title, and the passage around the first match with the
/// matched characters between `highlight` (char offsets into `snippet`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i64,
    pub notice_id: i64,
    pub title: String,
    pub snippet: String,
    #[serde(skip)]
    pub highlight: Option<(usize, usize)>,
}

/// Per kind: the source rows not yet indexed (id above the highest indexed one), as
/// (id, notice id, title, body).
const SOURCES: &[(SearchKind, &str)] = &[
    (
        SearchKind::Notice,
        "SELECT id, id, COALESCE(title, reference, file_name), text FROM notices
         WHERE id > $1 ORDER BY id LIMIT 500",
    ),
    (
        SearchKind::Task,
        "SELECT id, notice_id, section, text FROM tasks WHERE id > $1 ORDER BY id LIMIT 500",
    ),
    (
        SearchKind::Proposal,
        "SELECT id, notice_id, COALESCE(proposer_text, ''), text FROM proposals
         WHERE id > $1 ORDER BY id LIMIT 500",
    ),
    (
        SearchKind::Report,
        "SELECT r.id, t.notice_id, r.author, r.text FROM progress_reports r
         JOIN assignments a ON a.id = r.assignment_id JOIN tasks t ON t.id = a.task_id
         WHERE r.id > $1 ORDER BY r.id LIMIT 500",
    ),
];

/// The folded text, and for each of its bytes the char index in `s` it came from.
/// ASCII is lower-cased in place; the few distinct other characters of a text are folded once
/// each.
fn fold_mapped(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut seen: std::collections::HashMap<char, String> = std::collections::HashMap::new();
    let mut buf = [0_u8; 4];
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(i);
            continue;
        }
        let f = seen
            .entry(c)
            .or_insert_with(|| dondoc_text::fold(c.encode_utf8(&mut buf)));
        out.push_str(f);
        map.extend(std::iter::repeat_n(i, f.len()));
    }
    (out, map)
}

/// Words of a query, folded, at most eight.
fn terms(q: &str) -> Vec<String> {
    dondoc_text::fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// The full-text query of the words of a query: all of them (`phrase`: next to each other, in
/// order), as whole words, in the syntax of the backend. (A prefix on the last word would
/// expand to every word it begins, which costs more than the search itself.) The words are
/// letters and digits only, so they need no quoting beyond the syntax's own.
pub(crate) fn fts_query(backend: Backend, words: &[String], phrase: bool) -> String {
    match (backend, phrase) {
        (Backend::Sqlite, true) => format!("\"{}\"", words.join(" ")),
        (Backend::Sqlite, false) => words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" "),
        (Backend::Postgres, phrase) => words.join(if phrase { " <-> " } else { " & " }),
    }
}

/// The condition that `search_index s` holds the words of `$n` (a [`fts_query`]).
pub(crate) fn fts_condition(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => {
            format!("s.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${n})")
        }
        Backend::Postgres => format!("s.words @@ to_tsquery('simple', ${n})"),
    }
}

/// The ids of the tasks whose text holds every word of a query, as a subquery on placeholder
/// `$n` (its argument: [`task_words`]).
pub(crate) fn task_ids_matching(backend: Backend, n: usize) -> String {
    format!(
        "SELECT s.ref_id FROM search_index s WHERE s.kind = 'task' AND {}",
        fts_condition(backend, n)
    )
}

/// The argument of [`task_ids_matching`] for a query, or None when it has no word.
pub(crate) fn task_words(backend: Backend, q: &str) -> Option<String> {
    let words = terms(q);
    (!words.is_empty()).then(|| fts_query(backend, &words, false))
}

/// About `width` chars of `body` around the first occurrence of the first of the folded
/// `phrases` it holds, with the occurrence's char range in the snippet.
fn snippet_of_first(
    body: &str,
    phrases: &[&str],
    width: usize,
) -> (String, Option<(usize, usize)>) {
    let chars: Vec<char> = body.chars().collect();
    let (folded, map) = fold_mapped(body);
    let found = phrases.iter().find_map(|phrase| {
        let b = folded.find(phrase)?;
        let start = *map.get(b)?;
        let end = map.get(b + phrase.len() - 1).map_or(start, |e| e + 1);
        Some((start, end))
    });
    let (from, to, hl) = match found {
        Some((s, e)) => {
            let from = s.saturating_sub(width / 3);
            let to = (from + width).max(e).min(chars.len());
            (from, to, Some((s - from, e - from)))
        }
        None => (0, width.min(chars.len()), None),
    };
    let mut text: String = chars.get(from..to).unwrap_or_default().iter().collect();
    let mut hl = hl;
    if from > 0 {
        text.insert(0, '…');
        hl = hl.map(|(s, e)| (s + 1, e + 1));
    }
    if to < chars.len() {
        text.push('…');
    }
    (text, hl)
}

impl Store {
    /// Indexes everything not yet in the search index; returns how many objects it added.
    pub async fn index_pending(&self) -> Result<u64> {
        let mut added = 0_u64;
        for (kind, sql) in SOURCES {
            loop {
                let mut tx = self.write().await?;
                let high = tx
                    .scalar(
                        "SELECT CAST(COALESCE(MAX(ref_id), 0) AS BIGINT) FROM search_index WHERE kind = $1",
                        args![kind.code()],
                    )
                    .await?;
                let rows = tx.all(*sql, args![high]).await?;
                if rows.is_empty() {
                    break;
                }
                for r in &rows {
                    let body = r.text(3)?;
                    let title = r.text(2)?;
                    let folded = dondoc_text::fold(&format!("{title}\n{body}"));
                    tx.exec(
                        "INSERT INTO search_index (kind, ref_id, notice_id, title, body, folded)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                        args![kind.code(), r.i64(0)?, r.i64(1)?, title, body, folded],
                    )
                    .await?;
                    added += 1;
                }
                tx.commit().await?;
            }
        }
        Ok(added)
    }

    /// What `actor` may see that contains every word of `q` (diacritics and case ignored),
    /// the words next to each other ranking first; at most `limit` results. A focal point
    /// sees the notices, tasks and proposals of notices assigning its organisation, and the
    /// reports on its own assignments; the others see every published notice (drafts too for
    /// admins and monitors), restricted ones only with `restricted_access`.
    pub async fn search(
        &self,
        q: &str,
        actor: &Actor<'_>,
        restricted_access: bool,
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        let words = terms(q);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let phrase = words.join(" ");
        let mut tx = self.read().await?;
        let backend = tx.backend();
        // Visibility, on placeholders from $2 on ($1 is the full-text query).
        let mut vals: Vec<Val> = vec![Val::from(String::new())];
        // SQLite walks the full-text index newest first and stops at the limit; PostgreSQL
        // takes the matching rows from its GIN index.
        let (from, order, mut conds) = match backend {
            Backend::Sqlite => (
                "search_fts f JOIN search_index s ON s.rowid = f.rowid",
                "f.rowid DESC",
                vec!["search_fts MATCH $1".to_owned()],
            ),
            Backend::Postgres => (
                "search_index s",
                "s.id DESC",
                vec![fts_condition(backend, 1)],
            ),
        };
        match actor.role {
            UserRole::Focal => {
                vals.push(actor.organisation_id.unwrap_or(-1).into());
                let o = vals.len();
                conds.push(format!(
                    "n.state = 'published' AND CASE s.kind
                       WHEN 'task' THEN EXISTS (SELECT 1 FROM assignments a
                            WHERE a.task_id = s.ref_id AND a.organisation_id = ${o})
                       WHEN 'report' THEN EXISTS (SELECT 1 FROM progress_reports r
                            JOIN assignments a ON a.id = r.assignment_id
                            WHERE r.id = s.ref_id AND a.organisation_id = ${o})
                       ELSE EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id
                            WHERE t.notice_id = s.notice_id AND a.organisation_id = ${o}) END"
                ));
            }
            role => {
                if !matches!(role, UserRole::Admin | UserRole::Monitor) {
                    conds.push("n.state = 'published'".to_owned());
                }
                if !restricted_access {
                    conds.push("NOT n.restricted".to_owned());
                }
            }
        }
        let limit = limit.min(200);
        vals.push(i64::from(limit).into());
        let lim = vals.len();
        let sql = format!(
            "SELECT s.kind, s.ref_id, s.notice_id, s.title, s.body FROM {from}
             JOIN notices n ON n.id = s.notice_id
             WHERE {} ORDER BY {order} LIMIT ${lim}",
            conds.join(" AND ")
        );
        // The words next to each other first, then anywhere.
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let passes: &[bool] = if words.len() > 1 {
            &[true, false]
        } else {
            &[false]
        };
        for phrase_pass in passes {
            if rows.len() >= limit as usize {
                break;
            }
            if let Some(q) = vals.first_mut() {
                *q = Val::from(fts_query(backend, &words, *phrase_pass));
            }
            for r in tx
                .all(sqlx::AssertSqlSafe(sql.clone()), vals.clone())
                .await?
            {
                if rows.len() < limit as usize && seen.insert((r.text(0)?, r.i64(1)?)) {
                    rows.push(r);
                }
            }
        }
        let first = words.first().cloned().unwrap_or_default();
        rows.iter()
            .filter_map(|r| {
                let kind = r.text(0).ok().and_then(|k| SearchKind::parse(&k))?;
                Some((kind, r))
            })
            .map(|(kind, r)| {
                let body = r.text(4)?;
                let (snippet, highlight) =
                    snippet_of_first(&body, &[phrase.as_str(), first.as_str()], 160);
                let title = r.text(3)?;
                Ok(SearchHit {
                    kind,
                    id: r.i64(1)?,
                    notice_id: r.i64(2)?,
                    title: title.chars().take(120).collect(),
                    snippet,
                    highlight,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_match_in_the_original_text() {
        let (s, hl) = snippet_of_first("Giao Ban Dân vận Huyện ủy chủ trì", &["dan van"], 160);
        let (a, b) = hl.unwrap_or((0, 0));
        let marked: String = s.chars().skip(a).take(b - a).collect();
        assert_eq!(marked, "Dân vận");
    }

    #[test]
    fn snippet_without_match_is_the_start() {
        let (s, hl) = snippet_of_first("Đảng ủy xã", &["khong"], 5);
        assert_eq!(s, "Đảng …");
        assert_eq!(hl, None);
    }

    #[test]
    fn full_text_queries_per_backend() {
        let w = terms("Dân vận khéo");
        assert_eq!(fts_query(Backend::Sqlite, &w, true), "\"dan van kheo\"");
        assert_eq!(
            fts_query(Backend::Sqlite, &w, false),
            "\"dan\" \"van\" \"kheo\""
        );
        assert_eq!(
            fts_query(Backend::Postgres, &w, true),
            "dan <-> van <-> kheo"
        );
        assert_eq!(fts_query(Backend::Postgres, &w, false), "dan & van & kheo");
    }

    #[test]
    fn query_words_are_folded() {
        assert_eq!(
            terms("  Đồng  ý, DÂN-vận "),
            vec!["dong", "y", "dan", "van"]
        );
    }
}
