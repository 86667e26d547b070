//! The built-in directory of the fictional demo district: huyện Hòa Bình Xanh, tỉnh Sông Mây.
//!
//! Before 1 July 2025 the district has its Huyện ủy (with Ban Dân vận, Ban Tổ chức, Ban Tuyên
//! giáo, Ủy ban Kiểm tra, Văn phòng), UBND huyện with its Văn phòng HĐND-UBND and Phòng, the
//! MTTQ and the five đoàn thể, and three communes (Suối Ngọc, Đồng Mây, Thanh Khê) with their
//! UBND and Đảng ủy. In March 2025 Ban Tuyên giáo and Ban Dân vận merge into Ban Tuyên giáo và
//! Dân vận; on 1 July 2025 the district is gone: its bodies, and those of Suối Ngọc and Đồng
//! Mây, are replaced by those of the new xã Hòa Bình Xanh. Every name here is invented.

use dondoc_extract::{Date, Level, OrgKind};

use crate::directory::NewOrganisation;

fn d(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

struct Row {
    code: &'static str,
    kind: OrgKind,
    level: Option<Level>,
    parent: &'static str,
    name: &'static str,
    abbreviations: &'static [&'static str],
    aliases: &'static [&'static str],
    from: &'static str,
    to: &'static str,
    replaced_by: &'static str,
}

const END: &str = "2025-06-30";
const NEW: &str = "2025-07-01";

use Level::{Huyen as H, Tinh as T, Xa as X};
use OrgKind as K;

#[rustfmt::skip]
const ROWS: &[Row] = &[
    Row { code: "tinh-uy", kind: K::CapUy, level: Some(T), parent: "", name: "Tỉnh ủy Sông Mây", abbreviations: &["TU"], aliases: &[], from: "", to: "", replaced_by: "" },
    Row { code: "ubnd-tinh", kind: K::Ubnd, level: Some(T), parent: "", name: "Ủy ban nhân dân tỉnh Sông Mây", abbreviations: &["UBND tỉnh"], aliases: &[], from: "", to: "", replaced_by: "" },
    Row { code: "mttq-tinh", kind: K::Mttq, level: Some(T), parent: "", name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sông Mây", abbreviations: &["MTTQ tỉnh"], aliases: &["Mặt trận tỉnh"], from: "", to: "", replaced_by: "" },
    // The new commune that replaces the district on 1 July 2025.
    Row { code: "dang-uy-xa-hoa-binh-xanh", kind: K::CapUy, level: Some(X), parent: "tinh-uy", name: "Đảng ủy xã Hòa Bình Xanh", abbreviations: &["ĐU"], aliases: &["Đảng ủy xã"], from: NEW, to: "", replaced_by: "" },
    Row { code: "thuong-truc-dang-uy-xa-hoa-binh-xanh", kind: K::ThuongTrucCapUy, level: Some(X), parent: "dang-uy-xa-hoa-binh-xanh", name: "Thường trực Đảng ủy xã Hòa Bình Xanh", abbreviations: &[], aliases: &["Thường trực Đảng ủy"], from: NEW, to: "", replaced_by: "" },
    Row { code: "ban-xay-dung-dang-xa-hoa-binh-xanh", kind: K::BanXayDungDang, level: Some(X), parent: "dang-uy-xa-hoa-binh-xanh", name: "Ban Xây dựng Đảng Đảng ủy xã Hòa Bình Xanh", abbreviations: &[], aliases: &["Ban Xây dựng Đảng"], from: NEW, to: "", replaced_by: "" },
    Row { code: "ubkt-dang-uy-xa-hoa-binh-xanh", kind: K::UbKiemTra, level: Some(X), parent: "dang-uy-xa-hoa-binh-xanh", name: "Ủy ban Kiểm tra Đảng ủy xã Hòa Bình Xanh", abbreviations: &["UBKT"], aliases: &[], from: NEW, to: "", replaced_by: "" },
    Row { code: "van-phong-dang-uy-xa-hoa-binh-xanh", kind: K::VanPhongCapUy, level: Some(X), parent: "dang-uy-xa-hoa-binh-xanh", name: "Văn phòng Đảng ủy xã Hòa Bình Xanh", abbreviations: &[], aliases: &[], from: NEW, to: "", replaced_by: "" },
    Row { code: "ubnd-xa-hoa-binh-xanh", kind: K::Ubnd, level: Some(X), parent: "ubnd-tinh", name: "Ủy ban nhân dân xã Hòa Bình Xanh", abbreviations: &["UBND xã"], aliases: &[], from: NEW, to: "", replaced_by: "" },
    Row { code: "van-phong-hdnd-ubnd-xa-hoa-binh-xanh", kind: K::VanPhongUbnd, level: Some(X), parent: "ubnd-xa-hoa-binh-xanh", name: "Văn phòng HĐND và UBND xã Hòa Bình Xanh", abbreviations: &[], aliases: &[], from: NEW, to: "", replaced_by: "" },
    Row { code: "phong-kinh-te-xa-hoa-binh-xanh", kind: K::CoQuanChuyenMon, level: Some(X), parent: "ubnd-xa-hoa-binh-xanh", name: "Phòng Kinh tế xã Hòa Bình Xanh", abbreviations: &[], aliases: &["Phòng Kinh tế"], from: NEW, to: "", replaced_by: "" },
    Row { code: "phong-van-hoa-xa-hoi-xa-hoa-binh-xanh", kind: K::CoQuanChuyenMon, level: Some(X), parent: "ubnd-xa-hoa-binh-xanh", name: "Phòng Văn hóa - Xã hội xã Hòa Bình Xanh", abbreviations: &[], aliases: &["Phòng Văn hóa - Xã hội"], from: NEW, to: "", replaced_by: "" },
    Row { code: "mttq-xa-hoa-binh-xanh", kind: K::Mttq, level: Some(X), parent: "mttq-tinh", name: "Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa Bình Xanh", abbreviations: &["MTTQ xã", "UBMTTQVN xã"], aliases: &["Mặt trận xã"], from: NEW, to: "", replaced_by: "" },
    Row { code: "hoi-nong-dan-xa-hoa-binh-xanh", kind: K::HoiNongDan, level: Some(X), parent: "mttq-xa-hoa-binh-xanh", name: "Hội Nông dân xã Hòa Bình Xanh", abbreviations: &["HND xã"], aliases: &[], from: NEW, to: "", replaced_by: "" },
    Row { code: "doan-xa-hoa-binh-xanh", kind: K::DoanTn, level: Some(X), parent: "mttq-xa-hoa-binh-xanh", name: "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Hòa Bình Xanh", abbreviations: &["Đoàn xã"], aliases: &["Xã đoàn"], from: NEW, to: "", replaced_by: "" },
    Row { code: "hoi-lhpn-xa-hoa-binh-xanh", kind: K::HoiLhpn, level: Some(X), parent: "mttq-xa-hoa-binh-xanh", name: "Hội Liên hiệp Phụ nữ xã Hòa Bình Xanh", abbreviations: &["Hội LHPN xã"], aliases: &["Hội Phụ nữ xã"], from: NEW, to: "", replaced_by: "" },
    Row { code: "hoi-ccb-xa-hoa-binh-xanh", kind: K::HoiCcb, level: Some(X), parent: "mttq-xa-hoa-binh-xanh", name: "Hội Cựu chiến binh xã Hòa Bình Xanh", abbreviations: &["Hội CCB xã"], aliases: &[], from: NEW, to: "", replaced_by: "" },
    // The district, until 30 June 2025.
    Row { code: "huyen-uy", kind: K::CapUy, level: Some(H), parent: "tinh-uy", name: "Huyện ủy Hòa Bình Xanh", abbreviations: &["HU"], aliases: &["Ban Chấp hành Đảng bộ huyện"], from: "", to: END, replaced_by: "dang-uy-xa-hoa-binh-xanh" },
    Row { code: "thuong-truc-huyen-uy", kind: K::ThuongTrucCapUy, level: Some(H), parent: "huyen-uy", name: "Thường trực Huyện ủy Hòa Bình Xanh", abbreviations: &["TTHU"], aliases: &["Thường trực Huyện ủy"], from: "", to: END, replaced_by: "thuong-truc-dang-uy-xa-hoa-binh-xanh" },
    Row { code: "btv-huyen-uy", kind: K::BtvCapUy, level: Some(H), parent: "huyen-uy", name: "Ban Thường vụ Huyện ủy Hòa Bình Xanh", abbreviations: &["BTVHU"], aliases: &["Ban Thường vụ Huyện ủy"], from: "", to: END, replaced_by: "" },
    Row { code: "ban-dan-van-huyen-uy", kind: K::BanDanVan, level: Some(H), parent: "huyen-uy", name: "Ban Dân vận Huyện ủy Hòa Bình Xanh", abbreviations: &["BDVHU", "BDV"], aliases: &["Ban Dân vận Huyện ủy"], from: "", to: "2025-02-28", replaced_by: "ban-tgdv-huyen-uy" },
    Row { code: "ban-tuyen-giao-huyen-uy", kind: K::BanTuyenGiao, level: Some(H), parent: "huyen-uy", name: "Ban Tuyên giáo Huyện ủy Hòa Bình Xanh", abbreviations: &["BTGHU"], aliases: &["Ban Tuyên giáo Huyện ủy"], from: "", to: "2025-02-28", replaced_by: "ban-tgdv-huyen-uy" },
    Row { code: "ban-tgdv-huyen-uy", kind: K::BanDanVan, level: Some(H), parent: "huyen-uy", name: "Ban Tuyên giáo và Dân vận Huyện ủy Hòa Bình Xanh", abbreviations: &["BTGDVHU"], aliases: &["Ban Tuyên giáo và Dân vận Huyện ủy"], from: "2025-03-01", to: END, replaced_by: "ban-xay-dung-dang-xa-hoa-binh-xanh" },
    Row { code: "ban-to-chuc-huyen-uy", kind: K::BanToChuc, level: Some(H), parent: "huyen-uy", name: "Ban Tổ chức Huyện ủy Hòa Bình Xanh", abbreviations: &["BTCHU"], aliases: &["Ban Tổ chức Huyện ủy"], from: "", to: END, replaced_by: "ban-xay-dung-dang-xa-hoa-binh-xanh" },
    Row { code: "ubkt-huyen-uy", kind: K::UbKiemTra, level: Some(H), parent: "huyen-uy", name: "Ủy ban Kiểm tra Huyện ủy Hòa Bình Xanh", abbreviations: &["UBKTHU"], aliases: &["Ủy ban Kiểm tra Huyện ủy"], from: "", to: END, replaced_by: "ubkt-dang-uy-xa-hoa-binh-xanh" },
    Row { code: "van-phong-huyen-uy", kind: K::VanPhongCapUy, level: Some(H), parent: "huyen-uy", name: "Văn phòng Huyện ủy Hòa Bình Xanh", abbreviations: &["VPHU"], aliases: &["Văn phòng Huyện ủy"], from: "", to: END, replaced_by: "van-phong-dang-uy-xa-hoa-binh-xanh" },
    Row { code: "hdnd-huyen", kind: K::Hdnd, level: Some(H), parent: "", name: "Hội đồng nhân dân huyện Hòa Bình Xanh", abbreviations: &["HĐND huyện"], aliases: &[], from: "", to: END, replaced_by: "" },
    Row { code: "ubnd-huyen", kind: K::Ubnd, level: Some(H), parent: "ubnd-tinh", name: "Ủy ban nhân dân huyện Hòa Bình Xanh", abbreviations: &["UBND huyện"], aliases: &[], from: "", to: END, replaced_by: "ubnd-xa-hoa-binh-xanh" },
    Row { code: "van-phong-hdnd-ubnd-huyen", kind: K::VanPhongUbnd, level: Some(H), parent: "ubnd-huyen", name: "Văn phòng HĐND và UBND huyện Hòa Bình Xanh", abbreviations: &[], aliases: &["Văn phòng HĐND - UBND huyện"], from: "", to: END, replaced_by: "van-phong-hdnd-ubnd-xa-hoa-binh-xanh" },
    Row { code: "phong-nong-nghiep-huyen", kind: K::CoQuanChuyenMon, level: Some(H), parent: "ubnd-huyen", name: "Phòng Nông nghiệp và Phát triển nông thôn huyện Hòa Bình Xanh", abbreviations: &["Phòng NN&PTNT"], aliases: &["Phòng Nông nghiệp và PTNT", "Phòng Nông nghiệp"], from: "", to: END, replaced_by: "phong-kinh-te-xa-hoa-binh-xanh" },
    Row { code: "phong-tai-chinh-ke-hoach-huyen", kind: K::CoQuanChuyenMon, level: Some(H), parent: "ubnd-huyen", name: "Phòng Tài chính - Kế hoạch huyện Hòa Bình Xanh", abbreviations: &["Phòng TC-KH"], aliases: &["Phòng Tài chính - Kế hoạch"], from: "", to: END, replaced_by: "phong-kinh-te-xa-hoa-binh-xanh" },
    Row { code: "phong-van-hoa-thong-tin-huyen", kind: K::CoQuanChuyenMon, level: Some(H), parent: "ubnd-huyen", name: "Phòng Văn hóa và Thông tin huyện Hòa Bình Xanh", abbreviations: &["Phòng VH&TT"], aliases: &["Phòng Văn hóa và Thông tin", "Phòng Văn hóa - Thông tin"], from: "", to: END, replaced_by: "phong-van-hoa-xa-hoi-xa-hoa-binh-xanh" },
    Row { code: "phong-giao-duc-huyen", kind: K::CoQuanChuyenMon, level: Some(H), parent: "ubnd-huyen", name: "Phòng Giáo dục và Đào tạo huyện Hòa Bình Xanh", abbreviations: &["Phòng GD&ĐT"], aliases: &["Phòng Giáo dục và Đào tạo"], from: "", to: END, replaced_by: "phong-van-hoa-xa-hoi-xa-hoa-binh-xanh" },
    Row { code: "mttq-huyen", kind: K::Mttq, level: Some(H), parent: "mttq-tinh", name: "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Hòa Bình Xanh", abbreviations: &["MTTQ huyện", "UBMTTQVN huyện"], aliases: &["Mặt trận huyện"], from: "", to: END, replaced_by: "mttq-xa-hoa-binh-xanh" },
    Row { code: "ldld-huyen", kind: K::CongDoan, level: Some(H), parent: "", name: "Liên đoàn Lao động huyện Hòa Bình Xanh", abbreviations: &["LĐLĐ huyện"], aliases: &["Công đoàn huyện"], from: "", to: END, replaced_by: "" },
    Row { code: "hoi-nong-dan-huyen", kind: K::HoiNongDan, level: Some(H), parent: "mttq-huyen", name: "Hội Nông dân huyện Hòa Bình Xanh", abbreviations: &["HND huyện"], aliases: &[], from: "", to: END, replaced_by: "hoi-nong-dan-xa-hoa-binh-xanh" },
    Row { code: "huyen-doan", kind: K::DoanTn, level: Some(H), parent: "", name: "Huyện đoàn Hòa Bình Xanh", abbreviations: &["Đoàn TNCS Hồ Chí Minh huyện"], aliases: &["Ban Thường vụ Huyện đoàn", "Huyện đoàn"], from: "", to: END, replaced_by: "doan-xa-hoa-binh-xanh" },
    Row { code: "hoi-lhpn-huyen", kind: K::HoiLhpn, level: Some(H), parent: "mttq-huyen", name: "Hội Liên hiệp Phụ nữ huyện Hòa Bình Xanh", abbreviations: &["Hội LHPN huyện"], aliases: &["Hội Phụ nữ huyện"], from: "", to: END, replaced_by: "hoi-lhpn-xa-hoa-binh-xanh" },
    Row { code: "hoi-ccb-huyen", kind: K::HoiCcb, level: Some(H), parent: "mttq-huyen", name: "Hội Cựu chiến binh huyện Hòa Bình Xanh", abbreviations: &["Hội CCB huyện"], aliases: &[], from: "", to: END, replaced_by: "hoi-ccb-xa-hoa-binh-xanh" },
    // Communes before the merger; Thanh Khê stays.
    Row { code: "dang-uy-xa-suoi-ngoc", kind: K::CapUy, level: Some(X), parent: "huyen-uy", name: "Đảng ủy xã Suối Ngọc", abbreviations: &[], aliases: &[], from: "", to: END, replaced_by: "dang-uy-xa-hoa-binh-xanh" },
    Row { code: "ubnd-xa-suoi-ngoc", kind: K::Ubnd, level: Some(X), parent: "ubnd-huyen", name: "Ủy ban nhân dân xã Suối Ngọc", abbreviations: &[], aliases: &[], from: "", to: END, replaced_by: "ubnd-xa-hoa-binh-xanh" },
    Row { code: "dang-uy-xa-dong-may", kind: K::CapUy, level: Some(X), parent: "huyen-uy", name: "Đảng ủy xã Đồng Mây", abbreviations: &[], aliases: &[], from: "", to: END, replaced_by: "dang-uy-xa-hoa-binh-xanh" },
    Row { code: "ubnd-xa-dong-may", kind: K::Ubnd, level: Some(X), parent: "ubnd-huyen", name: "Ủy ban nhân dân xã Đồng Mây", abbreviations: &[], aliases: &[], from: "", to: END, replaced_by: "ubnd-xa-hoa-binh-xanh" },
    Row { code: "dang-uy-xa-thanh-khe", kind: K::CapUy, level: Some(X), parent: "huyen-uy", name: "Đảng ủy xã Thanh Khê", abbreviations: &[], aliases: &[], from: "", to: "", replaced_by: "" },
    Row { code: "ubnd-xa-thanh-khe", kind: K::Ubnd, level: Some(X), parent: "ubnd-huyen", name: "Ủy ban nhân dân xã Thanh Khê", abbreviations: &[], aliases: &[], from: "", to: "", replaced_by: "" },
];

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// The demo directory, parents before children.
pub(crate) fn default_directory() -> Vec<NewOrganisation> {
    ROWS.iter()
        .map(|r| NewOrganisation {
            code: r.code.to_owned(),
            kind: r.kind,
            level: r.level,
            parent_code: opt(r.parent),
            name: r.name.to_owned(),
            abbreviations: r.abbreviations.iter().map(|s| (*s).to_owned()).collect(),
            aliases: r.aliases.iter().map(|s| (*s).to_owned()).collect(),
            valid_from: d(r.from),
            valid_to: d(r.to),
            replaced_by_code: opt(r.replaced_by),
        })
        .collect()
}
