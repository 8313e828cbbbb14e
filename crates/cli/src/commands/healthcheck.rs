//! `lacs healthcheck`: asks a running `lacs serve` for `/healthz` and exits 0 when it answers
//! 200. The container image's health check (it holds no curl); plain HTTP on a socket, so it
//! needs no TLS stack or resolver beyond the address given.

use anyhow::{bail, Context, Result};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The health address of the server.
    #[arg(long, default_value = "http://127.0.0.1:8080/healthz")]
    url: String,
    /// Seconds to wait for the answer.
    #[arg(long, default_value_t = 5)]
    timeout: u64,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let (host, path) = split(&a.url)?;
    let timeout = Duration::from_secs(a.timeout.max(1));
    let addr = host.to_socket_addrs().with_context(|| format!("--url {}: cannot resolve {host}", a.url))?.next();
    let addr = addr.with_context(|| format!("--url {}: {host} has no address", a.url))?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout).with_context(|| format!("--url {}: cannot connect", a.url))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\nConnection: close\r\n\r\n")?;
    let mut answer = String::new();
    stream.take(1 << 20).read_to_string(&mut answer).with_context(|| format!("--url {}: no answer", a.url))?;
    let status = answer.split_whitespace().nth(1).unwrap_or("");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    println!("{}", body.trim());
    if status == "200" {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("lacs: {} answered {}", a.url, if status.is_empty() { "nothing readable" } else { status });
        Ok(ExitCode::FAILURE)
    }
}

/// "http://host:port/path" → ("host:port", "/path").
fn split(url: &str) -> Result<(String, String)> {
    let Some(rest) = url.strip_prefix("http://") else {
        bail!("--url {url}: give an http:// address (the server's own port, not a TLS front)");
    };
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    if host.is_empty() {
        bail!("--url {url}: no host");
    }
    let host = if host.contains(':') { host.to_string() } else { format!("{host}:80") };
    Ok((host, path))
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses() {
        assert_eq!(super::split("http://127.0.0.1:8080/healthz").unwrap(), ("127.0.0.1:8080".into(), "/healthz".into()));
        assert_eq!(super::split("http://lacs").unwrap(), ("lacs:80".into(), "/".into()));
        assert!(super::split("https://lacs/healthz").is_err());
        assert!(super::split("http:///x").is_err());
    }
}
