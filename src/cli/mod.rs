//! Command-line definitions (clap), dispatch and exit codes (docs/guide-en.md, "Exit codes"):
//! 0 done, 1 invalid input (or warnings with `--deny-warnings`), 2 usage or I/O error.

/// `eprint!` that ignores a closed or broken standard error instead of panicking.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed or broken standard error instead of panicking.
macro_rules! noteln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A message of the CLI's own (an error, a note, a summary), worded in both languages
/// where it is raised and formatted only in the run's language ([`lang`]), or in the
/// language given with `in LANG;`:
/// `say!(sv: "kan inte läsa {}", p; en: "cannot read {}", p)` (docs/decisions.md, D90).
macro_rules! say {
    (in $lang:expr; sv: $($sv:expr),+ ; en: $($en:expr),+ $(;)?) => {
        match $lang {
            nytta::report::Lang::Sv => format!($($sv),+),
            nytta::report::Lang::En => format!($($en),+),
        }
    };
    (sv: $($sv:expr),+ ; en: $($en:expr),+ $(;)?) => {
        say!(in $crate::cli::lang(); sv: $($sv),+ ; en: $($en),+)
    };
}

/// A [`Failure`] (exit 2) worded in both languages, shown in the run's language:
/// `fail!(sv: "…", args; en: "…", args)`.
macro_rules! fail {
    ($($words:tt)+) => {
        $crate::cli::Failure::new(say!($($words)+))
    };
}

mod args;
mod batch;
mod batch_follow_up;
mod check;
mod completions;
mod diff;
mod follow_up;
mod init;
mod input;
mod man;
mod output;
mod report;
mod schema;
mod set;
mod watch;

use clap::{Parser, Subcommand, ValueEnum};
use nytta::report::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// nytta — exact nyttokalkyl and vinsthemtagning for public-sector projects.
#[derive(Debug, Parser)]
#[command(name = "nytta", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Output language: sv or en (default: Swedish, unless LC_ALL, LC_MESSAGES or LANG
    /// names English). Also the language of JSON messages when given.
    #[arg(long, value_enum, global = true)]
    lang: Option<LangArg>,
    /// Lay tables out for a page N characters wide (default: the terminal's width when
    /// the output goes to a terminal, else 100, so that piped output is the same
    /// everywhere). Wide year tables are split into blocks of years.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
}

/// `--width`, when given.
static WIDTH: std::sync::OnceLock<Option<u16>> = std::sync::OnceLock::new();

/// The page width tables are laid out for (docs/decisions.md, D72): `--width`; else,
/// when the output goes to standard output and that is a terminal, `COLUMNS` or the
/// terminal's width (80 when neither is known); else the fixed
/// [`nytta::report::table::PIPED_WIDTH`], so that piped output and files are the same
/// everywhere.
pub fn width(to_file: bool) -> usize {
    use std::io::IsTerminal;
    if let Some(Some(n)) = WIDTH.get() {
        return usize::from(*n);
    }
    if to_file || !std::io::stdout().is_terminal() {
        return nytta::report::table::PIPED_WIDTH;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(output::terminal_width)
        .unwrap_or(80)
}

/// The language chosen for this run, and whether `--lang` chose it.
static LANG: std::sync::OnceLock<(Lang, bool)> = std::sync::OnceLock::new();

/// The output language of this run (`--lang`, or from the environment).
pub fn lang() -> Lang {
    LANG.get().map_or_else(|| resolve_lang(None), |l| l.0)
}

/// The language of messages in JSON: English, the contract for scripts, unless `--lang`
/// was given (docs/decisions.md, D-lang).
pub fn json_lang() -> Lang {
    match LANG.get() {
        Some((lang, true)) => *lang,
        _ => Lang::En,
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compute a project file and print the benefit calculation.
    Report(report::Args),
    /// Check project files and report every problem with its location.
    Check(check::Args),
    /// Write a commented starter project file.
    Init(init::Args),
    /// Hold the actuals (utfall) against the plan, with a re-forecast and flags.
    FollowUp(follow_up::Args),
    /// Recompute, check, compare and rank many submissions at once.
    Batch(batch::Args),
    /// Print the JSON Schema of the project file (format 1), for editors.
    Schema(schema::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the manual pages (roff), or write them to a folder with -o.
    Man(man::Args),
    /// What changed between two versions of a calculation, with an NPV bridge.
    Diff(diff::Args),
}

/// Output language: Swedish or English (default: from LC_ALL/LC_MESSAGES/LANG; Swedish
/// unless they name English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Sv,
    En,
}

/// The language from `--lang`, or from the environment.
pub fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Sv) => Lang::Sv,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_locale(
            std::env::var("LC_ALL").ok().as_deref(),
            std::env::var("LC_MESSAGES").ok().as_deref(),
            std::env::var("LANG").ok().as_deref(),
        ),
    }
}

/// The creation time written into an xlsx: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds' convention), else a fixed 1980-01-01, so the same batch gives the same bytes.
pub fn xlsx_created() -> i64 {
    const FIXED: i64 = 315_532_800; // 1980-01-01T00:00:00Z, as the zip entries' times
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => FIXED,
        Ok(text) => match text.trim().parse::<i64>() {
            Ok(seconds) if (0..253_402_300_800).contains(&seconds) => seconds,
            _ => {
                let text = nytta::report::visible::visible(&text);
                noteln!(
                    "nytta: {}",
                    say!(
                        sv: "SOURCE_DATE_EPOCH={text} är inte sekunder sedan 1970; arbetsboken anger 1980-01-01";
                        en: "SOURCE_DATE_EPOCH={text} is not seconds since 1970; the workbook says 1980-01-01"
                    )
                );
                FIXED
            }
        },
    }
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Invalid input, or warnings with `--deny-warnings`.
    Invalid,
    /// Usage or I/O problem.
    Failed,
}

impl Outcome {
    fn code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
    /// The worse of two outcomes.
    pub fn max(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
            (Outcome::Invalid, _) | (_, Outcome::Invalid) => Outcome::Invalid,
            _ => Outcome::Ok,
        }
    }
}

/// A usage or I/O error: printed as `nytta: …`, exit code 2. Made with [`fail!`] (or
/// [`OrFail`] for an I/O error), so that it is worded in the run's language; the
/// library's typed errors and diagnostics become one at this edge (docs/decisions.md, D90).
#[derive(Debug)]
pub struct Failure(pub anyhow::Error);

impl Failure {
    /// A failure whose message is already in the run's language.
    pub fn new(message: String) -> Failure {
        Failure(anyhow::Error::msg(message))
    }
    /// The message with its causes: `kan inte läsa x.toml: filen eller mappen finns inte`.
    pub fn message(&self) -> String {
        format!("{:#}", self.0)
    }
}

/// An I/O error's text in the run's language. The operating system words its errors in
/// English; in Swedish the common kinds get Swedish words, the rest keep the system's.
pub fn os_error(e: &std::io::Error) -> String {
    os_error_in(lang(), e)
}

/// An I/O error's text in `lang` ([`os_error`]).
pub fn os_error_in(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let swedish = match e.kind() {
        K::NotFound => "filen eller mappen finns inte",
        K::PermissionDenied => "åtkomst nekas",
        K::IsADirectory => "det är en mapp",
        K::NotADirectory => "en del av sökvägen är inte en mapp",
        K::AlreadyExists => "filen finns redan",
        K::ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        K::StorageFull => "disken är full",
        _ => return e.to_string(),
    };
    match lang {
        Lang::Sv => swedish.to_string(),
        Lang::En => e.to_string(),
    }
}

/// An I/O result made a [`Failure`]: `context: the error` in the run's language.
pub trait OrFail<T> {
    /// `context` (e.g. [`cannot_read`]) and the error's text ([`os_error`]).
    fn or_fail(self, context: impl FnOnce() -> String) -> Result<T, Failure>;
}

impl<T> OrFail<T> for std::io::Result<T> {
    fn or_fail(self, context: impl FnOnce() -> String) -> Result<T, Failure> {
        self.map_err(|e| Failure::new(format!("{}: {}", context(), os_error(&e))))
    }
}

/// "kan inte läsa FILE" / "cannot read FILE".
pub fn cannot_read(path: &std::path::Path) -> String {
    say!(sv: "kan inte läsa {}", path.display(); en: "cannot read {}", path.display())
}

/// "kan inte skriva FILE" / "cannot write FILE".
pub fn cannot_write(path: &std::path::Path) -> String {
    say!(sv: "kan inte skriva {}", path.display(); en: "cannot write {}", path.display())
}

/// Parse arguments, run, and return the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let _ = LANG.set((resolve_lang(cli.lang), cli.lang.is_some()));
    let _ = WIDTH.set(cli.width);
    let result = match cli.command {
        Command::Report(args) => report::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::FollowUp(args) => follow_up::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Diff(args) => diff::run(args),
    };
    match result {
        Ok(outcome) => outcome.code(),
        Err(failure) => {
            noteln!("nytta: {}", nytta::report::visible::visible(&failure.message()));
            Outcome::Failed.code()
        }
    }
}

/// `--format xlsx` without `-o FILE.xlsx`: a workbook is not written to a terminal.
pub fn xlsx_needs_output() -> Failure {
    fail!(sv: "--format xlsx behöver -o FIL.xlsx"; en: "--format xlsx needs -o FILE.xlsx")
}

/// `--format xlsx` needs `-o`, and not a name of another format's file: a workbook
/// saved as `portfolj.csv` opens as garbage in Excel and in every script that trusts the
/// name.
pub fn xlsx_output(file: Option<&std::path::Path>) -> Result<(), Failure> {
    let Some(file) = file else {
        return Err(xlsx_needs_output());
    };
    let other = ["csv", "json", "html", "htm", "md", "txt", "toml", "pdf"];
    match file.extension().and_then(|e| e.to_str()) {
        Some(ext) if other.iter().any(|o| ext.eq_ignore_ascii_case(o)) => Err(fail!(
            sv: "--format xlsx skriver en Excel-arbetsbok, men -o {} slutar på .{ext}: ge ett namn som slutar på .xlsx", file.display();
            en: "--format xlsx writes an Excel workbook, but -o {} ends in .{ext}: give a name ending in .xlsx", file.display()
        )),
        _ => Ok(()),
    }
}

/// The xlsx writer failed (its error is the library's, in English).
pub fn workbook_failed(e: impl std::fmt::Display) -> Failure {
    fail!(sv: "kan inte skriva arbetsboken: {e}"; en: "cannot write the workbook: {e}")
}

/// `-o` names an input file.
pub fn overwrite_input(out: &std::path::Path) -> Failure {
    fail!(
        sv: "skriver inte över indatafilen {}", out.display();
        en: "refusing to write over the input file {}", out.display()
    )
}

/// An optional output file (`-o`), never one of the inputs.
pub fn output_target(output: &Option<PathBuf>, inputs: &[PathBuf]) -> Result<Option<PathBuf>, Failure> {
    let Some(out) = output else { return Ok(None) };
    // A directory is no output, whether or not it is also an input (`batch ex/ -o ex/`).
    if out.is_dir() {
        return Err(output::directory_given(out));
    }
    if output::same_file_as_any(out, inputs) {
        return Err(overwrite_input(out));
    }
    Ok(Some(out.clone()))
}
