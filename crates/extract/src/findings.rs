//! What inspectors said: the findings under each heading of [`FINDINGS_HEADINGS`], read as
//! the heading's [`Body`] says.
//!
//! Items are numbered ("10.") or bulleted (a bullet glyph) with a hanging indent: an item runs
//! on while lines are indented past its marker, across page breaks (the page's furniture,
//! [`crate::furniture`], is passed over), and a sub-list indented past the marker stays inside
//! its item. The list ends at a line back at the margin that starts no item. A numbered line
//! opens an item only where [`Sequence`] says it continues the report's paragraph numbers.
//! Summaries are paragraphs of prose, told apart by the gap above them; a SIF judgement's
//! numbered detailed findings follow its summary in the same section, up to the next heading.
//!
//! A line belongs to at most one section: once a heading's section is read, its lines are
//! claimed, and later headings are not looked for inside it. Findings come out in the order the
//! report prints them, and every paragraph of the sequence must be among them exactly once:
//! what is missing or repeated is a doubt.

use crate::furniture::furniture;
use crate::labels::{
    Body, FindingsHeading, Part, FINDINGS_HEADINGS, JUDGEMENT_SECTION_LABELS, LSCB_PART_STARTS, MAX_HEADING_LINES,
    REQUIRED_FINDINGS, SECTION_ENDS, SUMMARY_LABELS,
};
use crate::sequence::{leading_number, number_list, Sequence};
use crate::tolerant::{self, Phrases, Words};
use lacs_domain::{Doubt, DoubtKind, Finding, FindingSection, Framework, ReadReport};
use lacs_pdftext::{Document, Line};
use regex::{Regex, RegexSet, RegexSetBuilder};
use std::sync::{LazyLock, OnceLock};

/// Lines of lead-in text allowed between a heading and its first item (a SIF judgement box:
/// "Key judgement | Judgement grade", a label over two lines, the grade).
const MAX_LEAD_IN: usize = 5;
/// Lines of prose a list given as one paragraph may run to.
const MAX_PROSE_ITEM: usize = 12;
/// Prose running longer than this without a heading or a numbered paragraph of the report's
/// sequence has run past its section's end: it is cut here, with a doubt.
const MAX_SUMMARY_LINES: usize = 160;
/// A gap between baselines wider than this many times the type size opens a new paragraph
/// (lines of a paragraph sit about 1.2 apart, paragraphs 1.7).
const PARAGRAPH_GAP: f32 = 1.45;

/// One framework's findings headings as one set: their indices in [`FINDINGS_HEADINGS`] and
/// the patterns, in that order.
struct FrameworkHeadings {
    indices: Vec<usize>,
    set: RegexSet,
    /// The same headings as phrases, for lines that no pattern matches exactly.
    phrases: Vec<Phrases>,
    /// The most words a tolerant heading may run to (its longest phrase and a few extra).
    max_words: usize,
}

impl FrameworkHeadings {
    fn new(framework: Framework) -> FrameworkHeadings {
        let indices: Vec<usize> =
            (0..FINDINGS_HEADINGS.len()).filter(|&i| FINDINGS_HEADINGS[i].frameworks.contains(&framework)).collect();
        let set = ascii_set(indices.iter().map(|&i| FINDINGS_HEADINGS[i].pattern));
        let phrases: Vec<Phrases> = indices.iter().map(|&i| Phrases::of_pattern(FINDINGS_HEADINGS[i].pattern)).collect();
        let max_words = phrases.iter().map(Phrases::max_words).max().unwrap_or(0) + 6;
        FrameworkHeadings { indices, set, phrases, max_words }
    }

    /// The headings a line fits tolerantly at the best cost, and that cost. Several headings
    /// print the same words (a SIF's lists for the LA and for the LSCB): as with exact
    /// matches, the part of the report decides between them.
    fn tolerant(&self, joined: &str, except: &[usize]) -> Option<(Vec<usize>, u32)> {
        // A heading begins with a capital letter; a bulleted or numbered line is an item, and
        // a line in lower case the wrapped end of a sentence ("… recommendations."), whatever
        // its words.
        if !joined.trim_start().starts_with(char::is_uppercase) {
            return None;
        }
        let words = Words::new(joined);
        if words.is_empty() || words.len() > self.max_words {
            return None;
        }
        let fits: Vec<(usize, u32)> = self
            .phrases
            .iter()
            .enumerate()
            .filter_map(|(k, p)| tolerant::whole(p, &words).map(|f| (self.indices[k], f.cost)))
            // The same words (a footnote marker, case, punctuation) always read; a heading
            // already found exactly is not looked for again with words lost or misspelt.
            .filter(|(h, cost)| *cost == 0 || !except.contains(h))
            .collect();
        let (indices, cost) = match tolerant::best(&fits)? {
            Ok(i) => (vec![fits[i].0], fits[i].1),
            Err(tied) => (tied.iter().map(|&i| fits[i].0).collect(), fits[tied[0]].1),
        };
        Some((indices, cost))
    }
}

/// Each framework's set, compiled on first use: a reader process reads one report, and
/// compiling the other frameworks' patterns would cost more than matching.
static HEADINGS: LazyLock<Vec<(Framework, OnceLock<FrameworkHeadings>)>> =
    LazyLock::new(|| Framework::ALL.iter().map(|&f| (f, OnceLock::new())).collect());
static LABELS: LazyLock<RegexSet> = LazyLock::new(|| ascii_set(SUMMARY_LABELS.iter().copied()));
static ENDS: LazyLock<RegexSet> = LazyLock::new(|| ascii_set(SECTION_ENDS.iter().copied()));
static INSIDE_JUDGEMENT: LazyLock<RegexSet> = LazyLock::new(|| ascii_set(JUDGEMENT_SECTION_LABELS.iter().copied()));
static LSCB_STARTS: LazyLock<RegexSet> = LazyLock::new(|| ascii_set(LSCB_PART_STARTS.iter().copied()));

/// Built-in patterns as one set, without Unicode case folding: they are ASCII words, and so
/// compile several times faster; a reader process compiles them for every report it reads.
fn ascii_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> RegexSet {
    RegexSetBuilder::new(patterns.into_iter().map(crate::pattern_source))
        .unicode(false)
        .build()
        .expect("valid built-in findings patterns")
}

/// A bullet glyph: any mark that is not a letter, digit or a sign that opens text ("(", a
/// quote, a currency sign, "©" of a copyright line).
fn is_bullet(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !matches!(c, '(' | '[' | '\'' | '"' | '‘' | '“' | '£' | '$' | '€' | '%' | '&' | '©' | '®' | '-' | '–')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Number,
    Bullet,
}

/// An item a line opens: its marker, the printed paragraph number, and its text.
struct ItemStart {
    marker: Marker,
    number: Option<u32>,
    text: String,
}

/// The item a line opens, when it opens one: its first word is a number ("10.") that
/// `sequence` lets open a paragraph, or a bullet glyph, alone or glued to the first word
/// ("◼Clarity").
fn item_start(line: &Line, pos: Pos, sequence: &Sequence, bullet_before: bool) -> Option<ItemStart> {
    let first = line.words.first()?;
    if bullet_before {
        return Some(ItemStart { marker: Marker::Bullet, number: None, text: line.text() });
    }
    let others = || lacs_pdftext::join_words(&line.words[1..]);
    if let Some(n) = sequence.at(pos.page, pos.line) {
        return Some(ItemStart { marker: Marker::Number, number: Some(n), text: others() });
    }
    if let Some(n) = leading_number(line) {
        return sequence.opens(pos.page, pos.line, n).then(|| ItemStart {
            marker: Marker::Number,
            number: Some(n),
            text: others(),
        });
    }
    let mut chars = first.text.chars();
    if !chars.next().is_some_and(is_bullet) {
        return None;
    }
    let rest: String = chars.collect();
    let text = if rest.is_empty() {
        // A glyph alone opens nothing: its text, if any, is the next line ([`lone_bullet`]).
        Some(others()).filter(|t| !t.is_empty())?
    } else if rest.chars().next().is_some_and(char::is_alphabetic) {
        let others = others();
        if others.is_empty() {
            rest
        } else {
            format!("{rest} {others}")
        }
    } else {
        return None;
    };
    Some(ItemStart { marker: Marker::Bullet, number: None, text })
}

/// A line that is one bullet glyph and nothing else (a stray glyph, or a bullet whose text the
/// PDF sets apart).
fn lone_bullet(line: &Line) -> bool {
    match line.words.as_slice() {
        [only] => {
            let mut chars = only.text.chars();
            chars.next().is_some_and(is_bullet) && chars.next().is_none()
        }
        _ => false,
    }
}

/// A sub-item's line joins its item on a line of its own, marked as a bullet.
fn append_subitem(text: &mut String, line: &str) {
    text.push_str("\n• ");
    text.push_str(line.trim());
}

/// Where findings headings start: for each line of each page, the headings (by index in
/// [`FINDINGS_HEADINGS`]) that start there, wrapped or not, and how many lines each takes.
/// Built once per document with one [`RegexSet`] of its framework's headings: each line is
/// matched once, not once per heading and again for every line a section reads.
struct HeadingIndex {
    starts: Vec<Vec<Vec<(usize, usize)>>>,
    /// Tolerant fits of headings found exactly elsewhere, in the same shape.
    reserve: Vec<Vec<Vec<(usize, usize)>>>,
}

/// Line `i` is one of a list of judgements and their grades ("Leadership, management and
/// governance: Inadequate." under "The judgements for the local authority were:"), a line
/// of the same form beside it: it names a judgement but heads nothing.
fn in_list_of_grades(lines: &[String], i: usize) -> bool {
    static GRADED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&crate::pattern_source(r"^[^a-z0-9]*[a-z][a-z ,'()-]*: {grade}\.?$")).expect("valid pattern")
    });
    let graded = |j: usize| lines.get(j).is_some_and(|l| GRADED_LABEL.is_match(l));
    graded(i) && (graded(i.wrapping_sub(1)) || graded(i + 1))
}

/// Adds tolerant fits (page, line, heading, lines taken, cost) to `starts`. A heading is
/// printed once in its part: where several lines fit it, only the best fits count (a body line
/// "… needs to improve." is not the heading "What needs to improve?" with a footnote marker).
fn with_best_fits(
    mut starts: Vec<Vec<Vec<(usize, usize)>>>,
    fits: &[(usize, usize, usize, usize, u32)],
) -> Vec<Vec<Vec<(usize, usize)>>> {
    for &(page, i, h, taken, cost) in fits {
        let best = fits.iter().filter(|f| f.2 == h).map(|f| f.4).min();
        if best == Some(cost) {
            starts[page][i].push((h, taken));
        }
    }
    starts
}

impl HeadingIndex {
    fn new(doc: &Document, pages: &[Vec<String>], framework: Framework) -> HeadingIndex {
        let Some(headings) =
            HEADINGS.iter().find(|(f, _)| *f == framework).map(|(_, h)| h.get_or_init(|| FrameworkHeadings::new(framework)))
        else {
            return HeadingIndex { starts: Vec::new(), reserve: Vec::new() };
        };
        let starts: Vec<Vec<Vec<(usize, usize)>>> = pages
            .iter()
            .map(|lines| {
                (0..lines.len())
                    .map(|i| {
                        let mut found: Vec<(usize, usize)> = Vec::new();
                        if in_list_of_grades(lines, i) {
                            return found;
                        }
                        for (joined, taken) in crate::wrapped(lines, i, MAX_HEADING_LINES) {
                            for heading in headings.set.matches(&joined).iter().map(|m| headings.indices[m]) {
                                // A heading takes the fewest lines that make it.
                                if !found.iter().any(|(h, _)| *h == heading) {
                                    found.push((heading, taken));
                                }
                            }
                        }
                        found
                    })
                    .collect()
            })
            .collect();
        // Then the headings printed a little differently, only on lines that no exact heading
        // takes: in the same words (a footnote marker, case, punctuation) any heading; with a
        // word dropped or misspelt only a heading not found exactly anywhere in the report.
        // Tolerance fills what exact reading missed; it never second-guesses it. A line that
        // several headings match (the LA's and the LSCB's lists print alike) settles none of
        // them: the other part's may still be missing.
        // (A judgement table's row, "The experiences and progress of … | Good", reads as a
        // heading exactly but opens no section: it settles nothing either.)
        let exact: Vec<usize> = starts
            .iter()
            .enumerate()
            .flat_map(|(page, found)| found.iter().enumerate().map(move |(line, f)| (page, line, f)))
            .filter(|(page, line, found)| found.len() == 1 && !doc.pages[*page].lines.get(*line).is_some_and(crate::is_table_row))
            .flat_map(|(_, _, found)| found.iter().map(|(h, _)| *h))
            .collect();
        // (page, line, heading, lines taken, cost) of every tolerant fit.
        let mut fits: Vec<(usize, usize, usize, usize, u32)> = Vec::new();
        let mut reserve = Vec::new();
        for (page, lines) in pages.iter().enumerate() {
            let mut taken_until = 0;
            for (i, found) in starts[page].iter().enumerate() {
                if let Some(taken) = found.iter().map(|(_, t)| *t).max() {
                    taken_until = taken_until.max(i + taken);
                    continue;
                }
                if i < taken_until || in_list_of_grades(lines, i) {
                    continue;
                }
                let best_fit = |except: &[usize]| {
                    crate::wrapped(lines, i, MAX_HEADING_LINES)
                        .filter_map(|(joined, taken)| headings.tolerant(&joined, except).map(|(h, c)| (h, taken, c)))
                        .min_by_key(|(_, taken, cost)| (*cost, *taken))
                };
                if let Some((tied, taken, cost)) = best_fit(&exact) {
                    fits.extend(tied.into_iter().map(|h| (page, i, h, taken, cost)));
                    taken_until = i + taken;
                } else if let Some((tied, taken, cost)) = best_fit(&[]) {
                    // Kept in reserve: a heading found exactly only where it opens nothing
                    // (a judgement table's label on page 1) is looked for here after all.
                    reserve.extend(tied.into_iter().map(|h| (page, i, h, taken, cost)));
                }
            }
        }
        HeadingIndex { starts: with_best_fits(starts.clone(), &fits), reserve: with_best_fits(starts, &reserve) }
    }

    /// How many lines heading `heading` takes when it starts at `pos`.
    fn lines_of(&self, heading: usize, pos: Pos) -> Option<usize> {
        self.at(pos).iter().find(|(h, _)| *h == heading).map(|(_, taken)| *taken)
    }

    /// As [`HeadingIndex::lines_of`], with the fits kept in reserve too: for a heading whose
    /// exact occurrences opened no section.
    fn lines_of_with_reserve(&self, heading: usize, pos: Pos) -> Option<usize> {
        let reserve = self.reserve.get(pos.page).and_then(|lines| lines.get(pos.line)).map_or(&[][..], Vec::as_slice);
        self.lines_of(heading, pos).or_else(|| reserve.iter().find(|(h, _)| *h == heading).map(|(_, taken)| *taken))
    }

    /// The first heading of the table that starts at `pos`.
    fn first_at(&self, pos: Pos) -> Option<&'static FindingsHeading> {
        self.at(pos).iter().map(|(h, _)| *h).min().and_then(|h| FINDINGS_HEADINGS.get(h))
    }

    fn at(&self, pos: Pos) -> &[(usize, usize)] {
        self.starts.get(pos.page).and_then(|lines| lines.get(pos.line)).map_or(&[], Vec::as_slice)
    }
}

/// Adds a line to a paragraph's text. A line that breaks at a hyphen ("cross-" / "party")
/// joins the next without a space: the reports break lines only at hyphens they print.
fn append_line(text: &mut String, line: &str) {
    let mut tail = text.chars().rev();
    let hyphen_break = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if !text.is_empty() && !hyphen_break {
        text.push(' ');
    }
    text.push_str(line.trim());
}

/// A place in the document: page index and line index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Pos {
    page: usize,
    line: usize,
}

/// A body line with where it is, and its text whitespace collapsed.
#[derive(Clone, Copy)]
struct BodyLine<'a> {
    pos: Pos,
    page_number: u32,
    line: &'a Line,
    text: &'a str,
    /// A bullet glyph printed alone on this baseline just before the line: it opens an item.
    bullet_before: bool,
}

impl BodyLine<'_> {
    /// The line's type: its longest word's (a marker or a superscript run in can be smaller).
    fn size(&self) -> f32 {
        self.line.words.iter().max_by_key(|w| w.text.chars().count()).map_or(0.0, |w| w.size)
    }

    fn x1(&self) -> f32 {
        self.line.words.last().map_or(0.0, |w| w.x1)
    }
}

/// What is worked out once per document and read by every section.
struct DocumentView<'a> {
    doc: &'a Document,
    /// Each page's lines, whitespace collapsed.
    flat: Vec<Vec<String>>,
    /// Each page's lines: running header, footer or page number?
    furniture: Vec<Vec<bool>>,
    headings: HeadingIndex,
    sequence: Sequence,
}

impl DocumentView<'_> {
    fn item_start(&self, l: &BodyLine) -> Option<ItemStart> {
        item_start(l.line, l.pos, &self.sequence, l.bullet_before)
    }
}

#[derive(Clone)]
struct Cursor<'a> {
    view: &'a DocumentView<'a>,
    pos: Pos,
    /// The end of the part being read: nothing at or after it is returned.
    limit: Pos,
    /// The last line skipped was a bullet glyph alone, its text on the next line.
    bullet_pending: bool,
}

impl<'a> Cursor<'a> {
    fn new(view: &'a DocumentView<'a>, pos: Pos, limit: Pos) -> Cursor<'a> {
        Cursor { view, pos, limit, bullet_pending: false }
    }

    /// The next body line (the page's furniture and footnotes skipped).
    fn next(&mut self) -> Option<BodyLine<'a>> {
        let view = self.view;
        while let Some(page) = view.doc.pages.get(self.pos.page).filter(|_| self.pos < self.limit) {
            if let Some(line) = page.lines.get(self.pos.line) {
                let pos = self.pos;
                self.pos.line += 1;
                let furniture = view.furniture.get(pos.page).and_then(|f| f.get(pos.line)).copied().unwrap_or(true);
                if furniture || line.words.is_empty() {
                    continue;
                }
                if lone_bullet(line) {
                    // Its text, when it has any, follows on the same baseline.
                    let next = page.lines.get(self.pos.line).filter(|next| (next.y() - line.y()).abs() < 1.0);
                    self.bullet_pending = next.is_some();
                    continue;
                }
                let bullet_before = std::mem::take(&mut self.bullet_pending);
                let text = view.flat.get(pos.page).and_then(|lines| lines.get(pos.line)).map_or("", String::as_str);
                return Some(BodyLine { pos, page_number: page.number, line, text, bullet_before });
            }
            self.pos.page += 1;
            self.pos.line = 0;
        }
        None
    }

    fn peek(&self) -> Option<BodyLine<'a>> {
        self.clone().next()
    }

    /// Where the cursor stands: the next line it would look at.
    fn here(&self) -> Pos {
        self.pos
    }
}

/// One heading's findings, each with where it starts, and where the section ends (the first
/// line not in it).
struct Section {
    findings: Vec<(Pos, Finding)>,
    end: Pos,
    doubts: Vec<String>,
}

impl Section {
    /// The findings read, empty ones dropped and the rest numbered 1, 2, 3…
    fn new(mut findings: Vec<(Pos, Finding)>, end: Pos, doubts: Vec<String>) -> Section {
        findings.retain(|(_, f)| !f.text.trim().is_empty());
        for (i, (_, f)) in findings.iter_mut().enumerate() {
            f.position = i as u32 + 1;
        }
        Section { findings, end, doubts }
    }
}

/// A finding under `heading` starting on line `l`, numbered when its section is complete
/// ([`Section::new`]).
fn finding(heading: &FindingsHeading, l: &BodyLine, number: Option<u32>, text: String) -> (Pos, Finding) {
    (l.pos, Finding { section: heading.section, judgement: heading.judgement, position: 0, page: l.page_number, number, text })
}

/// A short line without closing punctuation, after a finished sentence, that introduces the
/// list on the next line.
fn is_subheading(view: &DocumentView, line: &BodyLine, prev: Option<&BodyLine>, next: Option<BodyLine>) -> bool {
    // A colon may close a short sub-heading ("Leadership, management and governance:"); a
    // longer line ending so is the lead-in sentence of a list, and a full stop or a comma
    // ends prose.
    let short_with_colon = line.text.ends_with(':') && line.text.split(' ').count() <= 5;
    // A paragraph of the report's numbered sequence is an item, whatever it looks like: "5.
    // Ensure that:" leads into its sub-list, and "1. Quality and effectiveness of practice"
    // over bullets is one recommendation with its points.
    view.sequence.at(line.pos.page, line.pos.line).is_none()
        && line.text.len() <= 70
        && (short_with_colon || !line.text.ends_with(['.', ':', ';', ',']))
        && prev.is_none_or(|p| p.text.ends_with(['.', ':', ';']) || p.pos.page != line.pos.page)
        && next.is_some_and(|n| view.item_start(&n).is_some())
}

/// What a line is to the section being read.
enum Role {
    /// It ends the section.
    End,
    /// A sub-heading inside it, passed over.
    Subheading,
    Body,
}

/// The one rule for where a section ends. A line of [`SECTION_ENDS`] or another kind of
/// findings heading ends it. Where the heading allows sub-headings, a short line at the
/// margin introducing items is one, even if it names a judgement ("Leadership, management and
/// governance" in an overall summary or a list of areas for improvement); any other findings
/// heading ends the section. Inside a judgement's section, the labels of
/// [`JUDGEMENT_SECTION_LABELS`] ("Inspection findings" between a SIF summary and its detailed
/// findings) are passed over.
fn role(cursor: &Cursor, heading: &FindingsHeading, l: &BodyLine, prev: Option<&BodyLine>, at_margin: bool) -> Role {
    let view = cursor.view;
    let next_heading = view.headings.first_at(l.pos);
    if heading.section == FindingSection::Judgement && heading.judgement.is_some() && INSIDE_JUDGEMENT.is_match(l.text) {
        Role::Subheading
    } else if ENDS.is_match(l.text) || next_heading.is_some_and(|h| h.section != FindingSection::Judgement) {
        Role::End
    } else if heading.subheadings && at_margin && is_subheading(view, l, prev, cursor.peek()) {
        Role::Subheading
    } else if next_heading.is_some() {
        Role::End
    } else {
        Role::Body
    }
}

/// The items after a heading; `cursor` stands on the first line after it.
fn read_items(mut cursor: Cursor, heading: &FindingsHeading) -> Section {
    let view = cursor.view;
    let prose_allowed = heading.body == Body::ItemsOrParagraph;
    let mut items: Vec<(Pos, Finding)> = Vec::new();
    let mut marker_x = f32::MAX;
    let mut lead_in: Vec<BodyLine> = Vec::new();
    let mut prev: Option<BodyLine> = None;
    let end = loop {
        let here = cursor.here();
        let Some(l) = cursor.next() else {
            break cursor.here();
        };
        // Another findings heading ends this list, even before its first item ("Priority and
        // immediate action" / "The inspection did not find any…" / "Areas for improvement").
        match role(&cursor, heading, &l, prev.as_ref(), l.line.x0() <= marker_x + 4.0) {
            Role::End => break here,
            Role::Subheading => continue,
            Role::Body => {}
        }
        prev = Some(l);
        let indented = l.line.x0() > marker_x + 4.0;
        let no_items = items.is_empty();
        let start = view.item_start(&l);
        // A paragraph of the report's sequence opens an item wherever it is set.
        let of_sequence =
            start.as_ref().is_some_and(|s| s.number.is_some() && view.sequence.at(l.pos.page, l.pos.line).is_some());
        match (start, items.last_mut()) {
            // A sub-list indented past the item's marker stays inside the item.
            (Some(start), Some((_, item))) if indented && !of_sequence => append_subitem(&mut item.text, &start.text),
            (Some(start), _) => {
                marker_x = l.line.x0();
                items.push(finding(heading, &l, start.number, start.text));
            }
            (None, Some((_, item))) if indented => append_line(&mut item.text, &l.line.text()),
            _ if no_items && lead_in.len() < if prose_allowed { MAX_PROSE_ITEM } else { MAX_LEAD_IN } => {
                // Lead-in text before the first item; or, where allowed, the list as prose
                // (one paragraph: lines closely spaced).
                let continues = lead_in.last().is_none_or(|prev| (l.line.y() - prev.line.y()).abs() <= prev.size() * 1.7);
                if !lead_in.is_empty() && !continues && prose_allowed {
                    break here;
                }
                lead_in.push(l);
            }
            _ => break here,
        }
    };
    if items.is_empty() && prose_allowed {
        if let Some(first) = lead_in.first() {
            let mut text = String::new();
            for l in &lead_in {
                append_line(&mut text, &l.line.text());
            }
            items.push(finding(heading, first, None, text));
        }
    }
    Section::new(items, end, Vec::new())
}

/// A judgement's summary after its heading: past the labels, a list (read as items) or
/// paragraphs of prose.
fn read_summary(mut cursor: Cursor, heading_index: usize, heading: &FindingsHeading) -> Section {
    let view = cursor.view;
    // The labels: the grade, a "Key judgement" box, "Summary", and the heading repeated in the box.
    while let Some(l) = cursor.peek() {
        if LABELS.is_match(l.text) {
            cursor.next();
        } else if let Some(taken) = view.headings.lines_of(heading_index, l.pos) {
            cursor.pos = Pos { page: l.pos.page, line: l.pos.line + taken };
        } else {
            break;
        }
    }
    if cursor.peek().is_some_and(|l| view.item_start(&l).is_some()) {
        return read_items(cursor, heading);
    }
    read_paragraphs(cursor, heading)
}

/// Paragraphs of prose, each one finding, up to the next heading. Bulleted items among them
/// are findings too; so are numbered ones where a line introduces them ("… because:"), and the
/// paragraphs of the report's numbered sequence (a SIF judgement's detailed findings).
fn read_paragraphs(mut cursor: Cursor, heading: &FindingsHeading) -> Section {
    let view = cursor.view;
    let mut findings: Vec<(Pos, Finding)> = Vec::new();
    let mut doubts = Vec::new();
    let mut prev: Option<BodyLine> = None;
    let mut body_size: Option<f32> = None;
    let mut right_edge = 0f32;
    // Inside a list: its marker and the marker's x; an item's lines are indented past it.
    let mut list: Option<(Marker, f32)> = None;
    // The last line read introduces a list.
    let mut introduces_list = false;
    let mut taken = 0;
    let end = loop {
        let here = cursor.here();
        let Some(l) = cursor.next() else {
            break cursor.here();
        };
        let text = l.text;
        let size = l.size();
        match role(&cursor, heading, &l, prev.as_ref(), true) {
            Role::End => break here,
            Role::Subheading => {
                prev = None;
                introduces_list = true;
                continue;
            }
            Role::Body => {}
        }
        let opens_paragraph = match prev {
            None => true,
            Some(p) if p.pos.page == l.pos.page => l.line.y() - p.line.y() > p.size() * PARAGRAPH_GAP,
            // Over a page break: a new paragraph when the last one ended short with a full stop.
            Some(p) => p.text.ends_with(['.', ':']) && p.x1() < right_edge - 30.0,
        };
        // A heading: set apart, in a larger type than the summary's.
        if opens_paragraph && body_size.is_some_and(|b| size > b + 1.0) {
            break here;
        }
        let x0 = l.line.x0();
        let indented = list.is_some_and(|(_, x)| x0 > x + 4.0);
        let start = view.item_start(&l);
        let of_sequence =
            start.as_ref().is_some_and(|s| s.number.is_some() && view.sequence.at(l.pos.page, l.pos.line).is_some());
        match start {
            // A sub-list indented past an item's marker stays inside the item.
            Some(start) if indented && !of_sequence => match findings.last_mut() {
                Some((_, last)) => append_subitem(&mut last.text, &start.text),
                None => findings.push(finding(heading, &l, None, start.text)),
            },
            Some(start)
                if of_sequence
                    || start.marker == Marker::Bullet
                    || introduces_list
                    || list.is_some_and(|(lm, _)| lm == start.marker) =>
            {
                list = Some((start.marker, x0));
                if of_sequence {
                    // The report's own numbering vouches for the section running on.
                    taken = 0;
                }
                findings.push(finding(heading, &l, start.number, start.text));
            }
            // A numbered list of its own, not introduced, is another part of the report.
            Some(start) if start.marker == Marker::Number && (opens_paragraph || list.is_some()) => break here,
            _ => match findings.last_mut() {
                Some((_, last)) if indented || (!opens_paragraph && list.is_none()) => {
                    append_line(&mut last.text, text);
                }
                _ => {
                    list = None;
                    // A paragraph numbered apart from the report's sequence (an LSCB's detailed
                    // findings numbered from 1 again): its numbering vouches for the section
                    // running on, and its number is not the report's.
                    let text = match leading_number(l.line) {
                        Some(_) => {
                            taken = 0;
                            lacs_pdftext::join_words(&l.line.words[1..])
                        }
                        None => text.to_string(),
                    };
                    findings.push(finding(heading, &l, None, text));
                }
            },
        }
        introduces_list = text.ends_with(':') || text.ends_with("because");
        // The body's type is the smallest seen: a lead-in can be set larger ("… because:").
        body_size = Some(body_size.map_or(size, |b| b.min(size)));
        right_edge = right_edge.max(l.x1());
        prev = Some(l);
        taken += 1;
        if taken >= MAX_SUMMARY_LINES {
            doubts.push(format!(
                "the {} section runs past {MAX_SUMMARY_LINES} lines without a heading; cut there",
                heading.judgement.map_or("judgement", |j| j.as_str())
            ));
            break cursor.here();
        }
    };
    Section::new(findings, end, doubts)
}

/// A contents page: many of its lines end in a page number. Headings named there open nothing.
fn is_contents_page(lines: &[String]) -> bool {
    static PAGE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)\d{1,3}$").expect("valid pattern"));
    let refs = lines.iter().filter(|l| PAGE_REF.is_match(l)).count();
    refs >= 6 && refs * 3 >= lines.len()
}

/// Where the LSCB's part of a SIF report begins: the first line after page 1 that opens it.
fn lscb_part_start(pages: &[Vec<String>]) -> Option<Pos> {
    pages.iter().enumerate().skip(1).find_map(|(page, lines)| {
        (0..lines.len())
            .find(|&line| crate::wrapped(lines, line, 2).any(|(joined, _)| LSCB_STARTS.is_match(&joined)))
            .map(|line| Pos { page, line })
    })
}

/// Pages' lines in reading order. Content streams mostly run down the page, but not always:
/// one layout writes a page's first lines (the end of the previous page's paragraph) after the
/// rest. The stream is cut into runs that go down the page; a run printed wholly above the run
/// before it is moved ahead of it. Runs that share heights (a heading beside its grade in a
/// box) keep the stream's order.
fn top_to_bottom(doc: &Document) -> Document {
    /// A step up the page smaller than this is the same baseline's jitter, not a new run.
    const JITTER: f32 = 1.5;
    let mut doc = doc.clone();
    for page in &mut doc.pages {
        let mut runs: Vec<Vec<Line>> = Vec::new();
        // Lines at the page's very edges (furniture whatever they say) join no run: a page
        // number written last would otherwise tie a heading written after the body to the
        // foot of the page. They go last.
        let (edges, body): (Vec<Line>, Vec<Line>) =
            page.lines.drain(..).partition(|line| crate::furniture::at_page_edge(line, page.height));
        for line in body {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|last| line.y() >= last.y() - JITTER) => run.push(line),
                _ => runs.push(vec![line]),
            }
        }
        let top = |run: &[Line]| run.iter().map(Line::y).fold(f32::MAX, f32::min);
        let bottom = |run: &[Line]| run.iter().map(Line::y).fold(f32::MIN, f32::max);
        let mut ordered: Vec<Vec<Line>> = Vec::with_capacity(runs.len());
        for run in runs {
            let mut at = ordered.len();
            while at > 0 && bottom(&run) < top(&ordered[at - 1]) {
                at -= 1;
            }
            ordered.insert(at, run);
        }
        page.lines = ordered.into_iter().flatten().chain(edges).collect();
    }
    doc
}

/// Every findings section of the report's framework, in the order the report prints them.
pub(crate) fn read_findings(doc: &Document, framework: Framework, report: &mut ReadReport) {
    let mut doc = top_to_bottom(doc);
    crate::furniture::rejoin_raised_runs(&mut doc);
    let doc = &doc;
    let flat: Vec<Vec<String>> = doc.pages.iter().map(crate::flat_lines).collect();
    let contents: Vec<bool> = flat.iter().map(|lines| is_contents_page(lines)).collect();
    let furniture = furniture(doc);
    let sequence = Sequence::find(doc, &furniture, &contents);
    let headings = HeadingIndex::new(doc, &flat, framework);
    let view = DocumentView { doc, flat, furniture, headings, sequence };
    let mut found: Vec<(Pos, Finding)> = Vec::new();
    let start = Pos { page: 0, line: 0 };
    let end = Pos { page: view.flat.len(), line: 0 };
    let lscb_start = if framework == Framework::Sif { lscb_part_start(&view.flat).unwrap_or(end) } else { end };
    let mut claimed: Vec<(Pos, Pos)> = Vec::new();
    for (heading_index, heading) in FINDINGS_HEADINGS.iter().enumerate() {
        if !heading.frameworks.contains(&framework) {
            continue;
        }
        let (from, limit) = match heading.part {
            Part::Whole => (start, end),
            Part::LocalAuthority => (start, lscb_start),
            Part::Lscb => (lscb_start, end),
        };
        // The first occurrence that opens a section: a contents page names headings too. Only
        // where none does are the fits in reserve tried.
        'search: for (page, line, with_reserve) in [false, true].into_iter().flat_map(|with_reserve| {
            view.flat
                .iter()
                .enumerate()
                .filter(|(page, _)| !contents[*page])
                .flat_map(move |(page, lines)| (0..lines.len()).map(move |line| (page, line, with_reserve)))
        }) {
            let at = Pos { page, line };
            if at < from || at >= limit || claimed.iter().any(|(a, b)| (*a..*b).contains(&at)) {
                continue;
            }
            let taken = if with_reserve {
                view.headings.lines_of_with_reserve(heading_index, at)
            } else {
                view.headings.lines_of(heading_index, at)
            };
            let Some(taken) = taken else { continue };
            let cursor = Cursor::new(&view, Pos { page, line: line + taken }, limit);
            let section = match heading.body {
                Body::Items | Body::ItemsOrParagraph => read_items(cursor, heading),
                Body::Summary => read_summary(cursor, heading_index, heading),
            };
            if !section.findings.is_empty() {
                claimed.push((at, section.end));
                // Two headings can feed one list (a SIF LSCB's priority actions and areas
                // for improvement): positions run on.
                let before =
                    found.iter().filter(|(_, f)| f.section == heading.section && f.judgement == heading.judgement).count();
                found.extend(
                    section.findings.into_iter().map(|(pos, f)| (pos, Finding { position: f.position + before as u32, ..f })),
                );
                for doubt in section.doubts {
                    report.doubt(DoubtKind::Findings, doubt);
                }
                break 'search;
            }
        }
    }
    for (fw, section, judgement) in REQUIRED_FINDINGS {
        if *fw == framework
            && !found.iter().any(|(_, f)| f.section == *section && (judgement.is_none() || f.judgement == *judgement))
        {
            let what = judgement.map_or_else(|| format!("{section} items"), |j| format!("{j} {section} text"));
            report.doubt(DoubtKind::Findings, format!("no {what} found"));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    if matches!(framework, Framework::Ilacs | Framework::Sif) {
        for (doubt, page) in sequence_doubts(&view.sequence, &found) {
            let doubt = Doubt::new(DoubtKind::Findings, doubt);
            report.push_doubt(match page {
                Some(page) => doubt.on_page(page),
                None => doubt,
            });
        }
    }
    report.findings = found.into_iter().map(|(_, f)| f).collect();
}

/// The report's numbered paragraphs against the findings read: each must be stored exactly
/// once. What the sequence itself lacks or repeats, and what no section took, are doubts.
fn sequence_doubts(sequence: &Sequence, found: &[(Pos, Finding)]) -> Vec<(String, Option<u32>)> {
    let mut doubts = sequence.doubts.clone();
    if sequence.is_empty() {
        return doubts;
    }
    // Only the sequence's own paragraphs: a list numbered on its own repeats small numbers.
    let stored: Vec<u32> =
        found.iter().filter_map(|(pos, f)| f.number.filter(|n| sequence.at(pos.page, pos.line) == Some(*n))).collect();
    let not_stored: Vec<(usize, u32)> =
        sequence.paragraphs().map(|(p, _, n)| (p, n)).filter(|(_, n)| !stored.contains(n)).collect();
    if let Some(&(page_index, _)) = not_stored.first() {
        let numbers: Vec<u32> = not_stored.iter().map(|x| x.1).collect();
        let words = format!(
            "numbered paragraph{} {} read under no findings heading",
            if numbers.len() > 1 { "s" } else { "" },
            number_list(&numbers)
        );
        doubts.push((words, Some(page_index as u32 + 1)));
    }
    let mut twice: Vec<u32> = stored.iter().copied().filter(|n| stored.iter().filter(|m| *m == n).count() > 1).collect();
    twice.dedup();
    if !twice.is_empty() {
        let page = found.iter().find(|(_, f)| f.number == twice.first().copied()).map(|(_, f)| f.page);
        doubts.push((format!("numbered paragraph {} stored twice", number_list(&twice)), page));
    }
    doubts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_patterns_compile_as_ascii_sets() {
        for &framework in Framework::ALL {
            let headings = FrameworkHeadings::new(framework);
            assert_eq!(headings.indices.len(), headings.set.len());
        }
        assert_eq!(LABELS.len(), SUMMARY_LABELS.len());
        assert_eq!(ENDS.len(), SECTION_ENDS.len());
        assert_eq!(LSCB_STARTS.len(), LSCB_PART_STARTS.len());
    }

    #[test]
    fn lines_join_with_a_space_except_after_a_hyphen_break() {
        let mut text = String::new();
        append_line(&mut text, "The 'Child Friendly' Leeds ambition has cross-");
        append_line(&mut text, "party support for 16-");
        append_line(&mut text, "to 17-year-olds.");
        assert_eq!(text, "The 'Child Friendly' Leeds ambition has cross-party support for 16- to 17-year-olds.");
    }

    #[test]
    fn a_contents_page_is_told_by_its_page_numbers() {
        let contents: Vec<String> = [
            "Contents",
            "Summary of findings 3",
            "What does the local authority need to improve? 4",
            "The experiences and progress of children who need help and protection",
            "10",
            "Leadership, management and governance 24",
            "Information about this inspection 30",
            "The Local Safeguarding Children Board (LSCB) 33",
        ]
        .map(String::from)
        .to_vec();
        assert!(is_contents_page(&contents));
        let body: Vec<String> = [
            "Summary",
            "Children are seen promptly. Since 2014, 12 children",
            "have been adopted, and the board met 4 times in 2015.",
            "The experiences and progress of children who need help and protection",
        ]
        .map(String::from)
        .to_vec();
        assert!(!is_contents_page(&body));
    }
}
