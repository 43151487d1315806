//! A human-readable document: a title, facts, chapters of paragraphs and grids of
//! formatted text. It is what a builder ([`super::builder`]) makes and what a writer
//! ([`super::table`] for the terminal, [`super::markdown`] for GitHub-flavoured
//! Markdown) draws, so both always carry the same content and labels.
//!
//! Cells are already formatted text. A header may contain `\n` (a line break in the
//! terminal, a space in Markdown) or `-\n` (a hyphenated break, joined in Markdown).

/// Line, benefit and stakeholder names are wrapped at this width in the terminal.
pub(crate) const NAME_WIDTH: usize = 36;

/// Shown where a value is missing (no BCR, no IRR, no payback…).
pub const MISSING: &str = "–";

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title line.
    pub title: String,
    /// Label and value pairs under the title: id, organisation, horizon, go-live, scenario.
    pub facts: Vec<(String, String)>,
    /// The project description, shown under the facts.
    pub description: Option<String>,
    /// The chapters, in order.
    pub chapters: Vec<Chapter>,
}

/// A `##` chapter of a document (one section of the report, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// The chapter's heading.
    pub heading: String,
    /// Paragraphs and grids, in order.
    pub blocks: Vec<Block>,
}

/// A paragraph or a grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A grid.
    Grid(Grid),
}

/// A table of formatted cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// A sub-heading shown above the grid.
    pub caption: Option<String>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, in order.
    pub rows: Vec<Row>,
}

/// Column alignment: text left, numbers right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// One column of a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The column header.
    pub header: String,
    /// Left or right.
    pub align: Align,
    /// Long free text: the terminal wraps it at this many characters.
    pub wrap: Option<usize>,
}

/// One row of a grid; `total` rows (sums, NPV) are set off from the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The formatted cells, one per column.
    pub cells: Vec<String>,
    /// Whether the row is a total.
    pub total: bool,
}

impl Grid {
    pub(crate) fn new(columns: Vec<Column>) -> Self {
        Grid {
            caption: None,
            columns,
            rows: Vec::new(),
        }
    }
    pub(crate) fn caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Row { cells, total: false });
    }
    pub(crate) fn total(&mut self, cells: Vec<String>) {
        self.rows.push(Row { cells, total: true });
    }
}

pub(crate) fn left(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
        wrap: None,
    }
}

pub(crate) fn right(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Right,
        wrap: None,
    }
}

pub(crate) fn wrapped(header: &str, width: usize) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
        wrap: Some(width),
    }
}

/// Test fixtures shared by the builders' and writers' tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::engine::{Calculation, compute};
    use crate::model::{Project, Scenario, parse_project};

    pub fn project(text: &str) -> Project {
        let parsed = parse_project(text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        parsed.project.expect("project")
    }

    pub fn calc(p: &Project) -> Calculation {
        compute(p, &Scenario::base()).expect("computes")
    }

    /// A 300 000 kr investment in 2010 and a 120 000 kr/year financial benefit from
    /// April 2010 (90 000 in 2010), half of it taken home, at 10 %.
    pub const SMALL: &str = r#"format = 1
[project]
name = "E-tjänst för bygglov"
id = "BN-2010-7"
organisation = "Byggnadsnämnden"
start_year = 2010
years = 3
go_live = "2010-04"
[assumptions]
discount_rate = "10 %"
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { 2010 = 300000 }
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000
range = { low = 0.5, high = 1.5 }
source = "Fakturor 2009"
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
share = 0.5
[[benefits]]
name = "Nöjdare sökande"
class = "qualitative"
indicator = "NKI"
baseline = "55"
target = "70"
target_date = "2012-12"
measured_by = "Enkät"
"#;

    /// Two stakeholders and no investment: `porto`, 120 000 kr a year split half and
    /// half, all taken home as budget reduction; `tid`, 60 000 kr a year for `b`, half
    /// taken home six months later with no method given (15 000 in 2020, 30 000 in 2021).
    pub const SHARED: &str = r#"format = 1
[project]
name = "Delad bokning"
organisation = "Stadsledningskontoret"
start_year = 2020
years = 2
[[stakeholders]]
id = "a"
name = "Förvaltning A"
[[stakeholders]]
id = "b"
name = "Förvaltning B"
[[benefits]]
id = "porto"
name = "Porto"
class = "financial"
annual = 120000
stakeholder = { a = 0.5, b = 0.5 }
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 60000
stakeholder = "b"
[benefits.realisation]
owner = "Enhetschef"
share = 0.5
lag_months = 6
"#;
}
