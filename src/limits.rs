//! The limits that bound what hostile or mistaken input can make nytta allocate, print
//! or spend (docs/decisions.md, "Hostile input: limits"). Each is far beyond any real
//! file; reaching one is reported as invalid input (exit 1) naming the limit.

/// The largest project file nytta reads: 1 MiB. Real files are a few kilobytes (the
/// examples 1–9 KB); a larger one is almost certainly the wrong file (a spreadsheet, a
/// log, a disk image). The TOML parser needs up to about 160 bytes per byte of a file
/// that is one syntax error per line, so this also bounds memory (about 170 MB).
pub const MAX_PROJECT_BYTES: u64 = 1024 * 1024;

/// The largest actuals CSV (`follow-up --actuals`): 64 MiB. It is read whole, to show
/// the offending line of each problem; a million filled rows take about 30 MB.
pub const MAX_ACTUALS_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The longest row (record) of a CSV, header included: 1 MiB. The submissions CSV is
/// streamed row by row, so this bounds its memory; a longer row is almost always an
/// unclosed quote that swallowed the rest of the file.
pub const MAX_CSV_ROW_BYTES: usize = 1024 * 1024;

/// Findings shown per file by `check` (and before a follow-up's CSV problems): 1 000.
/// The rest are counted in a closing "… and N more" line; the exit code reflects all.
pub const MAX_SHOWN_FINDINGS: usize = 1000;

/// Characters of a source line echoed under a finding: a window of 120 around the
/// column, cut with `…`, so a 10 MB line is not printed whole.
pub const MAX_ECHO_CHARS: usize = 120;

/// Characters of a finding's message or hint as rendered: 400, cut with `…` (a message
/// may quote the user's text, such as an unknown key of a megabyte).
pub const MAX_MESSAGE_CHARS: usize = 400;

/// Cut `text` to at most `max` characters, ending in `…` when cut.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some(_) => {
            let keep = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..keep]).into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_characters() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("åäöå", 3), "åä…");
        assert_eq!(shorten("", 0), "");
    }
}
