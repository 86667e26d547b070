//! Tasks: which outline items are directives, who must do them by when, and what passes down
//! from a heading to the items under it.

use dondoc_text::NormDoc;

use crate::deadline::{self, DateCtx};
use crate::model::{Deadline, DocKind, Org, Task};
use crate::org::{self, OrgCtx};
use crate::outline::{Node, Style};

/// What task extraction needs to know about the document.
pub struct Ctx<'a> {
    pub doc: &'a NormDoc,
    pub kind: DocKind,
    pub dates: DateCtx,
    pub orgs: OrgCtx,
}

/// Verbs that open a directive in the imperative ("Tăng cường …", "Khẩn trương …").
const IMPERATIVE: &[&str] = &[
    "tăng cường",
    "tiếp tục",
    "quan tâm",
    "khẩn trương",
    "xây dựng",
    "tập trung",
    "chủ động",
    "phối hợp",
    "rà soát",
    "bổ sung",
    "gom",
    "bỏ ",
    "căn cứ",
    "đẩy mạnh",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "nâng cao",
    "chỉ đạo",
    "làm ",
    "tham mưu",
    "nghiên cứu",
    "hướng dẫn",
    "theo dõi",
    "chịu trách nhiệm",
    "đề nghị",
    "giao ",
    "yêu cầu",
    "trình ",
    "báo cáo",
    "chuẩn bị",
    "hoàn thành",
    "hoàn thiện",
    "đôn đốc",
    "kiểm tra",
    "tích cực",
    "phát huy",
    "đổi mới",
    "lãnh đạo",
    "đề cao",
    "chủ trì",
    "sớm ",
    "ưu tiên",
    "khảo sát",
    "mời ",
    "định kỳ",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "lồng ghép",
    "phát hành",
    "gửi ",
    "tuyên truyền",
    "vận động",
    "duy trì",
    "củng cố",
    "kiện toàn",
    "thường xuyên",
    "cập nhật",
    "công bố",
    "giải quyết",
    "xử lý",
    "bố trí",
    "bảo đảm",
    "đảm bảo",
    "cân đối",
    "tổng hợp",
    "đăng ký",
    "ban hành",
    "nắm ",
    "trong phạm vi",
    "trên cơ sở",
    "tham gia",
    "đề xuất",
    "thẩm định",
    "tăng ",
    "đề ra",
    "viết ",
    "rút kinh nghiệm",
    "nghiêm túc",
    "kịp thời",
    "quyết liệt",
    "phấn đấu",
    "tiến hành",
    "thống kê",
    "sửa đổi",
    "điều chỉnh",
    "tuyển",
    "hỗ trợ",
    "giám sát",
    "phát triển",
    "tiếp thu",
    "chỉnh sửa",
    "lựa chọn",
    "khắc phục",
    "cải thiện",
    "ứng dụng",
    "bám sát",
    "chấn chỉnh",
    "đối thoại",
    "vận hành",
    "thành lập",
    "chăm lo",
    "khơi dậy",
    "tạo ",
];

/// Openings of statements of results and shortcomings, which are not tasks.
const ASSESSMENT: &[&str] = &[
    "tuy nhiên",
    "tuy vậy",
    "bên cạnh",
    "ghi nhận",
    "biểu dương",
    "đánh giá cao",
    "thống nhất",
    "nhìn chung",
    "kết quả",
    "trong bối cảnh",
    "mặc dù",
    "năm qua",
    "thời gian qua",
];

/// Words that mark a statement of what was done or is lacking.
const RESULT_CUES: &[&str] = &[
    " đã ",
    "đạt được",
    "đã được",
    "còn hạn chế",
    "còn một số",
    "chưa ",
    "được thực hiện",
    "cơ bản",
    "tồn tại",
    "khó khăn",
    " đạt ",
    "so với cùng kỳ",
];

/// Words that mark a directive anywhere in a sentence.
const DIRECTIVE_CUES: &[&str] = &[
    " cần ",
    " phải ",
    "đề nghị",
    "yêu cầu",
    " giao ",
    "chủ trì",
    "chịu trách nhiệm",
    "khẩn trương",
];

/// Nouns that begin with a cue word: "giao thông", "giao ban", "theo yêu cầu".
const CUE_LOOKALIKES: &[&str] = &[
    " giao thông",
    " giao ban",
    " giao lưu",
    " giao dịch",
    " giao tiếp",
    " giao thương",
    " giao đất",
    "theo yêu cầu",
    "đáp ứng yêu cầu",
    "đúng yêu cầu",
    "yêu cầu của",
    "yêu cầu đặt ra",
    "yêu cầu thực tiễn",
];

/// Does the (lower-case, space-padded) sentence hold a directive cue, not counting the nouns
/// that look like one?
fn has_directive_cue(padded: &str) -> bool {
    if !contains_any(padded, DIRECTIVE_CUES) {
        return false;
    }
    let mut cleaned = padded.to_string();
    for w in CUE_LOOKALIKES {
        cleaned = cleaned.replace(w, " ");
    }
    contains_any(&cleaned, DIRECTIVE_CUES)
}

/// Section headings whose items state aims, results or assessments, not tasks.
const NON_TASK_HEADINGS: &[&str] = &[
    "mục đích",
    "đánh giá",
    "kết quả",
    "tình hình",
    "quan điểm",
    "mục tiêu",
    "căn cứ",
    "ưu điểm",
    "hạn chế",
    "khuyết điểm",
    "nguyên nhân",
    "bài học",
    "thành phần",
    "ý kiến của",
    "tóm tắt",
    "chỉ tiêu",
    "đối tượng",
    "phạm vi",
    "thời gian, địa điểm",
    "kinh phí",
];

/// Openings of lines that list people, options or targets, not tasks.
const NOT_TASK_OPENINGS: &[&str] = &[
    "ông:",
    "bà:",
    "ông ",
    "bà ",
    "phương án",
    "chỉ tiêu",
    "kính mời",
    "thời gian, hình thức",
    "tại điểm cầu",
    "đại diện",
    "chủ trì tại",
    "thành phần",
    "cơ quan trình",
    "thể loại",
    "hội nghị được",
    "các nội dung",
    "mục tiêu",
    "kinh phí",
    "đối tượng",
    "từ nay đến",
    "ưu điểm",
    "nhược điểm",
    // Items of a list of enclosed or cited documents.
    "văn bản số",
    "báo cáo số",
    "công văn số",
    "kế hoạch số",
    "quyết định số",
    "thông báo số",
];

fn lower(s: &str) -> String {
    crate::lower::lowercase(s)
}

fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.starts_with(w))
}

fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Where an outline item's context comes from: its own words, or those of its heading.
#[derive(Debug, Clone, Default)]
struct Context {
    lead: Vec<Org>,
    lead_text: Option<String>,
    deadline: Option<Deadline>,
    report_to: Option<Org>,
    /// "phối hợp với …" of a plan row whose content has items under it.
    collaborators: Vec<Org>,
    /// The heading says its items are not tasks ("Mục đích, yêu cầu").
    not_tasks: bool,
    /// … and no list under it opens directives: speakers' remarks ("Ý kiến của …").
    remarks: bool,
}

/// A piece of a paragraph that may be one task: a sentence or a clause with its own body.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
}

/// Splits a paragraph into sentences: at ". " before an upper-case letter, and at "; " before
/// a verb that assigns ("; giao …", "; đề nghị …").
fn sentences(text: &str, base: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(0);
        if (c == b'.' || c == b';') && bytes.get(i + 1) == Some(&b' ') {
            let rest = text.get(i + 2..).unwrap_or("");
            let next_upper = rest.chars().next().is_some_and(char::is_uppercase);
            let split = if c == b'.' {
                next_upper
            } else {
                let l = lower(rest.get(..rest.len().min(24)).unwrap_or(rest));
                starts_with_any(&l, &["giao ", "đề nghị ", "yêu cầu "])
            };
            if split {
                out.push(Unit {
                    start: base + start,
                    end: base + i + 1,
                });
                start = i + 2;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(Unit {
            start: base + start,
            end: base + text.len(),
        });
    }
    out
}

/// Splits a sentence that sets two deadlines for two deliverables ("xây dựng kế hoạch trước
/// ngày 10/5 và báo cáo kết quả trước ngày 30/11", "… trong 03 ngày làm việc … để Sở X tổng
/// hợp, báo cáo trước ngày …") at the connector between them, which is dropped.
/// A unit left whole comes with the deadlines found in it, which [`analyse`] would find again.
fn split_deliverables(doc: &NormDoc, u: Unit, dates: &DateCtx) -> Vec<(Unit, Option<Deadlines>)> {
    let text = unit_text(doc, &u);
    let lead_ws = doc
        .text
        .get(u.start..u.end)
        .map_or(0, |t| t.len() - t.trim_start().len());
    let base = u.start + lead_ws;
    let found = deadline::find_deadlines(text, dates);
    let mut out = Vec::new();
    let mut from = 0usize;
    for pair in found.windows(2) {
        let [a, b] = pair else { continue };
        if a.value.due == b.value.due || b.start <= a.start {
            continue;
        }
        let between = text.get(a.start.max(from)..b.start).unwrap_or("");
        let offset = a.start.max(from);
        let cut = [" để ", " và ", "; "]
            .iter()
            .filter_map(|c| between.find(c).map(|p| (p, c.len())))
            .min();
        let Some((p, len)) = cut else { continue };
        let end = offset + p;
        let next = offset + p + len;
        if text.get(next..).is_none_or(|r| r.trim().is_empty()) {
            continue;
        }
        out.push((
            Unit {
                start: base + from,
                end: base + end,
            },
            None,
        ));
        from = next;
    }
    if out.is_empty() {
        return vec![(u, Some(found))];
    }
    out.push((
        Unit {
            start: base + from,
            end: u.end,
        },
        None,
    ));
    out
}

/// Is `l` (one sentence, lower case) a directive? `default` is what its place in the outline
/// says.
fn is_directive(l: &str, has_lead: bool, default: bool) -> bool {
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    // The last item of a document ends with "./." too: a body and a long sentence make it a
    // directive, not a closing formula.
    let last_item = has_lead && l.split_whitespace().count() > 16 && !is_closing_formula(l);
    // "Về đề nghị của …: đồng ý về chủ trương;" answers; what it asks for follows.
    let (answer, _) = after_topic(l);
    let agrees = answer.len() < l.len()
        && starts_with_any(
            answer,
            &["đồng ý", "nhất trí", "chấp thuận", "thống nhất", "ghi nhận"],
        )
        && !has_directive_cue(&format!(" {answer} "));
    if agrees
        || starts_with_any(l, ASSESSMENT)
        || starts_with_any(l, NOT_TASK_OPENINGS)
        || (is_closing(l) && !last_item)
    {
        return false;
    }
    let padded = format!(" {l} ");
    let imperative = starts_with_any(l, IMPERATIVE);
    let strong = has_directive_cue(&padded);
    // A statement of what was done or is lacking stays one, even when it names a body.
    if contains_any(&padded, RESULT_CUES) && !imperative && !strong {
        return false;
    }
    has_lead || imperative || strong || default
}

/// A sentence of a news report is a directive only when it says so ("đồng chí đề nghị …",
/// "… cần …", "… phải …") or is a full imperative sentence of a speech: a body named as
/// the subject of a verb is narrative there ("MTTQ phường cũng tích cực tham gia …").
fn news_directive(text: &str, l: &str, has_lead: bool) -> bool {
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    if starts_with_any(l, ASSESSMENT) || starts_with_any(l, NOT_TASK_OPENINGS) {
        return false;
    }
    let padded = format!(" {l} ");
    // A quotation is a speaker's view; a past event ("Trước đó, …") is not the conclusion.
    if text.trim_start().starts_with(['“', '"']) || starts_with_any(l, &["trước đó", "theo đó"])
    {
        return false;
    }
    if has_directive_cue(&padded) {
        return !contains_any(&padded, &[" đã ", " đang ", "được kiến nghị"]);
    }
    // "Sau hội nghị, Công đoàn phường phối hợp … theo dõi, đôn đốc …": what follows the meeting.
    if has_lead && starts_with_any(l, &["sau hội nghị", "thời gian tới", "trong thời gian tới"])
    {
        return true;
    }
    starts_with_any(l, IMPERATIVE)
        && ends_sentence_mark(l)
        && !contains_any(&padded, RESULT_CUES)
        && !contains_any(&padded, &[" đang "])
}

fn ends_sentence_mark(l: &str) -> bool {
    l.trim_end().ends_with(['.', ';', '!', '…'])
}

/// The closing formulas of a document: "… nghiêm túc triển khai thực hiện./.",
/// "Văn phòng Chính phủ xin trân trọng thông báo./.", "(Gửi kèm: …)".
fn is_closing(l: &str) -> bool {
    l.ends_with("./.") || l.ends_with("/.") || is_closing_formula(l)
}

/// A closing formula whatever its ending: "… trân trọng thông báo", "Ban Thường vụ thông báo
/// để … biết, thực hiện", "Căn cứ nội dung trên, đề nghị …", "… nghiêm túc thực hiện."
fn is_closing_formula(l: &str) -> bool {
    let words = l.split_whitespace().count();
    l.contains("trân trọng")
        || l.starts_with("(gửi kèm")
        || l.starts_with("gửi kèm")
        || l.starts_with("biên bản kết thúc")
        || l.contains("xin thông báo")
        || l.contains("thông báo để")
        || l.contains("kính mời")
        // "… đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.": to everyone, nothing.
        || (words <= 20
            && contains_any(l, &["các cơ quan, đơn vị", "các đơn vị", "các cơ quan"])
            && l.trim_end_matches(['.', '/', ' ']).ends_with("phối hợp thực hiện"))
        || starts_with_any(
            l,
            &[
                "căn cứ nội dung trên",
                "căn cứ các nội dung trên",
                "căn cứ ý kiến trên",
            ],
        )
        || (words <= 25
            && [
                "nghiêm túc triển khai thực hiện",
                "nghiêm túc thực hiện",
                "thực hiện nghiêm túc",
            ]
            .iter()
            .any(|w| l.trim_end_matches(['.', '/', ' ']).ends_with(w)))
}

/// A heading that only introduces what follows: it ends with ":" or names a body and nothing
/// to do ("1. Hội Nông dân huyện", "III. Nhiệm vụ cụ thể").
fn is_heading_text(text: &str, bold: bool) -> bool {
    let t = text.trim();
    if t.ends_with(':') {
        return true;
    }
    let words = t.split_whitespace().count();
    let l = lower(t);
    let l = l.as_str();
    (words <= 12 && !t.ends_with('.') && !starts_with_any(l, IMPERATIVE))
        || (bold && words <= 20 && !t.ends_with('.'))
}

fn unit_text<'d>(doc: &'d NormDoc, u: &Unit) -> &'d str {
    doc.text.get(u.start..u.end).unwrap_or("").trim()
}

/// The issuing body speaking of itself in the future ("UBND huyện sẽ chỉ đạo …"); `l` is the
/// sentence in lower case.
fn own_commitment(l: &str, lead_text: Option<&str>) -> bool {
    match l.find(" sẽ ") {
        Some(pos) => {
            let before = l.get(..pos).unwrap_or("");
            before.split_whitespace().count() <= 8
                && lead_text.is_none_or(|lt| before.contains(&lower(lt)) || !before.is_empty())
        }
        None => false,
    }
}

/// Strips "Đối với …:" / "Về …:" / "Việc …:" topics before a directive, so the directive's
/// own words name the body.
fn after_topic(text: &str) -> (&str, usize) {
    if ["đối với", "về ", "việc ", "để "]
        .iter()
        .any(|w| crate::lower::lower_starts_with(text, w))
        && let Some(pos) = text.find(": ")
        && let Some(rest) = text.get(pos + 2..)
    {
        return (rest, pos + 2);
    }
    (text, 0)
}

struct Found {
    lead: Vec<Org>,
    lead_text: Option<String>,
    collaborators: Vec<Org>,
    report_to: Option<Org>,
    deadline: Option<Deadline>,
}

/// The deadlines [`deadline::find_deadlines`] finds in a text.
type Deadlines = Vec<deadline::Found<Deadline>>;

fn analyse(text: &str, ctx: &Ctx<'_>, warnings: &mut Vec<String>) -> Found {
    analyse_with(text, ctx, warnings, None)
}

/// [`analyse`], with the deadlines of `text` when they are already known.
fn analyse_with(
    text: &str,
    ctx: &Ctx<'_>,
    warnings: &mut Vec<String>,
    deadlines: Option<Deadlines>,
) -> Found {
    let (directive, _) = after_topic(text);
    let a = org::find_assignment(directive, &ctx.orgs);
    let found = deadlines.unwrap_or_else(|| deadline::find_deadlines(text, &ctx.dates));
    for f in &found {
        if let Some(w) = &f.warning
            && !warnings.contains(w)
        {
            warnings.push(w.clone());
        }
    }
    Found {
        lead: a.lead,
        lead_text: a.lead_text,
        collaborators: a.collaborators,
        report_to: a.report_to,
        // A period counted from an unknown date is no deadline; its warning stays.
        deadline: found
            .into_iter()
            .rfind(|f| f.value.due.is_some())
            .map(|f| f.value),
    }
}

/// Where directives start: after the chair's "kết luận như sau:" in a notice, at the chair's
/// concluding remarks in a news report.
fn first_directive_node(nodes: &[Node], ctx: &Ctx<'_>) -> usize {
    // "… kết luận như sau:", "Chủ tịch UBND tỉnh yêu cầu:": the directives follow.
    for (i, n) in nodes.iter().enumerate().take(nodes.len() / 2 + 2) {
        let t = ctx.doc.text.get(n.start..n.end).unwrap_or("").trim();
        let l = lower(t);
        // A bulleted meeting record ("* Nội dung: … kết luận như sau:") opens them too.
        let record_bullet = matches!(n.style, Some(Style::Dash | Style::Plus))
            && l.contains("kết luận")
            && l.contains("như sau");
        if (n.style.is_none() || record_bullet)
            && t.ends_with(':')
            && contains_any(
                &l,
                &["kết luận", "yêu cầu", "chỉ đạo", "như sau", "thống nhất"],
            )
        {
            return i + 1;
        }
    }
    if ctx.kind == DocKind::TinBai {
        for (i, n) in nodes.iter().enumerate() {
            let l = lower(ctx.doc.text.get(n.start..n.end).unwrap_or(""));
            if l.contains("kết luận") && !l.contains("kết luận số") {
                return i;
            }
        }
    }
    0
}

/// Converts increasing byte offsets to character offsets in one pass over the text, so a long
/// document with many tasks costs linear time, not quadratic.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn char_offset(&mut self, doc: &NormDoc, byte: usize) -> usize {
        if byte < self.byte {
            return doc.char_offset(byte);
        }
        let mut b = byte.min(doc.text.len());
        while b > self.byte && !doc.text.is_char_boundary(b) {
            b -= 1;
        }
        self.chars += doc.text.get(self.byte..b).map_or(0, |s| s.chars().count());
        self.byte = b;
        self.chars
    }
}

/// The outline path of a node, or "pN" (Nth paragraph) outside any outline.
fn section_of(node: &Node) -> String {
    if node.path.is_empty() {
        format!("p{}", node.para + 1)
    } else {
        node.path.clone()
    }
}

/// A sentence (in lower case) that opens with a verb of action, not one that assigns ("Giao
/// X", "Đề nghị X").
fn imperative_without_subject(l: &str) -> bool {
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    starts_with_any(l, IMPERATIVE)
        && !starts_with_any(
            l,
            &[
                "giao ",
                "đề nghị",
                "yêu cầu",
                "trên cơ sở",
                "căn cứ",
                "trong phạm vi",
            ],
        )
}

/// A sentence that only sets when the work before it is due: "Các đơn vị hoàn thành trong
/// tháng 02/2018.", "Thời gian hoàn thành trước ngày 06/3/2018."
fn deadline_only(l: &str) -> bool {
    let words = l.split_whitespace().count();
    words <= 14
        && (l.contains("hoàn thành") || l.starts_with("thời gian") || l.starts_with("thời hạn"))
        && !l.contains("báo cáo")
        && !contains_any(l, &["xây dựng", "tổ chức", "triển khai"])
}

/// The field a labelled line of a plan's row fills: "Nội dung: …", "Cơ quan chủ trì: …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Content,
    Lead,
    Collaborators,
    Time,
    /// "Sản phẩm:", "Kết quả:", "Kinh phí:": part of the row, not used.
    Other,
}

/// Reads "Label: value" at the start of `text`: the field and the byte offset of the value.
fn field_of(text: &str) -> Option<(Field, usize)> {
    let colon = text.find(':')?;
    let label = lower(text.get(..colon)?);
    let label = label.trim();
    if label.is_empty() || label.split_whitespace().count() > 7 {
        return None;
    }
    let value =
        colon + 1 + text.get(colon + 1..)?.len() - text.get(colon + 1..)?.trim_start().len();
    let field = if label.starts_with("nội dung") || label == "nhiệm vụ" {
        Field::Content
    } else if label.contains("phối hợp") {
        Field::Collaborators
    } else if label.contains("chủ trì")
        || ((label.starts_with("cơ quan") || label.starts_with("đơn vị"))
            && (label.contains("thực hiện") || label.contains("trách nhiệm")))
        || label.starts_with("trách nhiệm thực hiện")
    {
        Field::Lead
    } else if label.starts_with("thời gian")
        || label.starts_with("thời hạn")
        || label.starts_with("tiến độ")
    {
        Field::Time
    } else if ["sản phẩm", "kết quả", "kinh phí", "hình thức", "địa điểm"]
        .iter()
        .any(|w| label.starts_with(w))
    {
        Field::Other
    } else {
        return None;
    };
    Some((field, value))
}

/// One row of a plan laid out as labelled lines: the content item and its field items.
#[derive(Debug, Default)]
struct Row {
    /// Node of the "Nội dung:" item.
    content: usize,
    /// Byte range of the content's value.
    value: (usize, usize),
    /// Text of the lead field, and its byte offset in the document.
    lead: Option<String>,
    collaborators: Option<String>,
    time: Option<String>,
}

/// Finds the plan rows among `nodes`: a "Nội dung: …" item followed by sibling items that
/// name the lead, the collaborators or the time. Returns the rows and the nodes they consume.
fn find_rows(nodes: &[Node], doc: &NormDoc) -> (Vec<Row>, Vec<bool>) {
    let mut rows = Vec::new();
    let mut used = vec![false; nodes.len()];
    let text_of = |n: &Node| doc.text.get(n.start..n.end).unwrap_or("").trim_end();
    let mut i = 0;
    while i < nodes.len() {
        let Some(node) = nodes.get(i) else { break };
        let Some((Field::Content, off)) = node.style.and_then(|_| field_of(text_of(node))) else {
            i += 1;
            continue;
        };
        let mut row = Row {
            content: i,
            value: (node.start + off, node.end),
            ..Row::default()
        };
        let mut fields = Vec::new();
        // The content's siblings that follow it, until one that is not a field.
        let mut j = i + 1;
        while let Some(n) = nodes.get(j) {
            if n.parent != node.parent && n.parent.is_none_or(|p| p < i) {
                break;
            }
            if n.style.is_none() && n.parent == Some(i) && fields.is_empty() {
                row.value.1 = n.end;
            } else if n.parent == node.parent && n.style == node.style {
                let Some((field, off)) = field_of(text_of(n)) else {
                    break;
                };
                if field == Field::Content {
                    break;
                }
                let value = text_of(n).get(off..).unwrap_or("").trim().to_string();
                fields.push((j, field, value));
            }
            j += 1;
        }
        if fields.iter().any(|(_, f, _)| *f == Field::Lead) {
            for (k, field, value) in fields {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
                let first_child = nodes.get(k).and_then(|n| n.children.first().copied());
                let value = if value.is_empty() {
                    // "Cơ quan thực hiện:" with the bodies as items under it: the first names
                    // the lead; the others are tasks of their own.
                    match first_child {
                        Some(c) => {
                            if let Some(u) = used.get_mut(c) {
                                *u = true;
                            }
                            nodes
                                .get(c)
                                .map(|n| text_of(n).to_string())
                                .unwrap_or_default()
                        }
                        None => value,
                    }
                } else {
                    value
                };
                match field {
                    Field::Lead => row.lead = Some(value),
                    Field::Collaborators => row.collaborators = Some(value),
                    Field::Time => row.time = Some(value),
                    _ => {}
                }
            }
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            rows.push(row);
        }
        i = j.max(i + 1);
    }
    (rows, used)
}

/// Where tasks go, with what their building needs to carry from one node to the next.
#[derive(Default)]
struct Sink {
    tasks: Vec<Task>,
    /// For each task, the outline item (node index) it came from.
    items: Vec<Option<usize>>,
    unassigned: usize,
    cursor: CharCursor,
}

/// Turns the directive groups of one node into tasks: what a group does not state comes from
/// the node's inherited context, else from the organisations the document addresses.
fn push_groups(
    groups: Vec<(Unit, Found)>,
    node: &Node,
    item: Option<usize>,
    inherited: &Context,
    ctx: &Ctx<'_>,
    sink: &mut Sink,
) {
    let doc = ctx.doc;
    for (u, g) in groups {
        let text = unit_text(doc, &u).to_string();
        let mut g = g;
        let (assignees, assignee_text) = if !g.lead.is_empty() {
            (g.lead, g.lead_text)
        } else if !inherited.lead.is_empty() {
            g.collaborators
                .extend(inherited.collaborators.iter().cloned());
            (inherited.lead.clone(), inherited.lead_text.clone())
        } else {
            sink.unassigned += 1;
            let addressed: Vec<Org> = ctx
                .orgs
                .addressed
                .iter()
                .map(|o| Org {
                    mention: None,
                    ..o.clone()
                })
                .collect();
            (addressed, None)
        };
        let deadline = g.deadline.or_else(|| inherited.deadline.clone());
        let recurrence = deadline::find_recurrence(&text).map(|f| f.value);
        let urgent = deadline::is_urgent(&text);
        let mut collaborators: Vec<Org> = Vec::new();
        for c in g.collaborators {
            if !collaborators.contains(&c) && !assignees.contains(&c) {
                collaborators.push(c);
            }
        }
        let section = if node.path.is_empty() {
            format!("p{}", node.para + 1)
        } else {
            node.path.clone()
        };
        sink.items.push(item);
        sink.tasks.push(Task {
            id: format!("t{}", sink.tasks.len() + 1),
            section,
            text,
            assignee_text,
            assignees,
            collaborators,
            deadline,
            recurrence,
            report_to: g.report_to.or_else(|| inherited.report_to.clone()),
            urgent,
            span: [
                sink.cursor.char_offset(doc, u.start),
                sink.cursor.char_offset(doc, u.end),
            ],
        });
    }
}

/// What a plan row assigns: the lead and collaborators from their fields, the deadline from
/// the time field, else from the content.
fn row_found(row: &Row, ctx: &Ctx<'_>, warnings: &mut Vec<String>) -> Found {
    let content = ctx.doc.text.get(row.value.0..row.value.1).unwrap_or("");
    let lead_src = row.lead.as_deref().unwrap_or("");
    let a = org::find_assignment(lead_src, &ctx.orgs);
    let (lead, lead_text) = if a.lead.is_empty() {
        let named: Vec<Org> = org::find_orgs(lead_src, &ctx.orgs)
            .into_iter()
            .flat_map(|m| m.orgs)
            .collect();
        let text = (!named.is_empty()).then(|| lead_src.trim_end_matches('.').trim().to_string());
        (named, text)
    } else {
        (a.lead, a.lead_text)
    };
    let mut collaborators = a.collaborators;
    if let Some(c) = &row.collaborators {
        for o in org::find_orgs(c, &ctx.orgs)
            .into_iter()
            .flat_map(|m| m.orgs)
        {
            if !collaborators.contains(&o) {
                collaborators.push(o);
            }
        }
    }
    let deadline = row
        .time
        .as_deref()
        .and_then(|t| analyse(t, ctx, warnings).deadline)
        .or_else(|| analyse(content, ctx, warnings).deadline);
    Found {
        lead,
        lead_text,
        collaborators,
        report_to: a.report_to,
        deadline,
    }
}

/// Do the two lists name an organisation of the same kind and level?
fn overlaps(a: &[Org], b: &[Org]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.kind == y.kind && x.level == y.level))
}

/// A sentence after a list that sets when the list's reports are due: "Báo cáo của các cơ
/// quan, đơn vị gửi về … trước ngày …", "Các báo cáo gửi về … chậm nhất …".
fn list_deadline(text: &str) -> bool {
    let l = lower(text);
    l.split_whitespace().count() <= 40
        && starts_with_any(
            &l,
            &[
                "báo cáo của",
                "báo cáo gửi",
                "các báo cáo",
                "văn bản báo cáo",
                "thời hạn gửi báo cáo",
                "thời gian gửi báo cáo",
            ],
        )
}

/// Extracts the tasks of the outline `nodes`.
pub fn extract_tasks(nodes: &[Node], ctx: &Ctx<'_>, warnings: &mut Vec<String>) -> Vec<Task> {
    let doc = ctx.doc;
    let mut contexts: Vec<Context> = vec![Context::default(); nodes.len()];
    let mut root = Context::default();
    let mut sink = Sink::default();
    if ctx.kind == DocKind::BaoCao {
        return Vec::new();
    }
    let first = first_directive_node(nodes, ctx);
    let (rows, in_row) = find_rows(nodes, doc);
    for (i, node) in nodes.iter().enumerate() {
        let text = doc.text.get(node.start..node.end).unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        let l = lower(text);
        if l.starts_with("trên đây là") || l.starts_with("nơi nhận") {
            break;
        }
        let bold = doc.paras.get(node.para).is_some_and(|p| p.bold);
        // The context this node inherits: its parent item's, else the root's.
        let inherited = node
            .parent
            .and_then(|p| contexts.get(p))
            .cloned()
            .unwrap_or_else(|| root.clone());
        if in_row.get(i).copied().unwrap_or(false) {
            let mut c = inherited.clone();
            if let Some(row) = rows.iter().find(|r| r.content == i)
                && i >= first
                && !inherited.not_tasks
            {
                let found = row_found(row, ctx, warnings);
                if node.children.is_empty() {
                    let unit = Unit {
                        start: row.value.0,
                        end: row.value.1,
                    };
                    push_groups(
                        vec![(unit, found)],
                        node,
                        Some(i),
                        &inherited,
                        ctx,
                        &mut sink,
                    );
                } else {
                    // "Nội dung:" with its items under it: each item is a task of the row.
                    if !found.lead.is_empty() {
                        c.lead = found.lead;
                        c.lead_text = found.lead_text;
                    }
                    c.collaborators = found.collaborators;
                    if found.deadline.is_some() {
                        c.deadline = found.deadline;
                    }
                }
            }
            if let Some(slot) = contexts.get_mut(i) {
                *slot = c;
            }
            continue;
        }
        let has_children = !node.children.is_empty()
            || nodes
                .get(i + 1)
                .is_some_and(|n| n.style.is_none() && n.parent == Some(i));
        let labelled = node.style.is_some();
        // An item with labelled items under it is not the smallest item: like a heading, it
        // passes its body and deadline down to them.
        let heading = labelled
            && (!node.children.is_empty() || has_children && is_heading_text(text, bold))
            || node.style == Some(Style::Bold) && !text.ends_with('.');
        let intro = !labelled && text.ends_with(':');
        if heading || intro {
            let found = analyse(text, ctx, warnings);
            let issuer_frame =
                l.contains("kết luận") && (l.contains("như sau") || l.ends_with("kết luận:"));
            let mut c = inherited.clone();
            if !found.lead.is_empty() && !issuer_frame {
                c.lead = found.lead;
                c.lead_text = found.lead_text;
            } else if heading && !issuer_frame {
                // "1. Tờ trình của Hội Nông dân:", "5. Ủy ban nhân dân cấp xã": a heading that
                // names bodies without a verb assigns them what follows.
                let named: Vec<Org> = org::find_orgs(text, &ctx.orgs)
                    .into_iter()
                    .flat_map(|m| m.orgs)
                    .collect();
                if !named.is_empty() {
                    c.lead = named;
                    c.lead_text = Some(text.trim_end_matches(':').trim().to_string());
                }
            }
            if found.deadline.is_some() {
                c.deadline = found.deadline;
            }
            if found.report_to.is_some() {
                c.report_to = found.report_to;
            }
            // Items under "Ý kiến của …", "Mục đích, yêu cầu" are not tasks, nor their sub-items.
            c.not_tasks = inherited.not_tasks
                || (heading && contains_any(&l, NON_TASK_HEADINGS) && !l.contains("nhiệm vụ"));
            c.remarks = inherited.remarks
                || (heading && contains_any(&l, &["ý kiến của", "thành phần", "tóm tắt"]));
            // "… cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:" opens directives
            // even under an assessment heading.
            if intro
                && !c.remarks
                && (!c.lead.is_empty()
                    || contains_any(
                        &l,
                        &[
                            "nhiệm vụ",
                            "giải pháp",
                            "sau đây",
                            "như sau",
                            "nội dung sau",
                        ],
                    ))
            {
                c.not_tasks = false;
            }
            if heading {
                if let Some(slot) = contexts.get_mut(i) {
                    *slot = c;
                }
            } else if let Some(p) = node.parent {
                if let Some(slot) = contexts.get_mut(p) {
                    *slot = c;
                }
            } else {
                root = c;
            }
            continue;
        }
        if let Some(slot) = contexts.get_mut(i) {
            *slot = inherited.clone();
        }
        if i < first || inherited.not_tasks {
            continue;
        }
        // "Báo cáo của các cơ quan, đơn vị gửi về UBND tỉnh trước ngày 12/6/2026 …" after a
        // list dates every item of the list that has no deadline of its own.
        if !labelled
            && let Some(p) = node.parent
            && list_deadline(text)
            && let Some(deadline) = analyse(text, ctx, warnings).deadline
        {
            let list_parent = nodes.get(p).and_then(|n| n.parent);
            for (t, item) in sink.tasks.iter_mut().zip(&sink.items) {
                let sibling = item.and_then(|k| nodes.get(k)).is_some_and(|n| {
                    n.parent == list_parent && n.style == nodes.get(p).and_then(|q| q.style)
                });
                if sibling && t.deadline.is_none() {
                    t.deadline = Some(deadline.clone());
                }
            }
            continue;
        }
        // The paragraph may hold several tasks: one per body it directs, or per deadline.
        let mut groups: Vec<(Unit, Found)> = Vec::new();
        for (u, known) in sentences(
            text,
            node.start
                + (doc.text.get(node.start..node.end).unwrap_or("").len()
                    - doc
                        .text
                        .get(node.start..node.end)
                        .unwrap_or("")
                        .trim_start()
                        .len()),
        )
        .into_iter()
        .flat_map(|u| split_deliverables(doc, u, &ctx.dates))
        {
            let t = unit_text(doc, &u);
            if t.is_empty() {
                continue;
            }
            let mut found = analyse_with(t, ctx, warnings, known);
            // The sentence in lower case, once for every test below.
            let lt = lower(t);
            if own_commitment(&lt, found.lead_text.as_deref()) {
                continue;
            }
            // An imperative sentence under a heading ("Chủ trì, phối hợp với …", "Chỉ đạo các
            // đơn vị …") has the heading's body as its subject; the bodies it names are objects.
            if !inherited.lead.is_empty() && imperative_without_subject(&lt) {
                found.lead = Vec::new();
                found.lead_text = None;
            }
            let directive = if ctx.kind == DocKind::TinBai && !labelled {
                news_directive(t, &lt, !found.lead.is_empty())
            } else {
                is_directive(
                    &lt,
                    !found.lead.is_empty(),
                    labelled || ctx.kind != DocKind::TinBai,
                )
            };
            if !directive {
                continue;
            }
            // "Các đơn vị hoàn thành trong tháng 02/2018." only dates the work before it.
            if found.deadline.is_some() && deadline_only(&lt) {
                // "Các đơn vị hoàn thành …" after a sentence addressed to another body dates
                // the earlier task of those units.
                let others = groups
                    .last()
                    .is_some_and(|(_, g)| !g.lead.is_empty() && !overlaps(&g.lead, &found.lead));
                if others
                    && let Some(earlier) = sink
                        .tasks
                        .iter_mut()
                        .rev()
                        .take_while(|t| t.section == section_of(node))
                        .find(|t| t.deadline.is_none() && overlaps(&t.assignees, &found.lead))
                {
                    earlier.deadline = found.deadline;
                    continue;
                }
                if let Some((gu, g)) = groups.last_mut() {
                    gu.end = u.end;
                    if g.deadline.is_none() {
                        g.deadline = found.deadline;
                    }
                    if g.lead.is_empty() {
                        g.lead = found.lead;
                        g.lead_text = found.lead_text;
                    }
                    continue;
                }
                if let Some(last) = sink
                    .tasks
                    .last_mut()
                    .filter(|t| t.section == section_of(node) && t.deadline.is_none())
                {
                    last.deadline = found.deadline;
                    continue;
                }
            }
            let starts_new = match groups.last() {
                None => true,
                Some((_, g)) => {
                    (!found.lead.is_empty() && !g.lead.is_empty() && found.lead != g.lead)
                        || (!found.lead.is_empty()
                            && g.lead.is_empty()
                            && !inherited.lead.is_empty()
                            && found.lead != inherited.lead)
                        || (found.deadline.is_some() && g.deadline.is_some())
                }
            };
            match groups.last_mut() {
                Some((gu, g)) if !starts_new => {
                    gu.end = u.end;
                    if g.lead.is_empty() {
                        g.lead = found.lead;
                        g.lead_text = found.lead_text;
                    }
                    g.collaborators.extend(found.collaborators);
                    if g.deadline.is_none() {
                        g.deadline = found.deadline;
                    }
                    if g.report_to.is_none() {
                        g.report_to = found.report_to;
                    }
                }
                _ => {
                    // A second deliverable of the same sentence keeps its subject.
                    let mut found = found;
                    if found.lead.is_empty()
                        && let Some((_, g)) = groups.last()
                    {
                        found.lead = g.lead.clone();
                        found.lead_text = g.lead_text.clone();
                    }
                    groups.push((u, found));
                }
            }
        }
        let item = if labelled { Some(i) } else { node.parent };
        push_groups(groups, node, item, &inherited, ctx, &mut sink);
    }
    if sink.unassigned > 0 {
        warnings.push(format!(
            "Có {} nhiệm vụ không nêu cơ quan thực hiện; đã giao cho các cơ quan, đơn vị dự họp, cần kiểm tra lại.",
            sink.unassigned
        ));
    }
    sink.tasks
}
