//! Number notation (docs/format.md, "Numbers"): TOML integers and floats read exactly from their literal,
//! and strings in English or Swedish notation, with an optional percent sign.

use rust_decimal::Decimal;
use std::str::FromStr;

/// The largest yearly amount one line may reach (10^20 kr). Far beyond any real
/// project, and small enough that no sum over lines, years or stakeholders can overflow
/// (docs/decisions.md, D13). Amounts above it are E011 when read or computed.
pub const MAX_YEARLY_MONEY: Decimal = Decimal::from_parts(1_661_992_960, 1_808_227_885, 5, false, 0);

/// Sum without panicking on overflow: `None` when the sum does not fit a `Decimal`
/// (which [`MAX_YEARLY_MONEY`] rules out for a project's figures).
pub fn checked_sum<'v>(values: impl IntoIterator<Item = &'v Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
}

/// Why a number could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("`{0}` is not a number")]
    /// Not a number at all.
    NotANumber(String),
    #[error("`{0}` has both `.` and `,`, so the decimal mark is ambiguous")]
    /// Both `.` and `,`.
    Ambiguous(String),
    #[error("`{0}` is not a finite number")]
    /// NaN or infinite.
    NotFinite(String),
    #[error("`{0}` is too large or too precise (at most 28 significant digits, below 7.9 × 10^28)")]
    /// Beyond what a `Decimal` holds.
    TooLarge(String),
}

impl NumberError {
    /// What is wrong, in both languages.
    pub fn text(&self) -> crate::diagnostic::Text {
        let sv = match self {
            NumberError::NotANumber(s) => format!("`{s}` är inte ett tal"),
            NumberError::Ambiguous(s) => format!("`{s}` har både `.` och `,`, så decimaltecknet är tvetydigt"),
            NumberError::NotFinite(s) => format!("`{s}` är inte ett ändligt tal"),
            NumberError::TooLarge(s) => {
                format!("`{s}` är för stort eller för exakt (högst 28 värdesiffror, under 7,9 × 10^28)")
            }
        };
        crate::diagnostic::Text::new(sv, self.to_string())
    }
    /// How to write the number instead, in both languages.
    pub fn hint_text(&self) -> crate::diagnostic::Text {
        let sv = match self {
            NumberError::Ambiguous(_) => {
                "använd ett decimaltecken och inga andra skiljetecken än mellanslag: `1200.50`, eller svenskt `\"1 200,50\"`"
            }
            NumberError::NotFinite(_) => "skriv ett ändligt decimaltal",
            NumberError::TooLarge(_) => "kontrollera storleksordningen: belopp anges i kronor",
            NumberError::NotANumber(_) => "skriv ett tal: `1200000`, `\"1 200 000,50\"`, `0.035` eller `\"3,5 %\"`",
        };
        crate::diagnostic::Text::new(sv, self.hint())
    }
    /// One line saying how to write the number instead.
    pub fn hint(&self) -> &'static str {
        match self {
            NumberError::Ambiguous(_) => {
                "use one decimal mark and no other separator than spaces: `1200.50`, or Swedish `\"1 200,50\"`"
            }
            NumberError::NotFinite(_) => "write a finite decimal number",
            NumberError::TooLarge(_) => "check the magnitude: amounts are in kronor",
            NumberError::NotANumber(_) => "write a number: `1200000`, `\"1 200 000,50\"`, `0.035` or `\"3,5 %\"`",
        }
    }
}

/// Parse a number written as a string: `"1200000.50"`, `"1 200 000,50"`, `"3.5%"`,
/// `"3,5 %"`. Spaces, non-breaking spaces and thin spaces group thousands; a comma is the
/// decimal mark; a trailing `%` divides by 100; `−` (U+2212) is a minus sign.
pub fn parse_number_str(text: &str) -> Result<Decimal, NumberError> {
    match plain_number(text) {
        Some(value) => Ok(value),
        None => parse_number_str_in_full(text),
    }
}

/// The common case of [`parse_number_str`] without allocating: ASCII digits with at
/// most one decimal mark (`,` or `.`), optional leading `-`, spaces between groups and
/// an optional trailing `%`, up to 18 digits. The same `Decimal` (mantissa and scale)
/// as the full parse; `None` sends anything else there.
fn plain_number(text: &str) -> Option<Decimal> {
    let text = text.trim_ascii();
    let (body, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_ascii_end(), true),
        None => (text, false),
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (mut mantissa, mut digits, mut scale, mut mark) = (0i64, 0u32, 0u32, false);
    for b in body.bytes() {
        match b {
            b'0'..=b'9' if digits < 18 => {
                mantissa = mantissa * 10 + i64::from(b - b'0');
                digits += 1;
                scale += u32::from(mark);
            }
            b',' | b'.' if !mark => mark = true,
            b' ' => {}
            _ => return None,
        }
    }
    // A mark needs digits after it (`12,` and `,5` go the full way, as do long numbers).
    if digits == 0 || (mark && scale == 0) || !body.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    if negative && mantissa == 0 {
        return None; // `-0` keeps its sign the full way
    }
    let mantissa = if negative { -mantissa } else { mantissa };
    let value = Decimal::new(mantissa, scale);
    if percent {
        Some(value / Decimal::ONE_HUNDRED)
    } else {
        Some(value)
    }
}

fn parse_number_str_in_full(text: &str) -> Result<Decimal, NumberError> {
    let not_a_number = || NumberError::NotANumber(text.to_string());
    let trimmed = text.trim();
    let (body, percent) = match trimmed.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (trimmed, false),
    };
    let mut cleaned = String::with_capacity(body.len());
    for ch in body.chars() {
        match ch {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {}
            '\u{2212}' => cleaned.push('-'),
            _ => cleaned.push(ch),
        }
    }
    if cleaned.contains('.') && cleaned.contains(',') {
        return Err(NumberError::Ambiguous(text.to_string()));
    }
    let cleaned = cleaned.replace(',', ".");
    let digits = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    if !valid {
        return Err(not_a_number());
    }
    let value = exact_decimal(&cleaned).map_err(|_| NumberError::TooLarge(text.to_string()))?;
    if percent {
        Ok(value / Decimal::ONE_HUNDRED)
    } else {
        Ok(value)
    }
}

/// Parse the literal of a TOML integer (as the TOML parser hands it over, with its radix).
pub fn parse_integer_literal(literal: &str, radix: u32) -> Result<Decimal, NumberError> {
    let value = i128::from_str_radix(literal, radix).map_err(|_| NumberError::TooLarge(literal.to_string()))?;
    Decimal::try_from_i128_with_scale(value, 0).map_err(|_| NumberError::TooLarge(literal.to_string()))
}

/// Parse the literal of a TOML float exactly as written: `0.1` is one tenth, `1e3` a thousand.
pub fn parse_float_literal(literal: &str) -> Result<Decimal, NumberError> {
    // A TOML float has digits, `.`, `_`, a sign and an exponent, or is `nan` or `inf`:
    // any n or i means one of those two.
    if literal.bytes().any(|b| matches!(b.to_ascii_lowercase(), b'n' | b'i')) {
        return Err(NumberError::NotFinite(literal.to_string()));
    }
    let cleaned: std::borrow::Cow<str> = if literal.contains('_') {
        literal.replace('_', "").into()
    } else {
        literal.into()
    };
    if cleaned.contains(['e', 'E']) {
        Decimal::from_scientific(&cleaned)
            .map(|d| d.normalize())
            .map_err(|_| NumberError::TooLarge(literal.to_string()))
    } else {
        exact_decimal(&cleaned).map_err(|_| NumberError::TooLarge(literal.to_string()))
    }
}

/// A plain decimal that must be represented exactly (no silent rounding of digits).
fn exact_decimal(text: &str) -> Result<Decimal, rust_decimal::Error> {
    Decimal::from_str_exact(text).or_else(|e| {
        // Trailing zeros after the decimal mark carry no value; drop them and try again.
        if let Some((int, frac)) = text.split_once('.') {
            let frac = frac.trim_end_matches('0');
            let shorter = if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            };
            if shorter != text {
                return Decimal::from_str(&shorter).and_then(|_| Decimal::from_str_exact(&shorter));
            }
        }
        Err(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn strings_in_english_and_swedish() {
        assert_eq!(parse_number_str("1200000.50"), Ok(dec!(1200000.50)));
        assert_eq!(parse_number_str("1 200 000,50"), Ok(dec!(1200000.50)));
        assert_eq!(parse_number_str("1\u{a0}200\u{a0}000"), Ok(dec!(1200000)));
        assert_eq!(parse_number_str("3.5%"), Ok(dec!(0.035)));
        assert_eq!(parse_number_str("3,5 %"), Ok(dec!(0.035)));
        assert_eq!(parse_number_str("40,15 %"), Ok(dec!(0.4015)));
        assert_eq!(parse_number_str("\u{2212}500"), Ok(dec!(-500)));
        assert_eq!(parse_number_str("-500"), Ok(dec!(-500)));
    }

    #[test]
    fn rejects_ambiguous_and_garbage() {
        assert!(matches!(parse_number_str("1.200,50"), Err(NumberError::Ambiguous(_))));
        assert!(matches!(parse_number_str("12 kr"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_number_str(""), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_number_str("%"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_number_str("1.2.3"), Err(NumberError::NotANumber(_))));
        assert!(matches!(
            parse_number_str("1000000000000000000000000000000"),
            Err(NumberError::TooLarge(_))
        ));
    }

    #[test]
    fn float_literals_are_exact() {
        assert_eq!(parse_float_literal("0.1"), Ok(dec!(0.1)));
        assert_eq!(
            parse_float_literal("12345678901234567.89"),
            Ok(dec!(12345678901234567.89))
        );
        assert_eq!(parse_float_literal("1e3"), Ok(dec!(1000)));
        assert_eq!(parse_float_literal("1.5E-2"), Ok(dec!(0.015)));
        assert!(matches!(parse_float_literal("nan"), Err(NumberError::NotFinite(_))));
        assert!(matches!(parse_float_literal("-inf"), Err(NumberError::NotFinite(_))));
        assert!(matches!(parse_float_literal("1e30"), Err(NumberError::TooLarge(_))));
    }

    #[test]
    fn integer_literals() {
        assert_eq!(parse_integer_literal("1200000", 10), Ok(dec!(1200000)));
        assert_eq!(parse_integer_literal("ff", 16), Ok(dec!(255)));
        assert_eq!(parse_integer_literal("-5", 10), Ok(dec!(-5)));
    }

    proptest::proptest! {
        /// The allocation-free common case gives what the full parse gives, to the
        /// mantissa and the scale, and leaves everything else to it.
        #[test]
        fn plain_numbers_parse_as_in_full(text in "[ ]?[-+]?[0-9 ]{0,30}([,.][0-9 ]{0,12})?[ ]?%?") {
            if let Some(fast) = plain_number(&text) {
                let full = parse_number_str_in_full(&text);
                proptest::prop_assert_eq!(full.map(|d| (d.mantissa(), d.scale())), Ok((fast.mantissa(), fast.scale())));
            }
        }

        /// Floats as TOML writes them parse as before: through `replace` and lower case.
        #[test]
        fn float_literals_parse_as_before(text in "[-+]?([0-9_]{1,12}(\\.[0-9_]{1,8})?([eE][-+]?[0-9]{1,2})?|nan|inf|NaN)") {
            let before = {
                let lower = text.to_ascii_lowercase();
                if lower.contains("nan") || lower.contains("inf") {
                    None
                } else {
                    let cleaned = text.replace('_', "");
                    Some(if cleaned.contains(['e', 'E']) {
                        Decimal::from_scientific(&cleaned).map(|d| d.normalize()).ok()
                    } else {
                        exact_decimal(&cleaned).ok()
                    })
                }
            };
            let now = match parse_float_literal(&text) {
                Err(NumberError::NotFinite(_)) => None,
                other => Some(other.ok()),
            };
            proptest::prop_assert_eq!(now.map(|d| d.map(|d| (d.mantissa(), d.scale()))), before.map(|d| d.map(|d| (d.mantissa(), d.scale()))));
        }
    }
}
