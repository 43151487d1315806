//! `nytta completions bash|zsh|fish|powershell|elvish`: a completion script for the shell.
//!
//! Subcommands, flags and the values of every choice (`--format`, `--section`,
//! `--lang`, `--template`, …) are completed; file arguments complete file names.
//! Scenario names (`--scenario`) are free text, written in each project file, and are
//! not completed.

use super::{Cli, Failure, Outcome, output};
use clap::CommandFactory;
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, e.g.:
  bash:       nytta completions bash > ~/.local/share/bash-completion/completions/nytta
  zsh:        nytta completions zsh > ~/.zfunc/_nytta   (with fpath+=~/.zfunc before compinit)
  fish:       nytta completions fish > ~/.config/fish/completions/nytta.fish
  PowerShell: nytta completions powershell >> $PROFILE")]
pub struct Args {
    /// The shell to write completions for.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "nytta", &mut out);
    out
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    output::stdout_bytes(&script(args.shell))?;
    Ok(Outcome::Ok)
}
