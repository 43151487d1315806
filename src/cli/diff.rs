//! `nytta diff OLD.toml NEW.toml [--format table|markdown|json] [--exit-code]`: what
//! changed between two versions of a calculation, with an NPV bridge (`nytta::diff`).

use super::{Failure, LangArg, Outcome, input, output, resolve_lang};
use clap::ValueEnum;
use nytta::report::builder::diff::build;
use nytta::report::{json, markdown, table};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier version.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later version.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Language of labels (default: Swedish when LC_ALL/LANG start with `sv`).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Exit with code 1 when the files differ (as `git diff --exit-code`); 0 otherwise.
    #[arg(long)]
    exit_code: bool,
    #[command(flatten)]
    output: super::args::Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Markdown,
    Json,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let target = super::output_target(&args.output.file, &[args.old.clone(), args.new.clone()])?;
    // Each file is read and checked as `nytta check` would; errors are printed.
    let (Some(old), Some(new)) = (
        input::load_project(&args.old, &Default::default())?,
        input::load_project(&args.new, &Default::default())?,
    ) else {
        let why = say!(
            sv: "kan inte jämföra: en fil går inte att läsa in (se ovan)";
            en: "cannot compare: a file does not validate (see above)"
        );
        // Exit 1 means "they differ" with --exit-code: an invalid file is 2 then, as in
        // git; without it, invalid input is 1, as in every other command (D95).
        if args.exit_code {
            return Err(Failure::new(why));
        }
        noteln!("nytta: {why}");
        return Ok(Outcome::Invalid);
    };
    // Both files validated above, so this is rare: a bridge step that does not compute.
    let d = nytta::diff::diff(&old.text, &new.text).map_err(|e| match &e {
        nytta::diff::DiffError::Invalid { which, message } => fail!(
            sv: "den {} filen går inte att läsa in: {}", if *which == "old" { "gamla" } else { "nya" }, message.sv;
            en: "{e}"
        ),
    })?;
    let lang = resolve_lang(args.lang);
    let rendered = match args.format {
        Format::Table => {
            table::render_document_at(&build(&d, &old.path, &new.path, lang), super::width(target.is_some()))
        }
        Format::Markdown => markdown::render_document(&build(&d, &old.path, &new.path, lang)),
        Format::Json => json::diff(&d, &old.path, &new.path),
    };
    output::emit(target.as_deref(), rendered.as_bytes())?;
    Ok(if args.exit_code && d.differ {
        Outcome::Invalid
    } else {
        Outcome::Ok
    })
}
