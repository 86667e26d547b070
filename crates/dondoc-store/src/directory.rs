//! The organisation directory: organisations with kind, level, parent, abbreviations and
//! aliases, validity dates and successors (the 2025 renames and mergers); CSV import/export;
//! and resolution of an extracted organisation to a directory entry on a notice's date.

use dondoc_extract::{Date, Level, OrgKind};
use serde::{Deserialize, Serialize};

use crate::Store;
use crate::audit;
use crate::db::{Row, Tx, args, parse_date};
use crate::error::{Error, Result};

/// An organisation's id.
pub type OrgId = i64;

/// A directory entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    /// Stable text id, e.g. `hoi-nong-dan-huyen`.
    pub code: String,
    pub kind: OrgKind,
    pub level: Option<Level>,
    pub parent_id: Option<OrgId>,
    pub name: String,
    pub abbreviations: Vec<String>,
    pub aliases: Vec<String>,
    /// First day the organisation exists (NULL: always did).
    pub valid_from: Option<Date>,
    /// Last day the organisation exists (NULL: still does).
    pub valid_to: Option<Date>,
    /// The organisation that took over after `valid_to`.
    pub replaced_by_id: Option<OrgId>,
}

impl Organisation {
    /// Whether the organisation exists on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}

/// An organisation to add or update, naming its parent and successor by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganisation {
    pub code: String,
    pub kind: OrgKind,
    pub level: Option<Level>,
    pub parent_code: Option<String>,
    pub name: String,
    pub abbreviations: Vec<String>,
    pub aliases: Vec<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub replaced_by_code: Option<String>,
}

/// The columns of the directory CSV, in order. Lists (abbreviations, aliases) are separated by
/// `;`; dates are `YYYY-MM-DD`; empty means none. Parent and successor are given by code and
/// may refer to rows later in the same file.
pub const CSV_COLUMNS: [&str; 10] = [
    "code",
    "kind",
    "level",
    "parent_code",
    "name",
    "abbreviations",
    "aliases",
    "valid_from",
    "valid_to",
    "replaced_by_code",
];

/// The contract code of a kind (`HOI_NONG_DAN`).
pub(crate) fn kind_code(k: OrgKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn parse_kind(s: &str) -> Option<OrgKind> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// The contract code of a level (`huyen`).
pub(crate) fn level_code(l: Level) -> String {
    serde_json::to_value(l)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn parse_level(s: &str) -> Option<Level> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

const SELECT_ORG: &str = "SELECT id, code, kind, level, parent_id, name, abbreviations, aliases, valid_from, valid_to, replaced_by_id FROM organisations";

fn org_from_row(r: &Row) -> Result<Organisation> {
    let kind = r.text(2)?;
    let level = r.opt_text(3)?;
    let list = |i: usize| -> Result<Vec<String>> {
        let s = r.text(i)?;
        serde_json::from_str(&s).map_err(|_| Error::Corrupt(format!("danh sách \"{s}\"")))
    };
    Ok(Organisation {
        id: r.i64(0)?,
        code: r.text(1)?,
        kind: parse_kind(&kind).ok_or_else(|| Error::Corrupt(format!("loại \"{kind}\"")))?,
        level: match level {
            None => None,
            Some(l) => Some(parse_level(&l).ok_or_else(|| Error::Corrupt(format!("cấp \"{l}\"")))?),
        },
        parent_id: r.opt_i64(4)?,
        name: r.text(5)?,
        abbreviations: list(6)?,
        aliases: list(7)?,
        valid_from: r.opt_date(8)?,
        valid_to: r.opt_date(9)?,
        replaced_by_id: r.opt_i64(10)?,
    })
}

fn org_json(o: &Organisation) -> serde_json::Value {
    serde_json::to_value(o).unwrap_or(serde_json::Value::Null)
}

async fn org_by_code(tx: &mut Tx, code: &str) -> Result<Option<Organisation>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT_ORG} WHERE code = $1"));
    tx.opt(sql, args![code])
        .await?
        .map(|r| org_from_row(&r))
        .transpose()
}

pub(crate) async fn org_by_id(tx: &mut Tx, id: OrgId) -> Result<Option<Organisation>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT_ORG} WHERE id = $1"));
    tx.opt(sql, args![id])
        .await?
        .map(|r| org_from_row(&r))
        .transpose()
}

fn list_text(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}

/// Adds or updates organisations by code in `tx`, with one audit entry per changed row.
/// Returns how many rows were added or changed.
pub(crate) async fn upsert(tx: &mut Tx, orgs: &[NewOrganisation], actor: &str) -> Result<usize> {
    let mut before = Vec::with_capacity(orgs.len());
    for o in orgs {
        let old = org_by_code(tx, &o.code).await?;
        let level = o.level.map(level_code);
        match &old {
            None => {
                tx.exec(
                    "INSERT INTO organisations (code, kind, level, name, abbreviations, aliases, valid_from, valid_to)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    args![
                        &o.code,
                        kind_code(o.kind),
                        level,
                        &o.name,
                        list_text(&o.abbreviations),
                        list_text(&o.aliases),
                        o.valid_from,
                        o.valid_to
                    ],
                )
                .await?;
            }
            Some(_) => {
                tx.exec(
                    "UPDATE organisations SET kind = $2, level = $3, name = $4, abbreviations = $5,
                     aliases = $6, valid_from = $7, valid_to = $8 WHERE code = $1",
                    args![
                        &o.code,
                        kind_code(o.kind),
                        level,
                        &o.name,
                        list_text(&o.abbreviations),
                        list_text(&o.aliases),
                        o.valid_from,
                        o.valid_to
                    ],
                )
                .await?;
            }
        }
        before.push(old);
    }
    // Second pass: references by code, which may point to rows added above.
    let mut changed = 0;
    for (o, old) in orgs.iter().zip(before) {
        let mut id_of = async |code: &Option<String>, what: &str| -> Result<Option<OrgId>> {
            match code {
                None => Ok(None),
                Some(c) => match org_by_code(tx, c).await? {
                    Some(p) => Ok(Some(p.id)),
                    None => Err(Error::InvalidInput(format!(
                        "{what} \"{c}\" của \"{}\" không có trong danh mục",
                        o.code
                    ))),
                },
            }
        };
        let parent = id_of(&o.parent_code, "đơn vị cấp trên").await?;
        let successor = id_of(&o.replaced_by_code, "đơn vị thay thế").await?;
        tx.exec(
            "UPDATE organisations SET parent_id = $2, replaced_by_id = $3 WHERE code = $1",
            args![&o.code, parent, successor],
        )
        .await?;
        let new = org_by_code(tx, &o.code)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))?;
        if old.as_ref() != Some(&new) {
            changed += 1;
            audit::append(
                tx,
                actor,
                "organisation",
                Some(new.id),
                if old.is_some() { "update" } else { "create" },
                old.as_ref().map(org_json).as_ref(),
                Some(&org_json(&new)),
            )
            .await?;
        }
    }
    Ok(changed)
}

/// Folds a name for comparison: diacritics and case removed, punctuation as spaces, and the
/// common abbreviations spelled out so "UBND xã Suối Ngọc" meets "Ủy ban nhân dân xã Suối Ngọc".
pub(crate) fn fold_name(s: &str) -> Vec<String> {
    let folded = dondoc_text::fold(s);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = Vec::new();
    for w in spaced.split_whitespace() {
        let expansion: &[&str] = match w {
            "ubnd" => &["uy", "ban", "nhan", "dan"],
            "hdnd" => &["hoi", "dong", "nhan", "dan"],
            "mttq" => &["mat", "tran", "to", "quoc"],
            "ubmttq" => &["uy", "ban", "mat", "tran", "to", "quoc"],
            "lhpn" => &["lien", "hiep", "phu", "nu"],
            "ccb" => &["cuu", "chien", "binh"],
            "hnd" => &["hoi", "nong", "dan"],
            "ldld" => &["lien", "doan", "lao", "dong"],
            "ptnt" => &["phat", "trien", "nong", "thon"],
            "bdv" => &["ban", "dan", "van"],
            "vp" => &["van", "phong"],
            _ => &[],
        };
        if expansion.is_empty() {
            out.push(w.to_owned());
        } else {
            out.extend(expansion.iter().map(|e| (*e).to_owned()));
        }
    }
    out
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// How well a mention names an organisation: 3 equal to its name, an alias or an
/// abbreviation; 2 one contains the other as a run of words; 0 otherwise.
fn match_score(o: &Organisation, mention: &[String]) -> u8 {
    let mut best = 0;
    for n in std::iter::once(&o.name)
        .chain(&o.aliases)
        .chain(&o.abbreviations)
    {
        let n = fold_name(n);
        if n == mention {
            return 3;
        }
        if contains_seq(&n, mention) || contains_seq(mention, &n) {
            best = 2;
        }
    }
    best
}

/// Kinds of which a district or commune has one: a mention that does not match any name still
/// resolves to the only organisation of that kind and level. Agencies, persons, companies and
/// "other" must match by name.
fn singleton_kind(k: OrgKind) -> bool {
    !matches!(
        k,
        OrgKind::CoQuanChuyenMon
            | OrgKind::Other
            | OrgKind::CaNhan
            | OrgKind::DoanhNghiep
            | OrgKind::HoiQuanChung
            | OrgKind::ChiBo
            | OrgKind::BoNganh
            | OrgKind::DangUyKhoi
    )
}

/// The organisation that stands for `o` on `day`: itself if it exists then, else its
/// successor (followed through renames and mergers), else none.
async fn successor_on(tx: &mut Tx, o: &Organisation, day: Date) -> Result<Option<OrgId>> {
    let mut cur = o.clone();
    for _ in 0..16 {
        if cur.valid_on(day) {
            return Ok(Some(cur.id));
        }
        let ended = cur.valid_to.is_some_and(|t| t < day);
        match (ended, cur.replaced_by_id) {
            (true, Some(next)) => match org_by_id(tx, next).await? {
                Some(n) => cur = n,
                None => return Ok(None),
            },
            _ => return Ok(None),
        }
    }
    Ok(None)
}

pub(crate) async fn resolve_in(
    tx: &mut Tx,
    kind: OrgKind,
    level: Option<Level>,
    mention: Option<&str>,
    on: Date,
) -> Result<Option<OrgId>> {
    let rows = match level {
        Some(l) => {
            let sql = sqlx::AssertSqlSafe(format!(
                "{SELECT_ORG} WHERE kind = $1 AND level = $2 ORDER BY id"
            ));
            tx.all(sql, args![kind_code(kind), level_code(l)]).await?
        }
        None => {
            let sql = sqlx::AssertSqlSafe(format!("{SELECT_ORG} WHERE kind = $1 ORDER BY id"));
            tx.all(sql, args![kind_code(kind)]).await?
        }
    };
    let cands = rows.iter().map(org_from_row).collect::<Result<Vec<_>>>()?;
    let folded = mention.map(fold_name).unwrap_or_default();
    let scored: Vec<(u8, &Organisation)> =
        cands.iter().map(|o| (match_score(o, &folded), o)).collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    let winners: Vec<&Organisation> = if best > 0 {
        scored
            .iter()
            .filter(|(s, _)| *s == best)
            .map(|(_, o)| *o)
            .collect()
    } else if singleton_kind(kind) || mention.is_none() {
        cands.iter().collect()
    } else {
        Vec::new()
    };
    let mut ids: Vec<OrgId> = Vec::new();
    for o in winners {
        if let Some(id) = successor_on(tx, o, on).await?
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn parse_csv(text: &str) -> Result<Vec<NewOrganisation>> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rd.headers().map_err(|e| Error::Csv {
        line: 1,
        reason: format!("không đọc được dòng tiêu đề ({e})"),
    })?;
    if headers
        .iter()
        .map(str::trim)
        .ne(CSV_COLUMNS.iter().copied())
    {
        return Err(Error::Csv {
            line: 1,
            reason: format!("dòng tiêu đề phải là {}", CSV_COLUMNS.join(",")),
        });
    }
    let mut out = Vec::new();
    for rec in rd.records() {
        let rec = rec.map_err(|e| Error::Csv {
            line: e.position().map_or(0, |p| p.line()),
            reason: "số cột không đúng hoặc dấu ngoặc kép không đóng".to_owned(),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let bad = |reason: String| Error::Csv { line, reason };
        let f = |i: usize| rec.get(i).unwrap_or("").trim();
        let date = |i: usize| -> Result<Option<Date>> {
            match opt(f(i)) {
                None => Ok(None),
                Some(s) => parse_date(&s)
                    .map(Some)
                    .map_err(|_| bad(format!("ngày \"{s}\" phải có dạng YYYY-MM-DD"))),
            }
        };
        let code = f(0);
        if code.is_empty() {
            return Err(bad("thiếu mã đơn vị (code)".to_owned()));
        }
        let kind = parse_kind(f(1))
            .ok_or_else(|| bad(format!("loại \"{}\" không có trong danh sách loại", f(1))))?;
        let level = match opt(f(2)) {
            None => None,
            Some(l) => {
                Some(parse_level(&l).ok_or_else(|| bad(format!("cấp \"{l}\" không hợp lệ")))?)
            }
        };
        if f(4).is_empty() {
            return Err(bad("thiếu tên đơn vị (name)".to_owned()));
        }
        out.push(NewOrganisation {
            code: code.to_owned(),
            kind,
            level,
            parent_code: opt(f(3)),
            name: f(4).to_owned(),
            abbreviations: split_list(f(5)),
            aliases: split_list(f(6)),
            valid_from: date(7)?,
            valid_to: date(8)?,
            replaced_by_code: opt(f(9)),
        });
    }
    Ok(out)
}

impl Store {
    /// Loads the built-in directory of the fictional demo district (huyện Hòa Bình Xanh, tỉnh
    /// Sông Mây), with its 2025 renames and mergers. Idempotent; returns how many rows changed.
    pub async fn seed_default_directory(&self) -> Result<usize> {
        let mut tx = self.write().await?;
        let n = upsert(&mut tx, &crate::seed::default_directory(), "system").await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Adds or updates organisations (by code) in one transaction.
    pub async fn upsert_organisations(
        &self,
        orgs: &[NewOrganisation],
        actor: &str,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        let n = upsert(&mut tx, orgs, actor).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Imports a directory CSV (columns [`CSV_COLUMNS`], header line required): rows are added
    /// or updated by code, all or nothing. Returns how many rows changed.
    pub async fn org_import_csv(&self, csv_text: &str, actor: &str) -> Result<usize> {
        let orgs = parse_csv(csv_text)?;
        self.upsert_organisations(&orgs, actor).await
    }

    /// Exports the directory as CSV (RFC 4180, columns [`CSV_COLUMNS`]), ordered by id.
    pub async fn org_export_csv(&self) -> Result<String> {
        let orgs = self.list_organisations().await?;
        let code_of = |id: Option<OrgId>| {
            id.and_then(|i| orgs.iter().find(|o| o.id == i))
                .map(|o| o.code.clone())
                .unwrap_or_default()
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        let csv_err = |e: csv::Error| Error::Io(std::io::Error::other(e));
        w.write_record(CSV_COLUMNS).map_err(csv_err)?;
        for o in &orgs {
            w.write_record([
                o.code.clone(),
                kind_code(o.kind),
                o.level.map(level_code).unwrap_or_default(),
                code_of(o.parent_id),
                o.name.clone(),
                o.abbreviations.join("; "),
                o.aliases.join("; "),
                o.valid_from.map(|d| d.to_string()).unwrap_or_default(),
                o.valid_to.map(|d| d.to_string()).unwrap_or_default(),
                code_of(o.replaced_by_id),
            ])
            .map_err(csv_err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))
    }

    /// Every organisation, by id.
    pub async fn list_organisations(&self) -> Result<Vec<Organisation>> {
        let mut tx = self.read().await?;
        let sql = sqlx::AssertSqlSafe(format!("{SELECT_ORG} ORDER BY id"));
        tx.all(sql, args![])
            .await?
            .iter()
            .map(org_from_row)
            .collect()
    }

    /// One organisation.
    pub async fn get_organisation(&self, id: OrgId) -> Result<Organisation> {
        let mut tx = self.read().await?;
        org_by_id(&mut tx, id).await?.ok_or(Error::NotFound {
            what: "đơn vị", id
        })
    }

    /// One organisation by its code.
    pub async fn find_organisation_by_code(&self, code: &str) -> Result<Option<Organisation>> {
        let mut tx = self.read().await?;
        org_by_code(&mut tx, code).await
    }

    /// Resolves an extracted organisation (kind, level, mention) to a directory entry on the
    /// notice's date: candidates of that kind (and level, when given), the best match of the
    /// mention against names, aliases and abbreviations (folded: no diacritics or case), or
    /// the only candidate for kinds a place has one of; an entry that no longer exists on `on`
    /// stands for its successor. None when nothing or more than one organisation fits.
    pub async fn resolve_org(
        &self,
        kind: OrgKind,
        level: Option<Level>,
        mention: Option<&str>,
        on: Date,
    ) -> Result<Option<OrgId>> {
        let mut tx = self.read().await?;
        resolve_in(&mut tx, kind, level, mention, on).await
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn folding_spells_out_abbreviations() {
        assert_eq!(
            fold_name("UBND xã Suối Ngọc"),
            fold_name("Ủy ban nhân dân xã Suối Ngọc")
        );
        assert_eq!(fold_name("Hội LHPN"), fold_name("hoi lien hiep phu nu"));
    }

    #[test]
    fn csv_rejects_unknown_kind_with_its_line() {
        let text = format!("{}\nx,NOT_A_KIND,huyen,,Tên,,,,,\n", CSV_COLUMNS.join(","));
        match parse_csv(&text) {
            Err(Error::Csv { line, .. }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn json_value_of_org_kind() {
        assert_eq!(kind_code(OrgKind::HoiNongDan), "HOI_NONG_DAN");
        assert_eq!(parse_level("xa"), Some(Level::Xa));
    }
}
