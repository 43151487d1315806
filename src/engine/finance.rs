//! Discounting, IRR and payback (docs/method.md), all in `Decimal`.

use rust_decimal::prelude::ToPrimitive;
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

/// [`discount_factors`], remembered per thread for the last rate (to the digit and the
/// scale): a batch computes thousands of projects at a handful of rates, and each
/// factor is a 28-digit division. The same values as computing them afresh.
pub fn discount_factors_remembered(rate: Decimal, years: usize) -> Option<Vec<Decimal>> {
    use std::cell::RefCell;
    thread_local!(static LAST: RefCell<([u8; 16], Vec<Decimal>)> = const { RefCell::new(([0; 16], Vec::new())) });
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != rate.serialize() || last.1.len() < years {
            *last = (rate.serialize(), discount_factors(rate, years)?);
        }
        Some(last.1[..years].to_vec())
    })
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
pub fn payback_month_index(monthly_net_x12: impl IntoIterator<Item = Decimal>) -> Option<usize> {
    // The cumulative net rounded to öre (half away from zero) is negative exactly when
    // it is at most −0.005 kr, that is at most −0.06 in × 12 units: no division needed.
    let negative_from = Decimal::new(-6, 2);
    let mut cumulative = Decimal::ZERO;
    let mut last_negative: Option<usize> = None;
    let mut months = 0;
    for (i, net) in monthly_net_x12.into_iter().enumerate() {
        cumulative = cumulative.checked_add(net)?;
        if cumulative <= negative_from {
            last_negative = Some(i);
        }
        months = i + 1;
    }
    match last_negative {
        None if months == 0 => None,
        // Never negative (even if nothing is ever spent or gained): the first month.
        None => Some(0),
        Some(i) if i + 1 < months => Some(i + 1),
        Some(_) => None,
    }
}

/// [`payback_month_index`] of the monthly net whose difference array is `differences`
/// (the monthly net of month `i` is `differences[0] + … + differences[i]`, × 12 units),
/// over its first `months` months. The same answer without a step per month: the net is
/// constant between the months where a difference is non-zero, so the cumulative net
/// is linear there and where it crosses −0.06 is found by one division.
pub fn payback_month_index_from_differences(differences: &[Decimal], months: usize) -> Option<usize> {
    let negative_from = Decimal::new(-6, 2);
    let differences = differences.get(..months)?;
    if months == 0 {
        return None;
    }
    let mut cumulative = Decimal::ZERO;
    let mut net = Decimal::ZERO;
    let mut last_negative: Option<usize> = None;
    let mut start = 0;
    while start < months {
        net = net.checked_add(differences[start])?;
        let end = differences[start + 1..]
            .iter()
            .position(|d| !d.is_zero())
            .map_or(months, |p| start + 1 + p);
        // Months start..end all have `net`; after k + 1 of them the cumulative is
        // cumulative + (k + 1) × net.
        let length = Decimal::from(end - start);
        let at_end = cumulative.checked_add(net.checked_mul(length)?)?;
        if at_end <= negative_from {
            // Non-increasing to a negative end, or increasing but still negative.
            last_negative = Some(end - 1);
        } else if net.is_sign_positive() && !net.is_zero() && cumulative.checked_add(net)? <= negative_from {
            // Increasing and crossing inside: the last k + 1 with the cumulative ≤ −0.06.
            let room = negative_from.checked_sub(cumulative)?;
            let mut steps = room.checked_div(net)?.floor().to_usize()?.clamp(1, end - start);
            let value = |k: usize| cumulative.checked_add(net.checked_mul(Decimal::from(k))?);
            // The quotient is rounded at 28 digits: step to the exact boundary.
            while steps > 1 && value(steps)? > negative_from {
                steps -= 1;
            }
            while steps < end - start && value(steps + 1)? <= negative_from {
                steps += 1;
            }
            last_negative = Some(start + steps - 1);
        }
        cumulative = at_end;
        start = end;
    }
    match last_negative {
        None => Some(0),
        Some(i) if i + 1 < months => Some(i + 1),
        Some(_) => None,
    }
}

/// Internal rate of return of a yearly net series (year 0 undiscounted).
///
/// `None` unless the series, rounded to öre with zeros skipped, changes sign. With
/// several roots, the one closest to 0 (as numpy-financial). The NPV is a polynomial
/// in `x = 1/(1+r)` for r ≥ 0 and, times `(1+r)^T`, in `y = 1+r` for −1 < r < 0; both
/// variables lie in (0, 1], so no power grows. The nets are scaled so that the largest
/// is 1 and held as exact binary fixed-point integers (`i128`, 60 fractional bits): the
/// search for a root is integer arithmetic, fast and deterministic, and money is never
/// a float. The root found is turned into a `Decimal` rate at the end.
pub fn irr(yearly_net: &[Decimal]) -> Option<Decimal> {
    let rounded: Vec<Decimal> = yearly_net.iter().map(|v| round_ore(*v)).collect();
    let signs: Vec<bool> = rounded
        .iter()
        .filter(|v| !v.is_zero())
        .map(|v| v.is_sign_positive())
        .collect();
    let changes = signs.windows(2).filter(|w| w[0] != w[1]).count();
    if changes == 0 {
        return None;
    }
    // Zero years before the first and after the last cash flow do not move the roots
    // (they multiply the NPV by a power of 1+r) but would add spurious roots at r = −1
    // and r → ∞ to the polynomials below: leave them out.
    let first = rounded.iter().position(|v| !v.is_zero())?;
    let last = rounded.iter().rposition(|v| !v.is_zero())?;
    let rounded = &rounded[first..=last];
    let largest = rounded.iter().map(|v| v.abs()).max()?;
    let one = Decimal::from(FIXED_ONE);
    let fixed: Vec<i128> = rounded
        .iter()
        // v / largest ≤ 1 first, so that nothing overflows whatever the magnitudes.
        .map(|v| v.checked_div(largest)?.checked_mul(one)?.round().to_i128())
        .collect::<Option<_>>()?;
    // Horner coefficient order: for x, the last year first; for y, the first year first.
    let in_x: Vec<i128> = fixed.iter().rev().copied().collect();
    let (root_x, root_y) = if changes == 1 {
        // Descartes: exactly one positive root in x (equivalently in y); it lies on the
        // side where the NPV at r = 0 and at the far end differ in sign.
        (first_root(&in_x, 1, None), first_root(&fixed, 1, None))
    } else {
        let root_x = roots_on_side(&in_x, None);
        // Past |r| of the root already found on the other side, nothing is closer.
        let bound = root_x.map(|x| rate_of_x(x).abs());
        (root_x, roots_on_side(&fixed, bound))
    };
    let from_x = root_x.map(rate_of_x);
    let from_y = root_y
        .filter(|y| *y < FIXED_ONE)
        .map(|y| Decimal::from(y) / one - Decimal::ONE);
    match (from_x, from_y) {
        (Some(a), Some(b)) => Some(if b.abs() < a.abs() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// 1.0 in the fixed-point representation used by [`irr`].
const FIXED_ONE: i128 = 1 << 60;
/// Grid steps over (0, 1] when the series changes sign more than once.
const GRID: i128 = 256;

/// The root nearest to 1 of a polynomial on (0, 1], searching the grid only when more
/// than one root may lie there: Descartes' rule on `(1+s)^n P(1/(1+s))` bounds the
/// roots in (0, 1) — none means none, one means the ends bracket it.
fn roots_on_side(coefficients: &[i128], bound: Option<Decimal>) -> Option<i128> {
    match roots_in_unit_interval_at_most(coefficients) {
        Some(0) if horner(coefficients, FIXED_ONE) != 0 => None,
        Some(0 | 1) => first_root(coefficients, 1, bound),
        _ => first_root(coefficients, GRID, bound),
    }
}

/// Descartes' bound on the number of roots in (0, 1) of the polynomial with these
/// coefficients (highest power first): the sign changes of the coefficients of
/// `Q(s) = (1+s)^n P(1/(1+s))`, whose coefficient of `s^j` is `Σ_i h_i C(i, j)`.
/// `None` if the integers would overflow (then the caller searches the grid).
fn roots_in_unit_interval_at_most(h: &[i128]) -> Option<usize> {
    let n = h.len().checked_sub(1)?;
    let mut previous_negative: Option<bool> = None;
    let mut changes = 0;
    for j in 0..=n {
        let mut q: i128 = 0;
        let mut binomial: i128 = 1; // C(j, j)
        for (i, h_i) in h.iter().enumerate().skip(j) {
            if i > j {
                // C(i, j) = C(i − 1, j) × i / (i − j), exact.
                binomial = binomial.checked_mul(i as i128)? / (i - j) as i128;
            }
            q = q.checked_add(h_i.checked_mul(binomial)?)?;
        }
        if q != 0 {
            let negative = q < 0;
            if previous_negative.is_some_and(|p| p != negative) {
                changes += 1;
            }
            previous_negative = Some(negative);
        }
    }
    Some(changes)
}

fn rate_of_x(x: i128) -> Decimal {
    Decimal::from(FIXED_ONE) / Decimal::from(x) - Decimal::ONE
}

/// `Σ coefficients[i] × t^(n−1−i)` by Horner's rule, `t` in fixed point, |t| ≤ 1.
fn horner(coefficients: &[i128], t: i128) -> i128 {
    coefficients.iter().fold(0i128, |acc, c| ((acc * t) >> 60) + c)
}

/// The root of the polynomial in (0, 1] nearest to 1 (the rate nearest to 0 on that
/// side), bracketed on a grid of `steps` from 1 downwards and refined by bisection.
/// With `bound`, the search stops where the rate would exceed it.
fn first_root(coefficients: &[i128], steps: i128, bound: Option<Decimal>) -> Option<i128> {
    let f = |t: i128| horner(coefficients, t);
    let mut hi = FIXED_ONE;
    let mut f_hi = f(hi);
    if f_hi == 0 {
        return Some(hi);
    }
    let step = FIXED_ONE / steps;
    for k in 1..=steps {
        // The last point is a hair above 0: beyond it the rate is astronomically large.
        let last = k == steps;
        let lo = if last { 1 << 20 } else { FIXED_ONE - k * step };
        let f_lo = f(lo);
        // So near 0 the fixed-point value may underflow to 0: that is no root.
        if f_lo == 0 && !last {
            return Some(lo);
        }
        if (f_lo < 0) != (f_hi < 0) {
            return Some(bisect(&f, lo, hi, f_lo));
        }
        if let Some(b) = bound
            && Decimal::ONE - Decimal::from(lo) / Decimal::from(FIXED_ONE) > b
        {
            return None;
        }
        hi = lo;
        f_hi = f_lo;
    }
    None
}

fn bisect(f: &dyn Fn(i128) -> i128, mut lo: i128, mut hi: i128, f_lo: i128) -> i128 {
    let lo_negative = f_lo < 0;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let f_mid = f(mid);
        if f_mid == 0 {
            return mid;
        }
        if (f_mid < 0) == lo_negative {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo + (hi - lo) / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn remembered_discount_factors_are_the_fresh_ones() {
        // Rates that are equal in value but not in scale are kept apart, and a longer
        // horizon at the same rate is computed again.
        for (rate, years) in [
            (dec!(0.035), 3),
            (dec!(0.035), 7),
            (dec!(0.0350), 5),
            (dec!(0.035), 2),
            (dec!(0), 4),
            (dec!(0.1), 0),
        ] {
            let fresh = discount_factors(rate, years).unwrap();
            let kept = discount_factors_remembered(rate, years).unwrap();
            let digits = |v: &[Decimal]| v.iter().map(|d| (d.mantissa(), d.scale())).collect::<Vec<_>>();
            assert_eq!(digits(&kept), digits(&fresh), "{rate} over {years} years");
        }
    }

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
    fn descartes_bound_on_the_unit_interval() {
        let one = FIXED_ONE;
        // (z − 1/2): one root in (0, 1). Highest power first: [1, −1/2].
        assert_eq!(roots_in_unit_interval_at_most(&[one, -one / 2]), Some(1));
        // z + 1: no root in (0, 1).
        assert_eq!(roots_in_unit_interval_at_most(&[one, one]), Some(0));
        // (z − 1/4)(z − 3/4) = z² − z + 3/16: two roots.
        assert_eq!(roots_in_unit_interval_at_most(&[one, -one, 3 * one / 16]), Some(2));
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
            payback_month_index(x12(&[dec!(-10), dec!(5), dec!(5), dec!(5)])),
            Some(2)
        );
        // Dips again: cumulative −10, 5, −1, 4 → index 3.
        assert_eq!(
            payback_month_index(x12(&[dec!(-10), dec!(15), dec!(-6), dec!(5)])),
            Some(3)
        );
        // Never.
        assert_eq!(payback_month_index(x12(&[dec!(-10), dec!(5)])), None);
        // Never negative: the first month.
        assert_eq!(payback_month_index(x12(&[dec!(1), dec!(1)])), Some(0));
        // Nothing at all: the cumulative net is 0 from the start, so the first month (docs/method.md).
        assert_eq!(payback_month_index(x12(&[dec!(0), dec!(0)])), Some(0));
        // −0.004 rounds to 0.00: not negative; −0.005 rounds to −0.01: negative.
        assert_eq!(payback_month_index(x12(&[dec!(-0.004), dec!(0)])), Some(0));
        assert_eq!(payback_month_index(x12(&[dec!(-0.005), dec!(0.005)])), Some(1));
        // No months at all: no payback.
        assert_eq!(payback_month_index(Vec::new()), None);
    }

    proptest::proptest! {
        /// The segment-wise payback is the month-by-month one, on difference arrays
        /// with few breaks (as a project's) and values near the −0.06 boundary.
        #[test]
        fn payback_from_differences_is_payback_by_month(
            months in 0usize..40,
            breaks in proptest::collection::vec((0usize..40, -3000i64..3000, 0u32..3), 0..8),
        ) {
            let mut differences = vec![Decimal::ZERO; months + 1];
            for (at, value, scale) in breaks {
                if at <= months {
                    differences[at] += Decimal::new(value, scale);
                }
            }
            let mut running = Decimal::ZERO;
            let by_month: Vec<Decimal> = differences[..months].iter().map(|d| { running += *d; running }).collect();
            proptest::prop_assert_eq!(
                payback_month_index_from_differences(&differences, months),
                payback_month_index(by_month)
            );
        }
    }
}
