//! Renderers: one per output format, all from the same [`ReportInput`]. Labels in
//! Swedish and English; numbers rounded at output only (spec §1).

pub mod batch;
pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod followup;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod stakeholders;
pub mod table;
pub mod visible;

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
    pub project: &'a Project,
    pub calc: &'a Calculation,
    /// Warnings from [`crate::check`] (a report is only made when there are no errors).
    pub findings: &'a [Diagnostic],
    /// How fragile the case is; the realism section is left out without it.
    pub realism: Option<&'a Realism>,
    pub lang: Lang,
}
