//! Diagnostics: every error and warning nytta reports, with a stable code, a location
//! (byte span in the source, and a path such as `benefits[2].amounts`) and a hint.

use crate::fmt::Lang;
use serde::Serialize;
use std::ops::Range;

/// A finding's text in both output languages. A diagnostic keeps its code, location and
/// both texts; the writer picks one at render time ([`Text::get`]), so a finding raised
/// once shows in the reader's language in every format (docs/decisions.md, D-lang).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// Swedish.
    pub sv: String,
    /// English: also the `message`/`hint` of the JSON contract for scripts.
    pub en: String,
}

impl Text {
    /// A text from its Swedish and English wording (a language the thread's
    /// [`Wording`] leaves out is left empty).
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            sv: if worded(Lang::Sv) { sv.into() } else { String::new() },
            en: if worded(Lang::En) { en.into() } else { String::new() },
        }
    }
    /// A text worded by `f` in each language: `Text::by(|lang| match lang { … })`.
    /// `f` is called only for the languages the thread's [`Wording`] asks for.
    pub fn by(f: impl Fn(Lang) -> String) -> Text {
        let in_lang = |lang| if worded(lang) { f(lang) } else { String::new() };
        Text {
            sv: in_lang(Lang::Sv),
            en: in_lang(Lang::En),
        }
    }
    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
    /// Both wordings, each transformed by `f` with its language.
    pub fn map(&self, f: impl Fn(&str, Lang) -> String) -> Text {
        Text::new(f(&self.sv, Lang::Sv), f(&self.en, Lang::En))
    }
}

/// In unit tests only, a text with the same words in both languages. Library code has
/// no such conversion, so every finding is worded twice or does not compile.
#[cfg(test)]
impl From<String> for Text {
    fn from(s: String) -> Self {
        Text { sv: s.clone(), en: s }
    }
}

#[cfg(test)]
impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::from(s.to_string())
    }
}

/// `Text::new(format!(sv…), format!(en…))` in one macro: `text!(sv: "…", en: "…")`.
/// A language the thread's [`Wording`] leaves out is not formatted at all.
#[macro_export]
macro_rules! text {
    (sv: $($sv:expr),+ ; en: $($en:expr),+ $(;)?) => {
        $crate::diagnostic::Text::by(|lang| match lang {
            $crate::fmt::Lang::Sv => format!($($sv),+),
            $crate::fmt::Lang::En => format!($($en),+),
        })
    };
}

/// Which languages the texts made on a thread are worded in. Wording a finding costs
/// more than finding it (two `format!`s, numbers formatted for a reader), and a batch
/// of ten thousand files shows few of its texts: the CSV shows warnings by code only.
/// So `nytta batch` words only what its output shows ([`with_wording`]); everything
/// else words both languages (the default), and a writer picks one at render time.
/// A text left out is the empty string (docs/decisions.md, D67).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// Both languages (the default).
    Both,
    /// One language; the other text is left empty.
    Only(Lang),
    /// No text at all: only codes, locations and scenarios are kept.
    Silent,
}

thread_local! {
    static WORDING: std::cell::Cell<Wording> = const { std::cell::Cell::new(Wording::Both) };
}

/// Run `f` with texts made on this thread worded as `wording` says, then restore the
/// wording that was in force (also if `f` panics).
pub fn with_wording<R>(wording: Wording, f: impl FnOnce() -> R) -> R {
    struct Restore(Wording);
    impl Drop for Restore {
        fn drop(&mut self) {
            WORDING.with(|w| w.set(self.0));
        }
    }
    let _restore = Restore(WORDING.with(|w| w.replace(wording)));
    f()
}

/// Whether texts made now on this thread are worded in `lang` ([`with_wording`]).
pub fn worded(lang: Lang) -> bool {
    match WORDING.with(std::cell::Cell::get) {
        Wording::Both => true,
        Wording::Only(only) => only == lang,
        Wording::Silent => false,
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Invalid input: the file is not computed (exit 1).
    Error,
    /// A likely mistake: the file is computed.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
    /// The word a human reads: `fel`/`varning` in Swedish, `error`/`warning` in English.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Sv) => "fel",
            (Severity::Warning, Lang::Sv) => "varning",
            (s, Lang::En) => s.as_str(),
        }
    }
}

/// The word before a finding's hint in human output: `råd` / `hint`.
pub fn hint_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "råd",
        Lang::En => "hint",
    }
}

/// Stable finding codes. E… make a file unusable; W… are the mistakes evaluations of
/// municipal e-service programmes keep finding. Documented in `docs/check-rules.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// TOML syntax error.
    E001,
    /// Unknown key.
    E002,
    /// Missing required key.
    E003,
    /// Wrong type.
    E004,
    /// Value out of range or not allowed.
    E005,
    /// Two value forms, none, or a key that does not belong to the chosen form.
    E006,
    /// Duplicate id or name.
    E007,
    /// Unknown stakeholder or line reference.
    E008,
    /// Stakeholder shares do not sum to 1.
    E009,
    /// Year or month outside the horizon.
    E010,
    /// Arithmetic overflow.
    E011,
    /// Unsupported format version.
    E012,
    /// Benefit money before go-live.
    W101,
    /// No operations cost after go-live.
    W102,
    /// Monetised benefit without a realisation owner.
    W103,
    /// Harvest schedule takes home more than the benefit has produced.
    W104,
    /// A benefit without ramp-up: its first year earns 80 % or more of its second.
    W105,
    /// Discount rate not stated.
    W106,
    /// Qualitative benefit that cannot be measured: no `measured_by`, or a baseline or
    /// target without a figure.
    W107,
    /// Who pays: a stakeholder loses money while the project gains, or gets benefits
    /// without bearing cost while another bears cost without benefit.
    W108,
    /// Adoption under 20 % for more than a year.
    W109,
    /// Horizon ends less than two years after go-live.
    W110,
    /// `budget_reduction` on a reallocation benefit without a named owner.
    W111,
    /// A follow-up date outside the horizon.
    W112,
    /// `share` or `lag_months` given with `schedule`, which replaces them.
    W113,
    /// The case rests on low-confidence benefits.
    W114,
    /// Freed time taken out of the budget less than six months after the benefit starts.
    W115,
    /// Operations under 5 % of the investment a year.
    W116,
    /// Follow-up: harvest more than 20 % behind plan.
    W201,
    /// Follow-up: a cost more than 10 % over plan.
    W202,
    /// Follow-up: a past year with no actual reported.
    W203,
    /// Follow-up: overdue (live for more than a year, no benefit actuals).
    W204,
    /// Batch: a claimed figure differs from the recomputed one.
    W301,
    /// Batch: the same project twice (the same project id, or the same content).
    W302,
}

impl Code {
    /// The code as written: `E001`, `W101`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::E009 => "E009",
            Code::E010 => "E010",
            Code::E011 => "E011",
            Code::E012 => "E012",
            Code::W101 => "W101",
            Code::W102 => "W102",
            Code::W103 => "W103",
            Code::W104 => "W104",
            Code::W105 => "W105",
            Code::W106 => "W106",
            Code::W107 => "W107",
            Code::W108 => "W108",
            Code::W109 => "W109",
            Code::W110 => "W110",
            Code::W111 => "W111",
            Code::W112 => "W112",
            Code::W113 => "W113",
            Code::W114 => "W114",
            Code::W115 => "W115",
            Code::W116 => "W116",
            Code::W201 => "W201",
            Code::W202 => "W202",
            Code::W203 => "W203",
            Code::W204 => "W204",
            Code::W301 => "W301",
            Code::W302 => "W302",
        }
    }

    /// Errors are E codes, warnings W codes.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: an error or a warning, located where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// What is wrong, naming the line, year or month where one applies.
    pub message: Text,
    /// What to do about it, in one line.
    pub hint: Option<Text>,
    /// Byte range in the source text.
    pub span: Option<Range<usize>>,
    /// Path of the item in the file, e.g. `benefits[2].amounts`.
    pub at: Option<String>,
    /// The scenarios a check finding holds in, when it does not hold in the base case
    /// (empty for the base case and for errors).
    pub scenarios: Vec<String>,
}

impl Diagnostic {
    /// A finding with `code` and `message`, no hint, span or path yet.
    pub fn new(code: Code, message: impl Into<Text>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            hint: None,
            span: None,
            at: None,
            scenarios: Vec::new(),
        }
    }
    /// Add what to do about it.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Add the byte range in the file.
    pub fn span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }
    /// Add the byte range in the file, if known.
    pub fn maybe_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }
    /// Add the path in the file, such as `benefits[2]`.
    pub fn at(mut self, at: impl Into<String>) -> Self {
        self.at = Some(at.into());
        self
    }
    /// The severity of the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
    /// The hint in `lang`, if any.
    pub fn hint_in(&self, lang: Lang) -> Option<&str> {
        self.hint.as_ref().map(|h| h.get(lang))
    }
    /// The message with the scenarios it holds in, as text shows it:
    /// `… (scenario pessimistic)` / `… (scenariot pessimistic)`.
    pub fn message_with_scenarios(&self, lang: Lang) -> String {
        let message = self.message_in(lang);
        match (self.scenarios.as_slice(), lang) {
            ([], _) => message.to_string(),
            ([one], Lang::Sv) => format!("{message} (scenariot {one})"),
            ([one], Lang::En) => format!("{message} (scenario {one})"),
            (many, Lang::Sv) => format!("{message} (scenarierna {})", many.join(", ")),
            (many, Lang::En) => format!("{message} (scenarios {})", many.join(", ")),
        }
    }
    /// Whether the finding is an error.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset).rev().find(|&o| text.is_char_boundary(o)).unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Findings counted but not kept: beyond [`crate::limits::MAX_SHOWN_FINDINGS`] per
/// file, only the number of errors and warnings is kept, so that a file with millions
/// of mistakes cannot make nytta hold millions of messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Errors not kept.
    pub errors: usize,
    /// Warnings not kept.
    pub warnings: usize,
}

impl Omitted {
    /// Count one finding that is not kept.
    pub fn count(&mut self, d: &Diagnostic) {
        if d.is_error() {
            self.errors += 1;
        } else {
            self.warnings += 1;
        }
    }
    /// Errors and warnings not kept.
    pub fn total(self) -> usize {
        self.errors + self.warnings
    }
}

/// Keep `d` unless `kept` already holds the limit; then only count it.
pub fn keep(kept: &mut Vec<Diagnostic>, omitted: &mut Omitted, d: Diagnostic) {
    if kept.len() < crate::limits::MAX_SHOWN_FINDINGS {
        kept.push(d);
    } else {
        omitted.count(&d);
    }
}

/// What a CSV file named where a project file belongs holds, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFile {
    /// Actuals (`line`, `year`, `amount`): read by `follow-up --actuals`.
    Actuals,
    /// Actuals of many projects (a `project` column too): read by `batch --follow-up
    /// --actuals`.
    PortfolioActuals,
    /// Submissions (`name`, `organisation`, `start_year`, …): read by `batch --csv`.
    Submissions,
    /// Neither recognised: both commands are named.
    Unknown,
}

impl CsvFile {
    /// Judge a CSV file by its header line (any case, any delimiter).
    pub fn of_header(header: &str) -> CsvFile {
        let header = header.to_lowercase();
        let has = |word: &str| header.contains(word);
        if has("organisation") || has("start_year") {
            CsvFile::Submissions
        } else if has("amount") || has("belopp") || has("utfall") {
            if has("project") || has("projekt") {
                CsvFile::PortfolioActuals
            } else {
                CsvFile::Actuals
            }
        } else {
            CsvFile::Unknown
        }
    }
}

/// E001 for a CSV file named where a project file belongs (an actuals or submissions
/// file, the arguments swapped): its TOML errors would not help, the command that reads
/// it does (the one its header shows, or both).
pub fn csv_not_a_project(shown: &str, kind: CsvFile) -> Diagnostic {
    let hint = match kind {
        CsvFile::Actuals => crate::text!(
            sv: "det är en utfallsfil: den läses med `nytta follow-up PROJEKT.toml --actuals {shown}`";
            en: "it is an actuals file: it is read by `nytta follow-up PROJECT.toml --actuals {shown}`"
        ),
        CsvFile::PortfolioActuals => crate::text!(
            sv: "det är en utfallsfil för flera projekt: den läses med `nytta batch MAPP --follow-up --actuals {shown}`";
            en: "it is an actuals file for many projects: it is read by `nytta batch FOLDER --follow-up --actuals {shown}`"
        ),
        CsvFile::Submissions => crate::text!(
            sv: "det är en ansökningsfil: den läses med `nytta batch --csv {shown}`";
            en: "it is a submissions file: it is read by `nytta batch --csv {shown}`"
        ),
        CsvFile::Unknown => crate::text!(
            sv: "utfall läses med `nytta follow-up PROJEKT.toml --actuals {shown}`, ansökningar med `nytta batch --csv {shown}`";
            en: "actuals are read by `nytta follow-up PROJECT.toml --actuals {shown}`, submissions by `nytta batch --csv {shown}`"
        ),
    };
    Diagnostic::new(
        Code::E001,
        crate::text!(
            sv: "{shown} är en CSV-fil, inte en projektfil (.toml)";
            en: "{shown} is a CSV file, not a project file (.toml)"
        ),
    )
    .hint(hint)
}

/// A file that is not UTF-8: its text with each invalid sequence replaced by U+FFFD
/// (to show and check the rest), and an E001 located at the first invalid byte.
pub fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> (String, Diagnostic) {
    let at = error.valid_up_to();
    let text = String::from_utf8_lossy(bytes).into_owned();
    let invalid = text.matches('\u{FFFD}').count() - String::from_utf8_lossy(&bytes[..at]).matches('\u{FFFD}').count();
    let byte = bytes.get(at).copied().unwrap_or_default();
    let guess: String = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&[byte])
        .0
        .into_owned();
    let (others_sv, others_en) = match invalid.saturating_sub(1) {
        0 => (String::new(), String::new()),
        1 => (", och på 1 ställe till".into(), ", and 1 more place".into()),
        n => (format!(", och på {n} ställen till"), format!(", and {n} more places")),
    };
    let d = Diagnostic::new(
        Code::E001,
        crate::text!(
            sv: "filen är inte UTF-8: byte 0x{byte:02X} (`{guess}` i Windows-1252?) kan inte läsas här{others_sv}";
            en: "the file is not UTF-8: byte 0x{byte:02X} (`{guess}` in Windows-1252?) cannot be read here{others_en}"
        ),
    )
    .span(at..at + '\u{FFFD}'.len_utf8())
    .hint(Text::new(
        "spara filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)",
        "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
    ));
    (text, d)
}

/// Suggest the closest candidate to `word` (did-you-mean), if one is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_file_is_judged_by_its_header() {
        assert_eq!(CsvFile::of_header("line;year;amount;kind\r\n"), CsvFile::Actuals);
        assert_eq!(CsvFile::of_header("Rad;År;Belopp\n"), CsvFile::Actuals);
        assert_eq!(
            CsvFile::of_header("project,line,year,amount\n"),
            CsvFile::PortfolioActuals
        );
        assert_eq!(
            CsvFile::of_header("id,name,organisation,start_year\n"),
            CsvFile::Submissions
        );
        assert_eq!(CsvFile::of_header("a,b\n"), CsvFile::Unknown);
        assert_eq!(CsvFile::of_header(""), CsvFile::Unknown);
    }

    #[test]
    fn wording_leaves_out_what_it_does_not_ask_for_and_is_restored() {
        let n = 3;
        let both = crate::text!(sv: "{n} fel"; en: "{n} errors");
        assert_eq!((both.sv.as_str(), both.en.as_str()), ("3 fel", "3 errors"));
        let calls = std::cell::Cell::new(0);
        let english = with_wording(Wording::Only(Lang::En), || {
            let t = Text::by(|lang| {
                calls.set(calls.get() + 1);
                format!("{lang:?}")
            });
            (t, crate::text!(sv: "{n} fel"; en: "{n} errors"), Text::new("ja", "yes"))
        });
        assert_eq!(calls.get(), 1, "the Swedish wording is not made at all");
        assert_eq!((english.0.sv.as_str(), english.0.en.as_str()), ("", "En"));
        assert_eq!((english.1.sv.as_str(), english.1.en.as_str()), ("", "3 errors"));
        assert_eq!((english.2.sv.as_str(), english.2.en.as_str()), ("", "yes"));
        let silent = with_wording(Wording::Silent, || {
            // Nested scopes restore the outer wording.
            let inner = with_wording(Wording::Only(Lang::Sv), || Text::new("ja", "yes"));
            (inner, Text::new("ja", "yes"))
        });
        assert_eq!((silent.0.sv.as_str(), silent.0.en.as_str()), ("ja", ""));
        assert_eq!(silent.1, Text::default());
        // A panic inside the scope restores the wording too.
        let _ = std::panic::catch_unwind(|| with_wording(Wording::Silent, || panic!("boom")));
        assert_eq!(
            Text::new("ja", "yes"),
            Text {
                sv: "ja".into(),
                en: "yes".into()
            }
        );
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\nnamn = \"Å\"\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.len() - 1), (3, 1));
        // "Å" is two bytes; the column after it counts one character.
        let after = text.find('Å').unwrap() + 'Å'.len_utf8();
        assert_eq!(line_col(text, after), (2, 10));
    }

    #[test]
    fn did_you_mean_finds_near_keys() {
        assert_eq!(
            did_you_mean("ammounts", ["amounts", "annual", "hours"]),
            Some("amounts")
        );
        assert_eq!(did_you_mean("zzz", ["amounts", "annual"]), None);
    }
}
