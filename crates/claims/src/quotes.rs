//! Finding a quotation in a report's text, as stories quote: typographic or straight quotes,
//! "…" or "[…]" where words were left out, a word in [brackets] put in, a word or two
//! changed. The report's pages are read as one run of words, so a quotation may cross a page
//! break; the page given is where it starts.

use crate::text::fold_words;

/// Where a quotation was found, or the nearest passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// 1-based page where it starts.
    pub page: u32,
    /// The report's words there.
    pub text: String,
    /// Words differing from the quotation (left out, added or changed).
    pub edits: usize,
    /// Whether it is close enough to count as the quotation.
    pub found: bool,
}

/// The pieces of a quotation between its ellipses and editorial brackets, each as folded
/// words; pieces of one word are dropped when there are longer ones.
pub fn fragments(quote: &str) -> Vec<Vec<String>> {
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let chars: Vec<char> = quote.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let three_dots = c == '.' && chars.get(k + 1) == Some(&'.') && chars.get(k + 2) == Some(&'.');
        if c == '[' {
            depth += 1;
            pieces.push(std::mem::take(&mut cur));
        } else if c == ']' {
            depth = (depth - 1).max(0);
        } else if depth > 0 {
        } else if c == '…' || three_dots {
            pieces.push(std::mem::take(&mut cur));
            if three_dots {
                k += 2;
            }
        } else {
            cur.push(c);
        }
        k += 1;
    }
    pieces.push(cur);
    let all: Vec<Vec<String>> = pieces.iter().map(|p| fold_words(p)).filter(|w| !w.is_empty()).collect();
    if all.iter().any(|w| w.len() >= 2) {
        all.into_iter().filter(|w| w.len() >= 2).collect()
    } else {
        all
    }
}

/// How many words of a fragment may differ: none in a short one, one in six in a longer one.
fn allowed(len: usize) -> usize {
    if len < 4 {
        0
    } else {
        (len / 6).max(1)
    }
}

/// Two words the same as quoted: equal, or one letter apart in words of five letters or
/// more (a typo, British and American spelling).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.min(lb) < 5 || la.abs_diff(lb) > 1 || a.as_bytes()[0] != b.as_bytes()[0] && a.as_bytes()[la - 1] != b.as_bytes()[lb - 1] {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit(&a, &b)
}

/// Whether two words are one insertion, deletion or substitution apart.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// The best place of `frag` in `doc`: (edits, start, end) by word-level edit distance, the
/// whole fragment against any run of the document's words.
fn best_place(frag: &[String], doc: &[&str]) -> Option<(usize, usize, usize)> {
    if frag.is_empty() || doc.is_empty() {
        return None;
    }
    // word for word: no alignment needed
    if let Some(start) = doc.windows(frag.len()).position(|w| w.iter().zip(frag).all(|(a, b)| *a == b.as_str())) {
        return Some((0, start, start + frag.len()));
    }
    // prev[j]: (cost, start) aligning frag[..i] ending at doc[..j]
    let mut prev: Vec<(usize, usize)> = (0..=doc.len()).map(|j| (0, j)).collect();
    for (i, w) in frag.iter().enumerate() {
        let mut row: Vec<(usize, usize)> = vec![(i + 1, 0); doc.len() + 1];
        for j in 1..=doc.len() {
            let sub = (prev[j - 1].0 + usize::from(!same_word(w, doc[j - 1])), prev[j - 1].1);
            let del = (prev[j].0 + 1, prev[j].1);
            let ins = (row[j - 1].0 + 1, row[j - 1].1);
            row[j] = [sub, del, ins].into_iter().min_by_key(|c| c.0).unwrap_or(sub);
        }
        prev = row;
    }
    let (end, &(cost, start)) = prev.iter().enumerate().skip(1).min_by_key(|(_, c)| c.0)?;
    Some((cost, start, end))
}

/// Looks for `quote` in a report's pages (page number, text). `None` when the pages hold no
/// words or the quotation has none.
pub fn locate(quote: &str, pages: &[(u32, String)]) -> Option<Located> {
    let frags = fragments(quote);
    let mut words: Vec<String> = Vec::new();
    let mut page_of: Vec<u32> = Vec::new();
    for (p, text) in pages {
        for w in fold_words(text) {
            words.push(w);
            page_of.push(*p);
        }
    }
    let doc: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut first: Option<(u32, usize, usize)> = None;
    let mut edits = 0;
    let mut found = true;
    for f in &frags {
        let (cost, start, end) = best_place(f, &doc)?;
        edits += cost;
        found &= cost <= allowed(f.len());
        if first.is_none() {
            first = Some((page_of[start.min(page_of.len() - 1)], start, end));
        }
    }
    let (page, start, end) = first?;
    let last_end = frags.last().and_then(|f| best_place(f, &doc)).map_or(end, |x| x.2);
    let end = if last_end > start && last_end - start <= 4 * frags.iter().map(Vec::len).sum::<usize>() + 20 { last_end } else { end };
    Some(Located { page, text: doc[start..end].join(" "), edits, found })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Vec<(u32, String)> {
        vec![
            (1, "Children’s services in Barnsley are good. Leaders have\nundertaken a significant".into()),
            (2, "review across all service areas. Social workers are passionate and\nambitious for children.".into()),
        ]
    }

    #[test]
    fn a_quotation_is_found_with_its_page_across_lines_and_pages() {
        let l = locate("leaders have undertaken a significant review across all service areas", &pages()).unwrap();
        assert!(l.found && l.edits == 0 && l.page == 1, "{l:?}");
        let l = locate("“passionate and ambitious”", &pages()).unwrap();
        assert!(l.found && l.page == 2);
    }

    #[test]
    fn ellipses_brackets_and_small_edits_are_allowed() {
        assert_eq!(fragments("Leaders have … a significant review [of services]... for children"), [vec!["leaders", "have"], vec!["a", "significant", "review"], vec!["for", "children"]]);
        let l = locate("Leaders have … a significant review ... passionate and ambitious", &pages()).unwrap();
        assert!(l.found, "{l:?}");
        let l = locate("leaders have undertook a significant review across all services areas", &pages()).unwrap();
        assert!(l.found && l.edits >= 1, "{l:?}");
        assert!(same_word("organisation", "organization"));
        assert!(same_word("children", "childrens") && same_word("practise", "practice") && !same_word("practice", "province"));
        assert!(!same_word("good", "goad"));
    }

    #[test]
    fn words_not_in_the_report_are_not_found() {
        let l = locate("leaders are complacent and services are failing children", &pages()).unwrap();
        assert!(!l.found);
        assert!(!locate("very good", &pages()).unwrap().found);
        assert!(locate("…", &pages()).is_none());
        assert!(locate("a b c", &[]).is_none());
    }
}
