//! Charts as inline SVG, made here: no script, nothing fetched. Every chart has a title and a
//! description for assistive technology, grades carry a texture as well as a colour, and each
//! page that shows a chart shows the same figures in a table.

use std::fmt::Write;

use lacs_analysis::{Counts, TimeSeries};
use lacs_domain::{Grade, Judgement};
use lacs_query::InspectionView;

use crate::html::{grade_ink, grade_paint, grade_pattern, long_date, short_date, Esc, SVG_PATTERNS};

/// One bar of a 100% stacked bar chart.
pub struct BarRow<'a> {
    pub label: &'a str,
    pub counts: Counts,
}

/// Horizontal 100% bars of the four grades (of LAs graded), one per row, with the count in
/// each segment wide enough to hold it.
pub fn grade_bars(id: &str, title: &str, rows: &[BarRow<'_>]) -> String {
    let label_w = 380.0;
    let bar_w = 560.0;
    let row_h = 34.0;
    let width = label_w + bar_w + 10.0;
    let height = rows.len() as f64 * row_h + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">",
        Esc(title)
    );
    for r in rows {
        let g = r.counts.grades;
        let _ = write!(
            s,
            "{}: {} outstanding, {} good, {} requires improvement, {} inadequate. ",
            Esc(r.label),
            g.outstanding,
            g.good,
            g.requires_improvement,
            g.inadequate
        );
    }
    s.push_str("</desc>");
    s.push_str(SVG_PATTERNS);
    for (i, r) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 3.0;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl-{}\">{}</text>",
            label_w - 10.0,
            y + row_h / 2.0 + 5.0,
            if i == 0 { "b" } else { "n" },
            Esc(r.label)
        );
        let total = r.counts.grades.total();
        if total == 0 {
            let _ = write!(
                s,
                "<rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"{}\" fill=\"#d9d9d9\"/>\
                 <text x=\"{}\" y=\"{}\">none graded</text>",
                row_h - 8.0,
                label_w + 8.0,
                y + row_h / 2.0 + 1.0
            );
            continue;
        }
        let mut x = label_w;
        for grade in Grade::SCALE {
            let n = r.counts.grades.get(grade);
            if n == 0 {
                continue;
            }
            let w = bar_w * n as f64 / total as f64;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\"><title>{}: {} {}</title></rect>",
                row_h - 8.0,
                grade_paint(Some(grade)),
                Esc(r.label),
                n,
                grade.label()
            );
            if w >= 30.0 {
                if grade_pattern(Some(grade)).is_some() {
                    let _ = write!(
                        s,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"26\" height=\"18\" rx=\"3\" fill=\"{}\" aria-hidden=\"true\"/>",
                        x + w / 2.0 - 13.0,
                        y + row_h / 2.0 - 14.0,
                        crate::html::grade_fill(Some(grade))
                    );
                }
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" class=\"seg\" aria-hidden=\"true\">{n}</text>",
                    x + w / 2.0,
                    y + row_h / 2.0 + 1.0,
                    ink_on(grade)
                );
            }
            x += w;
        }
    }
    s.push_str("</svg>");
    s
}

/// Text colour over a grade segment (the textured ones need a solid plate to stay legible,
/// so the count sits in a contrasting colour with a halo from the stylesheet).
fn ink_on(g: Grade) -> &'static str {
    grade_ink(Some(g))
}

/// Stacked bars of LAs by grade at each date of the series, with the LAs not yet inspected
/// (or not graded) above them in grey, so each bar's height is the LAs existing then.
pub fn series_chart(id: &str, series: &TimeSeries) -> String {
    let n = series.points.len();
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
    let mut s = String::new();
    let title = format!("{} of local authorities, each quarter", series.judgement.label());
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">",
        Esc(&title)
    );
    if let (Some(first), Some(last)) = (series.points.first(), series.points.last()) {
        let g = last.counts.grades;
        let _ = write!(
            s,
            "Stacked bars from {} to {}. At the last date: {} outstanding, {} good, {} requires improvement, {} inadequate, {} not yet inspected or not graded. The table below the chart gives every figure.",
            long_date(first.cutoff.as_at),
            long_date(last.cutoff.as_at),
            g.outstanding,
            g.good,
            g.requires_improvement,
            g.inadequate,
            last.counts.authorities - g.total()
        );
    }
    s.push_str("</desc>");
    s.push_str(SVG_PATTERNS);
    // Grid and y axis.
    let mut v = 0;
    while v <= ymax {
        let y = y_of(v as f64);
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"axis\">{v}</text>",
            left + plot_w,
            left - 6.0,
            y + 5.0
        );
        v += 25;
    }
    if n == 0 {
        s.push_str("</svg>");
        return s;
    }
    let slot = plot_w / n as f64;
    let bw = (slot - bar_gap).max(1.0);
    for (i, p) in series.points.iter().enumerate() {
        let x = left + i as f64 * slot;
        let mut acc = 0.0;
        let mut segments: Vec<(Option<Grade>, usize)> =
            Grade::SCALE.iter().rev().map(|g| (Some(*g), p.counts.grades.get(*g))).collect();
        // Bottom to top: inadequate, requires improvement, good, outstanding, then the rest.
        segments.push((None, p.counts.authorities - p.counts.grades.total()));
        let date = short_date(Some(p.cutoff.as_at));
        let gr = p.counts.grades;
        let _ = write!(
            s,
            "<g><title>{date}: {} outstanding, {} good, {} requires improvement, {} inadequate, {} not yet inspected or not graded</title>",
            gr.outstanding,
            gr.good,
            gr.requires_improvement,
            gr.inadequate,
            p.counts.authorities - gr.total()
        );
        for (g, count) in segments {
            if count == 0 {
                continue;
            }
            let y0 = y_of(acc);
            acc += count as f64;
            let y1 = y_of(acc);
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                y0 - y1,
                grade_paint(g),
            );
        }
        s.push_str("</g>");
        // A year label under each March bar.
        if p.cutoff.as_at.month() == 3 && (p.cutoff.as_at.year() % 2 == 0 || n <= 30) {
            let _ = write!(
                s,
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{}\" y2=\"{}\" class=\"tick\"/><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text>",
                x + bw / 2.0,
                x + bw / 2.0,
                top + plot_h,
                top + plot_h + 6.0,
                x + bw / 2.0,
                top + plot_h + 24.0,
                p.cutoff.as_at.year()
            );
        }
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"axis-line\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">Quarter end (31 March of each year marked)</text></svg>",
        left + plot_w,
        top + plot_h,
        top + plot_h,
        left + plot_w / 2.0,
        height - 4.0
    );
    s
}

/// An LA's graded inspections over time as a grid: a column per inspection (oldest left),
/// a row per judgement, each cell its grade in colour, texture and words.
pub fn la_grid(id: &str, la_name: &str, inspections: &[&InspectionView]) -> String {
    let rows: Vec<Judgement> = Judgement::ALL
        .iter()
        .copied()
        .filter(|j| inspections.iter().any(|e| grade_of(e, *j).is_some()))
        .collect();
    let label_w = 190.0;
    let col_w = 150.0;
    let row_h = 40.0;
    let head = 48.0;
    let width = label_w + col_w * inspections.len().max(1) as f64 + 4.0;
    let height = head + row_h * rows.len() as f64 + 4.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart grid-chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{}: grades at each inspection</title><desc id=\"{id}-d\">",
        Esc(la_name)
    );
    for e in inspections {
        let _ = write!(s, "{}: ", short_date(e.published.or(e.inspection_start)));
        for j in &rows {
            if let Some(g) = grade_of(e, *j) {
                let _ = write!(s, "{} {}; ", j.label(), g.label());
            }
        }
    }
    s.push_str("</desc>");
    s.push_str(SVG_PATTERNS);
    for (c, e) in inspections.iter().enumerate() {
        let x = label_w + c as f64 * col_w;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"20\" text-anchor=\"middle\" class=\"lbl-b\">{}</text>\
             <text x=\"{:.1}\" y=\"40\" text-anchor=\"middle\" class=\"axis\">{}</text>",
            x + col_w / 2.0,
            e.published.or(e.inspection_start).map_or(String::new(), |d| d.year().to_string()),
            x + col_w / 2.0,
            Esc(crate::html::kind_label(e.kind)),
        );
    }
    for (r, j) in rows.iter().enumerate() {
        let y = head + r as f64 * row_h;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"lbl-n\">{}</text>",
            label_w - 10.0,
            y + row_h / 2.0 + 5.0,
            j.label()
        );
        for (c, e) in inspections.iter().enumerate() {
            let x = label_w + c as f64 * col_w;
            let g = grade_of(e, *j);
            let word = match g {
                Some(Grade::RequiresImprovement) => "Req. improvement",
                Some(g) => g.label(),
                None => "–",
            };
            let fill = match g {
                Some(_) => grade_paint(g),
                None => "#f3f2f1".to_string(),
            };
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                x,
                y,
                col_w,
                row_h
            );
            let plate = matches!(g, Some(Grade::RequiresImprovement) | Some(Grade::Inadequate));
            if plate {
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"22\" rx=\"3\" fill=\"{}\"/>",
                    x + 6.0,
                    y + row_h / 2.0 - 11.0,
                    col_w - 12.0,
                    if g == Some(Grade::Inadequate) { "#a50f15" } else { "#f7a541" }
                );
            }
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\" class=\"cell\">{word}</text>",
                x + col_w / 2.0,
                y + row_h / 2.0 + 5.0,
                match g {
                    Some(_) => grade_ink(g),
                    None => "#505a5f",
                }
            );
        }
    }
    s.push_str("</svg>");
    s
}

pub fn grade_of(e: &InspectionView, j: Judgement) -> Option<Grade> {
    match j {
        Judgement::Overall => e.overall,
        Judgement::Leaders => e.leaders,
        Judgement::HelpProtection => e.help_protection,
        Judgement::InCare => e.in_care,
        Judgement::CareLeavers => e.care_leavers,
        Judgement::Adoption => e.adoption,
        Judgement::Lscb => e.lscb,
    }
}
