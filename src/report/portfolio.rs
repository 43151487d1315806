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

/// A project's money cells: empty for one that could not be followed up (it has no
/// figures, not zeros), as plain `batch` leaves an error row's figures empty.
fn project_money_cells(p: &ProjectFollowUp) -> Vec<Cell> {
    if p.error.is_some() {
        return vec![Cell::Empty; MONEY.len()];
    }
    money_cells(&p.totals, p.planned_npv, p.forecast_npv)
}

fn flags(p: &ProjectFollowUp) -> String {
    p.flags.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// CSV: the projects, worst first; an empty line; the groups. With `--excel` the
/// headers are worded for people, in `style.lang`.
/// Error messages are in `lang`.
pub fn csv(
    projects: &[ProjectFollowUp],
    groups: &[GroupFollowUp],
    total: &GroupFollowUp,
    style: CsvStyle,
    lang: Lang,
) -> String {
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
            Cell::opt_number(p.error.is_none().then(|| p.as_of.to_string())),
        ];
        r.extend(project_money_cells(p));
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
    // The groups, then the whole portfolio: `total` for scripts, *Hela portföljen* for
    // people, as the table and the workbook end.
    let whole = if style.excel {
        Label::PortfolioTotal.text(style.lang)
    } else {
        "total"
    };
    for (g, name) in groups.iter().map(|g| (g, g.group.as_str())).chain([(total, whole)]) {
        let mut r = vec![
            Cell::text(name),
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

/// The figures of a project or group; every one `null` for a project that could not be
/// followed up.
#[derive(Serialize)]
struct TotalsOut {
    planned_costs: Option<String>,
    actual_costs: Option<String>,
    planned_benefits: Option<String>,
    actual_benefits: Option<String>,
    planned_harvest: Option<String>,
    actual_harvest: Option<String>,
    realisation_rate: Option<String>,
    missing: Option<usize>,
    planned_npv: Option<String>,
    forecast_npv: Option<String>,
}

impl TotalsOut {
    fn new(t: &FollowUpTotals, planned_npv: Decimal, forecast_npv: Decimal) -> Self {
        let money = |d| Some(money_plain(d));
        TotalsOut {
            planned_costs: money(t.planned_costs),
            actual_costs: money(t.actual_costs),
            planned_benefits: money(t.planned_benefits),
            actual_benefits: money(t.actual_benefits),
            planned_harvest: money(t.planned_harvest),
            actual_harvest: money(t.actual_harvest),
            realisation_rate: t.realisation_rate.map(rate_plain),
            missing: Some(t.missing),
            planned_npv: money(planned_npv),
            forecast_npv: money(forecast_npv),
        }
    }

    /// A project's figures: none for one that could not be followed up.
    fn of_project(p: &ProjectFollowUp) -> Self {
        if p.error.is_some() {
            return TotalsOut {
                planned_costs: None,
                actual_costs: None,
                planned_benefits: None,
                actual_benefits: None,
                planned_harvest: None,
                actual_harvest: None,
                realisation_rate: None,
                missing: None,
                planned_npv: None,
                forecast_npv: None,
            };
        }
        TotalsOut::new(&p.totals, p.planned_npv, p.forecast_npv)
    }
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    source: &'a str,
    id: &'a str,
    name: &'a str,
    group: &'a str,
    /// `null` for a project that could not be followed up.
    as_of: Option<i32>,
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
            as_of: p.error.is_none().then_some(p.as_of),
            totals: TotalsOut::of_project(p),
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
