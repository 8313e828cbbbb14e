//! The LAs a sentence names, in the forms stories use: an LA's name or alias ("Kent County
//! Council", "Kent's", "B&NES"), or a body that ran its children's services ("Slough
//! Children First"; "Achieving for Children", which serves several, names them all).

use lacs_authorities::{Authority, Date};

use crate::text::Token;

/// One place a sentence names an LA or a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range in the sentence.
    pub start: usize,
    pub end: usize,
    /// One LA, or every LA the body named served (two or more).
    pub las: Vec<&'static Authority>,
    /// Named as a possessive before a noun ("Kent's neighbour"): not what the clause is about
    /// when it names another LA.
    pub possessive: bool,
}

/// The longest name tried, in words ("Bournemouth, Christchurch and Poole Council" is six).
const MAX_WORDS: usize = 9;

/// Words that, capitalised at a sentence's start, are words before they are places.
const NOT_ALONE: &[&str] = &["reading", "bury", "bath", "wigan", "sutton", "poole", "derby", "durham"];

/// Words after a sentence's first word that make it the place.
const PLACE_NEXT: &[&str] = &["was", "has", "is", "had", "have", "were", "council", "borough", "childrens", "city", "county"];

/// Every LA or body named in `tokens` (the words of `text`), left to right, the longest
/// name at each place.
pub fn mentions(text: &str, tokens: &[Token], on: Option<Date>) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.mark || !(t.capital || t.norm == "the") || t.quoted {
            i += 1;
            continue;
        }
        let mut found = None;
        for n in (1..=MAX_WORDS.min(tokens.len() - i)).rev() {
            let window = &tokens[i..i + n];
            let inner_marks_ok = window.iter().all(|w| !w.mark || w.norm == ",");
            if !inner_marks_ok || window.last().is_some_and(|w| w.mark) || !window.last().is_some_and(|w| w.capital) {
                continue;
            }
            // … unless what follows makes it the place ("Wigan has", "Reading's")
            let place_next = t.possessive || tokens.get(1).is_some_and(|x| PLACE_NEXT.contains(&x.norm.as_str()));
            if n == 1 && i == 0 && NOT_ALONE.contains(&t.norm.as_str()) && !place_next {
                continue;
            }
            if window[0].norm == "the" && n == 1 {
                continue;
            }
            // as printed ("Children's Trust"), and as compared ("Kent's" is Kent)
            let printed = text.get(window[0].start..window[n - 1].end).unwrap_or("");
            let compared: String = window.iter().map(|w| w.norm.as_str()).collect::<Vec<_>>().join(" ");
            let hit = [printed, compared.as_str()].into_iter().find_map(|phrase| {
                // a body that ran children's services, by its whole name, first
                let key = lacs_authorities::normalise_name(phrase);
                let bodies = lacs_authorities::operators_in_text(phrase, on);
                if bodies.iter().any(|b| lacs_authorities::normalise_name(&b.name) == key) {
                    if let Some(f) = lacs_authorities::find_candidates_in_text(phrase, on) {
                        return Some(f.candidates().to_vec());
                    }
                }
                lacs_authorities::by_name(phrase, on).map(|a| vec![a])
            });
            if let Some(las) = hit {
                found = Some((n, las));
                break;
            }
        }
        match found {
            Some((n, las)) => {
                let possessive = tokens[i + n - 1].possessive && tokens.get(i + n).is_some_and(|x| !x.mark);
                out.push(Mention { start: i, end: i + n, las, possessive });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// An LA or LAs as a story's claim names them: "Kingston upon Thames or Richmond upon Thames".
pub fn names(las: &[&Authority]) -> String {
    las.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn named(s: &str) -> Vec<String> {
        mentions(s, &tokens(s), "2023-06-01".parse().ok()).iter().map(|m| names(&m.las)).collect()
    }

    #[test]
    fn names_in_the_forms_stories_use() {
        assert_eq!(named("Kent County Council's children's services were rated good"), ["Kent"]);
        assert_eq!(named("Wigan has fallen to requires improvement"), ["Wigan"]);
        assert!(named("Reading the report, inspectors found").is_empty());
        assert_eq!(named("Inspectors praised Slough Children First and Hackney."), ["Slough", "Hackney"]);
        assert_eq!(named("Achieving for Children was praised"), ["Kingston upon Thames or Richmond upon Thames or Windsor and Maidenhead"]);
        assert_eq!(named("The council said Ofsted inspectors in England and London were good"), Vec::<String>::new());
        assert_eq!(named("Reading the report, Bury Council"), ["Bury"]);
        assert_eq!(named("the London Borough of Barking and Dagenham"), ["Barking and Dagenham"]);
        assert_eq!(named("Bournemouth, Christchurch and Poole"), ["Bournemouth, Christchurch and Poole"]);
        assert_eq!(named("Northamptonshire Children's Trust was rated inadequate"), ["North Northamptonshire or West Northamptonshire"]);
        assert_eq!(named("Birmingham Children’s Trust and Kent's"), ["Birmingham", "Kent"]);
    }
}
