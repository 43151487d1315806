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
    let csv = write(dir.path(), "b.csv", "line,year,amount,belopp\ndrift,2010,1,2\n");
    let a = follow_up(dir.path(), &csv).code(1);
    assert!(stderr_of(&a).contains("unknown column `belopp`"), "{}", stderr_of(&a));
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
