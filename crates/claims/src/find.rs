//! Finding claims in a story: each reader walks a sentence's words with the tables of
//! `words.rs` and says what the sentence claims, about which LA. Nothing is checked here.

use lacs_authorities::Authority;
use lacs_domain::{Date, Framework, Grade, Judgement, Kind, OfstedRegion, OnsRegion};

use crate::las::{mentions, Mention};
use crate::text::{quoted_ranges, sentences, Token};
use crate::words::{self, any_in, number_at, ordinal_at, phrase_at, word_at, Hedge};

/// Which inspection a grade belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The inspection the story is about.
    Current,
    /// The LA's graded inspection before it.
    Previous,
    /// An inspection of that year (inspected or published).
    Year(i16),
    /// An inspection of that month (inspected or published).
    Month(i16, i8),
}

/// Where a rank or a share is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionScope {
    National,
    Region(OfstedRegion),
    /// One of the two ONS regions Ofsted counts as one ("Yorkshire and the Humber").
    Ons(OnsRegion),
    /// "the region": the LA's own.
    TheRegion,
}

/// What a sentence claims.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A grade; `judgement` `None`: "with outstanding aspects", some judgement; `every`:
    /// "in every area", each judgement the inspection graded.
    Grade { judgement: Option<Judgement>, grade: Grade, when: When, every: bool },
    /// The LA's place in the order LAs first reached a grade.
    Rank { rank: usize, judgement: Judgement, grade: Grade, framework: Option<Framework>, region: RegionScope },
    /// A share (`percent`, with the tolerance it was written to, below and above, in
    /// points) or a count (`count` of `of`) of LAs at grades.
    Share {
        percent: Option<f64>,
        tolerance: (f64, f64),
        count: Option<(u32, Option<u32>)>,
        hedge: Option<Hedge>,
        grades: Vec<Grade>,
        judgement: Judgement,
        region: RegionScope,
        date: Option<Date>,
        words: String,
    },
    /// The month inspectors were on site.
    VisitMonth { month: i8, year: Option<i16> },
    /// The month the report was published.
    PublishedMonth { month: i8, year: Option<i16> },
    /// The day of the week the report was published (1 Monday … 7 Sunday), in the week
    /// before the story's date.
    PublishedDay { weekday: i8 },
    /// The overall grade moved `steps` up (positive) or down the scale since the previous
    /// inspection ("moved up two grades", "dropped a grade").
    Move { steps: i8 },
    /// How long inspectors were on site: `days` calendar days, or `weeks`.
    Length { number: u32, unit_days: u32 },
    /// A short or standard inspection.
    InspectionType(Kind),
    /// Words attributed to the inspectors or the report.
    Quote { text: String },
}

/// A claim found, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundClaim {
    pub sentence: String,
    /// The LA or LAs it is about (several: a body serving several; none: no LA named yet).
    pub las: Vec<&'static Authority>,
    pub found: Found,
}

/// Every claim the story makes that the readers can read, in story order.
pub fn find_claims(story: &str, as_of: Option<Date>) -> Vec<FoundClaim> {
    let mut out = Vec::new();
    let mut subject: Vec<&'static Authority> = Vec::new();
    for s in sentences(story) {
        let t = &s.tokens;
        let named = mentions(&s.text, t, as_of);
        let la_at = |p: usize| -> Vec<&'static Authority> {
            let before = || named.iter().rev().filter(|m| m.start <= p);
            before()
                .find(|m| !m.possessive)
                .or_else(|| before().next())
                .map(|m| m.las.clone())
                .or_else(|| {
                    // "The council …, unlike Kent": the council is the story's subject
                    let back = (0..p).any(|k| word_at(t, k, words::BACK_REFERENCES) > 0);
                    (!back || subject.is_empty()).then(|| named.first().map(|m| m.las.clone())).flatten()
                })
                .unwrap_or_else(|| subject.clone())
        };
        // a grade in quotation marks ("rated ‘good’") is a grade, not a quotation
        let mut tokens_owned = s.tokens.clone();
        for (a, b) in quoted_ranges(&s.text) {
            let inside: Vec<usize> = (0..tokens_owned.len()).filter(|&k| tokens_owned[k].start >= a && tokens_owned[k].end <= b).collect();
            if let Some(&first) = inside.first() {
                if phrase_at(&tokens_owned, first, words::GRADES).is_some_and(|(n, _)| n == inside.len()) {
                    inside.iter().for_each(|&k| tokens_owned[k].quoted = false);
                }
            }
        }
        let t = &tokens_owned;
        let mut used = vec![false; t.len()];
        for m in &named {
            used[m.start..m.end].iter_mut().for_each(|u| *u = true);
        }
        let mut found: Vec<(usize, Found)> = Vec::new();
        quotes(&s.text, t, &mut found);
        shares(t, &named, as_of, &mut used, &mut found);
        ranks(t, &mut used, &mut found);
        if !found.iter().any(|f| matches!(f.1, Found::Share { .. })) {
            timing(t, &mut used, &mut found);
        }
        moves(t, &mut used, &mut found);
        grades(t, as_of, &mut used, &mut found);
        found.sort_by_key(|f| f.0);
        for (p, f) in found {
            let las = match f {
                Found::Share { region: RegionScope::National | RegionScope::Region(_) | RegionScope::Ons(_), .. } => Vec::new(),
                _ => la_at(p),
            };
            out.push(FoundClaim { sentence: s.text.clone(), las, found: f });
        }
        if let Some(first) = named.first() {
            subject = first.las.clone();
        }
    }
    settle_bodies(&mut out);
    out
}

/// A body serving several LAs ("Achieving for Children") means the one of them the story
/// names on its own, where it names exactly one.
fn settle_bodies(claims: &mut [FoundClaim]) {
    let named_alone: Vec<u32> = claims.iter().filter_map(|c| match c.las.as_slice() {
        [one] => Some(one.urn),
        _ => None,
    }).collect();
    for c in claims.iter_mut().filter(|c| c.las.len() > 1) {
        let among: Vec<&'static Authority> = c.las.iter().copied().filter(|a| named_alone.contains(&a.urn)).collect();
        let mut urns: Vec<u32> = among.iter().map(|a| a.urn).collect();
        urns.dedup();
        if urns.len() == 1 {
            c.las = vec![among[0]];
        }
    }
}

fn is(t: &[Token], i: usize, w: &str) -> bool {
    t.get(i).is_some_and(|x| !x.mark && x.norm == w)
}

/// A year (2005–2035) at `i`.
fn year_at(t: &[Token], i: usize) -> Option<i16> {
    let x = t.get(i)?;
    (x.norm.len() == 4).then(|| x.norm.parse::<i16>().ok()).flatten().filter(|y| (2005..=2035).contains(y))
}

/// A capitalised month at `i` (lower-case "may" is a verb), with the year after it.
fn month_at(t: &[Token], i: usize) -> Option<(i8, Option<i16>, usize)> {
    let x = t.get(i)?;
    if !x.capital {
        return None;
    }
    let (n, m) = phrase_at(t, i, words::MONTHS)?;
    let year = year_at(t, i + n);
    Some((m, year, n + usize::from(year.is_some())))
}

/// A date the sentence gives for a picture: "31 March 2024", "March 2024", "the end of 2017".
fn date_in(t: &[Token]) -> Option<Date> {
    for i in 0..t.len() {
        if let Some((m, Some(y), _)) = month_at(t, i) {
            let day = i.checked_sub(1).and_then(|k| t[k].norm.parse::<i8>().ok()).filter(|d| (1..=31).contains(d));
            let first = jiff::civil::Date::new(y, m, 1).ok()?;
            return match day {
                Some(d) => jiff::civil::Date::new(y, m, d).ok(),
                None => first.last_of_month().into(),
            };
        }
    }
    None
}

fn region_in(t: &[Token]) -> RegionScope {
    for i in 0..t.len() {
        let own_region = i > 0 && ["the", "its", "their", "our"].contains(&t[i - 1].norm.as_str()) && (is(t, i, "region") || is(t, i, "regions"));
        if own_region || is(t, i, "regional") {
            return RegionScope::TheRegion;
        }
        if t[i].capital || is(t, i, "the") {
            let at = |table| phrase_at(t, i, table).or_else(|| phrase_at(t, i + 1, table).filter(|_| is(t, i, "the")));
            let ofsted = at(words::REGIONS);
            let ons = phrase_at(t, i, words::ONS_REGIONS).or_else(|| phrase_at(t, i + 1, words::ONS_REGIONS).filter(|_| is(t, i, "the")));
            match (ofsted, ons) {
                (Some((n, r)), Some((m, o))) => return if m > n { RegionScope::Ons(o) } else { RegionScope::Region(r) },
                (Some((_, r)), None) => return RegionScope::Region(r),
                (None, Some((_, o))) => return RegionScope::Ons(o),
                (None, None) => {}
            }
        }
    }
    RegionScope::National
}

fn judgement_in(t: &[Token], from: usize, to: usize) -> Option<Judgement> {
    (from..to.min(t.len())).find_map(|i| phrase_at(t, i, words::JUDGEMENTS).map(|(_, j)| j))
}

fn framework_in(t: &[Token]) -> Option<Framework> {
    (0..t.len()).find_map(|i| phrase_at(t, i, words::FRAMEWORKS).map(|(_, f)| f))
}

/// Grades (and grade sets) in `t[from..to]`, marking their words used.
fn grades_in(t: &[Token], from: usize, to: usize, used: &mut [bool]) -> Vec<Grade> {
    let mut out: Vec<Grade> = Vec::new();
    let mut i = from;
    while i < to.min(t.len()) {
        if let Some((n, set)) = phrase_at(t, i, words::GRADE_SETS) {
            out.extend(set.iter().copied());
            used[i..i + n].iter_mut().for_each(|u| *u = true);
            i += n;
        } else if let Some((n, g)) = phrase_at(t, i, words::GRADES).filter(|_| !t[i].quoted) {
            out.push(g);
            used[i..i + n].iter_mut().for_each(|u| *u = true);
            i += n;
        } else {
            i += 1;
        }
    }
    out.sort_by_key(|g| g.rank());
    out.dedup();
    out
}

/// Quotations attributed to the inspectors or the report: the sentence outside the
/// quotation names them ("inspectors said", "the report found"), and the quotation is two
/// words or more.
fn quotes(text: &str, t: &[Token], found: &mut Vec<(usize, Found)>) {
    let outside: Vec<Token> = t.iter().filter(|x| !x.quoted).cloned().collect();
    if !any_in(&outside, 0, outside.len(), words::QUOTE_CUES) {
        return;
    }
    for (a, b) in quoted_ranges(text) {
        let q = text[a..b].trim();
        let grade_only = t.iter().filter(|x| x.start >= a && x.end <= b).all(|x| !x.quoted);
        if crate::text::fold_words(q).len() >= 2 && !grade_only {
            let at = t.iter().position(|x| x.start >= a).unwrap_or(0);
            found.push((at, Found::Quote { text: q.to_string() }));
        }
    }
}

/// A figure at `i`: "six in ten", "6 out of 10", "42 per cent", "a third", "half", "17 of the
/// 150". Its percent (or count), tolerance, and length in tokens.
struct Figure {
    percent: Option<f64>,
    tolerance: (f64, f64),
    count: Option<(u32, Option<u32>)>,
    len: usize,
}

fn figure_at(t: &[Token], i: usize) -> Option<Figure> {
    if year_at(t, i).is_some() {
        return None;
    }
    // "half of", "half the"
    if is(t, i, "half") && !(i > 0 && (is(t, i - 1, "a") || is(t, i - 1, "one"))) {
        return Some(Figure { percent: Some(50.0), tolerance: words::fraction_tolerance(1, 2), count: None, len: 1 });
    }
    let (x, n) = number_at(t, i)?;
    let j = i + n;
    // x in y, x out of y
    let after = if is(t, j, "in") { Some(j + 1) } else if is(t, j, "out") && is(t, j + 1, "of") { Some(j + 2) } else { None };
    if let Some(k) = after {
        if let Some((y, m)) = number_at(t, k).filter(|(y, _)| *y >= 2 && *y >= x && *y <= 1000) {
            return Some(Figure { percent: Some(100.0 * f64::from(x) / f64::from(y)), tolerance: words::fraction_tolerance(x, y), count: None, len: k + m - i });
        }
    }
    // 42 per cent
    if (is(t, j, "per") && is(t, j + 1, "cent")) || is(t, j, "percent") || is(t, j, "pc") {
        let len = if is(t, j, "per") { n + 2 } else { n + 1 };
        return (x <= 100).then_some(Figure { percent: Some(f64::from(x)), tolerance: (1.0, 1.0), count: None, len });
    }
    // a third, two thirds, a quarter
    if let Some((m, d)) = phrase_at(t, j, words::FRACTIONS) {
        if x < d && (is(t, j + m, "of") || t.get(j + m).is_none_or(|x| x.mark)) {
            return Some(Figure { percent: Some(100.0 * f64::from(x) / f64::from(d)), tolerance: words::fraction_tolerance(x, d), count: None, len: n + m });
        }
    }
    // "one of (only) 17 councils …": a count of 17
    if is(t, i, "one") && is(t, j, "of") {
        let k = j + 1 + (j + 1..j + 3).take_while(|&k| ["only", "the", "just"].contains(&t.get(k).map_or("", |x| x.norm.as_str()))).count();
        if let Some((y, m)) = number_at(t, k).filter(|(y, _)| (2..=200).contains(y)) {
            if word_at(t, k + m, words::LA_NOUNS) > 0 {
                return Some(Figure { percent: None, tolerance: (0.0, 0.0), count: Some((y, None)), len: k + m - i });
            }
        }
        return None;
    }
    // 17 of the 150 (authorities), 17 of 150
    if is(t, j, "of") {
        let k = if is(t, j + 1, "the") { j + 2 } else { j + 1 };
        if let Some((y, m)) = number_at(t, k).filter(|(y, _)| *y >= x && *y <= 200 && *y >= 2) {
            if t[i].norm.bytes().all(|b| b.is_ascii_digit()) || t[k].norm.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Figure { percent: None, tolerance: (0.0, 0.0), count: Some((x, Some(y))), len: k + m - i });
            }
        }
    }
    // 17 councils, three councils
    if (1..=200).contains(&x) && !is(t, i, "a") && !is(t, i, "an") && word_at(t, j, words::LA_NOUNS) > 0 {
        return Some(Figure { percent: None, tolerance: (0.0, 0.0), count: Some((x, None)), len: n });
    }
    None
}

fn shares(t: &[Token], named: &[Mention], as_of: Option<Date>, used: &mut [bool], found: &mut Vec<(usize, Found)>) {
    let _ = named;
    let mut i = 0;
    while i < t.len() {
        if used[i] || t[i].quoted {
            i += 1;
            continue;
        }
        let Some(f) = figure_at(t, i) else {
            i += 1;
            continue;
        };
        let end = i + f.len;
        // LAs must be what is counted, and grades what they are at
        let counted = any_in(t, end, end + 10, words::LA_NOUNS) || any_in(t, 0, i, words::LA_NOUNS) && f.percent.is_some();
        // its grades: those before the next figure ("all 152 councils … six in ten are …")
        let limit = (end..t.len()).find(|&k| figure_at(t, k).is_some()).unwrap_or(t.len());
        let bare_count = matches!(f.count, Some((_, None)));
        let first_grade = (end..limit).find(|&k| phrase_at(t, k, words::GRADES).is_some() || phrase_at(t, k, words::GRADE_SETS).is_some());
        let all_of = i > 0 && ["all", "every", "the", "of", "each"].contains(&t[i - 1].norm.as_str()) && !is(t, i, "one");
        // "… rated inadequate for leadership while not inadequate overall": a condition not read
        let conditional = (end..t.len()).any(|k| ["not", "without", "while", "whilst", "except", "but"].contains(&t[k].norm.as_str()));
        if conditional {
            i = end;
            continue;
        }
        if bare_count && (all_of || first_grade.is_none_or(|g| g > end + 10)) {
            i = end;
            continue;
        }
        let mut scratch = used.to_vec();
        let grades = grades_in(t, end, limit, &mut scratch);
        if !counted || grades.is_empty() {
            i = end;
            continue;
        }
        used.copy_from_slice(&scratch);
        used[i..end].iter_mut().for_each(|u| *u = true);
        let hedged = (1..=2).rev().find_map(|k| {
            let s = i.checked_sub(k)?;
            phrase_at(t, s, words::HEDGES).filter(|(n, _)| s + n == i).map(|(_, h)| (s, h))
        });
        let hedge = hedged.map(|h| h.1);
        let words_text: Vec<&str> = t[hedged.map_or(i, |h| h.0)..end].iter().map(|x| x.norm.as_str()).collect();
        let judgement = judgement_in(t, 0, t.len()).unwrap_or(Judgement::Overall);
        found.push((
            i,
            Found::Share {
                percent: f.percent,
                tolerance: f.tolerance,
                count: f.count,
                hedge,
                grades,
                judgement,
                region: region_in(t),
                date: date_in(t).or(as_of),
                words: words_text.join(" "),
            },
        ));
        i = end;
    }
}

/// Words after an ordinal that make it about LAs ("the third council", "first in the country").
const RANKED: &[&str] = &[
    "council", "councils", "authority", "local authority", "la", "borough", "county", "area",
    "safeguarding board", "safeguarding children board", "board", "lscb", "trust", "city",
    "unitary", "in the country", "in england", "in the region", "nationally", "ever",
    "childrens services", "to be", "to receive", "to achieve", "to get", "to gain", "to secure",
    "to win", "in london",
];

fn ranks(t: &[Token], used: &mut [bool], found: &mut Vec<(usize, Found)>) {
    for i in 0..t.len() {
        if used[i] || t[i].quoted {
            continue;
        }
        let Some(rank) = ordinal_at(t, i) else { continue };
        // "the second-highest rating" is a grade
        if phrase_at(t, i, words::GRADES).is_some() {
            continue;
        }
        // "a third of", "two fifths": fractions, not ranks
        if i > 0 && number_at(t, i - 1).is_some() && !is(t, i - 1, "the") {
            continue;
        }
        if is(t, i + 1, "time") || is(t, i + 1, "inspection") || is(t, i + 1, "visit") || is(t, i + 1, "of") {
            continue;
        }
        // "one of the first" is no rank
        if i >= 3 && is(t, i - 3, "one") && is(t, i - 2, "of") {
            continue;
        }
        // "the first in the North East to achieve": a region may stand between
        let Some(k) = (i + 1..(i + 8).min(t.len())).find(|&k| word_at(t, k, RANKED) > 0 && (k < i + 5 || !(i + 1..k).any(|b| t[b].mark))) else { continue };
        let noun = word_at(t, k, RANKED);
        let lscb = matches!(phrase_at(t, k, words::JUDGEMENTS), Some((_, Judgement::Lscb)));
        let mut scratch = used.to_vec();
        let Some(&grade) = grades_in(t, k, t.len(), &mut scratch).first() else { continue };
        // the first grade after the ordinal is the one ranked
        let g_at = (k..t.len()).find(|&g| phrase_at(t, g, words::GRADES).is_some()).unwrap_or(k);
        let (gn, _) = phrase_at(t, g_at, words::GRADES).unwrap_or((1, grade));
        used[g_at..(g_at + gn).min(t.len())].iter_mut().for_each(|u| *u = true);
        used[i..k + noun].iter_mut().for_each(|u| *u = true);
        let judgement = if lscb {
            Judgement::Lscb
        } else {
            judgement_in(t, g_at, t.len())
                .or_else(|| judgement_in(t, k + noun, g_at))
                .or_else(|| (0..i).rev().find_map(|b| phrase_at(t, b, words::JUDGEMENTS).filter(|(m, _)| b + m <= i).map(|(_, j)| j)))
                .unwrap_or(Judgement::Overall)
        };
        let framework = if any_in(t, 0, t.len(), &["ever"]) { None } else { framework_in(t) };
        found.push((i, Found::Rank { rank, judgement, grade, framework, region: region_in(t) }));
    }
}

fn timing(t: &[Token], used: &mut [bool], found: &mut Vec<(usize, Found)>) {
    if any_in(t, 0, t.len(), words::UNGRADED_VISITS) {
        return;
    }
    let visit = any_in(t, 0, t.len(), words::VISIT_CUES);
    for i in 0..t.len() {
        if used[i] || t[i].quoted {
            continue;
        }
        if let Some((m, year, n)) = month_at(t, i) {
            let published = any_in(t, i.saturating_sub(6), i, words::PUBLISH_CUES);
            if published {
                found.push((i, Found::PublishedMonth { month: m, year }));
                used[i..i + n].iter_mut().for_each(|u| *u = true);
            } else if visit && !any_in(t, 0, t.len(), words::EARLIER) {
                found.push((i, Found::VisitMonth { month: m, year }));
                used[i..i + n].iter_mut().for_each(|u| *u = true);
            }
            continue;
        }
        // "published on Tuesday"
        if let Some((n, day)) = phrase_at(t, i, words::WEEKDAYS).filter(|_| t[i].capital) {
            if any_in(t, i.saturating_sub(4), i, words::PUBLISH_CUES) {
                found.push((i, Found::PublishedDay { weekday: day }));
                used[i..i + n].iter_mut().for_each(|u| *u = true);
            }
            continue;
        }
        if !visit {
            continue;
        }
        // two-week, two weeks, 10 days, a week-long, a fortnight
        if let Some((number, n)) = number_at(t, i) {
            if let Some((m, unit)) = phrase_at(t, i + n, words::LENGTHS) {
                if (1..=60).contains(&number) && !is(t, i, "no") {
                    found.push((i, Found::Length { number, unit_days: unit }));
                    used[i..i + n + m].iter_mut().for_each(|u| *u = true);
                }
            }
            continue;
        }
        if let Some((n, kind)) = phrase_at(t, i, words::ILACS_TYPES) {
            found.push((i, Found::InspectionType(kind)));
            used[i..i + n].iter_mut().for_each(|u| *u = true);
        }
    }
}

/// A move on the scale since the previous inspection: a move word, a number of steps and
/// a step ("moved up two grades", "up a grade", "dropped one rating").
fn moves(t: &[Token], used: &mut [bool], found: &mut Vec<(usize, Found)>) {
    let mut i = 0;
    while i < t.len() {
        let Some((n, dir)) = phrase_at(t, i, words::MOVES).filter(|_| !used[i] && !t[i].quoted) else {
            i += 1;
            continue;
        };
        let mut k = i + n;
        if is(t, k, "by") || is(t, k, "of") {
            k += 1;
        }
        let Some((steps, m)) = number_at(t, k).filter(|(s, _)| (1..=3).contains(s)) else {
            i += n;
            continue;
        };
        if word_at(t, k + m, words::STEPS) == 0 {
            i += n;
            continue;
        }
        let end = k + m + word_at(t, k + m, words::STEPS);
        used[i..end].iter_mut().for_each(|u| *u = true);
        found.push((i, Found::Move { steps: dir * steps as i8 }));
        i = end;
    }
}

/// Words before a grade that make it a hope, not a rating ("ambition to be outstanding").
const HOPES: &[&str] = &["ambition", "aim", "aims", "aiming", "aspire", "aspiration", "want", "wants", "journey", "towards", "strive", "striving", "become", "becoming", "would", "could", "should", "hope", "hopes", "goal", "determined", "path"];

/// Words after a grade that make it some judgement's ("good with outstanding aspects").
const ASPECTS: &[&str] = &["aspects", "features", "elements", "areas", "parts"];

/// Words before a grade that negate it.
const NEGATIONS: &[&str] = &["not", "no", "never", "nor", "longer", "neither"];

/// Words between a grade and its judgement ("outstanding for its leadership").
const FILLERS: &[&str] = &[
    "for", "in", "on", "at", "its", "the", "their", "with", "of", "across", "around", "regarding", "when", "it", "came", "to",
    "services", "service", "work", "practice", "provision", "support", "judgement", "judgements", "rating", "ratings", "grade",
];

fn grades(t: &[Token], as_of: Option<Date>, used: &mut [bool], found: &mut Vec<(usize, Found)>) {
    let rated = any_in(t, 0, t.len(), words::RATING_CUES);
    if !rated {
        return;
    }
    let mut i = 0;
    while i < t.len() {
        if used[i] || t[i].quoted || t[i].mark {
            i += 1;
            continue;
        }
        let Some((n, grade)) = phrase_at(t, i, words::GRADES) else {
            i += 1;
            continue;
        };
        // "RI" only in capitals
        if t[i].norm == "ri" && !t[i].capital {
            i += 1;
            continue;
        }
        let negated = i.checked_sub(1).is_some_and(|b| NEGATIONS.contains(&t[b].norm.as_str()))
            || i.checked_sub(2).is_some_and(|b| ["not", "never", "nor"].contains(&t[b].norm.as_str()))
            || i.checked_sub(2).is_some_and(|b| t[b].norm == "no" && t[b + 1].norm == "longer");
        let hope = (1..=4).any(|k| i.checked_sub(k).is_some_and(|b| !t[b].mark && HOPES.contains(&t[b].norm.as_str())));
        // "the school was rated good": another body's grade
        let clause_start = (0..i).rev().find(|&k| t[k].mark).map_or(0, |k| k + 1);
        // … but "one of only a handful of councils to be rated outstanding" is the LA's own
        let one_of = (clause_start.max(i.saturating_sub(10))..i).any(|k| is(t, k, "one") && is(t, k + 1, "of"));
        let other = any_in(t, clause_start.max(i.saturating_sub(8)), i, words::OTHER_BODIES)
            || !one_of && any_in(t, clause_start.max(i.saturating_sub(6)), i, words::MANY_LAS);
        if negated || hope || other || grade_is_adjective(t, i, n) {
            i += n;
            continue;
        }
        used[i..i + n].iter_mut().for_each(|u| *u = true);
        // The judgement: after the grade ("outstanding for leadership", "outstanding adoption
        // services"), else before it in its clause ("leadership was judged outstanding").
        let mut judgement = judgement_after(t, i + n);
        let some_aspect = judgement.is_none() && t.get(i + n).is_some_and(|x| ASPECTS.contains(&x.norm.as_str()));
        if judgement.is_none() && !some_aspect {
            let mut b = i;
            while b > 0 && i - b < 10 {
                b -= 1;
                if t[b].mark && t[b].norm != "," || phrase_at(t, b, words::GRADES).is_some() && b + 1 < i {
                    break;
                }
                if let Some((m, j)) = phrase_at(t, b, words::JUDGEMENTS) {
                    if b + m <= i && !(j == Judgement::Lscb && t[b].norm == "the" && !any_in(t, 0, t.len(), &["safeguarding", "lscb"])) {
                        // a longer name that ends here ("children in care and care leavers")
                        let longer = (b.saturating_sub(5)..b)
                            .filter_map(|e| phrase_at(t, e, words::JUDGEMENTS).filter(|(l, _)| e + l >= b + m && e + l <= i))
                            .next();
                        judgement = Some(longer.map_or(j, |(_, lj)| lj));
                        break;
                    }
                }
            }
        }
        // "outstanding in every area", "all four judgements were good"
        let clause_start = (0..i).rev().find(|&k| t[k].mark && t[k].norm != ",").map_or(0, |k| k + 1);
        let every = judgement.is_none()
            && (any_in(t, i + n, (i + n + 4).min(t.len()), words::EVERY_JUDGEMENT) || any_in(t, clause_start, i, words::EVERY_JUDGEMENT));
        let judgement = if some_aspect || every { None } else { Some(judgement.unwrap_or(Judgement::Overall)) };
        let when = when_of(t, i, n, as_of);
        found.push((i, Found::Grade { judgement, grade, when, every }));
        // "rated inadequate for the first time since 2014": it was so in 2014
        let clause_end = (i + n..t.len()).find(|&k| t[k].mark && t[k].norm != ",").unwrap_or(t.len());
        if when == When::Current {
            if let Some(y) = (i + n..clause_end).find(|&k| is(t, k, "time") && is(t, k + 1, "since")).and_then(|k| year_at(t, k + 2)) {
                found.push((i, Found::Grade { judgement, grade, when: When::Year(y), every }));
            }
        }
        i += n;
    }
}

/// A judgement named just after a grade: "outstanding for leadership", "outstanding
/// adoption services", "outstanding services for care leavers".
fn judgement_after(t: &[Token], from: usize) -> Option<Judgement> {
    let mut k = from;
    while k < t.len() && k <= from + 4 && !t[k].mark {
        if let Some((_, j)) = phrase_at(t, k, words::JUDGEMENTS) {
            return Some(j);
        }
        if !FILLERS.contains(&t[k].norm.as_str()) {
            return None;
        }
        k += 1;
    }
    None
}

/// "good" and "outstanding" before a noun that is no judgement are adjectives ("good
/// progress", "outstanding work"); "inadequate" too ("inadequate staffing").
fn grade_is_adjective(t: &[Token], i: usize, n: usize) -> bool {
    if t.get(i + n - 1).is_some_and(|x| words::SCALE_NOUNS.contains(&x.norm.as_str())) {
        return false;
    }
    let Some(next) = t.get(i + n) else { return false };
    if next.mark || judgement_after(t, i + n).is_some() || year_at(t, i + n).is_some() || ASPECTS.contains(&next.norm.as_str()) {
        return false;
    }
    !words::AFTER_GRADE.contains(&next.norm.as_str())
}

/// Which inspection a grade at `t[i..i+n]` belongs to.
fn when_of(t: &[Token], i: usize, n: usize, as_of: Option<Date>) -> When {
    // its clause: from the last mark before it to the next mark after it
    let start = (0..i).rev().find(|&k| t[k].mark && t[k].norm != ",").map_or(0, |k| k + 1);
    let end = (i + n..t.len()).find(|&k| t[k].mark).unwrap_or(t.len());
    // "in 2016", "in March 2016" (not "since 2016")
    // "and is now good"
    if (1..=2).any(|k| i.checked_sub(k).is_some_and(|b| ["now", "today", "currently"].contains(&t[b].norm.as_str()))) {
        return When::Current;
    }
    // the year nearest the grade, one after it before one as near before it
    let nearest = (start..end)
        .filter(|&k| k + 10 >= i && k <= i + n + 6)
        .filter(|&k| year_at(t, k).is_some() && !(k > 0 && (is(t, k - 1, "since") || is(t, k - 1, "until"))))
        // not a year in a clause of its own before the grade ("the trust, which took over in 2014, was rated …")
        .filter(|&k| {
            k > i || {
                let comma = (0..k).rev().find(|&c| t[c].mark).unwrap_or(0);
                !(comma..k).any(|c| ["which", "who", "whose", "when", "where"].contains(&t[c].norm.as_str()))
            }
        })
        .min_by_key(|&k| if k >= i + n { 2 * (k - (i + n)) } else { 2 * (i - k) + 1 });
    if let Some(k) = nearest {
        let y = year_at(t, k).unwrap_or_default();
        let month = k.checked_sub(1).and_then(|m| phrase_at(t, m, words::MONTHS).filter(|(l, _)| m + l == k).map(|(_, mo)| mo));
        return match month {
            Some(m) => When::Month(y, m),
            None => When::Year(y),
        };
    }
    if let Some(d) = as_of {
        if (start..end).any(|k| is(t, k, "last") && is(t, k + 1, "year")) {
            return When::Year(d.year() - 1);
        }
    }
    // "from inadequate to good": the first is earlier
    if i > 0 && (is(t, i - 1, "from") || (i > 1 && is(t, i - 2, "from") && t[i - 1].norm == "being")) {
        return When::Previous;
    }
    // an earlier-inspection cue before the grade in the sentence
    if (0..i).any(|k| word_at(t, k, words::EARLIER) > 0 && k + word_at(t, k, words::EARLIER) <= i) {
        // … unless the grade is what it moved to ("previously inadequate, now good")
        let now_after_cue = (0..i).rev().take_while(|&k| word_at(t, k, words::EARLIER) == 0).any(|k| is(t, k, "now") || is(t, k, "to"));
        if !now_after_cue {
            return When::Previous;
        }
    }
    When::Current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(s: &str) -> Vec<Found> {
        find_claims(s, "2024-06-30".parse().ok()).into_iter().map(|c| c.found).collect()
    }

    fn grade(j: Option<Judgement>, g: Grade, when: When) -> Found {
        Found::Grade { judgement: j, grade: g, when, every: false }
    }

    #[test]
    fn grades_in_the_words_stories_use() {
        use Grade::*;
        use Judgement::*;
        assert_eq!(
            claims("Kent County Council was rated good with outstanding adoption services by Ofsted."),
            [grade(Some(Overall), Good, When::Current), grade(Some(Adoption), Outstanding, When::Current)]
        );
        assert_eq!(
            claims("Leadership was judged outstanding, while help and protection requires improvement to be good."),
            [grade(Some(Leaders), Outstanding, When::Current), grade(Some(HelpProtection), RequiresImprovement, When::Current)]
        );
        assert_eq!(claims("Ofsted rated the council good with outstanding aspects."), [grade(Some(Overall), Good, When::Current), grade(None, Outstanding, When::Current)]);
        assert_eq!(claims("Inspectors saw good progress and outstanding work."), []);
        assert_eq!(claims("Its new children's home was rated outstanding by Ofsted."), []);
        assert_eq!(claims("Ofsted rated most councils inadequate."), []);
        assert_eq!(claims("Ofsted rated the council ‘inadequate’."), [grade(Some(Overall), Inadequate, When::Current)]);
        assert_eq!(claims("The council was rated \"Requires Improvement\" by Ofsted."), [grade(Some(Overall), RequiresImprovement, When::Current)]);
        assert_eq!(
            claims("Kingston was judged outstanding in every area."),
            [Found::Grade { judgement: None, grade: Outstanding, when: When::Current, every: true }]
        );
        assert_eq!(claims("It is no longer inadequate, inspectors said."), []);
        assert_eq!(claims("Ofsted said it was not yet good."), []);
        assert_eq!(claims("Our ambition is to be outstanding, Ofsted was told."), []);
        assert_eq!(claims("Inspectors judged the impact of leaders to be good."), [grade(Some(Leaders), Good, When::Current)]);
        assert_eq!(
            claims("Hackney was rated good in 2016, with outstanding services for care leavers."),
            [grade(Some(Overall), Good, When::Year(2016)), grade(Some(CareLeavers), Outstanding, When::Year(2016))]
        );
    }

    #[test]
    fn earlier_inspections() {
        use Grade::*;
        assert_eq!(
            claims("Ofsted judged services good, a big step up from the previous inspection, when services were judged inadequate."),
            [grade(Some(Judgement::Overall), Good, When::Current), grade(Some(Judgement::Overall), Inadequate, When::Previous)]
        );
        assert_eq!(claims("The council was rated inadequate in 2016."), [grade(Some(Judgement::Overall), Inadequate, When::Year(2016))]);
        assert_eq!(
            claims("It was rated inadequate in 2014 and was still inadequate in 2016."),
            [grade(Some(Judgement::Overall), Inadequate, When::Year(2014)), grade(Some(Judgement::Overall), Inadequate, When::Year(2016))]
        );
        assert_eq!(claims("It was judged inadequate in March 2016."), [grade(Some(Judgement::Overall), Inadequate, When::Month(2016, 3))]);
        assert_eq!(
            claims("Ofsted moved it from inadequate to good."),
            [grade(Some(Judgement::Overall), Inadequate, When::Previous), grade(Some(Judgement::Overall), Good, When::Current)]
        );
        assert_eq!(claims("Ofsted rated it inadequate last year."), [grade(Some(Judgement::Overall), Inadequate, When::Year(2023))]);
        assert_eq!(
            claims("The trust, which took over in 2014, was rated good."),
            [grade(Some(Judgement::Overall), Good, When::Current)]
        );
        assert_eq!(
            claims("Ofsted rated it good, a year after inspectors found it inadequate."),
            [grade(Some(Judgement::Overall), Good, When::Current), grade(Some(Judgement::Overall), Inadequate, When::Previous)]
        );
    }

    #[test]
    fn ranks_and_shares() {
        assert_eq!(
            claims("Kent is the third council in the region to be graded outstanding for leadership."),
            [Found::Rank { rank: 3, judgement: Judgement::Leaders, grade: Grade::Outstanding, framework: None, region: RegionScope::TheRegion }]
        );
        assert_eq!(
            claims("It was the first safeguarding board to be judged good under the single inspection framework."),
            [Found::Rank { rank: 1, judgement: Judgement::Lscb, grade: Grade::Good, framework: Some(Framework::Sif), region: RegionScope::National }]
        );
        let c = claims("Six in ten of the authorities inspected so far require improvement or are inadequate.");
        let [Found::Share { percent: Some(p), grades, judgement: Judgement::Overall, region: RegionScope::National, .. }] = c.as_slice() else { panic!("{c:?}") };
        assert_eq!((*p, grades.as_slice()), (60.0, &[Grade::RequiresImprovement, Grade::Inadequate][..]));
        let c = claims("Nearly a third of councils in London are rated good or outstanding.");
        let [Found::Share { percent: Some(p), hedge: Some(Hedge::Nearly), region: RegionScope::Region(OfstedRegion::London), .. }] = c.as_slice() else { panic!("{c:?}") };
        assert!((p - 33.3).abs() < 0.1);
        let c = claims("Of the 150 councils inspected, 56% are now rated good or outstanding.");
        let [Found::Share { percent: Some(p), grades, .. }] = c.as_slice() else { panic!("{c:?}") };
        assert_eq!((*p, grades.len()), (56.0, 2));
        let c = claims("17 of the 150 authorities inspected were inadequate at 31 March 2022.");
        let [Found::Share { count: Some((17, Some(150))), date: Some(d), .. }] = c.as_slice() else { panic!("{c:?}") };
        assert_eq!(d.to_string(), "2022-03-31");
        assert!(claims("One in four children were seen within a good time.").is_empty());
        assert!(claims("Kent is one of only four councils rated inadequate for leadership while not inadequate overall.").iter().all(|f| !matches!(f, Found::Share { .. })));
        let c = claims("It is one of 17 councils in Yorkshire and the Humber rated requires improvement.");
        let [Found::Share { count: Some((17, None)), region: RegionScope::Ons(OnsRegion::YorkshireAndTheHumber), .. }] = c.as_slice() else { panic!("{c:?}") };
        let c = claims("Ofsted has inspected all 152 councils at 8 December 2017, and three councils are outstanding.");
        let [Found::Share { count: Some((3, None)), grades, .. }] = c.as_slice() else { panic!("{c:?}") };
        assert_eq!(grades, &[Grade::Outstanding]);
    }

    #[test]
    fn timing_and_quotes() {
        let c = find_claims("Inspectors visited Barnsley for two weeks in March 2024, in a standard inspection. The report was published in May.", None);
        assert_eq!(
            c.iter().map(|x| x.found.clone()).collect::<Vec<_>>(),
            [
                Found::Length { number: 2, unit_days: 7 },
                Found::VisitMonth { month: 3, year: Some(2024) },
                Found::InspectionType(Kind::IlacsStandard),
                Found::PublishedMonth { month: 5, year: None }
            ]
        );
        assert!(c.iter().all(|x| x.las.first().is_some_and(|a| a.name == "Barnsley")));
        assert_eq!(claims("Inspectors said leaders were “passionate and ambitious”."), [Found::Quote { text: "passionate and ambitious".into() }]);
        assert!(claims("“We are delighted,” said the leader.").is_empty());
        assert!(claims("Inspectors carried out a focused visit in March 2023.").is_empty());
    }

    #[test]
    fn a_body_serving_several_las_is_the_one_the_story_names() {
        let c = find_claims("Achieving for Children was rated outstanding by Ofsted.", None);
        assert_eq!(c[0].las.len(), 3);
        let c = find_claims("Kingston upon Thames was rated good by Ofsted. Achieving for Children was rated outstanding by Ofsted.", None);
        assert!(c.iter().all(|x| x.las.len() == 1 && x.las[0].name == "Kingston upon Thames"), "{c:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic(s in "\\PC{0,400}") {
            let _ = find_claims(&s, None);
            let _ = find_claims(&s, "2024-01-01".parse().ok());
        }

        #[test]
        fn story_like_text_is_read_without_panic(words in proptest::collection::vec(proptest::sample::select(vec![
            "Kent", "the", "council", "rated", "good", "outstanding", "requires", "improvement", "inadequate", "in", "2016",
            "March", "first", "third", "six", "ten", "per", "cent", "of", "42", "“", "”", "\"", "'", ".", ",", "…", "[", "]",
            "inspectors", "said", "previous", "from", "to", "a", "half", "week", "two-week", "region", "London", "LSCB", "Achieving for Children",
        ]), 0..60)) {
            let s = words.join(" ");
            let _ = find_claims(&s, None);
            let _ = find_claims(&s, "2019-06-01".parse().ok());
            let _ = crate::quotes::locate(&s, &[(1, s.clone())]);
        }
    }

    #[test]
    fn moves_weekdays_and_first_time_since() {
        let c = claims("Kent has moved up two grades to good, and the report was published on Tuesday.");
        assert!(c.contains(&Found::Move { steps: 2 }), "{c:?}");
        assert!(c.contains(&Found::PublishedDay { weekday: 2 }), "{c:?}");
        assert!(claims("Knowsley has dropped a grade since 2021.").contains(&Found::Move { steps: -1 }));
        assert!(claims("It went from inadequate to good, a jump of two grades.").contains(&Found::Move { steps: 2 }));
        let c = claims("Liverpool has been rated inadequate for the first time since 2014.");
        assert_eq!(c, [grade(Some(Judgement::Overall), Grade::Inadequate, When::Current), grade(Some(Judgement::Overall), Grade::Inadequate, When::Year(2014))]);
        let c = claims("Leeds is one of only a handful of councils to be rated outstanding in every area, and the fourth in Yorkshire to achieve the top grade under the current framework.");
        assert!(c.iter().any(|f| matches!(f, Found::Grade { every: true, grade: Grade::Outstanding, .. })), "{c:?}");
        assert!(c.iter().any(|f| matches!(f, Found::Rank { rank: 4, grade: Grade::Outstanding, framework: Some(Framework::Ilacs), region: RegionScope::Ons(OnsRegion::YorkshireAndTheHumber), .. })), "{c:?}");
        let c = claims("Help and protection received the second-highest rating.");
        assert_eq!(c, [grade(Some(Judgement::HelpProtection), Grade::Good, When::Current)]);
    }

    #[test]
    fn a_possessive_la_is_not_the_subject() {
        let c = find_claims("Medway, Kent's neighbour, was rated inadequate in 2019 and is now good.", None);
        assert!(c.iter().all(|x| x.las[0].name == "Medway"), "{c:?}");
        assert_eq!(c[1].found, grade(Some(Judgement::Overall), Grade::Good, When::Current));
    }

    #[test]
    fn the_council_is_the_last_la_named() {
        let c = find_claims("Hackney was praised.\n\nThe council was rated good, unlike Kent, which was rated inadequate.", None);
        let las: Vec<&str> = c.iter().map(|x| x.las[0].name.as_str()).collect();
        assert_eq!(las, ["Hackney", "Kent"]);
    }
}
