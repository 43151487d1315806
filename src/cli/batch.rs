//! `nytta batch PATH... [--csv FILE] [--format csv|json|table|xlsx] [--excel]
//! [--group-by organisation|portfolio] [--rank npv|bcr|payback] [--jobs N]
//! [--deny-warnings] [-o FILE]`
//!
//! Submissions are computed in parallel, a chunk at a time, and written in input order
//! as each chunk completes, so memory stays flat and the bytes do not depend on `--jobs`.

use super::{Failure, LangArg, Outcome, resolve_lang};
use clap::ValueEnum;
use nytta::batch::{BatchRow, GroupBy, Groups, Rank, RankKey, rank_key, summarise};
use nytta::model::submission::{Submission, SubmissionReader};
use nytta::report::batch::{CsvOut, JsonOut, Sink, TableOut, XlsxOut};
use nytta::report::csv::CsvStyle;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project files, or directories searched recursively for `*.toml`.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A submissions CSV (spec §8): one project per row.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Output format (`xlsx` needs `-o FILE.xlsx`).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// CSV for Swedish Excel: `;`, decimal comma, UTF-8 BOM.
    #[arg(long)]
    excel: bool,
    /// Also sum costs, benefits, NPV and planned harvest per group and year.
    #[arg(long, value_enum)]
    group_by: Option<GroupByArg>,
    /// Sort the portfolio, best first, and number the rows.
    #[arg(long, value_enum)]
    rank: Option<RankArg>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Exit with code 1 when any submission has warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Language of the table format's labels.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Json,
    Table,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupByArg {
    Organisation,
    Portfolio,
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
    CsvRow { file: String, submission: Box<Submission> },
}

/// Submissions computed per parallel step; bounds memory, keeps order.
const CHUNK: usize = 512;

fn process(source: &Source) -> BatchRow {
    match source {
        Source::File(path) => {
            let shown = path.display().to_string();
            // One buffer per worker thread, reused from file to file.
            thread_local!(static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) });
            BUFFER.with_borrow_mut(|buffer| {
                buffer.clear();
                let limit = nytta::limits::MAX_PROJECT_BYTES;
                let read = std::fs::File::open(path)
                    .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, limit + 1), buffer));
                match read {
                    Err(e) => BatchRow::unreadable(shown, format!("cannot read the file: {e}")),
                    Ok(n) if n as u64 > limit => {
                        BatchRow::unreadable(shown, super::input::too_large(limit, "a project file"))
                    }
                    Ok(_) => match std::str::from_utf8(buffer) {
                        Ok(text) => summarise(shown, text, None),
                        Err(e) => {
                            let (text, d) = nytta::diagnostic::not_utf8(buffer, e);
                            let (line, col) = nytta::diagnostic::line_col(&text, e.valid_up_to());
                            BatchRow::unreadable(shown, format!("line {line}, column {col}: {}", d.message))
                        }
                    },
                }
            })
        }
        Source::CsvRow { file, submission: s } => {
            let shown = format!("{file}:{}", s.row);
            let mut row = match &s.project {
                Ok(text) => summarise(shown, text, Some(&s.claimed)),
                Err(reason) => BatchRow::unreadable(shown, reason.clone()),
            };
            if row.figures.is_none() {
                row.id.clone_from(&s.id);
                row.name.clone_from(&s.name);
                row.organisation.clone_from(&s.organisation);
                row.portfolio.clone_from(&s.portfolio);
            }
            row
        }
    }
}

/// Expand the paths: files as given, directories searched for `*.toml` in path order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
                {
                    out.push(entry.into_path());
                }
            }
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Failure(format!("{}: no such file or directory", path.display())));
        }
    }
    Ok(out)
}

/// Open a submissions CSV: its header is read now (a bad header fails the whole batch
/// before anything is computed), its rows one chunk at a time as the batch goes.
fn open_submissions(path: &Path) -> Result<impl Iterator<Item = Result<Source, Failure>>, Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let reader = SubmissionReader::new(file).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    if !reader.unknown_columns.is_empty() {
        noteln!(
            "nytta: {}: ignoring unknown column(s): {}",
            path.display(),
            reader.unknown_columns.join(", ")
        );
    }
    let file = path.display().to_string();
    let shown = file.clone();
    Ok(reader.map(move |row| match row {
        Ok(submission) => Ok(Source::CsvRow {
            file: file.clone(),
            submission: Box::new(submission),
        }),
        Err(e) => Err(Failure(format!("{shown}: {e}"))),
    }))
}

/// Where the output goes: standard output, or a temporary file renamed into place.
enum Destination {
    Stdout,
    File {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
    },
}

fn destination(output: Option<PathBuf>) -> Result<Destination, Failure> {
    let Some(path) = output else {
        return Ok(Destination::Stdout);
    };
    let tmp = super::output::temp_beside(&path)?;
    Ok(Destination::File { tmp, path })
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    if args.paths.is_empty() && args.csv.is_none() {
        return Err(Failure("give project files or directories, or --csv FILE".into()));
    }
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(Failure("--format xlsx needs -o FILE.xlsx".into()));
    }
    let mut inputs = args.paths.clone();
    inputs.extend(args.csv.clone());
    let target = super::output_target(&args.output, &inputs)?;

    let files = collect_files(&args.paths)?;
    if let Some(out) = &target
        && out.extension().is_some_and(|e| e == "toml")
        && super::output::same_file_as_any(out, &files)
    {
        return Err(Failure(format!(
            "refusing to write over the input file {}",
            out.display()
        )));
    }
    let file_count = files.len();
    let rows = match &args.csv {
        Some(csv) => Some(open_submissions(csv)?),
        None => None,
    };
    // Files first, then the CSV's rows, pulled a chunk at a time: never all held at once.
    let mut sources = files
        .into_iter()
        .map(|f| Ok(Source::File(f)))
        .chain(rows.into_iter().flatten());
    let jobs = args.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Failure(format!("cannot start {jobs} worker threads: {e}")))?;

    let destination = destination(target)?;
    let ranked = args.rank.is_some();
    let style = CsvStyle { excel: args.excel };
    let writer: Box<dyn Write + Send> = match &destination {
        Destination::Stdout => Box::new(std::io::BufWriter::new(std::io::stdout())),
        Destination::File { tmp, .. } => Box::new(std::io::BufWriter::new(
            tmp.reopen().map_err(|e| Failure(format!("cannot write: {e}")))?,
        )),
    };
    let sink: Box<dyn Sink + Send> = match (args.format, &destination) {
        (Format::Csv, _) => Box::new(CsvOut::new(writer, style, ranked)?),
        (Format::Json, _) => Box::new(JsonOut::new(writer)?),
        (Format::Table, _) => Box::new(TableOut::new(writer, resolve_lang(args.lang))),
        (Format::Xlsx, Destination::File { tmp, .. }) => Box::new(XlsxOut::new(tmp.path().to_path_buf(), ranked)?),
        (Format::Xlsx, Destination::Stdout) => return Err(Failure("--format xlsx needs -o FILE.xlsx".into())),
    };
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(file_count as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let collector = Collector {
        sink,
        group_by: args.group_by.map(|g| match g {
            GroupByArg::Organisation => GroupBy::Organisation,
            GroupByArg::Portfolio => GroupBy::Portfolio,
        }),
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
    };
    // Workers compute chunk n + 1 while the writer thread writes chunk n.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<BatchRow>>(2);
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
            let rows: Vec<BatchRow> = pool.install(|| chunk.par_iter().map(process).collect());
            progress.inc(chunk.len() as u64);
            if sender.send(rows).is_err() || unreadable.is_some() {
                break; // the writer stopped (an error it will report), or the input failed
            }
        }
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|_| Err(Failure("the output writer failed".into())))
    })?;
    if let Some(failure) = unreadable {
        return Err(failure);
    }
    progress.finish_and_clear();
    if let Destination::File { tmp, path } = destination {
        tmp.persist(&path)
            .map_err(|e| Failure(format!("cannot write {}: {}", path.display(), e.error)))?;
    }

    let [ok, warnings, errors] = counts;
    noteln!(
        "nytta: {} submissions: {ok} ok, {warnings} with warnings, {errors} with errors",
        ok + warnings + errors
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
    /// Rows per status: ok, warnings, error.
    counts: [usize; 3],
    /// Rows held back for ranking, with their sort keys.
    kept: Vec<(RankKey, Held)>,
    /// The reader of standard output went away: compute on, write nothing more.
    closed: bool,
}

impl Collector {
    fn run(mut self, rows: std::sync::mpsc::Receiver<Vec<BatchRow>>) -> Result<[usize; 3], Failure> {
        for chunk in rows {
            for row in chunk {
                self.counts[row.status as usize] += 1;
                if let Some(by) = self.group_by {
                    self.groups.add(by, &row);
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
        Ok(())
    }
}

/// A closed pipe ends the output quietly (`Ok(true)`); other write errors fail.
fn broken_pipe(e: std::io::Error) -> Result<bool, Failure> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(true)
    } else {
        Err(Failure(format!("cannot write the output: {e}")))
    }
}
