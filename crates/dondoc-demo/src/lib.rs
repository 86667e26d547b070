//! Demo and synthetic conclusion notices for dondoc.
//!
//! [`demo_notices`] gives a handful of hand-written notices of a fictional district (huyện Hòa
//! Bình Xanh, tỉnh Sông Mây) and one of its communes, dated around 2026 so that a demo run on
//! 2026-12-01 shows overdue and upcoming work. [`synthetic`] composes any number of notices in
//! the genre from phrase tables, deterministically for a seed. Everything here is fictional and
//! the crate does no I/O.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

mod rng;
mod synth;
mod tables;

pub use synth::{DeadlineForm, ExpectedTask, SyntheticNotice, synthetic, synthetic_detailed};

/// A hand-written demo notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoNotice {
    pub file_name: &'static str,
    pub text: &'static str,
}

macro_rules! notice {
    ($name:literal) => {
        DemoNotice {
            file_name: $name,
            text: include_str!(concat!("../notices/", $name)),
        }
    };
}

/// The demo notices: a Huyện ủy conclusion of a giao ban with the MTTQ and the mass
/// organisations, a UBND huyện conclusion, a Ban Dân vận letter, a commune notice and a
/// Ban Thường vụ conclusion of a working session with the Hội Nông dân and the Huyện đoàn.
pub fn demo_notices() -> Vec<DemoNotice> {
    vec![
        notice!("01_hu_giao_ban_mttq_doan_the_quy_I_2026.txt"),
        notice!("02_ubnd_huyen_kinh_te_tap_the_khoi_nghiep.txt"),
        notice!("03_bdvhu_cong_van_dan_van_kheo.txt"),
        notice!("04_dang_uy_xa_suoi_ngoc_giao_ban_thang_10.txt"),
        notice!("05_btv_hu_lam_viec_hnd_huyen_doan.txt"),
    ]
}
