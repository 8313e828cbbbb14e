//! A synthetic ILACS page 1 (title, dates, a judgement table) for property tests.

use lacs_pdftext::{Document, Line, Page, Word};

/// The ILACS table labels, in the order printed.
pub const LABELS: [&str; 4] = [
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care and care leavers",
];

/// Grades as printed.
pub const GRADES: [&str; 4] = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"];

/// Words laid out from `x` on baseline `y`, at about half an em per character.
pub fn line(text: &str, x: f32, y: f32, size: f32) -> Line {
    let mut words = Vec::new();
    let mut x = x;
    for t in text.split_whitespace() {
        let w = size * 0.5 * t.chars().count() as f32;
        words.push(Word { text: t.to_string(), x0: x, x1: x + w, y, size });
        x += w + size * 0.25;
    }
    Line { words }
}

/// Text broken into lines no wider than `width` points.
pub fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for t in text.split_whitespace() {
        let candidate = if cur.is_empty() { t.to_string() } else { format!("{cur} {t}") };
        if !cur.is_empty() && candidate.chars().count() as f32 * size * 0.5 > width {
            out.push(std::mem::take(&mut cur));
            cur = t.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Page 1 of an ILACS report of Barnsley with the given grades (indices into [`GRADES`]),
/// labels wrapped at `label_width`, the grade column at `grade_x`.
pub fn ilacs_page_one(grades: [usize; 4], label_width: f32, grade_x: f32, wrap_grades: bool) -> Document {
    let size = 11.0;
    let lh = size * 1.25;
    let mut lines = vec![
        line("Inspection of Barnsley local authority children's services", 71.0, 97.0, 16.0),
        line("Inspection dates: 11 to 15 September 2023", 71.0, 150.0, size),
        line("Lead inspector: Jo Bloggs, His Majesty's Inspector", 71.0, 166.0, size),
    ];
    let mut header = line("Judgement", 71.0, 200.0, size);
    header.words.extend(line("Grade", grade_x, 200.0, size).words);
    lines.push(header);
    let mut y = 200.0 + 2.0 * lh;
    for (label, &g) in LABELS.iter().zip(&grades) {
        let label_lines = wrap(label, label_width, size);
        let grade = GRADES[g % GRADES.len()];
        let grade_lines = if wrap_grades { wrap(grade, 120.0, size) } else { vec![grade.to_string()] };
        for (k, l) in label_lines.iter().enumerate() {
            lines.push(line(l, 71.0, y + k as f32 * lh, size));
        }
        for (k, l) in grade_lines.iter().enumerate() {
            lines.push(line(l, grade_x, y + k as f32 * lh, size));
        }
        y += label_lines.len().max(grade_lines.len()) as f32 * lh + lh;
    }
    lines.push(line("What needs to improve in this local authority?", 71.0, y + lh, 14.0));
    lines.push(line("1. The quality of plans for children in need.", 71.0, y + 2.5 * lh, size));
    Document { pages: vec![Page { number: 1, width: 595.0, height: 842.0, lines }] }
}
