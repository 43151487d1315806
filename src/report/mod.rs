//! Reports on one axis: **builders** decide what a human-readable document shows and
//! in which language ([`builder`], producing a [`document::Document`] with words from
//! [`labels`]); **writers** turn something into bytes of one format ([`table`],
//! [`markdown`], [`html`] with [`svg`] charts, [`xlsx`], [`json`], [`csv`], [`diagnostics`], and the streamed batch outputs in
//! [`batch`]). The machine formats (JSON, CSV) are contracts of their own
//! (docs/format.md, docs/follow-up.md): their writers map the engine's figures to fields
//! one to one and use no language. Nothing here computes a figure (the engine does) or
//! raises a finding (`check` does); numbers are rounded at output only, by
//! [`crate::fmt`].

pub mod batch;
pub mod builder;
pub mod chart;
pub mod csv;
pub mod diagnostics;
pub mod document;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod portfolio;
pub mod sheet;
pub mod stakeholders;
pub mod svg;
pub mod table;
pub mod visible;
pub mod xlsx;

pub use crate::fmt::Lang;

use crate::diagnostic::Diagnostic;
use crate::engine::Calculation;
use crate::engine::realism::Realism;
use crate::model::Project;

/// One section of the human-readable report (`nytta report FILE --section …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Totals and key figures.
    Summary,
    /// What the figures rest on (förutsättningar): discount rate, price level, hourly
    /// cost and how it is derived, overhead, currency, horizon, go-live, rounding.
    Assumptions,
    /// How fragile the case is: break-even figures, optimism bias, Monte Carlo.
    Realism,
    /// Year by year.
    Years,
    /// Every monetised line per year (with sources and notes).
    Lines,
    /// Per stakeholder.
    Stakeholders,
    /// The benefit realisation plan (nyttorealiseringsplan), a stand-alone document.
    Realisation,
    /// Qualitative benefits.
    Qualitative,
    /// Ranges and switching factors.
    Sensitivity,
    /// The findings of `nytta check`.
    Findings,
}

/// Everything a renderer needs: the project, its calculation and the findings of `check`.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The project.
    pub project: &'a Project,
    /// The calculation of the scenario shown.
    pub calc: &'a Calculation,
    /// Warnings from [`crate::check`] (a report is only made when there are no errors).
    pub findings: &'a [Diagnostic],
    /// How fragile the case is; the realism section is left out without it.
    pub realism: Option<&'a Realism>,
    /// The language of labels and numbers.
    pub lang: Lang,
}
