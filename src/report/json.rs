//! `--format json`: the contract of spec §5, plus a few useful extra keys.

use super::ReportInput;
use super::format::{money_plain, rate_plain};
use crate::diagnostic::Diagnostic;
use crate::engine::{LineFigures, YearFigures};
use crate::model::{Category, Confidence, Line};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

type Money = String;
type Rate = String;

#[derive(Serialize)]
struct Report<'a> {
    format: u32,
    project: ProjectOut<'a>,
    scenario: &'a str,
    summary: SummaryOut,
    years: Vec<YearOut>,
    stakeholders: Vec<StakeholderOut<'a>>,
    lines: Vec<LineOut<'a>>,
    range: RangeOut<'a>,
    qualitative: Vec<QualitativeOut<'a>>,
    findings: Vec<FindingOut>,
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    name: &'a str,
    id: Option<&'a str>,
    organisation: &'a str,
    portfolio: Option<&'a str>,
    start_year: i32,
    years: u32,
    go_live: String,
    currency: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    total_costs: Money,
    investment_costs: Money,
    operations_costs: Money,
    other_costs: Money,
    total_benefits: Money,
    financial_benefits: Money,
    reallocation_benefits: Money,
    net: Money,
    discount_rate: Rate,
    npv: Money,
    npv_financial: Money,
    npv_high_confidence: Money,
    pv_costs: Money,
    pv_benefits: Money,
    bcr: Option<Rate>,
    irr: Option<Rate>,
    payback_month: Option<String>,
    payback_years: Option<Rate>,
    planned_harvest: Money,
    harvest_share: Option<Rate>,
    benefits_by_confidence: BTreeMap<&'static str, Money>,
}

#[derive(Serialize)]
struct YearOut {
    year: i32,
    costs: Money,
    investment_costs: Money,
    operations_costs: Money,
    other_costs: Money,
    benefits: Money,
    financial_benefits: Money,
    reallocation_benefits: Money,
    net: Money,
    cumulative_net: Money,
    discount_factor: Rate,
    planned_harvest: Money,
}

#[derive(Serialize)]
struct StakeholderOut<'a> {
    id: &'a str,
    name: &'a str,
    costs: Money,
    benefits: Money,
    financial_benefits: Money,
    reallocation_benefits: Money,
    net: Money,
    npv: Money,
    planned_harvest: Money,
}

#[derive(Serialize)]
struct LineOut<'a> {
    id: Option<&'a str>,
    name: &'a str,
    kind: &'static str,
    category: Option<&'static str>,
    class: Option<&'static str>,
    confidence: Option<&'static str>,
    total: Money,
    pv: Money,
    switching_factor: Option<Rate>,
    by_year: BTreeMap<String, Money>,
    planned_harvest: Option<Money>,
    harvest_by_year: Option<BTreeMap<String, Money>>,
    source: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct RangeOut<'a> {
    lines: Vec<RangeLineOut<'a>>,
    low_case_npv: Option<Money>,
    high_case_npv: Option<Money>,
}

#[derive(Serialize)]
struct RangeLineOut<'a> {
    line: &'a str,
    low: Rate,
    high: Rate,
    npv_low: Money,
    npv_high: Money,
}

#[derive(Serialize)]
struct QualitativeOut<'a> {
    id: Option<&'a str>,
    name: &'a str,
    indicator: Option<&'a str>,
    baseline: Option<&'a str>,
    target: Option<&'a str>,
    target_date: Option<&'a str>,
    measured_by: Option<&'a str>,
}

/// A finding as JSON: `{code, severity, message, at, hint}`.
#[derive(Serialize)]
pub struct FindingOut {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub at: Option<String>,
    pub hint: Option<String>,
}

impl From<&Diagnostic> for FindingOut {
    fn from(d: &Diagnostic) -> Self {
        FindingOut {
            code: d.code.as_str(),
            severity: d.severity().as_str(),
            message: d.message.clone(),
            at: d.at.clone(),
            hint: d.hint.clone(),
        }
    }
}

fn year_out(y: &YearFigures) -> YearOut {
    YearOut {
        year: y.year,
        costs: money_plain(y.total_costs()),
        investment_costs: money_plain(y.costs[Category::Investment.index()]),
        operations_costs: money_plain(y.costs[Category::Operations.index()]),
        other_costs: money_plain(y.costs[Category::Other.index()]),
        benefits: money_plain(y.total_benefits()),
        financial_benefits: money_plain(y.financial_benefits),
        reallocation_benefits: money_plain(y.reallocation_benefits),
        net: money_plain(y.net()),
        cumulative_net: money_plain(y.cumulative_net),
        discount_factor: rate_plain(y.discount_factor),
        planned_harvest: money_plain(y.planned_harvest),
    }
}

fn by_year(start_year: i32, values: &[Decimal]) -> BTreeMap<String, Money> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| ((start_year + i as i32).to_string(), money_plain(*v)))
        .collect()
}

fn line_out<'a>(line: &'a Line, f: &LineFigures, start_year: i32) -> LineOut<'a> {
    let benefit = line.benefit();
    LineOut {
        id: line.id.as_deref(),
        name: &line.name,
        kind: if line.is_cost() { "cost" } else { "benefit" },
        category: line.category().map(Category::as_str),
        class: line.class().map(|c| c.as_str()),
        confidence: benefit.map(|b| b.confidence.as_str()),
        total: money_plain(f.total),
        pv: money_plain(f.pv),
        switching_factor: f.switching_factor.map(rate_plain),
        by_year: by_year(start_year, &f.by_year),
        planned_harvest: f.harvest_by_year.as_ref().map(|_| money_plain(f.planned_harvest())),
        harvest_by_year: f.harvest_by_year.as_ref().map(|h| by_year(start_year, h)),
        source: line.source.as_deref(),
        note: line.note.as_deref(),
    }
}

/// Render the report as pretty-printed JSON.
pub fn render(input: &ReportInput) -> String {
    let (p, c) = (input.project, input.calc);
    let s = &c.summary;
    let lines: Vec<&Line> = p.lines().collect();
    let report = Report {
        format: 1,
        project: ProjectOut {
            name: &p.name,
            id: p.id.as_deref(),
            organisation: &p.organisation,
            portfolio: p.portfolio.as_deref(),
            start_year: p.start_year,
            years: p.years,
            go_live: p.go_live.to_string(),
            currency: &p.currency,
        },
        scenario: &c.scenario.name,
        summary: SummaryOut {
            total_costs: money_plain(s.total_costs()),
            investment_costs: money_plain(s.costs[Category::Investment.index()]),
            operations_costs: money_plain(s.costs[Category::Operations.index()]),
            other_costs: money_plain(s.costs[Category::Other.index()]),
            total_benefits: money_plain(s.total_benefits()),
            financial_benefits: money_plain(s.financial_benefits),
            reallocation_benefits: money_plain(s.reallocation_benefits),
            net: money_plain(s.net()),
            discount_rate: rate_plain(c.discount_rate),
            npv: money_plain(s.npv),
            npv_financial: money_plain(s.npv_financial),
            npv_high_confidence: money_plain(s.npv_high_confidence),
            pv_costs: money_plain(s.pv_costs),
            pv_benefits: money_plain(s.pv_benefits),
            bcr: s.bcr.map(rate_plain),
            irr: s.irr.map(rate_plain),
            payback_month: s.payback_month.map(|m| m.to_string()),
            payback_years: s.payback_years.map(rate_plain),
            planned_harvest: money_plain(s.planned_harvest),
            harvest_share: s.harvest_share.map(rate_plain),
            benefits_by_confidence: Confidence::ALL
                .iter()
                .map(|k| (k.as_str(), money_plain(s.benefits_by_confidence[k.index()])))
                .collect(),
        },
        years: c.years.iter().map(year_out).collect(),
        stakeholders: c
            .stakeholders
            .iter()
            .map(|st| StakeholderOut {
                id: &st.id,
                name: &st.name,
                costs: money_plain(st.costs()),
                benefits: money_plain(st.benefits()),
                financial_benefits: money_plain(st.financial_benefits()),
                reallocation_benefits: money_plain(st.reallocation_benefits()),
                net: money_plain(st.net()),
                npv: money_plain(st.npv),
                planned_harvest: money_plain(st.planned_harvest()),
            })
            .collect(),
        lines: c
            .lines
            .iter()
            .map(|f| line_out(lines[f.index], f, p.start_year))
            .collect(),
        range: RangeOut {
            lines: c
                .range
                .lines
                .iter()
                .map(|r| RangeLineOut {
                    line: lines[r.index].key(),
                    low: rate_plain(r.low_factor),
                    high: rate_plain(r.high_factor),
                    npv_low: money_plain(r.npv_low),
                    npv_high: money_plain(r.npv_high),
                })
                .collect(),
            low_case_npv: c.range.low_case_npv.map(money_plain),
            high_case_npv: c.range.high_case_npv.map(money_plain),
        },
        qualitative: p
            .benefits
            .iter()
            .filter(|l| !l.is_monetised())
            .filter_map(|l| {
                let b = l.benefit()?;
                Some(QualitativeOut {
                    id: l.id.as_deref(),
                    name: &l.name,
                    indicator: b.indicator.as_deref(),
                    baseline: b.baseline.as_deref(),
                    target: b.target.as_deref(),
                    target_date: b.target_date.as_deref(),
                    measured_by: b.measured_by.as_deref(),
                })
            })
            .collect(),
        findings: input.findings.iter().map(FindingOut::from).collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
