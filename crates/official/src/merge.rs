//! One event per inspection: listings of the same inspection in two sheets are merged.

use lacs_domain::{Date, Framework};

use crate::headings::norm;
use crate::{OfficialEvent, SourceRow};

/// A report is published at most this many days after the inspection began, when matching a
/// listing that gives only the inspection date with one that gives only the publication date.
const MAX_DAYS_TO_PUBLICATION: i32 = 183;

/// Merges the events of all tables. `tables` holds (sheet index, events, whether the table
/// lists visits); tables without visits (histories) are taken first, so that a history row
/// stays the event's main source.
pub(crate) fn merge(tables: Vec<(usize, Vec<OfficialEvent>, bool)>) -> Vec<OfficialEvent> {
    let mut order: Vec<usize> = (0..tables.len()).collect();
    order.sort_by_key(|i| (tables[*i].2, tables[*i].0));
    let mut tables: Vec<Option<(usize, Vec<OfficialEvent>, bool)>> =
        tables.into_iter().map(Some).collect();
    let mut kept: Vec<(usize, OfficialEvent)> = Vec::new();
    for i in order {
        let (sheet_index, events, _) = tables[i].take().expect("each table once");
        for e in events {
            if e.is_graded() {
                let matches: Vec<usize> = kept
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, p))| p.sheet != e.sheet && same_inspection(p, &e))
                    .map(|(k, _)| k)
                    .collect();
                if let [k] = matches[..] {
                    fill(&mut kept[k].1, e);
                    continue;
                }
            }
            kept.push((sheet_index, e));
        }
    }
    kept.sort_by_key(|(s, e)| (*s, e.row));
    kept.into_iter().map(|(_, e)| e).collect()
}

/// True when a table lists ungraded SIF/ILACS events (focused and monitoring visits).
pub(crate) fn lists_visits(events: &[OfficialEvent]) -> bool {
    events
        .iter()
        .any(|e| e.kind.is_none() && matches!(e.framework, Some(Framework::Sif | Framework::Ilacs)))
}

fn same_la(a: &OfficialEvent, b: &OfficialEvent) -> bool {
    let mut compared = false;
    macro_rules! id {
        ($f:ident) => {
            if let (Some(x), Some(y)) = (&a.$f, &b.$f) {
                if x != y {
                    return false;
                }
                compared = true;
            }
        };
    }
    id!(gss_code);
    id!(la_code);
    id!(urn);
    compared || norm(&a.la_name) == norm(&b.la_name)
}

fn agree(a: Option<Date>, b: Option<Date>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x == y),
        _ => None,
    }
}

fn same_inspection(p: &OfficialEvent, e: &OfficialEvent) -> bool {
    if p.kind != e.kind || p.grades != e.grades || !same_la(p, e) {
        return false;
    }
    let starts = agree(p.inspection_start, e.inspection_start);
    let published = agree(p.published, e.published);
    match (starts, published) {
        (Some(false), _) | (_, Some(false)) => false,
        (Some(true), _) | (_, Some(true)) => true,
        (None, None) => {
            let start = p.inspection_start.or(e.inspection_start);
            let published = p.published.or(e.published);
            match (start, published) {
                (Some(s), Some(pb)) => {
                    let days = (pb - s).get_days();
                    (0..=MAX_DAYS_TO_PUBLICATION).contains(&days)
                }
                _ => false,
            }
        }
    }
}

fn fill(p: &mut OfficialEvent, e: OfficialEvent) {
    p.urn = p.urn.or(e.urn);
    p.la_code = p.la_code.or(e.la_code);
    if p.gss_code.is_none() {
        p.gss_code = e.gss_code;
    }
    p.ofsted_region = p.ofsted_region.or(e.ofsted_region);
    if p.la_status.is_none() {
        p.la_status = e.la_status;
    }
    if p.link.is_none() {
        p.link = e.link;
    }
    if p.visit_theme.is_none() {
        p.visit_theme = e.visit_theme;
    }
    p.inspection_start = p.inspection_start.or(e.inspection_start);
    p.inspection_end = p.inspection_end.or(e.inspection_end);
    p.published = p.published.or(e.published);
    p.also_in.push(SourceRow {
        sheet: e.sheet,
        row: e.row,
    });
    p.also_in.extend(e.also_in);
}
