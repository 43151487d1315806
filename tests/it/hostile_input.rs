//! Hostile and careless input (issue 7, the input side): CSVs as Excel writes them at
//! their worst, files that are not project files at all, and locations that must name
//! the right place. Large inputs are generated here, in a temporary directory; the
//! sizes show correctness, not speed (timings are in benches/hostile.sh).

use crate::cli::{VALID, nytta, write};
use predicates::prelude::*;
use std::path::Path;

fn stdout_of(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn follow_up(dir: &Path, csv: &Path) -> assert_cmd::assert::Assert {
    let file = write(dir, "p.toml", VALID);
    nytta()
        .arg("follow-up")
        .arg(&file)
        .arg("--actuals")
        .arg(csv)
        .args(["--as-of", "2011", "--format", "json"])
        .assert()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

// ---------------------------------------------------------------------------------
// Actuals CSV

#[test]
fn actuals_csv_with_a_sea_of_blank_excel_rows_is_read_to_its_last_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("line,year,amount\n");
    text.push_str(&",,\n".repeat(50_000));
    text.push_str("drift,2011,13000\n");
    let csv = write(dir.path(), "a.csv", &text);
    let out = stdout_of(follow_up(dir.path(), &csv).success());
    assert!(out.contains("13000"), "{out}");
    // A bad last row is named by its line, after all the blank ones.
    std::fs::write(&csv, text.replace("drift,2011", "drfit,2011")).unwrap();
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(
        stderr_of(&a).contains("a.csv:50002:1: error[E008]"),
        "{}",
        stderr_of(&a)
    );
}

#[test]
fn actuals_row_with_another_delimiter_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "a.csv",
        "line;year;amount\ndrift;2010;12000\ndrift,2011,13000\n",
    );
    let a = follow_up(dir.path(), &csv).code(1);
    let err = stderr_of(&a);
    assert!(err.contains("a.csv:3:1: error[E001]"), "{err}");
    assert!(err.contains("separated by `,`"), "{err}");
}

#[test]
fn actuals_row_with_an_unclosed_quote_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "a.csv",
        "line,year,amount\ndrift,2010,\"12000\nporto,2010,5\nporto,2011,6\n",
    );
    let a = follow_up(dir.path(), &csv).code(1);
    let err = stderr_of(&a);
    assert!(err.contains("a.csv:2:1: error[E001]"), "{err}");
    assert!(err.contains("never closed"), "{err}");
}

#[test]
fn actuals_duplicated_or_unknown_columns_are_reported_not_shadowed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "a.csv", "line,year,amount,Amount\ndrift,2010,1,2\n");
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(
        stderr_of(&a).contains("`amount` twice (columns 3 and 4)"),
        "{}",
        stderr_of(&a)
    );
    // `belopp` is `amount` in Swedish: the same column twice, not a second one ignored.
    let csv = write(dir.path(), "b.csv", "line,year,amount,belopp\ndrift,2010,1,2\n");
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(
        stderr_of(&a).contains("`amount` twice (columns 3 and 4)"),
        "{}",
        stderr_of(&a)
    );
    let csv = write(dir.path(), "b2.csv", "line,year,amount,beloppet\ndrift,2010,1,2\n");
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(stderr_of(&a).contains("unknown column `beloppet`"), "{}", stderr_of(&a));
    // A value under no header at all.
    let csv = write(dir.path(), "c.csv", "line,year,amount\ndrift,2010,1,2\n");
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(stderr_of(&a).contains("c.csv:2:1"), "{}", stderr_of(&a));
}

#[test]
fn actuals_csv_in_utf16_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for big_endian in [false, true] {
        let csv = dir.path().join("u.csv");
        std::fs::write(&csv, utf16("line\tyear\tamount\r\ndrift\t2011\t13000\r\n", big_endian)).unwrap();
        let out = stdout_of(follow_up(dir.path(), &csv).success());
        assert!(out.contains("13000"), "{out}");
    }
}

#[test]
fn the_template_reads_back_when_names_have_spaces_and_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let project = VALID
        .replace("id = \"drift\"\n", "")
        .replace("name = \"Drift\"", "name = \"  Drift\\t\"")
        .replace("id = \"porto\"\n", "")
        .replace("name = \"Porto\"", "name = \"\\tPorto \"");
    let file = write(dir.path(), "p.toml", &project);
    for excel in [false, true] {
        let mut cmd = nytta();
        cmd.arg("follow-up").arg(&file).args(["--template", "--as-of", "2011"]);
        if excel {
            cmd.arg("--excel");
        }
        let template = stdout_of(cmd.assert().success());
        // Fill in every amount.
        let filled: String = template
            .split_inclusive("\r\n")
            .enumerate()
            .map(|(i, row)| {
                if i == 0 {
                    row.to_string()
                } else {
                    format!("{}{}\r\n", row.trim_end_matches("\r\n"), 1000 + i)
                }
            })
            .collect();
        let csv = write(dir.path(), "filled.csv", &filled);
        let out = stdout_of(
            nytta()
                .arg("follow-up")
                .arg(&file)
                .arg("--actuals")
                .arg(&csv)
                .args(["--as-of", "2011", "--format", "json"])
                .assert()
                .success(),
        );
        let j: serde_json::Value = serde_json::from_str(&out).unwrap();
        let text = j.to_string();
        assert!(text.contains("  Drift\\t") && text.contains("\\tPorto "), "{text}");
    }
}

// ---------------------------------------------------------------------------------
// Submissions CSV

const SUBMISSION_HEADER: &str = "name;organisation;start_year;investment;financial_annual";

#[test]
fn submissions_csv_with_a_sea_of_blank_rows_is_streamed_to_its_last_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{SUBMISSION_HEADER}\n");
    text.push_str(&";;;;\n".repeat(50_000));
    text.push_str("A;Kultur;2025;1000;500\n");
    let csv = write(dir.path(), "s.csv", &text);
    let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().success());
    assert!(out.contains(&format!("{}:50002,", csv.display())), "{out}");
    // The same bytes whatever the number of threads.
    let one = stdout_of(
        nytta()
            .args(["batch", "--jobs", "1", "--csv"])
            .arg(&csv)
            .assert()
            .success(),
    );
    assert_eq!(out, one);
}

#[test]
fn submissions_rows_with_another_delimiter_or_an_unclosed_quote_become_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{SUBMISSION_HEADER}\nA;Kultur;2025;1000;500\nB,Kultur,2025,1000,500\nC;Kultur;2025;1000;500;x\nD;\"Kultur;2025;1000;500\nE;Kultur;2025;1000;500\n"
    );
    let csv = write(dir.path(), "s.csv", &text);
    let a = nytta().args(["batch", "--csv"]).arg(&csv).assert().code(1);
    let out = stdout_of(a);
    let shown = csv.display().to_string();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Every row counts or is an error row; E was swallowed into D's unclosed quote.
    assert_eq!(rows.len(), 4, "{out}");
    let cell = |r: usize, c: usize| rows[r].get(c).unwrap().to_string();
    assert_eq!(cell(0, 0), format!("{shown}:2"));
    assert_eq!(cell(0, 5), "warnings");
    for (r, line, reason) in [(1, 3, "separated by `,`"), (2, 4, "column 6"), (3, 5, "never closed")] {
        assert_eq!(cell(r, 0), format!("{shown}:{line}"));
        assert_eq!(cell(r, 5), "error");
        assert!(cell(r, 18).contains(reason), "{out}");
    }
}

#[test]
fn submissions_duplicated_column_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "s.csv", "name,organisation,start_year,Name\nA,O,2025,B\n");
    nytta()
        .args(["batch", "--csv"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`name` twice (columns 1 and 4)"));
}

#[test]
fn submissions_csv_in_utf16_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for big_endian in [false, true] {
        let csv = dir.path().join("u.csv");
        let text = "name\torganisation\tstart_year\r\nBokning\tKultur och fritid\t2025\r\n";
        std::fs::write(&csv, utf16(text, big_endian)).unwrap();
        let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().success());
        assert!(
            out.contains("Bokning,,Kultur och fritid") || out.contains("Kultur och fritid"),
            "{out}"
        );
        assert!(out.contains(&format!("{}:2,", csv.display())), "{out}");
    }
}

#[test]
fn submissions_row_longer_than_the_limit_is_an_error_row_not_a_memory_hog() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("name,organisation,start_year\nA,O,2025\nB,\"O");
    text.push_str(&"x".repeat(nytta::limits::MAX_CSV_ROW_BYTES + 100_000));
    let csv = write(dir.path(), "s.csv", &text);
    let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().code(1));
    assert!(
        out.contains(":3,") && out.contains("longer than 1 MiB"),
        "{}",
        &out[..out.len().min(2000)]
    );
}

// ---------------------------------------------------------------------------------
// Project files that are not project files

/// A spreadsheet passed by mistake: one TOML error per line.
fn spreadsheet(rows: usize) -> String {
    (0..rows)
        .map(|i| format!("Projekt {i};Kommunen;2025;{}\n", i * 100))
        .collect()
}

#[test]
fn check_shows_the_first_findings_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "sheet.toml", &spreadsheet(3000));
    let a = nytta().arg("check").arg(&file).assert().code(1);
    let err = stderr_of(&a);
    let out = stdout_of(a);
    assert_eq!(out.matches("error[E001]").count(), nytta::limits::MAX_SHOWN_FINDINGS);
    assert!(out.contains("sheet.toml:1000:9: error[E001]") && !out.contains("sheet.toml:1001:"));
    assert!(
        out.ends_with("sheet.toml: … and 2000 more findings not shown (2000 errors, 0 warnings): fix the ones above and check again\n"),
        "{}",
        &out[out.len() - 400..]
    );
    // The summary and the exit code count every finding.
    assert!(err.contains("3000 errors"), "{err}");

    let out = stdout_of(nytta().args(["check", "--format", "json"]).arg(&file).assert().code(1));
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = j.as_array().unwrap();
    assert_eq!(items.len(), nytta::limits::MAX_SHOWN_FINDINGS + 1);
    assert_eq!(items.last().unwrap()["omitted"], 2000);
    let out = stdout_of(
        nytta()
            .args(["check", "--format", "github"])
            .arg(&file)
            .assert()
            .code(1),
    );
    assert_eq!(out.lines().count(), nytta::limits::MAX_SHOWN_FINDINGS + 1);
    assert!(out.lines().last().unwrap().starts_with("::error file="), "{out}");
}

#[test]
fn a_huge_line_is_not_echoed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("format = 1\n[project]\nname = \"{}\" x\n", "a".repeat(1_000_000));
    let file = write(dir.path(), "long.toml", &text);
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    assert!(out.len() < 2000, "{} bytes", out.len());
    assert!(out.contains("long.toml:3:1000011: error[E001]"), "{out}");
    assert!(out.contains("…aaaa"), "{out}");
}

#[test]
fn a_file_over_the_size_limit_is_invalid_input_and_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nul.toml");
    std::fs::write(&file, vec![0u8; nytta::limits::MAX_PROJECT_BYTES as usize + 1]).unwrap();
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    assert!(out.contains("larger than 1 MiB") && out.len() < 1000, "{out}");
    nytta()
        .arg("report")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("larger than 1 MiB"));
    let out = stdout_of(nytta().arg("batch").arg(&file).assert().code(1));
    assert!(out.contains(",error,") && out.contains("larger than 1 MiB"), "{out}");
    // A file of NULs under the limit is one located error, not megabytes of echo.
    std::fs::write(&file, vec![0u8; 1_000_000]).unwrap();
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    assert!(out.len() < 2000, "{} bytes", out.len());
}

#[test]
fn a_windows_1252_byte_is_located_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    std::fs::write(
        &file,
        b"format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nportfolio = \"G\xf6teborg\"\nstart_year = 20\n",
    )
    .unwrap();
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    assert!(
        out.contains("latin1.toml:5:15: error[E001]: the file is not UTF-8"),
        "{out}"
    );
    // Every problem at once: the rest of the file is checked too.
    assert!(out.contains("start_year"), "{out}");
    let out = stdout_of(nytta().arg("batch").arg(&file).assert().code(1));
    assert!(out.contains("line 5, column 15"), "{out}");
}

#[test]
fn a_key_nested_50_000_levels_deep_is_located_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let deep = vec!["a"; 50_000].join(".");
    for text in [
        format!("format = 1\n\n[{deep}]\n"),
        format!("format = 1\n\n{deep} = 1\n"),
        format!("format = 1\n\nx = {}\n", "[".repeat(50_000)),
    ] {
        let file = write(dir.path(), "deep.toml", &text);
        let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
        assert!(out.contains("deep.toml:3:"), "{}", &out[..out.len().min(600)]);
        // Bounded whatever the depth (the array gives one error per level up to 80).
        assert!(out.len() < 50_000, "{} bytes", out.len());
    }
}

#[test]
fn a_scenario_that_overflows_is_an_error_of_the_file_blamed_on_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID.replace("[scenarios.sen]\n", "[scenarios.sen]\ncost_factor = 1e20\n");
    let file = write(dir.path(), "s.toml", &text);
    let line = text.lines().position(|l| l.starts_with("cost_factor")).unwrap() + 1;
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    assert!(
        out.contains(&format!(
            "s.toml:{line}:15: error[E011]: scenario `sen` cannot be computed"
        )),
        "{out}"
    );
}

#[test]
fn a_wrong_start_year_does_not_hide_wrong_months() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID
        .replace("start_year = 2010", "start_year = \"tjugotio\"")
        .replace("go_live = \"2010-04\"", "go_live = true")
        .replace("annual = 12000", "annual = 12000\nfrom = [1]");
    let file = write(dir.path(), "y.toml", &text);
    let out = stdout_of(nytta().arg("check").arg(&file).assert().code(1));
    for key in ["`project.start_year`", "`project.go_live`", "`from` of [[costs]] #2"] {
        assert!(out.contains(key), "{key}: {out}");
    }
}

// ---------------------------------------------------------------------------------
// Mutated examples: whatever the bytes, no panic, no hang, exit 0, 1 or 2.

/// A small deterministic generator (no seed file to keep, the same mutants every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const SNIPPETS: &[&[u8]] = &[
    b"\0",
    b"\"",
    b"\n",
    b"\r\n",
    b";",
    b",",
    b"\t",
    b"=",
    b"[[costs]]\n",
    b"\xff\xfe",
    b"\xf6",
    b"1e30",
    b"-",
    b".",
    b"{",
    b"[",
    b"'",
    b"\"\"\"",
    b"9999999999999999999999999999",
    b"\xef\xbb\xbf",
    b"# ",
];

fn mutate(bytes: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(out.len() + 1);
        match rng.next(5) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.next(8);
            }
            1 => {
                let end = (at + rng.next(40)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let end = (at + rng.next(200)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            3 => out.truncate(at),
            _ => {
                let s = SNIPPETS[rng.next(SNIPPETS.len())];
                out.splice(at..at, s.iter().copied());
            }
        }
    }
    out
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

const SUBMISSIONS: &str = "id;name;organisation;portfolio;start_year;years;go_live;discount_rate;investment;investment_years;operations_annual;financial_annual;reallocation_annual;harvest_share;harvest_lag_months;claimed_npv\r\n\
    KS-1;Bokning;Kultur;Fritid;2025;4;2025-07;3,5 %;1 000 000;2;50 000;0;400 000;50 %;6;\"1 234 567,50\"\r\n\
    KS-2;\"E-arkiv; steg 2\";Stadsledning;;2026;5;;;2 000 000;1;100 000;300 000;;;;\r\n";

#[test]
fn mutated_files_and_csvs_never_panic_in_the_library() {
    use nytta::model::actuals::{decode_text, parse_actuals_csv};
    use nytta::model::submission::parse_submissions;
    use nytta::report::Lang;
    use nytta::report::diagnostics::{FileDiagnostics, github, human, json};
    let project_bytes = example("uppfoljning-bygglov.toml");
    let project = nytta::analyse(std::str::from_utf8(&project_bytes).unwrap())
        .project
        .unwrap();
    let mut rng = Lcg(7);
    for name in ["worked-example.toml", "uppfoljning-bygglov.toml", "delad-tjanst.toml"] {
        let bytes = example(name);
        for _ in 0..150 {
            let mutant = mutate(&bytes, &mut rng);
            let text = String::from_utf8_lossy(&mutant);
            let analysis = nytta::analyse(&text);
            let f = FileDiagnostics {
                path: name,
                text: &text,
                diagnostics: &analysis.diagnostics,
                omitted: analysis.omitted,
                lang: Lang::En,
            };
            let _ = (human(&f), json(&[f]), github(&f));
        }
    }
    for (csv, actuals) in [
        (example("utfall-2025.csv"), true),
        (SUBMISSIONS.as_bytes().to_vec(), false),
    ] {
        for _ in 0..300 {
            let text = decode_text(&mutate(&csv, &mut rng));
            if actuals {
                if let Err(problems) = parse_actuals_csv(&text, &project) {
                    assert!(!problems.is_empty());
                    let _ = human(&FileDiagnostics {
                        path: "a.csv",
                        text: &text,
                        diagnostics: &problems,
                        omitted: Default::default(),
                        lang: Lang::En,
                    });
                }
            } else if let Ok(s) = parse_submissions(&text) {
                for row in s.rows.iter().filter_map(|r| r.project.as_ref().ok()) {
                    let _ = nytta::analyse(row);
                }
            }
        }
    }
}

#[test]
fn mutated_files_and_csvs_through_every_command_exit_0_1_or_2() {
    let dir = tempfile::tempdir().unwrap();
    let project = example("uppfoljning-bygglov.toml");
    let actuals = example("utfall-2025.csv");
    let mut rng = Lcg(11);
    for i in 0..12 {
        let p = dir.path().join(format!("p{i}.toml"));
        let a = dir.path().join(format!("a{i}.csv"));
        let s = dir.path().join(format!("s{i}.csv"));
        std::fs::write(&p, mutate(&project, &mut rng)).unwrap();
        std::fs::write(&a, mutate(&actuals, &mut rng)).unwrap();
        std::fs::write(&s, mutate(SUBMISSIONS.as_bytes(), &mut rng)).unwrap();
        let runs: Vec<Vec<std::ffi::OsString>> = vec![
            vec!["check".into(), p.clone().into()],
            vec!["report".into(), p.clone().into(), "--format".into(), "json".into()],
            vec![
                "follow-up".into(),
                p.clone().into(),
                "--actuals".into(),
                a.clone().into(),
                "--as-of".into(),
                "2025".into(),
            ],
            vec!["batch".into(), p.clone().into(), "--csv".into(), s.clone().into()],
        ];
        for args in runs {
            let out = nytta()
                .args(&args)
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{args:?}: {:?} {stderr}",
                out.status
            );
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn a_million_bad_actuals_rows_are_counted_not_all_printed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("line,year,amount\n");
    for i in 0..3000 {
        text.push_str(&format!("rad{i},2010,{i}\n"));
    }
    let csv = write(dir.path(), "a.csv", &text);
    let a = follow_up(dir.path(), &csv).code(1);
    let err = stderr_of(&a);
    assert_eq!(
        err.matches("error[E008]").count(),
        nytta::limits::MAX_SHOWN_FINDINGS - 1
    );
    assert!(
        err.contains("a.csv:1001:1: error[E001]: … and 2001 more problems from this row on, not shown"),
        "{}",
        &err[err.len() - 500..]
    );
    assert!(!err.contains("more findings not shown"));
}
