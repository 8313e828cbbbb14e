//! Charts as inline SVG, made here as maud templates: no script, nothing fetched. Every chart
//! has a title and a description for assistive technology, grades carry a texture as well as
//! a colour, and each page that shows a chart shows the same figures in a table (which
//! narrow screens show instead of the chart: site.css).

use lacs_analysis::{Counts, TimeSeries};
use lacs_domain::{Grade, Judgement};
use lacs_query::InspectionView;
use maud::{html, Markup};

use crate::pages::components::{grade_fill, grade_ink, grade_paint, grade_textured, kind_label, long_date, short_date, svg_patterns};

/// One bar of a 100% stacked bar chart.
pub struct BarRow<'a> {
    pub label: &'a str,
    pub counts: Counts,
}

/// A number as an SVG coordinate (one decimal).
fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// Horizontal 100% bars of the four grades (of LAs graded), one per row, with the count in
/// each segment wide enough to hold it.
pub fn grade_bars(id: &str, title: &str, rows: &[BarRow<'_>]) -> Markup {
    let label_w = 380.0;
    let bar_w = 560.0;
    let row_h = 34.0;
    let width = label_w + bar_w + 10.0;
    let height = rows.len() as f64 * row_h + 6.0;
    html! {
        svg.chart viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby={ (id) "-t " (id) "-d" } {
            title id={ (id) "-t" } { (title) }
            desc id={ (id) "-d" } {
                @for r in rows {
                    @let g = r.counts.grades;
                    (r.label) ": " (g.outstanding) " outstanding, " (g.good) " good, " (g.requires_improvement)
                    " requires improvement, " (g.inadequate) " inadequate. "
                }
            }
            (svg_patterns())
            @for (i, r) in rows.iter().enumerate() {
                @let y = i as f64 * row_h + 3.0;
                @let total = r.counts.grades.total();
                text x=(label_w - 10.0) y=(y + row_h / 2.0 + 5.0) text-anchor="end" class=(if i == 0 { "lbl-b" } else { "lbl-n" }) { (r.label) }
                @if total == 0 {
                    rect x=(label_w) y=(y) width=(bar_w) height=(row_h - 8.0) fill=(grade_fill(None)) {}
                    text x=(label_w + 8.0) y=(y + row_h / 2.0 + 1.0) { "none graded" }
                } @else {
                    @for (grade, x, w, count) in segments(r.counts, label_w, bar_w) {
                        rect x=(n(x)) y=(y) width=(n(w)) height=(row_h - 8.0) fill=(grade_paint(Some(grade))) stroke="#ffffff" {
                            title { (r.label) ": " (count) " " (grade.label()) }
                        }
                        @if w >= 30.0 {
                            @if grade_textured(Some(grade)) {
                                rect x=(n(x + w / 2.0 - 13.0)) y=(n(y + row_h / 2.0 - 14.0)) width="26" height="18" rx="3"
                                    fill=(grade_fill(Some(grade))) aria-hidden="true" {}
                            }
                            text x=(n(x + w / 2.0)) y=(y + row_h / 2.0 + 1.0) text-anchor="middle" class={ "seg " (grade_ink(Some(grade))) } aria-hidden="true" { (count) }
                        }
                    }
                }
            }
        }
    }
}

/// Each grade's segment of a bar: grade, x, width, count (grades with none left out).
fn segments(c: Counts, x0: f64, bar_w: f64) -> Vec<(Grade, f64, f64, usize)> {
    let total = c.grades.total().max(1) as f64;
    let mut x = x0;
    let mut out = Vec::new();
    for grade in Grade::SCALE {
        let count = c.grades.get(grade);
        if count == 0 {
            continue;
        }
        let w = bar_w * count as f64 / total;
        out.push((grade, x, w, count));
        x += w;
    }
    out
}

/// Stacked bars of LAs by grade at each date of the series, with the LAs not yet inspected
/// (or not graded) above them in grey, so each bar's height is the LAs existing then.
pub fn series_chart(id: &str, series: &TimeSeries) -> Markup {
    let count = series.points.len();
    let left = 56.0;
    let bottom = 44.0;
    let top = 14.0;
    let plot_h = 300.0;
    let bar_gap = 1.0;
    let plot_w = 880.0;
    let width = left + plot_w + 10.0;
    let height = top + plot_h + bottom;
    let max = series.points.iter().map(|p| p.counts.authorities).max().unwrap_or(0).max(1);
    let ymax = max.div_ceil(25) * 25;
    let y_of = |v: f64| top + plot_h - v / ymax as f64 * plot_h;
    let slot = plot_w / count.max(1) as f64;
    let bw = (slot - bar_gap).max(1.0);
    html! {
        svg.chart viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby={ (id) "-t " (id) "-d" } {
            title id={ (id) "-t" } { (series.judgement.label()) " of local authorities, each quarter" }
            desc id={ (id) "-d" } {
                @if let (Some(first), Some(last)) = (series.points.first(), series.points.last()) {
                    @let g = last.counts.grades;
                    "Stacked bars from " (long_date(first.cutoff.as_at)) " to " (long_date(last.cutoff.as_at))
                    ". At the last date: " (g.outstanding) " outstanding, " (g.good) " good, " (g.requires_improvement)
                    " requires improvement, " (g.inadequate) " inadequate, " (last.counts.authorities - g.total())
                    " not yet inspected or not graded. The table below the chart gives every figure."
                }
            }
            (svg_patterns())
            @for v in (0..=ymax).step_by(25) {
                @let y = y_of(v as f64);
                line x1=(left) x2=(left + plot_w) y1=(n(y)) y2=(n(y)) class="grid" {}
                text x=(left - 6.0) y=(n(y + 5.0)) text-anchor="end" class="axis" { (v) }
            }
            @for (i, p) in series.points.iter().enumerate() {
                @let x = left + i as f64 * slot;
                @let gr = p.counts.grades;
                g {
                    title {
                        (short_date(Some(p.cutoff.as_at))) ": " (gr.outstanding) " outstanding, " (gr.good) " good, "
                        (gr.requires_improvement) " requires improvement, " (gr.inadequate) " inadequate, "
                        (p.counts.authorities - gr.total()) " not yet inspected or not graded"
                    }
                    @for (g, y0, y1) in stack(p.counts, &y_of) {
                        rect x=(n(x)) y=(n(y1)) width=(n(bw)) height=(n(y0 - y1)) fill=(grade_paint(g)) {}
                    }
                }
                // A year label under each March bar (every other year when crowded).
                @if p.cutoff.as_at.month() == 3 && (p.cutoff.as_at.year() % 2 == 0 || count <= 30) {
                    line x1=(n(x + bw / 2.0)) x2=(n(x + bw / 2.0)) y1=(top + plot_h) y2=(top + plot_h + 6.0) class="tick" {}
                    text x=(n(x + bw / 2.0)) y=(top + plot_h + 24.0) text-anchor="middle" class="axis" { (p.cutoff.as_at.year()) }
                }
            }
            line x1=(left) x2=(left + plot_w) y1=(top + plot_h) y2=(top + plot_h) class="axis-line" {}
            text x=(left + plot_w / 2.0) y=(height - 4.0) text-anchor="middle" class="axis" { "Quarter end (31 March of each year marked)" }
        }
    }
}

/// A bar's segments bottom to top (inadequate, requires improvement, good, outstanding,
/// then the rest in grey): grade and the y of its bottom and top.
fn stack(c: Counts, y_of: &impl Fn(f64) -> f64) -> Vec<(Option<Grade>, f64, f64)> {
    let mut parts: Vec<(Option<Grade>, usize)> = Grade::SCALE.iter().rev().map(|g| (Some(*g), c.grades.get(*g))).collect();
    parts.push((None, c.authorities - c.grades.total()));
    let mut acc = 0.0;
    let mut out = Vec::new();
    for (g, k) in parts {
        if k == 0 {
            continue;
        }
        let y0 = y_of(acc);
        acc += k as f64;
        out.push((g, y0, y_of(acc)));
    }
    out
}

/// An LA's graded inspections over time as a grid: a column per inspection (oldest left),
/// a row per judgement, each cell its grade in colour, texture and words.
pub fn la_grid(id: &str, la_name: &str, inspections: &[&InspectionView]) -> Markup {
    let rows: Vec<Judgement> =
        Judgement::ALL.iter().copied().filter(|j| inspections.iter().any(|e| e.grade(*j).is_some())).collect();
    let label_w = 190.0;
    let col_w = 150.0;
    let row_h = 40.0;
    let head = 48.0;
    let width = label_w + col_w * inspections.len().max(1) as f64 + 4.0;
    let height = head + row_h * rows.len() as f64 + 4.0;
    html! {
        svg.chart.grid-chart width=(width) height=(height) viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby={ (id) "-t " (id) "-d" } {
            title id={ (id) "-t" } { (la_name) ": grades at each inspection" }
            desc id={ (id) "-d" } {
                @for e in inspections {
                    (short_date(e.published.or(e.inspection_start))) ": "
                    @for j in &rows { @if let Some(g) = e.grade(*j) { (j.label()) " " (g.label()) "; " } }
                }
            }
            (svg_patterns())
            @for (c, e) in inspections.iter().enumerate() {
                @let x = label_w + c as f64 * col_w + col_w / 2.0;
                text x=(n(x)) y="20" text-anchor="middle" class="lbl-b" {
                    @if let Some(d) = e.published.or(e.inspection_start) { (d.year()) }
                }
                text x=(n(x)) y="40" text-anchor="middle" class="axis" { (short_kind(e)) }
            }
            @for (r, j) in rows.iter().enumerate() {
                @let y = head + r as f64 * row_h;
                text x=(label_w - 10.0) y=(n(y + row_h / 2.0 + 5.0)) text-anchor="end" class="lbl-n" { (j.label()) }
                @for (c, e) in inspections.iter().enumerate() {
                    @let x = label_w + c as f64 * col_w;
                    @let g = e.grade(*j);
                    rect x=(n(x)) y=(n(y)) width=(n(col_w)) height=(n(row_h)) fill=(if g.is_some() { grade_paint(g) } else { "#f3f2f1".into() }) stroke="#ffffff" stroke-width="2" {}
                    @if grade_textured(g) {
                        rect x=(n(x + 6.0)) y=(n(y + row_h / 2.0 - 11.0)) width=(n(col_w - 12.0)) height="22" rx="3" fill=(grade_fill(g)) {}
                    }
                    text x=(n(x + col_w / 2.0)) y=(n(y + row_h / 2.0 + 5.0)) text-anchor="middle"
                        class={ "cell " (if g.is_some() { grade_ink(g) } else { "ink-muted" }) } {
                        @match g {
                            Some(Grade::RequiresImprovement) => "Req. improvement",
                            Some(g) => (g.label()),
                            None => "–",
                        }
                    }
                }
            }
        }
    }
}

/// A column head short enough for the grid: the kind without "inspection".
fn short_kind(e: &InspectionView) -> String {
    kind_label(e.kind).replace(" inspection", "")
}

