//! HTML building: an escaping wrapper, the page layout and the small pieces every page shares.
//!
//! Every piece of text that comes from data (names, report text, parameters echoed back) goes
//! through [`Esc`]; the only unescaped strings are the templates' own literals.

use std::fmt::{self, Display, Write};

use lacs_domain::{Date, Grade, Judgement, Kind};

/// Writes its text HTML-escaped (safe in element content and in double-quoted attributes).
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&s[last..])
    }
}

/// Escapes into a new string.
pub fn esc(s: &str) -> String {
    Esc(s).to_string()
}

/// Percent-encodes a query-string value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A query string from pairs, leaving out empty values: `?a=1&b=2` (or "" when none).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// "31 March 2024".
pub fn long_date(d: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ];
    format!("{} {} {}", d.day(), MONTHS[(d.month() - 1) as usize], d.year())
}

/// "31 Mar 2024" (tables).
pub fn short_date(d: Option<Date>) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match d {
        Some(d) => format!("{} {} {}", d.day(), MONTHS[(d.month() - 1) as usize], d.year()),
        None => String::new(),
    }
}

/// A kind as people read it (the domain's label; empty for none).
pub fn kind_label(k: Option<Kind>) -> &'static str {
    k.map_or("", Kind::label)
}

/// The CSS class of a grade (colour and pattern come from the stylesheet).
pub fn grade_class(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::Outstanding) => "g-o",
        Some(Grade::Good) => "g-g",
        Some(Grade::RequiresImprovement) => "g-ri",
        Some(Grade::Inadequate) => "g-i",
        Some(Grade::NotJudged) => "g-nj",
        None => "g-none",
    }
}

/// A grade as a tag: always its words, coloured by class.
pub fn grade_tag(g: Option<Grade>) -> String {
    match g {
        Some(g) => format!("<span class=\"tag {}\">{}</span>", grade_class(Some(g)), g.label()),
        None => String::new(),
    }
}

/// Fill colours of the grades (colour-blind-safe: blues for the better grades, orange and
/// dark red for the worse, distinct in lightness too). Keep in step with site.css.
pub fn grade_fill(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::Outstanding) => "#08306b",
        Some(Grade::Good) => "#4292c6",
        Some(Grade::RequiresImprovement) => "#f7a541",
        Some(Grade::Inadequate) => "#a50f15",
        Some(Grade::NotJudged) => "#ffffff",
        None => "#d9d9d9",
    }
}

/// Text colour on a grade's fill (contrast at least 4.5:1).
pub fn grade_ink(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::Outstanding) | Some(Grade::Inadequate) => "#ffffff",
        _ => "#0b0c0c",
    }
}

/// The SVG pattern id for a grade's texture (so grades differ without colour too).
pub fn grade_pattern(g: Option<Grade>) -> Option<&'static str> {
    match g {
        Some(Grade::RequiresImprovement) => Some("p-ri"),
        Some(Grade::Inadequate) => Some("p-i"),
        _ => None,
    }
}

/// The `<defs>` with the grade textures, for any SVG that uses [`grade_paint`].
pub const SVG_PATTERNS: &str = concat!(
    "<defs>",
    "<pattern id=\"p-ri\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
    "<rect width=\"6\" height=\"6\" fill=\"#f7a541\"/><circle cx=\"3\" cy=\"3\" r=\"1.1\" fill=\"#0b0c0c\" fill-opacity=\"0.55\"/></pattern>",
    "<pattern id=\"p-i\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">",
    "<rect width=\"6\" height=\"6\" fill=\"#a50f15\"/><rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.45\"/></pattern>",
    "</defs>"
);

/// The fill attribute value of a grade in SVG: its texture where it has one, else its colour.
pub fn grade_paint(g: Option<Grade>) -> String {
    match grade_pattern(g) {
        Some(id) => format!("url(#{id})"),
        None => grade_fill(g).to_string(),
    }
}


/// Which part of the site a page belongs to (the navigation marks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Las,
    Changes,
    Firsts,
    Search,
    Themes,
    Api,
    None,
}

/// One page.
pub struct Page<'a> {
    pub title: String,
    pub section: Section,
    pub last_updated: Option<&'a str>,
    pub body: String,
    /// Say in the footer when the register was last updated (not on error pages, which do
    /// not know).
    pub show_updated: bool,
}

impl Page<'_> {
    pub fn render(&self) -> String {
        let mut h = String::with_capacity(self.body.len() + 2048);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} – Children’s services inspections register</title>\n\
             <link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n\
             <a class=\"skip\" href=\"#main\">Skip to main content</a>\n\
             <header class=\"site\"><div class=\"wrap\"><a class=\"brand\" href=\"/\">Children’s services inspections register</a>\n\
             <nav aria-label=\"Main\"><ul>",
            Esc(&self.title)
        );
        let items = [
            (Section::Home, "/", "National picture"),
            (Section::Las, "/la", "Local authorities"),
            (Section::Changes, "/changes", "Changes"),
            (Section::Firsts, "/firsts", "Firsts"),
            (Section::Search, "/search", "What inspectors said"),
            (Section::Themes, "/themes", "Themes"),
            (Section::Api, "/api", "Data and API"),
        ];
        for (s, href, label) in items {
            let current = if s == self.section { " aria-current=\"page\"" } else { "" };
            let _ = write!(h, "<li><a href=\"{href}\"{current}>{label}</a></li>");
        }
        h.push_str("</ul></nav></div></header>\n<main id=\"main\" class=\"wrap\">\n");
        h.push_str(&self.body);
        h.push_str("\n</main>\n<footer class=\"site\"><div class=\"wrap\"><p>");
        match self.last_updated {
            _ if !self.show_updated => {}
            Some(t) => {
                let _ = write!(h, "Register last updated: <time datetime=\"{}\">{}</time>. ", Esc(t), Esc(&human_timestamp(t)));
            }
            None => h.push_str("The register has never been updated. "),
        }
        h.push_str(
            "Grades are read from Ofsted’s own reports and checked against Ofsted’s official statistics. \
             Reports are Ofsted’s; this register is not an Ofsted service.</p></div></footer>\n</body>\n</html>\n",
        );
        h
    }
}

/// "2025-11-23T13:02:11Z" → "23 November 2025 at 13:02 UTC"; anything else as it is.
pub fn human_timestamp(t: &str) -> String {
    match t.parse::<jiff::Timestamp>() {
        Ok(ts) => {
            let z = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC);
            format!("{} at {:02}:{:02} UTC", long_date(z.date()), z.hour(), z.minute())
        }
        Err(_) => t.to_string(),
    }
}

/// The "last updated" line near the top of a page.
pub fn updated_line(last_updated: Option<&str>) -> String {
    match last_updated {
        Some(t) => format!(
            "<p class=\"updated\">Register last updated <time datetime=\"{}\">{}</time>.</p>",
            Esc(t),
            Esc(&human_timestamp(t))
        ),
        None => "<p class=\"updated\">The register holds no data yet.</p>".to_string(),
    }
}

/// Links to the CSV, XLSX and JSON downloads of a view.
pub fn downloads(base: &str, query: &str, what: &str) -> String {
    format!(
        "<div class=\"downloads\"><h2 class=\"small\">Download {what}</h2><ul>\
         <li><a href=\"{b}.csv{q}\" download>CSV</a></li>\
         <li><a href=\"{b}.xlsx{q}\" download>Excel (XLSX)</a></li>\
         <li><a href=\"{b}.json{q}\" download>JSON</a></li></ul></div>",
        what = Esc(what),
        b = Esc(base),
        q = Esc(query)
    )
}

/// The select of judgements for forms.
pub fn judgement_select(name: &str, selected: Judgement, include: &[Judgement]) -> String {
    let mut h = format!("<select id=\"{name}\" name=\"{name}\">");
    for j in include {
        let sel = if *j == selected { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{sel}>{}</option>", j.as_str(), j.label());
    }
    h.push_str("</select>");
    h
}

/// Legend of grades for charts and the map: a swatch and the words.
pub fn grade_legend(with_not_inspected: bool, with_not_graded: bool) -> String {
    let mut h = String::from("<ul class=\"legend\">");
    for g in Grade::SCALE {
        let _ = write!(
            h,
            "<li><svg width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\">{SVG_PATTERNS}\
             <rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"{}\" stroke=\"#0b0c0c\"/></svg> {}</li>",
            grade_paint(Some(g)),
            g.label()
        );
    }
    if with_not_graded {
        h.push_str(
            "<li><svg width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"#ffffff\" stroke=\"#0b0c0c\"/></svg> Not graded</li>",
        );
    }
    if with_not_inspected {
        h.push_str(
            "<li><svg width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"#d9d9d9\" stroke=\"#0b0c0c\"/></svg> Not yet inspected</li>",
        );
    }
    h.push_str("</ul>");
    h
}

/// A percentage of a whole, one decimal ("—" when the whole is 0).
pub fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(esc("<script>alert('x') & \"y\"</script>"), "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        assert_eq!(esc("Children’s"), "Children’s");
    }

    #[test]
    fn query_strings_leave_out_empties_and_encode() {
        assert_eq!(query_string(&[("a", "1 2&".into()), ("b", String::new())]), "?a=1+2%26");
        assert_eq!(query_string(&[("b", String::new())]), "");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let d: Date = "2024-03-31".parse().unwrap();
        assert_eq!(long_date(d), "31 March 2024");
        assert_eq!(short_date(Some(d)), "31 Mar 2024");
        assert_eq!(human_timestamp("2025-11-23T13:02:11Z"), "23 November 2025 at 13:02 UTC");
    }
}
