//! Reading a story's text: sentences, words (tokens) with their places, quotations.
//! Nothing here fails: any text, however odd, gives some sentences (maybe none).

/// One word, number or mark of a sentence, as compared with the phrase tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case, apostrophes and a possessive `'s` dropped, `&` as "and".
    pub norm: String,
    /// Byte range in the sentence.
    pub start: usize,
    pub end: usize,
    /// Begins with a capital letter (or digit) as printed.
    pub capital: bool,
    /// A mark that ends a clause (`,` `;` `:` `(` `)` dash) rather than a word.
    pub mark: bool,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Printed with a possessive 's ("Kent's neighbour").
    pub possessive: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '%' || c == '&'
}

/// The words of `s`: hyphens and slashes split words ("two-week" is "two", "week"), an
/// apostrophe inside a word is dropped ("children's" → "children", "don't" → "dont"), `&` is
/// "and", `%` is "per cent".
pub fn tokens(s: &str) -> Vec<Token> {
    let quoted_at = quoted_ranges(s);
    let in_quote = |at: usize| quoted_at.iter().any(|q| q.0 <= at && at < q.1);
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_word_char(c) {
            let start = at;
            let mut word = String::new();
            let mut possessive = false;
            let mut j = i;
            while j < chars.len() {
                let (_, d) = chars[j];
                if is_word_char(d) && d != '%' && d != '&' {
                    word.extend(d.to_lowercase());
                    j += 1;
                } else if is_apostrophe(d) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() && !word.is_empty() {
                    // children's, don't; a possessive 's is dropped
                    let rest: String = chars[j + 1..].iter().take_while(|x| x.1.is_alphanumeric()).map(|x| x.1).collect();
                    if rest.eq_ignore_ascii_case("s") {
                        possessive = true;
                        j += 2;
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            if j == i {
                // a lone % or &
                word = if c == '%' { "per cent".into() } else { "and".into() };
                j = i + 1;
            }
            let end = chars.get(j).map_or(s.len(), |x| x.0);
            let capital = c.is_uppercase() || c.is_ascii_digit();
            // a number glued to % ("42%") is two tokens
            for (k, w) in word.split(' ').enumerate() {
                out.push(Token { norm: w.to_string(), start, end, capital: capital && k == 0, mark: false, quoted: in_quote(start), possessive });
            }
            i = j;
            continue;
        }
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—') {
            out.push(Token { norm: c.to_string(), start: at, end: at + c.len_utf8(), capital: false, mark: true, quoted: in_quote(at), possessive: false });
        }
        i += 1;
    }
    out
}

/// Whether `tokens[i..]` begins with `phrase` (tokenised the same way); the number of tokens
/// it covers, 0 when it does not.
pub fn matches_at(tokens: &[Token], i: usize, phrase: &str) -> usize {
    let mut n = 0;
    for w in phrase.split([' ', '-']).filter(|w| !w.is_empty()) {
        match tokens.get(i + n) {
            Some(t) if !t.mark && t.norm == w => n += 1,
            _ => return 0,
        }
    }
    n
}

/// One sentence of the story, with where it starts in the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub tokens: Vec<Token>,
}

const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "dr", "cllr", "st", "no", "prof", "eg", "ie", "e.g", "i.e", "rev", "sr", "jr", "vs", "cf", "approx"];

/// The story's sentences. A blank line ends a paragraph (headlines have no full stop); inside
/// one, lines are joined, and a sentence ends at `.`, `!` or `?` followed by a space and a
/// capital letter, digit or quotation mark, outside quotation marks, after no abbreviation
/// ("Cllr.", "St.").
pub fn sentences(story: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let normalised = story.replace("\r\n", "\n").replace('\r', "\n");
    for para in normalised.split("\n\n") {
        let para: String = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut start = 0;
        let mut depth = 0i32; // inside “…”
        for k in 0..chars.len() {
            let (at, c) = chars[k];
            let closes_a_quoted_sentence = c == '”'
                && depth == 1
                && k > 0
                && matches!(chars[k - 1].1, '.' | '!' | '?');
            match c {
                '“' => depth += 1,
                '”' if !closes_a_quoted_sentence => depth = (depth - 1).max(0),
                '.' | '!' | '?' | '”' if depth == 0 || closes_a_quoted_sentence => {
                    depth = 0;
                    // ". ” Next" or ". Next"
                    let mut m = k + 1;
                    while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | '\'' | ')') {
                        m += 1;
                    }
                    let next_space = chars.get(m).is_some_and(|x| x.1 == ' ');
                    let next = chars.get(m + 1).map(|x| x.1);
                    let starts = next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\''));
                    let word_before: String = para[start..at]
                        .rsplit(|ch: char| ch.is_whitespace())
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    let c = if closes_a_quoted_sentence { chars[k - 1].1 } else { c };
                    let abbreviation = c == '.' && ABBREVIATIONS.contains(&word_before.trim_start_matches(['(', '"', '“']));
                    let initial = c == '.' && word_before.chars().count() == 1 && word_before.chars().all(char::is_alphabetic);
                    if next_space && starts && !abbreviation && !initial {
                        let end = chars.get(m).map_or(para.len(), |x| x.0);
                        push(&mut out, &para[start..end]);
                        start = end;
                    }
                }
                _ => {}
            }
        }
        push(&mut out, &para[start..]);
    }
    out
}

fn push(out: &mut Vec<Sentence>, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    out.push(Sentence { text: s.to_string(), tokens: tokens(s) });
}

/// The byte ranges (inside the marks) of quotations in `s`: “…”, ‘…’ and "…" (and '…' opened
/// after a space), innermost never split.
pub fn quoted_ranges(s: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let before_ok = k == 0 || !chars[k - 1].1.is_alphanumeric();
        let close: Option<&dyn Fn(usize) -> bool> = match c {
            '“' => Some(&|m: usize| chars[m].1 == '”'),
            '"' if before_ok => Some(&|m: usize| chars[m].1 == '"'),
            '‘' | '\'' if before_ok => Some(&|m: usize| {
                matches!(chars[m].1, '’' | '\'') && chars.get(m + 1).is_none_or(|n| !n.1.is_alphanumeric())
            }),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(m) = (k + 1..chars.len()).find(|&m| close(m)) {
                let start = at + c.len_utf8();
                let end = chars[m].0;
                if end > start {
                    out.push((start, end));
                }
                k = m + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A form of text for finding a quotation in a report: lower case, every quotation mark,
/// apostrophe and dash folded, words only, whitespace collapsed.
pub fn fold_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if !w.is_empty() {
            out.push(std::mem::take(w));
        }
    };
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if is_apostrophe(c) {
            // children’s = childrens
        } else if c == '&' {
            flush(&mut word, &mut out);
            out.push("and".into());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn words_as_compared() {
        assert_eq!(norms("Kent's two-week inspection"), ["kent", "two", "week", "inspection"]);
        assert_eq!(norms("children’s services, 42% & more"), ["children", "services", ",", "42", "per", "cent", "and", "more"]);
        assert_eq!(norms("Don't"), ["dont"]);
        assert!(tokens("Kent").first().is_some_and(|t| t.capital));
        let t = tokens("said “leaders are good” today");
        assert!(!t[0].quoted && t[1].quoted && t[3].quoted && !t[4].quoted);
    }

    #[test]
    fn sentences_split_where_a_story_ends_them() {
        let s = sentences("Headline here\n\nCllr. Smith said it was good. “It is. Really.” The Council is 3rd.\nNext line continues. e.g. this? Yes! J. Bloggs wrote");
        let texts: Vec<&str> = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Headline here", "Cllr. Smith said it was good.", "“It is. Really.”", "The Council is 3rd.", "Next line continues. e.g. this?", "Yes!", "J. Bloggs wrote"]);
    }

    #[test]
    fn quotations_of_every_kind() {
        let s = "a “b c” d \"e f\" g ‘h i’ it’s 'j'";
        let q: Vec<&str> = quoted_ranges(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(q, ["b c", "e f", "h i", "j"]);
        assert!(quoted_ranges("unclosed “quote").is_empty());
    }

    #[test]
    fn folded_words() {
        assert_eq!(fold_words("Children’s social-care\nservices & “help”…"), ["childrens", "social", "care", "services", "and", "help"]);
    }
}
