//! The whole pipeline for one file: parse and validate, compute, check.

use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{self, Calculation};
use crate::model::{Header, Project, Scenario, parse_project};

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
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| !d.is_error())
    }
}

/// Compute a scenario, turning an overflow into an E011 diagnostic at the line.
// A calculation dwarfs the diagnostic; boxing the error would buy nothing.
#[allow(clippy::result_large_err)]
pub fn compute(project: &Project, scenario: &Scenario) -> Result<Calculation, Diagnostic> {
    engine::compute(project, scenario).map_err(|e| engine_error(project, e))
}

/// An engine error (an overflow) as an E011 diagnostic at the line it names.
pub fn engine_error(project: &Project, e: engine::EngineError) -> Diagnostic {
    let span = project.lines().find(|l| l.at == e.at).map(|l| l.span.clone());
    Diagnostic::new(Code::E011, e.message.clone())
        .maybe_span(span)
        .at(e.at.clone())
        .hint("check the magnitudes: amounts are in kronor, volumes in cases a year, rates as fractions")
}

/// A scenario whose figures overflow: an error located at the scenario, naming the line.
fn scenario_overflow(project: &Project, scenario: &Scenario, d: Diagnostic) -> Diagnostic {
    let path = format!("scenarios.{}", scenario.name);
    let span = project
        .spans
        .scenarios
        .iter()
        .find(|(name, _)| *name == scenario.name)
        .map(|(_, span)| span.clone());
    Diagnostic::new(
        Code::E011,
        format!(
            "scenario `{}` makes the figures too large to compute exactly ({})",
            scenario.name, d.message
        ),
    )
    .maybe_span(span.or(d.span))
    .at(path)
    .hint("check the scenario's factors: they multiply every amount of the lines they apply to")
}

/// Parse, validate, compute the base scenario and every written scenario, and run the
/// check rules on each.
pub fn analyse(text: &str) -> Analysis {
    let parsed = parse_project(text);
    let mut diagnostics = parsed.diagnostics;
    let header = parsed.header;
    let Some(project) = parsed.project else {
        return Analysis {
            project: None,
            base: None,
            diagnostics,
            header,
        };
    };
    let base = match compute(&project, &Scenario::base()) {
        Ok(calc) => {
            // Every written scenario is checked too (docs/check-rules.md, "Scenarios");
            // one that cannot be computed is an error of the file.
            let mut scenarios = Vec::new();
            for scenario in &project.scenarios {
                match compute(&project, scenario) {
                    Ok(c) => scenarios.push(c),
                    Err(d) => diagnostics.push(scenario_overflow(&project, scenario, d)),
                }
            }
            if !diagnostics.iter().any(Diagnostic::is_error) {
                diagnostics.extend(crate::check::check_all(&project, &calc, &scenarios));
            }
            Some(calc)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    Analysis {
        project: Some(project),
        base,
        diagnostics,
        header,
    }
}

/// The findings of one scenario, for a report of that scenario: the warnings raised
/// while parsing (taken from the base analysis) and every check rule run on `calc`.
pub fn findings_for(project: &Project, calc: &Calculation, base_findings: &[Diagnostic]) -> Vec<Diagnostic> {
    if calc.scenario.is_base() {
        return base_findings.to_vec();
    }
    let mut out: Vec<Diagnostic> = base_findings
        .iter()
        .filter(|d| !d.is_error() && d.code == Code::W113)
        .cloned()
        .collect();
    out.extend(crate::check::check(project, calc));
    out
}
