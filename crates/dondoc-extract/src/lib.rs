//! The extraction core of dondoc: a conclusion notice's normalised text in, the structured
//! extraction of `spec/extraction-v1.md` out.
//!
//! Like rust-analyzer's parser this never fails: any text gives an [`Extraction`], with
//! warnings for what a reviewer must check. It does no I/O and knows nothing of files,
//! databases or HTTP; the readers produce its input, the `dondoc` binary glues them.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

pub mod date;
pub mod deadline;
pub mod header;
pub mod meeting;
pub mod model;
pub mod org;
pub mod re;
pub mod references;

mod lower;
mod monitoring;
#[doc(hidden)]
pub mod outline;
mod proposals;
mod tasks;

pub use date::Date;
pub use dondoc_text::{NormDoc, RawParagraph};
pub use model::*;

/// The organisations the directives address: the meeting's participating organisations
/// (from the attendees, else the title and the opening paragraphs), or a letter's addressees.
fn addressed_orgs(
    doc: &NormDoc,
    document: &Document,
    header: &header::Header,
    ctx: &org::OrgCtx,
) -> Vec<Org> {
    let mut out: Vec<Org> = Vec::new();
    // Each organisation once; two of one kind and level ("Phòng Nông nghiệp", "Phòng Tài
    // chính") are two organisations, tracked each on its own.
    let add = |orgs: Vec<Org>, out: &mut Vec<Org>| {
        for o in orgs {
            if !out.iter().any(|x| x.kind == o.kind && x.level == o.level) {
                out.push(o);
            }
        }
    };
    // The "Kính gửi" list names each organisation: two of one kind and level ("Phòng Nông
    // nghiệp", "Phòng Tài chính") are two organisations, tracked each on its own.
    for a in &document.addressees {
        for o in org::resolve(a, ctx) {
            if !out
                .iter()
                .any(|x| x.kind == o.kind && x.level == o.level && x.mention == o.mention)
            {
                out.push(o);
            }
        }
    }
    if out.is_empty()
        && let Some(m) = &document.meeting
    {
        for p in &m.attendees {
            if let Participant::Org(o) = p {
                add(vec![o.clone()], &mut out);
            }
        }
    }
    // A meeting's title names its participating organisations too ("Họp giao ban MTTQ, các
    // đoàn thể …"), even when the head of one attends as a person: the part after "giao ban"
    // or "làm việc với", leaving out "một số …" (some of them: the attendees say which).
    if document.addressees.is_empty()
        && let Some(t) = &document.title
    {
        let lower = crate::lower::lowercase(t);
        let from = if out.is_empty() {
            Some(0)
        } else {
            ["giao ban", "làm việc với", "họp với"]
                .iter()
                .filter_map(|w| lower.find(w).map(|p| p + w.len()))
                .min()
        };
        if let Some(from) = from {
            let some_of = |start: usize| {
                lower
                    .get(..start)
                    .is_some_and(|b| b.trim_end().ends_with("một số"))
            };
            add(
                org::find_orgs(t, ctx)
                    .into_iter()
                    .filter(|m| m.start >= from && !some_of(m.start))
                    .flat_map(|m| m.orgs)
                    .collect(),
                &mut out,
            );
        }
    }
    if out.is_empty() {
        // The opening paragraphs: "Sau khi nghe MTTQ và các đoàn thể báo cáo …".
        for i in header.body_start..header.body_end.min(header.body_start + 3) {
            // Citations ("Căn cứ Quyết định số … của Thủ tướng Chính phủ") address nobody.
            if crate::lower::lower_starts_with(doc.para_text(i), "căn cứ") {
                continue;
            }
            add(
                org::find_orgs(doc.para_text(i), ctx)
                    .into_iter()
                    .flat_map(|m| m.orgs)
                    .collect(),
                &mut out,
            );
        }
    }
    for o in &mut out {
        o.mention = None;
    }
    out
}

/// Proposals are not tasks (contract, `tasks`): a task whose span lies inside the span of a
/// detected proposal (a speaker's request in minutes, an item of a report's "Kiến nghị"
/// section) is dropped. The answer to a proposal lies outside the proposal's span and stays.
fn drop_tasks_inside_proposals(tasks: Vec<Task>, proposals: &[Proposal]) -> Vec<Task> {
    // Spans sorted by start, with the furthest end reached so far: a task lies inside some
    // proposal when a proposal starting at or before it reaches its end.
    let mut spans: Vec<[usize; 2]> = proposals
        .iter()
        .map(|p| p.span)
        .filter(|s| s[0] < s[1])
        .collect();
    spans.sort_unstable();
    let mut reach = Vec::with_capacity(spans.len());
    let mut far = 0;
    for s in &spans {
        far = far.max(s[1]);
        reach.push(far);
    }
    tasks
        .into_iter()
        .filter(|t| {
            let n = spans.partition_point(|s| s[0] <= t.span[0]);
            n.checked_sub(1)
                .and_then(|i| reach.get(i))
                .is_none_or(|&e| e < t.span[1])
        })
        .collect()
}

/// Extracts everything the contract asks for from a normalised document.
pub fn extract(doc: &NormDoc, source: Source) -> Extraction {
    let mut warnings = Vec::new();
    let header = header::parse_header(doc);
    let year = header.document.issued_on.map(|d| d.year()).or_else(|| {
        date::find_dates(&doc.text, None)
            .first()
            .map(|d| d.date.year())
    });
    let mut dates = deadline::DateCtx {
        doc_date: header.document.issued_on,
        year,
    };
    let mut orgs = org::OrgCtx {
        default_level: header.level,
        addressed: Vec::new(),
        ..Default::default()
    };
    let mut document = header.document.clone();
    document.meeting = meeting::parse_meeting(doc, &header, &dates, &orgs, &mut warnings);
    if dates.doc_date.is_none() {
        dates.doc_date = document.meeting.as_ref().and_then(|m| m.held_on);
    }
    orgs.addressed = addressed_orgs(doc, &document, &header, &orgs);
    orgs.departments_by_default = orgs.addressed.is_empty();
    let references = references::find_references(&doc.text, document.reference.as_deref());
    let nodes = outline::build(doc, header.body_start, header.body_end);
    let ctx = tasks::Ctx {
        doc,
        kind: document.kind,
        dates,
        orgs,
    };
    let tasks = tasks::extract_tasks(&nodes, &ctx, &mut warnings);
    let conclusion = nodes
        .iter()
        .find(|n| {
            doc.text
                .get(n.start..n.end)
                .is_some_and(|t| crate::lower::lowercase(t).contains("kết luận"))
        })
        .map_or(header.body_end, |n| n.para);
    let proposals = proposals::find_proposals(&proposals::Ctx {
        doc,
        nodes: &nodes,
        kind: document.kind,
        issuer: document.issuer.as_deref(),
        from: header.body_start,
        to: header.body_end,
        conclusion,
        orgs: &ctx.orgs,
    });
    let mut tasks = drop_tasks_inside_proposals(tasks, &proposals);
    // Ids stay "t1", "t2" … without gaps after the drop.
    for (i, t) in tasks.iter_mut().enumerate() {
        t.id = format!("t{}", i + 1);
    }
    let monitoring =
        monitoring::find_monitoring(&tasks, doc, header.body_start, header.body_end, &ctx.orgs);
    Extraction {
        schema: SCHEMA.to_string(),
        source,
        document,
        tasks,
        proposals,
        references,
        monitoring,
        warnings,
    }
}

/// Normalises plain text (one paragraph per line) and extracts it.
pub fn extract_text(text: &str) -> Extraction {
    let doc = NormDoc::from_plain(text);
    extract(
        &doc,
        Source {
            format: "text".into(),
            encoding: "utf-8".into(),
            ..Source::default()
        },
    )
}
