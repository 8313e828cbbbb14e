//! Reads an Ofsted report into a [`ReadReport`]: what kind of document it is, the LA, the
//! inspection and publication dates, the lead inspectors, and every judgement with the page
//! and text it was read from.
//!
//! **Architecture Invariant:** like a good parser, this never fails on a readable PDF. It
//! returns what it read plus the doubts it has ([`ReadReport::doubts`]); the store decides the
//! status. Only a file that is not a readable PDF at all is an error ([`PdfError`]).
//!
//! **Architecture Invariant:** framework knowledge (labels, sentences, titles) lives in the
//! tables of [`labels`]; the code here only applies them.

mod dates;
mod findings;
mod grades;
pub mod labels;
mod table;

pub use dates::{date_in_file_name, parse_date, parse_range, parse_visits};
pub use grades::parse_grade;
pub use lacs_pdftext::PdfError;

use labels::{SentenceScope, GRADE_SENTENCES, ILACS_BODY_HEADINGS, TABLE_LABELS, TITLES};
use lacs_domain::{
    rules, Date, DoubtKind, Framework, Judgement, JudgementReading, Kind, ReadReport,
};
use lacs_pdftext::{Document, Page};
use regex::Regex;
use std::sync::LazyLock;
use table::Layout;

/// What the caller knows about a file besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The file's name (its last path component).
    pub file_name: String,
    /// The URN in the parent folder's name (`<urn>_<name>`), a hint only.
    pub folder_urn: Option<u32>,
}

impl Hints {
    /// Hints from a path laid out as `<urn>_<name>/<link text> - <date>.pdf`.
    pub fn from_path(path: &std::path::Path) -> Hints {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let folder_urn = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('_').next())
            .and_then(|u| u.parse().ok());
        Hints { file_name, folder_urn }
    }
}

/// Read a PDF held in memory.
pub fn extract(bytes: &[u8], hints: &Hints) -> Result<ReadReport, PdfError> {
    let doc = lacs_pdftext::read(bytes)?;
    Ok(read_report(&doc, hints))
}

/// A built-in pattern as the regex engine reads it: case-insensitive, `{grade}` expanded.
pub(crate) fn pattern_source(pattern: &str) -> String {
    format!("(?i){}", pattern.replace("{grade}", &format!("({})", grades::GRADE_PATTERN)))
}

pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(&pattern_source(pattern)).unwrap_or_else(|e| panic!("bad built-in pattern {pattern:?}: {e}"))
}

struct Compiled {
    titles: Vec<Regex>,
    table_labels: Vec<Regex>,
    sentences: Vec<Regex>,
    body_headings: Vec<Regex>,
}

static PATTERNS: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    titles: TITLES.iter().map(|t| re(t.pattern)).collect(),
    table_labels: TABLE_LABELS.iter().map(|l| re(&l.pattern.replace(' ', r"\s+"))).collect(),
    sentences: GRADE_SENTENCES.iter().map(|s| re(s.pattern)).collect(),
    body_headings: ILACS_BODY_HEADINGS.iter().map(|h| re(h.pattern)).collect(),
});

/// The on-site dates: everything after the label up to the next page-1 item (dates can wrap).
static INSPECTION_DATES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"inspection dates?\s*:?\s*(.{4,160}?)\s*(?:lead inspector|reporting inspector|report published|published|judgement|age group|the overall|children's services|$)")
});
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:report published|originally published on|published)\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})")
});
static LEAD_INSPECTOR: LazyLock<Regex> = LazyLock::new(|| re(r"lead inspectors?\s*:\s*"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").unwrap());

/// Whitespace collapsed to single spaces.
pub(crate) fn flat(text: &str) -> String {
    SPACES.replace_all(text.trim(), " ").into_owned()
}

/// A page's lines, whitespace collapsed.
pub(crate) fn flat_lines(page: &Page) -> Vec<String> {
    page.lines.iter().map(|l| flat(&l.text())).collect()
}

/// Line `i` as a heading may wrap from it: the line alone, then joined with the next, and so
/// on up to `max_lines` lines (fewer where the page ends), each with how many lines it takes.
pub(crate) fn wrapped(lines: &[String], i: usize, max_lines: usize) -> impl Iterator<Item = (String, usize)> + '_ {
    lines.get(i..).unwrap_or_default().iter().take(max_lines).scan(String::new(), |joined, line| {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line);
        Some(joined.clone())
    })
    .zip(1..)
}

/// A heading at line `i`, matched as the whole line or, when it wraps, as the line and up to
/// `max_lines - 1` more: the matched text and how many lines it takes.
pub(crate) fn heading_at(lines: &[String], i: usize, pattern: &Regex, max_lines: usize) -> Option<(String, usize)> {
    wrapped(lines, i, max_lines).find(|(joined, _)| pattern.is_match(joined))
}

/// The opening of page 1 (title, LA, dates): the lines before the first judgement or body
/// text, at most a dozen.
fn page_one_head(doc: &Document) -> String {
    doc.pages
        .first()
        .map(|p| p.lines.iter().take(14).map(|l| l.text()).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

/// Read a parsed document.
pub fn read_report(doc: &Document, hints: &Hints) -> ReadReport {
    let mut report = ReadReport { page_count: doc.pages.len() as u32, ..Default::default() };
    let head = page_one_head(doc);
    let head_flat = flat(&head);
    // The title block: everything before the dates. Body text further down can name
    // neighbouring LAs (a trust serving two councils), so the LA is looked for here.
    let title_block = match head_flat.to_lowercase().find("inspection date") {
        Some(i) => head_flat[..i].to_string(),
        None => head_flat.clone(),
    };

    read_title(&head_flat, &mut report);
    read_dates(doc, &head, &mut report);
    read_authority(doc, &title_block, hints, &mut report);

    let kind = match report.kind {
        Some(Kind::IlacsStandard) => match report.on_site_days {
            Some(days) => Kind::ilacs_from_on_site_days(days),
            None => {
                report.doubt(DoubtKind::Kind, "ILACS report without readable on-site dates: short or standard unknown");
                Kind::IlacsStandard
            }
        },
        Some(k) => k,
        None => {
            report.doubt(DoubtKind::Kind, "no known report title on page 1");
            Kind::Unknown
        }
    };
    report.kind = Some(kind);

    if kind.framework() == Some(Framework::Ilacs) {
        read_lead_inspectors(doc, &mut report);
    }
    if let Some(framework) = kind.framework() {
        read_judgements(doc, framework, &mut report);
        check_expected(kind, &mut report);
        if framework == Framework::Ilacs {
            cross_check_body(doc, &mut report);
        }
        findings::read_findings(doc, framework, &mut report);
        let grades = report.judgement_set();
        report.doubts.extend(rules::check(framework, &grades));
    }
    report
}

fn read_title(head_flat: &str, report: &mut ReadReport) {
    for (title, pattern) in TITLES.iter().zip(&PATTERNS.titles) {
        if let Some(m) = pattern.find(head_flat) {
            report.kind = Some(title.kind);
            report.titled_reinspection = title.titled_reinspection;
            report.title = Some(m.as_str().to_string());
            return;
        }
    }
}

fn read_dates(doc: &Document, head: &str, report: &mut ReadReport) {
    let visits = INSPECTION_DATES.captures(&flat(head)).map(|c| parse_visits(&c[1])).unwrap_or_default();
    match (visits.first(), visits.last()) {
        (Some((start, _)), Some((_, end))) => {
            report.inspection_start = Some(*start);
            report.inspection_end = Some(*end);
            report.on_site_days = Some(visits.iter().map(|(s, e)| (*e - *s).get_days() + 1).sum());
        }
        _ => report.doubt(DoubtKind::Dates, "no readable \"Inspection date(s):\" on page 1"),
    }
    let first_pages: String = doc.pages.iter().take(2).map(Page::text).collect::<Vec<_>>().join("\n");
    report.published_in_report = PUBLISHED.captures(&first_pages).and_then(|c| parse_date(&c[1]));
}

/// The LA named in a report: the title on page 1, else the running header of page 2.
fn read_authority(doc: &Document, title_block: &str, hints: &Hints, report: &mut ReadReport) {
    let on = report.inspection_start;
    let header = doc.pages.get(1).map(|p| p.lines.iter().take(3).map(|l| l.text()).collect::<Vec<_>>().join(" "));
    let found = lacs_authorities::find_in_text(title_block, on)
        .or_else(|| header.as_deref().and_then(|h| lacs_authorities::find_in_text(h, on)));
    match (found, hints.folder_urn) {
        (Some(a), hint) => {
            report.urn = Some(a.urn);
            report.la_name_printed = Some(a.name.clone());
            if let Some(h) = hint.filter(|h| *h != a.urn) {
                // A folder may hold a predecessor's report under its successor (or the reverse).
                let related = a.predecessors.contains(&h) || a.successors.contains(&h);
                if !related {
                    report.doubt(
                        DoubtKind::Authority,
                        format!("report names {} (URN {}) but its folder says URN {h}", a.name, a.urn),
                    );
                }
            }
        }
        (None, Some(h)) => {
            report.urn = lacs_authorities::by_urn(h).map(|a| a.urn);
            report.doubt(
                DoubtKind::Authority,
                format!("no known LA named on page 1 or in the running header; URN {h} taken from the folder name"),
            );
        }
        (None, None) => report.doubt(DoubtKind::Authority, "no known LA named on page 1 or in the running header"),
    }
}

/// "Lead inspector: Anna Gravelle, His Majesty's Inspector" and the plural form
/// "Lead inspectors: A, HMI, and B, HMI": names only, in order.
fn read_lead_inspectors(doc: &Document, report: &mut ReadReport) {
    let Some(page) = doc.pages.first() else { return };
    let text = page.text();
    let Some(m) = LEAD_INSPECTOR.find(&text) else {
        report.doubt(DoubtKind::Inspector, "no \"Lead inspector:\" on page 1");
        return;
    };
    // The names run to the table header or the next blank-ish line; allow one wrap.
    let rest: String = text[m.end()..].lines().take(2).collect::<Vec<_>>().join(" ");
    let rest = rest.split_terminator('\n').next().unwrap_or("");
    let rest = match rest.to_lowercase().find("judgement") {
        Some(i) => &rest[..i],
        None => rest,
    };
    let names = parse_inspector_names(rest);
    if names.is_empty() {
        report.doubt(DoubtKind::Inspector, format!("could not read a name in \"Lead inspector: {}\"", rest.trim()));
    }
    report.lead_inspectors = names;
}

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:his|her|his/her|her/his)?\s*majesty'?s?\s+inspectors?\b|\b(?:senior )?hmi\b|\b(?:social care regulatory |ofsted )?inspector\b")
});

fn parse_inspector_names(text: &str) -> Vec<String> {
    // A role may follow a name with no comma when it wraps onto the next line.
    let text = ROLE.replace_all(text, ",").replace(" and ", ", ");
    text.split([',', ';'])
        .map(flat)
        .filter(|part| !part.is_empty())
        .filter(|part| part.chars().next().is_some_and(char::is_uppercase))
        .filter(|part| part.split(' ').count() <= 5)
        .collect()
}

/// Every judgement printed on pages 1–2: table rows by position, and grade sentences.
fn read_judgements(doc: &Document, framework: Framework, report: &mut ReadReport) {
    for page in doc.pages.iter().take(2) {
        let layout = Layout::new(page);
        let mut claimed: Vec<(usize, Judgement)> = Vec::new();
        for (label, pattern) in TABLE_LABELS.iter().zip(&PATTERNS.table_labels) {
            if label.framework != framework || report.grade(label.judgement).is_some() {
                continue;
            }
            let hit = layout.find_labels(pattern).into_iter().find_map(|h| layout.cell_beside(&h).map(|c| (h, c)));
            let Some((hit, cell_index)) = hit else { continue };
            if let Some((_, other)) = claimed.iter().find(|(c, _)| *c == cell_index) {
                report.doubt(
                    DoubtKind::Judgement,
                    format!("one grade cell on page {} sits beside both {} and {}", page.number, other, label.judgement),
                );
            }
            claimed.push((cell_index, label.judgement));
            let cell = &layout.cells[cell_index];
            report.judgements.push(JudgementReading {
                judgement: label.judgement,
                grade: cell.grade,
                page: page.number,
                text: flat(&format!("{} {}", hit.text, cell.text)),
            });
        }
    }
    read_grade_sentences(doc, framework, report);
    report.judgements.sort_by_key(|r| r.judgement);
}

/// Grades stated in sentences, each table row of [`GRADE_SENTENCES`] in its scope.
fn read_grade_sentences(doc: &Document, framework: Framework, report: &mut ReadReport) {
    let first_pages: Vec<(u32, String)> = doc.pages.iter().take(2).map(|p| (p.number, flat(&p.text()))).collect();
    for (sentence, pattern) in GRADE_SENTENCES.iter().zip(&PATTERNS.sentences) {
        if !sentence.frameworks.contains(&framework) || report.grade(sentence.judgement).is_some() {
            continue;
        }
        let found = match sentence.scope {
            SentenceScope::FirstPages => first_pages.iter().find_map(|(n, text)| {
                pattern.captures(text).map(|c| (*n, c[0].to_string(), c.get(1).map(|g| g.as_str().to_string())))
            }),
            SentenceScope::HeadingLine => doc.pages.iter().find_map(|p| {
                let lines = flat_lines(p);
                (0..lines.len()).find_map(|i| {
                    let (line, _) = heading_at(&lines, i, pattern, 2)?;
                    pattern.captures(&line).map(|c| (p.number, c[0].to_string(), c.get(1).map(|g| g.as_str().to_string())))
                })
            }),
        };
        if let Some((page, text, Some(grade))) = found {
            if let Some(grade) = parse_grade(&grade) {
                report.judgements.push(JudgementReading { judgement: sentence.judgement, grade, page, text });
            }
        }
    }
}

fn check_expected(kind: Kind, report: &mut ReadReport) {
    let expected = kind.expected_judgements(report.inspection_start);
    for j in expected.required {
        if report.grade(*j).is_none() {
            report.doubt(DoubtKind::Judgement, format!("no {} grade found on pages 1–2", j));
        }
    }
    let unexpected: Vec<Judgement> =
        report.judgements.iter().map(|r| r.judgement).filter(|j| !expected.allows(*j)).collect();
    for j in unexpected {
        report.doubt(DoubtKind::Judgement, format!("{j} grade read, but a {kind} report should not have one"));
    }
}

/// ILACS reports repeat each area judgement as a body heading ("…: good"); any disagreement
/// with the page-1 table is a doubt.
fn cross_check_body(doc: &Document, report: &mut ReadReport) {
    let body: String = doc.pages.iter().skip(1).map(|p| flat(&p.text())).collect::<Vec<_>>().join(" ");
    for (heading, pattern) in ILACS_BODY_HEADINGS.iter().zip(&PATTERNS.body_headings) {
        let Some(table) = report.grade(heading.judgement) else { continue };
        let Some(found) = pattern.captures(&body).and_then(|c| c.get(1)).and_then(|g| parse_grade(g.as_str())) else {
            continue;
        };
        if found != table {
            report.doubt(
                DoubtKind::CrossCheck,
                format!("{}: page 1 says {}, the body heading says {}", heading.judgement, table, found),
            );
        }
    }
}

/// The publication date and where it came from: printed in the report, else the file name.
pub fn publication_date(report: &ReadReport, hints: &Hints) -> Option<(Date, lacs_domain::PublishedSource)> {
    report
        .published_in_report
        .map(|d| (d, lacs_domain::PublishedSource::Report))
        .or_else(|| date_in_file_name(&hints.file_name).map(|d| (d, lacs_domain::PublishedSource::FileName)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inspector_names() {
        assert_eq!(parse_inspector_names("Anna Gravelle, His Majesty's Inspector"), vec!["Anna Gravelle"]);
        assert_eq!(
            parse_inspector_names("Jo Bloggs, Her Majesty's Inspector, and Sam Smith, HMI"),
            vec!["Jo Bloggs", "Sam Smith"]
        );
    }

    #[test]
    fn hints_from_a_corpus_path() {
        let h = Hints::from_path(std::path::Path::new("x/80426_barnsley/children's services inspection - 27 october 2023.pdf"));
        assert_eq!(h.folder_urn, Some(80426));
        assert_eq!(date_in_file_name(&h.file_name), Some(jiff::civil::date(2023, 10, 27)));
    }
}
