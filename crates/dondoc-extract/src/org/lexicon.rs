//! The built-in organisation lexicon: names, abbreviations and spelling variants by kind.
//!
//! Entries are plain phrases; [`phrase_pattern`] turns them into patterns tolerant of case,
//! "ủy"/"uỷ", "hóa"/"hoá", OCR "Ư" for "U" in "UBND", spacing and dashes.

use crate::model::{Level, OrgKind};

/// What a lexicon entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expand {
    /// One organisation of this kind.
    One(OrgKind),
    /// The five socio-political organisations.
    Five,
    /// The organisations the directives address (`OrgCtx::addressed`).
    Addressed,
}

/// Where an entry's level comes from when the mention names none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implicit {
    /// The issuer's level.
    Default,
    /// Always this level ("Sở" → tỉnh, "Bộ" → trung ương).
    Fixed(Level),
    /// A district "Phòng" before 2025, a commune's after: the issuer's level, else huyện.
    Phong,
    /// "địa phương": the level below the issuer.
    Below,
}

/// The first letter must be upper case ("Mặt trận", not "mặt trận").
pub const CAP: u8 = 1;
/// May take a Party committee or state body after it ("Ban Dân vận Huyện ủy").
pub const ATTACH: u8 = 2;
/// Only counts with a Party committee after it ("Thường trực Huyện ủy").
pub const NEED_UY: u8 = 4;
/// Takes a field name ("Sở Y tế", "Bộ Tài chính", "các Sở: Tài chính, Xây dựng").
pub const FIELD: u8 = 8;
/// Only counts with a name after it ("Bộ …", "Phòng …", "Hội …").
pub const NEED_NAME: u8 = 16;
/// Takes capitalised name words ("Chi bộ Trường …", "Viễn thông …").
pub const NAME: u8 = 32;
/// A descriptive name up to a level word ("Ban Quản lý Khu kinh tế tỉnh").
pub const LONG_NAME: u8 = 128;
/// A company name ("Công ty cổ phần …").
pub const COMPANY: u8 = 64;

/// One lexicon entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub phrases: &'static [&'static str],
    pub expand: Expand,
    pub implicit: Implicit,
    pub flags: u8,
}

const fn e(
    phrases: &'static [&'static str],
    kind: OrgKind,
    implicit: Implicit,
    flags: u8,
) -> Entry {
    Entry {
        phrases,
        expand: Expand::One(kind),
        implicit,
        flags,
    }
}

use Implicit::{Below, Default as D, Fixed, Phong};
use Level::{Huyen, Tinh, TrungUong};
use OrgKind as K;

/// The lexicon. Order does not matter: patterns are tried longest phrase first.
pub const ENTRIES: &[Entry] = &[
    // Party committees and their organs.
    e(
        &[
            "Tỉnh ủy",
            "Thành ủy",
            "Huyện ủy",
            "Quận ủy",
            "Thị ủy",
            "Đảng ủy",
            "Ban Chấp hành Đảng bộ",
            "cấp ủy",
            "Ban Chấp hành",
        ],
        K::CapUy,
        D,
        ATTACH,
    ),
    e(
        &["Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương"],
        K::CapUy,
        Fixed(TrungUong),
        CAP,
    ),
    e(
        &["Thường trực", "TT"],
        K::ThuongTrucCapUy,
        D,
        ATTACH | NEED_UY,
    ),
    e(&["Ban Thường vụ", "BTV"], K::BtvCapUy, D, ATTACH | NEED_UY),
    e(
        &[
            "Ban Dân vận",
            "Ban Tuyên giáo và Dân vận",
            "Ban Tuyên giáo - Dân vận",
        ],
        K::BanDanVan,
        D,
        ATTACH,
    ),
    e(
        &["BDVHU", "BDVQU", "BDV Huyện ủy"],
        K::BanDanVan,
        Fixed(Huyen),
        0,
    ),
    e(
        &["BDVTU", "BTGDVTU", "BDV Tỉnh ủy"],
        K::BanDanVan,
        Fixed(Tinh),
        0,
    ),
    e(&["Ban Tổ chức", "BTCTU"], K::BanToChuc, D, ATTACH | CAP),
    e(&["Ban Tuyên giáo"], K::BanTuyenGiao, D, ATTACH),
    e(
        &["Ủy ban Kiểm tra", "UBKT", "UBKTTU"],
        K::UbKiemTra,
        D,
        ATTACH,
    ),
    e(
        &[
            "Văn phòng Tỉnh ủy",
            "Văn phòng Thành ủy",
            "Văn phòng Huyện ủy",
            "Văn phòng Quận ủy",
            "Văn phòng Thị ủy",
            "Văn phòng Đảng ủy",
        ],
        K::VanPhongCapUy,
        D,
        ATTACH,
    ),
    e(&["VPHU", "VPQU"], K::VanPhongCapUy, Fixed(Huyen), 0),
    e(&["VPTU", "VPTW"], K::VanPhongCapUy, Fixed(Tinh), 0),
    e(&["VPĐU"], K::VanPhongCapUy, D, 0),
    e(
        &["Đảng ủy Quân sự", "Đảng ủy Quân sự huyện"],
        K::DangUyQuanSu,
        D,
        0,
    ),
    e(
        &[
            "Đảng ủy Khối",
            "Đảng ủy Khối các cơ quan",
            "Đảng ủy Khối doanh nghiệp",
            "Đảng ủy Khối các cơ quan và doanh nghiệp",
            "Đảng ủy Khối cơ quan",
        ],
        K::DangUyKhoi,
        D,
        NAME,
    ),
    e(
        &["Ban cán sự đảng", "Ban cán sự Đảng"],
        K::BanCanSuDang,
        D,
        ATTACH,
    ),
    e(&["Đảng đoàn"], K::DangDoan, D, ATTACH | CAP),
    e(
        &[
            "Chi bộ",
            "Đảng bộ cơ sở",
            "tổ chức cơ sở đảng",
            "tổ chức đảng",
            "các tổ chức đảng",
            "các cấp ủy, tổ chức đảng",
            "cấp ủy, tổ chức đảng",
            "các chi bộ",
        ],
        K::ChiBo,
        D,
        NAME,
    ),
    e(
        &["Ban Xây dựng Đảng", "Ban xây dựng đảng"],
        K::BanXayDungDang,
        D,
        ATTACH,
    ),
    e(
        &[
            "các Ban xây dựng Đảng",
            "các ban xây dựng đảng",
            "các ban đảng",
        ],
        K::Other,
        D,
        0,
    ),
    // State.
    e(
        &[
            "Hội đồng nhân dân",
            "HĐND",
            "Thường trực HĐND",
            "Thường trực Hội đồng nhân dân",
        ],
        K::Hdnd,
        D,
        0,
    ),
    e(
        &[
            "Ủy ban nhân dân",
            "UBND",
            "chính quyền",
            "chính quyền cấp xã",
        ],
        K::Ubnd,
        D,
        0,
    ),
    e(
        &["chính quyền địa phương", "địa phương", "các địa phương"],
        K::Ubnd,
        Below,
        0,
    ),
    e(
        &[
            "Văn phòng UBND",
            "Văn phòng Ủy ban nhân dân",
            "Văn phòng HĐND và UBND",
            "Văn phòng HĐND & UBND",
            "Văn phòng HĐND - UBND",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "Văn phòng Đoàn ĐBQH, HĐND và UBND",
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
        ],
        K::VanPhongUbnd,
        D,
        0,
    ),
    e(
        &["Sở", "các Sở"],
        K::CoQuanChuyenMon,
        Fixed(Tinh),
        FIELD | CAP,
    ),
    e(
        &["Phòng", "phòng"],
        K::CoQuanChuyenMon,
        Phong,
        FIELD | NEED_NAME,
    ),
    e(&["Thanh tra"], K::CoQuanChuyenMon, D, CAP),
    e(
        &[
            "Ban Quản lý",
            "Ban QLDA",
            "Ban quản lý dự án",
            "Ban Quản lý dự án",
        ],
        K::CoQuanChuyenMon,
        D,
        LONG_NAME | NAME | CAP,
    ),
    e(
        &[
            "Thuế tỉnh",
            "Cục Thuế",
            "Chi cục Thuế",
            "Kho bạc Nhà nước",
            "Kho bạc",
            "Chi cục",
        ],
        K::CoQuanChuyenMon,
        D,
        NAME | CAP,
    ),
    e(
        &["Trung tâm"],
        K::CoQuanChuyenMon,
        D,
        NAME | NEED_NAME | CAP,
    ),
    e(
        &[
            "các sở, ban, ngành",
            "các sở, ngành",
            "sở, ban, ngành",
            "sở, ngành",
            "các sở, ban, ngành, địa phương",
        ],
        K::CoQuanChuyenMon,
        Fixed(Tinh),
        0,
    ),
    e(
        &[
            "các ban, ngành",
            "ban, ngành",
            "các ngành",
            "các ngành chuyên môn",
            "các cơ quan chuyên môn",
            "cơ quan chuyên môn",
            "các bộ phận chuyên môn",
            "bộ phận chuyên môn",
            "các phòng, ban",
            "các phòng, ban, ngành",
            "các phòng ban chuyên môn",
            "các phòng chuyên môn",
            "phòng, ban, ngành",
        ],
        K::CoQuanChuyenMon,
        D,
        0,
    ),
    e(
        &["Bộ"],
        K::BoNganh,
        Fixed(TrungUong),
        FIELD | NEED_NAME | CAP,
    ),
    e(
        &[
            "Văn phòng Chính phủ",
            "các bộ, ngành",
            "các Bộ, ngành",
            "Bộ, ngành",
            "bộ, ngành",
            "các bộ, ngành Trung ương",
            "các bộ, cơ quan ngang bộ",
        ],
        K::BoNganh,
        Fixed(TrungUong),
        0,
    ),
    e(
        &[
            "Thủ tướng Chính phủ",
            "Chính phủ",
            "Quốc hội",
            "Ủy ban Thường vụ Quốc hội",
            "Phó Thủ tướng",
            "Thủ tướng",
        ],
        K::Other,
        Fixed(TrungUong),
        CAP,
    ),
    e(&["Công an"], K::CongAn, D, CAP),
    e(&["Bộ Công an"], K::BoNganh, Fixed(TrungUong), 0),
    e(
        &[
            "Ban Chỉ huy quân sự",
            "Bộ Chỉ huy quân sự",
            "Ban CHQS",
            "Bộ CHQS",
            "Ban Chỉ huy Quân sự",
            "Bộ Chỉ huy Quân sự",
            "Bộ đội Biên phòng",
            "Bộ Chỉ huy Bộ đội Biên phòng",
        ],
        K::QuanSu,
        D,
        0,
    ),
    // Businesses.
    e(
        &["Công ty", "Tổng công ty", "Tập đoàn"],
        K::DoanhNghiep,
        D,
        COMPANY | CAP,
    ),
    e(
        &[
            "chủ đầu tư",
            "các chủ đầu tư",
            "các chủ đầu tư hạ tầng",
            "chủ đầu tư hạ tầng",
            "các chủ đầu tư hạ tầng cụm công nghiệp",
            "nhà đầu tư",
            "các nhà đầu tư",
            "các doanh nghiệp",
        ],
        K::DoanhNghiep,
        D,
        0,
    ),
    e(
        &[
            "Viễn thông",
            "Điện lực",
            "Công ty Điện lực",
            "Bưu điện",
            "Ngân hàng",
        ],
        K::DoanhNghiep,
        D,
        NAME | CAP,
    ),
    // The Front and the socio-political organisations.
    e(
        &[
            "Ủy ban Mặt trận Tổ quốc Việt Nam",
            "Ủy ban Mặt trận Tổ quốc",
            "Ủy ban MTTQ Việt Nam",
            "Ủy ban MTTQ VN",
            "Ủy ban MTTQ",
            "UBMTTQVN",
            "UBMTTQ",
            "MTTQVN",
            "MTTQ",
            "Mặt trận Tổ quốc Việt Nam",
            "Mặt trận Tổ quốc",
            "Mặt trận",
            "Khối MTTQ",
            "Ban Thường trực Ủy ban MTTQ",
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam",
            "Ban Thường trực UBMTTQ",
        ],
        K::Mttq,
        D,
        CAP,
    ),
    e(&["Hội Nông dân", "HND", "Hội ND"], K::HoiNongDan, D, 0),
    e(&["Hội Cựu chiến binh", "Hội CCB", "CCB"], K::HoiCcb, D, 0),
    e(
        &["Liên đoàn Lao động", "LĐLĐ", "Công đoàn"],
        K::CongDoan,
        D,
        CAP,
    ),
    e(
        &[
            "Đoàn TNCS Hồ Chí Minh",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Đoàn Thanh niên",
            "Tỉnh đoàn",
            "Thành đoàn",
            "Huyện đoàn",
            "Quận đoàn",
            "Ban Thường vụ Tỉnh đoàn",
            "Ban Thường vụ Thành đoàn",
            "Ban Thường vụ Huyện đoàn",
            "Đoàn xã",
            "Đoàn phường",
            "Đoàn thị trấn",
            "ĐTN",
            "Đoàn TN",
        ],
        K::DoanTn,
        D,
        0,
    ),
    e(
        &["Hội Liên hiệp Phụ nữ", "Hội LHPN", "Hội Phụ nữ", "LHPN"],
        K::HoiLhpn,
        D,
        0,
    ),
    e(&["Hội Khuyến học"], K::HoiKhuyenHoc, D, 0),
    e(&["Hội Chữ thập đỏ"], K::HoiChuThapDo, D, 0),
    e(&["Hội Người cao tuổi"], K::HoiNguoiCaoTuoi, D, 0),
    e(
        &[
            "hội đặc thù",
            "các hội đặc thù",
            "hội quần chúng",
            "các hội quần chúng",
            "các tổ chức hội quần chúng",
            "các hội quần chúng do Đảng, Nhà nước giao nhiệm vụ",
            "các tổ chức hội quần chúng do Đảng, Nhà nước giao nhiệm vụ",
            "Hội Nạn nhân chất độc da cam",
            "Hội Luật gia",
            "Hội Văn học nghệ thuật",
            "Hội Nhà báo",
            "Hội Cựu thanh niên xung phong",
        ],
        K::HoiQuanChung,
        D,
        0,
    ),
    e(&["Hội"], K::HoiQuanChung, D, NAME | NEED_NAME | CAP),
    e(
        &[
            "các tổ chức thành viên của Mặt trận",
            "các tổ chức thành viên",
            "các cơ quan liên quan",
            "các cơ quan có liên quan",
            "cơ quan liên quan",
            "cơ quan có liên quan",
            "các đơn vị liên quan",
            "các đơn vị có liên quan",
            "các cơ quan, đơn vị liên quan",
            "các cơ quan, đơn vị có liên quan",
            "các cơ quan chức năng",
            "cả hệ thống chính trị",
            "hệ thống chính trị",
            "ban giám hiệu",
            "Ban Giám hiệu",
            "đoàn viên, người lao động",
            "các bộ phận liên quan",
        ],
        K::Other,
        D,
        0,
    ),
    e(
        &[
            "đồng chí Đảng ủy viên phụ trách",
            "đồng chí Huyện ủy viên phụ trách",
            "đồng chí Tỉnh ủy viên phụ trách",
            "đồng chí cấp ủy viên phụ trách",
            "đồng chí phụ trách",
            "Đảng ủy viên phụ trách",
            "cấp ủy viên phụ trách",
            "người đứng đầu",
            "người đứng đầu chi bộ",
            "người đứng đầu cấp ủy",
            "người đứng đầu cơ quan, đơn vị",
            "người đứng đầu các cơ quan, đơn vị",
        ],
        K::CaNhan,
        D,
        0,
    ),
    Entry {
        phrases: &[
            "các đoàn thể chính trị - xã hội",
            "các đoàn thể chính trị xã hội",
            "các đoàn thể chính trị -XH",
            "các đoàn thể CT-XH",
            "các đoàn thể CTXH",
            "các tổ chức chính trị - xã hội",
            "các tổ chức chính trị xã hội",
            "các tổ chức CT-XH",
            "các đoàn thể",
            "đoàn thể",
            "các Đoàn thể",
            "các hội đoàn thể",
            "các Hội đoàn thể",
            "hội đoàn thể",
            "đoàn thể chính trị - xã hội",
            "tổ chức chính trị - xã hội",
            "các đoàn thể chính trị - xã hội",
            "ngành đoàn thể",
        ],
        expand: Expand::Five,
        implicit: D,
        flags: 0,
    },
    Entry {
        phrases: &[
            "các đơn vị",
            "các cơ quan, đơn vị",
            "mỗi đơn vị",
            "các cấp",
            "các cơ quan, đơn vị, địa phương",
            "cơ quan, đơn vị, địa phương",
            "các đơn vị, địa phương",
            "các cơ quan",
            "các ngành, các cấp",
            "các cấp, các ngành",
        ],
        expand: Expand::Addressed,
        implicit: D,
        flags: 0,
    },
];

/// Field names of departments and ministries ("Tài chính", "Nông nghiệp và Môi trường").
pub const FIELDS: &[&str] = &[
    "Nông nghiệp và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Tài nguyên và Môi trường",
    "Công Thương",
    "Tài chính",
    "Xây dựng",
    "Nội vụ",
    "Tư pháp",
    "Y tế",
    "Giáo dục và Đào tạo",
    "Giáo dục - Đào tạo",
    "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Văn hóa - Thông tin",
    "Văn hóa",
    "Du lịch",
    "Ngoại vụ",
    "Ngoại giao",
    "Quốc phòng",
    "Dân tộc và Tôn giáo",
    "Dân tộc",
    "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội",
    "Kế hoạch và Đầu tư",
    "Giao thông vận tải",
    "Giao thông Vận tải",
    "Thông tin và Truyền thông",
    "Kinh tế",
    "Kinh tế - Hạ tầng",
    "Kinh tế và Hạ tầng",
    "Kinh tế, Hạ tầng và Đô thị",
    "Tài chính - Kế hoạch",
    "Văn hóa - Xã hội",
    "Văn hóa, Khoa học và Thông tin",
    "Quản lý đô thị",
    "Quản lý Công nghiệp",
];

/// The regex source for a lexicon phrase: case-insensitive by the caller, tolerant of
/// spelling variants, spacing and dashes.
pub fn phrase_pattern(phrase: &str) -> String {
    let mut out = String::new();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(r"\s+");
        }
        if *word == "-" || *word == "–" || *word == "&" {
            // "chính trị - xã hội", "chính trị -XH"
            let sym = if *word == "&" { "&" } else { "[-–]" };
            if out.ends_with(r"\s+") {
                out.truncate(out.len() - 3);
            }
            out.push_str(&format!(r"\s*{sym}?\s*"));
            continue;
        }
        let lower = crate::lower::lowercase(word);
        let parts: Vec<String> = lower
            .split('-')
            .map(|part| {
                let mut w = regex::escape(part);
                for (from, to) in [
                    ("ủy", "(?:ủy|uỷ)"),
                    ("hóa", "(?:hóa|hoá)"),
                    ("hòa", "(?:hòa|hoà)"),
                    ("ubnd", "[uư]bnd"),
                ] {
                    w = w.replace(from, to);
                }
                w
            })
            .collect();
        out.push_str(&parts.join(r"\s*[-–]\s*"));
    }
    out.replace(r"\s*[-–]?\s*\s+", r"\s*[-–]?\s*")
}
