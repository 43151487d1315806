//! W103: a monetised benefit (financial or reallocation) without a realisation owner
//! (nyttoägare): no `[benefits.realisation]`, or one without a non-blank `owner`.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for line in ctx.project.benefits.iter().filter(|l| l.is_monetised()) {
        let finding = match line.realisation() {
            None => Diagnostic::new(
                Code::W103,
                crate::text!(
                    sv: "nyttan `{}` saknar plan för hemtagning och nyttoägare", line.name;
                    en: "benefit `{}` has no realisation plan and no owner (nyttoägare)", line.name
                ),
            )
            .hint(Text::new(
                "lägg till `[benefits.realisation]` med `owner = \"…\"`: den roll som ansvarar för att nyttan tas hem",
                "add `[benefits.realisation]` with `owner = \"…\"`: the role accountable for taking the benefit home",
            ))
            .span(line.span.clone()),
            Some(r) if r.owner.as_deref().is_none_or(|o| o.trim().is_empty()) => Diagnostic::new(
                Code::W103,
                crate::text!(
                    sv: "nyttan `{}` har en plan för hemtagning men ingen nyttoägare", line.name;
                    en: "benefit `{}` has a realisation plan but no owner (nyttoägare)", line.name
                ),
            )
            .hint(Text::new(
                "lägg till `owner = \"…\"` under nyttans `[benefits.realisation]`: den roll som ansvarar för att nyttan tas hem",
                "add `owner = \"…\"` under its `[benefits.realisation]`: the role accountable for taking the benefit home",
            ))
            .span(r.span.clone()),
            Some(_) => continue,
        };
        out.push(finding.at(line.at.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        findings(check, Code::W103, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_without_realisation_or_owner() {
        let body = r#"
[[benefits]]
name = "Porto"
class = "financial"
annual = 40000

[[benefits]]
name = "Handläggning"
class = "reallocation"
annual_hours = 500
[benefits.realisation]
method = "redeployment"
owner = "  "
"#;
        let found = run(body);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
        assert!(found[0].message.en.contains("`Porto` has no realisation plan"));
        assert_eq!(found[1].at.as_deref(), Some("benefits[1]"));
        assert!(
            found[1]
                .message
                .en
                .contains("`Handläggning` has a realisation plan but no owner")
        );
    }

    #[test]
    fn silent_with_owner_and_for_qualitative() {
        let body = r#"
[[benefits]]
name = "Porto"
class = "financial"
annual = 40000
[benefits.realisation]
owner = "Ekonomichef"

[[benefits]]
name = "Nöjdhet"
class = "qualitative"
indicator = "NKI"
"#;
        assert!(run(body).is_empty());
    }
}
