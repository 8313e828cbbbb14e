//! The site in a real browser: headless Chromium driven over WebDriver (chromedriver), the
//! server in process on an ephemeral port. Open the home page, change the date, follow the
//! table and the map to an LA page, go through the map with the keyboard, download a CSV.
//! Screenshots land in `$CARGO_TARGET_TMPDIR/screens/` for people to look at.
//!
//! Then every page at 375×800 and 1366×900: the page never scrolls sideways, every SVG text
//! shown is at least 12 px as rendered, and axe-core finds no accessibility violation.
//!
//! Needs Debian's `chromium` and `chromium-driver`, and axe-core (`npm install axe-core@4`;
//! the test reads `$LACS_AXE_JS`, else `target/axe/node_modules/axe-core/axe.min.js`):
//! `.ci/run` installs them. Without them the test says SKIPPED loudly and passes, except
//! under `CI=true`, where a missing one fails it.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The widths every page is checked at: a small phone and a common laptop.
const SIZES: [(u32, u32); 2] = [(375, 800), (1366, 900)];

/// The smallest SVG text allowed, in CSS pixels as rendered.
const MIN_SVG_TEXT_PX: f64 = 12.0;

/// Whether a missing tool fails the test (CI) or skips it (a developer's machine).
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Says a tool is missing: fails under CI, else prints SKIPPED loudly.
fn missing(what: &str) {
    assert!(!required(), "CI=true and {what} is missing");
    eprintln!("\n\n*** SKIPPED: {what} is missing ***\n\n");
}

/// axe-core's script: `$LACS_AXE_JS`, or where `.ci/run` installs it.
fn axe_source() -> Option<String> {
    let path = match std::env::var_os("LACS_AXE_JS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/axe/node_modules/axe-core/axe.min.js"),
    };
    std::fs::read_to_string(path).ok()
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn screens() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let path = screens().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

async fn start_browser(download_dir: &Path, profile: &Path) -> (Driver, Client) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": download_dir.display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            },
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) if started.elapsed() < Duration::from_secs(30) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a browser session through chromedriver: {e}"),
        }
    }
}

async fn h1(c: &Client) -> String {
    c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap()
}

/// The page's path once the navigation a click or key started has landed: navigation is
/// asynchronous, and on a busy machine the old page can still be current for a moment.
async fn wait_path(c: &Client, prefix: &str) -> String {
    let mut p = path_of(c).await;
    for _ in 0..100 {
        if p.starts_with(prefix) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        p = path_of(c).await;
    }
    p
}

async fn path_of(c: &Client) -> String {
    let u = c.current_url().await.unwrap();
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    }
}

async fn press(c: &Client, key: Key) {
    c.active_element().await.unwrap().send_keys(&key).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_journeys() {
    for tool in [CHROMEDRIVER, CHROMIUM] {
        if !Path::new(tool).exists() {
            return missing(&format!("{tool} (apt-get install chromium chromium-driver)"));
        }
    }
    let Some(axe) = axe_source() else {
        return missing("axe-core (npm install --prefix target/axe axe-core@4, or set LACS_AXE_JS)");
    };
    let with_map = common::reference_dir().is_some();
    let register = tempfile::tempdir().unwrap();
    let state = state_with_findings(register.path());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, lacs_web::app(state)).await.unwrap() });

    let downloads = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(downloads.path(), profile.path()).await;
    let result = journeys(&c, &base, downloads.path(), with_map).await;
    let layout = match result {
        Ok(()) => every_page_at_every_width(&c, &base, &axe).await,
        Err(e) => vec![e],
    };
    let _ = c.close().await;
    assert!(layout.is_empty(), "{} problems:\n{}", layout.len(), layout.join("\n"));
}

/// The test register with findings enough for two pages of search results, in a file (search
/// opens the register file).
fn state_with_findings(dir: &Path) -> lacs_web::AppState {
    use jiff::civil::date;
    use lacs_domain::{Finding, FindingSection, Kind, ReadReport};
    use lacs_store::Store;
    let path = dir.join("register.db");
    let mut store = Store::open(&path).unwrap();
    common::fill(&mut store);
    let findings = (1..=60)
        .map(|i| Finding {
            section: FindingSection::Improvement,
            judgement: None,
            position: i,
            page: 3,
            number: None,
            text: format!("Improve the support for private fostering arrangements, point {i} {}.", common::HOSTILE),
        })
        .collect();
    let report = ReadReport {
        kind: Some(Kind::IlacsStandard),
        urn: Some(80476),
        inspection_start: Some(date(2019, 1, 7)),
        inspection_end: Some(date(2019, 1, 18)),
        findings,
        page_count: 20,
        ..Default::default()
    };
    common::store_report(&mut store, "ff01", "80476_kent/ILACS - 2019-03-01.pdf", Some(80476), report, date(2019, 3, 1));
    lacs_web::AppState::from_store(&store, common::reference_dir().as_deref()).unwrap().with_today(common::TODAY).with_db(path)
}

/// Every page of the site, by name and path.
const PAGES: [(&str, &str); 16] = [
    ("home", "/"),
    ("LA list", "/la"),
    ("LA page", "/la/80426"),
    ("inspection page", "/inspection/80426202301090"),
    ("facts page", "/inspection/80426202301090/facts"),
    ("changes", "/changes?framework=any"),
    ("firsts", "/firsts"),
    ("inspections due", "/due"),
    ("review", "/review"),
    ("search with results", "/search?q=fostering"),
    ("search with a bad date", "/search?q=fostering&since=yesterday"),
    ("themes", "/themes"),
    ("visits", "/visits"),
    ("check a story", "/claims"),
    ("api", "/api"),
    ("404 page", "/no/such/page"),
];

/// The page's scroll width, the window's inner width, and the outermost elements that reach
/// past the window's right edge (to say what makes a page scroll sideways).
const WIDTHS: &str = r#"
const inner = window.innerWidth, wide = [];
const clipped = e => {
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
};
for (const e of document.body.querySelectorAll('*')) {
  if (e.getBoundingClientRect().right <= inner + 0.5) continue;
  const p = e.parentElement;
  if (p && p !== document.body && p.getBoundingClientRect().right > inner + 0.5) continue;
  if (clipped(e) && getComputedStyle(e).position !== 'absolute') continue;
  wide.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)})`);
}
return [document.documentElement.scrollWidth, inner, wide.slice(0, 4)];
"#;

/// The SVG text elements shown smaller than the minimum: font size times the SVG's scale
/// on screen.
const SMALL_SVG_TEXT: &str = r#"
const out = [];
for (const t of document.querySelectorAll('svg text')) {
  const box = t.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  const m = t.getScreenCTM();
  const scale = m ? Math.hypot(m.a, m.b) : 1;
  const px = parseFloat(getComputedStyle(t).fontSize) * scale;
  if (px < arguments[0]) out.push(`"${t.textContent.trim().slice(0, 40)}" at ${px.toFixed(1)}px`);
}
return out;
"#;

/// axe-core's run over the page: each violation as rule, impact and the elements.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v =>
  `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`
))).catch(e => done(['axe failed: ' + e]));
"#;

/// Each page at each size: no sideways scroll, no SVG text under 12 px, no axe violation.
/// Returns every problem, named by page and width.
async fn every_page_at_every_width(c: &Client, base: &str, axe: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (w, h) in SIZES {
        if let Err(e) = c.set_window_size(w, h).await {
            problems.push(format!("cannot size the window to {w}×{h}: {e}"));
            continue;
        }
        for (name, path) in PAGES {
            let at = format!("{name} ({path}) at {w} px");
            if let Err(e) = c.goto(&format!("{base}{path}")).await {
                problems.push(format!("{at}: {e}"));
                continue;
            }
            let widths = c.execute(WIDTHS, vec![]).await;
            match widths.ok().and_then(|v| serde_json::from_value::<(f64, f64, Vec<String>)>(v).ok()) {
                Some((scroll, inner, wide)) if scroll > inner => problems.push(format!(
                    "{at}: scrolls sideways (scrollWidth {scroll} > innerWidth {inner}); too wide: {}",
                    wide.join(", ")
                )),
                Some((_, inner, _)) if (inner - w as f64).abs() > 20.0 => {
                    problems.push(format!("{at}: the viewport is {inner} px wide, not about {w}"))
                }
                Some(_) => {}
                None => problems.push(format!("{at}: cannot measure the page's width")),
            }
            let small = c.execute(SMALL_SVG_TEXT, vec![json!(MIN_SVG_TEXT_PX)]).await;
            match small.ok().and_then(|v| serde_json::from_value::<Vec<String>>(v).ok()) {
                Some(list) => problems.extend(list.into_iter().map(|t| format!("{at}: SVG text under 12 px: {t}"))),
                None => problems.push(format!("{at}: cannot measure SVG text")),
            }
            // axe-core runs in the page through WebDriver: the page's CSP forbids its own
            // scripts, not the driver's.
            if let Err(e) = c.execute(axe, vec![]).await {
                problems.push(format!("{at}: cannot load axe-core: {e}"));
                continue;
            }
            match c.execute_async(RUN_AXE, vec![]).await.map(serde_json::from_value::<Vec<String>>) {
                Ok(Ok(violations)) => problems.extend(violations.into_iter().map(|v| format!("{at}: axe: {v}"))),
                Ok(Err(e)) => problems.push(format!("{at}: axe's answer cannot be read: {e}")),
                Err(e) => problems.push(format!("{at}: axe did not run: {e}")),
            }
            shot(c, &format!("{}-{w}", name.replace(' ', "-"))).await;
        }
    }
    problems
}

async fn journeys(c: &Client, base: &str, downloads: &Path, with_map: bool) -> Result<(), String> {
    // The home page.
    c.goto(&format!("{base}/")).await.map_err(|e| e.to_string())?;
    assert_eq!(h1(c).await, "Inspections of children’s services in England");
    assert!(c.title().await.unwrap().starts_with("National picture as at 30 June 2025"));
    shot(c, "home").await;
    // Counts on the outstanding and inadequate segments render white (a stylesheet rule must
    // not turn them dark).
    let fills = c
        .execute("return [...document.querySelectorAll('svg text.ink-light')].map(t => getComputedStyle(t).fill)", vec![])
        .await
        .map_err(|e| e.to_string())?;
    let fills: Vec<String> = serde_json::from_value(fills).map_err(|e| e.to_string())?;
    assert!(!fills.is_empty() && fills.iter().all(|f| f == "rgb(255, 255, 255)"), "light ink renders white: {fills:?}");

    // Change the date with the form.
    let input = c.find(Locator::Id("as_at")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("2018-03-31").await.unwrap();
    c.find(Locator::Css("form.controls button")).await.unwrap().click().await.unwrap();
    let p = wait_path(c, "/?as_at=2018-03-31").await;
    assert!(p.starts_with("/?as_at=2018-03-31"), "{p}");
    let lead = c.find(Locator::Css("p.lead")).await.unwrap().text().await.unwrap();
    assert!(lead.contains("31 March 2018"), "{lead}");
    let cell = c.find(Locator::Css("#la-table a[href='/la/80426']")).await.unwrap();
    let row_text = c.find(Locator::XPath("//table[@id='la-table']//tr[th/a[@href='/la/80426']]")).await.unwrap().text().await.unwrap();
    assert!(row_text.contains("Requires improvement"), "Barnsley in 2018: {row_text}");

    // Follow the table to an LA page.
    cell.click().await.unwrap();
    assert_eq!(wait_path(c, "/la/80426").await, "/la/80426");
    assert_eq!(h1(c).await, "Barnsley");
    shot(c, "la-80426").await;

    // An inspection page, then an error page.
    c.goto(&format!("{base}/inspection/{}", common::BARNSLEY_ILACS_2023)).await.unwrap();
    let quote = c.find(Locator::Css("blockquote.quote")).await.unwrap().text().await.unwrap();
    assert!(quote.contains("<script>alert('x')</script>"), "the hostile text shows as text: {quote}");
    shot(c, "inspection").await;
    c.goto(&format!("{base}/la/Barnsly")).await.unwrap();
    assert_eq!(h1(c).await, "Local authority not found");
    c.find(Locator::LinkText("Barnsley")).await.unwrap().click().await.unwrap();
    assert_eq!(wait_path(c, "/la/80426").await, "/la/80426", "a suggestion leads to the LA");
    c.goto(&format!("{base}/?as_at=31-13-2018")).await.unwrap();
    assert_eq!(h1(c).await, "There is a problem with the address");
    shot(c, "error-400").await;

    // Download a CSV from the list of LAs.
    c.goto(&format!("{base}/la?region=London")).await.unwrap();
    shot(c, "la-list").await;
    c.find(Locator::Css(".downloads a[href^='/download/las.csv']")).await.unwrap().click().await.unwrap();
    let started = Instant::now();
    let csv = loop {
        let found = std::fs::read_dir(downloads)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(p) = found {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if text.lines().count() > 1 {
                break text;
            }
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err("no CSV downloaded in 20 s".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(csv.starts_with("URN,Local authority,"), "{csv}");
    assert_eq!(csv.lines().count(), 34, "33 London boroughs and a header");

    if !with_map {
        eprintln!("\n*** SKIPPED map journeys: ../shared/reference not found ***\n");
        return Ok(());
    }
    // Follow the map: click Hackney in the London inset.
    c.goto(&format!("{base}/")).await.unwrap();
    let hackney = c.find(Locator::Css("svg.map a[href='/la/80496'] path")).await.unwrap();
    hackney.click().await.unwrap();
    assert_eq!(wait_path(c, "/la/80496").await, "/la/80496");
    assert_eq!(h1(c).await, "Hackney");

    // The keyboard path through the map: from the link just before it, Tab reaches the
    // areas in name order, each showing its name and grade, and Enter opens the LA.
    c.goto(&format!("{base}/")).await.unwrap();
    let before = c.find(Locator::XPath("(//section[h2[@id='regions']]//div[@class='downloads']//a)[last()]")).await.unwrap();
    before.send_keys("").await.unwrap();
    press(c, Key::Tab).await;
    let first = c.active_element().await.unwrap();
    assert_eq!(first.attr("href").await.unwrap().as_deref(), Some("/la/80486"), "Barking and Dagenham first");
    press(c, Key::Tab).await;
    press(c, Key::Tab).await;
    let third = c.active_element().await.unwrap();
    assert_eq!(third.attr("href").await.unwrap().as_deref(), Some("/la/80426"), "then Barnet, then Barnsley");
    let label = third.find(Locator::Css("g.lbl")).await.unwrap();
    assert_eq!(label.css_value("display").await.unwrap(), "inline", "the name shows on focus");
    let stroke = third.find(Locator::Css("path")).await.unwrap().css_value("stroke-width").await.unwrap();
    assert_eq!(stroke, "7px", "the focused area is outlined");
    third.find(Locator::Css("path")).await.unwrap();
    let map = c.find(Locator::Css("svg.map")).await.unwrap();
    std::fs::write(screens().join("map-focus.png"), map.screenshot().await.unwrap()).unwrap();
    press(c, Key::Enter).await;
    assert_eq!(wait_path(c, "/la/80426").await, "/la/80426", "Enter follows the focused area");
    Ok(())
}
