//! The variation classes, one table: each a plausible way a report could have been typeset
//! differently, applied to a read document. A class that finds nothing to vary in a
//! document returns `None` (not applicable).

use crate::edit::{self, Case};
use crate::locate::{self, Row, Seg};
use lacs_pdftext::{Document, Line, Page, Word};

/// A small deterministic generator (splitmix64): a variant depends only on its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The seed of one report's variant: from its sha256, the class and the sample number.
    pub fn for_report(sha256: &str, class: Class, sample: u32) -> Rng {
        let base = u64::from_str_radix(sha256.get(..16).unwrap_or("0"), 16).unwrap_or(0);
        Rng(base
            ^ (class as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ u64::from(sample).wrapping_mul(0xd1b5_4a32_d192_ed03))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> Option<&'a T> {
        if xs.is_empty() {
            None
        } else {
            xs.get(self.below(xs.len()))
        }
    }
    pub fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }
}

/// What a variation is applied to: the read document and what truth says of its LA (a trust
/// name or a running header needs it).
pub struct Subject<'a> {
    pub doc: &'a Document,
    pub urn: &'a str,
    pub la_name: &'a str,
    /// ISO date, or "".
    pub inspection_start: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    LabelWordDropped,
    LabelWordDoubled,
    LabelWordMisspelt,
    HeadingFootnote,
    HeadingCase,
    TitleNamesTrust,
    LabelWrapped,
    GradeWrapped,
    GradeShortened,
    GradeCase,
    RowsReordered,
    RunningHeaderAdded,
    RunningFooterAdded,
    PunctuationChanged,
    ApostropheStyle,
    ExtraSpaces,
}

/// One variation class.
pub struct Variation {
    pub class: Class,
    pub name: &'static str,
    pub description: &'static str,
    pub apply: fn(&Subject, &mut Rng) -> Option<Document>,
}

/// Every class, in the order the table prints them.
pub const VARIATIONS: &[Variation] = &[
    Variation {
        class: Class::LabelWordDropped,
        name: "label_word_dropped",
        description: "one word (4+ letters) of one table row label left out, the rest of its line closed up",
        apply: label_word_dropped,
    },
    Variation {
        class: Class::LabelWordDoubled,
        name: "label_word_doubled",
        description: "one word of one table row label printed twice",
        apply: label_word_doubled,
    },
    Variation {
        class: Class::LabelWordMisspelt,
        name: "label_word_misspelt",
        description: "one word (5+ letters) of one table row label with two letters swapped or one dropped",
        apply: label_word_misspelt,
    },
    Variation {
        class: Class::HeadingFootnote,
        name: "heading_footnote",
        description: "a superscript footnote digit after a findings or judgement heading or the title (apart or glued)",
        apply: heading_footnote,
    },
    Variation {
        class: Class::HeadingCase,
        name: "heading_case",
        description: "one heading or table row label in upper, lower or sentence case",
        apply: heading_case,
    },
    Variation {
        class: Class::TitleNamesTrust,
        name: "title_names_trust",
        description: "the title names the trust or company running the LA's children's services instead of the LA",
        apply: title_names_trust,
    },
    Variation {
        class: Class::LabelWrapped,
        name: "label_wrapped",
        description: "one table row label re-flowed onto one more line (row grows, text below moves down)",
        apply: label_wrapped,
    },
    Variation {
        class: Class::GradeWrapped,
        name: "grade_wrapped",
        description: "one grade cell stacked over 2-3 lines, or a stacked one joined onto one line",
        apply: grade_wrapped,
    },
    Variation {
        class: Class::GradeShortened,
        name: "grade_shortened",
        description: "\"requires improvement to be good\" printed \"requires improvement\" throughout",
        apply: grade_shortened,
    },
    Variation {
        class: Class::GradeCase,
        name: "grade_case",
        description: "one grade cell in upper, lower or sentence case",
        apply: grade_case,
    },
    Variation {
        class: Class::RowsReordered,
        name: "rows_reordered",
        description: "two rows of a judgement table swapped (label and grade move together)",
        apply: rows_reordered,
    },
    Variation {
        class: Class::RunningHeaderAdded,
        name: "running_header_added",
        description: "a running header above the body of every page",
        apply: running_header_added,
    },
    Variation {
        class: Class::RunningFooterAdded,
        name: "running_footer_added",
        description: "a running footer with page numbers below the body of every page",
        apply: running_footer_added,
    },
    Variation {
        class: Class::PunctuationChanged,
        name: "punctuation_changed",
        description: "a colon added to or removed from one heading",
        apply: punctuation_changed,
    },
    Variation {
        class: Class::ApostropheStyle,
        name: "apostrophe_style",
        description: "every apostrophe in the other style (’ for ' or the reverse)",
        apply: apostrophe_style,
    },
    Variation {
        class: Class::ExtraSpaces,
        name: "extra_spaces",
        description: "wider gaps (still under a cell gap) between the words of one heading or table row label",
        apply: extra_spaces,
    },
];

pub fn by_name(name: &str) -> Option<&'static Variation> {
    VARIATIONS.iter().find(|v| v.name == name)
}

/// The letters of a word, lower case, without punctuation.
fn letters(w: &str) -> usize {
    w.chars().filter(|c| c.is_alphabetic()).count()
}

/// Words of a row's label: (segment, word index in its line).
fn label_words(row: &Row) -> Vec<(&Seg, usize)> {
    row.label.iter().flat_map(|s| (s.start..s.end).map(move |i| (s, i))).collect()
}

fn page_mut(doc: &mut Document, page: usize) -> Option<&mut Page> {
    doc.pages.get_mut(page)
}

fn line_mut(doc: &mut Document, page: usize, line: usize) -> Option<&mut Line> {
    doc.pages.get_mut(page)?.lines.get_mut(line)
}

fn word_at(doc: &Document, page: usize, line: usize, i: usize) -> Option<&Word> {
    doc.pages.get(page)?.lines.get(line)?.words.get(i)
}

fn label_word_dropped(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let row = rng.pick(&rows)?;
    let words = label_words(row);
    let candidates: Vec<_> = words
        .iter()
        .filter(|(seg, i)| word_at(s.doc, row.page, seg.line, *i).is_some_and(|w| letters(&w.text) >= 4))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let (seg, i) = rng.pick(&candidates)?;
    let mut doc = s.doc.clone();
    edit::remove(line_mut(&mut doc, row.page, seg.line)?, seg.end, *i);
    Some(doc)
}

fn label_word_doubled(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let row = rng.pick(&rows)?;
    let grade_x0 = row.grade_x0();
    // Room for one more word before the grade column.
    let candidates: Vec<_> = label_words(row)
        .into_iter()
        .filter(|(seg, i)| {
            word_at(s.doc, row.page, seg.line, *i).is_some_and(|w| {
                letters(&w.text) >= 2
                    && seg.x1 + (w.x1 - w.x0) + 2.0 * edit::space(w.size) < grade_x0 - locate::CELL_GAP * w.size
            })
        })
        .collect();
    let (seg, i) = rng.pick(&candidates)?;
    let mut doc = s.doc.clone();
    let line = line_mut(&mut doc, row.page, seg.line)?;
    let text = line.words.get(*i)?.text.clone();
    edit::insert_after(line, seg.end, *i, &text);
    Some(doc)
}

fn misspell(word: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    // Interior letters only: the first and last characters stay.
    let interior: Vec<usize> = (1..chars.len().saturating_sub(1)).filter(|&i| chars[i].is_alphabetic()).collect();
    if interior.len() < 3 {
        return None;
    }
    let mut out = chars.clone();
    if rng.coin() {
        let swappable: Vec<usize> =
            interior.iter().copied().filter(|&i| interior.contains(&(i + 1)) && chars[i] != chars[i + 1]).collect();
        let &i = rng.pick(&swappable)?;
        out.swap(i, i + 1);
    } else {
        let &i = rng.pick(&interior)?;
        out.remove(i);
    }
    Some(out.into_iter().collect())
}

fn label_word_misspelt(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let row = rng.pick(&rows)?;
    let candidates: Vec<_> = label_words(row)
        .into_iter()
        .filter(|(seg, i)| word_at(s.doc, row.page, seg.line, *i).is_some_and(|w| letters(&w.text) >= 5))
        .collect();
    let (seg, i) = rng.pick(&candidates)?;
    let text = misspell(&word_at(s.doc, row.page, seg.line, *i)?.text, rng)?;
    let mut doc = s.doc.clone();
    edit::retext(line_mut(&mut doc, row.page, seg.line)?, seg.end, *i, &text);
    Some(doc)
}

/// Heading lines (page, line): findings and judgement headings, and the title's last line.
fn heading_targets(doc: &Document, with_title: bool) -> Vec<(usize, usize)> {
    let mut out = locate::headings(doc);
    if with_title {
        if let Some(&last) = locate::title_lines(doc).last() {
            out.push((0, last));
        }
    }
    out
}

fn heading_footnote(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let targets = heading_targets(s.doc, true);
    let &(page, line) = rng.pick(&targets)?;
    let digit = (1 + rng.below(9)).to_string();
    let glued = rng.coin();
    let mut doc = s.doc.clone();
    let line = line_mut(&mut doc, page, line)?;
    let last = line.words.last_mut()?;
    if glued {
        // A superscript set tight against the word reads as part of it.
        last.text.push_str(&digit);
        last.x1 += last.size * 0.35;
    } else {
        let size = last.size * 0.6;
        let x0 = last.x1 + last.size * 0.15;
        let word = Word { text: digit, x0, x1: x0 + size * 0.55, y: last.y - last.size * 0.33, size };
        line.words.push(word);
    }
    Some(doc)
}

fn pick_case(rng: &mut Rng) -> Case {
    match rng.below(3) {
        0 => Case::Upper,
        1 => Case::Lower,
        _ => Case::Title,
    }
}

/// Re-case words `from..to` of a line; sentence case capitalises only the first.
fn recase_words(line: &mut Line, from: usize, to: usize, case: Case) {
    for (k, i) in (from..to).enumerate() {
        let Some(w) = line.words.get_mut(i) else { continue };
        w.text = match case {
            Case::Title if k == 0 => edit::recase(&w.text, Case::Title),
            Case::Title => w.text.to_lowercase(),
            other => edit::recase(&w.text, other),
        };
    }
}

/// A page and the segments of its lines to vary: (page, [(line, first word, end word)]).
type Segments = (usize, Vec<(usize, usize, usize)>);

/// A heading line or a row label's segments.
fn heading_or_label(doc: &Document, rng: &mut Rng) -> Option<Segments> {
    let mut targets: Vec<Segments> = heading_targets(doc, false)
        .into_iter()
        .filter_map(|(p, l)| Some((p, vec![(l, 0, doc.pages.get(p)?.lines.get(l)?.words.len())])))
        .collect();
    for row in locate::table_rows(doc) {
        targets.push((row.page, row.label.iter().map(|s| (s.line, s.start, s.end)).collect()));
    }
    rng.pick(&targets).cloned()
}

fn heading_case(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let (page, parts) = heading_or_label(s.doc, rng)?;
    let case = pick_case(rng);
    let mut doc = s.doc.clone();
    for (line, from, to) in parts {
        recase_words(line_mut(&mut doc, page, line)?, from, to, case);
    }
    (doc != *s.doc).then_some(doc)
}

fn name_key(w: &str) -> String {
    let w = w.replace('&', "and");
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// Words before an LA's name that belong to it as printed.
const NAME_PREFIXES: &[&[&str]] =
    &[&["london", "borough", "of"], &["royal", "borough", "of"], &["city", "of"], &["borough", "of"]];

fn title_names_trust(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let body = crate::trusts::body_for(s.urn, s.inspection_start)?;
    let name: Vec<String> = s.la_name.split_whitespace().map(name_key).filter(|w| !w.is_empty()).collect();
    if name.is_empty() {
        return None;
    }
    let _ = rng;
    for li in locate::title_lines(s.doc) {
        let line = s.doc.pages.first()?.lines.get(li)?;
        let keys: Vec<String> = line.words.iter().map(|w| name_key(&w.text)).collect();
        let Some(at) = (0..keys.len()).find(|&i| keys.get(i..i + name.len()) == Some(&name[..])) else { continue };
        let mut from = at;
        for p in NAME_PREFIXES {
            if at >= p.len() && keys[at - p.len()..at].iter().zip(p.iter()).all(|(a, b)| a == b) {
                from = at - p.len();
                break;
            }
        }
        let to = at + name.len();
        let mut doc = s.doc.clone();
        let page_width = doc.pages.first()?.width;
        let line = line_mut(&mut doc, 0, li)?;
        let like = line.words.get(from)?.clone();
        // Keep a possessive or trailing punctuation of the last name word ("Slough's").
        let last = line.words.get(to - 1)?.text.clone();
        let tail: String = last.chars().skip_while(|c| c.is_alphanumeric()).collect();
        let start_x = like.x0;
        let old_end = line.words.get(to - 1)?.x1;
        let mut new_words = Vec::new();
        let mut x = start_x;
        let body_words: Vec<&str> = body.split(' ').collect();
        for (k, bw) in body_words.iter().enumerate() {
            let text = if k + 1 == body_words.len() { format!("{bw}{tail}") } else { (*bw).to_string() };
            let w = edit::word_like(&like, &text, x);
            x = w.x1 + edit::space(like.size);
            new_words.push(w);
        }
        let new_end = new_words.last()?.x1;
        let dx = new_end - old_end;
        line.words.splice(from..to, new_words.clone());
        let after = from + new_words.len();
        let len = line.words.len();
        edit::shift(line, after, len, dx);
        // A title set wider than the page is squeezed back inside it.
        let right = line.words.iter().map(|w| w.x1).fold(0.0, f32::max);
        let left = line.x0();
        let limit = page_width - 10.0;
        if right > limit && right > left {
            let k = (limit - left) / (right - left);
            for w in &mut line.words {
                w.x0 = left + (w.x0 - left) * k;
                w.x1 = left + (w.x1 - left) * k;
            }
        }
        return Some(doc);
    }
    None
}

/// Move every word of a page whose baseline is below `y` down by `dy`, except those `keep`
/// says stay.
fn push_down(page: &mut Page, y: f32, dy: f32, keep: impl Fn(usize, usize) -> bool) {
    for (li, line) in page.lines.iter_mut().enumerate() {
        for (wi, w) in line.words.iter_mut().enumerate() {
            if w.y > y && !keep(li, wi) {
                w.y += dy;
            }
        }
    }
}

/// The line spacing of a row's label, or of text that size.
fn line_height(row: &Row) -> f32 {
    let ys: Vec<f32> = row.label.iter().map(|s| s.y).collect();
    let gap = ys.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 1.0).fold(f32::INFINITY, f32::min);
    let size = row.label.first().map_or(10.0, |s| s.size);
    if gap.is_finite() && gap < 2.0 * size {
        gap
    } else {
        size * 1.2
    }
}

fn label_wrapped(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let row = rng.pick(&rows)?;
    // The last label line that has words to spare.
    let seg = row.label.iter().rev().find(|seg| seg.end - seg.start >= 2)?;
    let n = seg.end - seg.start;
    let keep = 1 + rng.below(n - 1);
    let lh = line_height(row);
    let mut doc = s.doc.clone();
    let page = page_mut(&mut doc, row.page)?;
    let moved: Vec<Word> = {
        let line = page.lines.get_mut(seg.line)?;
        line.words.drain(seg.start + keep..seg.end).collect()
    };
    let first_x0 = moved.first()?.x0;
    // Lines below the split move down to make room; the row's own grade cell stays.
    push_down(page, seg.y + 0.5, lh, |li, wi| row.grade.iter().any(|g| g.line == li && (g.start..g.end).contains(&wi)));
    let dx = seg.x0 - first_x0;
    let new_line =
        Line { words: moved.into_iter().map(|w| Word { x0: w.x0 + dx, x1: w.x1 + dx, y: seg.y + lh, ..w }).collect() };
    page.lines.insert(seg.line + 1, new_line);
    Some(doc)
}

fn grade_wrapped(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let multi: Vec<&Row> = rows.iter().filter(|r| r.grade_text().split_whitespace().count() >= 2).collect();
    let &row = rng.pick(&multi)?;
    let mut doc = s.doc.clone();
    let page = page_mut(&mut doc, row.page)?;
    let first = row.grade.first()?;
    let size = first.size;
    let lh = size * 1.2;
    // Take the cell's words out (highest index first so earlier indices hold).
    let mut cell_words: Vec<(usize, usize)> =
        row.grade.iter().flat_map(|g| (g.start..g.end).map(move |i| (g.line, i))).collect();
    let like = page.lines.get(first.line)?.words.get(first.start)?.clone();
    let texts: Vec<String> =
        cell_words.iter().filter_map(|&(l, i)| page.lines.get(l)?.words.get(i).map(|w| w.text.clone())).collect();
    cell_words.sort_by(|a, b| b.cmp(a));
    for (l, i) in cell_words {
        if let Some(line) = page.lines.get_mut(l) {
            if i < line.words.len() {
                line.words.remove(i);
            }
        }
    }
    let groups: Vec<Vec<String>> = if row.grade.len() >= 2 {
        vec![texts]
    } else {
        // Two or three lines, each at least one word.
        let n = texts.len();
        let lines = if n >= 3 && rng.coin() { 3 } else { 2 };
        let mut cuts: Vec<usize> = Vec::new();
        while cuts.len() < lines - 1 {
            let c = 1 + rng.below(n - 1);
            if !cuts.contains(&c) {
                cuts.push(c);
            }
        }
        cuts.sort();
        let mut out = Vec::new();
        let mut from = 0;
        for c in cuts.into_iter().chain([n]) {
            out.push(texts[from..c].to_vec());
            from = c;
        }
        out
    };
    let x0 = row.grade_x0();
    let mut new_lines = Vec::new();
    for (k, g) in groups.iter().enumerate() {
        let mut x = x0;
        let y = first.y + k as f32 * lh;
        let mut words = Vec::new();
        for t in g {
            let w = Word { y, ..edit::word_like(&like, t, x) };
            x = w.x1 + edit::space(size);
            words.push(w);
        }
        new_lines.push(Line { words });
    }
    let grade_bottom = first.y + (groups.len() as f32 - 1.0) * lh;
    let extra = grade_bottom - row.bottom();
    if extra > 0.0 {
        push_down(page, row.bottom() + 0.5, extra, |_, _| false);
    }
    if new_lines.iter().flat_map(|l| &l.words).any(|w| w.x1 > page.width) {
        return None;
    }
    let at = (first.line + 1).min(page.lines.len());
    for (k, l) in new_lines.into_iter().enumerate() {
        page.lines.insert(at + k, l);
    }
    page.lines.retain(|l| !l.words.is_empty());
    Some(doc)
}

/// Words that end a full "requires improvement to be good".
const TO_BE_GOOD: [&str; 3] = ["to", "be", "good"];

fn grade_shortened(s: &Subject, _rng: &mut Rng) -> Option<Document> {
    let mut doc = s.doc.clone();
    let mut changed = false;
    // Table cells, which may be stacked: drop the last three words of the cell.
    for row in locate::table_rows(s.doc) {
        let words: Vec<(usize, usize)> =
            row.grade.iter().flat_map(|g| (g.start..g.end).map(move |i| (g.line, i))).collect();
        let key: Vec<String> = words
            .iter()
            .filter_map(|&(l, i)| word_at(s.doc, row.page, l, i))
            .map(|w| w.text.to_lowercase().trim_end_matches(['.', ',']).to_string())
            .collect();
        if key.len() == 5 && key[2..] == TO_BE_GOOD {
            let page = page_mut(&mut doc, row.page)?;
            let mut gone = words[2..].to_vec();
            gone.sort_by(|a, b| b.cmp(a));
            for (l, i) in gone {
                if let Some(line) = page.lines.get_mut(l) {
                    if i < line.words.len() {
                        line.words.remove(i);
                    }
                }
            }
            page.lines.retain(|l| !l.words.is_empty());
            changed = true;
            // Later rows' indices on this page are stale now; one table per variant is enough.
            break;
        }
    }
    // Lines ending "require(s) improvement to be good" anywhere.
    for page in &mut doc.pages {
        for line in &mut page.lines {
            let n = line.words.len();
            if n < 5 {
                continue;
            }
            let tail: Vec<String> = line.words[n - 5..].iter().map(|w| w.text.to_lowercase()).collect();
            let punct: String = tail[4].chars().skip_while(|c| c.is_alphabetic()).collect();
            let good = tail[4].trim_end_matches(['.', ',', ';', ':']);
            if (tail[0].ends_with("requires") || tail[0].ends_with("require"))
                && tail[1] == "improvement"
                && tail[2] == "to"
                && tail[3] == "be"
                && good == "good"
            {
                line.words.truncate(n - 3);
                if let Some(w) = line.words.last_mut() {
                    let cw = edit::char_width(w);
                    w.text.push_str(&punct);
                    w.x1 += cw * punct.chars().count() as f32;
                }
                changed = true;
            }
        }
    }
    changed.then_some(doc)
}

fn grade_case(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let row = rng.pick(&rows)?;
    let case = pick_case(rng);
    let mut doc = s.doc.clone();
    for (k, g) in row.grade.iter().enumerate() {
        let line = line_mut(&mut doc, row.page, g.line)?;
        let c = if k > 0 && matches!(case, Case::Title) { Case::Lower } else { case };
        recase_words(line, g.start, g.end, c);
    }
    (doc != *s.doc).then_some(doc)
}

fn rows_reordered(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    // Two rows of one table (one page), distinct and not overlapping.
    let pairs: Vec<(usize, usize)> = (0..rows.len())
        .flat_map(|i| (i + 1..rows.len()).map(move |j| (i, j)))
        .filter(|&(i, j)| rows[i].page == rows[j].page && rows[i].bottom() < rows[j].top())
        .collect();
    let &(i, j) = rng.pick(&pairs)?;
    let (a, b) = (&rows[i], &rows[j]);
    let (a0, a1, b0, b1) = (a.top(), a.bottom(), b.top(), b.bottom());
    let (ha, hb) = (a1 - a0, b1 - b0);
    let mut doc = s.doc.clone();
    let page = page_mut(&mut doc, a.page)?;
    for (li, line) in page.lines.iter_mut().enumerate() {
        for (wi, w) in line.words.iter_mut().enumerate() {
            if a.holds(li, wi) {
                w.y += b1 - a1;
            } else if b.holds(li, wi) {
                w.y += a0 - b0;
            } else if w.y > a1 + 0.1 && w.y - w.size * 0.5 < b0 {
                w.y += hb - ha;
            }
        }
    }
    Some(doc)
}

/// The LA's name as a running header would print it ("Bristol, City of" → "Bristol").
fn printed_name(la_name: &str) -> String {
    la_name.split(", ").next().unwrap_or(la_name).to_string()
}

fn add_running_line(s: &Subject, rng: &mut Rng, top: bool) -> Option<Document> {
    let name = printed_name(s.la_name);
    let pages = s.doc.pages.len();
    let style = rng.below(4);
    let first_in_stream = rng.coin();
    let mut doc = s.doc.clone();
    let mut added = false;
    for page in &mut doc.pages {
        let n = page.number;
        let text = if top {
            match style {
                0 => format!("Inspection of {name} children's services"),
                1 => "Ofsted".to_string(),
                2 => format!("{name}: inspection of children's services"),
                _ => "Children's services inspection report".to_string(),
            }
        } else {
            match style {
                0 => format!("Ofsted {n} of {pages}"),
                1 => format!("Page {n}"),
                2 => format!("{n} of {pages}"),
                _ => format!("Inspection of {name} children's services {n}"),
            }
        };
        let words: Vec<&Word> = page.words().collect();
        if words.is_empty() {
            continue;
        }
        let size = 8.0;
        let highest = words.iter().map(|w| w.y - w.size).fold(f32::INFINITY, f32::min);
        let lowest = words.iter().map(|w| w.y).fold(f32::NEG_INFINITY, f32::max);
        let left = words.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min);
        let y = if top {
            if highest < size * 2.5 + 4.0 {
                continue;
            }
            (highest - 4.0).min(size + (highest - size) / 2.0)
        } else {
            if page.height - lowest < size * 2.5 + 4.0 {
                continue;
            }
            (lowest + size * 1.5 + 4.0).max(lowest + (page.height - lowest) / 2.0).min(page.height - 4.0)
        };
        let like = Word { text: String::new(), x0: 0.0, x1: 0.0, y, size };
        let mut x = left;
        let mut line = Line { words: Vec::new() };
        for t in text.split(' ') {
            let w = Word { y, ..edit::word_like(&Word { x1: size * 0.5, ..like.clone() }, t, x) };
            x = w.x1 + edit::space(size);
            line.words.push(w);
        }
        if first_in_stream {
            page.lines.insert(0, line);
        } else {
            page.lines.push(line);
        }
        added = true;
    }
    added.then_some(doc)
}

fn running_header_added(s: &Subject, rng: &mut Rng) -> Option<Document> {
    add_running_line(s, rng, true)
}

fn running_footer_added(s: &Subject, rng: &mut Rng) -> Option<Document> {
    add_running_line(s, rng, false)
}

fn punctuation_changed(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let targets = heading_targets(s.doc, false);
    let &(page, li) = rng.pick(&targets)?;
    let mut doc = s.doc.clone();
    let line = line_mut(&mut doc, page, li)?;
    let n = line.words.len();
    if let Some(i) = line.words.iter().position(|w| w.text.ends_with(':')) {
        let text = line.words[i].text.trim_end_matches(':').to_string();
        edit::retext(line, n, i, &text);
    } else {
        // Before a grade that ends the heading, else at its end.
        let grade_words = (1..=n.min(5))
            .find(|&k| lacs_extract::parse_grade(&lacs_pdftext::join_words(&line.words[n - k..])).is_some());
        let i = match grade_words {
            Some(k) if k < n => n - k - 1,
            _ => n.checked_sub(1)?,
        };
        let text = format!("{}:", line.words[i].text.trim_end_matches(['?', '.']));
        edit::retext(line, n, i, &text);
    }
    Some(doc)
}

fn apostrophe_style(s: &Subject, _rng: &mut Rng) -> Option<Document> {
    let (mut curly, mut straight) = (0, 0);
    for w in s.doc.pages.iter().flat_map(|p| p.words()) {
        curly += w.text.matches('’').count();
        straight += w.text.matches('\'').count();
    }
    if curly + straight == 0 {
        return None;
    }
    let (from, to) = if curly >= straight { ('’', '\'') } else { ('\'', '’') };
    let mut doc = s.doc.clone();
    for w in doc.pages.iter_mut().flat_map(|p| p.lines.iter_mut()).flat_map(|l| l.words.iter_mut()) {
        if w.text.contains(from) {
            w.text = w.text.replace(from, &to.to_string());
        }
    }
    Some(doc)
}

fn extra_spaces(s: &Subject, rng: &mut Rng) -> Option<Document> {
    let rows = locate::table_rows(s.doc);
    let (page, parts) = heading_or_label(s.doc, rng)?;
    let limit =
        rows.iter().find(|r| r.page == page && parts.iter().any(|&(l, f, _)| r.holds(l, f))).map(|r| r.grade_x0());
    let mut doc = s.doc.clone();
    for (li, from, to) in parts {
        let line = line_mut(&mut doc, page, li)?;
        for i in from + 1..to.min(line.words.len()) {
            let (prev_x1, size) = {
                let p = &line.words[i - 1];
                (p.x1, p.size)
            };
            let gap = line.words[i].x0 - prev_x1;
            // Wider, but still well under a cell gap.
            let want = size * (0.6 + 0.1 * rng.below(5) as f32);
            if want > gap {
                edit::shift(line, i, to, want - gap);
            }
        }
        let right = line.words.get(from..to)?.iter().map(|w| w.x1).fold(0.0, f32::max);
        let size = line.words.get(from)?.size;
        if limit.is_some_and(|g| right > g - locate::CELL_GAP * size) {
            return None;
        }
    }
    (doc != *s.doc).then_some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{self, GRADES, LABELS};
    use lacs_domain::{Grade, Judgement};
    use lacs_extract::{read_report, Hints};
    use proptest::prelude::{prop_assert, prop_assert_eq, prop_assert_ne, proptest, ProptestConfig};

    const JUDGEMENTS: [Judgement; 4] =
        [Judgement::Overall, Judgement::Leaders, Judgement::HelpProtection, Judgement::InCare];

    fn subject(doc: &Document) -> Subject<'_> {
        Subject { doc, urn: "80426", la_name: "Barnsley", inspection_start: "2023-09-11" }
    }

    fn reading(doc: &Document) -> (Vec<Option<Grade>>, Vec<String>) {
        let r = read_report(doc, &Hints::default());
        (JUDGEMENTS.iter().map(|&j| r.grade(j)).collect(), crate::score::flags(&r))
    }

    fn pairs(doc: &Document) -> Vec<(String, String)> {
        let mut out: Vec<_> = locate::table_rows(doc)
            .iter()
            .map(|r| (locate::norm(&r.label_text()), locate::norm(&r.grade_text())))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_synthetic_table_is_found_and_read() {
        for wrap_grades in [false, true] {
            let doc = synthetic::ilacs_page_one([0, 1, 2, 3], 200.0, 400.0, wrap_grades);
            let want: Vec<(String, String)> = {
                let mut v: Vec<_> =
                    LABELS.iter().zip(GRADES).map(|(l, g)| (locate::norm(l), locate::norm(g))).collect();
                v.sort();
                v
            };
            assert_eq!(pairs(&doc), want);
            let (grades, _) = reading(&doc);
            assert_eq!(
                grades,
                vec![
                    Some(Grade::Outstanding),
                    Some(Grade::Good),
                    Some(Grade::RequiresImprovement),
                    Some(Grade::Inadequate)
                ]
            );
        }
    }

    #[test]
    fn misspelling_keeps_the_ends_of_a_word() {
        let mut rng = Rng::new(7);
        for _ in 0..50 {
            let m = misspell("leadership", &mut rng).expect("long enough");
            assert!(m.starts_with('l') && m.ends_with('p') && m != "leadership");
        }
        assert_eq!(misspell("and", &mut rng), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn every_variation_keeps_words_finite_and_on_the_page(
            grades in [0usize..4, 0usize..4, 0usize..4, 0usize..4],
            width in 150f32..330.0,
            grade_x in 380f32..430.0,
            wrap_grades: bool,
            seed: u64,
        ) {
            let doc = synthetic::ilacs_page_one(grades, width, grade_x, wrap_grades);
            for v in VARIATIONS {
                let Some(d) = (v.apply)(&subject(&doc), &mut Rng::new(seed)) else { continue };
                for p in &d.pages {
                    for w in p.words() {
                        let ok = [w.x0, w.x1, w.y, w.size].iter().all(|c| c.is_finite())
                            && 0.0 <= w.x0 && w.x0 <= w.x1 && w.x1 <= p.width
                            && 0.0 < w.y - w.size * 0.5 && w.y <= p.height;
                        prop_assert!(ok, "{}: {:?} off the page", v.name, w);
                    }
                }
            }
        }

        #[test]
        fn case_and_spacing_never_change_the_grades_read(
            grades in [0usize..4, 0usize..4, 0usize..4, 0usize..4],
            width in 150f32..330.0,
            wrap_grades: bool,
            seed: u64,
        ) {
            let doc = synthetic::ilacs_page_one(grades, width, 400.0, wrap_grades);
            let before = reading(&doc);
            for class in [Class::HeadingCase, Class::ExtraSpaces, Class::GradeCase, Class::ApostropheStyle] {
                let v = VARIATIONS.iter().find(|v| v.class == class).expect("in the table");
                if let Some(d) = (v.apply)(&subject(&doc), &mut Rng::new(seed)) {
                    prop_assert_eq!(&reading(&d), &before, "{}", v.name);
                }
            }
        }

        #[test]
        fn reordered_rows_keep_each_label_with_its_grade(
            grades in [0usize..4, 0usize..4, 0usize..4, 0usize..4],
            width in 150f32..330.0,
            wrap_grades: bool,
            seed: u64,
        ) {
            let doc = synthetic::ilacs_page_one(grades, width, 400.0, wrap_grades);
            let v = VARIATIONS.iter().find(|v| v.class == Class::RowsReordered).expect("in the table");
            let d = (v.apply)(&subject(&doc), &mut Rng::new(seed)).expect("four rows to swap");
            prop_assert_ne!(&d, &doc);
            prop_assert_eq!(pairs(&d), pairs(&doc));
            prop_assert_eq!(reading(&d).0, reading(&doc).0);
        }
    }
}
