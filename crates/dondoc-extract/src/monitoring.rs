//! The monitoring clause: who follows up the notice and reports ("Ban Dân vận Tỉnh ủy theo dõi,
//! đôn đốc việc thực hiện các nội dung trên, định kỳ báo cáo Thường trực Tỉnh ủy").

use dondoc_text::NormDoc;

use crate::model::{Freq, Monitoring, Org, Task};
use crate::org::{self, OrgCtx};

fn freq_of(text: &str) -> Option<Freq> {
    let l = crate::lower::lowercase(text);
    if l.contains("hằng tháng") || l.contains("hàng tháng") {
        Some(Freq::Monthly)
    } else if l.contains("hằng quý") || l.contains("hàng quý") {
        Some(Freq::Quarterly)
    } else if l.contains("6 tháng") || l.contains("sáu tháng") {
        Some(Freq::HalfYearly)
    } else if l.contains("hằng năm") || l.contains("hàng năm") {
        Some(Freq::Yearly)
    } else if l.contains("định kỳ") {
        Some(Freq::Periodic)
    } else {
        None
    }
}

/// Whether a sentence follows up and urges ("theo dõi, đôn đốc", "theo dõi, kiểm tra, đôn
/// đốc", "theo dõi, tổng hợp báo cáo").
fn is_follow_up(l: &str) -> bool {
    (l.contains("theo dõi")
        && (l.contains("đôn đốc")
            || l.contains("tổng hợp")
            || l.contains("kiểm tra")
            || l.contains("giám sát")))
        || (l.contains("đôn đốc") && l.contains("kiểm tra"))
}

/// Whether what is followed up is the document itself ("thực hiện kết luận này", "các nội
/// dung trên", "thực hiện Kế hoạch") or the requests the meeting heard ("việc giải quyết các
/// kiến nghị"), rather than one matter or another document ("các kết luận thanh tra", "từng
/// dự án").
fn follows_whole(l: &str) -> bool {
    let this = crate::regex!(
        r"\b(?:kết\s+luận|thông\s+báo|kế\s+hoạch|chỉ\s+thị|văn\s+bản|công\s+văn|nghị\s+quyết|chương\s+trình)(?:\s+kết\s+luận)?\s+(?:này|nêu\s+trên)\b|\bcác\s+nội\s+dung\s+(?:trên|nêu\s+trên|kết\s+luận)\b|\bnội\s+dung\s+kết\s+luận\b"
    );
    if this.is_match(l) {
        return true;
    }
    // "thực hiện Kế hoạch;" — the type name alone, not followed by a number, a name or a
    // qualifier that makes it another document.
    let bare = crate::regex!(
        r"\bthực\s+hiện\s+(?:các\s+)?(?:nội\s+dung\s+)?(kết\s+luận|thông\s+báo|kế\s+hoạch|chỉ\s+thị)\b(\s*\S*)"
    );
    for c in bare.captures_iter(l) {
        let next = c.get(2).map_or("", |m| m.as_str()).trim();
        if next.is_empty() || next.starts_with([';', '.', ',']) {
            return true;
        }
    }
    // "theo dõi, đôn đốc việc thực hiện, báo cáo …": the implementation, with no object, is
    // that of the document.
    if crate::regex!(r"\b(?:theo\s+dõi|đôn\s+đốc)\s+(?:việc\s+)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện\s*(?:[,;.]|$)")
        .is_match(l)
    {
        return true;
    }
    crate::regex!(r"\bđôn\s+đốc\b[^.;]*\b(?:các|những)\s+(?:ý\s+kiến,\s+)?kiến\s+nghị\b")
        .is_match(l)
}

/// Whom the clause reports to: "báo cáo Chủ tịch Ủy ban nhân dân tỉnh", "định kỳ báo cáo
/// Thường trực Tỉnh ủy", "báo cáo kết quả về Ban Thường vụ".
fn report_target(text: &str, orgs: &OrgCtx) -> Option<Org> {
    let verb = crate::regex!(
        r"(?i)\bbáo\s+cáo\s+(?:(?:kết\s+quả\s+)?(?:về|lên|cho)\s+)?(?:(?:đồng\s+chí\s+)?(?:chủ\s+tịch|bí\s+thư|giám\s+đốc)\s+)?"
    );
    for m in verb.find_iter(text) {
        let rest = text.get(m.end()..).unwrap_or("");
        if let Some(f) = org::find_orgs(rest, orgs).into_iter().next()
            && f.start == 0
        {
            return f.orgs.into_iter().next();
        }
    }
    None
}

/// One candidate clause.
struct Clause {
    monitor: Org,
    report_to: Option<Org>,
    text: String,
    span: [usize; 2],
}

/// The monitoring clause: the body that follows up the execution of the whole document, read
/// from the tasks (where a heading may name the body) and from the body's paragraphs (a
/// closing clause outside the outline). A clause that urges a single matter is not the
/// monitoring clause; without a clause on the whole document there is none.
pub fn find_monitoring(
    tasks: &[Task],
    doc: &NormDoc,
    from: usize,
    to: usize,
    orgs: &OrgCtx,
) -> Option<Monitoring> {
    let mut cands: Vec<Clause> = Vec::new();
    for t in tasks {
        let l = crate::lower::lowercase(&t.text);
        if !is_follow_up(&l) || !follows_whole(&l) {
            continue;
        }
        if let Some(m) = t.assignees.first() {
            cands.push(Clause {
                monitor: m.clone(),
                report_to: t.report_to.clone(),
                text: t.text.clone(),
                span: t.span,
            });
        }
    }
    if cands.is_empty() {
        for i in from..to {
            let Some(p) = doc.paras.get(i) else { continue };
            let text = doc.para_text(i);
            let l = crate::lower::lowercase(text);
            if !is_follow_up(&l) || !follows_whole(&l) {
                continue;
            }
            let a = org::find_assignment(text, orgs);
            if a.own_commitment {
                continue;
            }
            if let Some(m) = a.lead.first() {
                cands.push(Clause {
                    monitor: m.clone(),
                    report_to: a.report_to.clone(),
                    text: text.to_string(),
                    span: [doc.char_offset(p.start), doc.char_offset(p.end)],
                });
            }
        }
    }
    let c = cands.into_iter().next()?;
    let report_to = c.report_to.or_else(|| report_target(&c.text, orgs));
    Some(Monitoring {
        monitor: c.monitor,
        report_to,
        frequency: freq_of(&c.text),
        span: c.span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, OrgKind};

    fn ctx() -> OrgCtx {
        OrgCtx {
            default_level: Some(Level::Huyen),
            addressed: Vec::new(),
            ..Default::default()
        }
    }

    fn task(text: &str, who: Org) -> Task {
        Task {
            id: "t1".into(),
            section: "1".into(),
            text: text.into(),
            assignee_text: who.mention.clone(),
            assignees: vec![who],
            collaborators: Vec::new(),
            deadline: None,
            recurrence: None,
            report_to: None,
            urgent: false,
            span: [0, 1],
        }
    }

    fn monitor_of(tasks: &[Task], text: &str) -> Option<(OrgKind, Option<Level>)> {
        let doc = NormDoc::from_plain(text);
        find_monitoring(tasks, &doc, 0, doc.paras.len(), &ctx())
            .map(|m| (m.monitor.kind, m.monitor.level))
    }

    #[test]
    fn task_that_follows_up_the_notice() {
        let vp = Org::new(
            "Văn phòng Huyện ủy",
            OrgKind::VanPhongCapUy,
            Some(Level::Huyen),
        );
        let t = task(
            "Theo dõi, đôn đốc các đơn vị thực hiện Kết luận này; tổng hợp, báo cáo Thường trực Huyện ủy kết quả thực hiện.",
            vp,
        );
        let doc = NormDoc::from_plain("");
        let m = find_monitoring(std::slice::from_ref(&t), &doc, 0, 0, &ctx());
        assert_eq!(
            m.as_ref().map(|m| m.monitor.kind),
            Some(OrgKind::VanPhongCapUy)
        );
        assert_eq!(
            m.and_then(|m| m.report_to).map(|o| o.kind),
            Some(OrgKind::ThuongTrucCapUy)
        );
    }

    #[test]
    fn plan_followed_up_by_a_department() {
        let so = Org::new("Phòng Nội vụ", OrgKind::CoQuanChuyenMon, Some(Level::Huyen));
        let t = task(
            "Theo dõi, tổng hợp báo cáo từ các xã về kết quả triển khai thực hiện Kế hoạch này.",
            so,
        );
        assert_eq!(
            monitor_of(std::slice::from_ref(&t), ""),
            Some((OrgKind::CoQuanChuyenMon, Some(Level::Huyen)))
        );
    }

    #[test]
    fn closing_clause_outside_the_outline() {
        let text = "1. Giao Phòng Văn hóa tổ chức hội thi.\nBan Dân vận Huyện ủy theo dõi, đôn đốc việc thực hiện các nội dung trên, định kỳ báo cáo Thường trực Huyện ủy.";
        let doc = NormDoc::from_plain(text);
        let m = find_monitoring(&[], &doc, 0, doc.paras.len(), &ctx());
        assert_eq!(
            m.as_ref().map(|m| (m.monitor.kind, m.frequency)),
            Some((OrgKind::BanDanVan, Some(Freq::Periodic)))
        );
    }

    #[test]
    fn follow_up_of_the_meetings_requests() {
        let text = "Sau hội nghị, Hội Nông dân huyện theo dõi, đôn đốc việc giải quyết các kiến nghị của hội viên.";
        assert_eq!(
            monitor_of(&[], text),
            Some((OrgKind::HoiNongDan, Some(Level::Huyen)))
        );
    }

    #[test]
    fn urging_one_matter_is_no_monitoring() {
        let tt = Org::new(
            "Thanh tra huyện",
            OrgKind::CoQuanChuyenMon,
            Some(Level::Huyen),
        );
        let a = task(
            "Theo dõi, đôn đốc việc thực hiện các kết luận thanh tra; xử lý các trường hợp chậm khắc phục.",
            tt.clone(),
        );
        let b = task(
            "Phân công lãnh đạo trực tiếp chỉ đạo, theo dõi, đôn đốc đối với từng dự án trọng điểm.",
            tt,
        );
        let text = "UBND huyện thường xuyên chỉ đạo kiểm tra, giám sát, theo dõi, đôn đốc và đánh giá kết quả thực hiện.";
        assert_eq!(monitor_of(&[a, b], text), None);
    }

    #[test]
    fn own_commitment_is_no_monitoring() {
        let text = "UBND huyện sẽ theo dõi, đôn đốc việc thực hiện Thông báo này.";
        assert_eq!(monitor_of(&[], text), None);
    }
}
