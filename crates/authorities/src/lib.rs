//! The register's list of local authorities: **every English local authority with
//! children's services duties since 2013** — the 153 of today and the five abolished since
//! (Bournemouth, Poole and Dorset County Council in 2019, Northamptonshire in 2021, Cumbria in
//! 2023) — with their codes over time, regions and DfE statistical neighbours, and the lookups
//! that turn a URN, DfE number, GSS code, name, alias or report title into one of them.
//!
//! The facts live in this crate's own data files, `data/authorities.csv` and
//! `data/statistical_neighbours.csv` (see `data/README.md` for their format, sources and the
//! faults corrected in those sources). They are compiled in and parsed once, on first use.
//!
//! Codes:
//! - Ofsted's provider URN ([`by_urn`]) is the key: one per LA, never reused.
//! - DfE's three-digit LA number ([`by_la_code`]) is also unique over the whole register: the
//!   2019, 2021 and 2023 successor councils got new numbers (838/839, 940/941, 942/943), and
//!   LAs that only changed status (Buckinghamshire 2020, North Yorkshire and Somerset 2023)
//!   kept theirs. Should a number ever be reused, the LA that exists latest wins.
//! - ONS GSS codes ([`by_gss`]) change with status and boundaries (Buckinghamshire 2020,
//!   North Yorkshire and Somerset 2023, Barnsley and Sheffield 2024, Gateshead and
//!   Northumberland 2013); every code an LA ever had finds it.
//!
//! Names: [`normalise_name`] defines when two spellings are the same; [`by_name`] matches a
//! whole name or alias, [`find_in_text`] finds one inside a longer text such as a report
//! title, and [`resolve`] takes anything a user may type. Two LAs share a name over time
//! ("Dorset": the county council to 31 March 2019, Dorset Council after; "Bournemouth": the
//! borough to 2019, then an alias of Bournemouth, Christchurch and Poole): a date picks the
//! one that existed then.
//!
//! ```
//! use lacs_authorities::{by_name, find_in_text, resolve, statistical_neighbours, NeighbourModel};
//!
//! let barnsley = resolve("Barnsley").unwrap();
//! assert_eq!((barnsley.urn, barnsley.la_code), (80426, 370));
//! assert_eq!(resolve("E08000016").unwrap().urn, 80426); // its code before 2024
//! assert_eq!(resolve("Barnsly").unwrap_err().suggestions[0], "Barnsley");
//!
//! let may_2016 = "2016-05-23".parse().unwrap();
//! assert_eq!(by_name("Dorset", Some(may_2016)).unwrap().urn, 80463); // the county council
//! assert_eq!(by_name("Dorset", None).unwrap().urn, 2532283); // Dorset Council
//!
//! let title = "Inspection of North Northamptonshire local authority children’s services";
//! assert_eq!(find_in_text(title, None).unwrap().name, "North Northamptonshire");
//!
//! let first = &statistical_neighbours(80426, NeighbourModel::Y2025)[0];
//! assert_eq!((first.rank, first.closeness.as_str()), (1, "Very close"));
//! ```

mod data;
mod names;
mod neighbours;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use lacs_domain::{Authority, AuthorityId, Date, OfstedRegion, OnsRegion};

pub use data::{
    is_gss_code, parse_authorities, parse_neighbours, DataError, NeighbourRow, AUTHORITY_COLUMNS,
    NEIGHBOUR_COLUMNS,
};
pub use neighbours::{Neighbour, NeighbourModel, UnknownModel};

/// The text of `data/authorities.csv`, as compiled into the crate.
pub const AUTHORITIES_CSV: &str = include_str!("../data/authorities.csv");
/// The text of `data/statistical_neighbours.csv`, as compiled into the crate.
pub const NEIGHBOURS_CSV: &str = include_str!("../data/statistical_neighbours.csv");

struct Register {
    authorities: Vec<Authority>,
    by_urn: HashMap<AuthorityId, usize>,
    by_la_code: HashMap<u16, usize>,
    by_gss: HashMap<String, usize>,
    names: names::NameIndex,
    neighbours: HashMap<(NeighbourModel, AuthorityId), Vec<Neighbour>>,
}

fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| {
        let authorities = parse_authorities(AUTHORITIES_CSV)
            .unwrap_or_else(|e| panic!("data/authorities.csv: {e}"));
        let rows = parse_neighbours(NEIGHBOURS_CSV)
            .unwrap_or_else(|e| panic!("data/statistical_neighbours.csv: {e}"));
        let mut by_urn = HashMap::new();
        let mut by_la_code: HashMap<u16, usize> = HashMap::new();
        let mut by_gss = HashMap::new();
        for (i, a) in authorities.iter().enumerate() {
            by_urn.insert(a.urn, i);
            let later = |j: usize| {
                let (new, old) = (a.end, authorities[j].end);
                new.is_none() || old.is_some_and(|o| new.is_some_and(|n| n > o))
            };
            match by_la_code.get(&a.la_code) {
                Some(&j) if !later(j) => {}
                _ => {
                    by_la_code.insert(a.la_code, i);
                }
            }
            for (code, _) in &a.gss_codes {
                by_gss.insert(code.clone(), i);
            }
        }
        let mut neighbours: HashMap<(NeighbourModel, AuthorityId), Vec<Neighbour>> = HashMap::new();
        for r in rows {
            neighbours
                .entry((r.model, r.urn))
                .or_default()
                .push(r.neighbour);
        }
        for v in neighbours.values_mut() {
            v.sort_by_key(|n| n.rank);
        }
        let names = names::NameIndex::build(&authorities);
        Register {
            authorities,
            by_urn,
            by_la_code,
            by_gss,
            names,
            neighbours,
        }
    })
}

/// Every LA in the register, current and abolished, in the order of `data/authorities.csv`
/// (alphabetical by name).
pub fn all() -> &'static [Authority] {
    &register().authorities
}

/// The LAs that existed on `date`.
pub fn exist_on(date: Date) -> impl Iterator<Item = &'static Authority> {
    all().iter().filter(move |a| a.exists_on(date))
}

/// The LA with this Ofsted provider URN.
pub fn by_urn(urn: AuthorityId) -> Option<&'static Authority> {
    let r = register();
    r.by_urn.get(&urn).map(|&i| &r.authorities[i])
}

/// The LA with this DfE LA number (unique in the register; see the crate docs).
pub fn by_la_code(la_code: u16) -> Option<&'static Authority> {
    let r = register();
    r.by_la_code.get(&la_code).map(|&i| &r.authorities[i])
}

/// The LA that has, or ever had, this GSS code (case and surrounding spaces ignored).
pub fn by_gss(code: &str) -> Option<&'static Authority> {
    let r = register();
    let code = code.trim().to_ascii_uppercase();
    r.by_gss.get(&code).map(|&i| &r.authorities[i])
}

/// The form in which names are compared: lower case; `&` → "and"; apostrophes (curly or
/// straight) dropped; other punctuation a space ("St." → "st", "Stoke-on-Trent" → "stoke on
/// trent"); spaces collapsed; a leading "the" and council or borough wrappers dropped ("London
/// Borough of", "Royal Borough of", "Council of the", "… Metropolitan Borough Council",
/// "… City Council", "… County Council", "… Council", "… Borough", ", City of", ", County of").
///
/// A wrapper is kept where dropping it would turn one LA's name into another's: "Dorset County
/// Council" stays "dorset county council" and "Dorset Council" stays "dorset council", while
/// "Durham County Council" becomes "durham".
pub fn normalise_name(name: &str) -> String {
    names::normalise_with(name, &register().names.protected)
}

/// The LA whose name or one of whose aliases equals `name` after [`normalise_name`].
///
/// When several LAs bear the name over time, `on` picks the one that existed that day. Without
/// a date (or when none existed that day), an LA's own name beats another's alias, and the
/// current LA beats an abolished one: "Dorset" is Dorset Council, "Bournemouth" the abolished
/// borough.
pub fn by_name(name: &str, on: Option<Date>) -> Option<&'static Authority> {
    let r = register();
    let key = normalise_name(name);
    let hits = r.names.exact.get(&key)?;
    names::pick(&r.authorities, hits, on).map(|i| &r.authorities[i])
}

/// The LA whose name or alias occurs in `text` as whole words, the longest such occurrence
/// winning ("North Northamptonshire" over "Northamptonshire", "Bath and North East Somerset"
/// over "Somerset"; ties go to the earliest); a name shared over time is settled by `on` as
/// in [`by_name`]. Meant for a report's title or first lines: "Inspection of Bath and North
/// East Somerset local authority children's services", "City of York Council".
///
/// Words are compared after the character-level part of [`normalise_name`] (case,
/// punctuation, `&`); the phrases are built once, so a call costs a few hash look-ups per word.
pub fn find_in_text(text: &str, on: Option<Date>) -> Option<&'static Authority> {
    let r = register();
    let hits = r.names.longest_in(text)?;
    names::pick(&r.authorities, hits, on).map(|i| &r.authorities[i])
}

/// A user's query matched no LA.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no local authority matches {query:?}{}", did_you_mean(.suggestions))]
pub struct NotFound {
    pub query: String,
    /// Up to five LA names closest to the query, closest first.
    pub suggestions: Vec<String>,
}

fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// Resolves what a user typed: a URN ("80426"), a DfE number ("370"), a GSS code
/// ("E08000016", any the LA ever had), or a name or alias (as [`by_name`] without a date, and
/// failing that [`find_in_text`], so "Barnsley children's services" works). On failure the
/// error suggests up to five names by edit distance.
pub fn resolve(query: &str) -> Result<&'static Authority, NotFound> {
    let q = query.trim();
    let found = if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) {
        if q.len() == 3 {
            q.parse().ok().and_then(by_la_code)
        } else {
            q.parse().ok().and_then(by_urn)
        }
    } else if q.len() == 9 && is_gss_code(&q.to_ascii_uppercase()) {
        by_gss(q)
    } else {
        by_name(q, None).or_else(|| find_in_text(q, None))
    };
    found.ok_or_else(|| NotFound {
        query: query.to_string(),
        suggestions: suggest(q),
    })
}

fn suggest(query: &str) -> Vec<String> {
    let r = register();
    let q = normalise_name(query);
    if q.is_empty() || q.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut scored: Vec<(usize, bool, &str)> = r
        .authorities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let d = r.names.keys[i]
                .iter()
                .map(|k| names::levenshtein(&q, k))
                .min()
                .unwrap_or(usize::MAX);
            (d, a.end.is_some(), a.name.as_str())
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in scored {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

/// The LA's ten DfE statistical neighbours in `model`, closest first; empty when the model
/// has none for it (LAs created after the model, or abolished before it).
pub fn statistical_neighbours(urn: AuthorityId, model: NeighbourModel) -> &'static [Neighbour] {
    register()
        .neighbours
        .get(&(model, urn))
        .map_or(&[], Vec::as_slice)
}
