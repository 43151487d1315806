//! One line's money per month over the horizon (spec §2, §3.1, §3.4, §3.6).
//!
//! A monthly series holds each month's money **× 12** (the annualised rate of that
//! month): `annual = 100000` is 100000 in every active month. The division by 12 happens
//! once, when months are summed into years, so that nine months of 100000 a year are
//! exactly 75000 rather than 9 × 8333.33…

use super::{Overflow, checked};
use crate::model::{Line, LineKind, PerCase, Project, Realisation, Scenario, ValueSource};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

const SIXTY: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// A line's money per month (× 12, see the module docs), as planned in `scenario`: costs scaled by `cost_factor`,
/// monetised benefits scaled by `benefit_factor` and moved `delay_months` later.
pub fn line_months(project: &Project, line: &Line, scenario: &Scenario) -> Result<Vec<Decimal>, Overflow> {
    let n = project.months();
    let mut months = vec![Decimal::ZERO; n];
    let Some(value) = &line.value else { return Ok(months) };
    let start = project.start_year;
    let rate = line.hourly_rate.unwrap_or(Decimal::ZERO);
    match value {
        ValueSource::Amounts(by_year) => spread_years(&mut months, start, by_year, Decimal::ONE)?,
        ValueSource::Hours(by_year) => spread_years(&mut months, start, by_year, rate)?,
        ValueSource::Annual(annual) => periodic(&mut months, project, line, |_| Ok(*annual))?,
        ValueSource::AnnualHours(hours) => {
            let annual = checked(hours.checked_mul(rate))?;
            periodic(&mut months, project, line, |_| Ok(annual))?
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
            periodic(&mut months, project, line, |year| {
                let share = adoption.as_ref().map_or(Decimal::ONE, |a| adoption_in(a, year));
                checked(base.checked_mul(share))
            })?
        }
    }
    match line.kind {
        LineKind::Cost { .. } => scale(&mut months, scenario.cost_factor)?,
        LineKind::Benefit(_) => {
            scale(&mut months, scenario.benefit_factor)?;
            delay(&mut months, scenario.delay_months as usize);
        }
    }
    Ok(months)
}

/// Planned harvest per month for a benefit with a realisation (spec §3.4): the explicit
/// schedule, or `share × benefit(m − lag)` of the (scenario-adjusted) benefit months.
pub fn harvest_months(
    project: &Project,
    realisation: &Realisation,
    benefit: &[Decimal],
) -> Result<Vec<Decimal>, Overflow> {
    let mut months = vec![Decimal::ZERO; benefit.len()];
    match &realisation.schedule {
        Some(schedule) => spread_years(&mut months, project.start_year, schedule, Decimal::ONE)?,
        None => {
            let lag = realisation.lag_months as usize;
            for (m, slot) in months.iter_mut().enumerate().skip(lag) {
                *slot = checked(benefit[m - lag].checked_mul(realisation.share))?;
            }
        }
    }
    Ok(months)
}

/// Spread amounts given per calendar year evenly over that year's twelve months
/// (each month holds the amount, in × 12 units).
pub fn spread_years(
    months: &mut [Decimal],
    start_year: i32,
    by_year: &BTreeMap<i32, Decimal>,
    factor: Decimal,
) -> Result<(), Overflow> {
    for (&year, &amount) in by_year {
        let Ok(first) = usize::try_from(i64::from(year - start_year) * 12) else {
            continue;
        };
        let per_month = checked(amount.checked_mul(factor))?;
        for slot in months.iter_mut().skip(first).take(12) {
            *slot = checked(slot.checked_add(per_month))?;
        }
    }
    Ok(())
}

/// Fill the months in which the line is active with `annual(year) × growth factor` (× 12 units).
fn periodic(
    months: &mut [Decimal],
    project: &Project,
    line: &Line,
    annual: impl Fn(i32) -> Result<Decimal, Overflow>,
) -> Result<(), Overflow> {
    let first = project.month_index(line.from).max(0) as usize;
    let last = (project.month_index(line.to) + 1).clamp(0, months.len() as i64) as usize;
    let start_year = line.from.year();
    let growth = Decimal::ONE + line.growth;
    let mut factor = Decimal::ONE;
    let mut factor_year = start_year;
    let mut m = first;
    while m < last {
        let year = project.start_year + (m / 12) as i32;
        while factor_year < year {
            factor = checked(factor.checked_mul(growth))?;
            factor_year += 1;
        }
        let per_month = checked(annual(year)?.checked_mul(factor))?;
        let year_end = ((m / 12) + 1) * 12;
        for slot in &mut months[m..year_end.min(last)] {
            *slot = per_month;
        }
        m = year_end;
    }
    Ok(())
}

/// The adoption share in `year`: the last listed year's value at or before it, else 0.
pub fn adoption_in(adoption: &BTreeMap<i32, Decimal>, year: i32) -> Decimal {
    adoption.range(..=year).next_back().map_or(Decimal::ZERO, |(_, v)| *v)
}

fn scale(months: &mut [Decimal], factor: Decimal) -> Result<(), Overflow> {
    if factor != Decimal::ONE {
        for slot in months.iter_mut() {
            *slot = checked(slot.checked_mul(factor))?;
        }
    }
    Ok(())
}

/// Move every value `by` months later; what falls past the horizon is dropped.
fn delay(months: &mut [Decimal], by: usize) {
    if by == 0 {
        return;
    }
    let n = months.len();
    let by = by.min(n);
    months.copy_within(0..n - by, by);
    months[..by].fill(Decimal::ZERO);
}
