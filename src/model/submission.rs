//! The submissions CSV (docs/controller-guide-en.md, "The submissions spreadsheet"): one row per project, for controllers who collect key
//! figures in a spreadsheet. Each row becomes a project file (TOML text) that goes
//! through the same validation and engine as any other, plus the figures the applicant
//! claimed, to be compared with the recomputed ones.

use super::csvin::{CsvError, CsvReader, Row};
use super::number::parse_number_str;
use crate::diagnostic::Text;
use crate::fmt::Lang;
use rust_decimal::Decimal;
use std::fmt::Write;

/// Figures an applicant stated, to compare with the recomputed ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claimed {
    /// `claimed_npv`.
    pub npv: Option<Decimal>,
    /// `claimed_total_costs`.
    pub total_costs: Option<Decimal>,
    /// `claimed_total_benefits`.
    pub total_benefits: Option<Decimal>,
    /// `claimed_payback_year`.
    pub payback_year: Option<i32>,
}

/// Why a submissions CSV, or one of its rows, cannot be read: the CSV problem, or the
/// column and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.en)]
pub struct SubmissionError(pub Text);

impl SubmissionError {
    /// The CSV itself cannot be read on.
    fn csv(e: &CsvError) -> SubmissionError {
        SubmissionError(Text::new(e.swedish(), e.to_string()))
    }
}

/// One row of the submissions CSV, as a project file or as the reason it cannot be one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// 1-based row number in the file (the header is row 1).
    pub row: u64,
    /// The equivalent project file, or why the row cannot be read.
    pub project: Result<String, SubmissionError>,
    /// The figures the row claims.
    pub claimed: Claimed,
    /// What the row says about itself even when it fails (for the result row).
    pub id: String,
    /// `name`.
    pub name: String,
    /// `organisation`.
    pub organisation: String,
    /// `portfolio`.
    pub portfolio: String,
}

/// Columns read from the submissions CSV (case-insensitive).
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "organisation",
    "portfolio",
    "start_year",
    "years",
    "go_live",
    "discount_rate",
    "investment",
    "investment_years",
    "operations_annual",
    "financial_annual",
    "reallocation_annual",
    "harvest_share",
    "harvest_lag_months",
    "harvest_owner",
    "claimed_npv",
    "claimed_total_costs",
    "claimed_total_benefits",
    "claimed_payback_year",
];

/// The outcome of reading a whole submissions CSV: the rows, and the unknown columns
/// (ignored, reported as a warning). For tests and small files; `nytta batch` streams
/// with [`SubmissionReader`].
#[derive(Debug, Clone, Default)]
pub struct Submissions {
    /// The rows, in file order.
    pub rows: Vec<Submission>,
    /// Header names nytta does not know (ignored, reported).
    pub unknown_columns: Vec<String>,
}

/// A submissions CSV read one row at a time, so that memory does not grow with the file
/// (docs/controller-guide-en.md, "The submissions spreadsheet", docs/decisions.md D22).
pub struct SubmissionReader<'r> {
    reader: CsvReader<'r>,
    /// Unknown columns of the header, ignored (report them as a warning).
    pub unknown_columns: Vec<String>,
}

impl<'r> SubmissionReader<'r> {
    /// Read the header of a CSV (bytes in any encoding the submissions spreadsheet may have, docs/controller-guide-en.md, or UTF-16). A header
    /// that lacks a required column or names one twice is an error for the whole file.
    pub fn new(input: impl std::io::Read + 'r) -> Result<Self, SubmissionError> {
        Self::with(CsvReader::new(input).map_err(|e| SubmissionError::csv(&e))?)
    }

    fn with(mut reader: CsvReader<'r>) -> Result<Self, SubmissionError> {
        if let Some((name, first, second)) = reader.duplicate_column() {
            return Err(SubmissionError(crate::text!(
                sv: "rad 1: rubrikraden anger `{name}` två gånger (kolumn {first} och {second}); behåll en och ta bort eller byt namn på den andra";
                en: "line 1: the header names `{name}` twice (columns {first} and {second}); keep one and delete or rename the other"
            )));
        }
        let headers = reader.columns();
        let missing: Vec<&str> = ["name", "organisation", "start_year"]
            .into_iter()
            .filter(|c| !headers.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            let missing = missing.join(", ");
            return Err(SubmissionError(crate::text!(
                sv: "rubrikraden saknar obligatoriska kolumner: {missing}";
                en: "the header lacks the required column(s) {missing}"
            )));
        }
        let unknown_columns = headers
            .iter()
            .filter(|h| !h.is_empty() && !COLUMNS.contains(&h.as_str()))
            .cloned()
            .collect();
        let required: Vec<usize> = ["name", "organisation", "start_year"]
            .into_iter()
            .filter_map(|c| reader.column(c))
            .collect();
        reader.require(&required);
        Ok(SubmissionReader {
            reader,
            unknown_columns,
        })
    }
}

impl Iterator for SubmissionReader<'_> {
    /// A row (perhaps one that cannot be read, with the reason), or why the file cannot
    /// be read on (an I/O error); after an error there are no more rows.
    type Item = Result<Submission, SubmissionError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match self.reader.next_row()? {
            Ok(row) => row,
            Err(CsvError::TooLong { line }) => {
                let reason = SubmissionError::csv(&CsvError::TooLong { line }).0;
                return Some(Ok(Submission::unreadable(line, reason.map(|m, _| format!("CSV: {m}")))));
            }
            Err(e) => return Some(Err(SubmissionError::csv(&e))),
        };
        let get = RowView {
            headers: self.reader.columns(),
            row: &row,
        };
        let (project, claimed) = match &row.problem {
            Some(problem) => (
                Err(SubmissionError(problem.map(|m, _| format!("CSV: {m}")))),
                Claimed::default(),
            ),
            None => match build(&get) {
                Ok((text, claimed)) => (Ok(text), claimed),
                Err(e) => (Err(e), Claimed::default()),
            },
        };
        Some(Ok(Submission {
            row: row.line,
            project,
            claimed,
            id: get.get("id").to_string(),
            name: get.get("name").to_string(),
            organisation: get.get("organisation").to_string(),
            portfolio: get.get("portfolio").to_string(),
        }))
    }
}

impl Submission {
    fn unreadable(row: u64, reason: Text) -> Submission {
        Submission {
            row,
            project: Err(SubmissionError(reason)),
            claimed: Claimed::default(),
            id: String::new(),
            name: String::new(),
            organisation: String::new(),
            portfolio: String::new(),
        }
    }
}

/// Read a decoded submissions CSV whole. A header that lacks a required column is an
/// error for the whole file; a row that cannot be read becomes a row with an error.
pub fn parse_submissions(text: &str) -> Result<Submissions, SubmissionError> {
    let reader = SubmissionReader::with(CsvReader::from_text(text).map_err(|e| SubmissionError::csv(&e))?)?;
    let unknown_columns = reader.unknown_columns.clone();
    let rows = reader.collect::<Result<Vec<_>, SubmissionError>>()?;
    Ok(Submissions { rows, unknown_columns })
}

/// One record, read by column name.
struct RowView<'a> {
    headers: &'a [String],
    row: &'a Row,
}

impl<'a> RowView<'a> {
    /// The trimmed cell of a column, or `""` when the column or cell is absent.
    fn get(&self, name: &str) -> &'a str {
        self.headers
            .iter()
            .position(|h| h == name)
            .map_or("", |i| self.row.get(i))
    }
}

/// A number from a column, in any notation of docs/format.md, "Numbers"; `None` when empty.
fn number(get: &RowView, column: &str) -> Result<Option<Decimal>, SubmissionError> {
    let text = get.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    parse_number_str(text).map(Some).map_err(|e| {
        SubmissionError(e.text().map(|m, lang| match lang {
            Lang::Sv => format!("kolumn `{column}`: {m}"),
            Lang::En => format!("column `{column}`: {m}"),
        }))
    })
}

fn whole(get: &RowView, column: &str) -> Result<Option<i64>, SubmissionError> {
    let text = get.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().map(Some).map_err(|_| {
        SubmissionError(crate::text!(
            sv: "kolumn `{column}`: `{text}` är inte ett heltal";
            en: "column `{column}`: `{text}` is not a whole number"
        ))
    })
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The project file equivalent to one row (docs/controller-guide-en.md, "The submissions spreadsheet"), and the claimed figures.
fn build(get: &RowView) -> Result<(String, Claimed), SubmissionError> {
    for required in ["name", "organisation", "start_year"] {
        if get.get(required).is_empty() {
            return Err(SubmissionError(crate::text!(
                sv: "kolumnen `{required}` är tom";
                en: "column `{required}` is empty"
            )));
        }
    }
    let start_year = whole(get, "start_year")?.unwrap_or_default();
    if !(1900..=2200).contains(&start_year) {
        return Err(SubmissionError(crate::text!(
            sv: "kolumn `start_year`: {start_year} är inte ett år från 1900 till 2200";
            en: "column `start_year`: {start_year} is not a year from 1900 to 2200"
        )));
    }
    let years = whole(get, "years")?;
    if let Some(y) = years
        && !(1..=50).contains(&y)
    {
        return Err(SubmissionError(crate::text!(
            sv: "kolumn `years`: {y} är inte från 1 till 50";
            en: "column `years`: {y} is not from 1 to 50"
        )));
    }
    let mut t = String::with_capacity(1024);
    let _ = writeln!(
        t,
        "format = 1\n[project]\nname = {}\norganisation = {}",
        quoted(get.get("name")),
        quoted(get.get("organisation"))
    );
    for key in ["id", "portfolio"] {
        if !get.get(key).is_empty() {
            let _ = writeln!(t, "{key} = {}", quoted(get.get(key)));
        }
    }
    let _ = writeln!(t, "start_year = {start_year}");
    if let Some(y) = years {
        let _ = writeln!(t, "years = {y}");
    }
    if !get.get("go_live").is_empty() {
        let _ = writeln!(t, "go_live = {}", quoted(get.get("go_live")));
    }
    if let Some(rate) = number(get, "discount_rate")? {
        let _ = writeln!(t, "[assumptions]\ndiscount_rate = \"{rate}\"");
    }
    for column in [
        "investment",
        "operations_annual",
        "financial_annual",
        "reallocation_annual",
    ] {
        if number(get, column)?.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            return Err(SubmissionError(crate::text!(
                sv: "kolumnen `{column}` är negativ; skriv kostnader och nyttor som positiva belopp";
                en: "column `{column}` is negative; write costs and benefits as positive amounts"
            )));
        }
    }
    if let Some(investment) = number(get, "investment")? {
        let spread = whole(get, "investment_years")?.unwrap_or(1);
        let horizon = years.unwrap_or(5);
        if spread < 1 || spread > horizon {
            return Err(SubmissionError(crate::text!(
                sv: "kolumn `investment_years`: {spread} ligger inte mellan 1 och kalkylperiodens {horizon} år";
                en: "column `investment_years`: {spread} is not between 1 and the {horizon} years of the horizon"
            )));
        }
        let per_year = investment / Decimal::from(spread);
        let amounts: Vec<String> = (0..spread)
            .map(|k| format!("{} = \"{per_year}\"", start_year + k))
            .collect();
        let _ = writeln!(
            t,
            "[[costs]]\nid = \"investment\"\nname = \"Investering\"\ncategory = \"investment\"\namounts = {{ {} }}",
            amounts.join(", ")
        );
    }
    if let Some(operations) = number(get, "operations_annual")?.filter(|v| !v.is_zero()) {
        let _ = writeln!(
            t,
            "[[costs]]\nid = \"operations\"\nname = \"Drift och förvaltning\"\ncategory = \"operations\"\nannual = \"{operations}\""
        );
    }
    let share = number(get, "harvest_share")?;
    let lag = whole(get, "harvest_lag_months")?;
    for (column, class, name) in [
        ("financial_annual", "financial", "Finansiell nytta"),
        ("reallocation_annual", "reallocation", "Omfördelningsnytta"),
    ] {
        if let Some(value) = number(get, column)?.filter(|v| !v.is_zero()) {
            let _ = writeln!(
                t,
                "[[benefits]]\nid = \"{class}\"\nname = \"{name}\"\nclass = \"{class}\"\nannual = \"{value}\""
            );
            if let Some(share) = share {
                let _ = writeln!(t, "[benefits.realisation]\nshare = \"{share}\"");
                if let Some(lag) = lag {
                    let _ = writeln!(t, "lag_months = {lag}");
                }
                if !get.get("harvest_owner").is_empty() {
                    let _ = writeln!(t, "owner = {}", quoted(get.get("harvest_owner")));
                }
            }
        }
    }
    let claimed = Claimed {
        npv: number(get, "claimed_npv")?,
        total_costs: number(get, "claimed_total_costs")?,
        total_benefits: number(get, "claimed_total_benefits")?,
        payback_year: whole(get, "claimed_payback_year")?.map(|y| y as i32),
    };
    Ok((t, claimed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_project;
    use rust_decimal::dec;

    #[test]
    fn a_swedish_row_becomes_a_valid_project() {
        let text = "Name;Organisation;Start_year;Years;Go_live;Discount_rate;Investment;Investment_years;Operations_annual;Financial_annual;Reallocation_annual;Harvest_share;Harvest_lag_months;Claimed_npv;Extra\r\n\
                    Bokning \"Fritid\";Kultur- och fritid;2025;4;2025-07;3,5 %;1 000 000;2;50 000;0;400 000;50 %;6;\"1 234 567,50\";x\r\n";
        let s = parse_submissions(text).unwrap();
        assert_eq!(s.unknown_columns, vec!["extra"]);
        let row = &s.rows[0];
        assert_eq!(row.row, 2);
        assert_eq!(row.claimed.npv, Some(dec!(1234567.50)));
        let toml = row.project.as_ref().unwrap();
        let parsed = parse_project(toml);
        assert!(parsed.diagnostics.is_empty(), "{toml}\n{:?}", parsed.diagnostics);
        let p = parsed.project.unwrap();
        assert_eq!(p.name, "Bokning \"Fritid\"");
        assert_eq!(p.assumptions.discount_rate, dec!(0.035));
        // 1 000 000 over two years; operations; no financial line for 0; reallocation with harvest.
        assert_eq!(p.costs.len(), 2);
        assert_eq!(p.benefits.len(), 1);
        let r = p.benefits[0].realisation().unwrap();
        assert_eq!((r.share, r.lag_months), (dec!(0.5), 6));
    }

    #[test]
    fn bad_rows_become_errors_and_the_rest_go_on() {
        let text = "name,organisation,start_year,investment\nA,O,2025,tio\n,O,2025,1\nB,O,2025,100\n";
        let s = parse_submissions(text).unwrap();
        assert_eq!(s.rows.len(), 3);
        assert!(s.rows[0].project.as_ref().unwrap_err().0.en.contains("investment"));
        assert!(s.rows[1].project.as_ref().unwrap_err().0.en.contains("name"));
        assert!(s.rows[2].project.is_ok());
    }

    #[test]
    fn rows_are_numbered_as_in_the_spreadsheet_and_absurd_years_are_errors() {
        let text = "name,organisation,start_year,years,investment,investment_years\nA,O,2025,,,\n\nB,O,2025,9223372036854775807,1,9223372036854775807\n";
        let s = parse_submissions(text).unwrap();
        assert_eq!(s.rows[1].row, 4);
        assert!(s.rows[1].project.as_ref().unwrap_err().0.en.contains("years"));
    }

    #[test]
    fn missing_required_column_is_a_file_error() {
        assert!(
            parse_submissions("name,start_year\nA,2025\n")
                .unwrap_err()
                .0
                .en
                .contains("organisation")
        );
    }
}
