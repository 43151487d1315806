//! `nytta man [-o DIR]`: the manual pages in roff, one for `nytta` and one for each
//! subcommand (`nytta-report(1)`, …): all to standard output (`nytta man | man -l -`),
//! or each to its own file in a folder (`nytta man -o /usr/local/share/man/man1`).

use super::{Cli, Failure, OrFail as _, Outcome, output};
use clap::CommandFactory;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write one file per page (`nytta.1`, `nytta-report.1`, …) into this folder instead
    /// of all pages to standard output.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
}

/// Sections added to the main page.
const EXTRA: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
done (warnings allowed)
.TP
\fB1\fR
invalid input, or warnings with \fB\-\-deny\-warnings\fR
.TP
\fB2\fR
usage error, or a file that cannot be read or written
.SH FILES
A project file is TOML, format 1: see \fBdocs/format.md\fR, and \fBnytta schema\fR for a
JSON Schema that editors read.
.SH EXAMPLES
.nf
nytta init min\-kalkyl.toml \-\-template e\-service
nytta check min\-kalkyl.toml
nytta report min\-kalkyl.toml \-\-lang sv
nytta report min\-kalkyl.toml \-\-set assumptions.discount_rate=4% \-\-section summary
nytta report min\-kalkyl.toml \-\-watch \-\-format markdown \-o kalkyl.md
.fi
"#;

/// Every page: (file name, roff).
pub fn pages() -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    let mut main = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    let context = || say!(sv: "kan inte skriva manualen"; en: "cannot write the manual");
    man.render(&mut main).or_fail(context)?;
    main.extend_from_slice(EXTRA.as_bytes());
    out.push((man.get_filename(), main));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let man = clap_mangen::Man::new(sub.clone());
        let mut page = Vec::new();
        man.render(&mut page).or_fail(context)?;
        out.push((man.get_filename(), page));
    }
    Ok(out)
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let pages = pages()?;
    match &args.output {
        None => {
            let all: Vec<u8> = pages.into_iter().flat_map(|(_, page)| page).collect();
            output::stdout_bytes(&all)?;
        }
        Some(dir) => {
            if !dir.is_dir() {
                return Err(fail!(
                    sv: "{} är inte en mapp: ge en befintlig mapp för sidorna", dir.display();
                    en: "{} is not a folder: give an existing folder for the pages", dir.display()
                ));
            }
            for (name, page) in &pages {
                output::file(&dir.join(name), page)?;
            }
            let (n, dir) = (pages.len(), dir.display());
            noteln!(
                "nytta: {}",
                say!(sv: "skrev {n} manualsidor till {dir}"; en: "wrote {n} manual pages to {dir}")
            );
        }
    }
    Ok(Outcome::Ok)
}
