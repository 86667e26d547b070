//! The lifecycle of an assignment: its statuses, the roles of the people acting on it, the
//! actions they take, and [`transition`], which says whether an action is allowed and where it
//! leads.
//!
//! ```text
//! chưa nhận ─Acknowledge→ đã nhận ─Start→ đang thực hiện ─ReportDone→ báo cáo hoàn thành
//!                         đã nhận ─ReportDone→ báo cáo hoàn thành
//! báo cáo hoàn thành ─Confirm (monitor)→ hoàn thành
//! báo cáo hoàn thành ─Return (monitor)→ trả lại ─Start→ đang thực hiện
//! chưa nhận, đã nhận, đang thực hiện, trả lại ─RequestExtension→ xin gia hạn
//! xin gia hạn ─ApproveExtension (new due) / RefuseExtension (monitor)→ đang thực hiện
//! any open ─Cancel (monitor, admin)→ hủy
//! hoàn thành, hủy ─Reopen (monitor, admin)→ đang thực hiện
//! ```
//!
//! Acknowledge, Start, ReportDone and RequestExtension are the focal point's.
//!
//! Rules chosen where the product documents are silent, as a monitoring office would expect:
//!
//! - The role is checked first: an action a role may never take is refused with
//!   `forbidden_role` whatever the status, so a focal point learns "not yours to do" rather than
//!   "not now". The leadership (Thường trực) reads and never acts; the administrator manages
//!   accounts and may only cancel or reopen (to repair a mistake), never judge a task.
//! - Receipt must be acknowledged before anything else the focal point does, except asking for
//!   more time (asking implies receipt). A focal point may report completion straight from "đã
//!   nhận" (small tasks are done the day they arrive), but after a return it must start again
//!   ([`Action::Start`]) before reporting anew, so the return is visibly taken up.
//! - No extension may be requested while a completion report awaits the monitor's verdict: the
//!   matter is then in the monitor's hands; if the report is returned, the focal point may ask.
//! - A pending request is known from the status (`xin gia hạn`) together with
//!   `pending_extension` (the date asked for). Approving needs both; refusing needs only the
//!   status, so a record whose requested date was lost can still be unstuck.
//! - Approving or refusing returns to "đang thực hiện": a pure function cannot remember the
//!   status before the request, and a focal point asking for time is at work on the task.
//! - Cancelling is allowed from every open status, including a pending request (which lapses).
//!   Reopening leads to "đang thực hiện"; the caller clears the completion date.
//! - Whether the requested date is acceptable (not in the past, later than the current due) needs
//!   today's date and the current due, which [`transition`] does not take: callers check it with
//!   [`check_new_due`] before offering [`Action::RequestExtension`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Date, vi};

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published, not yet acknowledged by the organisation.
    ChuaNhan,
    /// The organisation acknowledged receipt.
    DaNhan,
    /// Being carried out.
    DangThucHien,
    /// The organisation reported completion; the monitor has yet to confirm it.
    BaoCaoHoanThanh,
    /// Completion confirmed by the monitor.
    HoanThanh,
    /// The monitor returned the completion report: counts as not completed.
    TraLai,
    /// More time requested; the monitor has yet to decide.
    XinGiaHan,
    /// Cancelled: no longer followed up and left out of counts.
    Huy,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 8] = [
        Status::ChuaNhan,
        Status::DaNhan,
        Status::DangThucHien,
        Status::BaoCaoHoanThanh,
        Status::HoanThanh,
        Status::TraLai,
        Status::XinGiaHan,
        Status::Huy,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Status::ChuaNhan => "chua_nhan",
            Status::DaNhan => "da_nhan",
            Status::DangThucHien => "dang_thuc_hien",
            Status::BaoCaoHoanThanh => "bao_cao_hoan_thanh",
            Status::HoanThanh => "hoan_thanh",
            Status::TraLai => "tra_lai",
            Status::XinGiaHan => "xin_gia_han",
            Status::Huy => "huy",
        }
    }

    /// The status of a code, `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The label shown to users.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::ChuaNhan => "Chưa nhận",
            Status::DaNhan => "Đã nhận",
            Status::DangThucHien => "Đang thực hiện",
            Status::BaoCaoHoanThanh => "Báo cáo hoàn thành",
            Status::HoanThanh => "Hoàn thành",
            Status::TraLai => "Trả lại",
            Status::XinGiaHan => "Xin gia hạn",
            Status::Huy => "Hủy",
        }
    }

    /// Completed or cancelled: nothing more is expected of the organisation.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::HoanThanh | Status::Huy)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// What a user is, as far as following up is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Quản trị: accounts, directory, settings.
    #[serde(rename = "admin")]
    Admin,
    /// Cán bộ theo dõi (Ban Dân vận, Văn phòng): confirms, returns, decides extensions.
    #[serde(rename = "monitor")]
    Monitor,
    /// Thường trực: reads, never acts.
    #[serde(rename = "leader")]
    Leader,
    /// Cán bộ đầu mối of the assigned organisation.
    #[serde(rename = "focal")]
    FocalPoint,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Monitor, Role::Leader, Role::FocalPoint];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Monitor => "monitor",
            Role::Leader => "leader",
            Role::FocalPoint => "focal",
        }
    }

    /// The role of a code, `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The label shown to users.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị",
            Role::Monitor => "Cán bộ theo dõi",
            Role::Leader => "Lãnh đạo",
            Role::FocalPoint => "Cán bộ đầu mối",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// What a user does to an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Focal point: acknowledges receipt.
    Acknowledge,
    /// Focal point: starts (or, after a return, resumes) the work.
    Start,
    /// Focal point: reports the task completed.
    ReportDone,
    /// Monitor: confirms a reported completion.
    Confirm,
    /// Monitor: returns a reported completion as not done.
    Return,
    /// Focal point: asks for the due date to move to `new_due`.
    RequestExtension { new_due: Date },
    /// Monitor: grants the pending request.
    ApproveExtension,
    /// Monitor: refuses the pending request; the due date stays.
    RefuseExtension,
    /// Monitor or administrator: cancels the assignment.
    Cancel,
    /// Monitor or administrator: reopens a completed or cancelled assignment.
    Reopen,
}

impl Action {
    /// The stable code of the action (the `action` tag of its JSON form).
    pub fn code(&self) -> &'static str {
        match self {
            Action::Acknowledge => "acknowledge",
            Action::Start => "start",
            Action::ReportDone => "report_done",
            Action::Confirm => "confirm",
            Action::Return => "return",
            Action::RequestExtension { .. } => "request_extension",
            Action::ApproveExtension => "approve_extension",
            Action::RefuseExtension => "refuse_extension",
            Action::Cancel => "cancel",
            Action::Reopen => "reopen",
        }
    }

    /// The action as a Vietnamese verb phrase, lower case: "xác nhận hoàn thành".
    pub fn label_vi(&self) -> &'static str {
        match self {
            Action::Acknowledge => "xác nhận đã nhận",
            Action::Start => "bắt đầu thực hiện",
            Action::ReportDone => "báo cáo hoàn thành",
            Action::Confirm => "xác nhận hoàn thành",
            Action::Return => "trả lại",
            Action::RequestExtension { .. } => "xin gia hạn",
            Action::ApproveExtension => "đồng ý gia hạn",
            Action::RefuseExtension => "không đồng ý gia hạn",
            Action::Cancel => "hủy",
            Action::Reopen => "mở lại",
        }
    }

    /// The roles that may ever take this action.
    pub fn allowed_roles(&self) -> &'static [Role] {
        match self {
            Action::Acknowledge
            | Action::Start
            | Action::ReportDone
            | Action::RequestExtension { .. } => &[Role::FocalPoint],
            Action::Confirm
            | Action::Return
            | Action::ApproveExtension
            | Action::RefuseExtension => &[Role::Monitor],
            Action::Cancel | Action::Reopen => &[Role::Monitor, Role::Admin],
        }
    }
}

/// Where an allowed action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// The new status.
    pub to: Status,
    /// The new due date, set when an extension is approved; the caller keeps the old one in
    /// the assignment's history.
    pub new_due: Option<Date>,
}

/// Why an action was refused. `Display` is the Vietnamese sentence shown to the user;
/// [`TransitionError::code`] is the stable code of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The action does not apply to the current status.
    #[error("Không thể {} khi nhiệm vụ đang ở trạng thái “{}”", .action.label_vi(), .from.label_vi())]
    IllegalTransition { from: Status, action: Action },
    /// The role may never take this action.
    #[error("{} không có quyền {}", .role.label_vi(), .action.label_vi())]
    ForbiddenRole { role: Role, action: Action },
    /// Approving or refusing an extension when none is pending.
    #[error("Không có đề nghị gia hạn nào đang chờ xử lý")]
    NoPendingExtension,
    /// Requesting an extension when one is already pending.
    #[error("Đã có đề nghị gia hạn đang chờ xử lý")]
    ExtensionPending,
    /// The requested due date is before today.
    #[error("Thời hạn đề nghị ({}) đã qua", vi::date(*.new_due))]
    DueInPast { new_due: Date, today: Date },
    /// The requested due date does not move the current one later.
    #[error("Thời hạn đề nghị ({}) phải sau thời hạn hiện tại ({})", vi::date(*.new_due), vi::date(*.current_due))]
    DueNotLater { new_due: Date, current_due: Date },
}

impl TransitionError {
    /// Every code [`TransitionError::code`] can return.
    pub const CODES: [&'static str; 6] = [
        "illegal_transition",
        "forbidden_role",
        "no_pending_extension",
        "extension_pending",
        "due_in_past",
        "due_not_later",
    ];

    /// The stable snake_case code of the API.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::IllegalTransition { .. } => "illegal_transition",
            TransitionError::ForbiddenRole { .. } => "forbidden_role",
            TransitionError::NoPendingExtension => "no_pending_extension",
            TransitionError::ExtensionPending => "extension_pending",
            TransitionError::DueInPast { .. } => "due_in_past",
            TransitionError::DueNotLater { .. } => "due_not_later",
        }
    }
}

/// Whether `role` may take `action` on an assignment in status `current`, and where it leads.
///
/// `pending_extension` is the due date asked for by a pending extension request, if the caller
/// has one on record. See the module documentation for the rules.
pub fn transition(
    current: Status,
    pending_extension: Option<Date>,
    action: &Action,
    role: Role,
) -> Result<Transition, TransitionError> {
    use Status::*;

    if !action.allowed_roles().contains(&role) {
        return Err(TransitionError::ForbiddenRole {
            role,
            action: *action,
        });
    }
    let illegal = Err(TransitionError::IllegalTransition {
        from: current,
        action: *action,
    });
    let to = |to: Status| Ok(Transition { to, new_due: None });
    if current.is_closed() {
        return match action {
            Action::Reopen => to(DangThucHien),
            _ => illegal,
        };
    }
    let pending = current == XinGiaHan;
    match action {
        Action::Acknowledge => match current {
            ChuaNhan => to(DaNhan),
            _ => illegal,
        },
        Action::Start => match current {
            DaNhan | TraLai => to(DangThucHien),
            _ => illegal,
        },
        Action::ReportDone => match current {
            DaNhan | DangThucHien => to(BaoCaoHoanThanh),
            _ => illegal,
        },
        Action::Confirm => match current {
            BaoCaoHoanThanh => to(HoanThanh),
            _ => illegal,
        },
        Action::Return => match current {
            BaoCaoHoanThanh => to(TraLai),
            _ => illegal,
        },
        Action::RequestExtension { .. } => {
            if pending || pending_extension.is_some() {
                Err(TransitionError::ExtensionPending)
            } else if current == BaoCaoHoanThanh {
                illegal
            } else {
                to(XinGiaHan)
            }
        }
        Action::ApproveExtension => match (pending, pending_extension) {
            (true, Some(new_due)) => Ok(Transition {
                to: DangThucHien,
                new_due: Some(new_due),
            }),
            _ => Err(TransitionError::NoPendingExtension),
        },
        Action::RefuseExtension => {
            if pending {
                to(DangThucHien)
            } else {
                Err(TransitionError::NoPendingExtension)
            }
        }
        Action::Cancel => to(Huy),
        Action::Reopen => illegal,
    }
}

/// Checks the due date a focal point asks for: not before `today`, and later than the current
/// due date when there is one. Callers run it before [`transition`] with
/// [`Action::RequestExtension`]; the monitor's approval is not checked again (approving a date
/// that has meanwhile passed is the monitor's call).
pub fn check_new_due(
    new_due: Date,
    current_due: Option<Date>,
    today: Date,
) -> Result<(), TransitionError> {
    if new_due < today {
        return Err(TransitionError::DueInPast { new_due, today });
    }
    match current_due {
        Some(current_due) if new_due <= current_due => Err(TransitionError::DueNotLater {
            new_due,
            current_due,
        }),
        _ => Ok(()),
    }
}
