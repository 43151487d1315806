//! `--format json`: the contract of docs/guide-en.md ("The report"), plus a few useful extra keys.

use super::ReportInput;
use crate::diagnostic::Diagnostic;
use crate::diff::{AssumptionValue, Diff, MatchedBy, StepWhat};
use crate::engine::followup::FollowUp;
use crate::engine::indicators::effekthemtagning;
use crate::engine::{Calculation, LineFigures, StakeholderYear, YearFigures};
use crate::fmt::{Lang, money_plain, rate_plain};
use crate::model::{Category, Confidence, Line, Method, Project};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

type Money = String;
type Rate = String;

#[derive(Serialize)]
struct Report<'a> {
    format: u32,
    project: ProjectOut<'a>,
    assumptions: AssumptionsOut,
    scenario: &'a str,
    summary: SummaryOut,
    years: Vec<YearOut>,
    stakeholders: Vec<StakeholderOut<'a>>,
    lines: Vec<LineOut<'a>>,
    range: RangeOut<'a>,
    qualitative: Vec<QualitativeOut<'a>>,
    realisation: RealisationOut<'a>,
    realism: Option<RealismOut>,
    findings: Vec<FindingOut>,
}

#[derive(Serialize)]
struct RealismOut {
    optimism_upper_npv: Option<Money>,
    optimism_lower_npv: Option<Money>,
    optimism_upper: OptimismOut,
    optimism_lower: OptimismOut,
    monte_carlo: Option<MonteCarloOut>,
}

#[derive(Serialize)]
struct OptimismOut {
    investment_factor: Rate,
    delay_months: u32,
}

#[derive(Serialize)]
struct MonteCarloOut {
    draws: u32,
    seed: u64,
    p10: Money,
    p50: Money,
    p90: Money,
    probability_negative: Rate,
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
    /// `--set KEY=VALUE` values, as written; left out when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    overrides: &'a [String],
}

/// What the figures rest on (docs/format.md, "Assumptions"); `null` where not stated.
#[derive(Serialize)]
struct AssumptionsOut {
    discount_rate: Rate,
    discount_rate_stated: bool,
    real: Option<bool>,
    price_year: Option<i32>,
    monthly_salary: Option<Money>,
    salary_hours: Option<Rate>,
    hourly_cost: Option<Money>,
    overhead: Rate,
    effective_hourly_cost: Option<Money>,
    currency: String,
    rounding: &'static str,
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
    npv_without_low_confidence: Money,
    pv_costs: Money,
    pv_benefits: Money,
    bcr: Option<Rate>,
    irr: Option<Rate>,
    payback_month: Option<String>,
    payback_years: Option<Rate>,
    planned_harvest: Money,
    harvest_share: Option<Rate>,
    benefit_breakeven: Option<Rate>,
    delay_breakeven_months: Option<u32>,
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
    /// Harvest planned for benefit of the horizon that falls after it (lag).
    harvest_after_horizon: Option<Money>,
    /// Benefit not planned for harvest (monetised benefits only).
    not_planned_for_harvest: Option<Money>,
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

/// The realisation plan (vinsthemtagning): per monetised benefit, the besparingskrav
/// per stakeholder and year by method, and the effekthemtagning per year.
#[derive(Serialize)]
struct RealisationOut<'a> {
    benefits: Vec<RealisationBenefitOut<'a>>,
    stakeholders: Vec<RealisationStakeholderOut<'a>>,
    /// Cumulative planned harvest / cumulative investment (null while nothing is invested).
    effekthemtagning: BTreeMap<String, Option<Rate>>,
}

#[derive(Serialize)]
struct RealisationBenefitOut<'a> {
    line: &'a str,
    id: Option<&'a str>,
    name: &'a str,
    /// False for a monetised benefit with no `[benefits.realisation]`.
    has_realisation: bool,
    owner: Option<&'a str>,
    method: Option<&'static str>,
    /// Null with a `schedule` (and without a realisation).
    share: Option<Rate>,
    lag_months: Option<u32>,
    schedule: bool,
    total: Money,
    planned_harvest: Money,
    untaken: Money,
    by_year: BTreeMap<String, Money>,
    measured_by: Option<&'a str>,
    baseline: Option<&'a str>,
    baseline_date: Option<&'a str>,
    target: Option<&'a str>,
    target_date: Option<&'a str>,
    follow_up: Vec<String>,
}

#[derive(Serialize)]
struct RealisationStakeholderOut<'a> {
    id: &'a str,
    name: &'a str,
    planned_harvest: Money,
    by_year: BTreeMap<String, HarvestYearOut>,
}

#[derive(Serialize)]
struct HarvestYearOut {
    planned_harvest: Money,
    budget_reduction: Money,
    redeployment: Money,
    revenue: Money,
    cost_avoidance: Money,
    quality: Money,
    /// Harvest of benefits whose realisation names no method.
    no_method: Money,
}

fn harvest_year_out(y: &StakeholderYear) -> HarvestYearOut {
    let m = |method: Method| {
        let i = Method::ALL.iter().position(|x| *x == method).unwrap_or(0);
        money_plain(y.harvest_by_method[i])
    };
    HarvestYearOut {
        planned_harvest: money_plain(y.planned_harvest),
        budget_reduction: m(Method::BudgetReduction),
        redeployment: m(Method::Redeployment),
        revenue: m(Method::Revenue),
        cost_avoidance: m(Method::CostAvoidance),
        quality: m(Method::Quality),
        no_method: money_plain(y.harvest_for(Method::ALL.len())),
    }
}

fn realisation_out<'a>(input: &ReportInput<'a>, lines: &[&'a Line]) -> RealisationOut<'a> {
    let (p, c) = (input.project, input.calc);
    let benefits = c
        .lines
        .iter()
        .filter_map(|f| {
            let line = *lines.get(f.index)?;
            if line.is_cost() || !line.is_monetised() {
                return None;
            }
            let r = line.realisation();
            let planned = f.planned_harvest();
            let zeros = vec![Decimal::ZERO; f.by_year.len()];
            let scheduled = r.is_some_and(|r| r.schedule.is_some());
            Some(RealisationBenefitOut {
                line: line.key(),
                id: line.id.as_deref(),
                name: &line.name,
                has_realisation: r.is_some(),
                owner: r.and_then(|r| r.owner.as_deref()),
                method: r.and_then(|r| r.method).map(Method::as_str),
                share: r.filter(|_| !scheduled).map(|r| rate_plain(r.share)),
                lag_months: r.filter(|_| !scheduled).map(|r| r.lag_months),
                schedule: scheduled,
                total: money_plain(f.total),
                planned_harvest: money_plain(planned),
                untaken: money_plain(f.not_harvested()),
                by_year: by_year(p.start_year, f.harvest_by_year.as_deref().unwrap_or(&zeros)),
                measured_by: r.and_then(|r| r.measured_by.as_deref()),
                baseline: r.and_then(|r| r.baseline.as_deref()),
                baseline_date: r.and_then(|r| r.baseline_date.as_deref()),
                target: r.and_then(|r| r.target.as_deref()),
                target_date: r.and_then(|r| r.target_date.as_deref()),
                follow_up: r
                    .map(|r| r.follow_up.iter().map(|m| m.to_string()).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    let stakeholders = c
        .stakeholders
        .iter()
        .map(|st| RealisationStakeholderOut {
            id: &st.id,
            name: &st.name,
            planned_harvest: money_plain(st.planned_harvest()),
            by_year: st
                .years
                .iter()
                .enumerate()
                .map(|(i, y)| ((p.start_year + i as i32).to_string(), harvest_year_out(y)))
                .collect(),
        })
        .collect();
    RealisationOut {
        benefits,
        stakeholders,
        effekthemtagning: effekthemtagning(c)
            .into_iter()
            .map(|y| (y.year.to_string(), y.share.map(rate_plain)))
            .collect(),
    }
}

/// A finding as JSON: `{code, severity, message, at, hint}`.
#[derive(Serialize)]
pub struct FindingOut {
    /// `E001` … `W301`.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The path in the file, if any.
    pub at: Option<String>,
    /// What to do, if said.
    pub hint: Option<String>,
    /// The scenarios the finding holds in; empty for the base case.
    pub scenarios: Vec<String>,
}

impl FindingOut {
    /// A finding with its message and hint in `lang` (English for scripts unless the
    /// reader asked for Swedish with `--lang sv`).
    fn new(d: &Diagnostic, lang: Lang) -> Self {
        FindingOut {
            code: d.code.as_str(),
            severity: d.severity().as_str(),
            message: d.message_in(lang).to_string(),
            at: d.at.clone(),
            hint: d.hint_in(lang).map(str::to_string),
            scenarios: d.scenarios.clone(),
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

fn line_out<'a>(p: &Project, c: &Calculation, line: &'a Line, f: &LineFigures) -> LineOut<'a> {
    let start_year = p.start_year;
    let benefit = line.benefit();
    LineOut {
        id: line.id.as_deref(),
        name: &line.name,
        kind: if line.is_cost() { "cost" } else { "benefit" },
        category: line.category().map(Category::as_str),
        class: line.class().map(|c| c.as_str()),
        confidence: benefit.map(|b| b.confidence.as_str()),
        total: money_plain(f.total),
        pv: money_plain(c.line_pv(f)),
        switching_factor: c.switching_factor(p, f).map(rate_plain),
        by_year: by_year(start_year, &f.by_year),
        planned_harvest: f.harvest_by_year.as_ref().map(|_| money_plain(f.planned_harvest())),
        harvest_by_year: f.harvest_by_year.as_ref().map(|h| by_year(start_year, h)),
        harvest_after_horizon: f.harvest_by_year.as_ref().map(|_| money_plain(f.harvest_after_horizon)),
        not_planned_for_harvest: (!line.is_cost() && line.is_monetised()).then(|| money_plain(f.not_planned())),
        source: line.source.as_deref(),
        note: line.note.as_deref(),
    }
}

/// Render the report as pretty-printed JSON.
pub fn render(input: &ReportInput) -> String {
    let (p, c) = (input.project, input.calc);
    let s = &c.summary;
    let lines: Vec<&Line> = p.lines().collect();
    let range = c.range(p);
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
            overrides: &p.overrides,
        },
        assumptions: {
            let a = &p.assumptions;
            AssumptionsOut {
                discount_rate: rate_plain(c.discount_rate),
                discount_rate_stated: a.discount_rate_stated,
                real: a.real,
                price_year: a.price_year,
                monthly_salary: a.salary.map(|s| money_plain(s.0)),
                salary_hours: a.salary.map(|s| rate_plain(s.1)),
                hourly_cost: a.hourly_cost.map(money_plain),
                overhead: rate_plain(a.overhead),
                effective_hourly_cost: a.effective_hourly_cost().map(money_plain),
                currency: p.currency.clone(),
                rounding: "half_away_from_zero_at_output",
            }
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
            npv_without_low_confidence: money_plain(s.npv_without_low_confidence),
            pv_costs: money_plain(s.pv_costs),
            pv_benefits: money_plain(s.pv_benefits),
            bcr: s.bcr.map(rate_plain),
            irr: s.irr.map(rate_plain),
            payback_month: s.payback_month.map(|m| m.to_string()),
            payback_years: s.payback_years.map(rate_plain),
            planned_harvest: money_plain(s.planned_harvest),
            harvest_share: s.harvest_share.map(rate_plain),
            benefit_breakeven: input.realism.and_then(|r| r.benefit_breakeven).map(rate_plain),
            delay_breakeven_months: input.realism.and_then(|r| r.delay_breakeven_months),
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
        lines: c.lines.iter().map(|f| line_out(p, c, lines[f.index], f)).collect(),
        range: RangeOut {
            lines: range
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
            low_case_npv: range.low_case_npv.map(money_plain),
            high_case_npv: range.high_case_npv.map(money_plain),
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
        realisation: realisation_out(input, &lines),
        realism: input.realism.map(|r| RealismOut {
            optimism_upper_npv: r.optimism_upper_npv.map(money_plain),
            optimism_lower_npv: r.optimism_lower_npv.map(money_plain),
            optimism_upper: OptimismOut {
                investment_factor: rate_plain(r.optimism_scenarios[0].investment_factor),
                delay_months: r.optimism_scenarios[0].delay_months,
            },
            optimism_lower: OptimismOut {
                investment_factor: rate_plain(r.optimism_scenarios[1].investment_factor),
                delay_months: r.optimism_scenarios[1].delay_months,
            },
            monte_carlo: r.monte_carlo.as_ref().map(|m| MonteCarloOut {
                draws: m.draws,
                seed: m.seed,
                p10: money_plain(m.p10),
                p50: money_plain(m.p50),
                p90: money_plain(m.p90),
                probability_negative: rate_plain(m.probability_negative),
            }),
        }),
        findings: input.findings.iter().map(|d| FindingOut::new(d, input.lang)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------
// The follow-up (`nytta follow-up --format json`, docs/follow-up.md)

#[derive(Serialize)]
struct FollowUpOut<'a> {
    format: u32,
    as_of: i32,
    rows: Vec<RowOut<'a>>,
    totals: TotalsOut,
    reforecast: ReforecastOut,
    plan: Option<PlanOut>,
    /// `trend` or `plan`: how the years after `as_of` are forecast.
    forecast: &'static str,
    /// Per line, the realisation so far that `trend` scales its plan by.
    trends: Vec<TrendOut<'a>>,
    flags: Vec<FindingOut>,
}

#[derive(Serialize)]
struct TrendOut<'a> {
    line: &'a str,
    name: &'a str,
    kind: &'static str,
    rate: Option<Rate>,
}

#[derive(Serialize)]
struct RowOut<'a> {
    line: &'a str,
    name: &'a str,
    kind: &'static str,
    year: i32,
    planned: Money,
    actual: Option<Money>,
    variance: Option<Money>,
    variance_share: Option<Rate>,
    comment: Option<&'a str>,
}

#[derive(Serialize)]
struct TotalsOut {
    planned_costs: Money,
    actual_costs: Money,
    planned_benefits: Money,
    actual_benefits: Money,
    planned_harvest: Money,
    actual_harvest: Money,
    realisation_rate: Option<Rate>,
    missing: usize,
}

#[derive(Serialize)]
struct ReforecastOut {
    npv: Money,
    payback_month: Option<String>,
    payback_years: Option<Rate>,
    years: Vec<ReforecastYearOut>,
}

#[derive(Serialize)]
struct ReforecastYearOut {
    year: i32,
    costs: Money,
    benefits: Money,
    net: Money,
}

#[derive(Serialize)]
struct PlanOut {
    npv: Money,
    payback_month: Option<String>,
    payback_years: Option<Rate>,
}

/// The follow-up as JSON (docs/follow-up.md, "Follow-up"), with the plan's NPV and payback from the base
/// calculation for comparison with the re-forecast.
pub fn follow_up(project: &Project, base: &Calculation, fu: &FollowUp, flags: &[Diagnostic], lang: Lang) -> String {
    let base = Some(base);
    let lines: Vec<&Line> = project.lines().collect();
    let t = &fu.totals;
    let out = FollowUpOut {
        format: 1,
        as_of: fu.as_of,
        rows: fu
            .rows
            .iter()
            .filter_map(|r| {
                let line = lines.get(r.line)?;
                Some(RowOut {
                    line: line.key(),
                    name: &line.name,
                    kind: r.kind.as_str(),
                    year: r.year,
                    planned: money_plain(r.planned),
                    actual: r.actual.map(money_plain),
                    variance: r.variance().map(money_plain),
                    variance_share: r.variance_share().map(rate_plain),
                    comment: r.comment.as_deref(),
                })
            })
            .collect(),
        totals: TotalsOut {
            planned_costs: money_plain(t.planned_costs),
            actual_costs: money_plain(t.actual_costs),
            planned_benefits: money_plain(t.planned_benefits),
            actual_benefits: money_plain(t.actual_benefits),
            planned_harvest: money_plain(t.planned_harvest),
            actual_harvest: money_plain(t.actual_harvest),
            realisation_rate: t.realisation_rate.map(rate_plain),
            missing: t.missing,
        },
        reforecast: ReforecastOut {
            npv: money_plain(fu.reforecast.npv),
            payback_month: fu.reforecast.payback_month.map(|m| m.to_string()),
            payback_years: fu.reforecast.payback_years.map(rate_plain),
            years: fu
                .reforecast
                .years
                .iter()
                .map(|y| ReforecastYearOut {
                    year: y.0,
                    costs: money_plain(y.1),
                    benefits: money_plain(y.2),
                    net: money_plain(crate::engine::followup::Reforecast::net_of(y)),
                })
                .collect(),
        },
        plan: base.map(|b| PlanOut {
            npv: money_plain(b.summary.npv),
            payback_month: b.summary.payback_month.map(|m| m.to_string()),
            payback_years: b.summary.payback_years.map(rate_plain),
        }),
        forecast: fu.forecast.as_str(),
        trends: fu
            .trends
            .iter()
            .filter_map(|t| {
                let line = lines.get(t.line)?;
                Some(TrendOut {
                    line: line.key(),
                    name: &line.name,
                    kind: t.kind.as_str(),
                    rate: t.rate.map(rate_plain),
                })
            })
            .collect(),
        flags: flags.iter().map(|d| FindingOut::new(d, lang)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------
// `nytta diff --format json`

fn diff_value(v: &AssumptionValue) -> serde_json::Value {
    match v {
        AssumptionValue::Horizon { start_year, years } => {
            serde_json::json!({ "start_year": start_year, "years": years })
        }
        AssumptionValue::Month(m) => serde_json::json!(m.to_string()),
        AssumptionValue::Hourly { cost, overhead } => serde_json::json!({
            "hourly_cost": cost.map(money_plain),
            "overhead": rate_plain(*overhead),
        }),
        AssumptionValue::Rate(r) => serde_json::json!(rate_plain(*r)),
    }
}

#[derive(Serialize)]
struct DiffOut<'a> {
    format: u32,
    old: DiffSideOut<'a>,
    new: DiffSideOut<'a>,
    differ: bool,
    npv_difference: String,
    assumptions: Vec<serde_json::Value>,
    lines: Vec<serde_json::Value>,
    bridge: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct DiffSideOut<'a> {
    file: &'a str,
    npv: String,
}

/// JSON: money to the öre; the bridge's `effect`s (rounded so that they sum to
/// `npv_difference`) and `effect_exact` (every digit).
pub fn diff(d: &Diff, old: &str, new: &str) -> String {
    let effects = d.rounded_effects(2);
    let out = DiffOut {
        format: 1,
        old: DiffSideOut {
            file: old,
            npv: money_plain(d.old_npv),
        },
        new: DiffSideOut {
            file: new,
            npv: money_plain(d.new_npv),
        },
        differ: d.differ,
        npv_difference: money_plain(crate::fmt::round(d.new_npv, 2) - crate::fmt::round(d.old_npv, 2)),
        assumptions: d
            .assumptions
            .iter()
            .map(|a| {
                serde_json::json!({
                    "assumption": a.what.as_str(),
                    "old": diff_value(&a.old),
                    "new": diff_value(&a.new),
                })
            })
            .collect(),
        lines: d
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "change": l.change.as_str(),
                    "kind": l.side.as_str(),
                    "id": l.id,
                    "name": l.name,
                    "old_name": l.old_name,
                    "matched_by": l.matched_by.map(|m| match m { MatchedBy::Id => "id", MatchedBy::Name => "name" }),
                    "keys": l.keys,
                })
            })
            .collect(),
        bridge: d
            .bridge
            .iter()
            .zip(&effects)
            .map(|(s, e)| {
                let (kind, what) = match s.what {
                    StepWhat::Assumption(a) => ("assumption", serde_json::json!(a.as_str())),
                    StepWhat::Line(i) => ("line", serde_json::json!(i)),
                    StepWhat::Other => ("other", serde_json::Value::Null),
                };
                serde_json::json!({
                    "step": kind,
                    "what": what,
                    "effect": money_plain(*e),
                    "effect_exact": s.effect.normalize().to_string(),
                    "npv_after": s.npv_after.map(money_plain),
                    "combined_with_next": s.combined.as_ref().map(|t| t.en.as_str()),
                })
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Lang;
    use crate::report::document::fixtures::{SHARED, SMALL, calc, project};
    use serde_json::{Value, json};

    fn report(text: &str) -> Value {
        let p = project(text);
        let c = calc(&p);
        let out = render(&ReportInput {
            project: &p,
            calc: &c,
            findings: &[],
            realism: None,
            lang: Lang::En,
        });
        serde_json::from_str(&out).expect("valid JSON")
    }

    #[test]
    fn realisation_plan_per_benefit_and_effekthemtagning() {
        let v = report(SMALL);
        // The contract's keys are still there.
        assert_eq!(v["summary"]["npv"], "-1735.54");
        assert_eq!(v["years"][0]["planned_harvest"], "45000.00");
        let r = &v["realisation"];
        assert_eq!(
            r["benefits"],
            json!([{
                "line": "Porto", "id": null, "name": "Porto", "has_realisation": true,
                "owner": "Ekonomichef", "method": "budget_reduction", "share": "0.500000",
                "lag_months": 0, "schedule": false, "total": "330000.00",
                "planned_harvest": "165000.00", "untaken": "165000.00",
                "by_year": {"2010": "45000.00", "2011": "60000.00", "2012": "60000.00"},
                "measured_by": null, "baseline": null, "baseline_date": null, "target": null,
                "target_date": null, "follow_up": []
            }])
        );
        assert_eq!(
            r["stakeholders"][0]["by_year"]["2010"],
            json!({"planned_harvest": "45000.00", "budget_reduction": "45000.00", "redeployment": "0.00",
                   "revenue": "0.00", "cost_avoidance": "0.00", "quality": "0.00", "no_method": "0.00"})
        );
        // 45 000, 105 000 and 165 000 taken home to date against 300 000 invested in 2010.
        assert_eq!(
            r["effekthemtagning"],
            json!({"2010": "0.150000", "2011": "0.350000", "2012": "0.550000"})
        );
    }

    #[test]
    fn realisation_per_stakeholder_and_method() {
        let r = report(SHARED)["realisation"].clone();
        assert_eq!(r["stakeholders"][0]["id"], "a");
        assert_eq!(r["stakeholders"][0]["planned_harvest"], "120000.00");
        assert_eq!(
            r["stakeholders"][1]["by_year"]["2020"],
            json!({"planned_harvest": "75000.00", "budget_reduction": "60000.00", "redeployment": "0.00",
                   "revenue": "0.00", "cost_avoidance": "0.00", "quality": "0.00", "no_method": "15000.00"})
        );
        assert_eq!(r["stakeholders"][1]["by_year"]["2021"]["no_method"], "30000.00");
        let tid = &r["benefits"][1];
        assert_eq!(tid["line"], "tid");
        assert_eq!(tid["method"], Value::Null);
        assert_eq!(tid["lag_months"], 6);
        assert_eq!(tid["untaken"], "75000.00");
        assert_eq!(tid["by_year"], json!({"2020": "15000.00", "2021": "30000.00"}));
        // Nothing invested: no effekthemtagning.
        assert_eq!(r["effekthemtagning"], json!({"2020": null, "2021": null}));
    }

    #[test]
    fn schedule_and_missing_realisation() {
        let text = SMALL.replace("share = 0.5", "schedule = { 2011 = 50000, 2012 = 60000 }")
            + "[[benefits]]\nid = \"papper\"\nname = \"Papper\"\nclass = \"financial\"\nannual = 1200\n";
        let r = report(&text)["realisation"].clone();
        assert_eq!(r["benefits"][0]["schedule"], true);
        assert_eq!(r["benefits"][0]["share"], Value::Null);
        assert_eq!(r["benefits"][0]["planned_harvest"], "110000.00");
        // A monetised benefit with no realisation: nothing planned, everything untaken.
        let papper = &r["benefits"][1];
        assert_eq!(papper["has_realisation"], false);
        assert_eq!(papper["owner"], Value::Null);
        assert_eq!(papper["untaken"], papper["total"]);
        assert_eq!(papper["by_year"]["2012"], "0.00");
    }
}

/// One scenario of `nytta report FILE --compare --format json`.
#[derive(Serialize)]
struct CompareOut<'a> {
    scenario: &'a str,
    npv: Money,
    npv_financial: Money,
    bcr: Option<Rate>,
    irr: Option<Rate>,
    payback_month: Option<String>,
    payback_years: Option<Rate>,
    planned_harvest: Money,
}

/// The scenarios side by side as JSON: one object per scenario, exact figures.
pub fn compare(calcs: &[&Calculation]) -> String {
    let rows: Vec<CompareOut> = calcs
        .iter()
        .map(|c| {
            let s = &c.summary;
            CompareOut {
                scenario: &c.scenario.name,
                npv: money_plain(s.npv),
                npv_financial: money_plain(s.npv_financial),
                bcr: s.bcr.map(rate_plain),
                irr: s.irr.map(rate_plain),
                payback_month: s.payback_month.map(|m| m.to_string()),
                payback_years: s.payback_years.map(rate_plain),
                planned_harvest: money_plain(s.planned_harvest),
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
