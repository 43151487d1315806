//! The terminal report (`nytta report FILE`, the default): headings and comfy-table
//! grids, laid out for a page `width` characters wide. The CLI passes the terminal's
//! width when stdout is a terminal and [`PIPED_WIDTH`] otherwise (or `--width N`), so
//! piped output is the same everywhere (docs/decisions.md, D72). Within that width, a
//! table with a column per year is split into blocks of years, each repeating the item
//! column ([`Grid::split`]); other wide tables wrap their text columns, never their
//! numbers. No colours.

use super::document::{self, Align, Block, Document, Grid};
use super::visible::visible;
use super::{ReportInput, Section};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

/// Paragraphs are wrapped at this many characters at most.
const TEXT_WIDTH: usize = 100;

/// The page width when the output is not a terminal (piped or written to a file):
/// fixed, so that the same input gives the same bytes everywhere.
pub const PIPED_WIDTH: usize = 100;

/// The narrowest page laid out for; a smaller width is taken as this.
pub const MIN_WIDTH: usize = 40;

/// Render the report for a terminal [`PIPED_WIDTH`] wide.
pub fn render(input: &ReportInput) -> String {
    render_at(input, PIPED_WIDTH)
}

/// Render the report for a terminal `width` characters wide.
pub fn render_at(input: &ReportInput, width: usize) -> String {
    render_document_at(&super::builder::report::build(input), width)
}

/// Render one section for a terminal [`PIPED_WIDTH`] wide, under the title and the
/// project facts. [`Section::Realisation`] is a stand-alone benefit realisation plan
/// (nyttorealiseringsplan).
pub fn render_section(input: &ReportInput, section: Section) -> String {
    render_section_at(input, section, PIPED_WIDTH)
}

/// [`render_section`] for a terminal `width` characters wide.
pub fn render_section_at(input: &ReportInput, section: Section, width: usize) -> String {
    render_document_at(&super::builder::report::build_section(input, section), width)
}

/// Render any document for a terminal [`PIPED_WIDTH`] wide.
pub fn render_document(doc: &Document) -> String {
    render_document_at(doc, PIPED_WIDTH)
}

/// Render any document for a terminal `width` characters wide. Control characters in
/// its text are made visible first ([`super::visible`]), so that widths and wrapping
/// see what is shown.
pub fn render_document_at(doc: &Document, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let text_width = width.min(TEXT_WIDTH);
    let doc = &visible_document(doc);
    let mut out = String::new();
    underline(&mut out, &doc.title, '═');
    let label_width = doc
        .facts
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &doc.facts {
        let pad = label_width - label.chars().count();
        out.push_str(&format!("{label}:{} {value}\n", " ".repeat(pad)));
    }
    if let Some(description) = &doc.description {
        out.push('\n');
        out.push_str(&wrap(description, text_width));
        out.push('\n');
    }
    for section in &doc.chapters {
        out.push('\n');
        underline(&mut out, &section.heading, '─');
        for (i, block) in section.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            match block {
                Block::Text(text) => {
                    out.push_str(&wrap(text, text_width));
                    out.push('\n');
                }
                Block::Grid(grid) => {
                    if let Some(caption) = &grid.caption {
                        out.push_str(caption);
                        out.push('\n');
                    }
                    for (k, part) in grid.split(drawn_widths, 3, width).iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        out.push_str(&grid_table(part, width));
                        out.push('\n');
                    }
                }
                Block::Chart(_) => {}
            }
        }
    }
    out
}

/// The document with every text made visible ([`super::visible::visible`]).
fn visible_document(doc: &Document) -> Document {
    let v = |s: &String| visible(s).into_owned();
    Document {
        title: v(&doc.title),
        facts: doc.facts.iter().map(|(l, x)| (v(l), v(x))).collect(),
        description: doc.description.as_ref().map(v),
        chapters: doc
            .chapters
            .iter()
            .map(|section| document::Chapter {
                heading: v(&section.heading),
                blocks: section
                    .blocks
                    .iter()
                    .map(|block| match block {
                        Block::Text(text) => Block::Text(v(text)),
                        Block::Chart(chart) => Block::Chart(chart.clone()),
                        Block::Grid(grid) => Block::Grid(Grid {
                            caption: grid.caption.as_ref().map(v),
                            columns: grid
                                .columns
                                .iter()
                                .map(|c| document::Column {
                                    header: v(&c.header),
                                    ..c.clone()
                                })
                                .collect(),
                            rows: grid
                                .rows
                                .iter()
                                .map(|r| document::Row {
                                    cells: r.cells.iter().map(v).collect(),
                                    total: r.total,
                                })
                                .collect(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A heading with a line of `ch` under it, as wide as the heading.
fn underline(out: &mut String, text: &str, ch: char) {
    out.push_str(text);
    out.push('\n');
    out.extend(std::iter::repeat_n(ch, text.chars().count()));
    out.push('\n');
}

/// The longest word of a column's header and cells, up to
/// [`document::LONGEST_WHOLE_WORD`]: text is not wrapped narrower than this.
fn longest_word(grid: &Grid, i: usize) -> usize {
    grid.rows
        .iter()
        .filter_map(|r| r.cells.get(i))
        .chain(grid.columns.get(i).map(|c| &c.header))
        .flat_map(|t| {
            glue(t)
                .lines()
                .flat_map(|l| words(l).flat_map(|w| w.split_inclusive('/')).map(|w| w.chars().count()))
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(1)
        .min(document::LONGEST_WHOLE_WORD)
}

/// A table of text rows for the terminal, laid out as the report's grids (split into
/// blocks of years or columns to fit `width`, text wrapped, numbers whole): for the
/// batch, stakeholder and portfolio tables, whose rows come one by one.
pub(crate) struct Rows {
    grid: Grid,
    width: usize,
}

impl Rows {
    /// Columns before `numeric_from` hold text, the others numbers; a column headed by
    /// a year is a period ([`Grid::split`]). Laid out for [`PIPED_WIDTH`] until
    /// [`Rows::width`] says otherwise.
    pub(crate) fn new(header: Vec<&str>, numeric_from: usize) -> Self {
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let year = h.len() == 4 && h.bytes().all(|b| b.is_ascii_digit());
                match (i < numeric_from, year) {
                    (true, _) => document::left(h),
                    (false, true) => document::period(h),
                    (false, false) => document::right(h),
                }
            })
            .collect();
        Rows {
            grid: Grid::new(columns),
            width: PIPED_WIDTH,
        }
    }

    /// Lay the table out for a page `width` characters wide.
    pub(crate) fn width(mut self, width: usize) -> Self {
        self.width = width.max(MIN_WIDTH);
        self
    }

    /// Add a row of cells, control characters made visible.
    pub(crate) fn add_row(&mut self, cells: Vec<String>) {
        self.grid.row(cells.iter().map(|c| visible(c).into_owned()).collect());
    }
}

impl std::fmt::Display for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = self.grid.split(drawn_widths, 3, self.width);
        let text: Vec<String> = parts.iter().map(|g| grid_table(g, self.width)).collect();
        f.write_str(&text.join("\n\n"))
    }
}

/// Each column's width as a page needs it at least: numbers as drawn (they never
/// wrap), text (wrapped) at most [`document::TEXT_MIN_WIDTH`] wide or its longest word,
/// since the table wraps text to fit.
fn drawn_widths(grid: &Grid) -> Vec<usize> {
    let longest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    grid.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = grid
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|cell| match c.wrap {
                    Some(w) => longest(&wrap(cell, w)),
                    None => longest(cell),
                });
            let full = cells.chain([longest(&c.header)]).max().unwrap_or(0);
            match c.align {
                Align::Right => full,
                Align::Left => full.min(document::TEXT_MIN_WIDTH.max(longest_word(grid, i))),
            }
        })
        .collect()
}

fn grid_table(grid: &Grid, width: usize) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .force_no_tty();
    // Figures are glued while the table wraps its text, so that `800 000 kr` is never
    // split over two lines, and a path in a text column may break after a `/`; the drawn
    // page has plain spaces again and no mark where a line could have broken.
    let cell = |text: &str, column: Option<&document::Column>| {
        let glued = glue(text);
        match column
            .filter(|c| c.align == Align::Left)
            .and_then(|_| breakable(&glued))
        {
            Some(marked) => Cell::new(marked).set_delimiter(BREAK),
            None => Cell::new(glued),
        }
    };
    table.set_header(
        grid.columns
            .iter()
            .map(|c| cell(&c.header, Some(c)))
            .collect::<Vec<_>>(),
    );
    for row in &grid.rows {
        table.add_row(
            row.cells
                .iter()
                .enumerate()
                .map(|(i, c)| cell(c, grid.columns.get(i)))
                .collect::<Vec<_>>(),
        );
    }
    for (i, column) in grid.columns.iter().enumerate() {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(match column.align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
            if column.align == Align::Right {
                // Numbers are never wrapped; only text gives way to a narrow page.
                c.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                // Text is wrapped at its width (with padding) or narrower, but not so
                // narrow that its words break.
                let word = longest_word(grid, i);
                let fixed = |n: usize| Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX));
                let lower = fixed(word);
                c.set_constraint(match column.wrap {
                    Some(most) => ColumnConstraint::Boundaries {
                        lower,
                        upper: fixed(most.max(word)),
                    },
                    None => ColumnConstraint::LowerBoundary(lower),
                });
            }
        }
    }
    unglue(&table.to_string()).replace(BREAK, "")
}

/// Where a line of a table cell may break when it holds a path: a zero-width space, the
/// cell's delimiter instead of the plain space ([`breakable`]).
const BREAK: char = '\u{200b}';

/// A text with a path in it (a word with a `/` inside), marked with [`BREAK`] after each
/// `/` and each space, so that a narrow column breaks `examples/bokningssystem.toml`
/// after the folder, not inside a name. `None` for other text, which breaks at its
/// spaces as usual (the table counts a zero-width mark as one character, so marking
/// every cell would wrap prose early).
fn breakable(text: &str) -> Option<String> {
    if !text.split([' ', '\n']).any(|w| w.trim_end_matches('/').contains('/')) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 12);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '/' | ' ') && chars.peek().is_some_and(|n| !matches!(n, '/' | ' ' | '\n')) {
            out.push(BREAK);
        }
    }
    Some(out)
}

/// Wrap text at word boundaries to lines of at most `width` characters (a longer word
/// stays whole). Existing line breaks are kept. A figure is never broken: `800 000 kr`
/// and `72 %` stay on one line ([`glue`]).
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    for paragraph in glue(text).lines() {
        let mut line = String::new();
        let mut len = 0;
        for word in words(paragraph) {
            let n = word.chars().count();
            if len > 0 && len + 1 + n > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += n;
        }
        lines.push(line);
    }
    unglue(&lines.join("\n"))
}

/// A no-break space: what [`glue`] puts between the parts of one figure while a table
/// is laid out, and [`unglue`] takes away again.
pub(crate) const GLUE: char = '\u{a0}';

/// The spaces inside a figure made unbreakable for layout: between digit groups
/// (`6 403 223`), before a percent sign (`72 %`) and before `kr` (`800 000 kr`).
pub(crate) fn glue(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let inside = |i: usize| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = &bytes[i + 1..];
        before.is_some_and(u8::is_ascii_digit)
            && (after.first().is_some_and(|b| b.is_ascii_digit() || *b == b'%')
                || (after.starts_with(b"kr") && !after.get(2).is_some_and(u8::is_ascii_alphanumeric)))
    };
    if !bytes.iter().enumerate().any(|(i, b)| *b == b' ' && inside(i)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        out.push(if c == ' ' && inside(i) { GLUE } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// Glued spaces back to plain ones: the page reads as it was written.
fn unglue(text: &str) -> String {
    text.replace(GLUE, " ")
}

/// A line's words for wrapping: split at plain spaces only, so a glued figure is one word.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split([' ', '\t']).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic};
    use crate::engine::Calculation;
    use crate::model::Project;
    use crate::report::Lang;
    use crate::report::document::fixtures::{SMALL, calc, project};

    fn report(p: &Project, c: &Calculation, findings: &[Diagnostic], lang: Lang) -> String {
        render(&ReportInput {
            project: p,
            calc: c,
            findings,
            realism: None,
            lang,
        })
    }

    fn line_with<'a>(out: &'a str, start: &str) -> &'a str {
        out.lines()
            .find(|l| l.trim_start_matches('│').trim_start().starts_with(start))
            .unwrap_or("")
    }

    #[test]
    fn swedish_small_project() {
        let p = project(SMALL);
        let c = calc(&p);
        let out = report(&p, &c, &[], Lang::Sv);
        assert!(out.starts_with("Nyttokalkyl: E-tjänst för bygglov\n"), "{out}");
        assert!(out.contains("Diarienummer: BN-2010-7"), "{out}");
        assert!(out.contains("Kalkylperiod: 2010–2012 (3 år)"), "{out}");
        assert!(out.contains("Driftstart:   2010-04"), "{out}");
        // Summary, hand-worked in the engine tests: NPV −1 735,54, PV benefits 298 264,46.
        assert!(line_with(&out, "Investering").contains("300 000 kr"), "{out}");
        assert!(line_with(&out, "Summa nytta").contains("330 000 kr"), "{out}");
        assert!(line_with(&out, "Netto (nytta").contains("30 000 kr"), "{out}");
        assert!(line_with(&out, "Kalkylränta").contains("10 %"), "{out}");
        assert!(!line_with(&out, "Kalkylränta").contains("standard"), "{out}");
        assert!(line_with(&out, "Nettonuvärde (NPV)").contains("-1 736 kr"), "{out}");
        assert!(line_with(&out, "Nuvärde nytta").contains("298 264 kr"), "{out}");
        // No high-confidence benefits: NPV = −PV costs = −300 000.
        assert!(
            line_with(&out, "Nettonuvärde, endast nytta med hög").contains("-300 000 kr"),
            "{out}"
        );
        assert!(line_with(&out, "Nytta/kostnad").contains("0,99"), "{out}");
        assert!(line_with(&out, "Internränta").contains("9,4 %"), "{out}");
        assert!(
            line_with(&out, "Återbetalningstid").contains("2012-09 (2,8 år)"),
            "{out}"
        );
        // Harvest: half of 90 000 + 120 000 + 120 000 = 165 000, 50 %.
        assert!(line_with(&out, "Planerad hemtagning").contains("165 000 kr"), "{out}");
        assert!(line_with(&out, "Hemtagningsgrad").contains("50 %"), "{out}");
        // Year by year: 2010 net −210 000, factor 1; 2011 factor 1/1,1; cumulative +30 000.
        // Years as columns (Inera's layout): one row per item.
        assert!(line_with(&out, "Ackumulerat netto").contains("-210 000"), "{out}");
        let factors = line_with(&out, "Diskonteringsfaktor ");
        assert!(
            factors.contains("1,0000") && factors.contains("0,9091") && factors.contains("0,8264"),
            "{factors}"
        );
        assert!(line_with(&out, "Ackumulerat netto").contains("30 000"), "{out}");
        // Realisation plan: owner, method, share, untaken 165 000.
        let plan = out.lines().find(|l| l.contains("Ekonomichef")).unwrap_or("");
        assert!(
            plan.contains("besparingskrav") && plan.contains("50 %") && plan.contains("0 mån"),
            "{plan}"
        );
        // At 100 characters the plan is split: the amounts are in a second block.
        assert!(
            out.lines()
                .any(|l| line_with(l, "Porto") == l && l.contains("330 000") && l.contains("165 000")),
            "{out}"
        );
        // Qualitative, tornado (±50 % of PV 298 264,46 around −1 735,54), findings.
        assert!(out.contains("NKI") && out.contains("Enkät"), "{out}");
        assert!(out.contains("-150 868") && out.contains("147 397"), "{out}");
        assert!(out.contains("Fakturor 2009"), "{out}");
        assert!(out.contains("Inga anmärkningar."), "{out}");
    }

    #[test]
    fn english_small_project_with_findings() {
        let p = project(SMALL);
        let c = calc(&p);
        let findings = [Diagnostic::new(Code::W103, "benefit \"Porto\" has no owner")
            .at("benefits[0]")
            .hint("add an owner")];
        let out = report(&p, &c, &findings, Lang::En);
        assert!(out.starts_with("Benefit calculation: E-tjänst för bygglov\n"), "{out}");
        assert!(line_with(&out, "Investment ").contains("300,000 kr"), "{out}");
        assert!(line_with(&out, "Net present value").contains("-1,736 kr"), "{out}");
        assert!(line_with(&out, "Internal rate").contains("9.4%"), "{out}");
        assert!(line_with(&out, "Payback").contains("2012-09 (2.8 years)"), "{out}");
        assert!(line_with(&out, "Harvest share").contains("50%"), "{out}");
        assert!(line_with(&out, "Discount factor ").contains("0.9091"), "{out}");
        assert!(out.contains("budget reduction"), "{out}");
        assert!(out.contains("-150,868") && out.contains("147,397"), "{out}");
        let finding = line_with(&out, "W103");
        assert!(
            finding.contains("Porto") && !finding.contains("benefits[0]") && finding.contains("has no owner"),
            "{finding}"
        );
        assert!(finding.contains("add an owner"), "{finding}");
        assert!(!out.contains("No findings"), "{out}");
    }

    #[test]
    fn default_rate_and_missing_values_on_an_empty_project() {
        let p = project(
            "format = 1\n[project]\nname = \"Tom\"\norganisation = \"Kommunen\"\nstart_year = 2020\nyears = 1\n",
        );
        let c = calc(&p);
        for lang in [Lang::Sv, Lang::En] {
            let out = report(&p, &c, &[], lang);
            let rate = line_with(&out, lang.pick("Kalkylränta", "Discount rate"));
            assert!(
                rate.contains(lang.pick("3 % (standard 3 %)", "3% (default 3%)")),
                "{out}"
            );
            assert!(
                line_with(&out, lang.pick("Nytta/kostnad", "Benefit-cost")).contains('–'),
                "{out}"
            );
            assert!(
                line_with(&out, lang.pick("Internränta", "Internal rate")).contains('–'),
                "{out}"
            );
            assert!(
                line_with(&out, lang.pick("Hemtagningsgrad", "Harvest share")).contains('–'),
                "{out}"
            );
            assert!(
                out.contains(lang.pick("Inga kvalitativa nyttor.", "No qualitative benefits.")),
                "{out}"
            );
            assert!(out.contains(lang.pick("Inga anmärkningar.", "No findings.")), "{out}");
            assert!(out.contains(lang.pick("2020 (1 år)", "2020 (1 year)")), "{out}");
        }
    }

    #[test]
    fn two_stakeholders_get_yearly_tables() {
        let p = project(
            r#"format = 1
[project]
name = "Delad tjänst"
organisation = "Stadsledningskontoret"
start_year = 2011
years = 2
[[stakeholders]]
id = "slk"
name = "Stadsledningskontoret"
[[stakeholders]]
id = "sdf"
name = "Stadsdelsförvaltningen"
[[costs]]
name = "Licens"
category = "operations"
annual = 100000
stakeholder = { slk = 0.6, sdf = 0.4 }
[[benefits]]
name = "Frigjord tid"
class = "reallocation"
annual = 200000
stakeholder = "sdf"
"#,
        );
        let c = calc(&p);
        let out = report(&p, &c, &[], Lang::Sv);
        // slk: costs 60 000 a year; sdf: costs 40 000 and benefits 200 000 a year.
        // The summary may be split in blocks at 100 characters: read every row of a name.
        let rows_of = |name: &str| -> String {
            out.lines()
                .filter(|l| line_with(l, name) == *l)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let slk = rows_of("Stadsledningskontoret ");
        assert!(slk.contains("120 000") && slk.contains("-120 000"), "{out}");
        let sdf = rows_of("Stadsdelsförvaltningen ");
        assert!(
            sdf.contains("80 000") && sdf.contains("400 000") && sdf.contains("320 000"),
            "{out}"
        );
        // A yearly table per stakeholder, captioned with its name.
        assert!(out.contains("\nStadsdelsförvaltningen\n"), "{out}");
        // Years as columns: sdf's net is 160 000 a year, 320 000 in all.
        let net = out
            .lines()
            .filter(|l| line_with(l, "Netto ") == *l)
            .find(|l| l.contains("160 000"))
            .unwrap_or("");
        assert!(net.contains("320 000"), "{out}");
        // Rendering twice gives the same text.
        assert_eq!(out, report(&p, &c, &[], Lang::Sv));
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("a bb ccc dddd", 6), "a bb\nccc\ndddd");
        assert_eq!(wrap("ett\ntvå", 80), "ett\ntvå");
        assert_eq!(wrap("", 10), "");
    }

    #[test]
    fn wrap_never_breaks_a_figure() {
        // Each of these breaks at the marked space without the glue.
        assert_eq!(wrap("på 800 000 kr", 7), "på\n800 000 kr");
        assert_eq!(wrap("om 72 % av nyttan", 5), "om\n72 %\nav\nnyttan");
        assert_eq!(wrap("NPV -821 502 kr utan", 8), "NPV\n-821 502 kr\nutan");
        // Not a figure: a number before a word, and `kr` inside a word.
        assert_eq!(wrap("12 månader", 5), "12\nmånader");
        assert_eq!(wrap("5 krav", 3), "5\nkrav");
    }

    #[test]
    fn a_department_name_is_never_cut() {
        // 29 letters, wider than a split grid's names (24): kept whole, the column widens.
        let mut grid = Grid::new(vec![
            document::wrapped("Intressent", document::SPLIT_NAME_WIDTH),
            document::wrapped("Metod", 20),
            document::right("2027"),
            document::right("2028"),
        ]);
        grid.row(vec![
            "Samhällsbyggnadsförvaltningen".into(),
            "besparingskrav".into(),
            "0".into(),
            "45 409".into(),
        ]);
        let text = grid_table(&grid, 100);
        assert!(text.contains("Samhällsbyggnadsförvaltningen"), "{text}");
    }

    #[test]
    fn a_path_breaks_after_its_folder_not_inside_a_name() {
        let mut rows = Rows::new(vec!["Namn", "Källa"], 2).width(44);
        rows.add_row(vec![
            "Bokningssystem för idrottsanläggningar".into(),
            "examples/bokningssystem.toml".into(),
        ]);
        let text = rows.to_string();
        assert!(text.contains("bokningssystem.toml"), "a name broken in\n{text}");
        assert!(
            text.contains("examples/ "),
            "the folder not on a line of its own in\n{text}"
        );
        assert!(!text.contains('\u{200b}'), "a break mark left in\n{text}");
        // Wide enough, the path stays on one line.
        let mut rows = Rows::new(vec!["Källa"], 1).width(80);
        rows.add_row(vec!["examples/bokningssystem.toml".into()]);
        assert!(
            rows.to_string().contains("│ examples/bokningssystem.toml │"),
            "{}",
            rows.to_string()
        );
    }

    #[test]
    fn a_narrow_table_keeps_figures_whole_in_its_text() {
        // At some of these widths a line of the text would end inside a figure.
        for width in 30..=60 {
            let mut rows = Rows::new(vec!["Kod", "Anmärkning"], 2).width(width);
            rows.add_row(vec![
                "W116".into(),
                "drift och förvaltning kostar i genomsnitt 5 000 kr om året, 0,63 % av investeringen på 800 000 kr"
                    .into(),
            ]);
            let text = rows.to_string();
            for figure in ["5 000 kr", "0,63 %", "800 000 kr"] {
                assert!(text.contains(figure), "{figure} broken at width {width} in\n{text}");
            }
            assert!(!text.contains('\u{a0}'), "a no-break space left in\n{text}");
        }
    }

    #[test]
    fn one_section_and_the_realisation_plan() {
        let p = project(SMALL);
        let c = calc(&p);
        let input = ReportInput {
            project: &p,
            calc: &c,
            findings: &[],
            realism: None,
            lang: Lang::Sv,
        };
        let plan = render_section(&input, Section::Realisation);
        assert!(
            plan.starts_with("Nyttorealiseringsplan: E-tjänst för bygglov\n═"),
            "{plan}"
        );
        assert!(
            plan.contains("Planerad hemtagning: 165 000 kr (50 % av den värderade nyttan)"),
            "{plan}"
        );
        let demand = line_with(&plan, "Byggnadsnämnden");
        assert!(
            demand.contains("besparingskrav") && demand.contains("165 000"),
            "{plan}"
        );
        assert!(line_with(&plan, "2011 ").contains("35,0 %"), "{plan}");
        assert!(!plan.contains("Sammanfattning"), "{plan}");
        let summary = render_section(&input, Section::Summary);
        assert!(summary.contains("\nSammanfattning\n──"), "{summary}");
        assert!(
            !summary.contains("År för år") && !summary.contains("Vinsthemtagning"),
            "{summary}"
        );
    }
}
