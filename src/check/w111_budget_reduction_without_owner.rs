//! W111: a reallocation benefit (freed time) planned to be taken home as a budget
//! reduction, with no named owner. Freed time is not money until someone decides
//! where the budget is cut; without an owner the besparingskrav lands on nobody.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::{Class, Method};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for line in &ctx.project.benefits {
        let Some(r) = line.realisation() else { continue };
        let unowned = r.owner.as_deref().is_none_or(|o| o.trim().is_empty());
        if line.class() == Some(Class::Reallocation) && r.method == Some(Method::BudgetReduction) && unowned {
            out.push(
                Diagnostic::new(
                    Code::W111,
                    crate::text!(
                        sv: "`{}` är frigjord tid som ska tas hem som besparingskrav, men ingen ägare beslutar om det", line.name;
                        en: "`{}` is freed time to be taken home as a budget reduction, but no owner decides it", line.name
                    ),
                )
                .hint(Text::new(
                    "frigjord tid är inte pengar förrän någon beslutar: ange den `owner` som sänker budgeten, eller använd `method = \"redeployment\"`",
                    "freed time is not money until someone decides: name the `owner` who cuts the budget, or use `method = \"redeployment\"`",
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

    const BODY: &str = r#"
[[benefits]]
name = "Handläggning"
class = "reallocation"
annual_hours = 500
[benefits.realisation]
method = "budget_reduction"
"#;

    #[test]
    fn fires_on_budget_reduction_of_freed_time_without_owner() {
        let found = findings(check, Code::W111, &format!("{HEAD}{BODY}"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
    }

    #[test]
    fn silent_with_owner_or_other_method_or_financial() {
        let owned = BODY.replace("method =", "owner = \"Enhetschef\"\nmethod =");
        assert!(findings(check, Code::W111, &format!("{HEAD}{owned}")).is_empty());
        let redeploy = BODY.replace("budget_reduction", "redeployment");
        assert!(findings(check, Code::W111, &format!("{HEAD}{redeploy}")).is_empty());
        let financial = BODY.replace("reallocation", "financial");
        assert!(findings(check, Code::W111, &format!("{HEAD}{financial}")).is_empty());
    }
}
