//! Tests through data: short notices written for these tests (a fictional district, huyện Hòa
//! Bình Xanh, tỉnh Sông Mây, and fictional people) in `tests/fixtures/NAME.txt`, each with the
//! part of the extraction it is about in `tests/fixtures/NAME.expect.json`.
//!
//! The expected values follow the contract (`spec/extraction-v1.md`), not the extractor's
//! current output. Matching is partial:
//!
//! - an object matches when every key it has matches (keys it leaves out are not checked);
//! - a list matches a list of the same length, in any order, element by element
//!   (assignees, collaborators, …);
//! - a string under the key `text` matches any text that contains it; any other value must be
//!   equal;
//! - `tasks` lists some of the tasks: each is looked up by its `text` among the extracted tasks
//!   (in document order, each extracted task used once) and must match there. A `label` names
//!   it in reports and in [`KNOWN_GAPS`]; without one it is `task1`, `task2`, …;
//! - `task_count` is the exact number of tasks, `not_tasks` texts no task may contain;
//! - `proposals` lists some of the proposals, looked up like tasks; `proposal_count` is exact;
//! - `document`, `monitoring` and `warnings_min` (the least number of warnings) are checked as
//!   a whole; `about` says what the case is for and is not checked.
//!
//! Every check is one unit, `NAME/label` (`NAME/document`, `NAME/task_count`, …). A unit that
//! fails must be listed in [`KNOWN_GAPS`] with its reason, and a unit listed there must fail:
//! the list stays honest both ways.
//!
//! `DONDOC_FIXTURE_DUMP=1` prints the whole extraction of every failing case.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Checks the extractor fails today, `(unit, reason)`. They are extractor bugs to fix in
/// `src/`; remove the line when the check passes.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// The keys of an expect file; any other key is a mistake in the file.
const KEYS: &[&str] = &[
    "about",
    "document",
    "tasks",
    "task_count",
    "not_tasks",
    "proposals",
    "proposal_count",
    "monitoring",
    "warnings_min",
];

/// Short text for a value in a report: organisations as `KIND/level`, the rest as JSON.
fn show(v: &Value) -> String {
    match v {
        Value::Object(o) if o.contains_key("kind") && o.contains_key("level") => {
            let kind = o.get("kind").and_then(Value::as_str).unwrap_or("?");
            let level = o.get("level").and_then(Value::as_str).unwrap_or("null");
            match o.get("mention").and_then(Value::as_str) {
                Some(m) => format!("{kind}/{level} «{m}»"),
                None => format!("{kind}/{level}"),
            }
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(show).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

/// Whether `exp` matches `act` under the rules of the module comment; each mismatch is
/// pushed to `diffs` with its path.
fn matches(exp: &Value, act: &Value, key: &str, path: &str, diffs: &mut Vec<String>) -> bool {
    match (exp, act) {
        (Value::Object(e), Value::Object(a)) => {
            let mut ok = true;
            for (k, ev) in e {
                if k == "label" {
                    continue;
                }
                let av = a.get(k).unwrap_or(&Value::Null);
                ok &= matches(ev, av, k, &format!("{path}.{k}"), diffs);
            }
            ok
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() == a.len() && assign(e, a, &mut vec![false; a.len()], 0) {
                true
            } else {
                diffs.push(format!("{path}: expected {}, got {}", show(exp), show(act)));
                false
            }
        }
        (Value::String(e), Value::String(a)) if key == "text" => {
            if a.contains(e.as_str()) {
                true
            } else {
                diffs.push(format!("{path}: expected text containing {e:?}, got {a:?}"));
                false
            }
        }
        _ => {
            if exp == act {
                true
            } else {
                diffs.push(format!("{path}: expected {}, got {}", show(exp), show(act)));
                false
            }
        }
    }
}

/// Whether the expected elements from `i` on can each be matched to a distinct unused actual.
fn assign(exp: &[Value], act: &[Value], used: &mut Vec<bool>, i: usize) -> bool {
    let Some(e) = exp.get(i) else {
        return true;
    };
    for j in 0..act.len() {
        if used.get(j).copied().unwrap_or(true) {
            continue;
        }
        let Some(a) = act.get(j) else { continue };
        if matches(e, a, "", "", &mut Vec::new()) {
            if let Some(u) = used.get_mut(j) {
                *u = true;
            }
            if assign(exp, act, used, i + 1) {
                return true;
            }
            if let Some(u) = used.get_mut(j) {
                *u = false;
            }
        }
    }
    false
}

/// One line per extracted task, for reports.
fn task_summary(tasks: &[Value]) -> String {
    let mut s = String::new();
    for t in tasks {
        let text = t.get("text").and_then(Value::as_str).unwrap_or("");
        let short: String = text.chars().take(70).collect();
        let _ = writeln!(
            s,
            "      [{}] {short}… | lead {} | collab {} | due {} | rec {}",
            t.get("section").and_then(Value::as_str).unwrap_or("?"),
            show(t.get("assignees").unwrap_or(&Value::Null)),
            show(t.get("collaborators").unwrap_or(&Value::Null)),
            t.get("deadline")
                .and_then(|d| d.get("due"))
                .map_or_else(|| "null".into(), show),
            t.get("recurrence")
                .and_then(|r| r.get("freq"))
                .map_or_else(|| "null".into(), show),
        );
    }
    s
}

/// Looks each expected item up by its `text` among `actual` and checks it; one unit per item.
fn check_items(
    kind: &str,
    expected: &[Value],
    actual: &[Value],
    results: &mut Vec<(String, Vec<String>)>,
) {
    let mut used = vec![false; actual.len()];
    for (i, e) in expected.iter().enumerate() {
        let label = e
            .get("label")
            .and_then(Value::as_str)
            .map_or_else(|| format!("{kind}{}", i + 1), str::to_string);
        let needle = e.get("text").and_then(Value::as_str).unwrap_or("");
        let candidates: Vec<usize> = (0..actual.len())
            .filter(|&j| !used.get(j).copied().unwrap_or(true))
            .filter(|&j| {
                actual
                    .get(j)
                    .and_then(|a| a.get("text"))
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.contains(needle))
            })
            .collect();
        let mut first_diffs = None;
        let mut found = None;
        for &j in &candidates {
            let mut diffs = Vec::new();
            if let Some(a) = actual.get(j)
                && matches(e, a, "", kind, &mut diffs)
            {
                found = Some(j);
                break;
            }
            if first_diffs.is_none() {
                first_diffs = Some(diffs);
            }
        }
        let diffs = match (found, candidates.first()) {
            (Some(j), _) => {
                if let Some(u) = used.get_mut(j) {
                    *u = true;
                }
                Vec::new()
            }
            (None, Some(&j)) => {
                if let Some(u) = used.get_mut(j) {
                    *u = true;
                }
                first_diffs.unwrap_or_default()
            }
            (None, None) => vec![format!("no {kind} contains {needle:?}")],
        };
        results.push((label, diffs));
    }
}

/// Runs one case: the units it checks, each with its mismatches (none when it passes).
fn run_case(txt: &Path, expect: &Value) -> (Value, Vec<(String, Vec<String>)>) {
    let text = std::fs::read_to_string(txt).unwrap_or_default();
    let x = dondoc_extract::extract_text(&text);
    let actual = serde_json::to_value(&x).unwrap_or(Value::Null);
    let mut results = Vec::new();
    let empty = Vec::new();
    let tasks = actual
        .get("tasks")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let proposals = actual
        .get("proposals")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let Some(e) = expect.as_object() else {
        results.push(("expect".into(), vec!["expect file is not an object".into()]));
        return (actual, results);
    };
    for k in e.keys() {
        if !KEYS.contains(&k.as_str()) {
            results.push(("expect".into(), vec![format!("unknown key {k:?}")]));
        }
    }
    for key in ["document", "monitoring"] {
        if let Some(ev) = e.get(key) {
            let mut diffs = Vec::new();
            let av = actual.get(key).unwrap_or(&Value::Null);
            matches(ev, av, key, key, &mut diffs);
            results.push((key.into(), diffs));
        }
    }
    if let Some(n) = e.get("task_count").and_then(Value::as_u64) {
        let diffs = if tasks.len() as u64 == n {
            Vec::new()
        } else {
            vec![format!("expected {n} tasks, got {}", tasks.len())]
        };
        results.push(("task_count".into(), diffs));
    }
    if let Some(nots) = e.get("not_tasks").and_then(Value::as_array) {
        let mut diffs = Vec::new();
        for n in nots.iter().filter_map(Value::as_str) {
            for t in tasks {
                let text = t.get("text").and_then(Value::as_str).unwrap_or("");
                if text.contains(n) {
                    diffs.push(format!("not a task, yet extracted: {text:?}"));
                }
            }
        }
        results.push(("not_tasks".into(), diffs));
    }
    if let Some(exp) = e.get("tasks").and_then(Value::as_array) {
        check_items("task", exp, tasks, &mut results);
    }
    if let Some(n) = e.get("proposal_count").and_then(Value::as_u64) {
        let diffs = if proposals.len() as u64 == n {
            Vec::new()
        } else {
            vec![format!("expected {n} proposals, got {}", proposals.len())]
        };
        results.push(("proposal_count".into(), diffs));
    }
    if let Some(exp) = e.get("proposals").and_then(Value::as_array) {
        check_items("proposal", exp, proposals, &mut results);
    }
    if let Some(n) = e.get("warnings_min").and_then(Value::as_u64) {
        let got = actual
            .get("warnings")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let diffs = if got as u64 >= n {
            Vec::new()
        } else {
            vec![format!("expected at least {n} warnings, got {got}")]
        };
        results.push(("warnings_min".into(), diffs));
    }
    (actual, results)
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(DIR)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn fixtures() {
    let cases = cases();
    assert!(!cases.is_empty(), "no fixtures in {DIR}");
    let dump = std::env::var_os("DONDOC_FIXTURE_DUMP").is_some();
    let known: BTreeSet<&str> = KNOWN_GAPS.iter().map(|(u, _)| *u).collect();
    let mut seen = BTreeSet::new();
    let mut unexpected = Vec::new();
    let mut report = String::new();
    let (mut units, mut failing) = (0, 0);
    for txt in &cases {
        let name = txt
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expect_path = txt.with_extension("expect.json");
        let expect: Value = match std::fs::read_to_string(&expect_path)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                unexpected.push(format!(
                    "{name}: cannot read {}: {e}",
                    expect_path.display()
                ));
                continue;
            }
        };
        let (actual, results) = run_case(txt, &expect);
        let mut case_report = String::new();
        for (label, diffs) in &results {
            let unit = format!("{name}/{label}");
            units += 1;
            seen.insert(unit.clone());
            let gap = known.contains(unit.as_str());
            match (diffs.is_empty(), gap) {
                (true, false) => {}
                (true, true) => {
                    unexpected.push(format!("{unit}: passes now, remove it from KNOWN_GAPS"));
                }
                (false, is_gap) => {
                    failing += 1;
                    let tag = if is_gap { "known gap" } else { "FAIL" };
                    let _ = writeln!(case_report, "  {tag} {unit}");
                    for d in diffs {
                        let _ = writeln!(case_report, "    {d}");
                    }
                    if !is_gap {
                        unexpected.push(format!("{unit}: {}", diffs.join("; ")));
                    }
                }
            }
        }
        if !case_report.is_empty() {
            let about = expect.get("about").and_then(Value::as_str).unwrap_or("");
            let _ = writeln!(report, "{name}: {about}\n{case_report}");
            let tasks = actual
                .get("tasks")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let _ = writeln!(report, "    extracted tasks:\n{}", task_summary(&tasks));
            if dump {
                let _ = writeln!(
                    report,
                    "{}",
                    serde_json::to_string_pretty(&actual).unwrap_or_default()
                );
            }
        }
    }
    for unit in known.difference(&seen.iter().map(String::as_str).collect()) {
        unexpected.push(format!("{unit}: in KNOWN_GAPS but no such check"));
    }
    for txt in &cases {
        let lines = std::fs::read_to_string(txt)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if lines > 45 {
            unexpected.push(format!(
                "{}: {lines} lines, keep cases short",
                txt.display()
            ));
        }
    }
    eprintln!(
        "{} cases, {units} checks, {failing} failing ({} known gaps)\n{report}",
        cases.len(),
        KNOWN_GAPS.len()
    );
    assert!(
        unexpected.is_empty(),
        "fixture checks out of line with KNOWN_GAPS:\n  {}",
        unexpected.join("\n  ")
    );
}

#[test]
fn every_expect_file_has_its_text() {
    let dir = std::fs::read_dir(DIR).map(|rd| rd.filter_map(Result::ok).collect::<Vec<_>>());
    let mut orphans = Vec::new();
    for e in dir.unwrap_or_default() {
        let p = e.path();
        let name = p.to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".expect.json")
            && !Path::new(&format!("{stem}.txt")).exists()
        {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "expect files without a text: {orphans:?}"
    );
}
