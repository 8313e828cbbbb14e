//! The server alone, without the `lacs` binary (benchmarks, screenshots):
//! `cargo run --release -p lacs-web --bin lacs-web -- [--addr 127.0.0.1:8080] --db FILE [--reference-dir DIR]`.

use std::path::PathBuf;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut opts = lacs_web::ServeOptions {
        addr: "127.0.0.1:8080".parse()?,
        db: PathBuf::from("register.db"),
        reference_dir: None,
        version: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| anyhow::anyhow!("{a} needs a value"));
        match a.as_str() {
            "--addr" => opts.addr = value()?.parse()?,
            "--db" => opts.db = value()?.into(),
            "--reference-dir" => opts.reference_dir = Some(value()?.into()),
            other => anyhow::bail!("unknown argument {other}; expected --addr, --db, --reference-dir"),
        }
    }
    lacs_web::serve(opts).await
}
