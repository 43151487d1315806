//! W101: a monetised benefit has money in a month before go-live.
//!
//! The line's monthly series (in the scenario under check) is looked at month by month:
//! any non-zero money (refunds too) before `go_live` fires, whether it comes from a
//! `from` earlier than go-live, an amount for an earlier year, or an amount for the
//! go-live year itself, which is spread over all its twelve months and so partly falls
//! before launch. Write a one-off in its month (`amounts = { "2010-10" = 300000 }`) to
//! place it exactly.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::series;
use crate::fmt::{Lang, money};
use crate::model::Month;
use rust_decimal::Decimal;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let go_live = project.go_live;
    let cutoff = usize::try_from(project.month_index(go_live).max(0)).unwrap_or(0);
    if cutoff == 0 {
        return;
    }
    for (line, figures) in ctx.lines() {
        if line.is_cost() || !line.is_monetised() {
            continue;
        }
        let early: Vec<series::Run> = figures
            .runs
            .iter()
            .filter(|r| r.start < cutoff)
            .map(|r| series::Run {
                end: r.end.min(cutoff),
                ..*r
            })
            .collect();
        let Some(first) = series::first_nonzero(&early) else {
            continue;
        };
        let Some(total) = series::window_sum(&early, 0, cutoff) else {
            continue;
        };
        let first_month = Month(
            project
                .first_month()
                .0
                .saturating_add(i32::try_from(first).unwrap_or(i32::MAX)),
        );
        let hint = if line.value.as_ref().is_some_and(|v| v.is_periodic()) {
            crate::text!(
                sv: "låt nyttan börja vid driftstart eller senare (`from = \"{go_live}\"` eller senare): nyttor kommer efter lanseringen, och oftast senare än planerat";
                en: "let the benefit start at go-live or later (`from = \"{go_live}\"` or later): benefits come after launch, and usually later than planned"
            )
        } else {
            crate::text!(
                sv: "ett belopp för ett år fördelas på årets alla månader: flytta det till ett senare år, eller lägg en engångssumma i sin månad (`amounts = {{ \"{go_live}\" = … }}`); nyttor kommer efter lanseringen";
                en: "an amount for a year is spread over all its months: move it to a later year, or put a one-off in its month (`amounts = {{ \"{go_live}\" = … }}`); benefits come after launch"
            )
        };
        out.push(
            Diagnostic::new(
                Code::W101,
                Text::by(|lang| match lang {
                    Lang::Sv => format!(
                        "nyttan `{}` räknar med {} före driftstart ({go_live}), från {first_month}",
                        line.name,
                        money(total / Decimal::from(12), lang)
                    ),
                    Lang::En => format!(
                        "benefit `{}` counts {} before go-live ({go_live}), from {first_month} on",
                        line.name,
                        money(total / Decimal::from(12), lang)
                    ),
                }),
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
            found[0].message.en,
            "benefit `Porto` counts 20,000 kr before go-live (2010-03), from 2010-01 on"
        );
    }

    #[test]
    fn amounts_in_a_year_before_go_live() {
        let text = HEAD.replace("go_live = \"2010-03\"", "go_live = \"2011-06\"");
        let body = "[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\namounts = { 2010 = 50000, 2011 = 80000 }\n";
        let found = findings(check, Code::W101, &format!("{text}{body}"));
        assert_eq!(found.len(), 1);
        // 50000 in 2010 and five twelfths of 80000 in 2011 before June: 83 333.
        assert_eq!(
            found[0].message.en,
            "benefit `Porto` counts 83,333 kr before go-live (2011-06), from 2010-01 on"
        );
    }

    #[test]
    fn a_year_amount_in_the_go_live_year_falls_partly_before_launch() {
        // The issue's case: a one-off gain for the go-live year, go-live in October.
        let text = HEAD.replace("go_live = \"2010-03\"", "go_live = \"2010-10\"");
        let faulty = "[[benefits]]\nname = \"Engång\"\nclass = \"financial\"\namounts = { 2010 = 3000000 }\n";
        let found = findings(check, Code::W101, &format!("{text}{faulty}"));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "benefit `Engång` counts 2,250,000 kr before go-live (2010-10), from 2010-01 on"
        );
        // The corrected twin: the one-off in its month.
        let fixed = faulty.replace("2010 = 3000000", "\"2010-10\" = 3000000");
        assert!(findings(check, Code::W101, &format!("{text}{fixed}")).is_empty());
    }

    #[test]
    fn a_refund_before_go_live_counts_too() {
        let body = "[[benefits]]\nname = \"Återbetalning\"\nclass = \"financial\"\namounts = { \"2010-01\" = -5000 }\n";
        let found = run(body);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("-5,000 kr"), "{}", found[0].message.en);
    }

    #[test]
    fn a_delay_scenario_can_silence_it() {
        use crate::check::test_support::all;
        // From January, go-live March: early in the base case, not with a 2-month delay.
        let body = "[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nannual = 120000\nfrom = \"2010-01\"\n[scenarios.sen]\ndelay_months = 2\n";
        let found: Vec<_> = all(&format!("{HEAD}{body}"))
            .into_iter()
            .filter(|d| d.code == Code::W101)
            .collect();
        assert_eq!(found.len(), 1);
        assert!(found[0].scenarios.is_empty());
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
amounts = { "2010-03" = 10000, 2011 = 10000 }

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
