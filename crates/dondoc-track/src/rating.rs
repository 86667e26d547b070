//! The rating of an organisation's follow-up on the 100-point scale of Quy định 366-QĐ/TW,
//! shown with how it was computed so an officer can defend it.
//!
//! Quy định 366-QĐ/TW grades a collective (as domain.md states it):
//!
//! | grade | score | and |
//! |---|---|---|
//! | Hoàn thành xuất sắc nhiệm vụ | ≥ 90 | every task on time, ≥ 30 % exceeding requirements |
//! | Hoàn thành tốt nhiệm vụ | ≥ 70 | every task on time |
//! | Hoàn thành nhiệm vụ | ≥ 50 | every task completed, ≤ 20 % behind schedule |
//! | Không hoàn thành nhiệm vụ | otherwise | |
//!
//! The Quy định does not say how tasks make points; dondoc's choice, in [`RatingWeights`]:
//!
//! - Only tasks that can be judged count: done (on time or late) or overdue. A task still
//!   within its deadline is not yet due and a task without a deadline cannot be late; both are
//!   listed as not counted.
//! - Each counted task earns points: 1 when done on time, 0,5 when done late, 0 when overdue.
//!   The score is 100 × points ÷ counted tasks, rounded to two decimals before the thresholds
//!   are applied.
//! - "Every task on time": no counted task late or overdue. "Every task completed": none
//!   overdue. "Behind schedule": done late, as a share of the counted tasks. "Exceeding
//!   requirements": done on time and marked [`RatedItem::exceeded`] by the caller (a quota
//!   exceeded, a result beyond what was asked), as a share of the counted tasks.
//! - The grade is the highest whose score and conditions all hold, so a score of 100 with
//!   fewer than 30 % exceeding is "tốt". Without any counted task there is nothing to rate:
//!   [`Grade::NotRated`], score 0.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Counts, TimeStatus, vi};

/// The grades of Quy định 366-QĐ/TW, plus "not rated" when nothing can be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Excellent,
    Good,
    Completed,
    NotCompleted,
    NotRated,
}

impl Grade {
    /// The stable code of the API.
    pub fn code(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Completed => "completed",
            Grade::NotCompleted => "not_completed",
            Grade::NotRated => "not_rated",
        }
    }

    /// The grade in the Quy định's words.
    pub fn label_vi(self) -> &'static str {
        match self {
            Grade::Excellent => "Hoàn thành xuất sắc nhiệm vụ",
            Grade::Good => "Hoàn thành tốt nhiệm vụ",
            Grade::Completed => "Hoàn thành nhiệm vụ",
            Grade::NotCompleted => "Không hoàn thành nhiệm vụ",
            Grade::NotRated => "Chưa đủ căn cứ đánh giá",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// The thresholds and points of the rating. [`Default`] holds the thresholds of Quy định
/// 366-QĐ/TW as domain.md states them and dondoc's points per task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RatingWeights {
    /// Points of a task done on time (default 1).
    pub on_time_points: f64,
    /// Points of a task done late (default 0.5).
    pub late_points: f64,
    /// Points of an overdue task (default 0).
    pub overdue_points: f64,
    /// Lowest score of "xuất sắc" (90).
    pub excellent_min_score: f64,
    /// Lowest share of tasks exceeding requirements for "xuất sắc" (0.30).
    pub excellent_min_exceeded_share: f64,
    /// Lowest score of "tốt" (70).
    pub good_min_score: f64,
    /// Lowest score of "hoàn thành" (50).
    pub completed_min_score: f64,
    /// Highest share of tasks behind schedule for "hoàn thành" (0.20).
    pub completed_max_late_share: f64,
}

impl Default for RatingWeights {
    fn default() -> RatingWeights {
        RatingWeights {
            on_time_points: 1.0,
            late_points: 0.5,
            overdue_points: 0.0,
            excellent_min_score: 90.0,
            excellent_min_exceeded_share: 0.30,
            good_min_score: 70.0,
            completed_min_score: 50.0,
            completed_max_late_share: 0.20,
        }
    }
}

/// One assignment of the organisation being rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatedItem {
    /// The assignment's id, repeated in its line.
    pub id: String,
    /// What the officer reads in the line: the task's text or a short title.
    pub title: String,
    /// Its time status at the end of the rated period (cancelled ones left out by the caller).
    pub time_status: TimeStatus,
    /// The result exceeded what was asked (judged by the monitor, or a quota exceeded).
    pub exceeded: bool,
}

/// How one assignment entered the rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingLine {
    pub id: String,
    pub title: String,
    pub time_status: TimeStatus,
    /// Counted in the score (judged: done or overdue).
    pub counted: bool,
    /// Counted as exceeding requirements (done on time and marked exceeded).
    pub exceeded: bool,
    /// The points earned, 0 when not counted.
    pub points: f64,
    /// The line in Vietnamese: "Hoàn thành đúng hạn, vượt yêu cầu: 1 điểm".
    pub note: String,
}

/// A rating: the score, the grade, and how they were reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// 0 to 100 (with the default points), two decimals.
    pub score: f64,
    pub grade: Grade,
    /// One line per assignment, in the order given.
    pub lines: Vec<RatingLine>,
    /// The tally of the assignments rated.
    pub counts: Counts,
    /// The computation and each condition of the grade, in Vietnamese, in order.
    pub explanation: Vec<String>,
}

/// Rates an organisation from its assignments. See the module documentation for the rules.
pub fn rate(items: &[RatedItem], weights: &RatingWeights) -> Rating {
    let counts: Counts = items.iter().map(|i| i.time_status).collect();
    let mut points_total = 0.0;
    let mut exceeded_count: u32 = 0;
    let lines: Vec<RatingLine> = items
        .iter()
        .map(|item| {
            let (counted, points) = match item.time_status {
                TimeStatus::DoneOnTime => (true, weights.on_time_points),
                TimeStatus::DoneLate => (true, weights.late_points),
                TimeStatus::Overdue => (true, weights.overdue_points),
                TimeStatus::OpenWithinDeadline | TimeStatus::NoDeadline => (false, 0.0),
            };
            let exceeded = item.exceeded && item.time_status == TimeStatus::DoneOnTime;
            points_total += points;
            if exceeded {
                exceeded_count = exceeded_count.saturating_add(1);
            }
            let mut note = item.time_status.label_vi().to_string();
            if exceeded {
                note.push_str(", vượt yêu cầu");
            }
            if counted {
                note.push_str(&format!(": {} điểm", vi::number(points, 2)));
            } else if item.time_status == TimeStatus::OpenWithinDeadline {
                note.push_str(": chưa đến hạn, không tính");
            } else {
                note.push_str(": không tính");
            }
            RatingLine {
                id: item.id.clone(),
                title: item.title.clone(),
                time_status: item.time_status,
                counted,
                exceeded,
                points,
                note,
            }
        })
        .collect();

    let judged = counts.judged();
    let mut explanation = vec![format!(
        "{} nhiệm vụ: {} hoàn thành đúng hạn, {} hoàn thành quá hạn, {} quá hạn, {} chưa đến hạn, {} không có thời hạn",
        counts.assigned,
        counts.done_on_time,
        counts.done_late,
        counts.overdue,
        counts.open_within_deadline,
        counts.no_deadline
    )];
    if judged == 0 {
        explanation.push("Không có nhiệm vụ nào đã đến hạn để đánh giá".to_string());
        return Rating {
            score: 0.0,
            grade: Grade::NotRated,
            lines,
            counts,
            explanation,
        };
    }
    let n = f64::from(judged);
    let score = (100.0 * points_total / n * 100.0).round() / 100.0;
    explanation.push(format!(
        "Điểm = 100 × {} điểm ÷ {} nhiệm vụ được tính = {}",
        vi::number(points_total, 2),
        judged,
        vi::number(score, 2)
    ));

    let all_on_time = counts.done_late == 0 && counts.overdue == 0;
    let all_completed = counts.overdue == 0;
    let late_share = f64::from(counts.done_late) / n;
    let exceeded_share = f64::from(exceeded_count) / n;
    // Shares are compared with a little slack so that 1 of 5 is "≤ 20 %" despite rounding.
    const SLACK: f64 = 1e-9;
    let excellent = score >= weights.excellent_min_score
        && all_on_time
        && exceeded_share + SLACK >= weights.excellent_min_exceeded_share;
    let good = score >= weights.good_min_score && all_on_time;
    let completed = score >= weights.completed_min_score
        && all_completed
        && late_share <= weights.completed_max_late_share + SLACK;
    let grade = if excellent {
        Grade::Excellent
    } else if good {
        Grade::Good
    } else if completed {
        Grade::Completed
    } else {
        Grade::NotCompleted
    };

    let yes_no = |b: bool| if b { "đạt" } else { "không đạt" };
    explanation.push(format!(
        "{}: điểm ≥ {}, mọi nhiệm vụ đúng hạn, vượt yêu cầu {} (cần ≥ {}) — {}",
        Grade::Excellent.label_vi(),
        vi::number(weights.excellent_min_score, 2),
        vi::percent(exceeded_share),
        vi::percent(weights.excellent_min_exceeded_share),
        yes_no(excellent)
    ));
    explanation.push(format!(
        "{}: điểm ≥ {}, mọi nhiệm vụ đúng hạn — {}",
        Grade::Good.label_vi(),
        vi::number(weights.good_min_score, 2),
        yes_no(good)
    ));
    explanation.push(format!(
        "{}: điểm ≥ {}, mọi nhiệm vụ hoàn thành, chậm tiến độ {} (cần ≤ {}) — {}",
        Grade::Completed.label_vi(),
        vi::number(weights.completed_min_score, 2),
        vi::percent(late_share),
        vi::percent(weights.completed_max_late_share),
        yes_no(completed)
    ));
    explanation.push(format!("Xếp loại: {}", grade.label_vi()));

    Rating {
        score,
        grade,
        lines,
        counts,
        explanation,
    }
}
