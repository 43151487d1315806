//! W107: a qualitative benefit that cannot be followed up: no `measured_by` (who measures
//! and how), or a `baseline` (nuläge) or `target` (målvärde) that holds no figure —
//! missing, blank, or words only (`"?"`, `"bättre"`, `"ökad"`). A goal nobody can
//! measure is a goal nobody follows up.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::fmt::Lang;
use crate::model::Class;

/// Whether a baseline or target can be measured against: it holds a digit.
fn measurable(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.chars().any(|c| c.is_ascii_digit()))
}

fn given(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.trim().is_empty())
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for line in &ctx.project.benefits {
        let Some(info) = line.benefit() else { continue };
        if info.class != Class::Qualitative {
            continue;
        }
        let mut problems = Vec::new();
        for (key, value) in [
            ("baseline", info.baseline.as_deref()),
            ("target", info.target.as_deref()),
        ] {
            let sv_key = if key == "baseline" { "nuläge" } else { "målvärde" };
            if !given(value) {
                problems.push(crate::text!(sv: "inget {sv_key} (`{key}`)"; en: "no {key}"));
            } else if !measurable(value) {
                let v = value.unwrap_or_default().trim();
                problems.push(crate::text!(
                    sv: "ett {sv_key} utan siffra (\"{v}\")";
                    en: "a {key} without a figure (\"{v}\")"
                ));
            }
        }
        if !given(info.measured_by.as_deref()) {
            problems.push(Text::new("ingen `measured_by`", "no `measured_by`"));
        }
        if problems.is_empty() {
            continue;
        }
        let join = |lang: Lang| -> String {
            let words: Vec<&str> = problems.iter().map(|p| p.get(lang)).collect();
            match words.as_slice() {
                [one] => one.to_string(),
                [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("och", "and")),
                [] => String::new(),
            }
        };
        if problems.is_empty() {
            continue;
        }
        let what = Text::by(join);
        out.push(
            Diagnostic::new(
                Code::W107,
                crate::text!(
                    sv: "den kvalitativa nyttan `{}` går inte att mäta: {}", line.name, what.sv;
                    en: "qualitative benefit `{}` cannot be measured: {}", line.name, what.en
                ),
            )
            .hint(Text::new(
                "ge indikatorn en siffra i dag och en siffra att nå (`baseline = \"62 (2025)\"`, `target = \"75\"`) och vem som mäter den och hur (`measured_by = \"Årlig NKI-enkät\"`)",
                "give the indicator a figure now and a figure to reach (`baseline = \"62 (2025)\"`, `target = \"75\"`) and who measures it how (`measured_by = \"Årlig NKI-enkät\"`)",
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
            "[[benefits]]\nname = \"Tillgänglighet\"\nclass = \"qualitative\"\nindicator = \"Andel ärenden dygnet runt\"\n{extra}"
        );
        findings(check, Code::W107, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_without_baseline_or_target() {
        let found = run("measured_by = \"E-tjänstens statistik\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "qualitative benefit `Tillgänglighet` cannot be measured: no baseline and no target"
        );
        assert_eq!(
            run("baseline = \"0 %\"\nmeasured_by = \"Statistik\"\n")[0].message.en,
            "qualitative benefit `Tillgänglighet` cannot be measured: no target"
        );
        assert_eq!(
            run("target = \"60 %\"\nbaseline = \"\"\nmeasured_by = \"S\"\n").len(),
            1
        );
    }

    #[test]
    fn fires_on_words_without_figures_and_without_measured_by() {
        // The textbook goal.
        let found = run("baseline = \"?\"\ntarget = \"bättre\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message.en,
            "qualitative benefit `Tillgänglighet` cannot be measured: a baseline without a figure (\"?\"), a target without a figure (\"bättre\") and no `measured_by`"
        );
        assert_eq!(run("baseline = \"0 %\"\ntarget = \"60 %\"\n").len(), 1);
    }

    #[test]
    fn silent_when_measurable() {
        assert!(
            run("baseline = \"0 %\"\ntarget = \"60 %\"\nmeasured_by = \"E-tjänstens statistik, årligen\"\n").is_empty()
        );
    }
}
