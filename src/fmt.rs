//! The one formatter: money, percentages and numbers for every output — report
//! renderers, follow-up flags and the messages of check rules alike — in the reader's
//! [`Lang`]. Rounding is half away from zero, at output only (docs/method.md,
//! "Rounding"). Nothing here imports from the rest of the crate.

use rust_decimal::{Decimal, RoundingStrategy};

mod controlled;
pub use controlled::{Shown, apportion, difference, grid, running};

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish: `4 110 527 kr`, `3,5 %`.
    #[default]
    Sv,
    /// English: `4,110,527 kr`, `3.5%`.
    En,
}

impl Lang {
    /// The language of the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and
    /// not empty: English when it names English (`en`, `en_GB.UTF-8`, …); Swedish
    /// otherwise — for `sv_*`, for `C`, `POSIX` and `C.UTF-8`, and when none is set
    /// (nytta's readers are Swedish; docs/decisions.md, D-lang).
    pub fn from_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty());
        match locale {
            Some(l) if l == "en" || l.starts_with("en_") || l.starts_with("en.") || l.starts_with("en@") => Lang::En,
            _ => Lang::Sv,
        }
    }

    /// Pick the Swedish or the English text.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// Round half away from zero to `dp` decimals.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// Exactly `dp` decimals with `.` as decimal mark and no grouping: `"1234.50"`.
pub fn fixed(d: Decimal, dp: u32) -> String {
    let mut r = round(d, dp);
    r.rescale(dp);
    // The digits of the mantissa with the mark put in: what `Decimal`'s `Display` gives
    // for a rescaled number, at a fraction of the cost (a batch writes a dozen per row).
    match u64::try_from(r.mantissa().unsigned_abs()) {
        Ok(m) if r.scale() == dp => {
            let digits = m.to_string();
            let dp = dp as usize;
            let mut out = String::with_capacity(digits.len() + dp + 3);
            if r.is_sign_negative() && m != 0 {
                out.push('-');
            }
            if digits.len() <= dp {
                out.push('0');
                if dp > 0 {
                    out.push('.');
                    out.extend(std::iter::repeat_n('0', dp - digits.len()));
                    out.push_str(&digits);
                }
            } else {
                let (int, frac) = digits.split_at(digits.len() - dp);
                out.push_str(int);
                if dp > 0 {
                    out.push('.');
                    out.push_str(frac);
                }
            }
            out
        }
        _ => r.to_string(),
    }
}

/// Money for JSON and CSV: exactly 2 decimals, e.g. `"1234567.50"`.
pub fn money_plain(d: Decimal) -> String {
    fixed(d, 2)
}

/// Rates, factors and shares for JSON and CSV: exactly 6 decimals, e.g. `"0.035000"`.
pub fn rate_plain(d: Decimal) -> String {
    fixed(d, 6)
}

/// Group the integer digits of a plain number string with `sep`.
fn group(plain: &str, sep: &str, decimal_mark: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3 * sep.len());
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push_str(decimal_mark);
        out.push_str(f);
    }
    out
}

/// A number for people, with `dp` decimals: `4 110 527` / `3,5` in Swedish,
/// `4,110,527` / `3.5` in English.
pub fn number(d: Decimal, dp: u32, lang: Lang) -> String {
    let plain = fixed(d, dp);
    match lang {
        Lang::Sv => group(&plain, " ", ","),
        Lang::En => group(&plain, ",", "."),
    }
}

/// Whole kronor for tables: `4 110 527 kr` (Swedish) or `4,110,527 kr` (English).
pub fn money(d: Decimal, lang: Lang) -> String {
    format!("{} kr", number(d, 0, lang))
}

/// Whole kronor without the unit, for table cells.
pub fn kronor(d: Decimal, lang: Lang) -> String {
    number(d, 0, lang)
}

/// A fraction as a percentage with up to one decimal: `3,5 %` / `3.5%`.
pub fn percent(fraction: Decimal, lang: Lang) -> String {
    let pct = round(fraction * Decimal::ONE_HUNDRED, 1).normalize();
    let text = number(pct, pct.scale(), lang);
    match lang {
        Lang::Sv => format!("{text} %"),
        Lang::En => format!("{text}%"),
    }
}

/// A fraction as a percentage with exactly one decimal, `57,0 %` / `57.0%`: for a column
/// of computed shares, where `57 %` beside `20,2 %` would look rounder than it is, and
/// for a probability from a simulation.
pub fn percent_one(fraction: Decimal, lang: Lang) -> String {
    let text = number(round(fraction * Decimal::ONE_HUNDRED, 1), 1, lang);
    match lang {
        Lang::Sv => format!("{text} %"),
        Lang::En => format!("{text}%"),
    }
}

/// A fraction as a percentage with up to two decimals, for rates given to the hundredth
/// such as an overhead: `40,15 %` / `40.15%`.
pub fn percent_fine(fraction: Decimal, lang: Lang) -> String {
    let pct = round(fraction * Decimal::ONE_HUNDRED, 2).normalize();
    let text = number(pct, pct.scale(), lang);
    match lang {
        Lang::Sv => format!("{text} %"),
        Lang::En => format!("{text}%"),
    }
}

/// A ratio such as the BCR, with two decimals.
/// Two decimals, or three when two would round a value across 1 (0,995 is not 1,00:
/// a BCR below 1 means the benefits do not cover the costs).
pub fn ratio(d: Decimal, lang: Lang) -> String {
    let two = round(d, 2);
    let crosses = (d < Decimal::ONE && two >= Decimal::ONE) || (d > Decimal::ONE && two <= Decimal::ONE);
    number(d, if crosses { 3 } else { 2 }, lang)
}

/// Years with one decimal: `2,8 år` / `2.8 years`.
pub fn years(d: Decimal, lang: Lang) -> String {
    let n = number(d, 1, lang);
    match lang {
        Lang::Sv => format!("{n} år"),
        Lang::En => format!("{n} years"),
    }
}

/// The unit written after money: `kr` for kronor (SEK), otherwise the currency code.
pub fn currency_unit(currency: &str) -> &str {
    if currency.eq_ignore_ascii_case("SEK") {
        "kr"
    } else {
        currency
    }
}

/// Whole units of a currency: `4 110 527 kr`, or `4 110 527 EUR` for another currency.
pub fn money_in(d: Decimal, currency: &str, lang: Lang) -> String {
    format!("{} {}", number(d, 0, lang), currency_unit(currency))
}

/// A factor such as a discount factor or a range bound, with `dp` decimals: `0,9709`.
pub fn factor(d: Decimal, dp: u32, lang: Lang) -> String {
    number(d, dp, lang)
}

/// A fraction as a percentage in a finding's message (W codes), with up to two
/// decimals and a space before the sign: `3,5 %` / `3.5 %`, `12,25 %`. This is the
/// findings' one percentage form, in both languages.
pub fn message_percent(fraction: Decimal, lang: Lang) -> String {
    let value = fraction.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(fraction);
    let plain = round(value, 2).normalize();
    format!("{} %", number(plain, plain.scale(), lang))
}

/// A change as a signed percentage: `+0,6 %` / `-12.5%` (zero has no sign).
pub fn signed_percent(fraction: Decimal, lang: Lang) -> String {
    let text = percent(fraction, lang);
    if round(fraction * Decimal::ONE_HUNDRED, 1) > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    proptest::proptest! {
        /// `fixed` writes what `Decimal`'s own `Display` writes for the rounded number
        /// (a zero without its sign), also where the fast path does not apply.
        #[test]
        fn fixed_is_decimal_display(lo in proptest::num::u64::ANY, hi in 0u32..=u32::MAX, neg: bool, scale in 0u32..=28, dp in 0u32..=8) {
            let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi % 4, neg, scale);
            let mut r = round(d, dp);
            r.rescale(dp);
            if r.is_zero() {
                r.set_sign_positive(true);
            }
            proptest::prop_assert_eq!(fixed(d, dp), r.to_string());
        }
    }

    #[test]
    fn plain_money_and_rates() {
        assert_eq!(money_plain(dec!(1735.535)), "1735.54");
        assert_eq!(money_plain(dec!(-1735.535)), "-1735.54");
        assert_eq!(money_plain(dec!(12)), "12.00");
        assert_eq!(money_plain(dec!(-0.001)), "0.00");
        assert_eq!(rate_plain(dec!(0.035)), "0.035000");
        assert_eq!(rate_plain(dec!(0.0938363213)), "0.093836");
    }

    #[test]
    fn swedish_and_english_numbers() {
        assert_eq!(money(dec!(4110527.4), Lang::Sv), "4 110 527 kr");
        assert_eq!(money(dec!(-4110527.5), Lang::En), "-4,110,528 kr");
        assert_eq!(money(dec!(999), Lang::Sv), "999 kr");
        assert_eq!(percent(dec!(0.035), Lang::Sv), "3,5 %");
        assert_eq!(percent(dec!(0.035), Lang::En), "3.5%");
        assert_eq!(percent(dec!(0.03), Lang::Sv), "3 %");
        // A column of shares keeps its one decimal: 57,0 % beside 20,2 %.
        assert_eq!(percent_one(dec!(0.57), Lang::Sv), "57,0 %");
        assert_eq!(percent_one(dec!(0.20249), Lang::Sv), "20,2 %");
        assert_eq!(percent_one(dec!(0.2305), Lang::En), "23.1%");
        assert_eq!(percent_one(dec!(1.4995), Lang::Sv), "150,0 %");
        assert_eq!(percent_fine(dec!(0.4015), Lang::Sv), "40,15 %");
        assert_eq!(percent_fine(dec!(0.4015), Lang::En), "40.15%");
        assert_eq!(ratio(dec!(1.2345), Lang::Sv), "1,23");
        assert_eq!(ratio(dec!(0.995174), Lang::Sv), "0,995");
        assert_eq!(ratio(dec!(1.004), Lang::En), "1.004");
        assert_eq!(ratio(dec!(1), Lang::En), "1.00");
        assert_eq!(years(dec!(2.75), Lang::Sv), "2,8 år");
    }

    #[test]
    fn currency_factor_and_signed_percent() {
        assert_eq!(money_in(dec!(1200.5), "SEK", Lang::Sv), "1 201 kr");
        assert_eq!(money_in(dec!(1200), "EUR", Lang::En), "1,200 EUR");
        assert_eq!(factor(dec!(0.909090909), 4, Lang::Sv), "0,9091");
        assert_eq!(signed_percent(dec!(0.005819), Lang::Sv), "+0,6 %");
        assert_eq!(signed_percent(dec!(-0.125), Lang::En), "-12.5%");
        assert_eq!(signed_percent(dec!(0.0001), Lang::En), "0%");
    }

    #[test]
    fn message_money_and_percent() {
        assert_eq!(money(dec!(1200000.5), Lang::En), "1,200,001 kr");
        assert_eq!(money(dec!(-1234.4), Lang::En), "-1,234 kr");
        assert_eq!(money(dec!(-0.4), Lang::En), "0 kr");
        assert_eq!(message_percent(dec!(0.035), Lang::En), "3.5 %");
        assert_eq!(message_percent(dec!(0.035), Lang::Sv), "3,5 %");
        assert_eq!(message_percent(dec!(0.8), Lang::En), "80 %");
        assert_eq!(message_percent(dec!(0.12345), Lang::En), "12.35 %");
    }

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale(None, None, Some("sv_SE.UTF-8")), Lang::Sv);
        assert_eq!(
            Lang::from_locale(Some("en_US.UTF-8"), None, Some("sv_SE.UTF-8")),
            Lang::En
        );
        assert_eq!(Lang::from_locale(Some(""), None, Some("sv_SE")), Lang::Sv);
        assert_eq!(Lang::from_locale(None, Some("en_GB"), Some("sv_SE")), Lang::En);
        assert_eq!(Lang::from_locale(None, None, Some("en")), Lang::En);
        assert_eq!(Lang::from_locale(None, None, Some("C.UTF-8")), Lang::Sv);
        assert_eq!(Lang::from_locale(Some("POSIX"), None, Some("en_US")), Lang::Sv);
        assert_eq!(Lang::from_locale(None, None, Some("de_DE.UTF-8")), Lang::Sv);
        assert_eq!(Lang::from_locale(None, None, None), Lang::Sv);
    }
}
