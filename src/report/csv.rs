//! CSV output: the year-by-year table (the JSON `years` keys as columns), or the
//! stakeholder or line table. Every cell is safe to open in Excel: text that could be
//! read as a formula is prefixed with `'` (OWASP's advice); numbers stay numbers.

use super::{ReportInput, Section};
use crate::engine::Calculation;
use crate::engine::followup::FollowUp;
use crate::fmt::{money_plain, rate_plain};
use crate::model::Project;
use crate::model::actuals::ActualKind;
use crate::model::{Category, Line};

/// How to write CSV: plain (`,` and `.`) or for Swedish Excel (`;`, `,` and a UTF-8 BOM,
/// and column headings for people in `lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvStyle {
    /// `;` as separator, `,` as decimal mark and a UTF-8 BOM, for Swedish Excel.
    pub excel: bool,
    /// The language of the headings in Excel style (plain CSV keeps the English keys,
    /// the contract for scripts).
    pub lang: crate::fmt::Lang,
}

/// One cell: text (neutralised against formula injection) or a number (kept as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text, neutralised against formula injection.
    Text(String),
    /// A plain number, written as is.
    Number(String),
    /// An empty cell.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    /// A text cell, or empty.
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }
    /// A number cell.
    pub fn number(s: impl Into<String>) -> Cell {
        Cell::Number(s.into())
    }
    /// A number cell, or empty.
    pub fn opt_number(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Number)
    }
}

/// Prefix text that a spreadsheet would run as a formula with `'`.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !looks_numeric(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn looks_numeric(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && body.bytes().any(|b| b.is_ascii_digit())
}

/// A cell's text as written: text neutralised, numbers with the style's decimal mark.
fn cell_text(cell: &Cell, excel: bool) -> std::borrow::Cow<'_, str> {
    match cell {
        Cell::Text(t) => neutralise(t),
        Cell::Number(n) if excel => n.replace('.', ",").into(),
        Cell::Number(n) => n.as_str().into(),
        Cell::Empty => "".into(),
    }
}

/// A row's cells as written, packed into one small buffer (each field's length as four
/// bytes, then its bytes): about 200 bytes a row, for rows held back for ranking.
pub fn pack(cells: &[Cell], style: CsvStyle) -> Box<[u8]> {
    let mut out = Vec::with_capacity(cells.len() * 12);
    for cell in cells {
        let text = cell_text(cell, style.excel);
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    out.into_boxed_slice()
}

/// The fields of a packed row.
fn unpack(mut packed: &[u8]) -> impl Iterator<Item = &[u8]> {
    std::iter::from_fn(move || {
        let (len, rest) = packed.split_first_chunk::<4>()?;
        let len = (u32::from_le_bytes(*len) as usize).min(rest.len());
        let (field, rest) = rest.split_at(len);
        packed = rest;
        Some(field)
    })
}

/// A CSV error as an I/O error, keeping the kind of one that is (a closed pipe stays
/// [`std::io::ErrorKind::BrokenPipe`], which the CLI treats as a normal end).
fn csv_io(e: csv::Error) -> std::io::Error {
    if !e.is_io_error() {
        return std::io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A CSV writer in a given style, row by row: for output too large to hold at once.
pub struct CsvSink<W: std::io::Write> {
    /// `None` only for a moment inside [`CsvSink::blank_line`].
    writer: Option<csv::Writer<W>>,
    style: CsvStyle,
}

impl<W: std::io::Write> CsvSink<W> {
    /// Start writing; in Excel style this writes the UTF-8 BOM first.
    pub fn new(mut out: W, style: CsvStyle) -> std::io::Result<Self> {
        if style.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(CsvSink {
            writer: Some(Self::encoder(out, style)),
            style,
        })
    }

    fn encoder(out: W, style: CsvStyle) -> csv::Writer<W> {
        csv::WriterBuilder::new()
            .delimiter(if style.excel { b';' } else { b',' })
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(out)
    }

    fn writer(&mut self) -> std::io::Result<&mut csv::Writer<W>> {
        self.writer
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the CSV writer is gone"))
    }

    /// Write one row: text neutralised, numbers with the style's decimal mark.
    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        let excel = self.style.excel;
        let writer = self.writer()?;
        for cell in cells {
            writer.write_field(cell_text(cell, excel).as_bytes()).map_err(csv_io)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_io)
    }

    /// Write a row packed earlier by [`pack`], then `extra` cells.
    pub fn packed_row(&mut self, packed: &[u8], extra: &[Cell]) -> std::io::Result<()> {
        let excel = self.style.excel;
        let writer = self.writer()?;
        for field in unpack(packed) {
            writer.write_field(field).map_err(csv_io)?;
        }
        for cell in extra {
            writer.write_field(cell_text(cell, excel).as_bytes()).map_err(csv_io)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_io)
    }

    /// A truly empty line (between two tables; an empty record would be `""`).
    pub fn blank_line(&mut self) -> std::io::Result<()> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| std::io::Error::other("the CSV writer is gone"))?;
        let mut out = writer.into_inner().map_err(csv::IntoInnerError::into_error)?;
        out.write_all(b"\r\n")?;
        self.writer = Some(Self::encoder(out, self.style));
        Ok(())
    }

    /// Flush and hand back the underlying writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| std::io::Error::other("the CSV writer is gone"))?;
        writer.into_inner().map_err(csv::IntoInnerError::into_error)
    }
}

/// Write rows of cells as CSV in the given style. The first row is the header.
pub fn write_rows(rows: &[Vec<Cell>], style: CsvStyle) -> String {
    let write = || -> std::io::Result<Vec<u8>> {
        let mut sink = CsvSink::new(Vec::new(), style)?;
        for row in rows {
            sink.row(row)?;
        }
        sink.finish()
    };
    // Writing to memory cannot fail.
    String::from_utf8(write().unwrap_or_default()).unwrap_or_default()
}

/// The rows with the header (the first row) worded for people when `style` is for Excel;
/// plain CSV keeps its keys.
pub(crate) fn for_people(mut rows: Vec<Vec<Cell>>, style: CsvStyle) -> Vec<Vec<Cell>> {
    if style.excel
        && let Some(head) = rows.first_mut()
    {
        headings_for_people(head, style.lang);
    }
    rows
}

/// A header row's keys worded for people in `lang` (a key the catalogue does not know,
/// such as a year, stays as it is): for `--excel` CSV and spreadsheets.
pub(crate) fn headings_for_people(head: &mut [Cell], lang: crate::fmt::Lang) {
    for cell in head.iter_mut() {
        if let Cell::Text(key) = cell
            && let Some(title) = crate::report::labels::column(key, lang)
        {
            *cell = Cell::text(title);
        }
    }
}

fn header(names: &[&str]) -> Vec<Cell> {
    names.iter().map(|n| Cell::text(*n)).collect()
}

/// The CSV table of one section of the report: years (the default of
/// `nytta report --format csv`), stakeholders, lines, or the realisation plan (one row
/// per benefit with a realisation and year). `None` for a section that has no table.
pub fn render(input: &ReportInput, section: Section, style: CsvStyle) -> Option<String> {
    let rows = match section {
        Section::Years => years(input),
        Section::Stakeholders => stakeholders(input),
        Section::Lines => lines(input),
        Section::Realisation => realisation(input),
        Section::Assumptions => assumptions(input),
        Section::Summary | Section::Realism | Section::Qualitative | Section::Sensitivity | Section::Findings => {
            return None;
        }
    };
    Some(write_rows(&for_people(rows, style), style))
}

/// The scenarios side by side (`nytta report FILE --compare --format csv`): one row
/// per scenario, exact figures.
pub fn compare(calcs: &[&Calculation], style: CsvStyle) -> String {
    let mut rows = vec![header(&[
        "scenario",
        "npv",
        "npv_financial",
        "bcr",
        "irr",
        "payback_month",
        "planned_harvest",
    ])];
    for c in calcs {
        let s = &c.summary;
        // For people, the base case and the presets in words ("grundkalkyl"); scripts
        // read `base`, `optimism-upper`.
        let name = if style.excel {
            crate::report::labels::scenario_name(&c.scenario.name, style.lang)
        } else {
            c.scenario.name.as_str().into()
        };
        rows.push(vec![
            Cell::text(name.into_owned()),
            Cell::number(money_plain(s.npv)),
            Cell::number(money_plain(s.npv_financial)),
            Cell::opt_number(s.bcr.map(rate_plain)),
            Cell::opt_number(s.irr.map(rate_plain)),
            Cell::text(s.payback_month.map(|m| m.to_string()).unwrap_or_default()),
            Cell::number(money_plain(s.planned_harvest)),
        ]);
    }
    write_rows(&for_people(rows, style), style)
}

/// The assumptions as `key,value` rows (empty value: not stated).
fn assumptions(input: &ReportInput) -> Vec<Vec<Cell>> {
    let (p, a) = (input.project, &input.project.assumptions);
    let text = |s: String| Cell::text(s);
    let opt = |d: Option<rust_decimal::Decimal>, f: fn(rust_decimal::Decimal) -> String| Cell::opt_number(d.map(f));
    let rows: Vec<(&str, Cell)> = vec![
        ("discount_rate", Cell::number(rate_plain(input.calc.discount_rate))),
        ("discount_rate_stated", text(a.discount_rate_stated.to_string())),
        ("real", text(a.real.map_or_else(String::new, |r| r.to_string()))),
        ("price_year", Cell::opt_number(a.price_year.map(|y| y.to_string()))),
        ("monthly_salary", opt(a.salary.map(|s| s.0), money_plain)),
        ("salary_hours", opt(a.salary.map(|s| s.1), money_plain)),
        ("hourly_cost", opt(a.hourly_cost, money_plain)),
        ("overhead", Cell::number(rate_plain(a.overhead))),
        ("effective_hourly_cost", opt(a.effective_hourly_cost(), money_plain)),
        ("currency", text(p.currency.clone())),
        ("start_year", Cell::number(p.start_year.to_string())),
        ("years", Cell::number(p.years.to_string())),
        ("go_live", text(p.go_live.to_string())),
        (
            "rounding",
            text("exact; half away from zero, at output only".to_string()),
        ),
    ];
    let mut out = vec![header(&["key", "value"])];
    out.extend(rows.into_iter().map(|(k, v)| vec![Cell::text(k), v]));
    out
}

fn years(input: &ReportInput) -> Vec<Vec<Cell>> {
    let mut rows = vec![header(&[
        "year",
        "costs",
        "investment_costs",
        "operations_costs",
        "other_costs",
        "benefits",
        "financial_benefits",
        "reallocation_benefits",
        "net",
        "cumulative_net",
        "discount_factor",
        "planned_harvest",
    ])];
    for y in &input.calc.years {
        rows.push(vec![
            Cell::number(y.year.to_string()),
            Cell::number(money_plain(y.total_costs())),
            Cell::number(money_plain(y.costs[Category::Investment.index()])),
            Cell::number(money_plain(y.costs[Category::Operations.index()])),
            Cell::number(money_plain(y.costs[Category::Other.index()])),
            Cell::number(money_plain(y.total_benefits())),
            Cell::number(money_plain(y.financial_benefits)),
            Cell::number(money_plain(y.reallocation_benefits)),
            Cell::number(money_plain(y.net())),
            Cell::number(money_plain(y.cumulative_net)),
            Cell::number(rate_plain(y.discount_factor)),
            Cell::number(money_plain(y.planned_harvest)),
        ]);
    }
    rows
}

fn stakeholders(input: &ReportInput) -> Vec<Vec<Cell>> {
    let mut rows = vec![header(&[
        "id",
        "name",
        "costs",
        "benefits",
        "financial_benefits",
        "reallocation_benefits",
        "net",
        "npv",
        "planned_harvest",
    ])];
    for s in &input.calc.stakeholders {
        rows.push(vec![
            Cell::text(&s.id),
            Cell::text(&s.name),
            Cell::number(money_plain(s.costs())),
            Cell::number(money_plain(s.benefits())),
            Cell::number(money_plain(s.financial_benefits())),
            Cell::number(money_plain(s.reallocation_benefits())),
            Cell::number(money_plain(s.net())),
            Cell::number(money_plain(s.npv)),
            Cell::number(money_plain(s.planned_harvest())),
        ]);
    }
    rows
}

fn lines(input: &ReportInput) -> Vec<Vec<Cell>> {
    let p = input.project;
    let all: Vec<&Line> = p.lines().collect();
    let mut head = header(&[
        "id",
        "name",
        "kind",
        "category",
        "class",
        "confidence",
        "total",
        "pv",
        "switching_factor",
        "planned_harvest",
    ]);
    head.extend((0..p.years as i32).map(|i| Cell::text((p.start_year + i).to_string())));
    let mut rows = vec![head];
    for f in &input.calc.lines {
        let Some(line) = all.get(f.index) else { continue };
        let mut row = vec![
            Cell::opt_text(line.id.as_deref()),
            Cell::text(&line.name),
            Cell::text(if line.is_cost() { "cost" } else { "benefit" }),
            Cell::opt_text(line.category().map(Category::as_str)),
            Cell::opt_text(line.class().map(|c| c.as_str())),
            Cell::opt_text(line.benefit().map(|b| b.confidence.as_str())),
            Cell::number(money_plain(f.total)),
            Cell::number(money_plain(input.calc.line_pv(f))),
            Cell::opt_number(input.calc.switching_factor(p, f).map(rate_plain)),
            Cell::opt_number(f.harvest_by_year.as_ref().map(|_| money_plain(f.planned_harvest()))),
        ];
        row.extend(f.by_year.iter().map(|v| Cell::number(money_plain(*v))));
        rows.push(row);
    }
    rows
}

/// `line,name,owner,method,share,lag_months,year,benefit,planned_harvest`; `share` and
/// `lag_months` are empty for a benefit with an explicit `schedule`.
fn realisation(input: &ReportInput) -> Vec<Vec<Cell>> {
    let p = input.project;
    let all: Vec<&Line> = p.lines().collect();
    let mut rows = vec![header(&[
        "line",
        "name",
        "owner",
        "method",
        "share",
        "lag_months",
        "year",
        "benefit",
        "planned_harvest",
    ])];
    for f in &input.calc.lines {
        let Some(line) = all.get(f.index) else { continue };
        let (Some(r), Some(harvest)) = (line.realisation(), &f.harvest_by_year) else {
            continue;
        };
        let scheduled = r.schedule.is_some();
        for (i, benefit) in f.by_year.iter().enumerate() {
            rows.push(vec![
                Cell::text(line.key()),
                Cell::text(&line.name),
                Cell::opt_text(r.owner.as_deref()),
                Cell::opt_text(r.method.map(|m| m.as_str())),
                Cell::opt_number((!scheduled).then(|| rate_plain(r.share))),
                Cell::opt_number((!scheduled).then(|| r.lag_months.to_string())),
                Cell::number((p.start_year + i as i32).to_string()),
                Cell::number(money_plain(*benefit)),
                Cell::number(money_plain(harvest.get(i).copied().unwrap_or_default())),
            ]);
        }
    }
    rows
}

// ---------------------------------------------------------------------------------
// The follow-up (`nytta follow-up --format csv`) and its actuals template

/// One row per follow-up row: `line,name,kind,year,planned,actual,variance,variance_share`.
pub fn follow_up(project: &Project, fu: &FollowUp, style: CsvStyle) -> String {
    let lines: Vec<&Line> = project.lines().collect();
    let header = [
        "line",
        "name",
        "kind",
        "year",
        "planned",
        "actual",
        "variance",
        "variance_share",
        "comment",
    ];
    let mut rows = vec![header.iter().map(|h| Cell::text(*h)).collect::<Vec<_>>()];
    for r in &fu.rows {
        let Some(line) = lines.get(r.line) else { continue };
        rows.push(vec![
            Cell::text(line.key()),
            Cell::text(&line.name),
            Cell::text(kind_cell(r.kind, style)),
            Cell::number(r.year.to_string()),
            Cell::number(money_plain(r.planned)),
            Cell::opt_number(r.actual.map(money_plain)),
            Cell::opt_number(r.variance().map(money_plain)),
            Cell::opt_number(r.variance_share().map(rate_plain)),
            Cell::opt_text(r.comment.as_deref()),
        ]);
    }
    write_rows(&for_people(rows, style), style)
}

/// A follow-up row's kind: the key (`cost`, `benefit`, `harvest`) for scripts, the word
/// in the reader's language with `--excel`, under its worded heading.
fn kind_cell(kind: ActualKind, style: CsvStyle) -> &'static str {
    use crate::report::labels::Label as L;
    if !style.excel {
        return kind.as_str();
    }
    match kind {
        ActualKind::Cost => L::Cost.text(style.lang),
        ActualKind::Benefit => L::Benefit2.text(style.lang),
        ActualKind::Harvest => L::Harvest.text(style.lang),
    }
}

/// The actuals CSV to fill in: `line,name,kind,year,planned,amount,comment`, one row per
/// monetised line, kind and year from the start to `last_year` (at most the last year
/// of the horizon), with the line's name, the plan, and `amount` and `comment` empty to
/// fill in (`amount` is not prefilled with the plan: a row left as it was would read
/// back as "as planned" and hide a missing actual, W203). Benefit and harvest years
/// before the go-live year are left out where nothing is planned. The actuals reader
/// ignores `name` and `planned` and skips rows left empty, so the filled-in file reads
/// straight back.
pub fn follow_up_template(project: &Project, base: &Calculation, last_year: i32, style: CsvStyle) -> String {
    let lines: Vec<&Line> = project.lines().collect();
    let last_year = last_year.min(project.end_year() - 1);
    let go_live_year = project.go_live.year();
    let header = ["line", "name", "kind", "year", "planned", "amount", "comment"];
    let mut rows = vec![header.iter().map(|h| Cell::text(*h)).collect::<Vec<_>>()];
    for figures in &base.lines {
        let Some(line) = lines.get(figures.index).filter(|l| l.is_monetised()) else {
            continue;
        };
        let mut kinds = vec![(ActualKind::of_line(line), &figures.by_year)];
        if let Some(h) = &figures.harvest_by_year {
            kinds.push((ActualKind::Harvest, h));
        }
        for (kind, planned_by_year) in kinds {
            for year in project.start_year..=last_year {
                let planned = usize::try_from(year - project.start_year)
                    .ok()
                    .and_then(|i| planned_by_year.get(i))
                    .copied()
                    .unwrap_or_default();
                if kind != ActualKind::Cost && year < go_live_year && planned.is_zero() {
                    continue;
                }
                rows.push(vec![
                    Cell::text(line.key()),
                    Cell::text(&line.name),
                    Cell::text(kind.as_str()),
                    Cell::number(year.to_string()),
                    Cell::number(money_plain(planned)),
                    Cell::Empty,
                    Cell::Empty,
                ]);
            }
        }
    }
    write_rows(&rows, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+46 8 123"), "'+46 8 123");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-1735.54"), "-1735.54");
        assert_eq!(neutralise("Bygglov"), "Bygglov");
    }

    #[test]
    fn excel_style_uses_semicolons_decimal_comma_and_bom() {
        let rows = vec![
            vec![Cell::text("name"), Cell::text("npv")],
            vec![Cell::text("=1+1"), Cell::number("-1735.54")],
        ];
        assert_eq!(
            write_rows(
                &rows,
                CsvStyle {
                    excel: false,
                    ..Default::default()
                }
            ),
            "name,npv\r\n'=1+1,-1735.54\r\n"
        );
        assert_eq!(
            write_rows(
                &rows,
                CsvStyle {
                    excel: true,
                    ..Default::default()
                }
            ),
            "\u{feff}name;npv\r\n'=1+1;-1735,54\r\n"
        );
    }

    #[test]
    fn realisation_rows_per_benefit_and_year() {
        use crate::report::Lang;
        use crate::report::document::fixtures::{SMALL, calc, project};
        let csv_of = |text: &str| {
            let p = project(text);
            let c = calc(&p);
            let input = ReportInput {
                project: &p,
                calc: &c,
                findings: &[],
                realism: None,
                lang: Lang::Sv,
            };
            render(&input, Section::Realisation, CsvStyle::default()).expect("a table")
        };
        assert_eq!(
            csv_of(SMALL),
            "line,name,owner,method,share,lag_months,year,benefit,planned_harvest\r\n\
             Porto,Porto,Ekonomichef,budget_reduction,0.500000,0,2010,90000.00,45000.00\r\n\
             Porto,Porto,Ekonomichef,budget_reduction,0.500000,0,2011,120000.00,60000.00\r\n\
             Porto,Porto,Ekonomichef,budget_reduction,0.500000,0,2012,120000.00,60000.00\r\n"
        );
        // A schedule replaces share and lag.
        let scheduled = csv_of(&SMALL.replace("share = 0.5", "schedule = { 2011 = 50000 }"));
        assert!(
            scheduled.contains("Porto,Porto,Ekonomichef,budget_reduction,,,2011,120000.00,50000.00\r\n"),
            "{scheduled}"
        );
        // No realisation, no rows.
        let none = csv_of(&SMALL.replace(
            "[benefits.realisation]\nowner = \"Ekonomichef\"\nmethod = \"budget_reduction\"\nshare = 0.5\n",
            "",
        ));
        assert_eq!(none.lines().count(), 1, "{none}");
    }
}
