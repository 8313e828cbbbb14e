//! Checking found claims against the register: which inspection each LA's claims are about,
//! then each claim against it (or against the firsts, the picture at a date, the report's text).

use std::collections::HashMap;

use lacs_analysis::{Grouping, Index, StatsQuery};
use lacs_authorities::Authority;
use lacs_domain::{Date, Grade, InspectionEvent, Judgement, Kind};
use lacs_query::Register;
use lacs_store::Store;

use crate::find::{Found, FoundClaim, RegionScope, When};
use crate::words::Hedge;
use lacs_query::ordinal as ordinal_word;
use crate::{las, quotes, Checked, Claim, ClaimType, Evidence, Options, Verdict};

/// The most quotations of one story looked up in the reports (each is aligned word by word
/// with every report of its LA).
const MAX_QUOTATIONS: usize = 30;

struct Ctx<'a> {
    register: &'a Register,
    index: Index<'a>,
    store: Option<&'a Store>,
    as_of: Option<Date>,
    /// The inspection each LA's claims are about.
    current: HashMap<u32, Option<&'a InspectionEvent>>,
    /// Each report's pages, read once.
    pages: std::cell::RefCell<HashMap<String, Vec<(u32, String)>>>,
}

/// The LA's graded events with a publication date, in order (by `as_of` when given).
fn graded(register: &Register, urn: u32, as_of: Option<Date>) -> Vec<&InspectionEvent> {
    let mut v: Vec<&InspectionEvent> = register
        .events
        .iter()
        .filter(|e| e.urn == urn && e.is_graded() && e.published.is_some_and(|p| as_of.is_none_or(|d| p <= d)))
        .collect();
    v.sort_by_key(|e| (e.published, e.inspection_start, e.id));
    v
}

fn months_of(e: &InspectionEvent) -> Vec<(i16, i8)> {
    let mut out = Vec::new();
    if let (Some(s), Some(end)) = (e.inspection_start, e.inspection_end.or(e.inspection_start)) {
        let mut d = s.first_of_month();
        while d <= end {
            out.push((d.year(), d.month()));
            match d.checked_add(jiff::ToSpan::months(1)) {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
    } else if let Some(s) = e.inspection_start {
        out.push((s.year(), s.month()));
    }
    out
}

/// How well an event fits what the story says of its LA: judgements it grades, the month
/// and year inspectors visited or it was published, its type.
fn fit(e: &InspectionEvent, claims: &[&Found]) -> i32 {
    let mut score = 0;
    for f in claims {
        match f {
            Found::Grade { judgement: Some(j), when: When::Current, .. } | Found::Rank { judgement: j, .. } => {
                score += i32::from(e.grades.get(*j).is_some());
            }
            Found::VisitMonth { month, year } => {
                let ms = months_of(e);
                score += 2 * i32::from(ms.iter().any(|(y, m)| m == month && year.is_none_or(|yy| yy == *y)));
            }
            Found::PublishedMonth { month, year } => {
                score += 2 * i32::from(e.published.is_some_and(|p| p.month() == *month && year.is_none_or(|y| y == p.year())));
            }
            Found::InspectionType(k) => score += i32::from(e.kind == Some(*k)),
            _ => {}
        }
    }
    score
}

pub fn check_all(found: Vec<FoundClaim>, register: &Register, store: Option<&Store>, options: Options) -> Checked {
    let mut ctx = Ctx {
        register,
        index: register.index(),
        store,
        as_of: options.as_of,
        current: HashMap::new(),
        pages: Default::default(),
    };
    let mut notes = Vec::new();
    // Which inspection each LA's claims are about.
    let mut by_la: Vec<(u32, Vec<&Found>)> = Vec::new();
    for c in &found {
        if let [one] = c.las.as_slice() {
            match by_la.iter_mut().find(|(u, _)| *u == one.urn) {
                Some((_, v)) => v.push(&c.found),
                None => by_la.push((one.urn, vec![&c.found])),
            }
        }
    }
    for (urn, claims) in &by_la {
        let events = graded(register, *urn, options.as_of);
        let chosen = if options.as_of.is_some() {
            events.last().copied()
        } else {
            // the latest that fits the story best
            // (max_by_key keeps the last of equals: events are oldest first)
            events.iter().max_by_key(|e| fit(e, claims)).copied()
        };
        if options.as_of.is_none() {
            if let (Some(e), Some(a)) = (chosen, lacs_authorities::by_urn(*urn)) {
                notes.push(format!(
                    "No date given: {}'s claims are checked against its {} (the latest inspection that fits the story).",
                    a.name,
                    describe(e)
                ));
            }
        }
        ctx.current.insert(*urn, chosen);
    }
    let mut quotations = 0;
    let claims = found
        .iter()
        .map(|c| {
            if let Found::Quote { text } = &c.found {
                quotations += 1;
                if quotations > MAX_QUOTATIONS {
                    let out = claim(c, ClaimType::Quotation, None, format!("“{text}”"));
                    return unverifiable(out, format!("only the first {MAX_QUOTATIONS} quotations of a story are looked up"));
                }
            }
            check_one(&ctx, c)
        })
        .collect();
    ctx.pages.get_mut().clear();
    Checked { as_of: options.as_of, notes, claims }
}

/// "ILACS standard inspection of 13–24 March 2024, published 2 May 2024".
fn describe(e: &InspectionEvent) -> String {
    let mut s = e.kind.map_or_else(|| e.event_type.clone(), |k| k.label().to_string());
    if let Some(start) = e.inspection_start {
        s.push_str(&format!(" of {}", lacs_query::long_date(start)));
        if let Some(end) = e.inspection_end.filter(|&d| d != start) {
            s.push_str(&format!(" to {}", lacs_query::long_date(end)));
        }
    }
    if let Some(p) = e.published {
        s.push_str(&format!(", published {}", lacs_query::long_date(p)));
    }
    s
}

fn grade_words(g: Grade) -> &'static str {
    g.label()
}

fn claim(c: &FoundClaim, claim_type: ClaimType, judgement: Option<Judgement>, claimed: String) -> Claim {
    let (la, urn) = match c.las.as_slice() {
        [] => (None, None),
        [one] => (Some(one.name.clone()), Some(one.urn)),
        several => (Some(las::names(several)), None),
    };
    Claim {
        sentence: c.sentence.clone(),
        claim_type,
        la,
        urn,
        judgement,
        claimed,
        register: None,
        verdict: Verdict::Unverifiable,
        why: None,
        evidence: Vec::new(),
    }
}

fn unverifiable(mut c: Claim, why: impl Into<String>) -> Claim {
    c.verdict = Verdict::Unverifiable;
    c.why = Some(why.into());
    c
}

fn verdict(mut c: Claim, ok: bool, register: String, evidence: Vec<Evidence>) -> Claim {
    c.verdict = if ok { Verdict::Supported } else { Verdict::Contradicted };
    c.register = Some(register);
    c.evidence = evidence;
    c
}

/// The one LA a claim is about, or why there is none.
fn one_la(c: &FoundClaim) -> Result<&'static Authority, String> {
    match c.las.as_slice() {
        [] => Err("no local authority named".into()),
        [one] => Ok(one),
        several => Err(format!("ambiguous local authority: {}", las::names(several))),
    }
}

/// The report's words for a judgement (page and text), else the official record's.
fn grade_evidence(ctx: &Ctx, e: &InspectionEvent, j: Judgement) -> Evidence {
    let reading = e
        .sources
        .report_sha256
        .as_ref()
        .and_then(|s| ctx.register.readings.get(s))
        .and_then(|rs| rs.iter().find(|r| r.judgement == j));
    match reading {
        Some(r) => Evidence { source: "report", page: Some(r.page), text: r.text.clone(), event_id: Some(e.id) },
        None => Evidence {
            source: if e.sources.official.is_some() { "official" } else { "register" },
            page: None,
            text: format!(
                "{}: {} {}",
                describe(e),
                j.label(),
                e.grades.get(j).map_or("not graded", grade_words)
            ),
            event_id: Some(e.id),
        },
    }
}

fn check_one(ctx: &Ctx, c: &FoundClaim) -> Claim {
    match &c.found {
        Found::Grade { judgement, grade, when, every } => check_grade(ctx, c, *judgement, *grade, *when, *every),
        Found::Rank { rank, judgement, grade, framework, region } => {
            check_rank(ctx, c, *rank, *judgement, *grade, *framework, *region)
        }
        Found::Share { .. } => check_share(ctx, c),
        Found::VisitMonth { .. } | Found::PublishedMonth { .. } | Found::Length { .. } | Found::InspectionType(_) => {
            check_timing(ctx, c)
        }
        Found::Quote { text } => check_quote(ctx, c, text),
        Found::PublishedDay { .. } => check_timing(ctx, c),
        Found::Move { steps } => check_move(ctx, c, *steps),
    }
}

fn judgement_phrase(j: Option<Judgement>) -> String {
    match j {
        None => "some judgement".into(),
        Some(Judgement::Overall) => "overall".into(),
        Some(j) => j.label().to_lowercase(),
    }
}

fn check_grade(ctx: &Ctx, c: &FoundClaim, judgement: Option<Judgement>, grade: Grade, when: When, every: bool) -> Claim {
    let when_words = match when {
        When::Current => String::new(),
        When::Previous => " at the previous inspection".into(),
        When::Year(y) => format!(" in {y}"),
        When::Month(y, m) => format!(" in {} {y}", month_name(m)),
    };
    let what = if every { "every judgement".to_string() } else { judgement_phrase(judgement) };
    let claimed = format!("{what} {}{when_words}", grade_words(grade));
    let kind = if when == When::Current { ClaimType::Grade } else { ClaimType::EarlierInspection };
    let out = claim(c, kind, judgement, claimed);
    let la = match one_la(c) {
        Ok(a) => a,
        Err(why) => return unverifiable(out, why),
    };
    let all = graded(ctx.register, la.urn, ctx.as_of);
    let current = ctx.current.get(&la.urn).copied().flatten();
    let targets: Vec<&InspectionEvent> = match when {
        When::Current => current.into_iter().collect(),
        When::Previous => {
            let Some(cur) = current else {
                return unverifiable(out, format!("the register holds no graded inspection of {}", la.name));
            };
            let before: Vec<&InspectionEvent> = all.iter().copied().take_while(|e| e.id != cur.id).collect();
            // the previous inspection that graded the judgement
            before
                .iter()
                .rev()
                .find(|e| judgement.is_none_or(|j| e.grades.get(j).is_some()))
                .copied()
                .into_iter()
                .collect()
        }
        When::Year(y) => all
            .iter()
            .copied()
            .filter(|e| e.inspection_start.is_some_and(|d| d.year() == y) || e.published.is_some_and(|d| d.year() == y))
            .collect(),
        When::Month(y, m) => all
            .iter()
            .copied()
            .filter(|e| months_of(e).contains(&(y, m)) || e.published.is_some_and(|d| (d.year(), d.month()) == (y, m)))
            .collect(),
    };
    if targets.is_empty() {
        return match when {
            When::Current => unverifiable(
                out,
                format!("the register holds no graded inspection of {}{}", la.name, ctx.as_of.map(|d| format!(" published by {d}")).unwrap_or_default()),
            ),
            When::Previous => unverifiable(out, format!("the register holds no graded inspection of {} before the one the story is about", la.name)),
            When::Year(y) | When::Month(y, _) if y < 2014 => unverifiable(out, format!("{y} is before the register's graded inspections (from 2014)")),
            _ => {
                let listed: Vec<String> = all
                    .iter()
                    .map(|e| format!("{} {}", e.published.map(|d| d.to_string()).unwrap_or_default(), e.grades.get(judgement.unwrap_or(Judgement::Overall)).map_or("not graded", grade_words)))
                    .collect();
                let register = format!("no graded inspection{when_words}; graded inspections published: {}", if listed.is_empty() { "none".into() } else { listed.join(", ") });
                let ev = all.iter().map(|e| grade_evidence(ctx, e, judgement.unwrap_or(Judgement::Overall))).collect();
                verdict(out, false, register, ev)
            }
        };
    }
    let mut out = out;
    if targets.iter().any(|e| Some(e.id) == current.map(|c| c.id)) && when != When::Current && when != When::Previous {
        out.claim_type = ClaimType::Grade;
    }
    match judgement {
        None if every => {
            let e = targets[targets.len() - 1];
            let graded: Vec<(Judgement, Grade)> = e.grades.iter().filter(|(_, g)| g.rank().is_some()).collect();
            let differ: Vec<&(Judgement, Grade)> = graded.iter().filter(|(_, g)| *g != grade).collect();
            let register = if differ.is_empty() {
                format!("every judgement {}", grade_words(grade))
            } else {
                differ.iter().map(|(j, g)| format!("{} {}", judgement_phrase(Some(*j)), grade_words(*g))).collect::<Vec<_>>().join(", ")
            };
            let shown: Vec<Judgement> = if differ.is_empty() { graded.iter().map(|x| x.0).collect() } else { differ.iter().map(|x| x.0).collect() };
            let ev = shown.into_iter().map(|j| grade_evidence(ctx, e, j)).collect();
            verdict(out, differ.is_empty() && !graded.is_empty(), register, ev)
        }
        None => {
            // "with outstanding aspects": some judgement at the grade
            let e = targets[targets.len() - 1];
            let hits: Vec<Judgement> = e.grades.iter().filter(|(j, g)| *j != Judgement::Overall && *g == grade).map(|(j, _)| j).collect();
            let register = e.grades.iter().map(|(j, g)| format!("{} {}", judgement_phrase(Some(j)), grade_words(g))).collect::<Vec<_>>().join(", ");
            let ev = if hits.is_empty() {
                e.grades.iter().map(|(j, _)| grade_evidence(ctx, e, j)).collect()
            } else {
                hits.iter().map(|&j| grade_evidence(ctx, e, j)).collect()
            };
            verdict(out, !hits.is_empty(), register, ev)
        }
        Some(j) => {
            let graded_in: Vec<&&InspectionEvent> = targets.iter().filter(|e| e.grades.get(j).is_some()).collect();
            if graded_in.is_empty() {
                let e = targets[targets.len() - 1];
                return unverifiable(out, format!("the {} grades no {}", describe(e), j.label().to_lowercase()));
            }
            if let Some(e) = graded_in.iter().find(|e| e.grades.get(j) == Some(grade)) {
                let g = e.grades.get(j).map_or("", grade_words);
                return verdict(out, true, g.to_string(), vec![grade_evidence(ctx, e, j)]);
            }
            let register = graded_in
                .iter()
                .map(|e| e.grades.get(j).map_or("not graded", grade_words).to_string())
                .collect::<Vec<_>>()
                .join("; ");
            let ev = graded_in.iter().map(|e| grade_evidence(ctx, e, j)).collect();
            verdict(out, false, register, ev)
        }
    }
}

fn weekday_name(d: i8) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].get(usize::try_from(d - 1).unwrap_or(0)).copied().unwrap_or("")
}

/// "moved up two grades": the overall grade's move from the previous graded inspection to
/// the one the story is about.
fn check_move(ctx: &Ctx, c: &FoundClaim, steps: i8) -> Claim {
    let n = steps.unsigned_abs();
    let claimed = format!("overall {} {n} grade{} since the previous inspection", if steps > 0 { "up" } else { "down" }, if n == 1 { "" } else { "s" });
    let out = claim(c, ClaimType::EarlierInspection, Some(Judgement::Overall), claimed);
    let la = match one_la(c) {
        Ok(a) => a,
        Err(why) => return unverifiable(out, why),
    };
    let Some(cur) = ctx.current.get(&la.urn).copied().flatten() else {
        return unverifiable(out, format!("the register holds no graded inspection of {}", la.name));
    };
    let all = graded(ctx.register, la.urn, ctx.as_of);
    let Some(prev) = all.iter().copied().take_while(|e| e.id != cur.id).filter(|e| e.grades.get(Judgement::Overall).is_some()).last() else {
        return unverifiable(out, format!("the register holds no graded inspection of {} before the one the story is about", la.name));
    };
    let (Some(now), Some(then)) = (cur.grades.get(Judgement::Overall), prev.grades.get(Judgement::Overall)) else {
        return unverifiable(out, "no overall grade to compare");
    };
    let (Some(a), Some(b)) = (now.rank(), then.rank()) else {
        return unverifiable(out, "no overall grade to compare");
    };
    let moved = i16::from(b) - i16::from(a);
    let words = match moved {
        0 => "no move".to_string(),
        m => format!("{} {} grade{}", if m > 0 { "up" } else { "down" }, m.unsigned_abs(), if m.abs() == 1 { "" } else { "s" }),
    };
    let register = format!("{} → {}: {words}", grade_words(then), grade_words(now));
    let ev = vec![grade_evidence(ctx, prev, Judgement::Overall), grade_evidence(ctx, cur, Judgement::Overall)];
    verdict(out, moved == i16::from(steps), register, ev)
}

fn month_name(m: i8) -> &'static str {
    const NAMES: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    NAMES.get(usize::try_from(m - 1).unwrap_or(0)).copied().unwrap_or("?")
}

/// Where a rank or share is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Ofsted(lacs_domain::OfstedRegion),
    Ons(lacs_domain::OnsRegion),
}

impl Area {
    fn name(self) -> &'static str {
        match self {
            Area::Ofsted(r) => r.as_str(),
            Area::Ons(r) => r.as_str(),
        }
    }

    fn holds(self, a: &Authority) -> bool {
        match self {
            Area::Ofsted(r) => a.ofsted_region == r,
            Area::Ons(r) => a.ons_region == r,
        }
    }
}

fn region_of(c: &FoundClaim, scope: RegionScope) -> Result<Option<Area>, String> {
    match scope {
        RegionScope::National => Ok(None),
        RegionScope::Region(r) => Ok(Some(Area::Ofsted(r))),
        RegionScope::Ons(r) => Ok(Some(Area::Ons(r))),
        RegionScope::TheRegion => one_la(c).map(|a| Some(Area::Ofsted(a.ofsted_region))).map_err(|why| format!("\"the region\": {why}")),
    }
}

fn check_rank(
    ctx: &Ctx,
    c: &FoundClaim,
    rank: usize,
    judgement: Judgement,
    grade: Grade,
    framework: Option<lacs_domain::Framework>,
    scope: RegionScope,
) -> Claim {
    let region = region_of(c, scope);
    let where_words = match &region {
        Ok(Some(r)) => format!(" in {}", r.name()),
        _ => " in England".into(),
    };
    let fw = framework.map(|f| format!(" under {}", f.label())).unwrap_or_default();
    let claimed = format!("{} to be graded {} for {}{where_words}{fw}", ordinal_word(rank), grade_words(grade).to_lowercase(), judgement_phrase(Some(judgement)));
    let out = claim(c, ClaimType::Rank, Some(judgement), claimed);
    let la = match one_la(c) {
        Ok(a) => a,
        Err(why) => return unverifiable(out, why),
    };
    let region = match region {
        Ok(r) => r,
        Err(why) => return unverifiable(out, why),
    };
    let mut firsts = match region {
        None => ctx.index.firsts_in(judgement, grade, framework, None),
        Some(Area::Ofsted(r)) => ctx.index.firsts_in(judgement, grade, framework, Some(r)),
        Some(area @ Area::Ons(r)) => {
            // among the ONS region's LAs, ranked among themselves (same-day ties share a rank)
            let mut v = ctx.index.firsts_in(judgement, grade, framework, Some(r.ofsted()));
            v.retain(|f| lacs_authorities::by_urn(f.urn).is_some_and(|a| area.holds(a)));
            v
        }
    };
    for i in 0..firsts.len() {
        firsts[i].rank = if i > 0 && firsts[i].published == firsts[i - 1].published { firsts[i - 1].rank } else { i + 1 };
    }
    let list = |upto: usize| -> String {
        let shown: Vec<String> = firsts.iter().take(upto.max(1)).map(|f| format!("{} {} ({})", ordinal_word(f.rank), f.la_name, f.published)).collect();
        shown.join("; ")
    };
    match firsts.iter().find(|f| f.urn == la.urn) {
        Some(f) => {
            let tied = firsts.iter().filter(|g| g.rank == f.rank).count();
            let ok = rank >= f.rank && rank < f.rank + tied;
            let register = if tied > 1 { format!("{} (tied with {} others)", ordinal_word(f.rank), tied - 1) } else { ordinal_word(f.rank) };
            let register = if ok { register } else { format!("{register}, not {}", ordinal_word(rank)) };
            let upto = firsts.iter().position(|g| g.urn == la.urn).map_or(rank, |p| p + 1).max(rank);
            let ev = Evidence { source: "register", page: None, text: format!("First graded {} for {}{where_words}{fw}: {}", grade_words(grade).to_lowercase(), judgement_phrase(Some(judgement)), list(upto)), event_id: Some(f.event_id) };
            verdict(out, ok, register, vec![ev])
        }
        None => {
            let in_region = region.is_none_or(|r| r.holds(la));
            let register = if in_region {
                format!("{} was never graded {} for {}{fw}", la.name, grade_words(grade).to_lowercase(), judgement_phrase(Some(judgement)))
            } else {
                format!("{} is not in {}", la.name, region.map_or("", |r| r.name()))
            };
            let ev = Evidence { source: "register", page: None, text: format!("First graded {} for {}{where_words}{fw}: {}", grade_words(grade).to_lowercase(), judgement_phrase(Some(judgement)), list(rank)), event_id: None };
            verdict(out, false, register, vec![ev])
        }
    }
}

fn check_share(ctx: &Ctx, c: &FoundClaim) -> Claim {
    let Found::Share { percent, tolerance, count, hedge, grades, judgement, region, date, words } = &c.found else {
        return unverifiable(claim(c, ClaimType::Share, None, String::new()), "not a share");
    };
    let grade_list = grades.iter().map(|g| grade_words(*g).to_lowercase()).collect::<Vec<_>>().join(" or ");
    let figure = match (percent, count) {
        (_, Some((x, Some(y)))) => format!("{x} of {y}"),
        (_, Some((x, None))) => format!("{x}"),
        (Some(p), None) => format!("{p:.0}%"),
        (None, None) => String::new(),
    };
    let region_res = region_of(c, *region);
    let where_words = match &region_res {
        Ok(Some(r)) => format!(" in {}", r.name()),
        _ => String::new(),
    };
    let claimed = format!("{figure} ({words}){where_words}: {} {grade_list}", judgement_phrase(Some(*judgement)));
    let mut out = claim(c, ClaimType::Share, Some(*judgement), claimed);
    if matches!(region, RegionScope::National | RegionScope::Region(_) | RegionScope::Ons(_)) {
        out.la = None;
        out.urn = None;
    }
    let region = match region_res {
        Ok(r) => r,
        Err(why) => return unverifiable(out, why),
    };
    let Some(date) = *date else {
        return unverifiable(out, "no date: the story's date (--as-of) or a date in the sentence says when the share was counted");
    };
    let grouping = if matches!(region, Some(Area::Ons(_))) { Grouping::Region9 } else { Grouping::Region };
    let stats = ctx.index.stats(&StatsQuery::as_at(date).judgement(*judgement).by(grouping));
    let counts = match region {
        None => stats.counts,
        Some(r) => match stats.groups.iter().find(|g| g.name == r.name()) {
            Some(g) => g.counts,
            None => return unverifiable(out, format!("the register has no figures for {}", r.name())),
        },
    };
    let den = counts.grades.total();
    if den == 0 {
        return unverifiable(out, format!("the register holds no graded inspection published by {date}"));
    }
    let k: usize = grades.iter().map(|g| counts.grades.get(*g)).sum();
    let pct = 100.0 * k as f64 / den as f64;
    let g = counts.grades;
    let evidence = Evidence {
        source: "register",
        page: None,
        text: format!(
            "As at {date}{where_words} (reports published by then, Ofsted's counting rule), {}: {} of {} authorities inspected — outstanding {}, good {}, requires improvement {}, inadequate {}",
            judgement_phrase(Some(*judgement)),
            den,
            counts.authorities,
            g.outstanding,
            g.good,
            g.requires_improvement,
            g.inadequate
        ),
        event_id: None,
    };
    let register = format!("{k} of {den} inspected ({pct:.0}%)");
    let ok = match (count, percent) {
        (Some((x, y)), _) => {
            let x = *x as usize;
            let count_ok = match hedge {
                Some(Hedge::Above) => k > x,
                Some(Hedge::JustOver) => k > x && k <= x + 2 + x / 10,
                Some(Hedge::Below) => k <= x,
                Some(Hedge::Nearly) => k < x && k + 2 + x / 10 >= x,
                Some(Hedge::About) => k.abs_diff(x) <= 2,
                None => k == x,
            };
            count_ok && y.is_none_or(|y| y as usize == den || y as usize == counts.authorities)
        }
        (None, Some(p)) => match hedge {
            // "nearly a third": below it, and no further below than the figure's precision
            // allows; "more than half": above it
            Some(Hedge::Nearly) => pct < p + 0.5 && pct >= p - tolerance.0.max(1.5),
            Some(Hedge::JustOver) => pct > p - 0.5 && pct <= p + tolerance.1.max(1.5),
            Some(Hedge::Below) => pct < p + 0.5,
            Some(Hedge::Above) => pct > p - 0.5,
            // "around one in six": a little wider than the figure's own precision
            Some(Hedge::About) => pct >= p - 1.5 * tolerance.0 && pct <= p + 1.5 * tolerance.1,
            None => pct >= p - tolerance.0 && pct <= p + tolerance.1,
        },
        (None, None) => return unverifiable(out, "no figure read"),
    };
    verdict(out, ok, register, vec![evidence])
}

fn check_timing(ctx: &Ctx, c: &FoundClaim) -> Claim {
    let claimed = match &c.found {
        Found::VisitMonth { month, year } => format!("inspected in {}{}", month_name(*month), year.map(|y| format!(" {y}")).unwrap_or_default()),
        Found::PublishedMonth { month, year } => format!("published in {}{}", month_name(*month), year.map(|y| format!(" {y}")).unwrap_or_default()),
        Found::Length { number, unit_days } => format!("{number} {} on site", if *unit_days == 7 { "week(s)" } else if *unit_days == 14 { "fortnight(s)" } else { "day(s)" }),
        Found::InspectionType(k) => format!("an {}", k.label()),
        Found::PublishedDay { weekday } => format!("published on {}", weekday_name(*weekday)),
        _ => String::new(),
    };
    let out = claim(c, ClaimType::Timing, None, claimed);
    let la = match one_la(c) {
        Ok(a) => a,
        Err(why) => return unverifiable(out, why),
    };
    let Some(e) = ctx.current.get(&la.urn).copied().flatten() else {
        return unverifiable(out, format!("the register holds no graded inspection of {}", la.name));
    };
    let ev = vec![Evidence { source: if e.sources.report_sha256.is_some() { "report" } else { "official" }, page: e.sources.report_sha256.as_ref().map(|_| 1), text: describe(e), event_id: Some(e.id) }];
    let on_site = match (e.inspection_start, e.inspection_end) {
        (Some(s), Some(end)) => Some(format!("on site {} to {}", lacs_query::long_date(s), lacs_query::long_date(end))),
        (Some(s), None) => Some(format!("on site from {}", lacs_query::long_date(s))),
        _ => None,
    };
    match &c.found {
        Found::VisitMonth { month, year } => {
            let Some(site) = on_site else { return unverifiable(out, "the register has no inspection dates for it") };
            let ok = months_of(e).iter().any(|(y, m)| m == month && year.is_none_or(|yy| yy == *y));
            verdict(out, ok, site, ev)
        }
        Found::PublishedMonth { month, year } => {
            let Some(p) = e.published else { return unverifiable(out, "the register has no publication date for it") };
            let ok = p.month() == *month && year.is_none_or(|y| y == p.year());
            verdict(out, ok, format!("published {}", lacs_query::long_date(p)), ev)
        }
        Found::Length { number, unit_days } => {
            let (Some(s), Some(end)) = (e.inspection_start, e.inspection_end) else {
                return unverifiable(out, "the register has no inspection dates for it");
            };
            let span = i64::from((end - s).get_days()) + 1;
            let weekdays = (0..span)
                .filter_map(|k| s.checked_add(jiff::ToSpan::days(k)).ok())
                .filter(|d| !matches!(d.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday))
                .count() as i64;
            let n = i64::from(*number);
            let ok = if *unit_days >= 7 {
                let w = n * i64::from(*unit_days) / 7;
                (7 * w - 3..=7 * w + 2).contains(&span) || (5 * w - 1..=5 * w + 1).contains(&weekdays)
            } else {
                (span - n).abs() <= 1 || (weekdays - n).abs() <= 1
            };
            verdict(out, ok, format!("{} ({span} days, {weekdays} working days)", on_site.unwrap_or_default()), ev)
        }
        Found::PublishedDay { weekday } => {
            let Some(p) = e.published else { return unverifiable(out, "the register has no publication date for it") };
            let Some(as_of) = ctx.as_of else {
                return unverifiable(out, "a day of the week needs the story's date (--as-of)");
            };
            let days = (as_of - p).get_days();
            let ok = p.weekday().to_monday_one_offset() == *weekday && (0..7).contains(&days);
            let register = format!("published {} {}", weekday_name(p.weekday().to_monday_one_offset()), lacs_query::long_date(p));
            verdict(out, ok, register, ev)
        }
        Found::InspectionType(k) => {
            let is_ilacs = matches!(e.kind, Some(Kind::IlacsShort | Kind::IlacsStandard));
            let register = e.kind.map_or_else(|| e.event_type.clone(), |k| k.label().to_string());
            if !is_ilacs && e.kind != Some(*k) {
                return verdict(out, false, register, ev);
            }
            verdict(out, e.kind == Some(*k), register, ev)
        }
        _ => unverifiable(out, "not a timing claim"),
    }
}

fn pages_of(ctx: &Ctx, sha: &str) -> Result<Vec<(u32, String)>, String> {
    if let Some(p) = ctx.pages.borrow().get(sha) {
        return Ok(p.clone());
    }
    let store = ctx.store.ok_or("the register's report text is not available here")?;
    let pages = store.report_pages(sha).map_err(|e| format!("the report's text could not be read: {e}"))?;
    ctx.pages.borrow_mut().insert(sha.to_string(), pages.clone());
    Ok(pages)
}

fn check_quote(ctx: &Ctx, c: &FoundClaim, text: &str) -> Claim {
    let out = claim(c, ClaimType::Quotation, None, format!("“{text}”"));
    if ctx.store.is_none() {
        return unverifiable(out, "the register's report text is not available here");
    }
    // The reports to look in: the LA's (the one the story is about first), else those a
    // full-text search of every page finds.
    let mut reports: Vec<(String, Option<&InspectionEvent>)> = Vec::new();
    let mut searched_everywhere = false;
    match one_la(c) {
        Ok(la) => {
            let current = ctx.current.get(&la.urn).copied().flatten();
            let mut events: Vec<&InspectionEvent> = ctx.register.events.iter().filter(|e| e.urn == la.urn && e.sources.report_sha256.is_some()).collect();
            events.sort_by_key(|e| std::cmp::Reverse((current.is_some_and(|c| c.id == e.id), e.published)));
            for e in events {
                if let Some(sha) = &e.sources.report_sha256 {
                    if !reports.iter().any(|(s, _)| s == sha) {
                        reports.push((sha.clone(), Some(e)));
                    }
                }
            }
        }
        Err(_) => {
            searched_everywhere = true;
            if let Some(store) = ctx.store {
                let frags = quotes::fragments(text);
                if let Some(longest) = frags.iter().max_by_key(|f| f.len()) {
                    let phrase: Vec<&str> = longest.iter().take(8).map(String::as_str).collect();
                    let mut req = lacs_query::SearchRequest::new(&format!("\"{}\"", phrase.join(" ")));
                    req.within = lacs_query::SearchIn::All;
                    req.per_page = 20;
                    if let Ok(answer) = lacs_query::search(store, &req) {
                        for h in answer.results {
                            if !reports.iter().any(|(s, _)| *s == h.sha256) {
                                let e = ctx.register.events.iter().find(|e| e.sources.report_sha256.as_deref() == Some(h.sha256.as_str()));
                                reports.push((h.sha256, e));
                            }
                        }
                    }
                }
            }
        }
    }
    let mut nearest: Option<(quotes::Located, Option<&InspectionEvent>)> = None;
    let mut any_text = false;
    for (sha, e) in &reports {
        let pages = match pages_of(ctx, sha) {
            Ok(p) => p,
            Err(why) => return unverifiable(out, why),
        };
        if pages.is_empty() {
            continue;
        }
        any_text = true;
        let Some(l) = quotes::locate(text, &pages) else { continue };
        if l.found {
            let mut out = out;
            let whose = e.map(describe).unwrap_or_else(|| "a report".into());
            if searched_everywhere {
                if let Some(a) = e.and_then(|e| lacs_authorities::by_urn(e.urn)) {
                    out.la = Some(a.name.clone());
                    out.urn = Some(a.urn);
                }
            }
            let register = format!("in the report (page {}){}", l.page, if l.edits > 0 { format!(", {} word(s) differ", l.edits) } else { String::new() });
            out.why = Some(format!("found in the {whose}"));
            let ev = Evidence { source: "report", page: Some(l.page), text: l.text, event_id: e.map(|e| e.id) };
            return verdict(out, true, register, vec![ev]);
        }
        if nearest.as_ref().is_none_or(|(n, _)| l.edits < n.edits) {
            nearest = Some((l, *e));
        }
    }
    if !any_text {
        return unverifiable(
            out,
            if searched_everywhere {
                match one_la(c) {
                    Err(why) => format!("{why}, and no report's text holds these words"),
                    Ok(_) => "no report's text holds these words".into(),
                }
            } else {
                "the register holds no text of this LA's reports".into()
            },
        );
    }
    let ev = nearest
        .map(|(l, e)| vec![Evidence { source: "report", page: Some(l.page), text: format!("nearest passage: {}", l.text), event_id: e.map(|e| e.id) }])
        .unwrap_or_default();
    verdict(out, false, "not found in the report's text".into(), ev)
}
