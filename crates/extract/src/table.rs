//! Reads a two-column "Judgement | Grade" table by position.
//!
//! Labels and grades wrap over lines, and a wrapped grade can sit above, beside or below its
//! label, in any content-stream order. So: split each line into segments at wide gaps; merge
//! stacked grade fragments in one column into grade cells; find each label in the text of the
//! remaining segments; pair a label with the grade cell to its right whose vertical extent
//! meets the label's.

use crate::grades::{is_grade_fragment, is_grade_prefix, parse_grade};
use crate::tolerant::{self, Phrases, Span, Words};
use lacs_domain::Grade;
use lacs_pdftext::{join_words, Page, Word};
use regex::Regex;

/// A run of words on one line with no wide gap inside it.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
}

impl Segment {
    fn top(&self) -> f32 {
        self.y - self.size
    }
}

/// A gap wider than this many font sizes separates table cells.
const CELL_GAP: f32 = 1.5;

fn segment(words: &[Word]) -> Segment {
    let first = &words[0];
    Segment {
        text: join_words(words),
        x0: first.x0,
        x1: words.iter().map(|w| w.x1).fold(first.x1, f32::max),
        y: first.y,
        size: words.iter().map(|w| w.size).fold(first.size, f32::max),
    }
}

/// The page's segments, in content-stream order.
pub fn segments(page: &Page) -> Vec<Segment> {
    let mut out = Vec::new();
    for line in &page.lines {
        let mut start = 0;
        for i in 1..line.words.len() {
            let (a, b) = (&line.words[i - 1], &line.words[i]);
            if b.x0 - a.x1 > CELL_GAP * a.size.max(b.size) {
                out.push(segment(&line.words[start..i]));
                start = i;
            }
        }
        if start < line.words.len() {
            out.push(segment(&line.words[start..]));
        }
    }
    out
}

/// A grade cell: one or more stacked fragments in one column that read as a grade.
#[derive(Debug, Clone)]
pub struct GradeCell {
    pub grade: Grade,
    pub text: String,
    pub x0: f32,
    pub top: f32,
    pub bottom: f32,
}

/// A label found on the page.
#[derive(Debug, Clone)]
pub struct LabelHit {
    pub text: String,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
}

/// The page split into grade cells and the text of everything else.
pub struct Layout {
    pub cells: Vec<GradeCell>,
    /// Non-grade segments in content order.
    others: Vec<Segment>,
    /// `others` joined by spaces (patterns are case-insensitive); `starts[i]` is where segment i begins.
    text: String,
    starts: Vec<usize>,
    /// `text` cut into words for tolerant matching: once per page, on first need, for every
    /// label looked for.
    words: std::cell::OnceCell<Words>,
}

impl Layout {
    pub fn new(page: &Page) -> Layout {
        let segs = segments(page);
        let (fragments, others): (Vec<_>, Vec<_>) =
            segs.into_iter().partition(|s| is_grade_fragment(&s.text));
        let cells = stack_cells(fragments);
        let mut text = String::new();
        let mut starts = Vec::with_capacity(others.len());
        for s in &others {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(&s.text);
        }
        Layout { cells, others, text, starts, words: std::cell::OnceCell::new() }
    }

    /// Every occurrence of a label pattern (a regex over lower-case text).
    pub fn find_labels(&self, pattern: &Regex) -> Vec<(LabelHit, (usize, usize))> {
        pattern.find_iter(&self.text).filter_map(|m| Some((self.hit(m.start(), m.end())?, (m.start(), m.end())))).collect()
    }

    /// Every place the label's phrases fit the text within tolerance (see
    /// [`crate::tolerant`]), best first, with the cost of each and its byte range.
    pub fn find_labels_tolerant(&self, phrases: &Phrases) -> Vec<(LabelHit, u32, (usize, usize))> {
        let words = self.words.get_or_init(|| Words::new(&self.text));
        tolerant::find(phrases, words, Span::Anywhere)
            .into_iter()
            .filter_map(|f| Some((self.hit(f.start, f.end)?, f.cost, (f.start, f.end))))
            .collect()
    }

    /// The label hit made of the segments that the text's byte range `start..end` covers.
    fn hit(&self, start: usize, end: usize) -> Option<LabelHit> {
        let first = self.starts.partition_point(|&s| s <= start).checked_sub(1)?;
        let last = self.starts.partition_point(|&s| s < end).checked_sub(1)?;
        let segs = self.others.get(first..=last)?;
        Some(LabelHit {
            text: self.text.get(start..end)?.to_string(),
            x1: segs.iter().map(|s| s.x1).fold(f32::MIN, f32::max),
            top: segs.iter().map(|s| s.top()).fold(f32::MAX, f32::min),
            bottom: segs.iter().map(|s| s.y).fold(f32::MIN, f32::max),
        })
    }

    /// The grade cell that sits to the right of `label` and meets it vertically, nearest
    /// centre first. Returns its index in `cells`.
    pub fn cell_beside(&self, label: &LabelHit) -> Option<usize> {
        let centre = (label.top + label.bottom) / 2.0;
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.x0 >= label.x1 - 1.0 && c.top <= label.bottom + 2.0 && c.bottom >= label.top - 2.0)
            .min_by(|(_, a), (_, b)| {
                let da = ((a.top + a.bottom) / 2.0 - centre).abs();
                let db = ((b.top + b.bottom) / 2.0 - centre).abs();
                da.total_cmp(&db)
            })
            .map(|(i, _)| i)
    }
}

/// Merge grade fragments stacked in one column (same left edge, consecutive lines) into
/// cells, keeping only stacks that read as one grade.
fn stack_cells(mut fragments: Vec<Segment>) -> Vec<GradeCell> {
    fragments.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.y.total_cmp(&b.y)));
    let mut cells = Vec::new();
    let mut i = 0;
    while i < fragments.len() {
        // Grow a stack from fragment i downwards while the next fragment continues the
        // column on the next line and the text is still the start of a grade phrase
        // ("Requires" / "improvement to be" / "good").
        let mut j = i + 1;
        while j < fragments.len() {
            let (prev, next) = (&fragments[j - 1], &fragments[j]);
            let same_column = (next.x0 - fragments[i].x0).abs() < 2.0;
            let adjacent = next.y > prev.y && next.y - prev.y <= prev.size * 1.8;
            if same_column && adjacent && is_grade_prefix(&join_segments(&fragments[i..=j])) {
                j += 1;
            } else {
                break;
            }
        }
        let stack = &fragments[i..j];
        let text = join_segments(stack);
        if let Some(grade) = parse_grade(&text) {
            cells.push(GradeCell {
                grade,
                text,
                x0: stack[0].x0,
                top: stack[0].top(),
                bottom: stack[stack.len() - 1].y,
            });
        }
        i = j;
    }
    cells
}

fn join_segments(segs: &[Segment]) -> String {
    segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}
