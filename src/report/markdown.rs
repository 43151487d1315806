//! markdown renderer (being written).
pub fn render(_input: &super::ReportInput) -> String {
    String::new()
}
