//! `--format html`: the report as one self-contained HTML file for the nämnd — inline
//! CSS and inline SVG charts, no script, and a Content-Security-Policy that lets the
//! page fetch nothing from anywhere. It prints to A4 from a browser: each chapter on a
//! new page, table headers repeated, no chart cut across pages (docs/html-pdf.md).
//!
//! The page is a [`Document`] (from the same builders as the terminal and Markdown
//! reports, with charts) written through a maud template.

use super::document::{Align, Block, Column, Document, Grid};
use super::labels::Label as L;
use super::visible::visible;
use super::{Lang, ReportInput, Section, svg};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Nothing may be loaded: no script, no font, no image from any host; only the page's
/// own inline style.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = include_str!("html.css");

/// Render the report as HTML, with its charts.
pub fn render(input: &ReportInput) -> String {
    render_document(&super::builder::report::build_with_charts(input), input.lang)
}

/// Render one section as HTML, under the title and the project facts.
pub fn render_section(input: &ReportInput, section: Section) -> String {
    render_document(&super::builder::report::build_section(input, section), input.lang)
}

/// Text as shown: control characters made visible ([`super::visible`]).
fn v(text: &str) -> String {
    visible(text).into_owned()
}

/// Text as shown, with each pair of backquotes (a key name in a message or hint:
/// `` `range` ``) rendered as `<code>`; maud escapes every part. A lone backquote stays.
fn prose(text: &str) -> Markup {
    let text = v(text);
    let parts: Vec<&str> = text.split('`').collect();
    // An even number of parts means one backquote has no pair: it stays literal.
    let paired = if parts.len().is_multiple_of(2) {
        parts.len() - 1
    } else {
        parts.len()
    };
    html! {
        @for (i, part) in parts[..paired].iter().enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (together(part)) }
        }
        @if paired < parts.len() {
            "`" (together(parts[paired]))
        }
    }
}

/// Text in which a figure (`800 000 kr`, `72 %`) or a month (`2030-03`) is never broken
/// over two lines: each is set in a `span.nw` (`white-space: nowrap`), the text unchanged.
fn together(text: &str) -> Markup {
    let glued = super::table::glue(text);
    let dated = |w: &str| {
        let b = w.as_bytes();
        b.windows(3)
            .any(|x| x[0].is_ascii_digit() && x[1] == b'-' && x[2].is_ascii_digit())
    };
    html! {
        @for (i, word) in glued.split(' ').enumerate() {
            @if i > 0 { " " }
            @if word.contains(super::table::GLUE) || dated(word) {
                span.nw { (word.replace(super::table::GLUE, " ")) }
            } @else {
                (word)
            }
        }
    }
}

/// Render any document as a complete HTML page.
pub fn render_document(doc: &Document, lang: Lang) -> String {
    let code = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let page = html! {
        (DOCTYPE)
        html lang=(code) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="nytta";
                title { (v(&doc.title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (v(&doc.title)) }
                    @if !doc.facts.is_empty() {
                        dl.facts {
                            @for (label, value) in &doc.facts {
                                dt { (v(label)) }
                                dd { (v(value)) }
                            }
                        }
                    }
                    @if let Some(description) = &doc.description {
                        p.description { (v(description)) }
                    }
                    @if doc.chapters.len() > 1 {
                        nav {
                            h2 { (L::Contents.text(lang)) }
                            ol {
                                @for (i, section) in doc.chapters.iter().enumerate() {
                                    li { a href=(format!("#chapter-{}", i + 1)) { (v(&section.heading)) } }
                                }
                            }
                        }
                    }
                }
                main {
                    @for (i, section) in doc.chapters.iter().enumerate() {
                        section.chapter id=(format!("chapter-{}", i + 1)) {
                            h2 { (v(&section.heading)) }
                            @for block in &section.blocks {
                                (render_block(block, lang))
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn render_block(block: &Block, lang: Lang) -> Markup {
    match block {
        Block::Text(text) => html! { p { (prose(text)) } },
        Block::Grid(grid) => html! { div.table { (table(grid)) } },
        Block::Chart(chart) => {
            let wide = chart.table.columns.len() > 3 || chart.table.rows.len() > 14;
            html! {
                figure.chart.wide[wide] id=(format!("chart-{}", chart.id)) {
                    figcaption { (v(&chart.title)) }
                    div.chart-body {
                        div.plot { (PreEscaped(svg::render(chart))) }
                        div.data {
                            (table(&Grid { caption: Some(L::DataTable.text(lang).to_string()), ..chart.table.clone() }))
                        }
                    }
                }
            }
        }
    }
}

/// A header: `-\n` is a place to hyphenate (a soft hyphen), `\n` a line break.
fn header(column: &Column) -> Markup {
    let text = v(&column.header).replace("-\n", "\u{ad}");
    let lines: Vec<&str> = text.split('\n').collect();
    html! {
        @for (i, line) in lines.iter().enumerate() {
            @if i > 0 { br; }
            (path(line))
        }
    }
}

/// From this many columns a table is set smaller (CSS `table.wide`) and a file path in
/// it may break after each `/`, so that it fits the page.
const WIDE: usize = 10;

/// Text that may break after each `/` (a file path, `Nytta/kostnad`).
fn path(cell: &str) -> Markup {
    let parts: Vec<&str> = cell.split_inclusive('/').collect();
    html! {
        @for (i, part) in parts.iter().enumerate() {
            @if i > 0 { wbr; }
            (v(part))
        }
    }
}

fn table(grid: &Grid) -> Markup {
    let class = |c: &Column| match c.align {
        Align::Left => "text",
        Align::Right => "num",
    };
    let wide = grid.columns.len() >= WIDE;
    html! {
        table.wide[wide] {
            @if let Some(caption) = &grid.caption {
                caption { (v(caption)) }
            }
            thead {
                tr {
                    @for c in &grid.columns {
                        th scope="col" class=(class(c)) { (header(c)) }
                    }
                }
            }
            tbody {
                @for row in &grid.rows {
                    tr.total[row.total] {
                        @for (i, c) in grid.columns.iter().enumerate() {
                            @let cell = row.cells.get(i).map_or("", String::as_str);
                            @match c.align {
                                Align::Left if wide && !cell.contains(' ') => td class=(class(c)) { (path(cell)) },
                                Align::Left => td class=(class(c)) { (prose(cell)) },
                                Align::Right => td class=(class(c)) { (v(cell)) },
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn backquote_pairs_are_code_and_escaped() {
        assert_eq!(prose("a `<b>` c").into_string(), "a <code>&lt;b&gt;</code> c");
        assert_eq!(prose("`x` and ` alone").into_string(), "<code>x</code> and ` alone");
        assert_eq!(prose("none").into_string(), "none");
    }
}
