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
mod furniture;
mod grades;
pub mod labels;
mod sequence;
mod table;
pub mod tolerant;

pub use dates::{date_in_file_name, parse_date, parse_range, parse_visits};
pub use grades::parse_grade;
pub use lacs_pdftext::PdfError;

use labels::{SentenceScope, BODY_HEADINGS, GRADE_SENTENCES, TABLE_LABELS, TITLES};
use lacs_authorities::Found;
use lacs_domain::{rules, Date, Doubt, DoubtKind, Framework, Grade, Judgement, JudgementReading, Kind, ReadReport};
use lacs_pdftext::{Document, Page};
use regex::Regex;
use std::sync::LazyLock;
use table::Layout;
use tolerant::{Phrases, Words};

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

/// The version of the reading rules: this crate's version and a fingerprint of every source
/// that decides what a report reads as (see `build.rs`). The store records it with each
/// reading; a reading made under other rules is read again by `lacs reread`.
pub const READING_RULES: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("LACS_READING_RULES_FINGERPRINT"));

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

/// The tables' patterns compiled, exact (regular expressions) and tolerant (phrases).
struct Compiled {
    titles: Vec<Regex>,
    title_phrases: Vec<Phrases>,
    table_labels: Vec<Regex>,
    table_phrases: Vec<Phrases>,
    sentences: Vec<Regex>,
    body_headings: Vec<Regex>,
    body_phrases: Vec<Phrases>,
    body_boxes: Vec<Option<(Regex, Phrases)>>,
}

static PATTERNS: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    titles: TITLES.iter().map(|t| re(t.pattern)).collect(),
    title_phrases: TITLES.iter().map(|t| Phrases::of_pattern(t.pattern)).collect(),
    table_labels: TABLE_LABELS.iter().map(|l| re(&l.pattern.replace(' ', r"\s+"))).collect(),
    table_phrases: TABLE_LABELS.iter().map(|l| Phrases::of_pattern(l.pattern)).collect(),
    sentences: GRADE_SENTENCES.iter().map(|s| re(s.pattern)).collect(),
    body_headings: BODY_HEADINGS.iter().map(|h| re(h.pattern)).collect(),
    body_phrases: BODY_HEADINGS.iter().map(|h| Phrases::of_pattern(h.pattern)).collect(),
    body_boxes: BODY_HEADINGS
        .iter()
        .map(|h| h.box_label.map(|l| (re(&l.replace(' ', r"\s+")), Phrases::of_pattern(l))))
        .collect(),
});

/// The on-site dates: everything after the label up to the next page-1 item (dates can wrap).
static INSPECTION_DATES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"inspection dates?\s*:?\s*(.{4,160}?)\s*(?:lead inspector|reporting inspector|report published|published|judgement|age group|the overall|children's services|$)",
    )
});
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:report published|originally published on|published)\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    )
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

/// A row of a table, not a line of prose: two of its words stand further apart than prose
/// ever sets them (a judgement table's label and its grade in the next column). A paragraph's
/// number may stand as far from its text as it likes: that gap is a tab, not a column.
pub(crate) fn is_table_row(line: &lacs_pdftext::Line) -> bool {
    let after_marker = usize::from(sequence::leading_number(line).is_some());
    line.words.windows(2).skip(after_marker).any(|w| w[1].x0 - w[0].x1 > 2.5 * w[0].size.max(w[1].size))
}

/// Line `i` as a heading may wrap from it: the line alone, then joined with the next, and so
/// on up to `max_lines` lines (fewer where the page ends), each with how many lines it takes.
pub(crate) fn wrapped(lines: &[String], i: usize, max_lines: usize) -> impl Iterator<Item = (String, usize)> + '_ {
    lines
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take(max_lines)
        .scan(String::new(), |joined, line| {
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
    doc.pages.first().map(|p| p.lines.iter().take(14).map(|l| l.text()).collect::<Vec<_>>().join("\n")).unwrap_or_default()
}

/// Read a parsed document.
pub fn read_report(doc: &Document, hints: &Hints) -> ReadReport {
    // Words built by another hand than `lacs_pdftext::read` (curly apostrophes, no-break
    // spaces) read as the PDF reader would give them.
    let normalised;
    let changes = |text: &str| !text.is_ascii() && lacs_pdftext::normalise_text(text) != text;
    let doc = if doc.pages.iter().flat_map(Page::words).any(|w| changes(&w.text)) {
        let mut copy = doc.clone();
        for word in copy.pages.iter_mut().flat_map(|p| p.lines.iter_mut()).flat_map(|l| l.words.iter_mut()) {
            if changes(&word.text) {
                word.text = lacs_pdftext::normalise_text(&word.text);
            }
        }
        normalised = copy;
        &normalised
    } else {
        doc
    };
    let mut report = ReadReport {
        page_count: doc.pages.len() as u32,
        pages: doc.pages.iter().map(Page::text).collect(),
        ..Default::default()
    };
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
    if report.kind.is_none() {
        // No title known: a judgement table of a known framework still says what it is (a
        // report on a trust or company whose title names neither the LA nor its services).
        report.kind = table_framework(doc).map(|f| match f {
            Framework::Sif => Kind::Sif,
            _ => Kind::IlacsStandard,
        });
    }

    let kind = match report.kind {
        Some(Kind::IlacsStandard) => match report.on_site_days {
            Some(days) => Kind::ilacs_from_on_site_days(days),
            None => {
                report.push_doubt(Doubt::new(DoubtKind::Kind, "ILACS report without readable on-site dates: short or standard unknown").on_page(1));
                Kind::IlacsStandard
            }
        },
        Some(k) => k,
        None => {
            report.push_doubt(Doubt::new(DoubtKind::Kind, unknown_kind_reason(&report)).on_page(1));
            Kind::Unknown
        }
    };
    report.kind = Some(kind);

    if kind.framework() == Some(Framework::Ilacs) {
        read_lead_inspectors(doc, &mut report);
    }
    if let Some(framework) = kind.framework() {
        let tolerant_reads = read_judgements(doc, framework, &mut report);
        check_expected(kind, &mut report);
        check_body(doc, framework, &tolerant_reads, &mut report);
        findings::read_findings(doc, framework, &mut report);
        let grades = report.judgement_set();
        report.doubts.extend(rules::check(framework, &grades));
    } else if kind == Kind::Unknown && report.urn.is_some() {
        // A report of a framework not yet known: keep whatever its judgement table says in
        // the words of the latest framework; the document is in doubt already.
        read_judgements(doc, Framework::Ilacs, &mut report);
    }
    report
}

/// The title: as the tables spell it, else the one title that fits tolerantly (two that fit
/// equally well are a doubt, and neither is taken).
fn read_title(head_flat: &str, report: &mut ReadReport) {
    for (title, pattern) in TITLES.iter().zip(&PATTERNS.titles) {
        if let Some(m) = pattern.find(head_flat) {
            report.kind = Some(title.kind);
            report.titled_reinspection = title.titled_reinspection;
            report.title = Some(m.as_str().to_string());
            return;
        }
    }
    let words = Words::new(head_flat);
    let fits: Vec<((usize, tolerant::Found), u32)> = PATTERNS
        .title_phrases
        .iter()
        .enumerate()
        .filter_map(|(i, p)| tolerant::find(p, &words, tolerant::Span::Anywhere).into_iter().next().map(|f| (i, f)))
        .map(|(i, f)| {
            let cost = f.cost;
            ((i, f), cost)
        })
        .collect();
    match tolerant::best(&fits) {
        Some(Ok(best)) => {
            let ((i, found), _) = &fits[best];
            report.kind = Some(TITLES[*i].kind);
            report.titled_reinspection = TITLES[*i].titled_reinspection;
            report.title = head_flat.get(found.start..found.end).map(str::to_string);
        }
        Some(Err(tied)) => {
            let kinds: Vec<String> = tied.iter().map(|&t| TITLES[fits[t].0 .0].kind.to_string()).collect();
            report.push_doubt(Doubt::new(DoubtKind::Kind, format!("the title on page 1 reads equally as {}", kinds.join(" or "))).on_page(1));
        }
        None => {}
    }
}

/// The framework whose judgement table page 1 prints: at least three of its row labels, each
/// beside a grade, and none of another framework's.
fn table_framework(doc: &Document) -> Option<Framework> {
    let page = doc.pages.first()?;
    let layout = Layout::new(page);
    let rows = |framework: Framework| {
        TABLE_LABELS
            .iter()
            .zip(&PATTERNS.table_labels)
            .filter(|(l, p)| {
                l.framework == framework && layout.find_labels(p).iter().any(|(h, _)| layout.cell_beside(h).is_some())
            })
            .count()
    };
    let (ilacs, sif) = (rows(Framework::Ilacs), rows(Framework::Sif));
    match (ilacs, sif) {
        (i, 0) if i >= 3 => Some(Framework::Ilacs),
        (0, s) if s >= 3 => Some(Framework::Sif),
        _ => None,
    }
}

/// Why a document's kind is unknown, saying whether it looks like an inspection report of an
/// LA's children's services (a framework not yet known) or not.
fn unknown_kind_reason(report: &ReadReport) -> String {
    match (report.urn, report.inspection_start) {
        (Some(urn), Some(start)) => format!(
            "no known report title or judgement table on page 1, but it names an LA (URN {urn}) and inspection \
             dates from {start}: a report of a framework not yet known?"
        ),
        _ => "no known report title on page 1".to_string(),
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
        _ => report.push_doubt(Doubt::new(DoubtKind::Dates, "no readable \"Inspection date(s):\" on page 1").on_page(1)),
    }
    let first_pages: String = doc.pages.iter().take(2).map(Page::text).collect::<Vec<_>>().join("\n");
    report.published_in_report = PUBLISHED.captures(&first_pages).and_then(|c| parse_date(&c[1]));
}

/// The LA named in a report: the title on page 1, else the running header of page 2.
fn read_authority(doc: &Document, title_block: &str, hints: &Hints, report: &mut ReadReport) {
    let on = report.inspection_start;
    let header = doc.pages.get(1).map(|p| p.lines.iter().take(3).map(|l| l.text()).collect::<Vec<_>>().join(" "));
    let candidates = lacs_authorities::find_candidates_in_text(title_block, on)
        .or_else(|| header.as_deref().and_then(|h| lacs_authorities::find_candidates_in_text(h, on)));
    // A body that runs several LAs' services (a trust or company) names no one LA: the folder
    // settles it, else it is a doubt.
    let found = match &candidates {
        Some(Found::Several(several)) => {
            let chosen = hints.folder_urn.and_then(|h| candidates.as_ref().and_then(|c| c.choose(h)));
            if chosen.is_none() {
                let names: Vec<&str> = several.iter().map(|a| a.name.as_str()).collect();
                report.push_doubt(
                    Doubt::new(
                        DoubtKind::Authority,
                        format!("page 1 names a body that runs the services of {}, and no one of them", names.join(", ")),
                    )
                    .on_page(1),
                );
            }
            chosen
        }
        Some(Found::One(a)) => Some(*a),
        None => None,
    };
    match (found, hints.folder_urn) {
        (Some(a), hint) => {
            report.urn = Some(a.urn);
            report.la_name_printed = Some(a.name.clone());
            if let Some(h) = hint.filter(|h| *h != a.urn) {
                // A folder may hold a predecessor's report under its successor (or the reverse).
                let related = a.predecessors.contains(&h) || a.successors.contains(&h);
                if !related {
                    report.push_doubt(
                        Doubt::new(
                            DoubtKind::Authority,
                            format!("report names {} (URN {}) but its folder says URN {h}", a.name, a.urn),
                        )
                        .on_page(1),
                    );
                }
            }
        }
        (None, Some(h)) => {
            report.urn = lacs_authorities::by_urn(h).map(|a| a.urn);
            report.push_doubt(
                Doubt::new(
                    DoubtKind::Authority,
                    format!("no known LA named on page 1 or in the running header; URN {h} taken from the folder name"),
                )
                .on_page(1),
            );
        }
        (None, None) => report
            .push_doubt(Doubt::new(DoubtKind::Authority, "no known LA named on page 1 or in the running header").on_page(1)),
    }
}

/// "Lead inspector: Anna Gravelle, His Majesty's Inspector" and the plural form
/// "Lead inspectors: A, HMI, and B, HMI": names only, in order.
fn read_lead_inspectors(doc: &Document, report: &mut ReadReport) {
    let Some(page) = doc.pages.first() else {
        return;
    };
    let text = page.text();
    let Some(m) = LEAD_INSPECTOR.find(&text) else {
        report.push_doubt(Doubt::new(DoubtKind::Inspector, "no \"Lead inspector:\" on page 1").on_page(1));
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
        report.push_doubt(
            Doubt::new(DoubtKind::Inspector, format!("could not read a name in \"Lead inspector: {}\"", rest.trim())).on_page(1),
        );
    }
    report.lead_inspectors = names;
}

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:his|her|his/her|her/his)?\s*majesty'?s?\s+inspectors?\b|\b(?:senior )?hmi\b|\b(?:social care regulatory |ofsted )?inspector\b",
    )
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

/// Every judgement printed on pages 1–2: table rows by position, and grade sentences. Returns
/// the judgements whose label was read tolerantly (not as the tables spell it): their grades
/// stand only where the body of the report confirms them.
fn read_judgements(doc: &Document, framework: Framework, report: &mut ReadReport) -> Vec<Judgement> {
    let mut tolerant_reads = Vec::new();
    for page in doc.pages.iter().take(2) {
        let layout = Layout::new(page);
        // Exact labels first: a cell they take, and the text they cover, are theirs.
        let mut claimed: Vec<(usize, Judgement)> = Vec::new();
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for (label, pattern) in TABLE_LABELS.iter().zip(&PATTERNS.table_labels) {
            if label.framework != framework || report.grade(label.judgement).is_some() {
                continue;
            }
            let hit = layout.find_labels(pattern).into_iter().find_map(|h| layout.cell_beside(&h.0).map(|c| (h, c)));
            let Some(((hit, range), cell_index)) = hit else {
                continue;
            };
            if let Some((_, other)) = claimed.iter().find(|(c, _)| *c == cell_index) {
                report.push_doubt(
                    Doubt::new(
                        DoubtKind::Judgement,
                        format!("one grade cell on page {} sits beside both {} and {}", page.number, other, label.judgement),
                    )
                    .on_page(page.number)
                    .about(&[*other, label.judgement]),
                );
            }
            claimed.push((cell_index, label.judgement));
            covered.push(range);
            push_table_reading(report, label.judgement, page.number, &hit.text, &layout.cells[cell_index]);
        }
        // Then the labels not yet read, tolerantly, each to a free cell.
        let mut candidates: Vec<(Judgement, table::LabelHit, usize, u32)> = Vec::new();
        for (label, phrases) in TABLE_LABELS.iter().zip(&PATTERNS.table_phrases) {
            if label.framework != framework || report.grade(label.judgement).is_some() {
                continue;
            }
            for (hit, cost, (start, end)) in layout.find_labels_tolerant(phrases) {
                let overlaps = covered.iter().any(|(s, e)| start < *e && end > *s);
                let Some(cell) = layout.cell_beside(&hit).filter(|c| !claimed.iter().any(|(cc, _)| cc == c)) else {
                    continue;
                };
                if !overlaps {
                    candidates.push((label.judgement, hit, cell, cost));
                }
            }
        }
        for (judgement, hit, cell) in choose_tolerant(candidates, page.number, report) {
            tolerant_reads.push(judgement);
            claimed.push((cell, judgement));
            push_table_reading(report, judgement, page.number, &hit.text, &layout.cells[cell]);
        }
        // A grade in the table's column that no label took is a row that could not be read
        // (its label printed past recognition): never silently one judgement fewer.
        let columns: Vec<f32> = claimed.iter().map(|(c, _)| layout.cells[*c].x0).collect();
        for (i, cell) in layout.cells.iter().enumerate() {
            let in_column = columns.iter().any(|x| (x - cell.x0).abs() < 3.0);
            if in_column && !claimed.iter().any(|(c, _)| *c == i) {
                report.push_doubt(
                    Doubt::new(
                        DoubtKind::Judgement,
                        format!(
                            "a grade (\"{}\") in the judgement table on page {} sits beside no known label",
                            cell.text, page.number
                        ),
                    )
                    .on_page(page.number),
                );
            }
        }
    }
    read_grade_sentences(doc, framework, report);
    report.judgements.sort_by_key(|r| r.judgement);
    tolerant_reads
}

fn push_table_reading(report: &mut ReadReport, judgement: Judgement, page: u32, label: &str, cell: &table::GradeCell) {
    report.judgements.push(JudgementReading {
        judgement,
        grade: cell.grade,
        page,
        text: flat(&format!("{} {}", label, cell.text)),
    });
}

/// Tolerant label readings, one per judgement and per cell: each judgement takes its best
/// fit; where two judgements fit one cell, the better fit takes it, and a tie is a doubt
/// (two readings are possible) that leaves the cell unread.
fn choose_tolerant(
    mut candidates: Vec<(Judgement, table::LabelHit, usize, u32)>,
    page: u32,
    report: &mut ReadReport,
) -> Vec<(Judgement, table::LabelHit, usize)> {
    candidates.sort_by_key(|(j, _, _, cost)| (*j, *cost));
    candidates.dedup_by_key(|(j, _, _, _)| *j);
    let mut chosen = Vec::new();
    let mut cells: Vec<usize> = candidates.iter().map(|c| c.2).collect();
    cells.sort_unstable();
    cells.dedup();
    for cell in cells {
        let rivals: Vec<(Judgement, u32)> =
            candidates.iter().filter(|c| c.2 == cell).map(|(j, _, _, cost)| (*j, *cost)).collect();
        match tolerant::best(&rivals) {
            Some(Ok(i)) => {
                let judgement = rivals[i].0;
                if let Some((j, hit, cell, _)) = candidates.iter().find(|c| c.0 == judgement && c.2 == cell) {
                    chosen.push((*j, hit.clone(), *cell));
                }
            }
            Some(Err(tied)) => {
                let names: Vec<String> = tied.iter().map(|&i| rivals[i].0.to_string()).collect();
                let judgements: Vec<Judgement> = tied.iter().map(|&i| rivals[i].0).collect();
                report.push_doubt(
                    Doubt::new(
                        DoubtKind::Judgement,
                        format!("a grade on page {page} sits beside a label that reads equally as {}", names.join(" or ")),
                    )
                    .on_page(page)
                    .about(&judgements),
                );
            }
            None => {}
        }
    }
    chosen
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
            report.push_doubt(
                Doubt::new(DoubtKind::Judgement, format!("no {} grade found on pages 1–2", j)).on_page(1).about(&[*j]),
            );
        }
    }
    let unexpected: Vec<Judgement> = report.judgements.iter().map(|r| r.judgement).filter(|j| !expected.allows(*j)).collect();
    for j in unexpected {
        let page = report.judgements.iter().find(|r| r.judgement == j).map_or(1, |r| r.page);
        report.push_doubt(
            Doubt::new(DoubtKind::Judgement, format!("{j} grade read, but a {kind} report should not have one"))
                .on_page(page)
                .about(&[j]),
        );
    }
}

/// Reports repeat each judgement in a body heading ("…: good"). A body heading that disagrees
/// with page 1 is a doubt; a grade whose label was read tolerantly stands only where a body
/// heading confirms it.
fn check_body(doc: &Document, framework: Framework, tolerant_reads: &[Judgement], report: &mut ReadReport) {
    let body: String = doc.pages.iter().skip(1).map(|p| flat(&p.text())).collect::<Vec<_>>().join(" ");
    let mut tolerant_lines: Option<Vec<Vec<(String, Words)>>> = None;
    let mut body_layouts: Option<Vec<Layout>> = None;
    let mut confirmed: Vec<Judgement> = Vec::new();
    for (i, heading) in BODY_HEADINGS.iter().enumerate() {
        if heading.framework != framework {
            continue;
        }
        let Some(table) = report.grade(heading.judgement) else {
            continue;
        };
        let exact = PATTERNS.body_headings[i].captures(&body).and_then(|c| c.get(1)).and_then(|g| parse_grade(g.as_str()));
        // A heading printed differently, and the judgement box, are looked for only to
        // confirm a tolerant reading.
        let found = match exact {
            Some(g) => Some(g),
            None if tolerant_reads.contains(&heading.judgement) => {
                let lines = tolerant_lines.get_or_insert_with(|| body_lines(doc));
                tolerant_body_grade(lines, &PATTERNS.body_phrases[i]).or_else(|| {
                    let (pattern, phrases) = PATTERNS.body_boxes[i].as_ref()?;
                    let layouts = body_layouts.get_or_insert_with(|| doc.pages.iter().skip(1).map(Layout::new).collect());
                    box_grade(layouts, pattern, phrases)
                })
            }
            None => None,
        };
        match found {
            Some(found) if found != table => report.push_doubt(
                Doubt::new(
                    DoubtKind::CrossCheck,
                    format!("{}: page 1 says {}, the body heading says {}", heading.judgement, table, found),
                )
                .on_page(1)
                .about(&[heading.judgement]),
            ),
            Some(_) => confirmed.push(heading.judgement),
            None => {}
        }
    }
    for judgement in tolerant_reads.iter().filter(|j| !confirmed.contains(j)) {
        let reading = report.judgements.iter().find(|r| r.judgement == *judgement);
        let (printed, page) = reading.map_or((String::new(), 1), |r| (r.text.clone(), r.page));
        report.push_doubt(
            Doubt::new(
                DoubtKind::Judgement,
                format!(
                    "the {judgement} label on page 1 is printed unlike any known (\"{printed}\") and no body heading confirms its grade"
                ),
            )
            .on_page(page)
            .about(&[*judgement]),
        );
    }
}

/// The grade in a judgement box after page 1: its label (exactly, else tolerantly) with a
/// grade beside it, when every such box gives the same grade.
fn box_grade(layouts: &[Layout], pattern: &Regex, phrases: &Phrases) -> Option<Grade> {
    let mut grades: Vec<Grade> = Vec::new();
    for layout in layouts {
        let exact = layout.find_labels(pattern).into_iter().map(|(h, _)| h);
        let hits: Vec<table::LabelHit> = match exact.collect::<Vec<_>>() {
            found if !found.is_empty() => found,
            _ => layout.find_labels_tolerant(phrases).into_iter().map(|(h, _, _)| h).collect(),
        };
        grades.extend(hits.iter().filter_map(|h| layout.cell_beside(h)).map(|c| layout.cells[c].grade));
    }
    the_one_grade(grades)
}

/// The grade every reading gives, when they all give one and the same.
fn the_one_grade(mut grades: Vec<Grade>) -> Option<Grade> {
    grades.sort();
    grades.dedup();
    match grades.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Every line after page 1, alone and joined with the next one or two (headings wrap), cut
/// into words once for all body headings.
fn body_lines(doc: &Document) -> Vec<Vec<(String, Words)>> {
    doc.pages
        .iter()
        .skip(1)
        .map(|p| {
            let lines = flat_lines(p);
            (0..lines.len())
                .flat_map(|i| wrapped(&lines, i, 3).map(|(joined, _)| joined).collect::<Vec<_>>())
                .filter(|joined| joined.len() < 200)
                .map(|joined| {
                    let words = Words::new(&joined);
                    (joined, words)
                })
                .collect()
        })
        .collect()
}

/// The grade a body heading gives when it is printed unlike the table spells it: the one
/// grade that every line fitting the heading tolerantly gives.
fn tolerant_body_grade(lines: &[Vec<(String, Words)>], phrases: &Phrases) -> Option<Grade> {
    the_one_grade(
        lines
            .iter()
            .flatten()
            .filter_map(|(text, words)| {
                let found = tolerant::whole(phrases, words)?;
                let (s, e) = found.grade?;
                parse_grade(text.get(s..e)?)
            })
            .collect(),
    )
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

    use lacs_pdftext::{Line, Word};

    /// A line of words set left to right from `x` on baseline `y`, 10 points, 6 points a letter.
    fn line(x: f32, y: f32, text: &str) -> Line {
        let mut words = Vec::new();
        let mut at = x;
        for w in text.split_whitespace() {
            let x1 = at + 6.0 * w.chars().count() as f32;
            words.push(Word { text: w.to_string(), x0: at, x1, y, size: 10.0 });
            at = x1 + 3.0;
        }
        Line { words }
    }

    /// An ILACS report: page 1 with its table (each row a label at the left, the grade at
    /// x = 450), page 2 with the body headings given.
    fn ilacs(rows: &[(&str, &str)], body: &[&str]) -> Document {
        let mut lines = vec![
            line(50.0, 60.0, "Inspection of Barnsley local authority children's services"),
            line(50.0, 90.0, "Inspection dates: 11 to 22 September 2023"),
            line(50.0, 110.0, "Lead inspector: Anna Gravelle, His Majesty's Inspector"),
            line(50.0, 140.0, "Judgement"),
        ];
        for (i, (label, grade)) in rows.iter().enumerate() {
            let y = 170.0 + 30.0 * i as f32;
            let mut l = line(50.0, y, label);
            l.words.extend(line(450.0, y, grade).words);
            lines.push(l);
        }
        let page1 = Page { number: 1, width: 595.0, height: 842.0, lines };
        let page2 = Page {
            number: 2,
            width: 595.0,
            height: 842.0,
            lines: body.iter().enumerate().map(|(i, t)| line(50.0, 100.0 + 20.0 * i as f32, t)).collect(),
        };
        Document { pages: vec![page1, page2] }
    }

    const LEADERS: &str = "The impact of leaders on practice with children and families";
    const HELP: &str = "The experiences and progress of children who need help and protection";
    const IN_CARE: &str = "The experiences and progress of children in care";
    const LEAVERS: &str = "The experiences and progress of care leavers";

    fn rows(help_label: &str) -> Vec<(&str, &str)> {
        vec![(LEADERS, "Good"), (help_label, "Requires improvement"), (IN_CARE, "Good"), (LEAVERS, "Outstanding")]
    }

    #[test]
    fn a_label_printed_a_little_differently_is_read_when_the_body_confirms_it() {
        let dropped = "The experiences and progress of children who need and protection";
        let doc = ilacs(
            &rows(dropped),
            &["The experiences and progress of children who need help and protection: requires improvement to be good"],
        );
        let r = read_report(&doc, &Hints::default());
        assert_eq!(r.grade(Judgement::HelpProtection), Some(Grade::RequiresImprovement));
        assert_eq!(r.grade(Judgement::Leaders), Some(Grade::Good));
        assert_eq!(r.grade(Judgement::CareLeavers), Some(Grade::Outstanding));
        let judgement_doubts: Vec<_> = r.doubts.iter().filter(|d| d.kind == DoubtKind::Judgement).collect();
        assert!(judgement_doubts.is_empty(), "{judgement_doubts:?}");
    }

    #[test]
    fn a_tolerant_reading_no_body_heading_confirms_is_a_doubt() {
        let misspelt = "The experiences and progress of chidlren who need help and protektion";
        let doc = ilacs(&rows(misspelt), &["Some other text"]);
        let r = read_report(&doc, &Hints::default());
        assert_eq!(r.grade(Judgement::HelpProtection), Some(Grade::RequiresImprovement));
        assert!(
            r.doubts.iter().any(|d| d.kind == DoubtKind::Judgement && d.message.contains("no body heading confirms")),
            "{:?}",
            r.doubts
        );
    }

    #[test]
    fn a_body_heading_that_disagrees_is_a_doubt_however_printed() {
        let dropped = "The experiences and progress of children who need and protection";
        let doc = ilacs(&rows(dropped), &["THE EXPERIENCES AND PROGRESS OF CHILDREN WHO NEED HELP AND PROTECTION:1 GOOD"]);
        let r = read_report(&doc, &Hints::default());
        assert!(r.doubts.iter().any(|d| d.kind == DoubtKind::CrossCheck), "{:?}", r.doubts);
    }

    #[test]
    fn a_report_on_a_trust_is_read_by_its_table() {
        let mut doc = ilacs(&rows(HELP), &[]);
        doc.pages[0].lines[0] = line(50.0, 60.0, "Inspection of Slough Children First");
        let r = read_report(&doc, &Hints::default());
        assert_eq!(r.kind.and_then(Kind::framework), Some(Framework::Ilacs));
        assert_eq!(r.urn.and_then(lacs_authorities::by_urn).map(|a| a.name.as_str()), Some("Slough"));
    }

    #[test]
    fn an_unknown_report_of_a_known_la_keeps_what_it_read() {
        let mut doc = ilacs(&[(LEADERS, "Good"), ("Something new entirely", "Good")], &[]);
        doc.pages[0].lines[0] = line(50.0, 60.0, "Barnsley Metropolitan Borough Council: a new kind of review");
        let r = read_report(&doc, &Hints::default());
        assert_eq!(r.kind, Some(Kind::Unknown));
        assert!(r.urn.is_some());
        assert_eq!(r.grade(Judgement::Leaders), Some(Grade::Good));
        assert!(r.doubts.iter().any(|d| d.kind == DoubtKind::Kind && d.message.contains("not yet known")), "{:?}", r.doubts);
    }

    #[test]
    fn hints_from_a_corpus_path() {
        let h = Hints::from_path(std::path::Path::new("x/80426_barnsley/children's services inspection - 27 october 2023.pdf"));
        assert_eq!(h.folder_urn, Some(80426));
        assert_eq!(date_in_file_name(&h.file_name), Some(jiff::civil::date(2023, 10, 27)));
    }
}

/// Lines and pages made up for unit tests.
#[cfg(test)]
pub(crate) mod test_pages {
    use lacs_pdftext::{Line, Page, Word};

    /// A line of 12-point words (`text` split at spaces), the first at `x`, one every 40 points.
    pub(crate) fn line(x: f32, y: f32, text: &str) -> Line {
        let words = text
            .split(' ')
            .enumerate()
            .map(|(i, t)| Word { text: t.into(), x0: x + 40.0 * i as f32, x1: x + 30.0 + 40.0 * i as f32, y, size: 12.0 })
            .collect();
        Line { words }
    }

    /// An A4 page.
    pub(crate) fn page(number: u32, lines: Vec<Line>) -> Page {
        Page { number, width: 595.0, height: 842.0, lines }
    }
}
