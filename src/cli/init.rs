//! `nytta init [FILE] [--template basic|e-service|shared]`: a commented starter file.

use super::{Failure, Outcome};
use anyhow::Context as _;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the project file; never overwritten.
    #[arg(value_name = "FILE", default_value = "nyttokalkyl.toml")]
    file: PathBuf,
    /// Which starter to write.
    #[arg(long, value_enum, default_value_t = Template::Basic)]
    template: Template,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Template {
    /// One organisation, a few costs and benefits.
    Basic,
    /// An e-service with volume-based time savings and a realisation plan.
    EService,
    /// A service shared by several departments, with cost and benefit shares.
    Shared,
}

impl Template {
    fn text(self) -> &'static str {
        match self {
            Template::Basic => include_str!("../templates/basic.toml"),
            Template::EService => include_str!("../templates/e-service.toml"),
            Template::Shared => include_str!("../templates/shared.toml"),
        }
    }
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let path = &args.file;
    if path.exists() {
        return Err(Failure(anyhow::anyhow!(
            "{} already exists; nytta init never overwrites a file: give another name",
            path.display()
        )));
    }
    let context = || format!("cannot write {}", path.display());
    let tmp = super::output::temp_beside(path)?;
    let mut file = tmp.reopen().with_context(context)?;
    file.write_all(args.template.text().as_bytes()).with_context(context)?;
    drop(file);
    // Fails if the file appeared meanwhile: still never overwrites.
    tmp.persist(path, true).with_context(context)?;
    match super::lang() {
        nytta::report::Lang::Sv => {
            noteln!(
                "nytta: skrev {}; nästa steg: redigera den, kör sedan `nytta check {0}` och `nytta report {0}`",
                path.display()
            );
            noteln!(
                "nytta: för komplettering och kontroll i editorn, kör `nytta schema > nytta.schema.json` en gång i dess mapp"
            );
        }
        nytta::report::Lang::En => {
            noteln!(
                "nytta: wrote {}; next: edit it, then `nytta check {0}` and `nytta report {0}`",
                path.display()
            );
            noteln!(
                "nytta: for completion and checking in the editor, run `nytta schema > nytta.schema.json` in its folder once"
            );
        }
    }
    Ok(Outcome::Ok)
}
