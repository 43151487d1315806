//! `nytta batch PATH... [--csv FILE] [--format csv|json|table|xlsx] [--excel]
//! [--group-by organisation|portfolio] [--rank npv|bcr|payback] [--jobs N]
//! [--deny-warnings] [-o FILE]`
//!
//! Submissions are computed in parallel, a chunk at a time, and written in input order
//! as each chunk completes, so memory stays flat and the bytes do not depend on `--jobs`.

use super::{Failure, OrFail as _, Outcome, cannot_read, os_error_in, output};
use clap::ValueEnum;
use nytta::batch::{BatchRow, GroupBy, Groups, Options, Rank, RankKey, rank_key, summarise_opts};
use nytta::check::duplicates::{Duplicates, fingerprint};
use nytta::diagnostic::Text;
use nytta::engine::realism::Draws;
use nytta::model::submission::{Submission, SubmissionReader};
use nytta::portfolio::StakeholderSums;
use nytta::report::Lang;
use nytta::report::batch::{CsvOut, HtmlOut, JsonOut, Sink, TableOut, XlsxOut};
use nytta::report::visible::visible;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project files, or directories searched recursively for `*.toml`.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A submissions CSV (docs/controller-guide-en.md, "The submissions spreadsheet"): one project per row.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Output format (`xlsx` needs `-o FILE.xlsx`).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    #[command(flatten)]
    excel: super::args::Excel,
    /// Also sum costs, benefits, NPV and planned harvest per group and year;
    /// `stakeholder` splits every project by its stakeholder shares and sums per
    /// stakeholder (costs, benefits by class, NPV, planned harvest, besparingskrav).
    #[arg(long, value_enum)]
    group_by: Option<GroupByArg>,
    /// With `--group-by stakeholder`: also a stakeholder × year matrix of costs and
    /// besparingskrav.
    #[arg(long, requires = "group_by")]
    by_year: bool,
    /// Sort the portfolio, best first, and number the rows (payback: the shortest, counted
    /// from each calculation's first year).
    #[arg(long, value_enum)]
    rank: Option<RankArg>,
    /// Worker threads (default: one per core; at most 4 per core and one per submission).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Add the realism figures to every row: benefit_breakeven, delay_breakeven_months,
    /// optimism_upper_npv, probability_negative (Monte Carlo over ranges).
    #[arg(long)]
    realism: bool,
    /// Monte Carlo draws per project with `--realism`.
    #[arg(long, value_name = "N", default_value_t = nytta::engine::realism::DEFAULT_DRAWS, requires = "realism",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(nytta::engine::realism::MAX_DRAWS)))]
    draws: u32,
    /// Seed of the Monte Carlo generator with `--realism`.
    #[arg(long, value_name = "S", default_value_t = nytta::engine::realism::DEFAULT_SEED, requires = "realism")]
    seed: u64,
    /// Exit with code 1 when any submission has warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Follow up every project instead: plan against actuals to date, realisation rate,
    /// flags (W201–W204), overdue follow-ups and the NPV re-forecast, worst first,
    /// summed per organisation (or per portfolio with `--group-by portfolio`). Every
    /// format, and markdown.
    #[arg(long)]
    follow_up: bool,
    /// With `--follow-up`: actuals CSVs named `<project id>.csv` or `<file stem>.csv`.
    #[arg(long, value_name = "DIR", requires = "follow_up")]
    actuals_dir: Option<PathBuf>,
    /// With `--follow-up`: one actuals CSV for the whole portfolio, with a `project`
    /// column (each row's project id, or file name without `.toml`) beside
    /// `line,year,amount[,kind][,comment]`; wins over `--actuals-dir` and the files'
    /// own actuals. Rows naming no project are warned about.
    #[arg(long, value_name = "FILE.csv", requires = "follow_up")]
    actuals: Option<PathBuf>,
    /// With `--follow-up`: how to forecast each project's years after the follow-up year
    /// (its NPV re-forecast): `trend` scales each line's plan by its realisation so far,
    /// `plan` keeps the plan.
    #[arg(long, value_enum, default_value_t = super::follow_up::ForecastArg::Trend, requires = "follow_up")]
    forecast: super::follow_up::ForecastArg,
    /// With `--follow-up`: follow up to and including this year (default: each
    /// project's latest year with an actual, else last year).
    #[arg(long, value_name = "YEAR", requires = "follow_up", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    as_of: Option<i32>,
    /// Of submissions with the same project id or the same content (W302), keep only the
    /// newest by modification time; rows of the submissions CSV share its time, so of
    /// two rows the later wins (those left out are named on standard error).
    #[arg(long)]
    dedupe: bool,
    #[command(flatten)]
    output: super::args::Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Json,
    Table,
    Xlsx,
    /// One self-contained HTML page: ranked table, NPV per project chart, group sums.
    Html,
    /// GitHub Markdown: the ranked table and the group sums (no chart).
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupByArg {
    Organisation,
    Portfolio,
    Stakeholder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RankArg {
    Npv,
    Bcr,
    Payback,
}

/// One submission to compute.
enum Source {
    File(PathBuf),
    CsvRow {
        file: String,
        submission: Box<Submission>,
    },
    /// Found while searching a directory but not readable as a file: an error row.
    Unreadable {
        shown: String,
        /// In both languages: the row is worded in the batch's findings language.
        reason: Text,
    },
}

/// Submissions computed per parallel step; bounds memory, keeps order.
const CHUNK: usize = 512;

/// Worker threads per core at most: the work is computing, so more threads than cores
/// only add memory; a few per core cover files read from a slow disk.
const THREADS_PER_CORE: usize = 4;

/// A row's error in the language of the batch's findings ([`Options::lang`]): English
/// for the machine formats, the reader's for the human ones.
fn process(source: &Source, options: Options) -> (BatchRow, Option<output::Identity>) {
    let lang = options.lang;
    match source {
        Source::File(path) => {
            let shown = path.display().to_string();
            // One buffer per worker thread, reused from file to file.
            thread_local!(static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) });
            BUFFER.with_borrow_mut(|buffer| match super::input::read_batch_file(path, buffer) {
                (Ok(text), identity) => (summarise_opts(shown, text, None, options), identity),
                (Err(reason), identity) => (BatchRow::unreadable(shown, reason.get(lang).to_string()), identity),
            })
        }
        Source::Unreadable { shown, reason } => {
            (BatchRow::unreadable(shown.clone(), reason.get(lang).to_string()), None)
        }
        Source::CsvRow { file, submission: s } => {
            let shown = format!("{file}:{}", s.row);
            let mut row = match &s.project {
                Ok(text) => summarise_opts(shown, text, Some(&s.claimed), options),
                Err(reason) => BatchRow::unreadable(shown, reason.0.get(lang).to_string()),
            };
            if row.figures.is_none() {
                row.id.clone_from(&s.id);
                row.name.clone_from(&s.name);
                row.organisation.clone_from(&s.organisation);
                row.portfolio.clone_from(&s.portfolio);
            }
            (row, None)
        }
    }
}

/// Expand the paths: files as given, directories searched for `*.toml` in path order.
/// Symbolic links are followed, to files and to directories; a loop of links, a broken
/// link named `*.toml` and a directory that cannot be read become error rows, and the
/// batch goes on. A file reached twice (a link beside its target, a path given twice)
/// is counted once; the second sighting is an error row naming the first, so that the
/// portfolio counts no project twice and loses none without a word. With `look` the
/// files' identities are read here (one `statx` each, before any work starts); without
/// it the plain batch's workers read them from the files they open, in parallel, and
/// the writer finds a file reached twice ([`SeenFiles`]).
fn collect_files(paths: &[PathBuf], look: bool) -> Result<Vec<Source>, Failure> {
    let mut out = Vec::new();
    let mut seen = SeenFiles::default();
    let mut add = |path: PathBuf, out: &mut Vec<Source>| match look.then(|| output::identity(&path)).flatten() {
        Some(id) => {
            let shown = path.display().to_string();
            match seen.first(id, &shown) {
                Some(reason) => out.push(Source::Unreadable { reason, shown }),
                None => out.push(Source::File(path)),
            }
        }
        None => out.push(Source::File(path)),
    };
    for path in paths {
        if path.is_dir() {
            // Siblings in file-name order. Their paths are the folder's path and the
            // name, so comparing the paths' bytes orders them as the names would,
            // without taking each name apart again (10 000 files: 130 000 comparisons).
            let walk = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
            let before = out.len();
            // Other files are passed over, but said: a project saved as `x.toml.txt` or
            // `x.csv` is not lost in silence. Hidden files (`.DS_Store`) go unmentioned.
            let mut passed_over: Vec<PathBuf> = Vec::new();
            for entry in walk {
                match entry {
                    Ok(entry) => {
                        if !entry.file_type().is_file() {
                            continue;
                        }
                        if is_toml(entry.path()) {
                            add(entry.into_path(), &mut out);
                        } else if !entry.file_name().to_string_lossy().starts_with('.') {
                            passed_over.push(entry.into_path());
                        }
                    }
                    Err(e) => {
                        if let Some(row) = walk_error(path, &e) {
                            out.push(row);
                        }
                    }
                }
            }
            if out.len() == before {
                return Err(fail!(
                    sv: "{}: mappen har inga projektfiler (*.toml)", path.display();
                    en: "{}: the directory has no project files (*.toml)", path.display()
                ));
            }
            if let Some(first) = passed_over.first() {
                let (n, first) = (passed_over.len(), first.display());
                noteln!(
                    "nytta: {}",
                    say!(
                        sv: "{}: {n} {} som inte slutar på .toml lästes inte (till exempel {first})",
                            path.display(), if n == 1 { "fil" } else { "filer" };
                        en: "{}: {n} {} not ending in .toml {} not read (for example {first})",
                            path.display(), if n == 1 { "file" } else { "files" }, if n == 1 { "was" } else { "were" }
                    )
                );
            }
        } else if super::input::is_csv(path) {
            // A CSV named where the project files go (the submissions sheet without
            // `--csv`, an actuals file): one row saying which option reads it, not a
            // TOML error for each of its lines.
            let shown = path.display().to_string();
            let d = super::input::csv_given(path, &shown);
            let hint = d.hint.clone().unwrap_or_else(|| Text::new("", ""));
            let reason = Text::new(
                format!("{}; {}", d.message.sv, hint.sv),
                format!("{}; {}", d.message.en, hint.en),
            );
            out.push(Source::Unreadable { reason, shown });
        } else if path.exists() {
            add(path.clone(), &mut out);
        } else if std::fs::symlink_metadata(path).is_ok() {
            return Err(fail!(
                sv: "{}: en symbolisk länk till ingenting (det den pekar på finns inte)", path.display();
                en: "{}: a symbolic link to nothing (its target does not exist)", path.display()
            ));
        } else {
            return Err(fail!(
                sv: "{}: filen eller mappen finns inte", path.display();
                en: "{}: no such file or directory", path.display()
            ));
        }
    }
    Ok(out)
}

/// The files seen so far, by identity (device and inode), with the path first seen.
#[derive(Default)]
struct SeenFiles(std::collections::HashMap<output::Identity, String, foldhash::fast::RandomState>);

impl SeenFiles {
    /// `None` for a file not seen before (remembered as `shown`); for one seen before,
    /// why its second sighting is not counted.
    fn first(&mut self, id: output::Identity, shown: &str) -> Option<Text> {
        match self.0.get(&id) {
            Some(first) => Some(Text::new(
                format!("samma fil som {first} (en länk eller en andra sökväg till den); räknas en gång"),
                format!("the same file as {first} (a link or a second path to it); counted once"),
            )),
            None => {
                self.0.insert(id, shown.to_string());
                None
            }
        }
    }
}

/// One submission as `--dedupe` sees it: where it is shown, its project id, its
/// content's fingerprint and when it was written.
struct Seen {
    shown: String,
    id: String,
    content: u64,
    modified: std::time::SystemTime,
}

/// `--dedupe`: of submissions with the same project id or the same content, keep the
/// newest by modification time, and on a tie the later in input order (files first, then
/// the rows of the submissions CSV, which share its modification time: the later row
/// wins, as a resubmission appended to the sheet). Says on standard error which were
/// left out. Returns which to keep, in input order.
fn newest(seen: &[Option<Seen>]) -> Vec<bool> {
    let mut keep = vec![true; seen.len()];
    let mut by_id: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut by_content: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for (i, s) in seen.iter().enumerate() {
        let Some(s) = s else { continue };
        let earlier = by_content
            .get(&s.content)
            .copied()
            .or_else(|| (!s.id.is_empty()).then(|| by_id.get(s.id.as_str()).copied()).flatten());
        let winner = match (earlier, earlier.and_then(|j| seen[j].as_ref())) {
            (Some(j), Some(o)) if keep[j] => {
                let older = o.modified > s.modified;
                let (kept, dropped) = if older { (o, s) } else { (s, o) };
                keep[if older { i } else { j }] = false;
                let (d, k) = (visible(&dropped.shown), visible(&kept.shown));
                let note = if kept.modified > dropped.modified {
                    say!(
                        sv: "utelämnar {d} (W302: samma projekt som {k}, som är nyare)";
                        en: "leaving out {d} (W302: the same project as {k}, which is newer)"
                    )
                } else {
                    say!(
                        sv: "utelämnar {d} (W302: samma projekt som {k}, som kommer senare (samma ändringstid))";
                        en: "leaving out {d} (W302: the same project as {k}, which comes later (the same modification time))"
                    )
                };
                noteln!("nytta: --dedupe: {note}");
                if older { j } else { i }
            }
            _ => i,
        };
        for k in [i, earlier.unwrap_or(i)] {
            if let Some(sk) = &seen[k] {
                if !sk.id.is_empty() {
                    by_id.insert(sk.id.as_str(), winner);
                }
                by_content.insert(sk.content, winner);
            }
        }
    }
    keep
}

/// `--dedupe` over the project files and the submissions CSV's rows ([`newest`]). Reads
/// every file once more before the batch (the project id from its TOML, not a full
/// analysis) and the CSV once more (its rows' project ids and contents). Returns the
/// files kept and the CSV rows (their numbers) left out.
fn dedupe(sources: Vec<Source>, csv: Option<&Path>) -> (Vec<Source>, std::collections::HashSet<u64>) {
    let mut seen: Vec<Option<Seen>> = sources
        .par_iter()
        .map(|s| {
            let Source::File(path) = s else { return None };
            let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
            let text = std::fs::read_to_string(path).ok()?;
            let id = text
                .parse::<toml::Table>()
                .ok()
                .and_then(|t| t.get("project")?.get("id")?.as_str().map(str::to_string))
                .unwrap_or_default();
            Some(Seen {
                shown: path.display().to_string(),
                id,
                content: fingerprint(&text),
                modified,
            })
        })
        .collect();
    let files = seen.len();
    let mut rows = Vec::new();
    // A CSV that cannot be read is reported when the batch reads it.
    if let Some(csv) = csv
        && let Ok(modified) = std::fs::metadata(csv).and_then(|m| m.modified())
        && let Ok(file) = std::fs::File::open(csv)
        && let Ok(reader) = SubmissionReader::new(file)
    {
        let shown = csv.display().to_string();
        for submission in reader.map_while(Result::ok) {
            rows.push(submission.row);
            seen.push(submission.project.as_ref().ok().map(|text| Seen {
                shown: format!("{shown}:{}", submission.row),
                id: submission.id.clone(),
                content: fingerprint(text),
                modified,
            }));
        }
    }
    let keep = newest(&seen);
    let dropped = rows
        .into_iter()
        .zip(&keep[files..])
        .filter_map(|(row, k)| (!k).then_some(row))
        .collect();
    let sources = sources
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect();
    (sources, dropped)
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The error row for a problem met while searching a directory; `None` for a broken
/// link that is not named `*.toml` (not a project file).
fn walk_error(root: &Path, e: &walkdir::Error) -> Option<Source> {
    let at = e.path().unwrap_or(root);
    let shown = at.display().to_string();
    if let Some(ancestor) = e.loop_ancestor() {
        return Some(Source::Unreadable {
            shown,
            reason: Text::new(
                format!(
                    "en slinga av symboliska länkar: mappen leder tillbaka till {}; genomsöks inte igen",
                    ancestor.display()
                ),
                format!(
                    "a symbolic link loop: this folder leads back to {}; not searched again",
                    ancestor.display()
                ),
            ),
        });
    }
    let io = e.io_error();
    if io.is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
        return is_toml(at).then(|| Source::Unreadable {
            shown,
            reason: Text::new(
                "en symbolisk länk till en fil som inte finns",
                "a symbolic link to a file that does not exist",
            ),
        });
    }
    let reason = match io {
        Some(io) if at.is_dir() => Text::by(|lang| {
            let io = os_error_in(lang, io);
            say!(
                in lang;
                sv: "kan inte läsa mappen: {io}; dess filer är inte med i körningen";
                en: "cannot read the folder: {io}; its files are not in this batch"
            )
        }),
        Some(io) => Text::by(|lang| {
            let io = os_error_in(lang, io);
            say!(in lang; sv: "kan inte läsa: {io}"; en: "cannot read: {io}")
        }),
        None => Text::new(format!("kan inte läsa: {e}"), format!("cannot read: {e}")),
    };
    Some(Source::Unreadable { shown, reason })
}

/// Open a submissions CSV: its header is read now (a bad header fails the whole batch
/// before anything is computed), its rows one chunk at a time as the batch goes.
fn open_submissions(path: &Path) -> Result<impl Iterator<Item = Result<Source, Failure>>, Failure> {
    let file = std::fs::File::open(path).or_fail(|| cannot_read(path))?;
    let reader = SubmissionReader::new(file)
        .map_err(|e| Failure::new(format!("{}: {}", path.display(), e.0.get(super::lang()))))?;
    if !reader.unknown_columns.is_empty() {
        let (shown, columns) = (path.display(), reader.unknown_columns.join(", "));
        noteln!(
            "nytta: {}",
            visible(&say!(
                sv: "{shown}: okända kolumner läses inte: {columns}";
                en: "{shown}: ignoring unknown column(s): {columns}"
            ))
        );
    }
    let file = path.display().to_string();
    let shown = file.clone();
    Ok(reader.map(move |row| match row {
        Ok(submission) => Ok(Source::CsvRow {
            file: file.clone(),
            submission: Box::new(submission),
        }),
        Err(e) => Err(Failure::new(format!("{shown}: {}", e.0.get(super::lang())))),
    }))
}

/// Where the output goes: standard output, or `-o FILE` (see [`output::open`]).
enum Destination {
    Stdout,
    File(output::Opened),
}

fn destination(output: Option<PathBuf>) -> Result<Destination, Failure> {
    match output {
        None => {
            output::stdout_open()?;
            Ok(Destination::Stdout)
        }
        Some(path) => Ok(Destination::File(output::open(&path)?)),
    }
}

/// Worker threads: `--jobs` (0 or none: one per core), but never more than
/// [`THREADS_PER_CORE`] per core, nor more than there are submissions.
fn threads(jobs: Option<usize>, submissions: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let cap = cores.saturating_mul(THREADS_PER_CORE);
    let wanted = match jobs {
        None | Some(0) => cores,
        Some(n) => n,
    };
    let threads = wanted.min(cap).min(submissions).max(1);
    if wanted > cap {
        noteln!(
            "nytta: {}",
            say!(
                sv: "--jobs {wanted} är fler än som hjälper (högst {THREADS_PER_CORE} per kärna); använder {threads}";
                en: "--jobs {wanted} is more than helps (at most {THREADS_PER_CORE} per core); using {threads}"
            )
        );
    }
    threads
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    if args.paths.is_empty() && args.csv.is_none() {
        return Err(fail!(
            sv: "ange projektfiler eller mappar, eller --csv FIL";
            en: "give project files or directories, or --csv FILE"
        ));
    }
    args.excel.only_with_csv(args.format == Format::Csv)?;
    if args.format == Format::Xlsx {
        super::xlsx_output(args.output.file.as_deref())?;
    }
    let mut inputs = args.paths.clone();
    inputs.extend(args.csv.clone());
    let target = super::output_target(&args.output.file, &inputs)?;

    // A plain batch reads the files' identities in its workers (below); the follow-up
    // and --dedupe read them here, before they start.
    let look = args.follow_up || args.dedupe;
    let mut sources = collect_files(&args.paths, look)?;
    let mut dropped_rows = std::collections::HashSet::new();
    if args.dedupe {
        (sources, dropped_rows) = dedupe(sources, args.csv.as_deref());
    }
    if args.follow_up {
        if args.csv.is_some() {
            return Err(fail!(
                sv: "--follow-up följer upp projektfiler, inte raderna i en ansökningsfil (--csv)";
                en: "--follow-up follows up project files, not the rows of a submissions CSV (--csv)"
            ));
        }
        // Flags of the plain batch that the follow-up would otherwise drop in silence.
        let ignored: Vec<&str> = [
            (args.group_by == Some(GroupByArg::Stakeholder), "--group-by stakeholder"),
            (args.by_year, "--by-year"),
            (args.rank.is_some(), "--rank"),
            (args.realism, "--realism"),
        ]
        .into_iter()
        .filter_map(|(given, flag)| given.then_some(flag))
        .collect();
        if !ignored.is_empty() {
            let flags = ignored.join(", ");
            return Err(fail!(
                sv: "{flags} hör inte ihop med --follow-up: uppföljningen sorteras sämst först och summeras per organisation (eller portfölj med --group-by portfolio); kör batch utan --follow-up för det";
                en: "{flags} does not go with --follow-up: the follow-up is sorted worst first and summed per organisation (or portfolio with --group-by portfolio); run batch without --follow-up for that"
            ));
        }
        return super::batch_follow_up::run(super::batch_follow_up::Settings {
            // Every source in input order: one not readable as a file is an error row,
            // as in plain `batch`, not left out in silence.
            sources: sources
                .into_iter()
                .filter_map(|s| match s {
                    Source::File(p) => Some(super::batch_follow_up::Source::File(p)),
                    Source::Unreadable { shown, reason } => {
                        Some(super::batch_follow_up::Source::Unreadable { shown, reason })
                    }
                    Source::CsvRow { .. } => None, // refused with --follow-up above
                })
                .collect(),
            actuals_dir: args.actuals_dir.clone(),
            actuals: args.actuals.clone(),
            forecast: args.forecast.into(),
            deny_warnings: args.deny_warnings,
            as_of: args.as_of,
            by_portfolio: args.group_by == Some(GroupByArg::Portfolio),
            format: match args.format {
                Format::Csv => super::batch_follow_up::Format::Csv,
                Format::Json => super::batch_follow_up::Format::Json,
                Format::Table => super::batch_follow_up::Format::Table,
                Format::Markdown => super::batch_follow_up::Format::Markdown,
                Format::Html => super::batch_follow_up::Format::Html,
                Format::Xlsx => super::batch_follow_up::Format::Xlsx,
            },
            style: args.excel.style(),
            lang: super::lang(),
            output: target,
        });
    }
    // By identity, not spelling: `-o in/B.TOML` is the submission `in/B.TOML`. The files'
    // identities are read as the workers open them; the writer stops at the first file
    // that is the output, before anything replaces it (the output is written beside it
    // and renamed into place only at the end).
    let output_file = target
        .as_ref()
        .and_then(|out| output::identity(out).map(|id| (id, out.clone())));
    let file_count = sources.len();
    let rows = match &args.csv {
        Some(csv) => Some(open_submissions(csv)?.filter(
            move |row| !matches!(row, Ok(Source::CsvRow { submission, .. }) if dropped_rows.contains(&submission.row)),
        )),
        None => None,
    };
    // A CSV's rows come a chunk at a time: at most a chunk's worth of threads for them.
    let threads = threads(
        args.jobs,
        file_count.saturating_add(if rows.is_some() { CHUNK } else { 0 }),
    );
    // Files first, then the CSV's rows, pulled a chunk at a time: never all held at once.
    let mut sources = sources.into_iter().map(Ok).chain(rows.into_iter().flatten());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(
        |e| fail!(sv: "kan inte starta {threads} arbetstrådar: {e}"; en: "cannot start {threads} worker threads: {e}"),
    )?;

    if args.realism && matches!(args.format, Format::Table | Format::Markdown | Format::Html) {
        // The break-even columns are written in CSV, JSON and xlsx only: computing them for
        // a page that does not show them would look like they were checked.
        return Err(fail!(
            sv: "--realism skriver sina kolumner i csv, json och xlsx, inte i table, markdown eller html: ange --format csv, json eller xlsx";
            en: "--realism writes its columns in csv, json and xlsx, not in table, markdown or html: give --format csv, json or xlsx"
        ));
    }
    let by_stakeholder = args.group_by == Some(GroupByArg::Stakeholder);
    if args.by_year && !by_stakeholder {
        return Err(fail!(
            sv: "--by-year hör ihop med --group-by stakeholder";
            en: "--by-year goes with --group-by stakeholder"
        ));
    }
    let destination = destination(target)?;
    let ranked = args.rank.is_some();
    let style = args.excel.style();
    let writer: Box<dyn Write + Send> = match &destination {
        Destination::Stdout => Box::new(std::io::BufWriter::new(std::io::stdout())),
        Destination::File(opened) => Box::new(std::io::BufWriter::new(opened.writer()?)),
    };
    let sink: Box<dyn Sink + Send> = match (args.format, &destination) {
        (Format::Csv, _) => Box::new(
            CsvOut::new(writer, style, ranked)
                .or_fail(output_failed)?
                .with_realism(args.realism),
        ),
        (Format::Json, _) => Box::new(JsonOut::new(writer).or_fail(output_failed)?.with_realism(args.realism)),
        (Format::Table, _) => Box::new(
            TableOut::new(writer, super::lang()).with_width(super::width(matches!(destination, Destination::File(_)))),
        ),
        (Format::Html, _) => Box::new(HtmlOut::new(writer, super::lang())),
        (Format::Markdown, _) => Box::new(HtmlOut::markdown(writer, super::lang())),
        (Format::Xlsx, Destination::File(_)) => Box::new(
            XlsxOut::with_realism(writer, ranked, super::xlsx_created(), args.realism, super::lang())
                .or_fail(output_failed)?,
        ),
        (Format::Xlsx, Destination::Stdout) => {
            return Err(super::xlsx_needs_output());
        }
    };
    // Findings are worded in the reader's language where people read them (table,
    // HTML, xlsx, Excel CSV), in English for scripts (JSON, plain CSV), and warnings
    // only where the output shows their texts.
    let findings_lang = match args.format {
        // English for scripts unless `--lang` asked otherwise, as in `check` and `report`.
        Format::Json => super::json_lang(),
        Format::Csv if !style.excel => super::json_lang(),
        _ => super::lang(),
    };
    let options = Options {
        realism: args.realism.then_some(Draws {
            draws: args.draws,
            seed: args.seed,
        }),
        stakeholders: by_stakeholder,
        lang: findings_lang,
        warning_texts: sink.needs_findings(),
    };
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(file_count as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let collector = Collector {
        sink,
        group_by: args.group_by.and_then(|g| match g {
            GroupByArg::Organisation => Some(GroupBy::Organisation),
            GroupByArg::Portfolio => Some(GroupBy::Portfolio),
            GroupByArg::Stakeholder => None,
        }),
        stakeholders: by_stakeholder.then(StakeholderSums::default),
        duplicates: Duplicates::default(),
        by_year: args.by_year,
        rank: args.rank.map(|r| match r {
            RankArg::Npv => Rank::Npv,
            RankArg::Bcr => Rank::Bcr,
            RankArg::Payback => Rank::Payback,
        }),
        groups: Groups::default(),
        counts: [0; 3],
        kept: if args.rank.is_some() {
            Vec::with_capacity(file_count)
        } else {
            Vec::new()
        },
        closed: false,
        lang: options.lang,
        seen: SeenFiles::default(),
        output_file,
    };
    // Workers compute chunk n + 1 while the writer thread writes chunk n.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(BatchRow, Option<output::Identity>)>>(2);
    let mut unreadable = None;
    let counts = std::thread::scope(|scope| {
        let writer = scope.spawn(move || collector.run(receiver));
        loop {
            let mut chunk = Vec::with_capacity(CHUNK);
            for source in sources.by_ref() {
                match source {
                    Ok(source) => chunk.push(source),
                    Err(failure) => {
                        unreadable = Some(failure);
                        break;
                    }
                }
                if chunk.len() == CHUNK {
                    break;
                }
            }
            if chunk.is_empty() {
                break;
            }
            let csv_rows = chunk.iter().filter(|s| matches!(s, Source::CsvRow { .. })).count();
            progress.inc_length(csv_rows as u64);
            let rows: Vec<_> = pool.install(|| chunk.par_iter().map(|s| process(s, options)).collect());
            progress.inc(chunk.len() as u64);
            if sender.send(rows).is_err() || unreadable.is_some() {
                break; // the writer stopped (an error it will report), or the input failed
            }
        }
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|_| Err(fail!(sv: "utdataskrivaren fallerade"; en: "the output writer failed")))
    })?;
    if let Some(failure) = unreadable {
        return Err(failure);
    }
    progress.finish_and_clear();
    if let Destination::File(opened) = destination {
        opened.commit()?;
    }

    let [ok, warnings, errors] = counts;
    let total = ok + warnings + errors;
    noteln!(
        "nytta: {}",
        say!(
            sv: "{total} {}: {ok} utan anmärkning, {warnings} med varningar, {errors} med fel",
                if total == 1 { "ansökan" } else { "ansökningar" };
            en: "{total} {}: {ok} ok, {warnings} with warnings, {errors} with errors",
                if total == 1 { "submission" } else { "submissions" }
        )
    );
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Ok(Outcome::Invalid)
    } else {
        Ok(Outcome::Ok)
    }
}

/// A row held back for ranking: rendered already (CSV), or whole (JSON, xlsx, table).
enum Held {
    Packed(Box<[u8]>),
    Row(Box<BatchRow>),
}

/// The writer side: counts, groups, ranks and writes rows in input order.
struct Collector {
    sink: Box<dyn Sink + Send>,
    group_by: Option<GroupBy>,
    rank: Option<Rank>,
    groups: Groups,
    /// Running sums per stakeholder (`--group-by stakeholder`).
    stakeholders: Option<StakeholderSums>,
    /// Project ids and contents seen so far (W302).
    duplicates: Duplicates,
    /// The stakeholder × year matrix too (`--by-year`).
    by_year: bool,
    /// Rows per status: ok, warnings, error.
    counts: [usize; 3],
    /// Rows held back for ranking, with their sort keys.
    kept: Vec<(RankKey, Held)>,
    /// The reader of standard output went away: compute on, write nothing more.
    closed: bool,
    /// The language of the findings' texts ([`Options::lang`]).
    lang: Lang,
    /// The files read so far, by identity (read by the workers as they open them).
    seen: SeenFiles,
    /// The output file's identity and path, when it exists: never one of the inputs.
    output_file: Option<(output::Identity, PathBuf)>,
}

impl Collector {
    fn run(
        mut self,
        rows: std::sync::mpsc::Receiver<Vec<(BatchRow, Option<output::Identity>)>>,
    ) -> Result<[usize; 3], Failure> {
        for chunk in rows {
            for (mut row, identity) in chunk {
                if let Some(id) = identity {
                    if let Some((_, out)) = self.output_file.as_ref().filter(|(o, _)| *o == id) {
                        return Err(super::overwrite_input(out));
                    }
                    if let Some(reason) = self.seen.first(id, &row.source) {
                        row = BatchRow::unreadable(row.source, reason.get(self.lang).to_string());
                    }
                }
                let found = self.duplicates.check(&row.source, &row.id, row.content);
                if !found.is_empty() {
                    row.add_findings(&found, self.lang);
                }
                self.counts[row.status as usize] += 1;
                if let Some(by) = self.group_by {
                    self.groups.add(by, &row);
                }
                if let (Some(sums), Some(f)) = (&mut self.stakeholders, &row.figures) {
                    sums.add(&f.stakeholders);
                }
                match self.rank {
                    Some(by) => {
                        let key = rank_key(&row, by);
                        let held = match self.sink.pack(&row) {
                            Some(packed) => Held::Packed(packed),
                            None => {
                                let mut row = row;
                                row.compact(self.sink.needs_findings());
                                Held::Row(Box::new(row))
                            }
                        };
                        self.kept.push((key, held));
                    }
                    None => self.write(&row, None)?,
                }
            }
        }
        if self.rank.is_some() {
            let mut kept = std::mem::take(&mut self.kept);
            kept.sort_by_key(|(key, _)| *key);
            for (i, (key, held)) in kept.into_iter().enumerate() {
                let place = key.is_computed().then_some(i + 1);
                match held {
                    Held::Row(row) => self.write(&row, place)?,
                    Held::Packed(packed) => {
                        if !self.closed
                            && let Err(e) = self.sink.write_packed(&packed, place)
                        {
                            self.closed = broken_pipe(e)?;
                        }
                    }
                }
            }
        }
        if let Some(sums) = self.stakeholders.take() {
            let (table, notes) = sums.finish(self.by_year);
            for note in notes {
                noteln!("nytta: {}", visible(note.get(super::lang())));
            }
            if !self.closed
                && let Err(e) = self.sink.stakeholders(&table)
            {
                self.closed = broken_pipe(e)?;
            }
        }
        if !self.closed
            && let Err(e) = self.sink.finish(self.group_by.map(|by| (by, &self.groups)))
        {
            broken_pipe(e)?;
        }
        Ok(self.counts)
    }

    fn write(&mut self, row: &BatchRow, place: Option<usize>) -> Result<(), Failure> {
        if !self.closed
            && let Err(e) = self.sink.row(row, place)
        {
            self.closed = broken_pipe(e)?;
        }
        for note in self.sink.take_notes() {
            noteln!("nytta: {}", visible(note.get(super::lang())));
        }
        Ok(())
    }
}

/// A closed pipe ends the output quietly (`Ok(true)`); other write errors fail.
fn broken_pipe(e: std::io::Error) -> Result<bool, Failure> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(true)
    } else {
        Err(e).or_fail(output_failed)
    }
}

/// "kan inte skriva utdata" / "cannot write the output".
fn output_failed() -> String {
    say!(sv: "kan inte skriva utdata"; en: "cannot write the output")
}
