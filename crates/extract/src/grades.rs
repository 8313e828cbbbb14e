//! Grade words as printed: "Requires improvement to be good", "requires improvement",
//! "Not Judged", any casing, any spacing, possibly wrapped over lines.

use lacs_domain::Grade;
use regex::Regex;
use std::sync::LazyLock;

/// A grade phrase anywhere in text (use inside larger patterns via [`GRADE_PATTERN`]).
pub const GRADE_PATTERN: &str = r"(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|inadequate|good|not\s+judged)";

static WHOLE_GRADE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^\s*{GRADE_PATTERN}\s*[.,;]?\s*$")).unwrap());

/// Words that can make up part of a wrapped grade cell.
static GRADE_FRAGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:requires?|improvement|to|be|good|outstanding|inadequate|not|judged|\s)+\s*$")
        .unwrap()
});

/// The grade a phrase names; `None` unless the whole phrase is one grade.
pub fn parse_grade(text: &str) -> Option<Grade> {
    if !WHOLE_GRADE.is_match(text) {
        return None;
    }
    let t = text.to_ascii_lowercase();
    Some(if t.contains("improvement") {
        Grade::RequiresImprovement
    } else if t.contains("outstanding") {
        Grade::Outstanding
    } else if t.contains("inadequate") {
        Grade::Inadequate
    } else if t.contains("judged") {
        Grade::NotJudged
    } else {
        Grade::Good
    })
}

/// Every grade phrase as words, for recognising a cell that is still being read.
const GRADE_PHRASES: [&str; 6] =
    ["requires improvement to be good", "require improvement to be good", "outstanding", "inadequate", "good", "not judged"];

/// True when the text is the start of some grade phrase ("Requires improvement to be").
pub fn is_grade_prefix(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(|w| w.trim_end_matches(['.', ',', ';']).to_lowercase()).collect();
    !words.is_empty()
        && GRADE_PHRASES.iter().any(|p| {
            let phrase: Vec<&str> = p.split(' ').collect();
            words.len() <= phrase.len() && words.iter().zip(&phrase).all(|(a, b)| a == b)
        })
}

/// True when the text could be part of a grade cell wrapped over lines ("Requires",
/// "improvement to be good").
pub fn is_grade_fragment(text: &str) -> bool {
    !text.trim().is_empty() && GRADE_FRAGMENT.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_form() {
        assert_eq!(parse_grade("Requires improvement to be good"), Some(Grade::RequiresImprovement));
        assert_eq!(parse_grade("requires  improvement"), Some(Grade::RequiresImprovement));
        assert_eq!(parse_grade("Require improvement"), Some(Grade::RequiresImprovement));
        assert_eq!(parse_grade("Not Judged"), Some(Grade::NotJudged));
        assert_eq!(parse_grade("OUTSTANDING"), Some(Grade::Outstanding));
        assert_eq!(parse_grade("Good."), Some(Grade::Good));
        assert_eq!(parse_grade("Inadequate"), Some(Grade::Inadequate));
        assert_eq!(parse_grade("Good practice"), None);
        assert_eq!(parse_grade("Requires"), None);
        assert!(is_grade_fragment("Requires"));
        assert!(is_grade_fragment("improvement to be good"));
        assert!(!is_grade_fragment("leavers"));
        assert!(is_grade_prefix("Requires improvement to be"));
        assert!(is_grade_prefix("Good"));
        assert!(!is_grade_prefix("Good Good"));
        assert!(!is_grade_prefix("improvement"));
    }
}
