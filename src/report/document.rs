//! A human-readable document: a title, facts, chapters of paragraphs and grids of
//! formatted text. It is what a builder ([`super::builder`]) makes and what a writer
//! ([`super::table`] for the terminal, [`super::markdown`] for GitHub-flavoured
//! Markdown) draws, so both always carry the same content and labels.
//!
//! Cells are already formatted text. A header may contain `\n` (a line break in the
//! terminal, a space in Markdown) or `-\n` (a hyphenated break, joined in Markdown).

/// Line, benefit and stakeholder names are wrapped at this width in the terminal.
pub(crate) const NAME_WIDTH: usize = 36;

/// Names are wrapped at this width in a grid split into blocks of years, to leave
/// room for the years.
pub const SPLIT_NAME_WIDTH: usize = 24;

/// A text column may be wrapped down to this width before a grid is split.
pub const TEXT_MIN_WIDTH: usize = 20;

/// A word up to this long is never broken in a terminal table: Swedish names of
/// departments run to about 30 letters (`Samhällsbyggnadsförvaltningen` is 29). Only a
/// longer word is cut at the column's edge.
pub const LONGEST_WHOLE_WORD: usize = 30;

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

/// A paragraph, a grid or a chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A grid.
    Grid(Grid),
    /// A chart with its data table: only in documents built with charts (for HTML,
    /// [`super::builder::report::build_with_charts`]); the terminal and Markdown writers
    /// draw none.
    Chart(Box<super::chart::Chart>),
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
    /// A year (or other repeated period): a grid too wide for its page is split into
    /// blocks of these columns, with the columns before them repeated in each block
    /// ([`Grid::split`]).
    pub period: bool,
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
        period: false,
    }
}

pub(crate) fn right(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Right,
        wrap: None,
        period: false,
    }
}

/// A year's column (numbers, right-aligned), which a grid too wide for its page splits
/// into blocks.
pub(crate) fn period(header: &str) -> Column {
    Column {
        period: true,
        ..right(header)
    }
}

pub(crate) fn wrapped(header: &str, width: usize) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
        wrap: Some(width),
        period: false,
    }
}

impl Grid {
    /// The grid split into blocks no wider than `width` characters, for a page of that
    /// width: when it is wider, its period columns (years) are shared out over blocks in
    /// order, each block repeating the columns before the first period (the item) and
    /// the last one taking the columns after the last period (total, present value); a
    /// grid without periods shares out its columns after the first, which each block
    /// repeats.
    /// `measure` gives each column's width as drawn and `frame` what a table adds per
    /// column (borders and padding); a split grid's long names are wrapped at
    /// [`SPLIT_NAME_WIDTH`]. A grid that fits, has no period columns, or cannot
    /// be narrowed by splitting stays whole; a block always holds at least one period.
    pub fn split(&self, measure: impl Fn(&Grid) -> Vec<usize>, frame: usize, width: usize) -> Vec<Grid> {
        let widths = measure(self);
        let drawn = |widths: &[usize], cols: &[usize]| 1 + cols.iter().map(|&i| widths[i] + frame).sum::<usize>();
        let all: Vec<usize> = (0..self.columns.len()).collect();
        if drawn(&widths, &all) <= width || self.columns.len() < 3 {
            return vec![self.clone()];
        }
        // Without periods, every column after the first is shared out, the first (the
        // item) repeated.
        let first = self.columns.iter().position(|c| c.period).unwrap_or(1);
        // Split: the item's long text is wrapped narrower, to leave room for the years.
        let mut narrow = self.clone();
        for c in narrow.columns.iter_mut().take(first) {
            c.wrap = c.wrap.map(|w| w.min(SPLIT_NAME_WIDTH));
        }
        let widths = measure(&narrow);
        let drawn = |cols: &[usize]| drawn(&widths, cols);
        let last = self
            .columns
            .iter()
            .rposition(|c| c.period)
            .unwrap_or(self.columns.len() - 1);
        let lead: Vec<usize> = (0..first).collect();
        let tail: Vec<usize> = (last + 1..self.columns.len()).collect();
        let periods: Vec<usize> = (first..=last).collect();
        let fits = |block: &[usize]| {
            let mut with = lead.clone();
            with.extend(block);
            drawn(&with) <= width
        };
        // When even the tail does not fit beside one period, its columns are shared out
        // as well; as a last resort every column stands alone.
        let mut all = periods.clone();
        all.extend(&tail);
        let blocks = blocks(&periods, &tail, &fits)
            .or_else(|| blocks(&all, &[], &fits))
            .unwrap_or_else(|| all.iter().map(|&i| vec![i]).collect());
        if blocks.len() == 1 {
            return vec![self.clone()];
        }
        blocks
            .into_iter()
            .enumerate()
            .map(|(k, block)| {
                let cols: Vec<usize> = lead.iter().chain(&block).copied().collect();
                Grid {
                    caption: if k == 0 { self.caption.clone() } else { None },
                    columns: cols.iter().map(|&i| narrow.columns[i].clone()).collect(),
                    // A total row with nothing in this block's columns (an NPV shown
                    // under the total only, a plan's total of text columns) is left out.
                    rows: self
                        .rows
                        .iter()
                        .filter(|r| !r.total || block.iter().any(|&i| r.cells.get(i).is_some_and(|c| !c.is_empty())))
                        .map(|r| Row {
                            cells: cols
                                .iter()
                                .map(|&i| r.cells.get(i).cloned().unwrap_or_default())
                                .collect(),
                            total: r.total,
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// `periods` shared out in order over the fewest blocks that each `fit`, the last
/// with `tail` after its periods: blocks of nearly equal size (the earlier ones a
/// period longer) if they fit; else the last holds the tail and as many of the last
/// periods as fit beside it (none if none does), and the others share the rest.
fn blocks(periods: &[usize], tail: &[usize], fits: &dyn Fn(&[usize]) -> bool) -> Option<Vec<Vec<usize>>> {
    let share = |periods: &[usize], k: usize| -> Vec<Vec<usize>> {
        let (size, extra) = (periods.len() / k, periods.len() % k);
        let mut at = 0;
        (0..k)
            .map(|b| {
                let n = size + usize::from(b < extra);
                let block = periods[at..at + n].to_vec();
                at += n;
                block
            })
            .collect()
    };
    let with_tail = |block: &[usize]| [block, tail].concat();
    let n = periods.len();
    (1..=n).find_map(|k| {
        let mut even = share(periods, k);
        if let Some(last) = even.last_mut() {
            *last = with_tail(last);
        }
        if even.iter().all(|b| fits(b)) {
            return Some(even);
        }
        (0..=n - (k - 1)).rev().find_map(|m| {
            let (rest, last) = periods.split_at(n - m);
            if (m == 0 && (k == 1 || tail.is_empty())) || (k == 1 && !rest.is_empty()) {
                return None;
            }
            let mut blocks = if k > 1 { share(rest, k - 1) } else { Vec::new() };
            blocks.push(with_tail(last));
            blocks.iter().all(|b| fits(b)).then_some(blocks)
        })
    })
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

#[cfg(test)]
mod split_tests {
    use super::*;

    /// Six years of 10 characters, an item column of 8 and a total of 10, each column
    /// framed by 3: 1 + 11 + 6 × 13 + 13 = 103 characters whole.
    fn years() -> Grid {
        let mut columns = vec![left("Post")];
        columns.extend((2027..2033).map(|y| period(&y.to_string())));
        columns.push(right("Summa"));
        let mut g = Grid::new(columns);
        let mut cells = vec!["Kostnad".to_string()];
        cells.extend((0..7).map(|_| "1 000 000 0".chars().take(10).collect::<String>()));
        g.row(cells);
        let mut npv = vec!["NPV".to_string()];
        npv.extend((0..6).map(|_| String::new()));
        npv.push("5".into());
        g.total(npv);
        g
    }

    fn measure(g: &Grid) -> Vec<usize> {
        g.columns
            .iter()
            .map(|c| if c.period || c.align == Align::Right { 10 } else { 8 })
            .collect()
    }

    #[test]
    fn a_grid_that_fits_stays_whole() {
        assert_eq!(years().split(measure, 3, 103).len(), 1);
    }

    #[test]
    fn years_are_shared_out_evenly_with_the_item_repeated_and_the_total_last() {
        // Two blocks of three years fit (the second with the total: 64 characters).
        let blocks = years().split(measure, 3, 80);
        let headers: Vec<Vec<&str>> = blocks
            .iter()
            .map(|b| b.columns.iter().map(|c| c.header.as_str()).collect())
            .collect();
        assert_eq!(
            headers,
            [
                vec!["Post", "2027", "2028", "2029"],
                vec!["Post", "2030", "2031", "2032", "Summa"]
            ]
        );
        // The NPV row has nothing among the first years: it is left out of that block.
        assert_eq!(blocks[0].rows.len(), 1);
        assert_eq!(blocks[1].rows.len(), 2);
        assert_eq!(blocks[1].rows[1].cells, ["NPV", "", "", "", "5"]);
    }

    #[test]
    fn a_grid_without_years_shares_out_its_columns() {
        let mut g = Grid::new(vec![left("Namn"), right("a"), right("b"), right("c"), right("d")]);
        g.row(vec!["x".into(), "1".into(), "2".into(), "3".into(), "4".into()]);
        let blocks = g.split(|_| vec![8, 20, 20, 20, 20], 3, 60);
        assert_eq!(blocks.len(), 2);
        assert!(
            blocks
                .iter()
                .all(|b| b.columns[0].header == "Namn" && b.columns.len() == 3)
        );
    }
}
