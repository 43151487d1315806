//! How fragile the case is (`docs/method.md`, "Realism"): break-even figures and the
//! Monte Carlo over ranged lines. Pure functions over a project, a scenario and its
//! [`Calculation`]; no I/O, no diagnostics.

use super::{Calculation, EngineError, finance, series, signed_pv};
use crate::model::{Class, Line, OptimismBias, Project, Scenario};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rust_decimal::Decimal;

/// Default number of Monte Carlo draws.
pub const DEFAULT_DRAWS: u32 = 10_000;
/// Default Monte Carlo seed.
pub const DEFAULT_SEED: u64 = 1;
/// The most draws a run may ask for (each draw holds one NPV: 16 bytes).
pub const MAX_DRAWS: u32 = 1_000_000;

/// Monte Carlo settings: how many draws, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draws {
    /// Number of draws (at most [`MAX_DRAWS`]).
    pub draws: u32,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for Draws {
    fn default() -> Self {
        Draws {
            draws: DEFAULT_DRAWS,
            seed: DEFAULT_SEED,
        }
    }
}

/// How fragile the case is, for one calculation (`docs/method.md`, "Realism").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Realism {
    /// Share of the monetised benefits that must come true for NPV 0.
    pub benefit_breakeven: Option<Decimal>,
    /// Months of delay of every benefit that turn the NPV negative.
    pub delay_breakeven_months: Option<u32>,
    /// NPV under the upper optimism-bias preset (whatever scenario is selected).
    pub optimism_upper_npv: Option<Decimal>,
    /// NPV under the lower optimism-bias preset (whatever scenario is selected).
    pub optimism_lower_npv: Option<Decimal>,
    /// The upper and lower preset scenarios as applied to this project.
    pub optimism_scenarios: [Scenario; 2],
    /// Monte Carlo around the selected scenario; none without ranged lines.
    pub monte_carlo: Option<MonteCarlo>,
}

/// Every realism figure for `calc` (the selected scenario). The optimism-bias NPVs are
/// computed from the project itself; one that overflows is none.
pub fn assess(project: &Project, calc: &Calculation, draws: Draws) -> Result<Realism, EngineError> {
    let upper = project.optimism_scenario(OptimismBias::Upper);
    let lower = project.optimism_scenario(OptimismBias::Lower);
    let npv_of = |s: &Scenario| super::compute(project, s).ok().map(|c| c.summary.npv);
    Ok(Realism {
        benefit_breakeven: benefit_breakeven(calc),
        delay_breakeven_months: delay_breakeven_months(project, &calc.scenario, calc)?,
        optimism_upper_npv: npv_of(&upper),
        optimism_lower_npv: npv_of(&lower),
        optimism_scenarios: [upper, lower],
        monte_carlo: monte_carlo(project, calc, draws.draws, draws.seed),
    })
}

/// The share of all monetised benefits that must come true for the NPV to be 0:
/// `pv_costs / pv_benefits`; none when the benefits have no present value. Not clamped.
pub fn benefit_breakeven(calc: &Calculation) -> Option<Decimal> {
    let s = &calc.summary;
    if s.pv_benefits.is_zero() {
        return None;
    }
    s.pv_costs.checked_div(s.pv_benefits)
}

/// The smallest whole number of months d ≥ 1 such that the NPV with every monetised
/// benefit moved d more months later is below 0; none if the NPV is ≤ 0 already, or if
/// it stays ≥ 0 for every d up to the number of months in the horizon.
///
/// Each candidate NPV is computed as the calculation computes it (per line, per year,
/// discounted per year), so the answer agrees with a scenario of that delay exactly.
pub fn delay_breakeven_months(
    project: &Project,
    scenario: &Scenario,
    calc: &Calculation,
) -> Result<Option<u32>, EngineError> {
    if calc.summary.npv <= Decimal::ZERO {
        return Ok(None);
    }
    let n_years = project.years as usize;
    let months = project.months();
    let factors: Vec<Decimal> = calc.years.iter().map(|y| y.discount_factor).collect();
    // The benefit lines' runs in the scenario (already scaled and delayed by it).
    let mut benefit_runs = Vec::new();
    for line in project.benefits.iter().filter(|l| l.is_monetised()) {
        let runs = series::line_runs(project, line, scenario).map_err(|_| EngineError::overflow(&line.at))?;
        benefit_runs.push((line, runs));
    }
    let pv_costs = calc.summary.pv_costs;
    let overflow = || EngineError::overflow("project");
    for d in 1..=months {
        let mut financial = vec![Decimal::ZERO; n_years];
        let mut reallocation = vec![Decimal::ZERO; n_years];
        for (line, runs) in &benefit_runs {
            let mut moved = runs.clone();
            series::shift(&mut moved, d, months);
            let by_year = series::year_sums(&moved, n_years).ok_or_else(overflow)?;
            let target = match line.class() {
                Some(Class::Financial) => &mut financial,
                _ => &mut reallocation,
            };
            super::add_into(target, &by_year).ok_or_else(overflow)?;
        }
        let benefits: Vec<Decimal> = (0..n_years).map(|y| financial[y] + reallocation[y]).collect();
        let pv_benefits = finance::present_value(&benefits, &factors).ok_or_else(overflow)?;
        if pv_benefits - pv_costs < Decimal::ZERO {
            return Ok(Some(u32::try_from(d).unwrap_or(u32::MAX)));
        }
    }
    Ok(None)
}

/// The Monte Carlo result (`docs/method.md`, "Monte Carlo").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonteCarlo {
    /// Number of draws.
    pub draws: u32,
    /// Seed of the generator.
    pub seed: u64,
    /// 10th percentile of the NPV (nearest rank).
    pub p10: Decimal,
    /// Median of the NPV (nearest rank).
    pub p50: Decimal,
    /// 90th percentile of the NPV (nearest rank).
    pub p90: Decimal,
    /// Share of draws with NPV < 0.
    pub probability_negative: Decimal,
    /// Every draw's NPV, sorted ascending (for a distribution chart).
    pub sorted_npv: Vec<Decimal>,
}

/// One bar of the Monte Carlo distribution: the draws with `from <= NPV < to` (the last
/// bin also holds its upper edge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    /// The bin's lower edge (NPV).
    pub from: Decimal,
    /// The bin's upper edge (NPV).
    pub to: Decimal,
    /// Draws in the bin.
    pub count: u32,
}

impl MonteCarlo {
    /// The draws counted in `bins` equal bins from the smallest to the largest NPV (one
    /// bin when every draw is the same), for a distribution chart.
    pub fn histogram(&self, bins: usize) -> Vec<Bin> {
        let (Some(&first), Some(&last)) = (self.sorted_npv.first(), self.sorted_npv.last()) else {
            return Vec::new();
        };
        let bins = bins.max(1);
        let width = match last.checked_sub(first).and_then(|w| w.checked_div(Decimal::from(bins))) {
            Some(w) if !w.is_zero() => w,
            _ => {
                return vec![Bin {
                    from: first,
                    to: last,
                    count: self.draws,
                }];
            }
        };
        let mut out: Vec<Bin> = (0..bins)
            .map(|i| Bin {
                from: first + width * Decimal::from(i),
                to: if i + 1 == bins {
                    last
                } else {
                    first + width * Decimal::from(i + 1)
                },
                count: 0,
            })
            .collect();
        let mut k = 0;
        for v in &self.sorted_npv {
            while k + 1 < bins && *v >= out[k].to {
                k += 1;
            }
            out[k].count += 1;
        }
        out
    }
}

/// One ranged line as the Monte Carlo sees it.
struct Ranged {
    low: f64,
    mode: f64,
    high: f64,
    /// The line's present value as it enters the NPV (benefits +, costs −), held to
    /// 10⁻⁹ kr.
    signed_pv: Decimal,
}

/// Decimals of a drawn factor and of a line's signed present value.
const DRAW_DECIMALS: u32 = 9;

/// The Monte Carlo over the lines with a `range`: each draw takes every ranged line's
/// factor from the triangular distribution (minimum `low`, mode 1 — clamped into
/// `low..=high` — maximum `high`), rounded to 9 decimals, and the draw's NPV is
/// `npv + Σ (f − 1) × signed_pv(line)` (the NPV is linear in each line's factor), with
/// each signed present value held to 10⁻⁹ kr so that every product is exact. The
/// generator is ChaCha8 seeded with `seed`, so the same seed and draws give the same
/// figures on every machine. None without ranged lines or with no draws.
pub fn monte_carlo(project: &Project, calc: &Calculation, draws: u32, seed: u64) -> Option<MonteCarlo> {
    let lines: Vec<&Line> = project.lines().collect();
    let ranged: Vec<Ranged> = calc
        .lines
        .iter()
        .filter_map(|f| {
            let line = lines.get(f.index)?;
            let (low, high) = line.range?;
            let (low, high) = (to_f64(low), to_f64(high));
            Some(Ranged {
                low,
                mode: 1.0_f64.clamp(low, high),
                high,
                signed_pv: signed_pv(line, calc.line_pv(f)).round_dp(DRAW_DECIMALS),
            })
        })
        .collect();
    if ranged.is_empty() || draws == 0 {
        return None;
    }
    let draws = draws.min(MAX_DRAWS);
    let npv = calc.summary.npv;
    let values =
        fixed_point_draws(&ranged, npv, draws, seed).unwrap_or_else(|| decimal_draws(&ranged, npv, draws, seed));
    let negative = values.iter().filter(|v| v.is_sign_negative() && !v.is_zero()).count();
    let rank = |p: u32| -> Decimal {
        // Nearest rank: the ⌈p/100 × N⌉-th smallest value (1-based).
        let n = u64::from(draws);
        let r = (u64::from(p) * n).div_ceil(100).max(1);
        values[(r - 1) as usize]
    };
    Some(MonteCarlo {
        draws,
        seed,
        p10: rank(10),
        p50: rank(50),
        p90: rank(90),
        probability_negative: Decimal::from(negative) / Decimal::from(draws),
        sorted_npv: values,
    })
}

/// Each line's factor for one draw, as `f − 1` in units of 10⁻⁹.
fn draw_factors<'r>(ranged: &'r [Ranged], rng: &'r mut ChaCha8Rng) -> impl Iterator<Item = (i64, &'r Ranged)> + 'r {
    ranged
        .iter()
        .map(move |r| (triangular_nano(r, uniform(rng)) - 1_000_000_000, r))
}

/// The draws in integers: `Σ (f − 1) × signed_pv` in units of 10⁻¹⁸ kr, exact, sorted,
/// then added to the NPV. None when a figure is too large for that (over about
/// 10¹¹ kr), and the draws are made again in decimals.
fn fixed_point_draws(ranged: &[Ranged], npv: Decimal, draws: u32, seed: u64) -> Option<Vec<Decimal>> {
    let nano_pv: Vec<i128> = ranged
        .iter()
        .map(|r| {
            let mut pv = r.signed_pv;
            pv.rescale(DRAW_DECIMALS);
            (pv.scale() == DRAW_DECIMALS).then(|| pv.mantissa())
        })
        .collect::<Option<_>>()?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut deltas = Vec::with_capacity(draws as usize);
    for _ in 0..draws {
        let mut delta: i128 = 0;
        for ((k, _), pv) in draw_factors(ranged, &mut rng).zip(&nano_pv) {
            delta = delta.checked_add(i128::from(k).checked_mul(*pv)?)?;
        }
        deltas.push(delta);
    }
    deltas.sort_unstable();
    deltas
        .into_iter()
        .map(|d| npv.checked_add(Decimal::try_from_i128_with_scale(d, 2 * DRAW_DECIMALS).ok()?))
        .collect()
}

/// The same draws in decimals, for figures too large for [`fixed_point_draws`].
fn decimal_draws(ranged: &[Ranged], npv: Decimal, draws: u32, seed: u64) -> Vec<Decimal> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut values = Vec::with_capacity(draws as usize);
    for _ in 0..draws {
        let mut value = npv;
        for (k, r) in draw_factors(ranged, &mut rng) {
            let delta = Decimal::new(k, DRAW_DECIMALS);
            // Saturate rather than fail: a draw beyond 10²⁸ kr is out of any range shown.
            value = delta
                .checked_mul(r.signed_pv)
                .and_then(|x| value.checked_add(x))
                .unwrap_or(if (delta.is_sign_negative()) == (r.signed_pv.is_sign_negative()) {
                    Decimal::MAX
                } else {
                    Decimal::MIN
                });
        }
        values.push(value);
    }
    values.sort_unstable();
    values
}

fn to_f64(d: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&d).unwrap_or(1.0)
}

/// A uniform number in [0, 1) from the top 53 bits of the next 64-bit output.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The inverse distribution function of the triangular distribution at `u`, rounded to
/// 9 decimals. IEEE 754 square roots are correctly rounded, so this is the same on
/// every machine.
#[cfg(test)]
fn triangular(r: &Ranged, u: f64) -> Decimal {
    Decimal::new(triangular_nano(r, u), DRAW_DECIMALS)
}

/// [`triangular`] in units of 10⁻⁹.
fn triangular_nano(r: &Ranged, u: f64) -> i64 {
    let (a, c, b) = (r.low, r.mode, r.high);
    let x = if b <= a {
        a
    } else {
        let split = (c - a) / (b - a);
        if u < split {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        }
    };
    (x * 1e9).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranged(low: f64, high: f64) -> Ranged {
        Ranged {
            low,
            mode: 1.0_f64.clamp(low, high),
            high,
            signed_pv: Decimal::ONE,
        }
    }

    #[test]
    fn triangular_ends_and_mode() {
        let r = ranged(0.5, 2.0);
        assert_eq!(triangular(&r, 0.0), Decimal::new(5, 1));
        // F(mode) = (1 − 0.5) / (2 − 0.5) = 1/3: the mode.
        assert_eq!(triangular(&r, 1.0 / 3.0), Decimal::ONE);
        assert!(triangular(&r, 0.999_999_999) <= Decimal::new(2, 0));
        // A degenerate range is its one value.
        assert_eq!(triangular(&ranged(1.2, 1.2), 0.7), Decimal::new(12, 1));
    }

    #[test]
    fn integer_and_decimal_draws_agree() {
        let lines = [
            Ranged {
                signed_pv: Decimal::new(-123_456_789_123_456_789, 9),
                ..ranged(0.8, 1.6)
            },
            Ranged {
                signed_pv: Decimal::new(987_654_321_987, 3),
                ..ranged(0.3, 1.1)
            },
        ];
        let npv = Decimal::new(1_234_567_891, 2);
        let fixed = fixed_point_draws(&lines, npv, 2000, 5).expect("fits in integers");
        assert_eq!(fixed, decimal_draws(&lines, npv, 2000, 5));
        // A present value beyond the integer range falls back to decimals.
        let huge = [Ranged {
            signed_pv: Decimal::from_i128_with_scale(10_i128.pow(25), 0),
            ..ranged(0.5, 1.5)
        }];
        assert_eq!(fixed_point_draws(&huge, npv, 10, 5), None);
    }

    #[test]
    fn uniform_is_in_the_unit_interval_and_reproducible() {
        let mut a = ChaCha8Rng::seed_from_u64(1);
        let mut b = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..1000 {
            let (x, y) = (uniform(&mut a), uniform(&mut b));
            assert_eq!(x.to_bits(), y.to_bits());
            assert!((0.0..1.0).contains(&x));
        }
    }
}
