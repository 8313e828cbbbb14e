//! Every view's request as a typed struct, parsed from name/value pairs ([`Params`]: a URL's
//! query string or the CLI's flags) by [`Request::parse`], one way for both surfaces. The
//! names are the query string's (`as_at`); the CLI spells them as flags (`--as-at`).

use lacs_analysis::{ChangesQuery, Compare, Cutoff, StatsQuery};
use lacs_domain::{Date, Framework, Grade, Judgement, OfstedRegion, OnsRegion};
use serde::Serialize;

use crate::params::{ParamError, Params, SearchIn};
use crate::ThemesBy;

/// A view's parameters, read from a request's name/value pairs.
pub trait Request: Sized {
    fn parse(p: &Params) -> Result<Self, ParamError>;
}

/// The cut-off of a picture: `as_at` (default today), `published_by` (default the as-at
/// date), `inspected_by`.
fn cutoff(p: &Params) -> Result<Cutoff, ParamError> {
    let mut c = Cutoff::new(p.date("as_at")?.unwrap_or_else(|| p.today()));
    if let Some(d) = p.date("published_by")? {
        c = c.published_by(d);
    }
    if let Some(d) = p.date("inspected_by")? {
        c = c.inspected_by(d);
    }
    Ok(c)
}

/// `stats`: the national (and regional) picture. `as_at`, `published_by`, `inspected_by`,
/// `judgement`, `by`, `list`.
impl Request for StatsQuery {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let mut q = StatsQuery::new(cutoff(p)?).judgement(p.judgement("judgement", Judgement::Overall)?).list(p.flag("list")?);
        if let Some(g) = p.grouping("by")? {
            q = q.by(g);
        }
        Ok(q)
    }
}

/// `series`: the national picture at each quarter end. `judgement`, `until` (default today).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesRequest {
    pub judgement: Judgement,
    pub until: Date,
}

impl Request for SeriesRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        Ok(SeriesRequest { judgement: p.judgement("judgement", Judgement::Overall)?, until: p.date("until")?.unwrap_or_else(|| p.today()) })
    }
}

/// The list of LAs' grade filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GradeFilter {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// Inspected, but not graded in the judgement.
    NotGraded,
    NotInspected,
}

impl GradeFilter {
    pub const ALL: [GradeFilter; 6] = [
        GradeFilter::Outstanding,
        GradeFilter::Good,
        GradeFilter::RequiresImprovement,
        GradeFilter::Inadequate,
        GradeFilter::NotGraded,
        GradeFilter::NotInspected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GradeFilter::NotGraded => "not_graded",
            GradeFilter::NotInspected => "not_inspected",
            g => g.grade().map_or("", Grade::as_str),
        }
    }

    /// The words people read: a grade's label, "Not graded", "Not yet inspected".
    pub fn label(self) -> &'static str {
        match self {
            GradeFilter::NotGraded => "Not graded",
            GradeFilter::NotInspected => "Not yet inspected",
            g => g.grade().map_or("", Grade::label),
        }
    }

    pub fn grade(self) -> Option<Grade> {
        match self {
            GradeFilter::Outstanding => Some(Grade::Outstanding),
            GradeFilter::Good => Some(Grade::Good),
            GradeFilter::RequiresImprovement => Some(Grade::RequiresImprovement),
            GradeFilter::Inadequate => Some(Grade::Inadequate),
            GradeFilter::NotGraded | GradeFilter::NotInspected => None,
        }
    }

    /// Whether an LA fits: `inspected`, and its grade in the judgement.
    pub fn fits(self, inspected: bool, grade: Option<Grade>) -> bool {
        match self {
            GradeFilter::NotInspected => !inspected,
            GradeFilter::NotGraded => inspected && grade.is_none(),
            g => grade.is_some() && grade == g.grade(),
        }
    }

    fn read(v: &str) -> Result<GradeFilter, String> {
        GradeFilter::ALL.into_iter().find(|g| g.as_str() == v).ok_or_else(|| {
            format!("unknown grade {v:?}; expected one of: {}", GradeFilter::ALL.map(GradeFilter::as_str).join(", "))
        })
    }
}

/// The `region` parameter: an Ofsted or ONS region's name, in any case.
pub(crate) fn region(p: &Params) -> Result<Option<&'static str>, ParamError> {
    p.word("region", |v| {
        let names = region_names();
        names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(v))
            .copied()
            .ok_or_else(|| format!("unknown region {v:?}; expected one of: {}", names.join(", ")))
    })
}

/// Every region name a filter takes: Ofsted's 8, then the ONS regions Ofsted's do not name.
pub fn region_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = OfstedRegion::ALL.iter().map(|r| r.as_str()).collect();
    for r in OnsRegion::ALL {
        if !names.contains(&r.as_str()) {
            names.push(r.as_str());
        }
    }
    names
}

/// `la` (list): every LA existing on `as_at` with its latest grade in `judgement`; filters
/// `region` (an Ofsted or ONS region), `grade`, `q` (part of a name, or a code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaListRequest {
    pub as_at: Date,
    pub judgement: Judgement,
    pub region: Option<&'static str>,
    pub grade: Option<GradeFilter>,
    pub q: Option<String>,
}

impl Request for LaListRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let region = region(p)?;
        Ok(LaListRequest {
            as_at: p.date("as_at")?.unwrap_or_else(|| p.today()),
            judgement: p.judgement("judgement", Judgement::Overall)?,
            region,
            grade: p.word("grade", GradeFilter::read)?,
            q: p.get("q").map(str::to_string),
        })
    }
}

/// `la`: one LA, named by `la` (a name or part of one, alias, URN, DfE number or GSS code),
/// with only what was known by `as_at` when given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaRequest {
    pub la: String,
    pub as_at: Option<Date>,
}

impl Request for LaRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let la = p.get("la").ok_or_else(|| p.error("la", "name the local authority: a name, Ofsted URN, DfE number or GSS code"))?;
        Ok(LaRequest { la: la.to_string(), as_at: p.date("as_at")? })
    }
}

/// `inspection`: one event by its `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InspectionRequest {
    pub id: i64,
}

impl Request for InspectionRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let id = p
            .word("id", |v| v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| format!("{v:?} is not an inspection's id (a positive number)")))?
            .ok_or_else(|| p.error("id", "give the inspection's id"))?;
        Ok(InspectionRequest { id })
    }
}

/// `changes`: LAs whose grade moved between two graded inspections. `as_at`, `published_by`,
/// `inspected_by`, `judgement`, `framework` (`ilacs` by default, `sif`, or `any`), `compare`
/// (`previous`: the latest against the one before, the default; `first`: the latest against
/// the first; `window`: the grade standing on `from` against the one standing on `to`, the
/// default when either date is given; `from` after `to` matches nothing), `from_grade`, `to_grade` (only LAs that moved from
/// this grade, to this grade).
impl Request for ChangesQuery {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let (from, to) = (p.date("from")?, p.date("to")?);
        // A date makes the comparison a window unless another is asked for; then the dates
        // are unused, and the answer's `from` and `to` (null) say so.
        let compare = p
            .word("compare", |v| v.parse::<Compare>().map_err(|e| e.to_string()))?
            .unwrap_or(if from.is_some() || to.is_some() { Compare::Window } else { Compare::Previous });
        Ok(ChangesQuery::new(cutoff(p)?)
            .judgement(p.judgement("judgement", Judgement::Overall)?)
            .framework(p.framework("framework", Some(Framework::Ilacs))?)
            .compare(compare)
            .dates(from, to)
            .grades(p.grade("from_grade")?, p.grade("to_grade")?))
    }
}

/// `firsts`: the order in which LAs first reached `grade` (default outstanding) in
/// `judgement` (default overall), in `framework`'s inspections (default any), in England or
/// among one Ofsted `region`'s LAs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstsRequest {
    pub judgement: Judgement,
    pub grade: Grade,
    pub framework: Option<Framework>,
    pub region: Option<OfstedRegion>,
}

impl Request for FirstsRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let region = p.word("region", |v| {
            OfstedRegion::ALL.iter().find(|r| r.as_str().eq_ignore_ascii_case(v)).copied().ok_or_else(|| {
                format!("unknown Ofsted region {v:?}; expected one of: {}", OfstedRegion::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "))
            })
        })?;
        Ok(FirstsRequest {
            judgement: p.judgement("judgement", Judgement::Overall)?,
            grade: p.grade("grade")?.unwrap_or(Grade::Outstanding),
            framework: p.framework("framework", None)?,
            region,
        })
    }
}

/// `disagreements`: every disagreement, or one LA's (`urn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisagreementsRequest {
    pub urn: Option<u32>,
}

impl Request for DisagreementsRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        Ok(DisagreementsRequest { urn: p.word("urn", |v| v.parse::<u32>().map_err(|_| format!("{v:?} is not an Ofsted URN (a number)")))? })
    }
}

/// Results on one page of a search, unless `per_page` says otherwise.
pub const SEARCH_PER_PAGE: usize = 50;
/// The most results one page of a search may hold.
pub const SEARCH_MAX_PER_PAGE: usize = 500;

/// `search`: `q` (words, "phrases", AND, OR, NOT), `in` (findings or all), `la`, `since`,
/// `until`, `judgement` (findings only), `page` (from 1), `per_page` (1 to 500, default 50).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchRequest {
    pub q: String,
    pub within: SearchIn,
    pub la: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub judgement: Option<Judgement>,
    pub page: usize,
    pub per_page: usize,
}

impl SearchRequest {
    /// A search for `q` in findings, first page.
    pub fn new(q: &str) -> SearchRequest {
        SearchRequest { q: q.to_string(), page: 1, per_page: SEARCH_PER_PAGE, ..Default::default() }
    }
}

impl Request for SearchRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        let within = p.word("in", SearchIn::read)?.unwrap_or_default();
        let judgement = p.word("judgement", |v| v.parse::<Judgement>().map_err(|e| e.to_string()))?;
        if within == SearchIn::All && judgement.is_some() {
            return Err(p.error("judgement", "narrows a search of findings only (a page sits under no one judgement); leave it out to search every page"));
        }
        Ok(SearchRequest {
            q: p.get("q").unwrap_or("").to_string(),
            within,
            la: p.get("la").map(str::to_string),
            since: p.date("since")?,
            until: p.date("until")?,
            judgement,
            page: p.number("page", 1, 1_000_000)?.unwrap_or(1) as usize,
            per_page: p.number("per_page", 1, SEARCH_MAX_PER_PAGE as u64)?.map_or(SEARCH_PER_PAGE, |n| n as usize),
        })
    }
}

/// `themes`: improvement items of graded inspections published by `as_at` (default today),
/// grouped `by` region, grade or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemesRequest {
    pub as_at: Date,
    pub by: Option<ThemesBy>,
}

impl Request for ThemesRequest {
    fn parse(p: &Params) -> Result<Self, ParamError> {
        Ok(ThemesRequest {
            as_at: p.date("as_at")?.unwrap_or_else(|| p.today()),
            by: p.word("by", |v| v.parse::<ThemesBy>().map_err(|e| e.message))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params::query(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).on(date(2026, 12, 4))
    }

    #[test]
    fn defaults_are_today_and_overall() {
        let s = StatsQuery::parse(&p(&[])).unwrap();
        assert_eq!((s.cutoff.as_at, s.judgement, s.by, s.list), (date(2026, 12, 4), Judgement::Overall, None, false));
        let c = ChangesQuery::parse(&p(&[("framework", "any"), ("as_at", "31 March 2024")])).unwrap();
        assert_eq!((c.framework, c.cutoff.as_at), (None, date(2024, 3, 31)));
        let f = FirstsRequest::parse(&p(&[])).unwrap();
        assert_eq!((f.grade, f.framework), (Grade::Outstanding, None));
    }

    #[test]
    fn changes_between_dates_compare_a_window() {
        let c = ChangesQuery::parse(&p(&[("from", "1 January 2019"), ("to", "2024-01-01"), ("from_grade", "inadequate"), ("to_grade", "good")])).unwrap();
        assert_eq!((c.compare, c.from, c.to), (Compare::Window, Some(date(2019, 1, 1)), Some(date(2024, 1, 1))));
        assert_eq!((c.from_grade, c.to_grade), (Some(Grade::Inadequate), Some(Grade::Good)));
        assert_eq!(ChangesQuery::parse(&p(&[("compare", "first")])).unwrap().compare, Compare::First);
        assert_eq!(ChangesQuery::parse(&p(&[("compare", "first"), ("from", "2020-01-01")])).unwrap().compare, Compare::First);
        assert_eq!(ChangesQuery::parse(&p(&[("compare", "sideways")])).unwrap_err().name, "compare");
    }

    #[test]
    fn the_list_filters_are_checked() {
        let r = LaListRequest::parse(&p(&[("region", "london"), ("grade", "not_inspected"), ("q", "Kensington")])).unwrap();
        assert_eq!((r.region, r.grade, r.q.as_deref()), (Some("London"), Some(GradeFilter::NotInspected), Some("Kensington")));
        let e = LaListRequest::parse(&p(&[("region", "Mars")])).unwrap_err();
        assert!(e.name == "region" && e.message.contains("North West"), "{e}");
        let e = LaListRequest::parse(&p(&[("grade", "great")])).unwrap_err();
        assert!(e.name == "grade" && e.message.contains("requires_improvement"), "{e}");
        assert!(GradeFilter::NotGraded.fits(true, None) && !GradeFilter::NotGraded.fits(false, None));
        assert!(GradeFilter::Good.fits(true, Some(Grade::Good)) && !GradeFilter::Good.fits(true, None));
    }

    #[test]
    fn a_search_is_paged_and_bounded() {
        let s = SearchRequest::parse(&p(&[("q", "children's"), ("page", "3")])).unwrap();
        assert_eq!((s.q.as_str(), s.page, s.per_page), ("children's", 3, SEARCH_PER_PAGE));
        for (name, bad) in [("page", "0"), ("page", "x"), ("per_page", "501"), ("since", "9999-01-01")] {
            assert_eq!(SearchRequest::parse(&p(&[(name, bad)])).unwrap_err().name, name);
        }
        let e = SearchRequest::parse(&p(&[("in", "all"), ("judgement", "overall")])).unwrap_err();
        assert_eq!(e.name, "judgement");
    }

    #[test]
    fn ids_and_urns_are_numbers() {
        assert_eq!(InspectionRequest::parse(&p(&[("id", "80426202301090")])).unwrap().id, 80426202301090);
        for bad in ["-4", "0", "x"] {
            assert_eq!(InspectionRequest::parse(&p(&[("id", bad)])).unwrap_err().name, "id");
        }
        assert_eq!(DisagreementsRequest::parse(&p(&[("urn", "abc")])).unwrap_err().name, "urn");
    }
}
