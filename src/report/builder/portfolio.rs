//! The portfolio's builder (`nytta batch --format html`): the ranked table, a bar chart
//! of NPV per project and the sums per group and year, as a [`Document`]. The batch
//! writer collects the rows' cells as they come and hands them over at the end.

use crate::batch::YearSlice;
use crate::report::Lang;
use crate::report::document::{Block, Chapter, Document, Grid, left, right, wrapped};
use crate::report::labels::Label as L;
use rust_decimal::Decimal;

/// Projects shown in the NPV chart at most (the table has them all).
pub const CHART_PROJECTS: usize = 40;

/// The portfolio page: `rows` are the result table's formatted cells (place, source,
/// name, status, codes, costs, benefits, NPV, BCR, IRR, payback, harvest) in the
/// table's order, `npv` the name and NPV of each computed row in the same order,
/// `groups` the sums per group and year (a year of `None` is the group's total).
pub fn build(
    rows: Vec<Vec<String>>,
    npv: &[(String, Decimal)],
    groups: Option<&[(String, Option<i32>, YearSlice)]>,
    lang: Lang,
) -> Document {
    let l = |label: L| label.text(lang);
    let mut table = Grid::new(vec![
        right(l(L::Rank)),
        wrapped(l(L::Source), 40),
        wrapped(l(L::Name), 40),
        left(l(L::Status)),
        left(l(L::Codes)),
        right(l(L::Costs2)),
        right(l(L::Benefits2)),
        right(l(L::Npv2)),
        right(crate::report::labels::column("bcr", lang).unwrap_or("BCR")),
        right(crate::report::labels::column("irr", lang).unwrap_or("IRR")),
        right(l(L::Payback2)),
        right(l(L::Harvest2)),
    ]);
    for r in rows {
        table.row(r);
    }
    let mut blocks = Vec::new();
    if !npv.is_empty() {
        let shown = npv.len().min(CHART_PROJECTS);
        if shown < npv.len() {
            blocks.push(Block::Text(format!("{} {shown}.", l(L::ChartFirstProjects))));
        }
        let (names, npvs) = npv.iter().take(shown).cloned().unzip();
        blocks.push(Block::Chart(Box::new(super::chart::npv_per_project(names, npvs, lang))));
    }
    blocks.push(Block::Grid(table));
    let mut chapters = vec![Chapter {
        heading: l(L::Projects).to_string(),
        blocks,
    }];
    if let Some(groups) = groups {
        let mut grid = Grid::new(vec![
            wrapped(l(L::Group), 40),
            left(l(L::Year2)),
            right(l(L::Costs2)),
            right(l(L::Benefits2)),
            right(l(L::Npv2)),
            right(l(L::Harvest2)),
        ]);
        let kr = |d: Decimal| crate::fmt::kronor(d, lang);
        for (group, year, s) in groups {
            let cells = vec![
                group.clone(),
                year.map_or_else(|| l(L::Total).to_string(), |y| y.to_string()),
                kr(s.costs),
                kr(s.benefits),
                kr(s.npv),
                kr(s.planned_harvest),
            ];
            if year.is_none() {
                grid.total(cells);
            } else {
                grid.row(cells);
            }
        }
        chapters.push(Chapter {
            heading: l(L::SumsPerGroup).to_string(),
            blocks: vec![Block::Grid(grid)],
        });
    }
    Document {
        title: l(L::Portfolio).to_string(),
        facts: Vec::new(),
        description: None,
        chapters,
    }
}
