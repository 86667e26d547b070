//! Organisations: recognition of mentions by kind and level from a built-in lexicon,
//! expansion of collective mentions, and the grammar of who is assigned what.

use crate::model::{Level, Org};

/// What a mention is resolved against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgCtx {
    /// The issuing body's level: the level of a mention that names none.
    pub default_level: Option<Level>,
    /// The organisations the directives address (the meeting's participants, or a letter's
    /// "Kính gửi" list): what "các đơn vị", "các cơ quan, đơn vị" expand to.
    pub addressed: Vec<Org>,
}

/// One organisation mention found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    /// Byte range of the mention in the text searched.
    pub start: usize,
    pub end: usize,
    /// The organisations it covers (a collective expands to several).
    pub orgs: Vec<Org>,
    /// The mention is a collective ("các đoàn thể", "các đơn vị").
    pub collective: bool,
}

/// Who a directive sentence assigns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    /// The lead phrase as written ("MTTQ, các đoàn thể CT-XH huyện"), trimmed of the verbs.
    pub lead_text: Option<String>,
    /// The lead organisations, collectives expanded.
    pub lead: Vec<Org>,
    /// "phối hợp với Y".
    pub collaborators: Vec<Org>,
    /// "báo cáo X", "trình X", "gửi về X".
    pub report_to: Option<Org>,
}

/// The organisations `phrase` names, collectives expanded; each keeps as `mention` the part
/// of the phrase that named it (for an expanded collective, the collective phrase).
pub fn resolve(_phrase: &str, _ctx: &OrgCtx) -> Vec<Org> {
    Vec::new()
}

/// Every organisation mention in `text`, longest match first, in order.
pub fn find_orgs(_text: &str, _ctx: &OrgCtx) -> Vec<OrgMention> {
    Vec::new()
}

/// Who the directive `sentence` assigns ("Giao X chủ trì, phối hợp với Y …", "Đề nghị X …",
/// "X chịu trách nhiệm …", "X: …"); the lead is empty when the sentence names nobody.
pub fn find_assignment(_sentence: &str, _ctx: &OrgCtx) -> Assignment {
    Assignment::default()
}

/// The level an issuer or place names ("Huyện ủy" → huyện, "UBND tỉnh" → tỉnh, "xã" → xã).
pub fn level_of(_text: &str) -> Option<Level> {
    None
}
