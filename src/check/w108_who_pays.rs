//! W108: who pays? With two or more stakeholders, a stakeholder that gets monetised
//! benefits (more than 0 kr over the horizon) but bears no cost (0 kr or less), while
//! another bears costs (more than 0 kr) and gets no monetised benefit (0 kr or less).
//! One finding per benefiting-but-not-paying stakeholder, naming every
//! paying-but-not-benefiting one.

use super::{Context, kr};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::StakeholderFigures;
use rust_decimal::Decimal;

fn positive(d: Decimal) -> bool {
    d > Decimal::ZERO
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let stakeholders = &ctx.calc.stakeholders;
    if ctx.project.stakeholders.len() < 2 || stakeholders.len() < 2 {
        return;
    }
    let payers: Vec<&StakeholderFigures> = stakeholders
        .iter()
        .filter(|s| positive(s.costs()) && !positive(s.benefits()))
        .collect();
    let Some(first_payer) = payers.first() else {
        return;
    };
    let payers_text = match payers.as_slice() {
        [one] => format!("`{}` bears {} of costs and gets no benefit", one.name, kr(one.costs())),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|s| format!("`{}` ({})", s.name, kr(s.costs())))
                .collect();
            format!("{} bear costs and get no benefit", names.join(" and "))
        }
    };
    for (i, s) in stakeholders.iter().enumerate() {
        if !positive(s.benefits()) || positive(s.costs()) {
            continue;
        }
        // Point at the first monetised benefit line that gives this stakeholder money.
        let line = ctx.lines().find(|(line, figures)| {
            !line.is_cost()
                && line.is_monetised()
                && !figures.total.is_zero()
                && line
                    .stakeholders
                    .iter()
                    .any(|&(index, share)| index == i && !share.is_zero())
        });
        let (span, at) = match line {
            Some((line, _)) => (Some(line.span.clone()), line.at.clone()),
            None => (ctx.project_span(), format!("stakeholders[{i}]")),
        };
        out.push(
            Diagnostic::new(
                Code::W108,
                format!(
                    "`{}` gets {} of benefits but bears no cost, while {payers_text}",
                    s.name,
                    kr(s.benefits())
                ),
            )
            .hint(format!(
                "decide who pays and who gets the savings before development starts: share the costs, e.g. `stakeholder = {{ {} = 0.5, {} = 0.5 }}` on the cost lines, or plan how the benefit is passed on",
                first_payer.id, s.id
            ))
            .maybe_span(span)
            .at(at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    const STAKEHOLDERS: &str = r#"
[[stakeholders]]
id = "tk"
name = "Trafikkontoret"
[[stakeholders]]
id = "sdf"
name = "Stadsdelsförvaltningarna"
"#;

    fn run(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        findings(check, Code::W108, &format!("{HEAD}{STAKEHOLDERS}{body}"))
    }

    const COST: &str = "[[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = { 2010 = 800000 }\n";

    #[test]
    fn fires_when_one_pays_and_another_benefits() {
        let body = format!(
            "{COST}\n[[benefits]]\nname = \"Handläggning\"\nclass = \"reallocation\"\namounts = {{ 2011 = 300000 }}\nstakeholder = \"sdf\"\n"
        );
        let found = run(&body);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`Stadsdelsförvaltningarna` gets 300,000 kr of benefits but bears no cost, while `Trafikkontoret` bears 800,000 kr of costs and gets no benefit"
        );
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("{ tk = 0.5, sdf = 0.5 }")
        );
    }

    #[test]
    fn silent_when_costs_are_shared_or_one_stakeholder() {
        let shared = COST.replace("amounts", "stakeholder = { tk = 0.5, sdf = 0.5 }\namounts");
        let body = format!(
            "{shared}\n[[benefits]]\nname = \"Handläggning\"\nclass = \"reallocation\"\namounts = {{ 2011 = 300000 }}\nstakeholder = \"sdf\"\n"
        );
        assert!(run(&body).is_empty());
        // One stakeholder (the organisation): nobody to ask.
        let single = format!("{HEAD}{COST}\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\nannual = 1000\n");
        assert!(findings(check, Code::W108, &single).is_empty());
    }
}
