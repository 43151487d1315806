//! `nytta batch --follow-up`: the portfolio's follow-up, per project (worst first) and
//! per group, as CSV, JSON and a terminal table. The figures come from
//! [`crate::portfolio`] and the engine's follow-up; this module lays them out.

use super::Lang;
use super::csv::{Cell, CsvStyle, write_rows};
use super::labels::Label as L;
use super::visible::visible;
use crate::engine::followup::FollowUpTotals;
use crate::fmt::{kronor, money_plain, percent, rate_plain};
use crate::portfolio::{GroupFollowUp, ProjectFollowUp};
use serde::Serialize;

/// The money columns, after the project's or group's own.
const MONEY: &[&str] = &[
    "planned_costs",
    "actual_costs",
    "planned_benefits",
    "actual_benefits",
    "planned_harvest",
    "actual_harvest",
    "realisation_rate",
    "missing",
];

fn money_cells(t: &FollowUpTotals) -> Vec<Cell> {
    let mut out: Vec<Cell> = [
        t.planned_costs,
        t.actual_costs,
        t.planned_benefits,
        t.actual_benefits,
        t.planned_harvest,
        t.actual_harvest,
    ]
    .into_iter()
    .map(|v| Cell::number(money_plain(v)))
    .collect();
    out.push(Cell::opt_number(t.realisation_rate.map(rate_plain)));
    out.push(Cell::number(t.missing.to_string()));
    out
}

fn flags(p: &ProjectFollowUp) -> String {
    p.flags.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// CSV: the projects, worst first; an empty line; the groups.
/// Error messages are in `lang`.
pub fn csv(projects: &[ProjectFollowUp], groups: &[GroupFollowUp], style: CsvStyle, lang: Lang) -> String {
    let mut header: Vec<Cell> = ["source", "id", "name", "group", "as_of"]
        .iter()
        .chain(MONEY)
        .chain(&["flags", "overdue", "error"])
        .map(|c| Cell::text(*c))
        .collect();
    let mut rows = vec![header.clone()];
    for p in projects {
        let mut r = vec![
            Cell::text(&p.source),
            Cell::text(&p.id),
            Cell::text(&p.name),
            Cell::text(&p.group),
            Cell::number(p.as_of.to_string()),
        ];
        r.extend(money_cells(&p.totals));
        r.push(Cell::text(flags(p)));
        r.push(Cell::text(if p.overdue { "yes" } else { "no" }));
        r.push(Cell::opt_text(p.error.as_ref().map(|e| e.get(lang))));
        rows.push(r);
    }
    let mut out = write_rows(&rows, style);
    header = ["group", "projects", "overdue"]
        .iter()
        .chain(MONEY)
        .map(|c| Cell::text(*c))
        .collect();
    let mut rows = vec![header];
    for g in groups {
        let mut r = vec![
            Cell::text(&g.group),
            Cell::number(g.projects.to_string()),
            Cell::number(g.overdue.to_string()),
        ];
        r.extend(money_cells(&g.totals));
        rows.push(r);
    }
    // The second table without a second byte-order mark.
    let groups = write_rows(
        &rows,
        CsvStyle {
            excel: style.excel,
            ..style
        },
    );
    out.push_str("\r\n");
    out.push_str(groups.trim_start_matches('\u{feff}'));
    out
}

#[derive(Serialize)]
struct TotalsOut {
    planned_costs: String,
    actual_costs: String,
    planned_benefits: String,
    actual_benefits: String,
    planned_harvest: String,
    actual_harvest: String,
    realisation_rate: Option<String>,
    missing: usize,
}

impl From<&FollowUpTotals> for TotalsOut {
    fn from(t: &FollowUpTotals) -> Self {
        TotalsOut {
            planned_costs: money_plain(t.planned_costs),
            actual_costs: money_plain(t.actual_costs),
            planned_benefits: money_plain(t.planned_benefits),
            actual_benefits: money_plain(t.actual_benefits),
            planned_harvest: money_plain(t.planned_harvest),
            actual_harvest: money_plain(t.actual_harvest),
            realisation_rate: t.realisation_rate.map(rate_plain),
            missing: t.missing,
        }
    }
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    source: &'a str,
    id: &'a str,
    name: &'a str,
    group: &'a str,
    as_of: i32,
    #[serde(flatten)]
    totals: TotalsOut,
    flags: Vec<&'static str>,
    overdue: bool,
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    group: &'a str,
    projects: usize,
    overdue: usize,
    #[serde(flatten)]
    totals: TotalsOut,
}

/// JSON: `{"format": 1, "projects": [...], "groups": [...]}`, projects worst first;
/// error messages in `lang`.
pub fn json(projects: &[ProjectFollowUp], groups: &[GroupFollowUp], lang: Lang) -> String {
    let out = serde_json::json!({
        "format": 1,
        "projects": projects.iter().map(|p| ProjectOut {
            source: &p.source,
            id: &p.id,
            name: &p.name,
            group: &p.group,
            as_of: p.as_of,
            totals: (&p.totals).into(),
            flags: p.flags.iter().map(|c| c.as_str()).collect(),
            overdue: p.overdue,
            error: p.error.as_ref().map(|e| e.get(lang)),
        }).collect::<Vec<_>>(),
        "groups": groups.iter().map(|g| GroupOut {
            group: &g.group,
            projects: g.projects,
            overdue: g.overdue,
            totals: (&g.totals).into(),
        }).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// The terminal tables: projects worst first, then the groups.
pub fn table(projects: &[ProjectFollowUp], groups: &[GroupFollowUp], lang: Lang) -> String {
    let l = |label: L| label.text(lang);
    let kr = |d| kronor(d, lang);
    let rate = |t: &FollowUpTotals| t.realisation_rate.map_or_else(|| "–".into(), |r| percent(r, lang));
    let mut t = super::batch::new_table(
        vec![
            l(L::Name),
            l(L::Group),
            l(L::Year2),
            l(L::CostsPlanned),
            l(L::Actual),
            l(L::BenefitsPlanned),
            l(L::Actual),
            l(L::PlannedHarvest2),
            l(L::Actual),
            l(L::RealisationSoFar),
            l(L::Flags),
        ],
        2,
    );
    for p in projects {
        let s = &p.totals;
        let mut flags = flags(p);
        if let Some(e) = &p.error {
            flags = visible(e.get(lang)).into_owned();
        }
        t.add_row(vec![
            visible(&p.name).into_owned(),
            visible(&p.group).into_owned(),
            p.as_of.to_string(),
            kr(s.planned_costs),
            kr(s.actual_costs),
            kr(s.planned_benefits),
            kr(s.actual_benefits),
            kr(s.planned_harvest),
            kr(s.actual_harvest),
            rate(s),
            flags,
        ]);
    }
    let mut g = super::batch::new_table(
        vec![
            l(L::Group),
            l(L::Projects2),
            l(L::Overdue),
            l(L::CostsPlanned),
            l(L::Actual),
            l(L::BenefitsPlanned),
            l(L::Actual),
            l(L::PlannedHarvest2),
            l(L::Actual),
            l(L::RealisationSoFar),
        ],
        1,
    );
    for x in groups {
        let s = &x.totals;
        g.add_row(vec![
            visible(&x.group).into_owned(),
            x.projects.to_string(),
            x.overdue.to_string(),
            kr(s.planned_costs),
            kr(s.actual_costs),
            kr(s.planned_benefits),
            kr(s.actual_benefits),
            kr(s.planned_harvest),
            kr(s.actual_harvest),
            rate(s),
        ]);
    }
    format!(
        "{}\n{t}\n\n{}\n{g}\n",
        l(L::PortfolioFollowUpWorstFirst),
        l(L::PortfolioFollowUpPerGroup)
    )
}
