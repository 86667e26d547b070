//! Development aid: extracts every text file of a folder into another folder as JSON, the
//! way `dondoc extract` would for plain text, without the readers.
//!
//! `cargo run -p dondoc-extract --example corpus -- ../shared/corpus/text /tmp/out`

use std::path::Path;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: corpus IN_DIR OUT_DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(output)?;
    for entry in std::fs::read_dir(input)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let mut x = dondoc_extract::extract_text(&text);
        x.source.file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let json = serde_json::to_string_pretty(&x).map_err(std::io::Error::other)?;
        std::fs::write(Path::new(output).join(format!("{stem}.json")), json)?;
    }
    Ok(())
}
