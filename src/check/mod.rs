//! Check rules: every warning (W…) nytta raises, documented in `docs/check-rules.md`.
//! W101–W116 are the faults evaluations of municipal e-service programmes keep finding,
//! one small rule per file ([`RULES`]); [`followup`] holds the follow-up flags
//! W201–W204 and [`claims`] the claims comparison W301. Errors (E…) come from
//! [`crate::model`] while parsing, and so does W113 (keys a `schedule` makes void, found
//! where the keys are read; docs/decisions.md, D9).

pub mod claims;
pub mod duplicates;
pub mod followup;
mod w101_benefit_before_go_live;
mod w102_no_operations_cost;
mod w103_no_realisation_owner;
mod w104_schedule_exceeds_benefit;
mod w105_no_ramp_up;
mod w106_discount_rate_not_stated;
mod w107_qualitative_without_baseline;
mod w108_who_pays;
mod w109_low_adoption;
mod w110_short_horizon;
mod w111_budget_reduction_without_owner;
mod w112_follow_up_outside_horizon;
mod w114_low_confidence_case;
mod w115_harvest_too_soon;
mod w116_operations_underestimated;

use crate::diagnostic::Diagnostic;
use crate::engine::{Calculation, LineFigures};
use crate::model::{Line, Project, Span};

/// What a rule looks at: the validated project and the calculation of one scenario
/// (the base case, or a scenario written in the file).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The project.
    pub project: &'a Project,
    /// The calculation of the scenario under check; `calc.scenario` is that scenario.
    pub calc: &'a Calculation,
}

impl<'a> Context<'a> {
    /// Every line (costs first, in file order) with its figures in the calculation.
    /// A line without figures (which a calculation of this project never has) is skipped.
    pub fn lines(&self) -> impl Iterator<Item = (&'a Line, &'a LineFigures)> + 'a {
        let figures = &self.calc.lines;
        self.project.lines().enumerate().filter_map(move |(i, line)| {
            let found = figures
                .get(i)
                .filter(|f| f.index == i)
                .or_else(|| figures.iter().find(|f| f.index == i));
            found.map(|f| (line, f))
        })
    }

    /// The calendar year of index `k` in a per-year series.
    pub fn year_of(&self, k: usize) -> i32 {
        self.project
            .start_year
            .saturating_add(i32::try_from(k).unwrap_or(i32::MAX))
    }

    /// Where the project is declared: the fallback location for project-wide findings.
    pub fn project_span(&self) -> Option<Span> {
        self.project.spans.project.clone()
    }
}

/// A rule pushes its findings (warnings, with code, message, hint, span and `at`).
pub type Rule = fn(&Context, &mut Vec<Diagnostic>);

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    w101_benefit_before_go_live::check,
    w102_no_operations_cost::check,
    w103_no_realisation_owner::check,
    w104_schedule_exceeds_benefit::check,
    w105_no_ramp_up::check,
    w106_discount_rate_not_stated::check,
    w107_qualitative_without_baseline::check,
    w108_who_pays::check,
    w109_low_adoption::check,
    w110_short_horizon::check,
    w111_budget_reduction_without_owner::check,
    w112_follow_up_outside_horizon::check,
    w114_low_confidence_case::check,
    w115_harvest_too_soon::check,
    w116_operations_underestimated::check,
];

/// The codes of [`SCENARIO_RULES`], in the same order.
pub const SCENARIO_CODES: &[crate::diagnostic::Code] = {
    use crate::diagnostic::Code::*;
    &[W101, W102, W104, W105, W108, W114, W115, W116]
};

/// The rules that read the calculation, so that a scenario can change what they find.
/// The others (W103, W106, W107, W109–W112) read only the file: found in the base case
/// or not at all, so they are not run again for each written scenario.
pub const SCENARIO_RULES: &[Rule] = &[
    w101_benefit_before_go_live::check,
    w102_no_operations_cost::check,
    w104_schedule_exceeds_benefit::check,
    w105_no_ramp_up::check,
    w108_who_pays::check,
    w114_low_confidence_case::check,
    w115_harvest_too_soon::check,
    w116_operations_underestimated::check,
];

/// Run every rule on one calculation. Findings of a scenario other than the base case
/// carry its name in [`Diagnostic::scenarios`].
pub fn check(project: &Project, calc: &Calculation) -> Vec<Diagnostic> {
    let ctx = Context { project, calc };
    let mut out = Vec::new();
    let rules = if calc.scenario.is_base() { RULES } else { SCENARIO_RULES };
    for rule in rules {
        rule(&ctx, &mut out);
    }
    if !calc.scenario.is_base() {
        for d in &mut out {
            d.scenarios = vec![calc.scenario.name.clone()];
        }
    }
    out
}

/// Run every rule on the base case and on every written scenario
/// (`docs/check-rules.md`, "Scenarios"). A finding's identity is its code and the line
/// (or project part) it concerns: found in the base case it is reported once, as the
/// base case words it, with no scenarios; found only in scenarios it is reported once,
/// as the first of them words it, naming them all. Base-case findings come first.
pub fn check_all(project: &Project, base: &Calculation, scenarios: &[Calculation]) -> Vec<Diagnostic> {
    let mut out = check(project, base);
    let in_base = out.len();
    for calc in scenarios {
        for finding in check(project, calc) {
            let same = |d: &Diagnostic| d.code == finding.code && d.at == finding.at;
            if out[..in_base].iter().any(same) {
                continue;
            }
            match out[in_base..].iter().position(same) {
                Some(i) => out[in_base + i].scenarios.extend(finding.scenarios),
                None => out.push(finding),
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Build a project from TOML text, compute its base scenario and run one rule.

    use super::{Context, Rule};
    use crate::diagnostic::{Code, Diagnostic};
    use crate::engine::{Calculation, compute};
    use crate::model::{Project, Scenario, parse_project};

    /// A project header: 2010–2014, go-live March 2010, rate stated, hourly cost given.
    pub const HEAD: &str = r#"format = 1
[project]
name = "Bygglov som e-tjänst"
organisation = "Stadsbyggnadskontoret"
start_year = 2010
years = 5
go_live = "2010-03"
[assumptions]
discount_rate = "3.5 %"
hourly_cost = 450
overhead = "40 %"
"#;

    /// Parse (asserting no errors) and compute the base scenario.
    pub fn project(text: &str) -> (Project, Calculation) {
        let parsed = parse_project(text);
        assert!(
            !parsed.diagnostics.iter().any(Diagnostic::is_error),
            "{:#?}",
            parsed.diagnostics
        );
        let project = parsed.project.expect("project");
        let calc = compute(&project, &Scenario::base()).expect("computes");
        (project, calc)
    }

    /// Run one rule; every finding must carry `code`, a hint, a span and a path.
    pub fn findings(rule: Rule, code: Code, text: &str) -> Vec<Diagnostic> {
        let (project, calc) = project(text);
        let mut out = Vec::new();
        rule(
            &Context {
                project: &project,
                calc: &calc,
            },
            &mut out,
        );
        for d in &out {
            assert_eq!(d.code, code, "{d:?}");
            assert!(d.hint.is_some(), "no hint: {d:?}");
            assert!(d.span.is_some(), "no span: {d:?}");
            assert!(d.at.is_some(), "no path: {d:?}");
            if let Some(span) = &d.span {
                assert!(span.start <= span.end && span.end <= text.len(), "bad span: {d:?}");
            }
        }
        out
    }

    /// Run every rule on the base case and every written scenario and return the
    /// codes found.
    pub fn codes(text: &str) -> Vec<Code> {
        all(text).iter().map(|d| d.code).collect()
    }

    /// Run every rule on the base case and every written scenario.
    pub fn all(text: &str) -> Vec<Diagnostic> {
        let (project, calc) = project(text);
        let scenarios: Vec<Calculation> = project
            .scenarios
            .iter()
            .map(|s| compute(&project, s).expect("scenario computes"))
            .collect();
        super::check_all(&project, &calc, &scenarios)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{HEAD, codes};
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn a_project_without_lines_does_not_panic() {
        let text = "format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nstart_year = 2025\nyears = 1\n";
        let found = codes(text);
        assert!(found.contains(&Code::W102), "{found:?}");
        assert!(found.contains(&Code::W106), "{found:?}");
        assert!(found.contains(&Code::W110), "{found:?}");
    }

    #[test]
    fn a_careful_project_has_no_warnings() {
        let text = format!(
            r#"{HEAD}
[[stakeholders]]
id = "sbk"
name = "Stadsbyggnadskontoret"
[[stakeholders]]
id = "sdf"
name = "Stadsdelsförvaltningarna"

[[costs]]
name = "Utveckling"
category = "investment"
amounts = {{ 2010 = 1200000 }}
stakeholder = {{ sbk = 0.1, sdf = 0.9 }}

[[costs]]
name = "Drift och förvaltning"
category = "operations"
annual = 150000
stakeholder = "sdf"

[[benefits]]
name = "Handläggning"
class = "reallocation"
volume = 12000
minutes_saved = 15
adoption = {{ 2010 = 0.2, 2011 = 0.5, 2012 = 0.7 }}
stakeholder = "sdf"
[benefits.realisation]
owner = "Avdelningschef bygglov"
method = "redeployment"
lag_months = 6

[[benefits]]
name = "Porto"
class = "financial"
confidence = "high"
annual = 40000
[benefits.realisation]
owner = "Ekonomichef"
schedule = {{ 2011 = 30000, 2012 = 40000 }}

[[benefits]]
name = "Nöjdare sökande"
class = "qualitative"
indicator = "Nöjd kund-index"
baseline = "62 (2009)"
target = "75"
measured_by = "Årlig enkät till sökande"
"#
        );
        assert_eq!(codes(&text), Vec::<Code>::new());
    }

    #[test]
    fn one_rule_per_warning_code() {
        // W101–W112 and W114–W116: fifteen check rules (W113 is raised while parsing;
        // W2xx are follow-up flags, not check rules).
        assert_eq!(RULES.len(), 15);
        // Every scenario rule is a rule.
        assert!(SCENARIO_RULES.iter().all(|r| RULES.contains(r)));
    }
}
