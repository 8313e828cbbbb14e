//! The site in a real browser: headless Chromium driven over WebDriver (chromedriver), the
//! server in process on an ephemeral port. Open the home page, change the date, follow the
//! table and the map to an LA page, go through the map with the keyboard, download a CSV.
//! Screenshots land in `$CARGO_TARGET_TMPDIR/screens/` for people to look at.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without
//! `/usr/bin/chromedriver` the test says SKIPPED loudly and passes.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

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
    if !Path::new(CHROMEDRIVER).exists() {
        eprintln!("\n\n*** SKIPPED: chromedriver not installed (apt-get install chromium chromium-driver) ***\n\n");
        return;
    }
    let with_map = common::reference_dir().is_some();
    let state = common::state();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, lacs_web::app(state)).await.unwrap() });

    let downloads = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(downloads.path(), profile.path()).await;
    let result = journeys(&c, &base, downloads.path(), with_map).await;
    let _ = c.close().await;
    result.unwrap();
}

async fn journeys(c: &Client, base: &str, downloads: &Path, with_map: bool) -> Result<(), String> {
    // The home page.
    c.goto(&format!("{base}/")).await.map_err(|e| e.to_string())?;
    assert_eq!(h1(c).await, "Inspections of children’s services in England");
    assert!(c.title().await.unwrap().starts_with("National picture as at 30 June 2025"));
    shot(c, "home").await;

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
    c.goto(&format!("{base}/?as_at=31-03-2018")).await.unwrap();
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
