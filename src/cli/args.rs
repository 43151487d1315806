//! Arguments that several commands share, defined once and flattened into each
//! command's `Args` (`#[command(flatten)]`), so that their name and help stay alike.

use nytta::report::csv::CsvStyle;
use std::path::PathBuf;

/// `-o FILE`: where the output goes.
#[derive(Debug, Clone, clap::Args)]
pub struct Output {
    /// Write to this file instead of standard output (a file is replaced atomically, a
    /// symlink followed; a device or FIFO is written to).
    #[arg(id = "output", short = 'o', long = "output", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `--excel`: CSV for Swedish Excel.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Excel {
    /// CSV for Swedish Excel: `;`, decimal comma, UTF-8 BOM.
    #[arg(id = "excel", long = "excel")]
    pub on: bool,
}

impl Excel {
    /// `--excel` changes CSV only: with another format it would be dropped in silence, so
    /// it is a usage error there (exit 2).
    pub fn only_with_csv(self, csv: bool) -> Result<(), super::Failure> {
        if self.on && !csv {
            return Err(fail!(
                sv: "--excel gäller CSV: ange --format csv, eller ta bort --excel (de andra formaten har ingen avgränsare eller decimalkomma att byta)";
                en: "--excel is for CSV: give --format csv, or drop --excel (the other formats have no delimiter or decimal mark to change)"
            ));
        }
        Ok(())
    }

    /// The CSV style the flag asks for.
    pub fn style(self) -> CsvStyle {
        CsvStyle {
            excel: self.on,
            lang: super::lang(),
        }
    }
}
