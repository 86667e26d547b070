//! Dev-set check of the deadline and recurrence grammar against the hand-annotated gold corpus
//! (`shared/corpus/gold/*.json`). Skipped with a note when the shared corpus is absent.

use std::path::Path;

use dondoc_extract::Date;
use dondoc_extract::deadline::{DateCtx, find_deadlines, find_recurrence, is_urgent};
use serde_json::Value;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn date_of(v: Option<&Value>) -> Option<Date> {
    v.and_then(Value::as_str).and_then(Date::parse_iso)
}

#[derive(Default)]
struct Score {
    gold_found: usize,
    found_ok: usize,
    misses: Vec<String>,
    false_pos: Vec<String>,
    rec_total: usize,
    rec_ok: usize,
    rec_errors: Vec<String>,
}

fn score_document(doc: &Value, s: &mut Score) {
    let document = doc.get("document");
    let doc_date = date_of(document.and_then(|d| d.get("issued_on"))).or_else(|| {
        date_of(
            document
                .and_then(|d| d.get("meeting"))
                .and_then(|m| m.get("held_on")),
        )
    });
    let ctx = DateCtx {
        doc_date,
        year: None,
    };
    let tasks = doc.get("tasks").and_then(Value::as_array);
    for task in tasks.into_iter().flatten() {
        if task.get("ambiguous").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some(text) = task.get("text").and_then(Value::as_str) else {
            continue;
        };
        let found = find_deadlines(text, &ctx);
        match task.get("deadline").filter(|d| !d.is_null()) {
            Some(gold) => {
                let gtext = gold.get("text").and_then(Value::as_str).unwrap_or("");
                if let Some(pos) = text.find(gtext).filter(|_| !gtext.is_empty()) {
                    s.gold_found += 1;
                    let gend = pos + gtext.len();
                    let pick = found
                        .iter()
                        .find(|f| f.start < gend && pos < f.end)
                        .or(found.last());
                    let due = date_of(gold.get("due"));
                    if pick.is_some_and(|f| f.value.due == due) {
                        s.found_ok += 1;
                    } else {
                        s.misses.push(format!(
                            "{gtext:?} due {due:?}: got {:?}",
                            pick.map(|f| (&f.value.text, f.value.due))
                        ));
                    }
                }
            }
            None => {
                if let Some(f) = found.first() {
                    s.false_pos.push(format!("{:?} in {text:?}", f.value.text));
                }
            }
        }
        let gold_rec = task.get("recurrence").filter(|r| !r.is_null());
        // An inherited recurrence (its text is not in the task's text) is not scored.
        let rec_text = gold_rec.and_then(|r| r.get("text")).and_then(Value::as_str);
        if rec_text.is_some_and(|t| !text.contains(t)) {
            continue;
        }
        let gold_freq = gold_rec
            .and_then(|r| r.get("freq"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let got = find_recurrence(text).and_then(|r| {
            serde_json::to_value(r.value.freq)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
        });
        s.rec_total += 1;
        if got == gold_freq {
            s.rec_ok += 1;
        } else {
            s.rec_errors
                .push(format!("gold {gold_freq:?}, got {got:?} in {text:?}"));
        }
    }
}

#[test]
fn gold_corpus_deadlines_and_recurrences() {
    let gold_dir = Path::new(SHARED).join("corpus/gold");
    let Ok(entries) = std::fs::read_dir(&gold_dir) else {
        println!("note: {} absent, dev-set check skipped", gold_dir.display());
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut s = Score::default();
    for path in &paths {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(doc) = serde_json::from_str::<Value>(&raw) else {
            continue;
        };
        score_document(&doc, &mut s);
    }
    let recall = if s.gold_found == 0 {
        1.0
    } else {
        s.found_ok as f64 / s.gold_found as f64
    };
    let rec_acc = if s.rec_total == 0 {
        1.0
    } else {
        s.rec_ok as f64 / s.rec_total as f64
    };
    println!("documents: {}", paths.len());
    println!(
        "deadline recall: {}/{} = {recall:.3}",
        s.found_ok, s.gold_found
    );
    for m in &s.misses {
        println!("  miss: {m}");
    }
    println!("deadline false positives: {}", s.false_pos.len());
    for f in &s.false_pos {
        println!("  false: {f}");
    }
    println!(
        "recurrence freq accuracy: {}/{} = {rec_acc:.3}",
        s.rec_ok, s.rec_total
    );
    for e in &s.rec_errors {
        println!("  recurrence: {e}");
    }
    assert!(recall >= 0.95, "deadline recall {recall:.3} < 0.95");
    assert!(
        s.false_pos.len() <= 2,
        "{} false deadlines",
        s.false_pos.len()
    );
}

/// Prints the scanning speed over the corpus texts (informative: debug builds are slow).
#[test]
fn corpus_text_throughput() {
    let dir = Path::new(SHARED).join("corpus/text");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: {} absent, throughput not measured", dir.display());
        return;
    };
    let texts: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let ctx = DateCtx {
        doc_date: Date::new(2026, 1, 1),
        year: None,
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..3 {
        for t in &texts {
            for para in t.lines() {
                found += find_deadlines(para, &ctx).len();
                found += usize::from(find_recurrence(para).is_some());
                found += usize::from(is_urgent(para));
            }
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "scanned {} bytes x3 in {secs:.3}s: {:.1} MB/s ({found} hits)",
        bytes,
        3.0 * bytes as f64 / secs / 1e6
    );
}
