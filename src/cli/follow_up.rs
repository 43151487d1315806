//! `nytta follow-up FILE [--actuals FILE.csv] [--as-of YEAR] [--format …] [--template]`

use super::{Failure, Outcome, input, output};
use clap::ValueEnum;
use nytta::engine::followup::{Forecast, follow_up_with};
use nytta::model::actuals::{Actuals, decode_text, parse_actuals_csv};
use nytta::report::builder::followup::{build, build_with_chart};
use nytta::report::diagnostics::{FileDiagnostics, human};
use nytta::report::{csv, html, json, markdown, table};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (its `actuals` are used too).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Actuals CSV `line,year,amount[,kind]`; overrides the file's actuals.
    #[arg(long, value_name = "FILE.csv")]
    actuals: Option<PathBuf>,
    /// Follow up to and including this year (default: the latest year with an actual,
    /// else last year).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    as_of: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the actuals CSV to fill in (one row per line, kind and past year, with the
    /// line's name, the planned figure to overwrite, and a comment column).
    #[arg(long)]
    template: bool,
    /// How to forecast the years after the follow-up year: `trend` scales each line's
    /// plan by its realisation so far (actual / planned), `plan` keeps the plan.
    #[arg(long, value_enum, default_value_t = ForecastArg::Trend)]
    forecast: ForecastArg,
    #[command(flatten)]
    excel: super::args::Excel,
    /// Exit with code 1 when the file has warnings (the report is written all the same).
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    output: super::args::Output,
    #[command(flatten)]
    set: super::set::SetArgs,
}

/// `--forecast`, here and in `nytta batch --follow-up`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ForecastArg {
    Plan,
    Trend,
}

impl From<ForecastArg> for Forecast {
    fn from(f: ForecastArg) -> Forecast {
        match f {
            ForecastArg::Plan => Forecast::Plan,
            ForecastArg::Trend => Forecast::Trend,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// One self-contained HTML page with a chart of planned against actual per year.
    Html,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    // The template is a CSV whatever the format.
    args.excel.only_with_csv(args.format == Format::Csv || args.template)?;
    if args.template && !matches!(args.format, Format::Csv | Format::Table) {
        return Err(fail!(
            sv: "--template skriver alltid en CSV-fil att fylla i: ta bort --format (eller ange --format csv)";
            en: "--template always writes a CSV file to fill in: drop --format (or give --format csv)"
        ));
    }
    let inputs: Vec<PathBuf> = std::iter::once(args.file.clone()).chain(args.actuals.clone()).collect();
    let target = super::output_target(&args.output.file, &inputs)?;
    let Some(loaded) = input::load_project(&args.file, &args.set.overrides())? else {
        return Ok(Outcome::Invalid);
    };
    let (project, base) = (&loaded.project, &loaded.base);
    let mut actuals = Actuals::from_project(project);
    if let Some(csv_path) = &args.actuals {
        let limit = nytta::limits::MAX_ACTUALS_CSV_BYTES;
        let Some(bytes) = input::read_limited(csv_path, limit)? else {
            input::actuals_too_large(csv_path, limit);
            return Ok(Outcome::Invalid);
        };
        let csv_text = decode_text(&bytes);
        drop(bytes);
        match parse_actuals_csv(&csv_text, project) {
            Ok(from_csv) => actuals = actuals.merged_with(&from_csv),
            Err(problems) => {
                let shown = csv_path.display().to_string();
                note!(
                    "{}",
                    human(&FileDiagnostics {
                        path: &shown,
                        text: &csv_text,
                        diagnostics: &problems,
                        omitted: Default::default(),
                        lang: super::lang(),
                    })
                );
                return Ok(Outcome::Invalid);
            }
        }
    }
    let last_horizon_year = project.end_year() - 1;
    // Last year by default, but never a year of the horizon that has not closed yet: a
    // project that starts this year or later has nothing due (D97).
    let defaulted = args.as_of.or(actuals.latest_year()).is_none();
    let as_of = args
        .as_of
        .or(actuals.latest_year())
        .unwrap_or_else(|| default_as_of(project.start_year, last_horizon_year));
    if let Some(given) = args.as_of.filter(|_| !args.template) {
        as_of_note(given, project.start_year, last_horizon_year);
    }
    let style = args.excel.style();
    let mut flagged = !loaded.warnings.is_empty();
    let rendered = if args.template {
        // The template of a project not yet started still lists its first year, to fill in.
        let as_of = if defaulted {
            as_of.max(project.start_year)
        } else {
            as_of
        };
        csv::follow_up_template(project, base, as_of, style)
    } else {
        let fu = follow_up_with(project, base, &actuals, as_of, args.forecast.into());
        let flags = nytta::check::followup::flags(project, &fu, &actuals);
        flagged |= !flags.is_empty();
        match args.format {
            Format::Json => json::follow_up(project, base, &fu, &flags, super::json_lang()),
            Format::Csv => csv::follow_up(project, &fu, style),
            Format::Table => table::render_document_at(
                &build(project, base, &fu, &flags, super::lang()),
                super::width(target.is_some()),
            ),
            Format::Markdown => markdown::render_document(&build(project, base, &fu, &flags, super::lang())),
            Format::Html => {
                let lang = super::lang();
                html::render_document(&build_with_chart(project, base, &fu, &flags, lang), lang)
            }
        }
    };
    output::emit(target.as_deref(), rendered.as_bytes())?;
    Ok(if args.deny_warnings && flagged {
        Outcome::Invalid
    } else {
        Outcome::Ok
    })
}

/// The current calendar year (UTC), from the system clock.
/// The default `--as-of` with no actuals: last calendar year, within the horizon, or
/// the year before it starts when it starts this year or later (nothing is due then).
/// A note on standard error when a given `--as-of` cannot be what was meant: before the
/// horizon (nothing is followed up), after it, or a year that has not closed (actuals
/// are asked for that cannot exist yet). The follow-up is made as asked.
fn as_of_note(as_of: i32, start_year: i32, last_year: i32) {
    let this_year = current_year();
    let note = if as_of < start_year {
        Some(say!(
            sv: "--as-of {as_of} ligger före kalkylperioden {start_year}–{last_year}: inget utfall följs upp";
            en: "--as-of {as_of} is before the horizon {start_year}–{last_year}: no actual is followed up"
        ))
    } else if as_of > last_year {
        Some(say!(
            sv: "--as-of {as_of} ligger efter kalkylperioden {start_year}–{last_year}: uppföljningen går till {last_year}";
            en: "--as-of {as_of} is after the horizon {start_year}–{last_year}: the follow-up goes to {last_year}"
        ))
    } else if as_of >= this_year {
        Some(say!(
            sv: "--as-of {as_of} är ett år som inte har slutat: utfall som saknas för det kan inte finnas än";
            en: "--as-of {as_of} is a year that has not closed: actuals missing for it cannot exist yet"
        ))
    } else {
        None
    };
    if let Some(note) = note {
        noteln!("nytta: {note}");
    }
}

pub(super) fn default_as_of(start_year: i32, last_horizon_year: i32) -> i32 {
    (current_year() - 1).clamp(start_year - 1, last_horizon_year)
}

pub(super) fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_unix_day((seconds / 86_400) as i64)
}

/// The civil year of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn year_of_unix_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::year_of_unix_day;

    #[test]
    fn civil_year_of_day() {
        assert_eq!(year_of_unix_day(0), 1970);
        assert_eq!(year_of_unix_day(365), 1971);
        assert_eq!(year_of_unix_day(20_453), 2025); // 2025-12-31
        assert_eq!(year_of_unix_day(20_454), 2026); // 2026-01-01
        assert_eq!(year_of_unix_day(-1), 1969);
    }
}
