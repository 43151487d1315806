//! W107: a qualitative benefit without a baseline (nuläge) or a target (målvärde); a
//! blank string counts as missing.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Class;

fn missing(value: Option<&str>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for line in &ctx.project.benefits {
        let Some(info) = line.benefit() else { continue };
        if info.class != Class::Qualitative {
            continue;
        }
        let what = match (missing(info.baseline.as_deref()), missing(info.target.as_deref())) {
            (true, true) => "no baseline and no target",
            (true, false) => "no baseline",
            (false, true) => "no target",
            (false, false) => continue,
        };
        out.push(
            Diagnostic::new(Code::W107, format!("qualitative benefit `{}` has {what}", line.name))
                .hint("add `baseline = \"…\"` (nuläge) and `target = \"…\"` (målvärde) for the indicator, so the benefit can be followed up")
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
        let found = run("");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "qualitative benefit `Tillgänglighet` has no baseline and no target"
        );
        assert_eq!(
            run("baseline = \"0 %\"\n")[0].message,
            "qualitative benefit `Tillgänglighet` has no target"
        );
        assert_eq!(run("target = \"60 %\"\nbaseline = \"\"\n").len(), 1);
    }

    #[test]
    fn silent_with_both() {
        assert!(run("baseline = \"0 %\"\ntarget = \"60 %\"\n").is_empty());
    }
}
