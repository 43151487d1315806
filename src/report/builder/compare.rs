//! Scenarios side by side (`nytta report FILE --compare`): the base case, every
//! written scenario and the optimism presets, one row each, with the figures a
//! committee compares. The figures are the engine's; this only words and formats them.

use super::report::project_facts;
use crate::engine::Calculation;
use crate::fmt::{money_in, percent, ratio, years};
use crate::model::Project;
use crate::report::Lang;
use crate::report::document::{Block, Chapter, Document, Grid, MISSING, left, right};
use crate::report::labels::Label as L;

/// The comparison as a document: one row per scenario, in `scenario_names` order.
pub fn build(project: &Project, calcs: &[&Calculation], lang: Lang) -> Document {
    let t = |l: L| l.text(lang);
    let money = |d| money_in(d, &project.currency, lang);
    let mut grid = Grid::new(vec![
        left(t(L::Scenario)),
        right(t(L::NetPresentValueNpv)),
        right(t(L::NpvFinancialBenefitsOnly)),
        right(t(L::BenefitCostRatioBcr)),
        right(t(L::InternalRateOfReturnIrr)),
        right(t(L::Payback)),
        right(t(L::PlannedHarvest)),
    ]);
    for c in calcs {
        let s = &c.summary;
        let name = crate::report::labels::scenario_name(&c.scenario.name, lang).into_owned();
        grid.row(vec![
            name,
            money(s.npv),
            money(s.npv_financial),
            s.bcr.map_or_else(|| MISSING.to_string(), |b| ratio(b, lang)),
            s.irr.map_or_else(|| MISSING.to_string(), |i| percent(i, lang)),
            s.payback_years.map_or_else(|| MISSING.to_string(), |y| years(y, lang)),
            money(s.planned_harvest),
        ]);
    }
    let base = calcs.first().copied();
    Document {
        title: format!("{}: {}", t(L::BenefitCalculation), project.name),
        // Every scenario is in the table: the facts name none.
        facts: base
            .map(|b| project_facts(project, b, lang))
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| k != t(L::Scenario))
            .collect(),
        description: None,
        chapters: vec![Chapter {
            heading: t(L::ScenariosSideBySide).to_string(),
            blocks: vec![Block::Grid(grid)],
        }],
    }
}
