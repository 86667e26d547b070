//! The extractor on the hand-written demo notices: the main tasks, assignees and deadlines.

use dondoc_demo::demo_notices;
use dondoc_extract::{Extraction, Freq, Level, OrgKind, Task, extract_text};

fn extraction(prefix: &str) -> Extraction {
    let n = demo_notices()
        .into_iter()
        .find(|n| n.file_name.starts_with(prefix));
    assert!(n.is_some(), "no demo notice {prefix}");
    extract_text(n.map(|n| n.text).unwrap_or_default())
}

/// The one task whose text contains `needle`.
fn task<'a>(x: &'a Extraction, needle: &str) -> &'a Task {
    let found: Vec<&Task> = x.tasks.iter().filter(|t| t.text.contains(needle)).collect();
    assert_eq!(found.len(), 1, "tasks containing {needle:?}: {found:#?}");
    found.first().copied().unwrap_or_else(|| unreachable!())
}

fn due(t: &Task) -> Option<String> {
    t.deadline
        .as_ref()
        .and_then(|d| d.due)
        .map(|d| d.to_string())
}

fn kinds(t: &Task) -> Vec<(OrgKind, Option<Level>)> {
    let mut k: Vec<_> = t.assignees.iter().map(|o| (o.kind, o.level)).collect();
    k.sort();
    k.dedup();
    k
}

fn has(t: &Task, kind: OrgKind, level: Level) -> bool {
    t.assignees
        .iter()
        .any(|o| o.kind == kind && o.level == Some(level))
}

fn collab(t: &Task, kind: OrgKind) -> bool {
    t.collaborators.iter().any(|o| o.kind == kind)
}

const H: Level = Level::Huyen;

#[test]
fn five_distinct_notices() {
    let d = demo_notices();
    assert_eq!(d.len(), 5);
    for n in &d {
        assert!(n.file_name.ends_with(".txt"));
        assert!(n.text.lines().count() >= 20, "{}", n.file_name);
    }
}

#[test]
fn huyen_uy_giao_ban() {
    let x = extraction("01_");
    assert_eq!(x.document.reference.as_deref(), Some("214-TB/HU"));
    assert_eq!(
        x.document.issued_on.map(|d| d.to_string()).as_deref(),
        Some("2026-04-14")
    );

    // Heading "II." sets the deadline, "1. Hội Nông dân huyện:" the assignee of its bullets.
    let t = task(&x, "bưởi da xanh tại xã Bình Lam");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-04-30"));
    let t = task(&x, "Tháng Thanh niên");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-04-30"));

    // "MTTQ và các đoàn thể" expands to the MTTQ and the five organisations.
    let t = task(&x, "hiến đất làm đường");
    let mut six = vec![
        (OrgKind::Mttq, Some(H)),
        (OrgKind::HoiNongDan, Some(H)),
        (OrgKind::HoiCcb, Some(H)),
        (OrgKind::CongDoan, Some(H)),
        (OrgKind::DoanTn, Some(H)),
        (OrgKind::HoiLhpn, Some(H)),
    ];
    six.sort();
    assert_eq!(kinds(t), six);
    assert_eq!(due(t).as_deref(), Some("2026-06-30"));

    // Recurrence and quota.
    let t = task(&x, "mỗi quý một lần");
    assert_eq!(t.recurrence.as_ref().map(|r| r.freq), Some(Freq::Quarterly));
    let t = task(&x, "tin, bài/tháng");
    let q = t.recurrence.as_ref().and_then(|r| r.quota.as_ref());
    assert_eq!(q.map(|q| (q.min, q.max)), Some((Some(2), Some(4))));
    assert!(has(t, OrgKind::HoiNongDan, H) && has(t, OrgKind::DoanTn, H));

    // The Hội Nông dân tasks of "IV.1", one due 2026-06-30.
    let t = task(&x, "VietGAP");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(H))]);
    assert!(collab(t, OrgKind::CoQuanChuyenMon));
    assert_eq!(due(t).as_deref(), Some("2026-06-30"));
    assert_eq!(
        due(task(&x, "phân loại hộ vay vốn")).as_deref(),
        Some("2026-07-31")
    );
    assert_eq!(
        due(task(&x, "Hội nghị biểu dương")).as_deref(),
        Some("2026-12-31")
    );

    // The Huyện đoàn tasks of "IV.2": one overdue, one upcoming.
    let t = task(&x, "trình Thường trực Huyện ủy trước ngày 15/5/2026");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(H))]);
    assert!(t.urgent);
    assert_eq!(due(t).as_deref(), Some("2026-05-15"));
    let t = task(&x, "Thanh niên làm kinh tế giỏi");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(H))]);
    assert!(collab(t, OrgKind::HoiNongDan));
    assert_eq!(due(t).as_deref(), Some("2026-12-15"));

    assert_eq!(
        due(task(&x, "cựu chiến binh làm chủ")).as_deref(),
        Some("2026-09-30")
    );

    // The proposals and their answers.
    assert_eq!(x.proposals.len(), 2);
    let by: Vec<_> = x
        .proposals
        .iter()
        .filter_map(|p| p.by.as_ref().map(|o| o.kind))
        .collect();
    assert_eq!(by, vec![OrgKind::HoiNongDan, OrgKind::DoanTn]);
    assert!(x.proposals.iter().all(|p| p.response.is_some()));
    let t = task(&x, "rà soát trụ sở dôi dư");
    assert_eq!(kinds(t), vec![(OrgKind::VanPhongCapUy, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-06-30"));

    let m = x.monitoring.as_ref();
    assert_eq!(
        m.map(|m| (m.monitor.kind, m.monitor.level)),
        Some((OrgKind::BanDanVan, Some(H)))
    );
    assert_eq!(
        m.and_then(|m| m.report_to.as_ref()).map(|o| o.kind),
        Some(OrgKind::ThuongTrucCapUy)
    );
}

#[test]
fn ubnd_huyen_notice() {
    let x = extraction("02_");
    assert_eq!(x.document.reference.as_deref(), Some("156/TB-UBND"));
    let t = task(&x, "thực trạng hoạt động của các hợp tác xã");
    assert_eq!(kinds(t), vec![(OrgKind::CoQuanChuyenMon, Some(H))]);
    assert!(collab(t, OrgKind::HoiNongDan) && collab(t, OrgKind::Ubnd));
    assert_eq!(due(t).as_deref(), Some("2026-06-30"));
    let t = task(&x, "hội nghị đối thoại");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-06-30"));
    let t = task(&x, "Ngày hội thanh niên khởi nghiệp");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(H))]);
    assert!(collab(t, OrgKind::CoQuanChuyenMon));
    assert_eq!(due(t).as_deref(), Some("2026-08-15"));
    assert_eq!(
        due(task(&x, "dự án khởi nghiệp đạt giải")).as_deref(),
        Some("2026-12-20")
    );
    let t = task(&x, "nhu cầu vay vốn");
    assert!(has(t, OrgKind::HoiNongDan, H) && has(t, OrgKind::DoanTn, H));
    assert_eq!(t.recurrence.as_ref().map(|r| r.freq), Some(Freq::Monthly));
    assert_eq!(t.deadline, None);
    let t = task(&x, "tổ hợp tác, hoàn thành");
    assert_eq!(kinds(t), vec![(OrgKind::Ubnd, Some(Level::Xa))]);
    assert_eq!(due(t).as_deref(), Some("2026-09-30"));
    // 10 days from the signing date 2026-05-22.
    assert_eq!(
        due(task(&x, "sản phẩm nông nghiệp chủ lực")).as_deref(),
        Some("2026-06-01")
    );
}

#[test]
fn ban_dan_van_letter() {
    let x = extraction("03_");
    assert_eq!(x.document.reference.as_deref(), Some("96-CV/BDVHU"));
    assert_eq!(x.document.addressees.len(), 6);
    // "các cơ quan, đơn vị" of the opening means the "Kính gửi:" list.
    let t = task(&x, "theo đề cương gửi kèm");
    assert_eq!(kinds(t).len(), 6);
    assert!(has(t, OrgKind::HoiNongDan, H) && has(t, OrgKind::DoanTn, H));
    assert_eq!(due(t).as_deref(), Some("2026-11-25"));
    assert_eq!(
        due(task(&x, "hồ sơ đề nghị khen thưởng")).as_deref(),
        Some("2026-12-10")
    );
    let t = task(&x, "phóng sự");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(H))]);
    assert!(collab(t, OrgKind::DoanTn));
    assert_eq!(due(t).as_deref(), Some("2026-12-20"));
    assert_eq!(due(task(&x, "năm 2027")).as_deref(), Some("2026-12-31"));
}

#[test]
fn commune_notice() {
    let x = extraction("04_");
    assert_eq!(x.document.reference.as_deref(), Some("58-TB/ĐU"));
    let xa = Level::Xa;
    let t = task(&x, "ma túy");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(xa))]);
    assert!(collab(t, OrgKind::CongAn));
    assert_eq!(due(t).as_deref(), Some("2026-11-30"));
    let t = task(&x, "Đông Xuân");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(xa))]);
    assert_eq!(due(t).as_deref(), Some("2026-11-15"));
    let t = task(&x, "quà Tết");
    assert_eq!(kinds(t), vec![(OrgKind::Mttq, Some(xa))]);
    assert!(collab(t, OrgKind::HoiChuThapDo));
    // The day before Tết Đinh Mùi (2027-02-06).
    assert_eq!(due(t).as_deref(), Some("2027-02-05"));
    let t = task(&x, "nhà ở cho hộ nghèo");
    assert!(has(t, OrgKind::HoiLhpn, xa) && has(t, OrgKind::HoiCcb, xa));
    assert_eq!(t.deadline, None);
    let m = x.monitoring.as_ref().map(|m| m.monitor.kind);
    assert_eq!(m, Some(OrgKind::BanXayDungDang));
}

#[test]
fn btv_working_session() {
    let x = extraction("05_");
    assert_eq!(x.document.reference.as_deref(), Some("187-KL/HU"));
    let t = task(&x, "tặng quà");
    assert_eq!(kinds(t), vec![(OrgKind::HoiNongDan, Some(H))]);
    // The day before Tết Bính Ngọ (2026-02-17).
    assert_eq!(due(t).as_deref(), Some("2026-02-16"));
    assert_eq!(due(task(&x, "OCOP")).as_deref(), Some("2026-06-30"));
    let t = task(&x, "giải ngân Quỹ");
    assert_eq!(t.recurrence.as_ref().map(|r| r.freq), Some(Freq::Quarterly));
    let t = task(&x, "điểm vui chơi");
    assert_eq!(kinds(t), vec![(OrgKind::DoanTn, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-03-31"));
    let t = task(&x, "nhập ngũ");
    assert!(collab(t, OrgKind::QuanSu));
    assert_eq!(due(t).as_deref(), Some("2026-02-28"));
    let t = task(&x, "đoàn viên ưu tú");
    assert_eq!(
        t.recurrence.as_ref().map(|r| r.freq),
        Some(Freq::HalfYearly)
    );
    let t = task(&x, "kiện toàn nhân sự");
    assert_eq!(kinds(t), vec![(OrgKind::BanToChuc, Some(H))]);
    assert_eq!(due(t).as_deref(), Some("2026-12-31"));
    assert_eq!(
        x.monitoring.as_ref().map(|m| m.monitor.kind),
        Some(OrgKind::BanDanVan)
    );
}

/// Misses found when these notices were written, fixed since.
#[test]
fn fixed_misses() {
    // 03: the closing "… đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./." is no task.
    let x = extraction("03_");
    assert!(
        !x.tasks
            .iter()
            .any(|t| t.text.contains("quan tâm, phối hợp thực hiện"))
    );
    // 01: the "Về đề nghị của Hội Nông dân huyện …: đồng ý về chủ trương" answer is no task;
    // what it asks for ("giao UBND huyện …") is.
    let x = extraction("01_");
    assert!(
        !x.tasks
            .iter()
            .any(|t| t.text.starts_with("Về đề nghị của Hội Nông dân"))
    );
    // 02: "3. Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc việc thực hiện, báo cáo …"
    // is the monitoring clause.
    assert_eq!(
        extraction("02_")
            .monitoring
            .as_ref()
            .map(|m| m.monitor.kind),
        Some(OrgKind::VanPhongUbnd)
    );
    // 01: a directive naming nobody carries each addressed organisation once.
    let t = task(&x, "hướng mạnh về cơ sở");
    assert_eq!(t.assignees.len(), kinds(t).len());
}
