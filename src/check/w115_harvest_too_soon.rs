//! W115: freed time taken out of the budget too soon. A reallocation benefit to be taken
//! home as `budget_reduction` whose harvest starts less than six months after the
//! benefit's first month: `lag_months` under 6 without a `schedule` (a missing
//! `lag_months` counts as 0), or, with a `schedule`, scheduled money in any year up to
//! and including the benefit's first year. Departments felt punished when resources
//! were withdrawn as soon as a service launched.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::series;
use crate::model::{Class, Method};

/// The least number of months between a benefit's start and a budget reduction.
pub(crate) const MIN_LAG_MONTHS: u32 = 6;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    for (line, figures) in ctx.lines() {
        let (Some(info), Some(r)) = (line.benefit(), line.realisation()) else {
            continue;
        };
        if info.class != Class::Reallocation || r.method != Some(Method::BudgetReduction) {
            continue;
        }
        let message = match &r.schedule {
            None if r.lag_months < MIN_LAG_MONTHS => crate::text!(
                sv: "frigjord tid i `{}` ska tas ur budgeten {} månad{} efter att nyttan börjar (`lag_months = {}`)",
                line.name,
                r.lag_months,
                if r.lag_months == 1 { "" } else { "er" },
                r.lag_months;
                en: "freed time of `{}` is to be taken out of the budget {} month{} after the benefit starts (`lag_months = {}`)",
                line.name,
                r.lag_months,
                if r.lag_months == 1 { "" } else { "s" },
                r.lag_months
            ),
            None => continue,
            Some(schedule) => {
                let Some(first) = series::first_nonzero(&figures.runs) else {
                    continue;
                };
                let first_year = project.start_year + (first / 12) as i32;
                let Some(year) = (project.start_year..=first_year).find(|y| !schedule.in_year(*y).is_zero()) else {
                    continue;
                };
                crate::text!(
                    sv: "frigjord tid i `{}` är planerad att tas ur budgeten {year}, nyttans första år ({first_year}) eller tidigare",
                    line.name;
                    en: "freed time of `{}` is scheduled out of the budget in {year}, the benefit's first year ({first_year}) or before",
                    line.name
                )
            }
        };
        out.push(
            Diagnostic::new(Code::W115, message)
                .hint(crate::text!(
                    sv: "ge förvaltningen tid att göra frigjord tid till besparing: `lag_months = 12` (minst {MIN_LAG_MONTHS}), eller planera minskningen från året efter att nyttan börjar";
                    en: "give the department time to turn freed time into savings: `lag_months = 12` (at least {MIN_LAG_MONTHS}), or schedule the reduction from the year after the benefit starts"
                ))
                .span(r.span.clone())
                .at(line.at.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(realisation: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let body = format!(
            "[[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nannual_hours = 1000\n[benefits.realisation]\nowner = \"Avdelningschef\"\nmethod = \"budget_reduction\"\n{realisation}"
        );
        findings(check, Code::W115, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_without_a_lag() {
        let found = run("");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "freed time of `Tid` is to be taken out of the budget 0 months after the benefit starts (`lag_months = 0`)"
        );
        assert_eq!(run("lag_months = 5\n").len(), 1);
    }

    #[test]
    fn silent_with_six_months_or_more() {
        assert!(run("lag_months = 6\n").is_empty());
        assert!(run("lag_months = 12\n").is_empty());
    }

    #[test]
    fn schedules_in_the_first_year_fire_and_later_ones_do_not() {
        // The benefit starts at go-live, March 2010.
        assert_eq!(run("schedule = { 2010 = 100000, 2011 = 400000 }\n").len(), 1);
        assert!(run("schedule = { 2011 = 400000 }\n").is_empty());
    }

    #[test]
    fn silent_for_redeployment() {
        let body = "[[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nannual_hours = 1000\n[benefits.realisation]\nowner = \"A\"\nmethod = \"redeployment\"\n";
        assert!(findings(check, Code::W115, &format!("{HEAD}{body}")).is_empty());
    }
}
