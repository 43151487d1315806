//! The invariants of ARCHITECTURE.md that a scan of the source can guard. Each test
//! names the invariant it holds; a failure lists the offending file and line.
//!
//! The scan reads `src/` as text. A file's unit tests (from its first `#[cfg(test)]`)
//! are left out: tests may build whatever they need.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `src/…` relative path with `/` separators.
fn rel(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/")
}

/// The code of a file up to its unit tests, as (line number, line), comments dropped.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

/// Every line of the source files under `src/<dir>` (a folder or a file) that matches
/// `hit`, as `file:line: text`.
fn offending(dirs: &[&str], hit: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for path in rust_files(&root().join("src")) {
        let name = rel(&path);
        if !dirs.iter().any(|d| name.starts_with(&format!("src/{d}"))) {
            continue;
        }
        for (n, line) in code_lines(&path) {
            if hit(&name, &line) {
                found.push(format!("{name}:{n}: {}", line.trim()));
            }
        }
    }
    found
}

fn imports_any(line: &str, layers: &[&str]) -> bool {
    layers.iter().any(|l| {
        line.contains(&format!("crate::{l}::"))
            || line.contains(&format!("crate::{l};"))
            || line.contains(&format!("crate::{l}}}"))
            || line.contains(&format!("crate::{{{l}"))
    })
}

#[test]
fn model_imports_nothing_above_it() {
    let above = ["engine", "check", "report", "cli", "batch", "analysis"];
    let found = offending(&["model/"], |_, l| imports_any(l, &above));
    assert!(
        found.is_empty(),
        "src/model/ imports a layer above it:\n{}",
        found.join("\n")
    );
}

#[test]
fn engine_imports_only_model_and_ground_floor() {
    let above = ["check", "report", "cli", "batch", "analysis", "diagnostic"];
    let found = offending(&["engine/"], |_, l| imports_any(l, &above) || l.contains("Diagnostic"));
    assert!(
        found.is_empty(),
        "src/engine/ reaches above the model or holds diagnostics:\n{}",
        found.join("\n")
    );
}

#[test]
fn engine_does_no_io() {
    let io = ["std::fs", "std::io", "std::env", "std::process", "std::net", "File::"];
    let found = offending(&["engine/"], |_, l| io.iter().any(|w| l.contains(w)));
    assert!(found.is_empty(), "src/engine/ does I/O:\n{}", found.join("\n"));
}

#[test]
fn check_does_not_reach_report_or_cli() {
    let above = ["report", "cli", "batch", "analysis"];
    let found = offending(&["check/"], |_, l| imports_any(l, &above));
    assert!(
        found.is_empty(),
        "src/check/ imports a layer above it:\n{}",
        found.join("\n")
    );
}

#[test]
fn report_does_not_reach_cli() {
    let found = offending(&["report/"], |_, l| imports_any(l, &["cli"]));
    assert!(found.is_empty(), "src/report/ imports the CLI:\n{}", found.join("\n"));
}

#[test]
fn only_the_cli_prints() {
    let printing = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "stdout()",
        "stderr()",
        "dbg!(",
    ];
    let found = offending(&[""], |name, l| {
        !name.starts_with("src/cli/") && name != "src/main.rs" && printing.iter().any(|p| l.contains(p))
    });
    assert!(found.is_empty(), "printing outside src/cli:\n{}", found.join("\n"));
}

#[test]
fn every_warning_is_raised_in_check() {
    // W113 is raised where the file is read (docs/check-rules.md); analysis.rs only
    // reads it back. diagnostic.rs names every code.
    let found = offending(&[""], |name, l| {
        let Some(at) = l.find("Code::W") else { return false };
        let code = &l[at + 6..(at + 10).min(l.len())];
        let allowed = name.starts_with("src/check/")
            || name == "src/diagnostic.rs"
            || (code == "W113" && (name.starts_with("src/model/") || name == "src/analysis.rs"));
        !allowed
    });
    assert!(
        found.is_empty(),
        "a warning raised outside src/check/:\n{}",
        found.join("\n")
    );
}

#[test]
fn one_formatter() {
    // Rounding for output and digit grouping live in src/fmt.rs; the engine and the
    // model round for the calculation itself (öre, draws, whole months of delay).
    // Builders may keep one-line helpers that call fmt (`fn kr(&self, …)`).
    let found = offending(&[""], |name, l| {
        let rounds = l.contains("RoundingStrategy") || l.contains(".round_dp(");
        let formatter = [
            "fn kr(",
            "fn pct(",
            "fn money(",
            "fn percent(",
            "fn kronor(",
            "fn group(",
        ]
        .iter()
        .any(|f| l.contains(f) && !l.contains("(&self"));
        let calculates = name.starts_with("src/engine/") || name.starts_with("src/model/");
        (rounds && name != "src/fmt.rs" && !calculates) || (formatter && name != "src/fmt.rs")
    });
    assert!(found.is_empty(), "formatting outside src/fmt.rs:\n{}", found.join("\n"));
}

#[test]
fn labels_come_from_the_catalogue() {
    // Builders and writers name labels by id (report/labels/); no inline sv/en pairs.
    let found = offending(&["report/"], |name, l| {
        !name.starts_with("src/report/labels/") && (l.contains(".pick(\"") || l.contains("sv: &'static str"))
    });
    assert!(
        found.is_empty(),
        "an inline label pair in src/report/:\n{}",
        found.join("\n")
    );
    // Builders never choose words by language themselves: sentences with figures are
    // `Phrase`s, worded in labels/sv.rs and labels/en.rs.
    let found = offending(&["report/builder/"], |_, l| {
        l.contains("Lang::Sv") || l.contains("Lang::En")
    });
    assert!(
        found.is_empty(),
        "a builder words a sentence itself:\n{}",
        found.join("\n")
    );
}

#[test]
fn builders_write_no_bytes() {
    let writing = ["std::io", "Write", "serde", "comfy_table", "rust_xlsxwriter", "csv::"];
    let found = offending(&["report/builder/"], |_, l| writing.iter().any(|w| l.contains(w)));
    assert!(found.is_empty(), "a builder writes bytes:\n{}", found.join("\n"));
}

#[test]
fn builders_compute_no_figure() {
    // Sums, differences and changes come from the engine (engine/totals.rs,
    // engine/followup.rs); a builder only chooses and formats. Counters (`+= 1`) are
    // not figures.
    let found = offending(&["report/builder/"], |_, l| {
        (l.contains("+= ") && !l.contains("+= 1;"))
            || l.contains("-= ")
            || l.contains(".sum::<")
            || l.contains(".sum()")
            || l.contains("checked_")
            || l.contains(" - Decimal")
            || l.contains("Decimal::ONE -")
    });
    assert!(
        found.is_empty(),
        "a builder computes a figure; compute it in the engine:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_file_outside_the_repository_is_cited() {
    let mut found = Vec::new();
    let mut files = rust_files(&root().join("src"));
    files.extend(rust_files(&root().join("tests")));
    for dir in ["docs", "benches"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.extend(["README.md", "ARCHITECTURE.md", "CHANGELOG.md"].map(|f| root().join(f)));
    let needle = ["spec ", "§"].concat();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.contains(&needle) || line.contains(&["spec", "/format"].concat()) {
                found.push(format!("{}:{}: {}", rel(&path), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "cite docs/… instead of the spec:\n{}",
        found.join("\n")
    );
}

#[test]
fn main_is_a_few_lines() {
    let text = std::fs::read_to_string(root().join("src/main.rs")).unwrap();
    assert!(
        text.lines().count() <= 20,
        "src/main.rs has grown: keep the work in src/cli"
    );
}

#[test]
fn the_library_returns_typed_errors() {
    // `Result<_, String>` loses what went wrong; the library returns `Diagnostic`s or
    // typed errors, and the binary adds context (anyhow) at its edge.
    let found = offending(&[""], |name, l| {
        !name.starts_with("src/cli/") && l.contains("Result<") && l.contains(", String>")
    });
    assert!(
        found.is_empty(),
        "Result<_, String> in the library:\n{}",
        found.join("\n")
    );
}

/// `src/cli/` without its unit tests, as one text per file.
fn cli_texts() -> Vec<(String, String)> {
    rust_files(&root().join("src/cli"))
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
            (rel(&path), code)
        })
        .collect()
}

/// What is left of a format string when its placeholders (`{…}`), finding codes
/// (`[E001]`), flags (`--dedupe`) and the `nytta: ` prefix are taken out.
fn words_of_format(literal: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in literal.strip_prefix("nytta: ").unwrap_or(literal).chars() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|w| !w.starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_cli_words_its_messages_in_both_languages() {
    // Errors are made with `fail!` or `OrFail` (both languages, shown in the run's), not
    // with anyhow's English-only `anyhow!`/`context` (docs/decisions.md, D90).
    let mut found = Vec::new();
    for (name, text) in cli_texts() {
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let raw = ["anyhow!", ".context(", "with_context(", "Error::msg("]
                .iter()
                .any(|w| code.contains(w))
                && !(name == "src/cli/mod.rs" && code.contains("Failure(anyhow::Error::msg(message))"));
            if raw {
                found.push(format!("{name}:{}: {}", n + 1, code));
            }
        }
        // Notes: the format string holds no words; they come from `say!`.
        for (at, _) in text.match_indices("note") {
            let rest = &text[at..];
            let Some(args) = rest.strip_prefix("noteln!(").or_else(|| rest.strip_prefix("note!(")) else {
                continue;
            };
            let Some(start) = args.find('"') else { continue };
            let literal = &args[start + 1..];
            let literal = &literal[..literal.find('"').unwrap_or(literal.len())];
            if !words_of_format(literal).chars().all(|c| !c.is_alphabetic()) {
                let line = text[..at].lines().count();
                found.push(format!("{name}:{line}: note with words of one language: {literal:?}"));
            }
        }
    }
    assert!(found.is_empty(), "CLI messages in one language:\n{}", found.join("\n"));
}
