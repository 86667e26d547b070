//! The monitoring clause: who follows up the notice and reports ("Ban Dân vận Tỉnh ủy theo dõi,
//! đôn đốc việc thực hiện các nội dung trên, định kỳ báo cáo Thường trực Tỉnh ủy").

use crate::model::{Freq, Monitoring, Task};

fn freq_of(text: &str) -> Option<Freq> {
    let l = text.to_lowercase();
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

/// Whether a sentence follows up and urges ("theo dõi, đôn đốc", "theo dõi, kiểm tra, đôn đốc").
fn is_follow_up(l: &str) -> bool {
    l.contains("đôn đốc") && (l.contains("theo dõi") || l.contains("kiểm tra"))
}

/// The monitoring clause among the tasks: the body that follows up and urges the execution of
/// the whole notice. A clause naming the notice itself ("kết luận này", "các nội dung trên")
/// wins over one that urges a single matter.
pub fn find_monitoring(tasks: &[Task]) -> Option<Monitoring> {
    let mut best: Option<(u8, &Task)> = None;
    for t in tasks {
        let l = t.text.to_lowercase();
        if !is_follow_up(&l) || t.assignees.is_empty() {
            continue;
        }
        let whole = [
            "kết luận này",
            "nội dung trên",
            "thông báo này",
            "kế hoạch này",
            "văn bản này",
            "nội dung kết luận",
        ]
        .iter()
        .any(|w| l.contains(w));
        let rank = if whole { 2 } else { 1 };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, t));
        }
    }
    let (_, t) = best?;
    let monitor = t.assignees.first()?.clone();
    Some(Monitoring {
        monitor,
        report_to: t.report_to.clone(),
        frequency: freq_of(&t.text),
        span: t.span,
    })
}
