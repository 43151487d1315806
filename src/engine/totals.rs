//! Sums the reports show beside the figures they add up: the total row of a grid of
//! lines, of the stakeholders, and of the harvest each stakeholder carries. Computed
//! here so that `report/` only formats.

use super::{Calculation, LineFigures, StakeholderFigures, StakeholderYear};
use crate::model::Method;
use rust_decimal::Decimal;

/// Sums over some lines' figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTotals {
    /// Money per calendar year of the horizon.
    pub by_year: Vec<Decimal>,
    /// Money over the horizon.
    pub total: Decimal,
    /// Present value.
    pub pv: Decimal,
    /// Planned harvest per calendar year of the horizon.
    pub harvest_by_year: Vec<Decimal>,
    /// Planned harvest over the horizon.
    pub harvest: Decimal,
    /// Harvest that falls after the horizon.
    pub after_horizon: Decimal,
}

impl LineTotals {
    /// The money over the horizon not taken home: `total − harvest`.
    pub fn not_harvested(&self) -> Decimal {
        self.total - self.harvest
    }
    /// The money not planned for harvest: `total − harvest − after horizon`.
    pub fn not_planned(&self) -> Decimal {
        self.not_harvested() - self.after_horizon
    }
}

/// The sums of [`StakeholderFigures`] over every stakeholder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StakeholderTotals {
    /// Costs.
    pub costs: Decimal,
    /// Financial benefits.
    pub financial_benefits: Decimal,
    /// Reallocation benefits.
    pub reallocation_benefits: Decimal,
    /// Monetised benefits.
    pub benefits: Decimal,
    /// Benefits − costs.
    pub net: Decimal,
    /// NPV.
    pub npv: Decimal,
    /// Planned harvest.
    pub planned_harvest: Decimal,
}

impl Calculation {
    /// Sums over `lines` (figures of this calculation), year by year.
    pub fn line_totals<'a>(&self, lines: impl IntoIterator<Item = &'a LineFigures>) -> LineTotals {
        let n = self.years.len();
        let mut t = LineTotals {
            by_year: vec![Decimal::ZERO; n],
            harvest_by_year: vec![Decimal::ZERO; n],
            ..LineTotals::default()
        };
        for f in lines {
            for (i, slot) in t.by_year.iter_mut().enumerate() {
                *slot += f.by_year.get(i).copied().unwrap_or_default();
            }
            for (i, slot) in t.harvest_by_year.iter_mut().enumerate() {
                *slot += f
                    .harvest_by_year
                    .as_ref()
                    .and_then(|h| h.get(i))
                    .copied()
                    .unwrap_or_default();
            }
            t.total += f.total;
            t.pv += self.line_pv(f);
            t.harvest += f.planned_harvest();
            t.after_horizon += f.harvest_after_horizon;
        }
        t
    }

    /// Sums over every stakeholder.
    pub fn stakeholder_totals(&self) -> StakeholderTotals {
        let sum = |f: &dyn Fn(&StakeholderFigures) -> Decimal| self.stakeholders.iter().map(f).sum::<Decimal>();
        StakeholderTotals {
            costs: sum(&|s| s.costs()),
            financial_benefits: sum(&|s| s.financial_benefits()),
            reallocation_benefits: sum(&|s| s.reallocation_benefits()),
            benefits: sum(&|s| s.benefits()),
            net: sum(&|s| s.net()),
            npv: sum(&|s| s.npv),
            planned_harvest: sum(&|s| s.planned_harvest()),
        }
    }

    /// The planned harvest of every stakeholder added up, per calendar year, and
    /// over the horizon.
    pub fn stakeholder_harvest_by_year(&self) -> (Vec<Decimal>, Decimal) {
        let mut sums = vec![Decimal::ZERO; self.years.len()];
        for st in &self.stakeholders {
            for (slot, y) in sums.iter_mut().zip(&st.years) {
                *slot += y.planned_harvest;
            }
        }
        let total = sums.iter().sum();
        (sums, total)
    }
}

impl StakeholderYear {
    /// The planned harvest taken home by method `k` of [`Method::ALL`], or, for
    /// `k == Method::ALL.len()`, the harvest with no method given.
    pub fn harvest_for(&self, k: usize) -> Decimal {
        match self.harvest_by_method.get(k) {
            Some(v) => *v,
            None => self.planned_harvest - self.harvest_by_method.iter().sum::<Decimal>(),
        }
    }
}

impl StakeholderFigures {
    /// [`StakeholderYear::harvest_for`] over the horizon.
    pub fn harvest_for(&self, k: usize) -> Decimal {
        self.years.iter().map(|y| y.harvest_for(k)).sum()
    }
}

/// Every harvest kind a stakeholder's grid lists: each method of [`Method::ALL`], then
/// harvest with no method (`Method::ALL.len()`).
pub const HARVEST_KINDS: usize = Method::ALL.len() + 1;

/// The change a factor stands for: `factor − 1` (a switching factor of 1.25 is +25 %).
pub fn change_of(factor: Decimal) -> Decimal {
    factor - Decimal::ONE
}
