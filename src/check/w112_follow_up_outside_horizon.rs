//! W112: a follow-up measurement (`follow_up` under `[benefits.realisation]`) planned
//! outside the calculation's horizon, where no figures exist to compare it with.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (first, last) = (ctx.project.first_month(), ctx.project.last_month());
    for line in &ctx.project.benefits {
        let Some(r) = line.realisation() else { continue };
        let outside: Vec<String> = r
            .follow_up
            .iter()
            .filter(|m| **m < first || **m > last)
            .map(|m| m.to_string())
            .collect();
        if !outside.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::W112,
                    crate::text!(
                        sv: "uppföljning av `{}` planerad utanför kalkylperioden {first}–{last}: {}",
                        line.name, outside.join(", ");
                        en: "follow-up of `{}` planned outside the horizon {first}–{last}: {}",
                        line.name, outside.join(", ")
                    ),
                )
                .hint(Text::new(
                    "planera uppföljningar inom kalkylperioden, eller förläng `years` under [project]",
                    "plan follow-ups within the horizon, or lengthen `years` in [project]",
                ))
                .span(r.span.clone())
                .at(line.at.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn body(dates: &str) -> String {
        format!(
            "{HEAD}\n[[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nannual_hours = 500\n[benefits.realisation]\nowner = \"Chef\"\nfollow_up = [{dates}]\n"
        )
    }

    #[test]
    fn fires_for_dates_outside_the_horizon() {
        // The horizon of HEAD is 2010-01 to 2014-12.
        let found = findings(check, Code::W112, &body("\"2009-12\", \"2011-06\", \"2015-01\""));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.en.contains("2009-12, 2015-01"),
            "{}",
            found[0].message.en
        );
    }

    #[test]
    fn silent_inside_the_horizon() {
        assert!(findings(check, Code::W112, &body("\"2010-01\", \"2014-12\"")).is_empty());
    }
}
