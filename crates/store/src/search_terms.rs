//! What a person typed into a search box, as an FTS5 MATCH expression that is never a syntax
//! error.
//!
//! The words of this field are full of FTS5 syntax (`children's`, `multi-agency`,
//! `16- and 17-year-olds`), so nothing the user typed reaches FTS5 as syntax except the few
//! things people use on purpose: `"quoted phrases"`, `AND`, `OR`, `NOT` between terms, a
//! trailing `*` (`safeguard*`) and balanced parentheses. Every term is written as a quoted
//! string of its tokens, so nothing inside one can be read as an operator.

/// Parentheses nested deeper than this are dropped: FTS5's parser has a fixed stack and
/// fails ("parser stack overflow") on deep nesting, and no one means 17 levels.
const MAX_DEPTH: usize = 16;

/// A boolean operator of FTS5's query syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    And,
    Or,
    Not,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::And => "AND",
            Op::Or => "OR",
            Op::Not => "NOT",
        }
    }
}

/// One piece of the input, as read left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// Tokens joined by single spaces (never empty), and whether the last is a prefix.
    Term(String, bool),
    Op(Op),
    Open,
    Close,
}

/// An operand or operator of one parenthesised level, once parentheses are matched.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Term(String, bool),
    Op(Op),
    Group(Vec<Node>),
}

/// An operand of the expression to write: a term, or a parenthesised level of operands, each
/// after the operator joining it to the one before (`None`: the first, or an implicit AND).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Term(String, bool),
    Group(Vec<(Option<Op>, Expr)>),
}

/// Whether the FTS5 `unicode61` tokenizer (the schema's, under `porter`) keeps `c` in a
/// token: letters and digits; everything else (punctuation, symbols, spaces) separates
/// tokens. Rust's notion of alphanumeric differs from SQLite's Unicode tables only at the
/// edges, and there a term merely splits differently: it is quoted either way.
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The tokens of `text` as the tokenizer would split them, joined by single spaces.
fn tokens(text: &str) -> String {
    text.split(|c: char| !is_token_char(c)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A word typed outside quotes: an operator if it is exactly `AND`, `OR` or `NOT`, else a term
/// (a prefix if a `*` follows its last token), or nothing if it has no tokens.
fn word(text: &str) -> Option<Item> {
    match text {
        "AND" => return Some(Item::Op(Op::And)),
        "OR" => return Some(Item::Op(Op::Or)),
        "NOT" => return Some(Item::Op(Op::Not)),
        _ => {}
    }
    let last = text.rfind(is_token_char)?;
    let after = &text[last..];
    let prefix = after.chars().nth(1) == Some('*');
    Some(Item::Term(tokens(text), prefix))
}

/// The input as terms, operators and parentheses. A `"` with a partner later on opens a
/// quoted phrase; one without is punctuation in the word it sits in.
fn lex(user: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, items: &mut Vec<Item>| {
        items.extend(word(current));
        current.clear();
    };
    let mut rest = user;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '"' => match after.find('"') {
                Some(end) => {
                    flush(&mut current, &mut items);
                    let phrase = tokens(&after[..end]);
                    let tail = &after[end + 1..];
                    let prefix = tail.starts_with('*');
                    if !phrase.is_empty() {
                        items.push(Item::Term(phrase, prefix));
                    }
                    // The `*` makes the phrase a prefix; any more stars go with it.
                    rest = tail.trim_start_matches('*');
                    continue;
                }
                None => current.push(c),
            },
            '(' | ')' => {
                flush(&mut current, &mut items);
                items.push(if c == '(' { Item::Open } else { Item::Close });
            }
            c if c.is_whitespace() => flush(&mut current, &mut items),
            c => current.push(c),
        }
        rest = after;
    }
    flush(&mut current, &mut items);
    items
}

/// The items as nested groups: parentheses without a partner, and those nested deeper than
/// [`MAX_DEPTH`], are dropped.
fn nest(items: Vec<Item>) -> Vec<Node> {
    // Which parentheses pair up, by index.
    let mut keep = vec![false; items.len()];
    let mut open = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Open => open.push(i),
            Item::Close => {
                if let Some(o) = open.pop() {
                    // `open` now holds the levels around this pair.
                    if open.len() < MAX_DEPTH {
                        keep[o] = true;
                        keep[i] = true;
                    }
                }
            }
            Item::Term(..) | Item::Op(_) => {}
        }
    }
    let mut outer: Vec<Vec<Node>> = Vec::new();
    let mut level: Vec<Node> = Vec::new();
    for (item, keep) in items.into_iter().zip(keep) {
        match item {
            Item::Term(t, prefix) => level.push(Node::Term(t, prefix)),
            Item::Op(op) => level.push(Node::Op(op)),
            Item::Open if keep => outer.push(std::mem::take(&mut level)),
            Item::Close if keep => {
                // A kept `)` always has its `(` on `outer`.
                if let Some(mut parent) = outer.pop() {
                    parent.push(Node::Group(std::mem::take(&mut level)));
                    level = parent;
                }
            }
            Item::Open | Item::Close => {}
        }
    }
    level
}

/// One level with empty groups gone, a group of one operand as that operand, and operators
/// only between operands: of several in a row the last counts (`a AND NOT b` is `a NOT b`),
/// and one at the start or end is dropped (FTS5 has no unary `NOT`).
fn tidy(nodes: Vec<Node>) -> Vec<(Option<Op>, Expr)> {
    let mut out: Vec<(Option<Op>, Expr)> = Vec::new();
    let mut pending = None;
    for node in nodes {
        let operand = match node {
            Node::Op(op) => {
                if !out.is_empty() {
                    pending = Some(op);
                }
                continue;
            }
            Node::Term(t, prefix) => Expr::Term(t, prefix),
            Node::Group(inner) => {
                let mut inner = tidy(inner);
                if inner.len() > 1 {
                    Expr::Group(inner)
                } else if let Some((_, only)) = inner.pop() {
                    only
                } else {
                    continue;
                }
            }
        };
        out.push((pending.take(), operand));
    }
    out
}

/// Writes a tidied level. Adjacent terms are joined by a space (FTS5's implicit AND, which
/// binds tighter than `NOT`, as in the user's own FTS5 query); next to a group an explicit
/// `AND` is needed, as FTS5 takes the implicit one only between phrases.
fn write(level: &[(Option<Op>, Expr)], out: &mut String) {
    let mut previous_was_term = false;
    for (i, (op, operand)) in level.iter().enumerate() {
        let is_term = matches!(operand, Expr::Term(..));
        if i > 0 {
            match op {
                Some(op) => {
                    out.push(' ');
                    out.push_str(op.as_str());
                    out.push(' ');
                }
                None if previous_was_term && is_term => out.push(' '),
                None => out.push_str(" AND "),
            }
        }
        match operand {
            Expr::Term(tokens, prefix) => {
                // Tokens are letters and digits only: nothing inside the quotes needs escaping.
                out.push('"');
                out.push_str(tokens);
                out.push('"');
                if *prefix {
                    out.push('*');
                }
            }
            Expr::Group(inner) => {
                out.push('(');
                write(inner, out);
                out.push(')');
            }
        }
        previous_was_term = is_term;
    }
}

/// What a user typed, as an FTS5 MATCH expression that is never a syntax error; empty when
/// nothing searchable is left (a search for it finds nothing).
///
/// Kept as syntax: `"quoted phrases"` (with a partner quote; a stray `"` is punctuation),
/// `AND`, `OR` and `NOT` in capitals between terms (at the start or end they are dropped; of
/// several in a row the last counts), a `*` straight after a word or phrase (a prefix:
/// `safeguard*`), and parentheses that pair up. Every other word becomes a quoted phrase of
/// its tokens as the index's tokenizer splits them: `children's` is `"children s"`,
/// `multi-agency` is `"multi agency"`, `16-` is `"16"`; a word with no letters or digits
/// vanishes.
///
/// ```
/// use lacs_store::match_expression;
/// assert_eq!(match_expression("children's multi-agency"), r#""children s" "multi agency""#);
/// assert_eq!(match_expression("safeguard* OR \"return home\" NOT"), r#""safeguard"* OR "return home""#);
/// assert_eq!(match_expression("- ^ : ( NOT"), "");
/// ```
pub fn match_expression(user: &str) -> String {
    let level = tidy(nest(lex(user)));
    let mut out = String::new();
    write(&level, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::match_expression as m;

    #[test]
    fn words_with_punctuation_are_phrases_of_their_tokens() {
        assert_eq!(m("children's"), r#""children s""#);
        assert_eq!(m("children’s"), r#""children s""#, "a typographic apostrophe too");
        assert_eq!(m("multi-agency"), r#""multi agency""#);
        assert_eq!(m("16- and 17-year-olds"), r#""16" "and" "17 year olds""#);
        assert_eq!(m("col:value ^start a+b"), r#""col value" "start" "a b""#);
        assert_eq!(m("  "), "");
        assert_eq!(m("- -- ^ * : +"), "");
    }

    #[test]
    fn phrases_are_kept_and_a_stray_quote_is_punctuation() {
        assert_eq!(m(r#""return home interviews""#), r#""return home interviews""#);
        assert_eq!(m(r#""Children's  services" plans"#), r#""Children s services" "plans""#);
        assert_eq!(m(r#""unclosed"#), r#""unclosed""#);
        assert_eq!(m(r#"O"Brien"#), r#""O Brien""#);
        assert_eq!(m(r#""a" "b"#), r#""a" "b""#);
        assert_eq!(m(r#""" "-" x"#), r#""x""#, "empty phrases vanish");
        assert_eq!(m(r#""AND OR""#), r#""AND OR""#, "operators inside quotes are words");
    }

    #[test]
    fn operators_only_between_terms() {
        assert_eq!(m("a OR b"), r#""a" OR "b""#);
        assert_eq!(m("a NOT b"), r#""a" NOT "b""#);
        assert_eq!(m("a AND NOT b"), r#""a" NOT "b""#, "the last of a run counts");
        assert_eq!(m("NOT a"), r#""a""#);
        assert_eq!(m("a OR"), r#""a""#);
        assert_eq!(m("AND"), "");
        assert_eq!(m("a and not b"), r#""a" "and" "not" "b""#, "lower case is words");
        assert_eq!(m("a OR - b"), r#""a" OR "b""#, "an operand that vanished leaves the operator between the rest");
    }

    #[test]
    fn prefixes() {
        assert_eq!(m("safeguard*"), r#""safeguard"*"#);
        assert_eq!(m("safeguard**,"), r#""safeguard"*"#);
        assert_eq!(m("multi-ag*"), r#""multi ag"*"#);
        assert_eq!(m(r#""return ho"*"#), r#""return ho"*"#);
        assert_eq!(m("*"), "");
        assert_eq!(m("a*b"), r#""a b""#, "a star inside a word is punctuation");
    }

    #[test]
    fn parentheses_only_when_balanced() {
        assert_eq!(m("(a OR b) c"), r#"("a" OR "b") AND "c""#);
        assert_eq!(m("c (a OR b)"), r#""c" AND ("a" OR "b")"#);
        assert_eq!(m("(a OR b"), r#""a" OR "b""#);
        assert_eq!(m("a) OR (b"), r#""a" OR "b""#);
        assert_eq!(m("() (NOT) x"), r#""x""#);
        assert_eq!(m("((a))"), r#""a""#);
        assert_eq!(m("(a NOT) OR b"), r#""a" OR "b""#);
        assert_eq!(m("x NOT (a OR b) y"), r#""x" NOT ("a" OR "b") AND "y""#);
        let deep = format!("{}a OR b{}", "(".repeat(200), ")".repeat(200));
        let got = m(&deep);
        assert!(got.matches('(').count() <= super::MAX_DEPTH, "{got}");
    }
}
