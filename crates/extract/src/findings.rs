//! What inspectors said: the findings under each heading of [`FINDINGS_HEADINGS`], read as
//! the heading's [`Body`] says.
//!
//! Items are numbered ("10.") or bulleted (any non-alphanumeric glyph) with a hanging indent:
//! an item runs on while lines are indented past its marker, across page breaks (running
//! headers and footers in the page margins are skipped), and the list ends at a line back at
//! the margin that starts no item. Summaries are paragraphs of prose, told apart by the gap
//! above them, and end at the next heading.
//!
//! A line belongs to at most one section: once a heading's section is read, its lines are
//! claimed, and later headings are not looked for inside it.

use crate::labels::{
    Body, FindingsHeading, Part, FINDINGS_HEADINGS, LSCB_PART_STARTS, MAX_HEADING_LINES, REQUIRED_FINDINGS, SECTION_ENDS,
    SUMMARY_LABELS,
};
use crate::tolerant::{self, Phrases, Words};
use lacs_domain::{DoubtKind, Finding, FindingSection, Framework, ReadReport};
use lacs_pdftext::{Document, Line};
use regex::{Regex, RegexSet, RegexSetBuilder};
use std::sync::{LazyLock, OnceLock};

/// Lines this close to the top or bottom edge are running headers, footers or page numbers.
const MARGIN: f32 = 62.0;
/// Footnotes start at the left margin, left of this.
const FOOTNOTE_MAX_X: f32 = 100.0;
/// Lines of lead-in text allowed between a heading and its first item (a SIF judgement box:
/// "Key judgement | Judgement grade", a label over two lines, the grade).
const MAX_LEAD_IN: usize = 5;
/// Lines of prose a list given as one paragraph may run to.
const MAX_PROSE_ITEM: usize = 12;
/// A summary longer than this has run past its end: it is cut here, with a doubt.
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
static LSCB_STARTS: LazyLock<RegexSet> = LazyLock::new(|| ascii_set(LSCB_PART_STARTS.iter().copied()));

/// Built-in patterns as one set, without Unicode case folding: they are ASCII words, and so
/// compile several times faster; a reader process compiles them for every report it reads.
fn ascii_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> RegexSet {
    RegexSetBuilder::new(patterns.into_iter().map(crate::pattern_source))
        .unicode(false)
        .build()
        .expect("valid built-in findings patterns")
}

fn is_bullet(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !matches!(c, '(' | '\'' | '"' | '£' | '-' | '–')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Number,
    Bullet,
}

/// The marker and text of the item a line opens, when it opens one: its first word is a
/// number ("10.") or a bullet glyph, alone or glued to the first word ("◼Clarity").
fn item_start(line: &Line) -> Option<(Marker, String)> {
    let first = line.words.first()?;
    let t = first.text.as_str();
    let numbered = t.len() > 1 && t.len() <= 4 && t.ends_with('.') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit());
    let mut chars = t.chars();
    let bullet = chars.next().is_some_and(is_bullet);
    let rest: String = chars.collect();
    let others = lacs_pdftext::join_words(&line.words[1..]);
    if numbered {
        Some((Marker::Number, others))
    } else if bullet && rest.is_empty() {
        Some((Marker::Bullet, others))
    } else if bullet && rest.chars().next().is_some_and(char::is_alphabetic) {
        Some((Marker::Bullet, if others.is_empty() { rest } else { format!("{rest} {others}") }))
    } else {
        None
    }
}


/// Where findings headings start: for each line of each page, the headings (by index in
/// [`FINDINGS_HEADINGS`]) that start there, wrapped or not, and how many lines each takes.
/// Built once per document with one [`RegexSet`] of its framework's headings: each line is
/// matched once, not once per heading and again for every line a section reads.
struct HeadingIndex {
    starts: Vec<Vec<Vec<(usize, usize)>>>,
}

impl HeadingIndex {
    fn new(pages: &[Vec<String>], framework: Framework) -> HeadingIndex {
        let Some(headings) = HEADINGS.iter().find(|(f, _)| *f == framework).map(|(_, h)| h.get_or_init(|| FrameworkHeadings::new(framework)))
        else {
            return HeadingIndex { starts: Vec::new() };
        };
        let mut starts: Vec<Vec<Vec<(usize, usize)>>> = pages
            .iter()
            .map(|lines| {
                (0..lines.len())
                    .map(|i| {
                        let mut found: Vec<(usize, usize)> = Vec::new();
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
        let exact: Vec<usize> =
            starts.iter().flatten().filter(|found| found.len() == 1).flatten().map(|(h, _)| *h).collect();
        // (page, line, heading, lines taken, cost) of every tolerant fit.
        let mut fits: Vec<(usize, usize, usize, usize, u32)> = Vec::new();
        for (page, lines) in pages.iter().enumerate() {
            let mut taken_until = 0;
            for (i, found) in starts[page].iter().enumerate() {
                if let Some(taken) = found.iter().map(|(_, t)| *t).max() {
                    taken_until = taken_until.max(i + taken);
                    continue;
                }
                if i < taken_until {
                    continue;
                }
                let best = crate::wrapped(lines, i, MAX_HEADING_LINES)
                    .filter_map(|(joined, taken)| headings.tolerant(&joined, &exact).map(|(h, c)| (h, taken, c)))
                    .min_by_key(|(_, taken, cost)| (*cost, *taken));
                if let Some((tied, taken, cost)) = best {
                    fits.extend(tied.into_iter().map(|h| (page, i, h, taken, cost)));
                    taken_until = i + taken;
                }
            }
        }
        // A heading is printed once in its part: where several lines fit it, only the best
        // fits count (a body line "… needs to improve." is not the heading "What needs to
        // improve?" printed with a footnote marker).
        for &(page, i, h, taken, cost) in &fits {
            let best = fits.iter().filter(|f| f.2 == h).map(|f| f.4).min();
            if best == Some(cost) {
                starts[page][i].push((h, taken));
            }
        }
        HeadingIndex { starts }
    }

    /// How many lines heading `heading` takes when it starts at `pos`.
    fn lines_of(&self, heading: usize, pos: Pos) -> Option<usize> {
        self.at(pos).iter().find(|(h, _)| *h == heading).map(|(_, taken)| *taken)
    }

    /// The first heading of the table that starts at `pos`.
    fn first_at(&self, pos: Pos) -> Option<&'static FindingsHeading> {
        self.at(pos).iter().map(|(h, _)| *h).min().and_then(|h| FINDINGS_HEADINGS.get(h))
    }

    fn at(&self, pos: Pos) -> &[(usize, usize)] {
        self.starts.get(pos.page).and_then(|lines| lines.get(pos.line)).map_or(&[], Vec::as_slice)
    }
}

/// A footnote's first line: in the lower half of the page, at the left margin, a superscript
/// number and then text in a larger type. (A superscript reference in the body can land on a
/// line of its own too, but mid-line and anywhere on the page.)
fn is_footnote_start(line: &Line, page_height: f32) -> bool {
    match line.words.as_slice() {
        [marker, next, ..] => {
            line.y() > page_height / 2.0
                && marker.x0 < FOOTNOTE_MAX_X
                && marker.text.chars().all(|c| c.is_ascii_digit())
                && marker.size < next.size * 0.8
        }
        _ => false,
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
}

impl BodyLine<'_> {

    fn size(&self) -> f32 {
        self.line.words.first().map_or(0.0, |w| w.size)
    }

    fn x1(&self) -> f32 {
        self.line.words.last().map_or(0.0, |w| w.x1)
    }
}

#[derive(Clone)]
struct Cursor<'a> {
    doc: &'a Document,
    /// Each page's lines, whitespace collapsed (computed once per document).
    flat: &'a [Vec<String>],
    headings: &'a HeadingIndex,
    pos: Pos,
    /// The end of the part being read: nothing at or after it is returned.
    limit: Pos,
}

impl<'a> Cursor<'a> {
    /// The next body line (margins skipped).
    fn next(&mut self) -> Option<BodyLine<'a>> {
        while let Some(page) = self.doc.pages.get(self.pos.page).filter(|_| self.pos < self.limit) {
            if let Some(line) = page.lines.get(self.pos.line) {
                let pos = self.pos;
                self.pos.line += 1;
                let y = line.y();
                if y < MARGIN || y > page.height - MARGIN || line.words.is_empty() {
                    continue;
                }
                if is_footnote_start(line, page.height) {
                    // Footnotes run to the foot of the page.
                    self.pos = Pos { page: self.pos.page + 1, line: 0 };
                    continue;
                }
                let text = self.flat.get(pos.page).and_then(|lines| lines.get(pos.line)).map_or("", String::as_str);
                return Some(BodyLine { pos, page_number: page.number, line, text });
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

/// One heading's findings and where its section ends (the first line not in it).
struct Section {
    findings: Vec<Finding>,
    end: Pos,
    doubts: Vec<String>,
}

impl Section {
    /// The findings read, empty ones dropped and the rest numbered 1, 2, 3…
    fn new(mut findings: Vec<Finding>, end: Pos, doubts: Vec<String>) -> Section {
        findings.retain(|f| !f.text.trim().is_empty());
        for (i, f) in findings.iter_mut().enumerate() {
            f.position = i as u32 + 1;
        }
        Section { findings, end, doubts }
    }
}

/// A finding under `heading`, numbered when its section is complete ([`Section::new`]).
fn finding(heading: &FindingsHeading, page: u32, text: String) -> Finding {
    Finding { section: heading.section, judgement: heading.judgement, position: 0, page, number: None, text }
}

/// A short line without closing punctuation, after a finished sentence, that introduces the
/// list on the next line.
fn is_subheading(line: &BodyLine, prev: Option<&BodyLine>, next: Option<BodyLine>) -> bool {
    // A colon may close a short sub-heading ("Leadership, management and governance:"); a
    // longer line ending so is the lead-in sentence of a list, and a full stop or a comma
    // ends prose.
    let short_with_colon = line.text.ends_with(':') && line.text.split(' ').count() <= 5;
    line.text.len() <= 70
        && (short_with_colon || !line.text.ends_with(['.', ':', ';', ',']))
        && prev.is_none_or(|p| p.text.ends_with(['.', ':', ';']) || p.pos.page != line.pos.page)
        && next.is_some_and(|n| item_start(n.line).is_some())
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
/// heading ends the section.
fn role(cursor: &Cursor, heading: &FindingsHeading, l: &BodyLine, prev: Option<&BodyLine>, at_margin: bool) -> Role {
    let next_heading = cursor.headings.first_at(l.pos);
    if ENDS.is_match(l.text) || next_heading.is_some_and(|h| h.section != FindingSection::Judgement) {
        Role::End
    } else if heading.subheadings && at_margin && is_subheading(l, prev, cursor.peek()) {
        Role::Subheading
    } else if next_heading.is_some() {
        Role::End
    } else {
        Role::Body
    }
}

/// The items after a heading; `cursor` stands on the first line after it.
fn read_items(mut cursor: Cursor, heading: &FindingsHeading) -> Section {
    let prose_allowed = heading.body == Body::ItemsOrParagraph;
    let mut items: Vec<Finding> = Vec::new();
    let mut marker_x = f32::MAX;
    let mut lead_in: Vec<BodyLine> = Vec::new();
    let mut prev: Option<BodyLine> = None;
    let end = loop {
        let here = cursor.here();
        let Some(l) = cursor.next() else { break cursor.here() };
        // Another findings heading ends this list, even before its first item ("Priority and
        // immediate action" / "The inspection did not find any…" / "Areas for improvement").
        match role(&cursor, heading, &l, prev.as_ref(), l.line.x0() <= marker_x + 4.0) {
            Role::End => break here,
            Role::Subheading => continue,
            Role::Body => {}
        }
        prev = Some(l);
        if let Some((_, text)) = item_start(l.line) {
            marker_x = l.line.x0();
            items.push(finding(heading, l.page_number, text));
        } else if let Some(item) = items.last_mut().filter(|_| l.line.x0() > marker_x + 4.0) {
            append_line(&mut item.text, &l.line.text());
        } else if items.is_empty() && lead_in.len() < if prose_allowed { MAX_PROSE_ITEM } else { MAX_LEAD_IN } {
            // Lead-in text before the first item; or, where allowed, the list as prose
            // (one paragraph: lines closely spaced).
            let continues = lead_in.last().is_none_or(|prev| (l.line.y() - prev.line.y()).abs() <= prev.size() * 1.7);
            if !lead_in.is_empty() && !continues && prose_allowed {
                break here;
            }
            lead_in.push(l);
        } else {
            break here;
        }
    };
    if items.is_empty() && prose_allowed {
        if let Some(first) = lead_in.first() {
            let mut text = String::new();
            for l in &lead_in {
                append_line(&mut text, &l.line.text());
            }
            items.push(finding(heading, first.page_number, text));
        }
    }
    Section::new(items, end, Vec::new())
}

/// A judgement's summary after its heading: past the labels, a list (read as items) or
/// paragraphs of prose.
fn read_summary(mut cursor: Cursor, heading_index: usize, heading: &FindingsHeading) -> Section {
    // The labels: the grade, a "Key judgement" box, "Summary", and the heading repeated in the box.
    while let Some(l) = cursor.peek() {
        if LABELS.is_match(l.text) {
            cursor.next();
        } else if let Some(taken) = cursor.headings.lines_of(heading_index, l.pos) {
            cursor.pos = Pos { page: l.pos.page, line: l.pos.line + taken };
        } else {
            break;
        }
    }
    if cursor.peek().is_some_and(|l| item_start(l.line).is_some()) {
        return read_items(cursor, heading);
    }
    read_paragraphs(cursor, heading)
}

/// Paragraphs of prose, each one finding, up to the next heading. Bulleted items among them
/// are findings too; so are numbered ones, where a line introduces them ("… because:").
fn read_paragraphs(mut cursor: Cursor, heading: &FindingsHeading) -> Section {
    let mut findings: Vec<Finding> = Vec::new();
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
        let Some(l) = cursor.next() else { break cursor.here() };
        let text = l.text;
        let size = l.size();
        match role(&cursor, heading, &l, prev.as_ref(), true) {
            Role::End => break here,
            Role::Subheading => {
                prev = None;
                introduces_list = true;
                continue;
            }
            // A heading in a larger type than the summary's.
            Role::Body if body_size.is_some_and(|b| size > b + 1.0) => break here,
            Role::Body => {}
        }
        let opens_paragraph = match prev {
            None => true,
            Some(p) if p.pos.page == l.pos.page => l.line.y() - p.line.y() > p.size() * PARAGRAPH_GAP,
            // Over a page break: a new paragraph when the last one ended short with a full stop.
            Some(p) => p.text.ends_with(['.', ':']) && p.x1() < right_edge - 30.0,
        };
        let x0 = l.line.x0();
        let indented = list.is_some_and(|(_, x)| x0 > x + 4.0);
        let marker = item_start(l.line).filter(|_| !indented);
        match marker {
            Some((m, rest)) if m == Marker::Bullet || introduces_list || list.is_some_and(|(lm, _)| lm == m) => {
                list = Some((m, x0));
                findings.push(finding(heading, l.page_number, rest));
            }
            // The detailed findings' numbered paragraphs follow the summary.
            Some((Marker::Number, _)) if opens_paragraph || list.is_some() => break here,
            _ => match findings.last_mut() {
                Some(last) if indented || (!opens_paragraph && list.is_none()) => {
                    append_line(&mut last.text, text);
                }
                _ => {
                    list = None;
                    findings.push(finding(heading, l.page_number, text.to_string()));
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
                "the {} summary runs past {MAX_SUMMARY_LINES} lines without a heading; cut there",
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

/// Every findings section of the report's framework, in the order of [`FINDINGS_HEADINGS`].
pub(crate) fn read_findings(doc: &Document, framework: Framework, report: &mut ReadReport) {
    let mut found: Vec<Finding> = Vec::new();
    let pages: Vec<Vec<String>> = doc.pages.iter().map(crate::flat_lines).collect();
    let start = Pos { page: 0, line: 0 };
    let end = Pos { page: pages.len(), line: 0 };
    let lscb_start = if framework == Framework::Sif { lscb_part_start(&pages).unwrap_or(end) } else { end };
    let contents: Vec<bool> = pages.iter().map(|lines| is_contents_page(lines)).collect();
    let mut claimed: Vec<(Pos, Pos)> = Vec::new();
    let headings = HeadingIndex::new(&pages, framework);
    for (heading_index, heading) in FINDINGS_HEADINGS.iter().enumerate() {
        if !heading.frameworks.contains(&framework) {
            continue;
        }
        let (from, limit) = match heading.part {
            Part::Whole => (start, end),
            Part::LocalAuthority => (start, lscb_start),
            Part::Lscb => (lscb_start, end),
        };
        // The first occurrence that opens a section: a contents page names headings too.
        'search: for (page, lines) in pages.iter().enumerate().filter(|(page, _)| !contents[*page]) {
            for line in 0..lines.len() {
                let at = Pos { page, line };
                if at < from || at >= limit || claimed.iter().any(|(a, b)| (*a..*b).contains(&at)) {
                    continue;
                }
                let Some(taken) = headings.lines_of(heading_index, at) else { continue };
                let cursor = Cursor { doc, flat: &pages, headings: &headings, pos: Pos { page, line: line + taken }, limit };
                let section = match heading.body {
                    Body::Items | Body::ItemsOrParagraph => read_items(cursor, heading),
                    Body::Summary => read_summary(cursor, heading_index, heading),
                };
                if !section.findings.is_empty() {
                    claimed.push((at, section.end));
                    // Two headings can feed one list (a SIF LSCB's priority actions and areas
                    // for improvement): positions run on.
                    let before = found.iter().filter(|f| f.section == heading.section && f.judgement == heading.judgement).count();
                    found.extend(section.findings.into_iter().map(|f| Finding { position: f.position + before as u32, ..f }));
                    for doubt in section.doubts {
                        report.doubt(DoubtKind::Findings, doubt);
                    }
                    break 'search;
                }
            }
        }
    }
    for (fw, section, judgement) in REQUIRED_FINDINGS {
        if *fw == framework && !found.iter().any(|f| f.section == *section && (judgement.is_none() || f.judgement == *judgement)) {
            let what = judgement.map_or_else(|| format!("{section} items"), |j| format!("{j} {section} text"));
            report.doubt(DoubtKind::Findings, format!("no {what} found"));
        }
    }
    report.findings = found;
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
