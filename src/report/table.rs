//! The terminal report (`nytta report FILE`, the default): headings and comfy-table
//! grids. The layout never depends on the terminal: no width detection, no colours, so
//! the output is the same whether or not stdout is a terminal.

use super::document::{self, Align, Block, Document, Grid};
use super::visible::visible;
use super::{ReportInput, Section};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

/// Paragraphs are wrapped at this many characters.
const TEXT_WIDTH: usize = 100;

/// Render the report for a terminal.
pub fn render(input: &ReportInput) -> String {
    render_document(&super::builder::report::build(input))
}

/// Render one section for a terminal, under the title and the project facts.
/// [`Section::Realisation`] is a stand-alone benefit realisation plan (nyttorealiseringsplan).
pub fn render_section(input: &ReportInput, section: Section) -> String {
    render_document(&super::builder::report::build_section(input, section))
}

/// Render any document for a terminal. Control characters in its text are made
/// visible first ([`super::visible`]), so that widths and wrapping see what is shown.
pub fn render_document(doc: &Document) -> String {
    let doc = &visible_document(doc);
    let mut out = String::new();
    underline(&mut out, &doc.title, '═');
    let width = doc
        .facts
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &doc.facts {
        let pad = width - label.chars().count();
        out.push_str(&format!("{label}:{} {value}\n", " ".repeat(pad)));
    }
    if let Some(description) = &doc.description {
        out.push('\n');
        out.push_str(&wrap(description, TEXT_WIDTH));
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
                    out.push_str(&wrap(text, TEXT_WIDTH));
                    out.push('\n');
                }
                Block::Grid(grid) => {
                    if let Some(caption) = &grid.caption {
                        out.push_str(caption);
                        out.push('\n');
                    }
                    out.push_str(&grid_table(grid));
                    out.push('\n');
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

fn grid_table(grid: &Grid) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    table.set_header(grid.columns.iter().map(|c| c.header.clone()).collect::<Vec<_>>());
    for row in &grid.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| match grid.columns.get(i).and_then(|c| c.wrap) {
                Some(width) => wrap(cell, width),
                None => cell.clone(),
            })
            .collect();
        table.add_row(cells);
    }
    for (i, column) in grid.columns.iter().enumerate() {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(match column.align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
        }
    }
    table.to_string()
}

/// Wrap text at word boundaries to lines of at most `width` characters (a longer word
/// stays whole). Existing line breaks are kept.
fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split_whitespace() {
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
    lines.join("\n")
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
        assert!(plan.contains("330 000") && plan.contains("165 000"), "{plan}");
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
        let slk = line_with(&out, "Stadsledningskontoret ");
        assert!(slk.contains("120 000") && slk.contains("-120 000"), "{out}");
        let sdf = line_with(&out, "Stadsdelsförvaltningen ");
        assert!(
            sdf.contains("80 000") && sdf.contains("400 000") && sdf.contains("320 000"),
            "{out}"
        );
        // A yearly table per stakeholder, captioned with its name.
        assert!(out.contains("\nStadsdelsförvaltningen\n"), "{out}");
        let rows: Vec<&str> = out
            .lines()
            .filter(|l| l.contains("2011 ") && l.contains("40 000"))
            .collect();
        assert!(rows.iter().any(|l| l.contains("160 000")), "{out}");
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
        assert!(line_with(&plan, "2011 ").contains("35 %"), "{plan}");
        assert!(!plan.contains("Sammanfattning"), "{plan}");
        let summary = render_section(&input, Section::Summary);
        assert!(summary.contains("\nSammanfattning\n──"), "{summary}");
        assert!(
            !summary.contains("År för år") && !summary.contains("Vinsthemtagning"),
            "{summary}"
        );
    }
}
