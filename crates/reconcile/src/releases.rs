//! Official rows that are the same inspection in two releases become one official event.

use std::collections::HashMap;

use lacs_domain::{Date, Framework, JudgementSet, Kind};

use crate::{days_apart, OfficialRow};

/// Releases list one inspection as the same when their start dates are equal, or their
/// publication dates are at most this many days apart...
pub const RELEASE_PUBLISHED_DAYS: i32 = 7;
/// ...or their grades are equal and their publication dates at most this many days apart (the
/// 2023 file dates Nottingham's 2022 report 5 November, the 2025 file 5 September).
pub const RELEASE_SAME_GRADES_DAYS: i32 = 92;

/// One inspection as Ofsted's files list it, over one or more releases. Values are the newest
/// release's, dates filled from an older one where the newer gives none.
#[derive(Debug, Clone)]
pub(crate) struct OfficialEvent {
    pub urn: u32,
    /// Indices into the official rows, newest release first; `rows[0]` is the main row.
    pub rows: Vec<usize>,
    pub kind: Option<Kind>,
    pub framework: Option<Framework>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub grades: JudgementSet,
    /// The rows each date was taken from.
    pub start_from: usize,
    pub end_from: usize,
    pub published_from: usize,
}

impl OfficialEvent {
    fn new(urn: u32, i: usize, r: &OfficialRow) -> Self {
        OfficialEvent {
            urn,
            rows: vec![i],
            kind: r.kind,
            framework: r.framework,
            inspection_start: r.inspection_start,
            inspection_end: r.inspection_end,
            published: r.published,
            grades: r.grades,
            start_from: i,
            end_from: i,
            published_from: i,
        }
    }

    pub fn main(&self) -> usize {
        self.rows[0]
    }

    pub fn is_graded(&self) -> bool {
        self.kind.is_some_and(Kind::is_graded_event)
    }

    fn fill(&mut self, i: usize, r: &OfficialRow) {
        self.rows.push(i);
        if self.inspection_start.is_none() && r.inspection_start.is_some() {
            self.inspection_start = r.inspection_start;
            self.start_from = i;
        }
        if self.inspection_end.is_none() && r.inspection_end.is_some() {
            self.inspection_end = r.inspection_end;
            self.end_from = i;
        }
        if self.published.is_none() && r.published.is_some() {
            self.published = r.published;
            self.published_from = i;
        }
    }
}

/// How well an older release's row fits an event: `None` when it is another inspection.
/// Lower is better.
fn fit(
    e: &OfficialEvent,
    r: &OfficialRow,
    label: impl Fn(&OfficialRow) -> String,
    main: &OfficialRow,
) -> Option<(u8, i32)> {
    if e.framework.is_none() || e.framework != r.framework {
        return None;
    }
    let same_start =
        matches!((e.inspection_start, r.inspection_start), (Some(a), Some(b)) if a == b);
    let published = days_apart(e.published, r.published);
    let graded = e.is_graded();
    if graded != r.is_graded() {
        return None;
    }
    if !graded && (e.kind != r.kind || label(main) != label(r)) {
        return None;
    }
    if same_start {
        return Some((0, published.unwrap_or(0)));
    }
    let d = published?;
    let close = d <= RELEASE_PUBLISHED_DAYS
        || (graded && e.grades == r.grades && d <= RELEASE_SAME_GRADES_DAYS);
    close.then_some((1, d))
}

/// Groups the rows of each LA into official events. Rows without an LA are left out. Releases
/// are ordered newest first by the latest date they mention (ties: file name, descending); a
/// row joins an event only from another release, and never two rows of one release.
pub(crate) fn group(rows: &[OfficialRow]) -> Vec<OfficialEvent> {
    let mut latest: HashMap<&str, Option<Date>> = HashMap::new();
    for r in rows {
        let d = r.published.or(r.inspection_start);
        let slot = latest.entry(r.source.as_str()).or_insert(None);
        *slot = (*slot).max(d);
    }
    let mut releases: Vec<(&str, Option<Date>)> = latest.into_iter().collect();
    releases.sort_by(|a, b| (b.1, b.0).cmp(&(a.1, a.0)));
    let rank: HashMap<&str, usize> = releases
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .collect();

    let mut by_urn: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(u) = r.urn {
            by_urn.entry(u).or_default().push(i);
        }
    }
    let mut urns: Vec<u32> = by_urn.keys().copied().collect();
    urns.sort_unstable();
    let label = |r: &OfficialRow| crate::event_type_label(r.kind, Some(&r.event_type));

    let mut out = Vec::new();
    for urn in urns {
        let mut idx = by_urn.remove(&urn).unwrap_or_default();
        idx.sort_by_key(|&i| (rank[rows[i].source.as_str()], i));
        let mut events: Vec<OfficialEvent> = Vec::new();
        for i in idx {
            let r = &rows[i];
            let best = events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.rows.iter().all(|&k| rows[k].source != r.source))
                .filter_map(|(k, e)| fit(e, r, label, &rows[e.main()]).map(|s| (s, k)))
                .min();
            match best {
                Some((_, k)) => events[k].fill(i, r),
                None => events.push(OfficialEvent::new(urn, i, r)),
            }
        }
        out.extend(events);
    }
    out
}
