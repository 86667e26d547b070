//! Development aid: prints the outline the extractor builds for a text file, one node a line.
//!
//! `cargo run -p dondoc-extract --example outline -- FILE.txt`

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: outline FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path)?;
    let doc = dondoc_extract::NormDoc::from_plain(&text);
    let header = dondoc_extract::header::parse_header(&doc);
    for (i, n) in dondoc_extract::outline::build(&doc, header.body_start, header.body_end)
        .iter()
        .enumerate()
    {
        let t: String = doc
            .text
            .get(n.start..n.end)
            .unwrap_or("")
            .chars()
            .take(90)
            .collect();
        let bold = doc.paras.get(n.para).is_some_and(|p| p.bold);
        println!(
            "{i:>3} p{:<4} {:<10} {:<8?} parent={:<5} kids={:<3} {} {t}",
            n.para,
            n.path,
            n.style,
            n.parent.map_or("-".into(), |p| p.to_string()),
            n.children.len(),
            if bold { "B" } else { " " }
        );
    }
    Ok(())
}
