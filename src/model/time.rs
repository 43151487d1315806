//! Months as one integer, so that periods compare and subtract simply.

use std::fmt;

/// A calendar month, stored as `year × 12 + (month − 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    /// `month` is 1..=12.
    pub fn new(year: i32, month: u32) -> Self {
        Month(year * 12 + month as i32 - 1)
    }
    /// The calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// 1..=12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }
    /// Parse `"YYYY-MM"`, or a date `"YYYY-MM-DD"` (its month, as spreadsheets write dates).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = match s.len() {
            10 if s.as_bytes()[7] == b'-' && s[8..].bytes().all(|b| b.is_ascii_digit()) => &s[..7],
            _ => s,
        };
        let (y, m) = s.split_once('-')?;
        if y.len() != 4
            || m.len() != 2
            || !y.bytes().all(|b| b.is_ascii_digit())
            || !m.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&m).then(|| Month::new(y, m))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let m = Month::parse("2010-03").unwrap();
        assert_eq!((m.year(), m.month()), (2010, 3));
        assert_eq!(m.to_string(), "2010-03");
        assert_eq!(Month::parse("2010-13"), None);
        assert_eq!(Month::parse("2010-3"), None);
        assert_eq!(Month::parse("2010-03-15"), Some(Month::new(2010, 3)));
        assert_eq!(Month::parse("2010-03-1x"), None);
        assert_eq!(Month(Month::new(2010, 12).0 + 1), Month::new(2011, 1));
    }
}
