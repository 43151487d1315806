//! Follow-up (uppföljning, docs/follow-up.md): the plan against the actuals, year by
//! year, with a re-forecast (actuals to date + plan for the remaining years) and flags.
//! Actuals never change the plan: planned figures come from the base calculation.

use super::{Calculation, finance, series};
use crate::model::actuals::{ActualKind, Actuals};
use crate::model::{Line, Month, Project};
use rust_decimal::Decimal;

/// One line, kind and year: planned against actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    /// Index into [`Project::lines`].
    pub line: usize,
    /// Cost, benefit or harvest.
    pub kind: ActualKind,
    /// The calendar year.
    pub year: i32,
    /// The plan for the year (base calculation).
    pub planned: Decimal,
    /// `None` when no actual was reported (the row counts as missing).
    pub actual: Option<Decimal>,
    /// The actuals CSV's comment for this line, kind and year.
    pub comment: Option<String>,
}

impl FollowUpRow {
    /// `actual − planned` (none when no actual was reported, or on overflow).
    pub fn variance(&self) -> Option<Decimal> {
        self.actual.and_then(|a| a.checked_sub(self.planned))
    }
    /// The variance as a fraction of the plan: `variance / |planned|` (none when the
    /// plan is 0 or no actual was reported).
    pub fn variance_share(&self) -> Option<Decimal> {
        self.variance().and_then(|v| share_of(v, self.planned))
    }
}

/// `variance / |planned|` (none when the plan is 0): the one definition of a relative
/// variance, so that a negative plan (a refund) keeps the variance's sign
/// (docs/follow-up.md).
pub fn share_of(variance: Decimal, planned: Decimal) -> Option<Decimal> {
    if planned.is_zero() {
        None
    } else {
        variance.checked_div(planned.abs())
    }
}

/// Sums over some follow-up rows: all planned, and planned and actual where reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sums {
    /// Planned over every row.
    pub planned: Decimal,
    /// Planned over the rows with an actual.
    pub planned_reported: Decimal,
    /// Actual over the rows with an actual.
    pub actual: Decimal,
    /// Rows with an actual.
    pub reported: usize,
    /// Rows without an actual.
    pub missing: usize,
}

impl Sums {
    /// Add up `rows`.
    pub fn of<'r>(rows: impl IntoIterator<Item = &'r FollowUpRow>) -> Sums {
        let mut s = Sums::default();
        for r in rows {
            s.planned += r.planned;
            match r.actual {
                Some(a) => {
                    s.planned_reported += r.planned;
                    s.actual += a;
                    s.reported += 1;
                }
                None => s.missing += 1,
            }
        }
        s
    }
    /// Actual against the plan of the years with an actual (none when none has one).
    pub fn variance(&self) -> Option<Decimal> {
        (self.reported > 0).then(|| self.actual - self.planned_reported)
    }
    /// [`Sums::variance`] as a fraction of the plan of the years with an actual.
    pub fn variance_share(&self) -> Option<Decimal> {
        self.variance().and_then(|v| share_of(v, self.planned_reported))
    }
}

/// Sums over the rows (docs/follow-up.md, "Follow-up").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpTotals {
    /// Planned costs over the rows.
    pub planned_costs: Decimal,
    /// Actual costs over the rows with an actual.
    pub actual_costs: Decimal,
    /// Planned benefits over the rows.
    pub planned_benefits: Decimal,
    /// Actual benefits over the rows with an actual.
    pub actual_benefits: Decimal,
    /// Planned harvest over the rows.
    pub planned_harvest: Decimal,
    /// Actual harvest over the rows with an actual.
    pub actual_harvest: Decimal,
    /// `actual_harvest / planned_harvest` (none when nothing was planned).
    pub realisation_rate: Option<Decimal>,
    /// Rows with no actual reported.
    pub missing: usize,
}

/// The calculation as it now looks: actuals for the years followed up, plan after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reforecast {
    /// Per year: (year, costs, monetised benefits).
    pub years: Vec<(i32, Decimal, Decimal)>,
    /// NPV of the re-forecast.
    pub npv: Decimal,
    /// Payback month of the re-forecast.
    pub payback_month: Option<Month>,
    /// Payback of the re-forecast in years from the start.
    pub payback_years: Option<Decimal>,
}

impl Reforecast {
    /// Re-forecast costs over the horizon.
    pub fn total_costs(&self) -> Decimal {
        self.years.iter().map(|y| y.1).sum()
    }
    /// Re-forecast monetised benefits over the horizon.
    pub fn total_benefits(&self) -> Decimal {
        self.years.iter().map(|y| y.2).sum()
    }
    /// Re-forecast benefits − costs over the horizon.
    pub fn net(&self) -> Decimal {
        self.total_benefits() - self.total_costs()
    }
    /// Benefits − costs of one year of [`Reforecast::years`].
    pub fn net_of(year: &(i32, Decimal, Decimal)) -> Decimal {
        year.2 - year.1
    }
}

/// A re-forecast figure against its plan: `forecast − plan`.
pub fn difference(plan: Decimal, forecast: Decimal) -> Decimal {
    forecast - plan
}

/// How many months the re-forecast payback moves against the plan (later is positive).
pub fn payback_shift(plan: Month, forecast: Month) -> i32 {
    forecast.0 - plan.0
}

/// How the years after the follow-up year are forecast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Forecast {
    /// The plan, unchanged.
    Plan,
    /// The plan × the line's realisation so far (docs/follow-up.md, "Forecast"):
    /// `Σ actual / Σ planned` over the years followed up that have an actual.
    #[default]
    Trend,
}

impl Forecast {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Forecast::Plan => "plan",
            Forecast::Trend => "trend",
        }
    }
}

/// A line's realisation so far, by which `--forecast trend` scales its future years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTrend {
    /// Index into [`Project::lines`].
    pub line: usize,
    /// Cost or benefit.
    pub kind: ActualKind,
    /// `Σ actual / Σ planned` over the years up to the follow-up year with an actual;
    /// none (the plan is kept) when no year has both.
    pub rate: Option<Decimal>,
}

/// The whole follow-up.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// The last year followed up (`--as-of`).
    pub as_of: i32,
    /// Planned against actual, per line, kind and year.
    pub rows: Vec<FollowUpRow>,
    /// Sums over the rows.
    pub totals: FollowUpTotals,
    /// Actuals to date, plan after.
    pub reforecast: Reforecast,
    /// How the years after `as_of` were forecast.
    pub forecast: Forecast,
    /// Per monetised line (cost or benefit), its realisation so far.
    pub trends: Vec<LineTrend>,
}

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// Follow up `project` (planned as in `base`) with `actuals`, up to and including `as_of`,
/// the years after forecast by the plan.
pub fn follow_up(project: &Project, base: &Calculation, actuals: &Actuals, as_of: i32) -> FollowUp {
    follow_up_with(project, base, actuals, as_of, Forecast::Plan)
}

/// As [`follow_up`], the years after `as_of` forecast as `forecast` says.
pub fn follow_up_with(
    project: &Project,
    base: &Calculation,
    actuals: &Actuals,
    as_of: i32,
    forecast: Forecast,
) -> FollowUp {
    let lines: Vec<&Line> = project.lines().collect();
    let last_year = as_of.min(project.end_year() - 1);
    let mut rows = Vec::new();
    for figures in &base.lines {
        let Some(line) = lines.get(figures.index) else { continue };
        if !line.is_monetised() {
            continue;
        }
        let mut kinds = vec![(
            if line.is_cost() {
                ActualKind::Cost
            } else {
                ActualKind::Benefit
            },
            &figures.by_year,
        )];
        if let Some(h) = &figures.harvest_by_year {
            kinds.push((ActualKind::Harvest, h));
        }
        for (kind, planned_by_year) in kinds {
            for year in project.start_year..=last_year {
                let planned = planned_by_year
                    .get((year - project.start_year) as usize)
                    .copied()
                    .unwrap_or_default();
                let actual = actuals.get(&(figures.index, kind, year));
                let comment = actuals.comment(&(figures.index, kind, year)).map(str::to_string);
                if !planned.is_zero() || actual.is_some() || comment.is_some() {
                    rows.push(FollowUpRow {
                        line: figures.index,
                        kind,
                        year,
                        planned,
                        actual,
                        comment,
                    });
                }
            }
        }
    }
    let totals = totals(&rows);
    let trends: Vec<LineTrend> = base
        .lines
        .iter()
        .filter(|f| lines.get(f.index).is_some_and(|l| l.is_monetised()))
        .map(|f| {
            let kind = if lines[f.index].is_cost() {
                ActualKind::Cost
            } else {
                ActualKind::Benefit
            };
            let sums = Sums::of(rows.iter().filter(|r| r.line == f.index && r.kind == kind));
            LineTrend {
                line: f.index,
                kind,
                rate: (sums.reported > 0)
                    .then(|| sums.actual.checked_div(sums.planned_reported))
                    .flatten(),
            }
        })
        .collect();
    let scale = |index: usize| match forecast {
        Forecast::Plan => None,
        Forecast::Trend => trends.iter().find(|t| t.line == index).and_then(|t| t.rate),
    };
    let reforecast = reforecast(project, base, &lines, actuals, last_year, &scale);
    FollowUp {
        as_of,
        rows,
        totals,
        reforecast,
        forecast,
        trends,
    }
}

fn totals(rows: &[FollowUpRow]) -> FollowUpTotals {
    let mut t = FollowUpTotals::default();
    for r in rows {
        let (planned, actual) = match r.kind {
            ActualKind::Cost => (&mut t.planned_costs, &mut t.actual_costs),
            ActualKind::Benefit => (&mut t.planned_benefits, &mut t.actual_benefits),
            ActualKind::Harvest => (&mut t.planned_harvest, &mut t.actual_harvest),
        };
        *planned += r.planned;
        match r.actual {
            Some(a) => *actual += a,
            None => t.missing += 1,
        }
    }
    t.realisation_rate = t.actual_harvest.checked_div(t.planned_harvest);
    t
}

fn reforecast(
    project: &Project,
    base: &Calculation,
    lines: &[&Line],
    actuals: &Actuals,
    last_year: i32,
    scale: &dyn Fn(usize) -> Option<Decimal>,
) -> Reforecast {
    let n_years = project.years as usize;
    let mut costs = vec![Decimal::ZERO; n_years];
    let mut benefits = vec![Decimal::ZERO; n_years];
    let mut monthly_net = vec![Decimal::ZERO; project.months()];
    for (index, line) in lines.iter().enumerate() {
        if !line.is_monetised() {
            continue;
        }
        let kind = if line.is_cost() {
            ActualKind::Cost
        } else {
            ActualKind::Benefit
        };
        // The plan was computed once already, so it cannot overflow here.
        let Ok(mut months) = series::line_months(project, line, &base.scenario) else {
            continue;
        };
        for year in project.start_year..=last_year {
            if let Some(actual) = actuals.get(&(index, kind, year)) {
                let first = (year - project.start_year) as usize * 12;
                // × 12 units: a year's actual spread evenly is the actual in every month.
                months.iter_mut().skip(first).take(12).for_each(|m| *m = actual);
            }
        }
        // The years after: the plan × the realisation so far (`--forecast trend`).
        if let Some(rate) = scale(index) {
            let after = usize::try_from(last_year + 1 - project.start_year).unwrap_or(0) * 12;
            months
                .iter_mut()
                .skip(after)
                .for_each(|m| *m = m.checked_mul(rate).unwrap_or(*m));
        }
        let target = if line.is_cost() { &mut costs } else { &mut benefits };
        for (y, year_months) in months.chunks(12).enumerate() {
            target[y] += year_months.iter().sum::<Decimal>() / TWELVE;
        }
        for (slot, m) in monthly_net.iter_mut().zip(&months) {
            if line.is_cost() {
                *slot -= *m;
            } else {
                *slot += *m;
            }
        }
    }
    let nets: Vec<Decimal> = benefits.iter().zip(&costs).map(|(b, c)| b - c).collect();
    let factors: Vec<Decimal> = base.years.iter().map(|y| y.discount_factor).collect();
    let npv = finance::present_value(&nets, &factors).unwrap_or_default();
    let payback = finance::payback_month_index(monthly_net.iter().copied());
    Reforecast {
        years: (0..n_years)
            .map(|y| (project.start_year + y as i32, costs[y], benefits[y]))
            .collect(),
        npv,
        payback_month: payback.map(|i| Month(project.first_month().0 + i as i32)),
        payback_years: payback.map(|i| Decimal::from(i + 1) / TWELVE),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Scenario, parse_project};
    use rust_decimal::dec;

    /// A small project with actuals in the file, shared with the follow-up flags' tests.
    pub(crate) const TEXT: &str = r#"format = 1
[project]
name = "P"
organisation = "O"
start_year = 2010
years = 3
go_live = "2010-01"
[assumptions]
discount_rate = 0
[[costs]]
id = "bygg"
name = "Bygg"
category = "investment"
amounts = { 2010 = 100000 }
actuals = { 2010 = 120000 }
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 120000
actuals = { 2010 = 60000 }
[benefits.realisation]
owner = "Chef"
share = 0.5
actuals = { 2010 = 20000 }
"#;

    fn run(as_of: i32) -> FollowUp {
        let p = parse_project(TEXT).project.unwrap();
        let base = super::super::compute(&p, &Scenario::base()).unwrap();
        follow_up(&p, &base, &Actuals::from_project(&p), as_of)
    }

    #[test]
    fn rows_variances_and_totals() {
        let f = run(2011);
        // Bygg 2010 (2011 has no plan and no actual); Tid benefit 2010, 2011; harvest 2010, 2011.
        let rows: Vec<(usize, ActualKind, i32)> = f.rows.iter().map(|r| (r.line, r.kind, r.year)).collect();
        assert_eq!(
            rows,
            vec![
                (0, ActualKind::Cost, 2010),
                (1, ActualKind::Benefit, 2010),
                (1, ActualKind::Benefit, 2011),
                (1, ActualKind::Harvest, 2010),
                (1, ActualKind::Harvest, 2011),
            ]
        );
        // Cost 120000 − 100000 = +20000 (+20 %); benefit 60000 − 120000 = −60000 (−50 %).
        assert_eq!(f.rows[0].variance(), Some(dec!(20000)));
        assert_eq!(f.rows[0].variance_share(), Some(dec!(0.2)));
        assert_eq!(f.rows[1].variance(), Some(dec!(-60000)));
        assert_eq!(f.rows[2].actual, None);
        let t = &f.totals;
        assert_eq!((t.planned_costs, t.actual_costs), (dec!(100000), dec!(120000)));
        assert_eq!((t.planned_benefits, t.actual_benefits), (dec!(240000), dec!(60000)));
        // Harvest plan 60000 a year; actual 20000 reported for 2010 only: 20000 / 120000.
        assert_eq!((t.planned_harvest, t.actual_harvest), (dec!(120000), dec!(20000)));
        assert_eq!(t.realisation_rate.unwrap().round_dp(6), dec!(0.166667));
        assert_eq!(t.missing, 2);
    }

    #[test]
    fn trend_scales_the_years_after_by_the_realisation_so_far() {
        let p = parse_project(TEXT).project.unwrap();
        let base = super::super::compute(&p, &Scenario::base()).unwrap();
        let f = follow_up_with(&p, &base, &Actuals::from_project(&p), 2010, Forecast::Trend);
        // Bygg: 120000 / 100000 = 1.2 (nothing planned after 2010); Tid: 60000 / 120000 = 0.5.
        let rates: Vec<Option<Decimal>> = f.trends.iter().map(|t| t.rate).collect();
        assert_eq!(rates, vec![Some(dec!(1.2)), Some(dec!(0.5))]);
        // 2011 and 2012: Tid's plan of 120000 × 0.5 = 60000 a year.
        assert_eq!(f.reforecast.years[1], (2011, dec!(0), dec!(60000)));
        assert_eq!(f.reforecast.years[2], (2012, dec!(0), dec!(60000)));
        // Rate 0: NPV = 60000 × 3 − 120000 = 60000 (with the plan kept: 180000).
        assert_eq!(f.reforecast.npv, dec!(60000));
    }

    #[test]
    fn reforecast_uses_actuals_then_plan() {
        let f = run(2011);
        // 2010: cost 120000, benefit 60000 (actuals); 2011 and 2012: the plan, 120000 a year.
        assert_eq!(f.reforecast.years[0], (2010, dec!(120000), dec!(60000)));
        assert_eq!(f.reforecast.years[1], (2011, dec!(0), dec!(120000)));
        // Rate 0: NPV = 300000 − 120000 = 180000.
        assert_eq!(f.reforecast.npv, dec!(180000));
        // Cumulative: 2010 each month 5000 − 10000 → −60000 at end 2010; +10000 a month → 0 after June 2011.
        assert_eq!(f.reforecast.payback_month, Some(Month::new(2011, 6)));
    }
}
