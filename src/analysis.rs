//! The whole pipeline for one file: parse and validate, compute, check.

use crate::diagnostic::{Code, Diagnostic, Omitted};
use crate::engine::{self, Calculation};
use crate::limits::MAX_SHOWN_FINDINGS;
use crate::model::{Header, Project, Scenario, parse_project};
use rust_decimal::Decimal;

/// The outcome of analysing one project file.
#[derive(Debug)]
pub struct Analysis {
    /// The project, when it validated without errors.
    pub project: Option<Project>,
    /// The base-scenario calculation, when the project could be computed.
    pub base: Option<Calculation>,
    /// Every error and warning, errors first, each group in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What `[project]` says about itself, even when the file has errors.
    pub header: Header,
    /// Findings beyond [`crate::limits::MAX_SHOWN_FINDINGS`], counted only.
    pub omitted: Omitted,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn has_warnings(&self) -> bool {
        self.omitted.warnings > 0 || self.diagnostics.iter().any(|d| !d.is_error())
    }
}

/// Compute a scenario, turning an overflow into an E011 diagnostic at the line.
pub fn compute(project: &Project, scenario: &Scenario) -> Result<Calculation, Diagnostic> {
    engine::compute(project, scenario).map_err(|e| {
        let span = project.lines().find(|l| l.at == e.at).map(|l| l.span.clone());
        Diagnostic::new(Code::E011, e.message.clone())
            .maybe_span(span)
            .at(e.at.clone())
            .hint("check the magnitudes: amounts are in kronor, volumes in cases a year, rates as fractions")
    })
}

/// Whether a written scenario might overflow where the base did not. It cannot when its
/// factors keep every line's yearly figure far below the engine's limit and its
/// discount rate is not negative: a delay moves money between years, so a year then
/// holds at most twelve months of other years (24 × leaves room to spare). Only absurd
/// files are computed again.
fn may_overflow(project: &Project, scenario: &Scenario, base: &Calculation) -> bool {
    let rate = scenario.discount_rate.unwrap_or(project.assumptions.discount_rate);
    if rate.is_sign_negative() {
        return true;
    }
    let factor = scenario.cost_factor.max(scenario.benefit_factor).max(Decimal::ONE);
    let largest = base
        .lines
        .iter()
        .flat_map(|l| l.by_year.iter().chain(l.harvest_by_year.iter().flatten()))
        .map(|v| v.abs())
        .max()
        .unwrap_or_default();
    largest
        .checked_mul(factor)
        .and_then(|v| v.checked_mul(Decimal::from(24)))
        .is_none_or(|v| v > engine::MAX_YEARLY_MONEY)
}

/// E011 for each written scenario that cannot be computed, blamed on the scenario's key
/// that causes it (the factor, else the rate, else its name): the scenario is part of
/// the file, so the file is invalid, though the base computes.
fn scenario_overflows(project: &Project, base: &Calculation) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for scenario in &project.scenarios {
        if !may_overflow(project, scenario, base) {
            continue;
        }
        let Err(e) = engine::compute(project, scenario) else {
            continue;
        };
        let spans = &scenario.spans;
        let (key, span) = if e.at.starts_with("costs") && spans.cost_factor.is_some() {
            ("cost_factor", spans.cost_factor.clone())
        } else if e.at.starts_with("benefits") && spans.benefit_factor.is_some() {
            ("benefit_factor", spans.benefit_factor.clone())
        } else if let Some(span) = spans.discount_rate.clone() {
            ("discount_rate", Some(span))
        } else {
            (
                "",
                spans
                    .cost_factor
                    .clone()
                    .or(spans.benefit_factor.clone())
                    .or(spans.name.clone()),
            )
        };
        let at = if key.is_empty() {
            format!("scenarios.{}", scenario.name)
        } else {
            format!("scenarios.{}.{key}", scenario.name)
        };
        out.push(
            Diagnostic::new(
                Code::E011,
                format!("scenario `{}` cannot be computed: {}", scenario.name, e.message),
            )
            .maybe_span(span)
            .at(at)
            .hint("a scenario multiplies costs by cost_factor and benefits by benefit_factor: use a factor near 1, e.g. 1.25"),
        );
    }
    out
}

/// Parse, validate, compute the base scenario and run the check rules.
pub fn analyse(text: &str) -> Analysis {
    let parsed = parse_project(text);
    let mut diagnostics = parsed.diagnostics;
    let header = parsed.header;
    let mut omitted = parsed.omitted;
    let Some(project) = parsed.project else {
        return Analysis {
            project: None,
            base: None,
            diagnostics,
            header,
            omitted,
        };
    };
    let base = match compute(&project, &Scenario::base()) {
        Ok(calc) => {
            diagnostics.extend(scenario_overflows(&project, &calc));
            diagnostics.extend(crate::check::check(&project, &calc));
            Some(calc)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    if diagnostics.len() > MAX_SHOWN_FINDINGS {
        for d in diagnostics.drain(MAX_SHOWN_FINDINGS..) {
            omitted.count(&d);
        }
    }
    Analysis {
        project: Some(project),
        base,
        diagnostics,
        header,
        omitted,
    }
}
