//! Proposals (kiến nghị, đề xuất) raised by organisations to the leadership, and the answers the
//! document gives.
//!
//! Five grammars are read, each from the structure of the text rather than from its topic:
//!
//! 1. A section headed "Kiến nghị", "Đề xuất, kiến nghị", "Về các kiến nghị của X" (a report's
//!    closing requests, a notice's answers): each smallest item under it is one proposal of X,
//!    or of the body that speaks in the section's opening sentence, or of the issuer.
//! 2. An item "Về kiến nghị <content>: <answer>" (a notice answering requests): the content is
//!    the proposal, the rest of the item (or its sub-items) the response.
//! 3. A section "Ý kiến của X" of minutes: each enumerated point of X, and each sentence in
//!    which X requests something ("Đề nghị …").
//! 4. A speaker's line of a news report, "Chủ tịch Hội CCB huyện Nguyễn Văn A: … đề nghị …":
//!    each requesting sentence, with the speaker as `person`, unless the speaker belongs to the
//!    leadership the meeting reports to.
//! 5. A group that is no organisation ("cử tri", "nhiều ý kiến", "người dân") requesting
//!    something in running text: `by` is that group, kind `OTHER`.

use dondoc_text::NormDoc;

use crate::model::{DocKind, Level, Org, OrgKind, Person, Proposal, Response};
use crate::org::{self, OrgCtx};
use crate::outline::Node;

/// What the proposal finder reads.
pub struct Ctx<'a> {
    pub doc: &'a NormDoc,
    pub nodes: &'a [Node],
    pub kind: DocKind,
    /// The issuing body as the header writes it ("ĐẢNG ỦY XÃ A VĂN PHÒNG").
    pub issuer: Option<&'a str>,
    /// Paragraph range of the body.
    pub from: usize,
    pub to: usize,
    /// First paragraph of the chair's conclusion: speakers' lines are read only before it.
    pub conclusion: usize,
    pub orgs: &'a OrgCtx,
}

/// A sentence of a paragraph: byte range into the document text.
#[derive(Debug, Clone, Copy)]
struct Sentence {
    start: usize,
    end: usize,
}

/// Splits the text at `base..` into sentences: a full stop, "!" or "?" followed by a space and
/// an upper-case letter (or the end) closes one. "1.000 tỷ", "Số 12/BC-UBND." stay whole.
fn sentences(text: &str, base: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let after = text.get(i + c.len_utf8()..).unwrap_or("");
        let next_upper = after
            .strip_prefix(' ')
            .and_then(|s| s.chars().next())
            .is_some_and(|n| n.is_uppercase() || n == '"' || n == '“');
        if after.is_empty() || next_upper {
            let end = i + c.len_utf8();
            push_sentence(text, base, start, end, &mut out);
            start = end;
            while let Some(&(_, ' ')) = iter.peek() {
                iter.next();
                start += 1;
            }
        }
    }
    push_sentence(text, base, start, text.len(), &mut out);
    out
}

fn push_sentence(text: &str, base: usize, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    out.push(Sentence {
        start: base + start + lead,
        end: base + end - trail,
    });
}

/// The first word in `l` (lower case) that requests something, used as a verb: "đề nghị huyện
/// hỗ trợ", "kính đề nghị", "mong muốn" — not the noun in "các kiến nghị", "theo đề xuất".
/// Byte offset of the cue.
fn verbal_cue(l: &str) -> Option<usize> {
    let cue = crate::regex!(r"\b(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất|mong\s+muốn)\b");
    let noun_before = crate::regex!(
        r"(?:\b(?:các|những|mọi|theo|có|của|tại|về|nội\s+dung|ý\s+kiến|giải\s+quyết|trả\s+lời|tiếp\s+thu|tổng\s+hợp|nghiên\s+cứu|xem\s+xét)|ý\s+kiến\s*,)\s*$"
    );
    for m in cue.find_iter(l) {
        let before = l.get(..m.start()).unwrap_or("");
        if noun_before.is_match(before) {
            continue;
        }
        return Some(m.start());
    }
    None
}

/// Whether the request states no content of its own ("đề xuất nhiều giải pháp", "kiến nghị một
/// số nội dung"): such a proposal is not recorded.
fn content_missing(after_cue: &str) -> bool {
    let l = crate::lower::lowercase(after_cue);
    crate::regex!(
        r"^\s*(?:nhiều|một\s+số|các|những)\s+(?:giải\s+pháp|nội\s+dung|vấn\s+đề|ý\s+kiến|kiến\s+nghị|đề\s+xuất)\s*(?:[.;,:]|$|(?:quan\s+trọng|thiết\s+thực|tâm\s+huyết)\b)"
    )
    .is_match(&l)
        || l.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
        // "Về một số kiến nghị khác của Hội": only a pointer to what was said.
        || crate::regex!(r"^\s*(?:khác|còn\s+lại|nêu\s+trên|trên)(?:\s+của\s+[^:;.]*)?\s*[:.;]?\s*$")
            .is_match(&l)
}

/// The text of a node (after its label).
fn node_text<'a>(doc: &'a NormDoc, n: &Node) -> &'a str {
    doc.text.get(n.start..n.end).unwrap_or("").trim()
}

/// A span in bytes while the proposals are read; [`to_chars`] converts them all at the end in
/// one pass over the text (a character offset per span would cost a scan of the text each).
fn span(_doc: &NormDoc, start: usize, end: usize) -> [usize; 2] {
    [start, end]
}

/// Converts the byte spans of `out` to the character offsets of the contract.
fn to_chars(doc: &NormDoc, out: &mut [Proposal]) {
    let mut offsets: Vec<usize> = out.iter().flat_map(|p| p.span).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(offsets.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for &o in &offsets {
        let o = o.min(doc.text.len());
        let mut b = o;
        while b > byte && !doc.text.is_char_boundary(b) {
            b -= 1;
        }
        chars += doc.text.get(byte..b).map_or(0, |t| t.chars().count());
        byte = b.max(byte);
        map.push((o, chars));
    }
    let find = |o: usize| {
        let o = o.min(doc.text.len());
        map.binary_search_by_key(&o, |&(b, _)| b)
            .ok()
            .and_then(|i| map.get(i))
            .map_or(0, |&(_, c)| c)
    };
    for p in out {
        p.span = [find(p.span[0]), find(p.span[1])];
    }
}

/// Which nodes (or paragraphs) a grammar has already read.
struct Covered(Vec<bool>);

impl Covered {
    fn new(n: usize) -> Self {
        Self(vec![false; n])
    }
    fn mark(&mut self, i: usize) {
        if let Some(c) = self.0.get_mut(i) {
            *c = true;
        }
    }
    fn has(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

/// Whether node `j` lies under node `i` (as a labelled descendant or a continuation).
fn under(nodes: &[Node], j: usize, i: usize) -> bool {
    let mut cur = nodes.get(j).and_then(|n| n.parent);
    let mut guard = 0;
    while let Some(p) = cur {
        if p == i {
            return true;
        }
        guard += 1;
        if guard > nodes.len() {
            return false;
        }
        cur = nodes.get(p).and_then(|n| n.parent);
    }
    false
}

/// The nodes under `i`, in order.
fn subtree(nodes: &[Node], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for j in i + 1..nodes.len() {
        if under(nodes, j, i) {
            out.push(j);
        } else if nodes
            .get(j)
            .is_some_and(|n| n.style.is_some() && n.parent.is_none_or(|p| p < i))
        {
            break;
        }
    }
    out
}

/// Whether a node has labelled children.
fn has_items(n: &Node) -> bool {
    !n.children.is_empty()
}

/// The heading of node `i` as one string: a heading that a line break cut after "của"
/// ("VỀ CÁC KIẾN NGHỊ CỦA" / "THÀNH PHỐ") takes the next paragraph too.
fn heading_text(ctx: &Ctx, i: usize) -> String {
    let Some(n) = ctx.nodes.get(i) else {
        return String::new();
    };
    let mut t = node_text(ctx.doc, n).to_string();
    let l = crate::lower::lowercase(&t);
    if (l.ends_with(" của") || l.ends_with(" của:"))
        && let Some(next) = ctx.nodes.get(i + 1)
    {
        t.push(' ');
        t.push_str(node_text(ctx.doc, next));
    }
    t
}

/// Reads a section heading of proposals: `Some(proposer phrase)` ("" when it names none).
fn proposal_heading(heading: &str) -> Option<String> {
    let re = crate::regex!(
        r"(?i)^(?:về\s+)?(?:(?:một\s+số|các|những)\s+)?(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị)(?:\s*(?:,|và)\s*(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị))*(?:\s+của\s+(.{1,80}?))?\s*[:.]?$"
    );
    let c = re.captures(heading.trim())?;
    Some(
        c.get(1)
            .map_or(String::new(), |m| m.as_str().trim().to_string()),
    )
}

/// The proposer a section heading or an item names ("của tỉnh", "CỦA THÀNH PHỐ").
fn resolve_first(phrase: &str, ctx: &OrgCtx) -> Option<Org> {
    if phrase.trim().is_empty() {
        return None;
    }
    org::resolve(phrase, ctx).into_iter().next()
}

/// The issuing body as an organisation. A header that writes a parent then the issuing unit
/// ("ĐẢNG ỦY XÃ A" / "VĂN PHÒNG") names the unit of the parent.
fn issuer_org(issuer: &str, ctx: &OrgCtx) -> Option<Org> {
    let up = issuer.trim();
    let units = [
        "VĂN PHÒNG",
        "BAN TỔ CHỨC",
        "BAN DÂN VẬN",
        "BAN TUYÊN GIÁO",
        "ỦY BAN KIỂM TRA",
        "UỶ BAN KIỂM TRA",
    ];
    for u in units {
        if let Some(parent) = up.strip_suffix(u)
            && !parent.trim().is_empty()
        {
            let phrase = format!("{u} {}", parent.trim());
            if let Some(o) = resolve_first(&phrase, ctx) {
                return Some(o);
            }
        }
    }
    let orgs = org::resolve(up, ctx);
    orgs.last().cloned()
}

/// Strips a short topic label ("Đối với thể thức văn bản: ", "Về điều kiện trình: ") that
/// opens an item. Returns the byte length to skip.
fn topic_prefix(text: &str) -> usize {
    let re = crate::regex!(r"(?i)^(?:về|đối\s+với)\s[^:;.]{1,80}:\s+");
    re.find(text).map_or(0, |m| {
        if text.get(m.end()..).is_some_and(|r| r.trim().len() > 10) {
            m.end()
        } else {
            0
        }
    })
}

/// Who a sentence asks ("kính trình Thường trực Đảng ủy …", "đề nghị Bộ Nội vụ …").
fn addressee(sentence: &str, ctx: &OrgCtx) -> Option<Org> {
    let l = crate::lower::lowercase(sentence);
    let pos = verbal_cue(&l).or_else(|| {
        crate::regex!(r"\b(?:kính\s+)?trình\b")
            .find(&l)
            .map(|m| m.start())
    })?;
    let rest = sentence.get(pos..)?;
    let verb = crate::regex!(
        r"(?i)^(?:kính\s+)?(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất|mong\s+muốn|trình)\s+(?:với\s+)?"
    );
    let m = verb.find(rest)?;
    let after = rest.get(m.end()..)?;
    let found = org::find_orgs(after, ctx);
    match found.first() {
        Some(first) if first.start <= 3 => first.orgs.first().cloned(),
        _ => bare_addressee(after, ctx),
    }
}

/// "đề nghị huyện …", "đề nghị phường …", "mong muốn thành phố …": the place named bare.
fn bare_addressee(after: &str, ctx: &OrgCtx) -> Option<Org> {
    let re = crate::regex!(r"(?i)^(tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường)\b");
    let m = re.find(after)?;
    resolve_first(m.as_str(), ctx)
}

/// Section grammar (1): the items of a "Kiến nghị" section. Returns the proposals and the
/// nodes the section covers.
fn section_proposals(ctx: &Ctx, out: &mut Vec<Proposal>, covered: &mut Covered) {
    let nodes = ctx.nodes;
    let mut i = 0;
    while i < nodes.len() {
        let Some(n) = nodes.get(i) else { break };
        if n.style.is_none() || covered.has(i) {
            i += 1;
            continue;
        }
        let heading = heading_text(ctx, i);
        let Some(phrase) = proposal_heading(&heading) else {
            i += 1;
            continue;
        };
        let sub = subtree(nodes, i);
        if sub.is_empty() {
            i += 1;
            continue;
        }
        // The opening sentence names the speaker and the addressee: "Văn phòng Đảng ủy kính
        // trình Thường trực Đảng ủy xem xét …".
        let intro = sub
            .iter()
            .filter_map(|&j| nodes.get(j))
            .find(|m| m.style.is_none() && m.parent == Some(i))
            .map(|m| node_text(ctx.doc, m));
        let mut by = resolve_first(&phrase, ctx.orgs);
        let mut to = None;
        if let Some(intro) = intro {
            let a = org::find_assignment(intro, ctx.orgs);
            if by.is_none() {
                by = a.lead.first().cloned();
            }
            to = a.report_to.clone().or_else(|| addressee(intro, ctx.orgs));
        }
        if by.is_none() {
            by = ctx.issuer.and_then(|s| issuer_org(s, ctx.orgs));
        }
        let answers = heading.trim_start().to_lowercase().starts_with("về");
        covered.mark(i);
        for &j in &sub {
            covered.mark(j);
        }
        // A heading cut after "của" took the next paragraph as its own.
        let skip_next = heading.len() > node_text(ctx.doc, n).len();
        let mut answer_items: Vec<usize> = Vec::new();
        for (k, &j) in sub.iter().enumerate() {
            let Some(m) = nodes.get(j) else { continue };
            if skip_next && k == 0 {
                continue;
            }
            let text = node_text(ctx.doc, m);
            if answer_head(text).is_some() {
                // Grammar (2) reads it, with this section's proposer.
                answer_proposal(ctx, j, by.clone(), out, covered);
                answer_items.push(j);
                continue;
            }
            // The answer under such an item.
            if answer_items.iter().any(|&a| under(nodes, j, a)) {
                continue;
            }
            // A section that answers ("Về các kiến nghị, đề xuất") states proposals only in
            // items of grammar (2); its other items are directives.
            if answers {
                subject_answer(ctx, j, out, covered);
                continue;
            }
            // The smallest items only; an opening sentence or a heading that introduces
            // items ("…, cụ thể như sau:") is not a proposal itself.
            if has_items(m) || text.ends_with(':') {
                continue;
            }
            if m.style.is_none() && m.parent == Some(i) && intro.is_some_and(|t| t == text) {
                continue;
            }
            // A continuation belongs to the item it continues.
            if m.style.is_none() && m.parent != Some(i) {
                if let Some(last) = out.last_mut()
                    && let Some(p) = ctx.doc.paras.get(m.para)
                {
                    last.text.push(' ');
                    last.text.push_str(text);
                    last.span[1] = p.end;
                }
                continue;
            }
            let skip = topic_prefix(text);
            let body = text.get(skip..).unwrap_or(text).trim();
            let start = m.start + skip;
            out.push(Proposal {
                by: by.clone(),
                person: None,
                text: body.trim_end_matches("./.").to_string(),
                addressed_to: addressee(body, ctx.orgs).or_else(|| to.clone()),
                response: None,
                span: span(ctx.doc, start, m.end),
            });
        }
        i = sub.last().map_or(i + 1, |&l| l + 1);
    }
}

/// An item that answers a proposal: "Về kiến nghị <content>: <answer>". Returns the byte
/// offset where the proposal's own words start (the cue) and where its content ends.
fn answer_head(text: &str) -> Option<(usize, usize)> {
    let re = crate::regex!(
        r"(?i)^(?:về|đối\s+với)\s+(?:(?:các|một\s+số|những)\s+)?((?:đề\s+xuất|kiến\s+nghị|đề\s+nghị)(?:\s*,\s*(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị))?)\b"
    );
    let m = re.captures(text)?;
    let cue = m.get(1)?;
    // The content runs to the colon that opens the answer (or to the end of a heading item).
    let end = text
        .match_indices(':')
        .map(|(p, _)| p)
        .find(|&p| {
            text.get(p + 1..)
                .is_none_or(|r| r.is_empty() || r.starts_with(' '))
        })
        .unwrap_or(text.len());
    Some((cue.start(), end))
}

/// The answer to a proposal: its text and the bodies leading each of its sentences.
fn build_response(ctx: &Ctx, answer: &[String]) -> Option<Response> {
    if answer.is_empty() {
        return None;
    }
    let mut handled: Vec<Org> = Vec::new();
    for a in answer {
        for s in sentences(a, 0) {
            let Some(st) = a.get(s.start..s.end) else {
                continue;
            };
            for o in org::find_assignment(st, ctx.orgs).lead {
                if !handled
                    .iter()
                    .any(|h| h.kind == o.kind && h.level == o.level)
                {
                    handled.push(o);
                }
            }
        }
    }
    Some(Response {
        text: answer.join(" "),
        handled_by: handled,
    })
}

/// An item of an answering section that names its proposer first: "Hội Nông dân huyện đề
/// xuất <content>: <answer>". Returns whether it was read as a proposal.
fn subject_answer(ctx: &Ctx, j: usize, out: &mut Vec<Proposal>, covered: &mut Covered) -> bool {
    let Some(n) = ctx.nodes.get(j) else {
        return false;
    };
    let text = node_text(ctx.doc, n);
    let Some(colon) = text.match_indices(": ").map(|(p, _)| p).next() else {
        return false;
    };
    let Some(head) = text.get(..colon) else {
        return false;
    };
    let Some(first) = org::find_orgs(head, ctx.orgs).into_iter().next() else {
        return false;
    };
    if first.start != 0 {
        return false;
    }
    let rest = head.get(first.end..).unwrap_or("");
    let cue = crate::regex!(r"(?i)^\s*(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị)\s+");
    let Some(m) = cue.find(rest) else {
        return false;
    };
    let content = rest.get(m.end()..).unwrap_or("").trim();
    if content_missing(content) {
        return false;
    }
    let answer: Vec<String> = text
        .get(colon + 2..)
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| vec![r.to_string()])
        .unwrap_or_default();
    covered.mark(j);
    out.push(Proposal {
        by: first.orgs.first().cloned(),
        person: None,
        text: content.to_string(),
        addressed_to: addressee(content, ctx.orgs),
        response: build_response(ctx, &answer),
        span: span(ctx.doc, n.start + first.end + m.end(), n.start + colon),
    });
    true
}

/// Grammar (2) for node `j`.
fn answer_proposal(
    ctx: &Ctx,
    j: usize,
    section_by: Option<Org>,
    out: &mut Vec<Proposal>,
    covered: &mut Covered,
) {
    let Some(n) = ctx.nodes.get(j) else { return };
    let text = node_text(ctx.doc, n);
    let Some((cue, end)) = answer_head(text) else {
        return;
    };
    let Some(head) = text.get(cue..end) else {
        return;
    };
    // "kiến nghị của tỉnh X về việc …": the proposer, then the content.
    let of = crate::regex!(
        r"(?i)^(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị)(?:\s*,\s*(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị))?\s+của\s+"
    );
    let mut by = section_by;
    let mut content = head.to_string();
    let names_proposer = of.is_match(head);
    if let Some(m) = of.find(head) {
        let rest = head.get(m.end()..).unwrap_or("");
        let found = org::find_orgs(rest, ctx.orgs);
        let sep = crate::regex!(r"(?i)^[\s,;]*(?:và\s+|cùng\s+)?$");
        // The proposers may be a list ("của Ủy ban MTTQ và các đoàn thể huyện").
        let mut list_end = None;
        for f in &found {
            let gap = rest.get(list_end.unwrap_or(0)..f.start).unwrap_or("x");
            if !sep.is_match(gap) {
                break;
            }
            list_end = Some(f.end);
        }
        let (org_end, o) = match (found.first(), list_end) {
            (Some(f), Some(e)) if f.start == 0 => (e, f.orgs.first().cloned()),
            _ => {
                let place = crate::regex!(
                    r"(?i)^(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường)(?:\s+\p{Lu}\p{Ll}*)*"
                );
                match place.find(rest) {
                    Some(p) => (p.end(), resolve_first(p.as_str(), ctx.orgs)),
                    None => (0, None),
                }
            }
        };
        if o.is_some() {
            by = o;
        }
        let tail = rest.get(org_end..).unwrap_or("");
        let tail = crate::regex!(r"(?i)^\s*(?:về\s+việc|về|liên\s+quan\s+đến)\s+")
            .replace(tail, "")
            .to_string();
        content = tail;
    }
    let after_cue = crate::regex!(
        r"(?i)^(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị)(?:\s*,\s*(?:đề\s+xuất|kiến\s+nghị|đề\s+nghị))?"
    )
    .replace(&content, "")
    .to_string();
    if content_missing(&after_cue)
        || crate::regex!(r"(?i)^\s*(?:nêu\s+)?trên\s*$").is_match(&after_cue)
    {
        return;
    }
    // The answer: the rest of the paragraph, else the items and paragraphs under it.
    let mut answer: Vec<String> = Vec::new();
    if let Some(r) = text.get(end + 1..).map(str::trim)
        && !r.is_empty()
    {
        answer.push(r.to_string());
    }
    if answer.is_empty() {
        for k in subtree(ctx.nodes, j) {
            if let Some(m) = ctx.nodes.get(k) {
                answer.push(node_text(ctx.doc, m).to_string());
                covered.mark(k);
            }
        }
    }
    covered.mark(j);
    let response = build_response(ctx, &answer);
    let content = content.trim().trim_end_matches(':').trim().to_string();
    let own = head.trim().trim_end_matches(':').trim();
    let text_out = if names_proposer {
        content
    } else {
        own.to_string()
    };
    out.push(Proposal {
        by,
        person: None,
        text: text_out.clone(),
        addressed_to: addressee(&text_out, ctx.orgs),
        response,
        span: span(ctx.doc, n.start + cue, n.start + end),
    });
}

/// Grammar (3): "Ý kiến của X" sections of minutes.
fn opinion_sections(ctx: &Ctx, out: &mut Vec<Proposal>, covered: &mut Covered) {
    let re = crate::regex!(
        r"(?i)^ý\s+kiến(?:\s+(?:phát\s+biểu|tham\s+gia|góp\s+ý|đóng\s+góp))?\s+(?:của\s+)?(.{2,100}?)\s*:?$"
    );
    let nodes = ctx.nodes;
    for (i, n) in nodes.iter().enumerate() {
        if n.style.is_none() || covered.has(i) {
            continue;
        }
        let heading = node_text(ctx.doc, n);
        let Some(c) = re.captures(heading) else {
            continue;
        };
        let phrase = c.get(1).map_or("", |m| m.as_str());
        // "Ý kiến của các cơ quan tham dự" introduces the speakers' own sections.
        if crate::lower::lowercase(phrase).starts_with("các ") {
            continue;
        }
        let Some(by) = resolve_first(phrase, ctx.orgs) else {
            continue;
        };
        let sub = subtree(nodes, i);
        let mut open: Option<usize> = None; // index in `out` of a request that ends with ':'
        for &j in &sub {
            let Some(m) = nodes.get(j) else { continue };
            covered.mark(j);
            let text = node_text(ctx.doc, m);
            if m.style.is_some() && !has_items(m) && m.parent == Some(i) {
                // One enumerated point of the speaker.
                out.push(Proposal {
                    by: Some(by.clone()),
                    person: None,
                    text: text.to_string(),
                    addressed_to: addressee(text, ctx.orgs),
                    response: None,
                    span: span(ctx.doc, m.start, m.end),
                });
                open = None;
                continue;
            }
            let before = out.len();
            requests_in(ctx, m.start, text, &by, None, out);
            if out.len() > before {
                open = out
                    .last()
                    .filter(|p| p.text.ends_with(':'))
                    .map(|_| out.len() - 1);
            } else if let Some(k) = open
                && let Some(p) = out.get_mut(k)
                && let Some(para) = ctx.doc.paras.get(m.para)
            {
                // "… cụ thể:" followed by its points.
                p.text.push(' ');
                p.text.push_str(text);
                p.span[1] = para.end;
            }
        }
        covered.mark(i);
    }
}

/// Every requesting sentence of `text` (at byte `base` of the document), as a proposal of `by`.
fn requests_in(
    ctx: &Ctx,
    base: usize,
    text: &str,
    by: &Org,
    person: Option<&Person>,
    out: &mut Vec<Proposal>,
) {
    for s in sentences(text, base) {
        let Some(st) = ctx.doc.text.get(s.start..s.end) else {
            continue;
        };
        let l = crate::lower::lowercase(st);
        let cue = verbal_cue(&l).or_else(|| suggestion(&l));
        let Some(pos) = cue else { continue };
        if content_missing(after_word(&l, pos)) {
            continue;
        }
        out.push(Proposal {
            by: Some(by.clone()),
            person: person.cloned(),
            text: st.to_string(),
            addressed_to: addressee(st, ctx.orgs)
                .or_else(|| bare_addressee(st, ctx.orgs).filter(|_| pos == 0)),
            response: None,
            span: span(ctx.doc, s.start, s.end),
        });
    }
}

/// "X nên xem xét …": a suggestion addressed to X. Offset of "nên".
fn suggestion(l: &str) -> Option<usize> {
    crate::regex!(r"\bnên\s+(?:xem\s+xét|quan\s+tâm|có|bố\s+trí|hỗ\s+trợ|tạo|bổ\s+sung|sớm)\b")
        .find(l)
        .map(|m| m.start())
}

/// The text after the cue word at `pos`.
fn after_word(l: &str, pos: usize) -> &str {
    let rest = l.get(pos..).unwrap_or("");
    let m = crate::regex!(r"^(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất|mong\s+muốn|nên)\s*").find(rest);
    rest.get(m.map_or(0, |m| m.end())..).unwrap_or("")
}

/// Whether an organisation belongs to the leadership a meeting reports to: the Party committee
/// and its organs, the People's Council and Committee, at the issuer's level or above.
fn is_leadership(o: &Org, level: Option<Level>) -> bool {
    let leading = matches!(
        o.kind,
        OrgKind::CapUy
            | OrgKind::ThuongTrucCapUy
            | OrgKind::BtvCapUy
            | OrgKind::BanToChuc
            | OrgKind::BanDanVan
            | OrgKind::BanTuyenGiao
            | OrgKind::UbKiemTra
            | OrgKind::VanPhongCapUy
            | OrgKind::BanXayDungDang
            | OrgKind::Hdnd
            | OrgKind::Ubnd
            | OrgKind::VanPhongUbnd
    );
    leading
        && match (o.level, level) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        }
}

/// Splits a speaker ("Chủ tịch Hội CCB huyện Nguyễn Quang Thìn") into title and name: the
/// name is the run of capitalised words that ends the phrase.
fn speaker_person(speaker: &str) -> Option<Person> {
    // "Đồng chí Nguyễn Văn A, Chủ tịch Hội Nông dân huyện".
    if let Some((name, title)) = speaker.split_once(", ") {
        let name = crate::regex!(r"^(?:(?:Đồng\s+chí|đồng\s+chí|Ông|ông|Bà|bà)\s+)?")
            .replace(name.trim(), "")
            .to_string();
        let words: Vec<&str> = name.split_whitespace().collect();
        if (2..=5).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return Some(Person {
                name: Some(name),
                title: Some(title.trim().to_string()),
                reason: None,
            });
        }
    }
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let mut k = words.len();
    while k > 0
        && words
            .get(k - 1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    {
        k -= 1;
    }
    let name_len = words.len() - k;
    if !(2..=5).contains(&name_len) || k == 0 {
        return None;
    }
    // A capitalised run may swallow the end of an organisation ("… huyện Hội An"): keep at
    // most four words of the name.
    let k = k.max(words.len().saturating_sub(4));
    Some(Person {
        name: Some(words.get(k..)?.join(" ")),
        title: Some(words.get(..k)?.join(" ")),
        reason: None,
    })
}

/// Grammar (4): a speaker's line of a news report or minutes.
/// Paragraphs that yield a speaker's proposals are marked in `covered_paras`.
fn speaker_lines(ctx: &Ctx, out: &mut Vec<Proposal>, covered_paras: &mut Covered) {
    for i in ctx.from..ctx.to.min(ctx.conclusion) {
        if covered_paras.has(i) {
            continue;
        }
        let text = ctx.doc.para_text(i);
        let Some(colon) = text.find(": ") else {
            continue;
        };
        let Some(speaker) = text.get(..colon) else {
            continue;
        };
        if speaker.chars().count() > 120 || verbal_cue(&speaker.to_lowercase()).is_some() {
            continue;
        }
        let Some(by) = org::find_orgs(speaker, ctx.orgs)
            .into_iter()
            .flat_map(|m| m.orgs)
            .next()
        else {
            continue;
        };
        if is_leadership(&by, ctx.orgs.default_level) {
            continue;
        }
        let person = speaker_person(speaker);
        let Some(p) = ctx.doc.paras.get(i) else {
            continue;
        };
        let body = text.get(colon + 2..).unwrap_or("");
        let before = out.len();
        requests_in(ctx, p.start + colon + 2, body, &by, person.as_ref(), out);
        if out.len() > before {
            covered_paras.mark(i);
        }
    }
}

/// An organisation that opens the sentence (after a framing phrase such as "Tại hội nghị, ")
/// and requests something in a news report or minutes: "Hội Nông dân huyện đề nghị huyện hỗ
/// trợ …". Not the leadership, whose requests are directives. Returns the mention's range, the cue's offset and the org.
fn org_subject(ctx: &Ctx, st: &str, l: &str) -> Option<(usize, usize, usize, Org)> {
    // Only where the author reports what others said: in a letter or a plan the issuer's
    // own "X đề nghị các đơn vị …" is a directive.
    if !matches!(ctx.kind, DocKind::TinBai | DocKind::BienBan) {
        return None;
    }
    let found = org::find_orgs(st, ctx.orgs);
    let first = found.first()?;
    let prefix = st.get(..first.start)?.trim();
    let framing = prefix.is_empty()
        || (prefix.ends_with(',')
            && prefix.chars().count() <= 80
            && verbal_cue(&prefix.to_lowercase()).is_none());
    if !framing || first.collective {
        return None;
    }
    let org = first.orgs.first()?.clone();
    if is_leadership(&org, ctx.orgs.default_level) {
        return None;
    }
    let rest = l.get(first.end..)?;
    let cue = verbal_cue(rest)?;
    let gap = rest.get(..cue)?;
    let ok = crate::regex!(r"^\s*(?:(?:cũng|đã|đều|tiếp\s+tục|kính|trân\s+trọng)\s+)*$");
    ok.is_match(gap)
        .then_some((first.start, first.end, first.end + cue, org))
}

/// Grammar (5): groups that are no organisation requesting something in running text.
fn group_requests(ctx: &Ctx, out: &mut Vec<Proposal>, covered_paras: &Covered) {
    let group = crate::regex!(
        r"(?i)((?:(?:(?:các|nhiều|một\s+số|có|đa\s+số)\s+)?(?:cử\s+tri|đại\s+biểu|người\s+dân|hộ\s+dân|đoàn\s+viên|hội\s+viên|người\s+lao\s+động)|(?:các|nhiều|một\s+số|có|đa\s+số)\s+ý\s+kiến))(?:\W|\z)"
    );
    // Between the group and its verb: adverbs, or a first verb of speech and a comma.
    let gap_ok =
        crate::regex!(r"(?i)^\s*(?:(?:cũng|đã|đều|còn|tiếp\s+tục|thẳng\s+thắn|trực\s+tiếp)\s+)*$");
    let gap_speech =
        crate::regex!(r"(?i)^\s*(?:(?:cũng|đã|đều)\s+)*(?:phản\s+ánh|nêu|bày\s+tỏ)\b[^.;]*,\s*$");
    let passive = crate::regex!(r"(?i)\bđược\s+(?:kiến\s+nghị|đề\s+nghị|đề\s+xuất)\b");
    for i in ctx.from..ctx.to.min(ctx.conclusion) {
        if covered_paras.has(i) {
            continue;
        }
        let Some(p) = ctx.doc.paras.get(i) else {
            continue;
        };
        let text = ctx.doc.para_text(i);
        let mut last_by: Option<Org> = None;
        for s in sentences(text, p.start) {
            let Some(st) = ctx.doc.text.get(s.start..s.end) else {
                continue;
            };
            let l = crate::lower::lowercase(st);
            let mut found = None;
            // `\b(?:…)\b` matched without the regex engine checking `\b` (see re.rs).
            for c in crate::re::captures_between_boundaries(group, st) {
                let Some(all) = c.get(1) else {
                    continue;
                };
                let Some(rest) = l.get(all.end()..) else {
                    continue;
                };
                let Some(cue) = verbal_cue(rest) else {
                    continue;
                };
                let gap = rest.get(..cue).unwrap_or("x");
                if gap_ok.is_match(gap) || gap_speech.is_match(gap) {
                    let from = if gap_ok.is_match(gap) {
                        all.start()
                    } else {
                        all.end() + cue
                    };
                    found = Some((all.start(), all.end(), from, all.end() + cue, None));
                    break;
                }
            }
            if found.is_none() {
                found = org_subject(ctx, st, &l).map(|(g0, g1, cue, o)| (g0, g1, g0, cue, Some(o)));
            }
            if let Some((g0, g1, from, cue, org)) = found {
                if content_missing(after_word(&l, cue)) {
                    continue;
                }
                let mention = st.get(g0..g1).unwrap_or("").to_string();
                let by = org
                    .unwrap_or_else(|| Org::new(mention, OrgKind::Other, ctx.orgs.default_level));
                let body = st.get(from..).unwrap_or(st);
                out.push(Proposal {
                    by: Some(by.clone()),
                    person: None,
                    text: body.to_string(),
                    addressed_to: addressee(body, ctx.orgs),
                    response: None,
                    span: span(ctx.doc, s.start + from, s.end),
                });
                last_by = Some(by);
            } else if let Some(by) = &last_by
                && passive.is_match(st)
            {
                // "… cũng được kiến nghị …": the same speakers' next request.
                out.push(Proposal {
                    by: Some(by.clone()),
                    person: None,
                    text: st.to_string(),
                    addressed_to: None,
                    response: None,
                    span: span(ctx.doc, s.start, s.end),
                });
            }
        }
    }
}

/// Proposals of the document's body.
pub fn find_proposals(ctx: &Ctx) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut covered = Covered::new(ctx.nodes.len());
    section_proposals(ctx, &mut out, &mut covered);
    for j in 0..ctx.nodes.len() {
        if covered.has(j) {
            continue;
        }
        if ctx
            .nodes
            .get(j)
            .is_some_and(|n| answer_head(node_text(ctx.doc, n)).is_some())
        {
            answer_proposal(ctx, j, None, &mut out, &mut covered);
        }
    }
    if ctx.kind != DocKind::BaoCao {
        opinion_sections(ctx, &mut out, &mut covered);
    }
    let mut paras = Covered::new(ctx.doc.paras.len());
    for (j, n) in ctx.nodes.iter().enumerate() {
        if covered.has(j) {
            paras.mark(n.para);
        }
    }
    speaker_lines(ctx, &mut out, &mut paras);
    group_requests(ctx, &mut out, &paras);
    out.sort_by_key(|p| p.span[0]);
    to_chars(ctx.doc, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_at(text: &str, kind: DocKind, issuer: Option<&str>, level: Level) -> Vec<Proposal> {
        let doc = NormDoc::from_plain(text);
        let nodes = crate::outline::build(&doc, 0, doc.paras.len());
        let orgs = OrgCtx {
            default_level: Some(level),
            addressed: Vec::new(),
            ..Default::default()
        };
        find_proposals(&Ctx {
            doc: &doc,
            nodes: &nodes,
            kind,
            issuer,
            from: 0,
            to: doc.paras.len(),
            conclusion: doc.paras.len(),
            orgs: &orgs,
        })
    }

    fn run(text: &str, kind: DocKind) -> Vec<Proposal> {
        run_at(text, kind, None, Level::Huyen)
    }

    fn by(p: &[Proposal]) -> Vec<Option<(OrgKind, Option<Level>)>> {
        p.iter()
            .map(|x| x.by.as_ref().map(|o| (o.kind, o.level)))
            .collect()
    }

    fn texts(p: &[Proposal]) -> Vec<&str> {
        p.iter().map(|x| x.text.as_str()).collect()
    }

    #[test]
    fn sentences_split_at_full_stops_only() {
        let t = "Vốn khoảng 1.000 tỷ đồng. Đề nghị huyện hỗ trợ theo Báo cáo số 12/BC-UBND. xong";
        let got: Vec<&str> = sentences(t, 0)
            .iter()
            .filter_map(|s| t.get(s.start..s.end))
            .collect();
        assert_eq!(
            got,
            [
                "Vốn khoảng 1.000 tỷ đồng.",
                "Đề nghị huyện hỗ trợ theo Báo cáo số 12/BC-UBND. xong"
            ]
        );
    }

    #[test]
    fn report_section_items_are_the_speakers_proposals() {
        let t = "III. KIẾN NGHỊ\nTrên cơ sở kết quả kiểm tra, Văn phòng Huyện ủy kính trình Thường trực Huyện ủy xem xét một số nội dung sau:\n1. Đối với kinh phí: Bổ sung kinh phí sửa chữa hội trường thôn Đông.\n2. Cho chủ trương tổ chức hội nghị sơ kết trong quý III.";
        let p = run(t, DocKind::BaoCao);
        assert_eq!(
            texts(&p),
            [
                "Bổ sung kinh phí sửa chữa hội trường thôn Đông.",
                "Cho chủ trương tổ chức hội nghị sơ kết trong quý III."
            ]
        );
        assert_eq!(
            by(&p),
            [Some((OrgKind::VanPhongCapUy, Some(Level::Huyen))); 2]
        );
        assert_eq!(
            p.first()
                .and_then(|x| x.addressed_to.as_ref())
                .map(|o| o.kind),
            Some(OrgKind::ThuongTrucCapUy)
        );
    }

    #[test]
    fn report_section_without_speaker_is_the_issuers() {
        let t = "II. ĐỀ XUẤT, KIẾN NGHỊ\n1. Đề nghị UBND huyện bố trí thêm 01 biên chế cho Phòng.";
        let p = run_at(
            t,
            DocKind::BaoCao,
            Some("UBND HUYỆN HÒA AN PHÒNG VĂN HÓA VÀ THÔNG TIN"),
            Level::Huyen,
        );
        assert_eq!(p.len(), 1);
        assert!(p.first().is_some_and(|x| x.by.is_some()));
    }

    #[test]
    fn issuer_unit_under_its_parent() {
        let orgs = OrgCtx {
            default_level: Some(Level::Xa),
            addressed: Vec::new(),
            ..Default::default()
        };
        let o = issuer_org("ĐẢNG ỦY XÃ HÒA AN VĂN PHÒNG", &orgs);
        assert_eq!(
            o.map(|o| (o.kind, o.level)),
            Some((OrgKind::VanPhongCapUy, Some(Level::Xa)))
        );
    }

    #[test]
    fn answers_under_a_heading_cut_after_cua() {
        let t = "II. VỀ CÁC KIẾN NGHỊ CỦA\nHUYỆN\n1. Về kiến nghị hỗ trợ kinh phí làm đường thôn Tây: Giao Sở Tài chính nghiên cứu, báo cáo UBND tỉnh.\n2. Về đề nghị nâng cấp trạm y tế xã Hòa Bình:\nGiao Sở Y tế chủ trì, phối hợp với UBND huyện rà soát.";
        let p = run_at(t, DocKind::ThongBaoKetLuan, None, Level::Tinh);
        assert_eq!(
            texts(&p),
            [
                "kiến nghị hỗ trợ kinh phí làm đường thôn Tây",
                "đề nghị nâng cấp trạm y tế xã Hòa Bình"
            ]
        );
        assert_eq!(by(&p), [Some((OrgKind::Ubnd, Some(Level::Huyen))); 2]);
        let handled: Vec<Vec<OrgKind>> = p
            .iter()
            .map(|x| {
                x.response
                    .as_ref()
                    .map(|r| r.handled_by.iter().map(|o| o.kind).collect())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            handled,
            [
                vec![OrgKind::CoQuanChuyenMon],
                vec![OrgKind::CoQuanChuyenMon]
            ]
        );
    }

    #[test]
    fn answer_naming_its_proposer() {
        let t = "5. Về kiến nghị của Hội Nông dân huyện về việc hỗ trợ giống cây trồng: đồng ý, giao Phòng Nông nghiệp hướng dẫn.";
        let p = run(t, DocKind::ThongBaoKetLuan);
        assert_eq!(texts(&p), ["hỗ trợ giống cây trồng"]);
        assert_eq!(by(&p), [Some((OrgKind::HoiNongDan, Some(Level::Huyen)))]);
    }

    #[test]
    fn answer_without_content_is_not_recorded() {
        let t = "7. Về một số đề xuất, kiến nghị của Hội Nông dân và Hội Cựu chiến binh huyện: UBND huyện sẽ chỉ đạo các cơ quan liên quan xem xét.";
        assert!(run(t, DocKind::ThongBaoKetLuan).is_empty());
    }

    #[test]
    fn answering_section_with_directives_only() {
        let t = "3. Về các kiến nghị, đề xuất\n3.1. Giao Phòng Nội vụ rà soát biên chế, báo cáo UBND huyện.\n3.2. Một số kiến nghị khác, giao UBND huyện xem xét giải quyết.";
        assert!(run(t, DocKind::ThongBaoKetLuan).is_empty());
    }

    #[test]
    fn opinion_sections_of_minutes() {
        let t = "2. Ý kiến của các cơ quan tham dự\n2.1. Ý kiến của Phòng Tài chính - Kế hoạch\nCơ bản nhất trí với phương án. Đề nghị Phòng Kinh tế bổ sung dự toán chi tiết. Đối với tuyến đường thôn Nam, đề nghị đưa vào kế hoạch năm sau.\n2.2. Ý kiến của UBND xã Hòa Bình\nMột là, cần làm rõ nguồn vốn đối ứng.\nHai là, thống nhất lộ trình di dời.";
        let p = run(t, DocKind::BienBan);
        assert_eq!(
            texts(&p),
            [
                "Đề nghị Phòng Kinh tế bổ sung dự toán chi tiết.",
                "Đối với tuyến đường thôn Nam, đề nghị đưa vào kế hoạch năm sau.",
                "cần làm rõ nguồn vốn đối ứng.",
                "thống nhất lộ trình di dời."
            ]
        );
        assert_eq!(
            by(&p),
            [
                Some((OrgKind::CoQuanChuyenMon, Some(Level::Huyen))),
                Some((OrgKind::CoQuanChuyenMon, Some(Level::Huyen))),
                Some((OrgKind::Ubnd, Some(Level::Xa))),
                Some((OrgKind::Ubnd, Some(Level::Xa)))
            ]
        );
    }

    #[test]
    fn request_ending_with_colon_takes_its_points() {
        let t = "2.1. Ý kiến của Phòng Kinh tế\nĐề nghị nghiên cứu các phương án, cụ thể:\nPhương án 1: chuyển sang cụm công nghiệp Bắc.\nPhương án 2: giữ nguyên hiện trạng.";
        let p = run(t, DocKind::BienBan);
        assert_eq!(
            texts(&p),
            [
                "Đề nghị nghiên cứu các phương án, cụ thể: Phương án 1: chuyển sang cụm công nghiệp Bắc. Phương án 2: giữ nguyên hiện trạng."
            ]
        );
    }

    #[test]
    fn speaker_lines_with_person() {
        let t = "Chủ tịch Hội Nông dân huyện Trần Văn Bình: Kết quả năm qua khá tốt. Đề nghị huyện hỗ trợ thêm kinh phí cho Hội. Huyện nên xem xét bố trí thêm trụ sở.";
        let p = run(t, DocKind::TinBai);
        assert_eq!(
            texts(&p),
            [
                "Đề nghị huyện hỗ trợ thêm kinh phí cho Hội.",
                "Huyện nên xem xét bố trí thêm trụ sở."
            ]
        );
        assert_eq!(by(&p), [Some((OrgKind::HoiNongDan, Some(Level::Huyen))); 2]);
        let person = p.first().and_then(|x| x.person.clone());
        assert_eq!(
            person.as_ref().and_then(|x| x.name.as_deref()),
            Some("Trần Văn Bình")
        );
        assert_eq!(
            person.as_ref().and_then(|x| x.title.as_deref()),
            Some("Chủ tịch Hội Nông dân huyện")
        );
    }

    #[test]
    fn leadership_speakers_direct_rather_than_propose() {
        let t = "Chủ tịch UBND huyện Lê Văn Cường: Đề nghị Hội Nông dân huyện xây dựng kế hoạch cụ thể.";
        assert!(run(t, DocKind::TinBai).is_empty());
    }

    #[test]
    fn voters_requests() {
        let t = "Tại buổi tiếp xúc, cử tri đề nghị xã sớm sửa chữa cầu treo thôn Bắc. Việc cấp nước sạch cũng được kiến nghị cần sớm hoàn thành.";
        let p = run_at(t, DocKind::TinBai, None, Level::Xa);
        assert_eq!(
            texts(&p),
            [
                "cử tri đề nghị xã sớm sửa chữa cầu treo thôn Bắc.",
                "Việc cấp nước sạch cũng được kiến nghị cần sớm hoàn thành."
            ]
        );
        assert_eq!(by(&p), [Some((OrgKind::Other, Some(Level::Xa))); 2]);
        assert_eq!(
            p.first()
                .and_then(|x| x.addressed_to.as_ref())
                .map(|o| o.kind),
            Some(OrgKind::Ubnd)
        );
    }

    #[test]
    fn organisation_requesting_in_a_news_report() {
        let t = "Tại buổi làm việc, Hội Cựu chiến binh huyện đề nghị huyện bố trí kinh phí sửa chữa trụ sở.";
        let p = run(t, DocKind::TinBai);
        assert_eq!(by(&p), [Some((OrgKind::HoiCcb, Some(Level::Huyen)))]);
        // In a letter the issuer's own request is a directive, and the leadership's too.
        assert!(
            run(
                "Phòng Kinh tế đề nghị các xã báo cáo tiến độ.",
                DocKind::CongVan
            )
            .is_empty()
        );
        assert!(run("UBND huyện đề nghị Hội Nông dân rà soát.", DocKind::TinBai).is_empty());
    }

    #[test]
    fn answer_opened_by_doi_voi() {
        let t = "3. Đối với đề nghị sửa chữa cầu thôn Nam: giao UBND xã Hòa Bình khảo sát.";
        let p = run(t, DocKind::ThongBaoKetLuan);
        assert_eq!(texts(&p), ["đề nghị sửa chữa cầu thôn Nam"]);
    }

    #[test]
    fn speaker_named_before_the_title() {
        let p = speaker_person("Đồng chí Trần Thị Hoa, Chủ tịch Hội LHPN huyện");
        assert_eq!(
            p.map(|p| (p.name, p.title)),
            Some((
                Some("Trần Thị Hoa".to_string()),
                Some("Chủ tịch Hội LHPN huyện".to_string())
            ))
        );
    }

    #[test]
    fn group_nouns_that_request_nothing() {
        let t = "Sau khi nghe các ý kiến, kiến nghị của cử tri, lãnh đạo xã đã giải đáp. Các đại biểu đã tập trung thảo luận, đề xuất nhiều giải pháp. Văn bản tham gia ý kiến đề nghị gửi về Phòng Nội vụ. Nhiều ý kiến đề xuất nhiều giải pháp.";
        assert!(run_at(t, DocKind::TinBai, None, Level::Xa).is_empty());
    }
}
