//! `nytta report FILE [--scenario NAME] [--format table|json|csv|markdown] [--lang sv|en]`

use super::{Failure, Outcome, input, output};
use clap::ValueEnum;
use nytta::diagnostic::did_you_mean;
use nytta::report::Section;
use nytta::report::{ReportInput, csv, html, json, markdown, table};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Scenario to compute (default: base, the plain file).
    #[arg(long, default_value = "base")]
    scenario: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The base case, every written scenario and the optimism presets side by side:
    /// NPV, NPV of financial benefits only, BCR, IRR, payback and planned harvest.
    #[arg(long, conflicts_with_all = ["scenario", "section"])]
    compare: bool,
    /// Only this part of the report (with `--format csv`: which table, default `years`).
    #[arg(long, value_enum)]
    section: Option<SectionArg>,
    #[command(flatten)]
    excel: super::args::Excel,
    /// Monte Carlo draws over the lines' ranges.
    #[arg(long, value_name = "N", default_value_t = nytta::engine::realism::DEFAULT_DRAWS,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(nytta::engine::realism::MAX_DRAWS)))]
    draws: u32,
    /// Seed of the Monte Carlo generator (the same seed gives the same figures).
    #[arg(long, value_name = "S", default_value_t = nytta::engine::realism::DEFAULT_SEED)]
    seed: u64,
    /// Exit with code 1 when the file has warnings (the report is written all the same).
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    output: super::args::Output,
    #[command(flatten)]
    set: super::set::SetArgs,
    /// Compute again whenever the file changes (Ctrl-C ends): the screen is cleared for
    /// `table`, `-o FILE` replaced atomically for every format.
    #[arg(long)]
    watch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// One self-contained HTML page with charts (print it to PDF from a browser).
    Html,
    /// An Excel workbook (needs `-o FILE.xlsx`).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SectionArg {
    Summary,
    /// What the figures rest on: discount rate, price level, hourly cost, rounding.
    Assumptions,
    /// How fragile the case is: break-even, optimism bias, Monte Carlo.
    Realism,
    Years,
    Lines,
    Stakeholders,
    /// The benefit realisation plan (nyttorealiseringsplan).
    Realisation,
    Qualitative,
    Sensitivity,
    Findings,
}

impl SectionArg {
    fn section(self) -> Section {
        match self {
            SectionArg::Summary => Section::Summary,
            SectionArg::Assumptions => Section::Assumptions,
            SectionArg::Realism => Section::Realism,
            SectionArg::Years => Section::Years,
            SectionArg::Lines => Section::Lines,
            SectionArg::Stakeholders => Section::Stakeholders,
            SectionArg::Realisation => Section::Realisation,
            SectionArg::Qualitative => Section::Qualitative,
            SectionArg::Sensitivity => Section::Sensitivity,
            SectionArg::Findings => Section::Findings,
        }
    }
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    args.excel.only_with_csv(args.format == Format::Csv)?;
    if args.format == Format::Xlsx {
        super::xlsx_output(args.output.file.as_deref())?;
    }
    if args.watch {
        let clear = args.format == Format::Table && args.output.file.is_none();
        return super::watch::watch(std::slice::from_ref(&args.file), clear, || run_once(&args));
    }
    run_once(&args)
}

fn run_once(args: &Args) -> Result<Outcome, Failure> {
    let target = super::output_target(&args.output.file, std::slice::from_ref(&args.file))?;
    let Some(loaded) = input::load_project(&args.file, &args.set.overrides())? else {
        return Ok(Outcome::Invalid);
    };
    let (project, base) = (&loaded.project, &loaded.base);
    if args.compare {
        let mut calcs = Vec::new();
        for name in project.scenario_names().iter().skip(1) {
            let Some(scenario) = project.scenario(name) else {
                continue;
            };
            match nytta::analysis::compute(project, &scenario) {
                Ok(c) => calcs.push(c),
                Err(d) => {
                    note!("{}", loaded.human(&[d]));
                    return Ok(Outcome::Invalid);
                }
            }
        }
        let all: Vec<&nytta::engine::Calculation> = std::iter::once(base).chain(calcs.iter()).collect();
        let rendered = match args.format {
            Format::Json => json::compare(&all),
            Format::Csv => csv::compare(&all, args.excel.style()),
            Format::Table => table::render_document_at(
                &nytta::report::builder::compare::build(project, &all, super::lang()),
                super::width(target.is_some()),
            ),
            Format::Markdown => {
                markdown::render_document(&nytta::report::builder::compare::build(project, &all, super::lang()))
            }
            Format::Html => {
                let lang = super::lang();
                html::render_document(&nytta::report::builder::compare::build(project, &all, lang), lang)
            }
            Format::Xlsx => {
                return Err(fail!(
                    sv: "--compare skriver table, markdown, html, json eller csv, inte xlsx";
                    en: "--compare writes table, markdown, html, json or csv, not xlsx"
                ));
            }
        };
        output::emit(target.as_deref(), rendered.as_bytes())?;
        return Ok(if args.deny_warnings && !loaded.warnings.is_empty() {
            Outcome::Invalid
        } else {
            Outcome::Ok
        });
    }
    let scenario_calc;
    let calc = match project.scenario(&args.scenario) {
        Some(scenario) if scenario.name == "base" => base,
        Some(scenario) => match nytta::analysis::compute(project, &scenario) {
            Ok(c) => {
                scenario_calc = c;
                &scenario_calc
            }
            Err(d) => {
                note!("{}", loaded.human(&[d]));
                return Ok(Outcome::Invalid);
            }
        },
        None => {
            let all = project.scenario_names();
            let names: Vec<&str> = all.iter().map(String::as_str).collect();
            let (scenario, file, names) = (&args.scenario, &loaded.path, names.join(", "));
            return Err(match did_you_mean(scenario, all.iter().map(String::as_str)) {
                Some(near) => fail!(
                    sv: "inget scenario `{scenario}` i {file}; menade du `{near}`?";
                    en: "no scenario `{scenario}` in {file}; did you mean `{near}`?"
                ),
                None => fail!(
                    sv: "inget scenario `{scenario}` i {file}; filen har: {names}";
                    en: "no scenario `{scenario}` in {file}; the file has: {names}"
                ),
            });
        }
    };
    let realism = match nytta::engine::realism::assess(
        project,
        calc,
        nytta::engine::realism::Draws {
            draws: args.draws,
            seed: args.seed,
        },
    ) {
        Ok(r) => r,
        Err(e) => {
            let d = nytta::analysis::engine_error(project, e);
            note!("{}", loaded.human(&[d]));
            return Ok(Outcome::Invalid);
        }
    };
    let findings = nytta::analysis::findings_for(project, calc, &loaded.warnings);
    let input = ReportInput {
        project,
        calc,
        findings: &findings,
        realism: Some(&realism),
        lang: if args.format == Format::Json {
            super::json_lang()
        } else {
            super::lang()
        },
    };
    let rendered = match (args.format, args.section) {
        (Format::Table, None) => table::render_at(&input, super::width(target.is_some())),
        (Format::Table, Some(section)) => {
            table::render_section_at(&input, section.section(), super::width(target.is_some()))
        }
        (Format::Markdown, None) => markdown::render(&input),
        (Format::Markdown, Some(section)) => markdown::render_section(&input, section.section()),
        (Format::Html, None) => html::render(&input),
        (Format::Html, Some(section)) => html::render_section(&input, section.section()),
        (Format::Xlsx, _) => {
            let bytes = nytta::report::xlsx::render(&input, super::xlsx_created()).map_err(super::workbook_failed)?;
            output::emit(target.as_deref(), &bytes)?;
            return Ok(outcome(args.deny_warnings, &findings));
        }
        (Format::Json, _) => json::render(&input),
        (Format::Csv, section) => {
            let section = section.unwrap_or(SectionArg::Years);
            let Some(text) = csv::render(&input, section.section(), args.excel.style()) else {
                let name = section
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_string());
                return Err(fail!(
                    sv: "--section {name} har ingen CSV-tabell; använd years, lines, stakeholders eller realisation";
                    en: "--section {name} has no CSV table; use years, lines, stakeholders or realisation"
                ));
            };
            text
        }
    };
    output::emit(target.as_deref(), rendered.as_bytes())?;
    Ok(outcome(args.deny_warnings, &findings))
}

fn outcome(deny_warnings: bool, findings: &[nytta::diagnostic::Diagnostic]) -> Outcome {
    if deny_warnings && !findings.is_empty() {
        Outcome::Invalid
    } else {
        Outcome::Ok
    }
}
