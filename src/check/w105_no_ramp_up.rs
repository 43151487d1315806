//! W105: a volume benefit with no ramp-up: `volume` without `adoption` (100 % use from
//! the first day), or adoption of 80 % or more already in the line's first active year
//! (the year of `from`).

use super::{Context, pct};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::series::adoption_in;
use crate::model::ValueSource;
use rust_decimal::Decimal;

/// Adoption at or above this in the first year counts as no ramp-up.
const FULL: Decimal = Decimal::from_parts(8, 0, 0, false, 1);

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
    for line in &ctx.project.benefits {
        let Some(ValueSource::Volume { adoption, .. }) = &line.value else {
            continue;
        };
        let first_year = line.from.year();
        let message = match adoption {
            None => format!(
                "volume benefit `{}` has no `adoption`: it assumes 100 % use from {} on",
                line.name, line.from
            ),
            Some(adoption) => {
                let share = adoption_in(adoption, first_year);
                if share < FULL {
                    continue;
                }
                format!(
                    "volume benefit `{}` assumes {} adoption already in {first_year}, its first year",
                    line.name,
                    pct(share)
                )
            }
        };
        out.push(
            Diagnostic::new(Code::W105, message)
                .hint(format!(
                    "add a ramp-up, e.g. `adoption = {{ {} }}`: use of a new e-service starts low (one national e-service assumed 6 % in year one)",
                    example_curve(first_year, ctx.project.end_year())
                ))
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
        assert!(found[0].message.contains("no `adoption`"), "{}", found[0].message);
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("2010 = 0.2, 2011 = 0.5")
        );
    }

    #[test]
    fn fires_on_high_adoption_in_the_first_year() {
        let found = run("adoption = { 2010 = 0.8, 2011 = 0.9 }\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "volume benefit `Ansökningar` assumes 80 % adoption already in 2010, its first year"
        );
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
}
