//! The portfolio's builders: for `nytta batch --format html`, the ranked table, a bar
//! chart of NPV per project and the sums per group and year, as a [`Document`] (the
//! batch writer collects the rows' cells as they come and hands them over at the end);
//! for `nytta batch --follow-up`, the portfolio follow-up as a [`Document`] (table,
//! Markdown, HTML: [`follow_up`]) and as a workbook ([`follow_up_sheets`]), both from
//! the same figures.

use crate::batch::YearSlice;
use crate::engine::followup::{FollowUpTotals, Forecast};
use crate::portfolio::{GroupFollowUp, ProjectFollowUp};
use crate::report::Lang;
use crate::report::chart::one_line;
use crate::report::document::{Block, Chapter, Document, Grid, MISSING, left, right, wrapped};
use crate::report::labels::Label as L;
use crate::report::sheet::{Sheet, Style, XCell};
use rust_decimal::Decimal;

/// Projects shown in the NPV chart at most (the table has them all).
pub const CHART_PROJECTS: usize = 40;

/// The portfolio page: `rows` are the result table's formatted cells (place, source,
/// name, status, codes, costs, benefits, NPV, BCR, IRR, payback, harvest) in the
/// table's order, `npv` the name and NPV of each computed row in the same order,
/// `groups` the sums per group and year (a year of `None` is the group's total).
pub fn build(
    rows: Vec<Vec<String>>,
    npv: &[(String, Decimal)],
    groups: Option<&[(String, Option<i32>, YearSlice)]>,
    lang: Lang,
) -> Document {
    let l = |label: L| label.text(lang);
    let mut table = Grid::new(vec![
        right(l(L::Rank)),
        wrapped(l(L::Source), 40),
        wrapped(l(L::Name), 40),
        left(l(L::Status)),
        left(l(L::Codes)),
        right(l(L::Costs2)),
        right(l(L::Benefits2)),
        right(l(L::Npv2)),
        right(crate::report::labels::column("bcr", lang).unwrap_or("BCR")),
        right(crate::report::labels::column("irr", lang).unwrap_or("IRR")),
        right(l(L::Payback2)),
        right(l(L::Harvest2)),
    ]);
    for r in rows {
        table.row(r);
    }
    let mut blocks = Vec::new();
    if !npv.is_empty() {
        let shown = npv.len().min(CHART_PROJECTS);
        if shown < npv.len() {
            blocks.push(Block::Text(format!("{} {shown}.", l(L::ChartFirstProjects))));
        }
        let (names, npvs) = npv.iter().take(shown).cloned().unzip();
        blocks.push(Block::Chart(Box::new(super::chart::npv_per_project(names, npvs, lang))));
    }
    blocks.push(Block::Grid(table));
    let mut chapters = vec![Chapter {
        heading: l(L::Projects).to_string(),
        blocks,
    }];
    if let Some(groups) = groups {
        let mut grid = Grid::new(vec![
            wrapped(l(L::Group), 40),
            left(l(L::Year2)),
            right(l(L::Costs2)),
            right(l(L::Benefits2)),
            right(l(L::Npv2)),
            right(l(L::Harvest2)),
        ]);
        let kr = |d: Decimal| crate::fmt::kronor(d, lang);
        for (group, year, s) in groups {
            let cells = vec![
                group.clone(),
                year.map_or_else(|| l(L::Total).to_string(), |y| y.to_string()),
                kr(s.costs),
                kr(s.benefits),
                kr(s.npv),
                kr(s.planned_harvest),
            ];
            if year.is_none() {
                grid.total(cells);
            } else {
                grid.row(cells);
            }
        }
        chapters.push(Chapter {
            heading: l(L::SumsPerGroup).to_string(),
            blocks: vec![Block::Grid(grid)],
        });
    }
    Document {
        title: l(L::Portfolio).to_string(),
        facts: Vec::new(),
        description: None,
        chapters,
    }
}

/// One value of the portfolio follow-up, before it is formatted (a document's cell) or
/// typed (a workbook's cell).
enum Value {
    Text(String),
    Money(Decimal),
    Rate(Option<Decimal>),
    Whole(Option<i64>),
    /// No figure: a project that could not be followed up.
    Missing,
}

impl Value {
    fn cell(&self, lang: Lang) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Money(d) => crate::fmt::kronor(*d, lang),
            Value::Rate(r) => r.map_or_else(|| MISSING.to_string(), |r| crate::fmt::percent(r, lang)),
            Value::Whole(n) => n.map_or_else(|| MISSING.to_string(), |n| n.to_string()),
            Value::Missing => MISSING.to_string(),
        }
    }
    fn xcell(self) -> XCell {
        match self {
            Value::Text(t) => XCell::Text(t),
            // To the öre, as the CSV shows it and plain `batch`'s workbook writes it.
            Value::Money(d) => XCell::Number(crate::fmt::round(d, 2), Style::Money),
            Value::Rate(r) => r.map_or(XCell::Empty, |r| XCell::Number(r, Style::Percent)),
            Value::Whole(n) => n.map_or(XCell::Empty, |n| XCell::Number(n.into(), Style::Integer)),
            Value::Missing => XCell::Empty,
        }
    }
}

/// The figures after a project's or group's own columns, headed by [`FIGURES`] (a
/// document) or [`FIGURES_SHEET`] (a workbook).
fn figures(t: &FollowUpTotals, planned_npv: Decimal, forecast_npv: Decimal) -> Vec<Value> {
    vec![
        Value::Money(t.planned_costs),
        Value::Money(t.actual_costs),
        Value::Money(t.planned_benefits),
        Value::Money(t.actual_benefits),
        Value::Money(t.planned_harvest),
        Value::Money(t.actual_harvest),
        Value::Rate(t.realisation_rate),
        Value::Money(planned_npv),
        Value::Money(forecast_npv),
    ]
}

/// A project's figures: none for one that could not be followed up (an unreadable
/// submission is not a project with NPV 0), as plain `batch` shows an error row.
fn project_figures(p: &ProjectFollowUp) -> Vec<Value> {
    let figures = figures(&p.totals, p.planned_npv, p.forecast_npv);
    if p.error.is_some() {
        return figures.iter().map(|_| Value::Missing).collect();
    }
    figures
}

/// Short headers, for a document (its columns sit side by side: "Actual" after its plan).
const FIGURES: [L; 9] = [
    L::CostsPlanned,
    L::Actual,
    L::BenefitsPlanned,
    L::Actual,
    L::PlannedHarvest2,
    L::Actual,
    L::RealisationSoFar,
    L::NpvPlan,
    L::NpvReForecast,
];

/// Headers that stand alone, for a workbook's filters.
const FIGURES_SHEET: [L; 9] = [
    L::CostPlanned,
    L::CostActual,
    L::BenefitPlanned,
    L::BenefitActual,
    L::HarvestPlanned,
    L::HarvestActual,
    L::RealisationSoFar,
    L::NpvPlan,
    L::NpvReForecast,
];

fn name(p: &ProjectFollowUp) -> String {
    if p.name.is_empty() {
        p.source.clone()
    } else {
        p.name.clone()
    }
}

/// The name with the project id after it, or the file name when there is no id, so two
/// projects of the same name tell apart: `Bygglov som e-tjänst (SBF-2022-087)`.
fn name_and_id(p: &ProjectFollowUp) -> String {
    if p.name.is_empty() {
        return p.source.clone();
    }
    let id = if p.id.is_empty() {
        std::path::Path::new(&p.source)
            .file_name()
            .map_or_else(|| p.source.clone(), |f| f.to_string_lossy().into_owned())
    } else {
        p.id.clone()
    };
    if id.is_empty() {
        p.name.clone()
    } else {
        format!("{} ({id})", p.name)
    }
}

/// The flag codes, or why the project could not be followed up.
fn flags(p: &ProjectFollowUp, lang: Lang) -> String {
    match &p.error {
        Some(e) => e.get(lang).to_string(),
        None => p.flags.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" "),
    }
}

/// A project followed up has a year; one that could not be has none.
fn as_of(p: &ProjectFollowUp) -> Value {
    Value::Whole(p.error.is_none().then_some(p.as_of.into()))
}

fn group_values(g: &GroupFollowUp) -> Vec<Value> {
    let mut out = vec![
        Value::Text(g.group.clone()),
        Value::Whole(Some(g.projects as i64)),
        Value::Whole(Some(g.overdue as i64)),
    ];
    out.extend(figures(&g.totals, g.planned_npv, g.forecast_npv));
    out
}

/// The portfolio follow-up (`nytta batch --follow-up --format table|markdown|html`):
/// the projects worst first, the sums per group and for the whole portfolio, and every
/// flag per project.
pub fn follow_up(
    projects: &[ProjectFollowUp],
    groups: &[GroupFollowUp],
    total: &GroupFollowUp,
    forecast: Forecast,
    lang: Lang,
) -> Document {
    let l = |label: L| label.text(lang);
    let mut columns = vec![wrapped(l(L::Name), 36), wrapped(l(L::Group), 30), right(l(L::Year2))];
    columns.extend(FIGURES.iter().map(|h| right(l(*h))));
    columns.push(wrapped(l(L::Flags), 30));
    let mut table = Grid::new(columns);
    for p in projects {
        let mut values = vec![Value::Text(name(p)), Value::Text(p.group.clone()), as_of(p)];
        values.extend(project_figures(p));
        values.push(Value::Text(flags(p, lang)));
        table.row(values.iter().map(|v| v.cell(lang)).collect());
    }
    let mut columns = vec![wrapped(l(L::Group), 30), right(l(L::Projects2)), right(l(L::Overdue))];
    columns.extend(FIGURES.iter().map(|h| right(l(*h))));
    let mut sums = Grid::new(columns);
    for g in groups {
        sums.row(group_values(g).iter().map(|v| v.cell(lang)).collect());
    }
    let mut cells: Vec<String> = group_values(total).iter().map(|v| v.cell(lang)).collect();
    cells[0] = l(L::PortfolioTotal).to_string();
    sums.total(cells);
    let mut found = Grid::new(vec![wrapped(l(L::Name), 36), left(l(L::Code)), wrapped(l(L::Flag), 60)]);
    for p in projects {
        for (code, message) in &p.findings {
            found.row(vec![
                name_and_id(p),
                code.as_str().to_string(),
                message.get(lang).to_string(),
            ]);
        }
    }
    let forecast = match forecast {
        Forecast::Trend => L::ForecastTrend,
        Forecast::Plan => L::ForecastPlan,
    };
    Document {
        title: l(L::PortfolioFollowUp).to_string(),
        facts: Vec::new(),
        description: None,
        chapters: vec![
            Chapter {
                heading: l(L::PortfolioFollowUpWorstFirst).to_string(),
                blocks: vec![Block::Grid(table), Block::Text(l(forecast).to_string())],
            },
            Chapter {
                heading: l(L::PortfolioFollowUpPerGroup).to_string(),
                blocks: vec![Block::Grid(sums)],
            },
            Chapter {
                heading: l(L::FlagsPerProject).to_string(),
                blocks: vec![if found.rows.is_empty() {
                    Block::Text(l(L::NoFlags).to_string())
                } else {
                    Block::Grid(found)
                }],
            },
        ],
    }
}

/// The portfolio follow-up as a workbook (`--format xlsx`): the projects worst first,
/// the groups with the whole portfolio last, and the flags, one row each; headers in
/// `lang`.
pub fn follow_up_sheets(
    projects: &[ProjectFollowUp],
    groups: &[GroupFollowUp],
    total: &GroupFollowUp,
    lang: Lang,
) -> Vec<Sheet> {
    let t = |label: L| one_line(label.text(lang));
    let mut header = vec![t(L::Name), t(L::ProjectId), t(L::Group), t(L::Year2)];
    header.extend(FIGURES_SHEET.iter().map(|h| t(*h)));
    header.extend([t(L::MissingActuals), t(L::Flags), t(L::Source)]);
    let rows = projects
        .iter()
        .map(|p| {
            let mut values = vec![
                Value::Text(name(p)),
                Value::Text(p.id.clone()),
                Value::Text(p.group.clone()),
                as_of(p),
            ];
            values.extend(project_figures(p));
            values.extend([
                Value::Whole(p.error.is_none().then_some(p.totals.missing as i64)),
                Value::Text(flags(p, lang)),
                Value::Text(p.source.clone()),
            ]);
            values.into_iter().map(Value::xcell).collect()
        })
        .collect();
    let mut group_header = vec![t(L::Group), t(L::Projects2), t(L::Overdue)];
    group_header.extend(FIGURES_SHEET.iter().map(|h| t(*h)));
    let mut group_rows: Vec<Vec<XCell>> = groups
        .iter()
        .map(|g| group_values(g).into_iter().map(Value::xcell).collect())
        .collect();
    let mut last: Vec<XCell> = group_values(total).into_iter().map(Value::xcell).collect();
    last[0] = XCell::Text(t(L::PortfolioTotal));
    group_rows.push(last);
    let flag_rows = projects
        .iter()
        .flat_map(|p| {
            p.findings.iter().map(|(code, message)| {
                vec![
                    XCell::Text(name(p)),
                    XCell::Text(p.id.clone()),
                    XCell::Text(code.as_str().to_string()),
                    XCell::Text(message.get(lang).to_string()),
                ]
            })
        })
        .collect();
    vec![
        Sheet {
            name: t(L::Projects),
            header,
            rows,
            filter: true,
            totals: 0,
            notes: Vec::new(),
        },
        Sheet {
            name: t(L::SheetGroups),
            header: group_header,
            rows: group_rows,
            filter: true,
            totals: 1,
            notes: Vec::new(),
        },
        Sheet {
            name: t(L::Flags),
            header: vec![t(L::Name), t(L::ProjectId), t(L::Code), t(L::Flag)],
            rows: flag_rows,
            filter: true,
            totals: 0,
            notes: Vec::new(),
        },
    ]
}
