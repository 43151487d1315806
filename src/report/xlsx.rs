//! `nytta report FILE --format xlsx -o FILE.xlsx`: the nyttokalkyl as an Excel workbook
//! for the controller. Sheets (Swedish names by default, English with `--lang en`):
//! summary, assumptions, years, lines, stakeholders, benefit realisation, sensitivity
//! and findings.
//!
//! Numbers are numbers, never text; totals are formulas (`SUM`, and the summary refers
//! to the year sheet's totals) written with the engine's figure as their cached value,
//! so the workbook opens showing nytta's figures and a changed cell flows through.
//! Money is shown as `# ##0` (Excel's thousands separator, a space in Swedish Excel),
//! rates in percent format; header rows are frozen, tables have autofilters, columns
//! are as wide as their content. Text cells are neutralised against formulas and cut
//! to what a cell holds ([`super::batch::xlsx_text`]). The creation time is given, so
//! the same file gives the same bytes.
//!
//! [`workbook`] decides what goes in which cell (labels from the catalogue, figures
//! from the engine); [`write`] makes the bytes.

use super::batch::xlsx_text;
use super::labels::Label as L;
use super::{Lang, ReportInput};
use crate::engine::Calculation;
use crate::fmt::{number, round};
use crate::model::{Category, Class, Confidence, Line, Method, Project};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, XlsxError};

/// How a cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Whole units with a thousands separator.
    Money,
    /// A fraction in percent, one decimal.
    Percent,
    /// A factor with up to four decimals.
    Factor,
    /// A plain integer (years, months, counts).
    Integer,
}

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Empty,
    Text(String),
    Number(Decimal, Style),
    /// A formula (without `=`) and the value nytta computed for it.
    Formula(String, Decimal, Style),
}

/// One sheet: a header row, rows, and whether its rows get an autofilter (the last
/// `totals` rows are left out of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<XCell>>,
    pub filter: bool,
    /// Rows at the end that are totals (bold, outside the autofilter).
    pub totals: usize,
}

/// Render the workbook; `created` (seconds since 1970) is its stated creation time.
pub fn render(input: &ReportInput, created: i64) -> Result<Vec<u8>, XlsxError> {
    write(&workbook(input), created)
}

/// A1 reference of a zero-based row and column.
fn cell_ref(row: usize, col: usize) -> String {
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// A sheet name quoted for a formula.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

struct Builder<'a> {
    p: &'a Project,
    c: &'a Calculation,
    lang: Lang,
    lines: Vec<&'a Line>,
}

impl Builder<'_> {
    fn t(&self, label: L) -> String {
        super::chart::one_line(label.text(self.lang))
    }
    fn money(d: Decimal) -> XCell {
        XCell::Number(d, Style::Money)
    }
    fn text(s: impl Into<String>) -> XCell {
        XCell::Text(s.into())
    }
    fn category(&self, c: Category) -> String {
        self.t(match c {
            Category::Investment => L::Investment,
            Category::Operations => L::Operations,
            Category::Other => L::Other,
        })
    }
    fn kind(&self, line: &Line) -> String {
        match (line.category(), line.class()) {
            (Some(c), _) => self.category(c),
            (None, Some(Class::Financial)) => self.t(L::Financial),
            (None, Some(Class::Reallocation)) => self.t(L::Reallocation),
            (None, Some(Class::Qualitative)) => self.t(L::Qualitative),
            (None, None) => String::new(),
        }
    }
    fn method(&self, m: Method) -> String {
        self.t(match m {
            Method::BudgetReduction => L::BudgetReduction,
            Method::Redeployment => L::Redeployment,
            Method::Revenue => L::Revenue,
            Method::CostAvoidance => L::CostAvoidance,
            Method::Quality => L::Quality,
        })
    }
}

/// The year sheet's columns.
mod year_col {
    pub const YEAR: usize = 0;
    pub const INVESTMENT: usize = 1;
    pub const OPERATIONS: usize = 2;
    pub const OTHER: usize = 3;
    pub const COSTS: usize = 4;
    pub const FINANCIAL: usize = 5;
    pub const REALLOCATION: usize = 6;
    pub const BENEFITS: usize = 7;
    pub const NET: usize = 8;
    pub const CUMULATIVE: usize = 9;
    pub const FACTOR: usize = 10;
    pub const PV_COSTS: usize = 11;
    pub const PV_BENEFITS: usize = 12;
    pub const HARVEST: usize = 13;
}

/// Which sheet the assumptions' discount rate and start year are in: rows 2 and 3,
/// column B.
const RATE_ROW: usize = 1;
const START_ROW: usize = 2;

/// Decide every sheet and cell.
pub fn workbook(input: &ReportInput) -> Vec<Sheet> {
    let b = Builder {
        p: input.project,
        c: input.calc,
        lang: input.lang,
        lines: input.project.lines().collect(),
    };
    let assumptions_name = b.t(L::SheetAssumptions);
    let years_name = b.t(L::SheetYears);
    let years = years_sheet(&b, &years_name, &assumptions_name);
    let totals_row = years.rows.len(); // zero-based sheet row of the total (header is row 0)
    vec![
        summary_sheet(&b, &years_name, totals_row),
        assumptions_sheet(&b, &assumptions_name),
        years,
        lines_sheet(&b),
        stakeholders_sheet(&b),
        realisation_sheet(&b),
        sensitivity_sheet(&b),
        findings_sheet(&b, input),
    ]
}

fn assumptions_sheet(b: &Builder, name: &str) -> Sheet {
    let p = b.p;
    let a = &p.assumptions;
    let mut rows = vec![
        vec![b.label(L::DiscountRate2), XCell::Number(b.c.discount_rate, Style::Percent)],
        vec![
            b.label(L::Horizon),
            XCell::Number(Decimal::from(p.start_year), Style::Integer),
        ],
        vec![b.label(L::Years), XCell::Number(Decimal::from(p.years), Style::Integer)],
    ];
    for (label, value) in super::document::project_facts(p, b.c, b.lang) {
        rows.push(vec![Builder::text(label), Builder::text(value)]);
    }
    if let Some(h) = a.hourly_cost {
        rows.push(vec![b.label(L::HourlyCost), Builder::money(h)]);
    }
    rows.push(vec![b.label(L::Overhead), XCell::Number(a.overhead, Style::Percent)]);
    // Row 3 (B3) holds the first year for the discount factors: name it so.
    rows[START_ROW - 1][0] = Builder::text(format!("{} ({})", b.t(L::Horizon), b.t(L::From).to_lowercase()));
    Sheet {
        name: name.to_string(),
        header: vec![b.t(L::Item), b.t(L::Value)],
        rows,
        filter: false,
        totals: 0,
    }
}

impl Builder<'_> {
    fn label(&self, label: L) -> XCell {
        XCell::Text(self.t(label))
    }
}

fn years_sheet(b: &Builder, _name: &str, assumptions: &str) -> Sheet {
    use year_col::*;
    let header = [
        L::Year2,
        L::Investment2,
        L::Operations3,
        L::OtherCosts,
        L::TotalCostsPlain,
        L::FinancialBenefits,
        L::ReallocationBenefits,
        L::TotalBenefitsPlain,
        L::NetPlain,
        L::CumulativeNetPlain,
        L::DiscountFactorPlain,
        L::PvCosts,
        L::PvBenefits,
        L::PlannedHarvest,
    ]
    .map(|l| b.t(l))
    .to_vec();
    let rate = format!("{}!$B${}", quoted(assumptions), RATE_ROW + 1);
    let start = format!("{}!$B${}", quoted(assumptions), START_ROW + 1);
    let mut rows = Vec::new();
    let mut pv_costs = Decimal::ZERO;
    let mut pv_benefits = Decimal::ZERO;
    for (i, y) in b.c.years.iter().enumerate() {
        let r = i + 1;
        let at = |c: usize| cell_ref(r, c);
        let pvc = y.total_costs() * y.discount_factor;
        let pvb = y.total_benefits() * y.discount_factor;
        pv_costs += pvc;
        pv_benefits += pvb;
        let cumulative = if i == 0 {
            at(NET)
        } else {
            format!("{}+{}", cell_ref(r - 1, CUMULATIVE), at(NET))
        };
        rows.push(vec![
            XCell::Number(Decimal::from(y.year), Style::Integer),
            Builder::money(y.costs[Category::Investment.index()]),
            Builder::money(y.costs[Category::Operations.index()]),
            Builder::money(y.costs[Category::Other.index()]),
            XCell::Formula(
                format!("SUM({}:{})", at(INVESTMENT), at(OTHER)),
                y.total_costs(),
                Style::Money,
            ),
            Builder::money(y.financial_benefits),
            Builder::money(y.reallocation_benefits),
            XCell::Formula(
                format!("{}+{}", at(FINANCIAL), at(REALLOCATION)),
                y.total_benefits(),
                Style::Money,
            ),
            XCell::Formula(format!("{}-{}", at(BENEFITS), at(COSTS)), y.net(), Style::Money),
            XCell::Formula(cumulative, y.cumulative_net, Style::Money),
            XCell::Formula(
                format!("1/(1+{rate})^({}-{start})", at(YEAR)),
                y.discount_factor,
                Style::Factor,
            ),
            XCell::Formula(format!("{}*{}", at(COSTS), at(FACTOR)), pvc, Style::Money),
            XCell::Formula(format!("{}*{}", at(BENEFITS), at(FACTOR)), pvb, Style::Money),
            Builder::money(y.planned_harvest),
        ]);
    }
    let n = rows.len();
    let s = &b.c.summary;
    let sum = |c: usize, value: Decimal| {
        XCell::Formula(
            format!("SUM({}:{})", cell_ref(1, c), cell_ref(n.max(1), c)),
            value,
            Style::Money,
        )
    };
    rows.push(vec![
        b.label(L::Total),
        sum(INVESTMENT, s.costs[Category::Investment.index()]),
        sum(OPERATIONS, s.costs[Category::Operations.index()]),
        sum(OTHER, s.costs[Category::Other.index()]),
        sum(COSTS, s.total_costs()),
        sum(FINANCIAL, s.financial_benefits),
        sum(REALLOCATION, s.reallocation_benefits),
        sum(BENEFITS, s.total_benefits()),
        sum(NET, s.net()),
        XCell::Empty,
        XCell::Empty,
        sum(PV_COSTS, pv_costs),
        sum(PV_BENEFITS, pv_benefits),
        sum(HARVEST, s.planned_harvest),
    ]);
    Sheet {
        name: b.t(L::SheetYears),
        header,
        rows,
        filter: true,
        totals: 1,
    }
}

fn summary_sheet(b: &Builder, years: &str, total_row: usize) -> Sheet {
    use year_col::*;
    let s = &b.c.summary;
    let y = |c: usize| format!("{}!{}", quoted(years), cell_ref(total_row, c));
    let opt_number = |v: Option<Decimal>, style: Style| v.map_or(XCell::Empty, |v| XCell::Number(v, style));
    // Sheet rows: header 0, then 1.. in this order (B2 = investment…).
    let rows = vec![
        vec![b.label(L::Investment2), XCell::Formula(y(INVESTMENT), s.costs[0], Style::Money)],
        vec![b.label(L::Operations3), XCell::Formula(y(OPERATIONS), s.costs[1], Style::Money)],
        vec![b.label(L::OtherCosts), XCell::Formula(y(OTHER), s.costs[2], Style::Money)],
        vec![
            b.label(L::TotalCostsPlain),
            XCell::Formula("SUM(B2:B4)".into(), s.total_costs(), Style::Money),
        ],
        vec![
            b.label(L::FinancialBenefits),
            XCell::Formula(y(FINANCIAL), s.financial_benefits, Style::Money),
        ],
        vec![
            b.label(L::ReallocationBenefits),
            XCell::Formula(y(REALLOCATION), s.reallocation_benefits, Style::Money),
        ],
        vec![
            b.label(L::TotalBenefitsPlain),
            XCell::Formula("SUM(B6:B7)".into(), s.total_benefits(), Style::Money),
        ],
        vec![
            b.label(L::OfWhichHighConfidence),
            Builder::money(s.benefits_by_confidence[Confidence::High.index()]),
        ],
        vec![
            b.label(L::OfWhichMediumConfidence),
            Builder::money(s.benefits_by_confidence[Confidence::Medium.index()]),
        ],
        vec![
            b.label(L::OfWhichLowConfidence),
            Builder::money(s.benefits_by_confidence[Confidence::Low.index()]),
        ],
        vec![
            b.label(L::NetPlain),
            XCell::Formula("B8-B5".into(), s.net(), Style::Money),
        ],
        vec![XCell::Empty, XCell::Empty],
        vec![
            b.label(L::DiscountRate2),
            XCell::Formula(
                format!("{}!B{}", quoted(&b.t(L::SheetAssumptions)), RATE_ROW + 1),
                b.c.discount_rate,
                Style::Percent,
            ),
        ],
        vec![b.label(L::PvCosts), XCell::Formula(y(PV_COSTS), s.pv_costs, Style::Money)],
        vec![
            b.label(L::PvBenefits),
            XCell::Formula(y(PV_BENEFITS), s.pv_benefits, Style::Money),
        ],
        vec![
            b.label(L::NetPresentValueNpv),
            XCell::Formula("B16-B15".into(), s.npv, Style::Money),
        ],
        vec![b.label(L::NpvFinancialBenefitsOnly), Builder::money(s.npv_financial)],
        vec![
            b.label(L::NpvHighConfidenceBenefitsOnly),
            Builder::money(s.npv_high_confidence),
        ],
        vec![b.label(L::BenefitCostRatioBcr), opt_number(s.bcr, Style::Factor)],
        vec![b.label(L::InternalRateOfReturnIrr), opt_number(s.irr, Style::Percent)],
        vec![
            b.label(L::Payback),
            s.payback_month.map_or(XCell::Empty, |m| XCell::Text(m.to_string())),
        ],
        vec![
            b.label(L::PlannedHarvest),
            XCell::Formula(y(HARVEST), s.planned_harvest, Style::Money),
        ],
        vec![
            b.label(L::HarvestShareOfBenefits),
            opt_number(s.harvest_share, Style::Percent),
        ],
    ];
    Sheet {
        name: b.t(L::SheetSummary),
        header: vec![b.t(L::Item), b.t(L::Amount)],
        rows,
        filter: false,
        totals: 0,
    }
}

fn lines_sheet(b: &Builder) -> Sheet {
    let n = b.c.years.len();
    let mut header = vec![b.t(L::Line), b.t(L::Type), b.t(L::Confidence)];
    header.extend(b.c.years.iter().map(|y| y.year.to_string()));
    header.push(b.t(L::Total));
    header.push(b.t(L::PresentValuePlain));
    let mut rows = Vec::new();
    for costs in [true, false] {
        for f in &b.c.lines {
            let Some(line) = b.lines.get(f.index).filter(|l| l.is_cost() == costs && l.is_monetised()) else {
                continue;
            };
            let r = rows.len() + 1;
            let mut cells = vec![
                Builder::text(line.name.clone()),
                Builder::text(b.kind(line)),
                line.benefit().map_or(XCell::Empty, |bn| {
                    XCell::Text(b.t(match bn.confidence {
                        Confidence::High => L::High,
                        Confidence::Medium => L::Medium,
                        Confidence::Low => L::Low,
                    }))
                }),
            ];
            cells.extend(f.by_year.iter().map(|v| Builder::money(*v)));
            cells.push(XCell::Formula(
                format!("SUM({}:{})", cell_ref(r, 3), cell_ref(r, 3 + n.max(1) - 1)),
                f.total,
                Style::Money,
            ));
            cells.push(Builder::money(b.c.line_pv(f)));
            rows.push(cells);
        }
    }
    Sheet {
        name: b.t(L::SheetLines),
        header,
        rows,
        filter: true,
        totals: 0,
    }
}

fn stakeholders_sheet(b: &Builder) -> Sheet {
    let header = [
        L::Stakeholder,
        L::Costs2,
        L::FinancialBenefits,
        L::ReallocationBenefits,
        L::TotalBenefitsPlain,
        L::NetPlain,
        L::Npv2,
        L::PlannedHarvest,
    ]
    .map(|l| b.t(l))
    .to_vec();
    let mut rows = Vec::new();
    for s in &b.c.stakeholders {
        let r = rows.len() + 1;
        rows.push(vec![
            Builder::text(s.name.clone()),
            Builder::money(s.costs()),
            Builder::money(s.financial_benefits()),
            Builder::money(s.reallocation_benefits()),
            XCell::Formula(
                format!("{}+{}", cell_ref(r, 2), cell_ref(r, 3)),
                s.benefits(),
                Style::Money,
            ),
            XCell::Formula(format!("{}-{}", cell_ref(r, 4), cell_ref(r, 1)), s.net(), Style::Money),
            Builder::money(s.npv),
            Builder::money(s.planned_harvest()),
        ]);
    }
    let n = rows.len();
    let totals = if n > 1 {
        let st = &b.c.stakeholders;
        let sum = |c: usize, v: Decimal| {
            XCell::Formula(
                format!("SUM({}:{})", cell_ref(1, c), cell_ref(n, c)),
                v,
                Style::Money,
            )
        };
        rows.push(vec![
            b.label(L::Total),
            sum(1, st.iter().map(|s| s.costs()).sum()),
            sum(2, st.iter().map(|s| s.financial_benefits()).sum()),
            sum(3, st.iter().map(|s| s.reallocation_benefits()).sum()),
            sum(4, st.iter().map(|s| s.benefits()).sum()),
            sum(5, st.iter().map(|s| s.net()).sum()),
            sum(6, st.iter().map(|s| s.npv).sum()),
            sum(7, st.iter().map(|s| s.planned_harvest()).sum()),
        ]);
        1
    } else {
        0
    };
    Sheet {
        name: b.t(L::SheetStakeholders),
        header,
        rows,
        filter: true,
        totals,
    }
}

fn realisation_sheet(b: &Builder) -> Sheet {
    let n = b.c.years.len();
    let mut header = vec![
        b.t(L::Benefit),
        b.t(L::Owner),
        b.t(L::Method),
        b.t(L::Share),
        format!("{} ({})", b.t(L::Lag), b.t(L::Months)),
    ];
    header.extend(b.c.years.iter().map(|y| y.year.to_string()));
    header.push(b.t(L::PlannedHarvest));
    let first_year = 5;
    let mut rows = Vec::new();
    for f in &b.c.lines {
        let Some(line) = b.lines.get(f.index).filter(|l| !l.is_cost() && l.is_monetised()) else {
            continue;
        };
        let Some(harvest) = &f.harvest_by_year else { continue };
        let r = rows.len() + 1;
        let real = line.realisation();
        let mut cells = vec![
            Builder::text(line.name.clone()),
            real.and_then(|r| r.owner.clone()).map_or(XCell::Empty, XCell::Text),
            real.and_then(|r| r.method).map_or(XCell::Empty, |m| XCell::Text(b.method(m))),
            real.map_or(XCell::Empty, |r| XCell::Number(r.share, Style::Percent)),
            real.map_or(XCell::Empty, |r| {
                XCell::Number(Decimal::from(r.lag_months), Style::Integer)
            }),
        ];
        cells.extend(harvest.iter().map(|v| Builder::money(*v)));
        cells.push(XCell::Formula(
            format!("SUM({}:{})", cell_ref(r, first_year), cell_ref(r, first_year + n.max(1) - 1)),
            f.planned_harvest(),
            Style::Money,
        ));
        rows.push(cells);
    }
    let k = rows.len();
    let totals = if k > 0 {
        let mut cells = vec![b.label(L::Total), XCell::Empty, XCell::Empty, XCell::Empty, XCell::Empty];
        for c in first_year..=first_year + n {
            let value = if c == first_year + n {
                b.c.summary.planned_harvest
            } else {
                b.c.years[c - first_year].planned_harvest
            };
            cells.push(XCell::Formula(
                format!("SUM({}:{})", cell_ref(1, c), cell_ref(k, c)),
                value,
                Style::Money,
            ));
        }
        rows.push(cells);
        1
    } else {
        0
    };
    Sheet {
        name: b.t(L::SheetRealisation),
        header,
        rows,
        filter: true,
        totals,
    }
}

fn sensitivity_sheet(b: &Builder) -> Sheet {
    let header = [
        L::Line,
        L::Type,
        L::PresentValuePlain,
        L::SwitchingFactorPlain,
        L::LowFactorPlain,
        L::HighFactorPlain,
        L::NpvAtLowFactorPlain,
        L::NpvAtHighFactorPlain,
    ]
    .map(|l| b.t(l))
    .to_vec();
    let range = b.c.range(b.p);
    let mut rows = Vec::new();
    for f in &b.c.lines {
        let Some(line) = b.lines.get(f.index).filter(|l| l.is_monetised()) else {
            continue;
        };
        let ranged = range.lines.iter().find(|r| r.index == f.index);
        let opt = |v: Option<Decimal>, s: Style| v.map_or(XCell::Empty, |v| XCell::Number(v, s));
        rows.push(vec![
            Builder::text(line.name.clone()),
            Builder::text(b.kind(line)),
            Builder::money(b.c.line_pv(f)),
            opt(b.c.switching_factor(b.p, f), Style::Factor),
            opt(ranged.map(|r| r.low_factor), Style::Factor),
            opt(ranged.map(|r| r.high_factor), Style::Factor),
            opt(ranged.map(|r| r.npv_low), Style::Money),
            opt(ranged.map(|r| r.npv_high), Style::Money),
        ]);
    }
    Sheet {
        name: b.t(L::SheetSensitivity),
        header,
        rows,
        filter: true,
        totals: 0,
    }
}

fn findings_sheet(b: &Builder, input: &ReportInput) -> Sheet {
    let header = [L::Code, L::Where, L::Finding, L::Hint].map(|l| b.t(l)).to_vec();
    let rows = input
        .findings
        .iter()
        .map(|d| {
            vec![
                Builder::text(d.code.as_str()),
                d.at.clone().map_or(XCell::Empty, XCell::Text),
                Builder::text(d.message_with_scenarios()),
                d.hint.clone().map_or(XCell::Empty, XCell::Text),
            ]
        })
        .collect();
    Sheet {
        name: b.t(L::SheetFindings),
        header,
        rows,
        filter: true,
        totals: 0,
    }
}

/// The text a cell shows, for fitting its column (English grouping is as wide as
/// Swedish).
fn shown_width(cell: &XCell) -> usize {
    match cell {
        XCell::Empty => 0,
        XCell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        XCell::Number(d, style) | XCell::Formula(_, d, style) => match style {
            Style::Money => number(*d, 0, Lang::Sv).chars().count(),
            Style::Percent => number(*d * Decimal::ONE_HUNDRED, 1, Lang::Sv).chars().count() + 2,
            Style::Factor => number(*d, 4, Lang::Sv).chars().count(),
            Style::Integer => number(*d, 0, Lang::En).chars().count(),
        },
    }
}

/// Make the workbook's bytes.
pub fn write(sheets: &[Sheet], created: i64) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let header = Format::new().set_bold().set_background_color("EEF1F6").set_text_wrap();
    let bold = Format::new().set_bold();
    let style = |s: Style, total: bool| {
        let f = match s {
            Style::Money => Format::new().set_num_format("#,##0"),
            Style::Percent => Format::new().set_num_format("0.0%"),
            Style::Factor => Format::new().set_num_format("0.0000"),
            Style::Integer => Format::new().set_num_format("0"),
        };
        if total { f.set_bold() } else { f }
    };
    for sheet in sheets {
        let ws = wb.add_worksheet();
        // Sheet names come from the catalogue (no `[]:*?/\`, under 31 characters).
        ws.set_name(&sheet.name)?;
        let columns = sheet
            .header
            .len()
            .max(sheet.rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut widths = vec![6usize; columns];
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, xlsx_text(h).0.as_ref(), &header)?;
            widths[c] = widths[c].max(h.chars().count().min(30));
        }
        let first_total = sheet.rows.len() - sheet.totals.min(sheet.rows.len());
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = (i + 1) as u32;
            let total = i >= first_total;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                widths[c] = widths[c].max(shown_width(cell).min(60));
                match cell {
                    XCell::Empty => {}
                    XCell::Text(t) => {
                        let text = xlsx_text(t).0;
                        if total {
                            ws.write_string_with_format(r, col, text.as_ref(), &bold)?;
                        } else {
                            ws.write_string(r, col, text.as_ref())?;
                        }
                    }
                    XCell::Number(d, s) => {
                        ws.write_with_format(r, col, *d, &style(*s, total))?;
                    }
                    XCell::Formula(f, d, s) => {
                        let result = crate::fmt::fixed(round(*d, 10).normalize(), round(*d, 10).normalize().scale());
                        ws.write_formula_with_format(
                            r,
                            col,
                            Formula::new(format!("={f}")).set_result(result),
                            &style(*s, total),
                        )?;
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.5).min(62.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        if sheet.filter && columns > 0 {
            let last = first_total.max(1) as u32;
            ws.autofilter(0, 0, last, (columns - 1) as u16)?;
        }
    }
    wb.save_to_buffer()
}
