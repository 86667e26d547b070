//! The generator of synthetic notices: a header block, the meeting, assessments, an outline of
//! directives with varied assignees, deadlines, recurrences and quotas, proposals and their
//! answers, the monitoring clause, "Nơi nhận" and the signature.
//!
//! Every notice records what it was built from ([`SyntheticNotice::tasks`] …) so that tests can
//! compare the extractor's output with the truth.

use dondoc_extract::deadline::next_tet;
use dondoc_extract::{Date, Freq, Level, OrgKind};

use crate::rng::Rng;
use crate::tables::{
    ACTIONS, COLLECTIVES, COMMUNES, DISTRICTS, DUTIES, FAMILY, FIVE, GIVEN, H, MIDDLE, ORGS,
    OrgPhrase, PROPOSALS, RESULTS, SHORTCOMINGS, T, TOPICS, VILLAGES, X,
};

/// The deadline forms the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineForm {
    /// "trước ngày 30/4/2026"
    TruocNgay,
    /// "chậm nhất ngày 10/12/2026", "chậm nhất 16 giờ ngày …"
    ChamNhat,
    /// "trong tháng 6/2026"
    TrongThang,
    /// "trong quý II/2026"
    TrongQuy,
    /// "trong năm 2026"
    TrongNam,
    /// "trong 6 tháng đầu năm 2026"
    SauThangDauNam,
    /// "trước Tết Nguyên đán"
    TruocTet,
    /// "trong thời hạn 10 ngày kể từ ngày ký …"
    KeTuNgayKy,
    /// No deadline.
    None,
}

impl DeadlineForm {
    pub const ALL: [DeadlineForm; 9] = [
        DeadlineForm::TruocNgay,
        DeadlineForm::ChamNhat,
        DeadlineForm::TrongThang,
        DeadlineForm::TrongQuy,
        DeadlineForm::TrongNam,
        DeadlineForm::SauThangDauNam,
        DeadlineForm::TruocTet,
        DeadlineForm::KeTuNgayKy,
        DeadlineForm::None,
    ];
}

/// A directive as the generator wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedTask {
    /// A fragment of the task's text, unique in the notice.
    pub needle: String,
    /// Who must do it, as (kind, level) pairs (collectives expanded), sorted.
    pub assignees: Vec<(OrgKind, Option<Level>)>,
    pub collaborators: Vec<OrgKind>,
    pub form: DeadlineForm,
    pub due: Option<Date>,
    pub recurrence: Option<Freq>,
    pub quota: bool,
    /// The assignee came from a collective mention or from nobody named.
    pub collective: bool,
}

/// One synthetic notice and what it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticNotice {
    pub file_name: String,
    pub text: String,
    /// The issuing body's level.
    pub level: Level,
    /// A Party notice (else a state one).
    pub party: bool,
    pub issued_on: Date,
    /// The directives outside the answers to proposals.
    pub tasks: Vec<ExpectedTask>,
    /// Every organisation kind named as assignee or collaborator (answers included).
    pub org_kinds: Vec<OrgKind>,
    /// Every deadline form written (answers included).
    pub deadline_forms: Vec<DeadlineForm>,
    /// Proposals answered in the notice.
    pub proposals: usize,
    /// The monitoring body, when the notice names one.
    pub monitor: Option<OrgKind>,
}

/// `n` synthetic notices for `seed`: (file name, text). Deterministic; notice `i` depends only on
/// `seed` and `i`, so a shorter run is a prefix of a longer one.
pub fn synthetic(n: usize, seed: u64) -> Vec<(String, String)> {
    synthetic_detailed(n, seed)
        .into_iter()
        .map(|s| (s.file_name, s.text))
        .collect()
}

/// [`synthetic`] with what each notice was built from.
pub fn synthetic_detailed(n: usize, seed: u64) -> Vec<SyntheticNotice> {
    (0..n)
        // Every generated date is valid, so no notice is ever dropped here.
        .filter_map(|i| {
            let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
            Gen::new(&mut rng, i).map(Gen::build)
        })
        .collect()
}

/// An organisation written in the text, with the (kind, level) pairs it covers.
#[derive(Debug, Clone)]
struct Org {
    text: String,
    covers: Vec<(OrgKind, Option<Level>)>,
    collective: bool,
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Xa => "xã",
        Level::Huyen => "huyện",
        Level::Tinh => "tỉnh",
        Level::TrungUong => "trung ương",
    }
}

fn mask(l: Level) -> u8 {
    match l {
        Level::Xa => X,
        Level::Huyen => H,
        _ => T,
    }
}

/// Names of the sections of specific tasks, in order.
const SECTIONS: [&str; 5] = [
    "Nhiệm vụ cụ thể",
    "Về công tác xây dựng tổ chức",
    "Về công tác phối hợp",
    "Về công tác tuyên truyền",
    "Một số nhiệm vụ khác",
];

/// What the answer to a proposal asks its handler to do.
const ANSWERS: [&str; 4] = [
    "nghiên cứu, cân đối, bố trí kinh phí",
    "rà soát, đề xuất phương án cụ thể",
    "phối hợp với đơn vị đề xuất xây dựng phương án thực hiện",
    "tham mưu xem xét, giải quyết theo thẩm quyền",
];

const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

fn roman(i: usize) -> &'static str {
    ROMAN.get(i).copied().unwrap_or("IX")
}

fn cap_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

struct Gen<'r> {
    rng: &'r mut Rng,
    index: usize,
    level: Level,
    party: bool,
    date: Date,
    district: &'static str,
    commune: &'static str,
    /// The committee: "Huyện ủy", "Tỉnh ủy", "Đảng ủy xã".
    cu: &'static str,
    blank: bool,
    lines: Vec<String>,
    participants: Vec<Org>,
    used_actions: Vec<(usize, usize)>,
    tasks: Vec<ExpectedTask>,
    org_kinds: Vec<OrgKind>,
    forms: Vec<DeadlineForm>,
    proposals: usize,
    monitor: Option<OrgKind>,
    /// Where reports go: "Thường trực Huyện ủy", "UBND huyện".
    report: String,
}

impl<'r> Gen<'r> {
    fn new(rng: &'r mut Rng, index: usize) -> Option<Self> {
        let level = match rng.below(10) {
            0..=2 => Level::Xa,
            3..=7 => Level::Huyen,
            _ => Level::Tinh,
        };
        let party = rng.chance(55);
        let date = Date::new(2025, 1, 2)?.add_days(rng.below(900) as i64)?;
        let district = rng.pick(DISTRICTS);
        let commune = rng.pick(COMMUNES);
        let cu = match level {
            Level::Xa => "Đảng ủy xã",
            Level::Huyen => "Huyện ủy",
            _ => "Tỉnh ủy",
        };
        let report = if party {
            format!("Thường trực {cu}")
        } else {
            format!("UBND {}", level_word(level))
        };
        let blank = rng.chance(60);
        Some(Self {
            rng,
            index,
            level,
            party,
            date,
            district,
            commune,
            cu,
            blank,
            lines: Vec::new(),
            participants: Vec::new(),
            used_actions: Vec::new(),
            tasks: Vec::new(),
            org_kinds: Vec::new(),
            forms: Vec::new(),
            proposals: 0,
            monitor: None,
            report,
        })
    }

    fn lv(&self) -> &'static str {
        level_word(self.level)
    }

    fn fill(&mut self, template: &str) -> String {
        let thon = self.rng.pick(VILLAGES);
        template
            .replace("{lv}", self.lv())
            .replace("{cu}", self.cu)
            .replace("{huyen}", self.district)
            .replace("{xa}", self.commune)
            .replace("{thon}", thon)
    }

    fn person(&mut self) -> String {
        format!(
            "{} {} {}",
            self.rng.pick(FAMILY),
            self.rng.pick(MIDDLE),
            self.rng.pick(GIVEN)
        )
    }

    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    /// A paragraph of the body: a blank line before it when the notice uses them.
    fn para(&mut self, s: impl Into<String>) {
        if self.blank {
            self.lines.push(String::new());
        }
        self.lines.push(s.into());
    }

    fn org_from(&mut self, p: &OrgPhrase) -> Org {
        let text = self.fill(p.text);
        Org {
            text,
            covers: vec![(p.kind, Some(p.level.unwrap_or(self.level)))],
            collective: false,
        }
    }

    /// A random single organisation valid for this notice, optionally of a kind among `only`.
    fn org(&mut self, only: Option<&[OrgKind]>) -> Org {
        let m = mask(self.level);
        let party = self.party;
        let ok: Vec<&'static OrgPhrase> = ORGS
            .iter()
            .filter(|p| p.levels & m != 0 && (party || !p.party))
            .filter(|p| only.is_none_or(|k| k.contains(&p.kind)))
            .collect();
        match ok.get(self.rng.below(ok.len())) {
            Some(p) => self.org_from(p),
            None => Org {
                text: format!("Hội Nông dân {}", self.lv()),
                covers: vec![(OrgKind::HoiNongDan, Some(self.level))],
                collective: false,
            },
        }
    }

    /// The focal organisations come back often: Hội Nông dân and the Đoàn.
    fn lead(&mut self) -> Org {
        match self.rng.below(10) {
            0..=1 => self.org(Some(&[OrgKind::HoiNongDan])),
            2 => self.org(Some(&[OrgKind::DoanTn])),
            3 => self.org(Some(&[
                OrgKind::Mttq,
                OrgKind::HoiLhpn,
                OrgKind::HoiCcb,
                OrgKind::CongDoan,
            ])),
            _ => self.org(None),
        }
    }

    fn collective(&mut self) -> Org {
        let (t, mttq) = self.rng.pick(COLLECTIVES);
        let l = Some(self.level);
        let mut covers: Vec<_> = FIVE.iter().map(|k| (*k, l)).collect();
        if mttq {
            covers.push((OrgKind::Mttq, l));
        }
        Org {
            text: self.fill(t),
            covers,
            collective: true,
        }
    }

    fn note_org(&mut self, o: &Org) {
        for (k, _) in &o.covers {
            if !self.org_kinds.contains(k) {
                self.org_kinds.push(*k);
            }
        }
    }

    fn date_text(&mut self, d: Date) -> String {
        let m = if d.month() < 10 && self.rng.chance(30) {
            format!("0{}", d.month())
        } else {
            d.month().to_string()
        };
        format!("{:02}/{}/{}", d.day(), m, d.year())
    }

    /// A fresh action (verb + noun phrase) and its needle.
    fn action(&mut self) -> (String, String) {
        for _ in 0..50 {
            let a = self.rng.below(ACTIONS.len());
            let t = self.rng.below(TOPICS.len());
            if self.used_actions.contains(&(a, t)) {
                continue;
            }
            self.used_actions.push((a, t));
            let (noun, verbs) = ACTIONS.get(a).copied().unwrap_or(("", &[]));
            let topic = TOPICS.get(t).copied().unwrap_or("");
            let np = noun.replace("{t}", topic);
            let verb = self.rng.pick(verbs);
            return (format!("{verb} {np}"), np);
        }
        let n = self.used_actions.len();
        let np = format!("phần việc số {n} của đơn vị");
        (format!("thực hiện {np}"), np)
    }

    /// A deadline phrase (with its leading separator) and its due date.
    fn deadline(&mut self, form: DeadlineForm) -> (String, Option<Date>) {
        let d = self.date;
        let later =
            |rng: &mut Rng, lo: usize, hi: usize| d.add_days(rng.range(lo, hi) as i64).unwrap_or(d);
        let y = d.year();
        match form {
            DeadlineForm::TruocNgay => {
                let due = later(self.rng, 7, 240);
                let dt = self.date_text(due);
                let s = match self.rng.below(3) {
                    0 => format!(", hoàn thành trước ngày {dt}"),
                    1 => format!(", báo cáo {} trước ngày {dt}", self.report),
                    _ => format!(" trước ngày {dt}"),
                };
                (s, Some(due))
            }
            DeadlineForm::ChamNhat => {
                let due = later(self.rng, 7, 200);
                let dt = self.date_text(due);
                let s = if self.rng.chance(25) {
                    format!(", gửi về {} chậm nhất 16 giờ ngày {dt}", self.report)
                } else {
                    format!(", chậm nhất ngày {dt}")
                };
                (s, Some(due))
            }
            DeadlineForm::TrongThang => {
                let m = later(self.rng, 20, 200);
                let due = Date::end_of_month(m.year(), m.month());
                (
                    format!(", hoàn thành trong tháng {}/{}", m.month(), m.year()),
                    due,
                )
            }
            DeadlineForm::TrongQuy => {
                let m = later(self.rng, 30, 300);
                let q = (m.month() - 1) / 3;
                let due = Date::end_of_month(m.year(), q * 3 + 3);
                (
                    format!(", hoàn thành trong quý {}/{}", roman(q as usize), m.year()),
                    due,
                )
            }
            DeadlineForm::TrongNam => {
                let yy = if d.month() <= 9 { y } else { y + 1 };
                (
                    format!(", hoàn thành trong năm {yy}"),
                    Date::new(yy, 12, 31),
                )
            }
            DeadlineForm::SauThangDauNam => {
                let yy = if d.month() <= 3 { y } else { y + 1 };
                (
                    format!(", hoàn thành trong 6 tháng đầu năm {yy}"),
                    Date::new(yy, 6, 30),
                )
            }
            DeadlineForm::TruocTet => {
                let tet = next_tet(d);
                let due = tet.and_then(|t| t.add_days(-1));
                let s = match (self.rng.chance(40), tet) {
                    (true, Some(t)) => format!(", hoàn thành trước Tết Nguyên đán {}", t.year()),
                    _ => ", hoàn thành trước Tết Nguyên đán".to_string(),
                };
                (s, due)
            }
            DeadlineForm::KeTuNgayKy => {
                let n = self.rng.pick(&[5u32, 7, 10, 15]);
                let doc = if self.party {
                    "Kết luận"
                } else {
                    "Thông báo"
                };
                if self.rng.chance(50) {
                    (
                        format!(
                            ", báo cáo {} trong thời hạn {n:02} ngày làm việc kể từ ngày ký {doc} này",
                            self.report
                        ),
                        d.add_working_days(n),
                    )
                } else {
                    (
                        format!(", hoàn thành trong thời hạn {n:02} ngày kể từ ngày ký {doc} này"),
                        d.add_days(i64::from(n)),
                    )
                }
            }
            DeadlineForm::None => (String::new(), None),
        }
    }

    fn pick_form(&mut self) -> DeadlineForm {
        match self.rng.below(20) {
            0..=4 => DeadlineForm::TruocNgay,
            5..=6 => DeadlineForm::ChamNhat,
            7..=8 => DeadlineForm::TrongThang,
            9..=10 => DeadlineForm::TrongQuy,
            11 => DeadlineForm::TrongNam,
            12 => DeadlineForm::SauThangDauNam,
            13 => DeadlineForm::TruocTet,
            14 => DeadlineForm::KeTuNgayKy,
            _ => DeadlineForm::None,
        }
    }

    /// A recurrence tail ("; hằng quý báo cáo …") for a task without a deadline.
    fn recurrence(&mut self) -> (String, Freq) {
        let r = self.report.clone();
        match self.rng.below(6) {
            0 => (
                format!("; hằng tháng báo cáo kết quả về {r}"),
                Freq::Monthly,
            ),
            1 => (format!("; hằng quý báo cáo {r}"), Freq::Quarterly),
            2 => (format!("; định kỳ 6 tháng báo cáo {r}"), Freq::HalfYearly),
            3 => (format!("; hằng năm báo cáo kết quả với {r}"), Freq::Yearly),
            4 => (
                "; tổ chức kiểm tra tại cơ sở mỗi quý một lần".to_string(),
                Freq::Quarterly,
            ),
            _ => (format!("; định kỳ báo cáo {r}"), Freq::Periodic),
        }
    }

    /// One directive sentence with an explicit lead. Returns the sentence.
    fn directive(&mut self, lead: &Org, in_answer: bool) -> String {
        let (act, needle) = self.action();
        let collab = if self.rng.chance(35) {
            let c = self.org(None);
            (c.text != lead.text).then_some(c)
        } else {
            None
        };
        let a = &lead.text;
        let head = match (self.rng.below(8), &collab) {
            (0, Some(c)) => format!("Giao {a} chủ trì, phối hợp với {} {act}", c.text),
            (1, Some(c)) => format!("{} chủ trì, phối hợp với {} {act}", cap_first(a), c.text),
            (2, Some(c)) => format!("{} phối hợp với {} {act}", cap_first(a), c.text),
            (3, _) => format!("Đề nghị {a} {act}"),
            (4, _) => format!("Yêu cầu {a} {act}"),
            (5, _) => format!("Giao {a} {act}"),
            (6, _) => format!("{} chịu trách nhiệm {act}", cap_first(a)),
            _ => format!("{} {act}", cap_first(a)),
        };
        let collab = if head.contains("phối hợp với") {
            collab
        } else {
            None
        };
        let place = if self.rng.chance(30) {
            format!(" tại xã {}", self.rng.pick(COMMUNES))
        } else {
            String::new()
        };
        let (form, tail, due, rec) = if self.rng.chance(18) {
            let (t, f) = self.recurrence();
            (DeadlineForm::None, t, None, Some(f))
        } else {
            let f = self.pick_form();
            let (t, d) = self.deadline(f);
            (f, t, d, None)
        };
        self.note_org(lead);
        if let Some(c) = &collab {
            self.note_org(c);
        }
        self.forms.push(form);
        if !in_answer {
            self.push_task(needle, lead, collab.as_ref(), form, due, rec, false);
        }
        format!("{head}{place}{tail}.")
    }

    #[allow(clippy::too_many_arguments)]
    fn push_task(
        &mut self,
        needle: String,
        lead: &Org,
        collab: Option<&Org>,
        form: DeadlineForm,
        due: Option<Date>,
        recurrence: Option<Freq>,
        quota: bool,
    ) {
        let mut assignees = lead.covers.clone();
        assignees.sort();
        assignees.dedup();
        self.tasks.push(ExpectedTask {
            needle,
            assignees,
            collaborators: collab
                .map(|c| c.covers.iter().map(|(k, _)| *k).collect())
                .unwrap_or_default(),
            form,
            due,
            recurrence,
            quota,
            collective: lead.collective,
        });
    }

    /// The meeting's participants as one organisation (for directives naming nobody).
    fn participants_org(&self) -> Org {
        let mut covers: Vec<_> = self
            .participants
            .iter()
            .flat_map(|o| o.covers.iter().copied())
            .collect();
        covers.sort();
        covers.dedup();
        Org {
            text: "các đơn vị".into(),
            covers,
            collective: true,
        }
    }

    fn header(&mut self) {
        let lv = self.lv();
        let upper_place = match self.level {
            Level::Xa => format!("XÃ {}", self.commune.to_uppercase()),
            Level::Huyen => format!("HUYỆN {}", self.district.to_uppercase()),
            _ => "TỈNH SÔNG MÂY".to_string(),
        };
        let number = self.rng.range(3, 480);
        let place = match self.level {
            Level::Xa => self.commune,
            Level::Huyen => self.district,
            _ => "Sông Mây",
        };
        let dd = self.date;
        let date_line = format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            dd.day(),
            dd.month(),
            dd.year()
        );
        if self.party {
            let issuer = match self.level {
                Level::Xa => format!("ĐẢNG ỦY {upper_place}"),
                Level::Huyen => format!("HUYỆN ỦY {}", self.district.to_uppercase()),
                _ => "TỈNH ỦY SÔNG MÂY".to_string(),
            };
            let sym = match self.level {
                Level::Xa => "ĐU",
                Level::Huyen => "HU",
                _ => "TU",
            };
            let ty = if self.rng.chance(60) { "TB" } else { "KL" };
            if self.level != Level::Tinh {
                self.line("ĐẢNG BỘ TỈNH SÔNG MÂY");
            }
            self.line(issuer);
            self.line("*");
            self.line(format!("Số {number}-{ty}/{sym}"));
            self.line("ĐẢNG CỘNG SẢN VIỆT NAM");
            self.line(date_line);
            self.para(if ty == "KL" {
                "KẾT LUẬN"
            } else {
                "THÔNG BÁO"
            });
            if ty == "TB" {
                let body = if self.rng.chance(50) {
                    "THƯỜNG TRỰC"
                } else {
                    "BAN THƯỜNG VỤ"
                };
                self.line(format!("KẾT LUẬN CỦA {body} {}", self.cu.to_uppercase()));
            }
        } else {
            self.line("ỦY BAN NHÂN DÂN");
            self.line(upper_place);
            self.line(format!("Số: {number}/TB-UBND"));
            self.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            self.line("Độc lập - Tự do - Hạnh phúc");
            self.line(date_line);
            self.para("THÔNG BÁO");
            let who = if self.rng.chance(60) {
                "Chủ tịch"
            } else {
                "Phó Chủ tịch"
            };
            self.line(format!("Kết luận của {who} UBND {lv}"));
        }
    }

    /// The meeting: participants, title line and opening paragraph.
    fn meeting(&mut self) -> String {
        let lv = self.lv();
        let kind = self.rng.below(3);
        let period = self.period();
        let (title, what) = match kind {
            0 => {
                let mut ps = vec![self.org(Some(&[OrgKind::Mttq]))];
                for k in FIVE {
                    ps.push(self.org(Some(&[k])));
                }
                self.participants = ps;
                (
                    format!(
                        "tại buổi giao ban với Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội {lv} {period}"
                    ),
                    format!(
                        "buổi giao ban với Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội {lv} {period}"
                    ),
                )
            }
            1 => {
                let a = self.org(Some(&[OrgKind::HoiNongDan]));
                let b = self.org(Some(&[OrgKind::DoanTn, OrgKind::HoiLhpn, OrgKind::HoiCcb]));
                let t = format!("buổi làm việc với {} và {}", a.text, b.text);
                self.participants = vec![a, b];
                (format!("tại {t}"), t)
            }
            _ => {
                let topic = self.rng.pick(TOPICS);
                let n = self.rng.range(3, 6);
                let mut ps: Vec<Org> = Vec::new();
                for _ in 0..n {
                    let o = self.lead();
                    if !ps.iter().any(|p| p.covers == o.covers) && !o.text.starts_with("các ") {
                        ps.push(o);
                    }
                }
                self.participants = ps;
                let t = format!("cuộc họp về công tác {topic}");
                (format!("tại {t}"), t)
            }
        };
        for p in self.participants.clone() {
            self.note_org(&p);
        }
        self.line(title.clone());
        let chair = self.person();
        let pos = if self.party {
            if self.rng.chance(50) {
                format!("Phó Bí thư Thường trực {}", self.cu)
            } else {
                format!("Bí thư {}", self.cu)
            }
        } else {
            format!("Chủ tịch UBND {lv}")
        };
        let held = self
            .date
            .add_days(-(self.rng.range(1, 6) as i64))
            .unwrap_or(self.date);
        let held_text = self.date_text(held);
        let names: Vec<String> = self.participants.iter().map(|p| p.text.clone()).collect();
        let room = if self.party {
            format!("phòng họp {}", self.cu)
        } else {
            format!("Hội trường UBND {lv}")
        };
        let opener = self.rng.pick(&["Ngày", "Sáng ngày", "Chiều ngày"]);
        let mut s = format!(
            "{opener} {held_text}, tại {room}, đồng chí {chair} – {pos} chủ trì {what}. Dự họp có lãnh đạo {}.",
            names.join(", ")
        );
        if self.rng.chance(50) {
            let sec = self.person();
            s.push_str(&format!(" Thư ký: đồng chí {sec} – Chuyên viên."));
        }
        self.para(s);
        let reporter = self
            .participants
            .first()
            .map(|p| p.text.clone())
            .unwrap_or_else(|| "các đơn vị".into());
        self.para(format!(
            "Sau khi nghe {reporter} báo cáo và ý kiến phát biểu của các đại biểu dự họp, đồng chí chủ trì kết luận như sau:"
        ));
        pos
    }

    fn period(&mut self) -> String {
        let d = self.date;
        match self.rng.below(3) {
            0 => format!("quý {}/{}", roman(((d.month() - 1) / 3) as usize), d.year()),
            1 => format!("tháng {}/{}", d.month(), d.year()),
            _ => format!("năm {}", d.year()),
        }
    }

    fn assessment(&mut self, numbered: Option<String>) {
        if let Some(h) = numbered {
            self.para(h);
        }
        let n = self.rng.range(1, 3);
        let period = "Thời gian qua";
        for _ in 0..n {
            let r = self.rng.pick(RESULTS);
            let s = r
                .replace("{period}", period)
                .replace("{lv}", self.lv())
                .replace("{n}", &self.rng.range(3, 40).to_string())
                .replace("{m}", &self.rng.range(40, 900).to_string());
            self.para(s);
        }
        if self.rng.chance(40) {
            let who = if self.party {
                format!("Thường trực {}", self.cu)
            } else {
                format!("Chủ tịch UBND {}", self.lv())
            };
            self.para(format!(
                "{who} ghi nhận, đánh giá cao sự cố gắng của các đơn vị trong thời gian qua."
            ));
        }
        let s = self.rng.pick(SHORTCOMINGS);
        let s = s
            .replace("{n}", &self.rng.range(40, 70).to_string())
            .replace("{lv}", self.lv());
        self.para(s);
    }

    /// "N. Về dự thảo …: Đề nghị các đơn vị …, gửi … trước ngày …, cụ thể:" and org sub-headings.
    fn inherited_section(&mut self, number: &str) {
        let (dl, due) = self.deadline(DeadlineForm::TruocNgay);
        self.forms.push(DeadlineForm::TruocNgay);
        self.para(format!(
            "{number} Về dự thảo chương trình công tác của các đơn vị"
        ));
        let dl = dl.trim_start_matches(", ").trim_start();
        let dl = if dl.starts_with("hoàn thành") || dl.starts_with("báo cáo") {
            dl.to_string()
        } else {
            format!("gửi {} {dl}", self.report)
        };
        self.para(format!(
            "Đề nghị các đơn vị tiếp thu ý kiến tại buổi làm việc, hoàn chỉnh chương trình công tác, {dl}, cụ thể:"
        ));
        let heads = self.rng.range(1, 3);
        let mut seen: Vec<String> = Vec::new();
        for h in 0..heads {
            let o = match self.participants.get(h) {
                Some(p) if !seen.contains(&p.text) => p.clone(),
                _ => self.lead(),
            };
            if o.text.starts_with("các ") || seen.contains(&o.text) {
                continue;
            }
            seen.push(o.text.clone());
            self.para(format!("{}. {}:", h + 1, cap_first(&o.text)));
            self.note_org(&o);
            for _ in 0..self.rng.range(1, 3) {
                let (act, needle) = self.action();
                self.para(format!("- {}.", cap_first(&act)));
                self.push_task(needle, &o, None, DeadlineForm::TruocNgay, due, None, false);
            }
        }
    }

    /// General directives: unnamed (participants), collectives, quotas.
    fn general_section(&mut self, heading: Option<String>, sub: &dyn Fn(usize) -> String) -> usize {
        if let Some(h) = heading {
            self.para(h);
        }
        let n = self.rng.range(1, 4);
        for i in 0..n {
            let label = sub(i);
            let s = match self.rng.below(4) {
                0 => {
                    let duty = self.rng.pick(DUTIES);
                    let o = self.participants_org();
                    self.push_task(
                        duty.to_string(),
                        &o,
                        None,
                        DeadlineForm::None,
                        None,
                        None,
                        false,
                    );
                    self.forms.push(DeadlineForm::None);
                    format!("{duty}.")
                }
                1 => {
                    let topic = self.rng.pick(TOPICS);
                    let needle = format!("tin, bài phản ánh hoạt động {topic}");
                    if self.tasks.iter().any(|t| t.needle == needle) {
                        continue;
                    }
                    let (lo, hi) = self.rng.pick(&[(2u32, 4u32), (1, 2), (3, 5)]);
                    let o = self.participants_org();
                    self.push_task(
                        needle.clone(),
                        &o,
                        None,
                        DeadlineForm::None,
                        None,
                        Some(Freq::Monthly),
                        true,
                    );
                    self.forms.push(DeadlineForm::None);
                    format!(
                        "Các đơn vị chủ động viết {needle} gửi Trang thông tin điện tử {}, mỗi đơn vị có ít nhất {lo:02} – {hi:02} tin, bài/tháng.",
                        self.lv()
                    )
                }
                _ => {
                    let c = self.collective();
                    self.directive(&c, false)
                }
            };
            self.para(format!("{label}{s}"));
        }
        n
    }

    /// "N. Hội Nông dân huyện:" with bullets, or directives each naming its lead.
    fn specific_section(&mut self, heading: Option<String>, numbering: u8, start: usize) -> usize {
        if let Some(h) = heading {
            self.para(h);
        }
        let n = self.rng.range(2, 6);
        let mut used: Vec<String> = Vec::new();
        for i in start..start + n {
            let lead = self.lead();
            if self.rng.chance(45) && !used.contains(&lead.text) && !lead.text.starts_with("các ")
            {
                used.push(lead.text.clone());
                let label = match numbering {
                    0 => format!("{}. ", i + 1),
                    _ => format!("{}.{}. ", numbering, i + 1),
                };
                self.para(format!("{label}{}:", cap_first(&lead.text)));
                let letters = self.rng.chance(40);
                for j in 0..self.rng.range(1, 3) {
                    let s = self.bullet(&lead);
                    let mark = if letters {
                        format!("{}) ", ["a", "b", "c", "d"].get(j).copied().unwrap_or("đ"))
                    } else {
                        "- ".to_string()
                    };
                    self.para(format!("{mark}{s}"));
                }
            } else {
                let label = match numbering {
                    0 => format!("{}. ", i + 1),
                    _ => format!("{}.{}. ", numbering, i + 1),
                };
                let s = self.directive(&lead, false);
                self.para(format!("{label}{s}"));
            }
        }
        start + n
    }

    /// A bullet under an organisation heading: the heading's organisation does it.
    fn bullet(&mut self, lead: &Org) -> String {
        let (act, needle) = self.action();
        let collab = if self.rng.chance(30) {
            let c = self.org(None);
            (c.text != lead.text && !c.text.starts_with("các ")).then_some(c)
        } else {
            None
        };
        let head = match &collab {
            Some(c) if self.rng.chance(50) => format!("Chủ trì, phối hợp với {} {act}", c.text),
            Some(c) => format!("Phối hợp với {} {act}", c.text),
            None => cap_first(&act),
        };
        let (form, tail, due, rec) = if self.rng.chance(15) {
            let (t, f) = self.recurrence();
            (DeadlineForm::None, t, None, Some(f))
        } else {
            let f = self.pick_form();
            let (t, d) = self.deadline(f);
            (f, t, d, None)
        };
        if let Some(c) = &collab {
            self.note_org(c);
        }
        self.forms.push(form);
        self.push_task(needle, lead, collab.as_ref(), form, due, rec, false);
        format!("{head}{tail}.")
    }

    fn proposals_section(&mut self, heading: Option<String>, numbered: bool, start: usize) {
        if let Some(h) = heading {
            self.para(h);
        }
        let n = self.rng.range(1, 3);
        for i in 0..n {
            let by = self.org(Some(&[
                OrgKind::HoiNongDan,
                OrgKind::DoanTn,
                OrgKind::HoiLhpn,
                OrgKind::HoiCcb,
                OrgKind::Mttq,
                OrgKind::HoiKhuyenHoc,
                OrgKind::HoiNguoiCaoTuoi,
            ]));
            let what = self.rng.pick(PROPOSALS);
            let handler = self.org(Some(&[
                OrgKind::Ubnd,
                OrgKind::CoQuanChuyenMon,
                OrgKind::VanPhongUbnd,
                OrgKind::VanPhongCapUy,
                OrgKind::BanToChuc,
            ]));
            let f = self.pick_form();
            let (dl, _) = self.deadline(f);
            self.forms.push(f);
            self.note_org(&handler);
            let verb = self.rng.pick(&ANSWERS);
            let answer = format!("giao {} {verb}{dl}.", handler.text);
            let kw = self.rng.pick(&["đề nghị", "kiến nghị", "đề xuất"]);
            let agree = self
                .rng
                .pick(&["đồng ý về chủ trương", "thống nhất", "đồng ý"]);
            let label = if numbered {
                format!("{}. ", start + i + 1)
            } else {
                "- ".to_string()
            };
            self.para(format!(
                "{label}Về {kw} của {} {what}: {agree}; {answer}",
                by.text
            ));
            self.proposals += 1;
        }
    }

    fn monitor_clause(&mut self) {
        let (who, kind) = match (self.party, self.level) {
            (true, Level::Xa) => ("Ban Xây dựng Đảng".to_string(), OrgKind::BanXayDungDang),
            (true, Level::Huyen) => ("Ban Dân vận Huyện ủy".to_string(), OrgKind::BanDanVan),
            (true, _) => (
                "Ban Tuyên giáo và Dân vận Tỉnh ủy".to_string(),
                OrgKind::BanDanVan,
            ),
            (false, l) => {
                let lv = level_word(l);
                if l == Level::Tinh {
                    ("Văn phòng UBND tỉnh".to_string(), OrgKind::VanPhongUbnd)
                } else {
                    (
                        format!("Văn phòng HĐND và UBND {lv}"),
                        OrgKind::VanPhongUbnd,
                    )
                }
            }
        };
        let doc = if self.party {
            "kết luận"
        } else {
            "thông báo"
        };
        let giao = if self.rng.chance(50) { "Giao " } else { "" };
        self.para(format!(
            "{giao}{who} theo dõi, đôn đốc việc thực hiện các nội dung {doc} này, định kỳ báo cáo {}.",
            self.report
        ));
        self.monitor = Some(kind);
    }

    fn closing(&mut self, chair_pos: &str) {
        if self.rng.chance(60) {
            let doc = if self.party {
                "kết luận"
            } else {
                "ý kiến kết luận"
            };
            self.para(format!(
                "Trên đây là {doc} của đồng chí {chair_pos}. Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
            ));
        }
        self.para("Nơi nhận:");
        let lv = self.lv();
        if self.party {
            self.line(format!("- Thường trực {};", self.cu));
        } else {
            self.line(format!("- TT {}, TT HĐND {lv} (b/c);", self.cu));
            self.line(format!("- Chủ tịch, các PCT UBND {lv};"));
        }
        for p in self.participants.clone() {
            if self.rng.chance(50) {
                self.line(format!("- {};", cap_first(&p.text)));
            }
        }
        self.line(if self.party {
            format!("- Lưu Văn phòng {}.", self.cu)
        } else {
            "- Lưu: VT.".to_string()
        });
        let name = self.person();
        if self.party {
            self.para("T/M BAN THƯỜNG VỤ");
            self.line(if chair_pos.starts_with("Phó") {
                "PHÓ BÍ THƯ THƯỜNG TRỰC"
            } else {
                "BÍ THƯ"
            });
        } else {
            match self.rng.below(3) {
                0 => {
                    self.para("TL. CHỦ TỊCH");
                    self.line("CHÁNH VĂN PHÒNG");
                }
                1 => {
                    self.para("KT. CHỦ TỊCH");
                    self.line("PHÓ CHỦ TỊCH");
                }
                _ => {
                    self.para("TM. ỦY BAN NHÂN DÂN");
                    self.line("CHỦ TỊCH");
                }
            }
        }
        self.para(name);
    }

    fn build(mut self) -> SyntheticNotice {
        let target = self.rng.range(10, 200);
        self.header();
        let chair_pos = self.meeting();
        let structure = if self.lines.len() + 12 >= target {
            3
        } else {
            self.rng.below(3)
        };
        match structure {
            // Roman sections.
            0 => {
                let mut sec = 0;
                self.assessment(Some(format!("{}. Đánh giá chung", roman(sec))));
                sec += 1;
                if self.rng.chance(50) {
                    let n = format!("{}.", roman(sec));
                    self.inherited_section(&n);
                    sec += 1;
                }
                let h = format!("{}. Nhiệm vụ chung", roman(sec));
                self.general_section(Some(h), &|i| format!("{}. ", i + 1));
                sec += 1;
                let mut names = SECTIONS.iter();
                while self.lines.len() + 14 < target && sec < 6 {
                    let name = names.next().copied().unwrap_or("Nhiệm vụ khác");
                    let h = format!("{}. {name}", roman(sec));
                    self.specific_section(Some(h), 0, 0);
                    sec += 1;
                }
                if sec < 7 && self.rng.chance(70) {
                    let h = format!("{}. Về các đề xuất, kiến nghị của các đơn vị", roman(sec));
                    self.proposals_section(Some(h), true, 0);
                }
            }
            // Arabic with 2.1 sub-items.
            1 => {
                self.assessment(Some("1. Kết quả đạt được và hạn chế".into()));
                self.para("2. Nhiệm vụ trong thời gian tới");
                self.specific_section(None, 2, 0);
                let mut k = 3u8;
                let mut names = SECTIONS.iter().skip(1);
                while self.lines.len() + 14 < target && k < 7 {
                    let name = names.next().copied().unwrap_or("Nhiệm vụ khác");
                    self.specific_section(Some(format!("{k}. {name}")), k, 0);
                    k += 1;
                }
                if self.rng.chance(60) {
                    self.proposals_section(
                        Some(format!("{k}. Về các kiến nghị, đề xuất")),
                        false,
                        0,
                    );
                }
            }
            // Unnumbered assessment then a flat list.
            2 => {
                self.assessment(None);
                let h = if self.party {
                    "Thời gian tới, đề nghị các đơn vị tập trung thực hiện một số nội dung sau:"
                } else {
                    "Để khắc phục những hạn chế trên, đề nghị các đơn vị thực hiện tốt một số nội dung sau:"
                };
                let mut next =
                    self.general_section(Some(h.to_string()), &|i| format!("{}. ", i + 1));
                while self.lines.len() + 10 < target {
                    next = self.specific_section(None, 0, next);
                    if self.rng.chance(30) {
                        break;
                    }
                }
                if self.rng.chance(40) {
                    self.proposals_section(None, true, next);
                }
            }
            // Short: one to four directives.
            _ => {
                for i in 0..self.rng.range(1, 4) {
                    let lead = self.lead();
                    let s = self.directive(&lead, false);
                    self.para(format!("{}. {s}", i + 1));
                }
            }
        }
        if self.rng.chance(80) {
            self.monitor_clause();
        }
        self.closing(&chair_pos);
        let level = match self.level {
            Level::Xa => "xa",
            Level::Huyen => "huyen",
            _ => "tinh",
        };
        let issuer = if self.party { "dang" } else { "ubnd" };
        let mut text = self.lines.join("\n");
        text.push('\n');
        SyntheticNotice {
            file_name: format!("synth_{:04}_{level}_{issuer}.txt", self.index),
            text,
            level: self.level,
            party: self.party,
            issued_on: self.date,
            tasks: self.tasks,
            org_kinds: self.org_kinds,
            deadline_forms: self.forms,
            proposals: self.proposals,
            monitor: self.monitor,
        }
    }
}
