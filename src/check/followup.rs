//! Follow-up flags W201–W204 (docs/check-rules.md, "Follow-up flags"): a follow-up
//! computed by [`crate::engine::followup`] read against its plan. They are warnings that
//! never change the exit code. Listed per line and kind in row order (W202 or W201, then
//! W203), W204 last.

use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::followup::{FollowUp, FollowUpRow};
use crate::fmt::{Lang, money};
use crate::model::actuals::{ActualKind, Actuals};
use crate::model::{Line, Month, Project};
use rust_decimal::Decimal;

/// Harvest more than this share behind plan is flagged (W201).
const HARVEST_BEHIND: Decimal = Decimal::from_parts(8, 0, 0, false, 1);
/// A cost more than this share over plan is flagged (W202).
const COST_OVER: Decimal = Decimal::from_parts(11, 0, 0, false, 1);

/// Whether the flags say the project is overdue for follow-up (W204: live for more than
/// a year with no benefit actuals), for `nytta batch --follow-up`.
pub fn is_overdue(flags: &[Diagnostic]) -> bool {
    flags.iter().any(|d| d.code == Code::W204)
}

/// The flags of one follow-up.
pub fn flags(project: &Project, fu: &FollowUp, actuals: &Actuals) -> Vec<Diagnostic> {
    let lines: Vec<&Line> = project.lines().collect();
    let (rows, as_of) = (&fu.rows, fu.as_of);
    let mut out = Vec::new();
    let mut groups: Vec<(usize, ActualKind)> = rows.iter().map(|r| (r.line, r.kind)).collect();
    groups.dedup();
    for (index, kind) in groups {
        let Some(line) = lines.get(index) else { continue };
        let group: Vec<&FollowUpRow> = rows.iter().filter(|r| r.line == index && r.kind == kind).collect();
        let reported: Vec<&&FollowUpRow> = group.iter().filter(|r| r.actual.is_some()).collect();
        let planned: Decimal = reported.iter().map(|r| r.planned).sum();
        let actual: Decimal = reported.iter().filter_map(|r| r.actual).sum();
        let name = &line.name;
        match kind {
            ActualKind::Harvest
                if !reported.is_empty() && planned > Decimal::ZERO && actual < planned * HARVEST_BEHIND =>
            {
                out.push(
                    Diagnostic::new(
                        Code::W201,
                        Text::by(|lang| match lang {
                            Lang::Sv => format!(
                                "`{name}`: hemtaget {} mot planerat {}, mer än 20 % efter",
                                money(actual, lang),
                                money(planned, lang)
                            ),
                            Lang::En => format!(
                                "`{name}`: harvest {} against {} planned, more than 20 % behind",
                                money(actual, lang),
                                money(planned, lang)
                            ),
                        }),
                    )
                    .hint(Text::new(
                        "fråga nyttoägaren varför, och planera om hemtagningen för de återstående åren",
                        "ask the realisation owner why, and re-plan the harvest for the remaining years",
                    ))
                    .at(line.at.clone()),
                );
            }
            ActualKind::Cost if !reported.is_empty() && planned > Decimal::ZERO && actual > planned * COST_OVER => {
                out.push(
                    Diagnostic::new(
                        Code::W202,
                        Text::by(|lang| match lang {
                            Lang::Sv => format!(
                                "`{name}`: kostnad {} mot planerat {}, mer än 10 % över",
                                money(actual, lang),
                                money(planned, lang)
                            ),
                            Lang::En => format!(
                                "`{name}`: cost {} against {} planned, more than 10 % over",
                                money(actual, lang),
                                money(planned, lang)
                            ),
                        }),
                    )
                    .hint(Text::new(
                        "förklara överskridandet och uppdatera planen för de återstående åren",
                        "explain the overrun and update the plan for the remaining years",
                    ))
                    .at(line.at.clone()),
                );
            }
            _ => {}
        }
        let missing: Vec<String> = group
            .iter()
            .filter(|r| r.actual.is_none())
            .map(|r| r.year.to_string())
            .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::W203,
                    crate::text!(
                        sv: "`{name}`: inget utfall för {} rapporterat för {}",
                        match kind {
                            ActualKind::Cost => "kostnad",
                            ActualKind::Benefit => "nytta",
                            ActualKind::Harvest => "hemtagning",
                        },
                        missing.join(", ");
                        en: "`{name}`: no {} actual reported for {}",
                        kind.as_str(),
                        missing.join(", ")
                    ),
                )
                .hint(Text::new(
                    "rapportera utfallet i filen (`actuals`) eller i utfallsfilen (CSV)",
                    "report the actual in the file (`actuals`) or in the actuals CSV",
                ))
                .at(line.at.clone()),
            );
        }
    }
    let benefit_actuals = actuals.0.keys().any(|(_, kind, _)| *kind != ActualKind::Cost);
    let months_live = Month::new(as_of, 12).0 - project.go_live.0;
    if months_live > 12 && !benefit_actuals {
        out.push(
            Diagnostic::new(
                Code::W204,
                crate::text!(
                    sv: "uppföljningen är försenad: tjänsten gick i drift {} och inget utfall för nyttor är rapporterat",
                    project.go_live;
                    en: "follow-up overdue: the service went live {} and no benefit actuals are reported",
                    project.go_live
                ),
            )
            .hint(Text::new(
                "mät nyttan nu: utvärderingar rekommenderar en uppföljning ungefär ett år efter lansering",
                "measure the benefit now: evaluations recommend a follow-up about a year after launch",
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::followup::follow_up;
    use crate::engine::followup::tests::TEXT;
    use crate::model::{Scenario, parse_project};

    fn run(as_of: i32) -> Vec<Diagnostic> {
        let p = parse_project(TEXT).project.unwrap();
        let base = crate::engine::compute(&p, &Scenario::base()).unwrap();
        let actuals = Actuals::from_project(&p);
        flags(&p, &follow_up(&p, &base, &actuals, as_of), &actuals)
    }

    #[test]
    fn flags_behind_over_missing() {
        let codes: Vec<Code> = run(2011).iter().map(|d| d.code).collect();
        // Cost 20 % over (W202); benefit 2011 missing (W203); harvest 20000 < 0.8 × 60000 (W201); harvest 2011 missing (W203).
        assert_eq!(codes, vec![Code::W202, Code::W203, Code::W201, Code::W203]);
    }

    #[test]
    fn overdue_without_benefit_actuals() {
        let text = TEXT
            .replace("actuals = { 2010 = 60000 }\n", "")
            .replace("actuals = { 2010 = 20000 }\n", "");
        let p = parse_project(&text).project.unwrap();
        let base = crate::engine::compute(&p, &Scenario::base()).unwrap();
        let f = flags(
            &p,
            &follow_up(&p, &base, &Actuals::from_project(&p), 2011),
            &Actuals::from_project(&p),
        );
        assert!(f.iter().any(|d| d.code == Code::W204));
        let f = flags(
            &p,
            &follow_up(&p, &base, &Actuals::from_project(&p), 2010),
            &Actuals::from_project(&p),
        );
        assert!(!f.iter().any(|d| d.code == Code::W204)); // 11 months live
    }
}
