//! Tolerant reading: the one rule by which a printed label, heading or title is recognised
//! when it is not printed exactly as the tables of [`crate::labels`] spell it.
//!
//! The tables stay the single source of what each framework prints. Each pattern is parsed
//! (with `regex-syntax`) into its **phrases**: sequences of words, some optional (from `?`
//! groups), digits and a grade slot (`{grade}`), one phrase per alternative. Printed text is
//! cut into the same kind of words (lower case, punctuation dropped, digits apart from letters
//! so that a footnote marker glued to a word, "improve1", is a word of its own). A phrase is
//! then aligned to the words word by word, at a cost:
//!
//! | difference | cost |
//! |---|---|
//! | the same word; an optional word left out; a digit (footnote marker, numbering) or a word doubled in the print | 0 |
//! | a word misspelt (one letter changed, added, dropped or two swapped, in a word of five letters or more) | 1 |
//! | a word left out, or an extra word | 2 |
//!
//! A reading is accepted within [`tolerance`] of the phrase's required words. Where two
//! labels or headings fit the same words equally well, neither is taken: the caller records
//! a doubt. A reading that is not exact is marked, so that a grade read through it must be
//! confirmed by another place in the report (the body heading that repeats it) before it is
//! trusted.
//!
//! Patterns whose language is not a short list of phrases (free text such as `.{1,90}?`) have
//! no phrases and are read exactly only.

use crate::grades::parse_grade;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Stands for `{grade}` while a pattern is parsed: a word no report prints.
const GRADE_WORD: &str = "zzgradezz";
/// A phrase list longer than this is not a phrase list (it is a vocabulary of free text).
const MAX_PHRASES: usize = 24;
/// The longest grade phrase in words ("requires improvement to be good").
const MAX_GRADE_WORDS: usize = 5;
/// The words a grade phrase can begin with (see `grades::GRADE_PATTERN`).
const GRADE_FIRST_WORDS: [&str; 6] = ["requires", "require", "outstanding", "inadequate", "good", "not"];

const COST_FUZZY: u32 = 1;
const COST_GAP: u32 = 2;

/// One position in a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    Word(String),
    Digit,
    Grade,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PhraseSlot {
    slot: Slot,
    optional: bool,
}

/// The phrases a pattern spells, ready to align.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    alternatives: Vec<Vec<PhraseSlot>>,
}

impl Phrases {
    /// The phrases of a built-in pattern (as written in the tables, before `{grade}` is
    /// expanded); empty where the pattern is free text.
    pub fn of_pattern(pattern: &str) -> Phrases {
        let source = pattern.to_lowercase().replace("{grade}", GRADE_WORD);
        let Ok(hir) = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(&source) else {
            return Phrases::default();
        };
        let Some(spelled) = spell(&hir, false) else { return Phrases::default() };
        let alternatives = spelled
            .into_iter()
            .map(|pieces| slots(&pieces))
            .filter(|s| s.iter().any(|p| !p.optional))
            .collect();
        Phrases { alternatives }
    }

    pub fn is_empty(&self) -> bool {
        self.alternatives.is_empty()
    }

    /// Words in the longest phrase, optional ones included.
    pub fn max_words(&self) -> usize {
        self.alternatives.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A pattern spelled out: alternatives, each a run of characters with whether each is
/// optional.
type Spelled = Vec<Vec<(char, bool)>>;

fn spell(hir: &Hir, optional: bool) -> Option<Spelled> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            Some(vec![text.chars().map(|c| (c, optional)).collect()])
        }
        HirKind::Class(class) => Some(vec![class_text(class)?.chars().map(|c| (c, optional)).collect()]),
        HirKind::Capture(cap) => spell(&cap.sub, optional),
        HirKind::Repetition(rep) => match (rep.min, rep.max) {
            (0, Some(1)) => {
                // An optional alternation: each of its words may appear or not, which reads a
                // little wider than the pattern and spares a product of phrases.
                let alts = spell(&rep.sub, true)?;
                let mut joined = Vec::new();
                for alt in alts {
                    joined.push((' ', true));
                    joined.extend(alt);
                }
                joined.push((' ', true));
                Some(vec![joined])
            }
            // `\s+` and the like: a separator.
            (1, None) if class_text_of(&rep.sub) == Some(" ") => Some(vec![vec![(' ', optional)]]),
            // Letters that may be there or not (`[a-z]*scb`): the phrase reads without them.
            (0, _) if spell(&rep.sub, true).is_none() => Some(vec![Vec::new()]),
            _ => None,
        },
        HirKind::Concat(parts) => {
            let mut acc: Spelled = vec![Vec::new()];
            for part in parts {
                let next = spell(part, optional)?;
                let mut product = Vec::with_capacity(acc.len() * next.len());
                for a in &acc {
                    for n in &next {
                        let mut joined = a.clone();
                        joined.extend(n.iter().copied());
                        product.push(joined);
                    }
                }
                if product.len() > MAX_PHRASES {
                    return None;
                }
                acc = product;
            }
            Some(acc)
        }
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for alt in alts {
                out.extend(spell(alt, optional)?);
                if out.len() > MAX_PHRASES {
                    return None;
                }
            }
            Some(out)
        }
    }
}

fn class_text_of(hir: &Hir) -> Option<&'static str> {
    match hir.kind() {
        HirKind::Class(c) => class_text(c),
        _ => None,
    }
}

/// A character class as the words read it: digits are a digit, punctuation and spaces a
/// separator; a class of letters is free text.
fn class_text(class: &Class) -> Option<&'static str> {
    let chars: Vec<char> = match class {
        Class::Unicode(c) => c.iter().flat_map(|r| r.start()..=r.end()).take(300).collect(),
        Class::Bytes(c) => c.iter().flat_map(|r| r.start()..=r.end()).map(char::from).take(300).collect(),
    };
    if !chars.is_empty() && chars.iter().all(char::is_ascii_digit) {
        Some("0")
    } else if chars.iter().all(|c| !c.is_alphanumeric()) {
        Some(" ")
    } else {
        None
    }
}

fn slots(pieces: &[(char, bool)]) -> Vec<PhraseSlot> {
    let text: String = pieces.iter().map(|(c, _)| *c).collect();
    words_with_spans(&text)
        .into_iter()
        .map(|(word, start, end)| {
            let optional = text[start..end].char_indices().all(|(i, _)| {
                let at = text[..start + i].chars().count();
                pieces.get(at).is_some_and(|(_, o)| *o)
            });
            let slot = if word == GRADE_WORD {
                Slot::Grade
            } else if word.starts_with(|c: char| c.is_ascii_digit()) {
                Slot::Digit
            } else {
                Slot::Word(word)
            };
            PhraseSlot { slot, optional }
        })
        .collect()
}

/// Printed text cut into words: runs of letters (with inner apostrophes) or of digits, lower
/// case, each with its byte range in the text.
fn words_with_spans(text: &str) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut current: Option<(String, usize, bool)> = None;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let class = if c.is_alphabetic() {
            Some(false)
        } else if c.is_ascii_digit() {
            Some(true)
        } else {
            None
        };
        let inner_apostrophe = c == '\'' && current.as_ref().is_some_and(|(_, _, digit)| !digit);
        match (class, current.as_mut()) {
            (Some(digit), Some((word, _, d))) if *d == digit => {
                word.extend(c.to_lowercase());
                end = i + c.len_utf8();
            }
            (None, Some((word, _, _))) if inner_apostrophe => word.push('\''),
            (Some(digit), _) => {
                if let Some((word, start, _)) = current.take() {
                    out.push((word, start, end));
                }
                current = Some((c.to_lowercase().collect(), i, digit));
                end = i + c.len_utf8();
            }
            (None, _) => {
                if let Some((word, start, _)) = current.take() {
                    out.push((word, start, end));
                }
            }
        }
    }
    if let Some((word, start, _)) = current {
        out.push((word, start, end));
    }
    for w in &mut out {
        // "services'" and "children's" alike: an apostrophe ends no word.
        while w.0.ends_with('\'') {
            w.0.pop();
        }
    }
    out
}

/// Printed text as words, ready to align phrases to.
pub struct Words {
    words: Vec<String>,
    spans: Vec<(usize, usize)>,
    /// For each word, the lengths (in words) of the grade phrases starting there.
    grades: Vec<Vec<usize>>,
    /// The distinct words, sorted, to tell quickly which a phrase lacks.
    sorted: Vec<String>,
}

impl Words {
    pub fn new(text: &str) -> Words {
        let cut = words_with_spans(text);
        let words: Vec<String> = cut.iter().map(|(w, _, _)| w.clone()).collect();
        let spans = cut.iter().map(|(_, s, e)| (*s, *e)).collect();
        let grades = (0..words.len())
            .map(|i| {
                // Only a grade's first word can start one (and the regular expression is
                // spared the other words).
                if !GRADE_FIRST_WORDS.contains(&words[i].as_str()) {
                    return Vec::new();
                }
                (1..=MAX_GRADE_WORDS)
                    .filter(|len| i + len <= words.len() && parse_grade(&words[i..i + len].join(" ")).is_some())
                    .collect()
            })
            .collect();
        let mut sorted = words.clone();
        sorted.sort_unstable();
        sorted.dedup();
        Words { words, spans, grades, sorted }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Where and how well a phrase was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte range in the text the words were cut from.
    pub start: usize,
    pub end: usize,
    /// 0 when the text spells the phrase (optional words, digits and doubled words aside).
    pub cost: u32,
    /// The grade phrase that filled the phrase's grade slot, as printed.
    pub grade: Option<(usize, usize)>,
}

impl Found {
    pub fn is_exact(&self) -> bool {
        self.cost == 0
    }
}

/// How far from a phrase a reading may be: one word in four lost or extra, at least one; a
/// phrase of one or two words may only be misspelt once.
pub fn tolerance(required_words: usize) -> u32 {
    if required_words <= 2 {
        COST_FUZZY
    } else {
        COST_GAP * (required_words as u32 / 4).max(1)
    }
}

/// Two spellings of one word: equal, or (both five letters or more) one edit apart.
fn same_word(a: &str, b: &str) -> Option<u32> {
    if a == b {
        return Some(0);
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ac.len() < 5 || bc.len() < 5 || ac.len().abs_diff(bc.len()) > 1 {
        return None;
    }
    (edit_distance(&ac, &bc) <= 1).then_some(COST_FUZZY)
}

/// Damerau–Levenshtein distance (optimal string alignment).
#[allow(clippy::needless_range_loop)] // a dynamic-programming table reads best by index
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let sub = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + sub);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Whether the words must be the phrase and nothing else (a heading on its own line) or may
/// hold it anywhere (a label among the other cells of a table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Whole,
    Anywhere,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    cost: u32,
    start: usize,
    grade: Option<(usize, usize)>,
}

/// Cost of reading word `j` as an extra word.
fn extra_cost(words: &Words, j: usize) -> u32 {
    let w = &words.words[j];
    let doubled = j > 0 && words.words[j - 1] == *w;
    if doubled || w.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else {
        COST_GAP
    }
}

/// Whether a phrase could fit at all: every required word the text lacks costs at least a
/// misspelling, so a text lacking more than the tolerance allows is passed over before any
/// alignment (most lines of a report, for any one heading).
fn could_fit(phrase: &[PhraseSlot], words: &Words) -> bool {
    let required: Vec<&str> = phrase
        .iter()
        .filter(|s| !s.optional)
        .filter_map(|s| match &s.slot {
            Slot::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    let limit = tolerance(phrase.iter().filter(|s| !s.optional).count()) as usize;
    let lacking = required.iter().filter(|w| words.sorted.binary_search_by(|x| x.as_str().cmp(w)).is_err()).count();
    lacking * COST_FUZZY as usize <= limit
}

#[allow(clippy::needless_range_loop)] // a dynamic-programming table reads best by index
/// Align one phrase to the words; every place it fits within tolerance, best first, none
/// overlapping.
fn align(phrase: &[PhraseSlot], words: &Words, span: Span) -> Vec<(usize, usize, Cell)> {
    let n = words.len();
    let m = phrase.len();
    let required = phrase.iter().filter(|s| !s.optional).count();
    let limit = tolerance(required);
    const NONE: Cell = Cell { cost: u32::MAX, start: 0, grade: None };
    // table[k][j]: the best way to read the first k slots ending just before word j.
    let mut table = vec![vec![NONE; n + 1]; m + 1];
    for j in 0..=n {
        table[0][j] = match span {
            Span::Anywhere => Cell { cost: 0, start: j, grade: None },
            Span::Whole if j == 0 => Cell { cost: 0, start: 0, grade: None },
            // A heading begins its line: words before it (a row's number, a sentence's
            // opening) make the line something else.
            Span::Whole => NONE,
        };
    }
    let relax = |table: &mut Vec<Vec<Cell>>, k: usize, j: usize, cell: Cell| {
        if cell.cost < table[k][j].cost || (cell.cost == table[k][j].cost && cell.start < table[k][j].start) {
            table[k][j] = cell;
        }
    };
    for j in 0..=n {
        for k in 0..m {
            let here = table[k][j];
            if here.cost == u32::MAX {
                continue;
            }
            let slot = &phrase[k];
            // The slot not printed.
            let skip = if slot.optional { 0 } else { COST_GAP };
            relax(&mut table, k + 1, j, Cell { cost: here.cost + skip, ..here });
            if j == n {
                continue;
            }
            match &slot.slot {
                Slot::Word(w) => {
                    if let Some(c) = same_word(w, &words.words[j]) {
                        relax(&mut table, k + 1, j + 1, Cell { cost: here.cost + c, ..here });
                    }
                }
                Slot::Digit => {
                    if words.words[j].starts_with(|c: char| c.is_ascii_digit()) {
                        relax(&mut table, k + 1, j + 1, here);
                    }
                }
                Slot::Grade => {
                    for &len in &words.grades[j] {
                        relax(&mut table, k + 1, j + len, Cell { grade: Some((j, j + len)), ..here });
                    }
                }
            }
            // An extra word inside the phrase (not before its first slot when it may start
            // anywhere).
            if k > 0 {
                relax(&mut table, k, j + 1, Cell { cost: here.cost + extra_cost(words, j), ..here });
            }
        }
        // Extra words after the phrase, for a whole line.
        if span == Span::Whole && j < n && table[m][j].cost != u32::MAX {
            let here = table[m][j];
            relax(&mut table, m, j + 1, Cell { cost: here.cost + extra_cost(words, j), ..here });
        }
    }
    let mut ends: Vec<(usize, usize, Cell)> = match span {
        Span::Whole => vec![(0, n, table[m][n])],
        Span::Anywhere => (1..=n).map(|j| (table[m][j].start, j, table[m][j])).collect(),
    };
    // At least half the required words must be there: a phrase is not found in one word.
    ends.retain(|(s, e, c)| c.cost <= limit && e > s && (e - s) * 2 >= required);
    best_apart(ends)
}

/// The fits best first (lowest cost, then longest, then earliest), each kept only where it
/// overlaps none kept before it.
fn best_apart(mut fits: Vec<(usize, usize, Cell)>) -> Vec<(usize, usize, Cell)> {
    fits.sort_by_key(|(s, e, c)| (c.cost, std::cmp::Reverse(e - s), *s));
    let mut taken: Vec<(usize, usize, Cell)> = Vec::new();
    for (s, e, c) in fits {
        if taken.iter().all(|(ts, te, _)| e <= *ts || s >= *te) {
            taken.push((s, e, c));
        }
    }
    taken
}

/// Every place the phrases fit the words, best first (lowest cost, then longest), none
/// overlapping.
pub fn find(phrases: &Phrases, words: &Words, span: Span) -> Vec<Found> {
    let all: Vec<(usize, usize, Cell)> = phrases
        .alternatives
        .iter()
        .filter(|alt| could_fit(alt, words))
        .flat_map(|alt| align(alt, words, span))
        .collect();
    best_apart(all)
        .into_iter()
        .filter_map(|(s, e, c)| {
            let start = words.spans.get(s)?.0;
            let end = words.spans.get(e.checked_sub(1)?)?.1;
            let grade = c.grade.and_then(|(gs, ge)| Some((words.spans.get(gs)?.0, words.spans.get(ge - 1)?.1)));
            Some(Found { start, end, cost: c.cost, grade })
        })
        .collect()
}

/// The best fit of the phrases to the whole of the words.
pub fn whole(phrases: &Phrases, words: &Words) -> Option<Found> {
    find(phrases, words, Span::Whole).into_iter().next()
}

/// Which of several candidates fits best: the index of the one with the lowest cost, or
/// `Err` with the indices that tie for it (two readings are possible).
pub fn best<T>(candidates: &[(T, u32)]) -> Option<Result<usize, Vec<usize>>> {
    let low = candidates.iter().map(|(_, c)| *c).min()?;
    let at: Vec<usize> = (0..candidates.len()).filter(|&i| candidates[i].1 == low).collect();
    Some(if at.len() == 1 { Ok(at[0]) } else { Err(at) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(pattern: &str, text: &str) -> Option<u32> {
        whole(&Phrases::of_pattern(pattern), &Words::new(text)).map(|f| f.cost)
    }

    #[test]
    fn patterns_become_phrases() {
        let p = Phrases::of_pattern(r"^what needs to improve(?: in this local authority)?[?:]?$");
        assert_eq!(p.alternatives.len(), 1);
        assert_eq!(p.alternatives[0].iter().filter(|s| !s.optional).count(), 4);
        assert!(Phrases::of_pattern(r"children's services in .{1,90}? are {grade}").is_empty());
        let alts = Phrases::of_pattern(r"^(?:areas for improvement|recommendations):?$");
        assert_eq!(alts.alternatives.len(), 2);
    }

    #[test]
    fn exact_print_costs_nothing() {
        let p = r"^what needs to improve(?: in this local authority)?[?:]?$";
        assert_eq!(fits(p, "What needs to improve"), Some(0));
        assert_eq!(fits(p, "What needs to improve in this local authority?"), Some(0));
        assert_eq!(fits(p, "WHAT NEEDS TO IMPROVE:"), Some(0));
    }

    #[test]
    fn footnotes_doubled_and_misspelt_words_read() {
        let p = r"^what needs to improve(?: in this local authority)?[?:]?$";
        assert_eq!(fits(p, "What needs to improve1"), Some(0), "footnote glued to the word");
        assert_eq!(fits(p, "What needs to improve ²"), Some(0), "superscript digits are not letters");
        assert_eq!(fits(p, "What needs to to improve"), Some(0));
        assert_eq!(fits(p, "What needs to imporve"), Some(1));
        assert_eq!(fits(p, "What needs improve"), Some(2));
        assert_eq!(fits(p, "What the local authority does well"), None);
        assert_eq!(fits(p, "Improve"), None);
    }

    #[test]
    fn a_grade_slot_takes_the_grade() {
        let p = r"^the experiences and progress of children who need help and protection ?: ?{grade}$";
        let text = "The experiences and progress of children who need help and protection: requires improvement to be good";
        let f = whole(&Phrases::of_pattern(p), &Words::new(text)).expect("fits");
        assert_eq!(f.cost, 0);
        let (s, e) = f.grade.expect("grade");
        assert_eq!(&text[s..e], "requires improvement to be good");
        let dropped = "The experiences and progress of children who need and protection: good";
        assert_eq!(fits(p, dropped), Some(2));
    }

    #[test]
    fn labels_are_found_among_other_text() {
        let phrases = Phrases::of_pattern(r"the experiences and progress of children who need help and protection");
        let text = "Judgement Grade The impact of leaders The experiences and progress of children who need and protection Overall";
        let found = find(&phrases, &Words::new(text), Span::Anywhere);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "The experiences and progress of children who need and protection");
        assert_eq!(found[0].cost, 2);
    }

    #[test]
    fn every_grade_phrase_starts_with_a_known_first_word() {
        for phrase in ["Requires improvement to be good", "Require improvement", "Outstanding", "Inadequate", "Good", "Not judged"] {
            let words = Words::new(phrase);
            assert!(words.grades[0].contains(&words.len()), "{phrase}");
        }
    }

    #[test]
    fn ties_are_doubts() {
        assert_eq!(best(&[("a", 2), ("b", 1)]), Some(Ok(1)));
        assert_eq!(best(&[("a", 1), ("b", 1)]), Some(Err(vec![0, 1])));
        assert_eq!(best::<&str>(&[]), None);
    }
}

#[cfg(test)]
mod table_tests {
    use super::Phrases;
    use crate::labels::{BODY_HEADINGS, FINDINGS_HEADINGS, TABLE_LABELS, TITLES};

    /// Every label and heading of the tables has phrases, so none is read exactly only; the
    /// titles that hold free text (the ILACS title names the LA or the body anywhere) are the
    /// exceptions, and are named here.
    #[test]
    fn every_label_and_heading_reads_tolerantly() {
        let patterns = TABLE_LABELS
            .iter()
            .map(|l| l.pattern)
            .chain(BODY_HEADINGS.iter().map(|h| h.pattern))
            .chain(FINDINGS_HEADINGS.iter().map(|h| h.pattern));
        let exact_only: Vec<&str> = patterns.filter(|p| Phrases::of_pattern(p).is_empty()).collect();
        assert!(exact_only.is_empty(), "read exactly only: {exact_only:?}");
        let titles: Vec<&str> = TITLES.iter().map(|t| t.pattern).filter(|p| Phrases::of_pattern(p).is_empty()).collect();
        assert_eq!(titles, [r"inspection of (?:.{1,80}? )?(?:local authority )?children's (?:social care )?services"]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::labels::{FINDINGS_HEADINGS, TABLE_LABELS};
    use proptest::prelude::*;

    /// The printed forms of the tables' labels and headings with no grade slot: the words
    /// that are not optional, in order.
    fn printed() -> Vec<(String, Phrases)> {
        TABLE_LABELS
            .iter()
            .map(|l| l.pattern)
            .chain(FINDINGS_HEADINGS.iter().map(|h| h.pattern))
            .filter(|p| !p.contains("{grade}"))
            .filter_map(|p| {
                let phrases = Phrases::of_pattern(p);
                let first = phrases.alternatives.first()?;
                let words: Vec<String> = first
                    .iter()
                    .filter(|s| !s.optional)
                    .map(|s| match &s.slot {
                        Slot::Word(w) => w.clone(),
                        _ => "1.".to_string(),
                    })
                    .collect();
                Some((words.join(" "), phrases))
            })
            .collect()
    }

    proptest! {
        /// Changing case, adding a footnote marker or doubling a word never stops a
        /// heading being read, and costs nothing.
        #[test]
        fn case_footnotes_and_doubled_words_cost_nothing(which in 0usize..64, upper in any::<bool>(), footnote in 1u8..10, double in 0usize..16) {
            let all = printed();
            let (text, phrases) = &all[which % all.len()];
            let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
            let at = double % words.len();
            let doubled = words[at].clone();
            words.insert(at, doubled);
            let mut line = words.join(" ");
            if upper { line = line.to_uppercase(); } else if let Some(first) = line.get(..1) { line = format!("{}{}", first.to_uppercase(), &line[1..]); }
            line.push_str(&footnote.to_string());
            let found = whole(phrases, &Words::new(&line));
            prop_assert_eq!(found.map(|f| f.cost), Some(0), "{}", line);
        }

        /// One word dropped from a phrase of four words or more still reads, at a cost.
        #[test]
        fn a_dropped_word_reads_at_a_cost(which in 0usize..64, drop in 0usize..16) {
            let all = printed();
            let (text, phrases) = &all[which % all.len()];
            let words: Vec<&str> = text.split(' ').collect();
            prop_assume!(words.len() >= 4);
            let kept: Vec<&str> = words.iter().enumerate().filter(|(i, _)| *i != drop % words.len()).map(|(_, w)| *w).collect();
            let line = kept.join(" ");
            let found = whole(phrases, &Words::new(&line));
            prop_assert!(found.is_some_and(|f| f.cost > 0), "{}", line);
        }

        /// Prose of common words is never read as a heading.
        #[test]
        fn prose_is_not_a_heading(words in proptest::collection::vec(prop::sample::select(vec!["the", "children", "and", "of", "services", "is", "good", "plans", "leaders", "care", "social", "work", "they", "have", "been"]), 8..20)) {
            let line = words.join(" ");
            for (_, phrases) in printed() {
                prop_assert!(whole(&phrases, &Words::new(&line)).is_none(), "{}", line);
            }
        }
    }
}
