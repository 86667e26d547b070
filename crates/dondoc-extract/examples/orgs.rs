//! Development aid: prints what the organisation finder reads in a sentence.
//!
//! `cargo run -p dondoc-extract --example orgs -- LEVEL "sentence"` (LEVEL: tinh, xa, …)

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(level), Some(text)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: orgs LEVEL SENTENCE");
        std::process::exit(2);
    };
    let level = serde_json::from_value(serde_json::Value::String(level.clone())).ok();
    let ctx = dondoc_extract::org::OrgCtx {
        default_level: level,
        addressed: Vec::new(),
        ..Default::default()
    };
    for m in dondoc_extract::org::find_orgs(text, &ctx) {
        let orgs: Vec<String> = m
            .orgs
            .iter()
            .map(|o| format!("{:?}/{:?}", o.kind, o.level))
            .collect();
        println!(
            "mention {}..{} {:?}: {}",
            m.start,
            m.end,
            text.get(m.start..m.end),
            orgs.join(", ")
        );
    }
    let a = dondoc_extract::org::find_assignment(text, &ctx);
    let show = |v: &[dondoc_extract::Org]| {
        v.iter()
            .map(|o| format!("{:?}/{:?}", o.kind, o.level))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("lead_text={:?}", a.lead_text);
    println!("lead=[{}]", show(&a.lead));
    println!("collaborators=[{}]", show(&a.collaborators));
}
