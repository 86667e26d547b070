//! Dev-set measurement of organisation resolution and assignment grammar against the gold
//! annotations in `shared/corpus/gold`. Skipped when the shared corpus is absent.

use std::collections::BTreeSet;
use std::path::Path;

use dondoc_extract::org::{OrgCtx, find_assignment, level_of, resolve};
use dondoc_extract::{Level, OrgKind};
use serde_json::Value;

type Pair = (OrgKind, Option<Level>);

fn pairs(v: &Value) -> BTreeSet<Pair> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|o| serde_json::from_value::<dondoc_extract::Org>(o.clone()).ok())
                .map(|o| (o.kind, o.level))
                .collect()
        })
        .unwrap_or_default()
}

fn set(orgs: &[dondoc_extract::Org]) -> BTreeSet<Pair> {
    orgs.iter().map(|o| (o.kind, o.level)).collect()
}

/// The issuer's level the way the application derives it: the reference symbol's issuer
/// part, else the header (issuer, first lines of the text).
fn default_level(doc: &Value, text: &str) -> Option<Level> {
    let symbol = doc["reference"]
        .as_str()
        .or(doc["symbol"].as_str())
        .unwrap_or("");
    let issuer_code = symbol.rsplit(['/', '-']).next().unwrap_or("");
    let by_symbol = match issuer_code {
        "HU" | "QU" | "VPHU" | "BDVHU" => Some(Level::Huyen),
        "TU" | "VPTU" | "BDVTU" | "BTGDVTU" => Some(Level::Tinh),
        "VPCP" | "TW" | "VPTW" => Some(Level::TrungUong),
        _ => None,
    };
    if by_symbol.is_some() {
        return by_symbol;
    }
    if let Some(l) = doc["issuer"].as_str().and_then(level_of) {
        return Some(l);
    }
    let head: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '|' || c == '*' || c.is_whitespace()))
        .filter(|l| !l.is_empty() && !l.to_uppercase().contains("CỘNG HÒA XÃ HỘI"))
        .take(8)
        .collect();
    // The level most header lines name (a Party header names its superior first).
    let mut counts: Vec<(Level, usize)> = Vec::new();
    for level in head.iter().filter_map(|l| level_of(l)) {
        match counts.iter_mut().find(|(l, _)| *l == level) {
            Some((_, n)) => *n += 1,
            None => counts.push((level, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(l, _)| *l)
}

fn depends_on_addressed(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "các đơn vị",
        "các cơ quan, đơn vị",
        "mỗi đơn vị",
        "các cấp",
        "cơ quan, đơn vị",
    ]
    .iter()
    .any(|p| l.contains(p))
        && !l.contains("liên quan")
}

#[test]
fn org_dev_set() {
    let root = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    let Ok(dir) = std::fs::read_dir(root.join("gold")) else {
        eprintln!("org_corpus: {} absent, skipped", root.display());
        return;
    };
    let mut files: Vec<_> = dir.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let (mut r_ok, mut r_n, mut a_ok, mut a_n, mut c_ok, mut c_n) = (0, 0, 0, 0, 0, 0);
    let verbose = std::env::var("ORG_VERBOSE").is_ok();
    for path in files {
        let Ok(json) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(gold): Result<Value, _> = serde_json::from_str(&json) else {
            continue;
        };
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(root.join("text").join(format!("{name}.txt")))
            .unwrap_or_default();
        let ctx = OrgCtx {
            default_level: default_level(&gold["document"], &text),
            addressed: Vec::new(),
            ..Default::default()
        };
        for task in gold["tasks"].as_array().into_iter().flatten() {
            if task["ambiguous"].as_bool() == Some(true) {
                continue;
            }
            let want = pairs(&task["assignees"]);
            let body = task["text"].as_str().unwrap_or("");
            let Some(at) = task["assignee_text"].as_str() else {
                continue;
            };
            if depends_on_addressed(at) {
                continue;
            }
            // (1) resolve(assignee_text)
            r_n += 1;
            let got = set(&resolve(at, &ctx));
            if got == want {
                r_ok += 1;
            } else if verbose {
                eprintln!("R {name} {at:?}\n   got {got:?}\n  want {want:?}");
            }
            // (2)/(3) find_assignment on text naming the assignee
            if body.contains(at) {
                a_n += 1;
                let a = find_assignment(body, &ctx);
                if set(&a.lead) == want {
                    a_ok += 1;
                } else if verbose {
                    eprintln!(
                        "A {name} {body:.120}\n   got {:?} {:?}\n  want {want:?}",
                        a.lead_text,
                        set(&a.lead)
                    );
                }
            }
            let want_c = pairs(&task["collaborators"]);
            if (body.contains("phối hợp") || !want_c.is_empty()) && body.contains("phối hợp")
            {
                c_n += 1;
                let got_c = set(&find_assignment(body, &ctx).collaborators);
                if got_c == want_c {
                    c_ok += 1;
                } else if verbose {
                    eprintln!("C {name} {body:.120}\n   got {got_c:?}\n  want {want_c:?}");
                }
            }
        }
    }
    let ratio = |ok: i32, n: i32| {
        if n == 0 {
            1.0
        } else {
            f64::from(ok) / f64::from(n)
        }
    };
    println!(
        "resolve(assignee_text): {r_ok}/{r_n} = {:.3}",
        ratio(r_ok, r_n)
    );
    println!(
        "find_assignment lead:   {a_ok}/{a_n} = {:.3}",
        ratio(a_ok, a_n)
    );
    println!(
        "collaborators:          {c_ok}/{c_n} = {:.3}",
        ratio(c_ok, c_n)
    );
    assert!(ratio(r_ok, r_n) >= 0.92, "resolve accuracy regressed");
    assert!(ratio(a_ok, a_n) >= 0.80, "assignment accuracy regressed");
}
