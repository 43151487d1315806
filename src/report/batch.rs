//! Batch output (docs/controller-guide-en.md, "Reading the results"): one row per submission, written as the rows come (CSV and
//! JSON stream; the table collects; xlsx uses rust_xlsxwriter's constant-memory mode),
//! then the sums per group and year.

use super::Lang;
use super::csv::{Cell, CsvSink, CsvStyle};
use super::labels::Label as L;
use super::visible::visible;
use crate::batch::{BatchRow, GroupBy, Groups, YearSlice};
use crate::fmt::{money_plain, rate_plain};
use crate::portfolio::StakeholderTable;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use std::io::Write;

/// The result columns, the documented ones first (docs/controller-guide-en.md), then nytta's own.
pub const COLUMNS: &[&str] = &[
    "source",
    "id",
    "name",
    "organisation",
    "portfolio",
    "status",
    "errors",
    "warnings",
    "codes",
    "total_costs",
    "total_benefits",
    "net",
    "npv",
    "bcr",
    "irr",
    "payback_month",
    "planned_harvest",
    "harvest_share",
    "message",
];

/// The columns `nytta batch --realism` adds after `message` (and before `rank`).
pub const REALISM_COLUMNS: &[&str] = &[
    "benefit_breakeven",
    "delay_breakeven_months",
    "optimism_upper_npv",
    "probability_negative",
];

/// The group table's columns.
pub const GROUP_COLUMNS: &[&str] = &["group", "year", "costs", "benefits", "npv", "planned_harvest"];

/// Where batch rows go.
pub trait Sink {
    /// One submission's row; `rank` is its place when the portfolio is ranked.
    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()>;
    /// The sums per group and year (when grouping), then finish the output.
    fn finish(self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()>;
    /// Whether rows must keep every finding's text (JSON findings, the xlsx sheet);
    /// otherwise rows held back for ranking keep only the error reason.
    fn needs_findings(&self) -> bool {
        false
    }
    /// Render a row now, to be written later by [`Sink::write_packed`] once the
    /// portfolio is ranked; `None` when this sink keeps whole rows instead.
    fn pack(&self, _row: &BatchRow) -> Option<Box<[u8]>> {
        None
    }
    /// Write a row packed by [`Sink::pack`] with its place in the ranking.
    fn write_packed(&mut self, _packed: &[u8], _rank: Option<usize>) -> std::io::Result<()> {
        Ok(())
    }
    /// Notes for the user about rows written so far (text cut to fit a cell), in both
    /// languages, taken once; the CLI prints them.
    fn take_notes(&mut self) -> Vec<crate::diagnostic::Text> {
        Vec::new()
    }
    /// The sums per stakeholder (`--group-by stakeholder`), given after the last row
    /// and before [`Sink::finish`].
    fn stakeholders(&mut self, _table: &StakeholderTable) -> std::io::Result<()> {
        Ok(())
    }
}

fn codes(row: &BatchRow) -> String {
    row.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// The row's message: why it could not be computed (empty for rows that could). The
/// warnings' texts are in the JSON `findings` and the xlsx findings sheet; in CSV the
/// `codes` column names them (writing every message made CSV output 15 % slower).
fn message(row: &BatchRow) -> String {
    row.reason().to_string()
}

/// The realism cells of a row (empty for a row that could not be computed).
fn realism_cells(row: &BatchRow) -> Vec<Cell> {
    let r = row.figures.as_ref().and_then(|f| f.realism.as_ref());
    vec![
        Cell::opt_number(r.and_then(|r| r.benefit_breakeven).map(rate_plain)),
        Cell::opt_number(r.and_then(|r| r.delay_breakeven_months).map(|d| d.to_string())),
        Cell::opt_number(r.and_then(|r| r.optimism_upper_npv).map(money_plain)),
        Cell::opt_number(r.and_then(|r| r.probability_negative).map(rate_plain)),
    ]
}

/// The cells of one result row; with `realism`, the realism columns after `message`.
pub fn cells_with(row: &BatchRow, rank: Option<usize>, realism: bool) -> Vec<Cell> {
    let mut out = cells(row, None);
    if realism {
        out.extend(realism_cells(row));
    }
    if let Some(rank) = rank {
        out.push(Cell::number(rank.to_string()));
    }
    out
}

/// The cells of one result row.
pub fn cells(row: &BatchRow, rank: Option<usize>) -> Vec<Cell> {
    let f = row.figures.as_ref();
    let money =
        |get: fn(&crate::batch::Figures) -> Decimal| f.map_or(Cell::Empty, |f| Cell::number(money_plain(get(f))));
    let rate = |get: fn(&crate::batch::Figures) -> Option<Decimal>| Cell::opt_number(f.and_then(get).map(rate_plain));
    let mut out = vec![
        Cell::text(&row.source),
        Cell::text(&row.id),
        Cell::text(&row.name),
        Cell::text(&row.organisation),
        Cell::text(&row.portfolio),
        Cell::text(row.status.as_str()),
        Cell::number(row.errors.to_string()),
        Cell::number(row.warnings.to_string()),
        Cell::text(codes(row)),
        money(|f| f.total_costs),
        money(|f| f.total_benefits),
        money(|f| f.net),
        money(|f| f.npv),
        rate(|f| f.bcr),
        rate(|f| f.irr),
        Cell::opt_text(f.and_then(|f| f.payback_month).map(|m| m.to_string()).as_deref()),
        money(|f| f.planned_harvest),
        rate(|f| f.harvest_share),
        Cell::text(message(row)),
    ];
    if let Some(rank) = rank {
        out.push(Cell::number(rank.to_string()));
    }
    out
}

/// A row's status in words for people (the table, the page, the workbook); CSV and
/// JSON keep `ok`, `warnings`, `error`.
fn status_text(status: crate::batch::Status, lang: Lang) -> &'static str {
    match status {
        crate::batch::Status::Ok => L::StatusOk.text(lang),
        crate::batch::Status::Warnings => L::StatusWarnings.text(lang),
        crate::batch::Status::Error => L::StatusError.text(lang),
    }
}

/// The sheet names of the batch workbook in `lang`: results, groups, findings,
/// stakeholders, stakeholders per year.
fn sheet_names(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Sv => [
            "Resultat",
            "Grupper",
            "Anmärkningar",
            "Intressenter",
            "Intressenter per år",
        ],
        Lang::En => ["Results", "Groups", "Findings", "Stakeholders", "Stakeholders per year"],
    }
}

fn header(ranked: bool, realism: bool) -> Vec<Cell> {
    let mut h: Vec<Cell> = COLUMNS.iter().map(|c| Cell::text(*c)).collect();
    if realism {
        h.extend(REALISM_COLUMNS.iter().map(|c| Cell::text(*c)));
    }
    if ranked {
        h.push(Cell::text("rank"));
    }
    h
}

/// Rows of the group table: per group and year, then the group's total (year `total`).
pub fn group_rows(groups: &Groups) -> Vec<(String, Option<i32>, YearSlice)> {
    let mut out = Vec::new();
    let mut current: Option<(String, YearSlice)> = None;
    for ((group, year), slice) in &groups.0 {
        if let Some((name, total)) = &current
            && name != group
        {
            out.push((name.clone(), None, *total));
            current = None;
        }
        let entry = current.get_or_insert_with(|| (group.clone(), YearSlice::default()));
        entry.1 += *slice;
        out.push((group.clone(), Some(*year), *slice));
    }
    if let Some((name, total)) = current {
        out.push((name, None, total));
    }
    out
}

/// [`group_rows`] in whole kronor as shown to people: each group's years add up to its
/// total row, column by column (docs/method.md, "Rounding"); the projects that name no
/// group are under "(ingen angiven)" / "(none given)", not under a blank.
pub fn shown_group_rows(groups: &Groups, lang: Lang) -> Vec<(String, Option<i32>, YearSlice)> {
    let mut rows = group_rows(groups);
    for row in rows.iter_mut().filter(|r| r.0.is_empty()) {
        row.0 = L::NoGroup.text(lang).to_string();
    }
    let mut start = 0;
    for end in 0..rows.len() {
        if rows[end].1.is_some() {
            continue;
        }
        let total = rows[end].2;
        let columns: [fn(&mut YearSlice) -> &mut Decimal; 4] = [
            |s| &mut s.costs,
            |s| &mut s.benefits,
            |s| &mut s.npv,
            |s| &mut s.planned_harvest,
        ];
        for field in columns {
            let mut t = total;
            let sum = crate::fmt::round(*field(&mut t), 0);
            let exact: Vec<Decimal> = rows[start..end].iter_mut().map(|r| *field(&mut r.2)).collect();
            for (r, v) in rows[start..end].iter_mut().zip(crate::fmt::apportion(&exact, sum, 0)) {
                *field(&mut r.2) = v;
            }
            *field(&mut rows[end].2) = sum;
        }
        start = end + 1;
    }
    rows
}

/// The keys people read in words (xlsx, Excel CSV): a total row's name in the second
/// column (`total` → *Summa*) and the stakeholder measures in the third (`costs`,
/// `besparingskrav`). The header row is not among `rows`.
fn in_words(rows: &mut [Vec<Cell>], lang: Lang) {
    for row in rows {
        for (c, cell) in row.iter_mut().enumerate() {
            if let Cell::Text(t) = cell {
                if c == 1 && t == "total" {
                    *cell = Cell::text(L::Total.text(lang));
                } else if c == 2 && (t == "costs" || t == "besparingskrav") {
                    *cell = Cell::text(super::labels::column(t, lang).unwrap_or_default());
                }
            }
        }
    }
}

fn group_cells(group: &str, year: Option<i32>, s: &YearSlice) -> Vec<Cell> {
    vec![
        Cell::text(group),
        year.map_or_else(|| Cell::text("total"), |y| Cell::number(y.to_string())),
        Cell::number(money_plain(s.costs)),
        Cell::number(money_plain(s.benefits)),
        Cell::number(money_plain(s.npv)),
        Cell::number(money_plain(s.planned_harvest)),
    ]
}

/// CSV: the results, then (when grouping) an empty line and the group table.
pub struct CsvOut<W: Write> {
    sink: CsvSink<W>,
    style: CsvStyle,
    header_written: bool,
    ranked: bool,
    realism: bool,
}

impl<W: Write> CsvOut<W> {
    /// A CSV writer; writes the header at once.
    pub fn new(out: W, style: CsvStyle, ranked: bool) -> std::io::Result<Self> {
        Ok(CsvOut {
            sink: CsvSink::new(out, style)?,
            style,
            header_written: false,
            ranked,
            realism: false,
        })
    }
    /// Add the realism columns (`nytta batch --realism`).
    pub fn with_realism(mut self, on: bool) -> Self {
        self.realism = on;
        self
    }
    /// A row's cells; with `--excel` the status in words for people, as under its
    /// worded heading (plain CSV keeps `ok`, `warnings`, `error` for scripts).
    fn cells(&self, row: &BatchRow, rank: Option<usize>) -> Vec<Cell> {
        let mut cells = cells_with(row, rank, self.realism);
        if self.style.excel
            && let Some(i) = COLUMNS.iter().position(|c| *c == "status")
        {
            cells[i] = Cell::text(status_text(row.status, self.style.lang));
        }
        cells
    }

    fn ensure_header(&mut self) -> std::io::Result<()> {
        if !self.header_written {
            self.header_written = true;
            let mut head = header(self.ranked, self.realism);
            if self.style.excel {
                super::csv::headings_for_people(&mut head, self.style.lang);
            }
            self.sink.row(&head)?;
        }
        Ok(())
    }
}

impl<W: Write> Sink for CsvOut<W> {
    fn pack(&self, row: &BatchRow) -> Option<Box<[u8]>> {
        Some(super::csv::pack(&self.cells(row, None), self.style))
    }
    fn write_packed(&mut self, packed: &[u8], rank: Option<usize>) -> std::io::Result<()> {
        self.ensure_header()?;
        let place = rank.map_or(Cell::Empty, |r| Cell::number(r.to_string()));
        self.sink.packed_row(packed, &[place])
    }
    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()> {
        self.ensure_header()?;
        let mut cells = self.cells(row, rank);
        if self.ranked && rank.is_none() {
            cells.push(Cell::Empty);
        }
        self.sink.row(&cells)
    }
    fn stakeholders(&mut self, table: &StakeholderTable) -> std::io::Result<()> {
        self.ensure_header()?;
        let mut blocks = vec![super::stakeholders::table_cells(table)];
        if table.by_year {
            blocks.push(super::stakeholders::matrix_cells(table));
        }
        for mut block in blocks {
            self.sink.blank_line()?;
            if let (true, Some(head)) = (self.style.excel, block.first_mut()) {
                super::csv::headings_for_people(head, self.style.lang);
                in_words(block.get_mut(1..).unwrap_or_default(), self.style.lang);
            }
            for row in block {
                self.sink.row(&row)?;
            }
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()> {
        self.ensure_header()?;
        if let Some((_, groups)) = groups {
            self.sink.blank_line()?;
            let mut head: Vec<Cell> = GROUP_COLUMNS.iter().map(|c| Cell::text(*c)).collect();
            if self.style.excel {
                super::csv::headings_for_people(&mut head, self.style.lang);
            }
            self.sink.row(&head)?;
            for (group, year, slice) in group_rows(groups) {
                let mut row = [group_cells(&group, year, &slice)];
                if self.style.excel {
                    in_words(&mut row, self.style.lang);
                }
                self.sink.row(&row[0])?;
            }
        }
        self.sink.finish()?.flush()
    }
}

#[derive(Serialize)]
struct JsonRow<'a> {
    source: &'a str,
    id: &'a str,
    name: &'a str,
    organisation: &'a str,
    portfolio: &'a str,
    status: &'static str,
    errors: usize,
    warnings: usize,
    codes: Vec<&'static str>,
    total_costs: Option<String>,
    total_benefits: Option<String>,
    net: Option<String>,
    npv: Option<String>,
    bcr: Option<String>,
    irr: Option<String>,
    payback_month: Option<String>,
    planned_harvest: Option<String>,
    harvest_share: Option<String>,
    rank: Option<usize>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    realism: Option<JsonRealism>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonRealism {
    benefit_breakeven: Option<String>,
    delay_breakeven_months: Option<u32>,
    optimism_upper_npv: Option<String>,
    probability_negative: Option<String>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    group: &'a str,
    year: Option<i32>,
    costs: String,
    benefits: String,
    npv: String,
    planned_harvest: String,
}

fn json_row(row: &BatchRow, rank: Option<usize>, with_realism: bool) -> JsonRow<'_> {
    let f = row.figures.as_ref();
    let money = |get: fn(&crate::batch::Figures) -> Decimal| f.map(|f| money_plain(get(f)));
    let rate = |get: fn(&crate::batch::Figures) -> Option<Decimal>| f.and_then(get).map(rate_plain);
    JsonRow {
        source: &row.source,
        id: &row.id,
        name: &row.name,
        organisation: &row.organisation,
        portfolio: &row.portfolio,
        status: row.status.as_str(),
        errors: row.errors,
        warnings: row.warnings,
        codes: row.codes.iter().map(|c| c.as_str()).collect(),
        total_costs: money(|f| f.total_costs),
        total_benefits: money(|f| f.total_benefits),
        net: money(|f| f.net),
        npv: money(|f| f.npv),
        bcr: rate(|f| f.bcr),
        irr: rate(|f| f.irr),
        payback_month: f.and_then(|f| f.payback_month).map(|m| m.to_string()),
        planned_harvest: money(|f| f.planned_harvest),
        harvest_share: rate(|f| f.harvest_share),
        rank,
        realism: with_realism.then(|| {
            let r = f.and_then(|f| f.realism.as_ref());
            JsonRealism {
                benefit_breakeven: r.and_then(|r| r.benefit_breakeven).map(rate_plain),
                delay_breakeven_months: r.and_then(|r| r.delay_breakeven_months),
                optimism_upper_npv: r.and_then(|r| r.optimism_upper_npv).map(money_plain),
                probability_negative: r.and_then(|r| r.probability_negative).map(rate_plain),
            }
        }),
        findings: row
            .findings
            .iter()
            .map(|(code, message)| JsonFinding {
                code: code.as_str(),
                severity: code.severity().as_str(),
                message,
            })
            .collect(),
    }
}

/// JSON: `{"format": 1, "results": [...], "groups": [...]}`, results streamed.
pub struct JsonOut<W: Write> {
    out: W,
    first: bool,
    realism: bool,
    /// Keys written after `results` by `finish` (the stakeholder sums).
    tail: String,
}

impl<W: Write> JsonOut<W> {
    /// A JSON writer; writes the opening at once.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\n  \"format\": 1,\n  \"results\": [")?;
        Ok(JsonOut {
            out,
            first: true,
            realism: false,
            tail: String::new(),
        })
    }
    /// Add the realism keys to every result (`nytta batch --realism`).
    pub fn with_realism(mut self, on: bool) -> Self {
        self.realism = on;
        self
    }
}

impl<W: Write> Sink for JsonOut<W> {
    fn needs_findings(&self) -> bool {
        true
    }

    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()> {
        self.out.write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, &json_row(row, rank, self.realism)).map_err(std::io::Error::from)
    }
    fn stakeholders(&mut self, table: &StakeholderTable) -> std::io::Result<()> {
        self.tail = super::stakeholders::json_tail(table)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()> {
        self.out.write_all(b"\n  ]")?;
        self.out.write_all(self.tail.as_bytes())?;
        if let Some((by, groups)) = groups {
            let rows = group_rows(groups);
            let items: Vec<JsonGroup> = rows
                .iter()
                .map(|(group, year, s)| JsonGroup {
                    group,
                    year: *year,
                    costs: money_plain(s.costs),
                    benefits: money_plain(s.benefits),
                    npv: money_plain(s.npv),
                    planned_harvest: money_plain(s.planned_harvest),
                })
                .collect();
            let by = match by {
                GroupBy::Organisation => "organisation",
                GroupBy::Portfolio => "portfolio",
            };
            write!(self.out, ",\n  \"group_by\": \"{by}\",\n  \"groups\": ")?;
            serde_json::to_writer(&mut self.out, &items).map_err(std::io::Error::from)?;
        }
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}

/// A terminal table (collects the rows: meant for a screenful, not 100 000).
pub struct TableOut<W: Write> {
    out: W,
    lang: Lang,
    rows: Vec<Vec<String>>,
    /// Source and reason of each row that could not be computed, listed under the table.
    errors: Vec<(String, String)>,
    /// Tables written after the results by `finish` (the stakeholder sums).
    tail: String,
    /// The page width the tables are laid out for (docs/decisions.md, D72).
    width: usize,
}

impl<W: Write> TableOut<W> {
    /// A table writer in `lang`, for a page [`super::table::PIPED_WIDTH`] wide; writes
    /// at the end.
    pub fn new(out: W, lang: Lang) -> Self {
        TableOut {
            out,
            lang,
            rows: Vec::new(),
            errors: Vec::new(),
            tail: String::new(),
            width: super::table::PIPED_WIDTH,
        }
    }

    /// Lay the tables out for a page `width` characters wide.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width;
        self
    }
}

pub(crate) fn new_table(header: Vec<&str>, numeric_from: usize) -> super::table::Rows {
    super::table::Rows::new(header, numeric_from)
}

impl<W: Write> Sink for TableOut<W> {
    fn stakeholders(&mut self, table: &StakeholderTable) -> std::io::Result<()> {
        self.tail = super::stakeholders::table_text(table, self.lang, self.width);
        Ok(())
    }
    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()> {
        let lang = self.lang;
        let f = row.figures.as_ref();
        let kr = |d: Option<Decimal>| d.map_or_else(|| "–".to_string(), |d| crate::fmt::kronor(d, lang));
        if row.status == crate::batch::Status::Error {
            self.errors
                .push((visible(&row.source).into_owned(), visible(row.reason()).into_owned()));
        }
        self.rows.push(vec![
            rank.map_or_else(String::new, |r| r.to_string()),
            visible(&row.source).into_owned(),
            visible(&row.name).into_owned(),
            status_text(row.status, lang).to_string(),
            codes(row),
            kr(f.map(|f| f.total_costs)),
            kr(f.map(|f| f.total_benefits)),
            kr(f.map(|f| f.npv)),
            f.and_then(|f| f.bcr)
                .map_or_else(|| "–".into(), |b| crate::fmt::ratio(b, lang)),
            f.and_then(|f| f.payback_month)
                .map_or_else(|| "–".into(), |m| m.to_string()),
            kr(f.map(|f| f.planned_harvest)),
        ]);
        Ok(())
    }
    fn finish(mut self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()> {
        let l = |label: L| label.text(self.lang);
        let header = vec![
            "#",
            l(L::Source),
            l(L::Name),
            l(L::Status),
            l(L::Codes),
            l(L::Costs2),
            l(L::Benefits2),
            l(L::Npv2),
            super::labels::column("bcr", self.lang).unwrap_or("BCR"),
            l(L::Payback2),
            l(L::Harvest2),
        ];
        // The name first, so that a table split for a narrow page repeats it; the rank
        // only when the portfolio is ranked.
        let ranked = self.rows.iter().any(|r| !r[0].is_empty());
        let order: Vec<usize> = [2, 0, 1]
            .into_iter()
            .filter(|&c| c != 0 || ranked)
            .chain(3..header.len())
            .collect();
        let numeric_from = order.iter().position(|&c| c == 5).unwrap_or(order.len());
        let mut t = new_table(order.iter().map(|&c| header[c]).collect(), numeric_from).width(self.width);
        for r in &self.rows {
            t.add_row(order.iter().map(|&c| r[c].clone()).collect());
        }
        writeln!(self.out, "{t}")?;
        if !self.errors.is_empty() {
            // Why each row could not be computed: the table shows only its code.
            let column = |key: &str| crate::report::labels::column(key, self.lang).unwrap_or("");
            let mut t = new_table(vec![column("source"), column("message")], 2);
            for (source, reason) in &self.errors {
                t.add_row(vec![source.clone(), reason.clone()]);
            }
            writeln!(self.out, "\n{t}")?;
        }
        self.out.write_all(self.tail.as_bytes())?;
        if let Some((_, groups)) = groups {
            let header = vec![
                l(L::Group),
                l(L::Year2),
                l(L::Costs2),
                l(L::Benefits2),
                l(L::Npv2),
                l(L::Harvest2),
            ];
            let mut t = new_table(header, 2).width(self.width);
            for (group, year, s) in shown_group_rows(groups, self.lang) {
                let kr = |d: Decimal| crate::fmt::kronor(d, self.lang);
                t.add_row(vec![
                    visible(&group).into_owned(),
                    year.map_or_else(|| l(L::Total).to_string(), |y| y.to_string()),
                    kr(s.costs),
                    kr(s.benefits),
                    kr(s.npv),
                    kr(s.planned_harvest),
                ]);
            }
            writeln!(self.out, "\n{t}")?;
        }
        self.out.flush()
    }
}

/// HTML: the portfolio as one self-contained page — the ranked table, a bar chart of
/// NPV per project, and the sums per group and year (collects the rows, like the
/// table).
pub struct HtmlOut<W: Write> {
    out: W,
    lang: Lang,
    /// Write the page as GitHub Markdown instead (no chart).
    markdown: bool,
    rows: Vec<Vec<String>>,
    /// The sums per stakeholder (`--group-by stakeholder`), shown after the projects.
    stakeholders: Option<super::document::Chapter>,
    /// Source and reason of each row that could not be computed, listed after the table.
    errors: Vec<(String, String)>,
    /// Name and NPV of the computed rows, in the table's order, for the chart.
    npv: Vec<(String, Decimal)>,
}

impl<W: Write> HtmlOut<W> {
    /// Collect the rows and write the page to `out` when finished, in `lang`.
    pub fn new(out: W, lang: Lang) -> Self {
        HtmlOut {
            out,
            lang,
            markdown: false,
            rows: Vec::new(),
            stakeholders: None,
            errors: Vec::new(),
            npv: Vec::new(),
        }
    }

    /// The same page as GitHub Markdown (`nytta batch --format markdown`): the tables,
    /// no chart.
    pub fn markdown(out: W, lang: Lang) -> Self {
        HtmlOut {
            markdown: true,
            ..HtmlOut::new(out, lang)
        }
    }
}

impl<W: Write> Sink for HtmlOut<W> {
    fn stakeholders(&mut self, table: &StakeholderTable) -> std::io::Result<()> {
        self.stakeholders = Some(super::stakeholders::chapter(table, self.lang));
        Ok(())
    }
    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()> {
        let lang = self.lang;
        let f = row.figures.as_ref();
        let kr = |d: Option<Decimal>| d.map_or_else(|| "–".to_string(), |d| crate::fmt::kronor(d, lang));
        let name = if row.name.is_empty() {
            row.source.clone()
        } else {
            row.name.clone()
        };
        if let Some(f) = f {
            self.npv.push((name.clone(), f.npv));
        }
        if row.status == crate::batch::Status::Error {
            self.errors.push((row.source.clone(), row.reason().to_string()));
        }
        self.rows.push(vec![
            rank.map_or_else(String::new, |r| r.to_string()),
            row.source.clone(),
            name,
            status_text(row.status, lang).to_string(),
            codes(row),
            kr(f.map(|f| f.total_costs)),
            kr(f.map(|f| f.total_benefits)),
            kr(f.map(|f| f.npv)),
            f.and_then(|f| f.bcr)
                .map_or_else(|| "–".into(), |b| crate::fmt::ratio(b, lang)),
            f.and_then(|f| f.irr)
                .map_or_else(|| "–".into(), |i| crate::fmt::percent(i, lang)),
            f.and_then(|f| f.payback_month)
                .map_or_else(|| "–".into(), |m| m.to_string()),
            kr(f.map(|f| f.planned_harvest)),
        ]);
        Ok(())
    }

    fn finish(mut self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()> {
        let group_rows = groups.map(|(_, g)| shown_group_rows(g, self.lang)).unwrap_or_default();
        let mut doc = super::builder::portfolio::build(
            std::mem::take(&mut self.rows),
            &self.npv,
            groups.map(|_| group_rows.as_slice()),
            self.lang,
        );
        if !self.errors.is_empty() {
            // Why each row could not be computed: the table shows only its code.
            use super::document::{Block, Chapter, Grid, left, wrapped};
            let column = |key: &str| crate::report::labels::column(key, self.lang).unwrap_or("");
            let mut grid = Grid::new(vec![wrapped(column("source"), 40), left(column("message"))]);
            for (source, reason) in std::mem::take(&mut self.errors) {
                grid.row(vec![source, reason]);
            }
            doc.chapters.insert(
                1.min(doc.chapters.len()),
                Chapter {
                    heading: column("errors").to_string(),
                    blocks: vec![Block::Grid(grid)],
                },
            );
        }
        doc.chapters.extend(self.stakeholders.take());
        let page = if self.markdown {
            super::markdown::render_document(&doc)
        } else {
            super::html::render_document(&doc, self.lang)
        };
        self.out.write_all(page.as_bytes())?;
        self.out.flush()
    }
}

/// Excel workbook: sheets for results, groups and findings; real numbers with
/// number formats that Swedish Excel shows as `1 234 567,00`, frozen header rows and
/// autofilters. Rows are written in rust_xlsxwriter's constant-memory mode; the
/// workbook is written to the output when finished.
///
/// Text cells get the CSV writers' formula neutralising ([`super::csv::neutralise`]) and
/// are cut to the 32 767 characters an Excel cell holds (with a note naming the row);
/// the creation time is given, so the same batch gives the same bytes.
pub struct XlsxOut {
    workbook: Workbook,
    out: Box<dyn Write + Send>,
    next_row: u32,
    next_finding: u32,
    ranked: bool,
    realism: bool,
    columns: Vec<&'static str>,
    money: Format,
    /// Shares and rates (IRR, harvest share…) in percent.
    rate: Format,
    /// The BCR, a plain ratio.
    ratio: Format,
    bold: Format,
    notes: Vec<crate::diagnostic::Text>,
    /// The language of sheet names, headings and statuses.
    lang: Lang,
}

const RESULTS: usize = 0;
const GROUPS: usize = 1;
const FINDINGS: usize = 2;

/// The most an Excel cell holds, in UTF-16 code units (what Excel counts).
pub const XLSX_MAX_TEXT: usize = 32_767;

/// A column's width in the workbook, fitted to what it holds: rows are written as they
/// come (constant memory), so the width is set from the column's kind, not measured.
fn column_width(column: &str) -> f64 {
    match column {
        "source" | "message" => 40.0,
        "name" | "organisation" | "portfolio" | "group" => 32.0,
        "id" | "codes" => 16.0,
        "status" | "severity" | "payback_month" => 12.0,
        "errors" | "warnings" | "rank" | "code" | "year" => 9.0,
        _ => (column.len() as f64 + 3.0).max(16.0),
    }
}

fn xlsx_err(e: XlsxError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Text as an xlsx cell holds it: neutralised against formulas, and cut (ending in `…`)
/// to [`XLSX_MAX_TEXT`]; `Err` with the cell's original length when it was cut.
pub fn xlsx_text(text: &str) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    let text = super::csv::neutralise(text);
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= XLSX_MAX_TEXT {
        return (text, None);
    }
    let mut cut = String::with_capacity(XLSX_MAX_TEXT * 2);
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > XLSX_MAX_TEXT - 1 {
            break;
        }
        used += c.len_utf16();
        cut.push(c);
    }
    cut.push('…');
    (cut.into(), Some(text.chars().count()))
}

impl XlsxOut {
    /// Write the workbook to `out` when finished; `created` (seconds since 1970) is
    /// the creation time it states.
    pub fn new(out: Box<dyn Write + Send>, ranked: bool, created: i64, lang: Lang) -> std::io::Result<Self> {
        Self::with_realism(out, ranked, created, false, lang)
    }

    /// As [`XlsxOut::new`], with the realism columns (`nytta batch --realism`). Sheet
    /// names, headings and statuses are in `lang`; the cells keep the figures.
    pub fn with_realism(
        out: Box<dyn Write + Send>,
        ranked: bool,
        created: i64,
        realism: bool,
        lang: Lang,
    ) -> std::io::Result<Self> {
        let mut workbook = Workbook::new();
        let created = rust_xlsxwriter::ExcelDateTime::from_timestamp(created).map_err(xlsx_err)?;
        workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
        let bold = Format::new().set_bold();
        let result_columns: Vec<&'static str> = COLUMNS
            .iter()
            .copied()
            .chain(REALISM_COLUMNS.iter().copied().filter(|_| realism))
            .chain(ranked.then_some("rank"))
            .collect();
        let names = sheet_names(lang);
        for (name, columns) in [
            (names[RESULTS], result_columns.clone()),
            (names[GROUPS], GROUP_COLUMNS.to_vec()),
            (names[FINDINGS], vec!["source", "code", "severity", "message"]),
        ] {
            let ws = workbook.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
            ws.set_name(name).map_err(xlsx_err)?;
            for (c, key) in columns.iter().enumerate() {
                let title = super::labels::column(key, lang).unwrap_or(key);
                ws.write_string_with_format(0, c as u16, title, &bold)
                    .map_err(xlsx_err)?;
                ws.set_column_width(c as u16, column_width(key)).map_err(xlsx_err)?;
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        }
        Ok(XlsxOut {
            workbook,
            out,
            next_row: 1,
            next_finding: 1,
            ranked,
            realism,
            columns: result_columns,
            money: Format::new().set_num_format("#,##0.00"),
            rate: Format::new().set_num_format("0.00%"),
            ratio: Format::new().set_num_format("0.00"),
            bold,
            notes: Vec::new(),
            lang,
        })
    }

    /// Write a text cell, noting it when it had to be cut.
    fn text(&mut self, sheet: usize, r: u32, c: u16, text: &str, source: &str, column: &str) -> std::io::Result<()> {
        let (cell, cut) = xlsx_text(text);
        if let Some(chars) = cut {
            let row = r + 1;
            // The note is read on stderr in the run's language; the sheet is named as
            // the workbook names it.
            let sheet_name = sheet_names(self.lang)[sheet];
            self.notes.push(crate::text!(
                sv: "{source}: {column} har {chars} tecken, fler än en Excel-cell rymmer \
                     ({XLSX_MAX_TEXT}); kortad i arbetsboken (blad {sheet_name}, rad {row})";
                en: "{source}: {column} has {chars} characters, more than an Excel cell holds \
                     ({XLSX_MAX_TEXT}); cut in the workbook (sheet {sheet_name}, row {row})"
            ));
        }
        let ws = self.workbook.worksheet_from_index(sheet).map_err(xlsx_err)?;
        ws.write_string(r, c, cell.as_ref()).map_err(xlsx_err)?;
        Ok(())
    }
}

impl Sink for XlsxOut {
    fn needs_findings(&self) -> bool {
        true
    }

    fn stakeholders(&mut self, table: &StakeholderTable) -> std::io::Result<()> {
        let names = sheet_names(self.lang);
        let mut sheets = vec![(names[3], super::stakeholders::table_cells(table))];
        if table.by_year {
            sheets.push((names[4], super::stakeholders::matrix_cells(table)));
        }
        for (name, mut rows) in sheets {
            if let Some(head) = rows.first_mut() {
                super::csv::headings_for_people(head, self.lang);
            }
            in_words(rows.get_mut(1..).unwrap_or_default(), self.lang);
            let ws = self.workbook.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
            ws.set_name(name).map_err(xlsx_err)?;
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match cell {
                        Cell::Text(t) if r == 0 => ws.write_string_with_format(r, c, t, &self.bold),
                        Cell::Text(t) => ws.write_string(r, c, xlsx_text(t).0.as_ref()),
                        // Whole numbers (projects) plain; money with two decimals.
                        Cell::Number(n) if !n.contains('.') => ws.write(r, c, n.parse::<Decimal>().unwrap_or_default()),
                        Cell::Number(n) => {
                            ws.write_with_format(r, c, n.parse::<Decimal>().unwrap_or_default(), &self.money)
                        }
                        Cell::Empty => continue,
                    }
                    .map_err(xlsx_err)?;
                }
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
            // An autofilter over the stakeholders' rows, as on every other sheet; the
            // total rows at the end (no stakeholder id) stay outside it.
            let last_row = rows
                .iter()
                .rposition(|r| !matches!(r.first(), Some(Cell::Empty)))
                .unwrap_or(0);
            let last_col = rows.first().map_or(1, Vec::len).saturating_sub(1);
            ws.autofilter(0, 0, (last_row as u32).max(1), last_col as u16)
                .map_err(xlsx_err)?;
        }
        Ok(())
    }

    fn take_notes(&mut self) -> Vec<crate::diagnostic::Text> {
        std::mem::take(&mut self.notes)
    }

    fn row(&mut self, row: &BatchRow, rank: Option<usize>) -> std::io::Result<()> {
        let r = self.next_row;
        self.next_row += 1;
        let cells = cells_with(row, rank, self.realism);
        for (c, cell) in cells.iter().enumerate() {
            let column = self.columns.get(c).copied().unwrap_or("rank");
            if column == "status" {
                let status = status_text(row.status, self.lang);
                self.text(RESULTS, r, c as u16, status, &row.source, column)?;
                continue;
            }
            let c = c as u16;
            match cell {
                Cell::Text(t) => self.text(RESULTS, r, c, t, &row.source, column)?,
                Cell::Number(n) => {
                    let value: Decimal = n.parse().unwrap_or_default();
                    let format = match column {
                        "bcr" => Some(&self.ratio),
                        "irr" | "harvest_share" | "benefit_breakeven" | "probability_negative" => Some(&self.rate),
                        "errors" | "warnings" | "delay_breakeven_months" | "rank" => None,
                        _ => Some(&self.money),
                    };
                    let ws = self.workbook.worksheet_from_index(RESULTS).map_err(xlsx_err)?;
                    match format {
                        Some(f) => ws.write_with_format(r, c, value, f).map_err(xlsx_err)?,
                        None => ws.write(r, c, value).map_err(xlsx_err)?,
                    };
                }
                Cell::Empty => {}
            }
        }
        for (code, message) in &row.findings {
            let f = self.next_finding;
            self.next_finding += 1;
            self.text(FINDINGS, f, 0, &row.source, &row.source, "source")?;
            let ws = self.workbook.worksheet_from_index(FINDINGS).map_err(xlsx_err)?;
            ws.write_string(f, 1, code.as_str()).map_err(xlsx_err)?;
            ws.write_string(f, 2, code.severity().word(self.lang))
                .map_err(xlsx_err)?;
            self.text(FINDINGS, f, 3, message, &row.source, "message")?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, groups: Option<(GroupBy, &Groups)>) -> std::io::Result<()> {
        let last_col = (COLUMNS.len() - usize::from(!self.ranked)) as u16;
        let ws = self.workbook.worksheet_from_index(RESULTS).map_err(xlsx_err)?;
        ws.autofilter(0, 0, self.next_row.saturating_sub(1).max(1), last_col)
            .map_err(xlsx_err)?;
        let mut g = 1u32;
        if let Some((_, groups)) = groups {
            let ws = self.workbook.worksheet_from_index(GROUPS).map_err(xlsx_err)?;
            for (group, year, s) in group_rows(groups) {
                // A group name too long was noted with its result row already.
                ws.write_string(g, 0, xlsx_text(&group).0.as_ref()).map_err(xlsx_err)?;
                match year {
                    Some(y) => ws.write_number(g, 1, y).map_err(xlsx_err)?,
                    None => ws
                        .write_string_with_format(g, 1, L::Total.text(self.lang), &self.bold)
                        .map_err(xlsx_err)?,
                };
                let money = [s.costs, s.benefits, s.npv, s.planned_harvest].map(|v| crate::fmt::round(v, 2));
                for (c, v) in money.into_iter().enumerate() {
                    ws.write_with_format(g, c as u16 + 2, v, &self.money)
                        .map_err(xlsx_err)?;
                }
                g += 1;
            }
        }
        let ws = self.workbook.worksheet_from_index(GROUPS).map_err(xlsx_err)?;
        ws.autofilter(0, 0, g.saturating_sub(1).max(1), GROUP_COLUMNS.len() as u16 - 1)
            .map_err(xlsx_err)?;
        let ws = self.workbook.worksheet_from_index(FINDINGS).map_err(xlsx_err)?;
        ws.autofilter(0, 0, self.next_finding.saturating_sub(1).max(1), 3)
            .map_err(xlsx_err)?;
        let bytes = self.workbook.save_to_buffer().map_err(xlsx_err)?;
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Groups, summarise};

    const P: &str = "format = 1\n[project]\nname = \"=cmd\"\norganisation = \"O\"\nportfolio = \"F\"\nstart_year = 2025\nyears = 2\n[assumptions]\ndiscount_rate = 0\n[[costs]]\nname = \"Bygg\"\ncategory = \"investment\"\namounts = { 2025 = 1000 }\n";

    #[test]
    fn xlsx_text_is_neutralised_and_cut_in_utf16_units() {
        assert_eq!(xlsx_text("=1+1"), ("'=1+1".into(), None));
        assert_eq!(xlsx_text("-12.5"), ("-12.5".into(), None));
        let fits = "a".repeat(XLSX_MAX_TEXT);
        assert_eq!(xlsx_text(&fits).1, None);
        // 😀 is two UTF-16 units: 20 000 of them are 40 000 units.
        let smileys = "😀".repeat(20_000);
        let (cut, chars) = xlsx_text(&smileys);
        assert_eq!(chars, Some(20_000));
        assert!(cut.ends_with('…'));
        assert!(cut.encode_utf16().count() <= XLSX_MAX_TEXT);
        assert_eq!(cut.chars().filter(|&c| c == '😀').count(), (XLSX_MAX_TEXT - 1) / 2);
    }

    #[test]
    fn csv_row_follows_spec_9_and_neutralises_text() {
        let row = summarise("a.toml".into(), P, None);
        let mut out = Vec::new();
        let mut sink: Box<dyn Sink> = Box::new(CsvOut::new(&mut out, CsvStyle::default(), false).unwrap());
        sink.row(&row, None).unwrap();
        let mut groups = Groups::default();
        groups.add(GroupBy::Portfolio, &row);
        sink.finish(Some((GroupBy::Portfolio, &groups))).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with(
            "source,id,name,organisation,portfolio,status,errors,warnings,codes,total_costs,total_benefits,net,npv,bcr,irr,payback_month,planned_harvest,harvest_share"
        ));
        let first = lines.next().unwrap();
        // The name `=cmd` is text and gets a `'`; the negative NPV is a number and does not.
        assert!(first.starts_with("a.toml,,'=cmd,O,F,warnings,0,"), "{first}");
        assert!(
            first.contains(",1000.00,0.00,-1000.00,-1000.00,0.000000,,,0.00,,"),
            "{first}"
        );
        assert!(text.contains("group,year,costs,benefits,npv,planned_harvest\r\nF,2025,1000.00,0.00,-1000.00,0.00\r\nF,2026,0.00,0.00,0.00,0.00\r\nF,total,1000.00"), "{text}");
    }
}
