//! Discounting, IRR and payback (spec §4), all in `Decimal`.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round to öre, half away from zero.
pub fn round_ore(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `1 / (1 + r)^t` for t = 0, 1, …, years − 1 (the first year is not discounted).
/// `None` if `(1 + r)^t` overflows, which a rate of at most 100 % over 50 years cannot do.
pub fn discount_factors(rate: Decimal, years: usize) -> Option<Vec<Decimal>> {
    let base = Decimal::ONE.checked_add(rate)?;
    let mut power = Decimal::ONE;
    let mut out = Vec::with_capacity(years);
    for _ in 0..years {
        out.push(Decimal::ONE.checked_div(power)?);
        power = power.checked_mul(base)?;
    }
    Some(out)
}

/// `Σ values[t] × factors[t]`.
pub fn present_value(values: &[Decimal], factors: &[Decimal]) -> Option<Decimal> {
    values
        .iter()
        .zip(factors)
        .try_fold(Decimal::ZERO, |acc, (v, f)| acc.checked_add(v.checked_mul(*f)?))
}

/// The first month (index) after whose end the cumulative net, rounded to öre, is ≥ 0
/// and stays ≥ 0 to the end; `None` if it never does. The series is in × 12 units (see
/// [`super::series`]).
pub fn payback_month_index(monthly_net_x12: &[Decimal]) -> Option<usize> {
    let twelve = Decimal::from(12);
    let mut cumulative = Decimal::ZERO;
    let mut last_negative: Option<usize> = None;
    for (i, net) in monthly_net_x12.iter().enumerate() {
        cumulative = cumulative.checked_add(*net)?;
        let rounded = round_ore(cumulative / twelve);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            last_negative = Some(i);
        }
    }
    match last_negative {
        // Nothing is ever spent or gained: there is nothing to pay back.
        None if monthly_net_x12.iter().all(Decimal::is_zero) => None,
        None => Some(0),
        Some(i) if i + 1 < monthly_net_x12.len() => Some(i + 1),
        Some(_) => None,
    }
}

/// Internal rate of return of a yearly net series (year 0 undiscounted).
///
/// `None` unless the series, rounded to öre with zeros skipped, changes sign. With
/// several roots, the one closest to 0 (as numpy-financial). Found by bisection in
/// decimal arithmetic on `x = 1/(1+r)` for r ≥ 0 and `y = 1+r` for −1 < r < 0, so that no
/// power exceeds 1 and nothing can overflow.
pub fn irr(yearly_net: &[Decimal]) -> Option<Decimal> {
    let rounded: Vec<Decimal> = yearly_net.iter().map(|v| round_ore(*v)).collect();
    // Scale to |v| ≤ 1 so that the polynomial sums below cannot overflow; roots stay put.
    let largest = rounded.iter().map(|v| v.abs()).max().unwrap_or(Decimal::ZERO);
    if largest.is_zero() {
        return None;
    }
    let rounded: Vec<Decimal> = rounded.iter().map(|v| v / largest).collect();
    let signs: Vec<bool> = rounded
        .iter()
        .filter(|v| !v.is_zero())
        .map(|v| v.is_sign_positive())
        .collect();
    let changes = signs.windows(2).filter(|w| w[0] != w[1]).count();
    if changes == 0 {
        return None;
    }
    let mut best: Option<Decimal> = None;
    let mut consider = |root: Decimal| {
        if best.is_none_or(|b| root.abs() < b.abs()) {
            best = Some(root);
        }
    };
    // r ≥ 0: f(x) = Σ v_t x^t on x ∈ (0, 1], x = 1 ↔ r = 0, x → 0 ↔ r → ∞.
    let pos = |x: Decimal| rounded.iter().rev().fold(Decimal::ZERO, |acc, v| acc * x + v);
    // r < 0: g(y) = Σ v_t y^(T−t) on y ∈ (0, 1), same sign as the NPV.
    let neg = |y: Decimal| rounded.iter().fold(Decimal::ZERO, |acc, v| acc * y + v);
    for root in roots_in_unit_interval(&pos, changes) {
        if !root.is_zero() {
            consider(Decimal::ONE / root - Decimal::ONE);
        }
    }
    for root in roots_in_unit_interval(&neg, changes) {
        if root < Decimal::ONE && !root.is_zero() {
            consider(root - Decimal::ONE);
        }
    }
    best.map(|r| r.round_dp(10))
}

/// Roots of `f` on (0, 1]: sign changes on a grid, each refined by bisection. With one
/// sign change in the coefficients (Descartes) a coarse grid suffices.
fn roots_in_unit_interval(f: &dyn Fn(Decimal) -> Decimal, sign_changes: usize) -> Vec<Decimal> {
    let steps: u32 = if sign_changes == 1 { 16 } else { 2000 };
    let mut roots = Vec::new();
    let point = |i: u32| Decimal::from(i) / Decimal::from(steps);
    let mut prev_x = point(1);
    let mut prev_f = f(prev_x);
    if prev_f.is_zero() {
        roots.push(prev_x);
    }
    for i in 2..=steps {
        let x = point(i);
        let fx = f(x);
        if fx.is_zero() {
            roots.push(x);
        } else if !prev_f.is_zero() && fx.is_sign_negative() != prev_f.is_sign_negative() {
            roots.push(bisect(f, prev_x, x, prev_f));
        }
        prev_x = x;
        prev_f = fx;
    }
    // Below the first grid point (very high rates): one more bracket towards 0.
    let tiny = Decimal::new(1, 9);
    let f_tiny = f(tiny);
    let f_first = f(point(1));
    if !f_tiny.is_zero() && !f_first.is_zero() && f_tiny.is_sign_negative() != f_first.is_sign_negative() {
        roots.push(bisect(f, tiny, point(1), f_tiny));
    }
    roots
}

fn bisect(f: &dyn Fn(Decimal) -> Decimal, mut lo: Decimal, mut hi: Decimal, f_lo: Decimal) -> Decimal {
    let lo_negative = f_lo.is_sign_negative();
    let tolerance = Decimal::new(1, 14);
    for _ in 0..200 {
        if hi - lo <= tolerance {
            break;
        }
        let mid = (lo + hi) / Decimal::TWO;
        let f_mid = f(mid);
        if f_mid.is_zero() {
            return mid;
        }
        if f_mid.is_sign_negative() == lo_negative {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / Decimal::TWO
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn discount_factors_leave_year_zero_alone() {
        let f = discount_factors(dec!(0.25), 3).unwrap();
        assert_eq!(f, vec![dec!(1), dec!(0.8), dec!(0.64)]);
    }

    #[test]
    fn irr_of_simple_series() {
        // −100 then 110: 10 %.
        assert_eq!(irr(&[dec!(-100), dec!(110)]).unwrap().round_dp(6), dec!(0.1));
        // −1000, 500, 500, 500: (1+r)^-1 + (1+r)^-2 + (1+r)^-3 = 2 → r ≈ 23.375193 %.
        assert_eq!(
            irr(&[dec!(-1000), dec!(500), dec!(500), dec!(500)])
                .unwrap()
                .round_dp(6),
            dec!(0.233752)
        );
        // −100 then 50: a negative rate, −50 %.
        assert_eq!(irr(&[dec!(-100), dec!(50)]).unwrap().round_dp(6), dec!(-0.5));
        // No sign change: none.
        assert_eq!(irr(&[dec!(100), dec!(50)]), None);
        assert_eq!(irr(&[dec!(0), dec!(0)]), None);
    }

    #[test]
    fn irr_with_two_roots_takes_the_one_closest_to_zero() {
        // −100, 230, −132 = −(1.1 − x... ) has roots r = 10 % and r = 20 %.
        assert_eq!(
            irr(&[dec!(-100), dec!(230), dec!(-132)]).unwrap().round_dp(6),
            dec!(0.1)
        );
    }

    #[test]
    fn payback_is_first_month_that_stays_non_negative() {
        let x12 = |v: &[Decimal]| v.iter().map(|d| d * dec!(12)).collect::<Vec<_>>();
        // Cumulative: −10, −5, 0, 5 → paid back after month index 2.
        assert_eq!(
            payback_month_index(&x12(&[dec!(-10), dec!(5), dec!(5), dec!(5)])),
            Some(2)
        );
        // Dips again: cumulative −10, 5, −1, 4 → index 3.
        assert_eq!(
            payback_month_index(&x12(&[dec!(-10), dec!(15), dec!(-6), dec!(5)])),
            Some(3)
        );
        // Never.
        assert_eq!(payback_month_index(&x12(&[dec!(-10), dec!(5)])), None);
        // Never negative: the first month.
        assert_eq!(payback_month_index(&x12(&[dec!(1), dec!(1)])), Some(0));
        // Nothing at all: none.
        assert_eq!(payback_month_index(&x12(&[dec!(0), dec!(0)])), None);
        // −0.004 rounds to 0.00: not negative.
        assert_eq!(payback_month_index(&x12(&[dec!(-0.004), dec!(0)])), Some(0));
    }
}
