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
pub fn compute(project: &Project, scenario: &Scenario) -> Result<Calculation, Diagnostic> {
    engine::compute(project, scenario).map_err(|e| {
        let span = project.lines().find(|l| l.at == e.at).map(|l| l.span.clone());
        Diagnostic::new(Code::E011, e.message.clone())
            .maybe_span(span)
            .at(e.at.clone())
            .hint("check the magnitudes: amounts are in kronor, volumes in cases a year, rates as fractions")
    })
}

/// Parse, validate, compute the base scenario and run the check rules.
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
            diagnostics.extend(crate::check::check(&project, &calc));
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
