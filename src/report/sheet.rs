//! A workbook as data: sheets of typed cells (text, numbers with how they are shown,
//! formulas with the value nytta computed for them). [`super::builder::workbook`] decides
//! the cells, [`super::xlsx`] writes the bytes.

use rust_decimal::Decimal;

/// How a cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Whole units with a thousands separator.
    Money,
    /// A fraction in percent, one decimal.
    Percent,
    /// A factor with up to four decimals.
    Factor,
    /// A plain integer (years, months, counts).
    Integer,
}

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    /// Nothing.
    Empty,
    /// Text (neutralised against formulas when written).
    Text(String),
    /// A number and how it is shown.
    Number(Decimal, Style),
    /// A formula (without `=`) and the value nytta computed for it.
    Formula(String, Decimal, Style),
}

/// One sheet: a header row, rows, and whether its rows get an autofilter (the last
/// `totals` rows are left out of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\\`).
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// The rows under the header.
    pub rows: Vec<Vec<XCell>>,
    /// Whether the rows (not the totals) get an autofilter.
    pub filter: bool,
    /// Rows at the end that are totals (bold, outside the autofilter).
    pub totals: usize,
    /// Footnotes under the rows (a blank row between), outside the autofilter: the
    /// same notes as the table in the report (e.g. why a cell shows "–").
    pub notes: Vec<String>,
}
