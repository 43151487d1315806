//! `nytta schema`: the JSON Schema (draft-07) of the project file, format 1, for
//! editors (Even Better TOML / taplo); built by `nytta::schema`.

use super::{Failure, Outcome, output};

#[derive(Debug, clap::Args)]
#[command(after_help = "Save it beside your project files and point the editor at it:
  nytta schema > nytta.schema.json
and start the project file with the line
  #:schema ./nytta.schema.json
(see docs/editor.md).")]
pub struct Args {}

pub fn run(_args: Args) -> Result<Outcome, Failure> {
    output::stdout(&nytta::schema::text())?;
    Ok(Outcome::Ok)
}
