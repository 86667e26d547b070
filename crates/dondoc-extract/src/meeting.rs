//! The meeting a notice concludes: date, place, chair, attendees, absentees, secretary.

use dondoc_text::NormDoc;

use crate::date::{Date, find_dates};
use crate::deadline::DateCtx;
use crate::header::{Header, is_person_name};
use crate::model::{DocKind, Meeting, Participant, Person};
use crate::org::OrgCtx;

/// How many body paragraphs may describe the meeting.
const OPENING: usize = 8;

/// The meeting as the opening paragraphs describe it, or `None` when the document records no
/// meeting. A date without a year takes it from `dates` and adds a warning to `warnings`.
pub fn parse_meeting(
    doc: &NormDoc,
    header: &Header,
    dates: &DateCtx,
    orgs: &OrgCtx,
    warnings: &mut Vec<String>,
) -> Option<Meeting> {
    let kind = header.document.kind;
    if matches!(
        kind,
        DocKind::CongVan | DocKind::KeHoach | DocKind::BaoCao | DocKind::ChiThi
    ) {
        return None;
    }
    let start = header.body_start;
    let end = header.body_end.min(start + OPENING).max(start);
    let paras: Vec<&str> = (start..end).map(|i| doc.para_text(i)).collect();

    let year = dates
        .year
        .or(dates.doc_date.map(Date::year))
        .or_else(|| year_from_text(&doc.text));

    let mut m = Meeting::default();
    let mut guessed = false;
    // The meeting date: a sentence that opens with it.
    for p in &paras {
        if let Some((d, g)) = opening_date(p, year) {
            m.held_on = Some(d);
            guessed = g;
            break;
        }
    }
    if m.held_on.is_none()
        && let Some(t) = header.document.title.as_deref()
    {
        let re = crate::regex!(r"(?i)(?:họp|hội nghị|cuộc họp|buổi làm việc)[^.;]*?\bngày\s");
        if let Some(mm) = re.find(t) {
            m.held_on = find_dates(t.get(mm.end()..).unwrap_or(""), None)
                .first()
                .map(|w| w.date);
        }
    }
    if m.held_on.is_none() && kind == DocKind::GiayMoi {
        for p in &paras {
            if p.contains("Thời gian")
                && let Some(w) = find_dates(p, year).first()
            {
                m.held_on = Some(w.date);
                guessed = w.year_guessed;
                break;
            }
        }
    }
    if guessed && let Some(d) = m.held_on {
        warnings.push(format!(
            "Ngày họp không ghi năm; năm {} được suy ra từ nội dung văn bản.",
            d.year()
        ));
    }

    // Chair.
    for (k, p) in paras.iter().enumerate() {
        if let Some(c) = find_chair(p) {
            m.chair = Some(c);
            break;
        }
        // "Chủ trì cuộc họp:" with the person on the next line.
        if crate::regex!(r"^(?:-\s*)?Chủ trì[^:]{0,30}:\s*$").is_match(p.trim())
            && let Some(c) = paras
                .get(k + 1)
                .and_then(|n| person_in(n.split([';']).next().unwrap_or(n)))
        {
            m.chair = Some(c);
            break;
        }
    }
    if m.chair.is_none() {
        // "Phát biểu kết luận hội nghị, đồng chí X": whoever concludes chairs.
        let re = crate::regex!(
            r"(?i)kết luận(?:\s+(?:hội nghị|cuộc họp|buổi làm việc))?\s*,\s*(?:đồng chí|đ/c)\s+"
        );
        for i in start..header.body_end {
            let p = doc.para_text(i);
            if let Some(mm) = re.find(p)
                && let Some(c) = person_of(p.get(mm.end()..).unwrap_or(""))
            {
                m.chair = Some(c);
                break;
            }
        }
    }
    if m.chair.is_none() && kind != DocKind::TinBai {
        // "Phó Thủ tướng X đã …": the leader who opens the narrative.
        'subj: for p in &paras {
            for (pos, _) in p.match_indices(" đã ") {
                let clause = p.get(..pos).unwrap_or("");
                let clause = clause
                    .rsplit([',', '.', ';'])
                    .next()
                    .unwrap_or(clause)
                    .trim();
                if let Some(c) = person_in(clause) {
                    let titled = c.title.as_deref().is_some_and(|t| {
                        crate::regex!(r"^(?:Phó Thủ tướng|Thủ tướng|Phó Chủ tịch|Chủ tịch|Phó Bí thư|Bí thư|Bộ trưởng|Thứ trưởng|Giám đốc|Phó Giám đốc)").is_match(t)
                    });
                    if titled {
                        m.chair = Some(c);
                        break 'subj;
                    }
                }
            }
        }
    }
    if m.chair.is_none() && kind != DocKind::TinBai {
        for p in &paras {
            if let Some(c) = find_concluder(p) {
                m.chair = Some(c);
                break;
            }
        }
    }

    // Location.
    for p in &paras {
        let re = crate::regex!(
            r"(?:^|[,.;]\s*)[Tt]ại\s+((?:phòng họp|Phòng họp|hội trường|Hội trường|trụ sở|Trụ sở|nhà văn hóa|Nhà văn hóa|tổ dân phố|thôn|Sở|UBND|Ủy ban|thành phố|tỉnh)[^,.;]*)"
        );
        if let Some(c) = re.captures(p) {
            m.location = c.get(1).map(|x| {
                let s = x.as_str();
                let s = s.split(" trước ").next().unwrap_or(s);
                let s = s.split(" chúng tôi").next().unwrap_or(s);
                s.trim().to_string()
            });
            break;
        }
    }

    // Attendees, absentees, secretary.
    for p in &paras {
        let re = crate::regex!(
            r"(?i)(?:thành phần\s*:|tham dự[^:;.]*?\bcó\b(?:\s*các\s+đồng chí\s*:)?|cùng dự[^:;.]*?\bcó\b(?:\s*các\s+đồng chí\s*:)?|dự họp có|tham gia[^:;.]*?\bcó\b(?:\s*các\s+đồng chí\s*:)?)"
        );
        if let Some(mm) = re.find(p) {
            let rest = p.get(mm.end()..).unwrap_or("");
            let rest = rest.split(". ").next().unwrap_or(rest);
            for piece in rest.split(';') {
                let piece = piece.trim().trim_end_matches('.');
                if piece.is_empty() {
                    continue;
                }
                let is_secretary = piece.contains("(Thư ký)") || piece.contains("(thư ký)");
                let piece_clean = piece.replace("(Thư ký)", "").replace("(thư ký)", "");
                let mut persons = Vec::new();
                for part in split_persons(piece_clean.trim()) {
                    if let Some(person) = person_of(part) {
                        persons.push(person);
                    }
                }
                if persons.is_empty() {
                    for o in crate::org::resolve(piece_clean.trim(), orgs) {
                        m.attendees.push(Participant::Org(o));
                    }
                } else if is_secretary {
                    m.secretary = persons.pop();
                    for person in persons {
                        m.attendees.push(Participant::Person(person));
                    }
                } else {
                    for person in persons {
                        m.attendees.push(Participant::Person(person));
                    }
                }
            }
        }
        // `bounded` with its bounded repetition unbounded (see re::captures_within).
        let loose = crate::regex!(r"(?i)vắng\s*(có lý do|không có lý do|[^:]*)?\s*:\s*(.*)$");
        let bounded =
            || crate::regex!(r"(?i)vắng\s*(có lý do|không có lý do|[^:]{0,60})?\s*:\s*(.*)$");
        let fits = |c: &regex::Captures<'_>| crate::re::at_most(c.get(1), 60);
        if let Some(c) = crate::re::captures_within(loose, bounded, p, fits)
            .into_iter()
            .next()
        {
            let reason = c
                .get(1)
                .map(|x| x.as_str().trim().to_string())
                .filter(|s| !s.is_empty());
            let list = c.get(2).map_or("", |x| x.as_str());
            for piece in list.split([';', ',']) {
                let piece = piece.trim().trim_end_matches('.');
                let re_n = crate::regex!(r"^(\d{1,2})\s+(?:đồng chí|đ/c)\s+(.+)$");
                let (count, title) = match re_n.captures(piece) {
                    Some(cc) => (
                        cc.get(1)
                            .and_then(|x| x.as_str().parse::<usize>().ok())
                            .unwrap_or(1),
                        cc.get(2).map_or("", |x| x.as_str()).to_string(),
                    ),
                    None => (
                        1,
                        piece
                            .trim_start_matches("đồng chí ")
                            .trim_start_matches("Đồng chí ")
                            .to_string(),
                    ),
                };
                if title.is_empty() {
                    continue;
                }
                for _ in 0..count.min(20) {
                    m.absent.push(Participant::Person(Person {
                        name: None,
                        title: Some(title.clone()),
                        reason: reason.clone(),
                    }));
                }
            }
        }
    }

    if m.held_on.is_none() && m.chair.is_none() && m.attendees.is_empty() {
        return None;
    }
    Some(m)
}

/// The year a document speaks of most: "năm 2022", "2026".
fn year_from_text(text: &str) -> Option<i32> {
    let re = crate::regex!(r"\b(19[5-9]\d|20\d\d)\b");
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for m in re.find_iter(text).take(2000) {
        if let Ok(y) = m.as_str().parse::<i32>() {
            match counts.iter_mut().find(|(cy, _)| *cy == y) {
                Some(e) => e.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts.iter().max_by_key(|(y, c)| (*c, *y)).map(|(y, _)| *y)
}

/// A date that opens a sentence: "Ngày 22/7/2021, …", "Chiều ngày 15/08, …", "Sáng 5-6, …",
/// "Hôm nay, ngày 26/5/2026", "…, sáng ngày 01/8/2025, …". The flag tells a guessed year.
fn opening_date(p: &str, year: Option<i32>) -> Option<(Date, bool)> {
    let re = crate::regex!(
        r"(?i)(?:^|[.,;:]\s+|^\s*)(?:hôm nay\s*,?\s*|vào\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?(\d{1,2})\s*(?:[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?|\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)"
    );
    for c in re.captures_iter(p) {
        let whole = c.get(0)?;
        // The prefix must name a day: "ngày", "sáng", "chiều" … or open the paragraph.
        let w = whole
            .as_str()
            .trim_start_matches([',', '.', ';', ':', ' '])
            .to_lowercase();
        let has_word = ["ngày", "sáng", "chiều", "tối", "trưa", "hôm nay"]
            .iter()
            .any(|k| w.starts_with(k) || w.contains(&format!(" {k}")));
        if !has_word {
            continue;
        }
        // Not a citation's date: "… 04-NQ/TU, ngày 15/7/2021".
        let before = p.get(..whole.start()).unwrap_or("");
        let last = before.split_whitespace().last().unwrap_or("");
        if last.contains('/') && before.trim_end().ends_with(',') {
            continue;
        }
        if w.starts_with("ngày") && !before.trim().is_empty() && !before.trim_end().ends_with(',')
        {
            continue;
        }
        let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
        let day = num(1)?;
        let (month, y) = if c.get(4).is_some() {
            (num(4), num(5))
        } else {
            (num(2), num(3))
        };
        let Some(month) = month else { continue };
        let (yr, guessed) = match (y, year) {
            (Some(y), _) => (i32::try_from(y).ok()?, false),
            (None, Some(y)) => (y, true),
            (None, None) => continue,
        };
        if let Some(d) = Date::new(yr, month, day) {
            return Some((d, guessed));
        }
    }
    None
}

/// "Đ/c A – title", "đồng chí A, title", "title A": a person.
fn person_of(s: &str) -> Option<Person> {
    let s = s.trim();
    let re = crate::regex!(r"^(?i:đ/c|đồng chí|ông|bà)\s*:?\s*(.+)$");
    let body = re
        .captures(s)
        .and_then(|c| c.get(1))
        .map_or(s, |m| m.as_str());
    let re_split = crate::regex!(r"\s*(?:[–—]|\s-\s|-\s|\s-|,)\s*");
    let mut it = re_split.splitn(body, 2);
    let first = it.next().unwrap_or("").trim();
    let rest = it
        .next()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty());
    if is_person_name(first) {
        return Some(Person {
            name: Some(first.to_string()),
            title: rest,
            reason: None,
        });
    }
    // "Đặng Minh Long đánh giá cao …": the longest name prefix.
    let words: Vec<&str> = first.split_whitespace().collect();
    for k in (2..=5).rev() {
        if let Some(w) = words.get(..k) {
            let name = w.join(" ");
            if is_person_name(&name) {
                return Some(Person {
                    name: Some(name),
                    title: None,
                    reason: None,
                });
            }
        }
    }
    None
}

/// Splits "Nguyễn A - Phó Bí thư; Bùi B- Chủ tịch" pieces already cut on ';'.
fn split_persons(piece: &str) -> Vec<&str> {
    vec![piece]
}

/// The chair: "… X chủ trì", "Chủ trì: X", "do đồng chí X - title chủ trì".
fn find_chair(p: &str) -> Option<Person> {
    let lower_pos = p.find("chủ trì").or_else(|| p.find("Chủ trì"))?;
    let before = p.get(..lower_pos).unwrap_or("");
    let after = p.get(lower_pos + "chủ trì".len()..).unwrap_or("");
    if let Some(rest) = after.trim_start().strip_prefix(':')
        && let Some(person) = person_in(rest.split([';', '.']).next().unwrap_or(rest))
    {
        return Some(person);
    }
    // The clause before "chủ trì".
    let clause = before.rsplit(['.', ';']).next().unwrap_or(before);
    let clause = clause.rsplit(" do ").next().unwrap_or(clause);
    let clause = clause
        .rsplit_once("Tại ")
        .map_or(clause, |(_, r)| r.split_once(',').map_or(r, |(_, x)| x));
    let clause = clause
        .trim()
        .trim_end_matches([',', ' '])
        .trim_end_matches(" đã");
    if let Some(person) = person_in(clause) {
        return Some(person);
    }
    // "Chủ tịch UBND huyện, chủ trì cuộc họp": a title only.
    let last = clause.rsplit(',').next().unwrap_or(clause).trim();
    let re = crate::regex!(
        r"^(?:Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|Phó Thủ tướng|Thủ tướng|Bộ trưởng|Giám đốc|Trưởng)\b.{0,60}$"
    );
    if re.is_match(last) {
        return Some(Person {
            name: None,
            title: Some(last.to_string()),
            reason: None,
        });
    }
    None
}

/// "đ/c X – title kết luận": the person who concludes.
fn find_concluder(p: &str) -> Option<Person> {
    let pos = p.find(" kết luận")?;
    let before = p.get(..pos).unwrap_or("");
    let clause = before.rsplit([';', '.']).next().unwrap_or(before);
    let re = crate::regex!(r"(?i)(?:đ/c|đồng chí)\s+");
    let last = re.find_iter(clause).last()?;
    let rest = clause.get(last.end()..).unwrap_or("");
    person_of(rest)
}

/// A person named in `s`: "Đ/c X – title", "đồng chí X, title", or "title X".
fn person_in(s: &str) -> Option<Person> {
    let re = crate::regex!(r"(?i)(?:đ/c|đồng chí)\s+");
    if let Some(m) = re.find_iter(s).last()
        && let Some(p) = person_of(s.get(m.end()..).unwrap_or(""))
    {
        return Some(p);
    }
    // "Phó Thủ tướng Chính phủ Mai Văn Chính": the name is the last words.
    let words: Vec<&str> = s.split_whitespace().collect();
    for k in (2..=4).rev() {
        if words.len() >= k {
            let (head, tail) = words.split_at(words.len() - k);
            let name = tail.join(" ");
            if is_person_name(&name) {
                let title = head.join(" ");
                let title = title.trim_end_matches([',', ' ']).to_string();
                return Some(Person {
                    name: Some(name),
                    title: (!title.is_empty()).then_some(title),
                    reason: None,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::parse_header;

    fn meeting(s: &str, ctx: DateCtx) -> (Option<Meeting>, Vec<String>) {
        let doc = NormDoc::from_plain(s);
        let h = parse_header(&doc);
        let mut w = Vec::new();
        let m = parse_meeting(&doc, &h, &ctx, &OrgCtx::default(), &mut w);
        (m, w)
    }

    #[test]
    fn party_conclusion() {
        let (m, w) = meeting(
            "HUYỆN ỦY HÒA BÌNH XANH\nSố 12-KL/HU\nKẾT LUẬN\nHọp giao ban khối dân vận ngày 10/02/2024\nTại phòng họp Ban Thường vụ Huyện ủy, Đ/c Lê Thị Hồng Nhung – Phó Bí thư Thường trực Huyện ủy chủ trì họp giao ban.\nThành phần: Đ/c Phan Quốc Bảo – Trưởng Ban Dân vận Huyện ủy; đ/c Đỗ Minh Khang – Chuyên viên VPHU (Thư ký).\nVắng có lý do: 02 đồng chí Phó Chủ tịch UBMTTQVN huyện; đồng chí Bí thư Huyện đoàn.\nSau khi nghe, đ/c Lê Thị Hồng Nhung kết luận như sau:",
            DateCtx::default(),
        );
        let m = m.unwrap_or_default();
        assert_eq!(m.held_on.map(|d| d.to_string()), Some("2024-02-10".into()));
        assert_eq!(
            m.location.as_deref(),
            Some("phòng họp Ban Thường vụ Huyện ủy")
        );
        let chair = m.chair.clone().unwrap_or_default();
        assert_eq!(chair.name.as_deref(), Some("Lê Thị Hồng Nhung"));
        assert_eq!(
            chair.title.as_deref(),
            Some("Phó Bí thư Thường trực Huyện ủy")
        );
        assert_eq!(
            m.secretary.and_then(|s| s.name).as_deref(),
            Some("Đỗ Minh Khang")
        );
        assert_eq!(m.absent.len(), 3);
        assert!(w.is_empty());
    }

    #[test]
    fn news_without_year() {
        let (m, w) = meeting(
            "Chiều ngày 15/08, Thường trực Huyện ủy do đồng chí Trần Văn Minh - Bí thư Huyện ủy chủ trì đã có buổi làm việc với MTTQ huyện Hòa Bình Xanh.\nKết quả 7 tháng đầu năm 2023 khá tốt.",
            DateCtx::default(),
        );
        let m = m.unwrap_or_default();
        assert_eq!(m.held_on.map(|d| d.to_string()), Some("2023-08-15".into()));
        assert_eq!(
            m.chair.and_then(|c| c.name).as_deref(),
            Some("Trần Văn Minh")
        );
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn state_chair_title_only() {
        let (m, _) = meeting(
            "Số: 3/TB-UBND\nHòa Bình Xanh, ngày 28 tháng 01 năm 2024\nTHÔNG BÁO\nKết luận của Chủ tịch UBND huyện\nNgày 22/01/2024, UBND huyện tổ chức cuộc họp. Sau khi nghe báo cáo, Chủ tịch UBND huyện, chủ trì cuộc họp kết luận như sau:",
            DateCtx::default(),
        );
        let m = m.unwrap_or_default();
        assert_eq!(m.held_on.map(|d| d.to_string()), Some("2024-01-22".into()));
        let c = m.chair.unwrap_or_default();
        assert_eq!(c.name, None);
        assert_eq!(c.title.as_deref(), Some("Chủ tịch UBND huyện"));
    }

    #[test]
    fn letter_has_no_meeting() {
        let (m, _) = meeting(
            "Số: 8/UBND-VP\nV/v báo cáo\nKính gửi: Phòng Nội vụ.\nNgày 02/3/2024, đề nghị báo cáo.",
            DateCtx::default(),
        );
        assert!(m.is_none());
    }
}
