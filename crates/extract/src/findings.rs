//! What inspectors said: the items under each findings heading of [`FINDINGS_HEADINGS`].
//!
//! Items are numbered ("10.") or bulleted (any non-alphanumeric glyph) with a hanging indent:
//! an item runs on while lines are indented past its marker, across page breaks (running
//! headers and footers in the page margins are skipped), and the list ends at a line back at
//! the margin that starts no item.

use crate::labels::{FindingsHeading, FINDINGS_HEADINGS, REQUIRED_FINDINGS};
use lacs_domain::{DoubtKind, Finding, Framework, ReadReport};
use lacs_pdftext::{Document, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Lines this close to the top or bottom edge are running headers, footers or page numbers.
const MARGIN: f32 = 62.0;
/// Lines of lead-in text allowed between a heading and its first item (a SIF judgement box:
/// "Key judgement | Judgement grade", a label over two lines, the grade).
const MAX_LEAD_IN: usize = 5;

static HEADINGS: LazyLock<Vec<Regex>> = LazyLock::new(|| FINDINGS_HEADINGS.iter().map(|h| crate::re(h.pattern)).collect());

fn is_bullet(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !matches!(c, '(' | '\'' | '"' | '£' | '-' | '–')
}

/// The text of the item a line opens, when it opens one: its first word is a number ("10.")
/// or a bullet glyph, alone or glued to the first word ("◼Clarity").
fn item_start(line: &Line) -> Option<String> {
    let first = line.words.first()?;
    let t = first.text.as_str();
    let numbered = t.len() > 1 && t.len() <= 4 && t.ends_with('.') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit());
    let mut chars = t.chars();
    let bullet = chars.next().is_some_and(is_bullet);
    let rest: String = chars.collect();
    let others = lacs_pdftext::join_words(&line.words[1..]);
    if numbered || (bullet && rest.is_empty()) {
        Some(others)
    } else if bullet && rest.chars().next().is_some_and(char::is_alphabetic) {
        Some(if others.is_empty() { rest } else { format!("{rest} {others}") })
    } else {
        None
    }
}

struct Cursor<'a> {
    doc: &'a Document,
    page: usize,
    line: usize,
}

impl<'a> Cursor<'a> {
    /// The next body line (margins skipped), with its page number.
    fn next(&mut self) -> Option<(u32, &'a Line)> {
        while let Some(page) = self.doc.pages.get(self.page) {
            if let Some(line) = page.lines.get(self.line) {
                self.line += 1;
                let y = line.y();
                if y < MARGIN || y > page.height - MARGIN {
                    continue;
                }
                return Some((page.number, line));
            }
            self.page += 1;
            self.line = 0;
        }
        None
    }
}

/// The items after a heading at (page, line).
fn items_after(doc: &Document, page: usize, line: usize, heading: &FindingsHeading) -> Vec<Finding> {
    let mut cursor = Cursor { doc, page, line };
    let mut items: Vec<Finding> = Vec::new();
    let mut marker_x = f32::MAX;
    let mut lead_in: Vec<(u32, &Line)> = Vec::new();
    while let Some((page_number, l)) = cursor.next() {
        // Another findings heading ends this list, even before its first item ("Priority and
        // immediate action" / "The inspection did not find any…" / "Areas for improvement").
        let text = crate::flat(&l.text());
        if HEADINGS.iter().any(|h| h.is_match(&text)) {
            break;
        }
        if let Some(text) = item_start(l) {
            marker_x = l.x0();
            items.push(Finding {
                section: heading.section,
                judgement: heading.judgement,
                position: items.len() as u32 + 1,
                page: page_number,
                text,
            });
        } else if let Some(item) = items.last_mut().filter(|_| l.x0() > marker_x + 4.0) {
            item.text.push(' ');
            item.text.push_str(&l.text());
        } else if items.is_empty() && lead_in.len() < MAX_LEAD_IN.max(if heading.prose_allowed { 12 } else { 0 }) {
            // Lead-in text before the first item; or, where allowed, the list as prose
            // (one paragraph: lines closely spaced).
            let continues = lead_in.last().is_none_or(|(_, prev)| (l.y() - prev.y()).abs() <= prev.words[0].size * 1.7);
            if !lead_in.is_empty() && !continues && heading.prose_allowed {
                break;
            }
            lead_in.push((page_number, l));
        } else {
            break;
        }
    }
    if items.is_empty() && heading.prose_allowed {
        if let Some((page, _)) = lead_in.first() {
            let text = lead_in.iter().map(|(_, l)| l.text()).collect::<Vec<_>>().join(" ");
            items.push(Finding { section: heading.section, judgement: heading.judgement, position: 1, page: *page, text });
        }
    }
    items.retain(|f| !f.text.trim().is_empty());
    items
}

/// Every findings section of the report's framework, in document order.
pub(crate) fn read_findings(doc: &Document, framework: Framework, report: &mut ReadReport) {
    let mut found = Vec::new();
    let pages: Vec<Vec<String>> = doc.pages.iter().map(crate::flat_lines).collect();
    for (heading, pattern) in FINDINGS_HEADINGS.iter().zip(HEADINGS.iter()) {
        if !heading.frameworks.contains(&framework) {
            continue;
        }
        // The first occurrence that opens a list: a contents page names headings too.
        'search: for (pi, lines) in pages.iter().enumerate() {
            for i in 0..lines.len() {
                if let Some((_, taken)) = crate::heading_at(lines, i, pattern) {
                    let items = items_after(doc, pi, i + taken, heading);
                    if !items.is_empty() {
                        found.extend(items);
                        break 'search;
                    }
                }
            }
        }
    }
    for (fw, section) in REQUIRED_FINDINGS {
        if *fw == framework && !found.iter().any(|f| f.section == *section) {
            report.doubt(DoubtKind::Findings, format!("no {section} items found"));
        }
    }
    report.findings = found;
}
