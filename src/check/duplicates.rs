//! W302: the same project twice in one batch — two submissions with the same project
//! id, or with the same content (comments and layout aside) — docs/check-rules.md,
//! "W302". The batch streams, so the warning goes on the later of the two, naming both;
//! `nytta batch --dedupe` keeps only the newest by modification time instead.

use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

/// A fingerprint of a project file's content, comments and layout aside, so that a
/// reindented, respaced or recommented copy is the same: a byte order mark at the start,
/// whitespace and comments outside strings and the lines this leaves empty are left out;
/// inside a string every byte counts (`normalise` has the details).
/// 64 bits of foldhash with a fixed seed (fast: a batch fingerprints every file): the
/// same text gives the same fingerprint, and two different files share one with odds
/// of about 1 in 10^19.
pub fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    // Hashed in one call: foldhash is fastest on one long input.
    foldhash::fast::FixedState::with_seed(0x006e_7974_7461).hash_one(normalise(text))
}

/// A project file's text without its layout and comments, in one pass over its bytes
/// (the text is scanned, not parsed): a UTF-8 byte order mark at the start, whitespace
/// outside strings (space, tab, form feed, the `\r` of `\r\n`), comments (from a `#`
/// outside strings to the line end) and the lines this leaves empty are left out; each
/// line that keeps anything ends with 0xff (a byte UTF-8 never has, so the joining is
/// unambiguous). Inside a TOML string — basic `"…"` (with its backslash escapes),
/// literal `'…'`, and multi-line `"""…"""` and `'''…'''`, which may span lines — every
/// byte is kept, spaces, `#` and line ends included (`"a b"` is not `"ab"`). A
/// single-line string left open ends at its line's end; a multi-line one at the text's.
fn normalise(text: &str) -> Vec<u8> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
    // At most one byte is kept per byte read, plus the last line's 0xff: one allocation.
    let mut n = Normaliser {
        text,
        read: 0,
        kept: vec![0; text.len() + 1],
        len: 0,
    };
    loop {
        if n.text.get(n.read).is_some_and(|&b| CLASS[usize::from(b)] == PLAIN) {
            // Plain bytes eight at a time, up to one that may not be: a byte below `(`
            // (a control character, space, `!"#$%&'`), which the `match` reads.
            n.copy_until(|x| below(x, b'\'' + 1));
        }
        let Some(&b) = n.text.get(n.read) else { break };
        n.read += 1;
        match CLASS[usize::from(b)] {
            PLAIN => n.keep(b),
            SPACE => {}
            NEWLINE => n.end_line(),
            COMMENT => {
                let rest = &n.text[n.read..];
                n.read += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            }
            _ => {
                n.keep(b);
                n.string(b);
            }
        }
    }
    n.end_line();
    n.kept.truncate(n.len);
    n.kept
}

/// What a byte outside strings is to [`normalise`].
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const COMMENT: u8 = 3;
const QUOTE: u8 = 4;
const CLASS: [u8; 256] = {
    let mut class = [PLAIN; 256];
    class[b' ' as usize] = SPACE;
    class[b'\t' as usize] = SPACE;
    class[b'\r' as usize] = SPACE;
    class[0x0c] = SPACE;
    class[b'\n' as usize] = NEWLINE;
    class[b'#' as usize] = COMMENT;
    class[b'"' as usize] = QUOTE;
    class[b'\'' as usize] = QUOTE;
    class
};

/// [`normalise`]'s pass: `text[read..]` is still to read, `kept[..len]` is kept so far.
struct Normaliser<'a> {
    text: &'a [u8],
    read: usize,
    kept: Vec<u8>,
    len: usize,
}

impl Normaliser<'_> {
    fn keep(&mut self, b: u8) {
        self.kept[self.len] = b;
        self.len += 1;
    }

    /// Ends the line with 0xff, unless it kept nothing.
    fn end_line(&mut self) {
        if self.len > 0 && self.kept[self.len - 1] != 0xff {
            self.keep(0xff);
        }
    }

    /// Keeps the bytes up to the first that `stops` marks in its eight-byte word (read
    /// little-endian), eight at a time, or up to the last eight bytes of the text.
    #[inline(always)]
    fn copy_until(&mut self, stops: impl Fn(u64) -> u64) {
        while let Some(word) = self
            .text
            .get(self.read..self.read + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            let stop = stops(u64::from_le_bytes(word));
            self.kept[self.len..self.len + 8].copy_from_slice(&word);
            let plain = (stop.trailing_zeros() / 8) as usize;
            self.read += plain;
            self.len += plain;
            if stop != 0 {
                break;
            }
        }
    }

    /// Keeps the rest of a string whose opening quote `q` was just kept, up to and with
    /// its closing quote(s) (see [`normalise`]). A multi-line string closes at the first
    /// run of three to five quotes (its content may end with one or two); a backslash
    /// in a basic string escapes the next byte.
    fn string(&mut self, q: u8) {
        let text = self.text;
        let escapes = q == b'"';
        let start = self.read;
        if text.get(start..start + 2) == Some(&[q, q]) {
            let mut end = start + 2;
            loop {
                let found = if escapes {
                    memchr::memchr2(q, b'\\', &text[end..])
                } else {
                    memchr::memchr(q, &text[end..])
                };
                let Some(at) = found else {
                    end = text.len();
                    break;
                };
                end += at;
                if text[end] == b'\\' {
                    end = (end + 2).min(text.len());
                    continue;
                }
                let run = text[end..].iter().take(5).take_while(|&&b| b == q).count();
                end += run;
                if run >= 3 {
                    break;
                }
            }
            self.kept[self.len..self.len + end - start].copy_from_slice(&text[start..end]);
            self.len += end - start;
            self.read = end;
            return;
        }
        loop {
            // Up to the quote, a backslash, or a control character up to a line end.
            if escapes {
                self.copy_until(|x| equal(x, b'"') | equal(x, b'\\') | below(x, b'\n' + 1));
            } else {
                self.copy_until(|x| equal(x, b'\'') | below(x, b'\n' + 1));
            }
            let Some(&b) = text.get(self.read) else { return };
            if b == b'\n' {
                return;
            }
            self.keep(b);
            self.read += 1;
            if b == q {
                return;
            }
            if escapes
                && b == b'\\'
                && let Some(&escaped) = text.get(self.read)
                && escaped != b'\n'
            {
                self.keep(escaped);
                self.read += 1;
            }
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The bytes of `x` below `n` (at most 0x80), as their top bits: the lowest one marked
/// is the first such byte (a borrow may mark bytes above it, never below).
#[inline(always)]
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & (ONES * 0x80)
}

/// The bytes of `x` equal to `b`, as [`below`] marks them.
#[inline(always)]
fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * u64::from(b)), 1)
}

/// The submissions seen so far in a batch, by project id and by content (hashed with
/// foldhash: the writer looks up every row of a batch here).
#[derive(Debug, Default)]
pub struct Duplicates {
    by_id: HashMap<String, String, foldhash::fast::RandomState>,
    by_content: HashMap<u64, String, foldhash::fast::RandomState>,
}

impl Duplicates {
    /// W302 for a submission (its source, project id and [`fingerprint`]) when an
    /// earlier one has its project id or its content; it is remembered either way.
    pub fn check(&mut self, source: &str, id: &str, content: Option<u64>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let same_content = content.and_then(|c| self.by_content.get(&c)).cloned();
        if let Some(first) = &same_content {
            out.push(
                Diagnostic::new(
                    Code::W302,
                    crate::text!(sv: "{source} har samma innehåll som {first}"; en: "{source} has the same content as {first}"),
                )
                .hint(crate::diagnostic::Text::new(
                    "samma ansökan två gånger: ta bort den ena, eller behåll den nyaste med --dedupe",
                    "the same submission twice: remove one, or keep the newest with --dedupe",
                )),
            );
        }
        if !id.is_empty()
            && let Some(first) = self.by_id.get(id)
            && same_content.as_ref() != Some(first)
        {
            out.push(
                Diagnostic::new(
                    Code::W302,
                    crate::text!(sv: "{source} har samma projekt-id `{id}` som {first}"; en: "{source} has the same project id `{id}` as {first}"),
                )
                .hint(crate::diagnostic::Text::new(
                    "två versioner av samma projekt: behåll den nyaste (--dedupe), eller ge varje projekt ett eget id",
                    "two versions of one project: keep the newest (--dedupe), or give each project its own id",
                )),
            );
        }
        if !id.is_empty() {
            self.by_id.entry(id.to_string()).or_insert_with(|| source.to_string());
        }
        if let Some(c) = content {
            self.by_content.entry(c).or_insert_with(|| source.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_id_or_same_content_names_both() {
        let mut d = Duplicates::default();
        assert!(d.check("a.toml", "P-1", Some(1)).is_empty());
        let w = d.check("b.toml", "P-1", Some(2));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].message.en, "b.toml has the same project id `P-1` as a.toml");
        let w = d.check("c.toml", "", Some(1));
        assert_eq!(w[0].message.en, "c.toml has the same content as a.toml");
        // Same id and content as a.toml: one warning, not two.
        assert_eq!(d.check("d.toml", "P-1", Some(1)).len(), 1);
        assert!(d.check("e.toml", "P-2", Some(3)).is_empty());
    }

    #[test]
    fn fingerprint_ignores_comments_and_layout() {
        assert_eq!(fingerprint("a = 1\n# x\n\n  b = 2\n"), fingerprint("a = 1\nb = 2"));
        assert_ne!(fingerprint("a = 1\n"), fingerprint("a = 2\n"));
        // Windows line ends and tabs are layout; where a line ends is not.
        assert_eq!(fingerprint("a = 1\r\n\tb = 2\r\n"), fingerprint("a = 1\nb = 2\n"));
        assert_ne!(fingerprint("a = 1\nb = 2\n"), fingerprint("a = 1b = 2\n"));
    }

    /// What [`normalise`] keeps, read byte by byte as docs/check-rules.md states it.
    fn normalised_slowly(text: &str) -> Vec<u8> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
        let (mut out, mut line) = (Vec::new(), Vec::new());
        // Inside a string: its quote, and whether it is a multi-line one.
        let mut string: Option<(u8, bool)> = None;
        let mut i = 0;
        while let Some(&b) = text.get(i) {
            let Some((q, multi)) = string else {
                match b {
                    b'\n' if !line.is_empty() => {
                        out.append(&mut line);
                        out.push(0xff);
                    }
                    b'\n' | b' ' | b'\t' | b'\r' | 0x0c => {}
                    b'#' => {
                        while text.get(i + 1).is_some_and(|&c| c != b'\n') {
                            i += 1;
                        }
                    }
                    b'"' | b'\'' => {
                        let multi = text[i..].starts_with(&[b, b, b]);
                        string = Some((b, multi));
                        if multi {
                            line.extend_from_slice(&[b, b]);
                            i += 2;
                        }
                        line.push(b);
                    }
                    _ => line.push(b),
                }
                i += 1;
                continue;
            };
            let escaped = text.get(i + 1).filter(|&&c| multi || c != b'\n');
            if q == b'"' && b == b'\\' && escaped.is_some() {
                line.extend_from_slice(&text[i..i + 2]);
                i += 2;
            } else if b == b'\n' && !multi {
                string = None; // read again, outside
            } else if b == q {
                let run = text[i..].iter().take_while(|&&c| c == q).count();
                let closing = if multi { run >= 3 } else { true };
                let n = if multi { run.min(5) } else { 1 };
                line.extend_from_slice(&text[i..i + n]);
                i += n;
                if closing {
                    string = None;
                }
            } else {
                line.push(b);
                i += 1;
            }
        }
        if !line.is_empty() {
            out.append(&mut line);
            out.push(0xff);
        }
        out
    }

    #[test]
    fn normalise_keeps_what_the_rule_says() {
        assert_eq!(
            normalise("\u{feff} a = \"x # y\" # c\n\n# d\n[t]"),
            b"a=\"x # y\"\xff[t]\xff"
        );
        assert_eq!(normalise("s = '''\n # x\n'''"), b"s='''\n # x\n'''\xff");
        assert_eq!(normalise(""), b"");
        assert_eq!(normalise(" # only a comment \"\n"), b"");
    }

    const WORKED: &str = include_str!("../../examples/worked-example.toml");

    #[test]
    fn fingerprint_ignores_a_byte_order_mark() {
        assert_eq!(fingerprint(&format!("\u{feff}{WORKED}")), fingerprint(WORKED));
        assert_eq!(fingerprint("\u{feff}a = 1\n"), fingerprint("a = 1"));
        // Only at the start: elsewhere it is a character like any other.
        assert_ne!(fingerprint("a = \"\u{feff}\"\n"), fingerprint("a = \"\"\n"));
    }

    #[test]
    fn fingerprint_ignores_end_of_line_comments() {
        assert_eq!(fingerprint("annual = 5000 # licens\n"), fingerprint("annual = 5000\n"));
        assert_eq!(fingerprint("annual = 5000# licens \"x\n"), fingerprint("annual = 5000"));
        assert_eq!(fingerprint("[costs] # 'a\n"), fingerprint("[costs]\n"));
        // The worked example with its end-of-line comments taken out by hand.
        let bare: String = WORKED
            .lines()
            .map(|l| {
                if l.starts_with('#') {
                    l
                } else {
                    l.split(" #").next().unwrap()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_ne!(bare, WORKED.trim_end());
        assert_eq!(fingerprint(&bare), fingerprint(WORKED));
    }

    #[test]
    fn fingerprint_ignores_spacing_outside_strings() {
        assert_eq!(
            fingerprint("discount_rate=\"10 %\"\n"),
            fingerprint("discount_rate = \"10 %\"\n")
        );
        assert_eq!(
            fingerprint("amounts = {2026=1}\n"),
            fingerprint("amounts = { 2026 = 1 }\n")
        );
        assert_eq!(
            fingerprint("[ [ costs ] ]\nx = [1,2]\n"),
            fingerprint("[[costs]]\nx = [ 1, 2 ]\n")
        );
        let tight = WORKED.replace(" = ", "=").replace("{ ", "{").replace(" }", "}");
        assert_ne!(tight, WORKED);
        assert_eq!(fingerprint(&tight), fingerprint(WORKED));
        // Spacing changes the content only inside strings.
        assert_ne!(
            fingerprint("discount_rate = \"10%\"\n"),
            fingerprint("discount_rate = \"10 %\"\n")
        );
    }

    #[test]
    fn fingerprint_keeps_spaces_and_hashes_inside_strings() {
        assert_ne!(fingerprint("name = \"a b\"\n"), fingerprint("name = \"ab\"\n"));
        assert_ne!(fingerprint("name = \"a#b\"\n"), fingerprint("name = \"a\"\n"));
        assert_ne!(fingerprint("name = 'a # b'\n"), fingerprint("name = 'a'\n"));
        assert_ne!(fingerprint("\"a b\" = 1\n"), fingerprint("\"ab\" = 1\n"));
        // An escaped quote does not end a basic string; an escaped backslash does not
        // escape the quote after it; in a literal string a backslash escapes nothing.
        assert_ne!(fingerprint(r#"name = "a\" #b""#), fingerprint(r#"name = "a\"""#));
        assert_eq!(fingerprint(r#"name = "a\\" # b"#), fingerprint(r#"name = "a\\""#));
        assert_eq!(fingerprint(r"name = 'a\' # b"), fingerprint(r"name = 'a\'"));
        // A quote inside the other kind of string opens nothing.
        assert_eq!(fingerprint("n = \"it's\" # x\n"), fingerprint("n = \"it's\"\n"));
        assert_eq!(fingerprint("n = '\"a' # x\n"), fingerprint("n = '\"a'\n"));
    }

    #[test]
    fn fingerprint_keeps_a_multi_line_string_verbatim() {
        let text = "s = \"\"\"\n# not a comment\n  two  spaces\n\n\"\"\"\nb = 1\n";
        for other in [
            "s = \"\"\"\n  two  spaces\n\n\"\"\"\nb = 1\n",
            "s = \"\"\"\n# not a comment\ntwo spaces\n\n\"\"\"\nb = 1\n",
            "s = \"\"\"\n# not a comment\n  two  spaces\n\"\"\"\nb = 1\n",
        ] {
            assert_ne!(fingerprint(text), fingerprint(other), "{other}");
        }
        // Outside the string, layout is layout again.
        assert_eq!(
            fingerprint(text),
            fingerprint("s=\"\"\"\n# not a comment\n  two  spaces\n\n\"\"\" # c\n\n  b=1")
        );
        let literal = "s = '''\n# not a comment \"\"\"\n'''\n";
        assert_ne!(fingerprint(literal), fingerprint("s = '''\n'''\n"));
        assert_eq!(
            fingerprint(literal),
            fingerprint("s='''\n# not a comment \"\"\"\n''' # c")
        );
        // An escaped quote does not close it; one or two more quotes end its content.
        assert_ne!(fingerprint(r#"s = """a\""" # b""""#), fingerprint(r#"s = """a\""""""#));
        assert_eq!(fingerprint(r#"s = """a"""" # b"#), fingerprint(r#"s = """a"""""#));
        assert_eq!(fingerprint("s = '''a''''' # b"), fingerprint("s = '''a'''''"));
    }

    /// A TOML-like line as its tokens: a table header, or a key, `=` and a value (a
    /// number, a string of any kind with spaces, `#` and quotes in it, an array or an
    /// inline table of those).
    fn line() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        use proptest::prelude::*;
        let key = prop_oneof!["[a-z_]{1,6}", r#""[a-z #']{0,5}""#];
        let scalar = prop_oneof![
            "-?[0-9]{1,7}",
            "true|false",
            r#""([a-z #'=\[{]|\\"|\\\\){0,10}""#,
            r#"'[a-z #"=\\]{0,10}'"#,
            r#""""[a-z #'=\n]{0,20}""""#,
            r#"'''[a-z #"=\n]{0,20}'''"#,
        ];
        fn list(open: &str, close: &str, items: Vec<Vec<String>>) -> Vec<String> {
            let mut t = vec![open.to_string()];
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    t.push(",".to_string());
                }
                t.extend(item);
            }
            t.push(close.to_string());
            t
        }
        let value = prop_oneof![
            scalar.clone().prop_map(|s| vec![s]),
            proptest::collection::vec(scalar.clone().prop_map(|s| vec![s]), 0..3).prop_map(|v| list("[", "]", v)),
            proptest::collection::vec((key.clone(), scalar), 0..3).prop_map(|v| list(
                "{",
                "}",
                v.into_iter().map(|(k, s)| vec![k, "=".to_string(), s]).collect()
            )),
        ];
        prop_oneof![
            (key.clone(), value).prop_map(|(k, v)| [vec![k, "=".to_string()], v].concat()),
            (key, r"\[{1,2}").prop_map(|(k, open)| {
                let close = open.replace('[', "]");
                vec![open, k, close]
            }),
        ]
    }

    /// `lines` written with the layout `noise` picks: spaces and tabs before, between
    /// the tokens and after, blank lines and whole-line comments between the lines,
    /// `comment` at some line ends, `\r\n` line ends, a byte order mark.
    fn laid_out(lines: &[Vec<String>], noise: &[u8], comment: &str) -> String {
        let mut noise = noise.iter().copied().cycle();
        let mut pick = move |n: u8| noise.next().unwrap() % n;
        let space = |k: u8| ["", " ", "\t", "  ", " \t "][usize::from(k)];
        let mut out = String::new();
        if pick(3) == 0 {
            out.push('\u{feff}');
        }
        for line in lines {
            match pick(3) {
                0 => out.push_str(&format!("{}\n", space(pick(5)))),
                1 => out.push_str(&format!("{}{comment}\n", space(pick(5)))),
                _ => {}
            }
            out.push_str(space(pick(5)));
            for (i, token) in line.iter().enumerate() {
                if i > 0 {
                    out.push_str(space(pick(5)));
                }
                out.push_str(token);
            }
            out.push_str(space(pick(5)));
            if pick(3) == 0 {
                out.push_str(comment);
            }
            out.push_str(if pick(2) == 0 { "\r\n" } else { "\n" });
        }
        out
    }

    proptest::proptest! {
        /// Spaces and tabs outside strings, blank lines, whole-line and end-of-line
        /// comments, `\r\n` and a byte order mark never change the fingerprint.
        #[test]
        fn layout_and_comments_never_change_the_fingerprint(
            lines in proptest::collection::vec(line(), 1..8),
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..64),
            comment in "#[^\n]{0,12}",
        ) {
            let plain = lines.iter().map(|l| l.join(" ")).collect::<Vec<_>>().join("\n");
            let laid = laid_out(&lines, &noise, &comment);
            proptest::prop_assert_eq!(fingerprint(&laid), fingerprint(&plain), "{:?}", laid);
        }

        /// The eight-bytes-at-a-time pass keeps what a byte-by-byte reading keeps, on
        /// any mix of quotes, escapes, comments, line ends and multi-byte characters.
        #[test]
        fn normalise_is_the_byte_by_byte_reading(
            text in r#"([a-z0-9 ="'#\\\n\r\t{}\[\],.%!$&()Äé€\u{feff}]|"""|'''){0,120}"#,
        ) {
            proptest::prop_assert_eq!(normalise(&text), normalised_slowly(&text), "{:?}", text);
        }
    }
}
