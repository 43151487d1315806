//! W102: no operations cost (drift och förvaltning) after go-live.
//!
//! Fires when no cost of category `operations` has any money in the calendar years from
//! go-live's year to the end of the horizon.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::Category;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let go_year = project.go_live.year();
    let has_operations = ctx.lines().any(|(line, figures)| {
        line.category() == Some(Category::Operations)
            && figures
                .by_year
                .iter()
                .enumerate()
                .any(|(k, v)| ctx.year_of(k) >= go_year && !v.is_zero())
    });
    if has_operations {
        return;
    }
    let last_year = project.end_year() - 1;
    out.push(
        Diagnostic::new(
            Code::W102,
            crate::text!(
                sv: "ingen kostnad för drift och förvaltning från driftstart ({}) till kalkylperiodens slut ({last_year})",
                project.go_live;
                en: "no operations cost (drift och förvaltning) from go-live ({}) to the end of the horizon ({last_year})",
                project.go_live
            ),
        )
        .hint(Text::new(
            "lägg till en rad `[[costs]]` med `category = \"operations\"` för licenser, drift, support och underhåll (till exempel `annual = 150000`); den löper från `go_live` om inget annat anges",
            "add a `[[costs]]` line with `category = \"operations\"` for licences, hosting, support and maintenance (e.g. `annual = 150000`); it runs from `go_live` by default",
        ))
        .maybe_span(project.spans.go_live.clone().or_else(|| ctx.project_span()))
        .at("costs"),
    );
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    fn run(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        findings(check, Code::W102, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_without_operations() {
        let found = run("[[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = { 2010 = 500000 }\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at.as_deref(), Some("costs"));
        assert!(found[0].message.en.contains("2010-03"), "{}", found[0].message.en);
    }

    #[test]
    fn fires_when_operations_stop_before_go_live() {
        let text = HEAD.replace("go_live = \"2010-03\"", "go_live = \"2012-01\"");
        let body = "[[costs]]\nname = \"Förstudie-drift\"\ncategory = \"operations\"\namounts = { 2010 = 20000 }\n";
        assert_eq!(findings(check, Code::W102, &format!("{text}{body}")).len(), 1);
    }

    #[test]
    fn silent_with_operations() {
        let body = "[[costs]]\nname = \"Licens\"\ncategory = \"operations\"\nannual = 4000\ngrowth = 0.12\n";
        assert!(run(body).is_empty());
    }
}
