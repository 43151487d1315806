//! W101: a monetised benefit has money before go-live.
//!
//! A periodic line (`annual`, `annual_hours`, `volume`) is flagged when its monthly series
//! has money in a month before `go_live` (in practice: `from` earlier than go-live). A line
//! given per year (`amounts`, `hours`) is flagged only for money in a calendar year
//! strictly before go-live's year, because an amount for the go-live year is spread over
//! all twelve months of that year by definition.

use super::{Context, checked_sum, kr};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::series;
use crate::model::{Month, Scenario};
use rust_decimal::Decimal;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let go_live = project.go_live;
    for (line, figures) in ctx.lines() {
        if line.is_cost() {
            continue;
        }
        let Some(value) = &line.value else { continue };
        let finding = if value.is_periodic() {
            let Ok(months) = series::line_months(project, line, &Scenario::base()) else {
                continue;
            };
            let cutoff = usize::try_from(project.month_index(go_live).max(0))
                .unwrap_or(0)
                .min(months.len());
            let early = months.get(..cutoff).unwrap_or_default();
            let Some(first) = early.iter().position(|m| m.is_sign_positive() && !m.is_zero()) else {
                continue;
            };
            let positive: Vec<Decimal> = early.iter().copied().filter(|m| m.is_sign_positive()).collect();
            let Some(total) = checked_sum(&positive) else {
                continue;
            };
            let first_month = Month(
                project
                    .first_month()
                    .0
                    .saturating_add(i32::try_from(first).unwrap_or(i32::MAX)),
            );
            Diagnostic::new(
                Code::W101,
                format!(
                    "benefit `{}` counts {} before go-live ({go_live}), from {first_month} on",
                    line.name,
                    kr(total / Decimal::from(12))
                ),
            )
            .hint(format!(
                "let the benefit start at go-live or later (`from = \"{go_live}\"` or later): benefits come after launch, and usually later than planned"
            ))
        } else {
            let go_year = go_live.year();
            let early: Vec<(i32, Decimal)> = figures
                .by_year
                .iter()
                .enumerate()
                .map(|(k, v)| (ctx.year_of(k), *v))
                .filter(|(year, v)| *year < go_year && v.is_sign_positive() && !v.is_zero())
                .collect();
            if early.is_empty() {
                continue;
            }
            let Some(total) = checked_sum(early.iter().map(|(_, v)| v)) else {
                continue;
            };
            let years: Vec<String> = early.iter().map(|(y, _)| y.to_string()).collect();
            Diagnostic::new(
                Code::W101,
                format!(
                    "benefit `{}` has {} in {}, before the go-live year {go_year} (go-live {go_live})",
                    line.name,
                    kr(total),
                    years.join(", ")
                ),
            )
            .hint(format!(
                "move the amounts to {go_year} or later: benefits come after launch, and usually later than planned"
            ))
        };
        out.push(finding.span(line.span.clone()).at(line.at.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        findings(check, Code::W101, &format!("{HEAD}{body}"))
    }

    #[test]
    fn annual_benefit_from_before_go_live() {
        // go-live 2010-03; from January: two months of 120000 a year = 20000.
        let found = run("[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nannual = 120000\nfrom = \"2010-01\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
        assert_eq!(
            found[0].message,
            "benefit `Porto` counts 20,000 kr before go-live (2010-03), from 2010-01 on"
        );
    }

    #[test]
    fn amounts_in_a_year_before_go_live() {
        let text = HEAD.replace("go_live = \"2010-03\"", "go_live = \"2011-06\"");
        let body = "[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\namounts = { 2010 = 50000, 2011 = 80000 }\n";
        let found = findings(check, Code::W101, &format!("{text}{body}"));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("50,000 kr in 2010"), "{}", found[0].message);
    }

    #[test]
    fn silent_from_go_live_and_for_amounts_in_the_go_live_year() {
        let body = r#"
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000

[[benefits]]
name = "Papper"
class = "financial"
amounts = { 2010 = 10000 }

[[benefits]]
name = "Handläggning"
class = "reallocation"
volume = 1000
minutes_saved = 10
from = "2010-01"
adoption = { 2010 = 0, 2011 = 0.5 }

[[costs]]
name = "Utveckling"
category = "investment"
annual = 100000
"#;
        // The volume line starts early but has no money before go-live (adoption 0).
        assert!(run(body).is_empty());
    }
}
