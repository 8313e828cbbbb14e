//! Finding the targets of a variation in a read document by simple, robust means of our own
//! (never the extractor's tables, so the instrument stays independent of what it measures):
//! table rows are text segments to the left of a segment that parses as a grade on
//! overlapping baselines; headings are whole lines that read as one of a short list of
//! phrases; the title is page 1's lines up to "Inspection date".

use lacs_extract::parse_grade;
use lacs_pdftext::{Document, Page};

/// A gap wider than this many font sizes separates two cells of a table line.
pub const CELL_GAP: f32 = 1.5;

/// Words a grade cell is made of (a wrapped cell is stacked fragments of these).
const GRADE_WORDS: &[&str] =
    &["requires", "require", "improvement", "to", "be", "good", "outstanding", "inadequate", "not", "judged"];

/// Every grade phrase as printed in full.
const GRADE_PHRASES: &[&str] = &[
    "requires improvement to be good",
    "require improvement to be good",
    "requires improvement",
    "outstanding",
    "inadequate",
    "good",
    "not judged",
];

/// Findings headings and judgement body headings, lower case, as whole lines. A line is a
/// heading when, lower-cased and stripped of a trailing colon or question mark, it is one of
/// these, or one of these followed by ": <grade>" / " is <grade>" / " are <grade>".
pub const HEADINGS: &[&str] = &[
    "what needs to improve",
    "what needs to improve in this local authority",
    "areas for improvement",
    "recommendations",
    "what does the local authority need to improve",
    "what does the lscb need to improve",
    "priority and immediate action",
    "summary of findings",
    "summary of key findings",
    "executive summary",
    "the impact of leaders on social work practice with children and families",
    "the impact of leaders on practice with children and families",
    "the experiences and progress of children who need help and protection",
    "the experiences and progress of children in care and care leavers",
    "the experiences and progress of children in care",
    "the experiences and progress of care leavers",
    "the experiences and progress of children looked after and achieving permanence",
    "leadership, management and governance",
];

/// Where page 1's title block ends.
pub const TITLE_END: &str = "inspection date";

/// A run of words on one line with no wide gap inside: `page.lines[line].words[start..end]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
}

impl Seg {
    pub fn top(&self) -> f32 {
        self.y - self.size
    }
}

/// A page's segments, in content order.
pub fn segments(page: &Page) -> Vec<Seg> {
    let mut out = Vec::new();
    for (li, line) in page.lines.iter().enumerate() {
        let mut start = 0;
        for i in 1..=line.words.len() {
            let split = i == line.words.len() || {
                let (a, b) = (&line.words[i - 1], &line.words[i]);
                b.x0 - a.x1 > CELL_GAP * a.size.max(b.size)
            };
            if split {
                let words = &line.words[start..i];
                if let Some(first) = words.first() {
                    out.push(Seg {
                        line: li,
                        start,
                        end: i,
                        text: lacs_pdftext::join_words(words),
                        x0: first.x0,
                        x1: words.iter().map(|w| w.x1).fold(first.x1, f32::max),
                        y: first.y,
                        size: words.iter().map(|w| w.size).fold(first.size, f32::max),
                    });
                }
                start = i;
            }
        }
    }
    out
}

fn norm_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

fn is_grade_fragment(text: &str) -> bool {
    let mut any = false;
    for w in text.split_whitespace() {
        if !GRADE_WORDS.contains(&norm_word(w).as_str()) {
            return false;
        }
        any = true;
    }
    any
}

fn is_grade_prefix(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(norm_word).collect();
    GRADE_PHRASES.iter().any(|p| {
        let phrase: Vec<&str> = p.split(' ').collect();
        words.len() <= phrase.len() && words.iter().zip(&phrase).all(|(a, b)| a == b)
    })
}

/// One row of a judgement table: its label's segments and its grade cell's (stacked)
/// segments, top to bottom.
#[derive(Debug, Clone)]
pub struct Row {
    pub page: usize,
    pub label: Vec<Seg>,
    pub grade: Vec<Seg>,
}

impl Row {
    fn all(&self) -> impl Iterator<Item = &Seg> {
        self.label.iter().chain(&self.grade)
    }
    pub fn top(&self) -> f32 {
        self.all().map(Seg::top).fold(f32::INFINITY, f32::min)
    }
    pub fn bottom(&self) -> f32 {
        self.all().map(|s| s.y).fold(f32::NEG_INFINITY, f32::max)
    }
    pub fn label_text(&self) -> String {
        self.label.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }
    pub fn grade_text(&self) -> String {
        self.grade.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }
    /// The grade cell's left edge.
    pub fn grade_x0(&self) -> f32 {
        self.grade.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min)
    }
    /// True when the word `page.lines[line].words[w]` belongs to this row.
    pub fn holds(&self, line: usize, w: usize) -> bool {
        self.all().any(|s| s.line == line && (s.start..s.end).contains(&w))
    }
}

/// Stacked grade fragments in one column that read as a grade.
fn grade_cells(frags: Vec<Seg>) -> Vec<Vec<Seg>> {
    let mut frags = frags;
    frags.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut cells: Vec<Vec<Seg>> = Vec::new();
    for f in frags {
        let joins = cells.iter_mut().rev().find(|c| {
            let Some(last) = c.last() else { return false };
            let text = format!("{} {}", c.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "), f.text);
            let same_column = f.x0 < last.x1 && last.x0 < f.x1;
            let below = f.y > last.y + 0.5 && f.y - last.y <= 1.6 * last.size.max(f.size);
            same_column && below && is_grade_prefix(&text)
        });
        match joins {
            Some(c) => c.push(f),
            None => cells.push(vec![f]),
        }
    }
    cells.retain(|c| parse_grade(&c.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")).is_some());
    cells
}

/// The judgement table rows on pages 1 and 2, top to bottom per page.
pub fn table_rows(doc: &Document) -> Vec<Row> {
    let mut rows = Vec::new();
    for (pi, page) in doc.pages.iter().enumerate().take(2) {
        let segs = segments(page);
        let (frags, others): (Vec<Seg>, Vec<Seg>) = segs.into_iter().partition(|s| is_grade_fragment(&s.text));
        let cells = grade_cells(frags);
        let mut page_rows: Vec<Row> =
            cells.into_iter().map(|grade| Row { page: pi, label: Vec::new(), grade }).collect();
        for s in &others {
            // Left of a grade cell, within two lines of it; not a header ("Judgement | Grade":
            // text to its right in the grade column).
            let candidates = page_rows
                .iter()
                .enumerate()
                .filter(|(_, r)| s.x1 < r.grade_x0() - s.size * 0.5)
                .filter(|(_, r)| !others.iter().any(|o| (o.y - s.y).abs() < 1.0 && o.x0 >= r.grade_x0() - 2.0))
                .map(|(i, r)| {
                    let (first, last) = (r.grade[0].y, r.grade[r.grade.len() - 1].y);
                    let d = if s.y < first {
                        first - s.y
                    } else if s.y > last {
                        s.y - last
                    } else {
                        0.0
                    };
                    (i, d)
                })
                .filter(|(_, d)| *d <= 2.6 * s.size)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, _)) = candidates {
                page_rows[i].label.push(s.clone());
            }
        }
        page_rows.retain(|r| !r.label.is_empty());
        for r in &mut page_rows {
            r.label.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        }
        page_rows.sort_by(|a, b| a.top().total_cmp(&b.top()));
        rows.extend(page_rows);
    }
    rows
}

/// Lower case, whitespace collapsed, curly apostrophes straightened.
pub fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('’', "'")
}

/// True when a whole line reads as a heading of [`HEADINGS`].
pub fn is_heading(text: &str) -> bool {
    let t = norm(text);
    let t = t.trim_end_matches(['.', ':', '?', ' ']);
    HEADINGS.iter().any(|h| {
        let Some(rest) = t.strip_prefix(h) else { return false };
        let rest = rest.trim_start_matches([':', ' ']);
        let rest = rest
            .strip_prefix("is ")
            .or_else(|| rest.strip_prefix("are "))
            .unwrap_or(rest)
            .trim_start_matches([':', ' ']);
        rest.is_empty() || parse_grade(rest).is_some()
    })
}

/// A heading line: (page index, line index).
pub fn headings(doc: &Document) -> Vec<(usize, usize)> {
    let rows = table_rows(doc);
    let mut out = Vec::new();
    for (pi, page) in doc.pages.iter().enumerate() {
        for (li, line) in page.lines.iter().enumerate() {
            if rows.iter().any(|r| r.page == pi && r.all().any(|s| s.line == li)) {
                continue;
            }
            if is_heading(&line.text()) {
                out.push((pi, li));
            }
        }
    }
    out
}

/// Page 1's title lines: line indices before the one that starts the inspection dates, at
/// most eight, skipping empty lines.
pub fn title_lines(doc: &Document) -> Vec<usize> {
    let Some(page) = doc.pages.first() else { return Vec::new() };
    let mut out = Vec::new();
    for (li, line) in page.lines.iter().enumerate().take(8) {
        if norm(&line.text()).contains(TITLE_END) {
            return out;
        }
        if !line.words.is_empty() {
            out.push(li);
        }
    }
    // No "Inspection date" near the top: no title block we can trust.
    Vec::new()
}
