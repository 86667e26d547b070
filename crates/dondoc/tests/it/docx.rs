//! DOCX files built in the tests with the `zip` crate: a minimal valid document and a
//! zip bomb whose `word/document.xml` inflates to about 300 MB (written streaming, so the
//! test never holds it in memory; it compresses to well under a megabyte).

use std::io::{Seek, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

const DOC_TAIL: &str = "</w:body></w:document>";

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes the package parts other than the document, then starts `word/document.xml`.
fn start<W: Write + Seek>(zip: &mut ZipWriter<W>) {
    zip.start_file("[Content_Types].xml", options())
        .expect("zip entry");
    zip.write_all(CONTENT_TYPES.as_bytes()).expect("zip write");
    zip.start_file("_rels/.rels", options()).expect("zip entry");
    zip.write_all(RELS.as_bytes()).expect("zip write");
    zip.start_file("word/document.xml", options())
        .expect("zip entry");
    zip.write_all(DOC_HEAD.as_bytes()).expect("zip write");
}

/// A minimal valid DOCX with one paragraph per line of `text`.
pub fn small(text: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    start(&mut zip);
    for line in text.lines() {
        let p = format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(line)
        );
        zip.write_all(p.as_bytes()).expect("zip write");
    }
    zip.write_all(DOC_TAIL.as_bytes()).expect("zip write");
    zip.finish().expect("finish zip").into_inner()
}

/// Writes a DOCX whose `word/document.xml` inflates to at least `inflated` bytes.
pub fn bomb(path: &Path, inflated: u64) {
    let f = std::fs::File::create(path).expect("create bomb");
    let mut zip = ZipWriter::new(std::io::BufWriter::new(f));
    start(&mut zip);
    // One 64 KiB block of identical short paragraphs, written over and over.
    let para = "<w:p><w:r><w:t>Giao Hội Nông dân huyện thực hiện.</w:t></w:r></w:p>";
    let block = para.repeat(65_536 / para.len());
    let mut written = 0u64;
    while written < inflated {
        zip.write_all(block.as_bytes()).expect("zip write");
        written += block.len() as u64;
    }
    zip.write_all(DOC_TAIL.as_bytes()).expect("zip write");
    zip.finish().expect("finish zip");
}
