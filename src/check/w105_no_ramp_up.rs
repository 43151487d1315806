//! W105: a benefit with no ramp-up. A recurring reallocation benefit, or a recurring
//! financial benefit whose confidence is not `high`, earns in its first 12 active months
//! 80 % or more of what it earns in the 12 months after them (both windows inside the
//! horizon). Benefits are expected too early: use of a new e-service starts low.
//!
//! Recurring means `annual`, `annual_hours`, `volume`, or `amounts`/`hours` with money in
//! two or more years. The first active month is `from` (default go-live) moved by the
//! scenario's delay, or, for `amounts`/`hours`, the first month with money. The rule
//! needs money in the first window.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::series;
use crate::fmt::{Lang, message_percent};
use crate::model::{Class, Confidence, Month, ValueSource};
use rust_decimal::Decimal;

/// First-year earnings at or above this share of the second year's count as no ramp-up.
pub(crate) const NO_RAMP_UP: Decimal = Decimal::from_parts(8, 0, 0, false, 1);

/// An example curve for the hint, over at most three years within the horizon
/// (`end_year` is the first year after it), so that it can be pasted as it is.
fn example_curve(first_year: i32, end_year: i32) -> String {
    let years = (first_year..end_year).take(3);
    let parts: Vec<String> = years
        .zip(["0.2", "0.5", "0.7"])
        .map(|(y, share)| format!("{y} = {share}"))
        .collect();
    parts.join(", ")
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let scenario = &ctx.calc.scenario;
    let months = project.months();
    for (line, figures) in ctx.lines() {
        let (Some(info), Some(value)) = (line.benefit(), &line.value) else {
            continue;
        };
        let concerned = match info.class {
            Class::Reallocation => true,
            Class::Financial => info.confidence != Confidence::High,
            Class::Qualitative => false,
        };
        let recurring = match value {
            ValueSource::Amounts(p) | ValueSource::Hours(p) => p.years_with_money() >= 2,
            _ => true,
        };
        if !concerned || !recurring {
            continue;
        }
        let runs = &figures.runs;
        let first = if value.is_periodic() {
            project.month_index(line.from) + i64::from(scenario.delay_months)
        } else {
            match series::first_nonzero(runs) {
                Some(i) => i as i64,
                None => continue,
            }
        };
        let Ok(first) = usize::try_from(first.max(0)) else {
            continue;
        };
        if first + 24 > months {
            continue;
        }
        let money_in_first = runs
            .iter()
            .any(|r| !r.value.is_zero() && r.start.max(first) < r.end.min(first + 12));
        if !money_in_first {
            continue;
        }
        let (Some(one), Some(two)) = (
            series::window_sum(runs, first, first + 12),
            series::window_sum(runs, first + 12, first + 24),
        ) else {
            continue;
        };
        if one < NO_RAMP_UP * two {
            continue;
        }
        let start = Month(project.first_month().0.saturating_add(first as i32));
        let share = |lang: Lang| match (two > Decimal::ZERO, lang) {
            (true, Lang::Sv) => format!("{} av", message_percent(one / two, lang)),
            (true, Lang::En) => format!("{} of", message_percent(one / two, lang)),
            (false, Lang::Sv) => "lika mycket som".to_string(),
            (false, Lang::En) => "as much as".to_string(),
        };
        let hint = match value {
            // The example is written only where the hint is worded (a batch's plain CSV
            // words none).
            ValueSource::Volume { .. } => Text::by(|lang| {
                let curve = example_curve(start.year(), project.end_year());
                match lang {
                    Lang::Sv => format!(
                        "lägg in en upptrappning, till exempel `adoption = {{ {curve} }}`: användningen av en ny e-tjänst börjar lågt (en nationell e-tjänst räknade med 6 % första året)"
                    ),
                    Lang::En => format!(
                        "add a ramp-up, e.g. `adoption = {{ {curve} }}`: use of a new e-service starts low (one national e-service assumed 6 % in year one)"
                    ),
                }
            }),
            _ => Text::new(
                "låt nyttan växa in under de första åren, till exempel `amounts = { …, … }` som stiger år för år: nyttor kommer senare och mindre än planerat i början",
                "let the benefit grow in over the first years, e.g. `amounts = { …, … }` rising year by year: benefits come later and smaller than planned at first",
            ),
        };
        out.push(
            Diagnostic::new(
                Code::W105,
                crate::text!(
                    sv: "nyttan `{}` ger under sina första 12 månader (från {start}) {} det den ger de 12 månaderna därefter: ingen upptrappning",
                    line.name, share(Lang::Sv);
                    en: "benefit `{}` earns in its first 12 months (from {start}) {} what it earns in the 12 months after: no ramp-up",
                    line.name, share(Lang::En)
                ),
            )
            .hint(hint)
            .span(line.span.clone())
            .at(line.at.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(extra: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let body = format!(
            "[[benefits]]\nname = \"Ansökningar\"\nclass = \"reallocation\"\nvolume = 12000\nminutes_saved = 15\n{extra}"
        );
        findings(check, Code::W105, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_without_adoption() {
        let found = run("");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "benefit `Ansökningar` earns in its first 12 months (from 2010-03) 100 % of what it earns in the 12 months after: no ramp-up"
        );
        assert!(
            found[0]
                .hint_in(crate::fmt::Lang::En)
                .unwrap_or("")
                .contains("2010 = 0.2, 2011 = 0.5")
        );
    }

    #[test]
    fn fires_on_high_adoption_in_the_first_year() {
        // Go-live March 2010: 10 months at 0.8 and 2 at 0.9 against 12 at 0.9:
        // 9.8 / 10.8 = 90.74 %.
        let found = run("adoption = { 2010 = 0.8, 2011 = 0.9 }\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("90.74 % of"), "{}", found[0].message.en);
    }

    #[test]
    fn hint_stays_within_the_horizon() {
        assert_eq!(super::example_curve(2010, 2015), "2010 = 0.2, 2011 = 0.5, 2012 = 0.7");
        assert_eq!(super::example_curve(2013, 2015), "2013 = 0.2, 2014 = 0.5");
    }

    #[test]
    fn silent_with_a_ramp_up() {
        assert!(run("adoption = { 2010 = 0.2, 2011 = 0.5, 2012 = 0.8 }\n").is_empty());
        // Adoption listed from a later year: 0 in the first year.
        assert!(run("adoption = { 2011 = 0.9 }\n").is_empty());
    }

    fn financial(confidence: &str, value: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let body =
            format!("[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nconfidence = \"{confidence}\"\n{value}\n");
        findings(check, Code::W105, &format!("{HEAD}{body}"))
    }

    #[test]
    fn financial_benefits_unless_high_confidence() {
        // A flat annual financial benefit of medium confidence: no ramp-up.
        assert_eq!(financial("medium", "annual = 100000").len(), 1);
        // The corrected twin: high confidence (a contract, a price list) needs none.
        assert!(financial("high", "annual = 100000").is_empty());
        // Amounts rising: the first month with money is January 2010, so the windows
        // are the years 2010 (40 000) and 2011 (100 000): 40 %.
        assert!(financial("low", "amounts = { 2010 = 40000, 2011 = 100000, 2012 = 100000 }").is_empty());
        // A one-off is not recurring.
        assert!(financial("low", "amounts = { 2011 = 100000 }").is_empty());
        // Flat amounts in two years are recurring and have no ramp-up.
        assert_eq!(financial("low", "amounts = { 2011 = 100000, 2012 = 100000 }").len(), 1);
    }

    #[test]
    fn both_windows_must_be_inside_the_horizon() {
        // From 2013-06: the second window would end after 2014.
        assert!(run("from = \"2013-06\"\n").is_empty());
    }
}
