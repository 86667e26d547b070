//! Phrase tables of the generator, all written for this crate: fictional places and people,
//! organisations of every kind of the contract's code table, actions, topics, assessments.

use dondoc_extract::{Level, OrgKind};

/// Levels an organisation phrase is valid at (bit mask).
pub(crate) const X: u8 = 1;
pub(crate) const H: u8 = 2;
pub(crate) const T: u8 = 4;
pub(crate) const ALL: u8 = X | H | T;

/// An organisation phrase: `{lv}` is the level word, `{xa}` a commune, `{huyen}` a district,
/// `{thon}` a village. `party` phrases appear only in Party notices.
pub(crate) struct OrgPhrase {
    pub kind: OrgKind,
    pub levels: u8,
    pub text: &'static str,
    /// The organisation's own level when it is not the issuer's.
    pub level: Option<Level>,
    pub party: bool,
}

const fn o(kind: OrgKind, levels: u8, text: &'static str) -> OrgPhrase {
    OrgPhrase {
        kind,
        levels,
        text,
        level: None,
        party: false,
    }
}

const fn p(kind: OrgKind, levels: u8, text: &'static str) -> OrgPhrase {
    OrgPhrase {
        kind,
        levels,
        text,
        level: None,
        party: true,
    }
}

const fn at(kind: OrgKind, levels: u8, text: &'static str, level: Level) -> OrgPhrase {
    OrgPhrase {
        kind,
        levels,
        text,
        level: Some(level),
        party: false,
    }
}

use OrgKind as K;

pub(crate) const ORGS: &[OrgPhrase] = &[
    // Party.
    OrgPhrase {
        party: true,
        ..at(K::CapUy, T, "Huyện ủy {huyen}", Level::Huyen)
    },
    p(K::ThuongTrucCapUy, ALL, "Thường trực {cu}"),
    OrgPhrase {
        party: true,
        ..at(
            K::BtvCapUy,
            T,
            "Ban Thường vụ Huyện ủy {huyen}",
            Level::Huyen,
        )
    },
    OrgPhrase {
        party: true,
        ..at(K::BtvCapUy, H, "Ban Thường vụ Đảng ủy xã {xa}", Level::Xa)
    },
    p(K::BanDanVan, H, "Ban Dân vận Huyện ủy"),
    p(K::BanDanVan, T, "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    p(K::BanToChuc, H, "Ban Tổ chức Huyện ủy"),
    p(K::BanToChuc, T, "Ban Tổ chức Tỉnh ủy"),
    p(K::BanTuyenGiao, H, "Ban Tuyên giáo Huyện ủy"),
    p(K::UbKiemTra, H, "Ủy ban Kiểm tra Huyện ủy"),
    p(K::UbKiemTra, T, "Ủy ban Kiểm tra Tỉnh ủy"),
    p(K::UbKiemTra, X, "Ủy ban Kiểm tra Đảng ủy xã"),
    p(K::VanPhongCapUy, H, "Văn phòng Huyện ủy"),
    p(K::VanPhongCapUy, T, "Văn phòng Tỉnh ủy"),
    p(K::DangUyQuanSu, H | T, "Đảng ủy Quân sự {lv}"),
    p(
        K::DangUyKhoi,
        T,
        "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
    ),
    p(K::BanCanSuDang, T, "Ban cán sự đảng UBND tỉnh"),
    p(K::DangDoan, H | T, "Đảng đoàn MTTQ {lv}"),
    p(K::DangDoan, T, "Đảng đoàn HĐND tỉnh"),
    p(K::ChiBo, X, "Chi bộ thôn {thon}"),
    // Grassroots Party organisations are commune-level bodies.
    OrgPhrase {
        party: true,
        ..at(
            K::ChiBo,
            X | H,
            "các chi bộ, đảng bộ cơ sở trực thuộc",
            Level::Xa,
        )
    },
    p(K::BanXayDungDang, X, "Ban Xây dựng Đảng"),
    p(K::BanXayDungDang, X, "Ban Xây dựng Đảng Đảng ủy xã"),
    p(K::CaNhan, X, "đồng chí Đảng ủy viên phụ trách thôn {thon}"),
    p(K::CaNhan, H, "đồng chí Huyện ủy viên phụ trách xã {xa}"),
    // State.
    o(K::Hdnd, ALL, "Thường trực HĐND {lv}"),
    o(K::Ubnd, ALL, "UBND {lv}"),
    at(K::Ubnd, H, "UBND các xã", Level::Xa),
    o(K::VanPhongUbnd, X | H, "Văn phòng HĐND và UBND {lv}"),
    o(K::VanPhongUbnd, T, "Văn phòng UBND tỉnh"),
    o(K::CoQuanChuyenMon, X | H, "Phòng Kinh tế {lv}"),
    o(K::CoQuanChuyenMon, X | H, "Phòng Văn hóa - Xã hội {lv}"),
    o(K::CoQuanChuyenMon, H, "Phòng Nội vụ huyện"),
    o(K::CoQuanChuyenMon, H, "Phòng Tài chính - Kế hoạch huyện"),
    o(K::CoQuanChuyenMon, T, "Sở Nông nghiệp và Môi trường"),
    o(K::CoQuanChuyenMon, T, "Sở Nội vụ"),
    o(K::CoQuanChuyenMon, T, "Sở Văn hóa, Thể thao và Du lịch"),
    o(K::CongAn, ALL, "Công an {lv}"),
    o(K::QuanSu, X | H, "Ban Chỉ huy quân sự {lv}"),
    o(K::QuanSu, T, "Bộ Chỉ huy quân sự tỉnh"),
    at(
        K::BoNganh,
        T,
        "Bộ Nông nghiệp và Môi trường",
        Level::TrungUong,
    ),
    at(
        K::BoNganh,
        T,
        "Bộ Văn hóa, Thể thao và Du lịch",
        Level::TrungUong,
    ),
    o(K::DoanhNghiep, H | T, "Công ty TNHH MTV Thủy lợi Sông Mây"),
    o(
        K::DoanhNghiep,
        X | H,
        "Công ty Cổ phần Nước sạch Hòa Bình Xanh",
    ),
    o(K::Other, ALL, "các cơ quan, đơn vị có liên quan"),
    // The Front and the organisations.
    o(K::Mttq, ALL, "Ủy ban MTTQ Việt Nam {lv}"),
    o(K::Mttq, ALL, "Ủy ban Mặt trận Tổ quốc Việt Nam {lv}"),
    o(K::HoiNongDan, ALL, "Hội Nông dân {lv}"),
    o(K::HoiCcb, ALL, "Hội Cựu chiến binh {lv}"),
    o(K::HoiCcb, ALL, "Hội CCB {lv}"),
    o(K::CongDoan, H | T, "Liên đoàn Lao động {lv}"),
    o(K::CongDoan, H | T, "LĐLĐ {lv}"),
    o(K::CongDoan, X, "Công đoàn xã"),
    o(K::DoanTn, H, "Huyện đoàn"),
    o(K::DoanTn, H, "Ban Thường vụ Huyện đoàn"),
    o(K::DoanTn, T, "Tỉnh đoàn"),
    o(K::DoanTn, X, "Đoàn Thanh niên xã"),
    o(K::HoiLhpn, ALL, "Hội Liên hiệp Phụ nữ {lv}"),
    o(K::HoiLhpn, ALL, "Hội LHPN {lv}"),
    o(K::HoiKhuyenHoc, ALL, "Hội Khuyến học {lv}"),
    o(K::HoiChuThapDo, ALL, "Hội Chữ thập đỏ {lv}"),
    o(K::HoiNguoiCaoTuoi, ALL, "Hội Người cao tuổi {lv}"),
    o(
        K::HoiQuanChung,
        H | T,
        "Hội Nạn nhân chất độc da cam/dioxin {lv}",
    ),
    o(K::HoiQuanChung, H | T, "Hội Cựu thanh niên xung phong {lv}"),
];

/// The five socio-political organisations.
pub(crate) const FIVE: [OrgKind; 5] =
    [K::CongDoan, K::HoiNongDan, K::DoanTn, K::HoiLhpn, K::HoiCcb];

/// Collective mentions: text, whether they add the MTTQ.
pub(crate) const COLLECTIVES: &[(&str, bool)] = &[
    ("MTTQ và các đoàn thể {lv}", true),
    (
        "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội {lv}",
        true,
    ),
    ("MTTQ, các đoàn thể chính trị - xã hội {lv}", true),
    ("các đoàn thể chính trị - xã hội {lv}", false),
    ("các tổ chức chính trị - xã hội {lv}", false),
];

pub(crate) const DISTRICTS: &[&str] = &["Hòa Bình Xanh", "Thạch Mây", "Ngọc Lam", "Vân Khê Thượng"];
pub(crate) const COMMUNES: &[&str] = &[
    "Đồng Mây",
    "Suối Ngọc",
    "Bình Lam",
    "Thạch Vân",
    "Tân Mây",
    "Phú Lam",
    "Cát Vân",
    "Hòa Lam",
    "Lộc Mây",
];
pub(crate) const VILLAGES: &[&str] = &[
    "Bến Đá",
    "Gò Mây",
    "Cây Sung",
    "Bàu Ngọc",
    "Đồng Cỏ",
    "Suối Lau",
    "Trảng Vân",
];

pub(crate) const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Cao", "Trương",
];
pub(crate) const MIDDLE: &[&str] = &[
    "Văn",
    "Thị",
    "Hữu",
    "Minh",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Đức",
    "Thị Thu",
    "Thị Kim",
    "Xuân",
];
pub(crate) const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Khánh", "Lâm", "Long", "Mai",
    "Nam", "Nga", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Vân", "Yến",
];

/// Topics of directives; none carries a date, a period, a recurrence or an organisation name.
pub(crate) const TOPICS: &[&str] = &[
    "phòng, chống ma túy trong thanh thiếu niên",
    "chuyển đổi số trong sản xuất nông nghiệp",
    "bảo vệ môi trường nông thôn",
    "xây dựng nông thôn mới kiểu mẫu",
    "bảo đảm trật tự an toàn giao thông",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "giảm nghèo bền vững",
    "phát triển kinh tế tập thể",
    "cải cách hành chính",
    "phòng, chống lừa đảo qua không gian mạng",
    "bình đẳng giới",
    "xây dựng gia đình no ấm, hạnh phúc",
    "xây dựng xã hội học tập",
    "phân loại rác thải tại nguồn",
    "phát triển sản phẩm OCOP",
    "hỗ trợ thanh niên khởi nghiệp",
    "chuyển đổi cơ cấu cây trồng",
    "hiến đất làm đường giao thông nông thôn",
    "vệ sinh an toàn thực phẩm",
    "phòng cháy, chữa cháy ở khu dân cư",
    "chăm lo đối tượng chính sách",
    "sản xuất lúa theo hướng hữu cơ",
    "phòng, chống đuối nước ở trẻ em",
    "giữ gìn bản sắc văn hóa dân tộc",
];

/// Actions: a noun phrase (with `{t}` for the topic) and the verbs that go with it.
pub(crate) const ACTIONS: &[(&str, &[&str])] = &[
    ("kế hoạch tuyên truyền về {t}", &["xây dựng", "ban hành"]),
    ("hội nghị chuyên đề về {t}", &["tổ chức"]),
    (
        "đợt giám sát việc thực hiện chính sách về {t}",
        &["tổ chức", "triển khai"],
    ),
    (
        "chuyên đề sinh hoạt về {t} cho đoàn viên, hội viên",
        &["xây dựng", "triển khai"],
    ),
    ("mô hình điểm về {t}", &["xây dựng", "nhân rộng"]),
    (
        "đề án nâng cao hiệu quả công tác {t}",
        &["xây dựng", "hoàn chỉnh"],
    ),
    (
        "lớp tập huấn nghiệp vụ về {t} cho cán bộ cơ sở",
        &["tổ chức", "mở"],
    ),
    ("cuộc thi tìm hiểu về {t}", &["tổ chức", "phát động"]),
    (
        "số liệu đoàn viên, hội viên tham gia {t}",
        &["rà soát", "cập nhật"],
    ),
    (
        "các kiến nghị của cử tri liên quan đến {t}",
        &["tổng hợp", "rà soát"],
    ),
    (
        "phương án huy động nguồn lực cho {t}",
        &["xây dựng", "đề xuất"],
    ),
    (
        "các điển hình tiên tiến trong {t}",
        &["lựa chọn", "giới thiệu"],
    ),
    ("tài liệu hỏi – đáp về {t}", &["biên soạn", "phát hành"]),
    ("đợt ra quân hưởng ứng {t}", &["tổ chức"]),
    (
        "quy chế phối hợp trong {t}",
        &["xây dựng", "sửa đổi, bổ sung"],
    ),
    ("hội nghị sơ kết công tác {t}", &["tổ chức", "chuẩn bị"]),
    (
        "nhu cầu hỗ trợ vốn của hội viên gắn với {t}",
        &["khảo sát", "tổng hợp"],
    ),
    ("chương trình phối hợp về {t}", &["ký kết", "triển khai"]),
    (
        "hồ sơ đề nghị khen thưởng tập thể, cá nhân có thành tích trong {t}",
        &["hoàn chỉnh", "lập"],
    ),
    ("báo cáo chuyên đề về {t}", &["xây dựng", "hoàn thiện"]),
];

/// Proposal contents (what an organisation asked for).
pub(crate) const PROPOSALS: &[&str] = &[
    "hỗ trợ kinh phí mua sắm trang thiết bị phục vụ hoạt động",
    "bố trí địa điểm sinh hoạt cho câu lạc bộ",
    "bổ sung biên chế cán bộ chuyên trách",
    "hỗ trợ kinh phí tổ chức hội thi cấp cơ sở",
    "cho chủ trương xây dựng quỹ hỗ trợ hội viên",
    "ưu tiên nguồn vốn vay cho các tổ hợp tác mới thành lập",
    "sửa chữa trụ sở làm việc đã xuống cấp",
    "tạo điều kiện cho cán bộ tham gia lớp bồi dưỡng nghiệp vụ",
];

/// Assessment statements ({lv}: level word, {n} {m}: numbers, {period}).
pub(crate) const RESULTS: &[&str] = &[
    "{period}, các đơn vị đã bám sát nhiệm vụ chính trị của địa phương, triển khai đồng bộ các phong trào thi đua, các cuộc vận động.",
    "Toàn {lv} có thêm {n} mô hình, câu lạc bộ được thành lập; {m} hộ hội viên được hỗ trợ vốn phát triển sản xuất.",
    "Công tác nắm tình hình tư tưởng đoàn viên, hội viên và nhân dân được quan tâm; nhiều vụ việc phát sinh được hòa giải thành ngay từ cơ sở.",
    "Các hoạt động chăm lo cho đoàn viên, hội viên có hoàn cảnh khó khăn được tổ chức chu đáo, với {m} suất quà được trao.",
    "Việc giám sát, phản biện xã hội, góp ý xây dựng Đảng, xây dựng chính quyền có chuyển biến tích cực.",
    "Phong trào nông dân thi đua sản xuất, kinh doanh giỏi tiếp tục lan tỏa, có {m} hộ đạt danh hiệu các cấp.",
    "Tuổi trẻ toàn {lv} thực hiện {n} công trình, phần việc thanh niên, được nhân dân đồng tình.",
];

pub(crate) const SHORTCOMINGS: &[&str] = &[
    "Tuy nhiên, công tác phối hợp giữa các đơn vị có lúc chưa chặt chẽ; việc nắm bắt tâm tư, nguyện vọng của đoàn viên, hội viên ở một số thôn còn chậm.",
    "Bên cạnh đó, việc phát triển hội viên, đoàn viên trong khu vực kinh tế tư nhân còn gặp khó khăn; một số chi hội sinh hoạt chưa đều đặn.",
    "Nội dung, phương thức hoạt động ở một số cơ sở chưa đổi mới, còn hành chính hóa, chưa thu hút được đoàn viên, hội viên trẻ.",
    "Tỷ lệ tập hợp thanh niên ở một số xã mới đạt {n}%, thấp hơn so với cùng kỳ.",
    "Số tin, bài phản ánh hoạt động của các đơn vị trên trang thông tin điện tử còn ít, chất lượng chưa cao.",
];

/// Ongoing duties without deadline (general directives).
pub(crate) const DUTIES: &[&str] = &[
    "Tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở, địa bàn dân cư",
    "Thường xuyên nắm bắt tình hình tư tưởng của đoàn viên, hội viên và nhân dân, kịp thời phản ánh với cấp ủy, chính quyền",
    "Chủ động tham gia giải quyết những vụ việc phức tạp phát sinh ở cơ sở, không để hình thành điểm nóng",
    "Quan tâm củng cố, kiện toàn tổ chức, nâng cao chất lượng sinh hoạt của chi hội, chi đoàn",
    "Tăng cường công tác giám sát, phản biện xã hội đối với các chủ trương, chính sách liên quan trực tiếp đến đời sống nhân dân",
];
