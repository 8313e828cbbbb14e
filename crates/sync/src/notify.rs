//! Alerts: each new event of a run (a report stored, a visit letter recorded) handed to a
//! command (`--notify CMD`, through `sh -c`, the event as JSON on its standard input) and
//! POSTed to webhooks (`--webhook URL`, the same JSON). They go out after the register is
//! written; a receiver that fails, hangs or refuses never blocks or undoes the sync: its
//! failure is a warning in the summary, and the run's exit status does not change.

use crate::http::Http;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

/// What a new event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A report newly stored in the register.
    Report,
    /// A focused or monitoring visit letter newly recorded.
    Visit,
}

/// One new event, as `--notify` and `--webhook` receive it (JSON, one object; the shape is
/// documented in the README).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewEvent {
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub la_name: String,
    /// The LA's URN (the report's own, else the provider page's).
    pub urn: u32,
    /// What it is, in words: "ILACS standard inspection", "Focused visit".
    pub event: String,
    /// `yyyy-mm-dd`; a visit letter has only `published` (the date in its link text).
    pub inspection_start: Option<String>,
    pub inspection_end: Option<String>,
    pub published: Option<String>,
    /// Grades read, by judgement (`overall`, `in_care`…): empty for a visit.
    pub grades: BTreeMap<String, String>,
    /// Reports: `ok` or `needs_review` (its reading awaits `lacs review`).
    pub status: Option<String>,
    /// The link's text on the LA's page.
    pub link_text: String,
    /// Ofsted's copy.
    pub ofsted_url: String,
    /// Reports: the content's sha256 (the register's key).
    pub sha256: Option<String>,
    /// The register's event id (`/inspection/{id}`), when known.
    pub event_id: Option<i64>,
}

/// Where and how new events are delivered.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// A shell command run once per event (`sh -c CMD`), the event's JSON on its stdin.
    pub notify: Option<String>,
    /// URLs each event is POSTed to.
    pub webhooks: Vec<String>,
    /// Longest a command may run before it is killed (default 30 s).
    pub command_timeout: Duration,
    /// Tries of one webhook POST (default 3), each bounded by `webhook_timeout` (10 s), with
    /// `webhook_backoff` (1 s) doubled between tries.
    pub webhook_attempts: u32,
    pub webhook_timeout: Duration,
    pub webhook_backoff: Duration,
}

impl Default for Delivery {
    fn default() -> Delivery {
        Delivery {
            notify: None,
            webhooks: Vec::new(),
            command_timeout: Duration::from_secs(30),
            webhook_attempts: 3,
            webhook_timeout: Duration::from_secs(10),
            webhook_backoff: Duration::from_secs(1),
        }
    }
}

impl Delivery {
    pub fn is_empty(&self) -> bool {
        self.notify.is_none() && self.webhooks.is_empty()
    }
}

/// What delivering a run's events did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Delivered {
    /// Deliveries that went through (one per event and receiver).
    pub ok: usize,
    /// Each that did not, in words.
    pub warnings: Vec<String>,
}

/// Deliver every event to every receiver, one after another.
pub(crate) fn deliver(events: &[NewEvent], d: &Delivery, http: &mut Http) -> Delivered {
    let mut out = Delivered::default();
    for event in events {
        let json = match serde_json::to_string(event) {
            Ok(j) => j,
            Err(e) => {
                out.warnings.push(format!("event {}: cannot write JSON: {e}", event.link_text));
                continue;
            }
        };
        let what = format!("{} ({})", event.link_text, event.la_name);
        if let Some(cmd) = &d.notify {
            match run_command(cmd, &json, d.command_timeout) {
                Ok(()) => out.ok += 1,
                Err(reason) => out.warnings.push(format!("--notify for {what}: {reason}")),
            }
        }
        for url in &d.webhooks {
            match http.post_json(url, &json, d.webhook_attempts, d.webhook_timeout, d.webhook_backoff) {
                Ok(_) => out.ok += 1,
                Err(reason) => out.warnings.push(format!("--webhook {url} for {what}: {reason}")),
            }
        }
    }
    out
}

/// `sh -c CMD` with `json` and a newline on its stdin; its output is passed over. Killed
/// after `timeout`.
fn run_command(cmd: &str, json: &str, timeout: Duration) -> Result<(), String> {
    let mut command = Command::new("sh");
    command.arg("-c").arg(cmd);
    // Its own process group, so that a command stopped for taking too long takes what it
    // started with it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start sh: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read its input is not at fault: a broken pipe is passed over.
        let _ = stdin.write_all(json.as_bytes()).and_then(|()| stdin.write_all(b"\n"));
    }
    match child.wait_timeout(timeout) {
        Ok(Some(status)) if status.success() => Ok(()),
        Ok(Some(status)) => Err(format!("the command {status}")),
        Ok(None) => {
            #[cfg(unix)]
            if let Ok(pid) = libc::pid_t::try_from(child.id()) {
                // SAFETY: signals the process group made for this child, nothing else.
                unsafe {
                    libc::kill(-pid, libc::SIGKILL);
                }
            }
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("the command took longer than {} s and was stopped", timeout.as_secs_f64()))
        }
        Err(e) => Err(format!("cannot wait for the command: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_get_the_json_and_failures_and_hangs_are_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("got.json");
        let cmd = format!("cat > '{}'", out.display());
        run_command(&cmd, "{\"a\":1}", Duration::from_secs(10)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "{\"a\":1}\n");
        assert!(run_command("exit 3", "{}", Duration::from_secs(10)).unwrap_err().contains("exit status: 3"));
        let t = std::time::Instant::now();
        let err = run_command("sleep 20", "{}", Duration::from_millis(300)).unwrap_err();
        assert!(err.contains("longer than") && t.elapsed() < Duration::from_secs(5), "{err}");
    }
}
