//! One line's money per month over the horizon (docs/method.md, "One line, month by month").
//!
//! Money per month is held **× 12** (the annualised rate of that month): `annual =
//! 100000` is 100000 in every active month. The division by 12 happens once, when months
//! are summed into years, so that nine months of 100000 a year are exactly 75000 rather
//! than 9 × 8333.33…
//!
//! A line's money is constant within a calendar year (growth and adoption change per
//! year), so a series is stored as [`Run`]s: stretches of months with one value. Sums
//! per year cost a multiplication per run instead of an addition per month; shifting by
//! a lag or a delay moves the runs.

use super::{Overflow, checked};
use crate::model::{Category, Line, LineKind, PerCase, Periods, Project, Realisation, Scenario, ValueSource};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

const SIXTY: Decimal = Decimal::from_parts(60, 0, 0, false, 0);
const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// Months `start..end` (indices into the horizon) each holding `value` (× 12 units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First month of the run.
    pub start: usize,
    /// One past the last month of the run.
    pub end: usize,
    /// The money of each month, × 12.
    pub value: Decimal,
}

/// A line's money as runs (× 12 units, see the module docs), as planned in `scenario`:
/// costs scaled by `cost_factor` (and investment and operations costs by their own factor), monetised benefits scaled by `benefit_factor` and
/// moved `delay_months` later. Runs are in month order and do not overlap.
pub fn line_runs(project: &Project, line: &Line, scenario: &Scenario) -> Result<Vec<Run>, Overflow> {
    let n = project.months();
    let mut runs = Vec::new();
    let Some(value) = &line.value else { return Ok(runs) };
    let start = project.start_year;
    let rate = line.hourly_rate.unwrap_or(Decimal::ZERO);
    match value {
        ValueSource::Amounts(periods) => period_runs(&mut runs, n, start, periods, Decimal::ONE)?,
        ValueSource::Hours(periods) => period_runs(&mut runs, n, start, periods, rate)?,
        ValueSource::Annual(annual) => periodic(&mut runs, project, line, |_| Ok(*annual))?,
        ValueSource::AnnualHours(hours) => {
            let annual = checked(hours.checked_mul(rate))?;
            periodic(&mut runs, project, line, |_| Ok(annual))?
        }
        ValueSource::Volume {
            volume,
            per_case,
            adoption,
        } => {
            // Divide by 60 last, so that whole minutes and kronor stay exact.
            let base = match per_case {
                PerCase::Minutes(minutes) => {
                    checked(volume.checked_mul(*minutes).and_then(|v| v.checked_mul(rate)))? / SIXTY
                }
                PerCase::Money(kronor) => checked(volume.checked_mul(*kronor))?,
            };
            periodic(&mut runs, project, line, |year| {
                let share = adoption.as_ref().map_or(Decimal::ONE, |a| adoption_in(a, year));
                checked(base.checked_mul(share))
            })?
        }
    }
    match line.kind {
        LineKind::Cost { category } => {
            let own = match category {
                Category::Investment => scenario.investment_factor,
                Category::Operations => scenario.operations_factor,
                Category::Other => Decimal::ONE,
            };
            scale(&mut runs, scenario.cost_factor)?;
            scale(&mut runs, own)?;
        }
        LineKind::Benefit(_) => {
            scale(&mut runs, scenario.benefit_factor)?;
            shift(&mut runs, scenario.delay_months as usize, n);
        }
    }
    Ok(runs)
}

/// Planned harvest for a benefit with a realisation (docs/format.md, `[benefits.realisation]`): the explicit schedule,
/// or `share × benefit(m − lag)` of the (scenario-adjusted) benefit runs.
pub fn harvest_runs(project: &Project, realisation: &Realisation, benefit: &[Run]) -> Result<Vec<Run>, Overflow> {
    let n = project.months();
    let mut runs = Vec::new();
    match &realisation.schedule {
        Some(schedule) => period_runs(&mut runs, n, project.start_year, schedule, Decimal::ONE)?,
        None => {
            runs.extend_from_slice(benefit);
            scale(&mut runs, realisation.share)?;
            shift(&mut runs, realisation.lag_months as usize, n);
        }
    }
    Ok(runs)
}

/// Sum runs into calendar years of money (dividing the × 12 units by 12).
pub fn year_sums(runs: &[Run], years: usize) -> Option<Vec<Decimal>> {
    let mut sums = vec![Decimal::ZERO; years];
    for run in runs {
        let mut m = run.start;
        while m < run.end {
            let year = m / 12;
            let until = ((year + 1) * 12).min(run.end);
            let part = run.value.checked_mul(Decimal::from(until - m))?;
            let slot = sums.get_mut(year)?;
            *slot = slot.checked_add(part)?;
            m = until;
        }
    }
    // Most years of most lines are empty: no division for them.
    Some(
        sums.into_iter()
            .map(|s| if s.is_zero() { s } else { twelfth(s) })
            .collect(),
    )
}

/// `value / 12`, the same `Decimal` (mantissa and scale) as the division gives, without
/// dividing when the mantissa is a multiple of 12 (most year sums are: a full year is
/// 12 months of × 12 units).
pub fn twelfth(value: Decimal) -> Decimal {
    let mantissa = value.mantissa();
    // In 64 bits (as most are) dividing by 12 is a multiplication, in 128 a call.
    let quotient = match i64::try_from(mantissa) {
        Ok(small) => (small % 12 == 0).then(|| i128::from(small / 12)),
        Err(_) => (mantissa % 12 == 0).then_some(mantissa / 12),
    };
    match quotient {
        Some(q) => Decimal::from_i128_with_scale(q, value.scale()),
        None => value / TWELVE,
    }
}

/// Add (or, for costs, subtract) runs into a difference array of length months + 1;
/// its running sum is the monthly series.
pub fn add_to_differences(runs: &[Run], differences: &mut [Decimal], negative: bool) -> Option<()> {
    for run in runs {
        let value = if negative { -run.value } else { run.value };
        let start = differences.get_mut(run.start)?;
        *start = start.checked_add(value)?;
        let end = differences.get_mut(run.end)?;
        *end = end.checked_sub(value)?;
    }
    Some(())
}

/// The sum of the runs over months `from..to` (× 12 units); `None` on overflow.
pub fn window_sum(runs: &[Run], from: usize, to: usize) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for run in runs {
        let (start, end) = (run.start.max(from), run.end.min(to));
        if start < end {
            sum = sum.checked_add(run.value.checked_mul(Decimal::from(end - start))?)?;
        }
    }
    Some(sum)
}

/// The first month (index) with non-zero money.
pub fn first_nonzero(runs: &[Run]) -> Option<usize> {
    runs.iter()
        .filter(|r| r.start < r.end && !r.value.is_zero())
        .map(|r| r.start)
        .min()
}

/// The runs as one value per month (× 12 units).
pub fn to_months(runs: &[Run], months: usize) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO; months];
    for run in runs {
        if let Some(slots) = out.get_mut(run.start..run.end.min(months)) {
            slots.fill(run.value);
        }
    }
    out
}

/// A line's money per month (× 12 units): [`line_runs`] laid out month by month.
pub fn line_months(project: &Project, line: &Line, scenario: &Scenario) -> Result<Vec<Decimal>, Overflow> {
    Ok(to_months(&line_runs(project, line, scenario)?, project.months()))
}

/// Runs for amounts given per year (one run of twelve months, each month holding the
/// amount in × 12 units) and per month (one run of one month holding 12 × the amount),
/// in month order.
fn period_runs(
    runs: &mut Vec<Run>,
    months: usize,
    start_year: i32,
    periods: &Periods,
    factor: Decimal,
) -> Result<(), Overflow> {
    let first_new = runs.len();
    for (&year, &amount) in &periods.years {
        let Ok(first) = usize::try_from(i64::from(year - start_year) * 12) else {
            continue;
        };
        if first >= months {
            continue;
        }
        let value = checked(amount.checked_mul(factor))?;
        runs.push(Run {
            start: first,
            end: (first + 12).min(months),
            value,
        });
    }
    for (&month, &amount) in &periods.months {
        let Ok(index) = usize::try_from(i64::from(month.0) - i64::from(start_year) * 12) else {
            continue;
        };
        if index >= months {
            continue;
        }
        let value = checked(amount.checked_mul(factor).and_then(|v| v.checked_mul(TWELVE)))?;
        runs.push(Run {
            start: index,
            end: index + 1,
            value,
        });
    }
    runs[first_new..].sort_by_key(|r| r.start);
    Ok(())
}

/// One run per calendar year of the active period, `annual(year) × growth factor`.
fn periodic(
    runs: &mut Vec<Run>,
    project: &Project,
    line: &Line,
    annual: impl Fn(i32) -> Result<Decimal, Overflow>,
) -> Result<(), Overflow> {
    let months = project.months();
    let first = project.month_index(line.from).max(0) as usize;
    let last = (project.month_index(line.to) + 1).clamp(0, months as i64) as usize;
    let growth = Decimal::ONE + line.growth;
    let mut factor = Decimal::ONE;
    let mut factor_year = line.from.year();
    let mut m = first;
    while m < last {
        let year = project.start_year + (m / 12) as i32;
        while factor_year < year {
            factor = checked(factor.checked_mul(growth))?;
            factor_year += 1;
        }
        let value = checked(annual(year)?.checked_mul(factor))?;
        let year_end = ((m / 12) + 1) * 12;
        runs.push(Run {
            start: m,
            end: year_end.min(last),
            value,
        });
        m = year_end;
    }
    Ok(())
}

/// The adoption share in `year`: the last listed year's value at or before it, else 0.
pub fn adoption_in(adoption: &BTreeMap<i32, Decimal>, year: i32) -> Decimal {
    adoption.range(..=year).next_back().map_or(Decimal::ZERO, |(_, v)| *v)
}

fn scale(runs: &mut [Run], factor: Decimal) -> Result<(), Overflow> {
    if factor != Decimal::ONE {
        for run in runs.iter_mut() {
            run.value = checked(run.value.checked_mul(factor))?;
        }
    }
    Ok(())
}

/// Move every run `by` months later; what falls past the horizon is dropped.
pub fn shift(runs: &mut Vec<Run>, by: usize, months: usize) {
    if by == 0 {
        return;
    }
    for run in runs.iter_mut() {
        run.start = (run.start + by).min(months);
        run.end = (run.end + by).min(months);
    }
    runs.retain(|r| r.start < r.end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn year_sums_split_runs_across_years() {
        // 120000 a year from month 3 to month 17 (April year 0 to June year 1):
        // 9 months → 90000, 6 months → 60000.
        let runs = [Run {
            start: 3,
            end: 18,
            value: dec!(120000),
        }];
        assert_eq!(year_sums(&runs, 2).unwrap(), vec![dec!(90000), dec!(60000)]);
    }

    #[test]
    fn differences_give_the_monthly_series() {
        let runs = [Run {
            start: 1,
            end: 3,
            value: dec!(12),
        }];
        let mut d = vec![Decimal::ZERO; 5];
        add_to_differences(&runs, &mut d, true).unwrap();
        assert_eq!(d, vec![dec!(0), dec!(-12), dec!(0), dec!(12), dec!(0)]);
        assert_eq!(to_months(&runs, 4), vec![dec!(0), dec!(12), dec!(12), dec!(0)]);
    }

    #[test]
    fn shift_drops_what_falls_past_the_horizon() {
        let mut runs = vec![
            Run {
                start: 0,
                end: 12,
                value: dec!(1),
            },
            Run {
                start: 12,
                end: 24,
                value: dec!(2),
            },
        ];
        shift(&mut runs, 15, 24);
        assert_eq!(
            runs,
            vec![Run {
                start: 15,
                end: 24,
                value: dec!(1)
            }]
        );
    }

    proptest::proptest! {
        /// `twelfth` is `/ 12` to the last digit and the scale, on multiples of 12 and
        /// on the rest, up to the mantissa's 96 bits.
        #[test]
        fn twelfth_is_division_by_twelve(mantissa in -(1i128 << 95)..(1i128 << 95), scale in 0u32..=28, multiple: bool) {
            let mantissa = if multiple { mantissa / 12 * 12 } else { mantissa };
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            let (fast, slow) = (twelfth(value), value / TWELVE);
            proptest::prop_assert_eq!((fast.mantissa(), fast.scale()), (slow.mantissa(), slow.scale()));
        }
    }
}
