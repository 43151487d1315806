//! `nytta follow-up`: plan against actuals, as a user runs it.

use crate::cli::{nytta, write};
use predicates::prelude::*;

/// Figures used below, by hand: rate 0; Bygg 100000 in 2010; Tid 120000 a year
/// (10000 a month) from January 2010 with half of it to be taken home.
const PROJECT: &str = r#"format = 1
[project]
name = "Uppföljning"
organisation = "Kommunen"
start_year = 2010
years = 3
[assumptions]
discount_rate = 0
[[costs]]
id = "bygg"
name = "Bygg"
category = "investment"
amounts = { 2010 = 100000 }
actuals = { 2010 = 120000 }
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 120000
actuals = { 2010 = 60000 }
[benefits.realisation]
owner = "Enhetschef"
share = 0.5
actuals = { 2010 = 20000 }
[[benefits]]
name = "Färre utskick"
class = "financial"
annual = 12000
"#;

fn json(args: &[&str]) -> serde_json::Value {
    let out = nytta().args(args).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn json_follows_spec_7_and_csv_overrides_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let csv = write(
        dir.path(),
        "a.csv",
        "line,year,amount,kind\ntid,2011,90000,\ntid,2011,45000,harvest\nbygg,2010,110000,\n",
    );
    let j = json(&[
        "follow-up",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "--as-of",
        "2011",
        "--format",
        "json",
    ]);
    assert_eq!(j["format"], 1);
    assert_eq!(j["as_of"], 2011);
    let rows = j["rows"].as_array().unwrap();
    let row = |line: &str, kind: &str, year: i64| {
        rows.iter()
            .find(|r| r["line"] == line && r["kind"] == kind && r["year"] == year)
            .cloned()
            .unwrap_or_default()
    };
    // The CSV's 110000 wins over the file's 120000: variance +10000.
    assert_eq!(row("bygg", "cost", 2010)["actual"], "110000.00");
    assert_eq!(row("bygg", "cost", 2010)["variance"], "10000.00");
    assert_eq!(row("tid", "benefit", 2011)["planned"], "120000.00");
    assert_eq!(row("tid", "benefit", 2011)["variance"], "-30000.00");
    // Harvest plan 60000 a year: 20000 (file) and 45000 (CSV) taken home.
    assert_eq!(row("tid", "harvest", 2011)["actual"], "45000.00");
    // A line without id is named by its name; nothing reported: null, missing.
    let unreported = row("Färre utskick", "benefit", 2010);
    assert_eq!(unreported["actual"], serde_json::Value::Null);
    assert_eq!(unreported["variance"], serde_json::Value::Null);
    let t = &j["totals"];
    assert_eq!(t["planned_costs"], "100000.00");
    assert_eq!(t["actual_costs"], "110000.00");
    // Benefits: Tid 2 × 120000 + Färre utskick 2 × 12000 planned; 60000 + 90000 reported.
    assert_eq!(t["planned_benefits"], "264000.00");
    assert_eq!(t["actual_benefits"], "150000.00");
    assert_eq!(t["planned_harvest"], "120000.00");
    assert_eq!(t["actual_harvest"], "65000.00");
    assert_eq!(t["realisation_rate"], "0.541667"); // 65000 / 120000
    assert_eq!(t["missing"], 2);
    // 65000 < 0.8 × 120000: harvest behind plan; the cost is exactly 10 % over: not flagged.
    let codes: Vec<&str> = j["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"W201"), "{codes:?}");
    assert!(!codes.contains(&"W202"), "{codes:?}");
    assert!(codes.contains(&"W203"), "{codes:?}");
}

#[test]
fn as_of_defaults_to_the_latest_year_with_an_actual() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let j = json(&["follow-up", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(j["as_of"], 2010);
}

#[test]
fn reads_a_csv_saved_by_swedish_excel() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let csv = dir.path().join("utfall.csv");
    // Windows-1252, `;`, decimal comma, a BOM-less header, CRLF; "Färre utskick" by name.
    std::fs::write(
        &csv,
        b"Line;Year;Amount;Kind\r\nF\xe4rre utskick;2010;\"11 500,50\";\r\n",
    )
    .unwrap();
    let j = json(&[
        "follow-up",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "--as-of",
        "2010",
        "--format",
        "json",
    ]);
    let rows = j["rows"].as_array().unwrap();
    let r = rows.iter().find(|r| r["line"] == "Färre utskick").unwrap();
    assert_eq!(r["actual"], "11500.50");
    assert_eq!(r["variance"], "-499.50");
}

#[test]
fn bad_actuals_rows_are_located_with_a_hint_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let csv = write(
        dir.path(),
        "a.csv",
        "line,year,amount\nbyg,2010,5\ntid,2030,5\ntid,2011,fem\n",
    );
    nytta()
        .args(["follow-up", file.to_str().unwrap(), "--actuals", csv.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a.csv:2:1: error[E008]: unknown line `byg`"))
        .stderr(predicate::str::contains("did you mean `bygg`?"))
        .stderr(predicate::str::contains("a.csv:3:5: error[E010]"))
        .stderr(predicate::str::contains("a.csv:4:10: error[E004]"));
    let csv = write(
        dir.path(),
        "h.csv",
        "line,year,amount,kind\nFärre utskick,2010,5,harvest\n",
    );
    nytta()
        .args(["follow-up", file.to_str().unwrap(), "--actuals", csv.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no realisation plan"));
    nytta()
        .args([
            "follow-up",
            file.to_str().unwrap(),
            "--actuals",
            dir.path().join("missing.csv").to_str().unwrap(),
        ])
        .assert()
        .code(2);
}

#[test]
fn template_lists_lines_kinds_and_past_years_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let out = nytta()
        .args(["follow-up", file.to_str().unwrap(), "--template", "--as-of", "2011"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // Issue 12: the line's name beside its id, the plan, and a comment column to fill in.
    assert!(
        text.starts_with("line,name,kind,year,planned,amount,comment\r\n"),
        "{text}"
    );
    assert!(text.contains("bygg,Bygg,cost,2010,100000.00,,\r\n"), "{text}");
    assert!(text.contains("tid,Tid,harvest,2011,60000.00,,\r\n"), "{text}");
    assert!(!text.contains(",2012,"), "{text}");
    // Fill in one amount with a comment, and read it back.
    let filled = text.replace(
        "tid,Tid,harvest,2011,60000.00,,",
        "tid,Tid,harvest,2011,60000.00,55000,En tjänst vakant",
    );
    let csv = write(dir.path(), "filled.csv", &filled);
    let j = json(&[
        "follow-up",
        file.to_str().unwrap(),
        "--actuals",
        csv.to_str().unwrap(),
        "--as-of",
        "2011",
        "--format",
        "json",
    ]);
    assert_eq!(j["totals"]["actual_harvest"], "75000.00"); // 20000 (file) + 55000
    let row = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == "tid" && r["kind"] == "harvest" && r["year"] == 2011)
        .unwrap();
    assert_eq!(row["comment"], "En tjänst vakant");
}

#[test]
fn table_markdown_and_csv_render() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", PROJECT);
    let f = file.to_str().unwrap();
    nytta()
        .args(["follow-up", f, "--as-of", "2011", "--lang", "sv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Utfall"));
    nytta()
        .args([
            "follow-up",
            f,
            "--as-of",
            "2011",
            "--format",
            "markdown",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("| "));
    nytta()
        .args(["follow-up", f, "--as-of", "2011", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("line,name,kind,year,planned,actual,variance,variance_share,comment\r\nbygg,Bygg,cost,2010,100000.00,120000.00,20000.00,0.200000,\r\n"));
}

#[test]
fn follow_up_on_invalid_project_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "p.toml",
        &PROJECT.replace("class = \"financial\"", "class = \"finansiell\""),
    );
    nytta()
        .args(["follow-up", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E005]"));
}

/// Issue 9: money in a follow-up flag is written by the same formatter as the grid on
/// the same page. A harvest actual of 20 000,50 kr was `20,001` in the grid but
/// `harvest 20000 kr` (banker's rounding, no grouping) in the W201 flag.
#[test]
fn flag_money_matches_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "p.toml",
        &PROJECT.replace("actuals = { 2010 = 20000 }", "actuals = { 2010 = 20000.5 }"),
    );
    let out = nytta()
        .args([
            "follow-up",
            file.to_str().unwrap(),
            "--as-of",
            "2010",
            "--lang",
            "en",
            "--width",
            "200",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("20,001"), "{out}");
    assert!(out.contains("harvest 20,001 kr against 60,000 kr planned"), "{out}");
    assert!(!out.contains("harvest 20000 kr"), "{out}");
}
