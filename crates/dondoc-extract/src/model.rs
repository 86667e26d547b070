//! The extraction contract (`spec/extraction-v1.md`) as Rust types; serde gives its JSON.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The schema name every extraction carries.
pub const SCHEMA: &str = "dondoc.extraction/v1";

/// One document's extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub schema: String,
    pub source: Source,
    pub document: Document,
    pub tasks: Vec<Task>,
    pub proposals: Vec<Proposal>,
    pub references: Vec<Reference>,
    pub monitoring: Option<Monitoring>,
    pub warnings: Vec<String>,
}

/// Where the text came from; filled in by the caller that read the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub file: Option<String>,
    pub format: String,
    pub sha256: Option<String>,
    pub encoding: String,
}

/// Document type codes of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    KetLuan,
    ThongBao,
    ThongBaoKetLuan,
    BienBan,
    BaoCao,
    CongVan,
    GiayMoi,
    ChiThi,
    KeHoach,
    TinBai,
    Other,
}

/// The header, meeting and closing of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub reference: Option<String>,
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub issued_on: Option<Date>,
    pub title: Option<String>,
    pub meeting: Option<Meeting>,
    pub signer: Option<Signer>,
    pub signers: Vec<Signer>,
    pub addressees: Vec<String>,
    pub recipients: Vec<String>,
}

impl Default for Document {
    fn default() -> Self {
        Self {
            kind: DocKind::Other,
            number: None,
            symbol: None,
            reference: None,
            issuer: None,
            place: None,
            issued_on: None,
            title: None,
            meeting: None,
            signer: None,
            signers: Vec::new(),
            addressees: Vec::new(),
            recipients: Vec::new(),
        }
    }
}

/// A signature block: authority line (T/M …, KT. …), position, name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub authority: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

/// A person named in the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
}

/// An attendee or absentee: a person or an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Participant {
    Org(Org),
    Person(Person),
}

/// The meeting the notice concludes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub held_on: Option<Date>,
    pub location: Option<String>,
    pub chair: Option<Person>,
    pub attendees: Vec<Participant>,
    pub absent: Vec<Participant>,
    pub secretary: Option<Person>,
}

/// Administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    TrungUong,
    Tinh,
    Huyen,
    Xa,
}

/// Organisation kind codes of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrgKind {
    CapUy,
    ThuongTrucCapUy,
    BtvCapUy,
    BanDanVan,
    BanToChuc,
    BanTuyenGiao,
    UbKiemTra,
    VanPhongCapUy,
    DangUyQuanSu,
    DangUyKhoi,
    BanCanSuDang,
    DangDoan,
    Hdnd,
    Ubnd,
    VanPhongUbnd,
    CoQuanChuyenMon,
    Mttq,
    HoiNongDan,
    HoiCcb,
    CongDoan,
    DoanTn,
    HoiLhpn,
    HoiKhuyenHoc,
    HoiChuThapDo,
    HoiNguoiCaoTuoi,
    HoiQuanChung,
    ChiBo,
    BanXayDungDang,
    CongAn,
    QuanSu,
    BoNganh,
    DoanhNghiep,
    CaNhan,
    Other,
}

/// An organisation as a sentence names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Org {
    pub mention: Option<String>,
    pub kind: OrgKind,
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
}

impl Org {
    /// An organisation with a mention.
    pub fn new(mention: impl Into<String>, kind: OrgKind, level: Option<Level>) -> Self {
        Self {
            mention: Some(mention.into()),
            kind,
            level,
            reason: None,
        }
    }
}

/// How a deadline relates to its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Before,
    On,
    Within,
}

/// A deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub text: String,
    pub due: Option<Date>,
    pub relation: Relation,
    pub start: Option<Date>,
    /// Time of day when written ("16 giờ", "15h00"), as "HH:MM".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub time: Option<String>,
}

/// Recurrence frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Freq {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
    Periodic,
}

/// The period a quota counts per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// "ít nhất 02 – 04 tin, bài/tháng".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub unit: String,
    pub per: Per,
}

/// A recurring obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub text: String,
    pub freq: Freq,
    pub interval: u32,
    pub quota: Option<Quota>,
}

/// One directive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub section: String,
    pub text: String,
    pub assignee_text: Option<String>,
    pub assignees: Vec<Org>,
    pub collaborators: Vec<Org>,
    pub deadline: Option<Deadline>,
    pub recurrence: Option<Recurrence>,
    pub report_to: Option<Org>,
    /// "khẩn trương", "ngay", "kịp thời", "sớm": urgent, even without a date.
    pub urgent: bool,
    pub span: [usize; 2],
}

/// The answer a document gives to a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub text: String,
    pub handled_by: Vec<Org>,
}

/// A proposal raised by an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub by: Option<Org>,
    pub person: Option<Person>,
    pub text: String,
    pub addressed_to: Option<Org>,
    pub response: Option<Response>,
    pub span: [usize; 2],
}

/// Another document cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub text: String,
    pub kind: Option<String>,
    pub reference: Option<String>,
    pub issued_on: Option<Date>,
}

/// Who follows up the notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Monitoring {
    pub monitor: Org,
    pub report_to: Option<Org>,
    pub frequency: Option<Freq>,
    pub span: [usize; 2],
}
