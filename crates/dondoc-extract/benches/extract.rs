//! Criterion benchmarks for the extraction core: `extract` over the whole shared corpus per
//! iteration, and text normalisation alone, both reported as byte throughput.
//!
//! The corpus (`/work/shared/corpus/text/*.txt`) is read at run time and never committed; when it
//! is absent the benchmark falls back to two short fictional notices written below.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dondoc_extract::{NormDoc, Source};

/// Where the shared corpus lives relative to this crate.
const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/text");

/// Fictional notices used when the shared corpus is not on this machine.
const FALLBACK: &[&str] = &[
    "HUYỆN ỦY HÒA BÌNH\nSố 12-TB/HU\nHòa Bình, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\n\
     Kết luận của Thường trực Huyện ủy tại buổi giao ban tháng 3\n\
     1. Giao Hội Nông dân huyện xây dựng kế hoạch tập huấn, hoàn thành trước ngày 30/3/2024.\n\
     2. Đề nghị Huyện đoàn phối hợp với Hội LHPN huyện tổ chức ngày hội thanh niên trong quý II/2024.\n\
     Nơi nhận:\n- Thường trực Huyện ủy;\n- Lưu VPHU.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn An",
    "UBND XÃ AN BÌNH\nSố 45/TB-UBND\nAn Bình, ngày 10 tháng 10 năm 2025\nTHÔNG BÁO\n\
     Ý kiến kết luận của Chủ tịch UBND xã tại cuộc họp ngày 08/10/2025\n\
     - Công an xã tăng cường tuần tra, báo cáo kết quả trước ngày 31/10/2025.\n\
     - Giao Ban Chỉ huy quân sự xã rà soát danh sách, hoàn thành trong tháng 11/2025.\n\
     Theo Kết luận số 64-KL/HU ngày 16/11/2017.",
];

/// The corpus texts, or the fallback notices.
fn corpus() -> Vec<String> {
    let dir = Path::new(CORPUS_DIR);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("corpus not found at {CORPUS_DIR}; using the built-in fictional notices");
        FALLBACK.iter().map(|s| s.to_string()).collect()
    } else {
        texts
    }
}

fn source() -> Source {
    Source {
        format: "text".into(),
        encoding: "utf-8".into(),
        ..Source::default()
    }
}

fn benches(c: &mut Criterion) {
    let texts = corpus();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    // Normalise once, outside the measured loop.
    let docs: Vec<NormDoc> = texts.iter().map(|t| NormDoc::from_plain(t)).collect();

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(dondoc_extract::extract(black_box(doc), source()));
            }
        })
    });
    group.bench_function("normalise", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(NormDoc::from_plain(black_box(text)));
            }
        })
    });
    group.finish();
}

criterion_group!(extract, benches);
criterion_main!(extract);
