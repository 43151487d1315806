//! W114: the case rests on low-confidence benefits: the NPV is positive, but the NPV
//! counting only `high` and `medium` confidence benefits is negative. Benefits are
//! overestimated; PENG and eKalkyl mark the unsure ones red for this reason.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::fmt::{Lang, money};
use crate::model::Confidence;
use rust_decimal::Decimal;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let s = &ctx.calc.summary;
    if s.npv <= Decimal::ZERO || s.npv_without_low_confidence >= Decimal::ZERO {
        return;
    }
    let low: Vec<String> = ctx
        .lines()
        .filter(|(line, f)| line.benefit().is_some_and(|b| b.confidence == Confidence::Low) && !f.total.is_zero())
        .map(|(line, _)| format!("`{}`", line.name))
        .collect();
    // Point at the first low-confidence benefit: that is where to look.
    let first = ctx
        .project
        .benefits
        .iter()
        .find(|l| l.is_monetised() && l.benefit().is_some_and(|b| b.confidence == Confidence::Low));
    out.push(
        Diagnostic::new(
            Code::W114,
            Text::by(|lang| match lang {
                Lang::Sv => format!(
                    "kalkylen vilar på nyttor med låg säkerhet: nettonuvärde {} med dem, {} utan ({})",
                    money(s.npv, lang),
                    money(s.npv_without_low_confidence, lang),
                    low.join(", ")
                ),
                Lang::En => format!(
                    "the case rests on low-confidence benefits: NPV {} with them, {} without ({})",
                    money(s.npv, lang),
                    money(s.npv_without_low_confidence, lang),
                    low.join(", ")
                ),
            }),
        )
        .hint(Text::new(
            "säkra nyttorna med låg säkerhet (mät den sparade tiden, ta in ett pris) eller visa beslutsfattarna att kalkylen står och faller med dem",
            "firm up the low-confidence benefits (measure the time saved, get a price) or show the decision-makers that the case stands or falls with them",
        ))
        .maybe_span(first.map(|l| l.span.clone()).or_else(|| ctx.project_span()))
        .at("project"),
    );
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    const COST: &str = "[[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = { 2010 = 500000 }\n";

    fn run(confidence: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let body = format!(
            "{COST}[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nconfidence = \"high\"\namounts = {{ 2011 = 100000 }}\n[[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nconfidence = \"{confidence}\"\namounts = {{ 2012 = 600000 }}\n"
        );
        findings(check, Code::W114, &format!("{HEAD}{body}"))
    }

    #[test]
    fn fires_when_only_low_confidence_benefits_carry_the_case() {
        let found = run("low");
        assert_eq!(found.len(), 1);
        // 100 000 / 1.035 − 500 000 = −403 382 without the low benefit.
        assert!(
            found[0].message.en.contains(", -403,382 kr without (`Tid`)"),
            "{}",
            found[0].message.en
        );
    }

    #[test]
    fn silent_when_the_benefit_is_medium_confidence() {
        assert!(run("medium").is_empty());
    }
}
