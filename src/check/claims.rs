//! W301: the figures a submission claims (the `claimed_*` columns of a submissions CSV)
//! against the recomputed ones (docs/check-rules.md, "W301").

use crate::diagnostic::{Code, Diagnostic};
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
    let kr = |d: Decimal| money(d, Lang::En);
    let mut out = Vec::new();
    for (what, claim, actual) in [
        ("NPV", claimed.npv, s.npv),
        ("total costs", claimed.total_costs, s.total_costs()),
        ("total benefits", claimed.total_benefits, s.total_benefits()),
    ] {
        if let Some(claim) = claim
            && money_differs(claim, actual)
        {
            out.push(
                Diagnostic::new(
                    Code::W301,
                    format!("claimed {what} {}, recomputed {}", kr(claim), kr(actual)),
                )
                .hint("ask the applicant to explain the difference or correct the figure"),
            );
        }
    }
    if let Some(year) = claimed.payback_year {
        let actual = s.payback_month.map(|m| m.year());
        if actual != Some(year) {
            let recomputed = actual.map_or_else(|| "never within the horizon".to_string(), |y| y.to_string());
            out.push(
                Diagnostic::new(
                    Code::W301,
                    format!("claimed payback year {year}, recomputed {recomputed}"),
                )
                .hint("ask the applicant to explain the difference or correct the figure"),
            );
        }
    }
    out
}
