//! What the reports site's pages say, as public scrapers read them: the listing of local
//! authorities (`<a href=".../provider/<cat>/<urn>">`) and each provider's publications
//! (`a.publication-link` with its name and date in `span.nonvisual`).

use lacs_domain::KindHint;
use reqwest::Url;
use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The reports site's address; `--base-url` replaces it.
pub const DEFAULT_BASE_URL: &str = "https://reports.ofsted.gov.uk";

/// Results asked for per listing page (the site may return fewer).
pub(crate) const LISTING_ROWS: usize = 100;

/// The listing of Children's social care → Local Authority Children's Services, from `start`.
pub(crate) fn listing_url(base: &Url, start: usize) -> Result<Url, String> {
    let base = base.as_str().trim_end_matches('/');
    let url = format!(
        "{base}/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12&start={start}&rows={LISTING_ROWS}"
    );
    Url::parse(&url).map_err(|e| format!("{url}: {e}"))
}

/// The site's category of local authority children's services in provider addresses
/// (`/provider/44/<urn>`).
pub(crate) const PROVIDER_CATEGORY: u32 = 44;

/// A provider's page, built from its URN as the site builds its addresses: how `--urn`
/// reaches an LA the listing no longer gives (an abolished one, whose page stays up).
pub(crate) fn provider_url(base: &Url, urn: u32) -> Result<Url, String> {
    base.join(&format!("provider/{PROVIDER_CATEGORY}/{urn}")).map_err(|e| format!("provider {urn}: {e}"))
}

/// One local authority in the listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProviderLink {
    pub urn: u32,
    /// The LA's name as the listing gives it.
    pub name: String,
    /// The provider page, absolute.
    pub url: String,
}

/// One publication on a provider page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PublicationLink {
    /// The last segment of the file's address (`.../v1/file/50172438` → `50172438`).
    pub file_id: String,
    /// The hidden text naming it, whitespace collapsed, e.g. `children's services inspection - 19 november 2021`.
    pub link_text: String,
    /// The file's address, as given (made absolute against the page's address if relative).
    pub url: String,
}

static ANCHOR: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").expect("selector"));
static PUBLICATION: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a.publication-link[href]").expect("selector"));
static NONVISUAL: LazyLock<Selector> = LazyLock::new(|| Selector::parse("span.nonvisual").expect("selector"));

/// The providers on a listing page, in page order, each URN once. `base` is the site's
/// address given with `--base-url`: links to the public site's own host are rewritten to it,
/// so that a mirror serves the whole run.
pub(crate) fn parse_listing(html: &str, page_url: &Url, base: &Url) -> Vec<ProviderLink> {
    let doc = Html::parse_document(html);
    let mut out: Vec<ProviderLink> = Vec::new();
    for a in doc.select(&ANCHOR) {
        let Some(href) = a.value().attr("href") else { continue };
        if !href.contains("/provider/") {
            continue;
        }
        let Ok(url) = page_url.join(href) else { continue };
        let Some(urn) = last_segment(&url).and_then(|s| s.parse::<u32>().ok()) else { continue };
        if out.iter().any(|p| p.urn == urn) {
            continue;
        }
        let url = rebase(url, base);
        out.push(ProviderLink { urn, name: collapse(&a.text().collect::<String>()), url: url.to_string() });
    }
    out
}

/// The publications on a provider page, in page order, each file once (a file listed twice
/// keeps its first link text).
pub(crate) fn parse_provider(html: &str, page_url: &Url) -> Vec<PublicationLink> {
    let doc = Html::parse_document(html);
    let mut out: Vec<PublicationLink> = Vec::new();
    for a in doc.select(&PUBLICATION) {
        let Some(href) = a.value().attr("href") else { continue };
        let Ok(url) = page_url.join(href.trim()) else { continue };
        let Some(file_id) = last_segment(&url) else { continue };
        let hidden: String = a.select(&NONVISUAL).flat_map(|s| s.text()).collect();
        let text = if hidden.trim().is_empty() { a.text().collect::<String>() } else { hidden };
        let link_text = collapse(&text);
        if link_text.is_empty() || out.iter().any(|p| p.file_id == file_id) {
            continue;
        }
        out.push(PublicationLink { file_id, link_text, url: url.to_string() });
    }
    out
}

/// A link to the public site's host, when a mirror was asked for, points at the mirror.
fn rebase(url: Url, base: &Url) -> Url {
    let public = Url::parse(DEFAULT_BASE_URL).expect("default base url");
    if url.host_str() == public.host_str() && base.host_str() != public.host_str() {
        if let Ok(u) = base.join(url.path()) {
            return u;
        }
    }
    url
}

fn last_segment(url: &Url) -> Option<String> {
    url.path_segments()?.rev().find(|s| !s.is_empty()).map(str::to_string)
}

/// Whitespace collapsed to single spaces, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The link-text vocabulary: the first entry whose words the (lowercased, apostrophes made
/// straight) link text contains decides. Visits come first: "monitoring visit of ...
/// children's services inspection" is a visit.
pub const LINK_TEXT_KINDS: &[(&str, KindHint)] = &[
    ("focused visit", KindHint::FocusedVisit),
    ("monitoring visit", KindHint::MonitoringVisit),
    ("joint targeted area inspection", KindHint::Jtai),
    ("children's services inspection", KindHint::Report),
    ("single inspection of la children's services", KindHint::Report),
    ("inspection of local authority children's services", KindHint::Report),
];

/// Other inspections an LA's page can list, which the register does not hold: listed, never
/// fetched. Matched as whole words, after [`LINK_TEXT_KINDS`].
pub const OTHER_LINK_TEXTS: &[&str] = &[
    "send",
    "special educational needs",
    "safeguarding and looked after children",
    "annual unannounced",
    "contact, referral and assessment",
    "children's services assessment",
    "youth offending",
    "youth justice",
];

/// Reports published before this day belong to frameworks before the SIF (which began in
/// November 2013): a link text dated earlier that no table knows is not fetched.
pub const FIRST_REPORT_DAY: lacs_domain::Date = jiff::civil::date(2013, 11, 1);

/// What a publication is, as its link text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkClass {
    pub kind: KindHint,
    /// A link text no table knows, taken for a report: fetched and read, so a report Ofsted
    /// names anew is not missed; the run notes it, and the reading's own doubts decide
    /// whether it awaits review.
    pub unfamiliar: bool,
}

/// What a publication is, from its link text: the first entry of [`LINK_TEXT_KINDS`] it
/// contains; else `Other` when it names an inspection of [`OTHER_LINK_TEXTS`] or is dated
/// before [`FIRST_REPORT_DAY`]; else an unfamiliar report.
pub fn classify(link_text: &str) -> LinkClass {
    let text = normalise(link_text);
    if let Some((_, kind)) = LINK_TEXT_KINDS.iter().find(|(words, _)| text.contains(words)) {
        return LinkClass { kind: *kind, unfamiliar: false };
    }
    let other = OTHER_LINK_TEXTS.iter().any(|words| contains_words(&text, words));
    let too_old = lacs_extract::date_in_file_name(link_text).is_some_and(|d| d < FIRST_REPORT_DAY);
    if other || too_old {
        LinkClass { kind: KindHint::Other, unfamiliar: false }
    } else {
        LinkClass { kind: KindHint::Report, unfamiliar: true }
    }
}

/// Whether `words` occur in `text` with no letter or digit either side.
fn contains_words(text: &str, words: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(words).any(|(i, m)| !alnum(text[..i].chars().next_back()) && !alnum(text[i + m.len()..].chars().next()))
}

/// Lowercase, straight apostrophes, single spaces: for matching words in link text or a page.
pub(crate) fn normalise(s: &str) -> String {
    collapse(&s.to_lowercase().replace(['\u{2019}', '\u{2018}', '`'], "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn link_texts_are_classified_by_the_tables() {
        let cases = [
            ("children's services inspection - 19 november 2021", KindHint::Report),
            ("Children\u{2019}s services inspection,  pdf - 16 august 2013", KindHint::Report),
            ("single inspection of la children's services as pdf - 10 february 2015", KindHint::Report),
            ("Inspection of local authority children's services - 3 May 2024", KindHint::Report),
            ("focused visit - 12 march 2020", KindHint::FocusedVisit),
            ("Monitoring visit of Slough children's services - 1 june 2021", KindHint::MonitoringVisit),
            ("Joint targeted area inspection of the multi-agency response to children's services, PDF - 4 April 2019", KindHint::Jtai),
            ("Area SEND inspection, PDF - 4 april 2019", KindHint::Other),
            ("Youth justice inspection - 4 april 2019", KindHint::Other),
            ("Inspection of safeguarding and looked after children services - 1 march 2012", KindHint::Other),
        ];
        for (text, kind) in cases {
            assert_eq!(classify(text), LinkClass { kind, unfamiliar: false }, "{text}");
        }
        assert_eq!(KindHint::parse("focused_visit"), Some(KindHint::FocusedVisit));
    }

    #[test]
    fn a_link_text_no_table_knows_is_fetched_as_a_report_unless_it_predates_the_sif() {
        for text in [
            "Children's social care inspection, PDF - 2 October 2026",
            "ILACS report - 2 october 2026",
            "Sendai children's social care review, PDF - 2 October 2026",
            "Inspection report",
        ] {
            assert_eq!(classify(text), LinkClass { kind: KindHint::Report, unfamiliar: true }, "{text}");
        }
        let old = classify("Annual performance assessment - 1 december 2008");
        assert_eq!(old, LinkClass { kind: KindHint::Other, unfamiliar: false });
    }

    #[test]
    fn words_match_whole() {
        assert!(contains_words("area send inspection", "send"));
        assert!(contains_words("send", "send"));
        assert!(!contains_words("sendai review", "send"));
        assert!(!contains_words("godsend", "send"));
    }

    #[test]
    fn listing_links_give_urns_once_each() {
        let html = r#"<html><body>
            <a href="/search?start=100">next</a>
            <ul><li><a href="/provider/44/80501"> Barnsley
               </a></li>
            <li><a href="https://reports.ofsted.gov.uk/provider/44/80426/">Norfolk</a></li>
            <li><a href="/provider/44/80501">Barnsley again</a></li>
            <li><a href="/provider/44/not-a-number">odd</a></li></ul></body></html>"#;
        let base = url("http://127.0.0.1:8080/");
        let page = url("http://127.0.0.1:8080/search?start=0");
        let links = parse_listing(html, &page, &base);
        assert_eq!(
            links,
            vec![
                ProviderLink { urn: 80501, name: "Barnsley".into(), url: "http://127.0.0.1:8080/provider/44/80501".into() },
                ProviderLink { urn: 80426, name: "Norfolk".into(), url: "http://127.0.0.1:8080/provider/44/80426/".into() },
            ]
        );
    }

    #[test]
    fn publication_links_give_file_ids_and_hidden_text() {
        let html = r#"<ul>
          <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50172438">
              <span class="title">Children's services inspection</span>
              <span class="nonvisual">children's services inspection -
                 19 november 2021</span></a></li>
          <li><a class="publication-link other" href="/v1/file/2">Focused visit - 1 march 2020</a></li>
          <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50172438"><span class="nonvisual">dup</span></a></li>
          <li><a href="/v1/file/3">not a publication link</a></li></ul>"#;
        let links = parse_provider(html, &url("http://mirror.test/provider/44/80501"));
        assert_eq!(
            links,
            vec![
                PublicationLink {
                    file_id: "50172438".into(),
                    link_text: "children's services inspection - 19 november 2021".into(),
                    url: "https://files.ofsted.gov.uk/v1/file/50172438".into()
                },
                PublicationLink {
                    file_id: "2".into(),
                    link_text: "Focused visit - 1 march 2020".into(),
                    url: "http://mirror.test/v1/file/2".into()
                },
            ]
        );
    }

    #[test]
    fn provider_addresses_are_built_from_the_urn() {
        let u = provider_url(&url("http://127.0.0.1:9/mirror/"), 80531).unwrap();
        assert_eq!(u.as_str(), "http://127.0.0.1:9/mirror/provider/44/80531");
        assert_eq!(provider_url(&url(DEFAULT_BASE_URL), 80531).unwrap().as_str(), "https://reports.ofsted.gov.uk/provider/44/80531");
    }

    #[test]
    fn listing_address_pages_by_start() {
        let u = listing_url(&url("http://127.0.0.1:9/"), 200).unwrap();
        assert_eq!(
            u.as_str(),
            "http://127.0.0.1:9/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12&start=200&rows=100"
        );
    }
}
