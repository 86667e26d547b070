//! Dev-set check of the header, meeting and reference parsers against the hand-made gold of
//! `shared/corpus`. Prints per-field accuracy and misses; fails below the agreed floors.

use std::collections::BTreeSet;
use std::path::Path;

use dondoc_extract::deadline::DateCtx;
use dondoc_extract::org::OrgCtx;
use dondoc_extract::{NormDoc, header, meeting, references};
use serde_json::Value;

/// Lower-cased, white space collapsed, trimmed of " .;,:", one tone placement.
fn norm(s: Option<&str>) -> Option<String> {
    let s = s?;
    let s = dondoc_text::normalize_inline(s).to_lowercase();
    let s = s.trim_matches(|c: char| " .;,:".contains(c)).to_string();
    (!s.is_empty()).then_some(s)
}

fn sim(a: &str, b: &str) -> f64 {
    // Ratio of the longest common subsequence of characters, close to difflib's ratio.
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let v = if ca == cb {
                prev.get(j).copied().unwrap_or(0) + 1
            } else {
                prev.get(j + 1)
                    .copied()
                    .unwrap_or(0)
                    .max(cur.get(j).copied().unwrap_or(0))
            };
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = v;
            }
        }
        prev = cur;
    }
    let lcs = prev.last().copied().unwrap_or(0);
    2.0 * lcs as f64 / (a.len() + b.len()) as f64
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn f1(&self) -> f64 {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            1.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            1.0
        };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn s(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().map(str::to_string)
}

#[test]
fn dev_set() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let text_dir = shared.join("corpus/text");
    let gold_dir = shared.join("corpus/gold");
    let Ok(entries) = std::fs::read_dir(&text_dir) else {
        println!(
            "note: {} is absent; dev-set check skipped",
            text_dir.display()
        );
        return;
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let fields = [
        "kind",
        "reference",
        "issued_on",
        "place",
        "signer.name",
        "meeting.held_on",
        "meeting.chair.name",
    ];
    let mut ok = vec![0usize; fields.len()];
    let mut total = 0usize;
    let mut recips = Prf::default();
    let mut refs = Prf::default();
    let mut misses = Vec::new();
    for path in files {
        let Some(stem) = path
            .file_stem()
            .and_then(|x| x.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(gold_text) = std::fs::read_to_string(gold_dir.join(format!("{stem}.json"))) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<Value>(&gold_text) else {
            continue;
        };
        let doc = NormDoc::from_plain(&text);
        let h = header::parse_header(&doc);
        let ctx = DateCtx {
            doc_date: h.document.issued_on,
            year: None,
        };
        let orgs = OrgCtx {
            default_level: h.level,
            addressed: Vec::new(),
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let m = meeting::parse_meeting(&doc, &h, &ctx, &orgs, &mut warnings);
        let r = references::find_references(&doc.text, h.document.reference.as_deref());
        let d = &h.document;
        let kind = serde_json::to_value(d.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        let pred = [
            kind,
            d.reference.clone(),
            d.issued_on.map(|x| x.to_string()),
            d.place.clone(),
            d.signer.as_ref().and_then(|x| x.name.clone()),
            m.as_ref().and_then(|x| x.held_on).map(|x| x.to_string()),
            m.as_ref()
                .and_then(|x| x.chair.as_ref())
                .and_then(|c| c.name.clone()),
        ];
        let g = &gold["document"];
        let gv = [
            s(g, &["kind"]),
            s(g, &["reference"]),
            s(g, &["issued_on"]),
            s(g, &["place"]),
            s(g, &["signer", "name"]),
            s(g, &["meeting", "held_on"]),
            s(g, &["meeting", "chair", "name"]),
        ];
        total += 1;
        for (i, (p, gg)) in pred.iter().zip(gv.iter()).enumerate() {
            if norm(p.as_deref()) == norm(gg.as_deref()) {
                if let Some(o) = ok.get_mut(i) {
                    *o += 1;
                }
            } else {
                misses.push(format!(
                    "{stem}: {} gold={gg:?} pred={p:?}",
                    fields.get(i).unwrap_or(&"?")
                ));
            }
        }
        // Recipients, fuzzy at 0.85.
        let gr: Vec<String> = g["recipients"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| norm(x.as_str()))
            .collect();
        let pr: Vec<String> = d.recipients.iter().filter_map(|x| norm(Some(x))).collect();
        let mut used = vec![false; pr.len()];
        let mut tp = 0;
        for gi in &gr {
            let best = pr
                .iter()
                .enumerate()
                .filter(|(j, _)| !used.get(*j).copied().unwrap_or(true))
                .map(|(j, p)| (sim(gi, p), j))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((v, j)) if v >= 0.85 => {
                    if let Some(u) = used.get_mut(j) {
                        *u = true;
                    }
                    tp += 1;
                }
                _ => misses.push(format!("{stem}: recipient missed {gi:?}")),
            }
        }
        for (j, p) in pr.iter().enumerate() {
            if !used.get(j).copied().unwrap_or(true) {
                misses.push(format!("{stem}: recipient spurious {p:?}"));
            }
        }
        recips.tp += tp;
        recips.fp += pr.len() - tp;
        recips.fn_ += gr.len() - tp;
        // References as sets.
        let key = |x: &str| {
            norm(Some(x)).map(|k| k.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        };
        let gs: BTreeSet<String> = gold["references"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["reference"].as_str().and_then(key))
            .collect();
        let ps: BTreeSet<String> = r
            .iter()
            .filter_map(|x| x.reference.as_deref().and_then(key))
            .collect();
        refs.tp += gs.intersection(&ps).count();
        for x in gs.difference(&ps) {
            misses.push(format!("{stem}: reference missed {x}"));
            refs.fn_ += 1;
        }
        for x in ps.difference(&gs) {
            misses.push(format!("{stem}: reference spurious {x}"));
            refs.fp += 1;
        }
    }
    // Throughput of the three parsers (printed only; debug builds are slow).
    let mut bytes = 0usize;
    let t0 = std::time::Instant::now();
    if let Ok(entries) = std::fs::read_dir(&text_dir) {
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                let doc = NormDoc::from_plain(&text);
                let h = header::parse_header(&doc);
                let ctx = DateCtx {
                    doc_date: h.document.issued_on,
                    year: None,
                };
                let mut w = Vec::new();
                let _ = meeting::parse_meeting(&doc, &h, &ctx, &OrgCtx::default(), &mut w);
                let _ = references::find_references(&doc.text, None);
                bytes += text.len();
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    println!(
        "throughput (incl. normalisation): {:.1} MB/s",
        bytes as f64 / secs / 1e6
    );
    if total == 0 {
        println!("note: no dev documents found; skipped");
        return;
    }
    for m in &misses {
        println!("miss  {m}");
    }
    let mut all = 0;
    for (f, o) in fields.iter().zip(ok.iter()) {
        println!("header.{f}: {:.3} ({o}/{total})", *o as f64 / total as f64);
        all += o;
    }
    let acc = all as f64 / (total * fields.len()) as f64;
    println!(
        "header_acc={acc:.3} recipient_f1={:.3} reference_f1={:.3}",
        recips.f1(),
        refs.f1()
    );
    assert!(acc >= 0.95, "header accuracy {acc:.3} < 0.95");
    assert!(
        recips.f1() >= 0.95,
        "recipient F1 {:.3} < 0.95",
        recips.f1()
    );
    assert!(refs.f1() >= 0.95, "reference F1 {:.3} < 0.95", refs.f1());
}
