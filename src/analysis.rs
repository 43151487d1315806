//! The whole pipeline for one file: parse and validate, compute, check.

use crate::diagnostic::{Code, Diagnostic, Omitted, Text, Wording, with_wording};
use crate::engine::{self, Calculation};
use crate::limits::MAX_SHOWN_FINDINGS;
use crate::model::{Header, Overrides, Project, Scenario, Span, parse_project_with};

/// The outcome of analysing one project file.
#[derive(Debug)]
pub struct Analysis {
    /// The project, when it validated without errors.
    pub project: Option<Project>,
    /// The base-scenario calculation, when the project could be computed.
    pub base: Option<Calculation>,
    /// Every error and warning, errors first, each group from the top of the file down.
    pub diagnostics: Vec<Diagnostic>,
    /// What `[project]` says about itself, even when the file has errors.
    pub header: Header,
    /// Findings beyond [`crate::limits::MAX_SHOWN_FINDINGS`], counted only.
    pub omitted: Omitted,
}

impl Analysis {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// Whether any finding is a warning.
    pub fn has_warnings(&self) -> bool {
        self.omitted.warnings > 0 || self.diagnostics.iter().any(|d| !d.is_error())
    }
}

/// Compute a scenario, turning an overflow into an E011 diagnostic at the line.
// A calculation dwarfs the diagnostic; boxing the error would buy nothing.
#[allow(clippy::result_large_err)]
pub fn compute(project: &Project, scenario: &Scenario) -> Result<Calculation, Diagnostic> {
    engine::compute(project, scenario).map_err(|e| engine_error(project, e))
}

/// An engine error's message in both languages (the engine words only the English).
fn engine_text(e: &engine::EngineError) -> Text {
    let at = &e.at;
    Text::new(
        format!("siffrorna för {at} är för stora för att beräknas exakt (över 10^20 kr per år)"),
        e.message.clone(),
    )
}

/// An engine error (an overflow) as an E011 diagnostic at the line it names.
pub fn engine_error(project: &Project, e: engine::EngineError) -> Diagnostic {
    let span = project.lines().find(|l| l.at == e.at).map(|l| l.span.clone());
    Diagnostic::new(Code::E011, engine_text(&e))
        .maybe_span(span)
        .at(e.at.clone())
        .hint(Text::new(
            "kontrollera storleksordningarna: belopp i kronor, volymer i ärenden per år, räntor som andelar",
            "check the magnitudes: amounts are in kronor, volumes in cases a year, rates as fractions",
        ))
}

/// E011 for a written scenario that cannot be computed, blamed on the scenario's key that
/// causes it (the factor on the kind of line that overflowed, else the rate, else its
/// name): the scenario is part of the file, so the file is invalid, though the base
/// computes.
fn scenario_overflow(scenario: &Scenario, e: &engine::EngineError) -> Diagnostic {
    let spans = &scenario.spans;
    let costs = [
        ("cost_factor", &spans.cost_factor),
        ("investment_factor", &spans.investment_factor),
        ("operations_factor", &spans.operations_factor),
        ("optimism_bias", &spans.optimism_bias),
    ];
    let benefits = [("benefit_factor", &spans.benefit_factor)];
    let candidates: &[(&str, &Option<Span>)] = if e.at.starts_with("costs") {
        &costs
    } else if e.at.starts_with("benefits") {
        &benefits
    } else {
        &[]
    };
    let (key, span) = candidates
        .iter()
        .chain(&[("discount_rate", &spans.discount_rate)])
        .find_map(|(k, s)| (*s).clone().map(|s| (*k, s)))
        .map_or(("", spans.name.clone()), |(k, s)| (k, Some(s)));
    let at = if key.is_empty() {
        format!("scenarios.{}", scenario.name)
    } else {
        format!("scenarios.{}.{key}", scenario.name)
    };
    Diagnostic::new(Code::E011, {
        let (name, why) = (&scenario.name, engine_text(e));
        crate::text!(
            sv: "scenariot `{name}` kan inte beräknas: {}", why.sv;
            en: "scenario `{name}` cannot be computed: {}", why.en
        )
    })
    .maybe_span(span)
    .at(at)
    .hint(Text::new(
        "ett scenario multiplicerar radernas belopp med sina faktorer: använd faktorer nära 1, till exempel 1,25",
        "a scenario multiplies the lines' amounts by its factors: use factors near 1, e.g. 1.25",
    ))
}

/// Parse, validate, compute the base scenario and every written scenario, and run the
/// check rules on each.
pub fn analyse(text: &str) -> Analysis {
    analyse_with(text, &Overrides::default())
}

/// [`analyse`] with `--set` values put in first (see [`crate::model::overrides`]).
pub fn analyse_with(text: &str, overrides: &Overrides) -> Analysis {
    analyse_worded(text, overrides, None)
}

/// [`analyse_with`], the check rules' findings worded as `checks` says when given (a
/// batch words only what its output shows: [`Wording`]); other texts are worded as the
/// thread's wording says.
pub fn analyse_worded(text: &str, overrides: &Overrides, checks: Option<Wording>) -> Analysis {
    let parsed = parse_project_with(text, overrides);
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
            // Every written scenario is checked too (docs/check-rules.md, "Scenarios");
            // one that cannot be computed is an error of the file.
            let mut scenarios = Vec::new();
            for scenario in &project.scenarios {
                match engine::compute_for_checks(&project, scenario) {
                    Ok(c) => scenarios.push(c),
                    Err(e) => diagnostics.push(scenario_overflow(scenario, &e)),
                }
            }
            if !diagnostics.iter().any(Diagnostic::is_error) {
                let check = || crate::check::check_all(&project, &calc, &scenarios);
                diagnostics.extend(match checks {
                    Some(wording) => with_wording(wording, check),
                    None => check(),
                });
            }
            Some(calc)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    in_reading_order(&mut diagnostics);
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

/// The findings of one scenario, for a report of that scenario: the base analysis's
/// findings that read only the file (they hold in every scenario, W113 among them) and
/// the rules that read the calculation, run on `calc`.
pub fn findings_for(project: &Project, calc: &Calculation, base_findings: &[Diagnostic]) -> Vec<Diagnostic> {
    if calc.scenario.is_base() {
        return base_findings.to_vec();
    }
    // What the file says holds in every scenario; the rest is checked again on S.
    let mut out: Vec<Diagnostic> = base_findings
        .iter()
        .filter(|d| !d.is_error() && d.scenarios.is_empty() && !crate::check::SCENARIO_CODES.contains(&d.code))
        .cloned()
        .collect();
    out.extend(crate::check::check(project, calc));
    in_reading_order(&mut out);
    out
}

/// Errors first, then warnings, each from the top of the file down (a finding about the
/// whole project, without a place, after those with one); on one line in code order, as
/// the rules run.
fn in_reading_order(findings: &mut [Diagnostic]) {
    findings.sort_by_key(|d| (!d.is_error(), d.span.as_ref().map_or(usize::MAX, |s| s.start)));
}
