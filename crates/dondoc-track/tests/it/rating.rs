//! Ratings on the scale of Quy định 366-QĐ/TW, with the lines that justify them.

use dondoc_track::{Grade, RatedItem, RatingWeights, TimeStatus, rate};

/// Items from a compact description: one letter per task — `O` on time, `X` on time and
/// exceeding, `L` late, `D` overdue, `W` within deadline, `N` no deadline.
fn items(s: &str) -> Vec<RatedItem> {
    s.chars()
        .enumerate()
        .map(|(i, c)| RatedItem {
            id: format!("t{}", i + 1),
            title: format!("Nhiệm vụ {}", i + 1),
            time_status: match c {
                'O' | 'X' => TimeStatus::DoneOnTime,
                'L' => TimeStatus::DoneLate,
                'D' => TimeStatus::Overdue,
                'W' => TimeStatus::OpenWithinDeadline,
                'N' => TimeStatus::NoDeadline,
                other => panic!("unknown item {other}"),
            },
            exceeded: c == 'X',
        })
        .collect()
}

fn grade_and_score(s: &str) -> (Grade, f64) {
    let r = rate(&items(s), &RatingWeights::default());
    (r.grade, r.score)
}

#[test]
fn excellent_needs_every_task_on_time_and_thirty_percent_exceeding() {
    let r = rate(&items("XXOOOOW"), &RatingWeights::default());
    assert_eq!((r.grade, r.score), (Grade::Excellent, 100.0));
    assert_eq!(
        r.explanation,
        [
            "7 nhiệm vụ: 6 hoàn thành đúng hạn, 0 hoàn thành quá hạn, 0 quá hạn, 1 chưa đến hạn, 0 không có thời hạn",
            "Điểm = 100 × 6 điểm ÷ 6 nhiệm vụ được tính = 100",
            "Hoàn thành xuất sắc nhiệm vụ: điểm ≥ 90, mọi nhiệm vụ đúng hạn, vượt yêu cầu 33,3 % (cần ≥ 30 %) — đạt",
            "Hoàn thành tốt nhiệm vụ: điểm ≥ 70, mọi nhiệm vụ đúng hạn — đạt",
            "Hoàn thành nhiệm vụ: điểm ≥ 50, mọi nhiệm vụ hoàn thành, chậm tiến độ 0 % (cần ≤ 20 %) — đạt",
            "Xếp loại: Hoàn thành xuất sắc nhiệm vụ",
        ]
    );
    let notes: Vec<&str> = r.lines.iter().map(|l| l.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "Hoàn thành đúng hạn, vượt yêu cầu: 1 điểm",
            "Hoàn thành đúng hạn, vượt yêu cầu: 1 điểm",
            "Hoàn thành đúng hạn: 1 điểm",
            "Hoàn thành đúng hạn: 1 điểm",
            "Hoàn thành đúng hạn: 1 điểm",
            "Hoàn thành đúng hạn: 1 điểm",
            "Đang thực hiện trong hạn: chưa đến hạn, không tính",
        ]
    );
    assert_eq!(r.lines[6].id, "t7");
    assert!(!r.lines[6].counted);
    // Exactly 30 % is enough.
    assert_eq!(grade_and_score("XXXOOOOOOO").0, Grade::Excellent);
    // 2 of 7 is 28,6 %: not enough.
    assert_eq!(grade_and_score("XXOOOOO").0, Grade::Good);
}

#[test]
fn good_is_every_task_on_time() {
    let r = rate(&items("OOOONW"), &RatingWeights::default());
    assert_eq!((r.grade, r.score), (Grade::Good, 100.0));
    assert_eq!(r.lines[4].note, "Không có thời hạn: không tính");
    assert_eq!(r.counts.assigned, 6);
    assert_eq!(r.counts.judged(), 4);
}

#[test]
fn completed_allows_a_fifth_behind_schedule() {
    let r = rate(&items("XOOOL"), &RatingWeights::default());
    assert_eq!((r.grade, r.score), (Grade::Completed, 90.0));
    // Exceeding does not help when a task was late.
    assert!(
        r.explanation[2].ends_with("— không đạt"),
        "{:?}",
        r.explanation
    );
    assert_eq!(
        r.explanation[1],
        "Điểm = 100 × 4,5 điểm ÷ 5 nhiệm vụ được tính = 90"
    );
    assert_eq!(r.lines[4].note, "Hoàn thành quá hạn: 0,5 điểm");
    assert_eq!(r.lines[4].points, 0.5);
}

#[test]
fn not_completed_when_overdue_or_too_often_late() {
    let r = rate(&items("OOOOD"), &RatingWeights::default());
    assert_eq!((r.grade, r.score), (Grade::NotCompleted, 80.0));
    assert_eq!(r.lines[4].note, "Quá hạn: 0 điểm");
    // Two of five late: 40 % behind schedule.
    assert_eq!(grade_and_score("OOOLL"), (Grade::NotCompleted, 80.0));
    assert_eq!(
        rate(&items("OOOLL"), &RatingWeights::default()).explanation[4],
        "Hoàn thành nhiệm vụ: điểm ≥ 50, mọi nhiệm vụ hoàn thành, chậm tiến độ 40 % (cần ≤ 20 %) — không đạt"
    );
}

#[test]
fn exceeding_counts_only_when_on_time() {
    let mut its = items("OOL");
    its[2].exceeded = true;
    let r = rate(&its, &RatingWeights::default());
    assert!(!r.lines[2].exceeded);
    assert_eq!(r.lines[2].note, "Hoàn thành quá hạn: 0,5 điểm");
}

#[test]
fn nothing_due_is_not_rated() {
    let r = rate(&items("WWN"), &RatingWeights::default());
    assert_eq!((r.grade, r.score), (Grade::NotRated, 0.0));
    assert_eq!(
        r.explanation.last().map(String::as_str),
        Some("Không có nhiệm vụ nào đã đến hạn để đánh giá")
    );
    assert_eq!(rate(&[], &RatingWeights::default()).grade, Grade::NotRated);
}

#[test]
fn scores_are_rounded_to_two_decimals() {
    // 2,5 of 3: 83,333… → 83,33.
    assert_eq!(grade_and_score("OOL").1, 83.33);
}

#[test]
fn weights_are_the_callers_to_change() {
    let strict = RatingWeights {
        late_points: 0.0,
        completed_min_score: 85.0,
        ..RatingWeights::default()
    };
    // 4 of 5 with a late one: 80 points, below the raised floor of "hoàn thành".
    let r = rate(&items("OOOOL"), &strict);
    assert_eq!((r.grade, r.score), (Grade::NotCompleted, 80.0));
    let d = RatingWeights::default();
    assert_eq!(
        (
            d.excellent_min_score,
            d.excellent_min_exceeded_share,
            d.good_min_score,
            d.completed_min_score,
            d.completed_max_late_share
        ),
        (90.0, 0.30, 70.0, 50.0, 0.20)
    );
}

#[test]
fn grade_codes_and_labels() {
    let all = [
        Grade::Excellent,
        Grade::Good,
        Grade::Completed,
        Grade::NotCompleted,
        Grade::NotRated,
    ];
    for g in all {
        assert_eq!(serde_json::to_value(g).unwrap(), g.code());
    }
    assert_eq!(Grade::Good.label_vi(), "Hoàn thành tốt nhiệm vụ");
}
