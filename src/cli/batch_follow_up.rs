//! `nytta batch PATH... --follow-up [--actuals-dir DIR] [--as-of YEAR]`: every project
//! followed up (plan against actuals to date, realisation rate, flags W201–W204,
//! overdue follow-ups), sorted worst first, with sums per group.
//!
//! Actuals come from each file's `actuals`, and from `DIR/<id>.csv` or
//! `DIR/<file stem>.csv` when `--actuals-dir` is given (the CSV wins for the same line,
//! kind and year, as in `nytta follow-up --actuals`). The years after are forecast by
//! trend. Summaries are small, so the whole portfolio is held to sort it.

use super::{Failure, Outcome, input, output};
use nytta::analysis::analyse;
use nytta::engine::followup::{Forecast, follow_up_with};
use nytta::model::actuals::{Actuals, decode_text, parse_actuals_csv};
use nytta::portfolio::{ProjectFollowUp, group_follow_ups};
use nytta::report::csv::CsvStyle;
use nytta::report::{Lang, portfolio};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What `--follow-up` needs from `nytta batch`'s arguments.
pub struct Settings {
    pub files: Vec<PathBuf>,
    pub actuals_dir: Option<PathBuf>,
    pub as_of: Option<i32>,
    pub by_portfolio: bool,
    pub format: Format,
    pub style: CsvStyle,
    pub lang: Lang,
    pub output: Option<PathBuf>,
}

/// The formats `--follow-up` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Table,
}

fn one(path: &Path, s: &Settings) -> ProjectFollowUp {
    let source = path.display().to_string();
    let mut out = ProjectFollowUp {
        source: source.clone(),
        id: String::new(),
        name: String::new(),
        group: String::new(),
        as_of: 0,
        totals: Default::default(),
        flags: Vec::new(),
        overdue: false,
        error: None,
    };
    let text = match std::fs::read(path) {
        Ok(bytes) if bytes.len() as u64 <= nytta::limits::MAX_PROJECT_BYTES => {
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Ok(_) => {
            out.error = Some(input::too_large(nytta::limits::MAX_PROJECT_BYTES, "a project file"));
            return out;
        }
        Err(e) => {
            out.error = Some(format!("cannot read the file: {e}"));
            return out;
        }
    };
    let analysis = analyse(&text);
    out.id = analysis.header.id.clone();
    out.name = analysis.header.name.clone();
    out.group = if s.by_portfolio {
        analysis.header.portfolio.clone()
    } else {
        analysis.header.organisation.clone()
    };
    let (Some(project), Some(base)) = (&analysis.project, &analysis.base) else {
        out.error = Some("the file does not validate: run nytta check".into());
        return out;
    };
    let mut actuals = Actuals::from_project(project);
    if let Some(dir) = &s.actuals_dir {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let candidates = [project.id.clone().unwrap_or_default(), stem];
        if let Some(csv) = candidates
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| dir.join(format!("{c}.csv")))
            .find(|p| p.is_file())
        {
            match std::fs::read(&csv) {
                Ok(bytes) => match parse_actuals_csv(&decode_text(&bytes), project) {
                    Ok(from_csv) => actuals = actuals.merged_with(&from_csv),
                    Err(problems) => {
                        out.error = Some(format!(
                            "{}: {}",
                            csv.display(),
                            problems
                                .first()
                                .map_or(String::new(), |d| d.message.get(super::lang()).to_string())
                        ));
                        return out;
                    }
                },
                Err(e) => {
                    out.error = Some(format!("cannot read {}: {e}", csv.display()));
                    return out;
                }
            }
        }
    }
    let last = project.end_year() - 1;
    out.as_of = s
        .as_of
        .or(actuals.latest_year())
        .unwrap_or_else(|| (super::follow_up::current_year() - 1).clamp(project.start_year, last));
    let fu = follow_up_with(project, base, &actuals, out.as_of, Forecast::Trend);
    let flags = nytta::check::followup::flags(project, &fu, &actuals);
    out.flags = flags.iter().map(|d| d.code).collect();
    out.flags.sort();
    out.flags.dedup();
    out.overdue = nytta::check::followup::is_overdue(&flags);
    out.totals = fu.totals;
    out
}

/// Follow up every file, sort worst first, sum per group and write.
pub fn run(s: Settings) -> Result<Outcome, Failure> {
    let mut projects: Vec<ProjectFollowUp> = s.files.par_iter().map(|p| one(p, &s)).collect();
    projects.sort_by_key(ProjectFollowUp::worst_first_key);
    let groups = group_follow_ups(&projects);
    let text = match s.format {
        Format::Csv => portfolio::csv(&projects, &groups, s.style),
        Format::Json => portfolio::json(&projects, &groups),
        Format::Table => portfolio::table(&projects, &groups, s.lang),
    };
    output::emit(s.output.as_deref(), text.as_bytes())?;
    let errors = projects.iter().filter(|p| p.error.is_some()).count();
    let overdue = projects.iter().filter(|p| p.overdue).count();
    noteln!(
        "nytta: {} projects followed up: {overdue} overdue for follow-up, {errors} could not be followed up",
        projects.len()
    );
    Ok(if errors > 0 { Outcome::Invalid } else { Outcome::Ok })
}
