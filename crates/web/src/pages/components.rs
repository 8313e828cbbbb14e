//! The pieces every page shares: words for dates, kinds and grades; grade tags and legends;
//! tables in a scrolling box; forms whose fields keep their values and show their error
//! beside them; the pager; download links. All markup is maud (escaped by default).

use maud::{html, Markup};

use lacs_domain::{Date, Grade, Judgement, Kind};

use crate::error::{AppError, Params};

// ---- Words ----------------------------------------------------------------------------

/// "31 March 2024".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// "31 Mar 2024" (tables); "" for none.
pub fn short_date(d: Option<Date>) -> String {
    d.map_or(String::new(), |d| d.strftime("%-d %b %Y").to_string())
}

/// "2025-11-23T13:02:11Z" → "23 November 2025 at 13:02 UTC"; anything else as it is.
pub fn human_timestamp(t: &str) -> String {
    match t.parse::<jiff::Timestamp>() {
        Ok(ts) => ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).strftime("%-d %B %Y at %H:%M UTC").to_string(),
        Err(_) => t.to_string(),
    }
}

/// A kind as people read it ("" for none).
pub fn kind_label(k: Option<Kind>) -> &'static str {
    k.map_or("", Kind::label)
}

/// What an event is called: its kind's label, or, for a report of unknown kind, what it
/// was printed or listed as ("Report awaiting review", "Focused visit").
pub fn event_label(kind: Option<Kind>, event_type: &str) -> String {
    match kind {
        Some(k) if k != Kind::Unknown => kind_label(kind).to_string(),
        _ => event_type.to_string(),
    }
}

/// A percentage of a whole, no decimals ("—" when the whole is 0).
pub fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// "1 local authority" / "2 local authorities": a count with the noun that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Percent-encodes a query-string value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A query string from pairs, leaving out empty values: `?a=1&b=2` (or "" when none).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

// ---- Grades ---------------------------------------------------------------------------

/// How each grade is drawn: its CSS class, its fill, the ink that reads on that fill
/// (contrast at least 4.5:1), and its texture (so grades differ without colour too).
/// Keep the colours in step with site.css.
struct GradeStyle {
    class: &'static str,
    fill: &'static str,
    /// The SVG text class of the ink on this fill (`ink-light` or `ink-dark`, site.css).
    ink: &'static str,
    pattern: Option<&'static str>,
}

fn style(g: Option<Grade>) -> GradeStyle {
    let (class, fill, ink, pattern) = match g {
        Some(Grade::Outstanding) => ("g-o", "#08306b", "ink-light", None),
        Some(Grade::Good) => ("g-g", "#4292c6", "ink-dark", None),
        Some(Grade::RequiresImprovement) => ("g-ri", "#f7a541", "ink-dark", Some("p-ri")),
        Some(Grade::Inadequate) => ("g-i", "#a50f15", "ink-light", Some("p-i")),
        Some(Grade::NotJudged) => ("g-nj", "#ffffff", "ink-dark", None),
        None => ("g-none", "#d9d9d9", "ink-dark", None),
    };
    GradeStyle { class, fill, ink, pattern }
}

/// The fill colour of a grade.
pub fn grade_fill(g: Option<Grade>) -> &'static str {
    style(g).fill
}

/// The SVG text class that reads on a grade's fill.
pub fn grade_ink(g: Option<Grade>) -> &'static str {
    style(g).ink
}

/// Whether a grade is drawn with a texture (its text then needs a solid plate).
pub fn grade_textured(g: Option<Grade>) -> bool {
    style(g).pattern.is_some()
}

/// The SVG fill of a grade: its texture where it has one, else its colour.
pub fn grade_paint(g: Option<Grade>) -> String {
    let s = style(g);
    match s.pattern {
        Some(id) => format!("url(#{id})"),
        None => s.fill.to_string(),
    }
}

/// The `<defs>` with the grade textures, for any SVG that uses [`grade_paint`].
pub fn svg_patterns() -> Markup {
    html! {
        defs {
            pattern id="p-ri" width="6" height="6" patternUnits="userSpaceOnUse" {
                rect width="6" height="6" fill=(grade_fill(Some(Grade::RequiresImprovement))) {}
                circle cx="3" cy="3" r="1.1" fill="#0b0c0c" fill-opacity="0.55" {}
            }
            pattern id="p-i" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                rect width="6" height="6" fill=(grade_fill(Some(Grade::Inadequate))) {}
                rect width="2" height="6" fill="#ffffff" fill-opacity="0.45" {}
            }
        }
    }
}

/// A grade as a tag: always its words, coloured by class (nothing for none).
pub fn grade_tag(g: Option<Grade>) -> Markup {
    html! {
        @if let Some(g) = g {
            span class={ "tag " (style(Some(g)).class) } { (g.label()) }
        }
    }
}

/// A grade's tag, or a dash when there is none.
pub fn grade_or_dash(g: Option<Grade>) -> Markup {
    html! { @if g.is_some() { (grade_tag(g)) } @else { "—" } }
}

/// Legend of grades for charts and the map: a swatch and the words.
pub fn grade_legend(with_not_inspected: bool, with_not_graded: bool) -> Markup {
    let swatch = |paint: String| {
        html! {
            svg width="18" height="18" aria-hidden="true" focusable="false" {
                (svg_patterns())
                rect x="0.5" y="0.5" width="17" height="17" fill=(paint) stroke="#0b0c0c" {}
            }
        }
    };
    html! {
        ul.legend {
            @for g in Grade::SCALE { li { (swatch(grade_paint(Some(g)))) " " (g.label()) } }
            @if with_not_graded { li { (swatch("#ffffff".into())) " Not graded" } }
            @if with_not_inspected { li { (swatch(grade_fill(None).into())) " Not yet inspected" } }
        }
    }
}

// ---- Layout pieces --------------------------------------------------------------------

/// A wide table in its own horizontally scrolling box: a focusable region named by
/// `label`, so keyboard users can scroll it and the page itself never scrolls sideways.
pub fn scroll_box(label: &str, content: Markup) -> Markup {
    html! { div.scroll tabindex="0" role="region" aria-label=(label) { (content) } }
}

/// The "last updated" line near the top of a page.
pub fn updated_line(last_updated: Option<&str>) -> Markup {
    html! {
        @match last_updated {
            Some(t) => p.updated { "Register last updated " time datetime=(t) { (human_timestamp(t)) } "." },
            None => p.updated { "The register holds no data yet." },
        }
    }
}

/// Links to the CSV, XLSX and JSON downloads of a view (`query` is "" or "?…").
pub fn downloads(base: &str, query: &str, what: &str) -> Markup {
    html! {
        div.downloads {
            h2.small { "Download " (what) }
            ul {
                li { a href={ (base) ".csv" (query) } download { "CSV" } }
                li { a href={ (base) ".xlsx" (query) } download { "Excel (XLSX)" } }
                li { a href={ (base) ".json" (query) } download { "JSON" } }
            }
        }
    }
}

/// A link to an LA's page by URN (its URN in words when unknown).
pub fn la_link(urn: u32) -> Markup {
    html! {
        @match lacs_authorities::by_urn(urn) {
            Some(a) => a href={ "/la/" (urn) } { (a.name) },
            None => { "URN " (urn) },
        }
    }
}

/// Report text with the search hits (marked `[` `]` by the search) as `<mark>`.
pub fn marked(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split(['[', ']']).enumerate() {
            @if i % 2 == 1 { mark { (part) } } @else { (part) }
        }
    }
}

// ---- Forms ----------------------------------------------------------------------------

/// What a form shows: each field's value as the request gave it (or the page's default),
/// and the error of the field at fault, if any. Built from the raw parameters, so a form
/// answered with an error keeps everything the person typed.
pub struct FormState<'a> {
    params: &'a Params,
    defaults: Vec<(&'static str, String)>,
    error: Option<(String, String)>,
}

impl<'a> FormState<'a> {
    pub fn new(params: &'a Params) -> Self {
        FormState { params, defaults: Vec::new(), error: None }
    }

    /// The value a field shows when the request gives none.
    pub fn default(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.defaults.push((name, value.into()));
        self
    }

    /// The error to show beside its field.
    pub fn error(mut self, e: Option<&AppError>) -> Self {
        self.error = e.and_then(|e| Some((e.parameter.clone()?, e.message.clone())));
        self
    }

    pub fn value(&self, name: &str) -> String {
        match self.params.get(name) {
            Some(v) => v.to_string(),
            None => self.defaults.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()).unwrap_or_default(),
        }
    }

    fn error_of(&self, name: &str) -> Option<&str> {
        self.error.as_ref().filter(|(n, _)| n == name).map(|(_, m)| m.as_str())
    }
}

/// The parts of one field: its label, a hint, and the error beside it.
fn field(fs: &FormState, name: &str, label: &str, hint: Option<&str>, control: impl Fn(Option<String>, bool) -> Markup) -> Markup {
    let error = fs.error_of(name);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{name}-hint"));
    }
    if error.is_some() {
        described.push(format!("{name}-error"));
    }
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div class={ "field" @if error.is_some() { " field-error" } } {
            label for=(name) { (label) }
            @if let Some(h) = hint { span.hint id={ (name) "-hint" } { (h) } }
            @if let Some(m) = error {
                p.error-message id={ (name) "-error" } { span.visually-hidden { "Error: " } (m) }
            }
            (control(describedby, error.is_some()))
        }
    }
}

/// A text input (`kind`: "text" or "search").
pub fn text_field(fs: &FormState, name: &str, label: &str, hint: Option<&str>, kind: &str, size: u32) -> Markup {
    let value = fs.value(name);
    field(fs, name, label, hint, |describedby, invalid| {
        html! {
            input type=(kind) id=(name) name=(name) value=(value) size=(size) autocomplete="off" spellcheck="false"
                aria-describedby=[describedby] aria-invalid=[invalid.then_some("true")];
        }
    })
}

/// A date input: any of the spellings the parameters accept.
pub fn date_field(fs: &FormState, name: &str, label: &str, hint: &str) -> Markup {
    text_field(fs, name, label, Some(hint), "text", 16)
}

/// A select of `(value, label)` options, and `groups` of them under a heading.
pub fn select_field(fs: &FormState, name: &str, label: &str, options: &[(&str, &str)]) -> Markup {
    let value = fs.value(name);
    field(fs, name, label, None, |describedby, invalid| {
        html! {
            select id=(name) name=(name) aria-describedby=[describedby] aria-invalid=[invalid.then_some("true")] {
                @for (v, l) in options {
                    option value=(v) selected[*v == value] { (l) }
                }
            }
        }
    })
}

/// The options of a judgement select.
pub fn judgement_options() -> Vec<(&'static str, &'static str)> {
    Judgement::ALL.iter().map(|j| (j.as_str(), j.label())).collect()
}

/// A hidden field carrying a value through a form.
pub fn hidden(name: &str, value: &str) -> Markup {
    html! { input type="hidden" name=(name) value=(value); }
}

// ---- Pager ----------------------------------------------------------------------------

/// Where a list is: page `page` of `pages`, `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOf {
    pub page: usize,
    pub pages: usize,
    pub total: usize,
}

impl PageOf {
    /// Page `page` (1-based, clamped) of `total` items, `per_page` a page.
    pub fn new(total: usize, page: usize, per_page: usize) -> PageOf {
        let pages = total.div_ceil(per_page.max(1)).max(1);
        PageOf { page: page.clamp(1, pages), pages, total }
    }
}

/// "Page N of M" with previous and next links; `href(n)` is page n's address.
pub fn pager(at: PageOf, href: impl Fn(usize) -> String) -> Markup {
    html! {
        @if at.pages > 1 {
            nav.pager aria-label="Pages of results" {
                p { "Page " (at.page) " of " (at.pages) }
                ul {
                    @if at.page > 1 { li { a href=(href(at.page - 1)) rel="prev" { "Previous" span.visually-hidden { " page" } } } }
                    @if at.page < at.pages { li { a href=(href(at.page + 1)) rel="next" { "Next" span.visually-hidden { " page" } } } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_leave_out_empties_and_encode() {
        assert_eq!(query_string(&[("a", "1 2&".into()), ("b", String::new())]), "?a=1+2%26");
        assert_eq!(query_string(&[("b", String::new())]), "");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let d: Date = "2024-03-31".parse().unwrap();
        assert_eq!(long_date(d), "31 March 2024");
        assert_eq!(short_date(Some(d)), "31 Mar 2024");
        assert_eq!(long_date("2019-03-01".parse().unwrap()), "1 March 2019");
        assert_eq!(human_timestamp("2025-11-23T13:02:11Z"), "23 November 2025 at 13:02 UTC");
    }

    #[test]
    fn hits_are_marked_and_text_escaped() {
        assert_eq!(marked("a [<b>] c").into_string(), "a <mark>&lt;b&gt;</mark> c");
    }

    #[test]
    fn no_kind_label_repeats_inspection() {
        for k in [Kind::Sif, Kind::SifReinspection, Kind::IlacsStandard, Kind::IlacsShort, Kind::Lac2013, Kind::LscbReview] {
            assert!(kind_label(Some(k)).matches("inspection").count() <= 1, "{k:?}");
        }
    }

    /// The SVG text classes of site.css and the colours it gives them (checked below).
    const INKS: [(&str, &str); 3] = [("ink-light", "#ffffff"), ("ink-dark", "#0b0c0c"), ("ink-muted", "#505a5f")];

    /// WCAG 2.1 contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |hex: &str| {
            let c = |i: usize| {
                let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
                if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every grade's text reads on its fill at 4.5:1 or more, in the charts (the ink class's
    /// colour in site.css) and in the tags (site.css's `.g-*` rules, whose background must
    /// be the fill here).
    #[test]
    fn every_grade_colour_pair_has_aa_contrast() {
        let css = include_str!("../../static/site.css");
        for (class, colour) in INKS {
            assert!(css.contains(&format!("svg text.{class} {{ fill: {colour}; }}")), "site.css gives {class} {colour}");
        }
        for g in Grade::SCALE.iter().copied().map(Some).chain([Some(Grade::NotJudged), None]) {
            let st = style(g);
            let ink = INKS.iter().find(|(c, _)| *c == st.ink).map(|(_, v)| *v).unwrap();
            assert!(contrast(st.fill, ink) >= 4.5, "{g:?}: {} on {} is {:.2}:1", ink, st.fill, contrast(st.fill, ink));
            if g.is_some() {
                let rule = css.lines().find(|l| l.starts_with(&format!(".{} {{", st.class))).unwrap_or_else(|| panic!("no .{} rule", st.class));
                let value = |prop: &str| rule.split(&format!("{prop}: ")).nth(1).and_then(|v| v.get(..7)).unwrap();
                assert_eq!(value("background"), st.fill, "{} background", st.class);
                assert!(contrast(value("background"), value(" color")) >= 4.5, "{}", rule);
            }
        }
        // The map's hover label, the muted grid text on the empty cell, and the error red on
        // the form's grey.
        assert!(contrast("#ffdd00", "#0b0c0c") >= 4.5);
        assert!(contrast("#f3f2f1", "#505a5f") >= 4.5);
        assert!(contrast("#f3f2f1", "#b10e1e") >= 4.5);
        assert!(contrast("#f3f2f1", "#1d70b8") >= 4.5, "links on grey");
    }

    #[test]
    fn pages_clamp() {
        let p = PageOf::new(120, 9, 50);
        assert_eq!((p.page, p.pages), (3, 3));
        assert_eq!(PageOf::new(0, 1, 50).pages, 1);
    }
}
