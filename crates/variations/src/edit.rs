//! Small edits to positioned words that keep a line's geometry consistent: a word's width
//! follows its characters, and the words after it in its segment move with it.

use lacs_pdftext::{Line, Word};

/// Average width of one character of a word.
pub fn char_width(w: &Word) -> f32 {
    let n = w.text.chars().count().max(1) as f32;
    let cw = (w.x1 - w.x0) / n;
    if cw.is_finite() && cw > 0.0 {
        cw
    } else {
        w.size * 0.5
    }
}

/// The normal gap between two words of a line at this size.
pub fn space(size: f32) -> f32 {
    size * 0.25
}

/// A new word of `text` at `x0`, sized like `like`.
pub fn word_like(like: &Word, text: &str, x0: f32) -> Word {
    let width = char_width(like) * text.chars().count() as f32;
    Word { text: text.to_string(), x0, x1: x0 + width, y: like.y, size: like.size }
}

/// Move words `from..to` of a line right by `dx`.
pub fn shift(line: &mut Line, from: usize, to: usize, dx: f32) {
    for w in line.words.iter_mut().take(to).skip(from) {
        w.x0 += dx;
        w.x1 += dx;
    }
}

/// Replace word `i`'s text, resizing it and moving the rest of its segment (`..seg_end`).
pub fn retext(line: &mut Line, seg_end: usize, i: usize, text: &str) {
    let Some(w) = line.words.get_mut(i) else { return };
    let new_width = char_width(w) * text.chars().count() as f32;
    let dx = new_width - (w.x1 - w.x0);
    w.text = text.to_string();
    w.x1 = w.x0 + new_width;
    shift(line, i + 1, seg_end, dx);
}

/// Remove word `i`, closing up the rest of its segment (`..seg_end`).
pub fn remove(line: &mut Line, seg_end: usize, i: usize) {
    if i >= line.words.len() {
        return;
    }
    let w = line.words.remove(i);
    let seg_end = seg_end.saturating_sub(1);
    if let Some(next) = line.words.get(i) {
        if i < seg_end {
            let dx = next.x0 - w.x0;
            shift(line, i, seg_end, -dx);
        }
    }
}

/// Insert `text` as a word after word `i`, moving the rest of its segment (`..seg_end`).
pub fn insert_after(line: &mut Line, seg_end: usize, i: usize, text: &str) {
    let Some(w) = line.words.get(i) else { return };
    let new = word_like(w, text, w.x1 + space(w.size));
    let dx = new.x1 - w.x1 + space(w.size);
    line.words.insert(i + 1, new);
    shift(line, i + 2, seg_end + 1, dx);
}

/// Upper, lower or title case.
#[derive(Debug, Clone, Copy)]
pub enum Case {
    Upper,
    Lower,
    Title,
}

pub fn recase(text: &str, case: Case) -> String {
    match case {
        Case::Upper => text.to_uppercase(),
        Case::Lower => text.to_lowercase(),
        Case::Title => {
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            }
        }
    }
}
