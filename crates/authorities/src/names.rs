//! Name normalisation, the name index, free-text matching and spelling suggestions.

use std::collections::{HashMap, HashSet};

use lacs_domain::{Authority, Date};

/// Character-level normalisation: lower case, curly apostrophes made straight and then
/// dropped ("children’s" → "childrens"), `&` → "and", every other non-alphanumeric character
/// a space (so "St." → "st", "Stoke-on-Trent" → "stoke on trent"), spaces collapsed.
pub(crate) fn light(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = true; // no leading space
    let push_space = |out: &mut String, space: &mut bool| {
        if !*space {
            out.push(' ');
            *space = true;
        }
    };
    for c in s.chars() {
        match c {
            '\'' | '’' | '‘' | '`' | '´' => {}
            '&' => {
                push_space(&mut out, &mut space);
                out.push_str("and");
                space = false;
                push_space(&mut out, &mut space);
            }
            c if c.is_alphanumeric() => {
                out.extend(c.to_lowercase());
                space = false;
            }
            _ => push_space(&mut out, &mut space),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

const PREFIXES: &[&str] = &[
    "the ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "county of ",
    "council of the ",
    "council of ",
];

const SUFFIXES: &[&str] = &[
    " metropolitan borough council",
    " metropolitan district council",
    " county borough council",
    " borough council",
    " district council",
    " city council",
    " county council",
    " council",
    " borough",
    " city of",
    " county of",
];

/// Drops council and borough wrappers from a [`light`]-normalised name, repeatedly, never
/// down to nothing.
pub(crate) fn strip_wrappers(light: &str) -> String {
    let mut s = light;
    loop {
        let before = s;
        for p in PREFIXES {
            if let Some(rest) = s.strip_prefix(p) {
                if !rest.is_empty() {
                    s = rest;
                }
            }
        }
        for x in SUFFIXES {
            if let Some(rest) = s.strip_suffix(x) {
                if !rest.is_empty() {
                    s = rest;
                }
            }
        }
        if s == before {
            return s.to_string();
        }
    }
}

/// Full normalisation given the set of light forms whose wrappers must be kept.
pub(crate) fn normalise_with(s: &str, protected: &HashSet<String>) -> String {
    let l = light(s);
    if protected.contains(&l) {
        l
    } else {
        strip_wrappers(&l)
    }
}

/// Where one LA's name or alias was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub idx: usize,
    /// The LA's own name (not an alias).
    pub is_name: bool,
}

/// Name lookups over the register, built once.
pub(crate) struct NameIndex {
    /// Light forms kept whole by [`normalise_with`] because dropping their wrapper would make
    /// them another LA's name ("dorset county council" vs Dorset Council's "dorset council").
    pub protected: HashSet<String>,
    /// Fully normalised name or alias → the LAs that bear it.
    pub exact: HashMap<String, Vec<Hit>>,
    /// Light and fully normalised names and aliases → LAs, for whole-word text matching.
    pub phrases: Phrases<Hit>,
    /// Per LA, its distinct full keys (for suggestions).
    pub keys: Vec<Vec<String>>,
}

fn add(map: &mut HashMap<String, Vec<Hit>>, key: String, hit: Hit) {
    let v = map.entry(key).or_default();
    match v.iter_mut().find(|h| h.idx == hit.idx) {
        Some(h) => h.is_name |= hit.is_name,
        None => v.push(hit),
    }
}

impl NameIndex {
    pub fn build(las: &[Authority]) -> NameIndex {
        let spellings = |a: &Authority| -> Vec<(String, bool)> {
            std::iter::once((a.name.clone(), true))
                .chain(a.aliases.iter().map(|s| (s.clone(), false)))
                .collect()
        };
        // Which LAs each stripped form would point to.
        let mut stripped: HashMap<String, HashSet<usize>> = HashMap::new();
        for (i, a) in las.iter().enumerate() {
            for (s, _) in spellings(a) {
                stripped
                    .entry(strip_wrappers(&light(&s)))
                    .or_default()
                    .insert(i);
            }
        }
        let mut protected = HashSet::new();
        for (i, a) in las.iter().enumerate() {
            for (s, _) in spellings(a) {
                let l = light(&s);
                let f = strip_wrappers(&l);
                if f != l && stripped[&f].iter().any(|&j| j != i) {
                    protected.insert(l);
                }
            }
        }
        let mut exact = HashMap::new();
        let mut phrases = HashMap::new();
        let mut keys = vec![Vec::new(); las.len()];
        for (i, a) in las.iter().enumerate() {
            for (s, is_name) in spellings(a) {
                let hit = Hit { idx: i, is_name };
                let l = light(&s);
                let f = normalise_with(&s, &protected);
                if f.is_empty() {
                    continue;
                }
                add(&mut exact, f.clone(), hit);
                add(&mut phrases, l, hit);
                add(&mut phrases, f.clone(), hit);
                if !keys[i].contains(&f) {
                    keys[i].push(f);
                }
            }
        }
        NameIndex {
            protected,
            exact,
            phrases: Phrases::new(phrases),
            keys,
        }
    }
}

/// The words of a [`light`] form.
pub(crate) fn words_of(light: &str) -> Vec<&str> {
    light.split(' ').filter(|w| !w.is_empty()).collect()
}

/// Where a phrase was found in a text's words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span<'a, T> {
    /// Index of its first word.
    pub start: usize,
    /// Its length in words.
    pub words: usize,
    /// Its length in characters (a tie-break between phrases of as many words).
    pub chars: usize,
    pub values: &'a [T],
}

impl<T> Span<'_, T> {
    /// True when `self` lies wholly inside `outer`.
    pub fn within<U>(&self, outer: &Span<'_, U>) -> bool {
        outer.start <= self.start && self.start + self.words <= outer.start + outer.words
    }
}

/// The longest span (most words, then most characters; ties: the earliest).
pub(crate) fn longest<'s, 'a, T>(spans: &'s [Span<'a, T>]) -> Option<&'s Span<'a, T>> {
    spans
        .iter()
        .fold(None, |best: Option<&Span<'a, T>>, s| match best {
            Some(b) if (s.words, s.chars) <= (b.words, b.chars) => Some(b),
            _ => Some(s),
        })
}

/// Whole-word phrases (in [`light`] form) and what each stands for, for finding them in a
/// text: a few hash look-ups per word.
pub(crate) struct Phrases<T> {
    map: HashMap<String, Vec<T>>,
    /// First words of the phrases, to skip text positions quickly.
    first_words: HashSet<String>,
    /// Longest phrase, in words.
    max_words: usize,
}

impl<T> Phrases<T> {
    pub fn new(map: HashMap<String, Vec<T>>) -> Phrases<T> {
        let first_words = map
            .keys()
            .map(|k| k.split(' ').next().unwrap_or("").to_string())
            .collect();
        let max_words = map.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        Phrases {
            map,
            first_words,
            max_words,
        }
    }

    pub fn get(&self, light: &str) -> Option<&[T]> {
        self.map.get(light).map(Vec::as_slice)
    }

    /// At each word of `words` where a phrase begins, the longest phrase beginning there.
    pub fn spans(&self, words: &[&str]) -> Vec<Span<'_, T>> {
        let mut out = Vec::new();
        let mut key = String::new();
        for i in 0..words.len() {
            if !self.first_words.contains(words[i]) {
                continue;
            }
            for n in (1..=self.max_words.min(words.len() - i)).rev() {
                key.clear();
                for (k, w) in words[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(values) = self.map.get(key.as_str()) {
                    out.push(Span {
                        start: i,
                        words: n,
                        chars: key.len(),
                        values,
                    });
                    break;
                }
            }
        }
        out
    }
}

/// Chooses among LAs that bear the same name: those existing on `on` first; then the LA whose
/// own name it is over one that has it as an alias; then the current LA; then the one that
/// ended last.
pub(crate) fn pick(las: &[Authority], hits: &[Hit], on: Option<Date>) -> Option<usize> {
    let existing: Vec<Hit> = match on {
        Some(d) => hits
            .iter()
            .copied()
            .filter(|h| las[h.idx].exists_on(d))
            .collect(),
        None => Vec::new(),
    };
    let pool: &[Hit] = if existing.is_empty() { hits } else { &existing };
    pool.iter()
        .max_by_key(|h| {
            let a = &las[h.idx];
            // None (still current) sorts above any end date
            (h.is_name, a.end.is_none(), a.end, a.start)
        })
        .map(|h| h.idx)
}

/// Words that say nothing of which LA is meant on their own: a query made only of them
/// matches no LA by part of its name.
const FILLERS: &[&str] = &["and", "of", "on", "upon", "the", "council"];

/// Where `query`'s words lie within `key`'s as whole words, in order (a sub-sequence: "kensington
/// chelsea" within "kensington and chelsea"): `Some(true)` when the key begins with the first
/// of them, `Some(false)` when they lie further in, `None` when some word is missing, the query
/// has no words or only [`FILLERS`].
pub(crate) fn words_within(query: &[&str], key: &[&str]) -> Option<bool> {
    if query.iter().all(|w| FILLERS.contains(w)) {
        return None;
    }
    let mut rest = key.iter().enumerate();
    let mut first = None;
    for w in query {
        let (at, _) = rest.find(|(_, k)| *k == w)?;
        first.get_or_insert(at);
    }
    first.map(|at| at == 0)
}

/// Levenshtein distance in characters.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_forms() {
        assert_eq!(light("  Bristol, City of "), "bristol city of");
        assert_eq!(light("Hammersmith & Fulham"), "hammersmith and fulham");
        assert_eq!(light("St. Helens"), "st helens");
        assert_eq!(light("St.Helens"), "st helens");
        assert_eq!(light("Stoke-on-Trent"), "stoke on trent");
        assert_eq!(light("children’s services"), "childrens services");
        assert_eq!(light("B&NES"), "b and nes");
        assert_eq!(light("Dorset (Pre LG)"), "dorset pre lg");
        assert_eq!(light(""), "");
    }

    #[test]
    fn wrappers() {
        assert_eq!(
            strip_wrappers("the royal borough of kensington and chelsea"),
            "kensington and chelsea"
        );
        assert_eq!(strip_wrappers("london borough of hackney"), "hackney");
        assert_eq!(
            strip_wrappers("wirral metropolitan borough council"),
            "wirral"
        );
        assert_eq!(strip_wrappers("bristol city council"), "bristol");
        assert_eq!(
            strip_wrappers("kingston upon hull city of"),
            "kingston upon hull"
        );
        assert_eq!(
            strip_wrappers("council of the isles of scilly"),
            "isles of scilly"
        );
        assert_eq!(strip_wrappers("bedford borough council"), "bedford");
        assert_eq!(strip_wrappers("city of london"), "city of london");
        assert_eq!(strip_wrappers("council"), "council");
        assert_eq!(strip_wrappers("the council"), "council");
    }

    #[test]
    fn words_within_a_name() {
        let w = |q: &str, k: &str| words_within(&words_of(q), &words_of(k));
        assert_eq!(w("kensington", "kensington and chelsea"), Some(true));
        assert_eq!(w("kensington and", "kensington and chelsea"), Some(true));
        assert_eq!(
            w("kensington chelsea", "kensington and chelsea"),
            Some(true)
        );
        assert_eq!(w("chelsea", "kensington and chelsea"), Some(false));
        assert_eq!(
            w("north somerset", "bath and north east somerset"),
            Some(false)
        );
        assert_eq!(w("chelsea kensington", "kensington and chelsea"), None);
        assert_eq!(w("kent", "kensington and chelsea"), None);
        assert_eq!(w("kensington kensington", "kensington and chelsea"), None);
        assert_eq!(w("and", "kensington and chelsea"), None);
        assert_eq!(w("", "kensington and chelsea"), None);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("barnsly", "barnsley"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
