//! `nytta batch --group-by stakeholder [--by-year]`: the per-stakeholder table and the
//! stakeholder × year matrix of costs and besparingskrav, as cells (CSV, xlsx), JSON
//! and a terminal table. Every figure comes summed from [`crate::portfolio`]; nothing
//! is computed here but the layout.

use super::Lang;
use super::csv::Cell;
use super::document::{Block, Chapter, Grid, right, wrapped};
use super::labels::Label as L;
use super::visible::visible;
use crate::fmt::{apportion, difference, grid, kronor, money_plain, round};
use crate::portfolio::{ShareMoney, ShareYear, StakeholderTable, StakeholderTotal};
use rust_decimal::Decimal;
use serde::Serialize;

/// The stakeholder table's columns.
pub const COLUMNS: &[&str] = &[
    "stakeholder_id",
    "stakeholder",
    "ids",
    "projects",
    "costs",
    "financial_benefits",
    "reallocation_benefits",
    "benefits",
    "net",
    "npv",
    "planned_harvest",
    "besparingskrav",
];

/// The measures of the year matrix, one row per stakeholder each.
pub const MEASURES: &[&str] = &["costs", "besparingskrav"];

fn money_cells(m: &ShareMoney) -> Vec<Cell> {
    [
        m.costs,
        m.financial_benefits,
        m.reallocation_benefits,
        m.benefits(),
        m.net(),
        m.npv,
        m.planned_harvest,
        m.besparingskrav,
    ]
    .into_iter()
    .map(|v| Cell::number(money_plain(v)))
    .collect()
}

/// The table's rows, header first, the portfolio's total last (id empty, name `total`).
pub fn table_cells(table: &StakeholderTable) -> Vec<Vec<Cell>> {
    let mut out = vec![COLUMNS.iter().map(|c| Cell::text(*c)).collect::<Vec<_>>()];
    for r in &table.rows {
        let mut row = vec![
            Cell::text(&r.id),
            Cell::text(&r.name),
            Cell::text(r.ids.join(" ")),
            Cell::number(r.projects.to_string()),
        ];
        row.extend(money_cells(&r.money));
        out.push(row);
    }
    let mut total = vec![Cell::Empty, Cell::text("total"), Cell::Empty, Cell::Empty];
    total.extend(money_cells(&table.total()));
    out.push(total);
    out
}

fn measure(r: &StakeholderTotal, year: i32, m: &str) -> Decimal {
    let y = StakeholderTable::year(r, year);
    if m == "costs" { y.costs } else { y.besparingskrav }
}

/// The year matrix: header (`stakeholder_id`, `stakeholder`, `measure`, the years,
/// `total`), then per stakeholder one row per measure, then the totals.
pub fn matrix_cells(table: &StakeholderTable) -> Vec<Vec<Cell>> {
    let mut header = vec![
        Cell::text("stakeholder_id"),
        Cell::text("stakeholder"),
        Cell::text("measure"),
    ];
    header.extend(table.years.iter().map(|y| Cell::text(y.to_string())));
    header.push(Cell::text("total"));
    let mut out = vec![header];
    for r in &table.rows {
        for m in MEASURES {
            let mut row = vec![Cell::text(&r.id), Cell::text(&r.name), Cell::text(*m)];
            row.extend(table.years.iter().map(|&y| Cell::number(money_plain(measure(r, y, m)))));
            let total = if *m == "costs" {
                r.money.costs
            } else {
                r.money.besparingskrav
            };
            row.push(Cell::number(money_plain(total)));
            out.push(row);
        }
    }
    let t = table.total();
    for m in MEASURES {
        let mut row = vec![Cell::Empty, Cell::text("total"), Cell::text(*m)];
        row.extend(table.years.iter().map(|&y| {
            let yt = table.year_total(y);
            Cell::number(money_plain(if *m == "costs" { yt.costs } else { yt.besparingskrav }))
        }));
        row.push(Cell::number(money_plain(if *m == "costs" {
            t.costs
        } else {
            t.besparingskrav
        })));
        out.push(row);
    }
    out
}

#[derive(Serialize)]
struct JsonMoney {
    costs: String,
    financial_benefits: String,
    reallocation_benefits: String,
    benefits: String,
    net: String,
    npv: String,
    planned_harvest: String,
    besparingskrav: String,
}

impl From<&ShareMoney> for JsonMoney {
    fn from(m: &ShareMoney) -> Self {
        JsonMoney {
            costs: money_plain(m.costs),
            financial_benefits: money_plain(m.financial_benefits),
            reallocation_benefits: money_plain(m.reallocation_benefits),
            benefits: money_plain(m.benefits()),
            net: money_plain(m.net()),
            npv: money_plain(m.npv),
            planned_harvest: money_plain(m.planned_harvest),
            besparingskrav: money_plain(m.besparingskrav),
        }
    }
}

#[derive(Serialize)]
struct JsonYear {
    year: i32,
    costs: String,
    benefits: String,
    planned_harvest: String,
    besparingskrav: String,
}

#[derive(Serialize)]
struct JsonStakeholder<'a> {
    id: &'a str,
    name: &'a str,
    ids: &'a [String],
    projects: usize,
    #[serde(flatten)]
    money: JsonMoney,
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<Vec<JsonYear>>,
}

/// The JSON keys after `results`: `"group_by": "stakeholder"`, `"stakeholders"` (with
/// `years` under each with `--by-year`) and `"stakeholder_total"`; starts with `,`.
pub fn json_tail(table: &StakeholderTable) -> std::io::Result<String> {
    let items: Vec<JsonStakeholder> = table
        .rows
        .iter()
        .map(|r| JsonStakeholder {
            id: &r.id,
            name: &r.name,
            ids: &r.ids,
            projects: r.projects,
            money: (&r.money).into(),
            years: table.by_year.then(|| {
                table
                    .years
                    .iter()
                    .map(|&y| {
                        let s = StakeholderTable::year(r, y);
                        JsonYear {
                            year: y,
                            costs: money_plain(s.costs),
                            benefits: money_plain(s.benefits),
                            planned_harvest: money_plain(s.planned_harvest),
                            besparingskrav: money_plain(s.besparingskrav),
                        }
                    })
                    .collect()
            }),
        })
        .collect();
    let mut out = String::from(",\n  \"group_by\": \"stakeholder\",\n  \"stakeholders\": ");
    out.push_str(&serde_json::to_string(&items).map_err(std::io::Error::from)?);
    out.push_str(",\n  \"stakeholder_total\": ");
    out.push_str(&serde_json::to_string(&JsonMoney::from(&table.total())).map_err(std::io::Error::from)?);
    Ok(out)
}

fn shown(r: &StakeholderTotal) -> String {
    if r.name == r.id || r.name.is_empty() {
        visible(&r.id).into_owned()
    } else {
        format!("{} ({})", visible(&r.name), visible(&r.id))
    }
}

/// The terminal tables: per stakeholder, then (with `--by-year`) costs and
/// besparingskrav per stakeholder and year.
pub fn table_text(table: &StakeholderTable, lang: Lang, width: usize) -> String {
    let l = |label: L| label.text(lang);
    let kr = |d: Decimal| kronor(d, lang);
    let mut out = format!("\n{}\n", super::table::wrap(l(L::PerStakeholderOverPortfolio), width));
    let mut t = super::batch::new_table(
        vec![
            l(L::Stakeholder),
            l(L::Projects2),
            l(L::Costs2),
            l(L::FinancialBenefits2),
            l(L::ReallocationBenefits2),
            l(L::Net),
            l(L::Npv2),
            l(L::PlannedHarvest2),
            l(L::Besparingskrav2),
        ],
        1,
    )
    .width(width);
    // As shown (docs/method.md, "Rounding"): each column adds up to the total row, the
    // benefits of each row to what the net is taken from, and the net is the benefits
    // less the costs as shown.
    let total = table.total();
    let column = |f: &dyn Fn(&ShareMoney) -> Decimal| {
        let exact: Vec<Decimal> = table.rows.iter().map(|r| f(&r.money)).collect();
        let sum = round(f(&total), 0);
        (apportion(&exact, sum, 0), sum)
    };
    let costs = column(&|m| m.costs);
    let benefits: Vec<Vec<Decimal>> = table
        .rows
        .iter()
        .map(|r| vec![r.money.financial_benefits, r.money.reallocation_benefits])
        .collect();
    let benefits = grid(&benefits, None, None, round(total.benefits(), 0));
    let net = difference(&benefits.rows, &costs.0);
    let npv = column(&|m| m.npv);
    let harvest = column(&|m| m.planned_harvest);
    let besparingskrav = column(&|m| m.besparingskrav);
    let money_row = |k: Option<usize>| {
        let pick = |c: &(Vec<Decimal>, Decimal)| kr(k.map_or(c.1, |k| c.0[k]));
        vec![
            pick(&costs),
            kr(k.map_or(benefits.columns[0], |k| benefits.cells[k][0])),
            kr(k.map_or(benefits.columns[1], |k| benefits.cells[k][1])),
            kr(k.map_or_else(|| difference(&[benefits.total], &[costs.1])[0], |k| net[k])),
            pick(&npv),
            pick(&harvest),
            pick(&besparingskrav),
        ]
    };
    for (k, r) in table.rows.iter().enumerate() {
        let mut row = vec![shown(r), r.projects.to_string()];
        row.extend(money_row(Some(k)));
        t.add_row(row);
    }
    let mut total_row = vec![l(L::Total).to_string(), String::new()];
    total_row.extend(money_row(None));
    t.add_row(total_row);
    out.push_str(&t.to_string());
    out.push('\n');
    if table.by_year {
        for (title, m) in [
            (L::CostsPerStakeholderAndYear, "costs"),
            (L::BesparingskravPerStakeholderAndYear, "besparingskrav"),
        ] {
            let years: Vec<String> = table.years.iter().map(i32::to_string).collect();
            let mut header = vec![l(L::Stakeholder)];
            header.extend(years.iter().map(String::as_str));
            header.push(l(L::Total));
            let mut t = super::batch::new_table(header, 1).width(width);
            let pick = |y: ShareYear| if m == "costs" { y.costs } else { y.besparingskrav };
            let exact: Vec<Vec<Decimal>> = table
                .rows
                .iter()
                .map(|r| table.years.iter().map(|&y| measure(r, y, m)).collect())
                .collect();
            let (rows, sum) = if m == "costs" { &costs } else { &besparingskrav };
            let years: Vec<Decimal> = table.years.iter().map(|&y| pick(table.year_total(y))).collect();
            let years = apportion(&years, *sum, 0);
            let by_year = grid(&exact, Some(rows), Some(&years), *sum);
            for (k, r) in table.rows.iter().enumerate() {
                let mut row = vec![shown(r)];
                row.extend(by_year.cells[k].iter().map(|v| kr(*v)));
                row.push(kr(by_year.rows[k]));
                t.add_row(row);
            }
            let mut row = vec![l(L::Total).to_string()];
            row.extend(by_year.columns.iter().map(|v| kr(*v)));
            row.push(kr(by_year.total));
            t.add_row(row);
            out.push_str(&format!("\n{}\n{t}\n", super::table::wrap(l(title), width)));
        }
    }
    out
}

/// The same tables as [`table_text`], as a chapter of the batch's HTML and Markdown page
/// ([`super::batch::HtmlOut`]): per stakeholder, then (with `--by-year`) costs and
/// besparingskrav per stakeholder and year. Totals are the table's exact sums.
pub fn chapter(table: &StakeholderTable, lang: Lang) -> Chapter {
    let l = |label: L| label.text(lang);
    let kr = |d: Decimal| kronor(d, lang);
    let mut grid = Grid::new(vec![
        wrapped(l(L::Stakeholder), 40),
        right(l(L::Projects2)),
        right(l(L::Costs2)),
        right(l(L::FinancialBenefits2)),
        right(l(L::ReallocationBenefits2)),
        right(l(L::Net)),
        right(l(L::Npv2)),
        right(l(L::PlannedHarvest2)),
        right(l(L::Besparingskrav2)),
    ]);
    let money_row = |m: &ShareMoney| {
        vec![
            kr(m.costs),
            kr(m.financial_benefits),
            kr(m.reallocation_benefits),
            kr(m.net()),
            kr(m.npv),
            kr(m.planned_harvest),
            kr(m.besparingskrav),
        ]
    };
    for r in &table.rows {
        let mut row = vec![shown(r), r.projects.to_string()];
        row.extend(money_row(&r.money));
        grid.row(row);
    }
    let mut total = vec![l(L::Total).to_string(), String::new()];
    total.extend(money_row(&table.total()));
    grid.total(total);
    let mut blocks = vec![Block::Grid(grid)];
    if table.by_year {
        for (title, m) in [
            (L::CostsPerStakeholderAndYear, "costs"),
            (L::BesparingskravPerStakeholderAndYear, "besparingskrav"),
        ] {
            let years: Vec<String> = table.years.iter().map(i32::to_string).collect();
            let mut columns = vec![wrapped(l(L::Stakeholder), 40)];
            columns.extend(years.iter().map(|y| right(y)));
            columns.push(right(l(L::Total)));
            let mut grid = Grid::new(columns).caption(l(title));
            let pick = |m2: &ShareMoney| if m == "costs" { m2.costs } else { m2.besparingskrav };
            for r in &table.rows {
                let mut row = vec![shown(r)];
                row.extend(table.years.iter().map(|&y| kr(measure(r, y, m))));
                row.push(kr(pick(&r.money)));
                grid.row(row);
            }
            let mut row = vec![l(L::Total).to_string()];
            row.extend(table.years.iter().map(|&y| {
                let yt = table.year_total(y);
                kr(if m == "costs" { yt.costs } else { yt.besparingskrav })
            }));
            row.push(kr(pick(&table.total())));
            grid.total(row);
            blocks.push(Block::Grid(grid));
        }
    }
    Chapter {
        heading: l(L::PerStakeholderOverPortfolio).to_string(),
        blocks,
    }
}
