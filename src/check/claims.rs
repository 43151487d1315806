//! W301: the figures a submission claims (the `claimed_*` columns of a submissions CSV)
//! against the recomputed ones (docs/check-rules.md, "W301").

use crate::diagnostic::{Code, Diagnostic, Text};
use crate::engine::Calculation;
use crate::fmt::{Lang, money};
use crate::model::submission::Claimed;
use rust_decimal::Decimal;

/// Money differs when it is off by more than 1 % and by more than 1 000 kr (docs/controller-guide-en.md, "The submissions spreadsheet").
fn money_differs(claimed: Decimal, actual: Decimal) -> bool {
    // A difference too large to represent certainly differs.
    let Some(difference) = claimed.checked_sub(actual).map(|d| d.abs()) else {
        return true;
    };
    difference > Decimal::ONE_THOUSAND && difference > actual.abs() / Decimal::ONE_HUNDRED
}

/// W301 for each claimed figure that does not hold.
pub fn compare(claimed: &Claimed, calc: &Calculation) -> Vec<Diagnostic> {
    let s = &calc.summary;
    let hint = || {
        Text::new(
            "be den sökande förklara skillnaden eller rätta siffran",
            "ask the applicant to explain the difference or correct the figure",
        )
    };
    let mut out = Vec::new();
    for (what_sv, what, claim, actual) in [
        ("nettonuvärde", "NPV", claimed.npv, s.npv),
        ("totala kostnader", "total costs", claimed.total_costs, s.total_costs()),
        (
            "totala nyttor",
            "total benefits",
            claimed.total_benefits,
            s.total_benefits(),
        ),
    ] {
        if let Some(claim) = claim
            && money_differs(claim, actual)
        {
            out.push(
                Diagnostic::new(
                    Code::W301,
                    Text::by(|lang| match lang {
                        Lang::Sv => format!(
                            "angivet {what_sv} {}, omräknat {}",
                            money(claim, lang),
                            money(actual, lang)
                        ),
                        Lang::En => format!(
                            "claimed {what} {}, recomputed {}",
                            money(claim, lang),
                            money(actual, lang)
                        ),
                    }),
                )
                .hint(hint()),
            );
        }
    }
    if let Some(year) = claimed.payback_year {
        let actual = s.payback_month.map(|m| m.year());
        if actual != Some(year) {
            let recomputed = |lang: Lang| {
                actual.map_or_else(
                    || {
                        lang.pick("aldrig inom kalkylperioden", "never within the horizon")
                            .to_string()
                    },
                    |y| y.to_string(),
                )
            };
            out.push(
                Diagnostic::new(
                    Code::W301,
                    crate::text!(
                        sv: "angivet återbetalningsår {year}, omräknat {}", recomputed(Lang::Sv);
                        en: "claimed payback year {year}, recomputed {}", recomputed(Lang::En)
                    ),
                )
                .hint(hint()),
            );
        }
    }
    out
}
