//! Text → [`Project`]: parse the TOML with spans, then walk it key by key, collecting
//! every problem (not just the first) as a located [`Diagnostic`] with a hint.
//!
//! The walk is written by hand rather than with `#[derive(Deserialize)]` because serde
//! stops at the first error and cannot re-read a float literal exactly (docs/format.md, "Numbers").
//!
//! One [`Walker`] collects the findings; its methods are split by concern:
//! `walker.rs` (typed reads of any value), `project.rs` (`[project]`, `[assumptions]`,
//! `[[stakeholders]]`, `[scenarios.NAME]`), `lines.rs` (costs and benefits),
//! `values.rs` (the value forms) and `realisation.rs` (`[benefits.realisation]`).
//! This file holds the entry point, the known keys and the helpers they share.

use super::MAX_YEARLY_MONEY;
use super::number::{NumberError, parse_float_literal, parse_integer_literal, parse_number_str};
use super::overrides::Overrides;
use super::*;
use crate::diagnostic::{Code, Diagnostic, Omitted, Text, did_you_mean, keep};
use crate::limits::MAX_SHOWN_FINDINGS;
use crate::text;
use std::fmt::Display;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod lines;
mod project;
mod realisation;
mod toml_sv;
mod values;
mod walker;

type Val<'i> = Spanned<DeValue<'i>>;

/// The outcome of reading a project file: the project when it has no errors, and every
/// diagnostic found on the way (errors and, possibly, nothing else: warnings come from
/// [`crate::check`]).
#[derive(Debug)]
pub struct Parsed {
    /// The project, when the file has no error.
    pub project: Option<Project>,
    /// Every error and warning found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// What `[project]` says about itself, read even when the file has errors.
    pub header: Header,
    /// Findings beyond the limit, counted only.
    pub omitted: Omitted,
}

/// The identifying strings of `[project]`, empty where absent or unreadable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `[project] id`, empty when none.
    pub id: String,
    /// `[project] name`, empty when none.
    pub name: String,
    /// `[project] organisation`, empty when none.
    pub organisation: String,
    /// `[project] portfolio`, empty when none.
    pub portfolio: String,
}

/// Parse and validate a project file.
pub fn parse_project(text: &str) -> Parsed {
    parse_project_with(text, &Overrides::default())
}

/// Parse and validate a project file with `--set` values put in first
/// ([`super::overrides`]): diagnostics about them are placed past the end of `text`.
pub fn parse_project_with(text: &str, overrides: &Overrides) -> Parsed {
    parse_padded(text, overrides, true)
}

/// Trailing spaces that make room for the TOML lexer's tokens: it sizes its token
/// buffer at 2 tokens per 7 bytes of text, a dense project file (no comments, short
/// keys and values) has up to 2 in 5, and a buffer that grows is copied (a batch parses
/// thousands of files). Half the length again in spaces covers that. A run of spaces
/// is one token, and spans count from the start, so no span moves; a file with a
/// syntax error is parsed again as written, so that the error is placed as the file
/// ends.
fn padding(text: &str) -> String {
    let spaces = text.len() / 2 + 1;
    let mut padded = String::with_capacity(text.len() + spaces + 1);
    padded.push_str(text);
    padded.push('\n');
    padded.extend(std::iter::repeat_n(' ', spaces));
    padded
}

fn parse_padded(text: &str, overrides: &Overrides, pad: bool) -> Parsed {
    let padded = if pad { padding(text) } else { String::new() };
    let (root, syntax_errors) = DeTable::parse_recoverable(if pad { &padded } else { text });
    let syntax_errors = if syntax_errors.is_empty() || !pad {
        syntax_errors
    } else {
        DeTable::parse_recoverable(text).1
    };
    if !syntax_errors.is_empty() {
        let kept = syntax_errors.len().min(MAX_SHOWN_FINDINGS);
        let omitted = Omitted {
            errors: syntax_errors.len() - kept,
            warnings: 0,
        };
        let diagnostics = syntax_errors[..kept]
            .iter()
            .map(|e| {
                // The parser's key-depth limit comes without a place: find the key.
                let deep = e.span().is_none() && e.message().contains("recursion limit");
                let message = if deep {
                    Text::new(
                        "TOML-syntax: en punktad nyckel eller ett tabellnamn i mer än 80 nivåer (rekursionsgräns)",
                        "TOML syntax: a dotted key or table name nested more than 80 levels deep (recursion limit)",
                    )
                } else {
                    let m = e.message().trim_end();
                    // The key a duplicate is, as the parser marks it but does not name it.
                    let key = e
                        .span()
                        .filter(|_| m == "duplicate key")
                        .and_then(|s| text.get(s))
                        .map(str::trim)
                        .filter(|k| !k.is_empty() && k.len() <= 80);
                    match key {
                        Some(key) => text!(sv: "TOML-syntax: nyckeln `{key}` finns redan"; en: "TOML syntax: duplicate key `{key}`"),
                        None if unquoted_text(e, text).is_some() => Text::new(
                            "TOML-syntax: text måste stå inom citattecken",
                            "TOML syntax: string values must be quoted",
                        ),
                        None => {
                            let sv = toml_sv::swedish(m);
                            let sv = sv.as_deref().unwrap_or(m);
                            text!(sv: "TOML-syntax: {sv}"; en: "TOML syntax: {m}")
                        }
                    }
                };
                // Quotes a word processor curled (`”Bygglov”`) are not TOML's.
                let curly = e
                    .span()
                    .and_then(|s| text.get(s.start..))
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| matches!(c, '”' | '“' | '„' | '’' | '‘'));
                let hint = if let Some(word) = unquoted_text(e, text) {
                    text!(
                        sv: "skriv texten inom raka citattecken: `\"{word}\"`";
                        en: "put the text in straight quotes: `\"{word}\"`"
                    )
                } else if curly {
                    Text::new(
                        "skriv raka citattecken `\"` i stället för typografiska ”…” (en ordbehandlare byter dem; skriv filen i en textredigerare)",
                        "write straight quotes `\"` instead of typographic ”…” (a word processor swaps them; edit the file in a text editor)",
                    )
                } else {
                    Text::new(
                        "rätta TOML-syntaxen på det markerade stället (text behöver citattecken, tabeller `[namn]`)",
                        "fix the TOML syntax at the marked place (strings need quotes, tables `[name]`)",
                    )
                };
                Diagnostic::new(Code::E001, message)
                    .maybe_span(e.span().or_else(|| deep.then(|| deep_key_span(text)).flatten()))
                    .hint(hint)
            })
            .collect();
        return Parsed {
            project: None,
            diagnostics,
            header: Header::default(),
            omitted,
        };
    }
    let root_span = root.span();
    let root_span = root_span.start..root_span.end.min(text.len());
    let (root, set_errors) = overrides.apply(root.into_inner(), text.len());
    let from_the_file = set_errors.len();
    let mut walker = Walker {
        diags: set_errors,
        ..Walker::default()
    };
    let mut project = walker.project(&root, root_span);
    // Paths in the walk's findings become names a reader knows; the names are looked up
    // only for a file that has findings (most files of a batch have none here).
    if walker.diags.len() > from_the_file {
        let names = entry_names(&root);
        for d in &mut walker.diags[from_the_file..] {
            d.message = readable(&d.message, &names);
            if let Some(hint) = &d.hint {
                d.hint = Some(readable(hint, &names));
            }
        }
    }
    if let Some(p) = &mut project {
        p.overrides = overrides.listed();
    }
    let has_errors = walker.error_count() > 0;
    Parsed {
        project: if has_errors { None } else { project },
        diagnostics: walker.diags,
        header: walker.header,
        omitted: walker.omitted,
    }
}

const ROOT_KEYS: &[&str] = &[
    "format",
    "project",
    "assumptions",
    "stakeholders",
    "costs",
    "benefits",
    "scenarios",
];
const PROJECT_KEYS: &[&str] = &[
    "name",
    "id",
    "organisation",
    "portfolio",
    "start_year",
    "years",
    "go_live",
    "currency",
    "description",
];
const ASSUMPTION_KEYS: &[&str] = &[
    "discount_rate",
    "hourly_cost",
    "overhead",
    "monthly_salary",
    "salary_hours",
    "price_year",
    "real",
];
const STAKEHOLDER_KEYS: &[&str] = &["id", "name"];
const VALUE_FORMS: &[&str] = &["amounts", "annual", "hours", "annual_hours", "volume"];
const VOLUME_KEYS: &[&str] = &[
    "minutes_saved",
    "minutes_before",
    "minutes_after",
    "unit_saving",
    "adoption",
];
const PERIOD_KEYS: &[&str] = &["from", "to", "growth"];
const COMMON_LINE_KEYS: &[&str] = &[
    "id",
    "name",
    "stakeholder",
    "from",
    "to",
    "growth",
    "hourly_cost",
    "range",
    "source",
    "note",
    "actuals",
];
const QUALITATIVE_KEYS: &[&str] = &["indicator", "baseline", "target", "target_date", "measured_by"];
const REALISATION_KEYS: &[&str] = &[
    "owner",
    "method",
    "share",
    "lag_months",
    "schedule",
    "actuals",
    "measured_by",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "follow_up",
];
const SCENARIO_KEYS: &[&str] = &[
    "cost_factor",
    "investment_factor",
    "operations_factor",
    "benefit_factor",
    "delay_months",
    "discount_rate",
    "optimism_bias",
];
const OPTIMISM_BIASES: &[&str] = &["upper", "lower"];
const CATEGORIES: &[&str] = &["investment", "operations", "other"];
const CLASSES: &[&str] = &["financial", "reallocation", "qualitative"];
const CONFIDENCES: &[&str] = &["high", "medium", "low"];
const METHODS: &[&str] = &[
    "budget_reduction",
    "redeployment",
    "revenue",
    "cost_avoidance",
    "quality",
];

/// The horizon lines are checked against, once `[project]` is known.
#[derive(Clone, Copy)]
struct Horizon {
    start_year: i32,
    years: u32,
    go_live: Month,
}

impl Horizon {
    fn end_year(self) -> i32 {
        self.start_year + self.years as i32 - 1
    }
    fn contains_year(self, year: i32) -> bool {
        (self.start_year..=self.end_year()).contains(&year)
    }
    fn describe(self) -> String {
        format!("{}–{}", self.start_year, self.end_year())
    }
}

#[derive(Default)]
struct Walker {
    diags: Vec<Diagnostic>,
    header: Header,
    omitted: Omitted,
}

/// The names of the entries of `root`'s line and stakeholder arrays, by path.
fn entry_names(root: &DeTable) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for section in ["costs", "benefits", "stakeholders"] {
        let Some(DeValue::Array(items)) = get(root, section).map(|v| v.get_ref()) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            if let DeValue::Table(t) = item.get_ref()
                && let Some(DeValue::String(name)) = get(t, "name").map(|v| v.get_ref())
                && !name.trim().is_empty()
            {
                names.push((entry_path(section, i), name.to_string()));
            }
        }
    }
    names
}

/// A message with every internal path of a line or stakeholder (`costs[3].annual`,
/// 0-based, as JSON's `at` keeps it) written as a reader knows it: 1-based and by name,
/// `` `annual` of [[costs]] #4 "Licens" `` (`` `annual` i [[costs]] nr 4 ”Licens” `` in
/// Swedish). A backquoted path loses its backquotes; the key after it keeps them.
fn readable(text: &Text, names: &[(String, String)]) -> Text {
    let has_path = |t: &str| ["costs[", "benefits[", "stakeholders["].iter().any(|p| t.contains(p));
    if !has_path(&text.sv) && !has_path(&text.en) {
        return text.clone();
    }
    text.map(|t, lang| readable_in(t, lang, names))
}

fn readable_in(text: &str, lang: crate::fmt::Lang, names: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    'scan: while !rest.is_empty() {
        // Copy up to the next place a path can start (a section name, or the backquote
        // before it) in one go.
        let next = ["costs[", "benefits[", "stakeholders["]
            .iter()
            .filter_map(|p| rest.find(p))
            .min()
            .map(|i| if rest[..i].ends_with('`') { i - 1 } else { i });
        match next {
            None => {
                out.push_str(rest);
                break;
            }
            Some(i) if i > 0 => {
                out.push_str(&rest[..i]);
                rest = &rest[i..];
            }
            Some(_) => {}
        }
        for section in ["costs", "benefits", "stakeholders"] {
            let quoted = rest.starts_with('`');
            let body = if quoted { &rest[1..] } else { rest };
            let at_word = out.is_empty() || out.ends_with([' ', '(', '`']) || quoted;
            let Some(after) = body.strip_prefix(section).and_then(|r| r.strip_prefix('[')) else {
                continue;
            };
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let Some(tail) = after[digits..].strip_prefix(']') else {
                continue;
            };
            let Ok(n) = after[..digits].parse::<usize>() else {
                continue;
            };
            if !at_word {
                continue;
            }
            // The key after the entry, up to the closing backquote or a space.
            let key_len = tail
                .strip_prefix('.')
                .map_or(0, |k| 1 + k.find(['`', ' ', ',', ':', ')']).unwrap_or(k.len()));
            let key = &tail[..key_len].trim_start_matches('.');
            let mut end = tail[key_len..].len();
            if quoted && tail[key_len..].starts_with('`') {
                end -= 1;
            }
            let entry = format!(
                "[[{section}]] {}",
                lang.pick(&format!("nr {}", n + 1), &format!("#{}", n + 1))
            );
            let name = names
                .iter()
                .find(|(p, _)| *p == format!("{section}[{n}]"))
                .map(|(_, name)| match lang {
                    crate::fmt::Lang::Sv => format!(" ”{name}”"),
                    crate::fmt::Lang::En => format!(" \"{name}\""),
                })
                .unwrap_or_default();
            if key.is_empty() {
                out.push_str(&format!("{entry}{name}"));
            } else {
                out.push_str(&format!("`{key}` {} {entry}{name}", lang.pick("i", "of")));
            }
            rest = &rest[rest.len() - end..];
            continue 'scan;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// Look a key up in a table. Project-file tables have a handful of keys, and comparing
/// them in order is cheaper than hashing the key (the walk makes hundreds of lookups
/// per file, most of them for keys that are absent).
fn get<'t, 'i>(t: &'t DeTable<'i>, key: &str) -> Option<&'t Val<'i>> {
    if t.len() <= 16 {
        t.iter()
            .find(|(k, _)| same_key(k.get_ref().as_ref(), key))
            .map(|(_, v)| v)
    } else {
        t.get(key)
    }
}

/// `a == b` for keys, the first byte compared before the call that compares the rest:
/// most keys a lookup passes differ there.
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

fn has(t: &DeTable, key: &str) -> bool {
    get(t, key).is_some()
}

/// A path in the file, `base.key`, formatted only when a diagnostic needs it.
struct Key<'a>(&'a dyn Display, &'a str);

impl Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let base = self.0.to_string();
        if base.is_empty() {
            f.write_str(self.1)
        } else {
            write!(f, "{base}.{}", self.1)
        }
    }
}

fn type_name(v: &DeValue) -> Text {
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

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// The first dotted key with 80 or more dots (outside quotes), which the TOML parser
/// refuses without saying where: found in one pass over the text.
fn deep_key_span(text: &str) -> Option<Span> {
    const DEPTH: usize = 80;
    let (mut dots, mut start, mut quote) = (0usize, 0usize, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\n') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '.') => {
                dots += 1;
                if dots >= DEPTH {
                    let end = text[i..]
                        .find(['\n', '=', ']', '{', '}', ','])
                        .map_or(text.len(), |e| i + e);
                    return Some(start..end);
                }
            }
            (None, '\n' | '=' | '[' | ']' | '{' | '}' | ',' | '#') => {
                dots = 0;
                start = i + 1;
            }
            (None, _) => {}
        }
    }
    None
}

/// A readable name for a path: `[[costs]] #2 "Licens"` for `costs[1]` (by [`readable`]).
fn describe_path(path: &str) -> Text {
    if path.is_empty() {
        return Text::new("filen", "the file");
    }
    if ["costs[", "benefits[", "stakeholders["]
        .iter()
        .any(|s| path.starts_with(s))
    {
        // Written as a reader knows it when the message is recorded ([`readable`]).
        let quoted = format!("`{path}`");
        return Text::new(quoted.clone(), quoted);
    }
    let table = format!("[{path}]");
    Text::new(table.clone(), table)
}

/// Point at the start of a table rather than all of it.
/// The text a syntax error is about when it is words without quotes (`name = Test`,
/// which the parser takes for a misspelt `true`): the rest of its line, up to a comment.
fn unquoted_text<'t>(e: &toml::de::Error, text: &'t str) -> Option<&'t str> {
    let m = e.message();
    if !(m.starts_with("invalid boolean") || m.starts_with("string values must be quoted")) {
        return None;
    }
    let rest = text.get(e.span()?.start..)?;
    let word = rest.lines().next()?.split('#').next()?.trim();
    let letters = word.chars().next().is_some_and(char::is_alphabetic);
    // A start of `true` or `false` (`tru`) is a misspelt boolean, as the parser says.
    let boolean = "true".starts_with(word) || "false".starts_with(word);
    (letters && !boolean && word.len() <= 80 && !word.contains(['"', '\'', '”', '“'])).then_some(word)
}

/// `section[i]`, the path of an entry of an array of tables, written without the
/// formatting machinery (a batch writes one per line of every file).
fn entry_path(section: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = i;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut path = String::with_capacity(section.len() + digits.len() - start + 2);
    path.push_str(section);
    path.push('[');
    path.extend(digits[start..].iter().map(|&d| char::from(d)));
    path.push(']');
    path
}

fn header_span(span: &Span) -> Span {
    span.start..span.start
}

/// Every table the walk reads, by its place in the file (`costs[]` for each entry of
/// `[[costs]]`, `scenarios.*` for each scenario), and the keys it knows there: the
/// JSON Schema (`crate::schema`) is built from these lists.
pub(crate) fn known_keys() -> Vec<(&'static str, Vec<&'static str>)> {
    let line = |kind: &[&'static str], qualitative: &[&'static str]| -> Vec<&'static str> {
        COMMON_LINE_KEYS
            .iter()
            .chain(kind)
            .chain(VALUE_FORMS)
            .chain(VOLUME_KEYS)
            .chain(qualitative)
            .copied()
            .collect()
    };
    vec![
        ("", ROOT_KEYS.to_vec()),
        ("project", PROJECT_KEYS.to_vec()),
        ("assumptions", ASSUMPTION_KEYS.to_vec()),
        ("stakeholders[]", STAKEHOLDER_KEYS.to_vec()),
        ("costs[]", line(&["category"], &[])),
        (
            "benefits[]",
            line(&["class", "confidence", "realisation"], QUALITATIVE_KEYS),
        ),
        ("benefits[].realisation", REALISATION_KEYS.to_vec()),
        ("range", vec!["low", "high"]),
        ("scenarios.*", SCENARIO_KEYS.to_vec()),
    ]
}

/// The parser's groups of keys and choices of enumerated strings, by name, for the JSON
/// Schema (`crate::schema`).
pub(crate) fn known_lists(name: &str) -> &'static [&'static str] {
    match name {
        "value_forms" => VALUE_FORMS,
        "volume_keys" => VOLUME_KEYS,
        "period_keys" => PERIOD_KEYS,
        "qualitative_keys" => QUALITATIVE_KEYS,
        "category" => CATEGORIES,
        "class" => CLASSES,
        "confidence" => CONFIDENCES,
        "method" => METHODS,
        "optimism_bias" => OPTIMISM_BIASES,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    /// The padding changes nothing a reader or the engine sees: every bundled file,
    /// and every cut of it (whole lines, and bytes near its end, where errors at the
    /// end of the file are found), parses to the same project and diagnostics, spans
    /// and all, as the text without it.
    #[test]
    fn padding_changes_no_parse() {
        let files = [
            include_str!("../../../examples/bokningssystem.toml"),
            include_str!("../../../examples/delad-tjanst.toml"),
            include_str!("../../../examples/e-tjanst-bygglov.toml"),
            include_str!("../../../examples/klassiskt-fel-rattat.toml"),
            include_str!("../../../examples/klassiskt-fel.toml"),
            include_str!("../../../examples/uppfoljning-bygglov.toml"),
            include_str!("../../../examples/worked-example.toml"),
            include_str!("../../templates/basic.toml"),
            include_str!("../../templates/e-service.toml"),
            include_str!("../../templates/shared.toml"),
        ];
        let same = |text: &str| {
            let overrides = Overrides::default();
            let padded = format!("{:?}", parse_padded(text, &overrides, true));
            let plain = format!("{:?}", parse_padded(text, &overrides, false));
            assert_eq!(padded, plain, "{text}");
        };
        let mut cuts = 0;
        for file in files {
            for (i, _) in file.match_indices('\n') {
                same(&file[..=i]);
                same(&file[..i]);
                cuts += 1;
            }
            for cut in (file.len().saturating_sub(24)..file.len()).filter(|&c| file.is_char_boundary(c)) {
                same(&file[..cut]);
                cuts += 1;
            }
        }
        assert!(cuts > 500, "{cuts} cuts");
    }

    #[test]
    fn a_duplicate_key_is_named_and_curly_quotes_get_their_own_hint() {
        use crate::fmt::Lang;
        let parsed = parse_project("format = 1\nyears = 3\nyears = 4\n");
        assert_eq!(
            parsed.diagnostics[0].message.get(Lang::Sv),
            "TOML-syntax: nyckeln `years` finns redan"
        );
        assert_eq!(
            parsed.diagnostics[0].message.get(Lang::En),
            "TOML syntax: duplicate key `years`"
        );
        let parsed = parse_project("format = 1\n[project]\nname = ”Bygglov”\n");
        let hint = parsed.diagnostics[0].hint_in(Lang::Sv).unwrap_or_default();
        assert!(hint.starts_with("skriv raka citattecken"), "{hint}");
    }

    #[test]
    fn words_without_quotes_are_told_to_take_quotes() {
        use crate::fmt::Lang;
        let first = |t: &str| parse_project(t).diagnostics.into_iter().next().unwrap();
        // The parser takes `Test` for a misspelt `true`; the reader meant a text.
        let d = first("format = 1\n[project]\nname = Test\n");
        assert_eq!(d.message.get(Lang::Sv), "TOML-syntax: text måste stå inom citattecken");
        assert_eq!(
            d.hint_in(Lang::Sv),
            Some("skriv texten inom raka citattecken: `\"Test\"`")
        );
        let d = first("format = 1\n[project]\nname = Bygglov som e-tjänst # kommentar\n");
        assert_eq!(
            d.hint_in(Lang::En),
            Some("put the text in straight quotes: `\"Bygglov som e-tjänst\"`")
        );
        // `tru` is a misspelt boolean: the parser's words stand.
        let d = first("format = 1\nx = tru\n");
        assert_eq!(d.message.get(Lang::En), "TOML syntax: invalid boolean, expected `true`");
    }

    #[test]
    fn entry_paths_are_as_formatted() {
        for i in [0, 7, 10, 99, 1234, usize::MAX] {
            assert_eq!(entry_path("costs", i), format!("costs[{i}]"));
        }
    }

    #[test]
    fn paths_are_written_as_a_reader_knows_them() {
        use crate::fmt::Lang;
        let names = vec![("costs[3]".to_string(), "Licens".to_string())];
        let en = |t: &str| readable_in(t, Lang::En, &names);
        let sv = |t: &str| readable_in(t, Lang::Sv, &names);
        assert_eq!(
            en("`costs[3].annual` is empty"),
            "`annual` of [[costs]] #4 \"Licens\" is empty"
        );
        assert_eq!(
            sv("`costs[3].annual` är tom"),
            "`annual` i [[costs]] nr 4 ”Licens” är tom"
        );
        assert_eq!(en("in `costs[3]`"), "in [[costs]] #4 \"Licens\"");
        assert_eq!(
            en("`benefits[0].realisation.share`: x"),
            "`realisation.share` of [[benefits]] #1: x"
        );
        // Not a path: left alone.
        assert_eq!(en("mycosts[1] and `costs[x]`"), "mycosts[1] and `costs[x]`");
        // Several paths, with text before, between and after.
        assert_eq!(
            en("lines `costs[3].annual` and (benefits[0]) differ: å"),
            "lines `annual` of [[costs]] #4 \"Licens\" and ([[benefits]] #1) differ: å"
        );
    }

    use super::*;
    use rust_decimal::dec;

    const MINIMAL: &str = r#"
format = 1
[project]
name = "Test"
organisation = "Kommunen"
start_year = 2025
"#;

    fn codes(text: &str) -> Vec<Code> {
        parse_project(text).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn minimal_file_has_defaults() {
        let parsed = parse_project(MINIMAL);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let p = parsed.project.unwrap();
        assert_eq!(p.years, 5);
        assert_eq!(p.go_live, Month::new(2025, 1));
        assert_eq!(p.assumptions.discount_rate, dec!(0.03));
        assert!(!p.assumptions.discount_rate_stated);
        assert_eq!(p.stakeholders.len(), 1);
        assert_eq!(p.stakeholders[0].name, "Kommunen");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"A\"\ncategory = \"investmnt\"\nammounts = {{ 2025 = 1 }}\n\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\nannual = 1\namounts = {{ 2025 = 1 }}\n"
        );
        let parsed = parse_project(&text);
        let c: Vec<Code> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert!(c.contains(&Code::E002), "{c:?}"); // ammounts
        assert!(c.contains(&Code::E005), "{c:?}"); // investmnt
        assert!(c.contains(&Code::E006), "{c:?}"); // two forms, and no form
        let unknown = parsed.diagnostics.iter().find(|d| d.code == Code::E002).unwrap();
        assert_eq!(unknown.hint_in(crate::fmt::Lang::En), Some("did you mean `amounts`?"));
        assert!(parsed.project.is_none());
    }

    #[test]
    fn syntax_error_is_located() {
        let parsed = parse_project("format = 1\n[project\nname = 1");
        assert_eq!(parsed.diagnostics[0].code, Code::E001);
        assert!(parsed.diagnostics[0].span.is_some());
    }

    #[test]
    fn shares_must_sum_to_one() {
        let text = format!(
            "{MINIMAL}\n[[stakeholders]]\nid = \"a\"\nname = \"A\"\n[[stakeholders]]\nid = \"b\"\nname = \"B\"\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = 1\nstakeholder = {{ a = 0.5, b = 0.4 }}\n"
        );
        assert_eq!(codes(&text), vec![Code::E009]);
    }

    #[test]
    fn years_outside_horizon_and_unknown_stakeholder() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\namounts = {{ 2031 = 1 }}\nstakeholder = \"x\"\n"
        );
        let c = codes(&text);
        assert!(c.contains(&Code::E010) && c.contains(&Code::E008), "{c:?}");
    }

    #[test]
    fn nan_and_huge_numbers_are_errors_not_panics() {
        for value in [
            "nan",
            "inf",
            "-inf",
            "1e30",
            "\"1000000000000000000000000000000\"",
            "99999999999999999999999999999999",
        ] {
            let text = format!("{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = {value}\n");
            let c = codes(&text);
            assert!(!c.is_empty(), "{value}: {c:?}");
        }
    }

    #[test]
    fn years_zero_is_an_error() {
        let text = MINIMAL.replace("start_year = 2025", "start_year = 2025\nyears = 0");
        assert_eq!(codes(&text), vec![Code::E005]);
    }

    #[test]
    fn monthly_salary_gives_hourly_cost() {
        let text = format!("{MINIMAL}\n[assumptions]\nmonthly_salary = 42600\noverhead = \"54 %\"\n");
        let p = parse_project(&text).project.unwrap();
        assert_eq!(p.assumptions.hourly_cost, Some(dec!(300))); // 42600 / 142
        assert_eq!(p.assumptions.overhead, dec!(0.54));
    }

    #[test]
    fn schedule_replaces_share_with_a_warning() {
        let text = format!(
            "{MINIMAL}\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\nannual = 100\n[benefits.realisation]\nowner = \"O\"\nshare = 0.5\nschedule = {{ 2026 = 40 }}\n"
        );
        let parsed = parse_project(&text);
        assert_eq!(
            parsed.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::W113]
        );
        let p = parsed.project.unwrap();
        assert!(p.benefits[0].realisation().unwrap().schedule.is_some());
    }

    #[test]
    fn the_organisation_is_the_implicit_stakeholder() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = 1\nstakeholder = \"Kommunen\"\n"
        );
        let p = parse_project(&text).project.unwrap();
        assert_eq!(p.stakeholders[0].id, "Kommunen");
        assert_eq!(p.costs[0].stakeholders, vec![(0, Decimal::ONE)]);
    }
}
