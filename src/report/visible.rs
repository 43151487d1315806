//! Text for people: control characters in user text (names, notes, sources, owners,
//! file names, echoed source lines) made visible instead of reaching the terminal raw,
//! where `ESC [ 2 K` would erase a line, `ESC [ 8 m` hide the next one and a bare `CR`
//! overwrite it (docs/decisions.md, "Hostile input: outputs and injection").
//!
//! Every human-facing renderer (terminal tables, `check` in human and GitHub format,
//! Markdown, messages on standard error) passes user text through [`visible`]. Data
//! formats (JSON, CSV, xlsx) keep the text as it is: JSON escapes control characters
//! itself, and CSV and xlsx cells carry exactly what the file said.

use std::borrow::Cow;

/// Whether a character must not reach a terminal raw: C0 controls except newline and
/// tab, DEL, the C1 controls (U+0080–U+009F: U+009B is a one-character CSI on some
/// terminals), and the bidirectional overrides and isolates that reorder what is
/// shown ("Trojan Source").
pub fn is_hazard(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The visible stand-in for a hazardous character: C0 controls and DEL as their
/// Unicode control pictures (`ESC` → `␛`, `CR` → `␍`, `BEL` → `␇`, `NUL` → `␀`,
/// `DEL` → `␡`), anything else as U+FFFD `�`. One character each, so columns and
/// carets stay aligned.
fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `text` with every hazardous character (see [`is_hazard`]) replaced by a visible
/// stand-in; borrowed unchanged when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_hazard(c) { stand_in(c) } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_and_text_stays() {
        assert_eq!(visible("a\u{1b}[2K\r\u{1b}[32mok\u{7}"), "a␛[2K␍␛[32mok␇");
        assert_eq!(visible("\u{0}\u{7f}\u{9b}31m\u{202e}x"), "␀␡�31m�x");
        assert_eq!(visible("rad 1\n\trad 2 – åäö"), "rad 1\n\trad 2 – åäö");
        assert!(matches!(visible("Bygglov"), Cow::Borrowed(_)));
    }
}
