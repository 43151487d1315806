//! `--set KEY=VALUE` on `report`, `check` and `follow-up`: a value put in as if written
//! in the file (`nytta::model::overrides`); problems with it are shown against the
//! command line, as the file `command line`.

use nytta::diagnostic::{Diagnostic, Omitted};
use nytta::model::{Override, Overrides};
use nytta::report::Lang;
use nytta::report::diagnostics::{FileDiagnostics, human};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct SetArgs {
    /// Override a value as if written in the file (repeatable), e.g.
    /// `--set assumptions.discount_rate=4%`, `--set project.go_live=2028-09`,
    /// `--set benefits.ID.adoption.2028=0.3`; lines by id, name or number from 1.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<Override>,
}

impl SetArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides::new(self.set.clone())
    }
}

/// The name diagnostics about `--set` are shown under, in `lang`: `kommandoraden`,
/// `command line`; with several files, `… (for FILE)`.
fn command_line(lang: Lang, for_path: Option<&str>) -> String {
    match for_path {
        None => say!(in lang; sv: "kommandoraden"; en: "command line"),
        Some(path) => say!(in lang; sv: "kommandoraden (för {path})"; en: "command line (for {path})"),
    }
}

/// One source of diagnostics: the file, or the command line.
pub struct Source {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub omitted: Omitted,
}

impl Source {
    pub fn view(&self) -> FileDiagnostics<'_> {
        FileDiagnostics {
            path: &self.path,
            text: &self.text,
            diagnostics: &self.diagnostics,
            omitted: self.omitted,
            lang: super::lang(),
        }
    }
}

/// The diagnostics of `path` split into those about the file and, when there are any,
/// those about the command line, named in `lang` (`command line` for the only file, else
/// `command line (for FILE)`).
pub fn split(
    path: &str,
    text: &str,
    diagnostics: Vec<Diagnostic>,
    omitted: Omitted,
    overrides: &Overrides,
    several_files: bool,
    lang: Lang,
) -> Vec<Source> {
    let (file, cli) = Overrides::split(text.len(), diagnostics);
    let mut out = vec![Source {
        path: path.to_string(),
        text: text.to_string(),
        diagnostics: file,
        omitted,
    }];
    if !cli.is_empty() {
        out.push(Source {
            path: command_line(lang, several_files.then_some(path)),
            text: overrides.text(),
            diagnostics: cli,
            omitted: Omitted::default(),
        });
    }
    out
}

/// Diagnostics of one file, and of the command line, as `human` text.
pub fn human_text(
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    omitted: Omitted,
    overrides: &Overrides,
) -> String {
    split(
        path,
        text,
        diagnostics.to_vec(),
        omitted,
        overrides,
        false,
        super::lang(),
    )
    .iter()
    .filter(|s| !s.diagnostics.is_empty() || s.omitted.total() > 0)
    .map(|s| human(&s.view()))
    .collect()
}
