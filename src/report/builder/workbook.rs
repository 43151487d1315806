//! The workbook's builder (`nytta report --format xlsx`): which sheets and cells the
//! nyttokalkyl has for a controller — summary, assumptions, years, lines,
//! stakeholders, benefit realisation, sensitivity and findings, named in the reader's
//! language. Figures come from the engine; totals are formulas (`SUM`, and the summary
//! refers to the year sheet's totals) carrying the engine's figure as their value, so
//! a changed cell flows through. Nothing here writes bytes ([`crate::report::xlsx`]).

use crate::engine::Calculation;
use crate::model::{Category, Class, Confidence, Line, Method, Project};
use crate::report::document::MISSING;
use crate::report::labels::Label as L;
use crate::report::sheet::{Sheet, Style, XCell};
use crate::report::{Lang, ReportInput};
use rust_decimal::Decimal;

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
        crate::report::chart::one_line(label.text(self.lang))
    }
    fn amount(d: Decimal) -> XCell {
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
        vec![
            b.label(L::DiscountRate2),
            XCell::Number(b.c.discount_rate, Style::Percent),
        ],
        vec![
            b.label(L::Horizon),
            XCell::Number(Decimal::from(p.start_year), Style::Integer),
        ],
        vec![b.label(L::Years), XCell::Number(Decimal::from(p.years), Style::Integer)],
    ];
    for (label, value) in super::report::project_facts(p, b.c, b.lang) {
        rows.push(vec![Builder::text(label), Builder::text(value)]);
    }
    if let Some(h) = a.hourly_cost {
        rows.push(vec![b.label(L::HourlyCost), Builder::amount(h)]);
    }
    rows.push(vec![b.label(L::OverheadPo), XCell::Number(a.overhead, Style::Percent)]);
    // Row 3 (B3) holds the first year for the discount factors: name it so.
    rows[START_ROW - 1][0] = Builder::text(format!("{} ({})", b.t(L::Horizon), b.t(L::From).to_lowercase()));
    Sheet {
        name: name.to_string(),
        header: vec![b.t(L::Item), b.t(L::Value)],
        rows,
        filter: false,
        totals: 0,
        notes: Vec::new(),
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
    let pvs = crate::engine::indicators::present_values_by_year(b.c);
    for (i, (y, pv)) in b.c.years.iter().zip(&pvs).enumerate() {
        let r = i + 1;
        let at = |c: usize| cell_ref(r, c);
        let (pvc, pvb) = (pv.costs, pv.benefits);
        let cumulative = if i == 0 {
            at(NET)
        } else {
            format!("{}+{}", cell_ref(r - 1, CUMULATIVE), at(NET))
        };
        rows.push(vec![
            XCell::Number(Decimal::from(y.year), Style::Integer),
            Builder::amount(y.costs[Category::Investment.index()]),
            Builder::amount(y.costs[Category::Operations.index()]),
            Builder::amount(y.costs[Category::Other.index()]),
            XCell::Formula(
                format!("SUM({}:{})", at(INVESTMENT), at(OTHER)),
                y.total_costs(),
                Style::Money,
            ),
            Builder::amount(y.financial_benefits),
            Builder::amount(y.reallocation_benefits),
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
            Builder::amount(y.planned_harvest),
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
        sum(PV_COSTS, s.pv_costs),
        sum(PV_BENEFITS, s.pv_benefits),
        sum(HARVEST, s.planned_harvest),
    ]);
    Sheet {
        name: b.t(L::SheetYears),
        header,
        rows,
        filter: true,
        totals: 1,
        notes: Vec::new(),
    }
}

fn summary_sheet(b: &Builder, years: &str, total_row: usize) -> Sheet {
    use year_col::*;
    let s = &b.c.summary;
    let y = |c: usize| format!("{}!{}", quoted(years), cell_ref(total_row, c));
    let opt_number = |v: Option<Decimal>, style: Style| v.map_or(XCell::Empty, |v| XCell::Number(v, style));
    // Sheet rows: header 0, then 1.. in this order (B2 = investment…).
    let rows = vec![
        vec![
            b.label(L::Investment2),
            XCell::Formula(y(INVESTMENT), s.costs[0], Style::Money),
        ],
        vec![
            b.label(L::Operations3),
            XCell::Formula(y(OPERATIONS), s.costs[1], Style::Money),
        ],
        vec![
            b.label(L::OtherCosts),
            XCell::Formula(y(OTHER), s.costs[2], Style::Money),
        ],
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
            Builder::amount(s.benefits_by_confidence[Confidence::High.index()]),
        ],
        vec![
            b.label(L::OfWhichMediumConfidence),
            Builder::amount(s.benefits_by_confidence[Confidence::Medium.index()]),
        ],
        vec![
            b.label(L::OfWhichLowConfidence),
            Builder::amount(s.benefits_by_confidence[Confidence::Low.index()]),
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
        vec![
            b.label(L::PvCosts),
            XCell::Formula(y(PV_COSTS), s.pv_costs, Style::Money),
        ],
        vec![
            b.label(L::PvBenefits),
            XCell::Formula(y(PV_BENEFITS), s.pv_benefits, Style::Money),
        ],
        vec![
            b.label(L::NetPresentValueNpv),
            XCell::Formula("B16-B15".into(), s.npv, Style::Money),
        ],
        vec![b.label(L::NpvFinancialBenefitsOnly), Builder::amount(s.npv_financial)],
        vec![
            b.label(L::NpvHighConfidenceBenefitsOnly),
            Builder::amount(s.npv_high_confidence),
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
        notes: Vec::new(),
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
            let Some(line) = b
                .lines
                .get(f.index)
                .filter(|l| l.is_cost() == costs && l.is_monetised())
            else {
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
            cells.extend(f.by_year.iter().map(|v| Builder::amount(*v)));
            cells.push(XCell::Formula(
                format!("SUM({}:{})", cell_ref(r, 3), cell_ref(r, 3 + n.max(1) - 1)),
                f.total,
                Style::Money,
            ));
            cells.push(Builder::amount(b.c.line_pv(f)));
            rows.push(cells);
        }
    }
    Sheet {
        name: b.t(L::SheetLines),
        header,
        rows,
        filter: true,
        totals: 0,
        notes: Vec::new(),
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
            Builder::amount(s.costs()),
            Builder::amount(s.financial_benefits()),
            Builder::amount(s.reallocation_benefits()),
            XCell::Formula(
                format!("{}+{}", cell_ref(r, 2), cell_ref(r, 3)),
                s.benefits(),
                Style::Money,
            ),
            XCell::Formula(format!("{}-{}", cell_ref(r, 4), cell_ref(r, 1)), s.net(), Style::Money),
            Builder::amount(s.npv),
            Builder::amount(s.planned_harvest()),
        ]);
    }
    let n = rows.len();
    let totals = if n > 1 {
        // Every line is shared out in full, so the stakeholders add up to the summary.
        let t = &b.c.summary;
        let sum = |c: usize, v: Decimal| {
            XCell::Formula(format!("SUM({}:{})", cell_ref(1, c), cell_ref(n, c)), v, Style::Money)
        };
        rows.push(vec![
            b.label(L::Total),
            sum(1, t.total_costs()),
            sum(2, t.financial_benefits),
            sum(3, t.reallocation_benefits),
            sum(4, t.total_benefits()),
            sum(5, t.net()),
            sum(6, t.npv),
            sum(7, t.planned_harvest),
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
        notes: Vec::new(),
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
            real.and_then(|r| r.method)
                .map_or(XCell::Empty, |m| XCell::Text(b.method(m))),
            real.map_or(XCell::Empty, |r| XCell::Number(r.share, Style::Percent)),
            real.map_or(XCell::Empty, |r| {
                XCell::Number(Decimal::from(r.lag_months), Style::Integer)
            }),
        ];
        cells.extend(harvest.iter().map(|v| Builder::amount(*v)));
        cells.push(XCell::Formula(
            format!(
                "SUM({}:{})",
                cell_ref(r, first_year),
                cell_ref(r, first_year + n.max(1) - 1)
            ),
            f.planned_harvest(),
            Style::Money,
        ));
        rows.push(cells);
    }
    let k = rows.len();
    let totals = if k > 0 {
        let mut cells = vec![
            b.label(L::Total),
            XCell::Empty,
            XCell::Empty,
            XCell::Empty,
            XCell::Empty,
        ];
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
        notes: Vec::new(),
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
    let (mut benefit_note, mut cost_note) = (false, false);
    for f in &b.c.lines {
        let Some(line) = b.lines.get(f.index).filter(|l| l.is_monetised()) else {
            continue;
        };
        let ranged = range.lines.iter().find(|r| r.index == f.index);
        let opt = |v: Option<Decimal>, s: Style| v.map_or(XCell::Empty, |v| XCell::Number(v, s));
        rows.push(vec![
            Builder::text(line.name.clone()),
            Builder::text(b.kind(line)),
            Builder::amount(b.c.line_pv(f)),
            match b.c.switching_factor(b.p, f) {
                // Cannot be reached (a line cannot be negative): "–" with the table's
                // footnote, never a raw negative factor.
                Some(s) if s < Decimal::ZERO => {
                    if line.is_cost() {
                        cost_note = true;
                    } else {
                        benefit_note = true;
                    }
                    XCell::Text(format!("{MISSING}*"))
                }
                s => opt(s, Style::Factor),
            },
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
        notes: [
            (benefit_note, L::BenefitUnreachableNote),
            (cost_note, L::CostUnreachableNote),
        ]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, note)| b.t(note))
        .collect(),
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
                // Where, as a reader knows it (a line by its name), never `benefits[1]`.
                XCell::Text(super::report::place(b.p, b.c, b.lang, d.at.as_deref())),
                Builder::text(d.message_with_scenarios(b.lang)),
                d.hint
                    .as_ref()
                    .map_or(XCell::Empty, |h| XCell::Text(h.get(b.lang).to_string())),
            ]
        })
        .collect();
    Sheet {
        name: b.t(L::SheetFindings),
        header,
        rows,
        filter: true,
        totals: 0,
        notes: Vec::new(),
    }
}
