//! `--format markdown`: the whole report as GitHub-flavoured Markdown, ready to paste
//! into an application (ansökan). Same content and labels as the terminal table.

use super::document::{self, Align, Block, Document, Grid};
use super::visible::visible;
use super::{ReportInput, Section};

/// Render the report as Markdown.
pub fn render(input: &ReportInput) -> String {
    render_document(&super::builder::report::build(input))
}

/// Render one section as Markdown, under the title and the project facts.
/// [`Section::Realisation`] is a stand-alone benefit realisation plan (nyttorealiseringsplan).
pub fn render_section(input: &ReportInput, section: Section) -> String {
    render_document(&super::builder::report::build_section(input, section))
}

/// Render any document as Markdown.
pub fn render_document(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", one_line(&escape(&doc.title)));
    for (label, value) in &doc.facts {
        out.push_str(&format!("- **{}:** {}\n", escape(label), one_line(&escape(value))));
    }
    if let Some(description) = &doc.description {
        out.push('\n');
        out.push_str(&paragraph(description));
        out.push('\n');
    }
    for section in &doc.chapters {
        out.push_str(&format!("\n## {}\n", one_line(&escape(&section.heading))));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Text(text) => {
                    out.push_str(&paragraph(text));
                    out.push('\n');
                }
                Block::Grid(grid) => {
                    if let Some(caption) = &grid.caption {
                        out.push_str(&format!("### {}\n\n", one_line(&escape(caption))));
                    }
                    // Split into blocks of years (or columns) a page wide.
                    let parts = grid.split(measure, 3, PAGE_WIDTH);
                    for (k, part) in parts.iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        out.push_str(&pipe_table(part));
                    }
                }
                Block::Chart(_) => {}
            }
        }
    }
    out
}

/// Markdown tables are split into blocks of years (or of columns) no wider than this, as
/// a piped terminal report (docs/decisions.md, D72), so that they paste into an
/// application's page; text is counted at most [`document::TEXT_MIN_WIDTH`] wide, since
/// the reader's renderer wraps it.
const PAGE_WIDTH: usize = 100;

/// Each column's width as the page needs it: numbers whole, text (which the reader's
/// renderer wraps) at most [`document::TEXT_MIN_WIDTH`].
fn measure(grid: &Grid) -> Vec<usize> {
    (0..grid.columns.len())
        .map(|i| {
            let column = &grid.columns[i];
            let cells = grid.rows.iter().filter_map(|r| r.cells.get(i)).map(|c| width(c));
            let full = cells.chain([width(&join_header(&column.header))]).max().unwrap_or(0);
            match column.align {
                Align::Right => full,
                Align::Left => full.min(document::TEXT_MIN_WIDTH),
            }
        })
        .collect()
}

/// A pipe table with padded columns; number columns are right-aligned (`---:`) and
/// total rows are bold.
fn pipe_table(grid: &Grid) -> String {
    let header: Vec<String> = grid.columns.iter().map(|c| escape(&join_header(&c.header))).collect();
    let rows: Vec<Vec<String>> = grid
        .rows
        .iter()
        .map(|row| {
            (0..grid.columns.len())
                .map(|i| {
                    let cell = row.cells.get(i).map(|c| cell_text(c)).unwrap_or_default();
                    if row.total && !cell.is_empty() {
                        format!("**{cell}**")
                    } else {
                        cell
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..grid.columns.len())
        .map(|i| {
            let cells = rows.iter().map(|r| width(&r[i]));
            cells.chain([width(&header[i]), 4]).max().unwrap_or(4)
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        out.push('|');
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(width(cell)));
            match grid.columns[i].align {
                Align::Left => out.push_str(&format!(" {cell}{pad} |")),
                Align::Right => out.push_str(&format!(" {pad}{cell} |")),
            }
        }
        out.push('\n');
    };
    line(&mut out, &header);
    out.push('|');
    for (i, column) in grid.columns.iter().enumerate() {
        let dashes = "-".repeat(widths[i] - 1);
        match column.align {
            Align::Left => out.push_str(&format!(" {dashes}- |")),
            Align::Right => out.push_str(&format!(" {dashes}: |")),
        }
    }
    out.push('\n');
    for row in &rows {
        line(&mut out, row);
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A two-line terminal header as one line: `Drift och\nförvaltning` → `Drift och
/// förvaltning`, `Omfördel-\nningsnytta` → `Omfördelningsnytta`.
fn join_header(header: &str) -> String {
    header.replace("-\n", "").replace('\n', " ")
}

/// A cell's text: escaped, line breaks as `<br>`.
fn cell_text(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| escape(l.trim())).collect();
    lines.join("<br>")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Free text as a paragraph: escaped, and a line that would start a heading, list,
/// setext underline or numbered list is escaped at its start (a quote's `>` is escaped
/// everywhere); blank lines separate paragraphs.
fn paragraph(text: &str) -> String {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| {
            let l = escape(l.trim());
            if l.starts_with(['#', '-', '+', '=']) {
                format!("\\{l}")
            } else {
                escape_numbered_list(l)
            }
        })
        .collect();
    lines.join("\n")
}

/// `1. text` or `1) text` at the start of a line would start a numbered list.
fn escape_numbered_list(line: String) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
        _ => line,
    }
}

/// Escape what Markdown would read as formatting, a link or image (`[`, `]`), HTML or
/// an autolink (`<`, `>`), a quote, or a table cell boundary; control characters are
/// made visible ([`super::visible`]). User text (names, sources, owners, notes) so
/// never becomes a live link, a tracking image or HTML.
fn escape(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '~') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The rows of every table in Markdown `out`, cells trimmed, with the blocks of a split
/// table (consecutive tables with the same first header cell and as many rows) joined
/// back into whole rows: for tests.
#[cfg(test)]
pub(crate) fn joined_rows(out: &str) -> Vec<Vec<String>> {
    let mut tables: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    let mut current: Vec<Vec<String>> = Vec::new();
    let mut last_line = 0;
    let lines: Vec<&str> = out.lines().collect();
    let flush = |current: &mut Vec<Vec<String>>, end: usize, tables: &mut Vec<(usize, Vec<Vec<String>>)>| {
        if current.is_empty() {
            return;
        }
        let table = std::mem::take(current);
        if let Some((prev_end, prev)) = tables.last_mut()
            && end - table.len() == *prev_end + 1
            && prev.len() == table.len()
            && prev.first().and_then(|r| r.first()) == table.first().and_then(|r| r.first())
        {
            for (row, more) in prev.iter_mut().zip(table) {
                row.extend(more.into_iter().skip(1));
            }
            *prev_end = end;
        } else {
            tables.push((end, table));
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('|') {
            current.push(
                line.trim_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().to_string())
                    .collect(),
            );
            last_line = i;
        } else {
            flush(&mut current, last_line + 1, &mut tables);
        }
    }
    flush(&mut current, last_line + 1, &mut tables);
    tables.into_iter().flat_map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic};
    use crate::engine::Calculation;
    use crate::model::Project;
    use crate::report::document::fixtures::{SHARED, SMALL, calc, project};
    use crate::report::{Lang, Section};

    fn report(p: &Project, c: &Calculation, findings: &[Diagnostic], lang: Lang) -> String {
        render(&ReportInput {
            project: p,
            calc: c,
            findings,
            realism: None,
            lang,
        })
    }

    /// The first table row whose first cell is `first`, as its trimmed cells.
    fn row(out: &str, first: &str) -> Vec<String> {
        row_with(out, first, first)
    }

    /// The first table row whose first cell is `first` and that has a cell `cell`.
    fn row_with(out: &str, first: &str, cell: &str) -> Vec<String> {
        joined_rows(out)
            .into_iter()
            .find(|cells| cells.first().is_some_and(|c| c == first) && cells.iter().any(|c| c == cell))
            .unwrap_or_default()
    }

    #[test]
    fn swedish_small_project() {
        let p = project(SMALL);
        let c = calc(&p);
        let out = report(&p, &c, &[], Lang::Sv);
        assert!(
            out.starts_with("# Nyttokalkyl: E-tjänst för bygglov\n\n- **Diarienummer:** BN-2010-7\n"),
            "{out}"
        );
        assert!(out.contains("- **Kalkylperiod:** 2010–2012 (3 år)\n"), "{out}");
        for heading in [
            "Sammanfattning",
            "År för år",
            "Per intressent",
            "Vinsthemtagning",
            "Kvalitativa nyttor",
        ] {
            assert!(out.contains(&format!("\n## {heading}\n")), "{heading}: {out}");
        }
        assert_eq!(row(&out, "Investering"), ["Investering", "300 000 kr"]);
        assert_eq!(
            row(&out, "**Summa kostnader**"),
            ["**Summa kostnader**", "**300 000 kr**"]
        );
        assert_eq!(row(&out, "Kalkylränta"), ["Kalkylränta", "10 %"]);
        // NPV −1 735,54 → −1 736; IRR 9,38 %; payback after September 2012 (33 months).
        assert_eq!(row(&out, "Nettonuvärde (NPV)"), ["Nettonuvärde (NPV)", "-1 736 kr"]);
        assert_eq!(row(&out, "Internränta (IRR)"), ["Internränta (IRR)", "9,4 %"]);
        assert_eq!(
            row(&out, "Återbetalningstid"),
            ["Återbetalningstid", "2012-09 (2,8 år)"]
        );
        assert_eq!(row(&out, "Hemtagningsgrad (andel av nyttan)")[1], "50 %");
        // Year table as in Inera's template: the years as columns, one row per item,
        // a label broken over two lines in a header joined again ("Omfördelningsnytta").
        assert_eq!(
            row_with(&out, "Post", "2010"),
            ["Post", "2010", "2011", "2012", "Summa"],
            "{out}"
        );
        assert_eq!(
            row_with(&out, "Investering", "300 000"),
            ["Investering", "300 000", "0", "0", "300 000"]
        );
        assert_eq!(
            row_with(&out, "Omfördelningsnytta", "0"),
            ["Omfördelningsnytta", "0", "0", "0", "0"]
        );
        assert_eq!(
            row(&out, "Diskonteringsfaktor"),
            ["Diskonteringsfaktor", "1,0000", "0,9091", "0,8264", ""]
        );
        let cumulative = row(&out, "Ackumulerat netto");
        assert_eq!((cumulative[1].as_str(), cumulative[3].as_str()), ("-210 000", "30 000"));
        let harvest = row_with(&out, "Planerad hemtagning", "45 000");
        assert_eq!(harvest[3..], ["60 000", "165 000"]);
        // Realisation plan: half of 330 000 taken home, the rest not.
        assert_eq!(
            row_with(&out, "Porto", "Ekonomichef"),
            [
                "Porto",
                "Ekonomichef",
                "besparingskrav",
                "50 %",
                "0 mån",
                "330 000",
                "165 000",
                "0",
                "165 000"
            ]
        );
        assert_eq!(
            row(&out, "Nöjdare sökande"),
            ["Nöjdare sökande", "NKI", "55", "70", "2012-12", "Enkät"]
        );
        assert!(out.contains("-150 868") && out.contains("147 397"), "{out}");
        assert!(
            out.ends_with("\n## Granskning (nytta check)\n\nInga anmärkningar.\n"),
            "{out}"
        );
    }

    #[test]
    fn english_with_findings_and_escaping() {
        let text = SMALL.replace("name = \"Porto\"", "name = \"Porto | *frimärken*\"");
        let p = project(&text);
        let c = calc(&p);
        let findings = [Diagnostic::new(Code::W106, "no discount rate")
            .at("assumptions")
            .hint("state `discount_rate`")];
        let out = report(&p, &c, &findings, Lang::En);
        assert!(
            out.starts_with("# Benefit calculation: E-tjänst för bygglov\n"),
            "{out}"
        );
        assert_eq!(row(&out, "Investment"), ["Investment", "300,000 kr"]);
        assert_eq!(row(&out, "Net present value (NPV)")[1], "-1,736 kr");
        assert_eq!(row(&out, "Internal rate of return (IRR)")[1], "9.4%");
        assert_eq!(row(&out, "Payback")[1], "2012-09 (2.8 years)");
        assert!(out.contains("| Reallocation benefits |"), "{out}");
        assert!(out.contains("| Porto \\| \\*frimärken\\* |"), "{out}");
        assert_eq!(
            row(&out, "W106"),
            ["W106", "Assumptions", "no discount rate", "state \\`discount\\_rate\\`"]
        );
        assert!(!out.contains("No findings"), "{out}");
    }

    #[test]
    fn empty_project_renders_in_both_languages() {
        let p = project("format = 1\n[project]\nname = \"Tom\"\norganisation = \"Kommunen\"\nstart_year = 2020\n");
        let c = calc(&p);
        for lang in [Lang::Sv, Lang::En] {
            let out = report(&p, &c, &[], lang);
            let rate = lang.pick("Kalkylränta", "Discount rate");
            assert_eq!(
                row(&out, rate)[1],
                lang.pick("3 % (standard 3 %)", "3% (default 3%)"),
                "{out}"
            );
            assert_eq!(
                row(&out, lang.pick("Nytta/kostnad (BCR)", "Benefit-cost ratio (BCR)"))[1],
                "–"
            );
            assert!(out.contains(lang.pick("Inga anmärkningar.", "No findings.")), "{out}");
            assert_eq!(out, report(&p, &c, &[], lang));
        }
    }

    #[test]
    fn headers_and_paragraphs() {
        assert_eq!(join_header("Omfördel-\nningsnytta"), "Omfördelningsnytta");
        assert_eq!(join_header("Drift och\nförvaltning"), "Drift och förvaltning");
        assert_eq!(paragraph("# inte rubrik\nrad två"), "\\# inte rubrik\nrad två");
        assert_eq!(cell_text("a\nb|c"), "a<br>b\\|c");
    }

    fn section(text: &str, section: Section, lang: Lang) -> String {
        let p = project(text);
        let c = calc(&p);
        render_section(
            &ReportInput {
                project: &p,
                calc: &c,
                findings: &[],
                realism: None,
                lang,
            },
            section,
        )
    }

    #[test]
    fn realisation_plan_stands_alone() {
        let out = section(SMALL, Section::Realisation, Lang::Sv);
        assert!(
            out.starts_with("# Nyttorealiseringsplan: E-tjänst för bygglov\n\n- **Diarienummer:** BN-2010-7\n"),
            "{out}"
        );
        assert!(
            out.contains("- **Planerad hemtagning:** 165 000 kr (50 % av den värderade nyttan)\n"),
            "{out}"
        );
        assert!(
            out.contains("\n## Vinsthemtagning\n") && out.contains("\n## Kvalitativa nyttor\n"),
            "{out}"
        );
        assert!(
            !out.contains("## Sammanfattning") && !out.contains("## Granskning"),
            "{out}"
        );
        // Half of 90 000, 120 000 and 120 000, all budget reduction for the only stakeholder.
        assert_eq!(
            row(&out, "Byggnadsnämnden"),
            [
                "Byggnadsnämnden",
                "besparingskrav",
                "45 000",
                "60 000",
                "60 000",
                "165 000"
            ]
        );
        // Against the 300 000 invested in 2010: 45 000, 105 000 and 165 000 taken home to date.
        assert_eq!(
            row_with(&out, "2010", "15,0 %"),
            ["2010", "300 000", "300 000", "45 000", "45 000", "15,0 %"]
        );
        assert_eq!(row_with(&out, "2011", "35,0 %")[4], "105 000");
        assert_eq!(row_with(&out, "2012", "55,0 %")[4], "165 000");
        // No follow-up fields yet: the plan says what is missing.
        assert!(
            out.contains("Uppföljning: ingen nytta anger ännu vem som mäter"),
            "{out}"
        );
        let en = section(SMALL, Section::Realisation, Lang::En);
        assert!(
            en.starts_with("# Benefit realisation plan: E-tjänst för bygglov\n"),
            "{en}"
        );
        assert_eq!(
            row(&en, "Byggnadsnämnden"),
            [
                "Byggnadsnämnden",
                "budget reduction",
                "45,000",
                "60,000",
                "60,000",
                "165,000"
            ]
        );
        assert_eq!(row_with(&en, "2012", "55.0%")[5], "55.0%");
        // The full report carries the same plan.
        let p = project(SMALL);
        let c = calc(&p);
        let full = report(&p, &c, &[], Lang::Sv);
        assert!(
            full.contains("### Planerad hemtagning per intressent, metod och år"),
            "{full}"
        );
        assert!(full.contains("### Effekthemtagning per år"), "{full}");
    }

    #[test]
    fn savings_demand_per_stakeholder_and_method() {
        let out = section(SHARED, Section::Realisation, Lang::Sv);
        assert_eq!(
            row_with(&out, "Förvaltning A", "besparingskrav"),
            ["Förvaltning A", "besparingskrav", "60 000", "60 000", "120 000"]
        );
        assert_eq!(
            row_with(&out, "Förvaltning B", "metod ej angiven"),
            ["Förvaltning B", "metod ej angiven", "15 000", "30 000", "45 000"]
        );
        assert_eq!(
            row_with(&out, "**Förvaltning B**", "**hemtagning totalt**"),
            [
                "**Förvaltning B**",
                "**hemtagning totalt**",
                "**75 000**",
                "**90 000**",
                "**165 000**"
            ]
        );
        assert_eq!(
            row_with(
                &out[out.find("### Planerad hemtagning per intressent").unwrap_or(0)..],
                "**Summa**",
                "**135 000**"
            ),
            ["**Summa**", "", "**135 000**", "**150 000**", "**285 000**"]
        );
        // Nothing invested: no effekthemtagning to show.
        assert!(
            out.contains("Effekthemtagning: kalkylen har ingen investering"),
            "{out}"
        );
        assert!(!out.contains("## Kvalitativa nyttor"), "{out}");
    }

    #[test]
    fn one_section_at_a_time() {
        let out = section(SMALL, Section::Years, Lang::Sv);
        assert!(out.starts_with("# Nyttokalkyl: E-tjänst för bygglov\n"), "{out}");
        let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(headings, ["## År för år"]);
        let lines = section(SMALL, Section::Lines, Lang::En);
        let headings: Vec<&str> = lines.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(headings, ["## Lines", "## Sources and notes"]);
        let empty = "format = 1\n[project]\nname = \"Tom\"\norganisation = \"Kommunen\"\nstart_year = 2020\n";
        for s in [
            Section::Summary,
            Section::Years,
            Section::Lines,
            Section::Stakeholders,
            Section::Realisation,
            Section::Qualitative,
            Section::Sensitivity,
            Section::Findings,
        ] {
            for lang in [Lang::Sv, Lang::En] {
                let out = section(empty, s, lang);
                assert_eq!(out.lines().filter(|l| l.starts_with("## ")).count(), 1, "{out}");
            }
        }
        let plan = section(empty, Section::Realisation, Lang::Sv);
        assert!(plan.contains("Inga värderade nyttor att ta hem."), "{plan}");
    }
}
