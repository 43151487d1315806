//! `nytta init [FILE] [--template basic|e-service|shared]`: a commented starter file.

use super::{Failure, OrFail as _, Outcome, cannot_write};
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
        return Err(fail!(
            sv: "{} finns redan; nytta init skriver aldrig över en fil: ge ett annat namn", path.display();
            en: "{} already exists; nytta init never overwrites a file: give another name", path.display()
        ));
    }
    let context = || cannot_write(path);
    let tmp = super::output::temp_beside(path)?;
    let mut file = tmp.reopen().or_fail(context)?;
    file.write_all(args.template.text().as_bytes()).or_fail(context)?;
    drop(file);
    // Fails if the file appeared meanwhile: still never overwrites.
    tmp.persist(path, true).or_fail(context)?;
    let shown = path.display();
    noteln!(
        "nytta: {}",
        say!(
            sv: "skrev {shown}; nästa steg: redigera den, kör sedan `nytta check {shown}` och `nytta report {shown}`";
            en: "wrote {shown}; next: edit it, then `nytta check {shown}` and `nytta report {shown}`"
        )
    );
    noteln!(
        "nytta: {}",
        say!(
            sv: "för komplettering och kontroll i editorn, kör `nytta schema > nytta.schema.json` en gång i dess mapp";
            en: "for completion and checking in the editor, run `nytta schema > nytta.schema.json` in its folder once"
        )
    );
    Ok(Outcome::Ok)
}
