//! W108: who pays? With two or more stakeholders:
//!
//! * the project's NPV is positive but a stakeholder's NPV is negative: one finding for
//!   the project naming every losing stakeholder with its NPV, and the winners
//!   (departments that lose money on a shared service will not carry it);
//! * otherwise, a stakeholder that gets monetised benefits (more than 0 kr over the
//!   horizon) but bears no cost (0 kr or less), while another bears costs (more than
//!   0 kr) and gets no monetised benefit: one finding per benefiting-but-not-paying
//!   stakeholder, naming every paying-but-not-benefiting one.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::StakeholderFigures;
use crate::fmt::{Lang, money};
use rust_decimal::Decimal;

fn positive(d: Decimal) -> bool {
    d > Decimal::ZERO
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let stakeholders = &ctx.calc.stakeholders;
    if ctx.project.stakeholders.len() < 2 || stakeholders.len() < 2 {
        return;
    }
    if losers(ctx, out) {
        return;
    }
    let payers: Vec<&StakeholderFigures> = stakeholders
        .iter()
        .filter(|s| positive(s.costs()) && !positive(s.benefits()))
        .collect();
    let Some(first_payer) = payers.first() else {
        return;
    };
    let payers_text = |lang: Lang| match (payers.as_slice(), lang) {
        ([one], Lang::Sv) => format!(
            "`{}` bär {} i kostnader och får ingen nytta",
            one.name,
            money(one.costs(), lang)
        ),
        ([one], Lang::En) => format!(
            "`{}` bears {} of costs and gets no benefit",
            one.name,
            money(one.costs(), lang)
        ),
        (many, _) => {
            let names: Vec<String> = many
                .iter()
                .map(|s| format!("`{}` ({})", s.name, money(s.costs(), lang)))
                .collect();
            match lang {
                Lang::Sv => format!("{} bär kostnader och får ingen nytta", names.join(" och ")),
                Lang::En => format!("{} bear costs and get no benefit", names.join(" and ")),
            }
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
                Text::by(|lang| match lang {
                    Lang::Sv => format!(
                        "`{}` får {} i nyttor men bär ingen kostnad, medan {}",
                        s.name,
                        money(s.benefits(), lang),
                        payers_text(lang)
                    ),
                    Lang::En => format!(
                        "`{}` gets {} of benefits but bears no cost, while {}",
                        s.name,
                        money(s.benefits(), lang),
                        payers_text(lang)
                    ),
                }),
            )
            .hint(crate::text!(
                sv: "bestäm vem som betalar och vem som får besparingen innan utvecklingen börjar: dela kostnaderna, till exempel `stakeholder = {{ {} = 0.5, {} = 0.5 }}` på kostnadsraderna, eller planera hur nyttan förs vidare",
                first_payer.id, s.id;
                en: "decide who pays and who gets the savings before development starts: share the costs, e.g. `stakeholder = {{ {} = 0.5, {} = 0.5 }}` on the cost lines, or plan how the benefit is passed on",
                first_payer.id, s.id
            ))
            .maybe_span(span)
            .at(at),
        );
    }
}

/// The first form: NPV > 0 for the project, < 0 for some stakeholder. Whether it fired.
fn losers(ctx: &Context, out: &mut Vec<Diagnostic>) -> bool {
    if ctx.calc.summary.npv <= Decimal::ZERO {
        return false;
    }
    let stakeholders = &ctx.calc.stakeholders;
    let (losing, winning): (Vec<&StakeholderFigures>, Vec<&StakeholderFigures>) =
        stakeholders.iter().partition(|s| s.npv < Decimal::ZERO);
    if losing.is_empty() {
        return false;
    }
    let names = |group: &[&StakeholderFigures], lang: Lang| -> String {
        let npv = lang.pick("nuvärde", "NPV");
        group
            .iter()
            .map(|s| format!("`{}` ({npv} {})", s.name, money(s.npv, lang)))
            .collect::<Vec<_>>()
            .join(lang.pick(" och ", " and "))
    };
    let message = Text::by(|lang| match lang {
        Lang::Sv => format!(
            "projektet går med vinst (nettonuvärde {}) men {} förlorar pengar; {} vinner",
            money(ctx.calc.summary.npv, lang),
            names(&losing, lang),
            if winning.is_empty() {
                "ingen".to_string()
            } else {
                names(&winning, lang)
            },
        ),
        Lang::En => format!(
            "the project gains (NPV {}) but {} {} money; {} gain{}",
            money(ctx.calc.summary.npv, lang),
            names(&losing, lang),
            if losing.len() == 1 { "loses" } else { "lose" },
            if winning.is_empty() {
                "nobody".to_string()
            } else {
                names(&winning, lang)
            },
            if winning.len() == 1 || winning.is_empty() {
                "s"
            } else {
                ""
            }
        ),
    });
    out.push(
        Diagnostic::new(Code::W108, message)
            .hint(Text::new(
                "kom överens innan utvecklingen börjar om hur kostnader och besparingar delas: lägg de förlorande intressenternas del av kostnaderna på vinnarna (`stakeholder = { … }` på kostnadsraderna), eller planera en överföring",
                "agree before development starts how costs and savings are shared: put the losing stakeholders' share of the costs on the winners (`stakeholder = { … }` on the cost lines), or plan a transfer",
            ))
            .maybe_span(ctx.project_span())
            .at("stakeholders"),
    );
    true
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
            found[0].message.en,
            "`Stadsdelsförvaltningarna` gets 300,000 kr of benefits but bears no cost, while `Trafikkontoret` bears 800,000 kr of costs and gets no benefit"
        );
        assert_eq!(found[0].at.as_deref(), Some("benefits[0]"));
        assert!(
            found[0]
                .hint_in(crate::fmt::Lang::En)
                .unwrap_or("")
                .contains("{ tk = 0.5, sdf = 0.5 }")
        );
    }

    #[test]
    fn fires_when_a_stakeholder_loses_while_the_project_gains() {
        // tk pays 800 000 in 2010 and gets 200 000 a year 2011–2014; sdf gets 300 000 in
        // 2011 for nothing: tk loses, sdf gains, the project gains.
        let body = format!(
            "{COST}\n[[benefits]]\nname = \"Handläggning\"\nclass = \"reallocation\"\namounts = {{ 2011 = 300000 }}\nstakeholder = \"sdf\"\n[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\namounts = {{ 2011 = 200000, 2012 = 200000, 2013 = 200000, 2014 = 200000 }}\nstakeholder = \"tk\"\n"
        );
        let found = run(&body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].at.as_deref(), Some("stakeholders"));
        assert!(
            found[0].message.en.starts_with("the project gains (NPV ")
                && found[0].message.en.contains("but `Trafikkontoret` (NPV -")
                && found[0]
                    .message
                    .en
                    .ends_with("`Stadsdelsförvaltningarna` (NPV 289,855 kr) gains"),
            "{}",
            found[0].message.en
        );
        // The corrected twin: tk carries only its share of the cost.
        let fixed = body.replace(
            "amounts = { 2010 = 800000 }",
            "amounts = { 2010 = 800000 }\nstakeholder = { tk = 0.7, sdf = 0.3 }",
        );
        assert!(run(&fixed).is_empty(), "{:?}", run(&fixed));
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
