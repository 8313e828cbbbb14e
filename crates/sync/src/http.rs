//! Polite HTTP: one request at a time, at most `rate` a second across the whole run, a
//! User-Agent naming lacs, conditional requests, retries with exponential backoff and jitter
//! on timeouts, 5xx and bad bodies, and `Retry-After` honoured.

use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderMap, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The User-Agent of every request: lacs, its version and where to find the project.
pub const USER_AGENT: &str = concat!(
    "lacs/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    "; open register of Ofsted inspections of local authority children's services)"
);

/// Longest single backoff between retries.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Validators for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    fn from_headers(h: &HeaderMap) -> Validators {
        let get = |name| h.get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok()).map(str::to_string);
        Validators { etag: get(ETAG), last_modified: get(LAST_MODIFIED) }
    }
    fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful response.
#[derive(Debug)]
pub(crate) enum Fetched {
    Body { bytes: Vec<u8>, validators: Validators },
    /// 304: what was read last time still holds.
    NotModified,
}

#[derive(Debug)]
pub(crate) enum FetchError {
    /// The run was asked to stop.
    Cancelled,
    /// Given up, with the last reason.
    Failed(String),
    /// Gone for good: 404 or 410 at once, or a body judged gone (a "Report not found" page)
    /// after every retry.
    Gone(String),
}

/// Why a 200 body was refused: retried like a 5xx; `gone` when, still so after the retries,
/// it shows the file is gone for good (rather than a transient fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadBody {
    pub reason: String,
    pub gone: bool,
}

/// A body check: `Ok` to keep the body.
pub(crate) type Check<'a> = &'a dyn Fn(&[u8]) -> Result<(), BadBody>;

/// A retry about to happen, for progress.
#[derive(Debug, Clone)]
pub struct RetryNote {
    pub url: String,
    /// The attempt that failed (1-based).
    pub attempt: u32,
    pub reason: String,
    pub wait: Duration,
}

/// Knobs of the client.
#[derive(Debug, Clone)]
pub(crate) struct HttpOptions {
    pub rate_per_sec: f64,
    pub timeout: Duration,
    pub retries: u32,
    pub backoff: Duration,
    pub max_retry_after: Duration,
    pub max_body_bytes: u64,
    pub user_agent: String,
}

/// One outcome of one attempt.
enum Attempt {
    Done(Fetched),
    /// `gone`: what to make of it when the retries run out.
    Retry { reason: String, retry_after: Option<Duration>, gone: bool },
    Fail(String),
    Gone(String),
}

pub(crate) struct Http {
    client: Client,
    opts: HttpOptions,
    min_interval: Duration,
    last_request: Option<Instant>,
    cancel: Arc<AtomicBool>,
    rng: u64,
    pub requests: u64,
    pub retries: u64,
}

impl Http {
    pub fn new(opts: HttpOptions, cancel: Arc<AtomicBool>) -> Result<Http, String> {
        let client = Client::builder()
            .user_agent(opts.user_agent.as_str())
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(30)))
            .pool_max_idle_per_host(2)
            .build()
            .map_err(|e| format!("cannot start an HTTP client: {e}"))?;
        let min_interval = if opts.rate_per_sec > 0.0 && opts.rate_per_sec.is_finite() {
            Duration::from_secs_f64(1.0 / opts.rate_per_sec)
        } else {
            Duration::ZERO
        };
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
        Ok(Http {
            client,
            opts,
            min_interval,
            last_request: None,
            cancel,
            rng: seed | 1,
            requests: 0,
            retries: 0,
        })
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// GET `url`, conditionally when `validators` are given, retrying as configured. `check`
    /// judges a 200 body: an `Err` (a PDF cut short, an HTML page instead of a PDF) is retried
    /// like a 5xx, then reported.
    pub fn get(
        &mut self,
        url: &Url,
        validators: Option<&Validators>,
        check: Check,
        on_retry: &mut dyn FnMut(&RetryNote),
    ) -> Result<Fetched, FetchError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            self.wait_for_slot()?;
            let outcome = self.attempt(url, validators, check);
            match outcome {
                Attempt::Done(f) => return Ok(f),
                Attempt::Fail(reason) => return Err(FetchError::Failed(reason)),
                Attempt::Gone(reason) => return Err(FetchError::Gone(reason)),
                Attempt::Retry { reason, retry_after, gone } => {
                    if attempt > self.opts.retries {
                        let tries = if attempt == 1 { "1 try".to_string() } else { format!("{attempt} tries") };
                        let reason = format!("{reason} (gave up after {tries})");
                        return Err(if gone { FetchError::Gone(reason) } else { FetchError::Failed(reason) });
                    }
                    let wait = self.backoff(attempt, retry_after);
                    tracing::info!(url = %url, attempt, ?wait, reason, "retrying");
                    on_retry(&RetryNote { url: url.to_string(), attempt, reason, wait });
                    self.retries += 1;
                    self.sleep(wait)?;
                }
            }
        }
    }

    fn attempt(&mut self, url: &Url, validators: Option<&Validators>, check: Check) -> Attempt {
        let mut req = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, lm);
            }
        }
        self.requests += 1;
        self.last_request = Some(Instant::now());
        tracing::debug!(url = %url, "GET");
        let resp = match req.send() {
            Ok(r) => r,
            Err(e) => return transport_error(&e, self.opts.timeout),
        };
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED && validators.is_some_and(|v| !v.is_empty()) {
            return Attempt::Done(Fetched::NotModified);
        }
        let retry_after = retry_after(resp.headers());
        // 403 too: a site's protection against bursts answers 403 where it means "slow down",
        // and a lasting 403 still ends as a failure after the retries.
        if status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::FORBIDDEN
            || status == StatusCode::REQUEST_TIMEOUT
            || status.is_server_error()
        {
            return Attempt::Retry { reason: format!("HTTP {status}"), retry_after, gone: false };
        }
        if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
            return Attempt::Gone(format!("HTTP {status}"));
        }
        if !status.is_success() {
            return Attempt::Fail(format!("HTTP {status}"));
        }
        let validators = Validators::from_headers(resp.headers());
        let expected = resp.content_length();
        let bytes = match self.read_body(resp) {
            Ok(b) => b,
            Err(a) => return a,
        };
        if let Some(n) = expected.filter(|n| *n != bytes.len() as u64) {
            return Attempt::Retry { reason: format!("body cut short: {} of {n} bytes", bytes.len()), retry_after: None, gone: false };
        }
        match check(&bytes) {
            Ok(()) => Attempt::Done(Fetched::Body { bytes, validators }),
            Err(bad) => Attempt::Retry { reason: bad.reason, retry_after: None, gone: bad.gone },
        }
    }

    /// POST a JSON body (a webhook) with this client: at most `attempts` tries, each bounded
    /// by `timeout`, `backoff` doubled between them; a connection error, a timeout, 408, 429
    /// or a 5xx is tried again, another non-2xx answer is not. Not spaced by the site's rate
    /// (another host). Returns the tries it took.
    pub fn post_json(&mut self, url: &str, body: &str, attempts: u32, timeout: Duration, backoff: Duration) -> Result<u32, String> {
        let url = Url::parse(url).map_err(|e| format!("bad address {url}: {e}"))?;
        let attempts = attempts.max(1);
        let mut last = String::new();
        for attempt in 1..=attempts {
            if attempt > 1 {
                std::thread::sleep(backoff.saturating_mul(1 << (attempt - 2).min(8)).min(MAX_BACKOFF));
            }
            self.requests += 1;
            let sent = self
                .client
                .post(url.clone())
                .timeout(timeout)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string())
                .send();
            match sent {
                Ok(resp) if resp.status().is_success() => return Ok(attempt),
                Ok(resp) => {
                    let status = resp.status();
                    last = format!("HTTP {status}");
                    let again = status.is_server_error()
                        || status == StatusCode::TOO_MANY_REQUESTS
                        || status == StatusCode::REQUEST_TIMEOUT;
                    if !again {
                        return Err(last);
                    }
                }
                Err(e) if e.is_timeout() => last = format!("timed out after {} s", timeout.as_secs_f64()),
                Err(e) => last = chain(&e),
            }
        }
        Err(format!("{last} (gave up after {attempts} tries)"))
    }

    fn read_body(&self, resp: Response) -> Result<Vec<u8>, Attempt> {
        let limit = self.opts.max_body_bytes;
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(Attempt::Fail(format!("file is over the {} MiB limit", limit / (1024 * 1024))));
        }
        let mut bytes = Vec::new();
        match resp.take(limit + 1).read_to_end(&mut bytes) {
            Ok(_) if bytes.len() as u64 > limit => {
                Err(Attempt::Fail(format!("file is over the {} MiB limit", limit / (1024 * 1024))))
            }
            Ok(_) => Ok(bytes),
            Err(e) => {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut
                    || std::error::Error::source(&e)
                        .and_then(|s| s.downcast_ref::<reqwest::Error>())
                        .is_some_and(reqwest::Error::is_timeout)
                    || e.to_string().contains("timed out");
                let reason = if timed_out {
                    format!("timed out after {} s reading the body", self.opts.timeout.as_secs_f64())
                } else {
                    format!("body cut short after {} bytes: {e}", bytes.len())
                };
                Err(Attempt::Retry { reason, retry_after: None, gone: false })
            }
        }
    }

    /// Exponential backoff with jitter (0.5–1.5×), at least what `Retry-After` asked for.
    fn backoff(&mut self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.opts.backoff.saturating_mul(1u32 << (attempt - 1).min(16)).min(MAX_BACKOFF);
        let jittered = exp.mul_f64(0.5 + self.random());
        match retry_after {
            Some(asked) => asked.min(self.opts.max_retry_after).max(jittered),
            None => jittered,
        }
    }

    fn random(&mut self) -> f64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Wait until the next request may start.
    fn wait_for_slot(&self) -> Result<(), FetchError> {
        if let Some(last) = self.last_request {
            let next = last + self.min_interval;
            let now = Instant::now();
            if next > now {
                self.sleep(next - now)?;
            }
        }
        if self.cancelled() {
            return Err(FetchError::Cancelled);
        }
        Ok(())
    }

    /// Sleep, waking early when the run is cancelled.
    fn sleep(&self, d: Duration) -> Result<(), FetchError> {
        let until = Instant::now() + d;
        loop {
            if self.cancelled() {
                return Err(FetchError::Cancelled);
            }
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(Duration::from_millis(50)));
        }
    }
}

fn transport_error(e: &reqwest::Error, timeout: Duration) -> Attempt {
    let reason = if e.is_timeout() {
        format!("timed out after {} s", timeout.as_secs_f64())
    } else if e.is_connect() {
        format!("cannot connect: {}", chain(e))
    } else if e.is_builder() {
        return Attempt::Fail(format!("bad address: {}", chain(e)));
    } else {
        chain(e)
    };
    Attempt::Retry { reason, retry_after: None, gone: false }
}

/// An error with its causes, for a one-line reason.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    parse_retry_after(h.get(RETRY_AFTER)?.to_str().ok()?, jiff::Timestamp::now())
}

pub(crate) fn parse_retry_after(v: &str, now: jiff::Timestamp) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let secs = when.as_second() - now.as_second();
    Some(Duration::from_secs(secs.max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(rate: f64) -> Http {
        let opts = HttpOptions {
            rate_per_sec: rate,
            timeout: Duration::from_secs(1),
            retries: 3,
            backoff: Duration::from_millis(100),
            max_retry_after: Duration::from_secs(30),
            max_body_bytes: 1024,
            user_agent: USER_AGENT.to_string(),
        };
        Http::new(opts, Arc::new(AtomicBool::new(false))).unwrap()
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now: jiff::Timestamp = "2015-10-21T07:28:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_grows_is_jittered_and_honours_retry_after() {
        let mut h = http(2.0);
        for attempt in 1..=4 {
            let base = Duration::from_millis(100) * (1 << (attempt - 1));
            let b = h.backoff(attempt, None);
            assert!(b >= base / 2 && b <= base * 3 / 2, "attempt {attempt}: {b:?}");
        }
        assert_eq!(h.backoff(1, Some(Duration::from_secs(5))), Duration::from_secs(5));
        // A Retry-After past the cap waits the cap.
        assert_eq!(h.backoff(1, Some(Duration::from_secs(3600))), Duration::from_secs(30));
    }

    #[test]
    fn requests_are_spaced_by_the_rate() {
        let mut h = http(5.0);
        h.last_request = Some(Instant::now());
        let t = Instant::now();
        h.wait_for_slot().unwrap();
        assert!(t.elapsed() >= Duration::from_millis(190), "{:?}", t.elapsed());
    }

    #[test]
    fn a_cancelled_run_stops_waiting() {
        let h = http(0.01);
        h.cancel.store(true, Ordering::Relaxed);
        let t = Instant::now();
        assert!(matches!(h.sleep(Duration::from_secs(10)), Err(FetchError::Cancelled)));
        assert!(t.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn user_agent_names_lacs_and_the_project() {
        assert!(USER_AGENT.starts_with("lacs/"), "{USER_AGENT}");
        assert!(USER_AGENT.contains("https://"), "{USER_AGENT}");
    }
}
