//! A page's furniture: running headers, running footers and page numbers, which are never part
//! of what inspectors said. Told by what they are, not by a fixed margin: body text runs to
//! within 60 points of the foot of some layouts' pages, and a fixed margin cut its last line.
//!
//! A line is furniture when it sits in a page's top or bottom band and either is a bare page
//! number, or its words (digits aside: dates and page numbers change) recur at the same height
//! on several pages. Lines at the very edges of a page are furniture whatever they say. So are
//! footnotes (the small type below a page's body) and superscripts set on lines of their own.

use lacs_pdftext::{Document, Line, Page};
use std::collections::HashMap;

/// The bands, as fractions of the page height, where headers and footers are looked for.
const BAND: f32 = 0.12;
/// Nothing but furniture prints this close to the top or bottom edge (points).
const TOP_EDGE: f32 = 62.0;
const BOTTOM_EDGE: f32 = 28.0;
/// Recurring lines sit at the same height on each page, within this (points).
const SAME_HEIGHT: f32 = 3.0;
/// A recurring line of this many words is a header or footer in any type; a shorter one
/// ("11 to 15 September 2023 3", "8-19 July 2024 3") only in a type smaller than the body's (a
/// one-word label such as "Summary" can recur at the top of pages and still be body).
const RECURRING_WORDS_IN_BODY_TYPE: usize = 3;

/// For each page and each of its lines: is it furniture?
pub(crate) fn furniture(doc: &Document) -> Vec<Vec<bool>> {
    let in_band = |line: &Line, height: f32| line.y() < height * BAND || line.y() > height * (1.0 - BAND);
    // Each recurring key in the bands, with the heights and pages it was seen at.
    let mut seen: HashMap<String, Vec<(f32, usize)>> = HashMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for line in page.lines.iter().filter(|l| in_band(l, page.height)) {
            if let Some(key) = recurring_key(line) {
                seen.entry(key).or_default().push((line.y(), p));
            }
        }
    }
    let pages = doc.pages.len();
    let body_size = body_type_size(doc);
    // Three pages, or half of a short report's.
    let enough = 3.min(pages.div_ceil(2)).max(2);
    let mut furniture: Vec<Vec<bool>> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            page.lines
                .iter()
                .map(|line| {
                    let y = line.y();
                    if line.words.is_empty() || at_page_edge(line, page.height) {
                        return true;
                    }
                    if !in_band(line, page.height) {
                        return false;
                    }
                    if is_page_number(line) {
                        return true;
                    }
                    let Some(key) = recurring_key(line) else {
                        return false;
                    };
                    // (Its words, that is: the page number beside them can be set large.)
                    let smaller =
                        line.words.iter().filter(|w| w.text.chars().any(char::is_alphabetic)).all(|w| w.size < body_size - 1.0);
                    if key.split(' ').count() < RECURRING_WORDS_IN_BODY_TYPE && !smaller {
                        return false;
                    }
                    // In the body's type it must recur at the same height; in a smaller type
                    // anywhere in the bands (a layout can set its header a little lower on
                    // some pages).
                    seen.get(&key).is_some_and(|at| {
                        let mut pages_here: Vec<usize> = at
                            .iter()
                            .filter(|(other_y, _)| smaller || (other_y - y).abs() <= SAME_HEIGHT)
                            .map(|(_, q)| *q)
                            .collect();
                        pages_here.dedup();
                        pages_here.len() >= enough && pages_here.contains(&p)
                    })
                })
                .collect()
        })
        .collect();
    for (page, marks) in doc.pages.iter().zip(&mut furniture) {
        mark_footnotes(page, marks, body_size);
    }
    furniture
}

/// Footnotes start at the left margin, left of this (points).
const FOOTNOTE_MAX_X: f32 = 100.0;

/// Footnotes and superscripts. A footnote runs from its first line to the foot of the page: a
/// line in the lower half that opens with a superscript number, or the block of lines below
/// the page's last line of body type, set smaller. A superscript (a footnote reference, the
/// "th" of "17th") that lands on a line of its own, raised beside a line of larger type, is
/// dropped. A paragraph runs on past all of these.
fn mark_footnotes(page: &Page, marks: &mut [bool], body_size: f32) {
    let small = |line: &Line| line.words.iter().all(|w| w.size < body_size - 1.0);
    let mut by_height: Vec<usize> = (0..page.lines.len()).filter(|&i| !marks[i]).collect();
    by_height.sort_by(|&a, &b| page.lines[a].y().total_cmp(&page.lines[b].y()));
    let foot_from = by_height
        .iter()
        .position(|&i| is_footnote_start(&page.lines[i], page.height))
        .or_else(|| {
            let below = by_height.iter().rev().take_while(|&&i| small(&page.lines[i])).count();
            // A page all in small type is a table or an annex, not body with footnotes.
            (below > 0 && below < by_height.len()).then(|| by_height.len() - below)
        })
        .unwrap_or(by_height.len());
    for &i in &by_height[foot_from..] {
        marks[i] = true;
    }
    for (i, (line, mark)) in page.lines.iter().zip(marks.iter_mut()).enumerate() {
        let raised_beside = |j: usize| page.lines.get(j).is_some_and(|other| is_superscript(line, other));
        if raised_beside(i.wrapping_sub(1)) || raised_beside(i + 1) {
            *mark = true;
        }
    }
}

/// Raised type that a layout writes as a line of its own though it continues a line of the
/// body: a footnote reference or an ordinal suffix, and sometimes the rest of the line after it
/// ("18" | "th birthday."). The run is put back at the end of its line: a suffix joins its
/// number ("18th"), a footnote reference is dropped, other words follow.
pub(crate) fn rejoin_raised_runs(doc: &mut Document) {
    const SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];
    /// A raised run starts where its line ends, within this (points).
    const TOUCHING: f32 = 2.0;
    for page in &mut doc.pages {
        for i in 0..page.lines.len() {
            let run = &page.lines[i];
            let Some(first) = run.words.first() else { continue };
            let base = [i.wrapping_sub(1), i + 1].into_iter().find(|&j| {
                page.lines.get(j).filter(|_| j != i).is_some_and(|base| {
                    let (Some(last), Some(size)) = (base.words.last(), base.words.first().map(|w| w.size)) else {
                        return false;
                    };
                    let raised = base.y() - first.y;
                    first.size < size * 0.8 && raised > 0.5 && raised < size && (first.x0 - last.x1).abs() <= TOUCHING
                })
            });
            let Some(base) = base else { continue };
            let mut words = std::mem::take(&mut page.lines[i].words);
            let base_y = page.lines[base].y();
            let first = words.remove(0);
            let suffix = first.text.trim_end_matches(|c: char| c.is_ascii_punctuation());
            // A footnote reference's digits go; punctuation set with them stays ("service3.").
            let after_reference = first.text.trim_start_matches(|c: char| c.is_ascii_digit());
            let is_reference = after_reference.len() < first.text.len() && after_reference.chars().all(|c| c.is_ascii_punctuation());
            match page.lines[base].words.last_mut() {
                Some(number) if SUFFIXES.contains(&suffix) && number.text.ends_with(|c: char| c.is_ascii_digit()) => {
                    number.text.push_str(&first.text)
                }
                Some(before) if is_reference => before.text.push_str(after_reference),
                _ => words.insert(0, first),
            }
            page.lines[base].words.extend(words.into_iter().map(|w| lacs_pdftext::Word { y: base_y, ..w }));
        }
    }
}

/// A footnote's first line: in the lower half of the page, at the left margin, a superscript
/// number and then text in a larger type.
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

/// `line` is a superscript of `other`: a word or two in a smaller type, raised within the
/// height of `other`'s type.
fn is_superscript(line: &Line, other: &Line) -> bool {
    let (Some(size), Some(other_size)) = (line.words.first().map(|w| w.size), other.words.first().map(|w| w.size)) else {
        return false;
    };
    let raised = other.y() - line.y();
    line.words.len() <= 2 && size < other_size * 0.8 && raised > 0.5 && raised < other_size
}

/// Nothing but furniture prints this close to a page's top or bottom edge.
pub(crate) fn at_page_edge(line: &Line, page_height: f32) -> bool {
    line.y() < TOP_EDGE || line.y() > page_height - BOTTOM_EDGE
}

/// The size of most words in the document: its body type.
fn body_type_size(doc: &Document) -> f32 {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for word in doc.pages.iter().flat_map(|p| p.words()) {
        *counts.entry((word.size * 2.0).round() as u32).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(size, n)| (n, size)).map_or(0.0, |(size, _)| size as f32 / 2.0)
}

/// A line's words with digits dropped, lower case: the same on every page a header or footer
/// prints on. `None` for a line with no letters.
fn recurring_key(line: &Line) -> Option<String> {
    let words: Vec<String> = line
        .words
        .iter()
        .map(|w| w.text.chars().filter(|c| !c.is_ascii_digit()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w: &String| w.chars().any(char::is_alphabetic))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// "12", "Page 12", "Page 12 of 40", "12 of 40".
fn is_page_number(line: &Line) -> bool {
    let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] => number(n),
        [page, n] => page.eq_ignore_ascii_case("page") && number(n),
        [n, of, m] => number(n) && of.eq_ignore_ascii_case("of") && number(m),
        [page, n, of, m] => page.eq_ignore_ascii_case("page") && number(n) && of.eq_ignore_ascii_case("of") && number(m),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::page;

    fn line(y: f32, text: &str) -> Line {
        crate::test_pages::line(70.0, y, text)
    }

    #[test]
    fn a_footer_that_recurs_and_a_page_number_are_furniture_and_the_body_line_above_them_is_not() {
        let pages = (1..=4)
            .map(|n| {
                page(
                    n,
                    vec![
                        line(100.0, "Summary"),
                        line(400.0, "Children are seen promptly."),
                        // The body's last line, 61 points from the foot of the page.
                        line(
                            781.0,
                            ["attend strategy meetings.", "are seen alone.", "live with kin.", "go home."][n as usize - 1],
                        ),
                        line(802.0, "Inspection of the Isle of Wight local authority children's services"),
                        line(811.9, &format!("30 October to 3 November 2023 {n}")),
                    ],
                )
            })
            .collect();
        let doc = Document { pages };
        for flags in furniture(&doc) {
            assert_eq!(flags, [false, false, false, true, true]);
        }
    }

    fn sized(mut line: Line, size: f32) -> Line {
        for word in &mut line.words {
            word.size = size;
        }
        line
    }

    #[test]
    fn footnotes_below_the_body_are_furniture_and_small_type_above_body_is_not() {
        let body = |y| line(y, "Children are seen promptly by their social workers.");
        let doc = Document {
            pages: vec![page(
                1,
                vec![
                    body(100.0),
                    sized(line(120.0, "A small caption between paragraphs."), 9.0),
                    body(140.0),
                    body(300.0),
                    sized(line(640.0, "3"), 6.0),
                    sized(line(650.0, "The Institute of Local Government Studies was asked by the council"), 9.0),
                    sized(line(661.0, "to undertake an independent peer review."), 9.0),
                ],
            )],
        };
        assert_eq!(furniture(&doc)[0], [false, false, false, false, true, true, true]);
        // A superscript on a line of its own, raised beside its line, is dropped.
        let mut th = sized(line(294.5, "th"), 8.0);
        (th.words[0].x0, th.words[0].x1) = (420.5, 428.0);
        let doc = Document {
            pages: vec![page(
                1,
                vec![body(100.0), line(300.0, "allocate a social worker at the young person's 17"), th, body(320.0)],
            )],
        };
        assert_eq!(furniture(&doc)[0], [false, false, true, false]);
        let mut doc = doc;
        rejoin_raised_runs(&mut doc);
        assert_eq!(doc.pages[0].lines[1].text(), "allocate a social worker at the young person's 17th");
        assert!(doc.pages[0].lines[2].words.is_empty());
        // A suffix with the rest of its line raised with it ("18" | "th birthday.").
        let mut raised = sized(line(294.5, "th birthday."), 8.0);
        (raised.words[0].x0, raised.words[0].x1) = (420.5, 428.0);
        raised.words[1].size = 12.0;
        let mut doc = Document { pages: vec![page(1, vec![line(300.0, "allocate a social worker at the young person's 18"), raised])] };
        rejoin_raised_runs(&mut doc);
        assert_eq!(doc.pages[0].lines[0].text(), "allocate a social worker at the young person's 18th birthday.");
        // A footnote reference raised with the rest of its line: its digits go, its stop stays.
        let mut raised = sized(line(294.5, "3. School professionals"), 8.0);
        (raised.words[0].x0, raised.words[0].x1) = (260.5, 268.0);
        let mut doc = Document { pages: vec![page(1, vec![line(300.0, "a successful thriving families service"), raised])] };
        rejoin_raised_runs(&mut doc);
        assert_eq!(doc.pages[0].lines[0].text(), "a successful thriving families service. School professionals");
        // A page all in small type keeps its lines: a table, not footnotes.
        let table = Document {
            pages: vec![page(1, vec![sized(line(100.0, "Referrals 1,200"), 9.0), sized(line(120.0, "Assessments 900"), 9.0)])],
        };
        assert_eq!(furniture(&table)[0], [false, false]);
    }

    #[test]
    fn page_numbers_are_told_by_their_shape() {
        assert!(is_page_number(&line(817.0, "12")));
        assert!(is_page_number(&line(817.0, "Page 3 of 40")));
        assert!(!is_page_number(&line(817.0, "2014")));
        assert!(!is_page_number(&line(817.0, "Good")));
    }
}
