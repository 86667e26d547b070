//! Proposals (kiến nghị, đề xuất) raised by organisations to the leadership, and the answers the
//! document gives.

use dondoc_text::NormDoc;

use crate::model::{Org, Proposal};
use crate::org::{self, OrgCtx};

/// Words that open a proposal.
const CUES: &[&str] = &["đề nghị", "kiến nghị", "đề xuất", "mong muốn", "xin "];

/// Proposals in the paragraphs `from..to` that organisations raise (a speaker's request in a
/// news report, a report's "kiến nghị"), skipping the chair's directives.
pub fn find_proposals(
    doc: &NormDoc,
    from: usize,
    to: usize,
    conclusion: usize,
    orgs: &OrgCtx,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    for i in from..to.min(conclusion) {
        let text = doc.para_text(i);
        let l = text.to_lowercase();
        let Some(pos) = CUES.iter().filter_map(|c| l.find(c)).min() else {
            continue;
        };
        // The speaker is named before the colon: "Chủ tịch Hội CCB huyện Nguyễn Văn A: …".
        let Some(colon) = text.find(": ") else {
            continue;
        };
        if colon > pos {
            continue;
        }
        let speaker = text.get(..colon).unwrap_or("");
        let by: Option<Org> = org::find_orgs(speaker, orgs)
            .into_iter()
            .flat_map(|m| m.orgs)
            .next();
        let Some(by) = by else { continue };
        let body = text.get(pos..).unwrap_or("").trim();
        let start = doc.paras.get(i).map_or(0, |p| p.start + pos);
        let end = doc.paras.get(i).map_or(0, |p| p.end);
        out.push(Proposal {
            by: Some(by),
            person: None,
            text: body.to_string(),
            addressed_to: None,
            response: None,
            span: [doc.char_offset(start), doc.char_offset(end)],
        });
    }
    out
}
