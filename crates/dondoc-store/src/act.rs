//! What a user does to an assignment, checked and applied in one transaction: who may see it
//! (a focal point only its own organisation's), whether the lifecycle of
//! [`dondoc_track::lifecycle`] allows the action from the current status, and the change with
//! its history and audit entry.

use dondoc_extract::Date;
use dondoc_track::{Action, Role as TrackRole, Status, check_new_due, transition};
use serde_json::json;

use crate::Store;
use crate::assignments::AssignmentId;
use crate::audit;
use crate::db::{args, now_rfc3339};
use crate::directory::OrgId;
use crate::error::{Error, Result};
use crate::users::UserRole;

/// The authenticated user on whose behalf a change is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor<'a> {
    pub username: &'a str,
    pub role: UserRole,
    /// The organisation of a focal point.
    pub organisation_id: Option<OrgId>,
}

impl Actor<'_> {
    /// Whether this user may see the assignments of `organisation`: everyone but a focal point
    /// sees all; a focal point only its own organisation's.
    pub fn sees(&self, organisation: Option<OrgId>) -> bool {
        match self.role {
            UserRole::Focal => {
                self.organisation_id.is_some() && organisation == self.organisation_id
            }
            UserRole::Admin | UserRole::Monitor | UserRole::Leader => true,
        }
    }

    fn lifecycle_role(&self) -> TrackRole {
        match self.role {
            UserRole::Admin => TrackRole::Admin,
            UserRole::Monitor => TrackRole::Monitor,
            UserRole::Leader => TrackRole::Leader,
            UserRole::Focal => TrackRole::FocalPoint,
        }
    }
}

/// Where an action left the assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acted {
    pub status: Status,
    pub due: Option<Date>,
}

impl Store {
    /// Applies `action` to assignment `id` for `actor` on `today`. An assignment the actor may
    /// not see answers `NotFound`, as one that does not exist; an action the lifecycle refuses
    /// answers `Refused` with its Vietnamese reason. Reporting completion records `today` as
    /// the day done; a return or a reopening clears it; an approved extension moves the due
    /// date and keeps the old one in the history. `note` (a reason, a comment) goes into the
    /// audit entry, and for an extension request is kept as its reason.
    pub async fn act(
        &self,
        id: AssignmentId,
        action: &Action,
        actor: &Actor<'_>,
        note: Option<&str>,
        today: Date,
    ) -> Result<Acted> {
        let not_found = Error::NotFound {
            what: "phân công",
            id,
        };
        let mut tx = self.write().await?;
        let r = tx
            .opt(
                "SELECT status, due, done_on, requested_due, organisation_id
                 FROM assignments WHERE id = $1",
                args![id],
            )
            .await?
            .ok_or(not_found)?;
        let code = r.text(0)?;
        let due = r.opt_date(1)?;
        let done_on = r.opt_date(2)?;
        let requested = r.opt_date(3)?;
        if !actor.sees(r.opt_i64(4)?) {
            return Err(Error::NotFound {
                what: "phân công",
                id,
            });
        }
        let status = Status::from_code(&code)
            .ok_or_else(|| Error::Corrupt(format!("trạng thái \"{code}\" của phân công {id}")))?;
        if let Action::RequestExtension { new_due } = action {
            check_new_due(*new_due, due, today).map_err(Error::Refused)?;
        }
        let t = transition(status, requested, action, actor.lifecycle_role())
            .map_err(Error::Refused)?;
        let new_done = match action {
            Action::ReportDone => Some(today),
            Action::Return | Action::Reopen => None,
            _ => done_on,
        };
        let (new_requested, reason) = match action {
            Action::RequestExtension { new_due } => (Some(*new_due), note),
            _ => (None, None),
        };
        let new_due = t.new_due.or(due);
        let now = now_rfc3339();
        let n = tx
            .exec(
                "UPDATE assignments SET status = $2, done_on = $3, due = $4, requested_due = $5,
                    requested_reason = $6, updated_at = $7
                 WHERE id = $1 AND status = $8",
                args![
                    id,
                    t.to.code(),
                    new_done,
                    new_due,
                    new_requested,
                    reason,
                    &now,
                    &code
                ],
            )
            .await?;
        if n != 1 {
            return Err(Error::StatusConflict {
                expected: code,
                actual: "?".to_owned(),
            });
        }
        if new_due != due {
            tx.exec(
                "INSERT INTO due_changes (assignment_id, old_due, new_due, at, actor, reason)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                args![
                    id,
                    due,
                    new_due,
                    &now,
                    actor.username,
                    note.unwrap_or("đồng ý gia hạn")
                ],
            )
            .await?;
        }
        audit::append(
            &mut tx,
            actor.username,
            "assignment",
            Some(id),
            action.code(),
            Some(&json!({
                "status": code,
                "due": due,
                "done_on": done_on,
                "requested_due": requested,
            })),
            Some(&json!({
                "status": t.to.code(),
                "due": new_due,
                "done_on": new_done,
                "requested_due": new_requested,
                "note": note,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(Acted {
            status: t.to,
            due: new_due,
        })
    }
}
