//! Reading project files.

use super::{Failure, OrFail as _, cannot_read, os_error_in, output};
use nytta::Analysis;
use nytta::analysis::analyse_with;
use nytta::diagnostic::{Code, Diagnostic, Text, not_utf8};
use nytta::engine::Calculation;
use nytta::limits::MAX_PROJECT_BYTES;
use nytta::model::Overrides;
use nytta::model::Project;
use nytta::report::diagnostics::{FileDiagnostics, human};
use std::io::Read;
use std::path::Path;

/// A project file that validated and computed: the project, its base calculation and
/// its warnings.
pub struct Loaded {
    /// The path as the user gave it.
    pub path: String,
    pub text: String,
    /// The `--set` values put in.
    pub overrides: Overrides,
    pub project: Project,
    pub base: Calculation,
    pub warnings: Vec<Diagnostic>,
}

/// The E001 for a CSV file given as a project file, naming the command its header
/// shows it is for (the header is the first line; an unreadable file names both).
pub fn csv_given(path: &Path, shown: &str) -> Diagnostic {
    let mut header = String::new();
    if let Ok(file) = std::fs::File::open(path) {
        use std::io::{BufRead, Read};
        let _ = std::io::BufReader::new(file.take(4096)).read_line(&mut header);
    }
    nytta::diagnostic::csv_not_a_project(shown, nytta::diagnostic::CsvFile::of_header(&header))
}

/// Whether `path` names an existing CSV file (by its extension), never a project file;
/// a missing one is reported as missing.
pub fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) && path.is_file()
}

/// Read and analyse a project file, with the `--set` values put in. `Ok(None)` when it has errors: they have been
/// printed to standard error, and the command ends with exit code 1.
pub fn load_project(path: &Path, overrides: &Overrides) -> Result<Option<Loaded>, Failure> {
    let shown = path.display().to_string();
    // An actuals or submissions CSV where the project file goes (the arguments swapped):
    // its first non-TOML byte would be reported, with a hint that cannot help.
    if is_csv(path) {
        let d = csv_given(path, &shown);
        let hint = d.hint.as_ref().map_or("", |h| h.get(super::lang()));
        noteln!("nytta: {}; {hint}", d.message.get(super::lang()));
        return Ok(None);
    }
    let text = match read_text(path)? {
        Ok(text) => text,
        Err((text, d)) => {
            note!(
                "{}",
                human(&FileDiagnostics {
                    path: &shown,
                    text: &text,
                    diagnostics: &[d],
                    omitted: Default::default(),
                    lang: super::lang(),
                })
            );
            return Ok(None);
        }
    };
    let analysis = analyse_with(&text, overrides);
    if analysis.has_errors() {
        note!(
            "{}",
            super::set::human_text(&shown, &text, &analysis.diagnostics, analysis.omitted, overrides)
        );
        return Ok(None);
    }
    let Analysis {
        project: Some(project),
        base: Some(base),
        diagnostics,
        ..
    } = analysis
    else {
        return Ok(None); // without errors there is always a project and a calculation
    };
    Ok(Some(Loaded {
        path: shown,
        text,
        overrides: overrides.clone(),
        project,
        base,
        warnings: diagnostics,
    }))
}

/// Read at most `limit` bytes of a file; `Ok(None)` when it is longer. I/O errors are
/// failures (exit 2).
pub fn read_limited(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Failure> {
    let context = || cannot_read(path);
    let file = std::fs::File::open(path).or_fail(context)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).or_fail(context)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Read a project file of a batch into `buffer` (cleared first) as UTF-8 text, with the
/// open file's identity. A file that cannot be read, is larger than
/// [`MAX_PROJECT_BYTES`] or is not UTF-8 gives why, in both languages: the batch's error
/// row for it, in plain `batch` and in `batch --follow-up` alike.
pub fn read_batch_file<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> (Result<&'b str, Text>, Option<output::Identity>) {
    buffer.clear();
    let mut identity = None;
    let limit = MAX_PROJECT_BYTES;
    let read = std::fs::File::open(path).and_then(|f| {
        // The open file's identity: no second look up of the path.
        identity = f.metadata().ok().and_then(|m| output::identity_of(&m, path));
        f.take(limit + 1).read_to_end(buffer)
    });
    let text = match read {
        Err(e) => Err(Text::by(
            |lang| say!(in lang; sv: "kan inte läsa filen: {}", os_error_in(lang, &e); en: "cannot read the file: {e}"),
        )),
        Ok(n) if n as u64 > limit => Err(too_large_text(limit, "en projektfil", "a project file")),
        Ok(_) => match std::str::from_utf8(buffer) {
            Ok(text) => Ok(text),
            Err(e) => {
                let (text, d) = not_utf8(buffer, e);
                let (line, col) = nytta::diagnostic::line_col(&text, e.valid_up_to());
                Err(d.message.map(|message, lang| {
                    say!(in lang; sv: "rad {line}, kolumn {col}: {message}"; en: "line {line}, column {col}: {message}")
                }))
            }
        },
    };
    (text, identity)
}

/// The too-large message in both languages; `what_sv`/`what_en` name the kind of file.
pub fn too_large_text(limit: u64, what_sv: &str, what_en: &str) -> Text {
    let mib = limit / (1024 * 1024);
    Text::new(
        format!("filen är större än {mib} MiB, gränsen för {what_sv}: är det rätt fil?"),
        format!("the file is larger than {mib} MiB, the limit for {what_en}: is it the right file?"),
    )
}

/// Say (standard error, E001) that an actuals CSV is larger than `limit`.
pub fn actuals_too_large(path: &Path, limit: u64) {
    let lang = super::lang();
    noteln!(
        "{}: {}[E001]: {}",
        path.display(),
        nytta::diagnostic::Severity::Error.word(lang),
        too_large_text(limit, "en utfallsfil (CSV)", "an actuals CSV").get(lang)
    );
}

/// Read a project file as text. Unreadable files are I/O failures (exit 2); a file that
/// is too large or not UTF-8 is invalid input, returned as a located diagnostic with the
/// text to show it against (not-UTF-8 bytes replaced).
pub fn read_text(path: &Path) -> Result<Result<String, (String, Diagnostic)>, Failure> {
    let Some(bytes) = read_limited(path, MAX_PROJECT_BYTES)? else {
        let d = Diagnostic::new(
            Code::E001,
            too_large_text(MAX_PROJECT_BYTES, "en projektfil", "a project file"),
        )
        .hint(Text::new(
            "en projektfil är några kilobyte TOML; kontrollera filnamnet",
            "a project file is a few kilobytes of TOML; check the file name",
        ));
        return Ok(Err((String::new(), d)));
    };
    Ok(String::from_utf8(bytes).map_err(|e| {
        let error = e.utf8_error();
        not_utf8(e.as_bytes(), error)
    }))
}

impl Loaded {
    /// Diagnostics found after loading (a scenario that cannot be computed), as text:
    /// those about `--set` values shown against the command line.
    pub fn human(&self, diagnostics: &[Diagnostic]) -> String {
        super::set::human_text(&self.path, &self.text, diagnostics, Default::default(), &self.overrides)
    }
}
