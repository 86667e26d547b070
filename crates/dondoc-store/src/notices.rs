//! Notices: import (the same bytes twice are one notice), review, and publication, which turns
//! the (reviewed, else extracted) extraction into tasks, one assignment per (task,
//! organisation) — per period for recurring tasks — and entries of the proposals ledger.

use std::collections::HashSet;

use dondoc_extract::model::Recurrence;
use dondoc_extract::{Date, Extraction, Org};
use serde::Serialize;
use serde_json::json;

use crate::Store;
use crate::audit;
use crate::db::{Row, Tx, args, now_rfc3339, sha256_hex, today};
use crate::directory::{OrgId, kind_code, level_code, resolve_in};
use crate::error::{Error, Result};

/// A notice's id.
pub type NoticeId = i64;

/// A notice to import.
#[derive(Debug, Clone)]
pub struct NewNotice {
    /// The file as received.
    pub bytes: Vec<u8>,
    pub file_name: String,
    /// `text`, `docx`, `pdf`, `html`.
    pub format: String,
    /// The normalised text the extraction's spans index into.
    pub text: String,
    pub extraction: Extraction,
    /// Mật: kept out of reach of the unentitled.
    pub restricted: bool,
}

/// What `import_notice` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImportOutcome {
    /// A new notice was stored.
    Imported(NoticeId),
    /// The same bytes were imported before: nothing changed.
    AlreadyPresent(NoticeId),
}

impl ImportOutcome {
    /// The notice's id either way.
    pub fn id(self) -> NoticeId {
        match self {
            ImportOutcome::Imported(i) | ImportOutcome::AlreadyPresent(i) => i,
        }
    }
}

/// Draft (being reviewed) or published (tasks created).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    Draft,
    Published,
}

/// A stored notice (without its source bytes: see [`Store::notice_source`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub id: NoticeId,
    pub sha256: String,
    pub file_name: String,
    pub format: String,
    pub text: String,
    pub extraction: Extraction,
    pub reviewed: Option<Extraction>,
    pub state: NoticeState,
    pub restricted: bool,
    pub issued_on: Option<Date>,
    pub reference: Option<String>,
    pub title: Option<String>,
    pub created_at: String,
    pub published_at: Option<String>,
}

/// What publication created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PublishSummary {
    pub tasks: usize,
    pub assignments: usize,
    /// Assignments whose organisation the directory could not resolve (kept, flagged).
    pub unresolved: usize,
    pub proposals: usize,
    /// Proposals linked to one raised earlier.
    pub linked_proposals: usize,
}

/// A stored task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRow {
    pub id: i64,
    pub notice_id: NoticeId,
    pub ord: i64,
    pub ext_id: String,
    pub section: String,
    pub text: String,
    pub deadline_due: Option<Date>,
    pub deadline_text: Option<String>,
    pub urgent: bool,
    pub recurrence: Option<String>,
    pub quota_min: Option<i64>,
    pub quota_max: Option<i64>,
    pub quota_unit: Option<String>,
    pub span: [i64; 2],
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalRow {
    pub id: i64,
    pub notice_id: NoticeId,
    pub ord: i64,
    pub proposer_org_id: Option<OrgId>,
    pub proposer_text: Option<String>,
    pub person: Option<String>,
    pub text: String,
    pub response: Option<String>,
    /// JSON array of `{organisation_id, mention, kind, level}`.
    pub handled_by: String,
    pub status: String,
    pub earlier_id: Option<i64>,
}

fn bad_json(what: &str) -> Error {
    Error::Corrupt(format!("{what} không phải JSON hợp lệ"))
}

const SELECT_NOTICE: &str = "SELECT id, sha256, file_name, format, text, extraction, reviewed, state, restricted, issued_on, reference, title, created_at, published_at FROM notices";

fn notice_from_row(r: &Row) -> Result<Notice> {
    let ext: String = r.text(5)?;
    let reviewed = r.opt_text(6)?;
    Ok(Notice {
        id: r.i64(0)?,
        sha256: r.text(1)?,
        file_name: r.text(2)?,
        format: r.text(3)?,
        text: r.text(4)?,
        extraction: serde_json::from_str(&ext).map_err(|_| bad_json("extraction"))?,
        reviewed: reviewed
            .map(|s| serde_json::from_str(&s).map_err(|_| bad_json("reviewed")))
            .transpose()?,
        state: if r.text(7)? == "published" {
            NoticeState::Published
        } else {
            NoticeState::Draft
        },
        restricted: r.bool(8)?,
        issued_on: r.opt_date(9)?,
        reference: r.opt_text(10)?,
        title: r.opt_text(11)?,
        created_at: r.text(12)?,
        published_at: r.opt_text(13)?,
    })
}

/// The periods of a recurring task from `from` to the end of that year, each with its label
/// (`2018-W07`, `2018-03`, `2018-Q2`, `2018-H1`, `2018`, or a date range for "mỗi 2 tháng") and
/// its last day, by the rules of [`dondoc_track::periods`]. An unspecified recurrence ("định
/// kỳ") gives no periods: the task is tracked as one assignment.
pub fn periods(recurrence: &Recurrence, from: Date) -> Vec<(String, Date)> {
    let Some(to) = Date::new(from.year(), 12, 31) else {
        return Vec::new();
    };
    dondoc_track::periods(recurrence, from, to)
        .into_iter()
        .map(|p| (p.key, p.end))
        .collect()
}

/// Folded word set of a text, for similarity.
fn tokens(s: &str) -> HashSet<String> {
    dondoc_text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let j = a.intersection(b).count() as f64 / union as f64;
    j
}

/// Proposals at least this similar (token Jaccard) to an earlier one from the same proposer
/// are linked to it.
const SIMILAR: f64 = 0.5;

/// An extracted organisation resolved (or not) on a date.
#[derive(Clone)]
struct Resolved {
    org_id: Option<OrgId>,
    /// The mention kept when resolution failed: the text, else `KIND/level`.
    unresolved: Option<String>,
}

/// The resolutions made so far while publishing one notice: the same organisation is named by
/// many of its tasks.
type ResolveCache = Vec<((String, Option<String>), Resolved)>;

async fn resolve_cached(
    tx: &mut Tx,
    cache: &mut ResolveCache,
    o: &Org,
    on: Date,
) -> Result<Resolved> {
    let key = (
        format!(
            "{}/{}",
            kind_code(o.kind),
            o.level.map(level_code).unwrap_or_default()
        ),
        o.mention.clone(),
    );
    if let Some((_, r)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(r.clone());
    }
    let r = resolve(tx, o, on).await?;
    cache.push((key, r.clone()));
    Ok(r)
}

async fn resolve(tx: &mut Tx, o: &Org, on: Date) -> Result<Resolved> {
    let id = resolve_in(tx, o.kind, o.level, o.mention.as_deref(), on).await?;
    Ok(match id {
        Some(id) => Resolved {
            org_id: Some(id),
            unresolved: None,
        },
        None => Resolved {
            org_id: None,
            unresolved: Some(o.mention.clone().unwrap_or_else(|| {
                format!(
                    "{}/{}",
                    kind_code(o.kind),
                    o.level.map(level_code).unwrap_or_default()
                )
            })),
        },
    })
}

fn opt_u32(v: Option<u32>) -> Option<i64> {
    v.map(i64::from)
}

fn to_i64(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// Stores a notice with its source bytes and extraction, as a draft, in one transaction.
    /// The same bytes again change nothing and give `AlreadyPresent`.
    pub async fn import_notice(&self, n: NewNotice, actor: &str) -> Result<ImportOutcome> {
        let sha = sha256_hex(&n.bytes);
        let mut extraction = n.extraction;
        if extraction.source.sha256.is_none() {
            extraction.source.sha256 = Some(sha.clone());
        }
        if extraction.source.file.is_none() {
            extraction.source.file = Some(n.file_name.clone());
        }
        let ext_json = serde_json::to_string(&extraction).map_err(|_| bad_json("extraction"))?;
        let doc = &extraction.document;
        let mut tx = self.write().await?;
        if let Some(r) = tx
            .opt("SELECT id FROM notices WHERE sha256 = $1", args![&sha])
            .await?
        {
            return Ok(ImportOutcome::AlreadyPresent(r.i64(0)?));
        }
        let inserted = tx
            .scalar(
                "INSERT INTO notices (sha256, file_name, format, source_bytes, text, extraction, state,
                    restricted, issued_on, reference, title, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $11) RETURNING id",
                args![
                    &sha,
                    &n.file_name,
                    &n.format,
                    n.bytes,
                    &n.text,
                    ext_json,
                    n.restricted,
                    doc.issued_on,
                    doc.reference.clone(),
                    doc.title.clone(),
                    now_rfc3339()
                ],
            )
            .await;
        let id = match inserted {
            Ok(id) => id,
            // Another process imported the same bytes meanwhile (only possible without the
            // write lock, e.g. on a PostgreSQL-compatible database whose locks are unreliable).
            Err(e) if e.is_unique_violation() => {
                drop(tx);
                return self.already_present(&sha).await;
            }
            Err(e) => return Err(e),
        };
        audit::append(
            &mut tx,
            actor,
            "notice",
            Some(id),
            "import",
            None,
            Some(&json!({
                "sha256": sha,
                "file_name": n.file_name,
                "format": n.format,
                "restricted": n.restricted,
                "tasks": extraction.tasks.len(),
            })),
        )
        .await?;
        match tx.commit().await {
            Ok(()) => Ok(ImportOutcome::Imported(id)),
            Err(e) if e.is_unique_violation() => self.already_present(&sha).await,
            Err(e) => Err(e),
        }
    }

    async fn already_present(&self, sha: &str) -> Result<ImportOutcome> {
        let mut tx = self.read().await?;
        let id = tx
            .scalar("SELECT id FROM notices WHERE sha256 = $1", args![sha])
            .await?;
        Ok(ImportOutcome::AlreadyPresent(id))
    }

    /// The notice imported from exactly these bytes, if any: lets an importer skip reading
    /// and extracting a file it already has.
    pub async fn find_notice_by_bytes(&self, bytes: &[u8]) -> Result<Option<NoticeId>> {
        let sha = sha256_hex(bytes);
        let mut tx = self.read().await?;
        match tx
            .opt("SELECT id FROM notices WHERE sha256 = $1", args![&sha])
            .await?
        {
            Some(r) => Ok(Some(r.i64(0)?)),
            None => Ok(None),
        }
    }

    /// One notice.
    pub async fn get_notice(&self, id: NoticeId) -> Result<Notice> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_NOTICE} WHERE id = $1"));
        let r = tx.opt(sql, args![id]).await?.ok_or(Error::NotFound {
            what: "thông báo",
            id,
        })?;
        notice_from_row(&r)
    }

    /// Notices, newest first, paged (restricted ones only when asked for).
    pub async fn list_notices(
        &self,
        include_restricted: bool,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<Notice>> {
        self.notices_where(
            "restricted = FALSE OR $1",
            include_restricted.into(),
            limit,
            offset,
        )
        .await
    }

    /// A page of the notices meeting `cond` (on placeholder `$1`, `arg`), newest first.
    async fn notices_where(
        &self,
        cond: &str,
        arg: crate::db::Val,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<Notice>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!(
            "{SELECT_NOTICE} WHERE {cond} ORDER BY id DESC LIMIT $2 OFFSET $3"
        ));
        let page = args![i64::from(limit), i64::try_from(offset).unwrap_or(i64::MAX)];
        tx.all(sql, std::iter::once(arg).chain(page).collect())
            .await?
            .iter()
            .map(notice_from_row)
            .collect()
    }

    /// The published notices assigning tasks to `organisation`, newest first, paged
    /// (restricted ones included: the organisation is among their recipients).
    pub async fn list_notices_assigning(
        &self,
        organisation: OrgId,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<Notice>> {
        self.notices_where(
            "state = 'published' AND id IN (SELECT t.notice_id FROM tasks t
                JOIN assignments a ON a.task_id = t.id WHERE a.organisation_id = $1)",
            organisation.into(),
            limit,
            offset,
        )
        .await
    }

    /// Whether a notice is restricted (Mật).
    pub async fn notice_restricted(&self, id: NoticeId) -> Result<bool> {
        let mut tx = self.read().await?;
        tx.opt("SELECT restricted FROM notices WHERE id = $1", args![id])
            .await?
            .ok_or(Error::NotFound {
                what: "thông báo",
                id,
            })?
            .bool(0)
    }

    /// Whether a notice assigns any task to `organisation`.
    pub async fn notice_assigns(&self, id: NoticeId, organisation: OrgId) -> Result<bool> {
        let mut tx = self.read().await?;
        Ok(tx
            .opt(
                "SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id
                 WHERE t.notice_id = $1 AND a.organisation_id = $2 LIMIT 1",
                args![id, organisation],
            )
            .await?
            .is_some())
    }

    /// The bytes a notice was imported from.
    pub async fn notice_source(&self, id: NoticeId) -> Result<Vec<u8>> {
        let mut tx = self.read().await?;
        tx.opt("SELECT source_bytes FROM notices WHERE id = $1", args![id])
            .await?
            .ok_or(Error::NotFound {
                what: "thông báo",
                id,
            })?
            .get(0)
    }

    /// Saves the reviewer's corrected extraction of a draft notice.
    pub async fn save_review(
        &self,
        id: NoticeId,
        reviewed: &Extraction,
        actor: &str,
    ) -> Result<()> {
        let json = serde_json::to_string(reviewed).map_err(|_| bad_json("reviewed"))?;
        let mut tx = self.write().await?;
        let r = tx
            .opt("SELECT state FROM notices WHERE id = $1", args![id])
            .await?
            .ok_or(Error::NotFound {
                what: "thông báo",
                id,
            })?;
        if r.text(0)? == "published" {
            return Err(Error::AlreadyPublished(id));
        }
        tx.exec(
            "UPDATE notices SET reviewed = $2 WHERE id = $1",
            args![id, json],
        )
        .await?;
        audit::append(
            &mut tx,
            actor,
            "notice",
            Some(id),
            "review",
            None,
            Some(&json!({ "tasks": reviewed.tasks.len() })),
        )
        .await?;
        tx.commit().await
    }

    /// Publishes a draft notice in one transaction: its tasks, their assignments (organisations
    /// resolved through the directory on the notice's date; unresolved mentions kept), one
    /// assignment per period for recurring tasks, and its proposals, linked to similar earlier
    /// ones from the same proposer.
    pub async fn publish_notice(&self, id: NoticeId, actor: &str) -> Result<PublishSummary> {
        let mut tx = self.write().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_NOTICE} WHERE id = $1"));
        let notice = tx.opt(sql, args![id]).await?.ok_or(Error::NotFound {
            what: "thông báo",
            id,
        })?;
        let notice = notice_from_row(&notice)?;
        if notice.state == NoticeState::Published {
            return Err(Error::AlreadyPublished(id));
        }
        let ext = notice.reviewed.as_ref().unwrap_or(&notice.extraction);
        let on = match ext
            .document
            .issued_on
            .or_else(|| ext.document.meeting.as_ref().and_then(|m| m.held_on))
        {
            Some(d) => d,
            None => today()?,
        };
        let now = now_rfc3339();
        let mut sum = PublishSummary::default();
        let mut unresolved_list = Vec::new();
        let mut cache = ResolveCache::new();
        for (ord, t) in ext.tasks.iter().enumerate() {
            let quota = t.recurrence.as_ref().and_then(|r| r.quota.as_ref());
            let task_id = tx
                .scalar(
                    "INSERT INTO tasks (notice_id, ord, ext_id, section, text, deadline_due, deadline_text,
                        urgent, recurrence, quota_min, quota_max, quota_unit, span_start, span_end)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
                    args![
                        id,
                        to_i64(ord),
                        &t.id,
                        &t.section,
                        &t.text,
                        t.deadline.as_ref().and_then(|d| d.due),
                        t.deadline.as_ref().map(|d| d.text.clone()),
                        t.urgent,
                        t.recurrence
                            .as_ref()
                            .and_then(|r| serde_json::to_string(r).ok()),
                        opt_u32(quota.and_then(|q| q.min)),
                        opt_u32(quota.and_then(|q| q.max)),
                        quota.map(|q| q.unit.clone()),
                        to_i64(t.span[0]),
                        to_i64(t.span[1])
                    ],
                )
                .await?;
            sum.tasks += 1;
            // One assignment per organisation: a lead that also appears as collaborator stays lead.
            let mut seen: Vec<(Option<OrgId>, Option<String>)> = Vec::new();
            let mut targets = Vec::new();
            let roles = t
                .assignees
                .iter()
                .map(|o| (o, "lead"))
                .chain(t.collaborators.iter().map(|o| (o, "collab")));
            for (o, role) in roles {
                let r = resolve_cached(&mut tx, &mut cache, o, on).await?;
                let key = (r.org_id, r.unresolved.clone());
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                targets.push((r, role));
            }
            let instances: Vec<(Option<String>, Option<Date>)> = {
                let ps = t
                    .recurrence
                    .as_ref()
                    .map(|r| periods(r, on))
                    .unwrap_or_default();
                if ps.is_empty() {
                    vec![(None, t.deadline.as_ref().and_then(|d| d.due))]
                } else {
                    ps.into_iter().map(|(p, d)| (Some(p), Some(d))).collect()
                }
            };
            // All the task's assignments in one statement (a few hundred rows at most, far
            // below either backend's limit on arguments).
            let mut rows = Vec::new();
            for (r, role) in &targets {
                for (period, due) in &instances {
                    rows.push((r, *role, *due, period.clone()));
                    sum.assignments += 1;
                    if r.org_id.is_none() {
                        sum.unresolved += 1;
                    }
                }
            }
            for chunk in rows.chunks(500) {
                let mut vals = Vec::with_capacity(chunk.len() * 7);
                let mut tuples = Vec::with_capacity(chunk.len());
                for (r, role, due, period) in chunk {
                    let b = vals.len();
                    tuples.push(format!(
                        "(${}, ${}, ${}, ${}, 'chua_nhan', ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7,
                        b + 7
                    ));
                    vals.extend(args![
                        task_id,
                        r.org_id,
                        r.unresolved.clone(),
                        *role,
                        *due,
                        period.clone(),
                        &now
                    ]);
                }
                let sql = format!(
                    "INSERT INTO assignments (task_id, organisation_id, unresolved_mention, role, status,
                        due, period, created_at, updated_at) VALUES {}",
                    tuples.join(", ")
                );
                tx.exec(sqlx::AssertSqlSafe(sql), vals).await?;
            }
            for (r, _) in &targets {
                if let Some(u) = &r.unresolved {
                    unresolved_list.push(json!({ "task": t.id, "mention": u }));
                }
            }
        }
        for (ord, p) in ext.proposals.iter().enumerate() {
            let by = match &p.by {
                Some(o) => Some(resolve(&mut tx, o, on).await?),
                None => None,
            };
            let proposer_org_id = by.as_ref().and_then(|r| r.org_id);
            let proposer_text = p.by.as_ref().and_then(|o| o.mention.clone());
            let mut handled = Vec::new();
            if let Some(resp) = &p.response {
                for o in &resp.handled_by {
                    let r = resolve(&mut tx, o, on).await?;
                    handled.push(json!({
                        "organisation_id": r.org_id,
                        "mention": o.mention,
                        "kind": kind_code(o.kind),
                        "level": o.level.map(level_code),
                    }));
                }
            }
            let earlier = self
                .similar_earlier(
                    &mut tx,
                    id,
                    proposer_org_id,
                    proposer_text.as_deref(),
                    &p.text,
                )
                .await?;
            let person = p.person.as_ref().and_then(|x| {
                let parts: Vec<&str> = [x.name.as_deref(), x.title.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            });
            tx.exec(
                "INSERT INTO proposals (notice_id, ord, proposer_org_id, proposer_text, person, text,
                    response, handled_by, status, earlier_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                args![
                    id,
                    to_i64(ord),
                    proposer_org_id,
                    proposer_text,
                    person,
                    &p.text,
                    p.response.as_ref().map(|r| r.text.clone()),
                    serde_json::Value::Array(handled).to_string(),
                    if p.response.is_some() { "answered" } else { "open" },
                    earlier
                ],
            )
            .await?;
            sum.proposals += 1;
            if earlier.is_some() {
                sum.linked_proposals += 1;
            }
        }
        tx.exec(
            "UPDATE notices SET state = 'published', published_at = $2 WHERE id = $1",
            args![id, &now],
        )
        .await?;
        audit::append(
            &mut tx,
            actor,
            "notice",
            Some(id),
            "publish",
            Some(&json!({ "state": "draft" })),
            Some(&json!({
                "state": "published",
                "on": on.to_string(),
                "tasks": sum.tasks,
                "assignments": sum.assignments,
                "proposals": sum.proposals,
                "unresolved": unresolved_list,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(sum)
    }

    /// The most similar earlier proposal (other notices) of the same proposer, if similar enough.
    async fn similar_earlier(
        &self,
        tx: &mut Tx,
        notice_id: NoticeId,
        org: Option<OrgId>,
        proposer_text: Option<&str>,
        text: &str,
    ) -> Result<Option<i64>> {
        let rows = match org {
            Some(o) => {
                tx.all(
                    "SELECT id, text, proposer_text FROM proposals
                     WHERE notice_id <> $1 AND proposer_org_id = $2 ORDER BY id",
                    args![notice_id, o],
                )
                .await?
            }
            None => {
                tx.all(
                    "SELECT id, text, proposer_text FROM proposals
                     WHERE notice_id <> $1 AND proposer_org_id IS NULL ORDER BY id",
                    args![notice_id],
                )
                .await?
            }
        };
        let mine = tokens(text);
        let who = proposer_text.map(dondoc_text::fold);
        let mut best: Option<(f64, i64)> = None;
        for r in &rows {
            if org.is_none() && r.opt_text(2)?.map(|t| dondoc_text::fold(&t)) != who {
                continue;
            }
            let j = jaccard(&mine, &tokens(&r.text(1)?));
            // Ties go to the latest, which itself links back to the first.
            if j >= SIMILAR && best.is_none_or(|(b, _)| j >= b) {
                best = Some((j, r.i64(0)?));
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    /// The tasks of a notice, in order.
    pub async fn list_tasks(&self, notice_id: NoticeId) -> Result<Vec<TaskRow>> {
        let mut tx = self.read().await?;
        let rows = tx
            .all(
                "SELECT id, notice_id, ord, ext_id, section, text, deadline_due, deadline_text, urgent,
                    recurrence, quota_min, quota_max, quota_unit, span_start, span_end
                 FROM tasks WHERE notice_id = $1 ORDER BY ord",
                args![notice_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(TaskRow {
                    id: r.i64(0)?,
                    notice_id: r.i64(1)?,
                    ord: r.i64(2)?,
                    ext_id: r.text(3)?,
                    section: r.text(4)?,
                    text: r.text(5)?,
                    deadline_due: r.opt_date(6)?,
                    deadline_text: r.opt_text(7)?,
                    urgent: r.bool(8)?,
                    recurrence: r.opt_text(9)?,
                    quota_min: r.opt_i64(10)?,
                    quota_max: r.opt_i64(11)?,
                    quota_unit: r.opt_text(12)?,
                    span: [r.i64(13)?, r.i64(14)?],
                })
            })
            .collect()
    }

    /// The proposals of a notice (or of every notice), in order.
    pub async fn list_proposals(&self, notice_id: Option<NoticeId>) -> Result<Vec<ProposalRow>> {
        let mut tx = self.read().await?;
        let rows = tx
            .all(
                "SELECT id, notice_id, ord, proposer_org_id, proposer_text, person, text, response,
                    handled_by, status, earlier_id
                 FROM proposals WHERE $1 IS NULL OR notice_id = $1 ORDER BY id",
                args![notice_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ProposalRow {
                    id: r.i64(0)?,
                    notice_id: r.i64(1)?,
                    ord: r.i64(2)?,
                    proposer_org_id: r.opt_i64(3)?,
                    proposer_text: r.opt_text(4)?,
                    person: r.opt_text(5)?,
                    text: r.text(6)?,
                    response: r.opt_text(7)?,
                    handled_by: r.text(8)?,
                    status: r.text(9)?,
                    earlier_id: r.opt_i64(10)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use dondoc_extract::Freq;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn quarters_from_the_notice_to_the_end_of_its_year() {
        let every = |freq: Freq| Recurrence {
            text: String::new(),
            freq,
            interval: 1,
            quota: None,
        };
        let p = periods(&every(Freq::Quarterly), d("2018-05-10"));
        let labels: Vec<_> = p.iter().map(|(l, e)| format!("{l}:{e}")).collect();
        assert_eq!(
            labels,
            [
                "2018-Q2:2018-06-30",
                "2018-Q3:2018-09-30",
                "2018-Q4:2018-12-31"
            ]
        );
        assert_eq!(periods(&every(Freq::Monthly), d("2020-11-03")).len(), 2);
        assert_eq!(
            periods(&every(Freq::Monthly), d("2020-02-03"))
                .first()
                .map(|x| x.1),
            Some(d("2020-02-29"))
        );
        assert_eq!(periods(&every(Freq::HalfYearly), d("2020-07-01")).len(), 1);
        assert_eq!(
            periods(&every(Freq::Yearly), d("2020-07-01")),
            [("2020".to_owned(), d("2020-12-31"))]
        );
        // Weekly: ISO weeks, the first the one the notice falls in (Wednesday 1 July 2020 is in
        // week 27), the last the one holding 31 December (week 53, ending 3 January 2021).
        let weeks = periods(&every(Freq::Weekly), d("2020-07-01"));
        assert_eq!(
            weeks.first(),
            Some(&("2020-W27".to_owned(), d("2020-07-05")))
        );
        assert_eq!(
            weeks.last(),
            Some(&("2020-W53".to_owned(), d("2021-01-03")))
        );
        assert_eq!(weeks.len(), 27);
        assert!(periods(&every(Freq::Periodic), d("2020-07-01")).is_empty());
    }

    #[test]
    fn jaccard_of_folded_words() {
        let a = tokens("Đề nghị hỗ trợ kinh phí");
        let b = tokens("de nghi ho tro kinh phi");
        assert!((jaccard(&a, &b) - 1.0).abs() < 1e-9);
    }
}
