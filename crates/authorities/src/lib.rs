//! The register's list of local authorities: **every English local authority with
//! children's services duties since 2013** — the 153 of today and the five abolished since
//! (Bournemouth, Poole and Dorset County Council in 2019, Northamptonshire in 2021, Cumbria in
//! 2023) — with their codes over time, regions and DfE statistical neighbours, and the lookups
//! that turn a URN, DfE number, GSS code, name, alias or report title into one of them.
//!
//! The facts live in this crate's own data files, `data/authorities.csv`,
//! `data/statistical_neighbours.csv` and `data/operators.csv` (see `data/README.md` for their
//! format, sources and the faults corrected in those sources). They are compiled in and
//! parsed once, on first use.
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
//! title, and [`resolve`] takes anything a user may type, part of a name too ("Kensington",
//! "Windsor"). Two LAs share a name over time
//! ("Dorset": the county council to 31 March 2019, Dorset Council after; "Bournemouth": the
//! borough to 2019, then an alias of Bournemouth, Christchurch and Poole): a date picks the
//! one that existed then.
//!
//! Bodies that ran an LA's children's services — children's trusts, council-owned companies,
//! shared services ([`operators`]) — are dated aliases: "Slough Children First" finds Slough
//! from April 2021. A body serving several LAs ("Achieving for Children") names none of them
//! on its own: [`find_candidates_in_text`] returns [`Found::Several`], and an LA named in the
//! same text settles it.
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
    is_gss_code, parse_authorities, parse_neighbours, parse_operators, DataError, NeighbourRow,
    Operator, AUTHORITY_COLUMNS, NEIGHBOUR_COLUMNS, OPERATOR_COLUMNS,
};
pub use neighbours::{Neighbour, NeighbourModel, UnknownModel};

/// The text of `data/authorities.csv`, as compiled into the crate.
pub const AUTHORITIES_CSV: &str = include_str!("../data/authorities.csv");
/// The text of `data/statistical_neighbours.csv`, as compiled into the crate.
pub const NEIGHBOURS_CSV: &str = include_str!("../data/statistical_neighbours.csv");
/// The text of `data/operators.csv`, as compiled into the crate.
pub const OPERATORS_CSV: &str = include_str!("../data/operators.csv");

struct Register {
    authorities: Vec<Authority>,
    by_urn: HashMap<AuthorityId, usize>,
    by_la_code: HashMap<u16, usize>,
    by_gss: HashMap<String, usize>,
    names: names::NameIndex,
    neighbours: HashMap<(NeighbourModel, AuthorityId), Vec<Neighbour>>,
    operators: Vec<Operator>,
    /// Light form of each operator's name → its rows (one name may have several periods).
    operator_names: names::Phrases<usize>,
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
        let operators =
            parse_operators(OPERATORS_CSV).unwrap_or_else(|e| panic!("data/operators.csv: {e}"));
        let mut operator_names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, o) in operators.iter().enumerate() {
            operator_names
                .entry(names::light(&o.name))
                .or_default()
                .push(i);
        }
        Register {
            authorities,
            by_urn,
            by_la_code,
            by_gss,
            names,
            neighbours,
            operators,
            operator_names: names::Phrases::new(operator_names),
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
///
/// Failing an LA's own name or alias, the whole name of a body that ran its children's
/// services ([`operators`]: "Slough Children First") finds the LA when the body served that
/// LA alone — on `on`, or, without a date, over all its periods ("Achieving for Children",
/// which serves three, finds none; [`find_candidates_in_text`] lists them).
pub fn by_name(name: &str, on: Option<Date>) -> Option<&'static Authority> {
    let r = register();
    let key = normalise_name(name);
    if let Some(hits) = r.names.exact.get(&key) {
        return names::pick(&r.authorities, hits, on).map(|i| &r.authorities[i]);
    }
    let rows = r.operator_names.get(&names::light(name))?;
    match served(r, rows, on).as_slice() {
        [one] => Some(&r.authorities[*one]),
        _ => None,
    }
}

/// The LAs (as indices, in register order) that the operator rows served on `on` (any time
/// without a date).
fn served(r: &Register, rows: &[usize], on: Option<Date>) -> Vec<usize> {
    let mut out: Vec<usize> = rows
        .iter()
        .map(|&i| &r.operators[i])
        .filter(|o| on.is_none_or(|d| o.serves_on(d)))
        .flat_map(|o| o.urns.iter().filter_map(|u| r.by_urn.get(u).copied()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Every body that ran (or runs) an LA's children's services, one row per name and period,
/// as in `data/operators.csv` (see `data/README.md` for the sources).
pub fn operators() -> &'static [Operator] {
    &register().operators
}

/// What a text names: one LA, or the several LAs a body named in it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One LA.
    One(&'static Authority),
    /// The text names a body that serves several LAs ("Achieving for Children") and names
    /// none of them: every LA it served (on the date, or ever), in register order. Never
    /// fewer than two.
    Several(Vec<&'static Authority>),
}

impl Found {
    /// The LA, when the text settles on one.
    pub fn one(&self) -> Option<&'static Authority> {
        match self {
            Found::One(a) => Some(a),
            Found::Several(_) => None,
        }
    }

    /// Every LA the text may mean (one for [`Found::One`]).
    pub fn candidates(&self) -> &[&'static Authority] {
        match self {
            Found::One(a) => std::slice::from_ref(a),
            Found::Several(v) => v,
        }
    }

    /// The candidate with this URN (a folder's URN, say), if it is one.
    pub fn choose(&self, urn: AuthorityId) -> Option<&'static Authority> {
        self.candidates().iter().copied().find(|a| a.urn == urn)
    }
}

/// The LA whose name or alias occurs in `text` as whole words, the longest such occurrence
/// winning ("North Northamptonshire" over "Northamptonshire", "Bath and North East Somerset"
/// over "Somerset"; ties go to the earliest); a name shared over time is settled by `on` as
/// in [`by_name`]. Meant for a report's title or first lines: "Inspection of Bath and North
/// East Somerset local authority children's services", "City of York Council".
///
/// Words are compared after the character-level part of [`normalise_name`] (case,
/// punctuation, `&`); the phrases are built once, so a call costs a few hash look-ups per word.
///
/// The name of a body that ran an LA's children's services counts too, on the days it did
/// ("Inspection of Slough Children First children's services", "Together for Children"): see
/// [`find_candidates_in_text`], of which this is the single answer — `None` where that gives
/// [`Found::Several`].
pub fn find_in_text(text: &str, on: Option<Date>) -> Option<&'static Authority> {
    find_candidates_in_text(text, on)?.one()
}

/// The LA or LAs `text` names, by an LA's name or alias or by the name of a body that ran
/// its children's services ([`operators`]) on `on` (any time without a date).
///
/// - No body named: as [`find_in_text`] always did, the longest LA name wins.
/// - A body named: an LA name inside the body's own name does not count ("Northamptonshire"
///   in "Northamptonshire Children's Trust", which from April 2021 serves North and West
///   Northamptonshire). Among the LAs the body served, those also named elsewhere in the text
///   win ("Inspection of Kingston upon Thames … Achieving for Children" is Kingston); else an
///   LA named in the text wins even if the body did not serve it (the title names the LA
///   inspected); else the LAs the body served: [`Found::One`] for one, [`Found::Several`]
///   for more — the caller chooses with other evidence ([`Found::choose`] with a folder's
///   URN) or records its doubt.
///
/// ```
/// use lacs_authorities::{find_candidates_in_text, Found};
///
/// let on = Some("2023-05-01".parse().unwrap());
/// let slough = find_candidates_in_text("Inspection of Slough Children First", on).unwrap();
/// assert_eq!(slough.one().unwrap().name, "Slough");
/// let afc = find_candidates_in_text("Achieving for Children", on).unwrap();
/// let names: Vec<&str> = afc.candidates().iter().map(|a| a.name.as_str()).collect();
/// assert_eq!(names, ["Kingston upon Thames", "Richmond upon Thames", "Windsor and Maidenhead"]);
/// assert_eq!(afc.choose(80513).unwrap().name, "Richmond upon Thames");
/// ```
pub fn find_candidates_in_text(text: &str, on: Option<Date>) -> Option<Found> {
    let r = register();
    let norm = names::light(text);
    let words = names::words_of(&norm);
    let la_spans = r.names.phrases.spans(&words);
    let pick_longest = |spans: &[names::Span<'_, names::Hit>]| {
        let best = names::longest(spans)?;
        names::pick(&r.authorities, best.values, on).map(|i| Found::One(&r.authorities[i]))
    };
    let bodies: Vec<(names::Span<'_, usize>, Vec<usize>)> = r
        .operator_names
        .spans(&words)
        .into_iter()
        .map(|s| (s, served(r, s.values, on)))
        .filter(|(_, las)| !las.is_empty())
        .collect();
    if bodies.is_empty() {
        return pick_longest(&la_spans);
    }
    let mut served_las: Vec<usize> = bodies.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    served_las.sort_unstable();
    served_las.dedup();
    let named: Vec<names::Span<'_, names::Hit>> = la_spans
        .into_iter()
        .filter(|s| !bodies.iter().any(|(b, _)| s.within(b)))
        .collect();
    let both: Vec<usize> = served_las
        .iter()
        .copied()
        .filter(|&i| named.iter().any(|s| s.values.iter().any(|h| h.idx == i)))
        .collect();
    let chosen = if both.is_empty() {
        if !named.is_empty() {
            return pick_longest(&named);
        }
        served_las
    } else {
        both
    };
    match chosen.as_slice() {
        [] => None,
        [one] => Some(Found::One(&r.authorities[*one])),
        _ => Some(Found::Several(
            chosen.iter().map(|&i| &r.authorities[i]).collect(),
        )),
    }
}

/// The bodies named in `text` that ran an LA's children's services on `on` (any time without
/// a date), one row per period, in the order of `data/operators.csv`: for saying which body a
/// doubt is about.
pub fn operators_in_text(text: &str, on: Option<Date>) -> Vec<&'static Operator> {
    let r = register();
    let norm = names::light(text);
    let words = names::words_of(&norm);
    let mut rows: Vec<usize> = r
        .operator_names
        .spans(&words)
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|&i| on.is_none_or(|d| r.operators[i].serves_on(d)))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.into_iter().map(|i| &r.operators[i]).collect()
}

/// A user's query matched no LA.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no local authority matches {query:?}{}", did_you_mean(.suggestions))]
pub struct NotFound {
    pub query: String,
    /// Closest first: every LA whose name the query's words are part of (when they are part
    /// of several names: "North"), else, or then up to five in all, the names closest to the
    /// query by edit distance.
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
/// ("E08000016", any the LA ever had), or a name or alias — in this order:
///
/// 1. a whole name or alias, as [`by_name`] without a date ("Barnsley", "Kensington &
///    Chelsea", "Slough Children First");
/// 2. part of a name or alias, as people type it: the query's words, normalised as in
///    [`normalise_name`], found as whole words and in order within the name or an alias of
///    one LA ("Kensington", "Hammersmith", "Kensington and", "Windsor", "Bath North East
///    Somerset"). Whole words only: "Kent" is Kent, never Kensington, and "Kensing" is
///    nothing. When the words are part of several LAs' names, the one existing today wins if
///    the others are all abolished; otherwise the query is ambiguous ("North", "Sussex",
///    "Kingston upon") and not found, those LAs suggested first. Words such as "and", "of" or
///    "council" alone name no LA;
/// 3. an LA's whole name or alias found in a longer text, as [`find_in_text`] without a date
///    ("Barnsley children's services").
///
/// On failure the error suggests, for a body that serves several LAs ("Achieving for
/// Children"), those LAs; else the LAs the query is part of the names of, then names by edit
/// distance (see [`NotFound::suggestions`]).
pub fn resolve(query: &str) -> Result<&'static Authority, NotFound> {
    let q = query.trim();
    let r = register();
    let mut partial = None;
    let found = if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) {
        if q.len() == 3 {
            q.parse().ok().and_then(by_la_code)
        } else {
            q.parse().ok().and_then(by_urn)
        }
    } else if q.len() == 9 && is_gss_code(&q.to_ascii_uppercase()) {
        by_gss(q)
    } else {
        by_name(q, None)
            .or_else(|| {
                let p = partial.insert(part_of_names(r, q));
                one_of_parts(r, p).map(|i| &r.authorities[i])
            })
            .or_else(|| find_in_text(q, None))
    };
    found.ok_or_else(|| NotFound {
        query: query.to_string(),
        // a body serving several LAs: those LAs are the suggestions
        suggestions: match find_candidates_in_text(q, None) {
            Some(Found::Several(v)) => v.iter().map(|a| a.name.clone()).collect(),
            _ => suggest(q, &partial.unwrap_or_else(|| part_of_names(r, q))),
        },
    })
}

/// The LAs (as indices) whose name or an alias has the query's words within it (see
/// [`resolve`]), best first: LAs existing today before abolished ones, then those whose name
/// the words begin, then by edit distance to the query, then by name.
fn part_of_names(r: &Register, query: &str) -> Vec<usize> {
    let q = normalise_name(query);
    let words = names::words_of(&q);
    let mut hits: Vec<(bool, bool, usize, &str, usize)> = r
        .authorities
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let mut best: Option<(bool, usize)> = None;
            for k in &r.names.keys[i] {
                if let Some(begins) = names::words_within(&words, &names::words_of(k)) {
                    let key = (!begins, names::levenshtein(&q, k));
                    best = Some(best.map_or(key, |b| b.min(key)));
                }
            }
            best.map(|(not_begins, d)| (a.end.is_some(), not_begins, d, a.name.as_str(), i))
        })
        .collect();
    hits.sort_unstable();
    hits.into_iter().map(|h| h.4).collect()
}

/// The one LA of `part_of_names`' answer the query means: the only one, or the only one
/// existing today.
fn one_of_parts(r: &Register, hits: &[usize]) -> Option<usize> {
    match hits {
        [one] => Some(*one),
        _ => {
            let mut current = hits.iter().filter(|&&i| r.authorities[i].end.is_none());
            match (current.next(), current.next()) {
                (Some(&one), None) => Some(one),
                _ => None,
            }
        }
    }
}

/// Suggestions for a query that found nothing: the LAs it is part of the names of
/// (`partial`, all of them), then the closest names by edit distance, up to five in all.
fn suggest(query: &str, partial: &[usize]) -> Vec<String> {
    let r = register();
    let mut out: Vec<String> = Vec::new();
    for &i in partial {
        let name = &r.authorities[i].name;
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    let q = normalise_name(query);
    if q.is_empty() || q.bytes().all(|b| b.is_ascii_digit()) {
        return out;
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
    for (_, _, name) in scored {
        if out.len() >= 5 {
            break;
        }
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_of_names_prefers_an_existing_la() {
        let r = register();
        let idx = |urn: AuthorityId| r.by_urn[&urn];
        let (bournemouth, bcp, poole) = (idx(80434), idx(2532287), idx(80433));
        assert_eq!(one_of_parts(r, &[bcp]), Some(bcp));
        assert_eq!(one_of_parts(r, &[bcp, bournemouth]), Some(bcp));
        assert_eq!(one_of_parts(r, &[bournemouth, poole]), None);
        let kingstons = [idx(80477), idx(80545)];
        assert_eq!(one_of_parts(r, &kingstons), None);
        assert_eq!(one_of_parts(r, &[]), None);
        // Words of an abolished LA's name and a current one's: existing LAs first.
        assert_eq!(part_of_names(r, "Bournemouth")[0], bcp);
    }
}
