//! The words stories use, as tables: judgements, grades, ordinals, numbers, fractions,
//! months, regions, frameworks and the cues that say what a sentence is about. Every reader
//! looks words up here; no reader spells a phrase of its own.
//!
//! Phrases are written as a story would print them and compared after [`crate::text`]'s
//! tokenising (lower case, hyphens split, apostrophes and a possessive `'s` dropped), so
//! "looked-after children" and "looked after children" are one entry.

use lacs_domain::{Framework, Grade, Judgement, OfstedRegion, OnsRegion};

use crate::text::Token;

/// What stories call each judgement. The longest phrase at a place wins ("children in care
/// and care leavers" is one judgement before 2023, not two).
pub const JUDGEMENTS: &[(&str, Judgement)] = &[
    ("overall", Judgement::Overall),
    ("overall effectiveness", Judgement::Overall),
    ("overall judgement", Judgement::Overall),
    ("overall rating", Judgement::Overall),
    ("overall grade", Judgement::Overall),
    ("leadership", Judgement::Leaders),
    ("leaders", Judgement::Leaders),
    ("leadership management and governance", Judgement::Leaders),
    ("leadership and management", Judgement::Leaders),
    ("impact of leaders", Judgement::Leaders),
    ("help and protection", Judgement::HelpProtection),
    ("helping and protecting children", Judgement::HelpProtection),
    ("children who need help and protection", Judgement::HelpProtection),
    ("children in need of help and protection", Judgement::HelpProtection),
    ("child protection", Judgement::HelpProtection),
    ("protecting children", Judgement::HelpProtection),
    ("looked after children", Judgement::InCare),
    ("children looked after", Judgement::InCare),
    ("children in care", Judgement::InCare),
    ("children in care and care leavers", Judgement::InCare),
    ("children looked after and achieving permanence", Judgement::InCare),
    ("care leavers", Judgement::CareLeavers),
    ("care leaver", Judgement::CareLeavers),
    ("leaving care", Judgement::CareLeavers),
    ("adoption", Judgement::Adoption),
    ("adoption services", Judgement::Adoption),
    ("adoption performance", Judgement::Adoption),
    ("the board", Judgement::Lscb),
    ("lscb", Judgement::Lscb),
    ("safeguarding board", Judgement::Lscb),
    ("safeguarding children board", Judgement::Lscb),
    ("local safeguarding children board", Judgement::Lscb),
];

/// Words that put a grade on every judgement ("outstanding in every area").
pub const EVERY_JUDGEMENT: &[&str] = &[
    "every judgement", "every judgment", "all judgements", "all judgments", "every area", "all areas",
    "each area", "all four areas", "all four judgements", "all four judgments", "all five judgements",
    "across the board", "every category", "all categories", "all three judgements", "every single area",
    "every judgement area", "all judgement areas", "all three areas", "all five areas", "every aspect",
    "all aspects", "each of the judgements", "every one of the judgements", "all of the judgements",
    "every inspection area", "all inspection areas",
];

/// Grades as stories write them.
pub const GRADES: &[(&str, Grade)] = &[
    ("outstanding", Grade::Outstanding),
    ("good", Grade::Good),
    ("requires improvement", Grade::RequiresImprovement),
    ("requires improvement to be good", Grade::RequiresImprovement),
    ("require improvement", Grade::RequiresImprovement),
    ("require improvement to be good", Grade::RequiresImprovement),
    ("requiring improvement", Grade::RequiresImprovement),
    ("required improvement", Grade::RequiresImprovement),
    ("requires improvement to become good", Grade::RequiresImprovement),
    ("ri", Grade::RequiresImprovement),
    ("inadequate", Grade::Inadequate),
    // the scale's places: "the top grade", "the second-highest rating", "the lowest judgement"
    ("top grade", Grade::Outstanding),
    ("top rating", Grade::Outstanding),
    ("top judgement", Grade::Outstanding),
    ("top mark", Grade::Outstanding),
    ("top marks", Grade::Outstanding),
    ("highest grade", Grade::Outstanding),
    ("highest rating", Grade::Outstanding),
    ("highest judgement", Grade::Outstanding),
    ("highest possible rating", Grade::Outstanding),
    ("highest possible grade", Grade::Outstanding),
    ("best possible rating", Grade::Outstanding),
    ("best possible grade", Grade::Outstanding),
    ("second highest grade", Grade::Good),
    ("second highest rating", Grade::Good),
    ("second highest judgement", Grade::Good),
    ("second best rating", Grade::Good),
    ("second best grade", Grade::Good),
    ("second lowest grade", Grade::RequiresImprovement),
    ("second lowest rating", Grade::RequiresImprovement),
    ("second lowest judgement", Grade::RequiresImprovement),
    ("lowest grade", Grade::Inadequate),
    ("lowest rating", Grade::Inadequate),
    ("lowest judgement", Grade::Inadequate),
    ("lowest possible rating", Grade::Inadequate),
    ("lowest possible grade", Grade::Inadequate),
    ("bottom grade", Grade::Inadequate),
    ("bottom rating", Grade::Inadequate),
    ("worst rating", Grade::Inadequate),
    ("worst possible rating", Grade::Inadequate),
];

/// The last words of a grade named by its place on the scale ("the top grade"): such a
/// grade is a rating, never an adjective.
pub const SCALE_NOUNS: &[&str] = &["grade", "rating", "judgement", "mark", "marks"];

const GOOD_OR_BETTER: &[Grade] = &[Grade::Outstanding, Grade::Good];
const BELOW_GOOD: &[Grade] = &[Grade::RequiresImprovement, Grade::Inadequate];

/// Phrases that name a set of grades at once (in shares: "less than good").
pub const GRADE_SETS: &[(&str, &[Grade])] = &[
    ("good or better", GOOD_OR_BETTER),
    ("at least good", GOOD_OR_BETTER),
    ("less than good", BELOW_GOOD),
    ("below good", BELOW_GOOD),
    ("not good", BELOW_GOOD),
    ("not yet good", BELOW_GOOD),
    ("worse than good", BELOW_GOOD),
];

/// Words after a grade that show it is a rating, not an adjective ("good practice" is not
/// a claim; "good overall", "good for leadership", "a good rating" are).
pub const AFTER_GRADE: &[&str] = &[
    "for", "in", "overall", "with", "across", "and", "by", "at", "on", "after", "following",
    "when", "while", "under", "since", "rating", "ratings", "grade", "grades", "judgement",
    "judgements", "verdict", "mark", "or", "as", "but", "from", "to", "last", "this", "in",
    "again", "once", "until", "before", "status", "score", "nor", "compared", "judgment",
];

/// Words that say a sentence reports a rating ("rated", "judged").
pub const RATING_CUES: &[&str] = &[
    "rated", "rate", "rates", "rating", "ratings", "judged", "judge", "judgement", "judgment",
    "graded", "grade", "grades", "found", "deemed", "assessed", "verdict", "branded", "labelled",
    "labeled", "remains", "remain", "remained", "retained", "retains", "kept", "achieved",
    "awarded", "received", "given", "gets", "got", "earned", "secured", "rated", "scored",
    "classed", "classified", "considered", "moved", "improved", "declined", "dropped", "fell",
    "upgraded", "downgraded", "ofsted", "inspection", "inspectors", "inspected", "re-rated",
    // headlines without a verb ("Leeds children's services outstanding again")
    "childrens services", "childrens social care", "again", "once again", "top grade",
    "highest rating", "lowest rating",
];

/// Ordinals as stories write them (digits with a suffix are read by [`ordinal_at`]).
pub const ORDINALS: &[(&str, usize)] = &[
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
    ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11),
    ("twelfth", 12), ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15),
    ("twentieth", 20),
];

/// Number words.
pub const NUMBERS: &[(&str, u32)] = &[
    ("no", 0), ("none", 0), ("zero", 0), ("one", 1), ("a", 1), ("an", 1), ("two", 2),
    ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
    ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
    ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
];

/// Fractions' denominators ("a third", "two thirds", "half").
pub const FRACTIONS: &[(&str, u32)] = &[
    ("half", 2), ("halves", 2), ("third", 3), ("thirds", 3), ("quarter", 4), ("quarters", 4),
    ("fifth", 5), ("fifths", 5), ("tenth", 10), ("tenths", 10),
];

/// How a figure is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    /// The true value is below the figure and close to it ("nearly", "almost", "just under").
    Nearly,
    /// The true value is at most the figure ("fewer than", "up to").
    Below,
    /// The true value is above the figure and close to it ("just over").
    JustOver,
    /// The true value is above the figure ("more than", "over").
    Above,
    /// Roughly the figure ("about", "around").
    About,
}

pub const HEDGES: &[(&str, Hedge)] = &[
    ("nearly", Hedge::Nearly), ("almost", Hedge::Nearly), ("just under", Hedge::Nearly),
    ("not quite", Hedge::Nearly), ("just shy of", Hedge::Nearly), ("just below", Hedge::Nearly),
    ("fewer than", Hedge::Below), ("less than", Hedge::Below), ("under", Hedge::Below),
    ("up to", Hedge::Below), ("close to", Hedge::About), ("at most", Hedge::Below),
    ("more than", Hedge::Above), ("over", Hedge::Above), ("just over", Hedge::JustOver), ("just above", Hedge::JustOver), ("slightly more than", Hedge::JustOver),
    ("above", Hedge::Above), ("upwards of", Hedge::Above),
    ("about", Hedge::About), ("around", Hedge::About), ("roughly", Hedge::About),
    ("approximately", Hedge::About), ("some", Hedge::About), ("circa", Hedge::About),
    ("an estimated", Hedge::About), ("broadly", Hedge::About), ("getting on for", Hedge::Nearly),
];

/// Nouns that count LAs ("six in ten councils").
pub const LA_NOUNS: &[&str] = &[
    "council", "councils", "authority", "authorities", "local authority", "local authorities",
    "la", "las", "areas", "area", "borough", "boroughs", "county", "counties", "inspected",
    "childrens services", "departments", "safeguarding board", "board", "boards", "lscb", "lscbs",
    "trust", "city", "unitary",
];

/// Nouns for many LAs: a grade said of them is not one LA's ("most councils require improvement").
pub const MANY_LAS: &[&str] = &[
    "councils", "authorities", "local authorities", "las", "boroughs", "counties", "most", "many",
    "other councils", "others",
];

/// How far a share written as `x` in `y` (or a fraction) may be from the truth, below and
/// above, in percentage points: half the gap to the neighbouring simple fractions a writer
/// could have used instead ("one in six": one in five and one in seven; "six in ten": five
/// and seven in ten; "a quarter": a fifth and a third), at least one point.
pub fn fraction_tolerance(x: u32, y: u32) -> (f64, f64) {
    let v = f64::from(x) / f64::from(y);
    let mut near: Vec<f64> = Vec::new();
    if x > 1 {
        near.push(f64::from(x - 1) / f64::from(y));
    }
    if x < y {
        near.push(f64::from(x + 1) / f64::from(y));
    }
    if x == 1 {
        near.push(1.0 / f64::from(y + 1));
        if y > 2 {
            near.push(1.0 / f64::from(y - 1));
        }
    }
    // a small denominator's neighbours are the other plain fractions (halves to fifths)
    for b in (2..=5u32).filter(|_| y <= 5) {
        for a in 1..b {
            near.push(f64::from(a) / f64::from(b));
        }
    }
    let below = near.iter().copied().filter(|&n| n < v - 1e-9).fold(0.0_f64, f64::max);
    let above = near.iter().copied().filter(|&n| n > v + 1e-9).fold(1.0_f64, f64::min);
    (((v - below) * 50.0).max(1.0), ((above - v) * 50.0).max(1.0))
}

/// Months (and their common short forms).
pub const MONTHS: &[(&str, i8)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("april", 4),
    ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8),
    ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

/// Ofsted's regions as stories name them. "the region" is the subject LA's, read apart.
pub const REGIONS: &[(&str, OfstedRegion)] = &[
    ("east midlands", OfstedRegion::EastMidlands),
    ("east of england", OfstedRegion::EastOfEngland),
    ("eastern region", OfstedRegion::EastOfEngland),
    ("london", OfstedRegion::London),
    ("the capital", OfstedRegion::London),
    ("north east yorkshire and the humber", OfstedRegion::NorthEastYorkshireAndTheHumber),
    ("north west", OfstedRegion::NorthWest),
    ("south east", OfstedRegion::SouthEast),
    ("south west", OfstedRegion::SouthWest),
    ("west midlands", OfstedRegion::WestMidlands),
];

/// The ONS regions Ofsted's eight join ("the North East" and "Yorkshire and the Humber"
/// are one Ofsted region): a story naming one means it alone.
pub const ONS_REGIONS: &[(&str, OnsRegion)] = &[
    ("north east", OnsRegion::NorthEast),
    ("yorkshire", OnsRegion::YorkshireAndTheHumber),
    ("yorkshire and the humber", OnsRegion::YorkshireAndTheHumber),
    ("yorkshire and humber", OnsRegion::YorkshireAndTheHumber),
];

/// Frameworks as stories name them.
pub const FRAMEWORKS: &[(&str, Framework)] = &[
    ("ilacs", Framework::Ilacs),
    ("inspection of local authority childrens services", Framework::Ilacs),
    ("new framework", Framework::Ilacs),
    ("current framework", Framework::Ilacs),
    ("new inspection framework", Framework::Ilacs),
    ("current inspection framework", Framework::Ilacs),
    ("sif", Framework::Sif),
    ("single inspection framework", Framework::Sif),
    ("single inspection", Framework::Sif),
];

/// Visits and inspections the register does not grade: a month or length said of one is
/// not the graded inspection's.
pub const UNGRADED_VISITS: &[&str] = &[
    "focused visit", "monitoring visit", "joint targeted area inspection", "jtai", "area send inspection",
    "send inspection", "local area inspection", "visit letter", "assurance visit",
];

/// Other things Ofsted grades: a grade said of one is not the LA's ("the school was rated good").
pub const OTHER_BODIES: &[&str] = &[
    "school", "schools", "academy", "academies", "nursery", "nurseries", "college", "colleges",
    "childrens home", "childrens homes", "home", "homes", "fostering agency", "fostering service",
    "adoption agency", "provider", "providers", "setting", "settings", "hospital", "police",
    "force", "trust school", "pupil referral unit", "secure unit", "residential",
];

/// Words that refer back to the last LA named.
pub const BACK_REFERENCES: &[&str] = &[
    "the council", "the county", "the authority", "the local authority", "the borough",
    "the city", "the county council", "the city council", "the borough council", "the trust",
    "the la", "the district", "its", "it", "they", "their",
];

/// Words that put a grade in an earlier inspection.
pub const EARLIER: &[&str] = &[
    "previous", "previously", "last inspection", "last inspected", "last time", "prior",
    "earlier inspection", "before", "formerly", "last full inspection", "last graded",
    "up from", "down from", "improved from", "rise from", "move from", "moved from",
    "step up from", "jump from", "climbed from", "the one before", "year after", "years after",
    "months after", "year ago", "years ago", "months ago", "after being", "after inspectors",
    "after ofsted", "after it was", "having been", "last judged", "last rated",
];

/// Words that say the sentence quotes the inspectors or the report.
pub const QUOTE_CUES: &[&str] = &[
    "inspectors", "inspector", "ofsted", "the report", "report", "reports", "inspection",
    "according to", "the watchdog", "watchdog", "regulator",
];

/// Words on the visit: a month or a length near them is when and how long inspectors were on site.
pub const VISIT_CUES: &[&str] = &[
    "inspection", "inspected", "inspectors", "visit", "visited", "visiting", "on site",
    "took place", "inspecting", "inspect",
];

/// Words on publication: a month near them is when the report came out.
pub const PUBLISH_CUES: &[&str] = &["published", "publication", "released", "came out"];

/// Days of the week: "published on Tuesday" is the Tuesday before the story's date.
pub const WEEKDAYS: &[(&str, i8)] = &[
    ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5),
    ("saturday", 6), ("sunday", 7),
];

/// Words that move a grade up (1) or down (-1) the scale ("moved up two grades", "dropped a grade").
pub const MOVES: &[(&str, i8)] = &[
    ("moved up", 1), ("moves up", 1), ("move up", 1), ("gone up", 1), ("went up", 1), ("go up", 1),
    ("up", 1), ("risen", 1), ("rose", 1), ("rise", 1), ("rising", 1), ("climbed", 1), ("climb", 1),
    ("jumped", 1), ("jump", 1), ("leapt", 1), ("leap", 1), ("improved", 1), ("improvement of", 1),
    ("moved down", -1), ("moves down", -1), ("gone down", -1), ("went down", -1), ("down", -1),
    ("dropped", -1), ("drop", -1), ("drops", -1), ("dropping", -1), ("fallen", -1), ("fell", -1),
    ("fall", -1), ("slipped", -1), ("slip", -1), ("slid", -1), ("declined", -1), ("decline", -1),
    ("downgraded", -1), ("upgraded", 1),
];

/// The steps a move is counted in ("two grades", "a notch").
pub const STEPS: &[&str] = &["grade", "grades", "notch", "notches", "rating", "ratings", "place", "places", "level", "levels"];

/// Lengths of a visit: words for "week" and "day".
pub const LENGTHS: &[(&str, u32)] = &[("week", 7), ("weeks", 7), ("day", 1), ("days", 1), ("fortnight", 14), ("week long", 7)];

/// ILACS inspection types as stories name them.
pub const ILACS_TYPES: &[(&str, lacs_domain::Kind)] = &[
    ("short inspection", lacs_domain::Kind::IlacsShort),
    ("standard inspection", lacs_domain::Kind::IlacsStandard),
];

/// The longest phrase of `table` that starts at `tokens[i]`: its length in tokens and value.
pub fn phrase_at<T: Copy>(tokens: &[Token], i: usize, table: &[(&str, T)]) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    for (phrase, value) in table {
        let n = crate::text::matches_at(tokens, i, phrase);
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, *value));
        }
    }
    best
}

/// The length of the longest phrase of `list` that starts at `tokens[i]` (0: none).
pub fn word_at(tokens: &[Token], i: usize, list: &[&str]) -> usize {
    list.iter().map(|p| crate::text::matches_at(tokens, i, p)).max().unwrap_or(0)
}

/// Whether any phrase of `list` occurs in `tokens[from..to]`.
pub fn any_in(tokens: &[Token], from: usize, to: usize, list: &[&str]) -> bool {
    (from..to.min(tokens.len())).any(|i| word_at(tokens, i, list) > 0)
}

/// An ordinal at `tokens[i]`: a word ("third") or digits with a suffix ("3rd").
pub fn ordinal_at(tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if let Some((_, n)) = phrase_at(tokens, i, ORDINALS) {
        return Some(n);
    }
    let w = t.norm.as_str();
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(d) = w.strip_suffix(suffix) {
            if !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit()) {
                return d.parse().ok().filter(|&n: &usize| n > 0);
            }
        }
    }
    None
}

/// A number at `tokens[i]`: digits ("42", "6") or a word ("six", "twenty five"); its value
/// and length in tokens.
pub fn number_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    if !t.norm.is_empty() && t.norm.len() <= 6 && t.norm.bytes().all(|b| b.is_ascii_digit()) {
        return t.norm.parse().ok().map(|n| (n, 1));
    }
    let (_, n) = phrase_at(tokens, i, NUMBERS)?;
    // "twenty five", "forty-two"
    if (20..100).contains(&n) && n % 10 == 0 {
        if let Some((_, k)) = phrase_at(tokens, i + 1, NUMBERS).filter(|(_, k)| (1..10).contains(k)) {
            return Some((n + k, 2));
        }
    }
    Some((n, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn at<T: Copy>(s: &str, table: &[(&str, T)]) -> Option<(usize, T)> {
        phrase_at(&tokens(s), 0, table)
    }

    #[test]
    fn judgement_words_in_the_forms_stories_use() {
        assert_eq!(at("child protection services", JUDGEMENTS), Some((2, Judgement::HelpProtection)));
        assert_eq!(at("looked-after children", JUDGEMENTS), Some((3, Judgement::InCare)));
        assert_eq!(at("children in care and care leavers", JUDGEMENTS), Some((6, Judgement::InCare)));
        assert_eq!(at("children in care", JUDGEMENTS), Some((3, Judgement::InCare)));
        assert_eq!(at("the Board", JUDGEMENTS), Some((2, Judgement::Lscb)));
        assert_eq!(at("LSCB's", JUDGEMENTS), Some((1, Judgement::Lscb)));
        assert_eq!(at("Leadership", JUDGEMENTS), Some((1, Judgement::Leaders)));
        assert_eq!(at("care leavers", JUDGEMENTS), Some((2, Judgement::CareLeavers)));
    }

    #[test]
    fn grade_words() {
        assert_eq!(at("requires improvement to be good", GRADES), Some((5, Grade::RequiresImprovement)));
        assert_eq!(at("Requires Improvement", GRADES), Some((2, Grade::RequiresImprovement)));
        assert_eq!(at("RI", GRADES), Some((1, Grade::RequiresImprovement)));
        assert_eq!(at("inadequate.", GRADES), Some((1, Grade::Inadequate)));
        assert_eq!(at("less than good", GRADE_SETS).map(|(n, g)| (n, g.len())), Some((3, 2)));
    }

    #[test]
    fn ordinals_and_numbers() {
        let t = tokens("third 3rd 21st tenth first");
        assert_eq!((0..5).map(|i| ordinal_at(&t, i)).collect::<Vec<_>>(), [Some(3), Some(3), Some(21), Some(10), Some(1)]);
        assert_eq!(ordinal_at(&tokens("3x"), 0), None);
        assert_eq!(number_at(&tokens("six in ten"), 0), Some((6, 1)));
        assert_eq!(number_at(&tokens("forty-two"), 0), Some((42, 2)));
        assert_eq!(number_at(&tokens("42"), 0), Some((42, 1)));
    }

    #[test]
    fn a_fraction_is_as_precise_as_its_neighbours() {
        // one in six: between one in seven (14.3%) and one in five (20%)
        let (below, above) = fraction_tolerance(1, 6);
        assert!((below - 1.19).abs() < 0.01 && (above - 1.67).abs() < 0.01, "{below} {above}");
        let near = |(a, b): (f64, f64), (x, y): (f64, f64)| (a - x).abs() < 0.01 && (b - y).abs() < 0.01;
        assert!(near(fraction_tolerance(6, 10), (5.0, 5.0)));
        // a quarter: a fifth below, a third above
        let (below, above) = fraction_tolerance(1, 4);
        assert!((below - 2.5).abs() < 0.01 && (above - 4.17).abs() < 0.01, "{below} {above}");
        assert!(near(fraction_tolerance(1, 2), (5.0, 5.0)));
        assert!(near(fraction_tolerance(1, 100), (1.0, 1.0)));
    }

    #[test]
    fn places_on_the_scale_are_grades() {
        assert_eq!(at("the top grade", GRADES), None);
        assert_eq!(phrase_at(&tokens("the top grade"), 1, GRADES), Some((2, Grade::Outstanding)));
        assert_eq!(at("second-highest rating", GRADES), Some((3, Grade::Good)));
        assert_eq!(at("lowest rating", GRADES), Some((2, Grade::Inadequate)));
    }

    #[test]
    fn months_regions_frameworks() {
        assert_eq!(at("Sept", MONTHS), Some((1, 9)));
        assert_eq!(at("the North-West", REGIONS), None);
        assert_eq!(phrase_at(&tokens("the North-West"), 1, REGIONS), Some((2, OfstedRegion::NorthWest)));
        assert_eq!(at("single inspection framework", FRAMEWORKS), Some((3, Framework::Sif)));
    }
}
