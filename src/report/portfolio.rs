//! `nytta batch --follow-up`: the portfolio's follow-up, per project (worst first) and
//! per group, as CSV and JSON. The figures come from [`crate::portfolio`] and the
//! engine's follow-up; this module lays them out. The human formats (table, Markdown,
//! HTML, xlsx) are built by [`super::builder::portfolio::follow_up`] and
//! [`super::builder::portfolio::follow_up_sheets`].

use super::Lang;
use super::csv::{Cell, CsvStyle, for_people, write_rows};
use super::labels::Label;
use crate::engine::followup::{FollowUpTotals, Forecast};
use crate::fmt::{money_plain, rate_plain};
use crate::portfolio::{GroupFollowUp, ProjectFollowUp};
use rust_decimal::Decimal;
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
    "planned_npv",
    "forecast_npv",
];

fn money_cells(t: &FollowUpTotals, planned_npv: Decimal, forecast_npv: Decimal) -> Vec<Cell> {
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
    out.push(Cell::number(money_plain(planned_npv)));
    out.push(Cell::number(money_plain(forecast_npv)));
    out
}

fn flags(p: &ProjectFollowUp) -> String {
    p.flags.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// CSV: the projects, worst first; an empty line; the groups. With `--excel` the
/// headers are worded for people, in `style.lang`.
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
        r.extend(money_cells(&p.totals, p.planned_npv, p.forecast_npv));
        r.push(Cell::text(flags(p)));
        // The plain CSV keeps its keys (`yes`/`no`); for people, in their language.
        let overdue = if p.overdue { Label::Yes } else { Label::No };
        r.push(Cell::text(if style.excel {
            overdue.text(style.lang)
        } else if p.overdue {
            "yes"
        } else {
            "no"
        }));
        r.push(Cell::opt_text(p.error.as_ref().map(|e| e.get(lang))));
        rows.push(r);
    }
    let mut out = write_rows(&for_people(rows, style), style);
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
        r.extend(money_cells(&g.totals, g.planned_npv, g.forecast_npv));
        rows.push(r);
    }
    // The second table without a second byte-order mark.
    let groups = write_rows(
        &for_people(rows, style),
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
    planned_npv: String,
    forecast_npv: String,
}

impl TotalsOut {
    fn new(t: &FollowUpTotals, planned_npv: Decimal, forecast_npv: Decimal) -> Self {
        TotalsOut {
            planned_costs: money_plain(t.planned_costs),
            actual_costs: money_plain(t.actual_costs),
            planned_benefits: money_plain(t.planned_benefits),
            actual_benefits: money_plain(t.actual_benefits),
            planned_harvest: money_plain(t.planned_harvest),
            actual_harvest: money_plain(t.actual_harvest),
            realisation_rate: t.realisation_rate.map(rate_plain),
            missing: t.missing,
            planned_npv: money_plain(planned_npv),
            forecast_npv: money_plain(forecast_npv),
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

fn group_out(g: &GroupFollowUp) -> GroupOut<'_> {
    GroupOut {
        group: &g.group,
        projects: g.projects,
        overdue: g.overdue,
        totals: TotalsOut::new(&g.totals, g.planned_npv, g.forecast_npv),
    }
}

#[derive(Serialize)]
struct GroupOut<'a> {
    group: &'a str,
    projects: usize,
    overdue: usize,
    #[serde(flatten)]
    totals: TotalsOut,
}

/// JSON: `{"format": 1, "forecast": …, "projects": [...], "groups": [...], "total": {...}}`,
/// projects worst first; error messages in `lang`.
pub fn json(
    projects: &[ProjectFollowUp],
    groups: &[GroupFollowUp],
    total: &GroupFollowUp,
    forecast: Forecast,
    lang: Lang,
) -> String {
    let mut total = serde_json::to_value(group_out(total)).unwrap_or_default();
    if let Some(t) = total.as_object_mut() {
        t.remove("group");
    }
    let out = serde_json::json!({
        "format": 1,
        "forecast": forecast.as_str(),
        "projects": projects.iter().map(|p| ProjectOut {
            source: &p.source,
            id: &p.id,
            name: &p.name,
            group: &p.group,
            as_of: p.as_of,
            totals: TotalsOut::new(&p.totals, p.planned_npv, p.forecast_npv),
            flags: p.flags.iter().map(|c| c.as_str()).collect(),
            overdue: p.overdue,
            error: p.error.as_ref().map(|e| e.get(lang)),
        }).collect::<Vec<_>>(),
        "groups": groups.iter().map(group_out).collect::<Vec<_>>(),
        "total": total,
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
