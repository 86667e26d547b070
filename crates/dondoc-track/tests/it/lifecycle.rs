//! Every (status, action, role) against an explicit table, and the rules around extensions.

use dondoc_track::{Action, Role, Status, Transition, TransitionError, check_new_due, transition};
use proptest::prelude::*;

use crate::d;

/// Columns of the tables, in order.
fn actions() -> [Action; 10] {
    [
        Action::Acknowledge,
        Action::Start,
        Action::ReportDone,
        Action::Confirm,
        Action::Return,
        Action::RequestExtension {
            new_due: d(2018, 3, 31),
        },
        Action::ApproveExtension,
        Action::RefuseExtension,
        Action::Cancel,
        Action::Reopen,
    ]
}

/// The date a pending request asked for, in the tables.
fn asked() -> dondoc_track::Date {
    d(2018, 4, 15)
}

/// Rows: the status (and, for XG, a pending request for [`asked`]). Cells: the status reached
/// (`DT+` = đang thực hiện with the asked date as new due) or the error: `ill` illegal
/// transition, `rol` forbidden role, `nop` no pending extension, `pen` extension pending.
const FOCAL: &str = "
      ack  sta  rep  con  ret  req  app  ref  can  reo
CN    DN   ill  ill  rol  rol  XG   rol  rol  rol  rol
DN    ill  DT   BC   rol  rol  XG   rol  rol  rol  rol
DT    ill  ill  BC   rol  rol  XG   rol  rol  rol  rol
BC    ill  ill  ill  rol  rol  ill  rol  rol  rol  rol
HT    ill  ill  ill  rol  rol  ill  rol  rol  rol  rol
TL    ill  DT   ill  rol  rol  XG   rol  rol  rol  rol
XG    ill  ill  ill  rol  rol  pen  rol  rol  rol  rol
HY    ill  ill  ill  rol  rol  ill  rol  rol  rol  rol
";

const MONITOR: &str = "
      ack  sta  rep  con  ret  req  app  ref  can  reo
CN    rol  rol  rol  ill  ill  rol  nop  nop  HY   ill
DN    rol  rol  rol  ill  ill  rol  nop  nop  HY   ill
DT    rol  rol  rol  ill  ill  rol  nop  nop  HY   ill
BC    rol  rol  rol  HT   TL   rol  nop  nop  HY   ill
HT    rol  rol  rol  ill  ill  rol  ill  ill  ill  DT
TL    rol  rol  rol  ill  ill  rol  nop  nop  HY   ill
XG    rol  rol  rol  ill  ill  rol  DT+  DT   HY   ill
HY    rol  rol  rol  ill  ill  rol  ill  ill  ill  DT
";

const ADMIN: &str = "
      ack  sta  rep  con  ret  req  app  ref  can  reo
CN    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
DN    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
DT    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
BC    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
HT    rol  rol  rol  rol  rol  rol  rol  rol  ill  DT
TL    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
XG    rol  rol  rol  rol  rol  rol  rol  rol  HY   ill
HY    rol  rol  rol  rol  rol  rol  rol  rol  ill  DT
";

const LEADER: &str = "
      ack  sta  rep  con  ret  req  app  ref  can  reo
CN    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
DN    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
DT    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
BC    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
HT    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
TL    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
XG    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
HY    rol  rol  rol  rol  rol  rol  rol  rol  rol  rol
";

fn status_of(abbr: &str) -> Status {
    match abbr {
        "CN" => Status::ChuaNhan,
        "DN" => Status::DaNhan,
        "DT" => Status::DangThucHien,
        "BC" => Status::BaoCaoHoanThanh,
        "HT" => Status::HoanThanh,
        "TL" => Status::TraLai,
        "XG" => Status::XinGiaHan,
        "HY" => Status::Huy,
        other => panic!("unknown status {other}"),
    }
}

/// What a cell says, in the form `transition` answers, reduced to comparable text.
fn expected(cell: &str) -> Result<Transition, &'static str> {
    match cell {
        "ill" => Err("illegal_transition"),
        "rol" => Err("forbidden_role"),
        "nop" => Err("no_pending_extension"),
        "pen" => Err("extension_pending"),
        "DT+" => Ok(Transition {
            to: Status::DangThucHien,
            new_due: Some(asked()),
        }),
        s => Ok(Transition {
            to: status_of(s),
            new_due: None,
        }),
    }
}

fn check_table(role: Role, table: &str) {
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    // Every status has exactly one row, in the order of Status::ALL.
    let statuses: Vec<Status> = rows.iter().map(|r| status_of(r[0])).collect();
    assert_eq!(statuses, Status::ALL, "rows of the {role:?} table");
    let mut failures = Vec::new();
    for row in &rows {
        let status = status_of(row[0]);
        let pending = (status == Status::XinGiaHan).then(asked);
        assert_eq!(row.len(), 11, "row {row:?}");
        for (action, cell) in actions().iter().zip(&row[1..]) {
            let got = transition(status, pending, action, role).map_err(|e| e.code());
            if got != expected(cell) {
                failures.push(format!(
                    "{role:?} {} {status:?}: expected {cell}, got {got:?}",
                    action.code()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn focal_point_table() {
    check_table(Role::FocalPoint, FOCAL);
}

#[test]
fn monitor_table() {
    check_table(Role::Monitor, MONITOR);
}

#[test]
fn admin_table() {
    check_table(Role::Admin, ADMIN);
}

#[test]
fn leader_table() {
    check_table(Role::Leader, LEADER);
}

#[test]
fn the_whole_lifecycle() {
    let mut s = Status::ChuaNhan;
    let mut due = d(2018, 2, 9);
    let step = |s: &mut Status, a: Action, r: Role| {
        let t = transition(*s, None, &a, r).unwrap();
        *s = t.to;
        t
    };
    step(&mut s, Action::Acknowledge, Role::FocalPoint);
    step(&mut s, Action::Start, Role::FocalPoint);
    step(
        &mut s,
        Action::RequestExtension {
            new_due: d(2018, 3, 1),
        },
        Role::FocalPoint,
    );
    assert_eq!(s, Status::XinGiaHan);
    // The caller stored the request and passes it back.
    let t = transition(
        s,
        Some(d(2018, 3, 1)),
        &Action::ApproveExtension,
        Role::Monitor,
    )
    .unwrap();
    s = t.to;
    due = t.new_due.unwrap_or(due);
    assert_eq!((s, due), (Status::DangThucHien, d(2018, 3, 1)));
    step(&mut s, Action::ReportDone, Role::FocalPoint);
    step(&mut s, Action::Return, Role::Monitor);
    assert_eq!(s, Status::TraLai);
    step(&mut s, Action::Start, Role::FocalPoint);
    step(&mut s, Action::ReportDone, Role::FocalPoint);
    step(&mut s, Action::Confirm, Role::Monitor);
    assert_eq!(s, Status::HoanThanh);
    step(&mut s, Action::Reopen, Role::Admin);
    assert_eq!(s, Status::DangThucHien);
}

#[test]
fn a_request_on_record_blocks_another_whatever_the_status() {
    let req = Action::RequestExtension {
        new_due: d(2018, 5, 1),
    };
    let got = transition(
        Status::DangThucHien,
        Some(d(2018, 4, 1)),
        &req,
        Role::FocalPoint,
    );
    assert_eq!(got, Err(TransitionError::ExtensionPending));
}

#[test]
fn approving_needs_the_status_and_the_date() {
    // Status says pending, but the date was lost: cannot approve, can refuse.
    assert_eq!(
        transition(
            Status::XinGiaHan,
            None,
            &Action::ApproveExtension,
            Role::Monitor
        ),
        Err(TransitionError::NoPendingExtension)
    );
    assert_eq!(
        transition(
            Status::XinGiaHan,
            None,
            &Action::RefuseExtension,
            Role::Monitor
        ),
        Ok(Transition {
            to: Status::DangThucHien,
            new_due: None
        })
    );
    // A date on record but the status moved on: nothing to approve.
    assert_eq!(
        transition(
            Status::DangThucHien,
            Some(d(2018, 4, 1)),
            &Action::ApproveExtension,
            Role::Monitor
        ),
        Err(TransitionError::NoPendingExtension)
    );
    // Refusing keeps the due date: no new one.
    assert_eq!(
        transition(
            Status::XinGiaHan,
            Some(d(2018, 4, 1)),
            &Action::RefuseExtension,
            Role::Monitor
        )
        .unwrap()
        .new_due,
        None
    );
}

#[test]
fn closed_statuses_refuse_before_looking_at_extensions() {
    assert_eq!(
        transition(
            Status::HoanThanh,
            Some(d(2018, 4, 1)),
            &Action::RequestExtension {
                new_due: d(2018, 5, 1)
            },
            Role::FocalPoint
        )
        .map_err(|e| e.code()),
        Err("illegal_transition")
    );
}

#[test]
fn messages_are_vietnamese_sentences() {
    let e = transition(Status::DangThucHien, None, &Action::Confirm, Role::Monitor).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Không thể xác nhận hoàn thành khi nhiệm vụ đang ở trạng thái “Đang thực hiện”"
    );
    let e = transition(
        Status::BaoCaoHoanThanh,
        None,
        &Action::Confirm,
        Role::Leader,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "Lãnh đạo không có quyền xác nhận hoàn thành");
    let e = transition(
        Status::DaNhan,
        None,
        &Action::ApproveExtension,
        Role::Monitor,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "Không có đề nghị gia hạn nào đang chờ xử lý");
    let e = check_new_due(d(2018, 2, 1), None, d(2018, 2, 5)).unwrap_err();
    assert_eq!(e.to_string(), "Thời hạn đề nghị (01/02/2018) đã qua");
    let e = check_new_due(d(2018, 2, 9), Some(d(2018, 2, 9)), d(2018, 2, 5)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Thời hạn đề nghị (09/02/2018) phải sau thời hạn hiện tại (09/02/2018)"
    );
}

#[test]
fn every_error_code_is_listed_and_has_a_message() {
    let date = d(2018, 1, 1);
    let errors = [
        TransitionError::IllegalTransition {
            from: Status::Huy,
            action: Action::Start,
        },
        TransitionError::ForbiddenRole {
            role: Role::Leader,
            action: Action::Cancel,
        },
        TransitionError::NoPendingExtension,
        TransitionError::ExtensionPending,
        TransitionError::DueInPast {
            new_due: date,
            today: date,
        },
        TransitionError::DueNotLater {
            new_due: date,
            current_due: date,
        },
    ];
    let codes: Vec<&str> = errors.iter().map(TransitionError::code).collect();
    assert_eq!(codes, TransitionError::CODES);
    for e in errors {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn new_due_checks() {
    let today = d(2018, 2, 5);
    assert_eq!(check_new_due(d(2018, 2, 5), None, today), Ok(()));
    assert_eq!(
        check_new_due(d(2018, 2, 10), Some(d(2018, 2, 9)), today),
        Ok(())
    );
    // Overdue already: any date from today on moves it later.
    assert_eq!(
        check_new_due(d(2018, 2, 5), Some(d(2018, 1, 31)), today),
        Ok(())
    );
    assert_eq!(
        check_new_due(d(2018, 2, 4), Some(d(2018, 1, 31)), today).map_err(|e| e.code()),
        Err("due_in_past")
    );
    assert_eq!(
        check_new_due(d(2018, 2, 8), Some(d(2018, 2, 9)), today).map_err(|e| e.code()),
        Err("due_not_later")
    );
}

#[test]
fn codes_round_trip_and_match_serde() {
    for s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
        assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        assert!(!s.label_vi().is_empty());
    }
    for r in Role::ALL {
        assert_eq!(Role::from_code(r.code()), Some(r));
        assert_eq!(serde_json::to_value(r).unwrap(), r.code());
    }
    assert_eq!(Status::from_code("done"), None);
    assert_eq!(Role::from_code("focal_point"), None);
    let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label_vi()).collect();
    assert_eq!(
        labels,
        [
            "Chưa nhận",
            "Đã nhận",
            "Đang thực hiện",
            "Báo cáo hoàn thành",
            "Hoàn thành",
            "Trả lại",
            "Xin gia hạn",
            "Hủy"
        ]
    );
    let closed: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_closed()).collect();
    assert_eq!(closed, [Status::HoanThanh, Status::Huy]);
}

#[test]
fn actions_serialise_with_their_code_as_tag() {
    for a in actions() {
        let v = serde_json::to_value(a).unwrap();
        assert_eq!(v["action"], a.code());
        let back: Action = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
    }
    let v = serde_json::to_value(Action::RequestExtension {
        new_due: d(2018, 3, 31),
    })
    .unwrap();
    assert_eq!(
        v,
        serde_json::json!({"action": "request_extension", "new_due": "2018-03-31"})
    );
}

fn any_date() -> impl Strategy<Value = dondoc_track::Date> {
    (1900i32..=2200, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, day)| dondoc_track::Date::new(y, m, day.min(28)).unwrap())
}

fn any_action() -> impl Strategy<Value = Action> {
    (0usize..10, any_date()).prop_map(|(i, new_due)| match i {
        0 => Action::Acknowledge,
        1 => Action::Start,
        2 => Action::ReportDone,
        3 => Action::Confirm,
        4 => Action::Return,
        5 => Action::RequestExtension { new_due },
        6 => Action::ApproveExtension,
        7 => Action::RefuseExtension,
        8 => Action::Cancel,
        _ => Action::Reopen,
    })
}

proptest! {
    #[test]
    fn transition_never_panics_and_never_lets_the_leader_act(
        status in proptest::sample::select(Status::ALL.to_vec()),
        pending in proptest::option::of(any_date()),
        action in any_action(),
        role in proptest::sample::select(Role::ALL.to_vec()),
    ) {
        let got = transition(status, pending, &action, role);
        if role == Role::Leader {
            prop_assert_eq!(got.map_err(|e| e.code()), Err("forbidden_role"));
        } else if let Ok(t) = got {
            // A new due only comes from an approval, and it is the date asked for.
            prop_assert_eq!(t.new_due.is_some(), action == Action::ApproveExtension);
            if t.new_due.is_some() {
                prop_assert_eq!(t.new_due, pending);
            }
            prop_assert_ne!(t.to, status);
        } else if let Err(e) = got {
            prop_assert!(TransitionError::CODES.contains(&e.code()));
        }
    }

    #[test]
    fn a_sequence_of_actions_never_panics(
        steps in proptest::collection::vec((any_action(), proptest::sample::select(Role::ALL.to_vec())), 0..40)
    ) {
        let mut status = Status::ChuaNhan;
        let mut pending = None;
        for (action, role) in steps {
            if let Ok(t) = transition(status, pending, &action, role) {
                pending = match action {
                    Action::RequestExtension { new_due } => Some(new_due),
                    _ if t.to == Status::XinGiaHan => pending,
                    _ => None,
                };
                status = t.to;
                prop_assert_eq!(pending.is_some(), status == Status::XinGiaHan);
            }
        }
    }
}
