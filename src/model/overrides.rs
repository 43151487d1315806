//! `--set KEY=VALUE`: values given on the command line, put into the file's TOML tree
//! before it is read, so that they are parsed with the same number rules and validated
//! with the same errors as if they had been written in the file.
//!
//! A key is a dotted path as in TOML: `assumptions.discount_rate`, `project.go_live`,
//! `scenarios.pessimistic.delay_months`. Entries of `costs`, `benefits` and
//! `stakeholders` (arrays of tables) are addressed by their `id`, else by their exact
//! `name`, else by their number counted from 1: `benefits.handlaggning.adoption.2028`,
//! `costs."Licens och drift".annual`, `costs.1.annual` (the first). A segment with a dot or a space
//! is written in double quotes.
//!
//! The value is read as a TOML value when it is one (`0.3`, `2028-09-01`, `"text"`,
//! `{ low = 0.8, high = 1.2 }`, `true`), and as a string otherwise (`4%`, `3,5 %`,
//! `2028-09`, `Bygglovschef`), which the number and month rules then read as usual.
//!
//! Where: every value put in gets a span past the end of the file text, at
//! `file length + 1 + its place in [`Overrides::text`]`; a diagnostic whose span lies there is
//! about the command line, and [`Overrides::split`] moves it onto that text, shown as the
//! file `command line`.

use crate::diagnostic::{Code, Diagnostic, Text, did_you_mean};
use crate::text;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// One `--set KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    key: String,
    value: String,
    /// The key's segments (unquoted) and their byte ranges in `key`.
    segments: Vec<(String, Range<usize>)>,
}

impl Override {
    /// The key as written, e.g. `assumptions.discount_rate`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The value as written.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.key, self.value)
    }
}

/// Why a `--set` argument is not `KEY=VALUE` with a well-formed key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OverrideSyntax(String);

impl std::str::FromStr for Override {
    type Err = OverrideSyntax;

    /// `KEY=VALUE`; the key a dotted path whose segments are bare (`a-z`, `0-9`, `_`,
    /// `-`, and any other character but `.`, `=`, `"`) or double-quoted.
    fn from_str(s: &str) -> Result<Self, OverrideSyntax> {
        let Some((key, value)) = split_assignment(s) else {
            return Err(OverrideSyntax(
                "expected KEY=VALUE, e.g. `assumptions.discount_rate=4%`".into(),
            ));
        };
        let segments = key_segments(key)?;
        Ok(Override {
            key: key.to_string(),
            value: value.to_string(),
            segments,
        })
    }
}

/// Split at the first `=` outside double quotes.
fn split_assignment(s: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '=' if !quoted => return Some((&s[..i], &s[i + 1..])),
            _ => {}
        }
    }
    None
}

fn key_segments(key: &str) -> Result<Vec<(String, Range<usize>)>, OverrideSyntax> {
    let mut out = Vec::new();
    let bytes = key.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        if bytes.get(i) == Some(&b'"') {
            let Some(len) = key[i + 1..].find('"') else {
                return Err(OverrideSyntax(format!("unterminated quote in key `{key}`")));
            };
            let name = &key[i + 1..i + 1 + len];
            i += len + 2;
            out.push((name.to_string(), start..i));
        } else {
            let len = key[i..].find(['.', '"']).unwrap_or(key.len() - i);
            let name = key[i..i + len].trim();
            if name.is_empty() {
                return Err(OverrideSyntax(format!(
                    "empty part in key `{key}`: write it as dotted names, e.g. `assumptions.discount_rate`"
                )));
            }
            i += len;
            out.push((name.to_string(), start..i));
        }
        match bytes.get(i) {
            None => return Ok(out),
            Some(b'.') => i += 1,
            Some(_) => {
                return Err(OverrideSyntax(format!(
                    "a quoted part must be followed by `.` or `=` in key `{key}`"
                )));
            }
        }
    }
}

/// The `--set` values of one command, in the order given (a later one wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    items: Vec<Override>,
}

/// What an override writes into the tree, and where it shows on the command line.
struct Placed<'a> {
    item: &'a Override,
    /// Offset of the key's start in the combined space.
    key_at: usize,
    /// Offset of the value's start in the combined space.
    value_at: usize,
}

impl Overrides {
    /// The overrides in command-line order.
    pub fn new(items: Vec<Override>) -> Self {
        Overrides { items }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every override, in command-line order.
    pub fn items(&self) -> &[Override] {
        &self.items
    }

    /// Each override as `KEY=VALUE`, for the report's header.
    pub fn listed(&self) -> Vec<String> {
        self.items.iter().map(Override::to_string).collect()
    }

    /// The command line as diagnostics show it: one `--set KEY=VALUE` a line.
    pub fn text(&self) -> String {
        self.items.iter().map(|o| format!("--set {o}\n")).collect()
    }

    /// Where the command line starts in the combined space of a file of `file_len` bytes.
    fn base(file_len: usize) -> usize {
        file_len + 1
    }

    fn placed(&self, file_len: usize) -> Vec<Placed<'_>> {
        let mut at = Self::base(file_len);
        self.items
            .iter()
            .map(|item| {
                let key_at = at + "--set ".len();
                let value_at = key_at + item.key.len() + 1;
                at = value_at + item.value.len() + 1;
                Placed { item, key_at, value_at }
            })
            .collect()
    }

    /// Whether a diagnostic's place is on the command line (for a file of `file_len` bytes).
    pub fn is_command_line(file_len: usize, d: &Diagnostic) -> bool {
        d.span.as_ref().is_some_and(|s| s.start >= Self::base(file_len))
    }

    /// Split diagnostics into those about the file and those about the command line, the
    /// latter with spans moved onto [`Overrides::text`].
    pub fn split(file_len: usize, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let base = Self::base(file_len);
        let (mut cli, file): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .into_iter()
            .partition(|d| Self::is_command_line(file_len, d));
        for d in &mut cli {
            d.span = d.span.take().map(|s| s.start - base..s.end.max(s.start) - base);
        }
        (file, cli)
    }

    /// Put every override into `root` (the file's top-level table). Problems with the
    /// key (a line that does not exist, a value where a table is needed) are returned as
    /// diagnostics located on the command line.
    pub(crate) fn apply<'a>(&'a self, mut root: DeTable<'a>, file_len: usize) -> (DeTable<'a>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        for p in self.placed(file_len) {
            if let Err(d) = apply_one(&mut root, &p) {
                diags.push(*d);
            }
        }
        (root, diags)
    }
}

/// The value as TOML when it reads as one, else as a string; spans in the combined space.
fn value_of<'a>(p: &Placed<'a>) -> Spanned<DeValue<'a>> {
    let text = p.item.value.as_str();
    match DeValue::parse(text) {
        Ok(v) => shift(v, p.value_at),
        Err(_) => Spanned::new(p.value_at..p.value_at + text.len(), DeValue::String(text.into())),
    }
}

/// Move every span in `v` by `by` bytes.
fn shift<'i>(v: Spanned<DeValue<'i>>, by: usize) -> Spanned<DeValue<'i>> {
    let span = v.span();
    let span = span.start + by..span.end + by;
    let value = match v.into_inner() {
        DeValue::Array(a) => {
            let mut out = DeArray::new();
            for item in a.iter().cloned() {
                out.push(shift(item, by));
            }
            DeValue::Array(out)
        }
        DeValue::Table(t) => DeValue::Table(
            t.into_iter()
                .map(|(k, v)| {
                    let ks = k.span();
                    (Spanned::new(ks.start + by..ks.end + by, k.into_inner()), shift(v, by))
                })
                .collect(),
        ),
        other => other,
    };
    Spanned::new(span, value)
}

fn describe(v: &DeValue) -> Text {
    let (sv, en) = match v {
        DeValue::String(_) => ("en text", "a string"),
        DeValue::Integer(_) => ("ett heltal", "an integer"),
        DeValue::Float(_) => ("ett decimaltal", "a float"),
        DeValue::Boolean(_) => ("ett sanningsvärde", "a boolean"),
        DeValue::Datetime(_) => ("ett datum", "a date"),
        DeValue::Array(_) => ("en lista", "an array"),
        DeValue::Table(_) => ("en tabell", "a table"),
    };
    Text::new(sv, en)
}

/// The entry of an array that `selector` names: by `id`, by exact `name`, or by
/// position from 1, as messages number them (`[[costs]] #1`).
fn select(items: &DeArray, selector: &str) -> Option<usize> {
    let field = |item: &Spanned<DeValue>, key: &str| match item.get_ref() {
        DeValue::Table(t) => t.get(key).and_then(|v| v.get_ref().as_str().map(str::to_string)),
        _ => None,
    };
    items
        .iter()
        .position(|item| field(item, "id").as_deref() == Some(selector))
        .or_else(|| {
            items
                .iter()
                .position(|item| field(item, "name").as_deref() == Some(selector))
        })
        .or_else(|| {
            selector
                .parse::<usize>()
                .ok()
                .and_then(|i| i.checked_sub(1))
                .filter(|i| *i < items.len())
        })
}

/// What an array's entries can be called: ids and names.
fn entry_names(items: &DeArray) -> Vec<String> {
    let mut out = Vec::new();
    for item in items.iter() {
        if let DeValue::Table(t) = item.get_ref() {
            for key in ["id", "name"] {
                if let Some(s) = t.get(key).and_then(|v| v.get_ref().as_str()) {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

fn apply_one<'a>(root: &mut DeTable<'a>, p: &Placed<'a>) -> Result<(), Box<Diagnostic>> {
    let segments = &p.item.segments;
    let seg_span = |i: usize| {
        let r = &segments[i].1;
        p.key_at + r.start..p.key_at + r.end
    };
    let path = |i: usize| {
        segments[..=i]
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(".")
    };
    let at = p.item.key.clone();
    let value = value_of(p);
    let mut table: &mut DeTable<'a> = root;
    let mut i = 0;
    loop {
        let (name, _) = &segments[i];
        let last = i + 1 == segments.len();
        if last {
            // Keep the key (and its place) when it is written in the file: the value is new.
            match table.get_mut(name.as_str()) {
                Some(slot) => *slot = value,
                None => {
                    table.insert(Spanned::new(seg_span(i), name.clone().into()), value);
                }
            }
            return Ok(());
        }
        if table.get(name.as_str()).is_none() {
            let span = seg_span(i);
            table.insert(
                Spanned::new(span.clone(), name.clone().into()),
                Spanned::new(span, DeValue::Table(DeTable::default())),
            );
        }
        let Some(slot) = table.get_mut(name.as_str()) else {
            // Inserted just above; kept as an error, not a panic, should that ever change.
            return Err(Box::new(
                Diagnostic::new(Code::E005, {
                    let item = &p.item;
                    text!(sv: "--set {item}: nyckeln kunde inte skapas"; en: "--set {item}: the key could not be made")
                })
                .span(seg_span(i))
                .at(at),
            ));
        };
        let slot_kind = describe(slot.get_ref());
        match slot.get_mut() {
            DeValue::Table(t) => {
                table = t;
                i += 1;
            }
            DeValue::Array(items) => {
                let sel = &segments[i + 1].0;
                let Some(index) = select(items, sel) else {
                    let names = entry_names(items);
                    let hint = match did_you_mean(sel, names.iter().map(String::as_str)) {
                        Some(near) => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                        None if names.is_empty() => {
                            let (p, n) = (path(i), items.len());
                            text!(sv: "`{p}` har {n} poster"; en: "`{p}` has {n} entries")
                        }
                        None => {
                            let all = names.join(", ");
                            text!(
                                sv: "ange en post med dess `id`, dess `name` eller dess nummer räknat från 1: {all}";
                                en: "name an entry by its `id`, its `name` or its number from 1: {all}"
                            )
                        }
                    };
                    return Err(Box::new(
                        Diagnostic::new(Code::E008, {
                            let (item, p) = (&p.item, path(i));
                            text!(
                                sv: "--set {item}: ingen post `{sel}` i `{p}`";
                                en: "--set {item}: no entry `{sel}` in `{p}`"
                            )
                        })
                        .hint(hint)
                        .span(seg_span(i + 1))
                        .at(at),
                    ));
                };
                let entry = &mut items.as_mut()[index];
                if i + 2 == segments.len() {
                    *entry = value;
                    return Ok(());
                }
                let entry_kind = describe(entry.get_ref());
                match entry.get_mut() {
                    DeValue::Table(t) => {
                        table = t;
                        i += 2;
                    }
                    _ => {
                        return Err(Box::new(not_a_table(p, &path(i + 1), entry_kind, seg_span(i + 1), at)));
                    }
                }
            }
            _ => return Err(Box::new(not_a_table(p, &path(i), slot_kind, seg_span(i), at))),
        }
    }
}

fn not_a_table(p: &Placed, path: &str, kind: Text, span: Range<usize>, at: String) -> Diagnostic {
    Diagnostic::new(
        Code::E004,
        text!(
            sv: "--set {}: `{path}` är {}, inte en tabell, och har inga nycklar", p.item, kind.sv;
            en: "--set {}: `{path}` is {}, not a table, and has no keys", p.item, kind.en
        ),
    )
    .hint(text!(
        sv: "sätt `{path}` själv, till exempel `--set {path}=…`";
        en: "set `{path}` itself, e.g. `--set {path}=…`"
    ))
    .span(span)
    .at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_into_segments() {
        let o: Override = "benefits.\"Kortare handläggning\".adoption.2028=0.3".parse().unwrap();
        let names: Vec<&str> = o.segments.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(names, ["benefits", "Kortare handläggning", "adoption", "2028"]);
        assert_eq!(o.value(), "0.3");
        assert!("nokey".parse::<Override>().is_err());
        assert!("a..b=1".parse::<Override>().is_err());
        assert!("a.\"b=1".parse::<Override>().is_err());
        let eq: Override = "project.name=a=b".parse().unwrap();
        assert_eq!(eq.value(), "a=b");
    }

    #[test]
    fn text_and_spans_agree() {
        let o = Overrides::new(vec!["a.b=1".parse().unwrap(), "c=xyz".parse().unwrap()]);
        let text = o.text();
        assert_eq!(text, "--set a.b=1\n--set c=xyz\n");
        let placed = o.placed(10);
        let base = Overrides::base(10);
        assert_eq!(&text[placed[1].key_at - base..placed[1].value_at - base - 1], "c");
        assert_eq!(&text[placed[1].value_at - base..][..3], "xyz");
    }
}
