//! W104: an explicit harvest `schedule` (besparingskrav) takes home more than the benefit
//! has produced: for some year y, the scheduled harvest through the end of y exceeds the
//! benefit (base calculation) through the end of y. Both sums are compared in whole
//! kronor (rounded half away from zero), so the figures named always differ.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::fmt::{Lang, money, round};
use rust_decimal::Decimal;

fn whole(d: Decimal) -> Decimal {
    round(d, 0)
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (line, figures) in ctx.lines() {
        let Some(realisation) = line.realisation() else {
            continue;
        };
        let Some(schedule) = &realisation.schedule else {
            continue;
        };
        let (mut harvest, mut benefit) = (Decimal::ZERO, Decimal::ZERO);
        for (k, produced) in figures.by_year.iter().enumerate() {
            let year = ctx.year_of(k);
            let planned = schedule.in_year(year);
            let (Some(h), Some(b)) = (harvest.checked_add(planned), benefit.checked_add(*produced)) else {
                break;
            };
            (harvest, benefit) = (h, b);
            if whole(harvest) > whole(benefit) {
                out.push(
                    Diagnostic::new(
                        Code::W104,
                        Text::by(|lang| match lang {
                            Lang::Sv => format!(
                                "hemtagningsplanen för `{}` tar hem {} till och med {year}, men nyttan har då bara gett {}",
                                line.name,
                                money(harvest, lang),
                                money(benefit, lang)
                            ),
                            Lang::En => format!(
                                "harvest schedule of `{}` takes home {} by the end of {year}, but the benefit has produced only {} by then",
                                line.name,
                                money(harvest, lang),
                                money(benefit, lang)
                            ),
                        }),
                    )
                    .hint(Text::new(
                        "låt hemtagningen följa nyttan: sänk eller skjut upp de planerade beloppen, eller använd `share` och `lag_months` i stället",
                        "plan the harvest to follow the benefit: lower or postpone the scheduled amounts, or use `share` and `lag_months` instead",
                    ))
                    .span(realisation.span.clone())
                    .at(line.at.clone()),
                );
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(schedule: &str) -> Vec<crate::diagnostic::Diagnostic> {
        // 120000 a year from go-live 2010-03: 100000 in 2010, then 120000 a year.
        let body = format!(
            "[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nannual = 120000\n[benefits.realisation]\nowner = \"Ekonomichef\"\nschedule = {schedule}\n"
        );
        findings(check, Code::W104, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_in_the_first_year_the_harvest_runs_ahead() {
        // Cumulative: 2010 harvest 80000 ≤ 100000; 2011 harvest 280000 > 220000.
        let found = run("{ 2010 = 80000, 2011 = 200000, 2012 = 200000 }");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "harvest schedule of `Porto` takes home 280,000 kr by the end of 2011, but the benefit has produced only 220,000 kr by then"
        );
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
    }

    #[test]
    fn silent_when_the_harvest_follows_the_benefit() {
        // Catching up later is fine: 2010 0, 2011 200000 ≤ 220000, 2012 340000 ≤ 340000.
        assert!(run("{ 2011 = 200000, 2012 = 140000 }").is_empty());
    }
}
