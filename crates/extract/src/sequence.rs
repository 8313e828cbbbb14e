//! The report's paragraph numbers. ILACS and SIF reports number their paragraphs in one
//! sequence, 1 to N, through the whole report (a SIF's summary, lists, detailed findings and
//! the LSCB's part alike). A line that begins "21." is paragraph 21 only where it continues that
//! sequence: the same number at the start of a wrapped line ("… when they turn / 21. A
//! significant number …") or of a sub-list inside a paragraph is text, and a judgement table
//! numbered "1." to "3." on page 1 is not the sequence either.
//!
//! The sequence is the longest run of numbered lines, in reading order, whose numbers rise one
//! at a time: a number skipped costs as much as a paragraph gained, and of two equally good
//! predecessors the nearer is taken (so a table's "3." never precedes the summary's "4.").
//! What the run lacks or repeats is a doubt; the findings reader checks that each paragraph
//! was stored exactly once.

use lacs_pdftext::{Document, Line};
use std::collections::{BTreeMap, HashSet};

/// The largest step between two paragraphs of the run: a longer one is a second sequence.
const MAX_STEP: u32 = 5;
/// A shorter run is a numbered table or list (a judgement table's "1." to "3."), not the
/// report's paragraph numbering.
const MIN_RUN: usize = 5;
/// A repeated number at the paragraphs' marker column, within this (points), is a doubt.
const MARKER_COLUMN: f32 = 3.0;

/// Where each numbered paragraph starts: (page index, line index) → its number.
#[derive(Debug, Default)]
pub(crate) struct Sequence {
    starts: BTreeMap<(usize, usize), u32>,
    numbers: HashSet<u32>,
    /// Numbers the run skips, or prints twice, in words, with the (1-based) page where it
    /// happens.
    pub doubts: Vec<(String, Option<u32>)>,
}

/// The number a line opens with ("21."), if it opens with one.
pub(crate) fn leading_number(line: &Line) -> Option<u32> {
    let first = line.words.first()?.text.as_str();
    let digits = first.strip_suffix('.')?;
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) || line.words.len() < 2 {
        return None;
    }
    digits.parse().ok()
}

impl Sequence {
    /// The run through `doc`, skipping furniture and contents pages.
    pub(crate) fn find(doc: &Document, furniture: &[Vec<bool>], contents: &[bool]) -> Sequence {
        // (page, line, number, x of the marker), in reading order.
        let mut candidates: Vec<(usize, usize, u32, f32)> = Vec::new();
        for (p, page) in doc.pages.iter().enumerate() {
            if contents.get(p).copied().unwrap_or(false) {
                continue;
            }
            for (i, line) in page.lines.iter().enumerate() {
                let is_furniture = furniture.get(p).and_then(|f| f.get(i)).copied().unwrap_or(false);
                // A numbered table row (a SIF's judgement table: "1. Children who need help
                // and protection … Inadequate") is no paragraph.
                if let Some(n) = leading_number(line).filter(|_| !is_furniture && !crate::is_table_row(line)) {
                    candidates.push((p, i, n, line.x0()));
                }
            }
        }
        if candidates.is_empty() {
            return Sequence::default();
        }
        // best[i]: the score of the best run ending at candidate i, and its predecessor.
        let mut best: Vec<(i64, Option<usize>)> = Vec::with_capacity(candidates.len());
        for (i, &(_, _, n, _)) in candidates.iter().enumerate() {
            let mut here = (1 - i64::from(n.saturating_sub(1)), None);
            for (j, &(_, _, m, _)) in candidates[..i].iter().enumerate() {
                if m < n && n - m <= MAX_STEP {
                    let score = best[j].0 + 1 - i64::from(n - m - 1);
                    // `>=`: among equals, the nearest predecessor.
                    if score >= here.0 {
                        here = (score, Some(j));
                    }
                }
            }
            best.push(here);
        }
        let Some(last) = (0..best.len()).rev().max_by_key(|&i| best[i].0) else {
            return Sequence::default();
        };
        let mut run = vec![last];
        while let Some(previous) = best[*run.last().unwrap_or(&last)].1 {
            run.push(previous);
        }
        run.reverse();
        if run.len() < MIN_RUN {
            return Sequence::default();
        }
        let mut starts: BTreeMap<(usize, usize), u32> =
            run.iter().map(|&i| ((candidates[i].0, candidates[i].1), candidates[i].2)).collect();
        // A number the run skips, printed without its full stop ("34 Most children…") at the
        // paragraphs' column between its neighbours, fills the gap.
        let mut columns: Vec<f32> = run.iter().map(|&i| candidates[i].3).collect();
        columns.sort_by(f32::total_cmp);
        let column = columns[columns.len() / 2];
        for w in run.windows(2) {
            let ((p0, i0, a, _), (p1, i1, b, _)) = (candidates[w[0]], candidates[w[1]]);
            if b != a + 2 {
                continue;
            }
            let missing = (a + 1).to_string();
            let between = (p0..=p1).flat_map(|p| {
                let lines = doc.pages.get(p).map_or(&[][..], |page| page.lines.as_slice());
                lines.iter().enumerate().map(move |(i, line)| (p, i, line))
            });
            let fill = between.filter(|&(p, i, _)| (p0, i0) < (p, i) && (p, i) < (p1, i1)).find(|(_, _, line)| {
                line.words.len() > 1 && line.words[0].text == missing && (line.x0() - column).abs() <= MARKER_COLUMN
            });
            if let Some((p, i, _)) = fill {
                starts.insert((p, i), a + 1);
            }
        }
        let run_numbers: Vec<u32> = run.iter().map(|&i| candidates[i].2).collect();
        let numbers: HashSet<u32> = starts.values().copied().collect();
        let mut doubts = Vec::new();
        let page_number = |p: usize| doc.pages.get(p).map(|page| page.number);
        let first = candidates[run[0]].2;
        if first != 1 {
            doubts.push((format!("the numbered paragraphs start at {first}, not 1"), page_number(candidates[run[0]].0)));
        }
        let missing: Vec<u32> = run_numbers.windows(2).flat_map(|w| w[0] + 1..w[1]).filter(|n| !numbers.contains(n)).collect();
        // A number printed twice at the paragraphs' marker column, between its neighbours.
        let place = |n: u32| starts.iter().find(|(_, m)| **m == n).map(|(pos, _)| *pos);
        if let Some(&first_missing) = missing.first() {
            // The page of the paragraph the gap follows.
            let page = place(first_missing.saturating_sub(1)).and_then(|(p, _)| page_number(p));
            let words =
                format!("numbered paragraph{} {} not found", if missing.len() > 1 { "s" } else { "" }, number_list(&missing));
            doubts.push((words, page));
        }
        let (start, end) = ((candidates[run[0]].0, candidates[run[0]].1), (candidates[last].0, candidates[last].1));
        let repeated: Vec<(usize, u32)> = candidates
            .iter()
            .filter(|&&(p, i, n, x)| {
                let pos = (p, i);
                numbers.contains(&n)
                    && !starts.contains_key(&pos)
                    && (x - column).abs() <= MARKER_COLUMN
                    && start < pos
                    && pos < end
                    && place(n - 1).is_none_or(|before| before < pos)
                    && place(n + 1).is_none_or(|after| pos < after)
            })
            .map(|c| (c.0, c.2))
            .collect();
        if let Some(&(p, _)) = repeated.first() {
            let numbers: Vec<u32> = repeated.iter().map(|r| r.1).collect();
            doubts.push((format!("paragraph number {} printed twice", number_list(&numbers)), page_number(p)));
        }
        Sequence { starts, numbers, doubts }
    }

    /// The paragraph number of the sequence that starts at this line, if one does.
    pub(crate) fn at(&self, page: usize, line: usize) -> Option<u32> {
        self.starts.get(&(page, line)).copied()
    }

    /// Whether a line beginning with number `n` opens an item: it starts a paragraph of the
    /// sequence, or its number is none of the sequence's (a list numbered on its own).
    pub(crate) fn opens(&self, page: usize, line: usize, n: u32) -> bool {
        self.at(page, line) == Some(n) || !self.numbers.contains(&n)
    }

    /// Every paragraph of the run: (page index, line index, number), in order.
    pub(crate) fn paragraphs(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        self.starts.iter().map(|(&(p, i), &n)| (p, i, n))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// "3, 7–9, 12": numbers in runs.
pub(crate) fn number_list(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        parts.push(if j > i { format!("{}–{}", sorted[i], sorted[j]) } else { sorted[i].to_string() });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::page;

    fn line(x: f32, text: &str) -> Line {
        crate::test_pages::line(x, 0.0, text)
    }

    fn sequence(lines: Vec<Line>) -> Sequence {
        let n = lines.len();
        let doc = Document { pages: vec![page(1, lines)] };
        Sequence::find(&doc, &[vec![false; n]], &[false])
    }

    fn numbers(s: &Sequence) -> Vec<(usize, u32)> {
        s.paragraphs().map(|(_, i, n)| (i, n)).collect()
    }

    #[test]
    fn a_judgement_table_and_a_wrapped_line_are_not_the_sequence() {
        let s = sequence(vec![
            line(71.0, "1. Children who need help and protection"),
            line(71.0, "2. Children looked after"),
            line(71.0, "3. Leadership, management and governance"),
            line(71.0, "1. Although the officers know their services"),
            line(71.0, "2. Not all professionals"),
            line(71.0, "3. The police and children's social care"),
            line(71.0, "4. Health professionals"),
            line(99.0, "5. in the wrapped end of paragraph 4"),
            line(71.0, "5. The plans that are made"),
            line(71.0, "6. Services to prevent"),
        ]);
        assert_eq!(numbers(&s), [(3, 1), (4, 2), (5, 3), (6, 4), (8, 5), (9, 6)]);
        assert!(s.doubts.is_empty(), "{:?}", s.doubts);
        assert!(!s.opens(0, 7, 5), "a wrapped line beginning with a number of the sequence opens nothing");
        assert!(s.opens(0, 8, 5));
        assert!(s.opens(0, 0, 40), "a number the sequence lacks opens an item of a list numbered on its own");
    }

    #[test]
    fn a_missing_or_repeated_paragraph_is_a_doubt() {
        let s = sequence(vec![
            line(71.0, "1. One"),
            line(71.0, "2. Two"),
            line(71.0, "4. Four"),
            line(71.0, "5. Five"),
            line(71.0, "5. Five again"),
            line(71.0, "6. Six"),
        ]);
        let doubts: Vec<(&str, Option<u32>)> = s.doubts.iter().map(|(d, p)| (d.as_str(), *p)).collect();
        assert_eq!(doubts, [("numbered paragraph 3 not found", Some(1)), ("paragraph number 5 printed twice", Some(1))]);
    }

    #[test]
    fn numbers_are_listed_in_runs() {
        assert_eq!(number_list(&[12, 3, 7, 8, 9]), "3, 7–9, 12");
    }
}
