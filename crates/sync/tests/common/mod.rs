//! A stand-in for Ofsted's reports site: a listing of providers (paged, `rows` honoured but
//! capped), provider pages with `a.publication-link`s, and files, with faults injected per
//! address; it logs every request. It runs on 127.0.0.1 on a port of its own, in a thread
//! with its own runtime, and stops when dropped.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use lacs_testkit::pdf::text_pdf;
pub use lacs_testkit::shared::corpus;

/// What to do to a request instead of (or before) answering it.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this status.
    Status(u16),
    /// Answer 503 with `Retry-After: <secs>`.
    RetryAfter(u64),
    /// Wait this long, then answer normally (past the client's timeout).
    Slow(Duration),
    /// Send the first half of the file, and nothing that says more was due.
    Short,
    /// Announce the whole length, send half, then drop the connection.
    Abort,
    /// Send an HTML "Report not found" page with status 200 in place of the file.
    Html,
}

#[derive(Debug, Clone)]
pub struct Publication {
    pub file_id: String,
    pub link_text: String,
}

#[derive(Debug, Clone)]
pub struct Provider {
    pub urn: u32,
    pub name: String,
    pub publications: Vec<Publication>,
}

/// One request as the stand-in saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// `/search?start=N`, `/provider/44/<urn>` or `/v1/file/<id>`.
    pub key: String,
    pub status: u16,
    pub user_agent: String,
    pub at: Instant,
}

#[derive(Default)]
pub struct Site {
    pub providers: Vec<Provider>,
    pub files: HashMap<String, Vec<u8>>,
    /// Most providers on one listing page, whatever `rows` asks.
    pub page_cap: usize,
    /// Faults applied once each, in order, per key.
    pub faults: Mutex<HashMap<String, VecDeque<Fault>>>,
    /// Faults applied to every request for a key.
    pub always: Mutex<HashMap<String, Fault>>,
    pub log: Mutex<Vec<Hit>>,
    pub addr: Mutex<Option<SocketAddr>>,
    /// Providers whose pages are served but whom the listing does not give (abolished LAs).
    pub unlisted: Vec<Provider>,
    /// The listing gives only this many providers (a listing that shrank).
    pub listing_limit: Mutex<Option<usize>>,
    /// Providers whose pages list no publication (a changed page).
    pub empty_pages: Mutex<Vec<u32>>,
}

impl Site {
    pub fn fault_once(&self, key: &str, fault: Fault) {
        self.faults.lock().unwrap().entry(key.to_string()).or_default().push_back(fault);
    }

    pub fn fault_always(&self, key: &str, fault: Fault) {
        self.always.lock().unwrap().insert(key.to_string(), fault);
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.log.lock().unwrap().clone()
    }

    pub fn clear_log(&self) {
        self.log.lock().unwrap().clear();
    }

    /// Requests for files (any answer).
    pub fn file_hits(&self) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.key.starts_with("/v1/file/")).collect()
    }

    fn next_fault(&self, key: &str) -> Option<Fault> {
        if let Some(f) = self.faults.lock().unwrap().get_mut(key).and_then(VecDeque::pop_front) {
            return Some(f);
        }
        self.always.lock().unwrap().get(key).cloned()
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr.lock().unwrap().expect("started"))
    }

    fn listing(&self, query: &HashMap<String, String>) -> Result<(String, String), StatusCode> {
        // The query the public scrapers send; anything else is a 400.
        let want = [("level_1_types", "3"), ("level_2_types[]", "12"), ("q", ""), ("radius", "")];
        if want.iter().any(|(k, v)| query.get(*k).map(String::as_str) != Some(*v)) {
            return Err(StatusCode::BAD_REQUEST);
        }
        let start: usize = query.get("start").and_then(|s| s.parse().ok()).ok_or(StatusCode::BAD_REQUEST)?;
        let rows: usize = query.get("rows").and_then(|s| s.parse().ok()).ok_or(StatusCode::BAD_REQUEST)?;
        let n = rows.min(self.page_cap);
        let limit = self.listing_limit.lock().unwrap().unwrap_or(usize::MAX);
        let mut html = String::from(
            "<!DOCTYPE html><html><body><nav><a href=\"/\">Home</a> <a href=\"/search?level_1_types=3\">Social care</a></nav><ul class=\"results\">",
        );
        for p in self.providers.iter().take(limit).skip(start).take(n) {
            html.push_str(&format!(
                "<li><h3><a href=\"/provider/44/{}\">{}</a></h3><p>Local Authority Children's Services</p></li>",
                p.urn, p.name
            ));
        }
        html.push_str(&format!("</ul><a href=\"/search?start={}&amp;rows={rows}\">Next</a></body></html>", start + n));
        Ok((format!("/search?start={start}"), html))
    }

    fn provider(&self, urn: u32) -> Option<String> {
        let p = self.providers.iter().chain(&self.unlisted).find(|p| p.urn == urn)?;
        let mut html = format!("<!DOCTYPE html><html><body><h1>{}</h1><ul>", p.name);
        let empty = self.empty_pages.lock().unwrap().contains(&urn);
        for publication in p.publications.iter().filter(|_| !empty) {
            html.push_str(&format!(
                "<li><a class=\"publication-link\" href=\"{}/v1/file/{}\"><span class=\"title\">Report</span> \
                 <span class=\"nonvisual\">{}</span></a></li>",
                self.origin(),
                publication.file_id,
                as_the_site_prints(&publication.link_text)
            ));
        }
        html.push_str("</ul></body></html>");
        Some(html)
    }
}

/// A link's text as the reports site prints it: the name, ", PDF", then the date
/// ("Children's services inspection, PDF - 19 November 2021"); a text that already says pdf
/// (the corpus's ",  pdf - 16 august 2013") as it is.
fn as_the_site_prints(text: &str) -> String {
    if text.to_lowercase().contains("pdf") {
        return text.to_string();
    }
    match text.rsplit_once(" - ") {
        Some((name, date)) => format!("{name}, PDF - {date}"),
        None => format!("{text}, PDF"),
    }
}

/// A running stand-in.
pub struct StandIn {
    pub site: Arc<Site>,
    pub base_url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StandIn {
    pub fn start(site: Site) -> StandIn {
        let site = Arc::new(site);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        *site.addr.lock().unwrap() = Some(addr);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = site.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(handle).with_state(state);
                tokio::select! {
                    r = axum::serve(listener, app) => r.unwrap(),
                    _ = stopped => {}
                }
            });
            rt.shutdown_background();
        });
        StandIn { site, base_url: format!("http://{addr}"), stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn etag(body: &[u8]) -> String {
    let h = Sha256::digest(body);
    format!("\"{}\"", h.iter().take(8).map(|b| format!("{b:02x}")).collect::<String>())
}

async fn handle(State(site): State<Arc<Site>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let query: HashMap<String, String> = req
        .uri()
        .query()
        .map(url_decode_pairs)
        .unwrap_or_default();
    let user_agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_string);

    // What would be served, and under which key.
    enum Content {
        Page(String),
        File(Vec<u8>),
    }
    let (key, content) = if path == "/search" {
        match site.listing(&query) {
            Ok((key, html)) => (key, Some(Content::Page(html))),
            Err(status) => return log(&site, path, status, user_agent, status.into_response()),
        }
    } else if let Some(rest) = path.strip_prefix("/provider/") {
        let urn = rest.rsplit('/').find(|s| !s.is_empty()).and_then(|s| s.parse().ok());
        (path.clone(), urn.and_then(|u| site.provider(u)).map(Content::Page))
    } else if let Some(id) = path.strip_prefix("/v1/file/") {
        (path.clone(), site.files.get(id).cloned().map(Content::File))
    } else {
        (path.clone(), None)
    };
    let Some(content) = content else {
        return log(&site, key, StatusCode::NOT_FOUND, user_agent, StatusCode::NOT_FOUND.into_response());
    };

    let fault = site.next_fault(&key);
    match fault {
        Some(Fault::Status(s)) => {
            let status = StatusCode::from_u16(s).unwrap();
            return log(&site, key, status, user_agent, (status, "<html>server error</html>").into_response());
        }
        Some(Fault::RetryAfter(secs)) => {
            let status = StatusCode::SERVICE_UNAVAILABLE;
            let resp = (status, [(header::RETRY_AFTER, secs.to_string())], "busy").into_response();
            return log(&site, key, status, user_agent, resp);
        }
        Some(Fault::Slow(d)) => tokio::time::sleep(d).await,
        Some(Fault::Html) => {
            let resp = (
                [(header::CONTENT_TYPE, "text/html")],
                "<!DOCTYPE html><html><head><title>Report not found</title></head><body>Sorry</body></html>",
            )
                .into_response();
            return log(&site, key, StatusCode::OK, user_agent, resp);
        }
        _ => {}
    }
    let resp = match content {
        Content::Page(html) => {
            let tag = etag(html.as_bytes());
            if if_none_match.as_deref() == Some(tag.as_str()) {
                return log(&site, key, StatusCode::NOT_MODIFIED, user_agent, StatusCode::NOT_MODIFIED.into_response());
            }
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::ETAG, tag.as_str())], html).into_response()
        }
        Content::File(bytes) => match fault {
            Some(Fault::Short) => {
                let half = bytes[..bytes.len() / 2].to_vec();
                ([(header::CONTENT_TYPE, "application/pdf")], half).into_response()
            }
            Some(Fault::Abort) => {
                let half = bytes[..bytes.len() / 2].to_vec();
                // Headers and half the body go out; then the connection drops.
                let first = futures_util::stream::once(async move { Ok::<_, std::io::Error>(half) });
                let then = futures_util::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Err(std::io::Error::other("connection dropped"))
                });
                let mut resp = Body::from_stream(futures_util::StreamExt::chain(first, then)).into_response();
                resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
                resp.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
                resp
            }
            _ => ([(header::CONTENT_TYPE, "application/pdf"), (header::ETAG, etag(&bytes).as_str())], bytes)
                .into_response(),
        },
    };
    log(&site, key, StatusCode::OK, user_agent, resp)
}

fn log(site: &Site, key: String, status: StatusCode, user_agent: String, resp: Response) -> Response {
    site.log.lock().unwrap().push(Hit { key, status: status.as_u16(), user_agent, at: Instant::now() });
    resp
}

fn url_decode_pairs(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
