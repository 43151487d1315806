//! W109: adoption (e-andel) under 20 % for more than a year.
//!
//! For a volume benefit with `adoption`, look at the months in which the line is active
//! (`from` … `to`, within the horizon), counting from January of the first year listed in
//! `adoption` (before it the share is 0 by definition: the new way is not in use yet, so
//! nothing runs in parallel). Fires when more than twelve consecutive such months have an
//! adoption (as in effect, `adoption_in`) below 0.2 — an explicitly listed 0 counts.
//! Below about 20–25 % digital uptake, running manual and digital handling side by side
//! usually costs extra.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::series::adoption_in;
use crate::fmt::{Lang, message_percent};
use crate::model::{Month, ValueSource};
use rust_decimal::Decimal;

/// Adoption below this counts as low.
const LOW: Decimal = Decimal::from_parts(2, 0, 0, false, 1);
/// A run of low adoption longer than this many months fires.
const MAX_MONTHS: i32 = 12;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    for line in &project.benefits {
        let Some(ValueSource::Volume {
            adoption: Some(adoption),
            ..
        }) = &line.value
        else {
            continue;
        };
        let Some((&first_listed, _)) = adoption.iter().next() else {
            continue;
        };
        let start = line.from.max(Month::new(first_listed, 1)).max(project.first_month());
        let end = line.to.min(project.last_month());
        // The longest run of low months: (first month, length).
        let mut longest: Option<(Month, i32)> = None;
        let mut run: Option<(Month, i32)> = None;
        // Adoption changes by calendar year: look it up once per year.
        let mut low_in: Option<(i32, bool)> = None;
        for m in start.0..=end.0 {
            let month = Month(m);
            let low = match low_in {
                Some((year, low)) if year == month.year() => low,
                _ => {
                    let low = adoption_in(adoption, month.year()) < LOW;
                    low_in = Some((month.year(), low));
                    low
                }
            };
            if low {
                let (first, length) = run.unwrap_or((month, 0));
                let current = (first, length + 1);
                run = Some(current);
                if longest.is_none_or(|(_, best)| current.1 > best) {
                    longest = Some(current);
                }
            } else {
                run = None;
            }
        }
        let Some((first, length)) = longest else {
            continue;
        };
        if length <= MAX_MONTHS {
            continue;
        }
        let last = Month(first.0 + length - 1);
        let shares = |lang: Lang| -> String {
            (first.year()..=last.year())
                .map(|y| format!("{y}: {}", message_percent(adoption_in(adoption, y), lang)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Diagnostic::new(
                Code::W109,
                crate::text!(
                    sv: "användningen av `{}` ligger under 20 % i {length} månader, {first} till {last} ({})",
                    line.name, shares(Lang::Sv);
                    en: "adoption of `{}` stays under 20 % for {length} months, {first} to {last} ({})",
                    line.name, shares(Lang::En)
                ),
            )
            .hint(Text::new(
                "att driva manuell och digital handläggning parallellt kostar oftast extra under 20–25 % användning: planera hur användningen ska öka snabbt, eller lägg in en kostnad för den parallella handläggningen",
                "running manual and digital handling side by side usually costs extra below 20–25 % uptake: plan how to raise use quickly, or add a cost for the parallel handling",
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
        findings(check, Code::W109, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_on_two_low_years() {
        // Active from go-live 2010-03: 10 months of 2010 and 12 of 2011 under 20 %.
        let found = run("adoption = { 2010 = 0.06, 2011 = 0.15, 2012 = 0.5 }\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "adoption of `Ansökningar` stays under 20 % for 22 months, 2010-03 to 2011-12 (2010: 6 %, 2011: 15 %)"
        );
    }

    #[test]
    fn explicit_zero_counts() {
        assert_eq!(run("adoption = { 2010 = 0, 2011 = 0.1, 2012 = 0.5 }\n").len(), 1);
    }

    #[test]
    fn silent_for_one_low_year_or_years_before_the_first_listed() {
        assert!(run("adoption = { 2010 = 0.06, 2011 = 0.3 }\n").is_empty());
        // 2010–2011 are 0 only because adoption starts being listed in 2012.
        assert!(run("adoption = { 2012 = 0.25, 2013 = 0.5 }\n").is_empty());
        // The line ends before a second low year.
        assert!(run("adoption = { 2010 = 0.1, 2011 = 0.1 }\nto = \"2010-12\"\n").is_empty());
        // Without adoption the share is 1 (W105's business).
        assert!(run("").is_empty());
    }
}
