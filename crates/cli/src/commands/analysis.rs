//! `stats`, `series`, `la`, `inspection`, `facts`, `changes`, `firsts`, `disagreements`: each flag
//! handed to lacs-query by its query-string name, parsed there (`lacs_query::Request`) as
//! the web API parses its query string, answered by the register, printed. `--json` prints
//! exactly what `/api/v1/…` answers.

use anyhow::Result;
use lacs_analysis::{ChangesQuery, StatsQuery};
use lacs_query::{
    DisagreementsRequest, FactsRequest, FirstsRequest, InspectionRequest, LaListRequest, LaRequest, Params, Register, Request, SeriesRequest,
};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn print_json<T: serde::Serialize>(v: &T) -> Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn load(db: &Path) -> Result<Register> {
    Ok(Register::load(&super::open_existing(db)?)?)
}

/// A yes/no flag as a parameter: given, or left out.
pub(crate) fn yes(flag: bool) -> Option<String> {
    flag.then(|| "true".to_string())
}

/// The cut-off flags of a picture.
#[derive(clap::Args)]
pub struct CutoffArgs {
    /// The date of the picture (default today): 2024-03-31, 31/03/2024 or "31 March 2024".
    #[arg(long)]
    as_at: Option<String>,
    /// Count reports published by this date (default: the as-at date).
    #[arg(long)]
    published_by: Option<String>,
    /// Count only inspections that began by this date.
    #[arg(long)]
    inspected_by: Option<String>,
}

impl CutoffArgs {
    fn flags(self) -> [(&'static str, Option<String>); 3] {
        [("as_at", self.as_at), ("published_by", self.published_by), ("inspected_by", self.inspected_by)]
    }
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    cutoff: CutoffArgs,
    /// overall, leaders, help_protection, in_care, care_leavers, adoption or lscb (default overall).
    #[arg(long)]
    judgement: Option<String>,
    /// Group by region (Ofsted's 8) or region9 (ONS).
    #[arg(long)]
    by: Option<String>,
    /// List the LAs behind each count.
    #[arg(long)]
    list: bool,
    #[arg(long)]
    json: bool,
}

pub fn stats(db: &Path, a: StatsArgs) -> Result<ExitCode> {
    let mut flags = a.cutoff.flags().to_vec();
    flags.extend([("judgement", a.judgement), ("by", a.by), ("list", yes(a.list))]);
    let q = StatsQuery::parse(&Params::flags(flags))?;
    let stats = load(db)?.stats(&q);
    if a.json {
        return print_json(&stats);
    }
    crate::text::stats(&stats);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct SeriesArgs {
    /// The judgement (default overall).
    #[arg(long)]
    judgement: Option<String>,
    /// The last date of the series (default today).
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn series(db: &Path, a: SeriesArgs) -> Result<ExitCode> {
    let r = SeriesRequest::parse(&Params::flags([("judgement", a.judgement), ("until", a.until)]))?;
    let series = load(db)?.series(&r);
    if a.json {
        return print_json(&series);
    }
    crate::text::series(&series);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct LaArgs {
    /// The LA: a name or part of one ("Kensington"), alias, Ofsted URN, DfE number or GSS
    /// code. Without it, every LA with its latest grade.
    query: Option<String>,
    /// With an LA: leave out what was not known by this date. Without: the LAs existing
    /// that day, with their grades then (default today).
    #[arg(long)]
    as_at: Option<String>,
    /// The list: the judgement whose grade is shown (default overall).
    #[arg(long)]
    judgement: Option<String>,
    /// The list: only LAs in this Ofsted or ONS region ("North West").
    #[arg(long)]
    region: Option<String>,
    /// The list: only LAs with this grade, or not_graded, or not_inspected.
    #[arg(long)]
    grade: Option<String>,
    /// The list: only LAs whose name contains this, or the LA this code names.
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn la(db: &Path, a: LaArgs) -> Result<ExitCode> {
    let Some(query) = a.query else {
        let r = LaListRequest::parse(&Params::flags([
            ("as_at", a.as_at),
            ("judgement", a.judgement),
            ("region", a.region),
            ("grade", a.grade),
            ("q", a.name),
        ]))?;
        let list = load(db)?.la_list(&r);
        if a.json {
            return print_json(&list);
        }
        crate::text::la_list(&list);
        return Ok(ExitCode::SUCCESS);
    };
    for (flag, given) in [("--judgement", &a.judgement), ("--region", &a.region), ("--grade", &a.grade), ("--name", &a.name)] {
        if given.is_some() {
            anyhow::bail!("{flag}: filters the list of LAs; leave out the LA ({query:?}) to list them");
        }
    }
    let r = LaRequest::parse(&Params::flags([("la", Some(query)), ("as_at", a.as_at)]))?;
    let register = load(db)?;
    let view = register.la(&r)?;
    if a.json {
        return print_json(&view);
    }
    crate::text::la(&view);
    let as_at = r.as_at.unwrap_or_else(|| Params::flags([]).today());
    if let Some(e) = register.due_of(view.urn, as_at) {
        println!("{}", super::due::la_line(&e));
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct InspectionArgs {
    /// The inspection's id (as in `lacs la --json`, and in the web's /inspection/ID).
    id: String,
    #[arg(long)]
    json: bool,
}

pub fn inspection(db: &Path, a: InspectionArgs) -> Result<ExitCode> {
    let r = InspectionRequest::parse(&Params::flags([("id", Some(a.id))]))?;
    let detail = load(db)?.inspection(&r)?;
    if a.json {
        return print_json(&detail);
    }
    crate::text::inspection(&detail);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct FactsArgs {
    /// The LA: a name or part of one, alias, Ofsted URN, DfE number or GSS code.
    query: String,
    /// The inspection: its id (as in `lacs la --json`), or a date: the graded inspection on
    /// site that day, else published that day, else the latest published before it (default:
    /// the LA's latest graded inspection).
    #[arg(long)]
    inspection: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn facts(db: &Path, a: FactsArgs) -> Result<ExitCode> {
    let r = FactsRequest::parse(&Params::flags([("la", Some(a.query)), ("inspection", a.inspection)]))?;
    let store = super::open_existing(db)?;
    let facts = Register::load(&store)?.facts(Some(&store), &r)?;
    if a.json {
        return print_json(&facts);
    }
    crate::text::facts(&facts);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ChangesArgs {
    #[command(flatten)]
    cutoff: CutoffArgs,
    /// The judgement (default overall).
    #[arg(long)]
    judgement: Option<String>,
    /// Which inspections are compared: ilacs (default), sif or any.
    #[arg(long)]
    framework: Option<String>,
    /// previous (each LA's latest against the one before; the default), first (the latest
    /// against the first) or window (the grade standing on --from against the one on --to;
    /// the default when either is given).
    #[arg(long)]
    compare: Option<String>,
    /// The window's earlier date (default: each LA's first inspection).
    #[arg(long)]
    from: Option<String>,
    /// The window's later date (default: the published-by date).
    #[arg(long)]
    to: Option<String>,
    /// Only LAs that moved from this grade.
    #[arg(long)]
    from_grade: Option<String>,
    /// Only LAs that moved to this grade.
    #[arg(long)]
    to_grade: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn changes(db: &Path, a: ChangesArgs) -> Result<ExitCode> {
    let mut flags = a.cutoff.flags().to_vec();
    flags.extend([
        ("judgement", a.judgement),
        ("framework", a.framework),
        ("compare", a.compare),
        ("from", a.from),
        ("to", a.to),
        ("from_grade", a.from_grade),
        ("to_grade", a.to_grade),
    ]);
    let q = ChangesQuery::parse(&Params::flags(flags))?;
    let changes = load(db)?.changes(&q);
    if a.json {
        return print_json(&changes);
    }
    crate::text::changes(&changes);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct FirstsArgs {
    /// The judgement (default overall).
    #[arg(long)]
    judgement: Option<String>,
    /// outstanding (default), good, requires_improvement or inadequate.
    #[arg(long)]
    grade: Option<String>,
    /// sif, ilacs or any (default).
    #[arg(long)]
    framework: Option<String>,
    /// Only the LAs of this Ofsted region, ranked among themselves.
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn firsts(db: &Path, a: FirstsArgs) -> Result<ExitCode> {
    let r = FirstsRequest::parse(&Params::flags([
        ("judgement", a.judgement),
        ("grade", a.grade),
        ("framework", a.framework),
        ("region", a.region),
    ]))?;
    let firsts = load(db)?.firsts(&r);
    if a.json {
        return print_json(&firsts);
    }
    for f in &firsts {
        println!("{:>4}  {:<10}  {:<40} {}", f.rank, f.published.to_string(), f.la_name, f.kind.label());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct DisagreementsArgs {
    /// Only this LA's (Ofsted URN).
    #[arg(long)]
    urn: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn disagreements(db: &Path, a: DisagreementsArgs) -> Result<ExitCode> {
    let r = DisagreementsRequest::parse(&Params::flags([("urn", a.urn)]))?;
    let register = load(db)?;
    let list = register.disagreements_of(&r);
    if a.json {
        return print_json(&list);
    }
    crate::text::disagreements(&list);
    Ok(ExitCode::SUCCESS)
}
