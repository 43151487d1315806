//! W116: operations forgotten or underestimated. With an investment, a go-live inside
//! the horizon, and at least one full calendar year after go-live (a year whose January
//! is at or after `go_live`), the average yearly operations cost over those years is
//! under 5 % of the investment. Drift och förvaltning is commonly 15–20 % of the
//! investment a year.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::fmt::{Lang, message_percent, money};
use crate::model::checked_sum;
use crate::model::{Category, Month};
use rust_decimal::Decimal;

/// The least plausible yearly operations cost, as a share of the investment.
pub(crate) const MIN_OPERATIONS_SHARE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let calc = ctx.calc;
    let investment = calc.summary.costs[Category::Investment.index()];
    if investment <= Decimal::ZERO {
        return;
    }
    let go_live = project.go_live;
    if go_live > project.last_month() {
        return;
    }
    let full: Vec<Decimal> = calc
        .years
        .iter()
        .filter(|y| Month::new(y.year, 1) >= go_live)
        .map(|y| y.costs[Category::Operations.index()])
        .collect();
    if full.is_empty() {
        return;
    }
    let Some(total) = checked_sum(&full) else { return };
    let count = Decimal::from(full.len());
    let Some(threshold) = investment
        .checked_mul(MIN_OPERATIONS_SHARE)
        .and_then(|t| t.checked_mul(count))
    else {
        return;
    };
    if total >= threshold {
        return;
    }
    let average = total / count;
    let share = average / investment;
    let first = project
        .costs
        .iter()
        .find(|l| l.category() == Some(Category::Operations))
        .map(|l| (l.span.clone(), l.at.clone()));
    let (span, at) = match first {
        Some((span, at)) => (Some(span), at),
        None => (ctx.project_span(), "costs".to_string()),
    };
    out.push(
        Diagnostic::new(
            Code::W116,
            Text::by(|lang| match lang {
                Lang::Sv => format!(
                    "drift och förvaltning kostar i genomsnitt {} om året efter driftstart, {} av investeringen på {}",
                    money(average, lang),
                    message_percent(share, lang),
                    money(investment, lang)
                ),
                Lang::En => format!(
                    "operations cost {} a year on average after go-live, {} of the investment of {}",
                    money(average, lang),
                    message_percent(share, lang),
                    money(investment, lang)
                ),
            }),
        )
        .hint(Text::new(
            "räkna med drift och förvaltning fullt ut (licenser, drift, support, underhåll, vidareutveckling): vanligen 15–20 % av investeringen om året",
            "count drift och förvaltning in full (licences, hosting, support, maintenance, further development): commonly 15–20 % of the investment a year",
        ))
        .maybe_span(span)
        .at(at),
    );
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(operations: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let body = format!(
            "[[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = {{ 2010 = 800000 }}\n[[costs]]\nname = \"Drift\"\ncategory = \"operations\"\nannual = {operations}\n"
        );
        findings(check, Code::W116, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_on_operations_far_below_the_investment() {
        // The textbook case: 5 000 a year against 800 000 (0.63 %).
        let found = run("5000");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "operations cost 5,000 kr a year on average after go-live, 0.63 % of the investment of 800,000 kr"
        );
    }

    #[test]
    fn silent_at_five_percent_and_above() {
        assert!(run("40000").is_empty());
        assert!(run("140000").is_empty());
        assert_eq!(run("39999").len(), 1);
    }

    #[test]
    fn silent_without_a_full_year_after_go_live() {
        let text = HEAD.replace("years = 5\ngo_live = \"2010-03\"", "years = 1\ngo_live = \"2010-03\"");
        let body = "[[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = { 2010 = 800000 }\n";
        assert!(findings(check, Code::W116, &format!("{text}{body}")).is_empty());
    }
}
