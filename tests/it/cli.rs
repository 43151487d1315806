//! CLI tests: every command, format and exit code, run as a user would.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

pub fn nytta() -> Command {
    let mut cmd = Command::cargo_bin("nytta").unwrap();
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8");
    cmd
}

/// A small valid project, figures worked out by hand in `report_json_has_the_contract_keys`.
pub const VALID: &str = r#"format = 1
[project]
name = "Test"
id = "T-1"
organisation = "Kommunen"
start_year = 2010
years = 3
go_live = "2010-04"
[assumptions]
discount_rate = "10 %"
[[costs]]
id = "bygg"
name = "Utveckling"
category = "investment"
amounts = { 2010 = 300000 }
[[costs]]
id = "drift"
name = "Drift"
category = "operations"
annual = 12000
[[benefits]]
id = "porto"
name = "Porto"
class = "financial"
confidence = "high"
annual = 132000
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
[[benefits]]
name = "Nöjdare kunder"
class = "qualitative"
indicator = "NKI"
baseline = "60"
target = "75"
measured_by = "Enkät"
[scenarios.sen]
delay_months = 12
"#;

/// VALID with operations of 15 000 a year (5 % of the investment): no warning at all.
/// VALID itself keeps its hand-computed figures and so gets W116.
pub static QUIET_VALID: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| VALID.replace("annual = 12000", "annual = 15000"));

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn report_json_has_the_contract_keys() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let out = nytta()
        .args(["report", "--format", "json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let s = &j["summary"];
    // Net per year: benefit 132000 − operations 12000 = 120000 a year from April:
    // 2010: 90000 − 300000 = −210000; 2011 and 2012: 120000. NPV at 10 % = −1735.54.
    assert_eq!(s["npv"], "-1735.54");
    assert_eq!(s["total_costs"], "333000.00"); // 300000 + 9000 + 12000 + 12000
    assert_eq!(s["investment_costs"], "300000.00");
    assert_eq!(s["operations_costs"], "33000.00");
    assert_eq!(s["total_benefits"], "363000.00"); // 99000 + 132000 + 132000
    assert_eq!(s["discount_rate"], "0.100000");
    assert_eq!(s["irr"], "0.093836");
    assert_eq!(s["payback_month"], "2012-09");
    assert_eq!(s["payback_years"], "2.750000");
    assert_eq!(s["planned_harvest"], "363000.00");
    assert_eq!(s["harvest_share"], "1.000000");
    for key in [
        "npv_financial",
        "pv_costs",
        "pv_benefits",
        "bcr",
        "net",
        "other_costs",
        "financial_benefits",
        "reallocation_benefits",
    ] {
        assert!(s.get(key).is_some(), "summary.{key}");
    }
    assert_eq!(j["format"], 1);
    assert_eq!(j["scenario"], "base");
    assert_eq!(j["project"]["go_live"], "2010-04");
    assert_eq!(j["years"].as_array().unwrap().len(), 3);
    assert_eq!(j["years"][0]["net"], "-210000.00");
    assert_eq!(j["years"][0]["discount_factor"], "1.000000");
    assert_eq!(j["years"][2]["cumulative_net"], "30000.00");
    assert_eq!(j["stakeholders"][0]["name"], "Kommunen");
    assert_eq!(j["lines"][0]["id"], "bygg");
    assert_eq!(j["lines"][0]["kind"], "cost");
    assert_eq!(j["lines"][0]["by_year"]["2010"], "300000.00");
    assert_eq!(j["lines"][2]["class"], "financial");
    assert!(j["findings"].is_array());
}

#[test]
fn report_scenario_moves_benefits() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let out = nytta()
        .args(["report", "--format", "json", "--scenario", "sen"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(j["scenario"], "sen");
    // The benefit starts April 2011: 0, 99000, 132000.
    assert_eq!(j["years"][0]["benefits"], "0.00");
    assert_eq!(j["years"][1]["benefits"], "99000.00");
}

#[test]
fn report_unknown_scenario_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    nytta()
        .args(["report", "--scenario", "senn"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `sen`?"));
}

#[test]
fn report_compare_puts_every_scenario_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let table = nytta()
        .args(["report", "--compare", "--lang", "sv"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("Scenarier sida vid sida"), "{text}");
    // The base case and the presets in words; a written scenario by its name.
    for name in [
        "grundkalkyl",
        "sen",
        "optimismjustering, övre",
        "optimismjustering, undre",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    let csv = nytta()
        .args(["report", "--compare", "--format", "csv"])
        .arg(&file)
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv.starts_with("scenario,npv,npv_financial,bcr,irr,payback_month,planned_harvest\r\nbase,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 5, "{csv}");
    let json = nytta()
        .args(["report", "--compare", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(4));
}

#[test]
fn report_csv_sections() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    nytta().args(["report", "--format", "csv"]).arg(&file).assert().success().stdout(predicate::str::starts_with(
        "year,costs,investment_costs,operations_costs,other_costs,benefits,financial_benefits,reallocation_benefits,net,cumulative_net,discount_factor,planned_harvest\r\n2010,309000.00,300000.00,9000.00,0.00,99000.00,99000.00,0.00,-210000.00,-210000.00,1.000000,99000.00\r\n",
    ));
    nytta()
        .args(["report", "--format", "csv", "--section", "stakeholders"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Kommunen,Kommunen,333000.00,363000.00"));
    nytta()
        .args([
            "report",
            "--format",
            "csv",
            "--section",
            "lines",
            "--excel",
            "--lang",
            "sv",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("\u{feff}Id;Namn;Slag;Kategori"))
        .stdout(predicate::str::contains("bygg;Utveckling;cost;investment;;;300000,00"));
}

#[test]
fn report_on_invalid_file_prints_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &VALID.replace("amounts = {", "ammounts = {"));
    nytta()
        .arg("report")
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "p.toml:15:1: error[E002]: unknown key `ammounts`",
        ))
        .stderr(predicate::str::contains("did you mean `amounts`?"));
}

#[test]
fn report_missing_file_exits_2() {
    nytta()
        .args(["report", "no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn report_to_output_file_never_overwrites_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    nytta()
        .args(["report", "-o"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), VALID);
    let out = dir.path().join("r.json");
    nytta()
        .args(["report", "--format", "json", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"npv\": \"-1735.54\""));
}

#[test]
fn report_into_closed_pipe_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let bin = assert_cmd::cargo::cargo_bin("nytta");
    let mut child = std::process::Command::new(bin)
        .args(["report", "--format", "json"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{out:?}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_reports_every_problem_with_location_and_hint() {
    let dir = tempfile::tempdir().unwrap();
    let bad = VALID
        .replace("amounts = {", "ammounts = {")
        .replace("\"financial\"", "\"finacial\"")
        .replace("years = 3", "years = 0");
    let file = write(dir.path(), "bad.toml", &bad);
    nytta()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[E002]"))
        .stdout(predicate::str::contains(
            "error[E005]: `class` of [[benefits]] #1 \"Porto\" = \"finacial\"",
        ))
        .stdout(predicate::str::contains(
            "unknown key `ammounts` in [[costs]] #1 \"Utveckling\"",
        ))
        .stdout(predicate::str::contains("did you mean `\"financial\"`?"))
        .stdout(predicate::str::contains("`project.years` is out of range"))
        .stdout(predicate::str::contains("^^^^"))
        .stderr(predicate::str::contains("3 errors"));
}

#[test]
fn check_json_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.toml", &VALID.replace("amounts = {", "ammounts = {"));
    let out = nytta()
        .args(["check", "--format", "json"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = &j[0];
    for key in [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "code",
        "message",
        "hint",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(first["line"], 15);
    assert_eq!(first["code"], "E002");
    nytta()
        .args(["check", "--format", "github"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(",line=15,col=1,").and(predicate::str::starts_with("::error file=")));
}

#[test]
fn check_valid_file_exits_0_and_deny_warnings_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    // No stated discount rate: a warning (W106) but no error.
    let file = write(dir.path(), "p.toml", &VALID.replace("discount_rate = \"10 %\"", ""));
    nytta()
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[W106]"));
    nytta().args(["check", "--deny-warnings"]).arg(&file).assert().code(1);
}

#[test]
fn check_many_files_reports_all_and_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.toml", VALID);
    let bad = write(dir.path(), "bad.toml", "format = 1\n[project\n");
    nytta()
        .arg("check")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("bad.toml:2:").and(predicate::str::contains("error[E001]")));
    nytta()
        .arg("check")
        .arg(&good)
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(2);
}

#[test]
fn check_non_utf8_file_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    std::fs::write(&file, b"format = 1\nname = \"G\xf6teborg\"\n").unwrap();
    nytta()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not UTF-8"));
}

#[test]
fn usage_errors_exit_2() {
    nytta().assert().code(2);
    nytta().arg("frobnicate").assert().code(2);
    nytta().args(["report", "--format", "pdf", "x.toml"]).assert().code(2);
    nytta().arg("--help").assert().success();
}

#[test]
fn init_writes_each_template_valid_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    for template in ["basic", "e-service", "shared"] {
        let file = dir.path().join(format!("{template}.toml"));
        nytta()
            .args(["init", "--template", template])
            .arg(&file)
            .assert()
            .success();
        // A template is good practice: no warning at all.
        nytta().args(["check", "--deny-warnings"]).arg(&file).assert().success();
        let before = std::fs::read_to_string(&file).unwrap();
        nytta()
            .args(["init"])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("already exists"));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    }
    nytta().current_dir(dir.path()).arg("init").assert().success();
    assert!(dir.path().join("nyttokalkyl.toml").exists());
}

#[test]
fn language_follows_flag_then_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let sv = nytta()
        .arg("report")
        .arg(&file)
        .env("LANG", "sv_SE.UTF-8")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let sv_flag = nytta()
        .args(["report", "--lang", "sv"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let en = nytta()
        .args(["report", "--lang", "en"])
        .arg(&file)
        .env("LANG", "sv_SE.UTF-8")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(sv, sv_flag);
    assert_ne!(sv, en);
    assert!(String::from_utf8_lossy(&sv).contains("300 000"));
}

#[test]
fn deny_warnings_works_on_report_and_follow_up_too() {
    let dir = tempfile::tempdir().unwrap();
    // No stated discount rate: W106.
    let file = write(dir.path(), "p.toml", &VALID.replace("discount_rate = \"10 %\"", ""));
    nytta()
        .args(["report", "--format", "json"])
        .arg(&file)
        .assert()
        .success();
    nytta()
        .args(["report", "--format", "json", "--deny-warnings"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"W106\""));
    nytta()
        .args(["follow-up", "--as-of", "2011", "--deny-warnings"])
        .arg(&file)
        .assert()
        .code(1);
    // VALID with operations at 5 % of the investment has no warning at all.
    let clean = write(
        dir.path(),
        "clean.toml",
        &VALID.replace("annual = 12000", "annual = 15000"),
    );
    nytta()
        .args(["report", "--deny-warnings"])
        .arg(&clean)
        .assert()
        .success();
}

#[test]
fn years_and_months_may_be_quoted_and_huge_figures_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let quoted = VALID
        .replace("go_live = \"2010-04\"", "go_live = \"2010\"")
        .replace("annual = 12000", "annual = 12000\nfrom = \"2011\"\nto = \"2011\"");
    let file = write(dir.path(), "q.toml", &quoted);
    let out = nytta()
        .args(["report", "--format", "json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(j["project"]["go_live"], "2010-01");
    // Operations only in 2011 (January to December): 12000.
    assert_eq!(j["summary"]["operations_costs"], "12000.00");
    // Nets of 7 × 10^10 kr: no overflow in the IRR.
    let huge = "format = 1\n[project]\nname = \"S\"\norganisation = \"O\"\nstart_year = 2010\nyears = 2\n[[costs]]\nname = \"C\"\ncategory = \"investment\"\namounts = { 2010 = 70_000_000_000 }\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\namounts = { 2011 = 80_000_000_000 }\n";
    let file = write(dir.path(), "huge.toml", huge);
    nytta()
        .args(["report", "--format", "json"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"irr\": \"0.142857\""));
    // A duplicate year written two ways is an error.
    let dup = VALID.replace("amounts = { 2010 = 300000 }", "amounts = { 2010 = 300000, 02010 = 1 }");
    let file = write(dir.path(), "dup.toml", &dup);
    nytta()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[E007]"));
}

/// The widest line of a text, in characters.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Tables follow the page (docs/decisions.md, D72): `--width 80` gives lines of at most
/// 80 characters, year tables split into blocks of years that each repeat the item
/// column, and no number is broken; piped output is laid out for 100 characters
/// whatever `COLUMNS` says, the same on every run.
#[test]
fn report_tables_follow_the_page_width() {
    for example in [
        "bokningssystem",
        "delad-tjanst",
        "e-tjanst-bygglov",
        "klassiskt-fel",
        "klassiskt-fel-rattat",
        "uppfoljning-bygglov",
        "worked-example",
    ] {
        let file = format!("{}/examples/{example}.toml", env!("CARGO_MANIFEST_DIR"));
        let narrow = nytta().args(["--width", "80", "report", &file]).output().unwrap();
        let narrow = String::from_utf8(narrow.stdout).unwrap();
        assert!(widest(&narrow) <= 80, "{example}: {} wide\n{narrow}", widest(&narrow));
        let piped = nytta().args(["report", &file]).env("COLUMNS", "60").output().unwrap();
        let piped = String::from_utf8(piped.stdout).unwrap();
        assert!(widest(&piped) <= 100, "{example}: {} wide", widest(&piped));
        let again = nytta().args(["report", &file]).env("COLUMNS", "200").output().unwrap();
        assert_eq!(piped, String::from_utf8(again.stdout).unwrap(), "{example}");
    }
    // Six years at 80 characters: two blocks, each with the item column, the total in the
    // last; every year once.
    let file = format!("{}/examples/e-tjanst-bygglov.toml", env!("CARGO_MANIFEST_DIR"));
    let out = nytta()
        .args(["--width", "80", "--lang", "sv", "report", &file, "--section", "years"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("│ Post ")).collect();
    assert_eq!(headers.len(), 2, "{out}");
    assert!(headers[0].contains("2027") && !headers[0].contains("Summa"), "{out}");
    assert!(headers[1].contains("2032") && headers[1].contains("Summa"), "{out}");
    for year in 2027..=2032 {
        assert_eq!(out.matches(&format!(" {year} ")).count(), 1, "{year}\n{out}");
    }
    // A number is never broken over two lines: every amount of the investment row reads
    // whole.
    assert!(out.contains("1 341 473") && out.contains("1 881 583"), "{out}");
    // The batch tables follow the page too, the project's name repeated in each block.
    let examples = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let batch = nytta()
        .args(["--width", "80", "batch", &examples, "--format", "table"])
        .args(["--group-by", "stakeholder", "--by-year"])
        .output()
        .unwrap();
    let batch = String::from_utf8(batch.stdout).unwrap();
    assert!(widest(&batch) <= 80, "{} wide\n{batch}", widest(&batch));
    assert!(
        batch.lines().filter(|l| l.starts_with("│ Name ")).count() >= 2,
        "{batch}"
    );
    // At 200 characters the table is whole.
    let wide = nytta()
        .args(["--width", "200", "--lang", "sv", "report", &file, "--section", "years"])
        .output()
        .unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    assert_eq!(wide.lines().filter(|l| l.starts_with("│ Post ")).count(), 1, "{wide}");
}

/// The planned harvest per stakeholder, method and year ends in a Summa row that adds
/// up the cells shown, with one stakeholder as with several.
#[test]
fn harvest_per_stakeholder_method_and_year_has_a_summa_row_that_adds_up() {
    for example in ["e-tjanst-bygglov", "delad-tjanst"] {
        let file = format!("{}/examples/{example}.toml", env!("CARGO_MANIFEST_DIR"));
        let out = nytta()
            .args(["report", &file, "--lang", "sv", "--width", "400"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "Planerad hemtagning per intressent, metod och år")
            .skip(4)
            .take_while(|l| l.starts_with('│'))
            .collect();
        let cells = |l: &str| -> Vec<String> {
            l.trim_matches('│')
                .split(['┆', '│'])
                .map(|c| c.trim().to_string())
                .collect()
        };
        let number = |c: &str| -> i64 { c.replace(' ', "").parse().unwrap_or(0) };
        let summa = table.iter().map(|l| cells(l)).find(|c| c[0] == "Summa");
        let Some(summa) = summa else {
            panic!("{example}: no Summa row in {table:#?}");
        };
        let parts: Vec<Vec<String>> = table
            .iter()
            .map(|l| cells(l))
            .filter(|c| c[0] != "Summa" && c[1] != "hemtagning totalt")
            .collect();
        assert!(!parts.is_empty(), "{example}");
        for col in 2..summa.len() {
            let sum: i64 = parts.iter().map(|c| number(&c[col])).sum();
            assert_eq!(sum, number(&summa[col]), "{example}, column {col}: {table:#?}");
        }
    }
}
