//! `nytta report FILE --format xlsx -o FILE.xlsx`: writes a workbook
//! ([`crate::report::builder::workbook`]) as Excel bytes. Numbers are numbers, never
//! text; formulas are written with nytta's value as their cached result, so the
//! workbook opens showing nytta's figures. Money is shown as `# ##0` (Excel's
//! thousands separator, a space in Swedish Excel), rates in percent format; header
//! rows are frozen, tables have autofilters, columns are as wide as their content.
//! Text cells are neutralised against formulas and cut to what a cell holds
//! ([`super::batch::xlsx_text`]). The creation time is given, so the same file gives
//! the same bytes.

use super::batch::xlsx_text;
use super::sheet::{Sheet, Style, XCell};
use super::{Lang, ReportInput};
use crate::fmt::{number, round};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, XlsxError};

/// Render the workbook; `created` (seconds since 1970) is its stated creation time.
pub fn render(input: &ReportInput, created: i64) -> Result<Vec<u8>, XlsxError> {
    write(&super::builder::workbook::workbook(input), created)
}

/// The text a cell shows, for fitting its column (English grouping is as wide as
/// Swedish).
fn shown_width(cell: &XCell) -> usize {
    match cell {
        XCell::Empty => 0,
        XCell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        XCell::Number(d, style) | XCell::Formula(_, d, style) => match style {
            Style::Money => number(*d, 0, Lang::Sv).chars().count(),
            Style::Percent => number(*d * Decimal::ONE_HUNDRED, 1, Lang::Sv).chars().count() + 2,
            Style::Factor => number(*d, 4, Lang::Sv).chars().count(),
            Style::Integer => number(*d, 0, Lang::En).chars().count(),
        },
    }
}

/// Make the workbook's bytes.
pub fn write(sheets: &[Sheet], created: i64) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let header = Format::new().set_bold().set_background_color("EEF1F6").set_text_wrap();
    let bold = Format::new().set_bold();
    let style = |s: Style, total: bool| {
        let f = match s {
            Style::Money => Format::new().set_num_format("#,##0"),
            Style::Percent => Format::new().set_num_format("0.0%"),
            Style::Factor => Format::new().set_num_format("0.0000"),
            Style::Integer => Format::new().set_num_format("0"),
        };
        if total { f.set_bold() } else { f }
    };
    for sheet in sheets {
        let ws = wb.add_worksheet();
        // Sheet names come from the catalogue (no `[]:*?/\`, under 31 characters).
        ws.set_name(&sheet.name)?;
        let columns = sheet
            .header
            .len()
            .max(sheet.rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut widths = vec![6usize; columns];
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, xlsx_text(h).0.as_ref(), &header)?;
            widths[c] = widths[c].max(h.chars().count().min(30));
        }
        let first_total = sheet.rows.len() - sheet.totals.min(sheet.rows.len());
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = (i + 1) as u32;
            let total = i >= first_total;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                widths[c] = widths[c].max(shown_width(cell).min(60));
                match cell {
                    XCell::Empty => {}
                    XCell::Text(t) => {
                        let text = xlsx_text(t).0;
                        if total {
                            ws.write_string_with_format(r, col, text.as_ref(), &bold)?;
                        } else {
                            ws.write_string(r, col, text.as_ref())?;
                        }
                    }
                    XCell::Number(d, s) => {
                        ws.write_with_format(r, col, *d, &style(*s, total))?;
                    }
                    XCell::Formula(f, d, s) => {
                        let result = crate::fmt::fixed(round(*d, 10).normalize(), round(*d, 10).normalize().scale());
                        ws.write_formula_with_format(
                            r,
                            col,
                            Formula::new(format!("={f}")).set_result(result),
                            &style(*s, total),
                        )?;
                    }
                }
            }
        }
        for (i, note) in sheet.notes.iter().enumerate() {
            let r = (sheet.rows.len() + 2 + i) as u32;
            ws.write_string(r, 0, xlsx_text(note).0.as_ref())?;
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.5).min(62.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        if sheet.filter && columns > 0 {
            let last = first_total.max(1) as u32;
            ws.autofilter(0, 0, last, (columns - 1) as u16)?;
        }
    }
    wb.save_to_buffer()
}
