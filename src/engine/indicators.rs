//! Indicators computed from a calculation for the reports: *effekthemtagning* (the
//! planned harvest to date as a share of the investment to date).

use super::Calculation;
use crate::model::Category;
use rust_decimal::Decimal;

/// One year of the *effekthemtagning* indicator: the planned harvest to date as a share
/// of the investment to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectYear {
    /// The calendar year.
    pub year: i32,
    /// Investment in the year.
    pub investment: Decimal,
    /// Investment up to and including the year.
    pub cumulative_investment: Decimal,
    /// Planned harvest in the year.
    pub planned_harvest: Decimal,
    /// Planned harvest up to and including the year.
    pub cumulative_harvest: Decimal,
    /// `cumulative_harvest / cumulative_investment`; none while nothing (or, after
    /// refunds, less than nothing) has been invested.
    pub share: Option<Decimal>,
}

/// *Effekthemtagning* per year (the indicator proposed for Stockholm's development
/// projects: harvest as a share of the sum invested).
pub fn effekthemtagning(calc: &Calculation) -> Vec<EffectYear> {
    let (mut investment, mut harvest) = (Decimal::ZERO, Decimal::ZERO);
    calc.years
        .iter()
        .map(|y| {
            let invested = y.costs[Category::Investment.index()];
            investment += invested;
            harvest += y.planned_harvest;
            EffectYear {
                year: y.year,
                investment: invested,
                cumulative_investment: investment,
                planned_harvest: y.planned_harvest,
                cumulative_harvest: harvest,
                share: (investment > Decimal::ZERO)
                    .then(|| harvest.checked_div(investment))
                    .flatten(),
            }
        })
        .collect()
}
