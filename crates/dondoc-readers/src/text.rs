//! The text reader: UTF-8, UTF-16 and the legacy Vietnamese encodings, one paragraph per line.

use crate::legacy::{self, LegacyEncoding};
use crate::{Format, Limits, RawParagraph, ReadDoc, ReadError};

/// How many bytes detection looks at; decoding a sample keeps huge files fast.
const SAMPLE_BYTES: usize = 64 * 1024;

/// How many words of a sample the Vietnamese score looks at.
const SAMPLE_WORDS: usize = 5_000;

/// The least share of valid Vietnamese words a legacy guess needs to be believed.
const LEGACY_MIN_RATIO: f64 = 0.6;

/// Reads text bytes into paragraphs.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<ReadDoc, ReadError> {
    let (text, encoding) = decode(bytes)?;
    if text.len() > limits.max_text_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_text_bytes,
        });
    }
    if text.chars().all(char::is_whitespace) {
        return Err(ReadError::Empty);
    }
    Ok(ReadDoc {
        format: Format::Text,
        encoding: encoding.to_string(),
        paragraphs: split_lines(&text).map(RawParagraph::plain).collect(),
    })
}

/// Splits on "\n", "\r\n" and "\r"; a final line break does not make an empty last line.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .unwrap_or(text);
    body.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

fn sample(bytes: &[u8]) -> &[u8] {
    bytes.get(..SAMPLE_BYTES).unwrap_or(bytes)
}

/// Decodes the bytes, returning the text and the contract's name of the encoding.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Ok((String::from_utf8_lossy(rest).into_owned(), "utf-8"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Ok((utf16(rest, true), "utf-16le"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Ok((utf16(rest, false), "utf-16be"));
    }
    if let Some(little) = utf16_without_bom(sample(bytes)) {
        let text = utf16(bytes, little);
        return Ok((text, if little { "utf-16le" } else { "utf-16be" }));
    }
    if looks_binary(sample(bytes)) {
        return Err(ReadError::NotText);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "utf-8"));
    }
    let enc = guess_legacy(bytes).ok_or(ReadError::NotText)?;
    Ok((legacy::decode_legacy(bytes, enc), enc.as_str()))
}

fn utf16(bytes: &[u8], little: bool) -> String {
    let enc = if little {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-16 without a byte-order mark shows as zero bytes on one side of most ASCII characters
/// (letters, spaces, digits), and almost never on the other.
fn utf16_without_bom(sample: &[u8]) -> Option<bool> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even += usize::from(*a == 0);
            odd += usize::from(*b == 0);
        }
    }
    let many = |n: usize| n * 5 >= pairs;
    let few = |n: usize| n * 50 <= pairs;
    if many(odd) && few(even) {
        Some(true)
    } else if many(even) && few(odd) {
        Some(false)
    } else {
        None
    }
}

/// Binary files have NULs and control bytes that no text encoding we read uses.
fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1a))
        .count();
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    nuls > 0 || controls * 100 > sample.len()
}

/// Scores every legacy decoding of a sample and keeps the most Vietnamese one, if it is
/// Vietnamese enough.
fn guess_legacy(bytes: &[u8]) -> Option<LegacyEncoding> {
    let sample = sample(bytes);
    let mut best: Option<(LegacyEncoding, f64, usize)> = None;
    for enc in LegacyEncoding::ALL {
        let text = legacy::decode_legacy(sample, enc);
        let score = legacy::vietnamese_score(&text, SAMPLE_WORDS);
        let better = best.is_none_or(|(_, ratio, marked)| {
            score.ratio() > ratio || (score.ratio() == ratio && score.marked > marked)
        });
        if better {
            best = Some((enc, score.ratio(), score.marked));
        }
    }
    best.filter(|&(_, ratio, marked)| ratio >= LEGACY_MIN_RATIO && marked > 0)
        .map(|(enc, _, _)| enc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode_legacy;

    const NOTICE: &str = "THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân xã Hòa Lạc\r\nGiao Phòng Kinh tế báo cáo trước ngày 20 tháng 9 năm 2031.\rCác đơn vị được giao thực hiện nghiêm túc.\n";

    fn texts(doc: &ReadDoc) -> Vec<&str> {
        doc.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn read_ok(bytes: &[u8]) -> ReadDoc {
        match read(bytes, &Limits::default()) {
            Ok(d) => d,
            Err(e) => unreachable!("read failed: {e}"),
        }
    }

    #[test]
    fn utf8_lines_split_on_every_break() {
        let doc = read_ok(NOTICE.as_bytes());
        assert_eq!(doc.encoding, "utf-8");
        assert_eq!(doc.paragraphs.len(), 4);
        assert_eq!(texts(&doc).first(), Some(&"THÔNG BÁO"));
        assert_eq!(
            texts(&doc).get(3),
            Some(&"Các đơn vị được giao thực hiện nghiêm túc.")
        );
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(NOTICE.as_bytes());
        assert_eq!(read_ok(&bom).paragraphs, doc.paragraphs);
        assert_eq!(texts(&read_ok(b"a\n\nb")), vec!["a", "", "b"]);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = NOTICE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = NOTICE.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let plain = read_ok(NOTICE.as_bytes()).paragraphs;
        for (bytes, name) in [(le, "utf-16le"), (be, "utf-16be")] {
            let doc = read_ok(&bytes);
            assert_eq!((doc.encoding.as_str(), &doc.paragraphs), (name, &plain));
            let mut with_bom = if name == "utf-16le" {
                vec![0xff, 0xfe]
            } else {
                vec![0xfe, 0xff]
            };
            with_bom.extend_from_slice(&bytes);
            let doc = read_ok(&with_bom);
            assert_eq!((doc.encoding.as_str(), &doc.paragraphs), (name, &plain));
        }
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let plain = read_ok(NOTICE.as_bytes()).paragraphs;
        for enc in LegacyEncoding::ALL {
            let doc = read_ok(&encode_legacy(NOTICE, enc));
            assert_eq!(doc.encoding, enc.as_str());
            if enc == LegacyEncoding::Tcvn3 {
                // TCVN3 ABC cannot write a toned capital inside mixed-case text ("Ủy ban").
                let lower = |ps: &[RawParagraph]| -> Vec<String> {
                    ps.iter().map(|p| p.text.to_lowercase()).collect()
                };
                assert_eq!(lower(&doc.paragraphs), lower(&plain));
            } else {
                assert_eq!(doc.paragraphs, plain, "{enc:?}");
            }
        }
    }

    #[test]
    fn binary_and_foreign_bytes_are_not_text() {
        let binary: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(7919) % 251) as u8)
            .collect();
        assert_eq!(read(&binary, &Limits::default()), Err(ReadError::NotText));
        // Latin-1 French is invalid UTF-8 and does not read as Vietnamese in any encoding.
        let french =
            b"Le ch\xe2teau \xe9tait d\xe9j\xe0 ferm\xe9 \xe0 l'\xe9t\xe9 pr\xe9c\xe9dent.";
        assert_eq!(read(french, &Limits::default()), Err(ReadError::NotText));
    }

    #[test]
    fn text_limit_is_respected() {
        let limits = Limits {
            max_text_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            read(NOTICE.as_bytes(), &limits),
            Err(ReadError::TooLarge { limit: 10 })
        );
    }

    #[test]
    fn a_huge_single_line_is_fast() {
        let line = "Ủy ban nhân dân xã Hòa Lạc giao các phòng báo cáo đúng hạn. ";
        // DONDOC_BIG_MB=50 measures the 50 MB case by hand; the default keeps the test fast.
        let mb: usize = std::env::var("DONDOC_BIG_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5);
        let big = line.repeat(mb * 1024 * 1024 / line.len());
        for enc in [None, Some(LegacyEncoding::Vni), Some(LegacyEncoding::Tcvn3)] {
            let bytes = enc.map_or_else(|| big.as_bytes().to_vec(), |e| encode_legacy(&big, e));
            let start = std::time::Instant::now();
            let doc = read_ok(&bytes);
            let took = start.elapsed();
            assert_eq!(doc.paragraphs.len(), 1);
            println!("{:?}: {} bytes in {took:?}", enc, bytes.len());
        }
    }

    fn shared() -> Option<std::path::PathBuf> {
        let p = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
        if p.is_dir() {
            Some(p.to_path_buf())
        } else {
            println!("note: ../shared is absent, skipping");
            None
        }
    }

    fn normalized_lines(text: &str) -> Vec<String> {
        split_lines(text)
            .map(dondoc_text::normalize_inline)
            .collect()
    }

    /// Characters at the same place in the same line, over the reference's characters.
    fn identity(got: &[String], want: &[String]) -> f64 {
        let total: usize = want.iter().map(|l| l.chars().count()).sum();
        let same: usize = got
            .iter()
            .zip(want)
            .map(|(g, w)| g.chars().zip(w.chars()).filter(|(a, b)| a == b).count())
            .sum();
        if total == 0 {
            1.0
        } else {
            same as f64 / total as f64
        }
    }

    #[test]
    fn legacy_corpus_decodes_accurately() {
        let Some(shared) = shared() else { return };
        let mut failures = Vec::new();
        for (dir, want_enc) in [("tcvn3", "tcvn3"), ("vni", "vni")] {
            let folder = shared.join("corpus/formats").join(dir);
            let Ok(entries) = std::fs::read_dir(&folder) else {
                println!("note: {} absent", folder.display());
                continue;
            };
            let mut names: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            names.sort();
            for path in names {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                let (Ok(bytes), Ok(reference)) = (
                    std::fs::read(&path),
                    std::fs::read_to_string(shared.join("corpus/text").join(name)),
                ) else {
                    continue;
                };
                let doc = match crate::read(&bytes, Some(name), &Limits::default()) {
                    Ok(d) => d,
                    Err(e) => {
                        failures.push(format!("{dir}/{name}: {e}"));
                        continue;
                    }
                };
                let got: Vec<String> = doc
                    .paragraphs
                    .iter()
                    .map(|p| dondoc_text::normalize_inline(&p.text))
                    .collect();
                let want = normalized_lines(&reference);
                let id = identity(&got, &want);
                println!(
                    "{dir}/{name}: detected {}, {:.3}% identical, lines {} / {}",
                    doc.encoding,
                    id * 100.0,
                    got.len(),
                    want.len()
                );
                if doc.encoding != want_enc {
                    failures.push(format!("{dir}/{name}: detected {}", doc.encoding));
                }
                if id < 0.995 || got.len() != want.len() {
                    failures.push(format!("{dir}/{name}: {:.3}% identical", id * 100.0));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
