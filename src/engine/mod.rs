//! The calculation (docs/method.md): pure functions from a validated [`Project`] and a
//! [`Scenario`] to a [`Calculation`]. Per month, in `Decimal`, no I/O.
//!
//! Every line is turned into a monthly series once; years, stakeholders, present values
//! and payback are all sums over those series, so the figures always add up.

pub mod finance;
pub mod followup;
pub mod indicators;
pub mod realism;
pub mod series;
pub mod totals;

use crate::model::{
    Class, Confidence, Line, LineKind, MAX_YEARLY_MONEY, Method, Month, Project, Scenario, checked_sum,
};
use rust_decimal::Decimal;

/// Arithmetic overflowed: the figures are too large for 28 significant digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

pub(crate) fn checked(value: Option<Decimal>) -> Result<Decimal, Overflow> {
    value.ok_or(Overflow)
}

/// Why a calculation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EngineError {
    /// Path of the line that overflowed (e.g. `benefits[1]`), or `project`.
    pub at: String,
    /// What went wrong, for the E011 message.
    pub message: String,
}

impl EngineError {
    pub(crate) fn overflow(at: &str) -> Self {
        EngineError {
            at: at.to_string(),
            message: format!("the figures of {at} are too large to compute exactly (over 10^20 kr a year)"),
        }
    }
}

/// Money per cost category, indexed by [`crate::model::Category::index`].
pub type ByCategory = [Decimal; 3];

/// Everything computed for one scenario.
#[derive(Debug, Clone)]
pub struct Calculation {
    /// The scenario computed.
    pub scenario: Scenario,
    /// The discount rate used.
    pub discount_rate: Decimal,
    /// Per calendar year of the horizon.
    pub years: Vec<YearFigures>,
    /// Totals and key figures.
    pub summary: Summary,
    /// Per stakeholder, in file order.
    pub stakeholders: Vec<StakeholderFigures>,
    /// One per line, costs first, in file order (qualitative benefits included, at zero).
    pub lines: Vec<LineFigures>,
}

/// One calendar year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearFigures {
    /// The calendar year.
    pub year: i32,
    /// Costs per category.
    pub costs: ByCategory,
    /// Financial benefits.
    pub financial_benefits: Decimal,
    /// Reallocation benefits (freed time valued in money).
    pub reallocation_benefits: Decimal,
    /// Benefits − costs from the start up to and including the year.
    pub cumulative_net: Decimal,
    /// `1 / (1 + r)^t`, the first year undiscounted.
    pub discount_factor: Decimal,
    /// Planned harvest.
    pub planned_harvest: Decimal,
}

impl YearFigures {
    /// Costs of every category.
    pub fn total_costs(&self) -> Decimal {
        self.costs.iter().sum()
    }
    /// Financial and reallocation benefits.
    pub fn total_benefits(&self) -> Decimal {
        self.financial_benefits + self.reallocation_benefits
    }
    /// Benefits − costs.
    pub fn net(&self) -> Decimal {
        self.total_benefits() - self.total_costs()
    }
}

/// Totals and key figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Costs per category over the horizon.
    pub costs: ByCategory,
    /// Financial benefits over the horizon.
    pub financial_benefits: Decimal,
    /// Reallocation benefits over the horizon.
    pub reallocation_benefits: Decimal,
    /// Monetised benefits per confidence, indexed by [`Confidence::index`].
    pub benefits_by_confidence: [Decimal; 3],
    /// Net present value.
    pub npv: Decimal,
    /// NPV with financial benefits only.
    pub npv_financial: Decimal,
    /// NPV with high-confidence benefits only.
    pub npv_high_confidence: Decimal,
    /// The NPV counting only `high` and `medium` confidence benefits.
    pub npv_without_low_confidence: Decimal,
    /// Present value of the costs.
    pub pv_costs: Decimal,
    /// Present value of the benefits.
    pub pv_benefits: Decimal,
    /// Benefit–cost ratio, `pv_benefits / pv_costs` (none without costs).
    pub bcr: Option<Decimal>,
    /// Internal rate of return (none when there is no root).
    pub irr: Option<Decimal>,
    /// The month after which the cumulative net stays ≥ 0.
    pub payback_month: Option<Month>,
    /// Payback in years from the start (months / 12).
    pub payback_years: Option<Decimal>,
    /// Planned harvest over the horizon.
    pub planned_harvest: Decimal,
    /// Planned harvest as a share of the monetised benefits.
    pub harvest_share: Option<Decimal>,
}

impl Summary {
    /// Costs of every category.
    pub fn total_costs(&self) -> Decimal {
        self.costs.iter().sum()
    }
    /// Financial and reallocation benefits.
    pub fn total_benefits(&self) -> Decimal {
        self.financial_benefits + self.reallocation_benefits
    }
    /// Benefits − costs.
    pub fn net(&self) -> Decimal {
        self.total_benefits() - self.total_costs()
    }
}

/// One stakeholder's share of everything.
#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderFigures {
    /// The stakeholder's id.
    pub id: String,
    /// The stakeholder's name.
    pub name: String,
    /// Per calendar year of the horizon.
    pub years: Vec<StakeholderYear>,
    /// The stakeholder's NPV.
    pub npv: Decimal,
}

/// One stakeholder in one year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StakeholderYear {
    /// The stakeholder's share of the costs.
    pub costs: Decimal,
    /// Its share of the financial benefits.
    pub financial_benefits: Decimal,
    /// Its share of the reallocation benefits.
    pub reallocation_benefits: Decimal,
    /// Its share of the planned harvest.
    pub planned_harvest: Decimal,
    /// Planned harvest per realisation method, indexed like [`Method::ALL`] (the
    /// besparingskrav the stakeholder carries, by how it is taken home); harvest with
    /// no method given counts under no method.
    pub harvest_by_method: [Decimal; 5],
}

impl StakeholderYear {
    /// Financial and reallocation benefits.
    pub fn benefits(&self) -> Decimal {
        self.financial_benefits + self.reallocation_benefits
    }
    /// Benefits − costs.
    pub fn net(&self) -> Decimal {
        self.benefits() - self.costs
    }
    /// Besparingskrav: the planned harvest taken home as a budget reduction, the part
    /// that is cut from the stakeholder's budget.
    pub fn savings_demand(&self) -> Decimal {
        self.harvest_by_method[Method::BudgetReduction.index()]
    }
}

impl StakeholderFigures {
    fn total(&self, f: impl Fn(&StakeholderYear) -> Decimal) -> Decimal {
        self.years.iter().map(f).sum()
    }
    /// Costs over the horizon.
    pub fn costs(&self) -> Decimal {
        self.total(|y| y.costs)
    }
    /// Financial benefits over the horizon.
    pub fn financial_benefits(&self) -> Decimal {
        self.total(|y| y.financial_benefits)
    }
    /// Reallocation benefits over the horizon.
    pub fn reallocation_benefits(&self) -> Decimal {
        self.total(|y| y.reallocation_benefits)
    }
    /// Monetised benefits over the horizon.
    pub fn benefits(&self) -> Decimal {
        self.total(StakeholderYear::benefits)
    }
    /// Benefits − costs over the horizon.
    pub fn net(&self) -> Decimal {
        self.total(StakeholderYear::net)
    }
    /// Planned harvest over the horizon.
    pub fn planned_harvest(&self) -> Decimal {
        self.total(|y| y.planned_harvest)
    }
    /// Besparingskrav over the horizon: the planned harvest taken out of the budget.
    pub fn savings_demand(&self) -> Decimal {
        self.total(StakeholderYear::savings_demand)
    }
}

/// One line's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFigures {
    /// Index into [`Project::lines`].
    pub index: usize,
    /// Money per calendar year of the horizon.
    pub by_year: Vec<Decimal>,
    /// Money over the horizon.
    pub total: Decimal,
    /// Planned harvest per year (benefits with a realisation only).
    pub harvest_by_year: Option<Vec<Decimal>>,
    /// Harvest planned for benefit earned in the horizon that falls after its end (the
    /// last `lag_months` of benefit × `share`); 0 with a `schedule` or no realisation.
    pub harvest_after_horizon: Decimal,
    /// The line's money per month as runs (× 12 units), as the scenario has it.
    pub runs: Vec<series::Run>,
}

impl LineFigures {
    /// The money over the horizon not taken home: `total − planned harvest`.
    pub fn not_harvested(&self) -> Decimal {
        self.total - self.planned_harvest()
    }
    /// Benefit not planned for harvest at all: `total − planned harvest − harvest after
    /// the horizon` (the part `share` leaves, or all of a benefit without a plan).
    pub fn not_planned(&self) -> Decimal {
        self.not_harvested() - self.harvest_after_horizon
    }
    /// Planned harvest over the horizon (0 without a realisation).
    pub fn planned_harvest(&self) -> Decimal {
        self.harvest_by_year.as_ref().map_or(Decimal::ZERO, |h| h.iter().sum())
    }
}

/// The tornado table and the low and high cases (lines with `range`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RangeAnalysis {
    /// Sorted by spread, widest first.
    pub lines: Vec<RangeLine>,
    /// Every ranged line at its unfavourable bound at once.
    pub low_case_npv: Option<Decimal>,
    /// Every ranged line at its favourable bound at once.
    pub high_case_npv: Option<Decimal>,
}

/// NPV with one line at its low and at its high factor.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeLine {
    /// Index into [`Project::lines`].
    pub index: usize,
    /// The line's low factor (`range.low`).
    pub low_factor: Decimal,
    /// The line's high factor (`range.high`).
    pub high_factor: Decimal,
    /// NPV with the line at its low factor.
    pub npv_low: Decimal,
    /// NPV with the line at its high factor.
    pub npv_high: Decimal,
}

impl RangeLine {
    /// `|npv_high − npv_low|`: how much the line moves the NPV.
    pub fn spread(&self) -> Decimal {
        (self.npv_high - self.npv_low).abs()
    }
}

/// Compute a project under a scenario.
pub fn compute(project: &Project, scenario: &Scenario) -> Result<Calculation, EngineError> {
    compute_with(project, scenario, true)
}

/// Compute a project under a scenario for the check rules only: as [`compute`], but what
/// no rule reads is left out: the IRR and the payback (none) and the planned harvest
/// (none per line, zero in the totals and per stakeholder). A scenario scales no
/// harvest schedule and a harvest share is at most the benefit, so a harvest too large
/// to compute is found in the base case or in the benefit itself.
pub fn compute_for_checks(project: &Project, scenario: &Scenario) -> Result<Calculation, EngineError> {
    compute_with(project, scenario, false)
}

/// The cumulative net (benefits − costs, undiscounted) at the end of each month of the
/// horizon under `scenario`: the series the payback month is found from, for the chart
/// of the cumulative net, so that its line dips and crosses zero where the months do.
pub fn monthly_cumulative_net(project: &Project, scenario: &Scenario) -> Result<Vec<Decimal>, EngineError> {
    let months = project.months();
    // Monthly net × 12 as a difference array, as in the calculation's payback.
    let mut differences = vec![Decimal::ZERO; months + 1];
    for line in project.lines() {
        let overflow = || EngineError::overflow(&line.at);
        let runs = series::line_runs(project, line, scenario).map_err(|_| overflow())?;
        series::add_to_differences(&runs, &mut differences, line.is_cost()).ok_or_else(overflow)?;
    }
    let overflow = || EngineError::overflow("project");
    let (mut net, mut cumulative) = (Decimal::ZERO, Decimal::ZERO);
    let mut out = Vec::with_capacity(months);
    for d in &differences[..months] {
        net = net.checked_add(*d).ok_or_else(overflow)?;
        cumulative = cumulative.checked_add(net).ok_or_else(overflow)?;
        out.push(cumulative / Decimal::from(12));
    }
    Ok(out)
}

fn compute_with(project: &Project, scenario: &Scenario, key_figures: bool) -> Result<Calculation, EngineError> {
    let n_years = project.years as usize;
    let rate = scenario.discount_rate.unwrap_or(project.assumptions.discount_rate);
    let factors =
        finance::discount_factors_remembered(rate, n_years).ok_or_else(|| EngineError::overflow("project"))?;
    let zero_years = || vec![Decimal::ZERO; n_years];

    let mut costs_by_cat = [zero_years(), zero_years(), zero_years()];
    let mut financial = zero_years();
    let mut reallocation = zero_years();
    let mut by_confidence = [Decimal::ZERO; 3];
    let mut high_confidence_benefits = zero_years();
    let mut not_low_confidence_benefits = zero_years();
    let mut harvest = zero_years();
    // Monthly net (× 12 units) as a difference array: each run adds at its start and
    // takes away after its end; the running sum is the series.
    // Only the payback reads it, and a calculation for the rules has none.
    let mut net_differences = if key_figures {
        vec![Decimal::ZERO; project.months() + 1]
    } else {
        Vec::new()
    };
    let mut stakeholder_years = vec![vec![StakeholderYear::default(); n_years]; project.stakeholders.len()];
    let mut lines = Vec::new();

    for (index, line) in project.lines().enumerate() {
        let overflow = || EngineError::overflow(&line.at);
        let runs = series::line_runs(project, line, scenario).map_err(|_| overflow())?;
        let by_year = series::year_sums(&runs, n_years).ok_or_else(overflow)?;
        let harvest_by_year = match line.realisation() {
            Some(r) if key_figures => {
                let h = series::harvest_runs(project, r, &runs).map_err(|_| overflow())?;
                Some(series::year_sums(&h, n_years).ok_or_else(overflow)?)
            }
            _ => None,
        };
        let harvest_after_horizon = match line.realisation() {
            Some(r) if key_figures && r.schedule.is_none() && r.lag_months > 0 => {
                let n = project.months();
                let tail =
                    series::window_sum(&runs, n.saturating_sub(r.lag_months as usize), n).ok_or_else(overflow)?;
                series::twelfth(tail).checked_mul(r.share).ok_or_else(overflow)?
            }
            _ => Decimal::ZERO,
        };
        let too_large = |v: &Decimal| v.abs() > MAX_YEARLY_MONEY;
        if by_year.iter().any(too_large) || harvest_by_year.iter().flatten().any(too_large) {
            return Err(overflow());
        }
        if key_figures {
            series::add_to_differences(&runs, &mut net_differences, line.is_cost()).ok_or_else(overflow)?;
        }
        let target = match &line.kind {
            LineKind::Cost { category } => Some(&mut costs_by_cat[category.index()]),
            LineKind::Benefit(b) => match b.class {
                Class::Financial => Some(&mut financial),
                Class::Reallocation => Some(&mut reallocation),
                Class::Qualitative => None,
            },
        };
        if let Some(target) = target {
            add_into(target, &by_year).ok_or_else(overflow)?;
        }
        let total = checked_sum(&by_year).ok_or_else(overflow)?;
        if let Some(b) = line.benefit() {
            by_confidence[b.confidence.index()] += total;
            if b.confidence == Confidence::High {
                add_into(&mut high_confidence_benefits, &by_year).ok_or_else(overflow)?;
            }
            if b.confidence != Confidence::Low {
                add_into(&mut not_low_confidence_benefits, &by_year).ok_or_else(overflow)?;
            }
        }
        if let Some(h) = &harvest_by_year {
            add_into(&mut harvest, h).ok_or_else(overflow)?;
        }
        split_to_stakeholders(line, &by_year, harvest_by_year.as_deref(), &mut stakeholder_years)
            .ok_or_else(overflow)?;

        lines.push(LineFigures {
            index,
            by_year,
            total,
            harvest_by_year,
            harvest_after_horizon,
            runs,
        });
    }

    let overflow = || EngineError::overflow("project");
    let costs_total_by_year: Vec<Decimal> = (0..n_years).map(|y| costs_by_cat.iter().map(|c| c[y]).sum()).collect();
    let benefits_by_year: Vec<Decimal> = (0..n_years).map(|y| financial[y] + reallocation[y]).collect();
    let net_by_year: Vec<Decimal> = (0..n_years)
        .map(|y| benefits_by_year[y] - costs_total_by_year[y])
        .collect();
    let pv = |values: &[Decimal]| finance::present_value(values, &factors).ok_or_else(overflow);
    let pv_costs = pv(&costs_total_by_year)?;
    let pv_benefits = pv(&benefits_by_year)?;
    let npv = pv_benefits - pv_costs;
    let npv_financial = pv(&financial)? - pv_costs;
    let npv_high_confidence = pv(&high_confidence_benefits)? - pv_costs;
    let npv_without_low_confidence = pv(&not_low_confidence_benefits)? - pv_costs;

    let mut cumulative = Decimal::ZERO;
    let years: Vec<YearFigures> = (0..n_years)
        .map(|y| {
            cumulative += net_by_year[y];
            YearFigures {
                year: project.start_year + y as i32,
                costs: [costs_by_cat[0][y], costs_by_cat[1][y], costs_by_cat[2][y]],
                financial_benefits: financial[y],
                reallocation_benefits: reallocation[y],
                cumulative_net: cumulative,
                discount_factor: factors[y],
                planned_harvest: harvest[y],
            }
        })
        .collect();

    let total_benefits: Decimal = benefits_by_year.iter().sum();
    let planned_harvest: Decimal = harvest.iter().sum();
    let payback_index = if key_figures {
        finance::payback_month_index_from_differences(&net_differences, project.months())
    } else {
        None
    };
    let summary = Summary {
        costs: [
            costs_by_cat[0].iter().sum(),
            costs_by_cat[1].iter().sum(),
            costs_by_cat[2].iter().sum(),
        ],
        financial_benefits: financial.iter().sum(),
        reallocation_benefits: reallocation.iter().sum(),
        benefits_by_confidence: by_confidence,
        npv,
        npv_financial,
        npv_high_confidence,
        npv_without_low_confidence,
        pv_costs,
        pv_benefits,
        bcr: pv_benefits.checked_div(pv_costs),
        irr: if key_figures { finance::irr(&net_by_year) } else { None },
        payback_month: payback_index.map(|i| Month(project.first_month().0 + i as i32)),
        payback_years: payback_index.map(|i| Decimal::from(i + 1) / Decimal::from(12)),
        planned_harvest,
        harvest_share: planned_harvest.checked_div(total_benefits),
    };

    let stakeholders = project
        .stakeholders
        .iter()
        .zip(stakeholder_years)
        .map(|(s, years)| {
            let nets: Vec<Decimal> = years.iter().map(StakeholderYear::net).collect();
            Ok(StakeholderFigures {
                id: s.id.clone(),
                name: s.name.clone(),
                npv: pv(&nets)?,
                years,
            })
        })
        .collect::<Result<Vec<_>, EngineError>>()?;

    Ok(Calculation {
        scenario: scenario.clone(),
        discount_rate: rate,
        years,
        summary,
        stakeholders,
        lines,
    })
}

impl Calculation {
    /// The sign every year's net shares: `Greater` when no year's net is negative (and
    /// one is positive), `Less` when no year's is positive (and one is negative), `None`
    /// when they differ or all are zero. Why a series has no internal rate of return.
    pub fn yearly_net_sign(&self) -> Option<std::cmp::Ordering> {
        let positive = self.years.iter().any(|y| y.net() > Decimal::ZERO);
        let negative = self.years.iter().any(|y| y.net() < Decimal::ZERO);
        match (positive, negative) {
            (true, false) => Some(std::cmp::Ordering::Greater),
            (false, true) => Some(std::cmp::Ordering::Less),
            _ => None,
        }
    }

    /// A line's present value, positive for a normal cost and a normal benefit.
    pub fn line_pv(&self, figures: &LineFigures) -> Decimal {
        figures
            .by_year
            .iter()
            .zip(&self.years)
            .map(|(v, y)| v * y.discount_factor)
            .sum()
    }

    /// The factor by which the line must be multiplied to bring the NPV to 0 (docs/method.md);
    /// none for a line with no present value or a qualitative benefit.
    pub fn switching_factor(&self, project: &Project, figures: &LineFigures) -> Option<Decimal> {
        let line = project.lines().nth(figures.index)?;
        switching_factor(line, self.line_pv(figures), self.summary.npv)
    }

    /// The tornado table and the low and high cases, for the lines with a `range`.
    pub fn range(&self, project: &Project) -> RangeAnalysis {
        let all_lines: Vec<&Line> = project.lines().collect();
        range_analysis(&all_lines, self, self.summary.npv)
    }
}

/// The factor by which the line must be multiplied to bring the NPV to 0.
fn switching_factor(line: &Line, pv: Decimal, npv: Decimal) -> Option<Decimal> {
    if pv.is_zero() || !line.is_monetised() {
        return None;
    }
    let ratio = npv.checked_div(pv)?;
    if line.is_cost() {
        Decimal::ONE.checked_add(ratio)
    } else {
        Decimal::ONE.checked_sub(ratio)
    }
}

/// The line's present value as it enters the NPV: benefits add, costs subtract.
pub(crate) fn signed_pv(line: &Line, pv: Decimal) -> Decimal {
    if line.is_cost() { -pv } else { pv }
}

fn range_analysis(all_lines: &[&Line], calc: &Calculation, npv: Decimal) -> RangeAnalysis {
    let mut out = RangeAnalysis::default();
    let (mut low_case, mut high_case) = (npv, npv);
    for f in &calc.lines {
        let Some(line) = all_lines.get(f.index) else { continue };
        let Some((low, high)) = line.range else { continue };
        let signed = signed_pv(line, calc.line_pv(f));
        let at = |factor: Decimal| npv + (factor - Decimal::ONE) * signed;
        let (npv_low, npv_high) = (at(low), at(high));
        low_case += npv_low.min(npv_high) - npv;
        high_case += npv_low.max(npv_high) - npv;
        out.lines.push(RangeLine {
            index: f.index,
            low_factor: low,
            high_factor: high,
            npv_low,
            npv_high,
        });
    }
    out.lines.sort_by_key(|r| std::cmp::Reverse(r.spread()));
    // With no ranged line both cases are the NPV itself.
    out.low_case_npv = Some(low_case);
    out.high_case_npv = Some(high_case);
    out
}

fn split_to_stakeholders(
    line: &Line,
    by_year: &[Decimal],
    harvest: Option<&[Decimal]>,
    stakeholder_years: &mut [Vec<StakeholderYear>],
) -> Option<()> {
    type Field = fn(&mut StakeholderYear) -> &mut Decimal;
    let target: Field = match line.class() {
        None => |slot| &mut slot.costs,
        Some(Class::Financial) => |slot| &mut slot.financial_benefits,
        Some(Class::Reallocation) => |slot| &mut slot.reallocation_benefits,
        Some(Class::Qualitative) => return Some(()),
    };
    let method = match line.realisation().and_then(|r| r.method) {
        Some(m) => Some(Method::ALL.iter().position(|x| *x == m)?),
        None => None,
    };
    for &(s, share) in &line.stakeholders {
        // A whole share (one stakeholder) needs no multiplication: most lines have one.
        let whole = share == Decimal::ONE;
        let part_of = |value: &Decimal| if whole { Some(*value) } else { value.checked_mul(share) };
        let years = stakeholder_years.get_mut(s)?;
        for (y, (slot, value)) in years.iter_mut().zip(by_year).enumerate() {
            let field = target(slot);
            *field = field.checked_add(part_of(value)?)?;
            if let Some(h) = harvest {
                let part = part_of(h.get(y)?)?;
                slot.planned_harvest = slot.planned_harvest.checked_add(part)?;
                if let Some(i) = method {
                    slot.harvest_by_method[i] = slot.harvest_by_method[i].checked_add(part)?;
                }
            }
        }
    }
    Some(())
}

pub(crate) fn add_into(target: &mut [Decimal], values: &[Decimal]) -> Option<()> {
    for (t, v) in target.iter_mut().zip(values) {
        *t = t.checked_add(*v)?;
    }
    Some(())
}

#[cfg(test)]
mod tests;
