//! W110: the horizon ends less than two years after go-live: fewer than 24 months from
//! the go-live month (counted) to December of the last year.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};

/// The fewest months of operation a calculation should show.
const MIN_MONTHS: i32 = 24;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let months = project.last_month().0 - project.go_live.0 + 1;
    if months >= MIN_MONTHS {
        return;
    }
    let span = project
        .spans
        .years
        .clone()
        .or_else(|| project.spans.go_live.clone())
        .or_else(|| ctx.project_span());
    out.push(
        Diagnostic::new(
            Code::W110,
            crate::text!(
                sv: "kalkylperioden täcker bara {} månader efter driftstart ({} till {}): nyttor som trappas upp klipps av",
                months.max(0), project.go_live, project.last_month();
                en: "the horizon covers only {} months after go-live ({} to {}): benefits that ramp up are cut off",
                months.max(0), project.go_live, project.last_month()
            ),
        )
        .hint(Text::new(
            "förläng `years` under [project] så att kalkylen täcker minst två års drift efter driftstart, helst 3–5",
            "extend `years` in [project] so the calculation covers at least two years, preferably 3–5, of operation after go-live",
        ))
        .maybe_span(span)
        .at("project.years"),
    );
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(years: u32, go_live: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let text = HEAD
            .replace("years = 5", &format!("years = {years}"))
            .replace("\"2010-03\"", &format!("\"{go_live}\""));
        findings(check, Code::W110, &text)
    }

    #[test]
    fn fires_on_a_short_horizon() {
        let found = run(2, "2010-03");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "the horizon covers only 22 months after go-live (2010-03 to 2011-12): benefits that ramp up are cut off"
        );
        assert_eq!(run(5, "2013-02").len(), 1);
    }

    #[test]
    fn silent_with_two_years_or_more() {
        assert!(run(2, "2010-01").is_empty());
        assert!(run(5, "2013-01").is_empty());
    }
}
