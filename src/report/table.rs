//! table renderer (placeholder until written).

use super::ReportInput;

/// Render the report.
pub fn render(input: &ReportInput) -> String {
    super::json::render(input)
}
